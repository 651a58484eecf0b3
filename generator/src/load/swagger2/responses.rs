//! Responses. A response's `schema` becomes its `content`, one entry per effective `produces`
//! type; its `examples` (a map of media type → example) become each entry's `example`; its
//! headers, which 2.0 writes flat like a parameter, take a `schema`. A global response
//! becomes `components/responses`, with the media types most of its users produce; an
//! operation that produces others gets a copy in place.

use serde_yaml::{Mapping, Value};

use super::params::{serialization, Serialization};
use super::usage::{essence, same_names, MediaType};
use super::{field, refs, shown, Upgrade};
use crate::pointer;

impl<'input> Upgrade<'input, '_> {
    /// An operation's `responses` at `at`, for an operation that produces `produces`.
    pub(super) fn responses(
        &mut self,
        value: &'input Value,
        at: &str,
        produces: &[MediaType],
    ) -> Value {
        let Value::Mapping(responses) = value else {
            return value.clone();
        };
        let mut output = Mapping::new();
        for (key, response) in responses {
            let Some(status) = key.as_str() else { continue };
            let response_at = pointer::child(at, status);
            let converted = if status.starts_with("x-") {
                response.clone()
            } else {
                self.operation_response(response, &response_at, produces)
            };
            output.insert(key.clone(), converted);
        }
        Value::Mapping(output)
    }

    /// One response of an operation: a `$ref` is kept (to be rewritten) unless it is to a
    /// global response with a body whose component has other media types, which is copied.
    fn operation_response(
        &mut self,
        response: &'input Value,
        at: &str,
        produces: &[MediaType],
    ) -> Value {
        let Some(reference) = response.get("$ref").and_then(Value::as_str) else {
            return self.response(response, at, at, produces);
        };
        if let Some((target, source)) = refs::resolve_local(self.root, reference) {
            let global = refs::global_name(&source, "responses");
            let has_body = target.get("schema").is_some() && target.get("$ref").is_none();
            if let (Some(name), true) = (global, has_body) {
                if !same_names(&self.media.response(&name), produces) {
                    self.reshaped(at, &source);
                    return self.copy(|upgrade| upgrade.response(target, at, &source, produces));
                }
            }
        }
        self.reference_at(at);
        response.clone()
    }

    /// Global `responses` → `components/responses`.
    pub(super) fn global_responses(&mut self, value: &Value) -> Value {
        let Value::Mapping(responses) = value else {
            return value.clone();
        };
        let mut output = Mapping::new();
        for (key, response) in responses {
            let Some(name) = key.as_str() else { continue };
            let at = pointer::child("#/components/responses", name);
            let from = pointer::child("#/responses", name);
            let produces = self.media.response(name);
            output.insert(key.clone(), self.response(response, &at, &from, &produces));
        }
        Value::Mapping(output)
    }

    /// The response at `from`, written at `at`.
    fn response(&mut self, value: &Value, at: &str, from: &str, produces: &[MediaType]) -> Value {
        let Value::Mapping(response) = value else {
            return value.clone();
        };
        if response.contains_key("$ref") {
            self.reference_at(at);
            return value.clone();
        }
        let examples = response.get("examples");
        let mut output = Mapping::new();
        for (key, member) in response {
            let Some(name) = key.as_str() else { continue };
            match name {
                "schema" => {
                    let schema_from = pointer::child(from, name);
                    let mut content = self.content(Some(member), at, &schema_from, produces, from);
                    self.examples(examples, &mut content, at, from);
                    output.insert("content".into(), Value::Mapping(content));
                }
                "examples" => {}
                "headers" => {
                    let headers = self.headers(
                        member,
                        &pointer::child(at, name),
                        &pointer::child(from, name),
                    );
                    output.insert(key.clone(), headers);
                }
                _ => {
                    output.insert(key.clone(), member.clone());
                }
            }
        }
        if !response.contains_key("schema") {
            self.examples(examples, &mut Mapping::new(), at, from);
        }
        Value::Mapping(output)
    }

    /// Puts each example of `examples` under the `content` entry of its media type; one for a
    /// media type the response does not have is left out, with a warning at the place it
    /// would have had.
    fn examples(&mut self, examples: Option<&Value>, content: &mut Mapping, at: &str, from: &str) {
        let Some(examples) = examples else { return };
        let examples_from = pointer::child(from, "examples");
        let Value::Mapping(examples) = examples else {
            self.warn(
                pointer::child(at, "examples"),
                format!(
                    "`examples` is `{}`; expected a mapping of media types to examples; it is ignored",
                    shown(examples)
                ),
            );
            return;
        };
        let content_at = pointer::child(at, "content");
        for (key, example) in examples {
            let Some(media_type) = key.as_str() else {
                continue;
            };
            let example_from = pointer::child(&examples_from, media_type);
            let matching = content
                .iter_mut()
                .find(|(name, _)| name.as_str().map(essence) == Some(essence(media_type)));
            if let Some((name, Value::Mapping(entry))) = matching {
                let name = name.as_str().unwrap_or_default().to_owned();
                let example_at = pointer::child(&pointer::child(&content_at, &name), "example");
                self.moved(&example_at, &example_from);
                entry.insert("example".into(), example.clone());
                continue;
            }
            let example_at = pointer::child(&pointer::child(&content_at, media_type), "example");
            self.reshaped(&example_at, &example_from);
            let listed: Vec<String> = content
                .keys()
                .filter_map(|name| Some(format!("`{}`", name.as_str()?)))
                .collect();
            let why = if listed.is_empty() {
                "the response has no `schema`, so no body".to_owned()
            } else {
                format!("the response's media types are {}", listed.join(", "))
            };
            self.warn(
                example_at,
                format!("the example for `{media_type}` is left out: {why}"),
            );
        }
    }

    /// A response's `headers`, each given a `schema`.
    fn headers(&mut self, value: &Value, at: &str, from: &str) -> Value {
        let Value::Mapping(headers) = value else {
            return value.clone();
        };
        let mut output = Mapping::new();
        for (key, header) in headers {
            let Some(name) = key.as_str() else { continue };
            let header_at = pointer::child(at, name);
            let converted = self.header(header, &header_at, &pointer::child(from, name));
            output.insert(key.clone(), converted);
        }
        Value::Mapping(output)
    }

    /// A 2.0 header (`type`, `format`, … flat) as a 3.0 one with a `schema`. 3.0 writes a
    /// header's array comma-separated only (`style: simple`), so another `collectionFormat`
    /// is read as that, with a warning.
    fn header(&mut self, value: &Value, at: &str, from: &str) -> Value {
        let Value::Mapping(header) = value else {
            return value.clone();
        };
        if header.contains_key("$ref") {
            self.reference_at(at);
            return value.clone();
        }
        let schema_at = pointer::child(at, "schema");
        self.reshaped(&schema_at, from);
        let format_at = pointer::child(at, "collectionFormat");
        match serialization("header", header) {
            Serialization::Plain => {
                self.report_serialization(&Serialization::Plain, header, at);
            }
            Serialization::Array { note, .. } => {
                if let Some(note) = note {
                    self.warn(format_at, note);
                }
            }
            Serialization::Inexpressible(_) => {
                let format = field(header, "collectionFormat").unwrap_or_default();
                self.warn(
                    format_at,
                    format!(
                        "a response header's array is comma-separated in OpenAPI 3.0; \
                         `collectionFormat: {format}` is not kept, and the header is read as csv"
                    ),
                );
            }
        }
        let mut output = Mapping::new();
        let mut schema_written = false;
        for (key, member) in header {
            let Some(name) = key.as_str() else { continue };
            if super::params::is_schema_keyword(name) || name == "collectionFormat" {
                if !schema_written {
                    schema_written = true;
                    let schema = self.simple_schema(header, &schema_at, from, |_| false);
                    output.insert("schema".into(), schema);
                }
                continue;
            }
            output.insert(key.clone(), member.clone());
        }
        if !schema_written {
            output.insert("schema".into(), Value::Mapping(Mapping::new()));
        }
        Value::Mapping(output)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{document, upgrade_text, yaml};

    #[test]
    fn a_schema_becomes_content_per_produced_type_with_its_examples_and_headers() {
        let upgraded = upgrade_text(&document(
            "
produces: [application/json, application/xml]
paths:
  /pets:
    get:
      responses:
        '200':
          description: The pets.
          schema: {type: array, items: {$ref: '#/definitions/Pet'}}
          examples:
            application/json: [{name: Rex}]
            text/csv: name\\nRex
          headers:
            X-Rate-Limit: {type: integer, format: int32, description: Calls left.}
            X-Tags: {type: array, items: {type: string}, collectionFormat: pipes, x-kept: yes}
        '404':
          description: Not found.
          examples: {application/json: {}}
    delete:
      produces: [text/plain]
      responses:
        '200': {description: Gone., schema: {type: string}}
definitions:
  Pet: {type: object}
",
        ));
        assert_eq!(
            upgraded.at("#/paths/~1pets/get/responses").cloned(),
            Some(yaml(
                "
'200':
  description: The pets.
  content:
    application/json:
      schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
      example: [{name: Rex}]
    application/xml:
      schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
  headers:
    X-Rate-Limit: {schema: {type: integer, format: int32}, description: Calls left.}
    X-Tags: {schema: {type: array, items: {type: string}}, x-kept: yes}
'404': {description: Not found.}
"
            ))
        );
        assert_eq!(
            upgraded
                .at("#/paths/~1pets/delete/responses/200/content")
                .cloned(),
            Some(yaml("text/plain: {schema: {type: string}}"))
        );
        let ok = "#/paths/~1pets/get/responses/200";
        for (output, input) in [
            ("/content/application~1xml/schema/items", "/schema/items"),
            (
                "/content/application~1json/example/0/name",
                "/examples/application~1json/0/name",
            ),
            (
                "/headers/X-Rate-Limit/schema/format",
                "/headers/X-Rate-Limit/format",
            ),
        ] {
            assert_eq!(
                upgraded.resolve(&format!("{ok}{output}")),
                format!("{ok}{input}")
            );
        }
        assert_eq!(
            upgraded.resolve(&format!("{ok}/content/application~1xml")),
            "#/produces/1"
        );
        assert_eq!(
            upgraded.warnings,
            [
                (
                    format!("{ok}/examples/text~1csv"),
                    "the example for `text/csv` is left out: the response's media types are \
                     `application/json`, `application/xml`"
                        .to_owned()
                ),
                (
                    format!("{ok}/headers/X-Tags/collectionFormat"),
                    "a response header's array is comma-separated in OpenAPI 3.0; \
                     `collectionFormat: pipes` is not kept, and the header is read as csv"
                        .to_owned()
                ),
                (
                    "#/paths/~1pets/get/responses/404/examples/application~1json".to_owned(),
                    "the example for `application/json` is left out: the response has no \
                     `schema`, so no body"
                        .to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_global_response_is_a_component_unless_its_user_produces_other_types() {
        let upgraded = upgrade_text(&document(
            "
responses:
  Error: {description: An error., schema: {$ref: '#/definitions/Error'}}
  Gone: {description: Gone.}
paths:
  /a:
    get:
      responses: {default: {$ref: '#/responses/Error'}, '410': {$ref: '#/responses/Gone'}}
    put:
      responses: {default: {$ref: '#/responses/Error'}}
    post:
      produces: [application/problem+json]
      responses: {default: {$ref: '#/responses/Error'}, '410': {$ref: '#/responses/Gone'}}
definitions:
  Error: {type: object}
",
        ));
        assert_eq!(
            upgraded.at("#/components/responses").cloned(),
            Some(yaml(
                "
Error:
  description: An error.
  content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}
Gone: {description: Gone.}
"
            ))
        );
        assert_eq!(
            upgraded.at("#/paths/~1a/get/responses").cloned(),
            Some(yaml(
                "{default: {$ref: '#/components/responses/Error'}, '410': {$ref: '#/components/responses/Gone'}}"
            ))
        );
        assert_eq!(
            upgraded.at("#/paths/~1a/post/responses").cloned(),
            Some(yaml(
                "
default:
  description: An error.
  content: {application/problem+json: {schema: {$ref: '#/components/schemas/Error'}}}
'410': {$ref: '#/components/responses/Gone'}
"
            ))
        );
        assert_eq!(
            upgraded.resolve("#/paths/~1a/post/responses/default/description"),
            "#/responses/Error/description"
        );
        assert_eq!(
            upgraded.resolve("#/components/responses/Error/content/application~1json/schema"),
            "#/responses/Error/schema"
        );
    }

    #[test]
    fn a_reference_into_a_moved_response_schema_follows_it() {
        let upgraded = upgrade_text(&document(
            "
paths:
  /a:
    get:
      responses:
        '200': {description: ok, schema: {type: object, properties: {id: {type: string}}}}
  /b:
    get:
      responses:
        '200': {description: ok, schema: {$ref: '#/paths/~1a/get/responses/200/schema'}}
",
        ));
        assert_eq!(
            upgraded
                .at("#/paths/~1b/get/responses/200/content/application~1json/schema")
                .cloned(),
            Some(yaml(
                "{$ref: '#/paths/~1a/get/responses/200/content/application~1json/schema'}"
            ))
        );
    }
}
