//! `securityDefinitions` → `components/securitySchemes`: `basic` is HTTP basic
//! authentication (`{type: http, scheme: basic}`), `apiKey` is the same in 3.0, and `oauth2`
//! names its one flow (`implicit`, `password`, `application`, `accessCode`), which 3.0 writes
//! under `flows` (`implicit`, `password`, `clientCredentials`, `authorizationCode`) with the
//! flow's URLs and scopes. Descriptions and extensions are kept.

use serde_yaml::{Mapping, Value};

use super::{field, shown, Upgrade};
use crate::pointer;

/// The 2.0 OAuth 2 flows: their 3.0 names, and the fields each has.
const FLOWS: [(&str, &str, &[&str]); 4] = [
    ("implicit", "implicit", &["authorizationUrl"]),
    ("password", "password", &["tokenUrl"]),
    ("application", "clientCredentials", &["tokenUrl"]),
    (
        "accessCode",
        "authorizationCode",
        &["authorizationUrl", "tokenUrl"],
    ),
];

impl Upgrade<'_, '_> {
    /// Every security scheme; one of a type 2.0 does not have is left out with a warning.
    pub(super) fn security_schemes(&mut self, value: &Value) -> Value {
        let Value::Mapping(definitions) = value else {
            return value.clone();
        };
        let mut schemes = Mapping::new();
        for (key, scheme) in definitions {
            let Some(name) = key.as_str() else { continue };
            let at = pointer::child("#/components/securitySchemes", name);
            let from = pointer::child("#/securityDefinitions", name);
            if let Some(converted) = self.security_scheme(scheme, &at, &from) {
                schemes.insert(key.clone(), converted);
            }
        }
        Value::Mapping(schemes)
    }

    fn security_scheme(&mut self, value: &Value, at: &str, from: &str) -> Option<Value> {
        let Value::Mapping(scheme) = value else {
            return Some(value.clone());
        };
        match field(scheme, "type") {
            Some("basic") => {
                let mut output = Mapping::new();
                output.insert("type".into(), "http".into());
                output.insert("scheme".into(), "basic".into());
                self.reshaped(&pointer::child(at, "scheme"), &pointer::child(from, "type"));
                copy_notes(scheme, &mut output);
                Some(Value::Mapping(output))
            }
            Some("apiKey") => Some(value.clone()),
            Some("oauth2") => self.oauth2(scheme, at, from),
            Some(written @ ("http" | "openIdConnect")) => {
                self.warn(
                    pointer::child(at, "type"),
                    format!(
                        "security scheme type `{written}` is OpenAPI 3.0, not Swagger 2.0; it is \
                         kept as written"
                    ),
                );
                Some(value.clone())
            }
            other => {
                let shown_type = other.map_or_else(|| "(none)".to_owned(), str::to_owned);
                self.warn(
                    pointer::child(at, "type"),
                    format!(
                        "security scheme type `{shown_type}` is not a Swagger 2.0 type (basic, \
                         apiKey or oauth2); the scheme is left out"
                    ),
                );
                None
            }
        }
    }

    /// An `oauth2` scheme: its flow under `flows`, by its 3.0 name.
    fn oauth2(&mut self, scheme: &Mapping, at: &str, from: &str) -> Option<Value> {
        let written = scheme.get("flow");
        let Some((_, name, urls)) = FLOWS
            .iter()
            .find(|(flow, ..)| written.and_then(Value::as_str) == Some(*flow))
        else {
            self.warn(
                pointer::child(at, "flow"),
                format!(
                    "oauth2 `flow` is `{}`; expected implicit, password, application or \
                     accessCode; the scheme is left out",
                    written.map_or_else(|| "(none)".to_owned(), shown)
                ),
            );
            return None;
        };
        let flow_at = pointer::child(&pointer::child(at, "flows"), name);
        self.reshaped(&flow_at, from);
        let mut flow = Mapping::new();
        for url in *urls {
            if let Some(value) = scheme.get(*url) {
                flow.insert((*url).into(), value.clone());
            }
        }
        let scopes = match scheme.get("scopes") {
            Some(scopes) => scopes.clone(),
            None => {
                self.warn(
                    at,
                    "an oauth2 scheme without `scopes` is read as one with no scopes",
                );
                Value::Mapping(Mapping::new())
            }
        };
        flow.insert("scopes".into(), scopes);
        let mut flows = Mapping::new();
        flows.insert((*name).into(), Value::Mapping(flow));
        let mut output = Mapping::new();
        output.insert("type".into(), "oauth2".into());
        copy_notes(scheme, &mut output);
        output.insert("flows".into(), Value::Mapping(flows));
        Some(Value::Mapping(output))
    }
}

/// Copies a scheme's description and extensions.
fn copy_notes(scheme: &Mapping, output: &mut Mapping) {
    for (key, value) in scheme {
        let keep = key
            .as_str()
            .is_some_and(|name| name == "description" || name.starts_with("x-"));
        if keep {
            output.insert(key.clone(), value.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{document, upgrade_text, yaml};

    #[test]
    fn every_scheme_type_takes_its_3_0_form() {
        let upgraded = upgrade_text(&document(
            "
paths: {}
securityDefinitions:
  basicAuth: {type: basic, description: Your login., x-kind: people}
  key: {type: apiKey, in: header, name: X-Key}
  implicit:
    type: oauth2
    flow: implicit
    authorizationUrl: https://example.com/authorize
    scopes: {read: Read.}
  password: {type: oauth2, flow: password, tokenUrl: https://example.com/token, scopes: {}}
  machine: {type: oauth2, flow: application, tokenUrl: https://example.com/token, scopes: {}}
  code:
    type: oauth2
    flow: accessCode
    authorizationUrl: https://example.com/authorize
    tokenUrl: https://example.com/token
    scopes: {write: Write.}
security:
  - implicit: [read]
",
        ));
        assert_eq!(
            upgraded.at("#/components/securitySchemes").cloned(),
            Some(yaml(
                "
basicAuth: {type: http, scheme: basic, description: Your login., x-kind: people}
key: {type: apiKey, in: header, name: X-Key}
implicit:
  type: oauth2
  flows:
    implicit: {authorizationUrl: https://example.com/authorize, scopes: {read: Read.}}
password: {type: oauth2, flows: {password: {tokenUrl: https://example.com/token, scopes: {}}}}
machine:
  type: oauth2
  flows: {clientCredentials: {tokenUrl: https://example.com/token, scopes: {}}}
code:
  type: oauth2
  flows:
    authorizationCode:
      authorizationUrl: https://example.com/authorize
      tokenUrl: https://example.com/token
      scopes: {write: Write.}
"
            ))
        );
        assert_eq!(
            upgraded.at("#/security").cloned(),
            Some(yaml("[{implicit: [read]}]"))
        );
        assert_eq!(
            upgraded.resolve("#/components/securitySchemes/code/flows/authorizationCode/tokenUrl"),
            "#/securityDefinitions/code/tokenUrl"
        );
        assert_eq!(
            upgraded.resolve("#/components/securitySchemes/key/name"),
            "#/securityDefinitions/key/name"
        );
        assert_eq!(upgraded.warnings, []);
    }

    #[test]
    fn a_3_0_type_is_kept_and_an_unknown_type_or_flow_left_out() {
        let upgraded = upgrade_text(&document(
            "
paths: {}
securityDefinitions:
  bearer: {type: http, scheme: bearer}
  mystery: {type: token}
  odd: {type: oauth2, flow: device, scopes: {}}
  bare: {type: oauth2, flow: password, tokenUrl: https://example.com/token}
",
        ));
        assert_eq!(
            upgraded.at("#/components/securitySchemes").cloned(),
            Some(yaml(
                "
bearer: {type: http, scheme: bearer}
bare: {type: oauth2, flows: {password: {tokenUrl: https://example.com/token, scopes: {}}}}
"
            ))
        );
        assert_eq!(
            upgraded.warnings,
            [
                (
                    "#/securityDefinitions/bearer/type".to_owned(),
                    "security scheme type `http` is OpenAPI 3.0, not Swagger 2.0; it is kept as \
                     written"
                        .to_owned()
                ),
                (
                    "#/securityDefinitions/mystery/type".to_owned(),
                    "security scheme type `token` is not a Swagger 2.0 type (basic, apiKey or \
                     oauth2); the scheme is left out"
                        .to_owned()
                ),
                (
                    "#/securityDefinitions/odd/flow".to_owned(),
                    "oauth2 `flow` is `device`; expected implicit, password, application or \
                     accessCode; the scheme is left out"
                        .to_owned()
                ),
                (
                    "#/securityDefinitions/bare".to_owned(),
                    "an oauth2 scheme without `scopes` is read as one with no scopes".to_owned()
                ),
            ]
        );
    }
}
