//! `host`, `basePath` and `schemes` → `servers`: one URL per scheme, in the document's order
//! (`https` when it lists none); a base path without a host is a relative URL (`/v1`); neither
//! gives no servers, which 3.0 reads as the document's own origin. An operation's own
//! `schemes` become the operation's `servers` when they differ from the document's.

use serde_yaml::{Mapping, Value};

use super::{shown, Upgrade};
use crate::pointer;

/// What the document says of where the API is, read leniently.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Base {
    /// The host (and port), without a scheme or path.
    host: Option<String>,
    /// The base path, starting with `/` and without a trailing `/` (empty for the root).
    base_path: String,
    /// The schemes the document lists, in order (empty when it lists none).
    schemes: Vec<String>,
}

impl Base {
    /// The document's base, and a warning `(pointer, message)` for each part read leniently.
    pub(super) fn of(input: &Mapping) -> (Base, Vec<(String, String)>) {
        let mut notes = Vec::new();
        let mut base = Base::default();
        let mut path_in_host = String::new();
        match input.get("host") {
            None => {}
            Some(Value::String(written)) => {
                let (host, path) = split_host(written);
                if host != written {
                    notes.push((
                        "#/host".to_owned(),
                        format!(
                            "`host` is `{written}`; expected a host name and port only \
                             (`api.example.com:8443`); read as host `{host}`{}",
                            if path.is_empty() {
                                String::new()
                            } else {
                                format!(" and base path `{path}`")
                            }
                        ),
                    ));
                }
                base.host = Some(host.to_owned());
                path_in_host = path.to_owned();
            }
            Some(other) => notes.push(not_text("#/host", "host", other)),
        }
        let written_path = match input.get("basePath") {
            None => String::new(),
            Some(Value::String(path)) => {
                if !path.starts_with('/') {
                    notes.push((
                        "#/basePath".to_owned(),
                        format!(
                            "`basePath` is `{path}`; it must start with `/`; read as `/{path}`"
                        ),
                    ));
                }
                path.trim_start_matches('/').to_owned()
            }
            Some(other) => {
                notes.push(not_text("#/basePath", "basePath", other));
                String::new()
            }
        };
        let joined = format!("{path_in_host}/{written_path}");
        base.base_path = joined.trim_end_matches('/').to_owned();
        base.schemes = schemes(input.get("schemes"), "#/schemes", &mut notes);
        (base, notes)
    }

    /// The server URLs for `schemes` (the document's when `None`).
    fn urls(&self, schemes: Option<&[String]>) -> Vec<String> {
        match &self.host {
            Some(host) => {
                let schemes = match schemes.unwrap_or(&self.schemes) {
                    [] => vec!["https".to_owned()],
                    listed => listed.to_vec(),
                };
                schemes
                    .iter()
                    .map(|scheme| format!("{scheme}://{host}{}", self.base_path))
                    .collect()
            }
            None if self.base_path.is_empty() => Vec::new(),
            None => vec![self.base_path.clone()],
        }
    }
}

/// A host written with a scheme or a path (`https://api.example.com/v1`): the host, and the
/// path that belongs to the base path.
fn split_host(written: &str) -> (&str, &str) {
    let without_scheme = written.split_once("://").map_or(written, |(_, rest)| rest);
    match without_scheme.find('/') {
        Some(slash) => (&without_scheme[..slash], &without_scheme[slash..]),
        None => (without_scheme, ""),
    }
}

fn not_text(at: &str, key: &str, value: &Value) -> (String, String) {
    (
        at.to_owned(),
        format!(
            "`{key}` is `{}`; expected a string; it is ignored",
            shown(value)
        ),
    )
}

/// The schemes of a `schemes` list at `at`, warning about what is not a scheme name.
fn schemes(value: Option<&Value>, at: &str, notes: &mut Vec<(String, String)>) -> Vec<String> {
    match value {
        None => Vec::new(),
        Some(Value::Sequence(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| match item {
                Value::String(scheme) => Some(scheme.to_ascii_lowercase()),
                other => {
                    notes.push((
                        pointer::index(at, index),
                        format!("`{}` is not a scheme name; it is ignored", shown(other)),
                    ));
                    None
                }
            })
            .collect(),
        Some(other) => {
            notes.push((
                at.to_owned(),
                format!(
                    "`schemes` is `{}`; expected a list such as [https]; it is ignored",
                    shown(other)
                ),
            ));
            Vec::new()
        }
    }
}

impl Upgrade<'_, '_> {
    /// The document's `servers`, if it names any place.
    pub(super) fn servers(&mut self) -> Option<Value> {
        let from = if self.base.host.is_some() {
            "#/host"
        } else {
            "#/basePath"
        };
        let urls = self.base.urls(None);
        self.server_list(urls, "#/servers", |_| from.to_owned())
    }

    /// An operation's `servers`, from its own `schemes` at `at`, when they differ from the
    /// document's.
    pub(super) fn operation_servers(&mut self, value: &Value, operation_at: &str) -> Option<Value> {
        let at = pointer::child(operation_at, "schemes");
        let mut notes = Vec::new();
        let own = schemes(Some(value), &at, &mut notes);
        for (at, message) in notes {
            self.warn(at, message);
        }
        if own == self.base.schemes || own.is_empty() {
            return None;
        }
        if self.base.host.is_none() {
            self.warn(
                &at,
                "an operation's `schemes` need the document's `host` to make a server URL; \
                 they are ignored",
            );
            return None;
        }
        let urls = self.base.urls(Some(&own));
        let servers_at = pointer::child(operation_at, "servers");
        self.server_list(urls, &servers_at, |index| pointer::index(&at, index))
    }

    /// A `servers` list at `at` of `urls`, each mounted on the input place `from` names.
    fn server_list(
        &mut self,
        urls: Vec<String>,
        at: &str,
        from: impl Fn(usize) -> String,
    ) -> Option<Value> {
        if urls.is_empty() {
            return None;
        }
        let mut servers = Vec::new();
        for (index, url) in urls.into_iter().enumerate() {
            let server_at = pointer::index(at, index);
            self.reshaped(&server_at, &from(index));
            self.reshaped(&pointer::child(&server_at, "url"), &from(index));
            let mut server = Mapping::new();
            server.insert("url".into(), url.into());
            servers.push(Value::Mapping(server));
        }
        Some(Value::Sequence(servers))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{upgrade_text, yaml};

    fn servers_of(head: &str) -> (serde_yaml::Value, Vec<(String, String)>) {
        let upgraded = upgrade_text(&format!(
            "swagger: '2.0'\ninfo: {{title: t, version: '1'}}\n{head}\npaths: {{}}\n"
        ));
        let servers = upgraded
            .at("#/servers")
            .cloned()
            .unwrap_or(serde_yaml::Value::Null);
        (servers, upgraded.warnings)
    }

    #[test]
    fn one_url_per_scheme_in_order_and_https_by_default() {
        let cases = [
            (
                "host: api.example.com\nbasePath: /v1\nschemes: [http, https]",
                "[{url: 'http://api.example.com/v1'}, {url: 'https://api.example.com/v1'}]",
            ),
            (
                "host: api.example.com:8443",
                "[{url: 'https://api.example.com:8443'}]",
            ),
            (
                "host: api.example.com\nbasePath: /",
                "[{url: 'https://api.example.com'}]",
            ),
            ("basePath: /v1/", "[{url: /v1}]"),
            ("basePath: /\nschemes: [http]", "null"),
            ("schemes: [http]", "null"),
        ];
        for (head, expected) in cases {
            let (servers, warnings) = servers_of(head);
            assert_eq!(servers, yaml(expected), "{head}");
            assert_eq!(warnings, [], "{head}");
        }
    }

    #[test]
    fn a_host_with_a_scheme_or_path_is_read_with_a_warning() {
        let (servers, warnings) = servers_of("host: https://api.example.com/api\nbasePath: v2");
        assert_eq!(servers, yaml("[{url: 'https://api.example.com/api/v2'}]"));
        assert_eq!(
            warnings,
            [
                (
                    "#/host".to_owned(),
                    "`host` is `https://api.example.com/api`; expected a host name and port only \
                     (`api.example.com:8443`); read as host `api.example.com` and base path `/api`"
                        .to_owned()
                ),
                (
                    "#/basePath".to_owned(),
                    "`basePath` is `v2`; it must start with `/`; read as `/v2`".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn operation_schemes_become_operation_servers_when_they_differ() {
        let upgraded = upgrade_text(
            "
swagger: '2.0'
info: {title: t, version: '1'}
host: api.example.com
schemes: [https]
paths:
  /a:
    get: {schemes: [http], responses: {'204': {description: ok}}}
    put: {schemes: [https], responses: {'204': {description: ok}}}
",
        );
        assert_eq!(
            upgraded.at("#/paths/~1a/get/servers").cloned(),
            Some(yaml("[{url: 'http://api.example.com'}]"))
        );
        assert_eq!(upgraded.at("#/paths/~1a/put/servers"), None);
        assert_eq!(upgraded.at("#/paths/~1a/get/schemes"), None);
        assert_eq!(
            upgraded.resolve("#/paths/~1a/get/servers/0/url"),
            "#/paths/~1a/get/schemes/0"
        );
        assert_eq!(upgraded.resolve("#/servers/0/url"), "#/host");
    }
}
