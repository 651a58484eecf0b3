//! Every schema checked on its own, deepest first, before the typed read; and the rule that a
//! parameter or header has `schema` or `content`, not both.
//!
//! `openapiv3` reads a schema as an untagged choice: when a nested schema is wrong, each level
//! above it tries its other variants, each of which reads the nested part again. A mistake `d`
//! levels deep then costs `2^d` reads (a typo 30 levels down never finishes) and is reported at
//! the outermost schema. Here each schema node is read alone, its sub-schemas stood in by `{}`,
//! so each node costs one small read, and a mistake is reported at the node that holds it. A
//! node that fails is replaced by `{}` once its problem is recorded, so the typed read that
//! follows neither reports it again nor retries it: the document is refused either way.

use openapiv3::{ReferenceOr, Schema};
use serde_yaml::{Mapping, Value};

use super::Trail;
use crate::error::Collector;

/// The keywords whose value is one schema.
const ONE_SCHEMA: &[&str] = &["items", "not", "additionalProperties"];
/// The keywords whose value is a list of schemas.
const SCHEMA_LISTS: &[&str] = &["allOf", "oneOf", "anyOf"];

/// Checks every schema of `document`, and every parameter and header, in place.
pub(super) fn check_schemas(document: &mut Value, problems: &mut Collector) {
    walk(document, &Trail::ROOT, problems);
}

/// Finds the schemas in the document's structure: the value of each `schema` key and each
/// entry of `components.schemas`. Example, default and enum values and extensions hold data,
/// not schemas, and are not searched. The recursion follows the document's nesting, which the
/// parsers have already limited to 128 levels.
fn walk(value: &mut Value, trail: &Trail<'_>, problems: &mut Collector) {
    match value {
        Value::Mapping(mapping) => {
            check_schema_or_content(mapping, trail, problems);
            let in_components = trail.last_key() == Some("components");
            for (key, child) in mapping.iter_mut() {
                let Some(key) = key.as_str() else { continue };
                if super::holds_data(trail.last_key(), key) {
                    continue;
                }
                let child_trail = trail.key(key);
                match (key, child) {
                    ("schema", child) => check_schema(child, &child_trail, problems),
                    ("schemas", Value::Mapping(schemas)) if in_components => {
                        for (name, schema) in schemas.iter_mut() {
                            let Some(name) = name.as_str() else { continue };
                            check_schema(schema, &child_trail.key(name), problems);
                        }
                    }
                    (_, child) => walk(child, &child_trail, problems),
                }
            }
        }
        Value::Sequence(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                walk(item, &trail.index(index), problems);
            }
        }
        _ => {}
    }
}

/// A parameter (it has `in`) or a header (it sits in a `headers` mapping) has a `schema` or a
/// `content`, never both (OpenAPI 3.0, Parameter Object). Both is an error; `content` is then
/// set aside, since `openapiv3` panics on some documents that have both.
fn check_schema_or_content(mapping: &mut Mapping, trail: &Trail<'_>, problems: &mut Collector) {
    if !(mapping.contains_key("schema") && mapping.contains_key("content")) {
        return;
    }
    let is_header = trail.parent_key() == Some("headers");
    if mapping.contains_key("in") || is_header {
        mapping.remove("content");
        let what = if is_header { "a header" } else { "a parameter" };
        problems.warn(
            trail.pointer(),
            format!(
                "{what} has both `schema` and `content` (expected exactly one of them); the \
                 `schema` is used"
            ),
        );
    }
}

/// Checks the schema at `trail` and every schema inside it, deepest first.
fn check_schema(node: &mut Value, trail: &Trail<'_>, problems: &mut Collector) {
    let Value::Mapping(mapping) = node else {
        // `additionalProperties: true` (or `false`) is the one schema position that takes
        // something other than an object.
        if !(node.is_bool() && trail.last_key() == Some("additionalProperties")) {
            let found = match node {
                Value::Null => "nothing",
                Value::Bool(_) => "a boolean",
                Value::Number(_) => "a number",
                Value::String(_) => "a string",
                Value::Sequence(_) => "a list",
                Value::Mapping(_) | Value::Tagged(_) => "a tagged value",
            };
            problems.warn(
                trail.pointer(),
                format!(
                    "expected a schema (an object, or a `$ref`), found {found}; it is read as \
                     any JSON value (`serde_json::Value`)"
                ),
            );
            *node = Value::Mapping(Mapping::new());
        }
        return;
    };
    for (key, child) in mapping.iter_mut() {
        let Some(key) = key.as_str() else { continue };
        let child_trail = trail.key(key);
        if key == "properties" {
            if let Value::Mapping(properties) = child {
                for (name, property) in properties.iter_mut() {
                    let Some(name) = name.as_str() else { continue };
                    check_schema(property, &child_trail.key(name), problems);
                }
            }
        } else if ONE_SCHEMA.contains(&key) {
            check_schema(child, &child_trail, problems);
        } else if SCHEMA_LISTS.contains(&key) {
            if let Value::Sequence(members) = child {
                for (index, member) in members.iter_mut().enumerate() {
                    check_schema(member, &child_trail.index(index), problems);
                }
            }
        }
    }
    if serde_yaml::from_value::<ReferenceOr<Schema>>(shallow(mapping)).is_err() {
        // Read again, through the reader that locates the field at fault.
        super::typed::read_reference_or::<Schema>(shallow(mapping), &trail.pointer(), problems);
        *node = Value::Mapping(Mapping::new());
    }
}

/// The schema node alone: each sub-schema that is an object (a schema or a `$ref`) becomes
/// `{}`, which any schema position accepts; anything else is kept, for the read to judge.
fn shallow(mapping: &Mapping) -> Value {
    let stand_in = |value: &Value| {
        if value.is_mapping() {
            Value::Mapping(Mapping::new())
        } else {
            value.clone()
        }
    };
    let shallow = mapping
        .iter()
        .map(|(key, value)| {
            let value = match (key.as_str(), value) {
                (Some("properties"), Value::Mapping(properties)) => Value::Mapping(
                    properties
                        .iter()
                        .map(|(name, property)| (name.clone(), stand_in(property)))
                        .collect(),
                ),
                (Some(key), Value::Sequence(members)) if SCHEMA_LISTS.contains(&key) => {
                    Value::Sequence(members.iter().map(stand_in).collect())
                }
                (Some(key), value) if ONE_SCHEMA.contains(&key) => stand_in(value),
                _ => value.clone(),
            };
            (key.clone(), value)
        })
        .collect();
    Value::Mapping(shallow)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(yaml: &str) -> (Value, Vec<String>) {
        let mut document: Value = serde_yaml::from_str(yaml).expect("YAML");
        let mut problems = Collector::default();
        check_schemas(&mut document, &mut problems);
        let (errors, warnings) = problems.into_parts();
        let all = errors
            .iter()
            .chain(&warnings)
            .map(ToString::to_string)
            .collect();
        (document, all)
    }

    #[test]
    fn a_deep_mistake_is_found_at_once_and_at_its_node() {
        let mut yaml = String::from("components:\n  schemas:\n    Deep:\n");
        let mut pointer = String::from("#/components/schemas/Deep");
        let mut indent = String::from("      ");
        for _ in 0..40 {
            yaml.push_str(&format!("{indent}type: object\n{indent}properties:\n"));
            yaml.push_str(&format!("{indent}  p:\n"));
            indent.push_str("    ");
            pointer.push_str("/properties/p");
        }
        yaml.push_str(&format!("{indent}type: object\n{indent}required: 5\n"));
        let (_, errors) = check(&yaml);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with(&format!("{pointer}: invalid type: integer `5`")),
            "{errors:?}"
        );
    }

    #[test]
    fn schemas_in_every_position_are_checked() {
        let (document, errors) = check(
            "paths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: query, schema: {items: {type: array, items: {type: string, maxLength: x}}}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {allOf: [{$ref: '#/x'}, {oneOf: [{not: {type: 7}}]}]}\n              example: {schema: {type: 7}}\n",
        );
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].starts_with("#/paths/~1a/get/parameters/0/schema/items/items: invalid type"),
            "{errors:?}"
        );
        assert!(errors[1].starts_with(
            "#/paths/~1a/get/responses/200/content/application~1json/schema/allOf/1/oneOf/0/not"
        ));
        let example = &document["paths"]["/a"]["get"]["responses"]["200"]["content"]
            ["application/json"]["example"];
        assert_eq!(
            example["schema"]["type"],
            Value::from(7),
            "data is not judged"
        );
    }

    #[test]
    fn valid_schemas_are_left_as_they_are() {
        let yaml = "components:\n  schemas:\n    A:\n      type: object\n      properties:\n        b: {$ref: '#/components/schemas/B'}\n        c: {type: array, items: {type: integer, format: int32}}\n      additionalProperties: true\n    B: {oneOf: [{type: string}, {type: number}], discriminator: {propertyName: k}}\n";
        let (document, errors) = check(yaml);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(document, serde_yaml::from_str::<Value>(yaml).expect("YAML"));
    }

    #[test]
    fn a_parameter_or_header_with_schema_and_content_keeps_the_schema() {
        let (document, errors) = check(
            "paths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: query, schema: null, content: {}}\n      responses:\n        '200':\n          description: ok\n          headers:\n            X-Rate: {schema: {type: string}, content: {text/plain: {}}}\n",
        );
        assert_eq!(
            errors,
            [
                "#/paths/~1a/get/parameters/0: a parameter has both `schema` and `content` (expected exactly one of them); the `schema` is used",
                "#/paths/~1a/get/parameters/0/schema: expected a schema (an object, or a `$ref`), found nothing; it is read as any JSON value (`serde_json::Value`)",
                "#/paths/~1a/get/responses/200/headers/X-Rate: a header has both `schema` and `content` (expected exactly one of them); the `schema` is used",
            ]
        );
        assert!(document["paths"]["/a"]["get"]["parameters"][0]
            .get("content")
            .is_none());
    }
}
