//! Swagger 2.0 → OpenAPI 3.0.3: the document upgraded into the form lowering reads, with a
//! [`Layer`] recording where each part came from.
//!
//! The upgrade writes the 3.0 document a careful human would write by hand, so that the code
//! generated for a 2.0 document reads like the code for its 3.0 equivalent:
//!
//! - `definitions`, global `parameters` and `responses` and `securityDefinitions` become
//!   `components` (`schemas`, `parameters` and `requestBodies`, `responses`,
//!   `securitySchemes`); a global `formData` parameter has no 3.0 component and is written
//!   into the request body of each operation that uses it.
//! - `host`, `basePath` and `schemes` become `servers` (`servers.rs`).
//! - A non-body parameter's type keywords move under `schema`, and its `collectionFormat`
//!   becomes a `style` (`params.rs`); `body` and `formData` parameters become the operation's
//!   `requestBody` (`bodies.rs`), with the media types of the effective `consumes`.
//! - A response's `schema` becomes `content`, one entry per effective `produces` type, and its
//!   headers and examples move with it (`responses.rs`).
//! - Schemas take 3.0's spelling of `x-nullable`, `discriminator` and `type: file`
//!   (`schemas.rs`).
//!
//! It works in two passes. The first builds the 3.0 document and records, for each part it
//! moves, where it put it (a mount: output pointer ← input pointer) and where it copied a
//! `$ref`. The second rewrites those `$ref`s through the mounts taken backwards, so that a
//! reference to any moved part (`#/definitions/Pet`, `#/paths/~1pets/get/responses/200/schema`)
//! points to where the part now is. Problems are reported at pointers into the output that the
//! mounts translate back to the place in the input.

mod bodies;
mod operations;
mod params;
mod refs;
mod responses;
mod schemas;
mod security;
mod servers;
mod usage;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod testing;

use serde_yaml::{Mapping, Value};

use crate::error::Collector;
use crate::load::origin::Layer;
use crate::pointer;

/// The media type a body or response has when neither the operation nor the document says
/// (`consumes`, `produces`): Swagger 2.0 documents are JSON APIs unless they say otherwise.
const DEFAULT_MEDIA_TYPE: &str = "application/json";

/// Upgrades a Swagger 2.0 document; problems are reported at pointers into the result.
pub(in crate::load) fn upgrade(document: Value, problems: &mut Collector) -> (Value, Layer) {
    let input = match &document {
        Value::Mapping(input) => input,
        // `version::detect` only calls this for a mapping with `swagger: "2.0"`.
        _ => return (document, Layer::default()),
    };
    let mut upgrade = Upgrade::new(&document, input, problems);
    let mut output = Value::Mapping(upgrade.document(input));
    refs::rewrite(&mut output, &upgrade.references, &upgrade.mounts);
    let mut layer = Layer::default();
    for mount in upgrade.mounts {
        layer.moved(mount.at, mount.from);
    }
    (output, layer)
}

/// The HTTP methods a path item holds operations under: Swagger 2.0's, and `trace`, which
/// OpenAPI 3.0 adds and a lenient 2.0 document may already use.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// One moved or reshaped part: the output's subtree at `at` is the input's at `from`.
struct Mount {
    at: String,
    from: String,
    /// Whether a `$ref` to `from` now points to `at`: true for a part moved whole, false
    /// for a part reshaped from another (a parameter's `schema` made of the parameter's
    /// keywords) or copied (a global response written into an operation), whose `from`
    /// still has its own place in the output.
    followed: bool,
}

/// The state of one upgrade: what has been moved where, and what is known of the document.
struct Upgrade<'input, 'problems> {
    /// The whole input, to follow the local `$ref`s of parameter lists and responses.
    root: &'input Value,
    problems: &'problems mut Collector,
    /// Every mount, in the order recorded: the first followed mount of an input place is
    /// where a `$ref` to it now points.
    mounts: Vec<Mount>,
    /// How many copies are being written (a global part written into an operation): their
    /// mounts are not followed, since the original has its own place.
    copying: usize,
    /// The output pointers of the mappings whose `$ref` the second pass rewrites.
    references: Vec<String>,
    /// The document's media types and those chosen for each global body and response.
    media: usage::Media,
    /// The document's host, base path and schemes, for operations with their own `schemes`.
    base: servers::Base,
}

impl<'input, 'problems> Upgrade<'input, 'problems> {
    fn new(
        root: &'input Value,
        input: &'input Mapping,
        problems: &'problems mut Collector,
    ) -> Self {
        let media = usage::Media::of(input);
        let (base, notes) = servers::Base::of(input);
        for (at, message) in notes {
            problems.warn(at, message);
        }
        let mut upgrade = Upgrade {
            root,
            problems,
            mounts: Vec::new(),
            copying: 0,
            references: Vec::new(),
            media,
            base,
        };
        // The component sections move whole, whether or not the document has them, so that
        // a `$ref` into a section the document lacks still points into the right place (and
        // lowering reports it as dangling where it is written).
        for (at, from) in [
            ("#/components/schemas", "#/definitions"),
            ("#/components/parameters", "#/parameters"),
            ("#/components/responses", "#/responses"),
            ("#/components/securitySchemes", "#/securityDefinitions"),
        ] {
            upgrade.moved(at, from);
        }
        upgrade
    }

    /// Records that the output's subtree at `at` is the input's subtree at `from`, moved
    /// whole: a `$ref` to `from` now points to `at` (unless this is a copy).
    fn moved(&mut self, at: &str, from: &str) {
        let followed = self.copying == 0;
        self.mount(at, from, followed);
    }

    /// Records that the output's subtree at `at` was made from the input's at `from`, which
    /// a `$ref` to `from` does not follow.
    fn reshaped(&mut self, at: &str, from: &str) {
        self.mount(at, from, false);
    }

    fn mount(&mut self, at: &str, from: &str, followed: bool) {
        self.mounts.push(Mount {
            at: at.to_owned(),
            from: from.to_owned(),
            followed,
        });
    }

    /// Writes `part` as a copy: the mounts it records are not followed by `$ref`s.
    fn copy<T>(&mut self, part: impl FnOnce(&mut Self) -> T) -> T {
        self.copying += 1;
        let written = part(self);
        self.copying -= 1;
        written
    }

    /// Records that the mapping at `at` in the output holds a `$ref` to rewrite.
    fn reference_at(&mut self, at: &str) {
        self.references.push(at.to_owned());
    }

    fn warn(&mut self, at: impl Into<String>, message: impl Into<String>) {
        self.problems.warn(at, message);
    }

    /// The top level, in the input's order: `swagger` becomes `openapi`, the first of
    /// `host`, `basePath` and `schemes` becomes `servers`, and the first component section
    /// becomes `components`.
    fn document(&mut self, input: &'input Mapping) -> Mapping {
        let mut output = Mapping::new();
        let mut servers_written = false;
        let mut components_written = false;
        for (key, value) in input {
            let Some(name) = key.as_str() else { continue };
            match name {
                "swagger" => {
                    output.insert("openapi".into(), "3.0.3".into());
                }
                "host" | "basePath" | "schemes" if !servers_written => {
                    servers_written = true;
                    if let Some(servers) = self.servers() {
                        output.insert("servers".into(), servers);
                    }
                }
                "host" | "basePath" | "schemes" => {}
                // Read once for the whole document (`usage.rs`); 3.0 has no such fields.
                "consumes" | "produces" => {
                    self.check_media_types(value, &pointer::child("#", name));
                }
                "paths" => {
                    output.insert(key.clone(), self.paths(value));
                }
                "definitions" | "parameters" | "responses" | "securityDefinitions"
                    if !components_written =>
                {
                    components_written = true;
                    if let Some(components) = self.components(input) {
                        output.insert("components".into(), components);
                    }
                }
                "definitions" | "parameters" | "responses" | "securityDefinitions" => {}
                "openapi" | "servers" | "components" => self.warn(
                    pointer::child("#", name),
                    format!(
                        "`{name}` is an OpenAPI 3 field, not a Swagger 2.0 one; it is ignored \
                         (the upgrade writes its own from the 2.0 fields)"
                    ),
                ),
                _ => {
                    output.insert(key.clone(), value.clone());
                }
            }
        }
        output
    }

    /// `components`, its sections in the order of the 2.0 sections they come from.
    fn components(&mut self, input: &'input Mapping) -> Option<Value> {
        let mut components = Mapping::new();
        for (key, value) in input {
            match key.as_str() {
                Some("definitions") => {
                    components.insert("schemas".into(), self.definitions(value));
                }
                Some("parameters") => {
                    let (parameters, bodies) = self.global_parameters(value);
                    if !parameters.is_empty() {
                        components.insert("parameters".into(), Value::Mapping(parameters));
                    }
                    if !bodies.is_empty() {
                        components.insert("requestBodies".into(), Value::Mapping(bodies));
                    }
                }
                Some("responses") => {
                    components.insert("responses".into(), self.global_responses(value));
                }
                Some("securityDefinitions") => {
                    components.insert("securitySchemes".into(), self.security_schemes(value));
                }
                _ => {}
            }
        }
        (!components.is_empty()).then_some(Value::Mapping(components))
    }
}

/// The members of a mapping with string keys, in order; nothing for any other value.
fn members(value: &Value) -> impl Iterator<Item = (&str, &Value)> {
    value
        .as_mapping()
        .into_iter()
        .flat_map(|mapping| mapping.iter())
        .filter_map(|(key, value)| Some((key.as_str()?, value)))
}

/// The string member `key` of a mapping.
fn field<'value>(mapping: &'value Mapping, key: &str) -> Option<&'value str> {
    mapping.get(key).and_then(Value::as_str)
}

/// A value as a message quotes it: the text of a string, the compact JSON of anything else.
fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => serde_json::to_string(other).unwrap_or_else(|_| "(a YAML tagged value)".into()),
    }
}

/// The pointer of the place that holds `pointer` (`#/a/b` → `#/a`).
fn parent(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or("#", |(parent, _)| parent)
}

#[cfg(test)]
mod tests {
    use super::testing::{upgrade_text, yaml};

    #[test]
    fn a_whole_document_is_written_in_the_3_0_form_in_its_own_order() {
        let upgraded = upgrade_text(
            "
swagger: '2.0'
info: {title: Pets, version: '1.0', x-audience: public}
host: pets.example.com
basePath: /v1
schemes: [https]
consumes: [application/json]
produces: [application/json]
tags: [{name: pets, description: Pets.}]
paths:
  /pets:
    get:
      operationId: listPets
      parameters: [{$ref: '#/parameters/Limit'}]
      responses:
        '200': {description: The pets., schema: {type: array, items: {$ref: '#/definitions/Pet'}}}
        default: {$ref: '#/responses/Error'}
definitions:
  Pet: {type: object, properties: {name: {type: string}}}
parameters:
  Limit: {name: limit, in: query, type: integer}
responses:
  Error: {description: An error.}
securityDefinitions:
  key: {type: apiKey, in: header, name: X-Key}
security: [{key: []}]
externalDocs: {url: https://example.com/docs}
x-logo: pets.png
",
        );
        let expected = yaml(
            "
openapi: 3.0.3
info: {title: Pets, version: '1.0', x-audience: public}
servers: [{url: 'https://pets.example.com/v1'}]
tags: [{name: pets, description: Pets.}]
paths:
  /pets:
    get:
      operationId: listPets
      parameters: [{$ref: '#/components/parameters/Limit'}]
      responses:
        '200':
          description: The pets.
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
        default: {$ref: '#/components/responses/Error'}
components:
  schemas:
    Pet: {type: object, properties: {name: {type: string}}}
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer}}
  responses:
    Error: {description: An error.}
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
security: [{key: []}]
externalDocs: {url: https://example.com/docs}
x-logo: pets.png
",
        );
        assert_eq!(upgraded.document, expected);
        assert_eq!(upgraded.warnings, []);
        assert_eq!(upgraded.errors, []);
        for (output, input) in [
            (
                "#/components/schemas/Pet/properties/name",
                "#/definitions/Pet/properties/name",
            ),
            (
                "#/components/parameters/Limit/schema/type",
                "#/parameters/Limit/type",
            ),
            (
                "#/components/responses/Error/description",
                "#/responses/Error/description",
            ),
            (
                "#/components/securitySchemes/key/in",
                "#/securityDefinitions/key/in",
            ),
            (
                "#/paths/~1pets/get/responses/200/content/application~1json/schema/items",
                "#/paths/~1pets/get/responses/200/schema/items",
            ),
            ("#/servers/0/url", "#/host"),
            ("#/info/title", "#/info/title"),
        ] {
            assert_eq!(upgraded.resolve(output), input, "{output}");
        }
    }

    #[test]
    fn openapi_3_fields_in_a_2_0_document_are_ignored_with_a_warning() {
        let upgraded = upgrade_text(
            "
swagger: '2.0'
openapi: 3.0.0
info: {title: t, version: '1'}
servers: [{url: 'https://elsewhere.example.com'}]
paths: {}
components: {schemas: {A: {}}}
",
        );
        assert_eq!(
            upgraded.document,
            yaml("{openapi: 3.0.3, info: {title: t, version: '1'}, paths: {}}")
        );
        let at: Vec<&str> = upgraded
            .warnings
            .iter()
            .map(|(at, _)| at.as_str())
            .collect();
        assert_eq!(at, ["#/openapi", "#/servers", "#/components"]);
    }

    #[test]
    fn cyclic_references_and_values_of_the_wrong_kind_are_copied_without_a_panic() {
        let upgraded = upgrade_text(
            "
swagger: '2.0'
info: {title: t, version: '1'}
parameters:
  A: {$ref: '#/parameters/B'}
  B: {$ref: '#/parameters/A'}
responses:
  Loop: {$ref: '#/responses/Loop'}
paths:
  /a:
    $ref: '#/paths/~1a'
    get:
      parameters: [{$ref: '#/parameters/A'}, 7, {$ref: '#/parameters/Missing'}]
      responses: {'200': {$ref: '#/responses/Loop'}, '201': 5, '202': {description: x, schema: 7, headers: [1], examples: 3}}
  /b: [1, 2]
  /c: {get: nothing, put: {parameters: {}, responses: []}}
",
        );
        assert_eq!(
            upgraded.at("#/components/parameters").cloned(),
            Some(yaml(
                "{A: {$ref: '#/components/parameters/B'}, B: {$ref: '#/components/parameters/A'}}"
            ))
        );
        assert_eq!(
            upgraded.at("#/paths/~1a/get/parameters").cloned(),
            Some(yaml(
                "[{$ref: '#/components/parameters/A'}, 7, {$ref: '#/components/parameters/Missing'}]"
            ))
        );
        assert_eq!(
            upgraded.at("#/paths/~1a/get/responses/200").cloned(),
            Some(yaml("{$ref: '#/components/responses/Loop'}"))
        );
        assert_eq!(upgraded.at("#/paths/~1b").cloned(), Some(yaml("[1, 2]")));
        assert_eq!(
            upgraded.resolve("#/paths/~1a/get/parameters/1"),
            "#/paths/~1a/get/parameters/1"
        );
        let at: Vec<&str> = upgraded
            .warnings
            .iter()
            .map(|(at, _)| at.as_str())
            .collect();
        assert_eq!(
            at,
            [
                "#/paths/~1a/get/responses/202/examples",
                "#/paths/~1c/put/parameters"
            ]
        );
        for text in [
            "swagger: '2.0'\npaths: 5\nparameters: x\nresponses: [1]\ndefinitions: [1]\nsecurityDefinitions: 7\ninfo: null\nconsumes: {a: 1}\n",
            "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\nhost: 5\nbasePath: [1]\nschemes: x\n",
        ] {
            let _ = upgrade_text(text);
            let _ = crate::load(text);
        }
    }

    #[test]
    fn deep_nesting_follows_the_document_without_trouble() {
        let depth = 120;
        let mut schema = String::from("{type: string}");
        for _ in 0..depth {
            schema = format!("{{type: array, items: {schema}, x-nullable: true}}");
        }
        let text = format!(
            "swagger: '2.0'\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ndefinitions:\n  Deep: {schema}\n"
        );
        let upgraded = upgrade_text(&text);
        let innermost = format!("#/components/schemas/Deep{}", "/items".repeat(depth));
        assert_eq!(
            upgraded.at(&innermost).cloned(),
            Some(yaml("{type: string}"))
        );
        assert_eq!(
            upgraded.resolve(&format!("{innermost}/type")),
            format!("#/definitions/Deep{}/type", "/items".repeat(depth))
        );
    }
}
