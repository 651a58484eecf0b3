//! Document-level facts: `info`, `servers`, security schemes and security requirements.

use openapiv3::{APIKeyLocation, ReferenceOr};

use super::docs;
use super::Lowerer;
use crate::ir::{
    ApiKeyLocation, Docs, SecurityRequirement, SecurityScheme, SecuritySchemeKind, Server,
};
use crate::pointer;

/// Everything of [`crate::ir::Api`] except models and operations.
pub(super) struct ApiHeader {
    pub(super) title: String,
    pub(super) title_docs: String,
    pub(super) version: String,
    pub(super) docs: Docs,
    pub(super) servers: Vec<Server>,
    pub(super) default_base_url: String,
    pub(super) security_schemes: Vec<SecurityScheme>,
}

impl<'spec> Lowerer<'spec> {
    pub(super) fn lower_info(&mut self) -> ApiHeader {
        let info = &self.spec.info;
        // OpenAPI 3.1's `info.summary` (kept by the converter in an extension) leads the
        // crate docs, before the description.
        let summary = info
            .extensions
            .get(crate::load::extras::SUMMARY)
            .and_then(serde_json::Value::as_str);
        let text = docs::join_text(&[summary, info.description.as_deref()]);
        let api_docs = docs::docs(text, || {
            format!("A client for {}.", docs::code(&info.title))
        });
        let servers = self
            .spec
            .servers
            .iter()
            .map(|server| Server {
                url: server.url.clone(),
                description: server.description.clone(),
                variables: server
                    .variables
                    .iter()
                    .flatten()
                    .map(|(name, variable)| (name.clone(), variable.default.clone()))
                    .collect(),
            })
            .collect::<Vec<Server>>();
        let servers: Vec<Server> = servers;
        ApiHeader {
            title: info.title.clone(),
            title_docs: docs::one_line(&info.title, "the API"),
            version: info.version.clone(),
            docs: api_docs,
            default_base_url: default_base_url(&servers),
            servers,
            security_schemes: self.lower_security_schemes(),
        }
    }

    fn lower_security_schemes(&mut self) -> Vec<SecurityScheme> {
        let spec = self.spec;
        let schemes = spec
            .components
            .iter()
            .flat_map(|components| components.security_schemes.iter());
        let mut lowered = Vec::new();
        for (name, scheme) in schemes {
            let at = pointer::child("#/components/securitySchemes", name);
            let scheme = match scheme {
                ReferenceOr::Item(scheme) => scheme,
                ReferenceOr::Reference { reference } => {
                    self.errors.warn(
                        &at,
                        format!("the security scheme is a `$ref` (`{reference}`), which is not followed; it is left out"),
                    );
                    continue;
                }
            };
            let (kind, description) = lower_security_scheme(scheme);
            lowered.push(SecurityScheme {
                name: name.clone(),
                kind,
                description: description.clone(),
            });
        }
        lowered
    }

    /// The effective security of an operation: its own requirements, or the document's.
    /// Every named scheme must exist in `components.securitySchemes`.
    pub(super) fn lower_security(
        &mut self,
        own: Option<&'spec Vec<openapiv3::SecurityRequirement>>,
        own_at: &str,
    ) -> Vec<SecurityRequirement> {
        let (requirements, at) = match own {
            Some(requirements) => (requirements, own_at.to_owned()),
            None => match &self.spec.security {
                Some(requirements) => (requirements, "#/security".to_owned()),
                None => return Vec::new(),
            },
        };
        let known = self
            .spec
            .components
            .as_ref()
            .map(|components| &components.security_schemes);
        let mut lowered = Vec::new();
        for (index, requirement) in requirements.iter().enumerate() {
            let mut schemes = Vec::new();
            for (name, scopes) in requirement {
                if !known.is_some_and(|known| known.contains_key(name)) {
                    let message = format!("security requirement names `{name}`, which is not in `components.securitySchemes`; the client cannot know how to send it");
                    self.errors.warn(pointer::index(&at, index), message);
                }
                schemes.push((name.clone(), scopes.clone()));
            }
            lowered.push(SecurityRequirement { schemes });
        }
        lowered
    }
}

/// How a security scheme sends credentials, and its description.
fn lower_security_scheme(
    scheme: &openapiv3::SecurityScheme,
) -> (SecuritySchemeKind, &Option<String>) {
    match scheme {
        openapiv3::SecurityScheme::APIKey {
            location,
            name,
            description,
            ..
        } => {
            let location = match location {
                APIKeyLocation::Header => ApiKeyLocation::Header,
                APIKeyLocation::Query => ApiKeyLocation::Query,
                APIKeyLocation::Cookie => ApiKeyLocation::Cookie,
            };
            (
                SecuritySchemeKind::ApiKey {
                    location,
                    parameter_name: name.clone(),
                },
                description,
            )
        }
        openapiv3::SecurityScheme::HTTP {
            scheme,
            bearer_format,
            description,
            ..
        } => {
            let kind = SecuritySchemeKind::Http {
                scheme: scheme.clone(),
                bearer_format: bearer_format.clone(),
            };
            (kind, description)
        }
        openapiv3::SecurityScheme::OAuth2 { description, .. } => {
            (SecuritySchemeKind::OAuth2, description)
        }
        openapiv3::SecurityScheme::OpenIDConnect {
            open_id_connect_url,
            description,
            ..
        } => (
            SecuritySchemeKind::OpenIdConnect {
                url: open_id_connect_url.clone(),
            },
            description,
        ),
    }
}

/// The first server URL that is absolute once its variables take their defaults. A relative
/// URL (`/payment`) cannot be a default: it needs a host the document does not name.
fn default_base_url(servers: &[Server]) -> String {
    servers
        .iter()
        .map(|server| {
            server
                .variables
                .iter()
                .fold(server.url.clone(), |url, (name, default)| {
                    url.replace(&format!("{{{name}}}"), default)
                })
        })
        .find(|url| url.starts_with("https://") || url.starts_with("http://"))
        .unwrap_or_default()
}
