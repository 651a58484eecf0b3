//! Repairs of sloppy documents whose meaning is clear, before the typed read, each with a
//! warning: a validation keyword with a value of the wrong kind (`pattern: 0`,
//! `minLength: "5"`) is dropped, since the generator does not type by it and `openapiv3`
//! would refuse the whole schema; a property-level `required: true` (Swagger 2.0 syntax) is
//! dropped the same way; a `required` list misplaced inside `properties` is moved to the
//! object; and operation `callbacks`, which describe requests the server makes and so have no
//! place in a client, are set aside (`openapiv3` cannot read a callback that is a `$ref`).
//!
//! Only scalar values are judged: a mapping under one of these keys is a property that
//! happens to have the keyword's name, and is left alone. Example, default and enum values and
//! extensions hold data, not schemas, and are not searched.

use serde_yaml::{Mapping, Value};

use super::Trail;
use crate::error::Collector;
use crate::pointer;

/// What a keyword's value must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Count,
    Number,
    Flag,
}

/// The keywords `openapiv3` types strictly that the generator never types by.
const KEYWORDS: &[(&str, Kind)] = &[
    ("pattern", Kind::Text),
    ("minLength", Kind::Count),
    ("maxLength", Kind::Count),
    ("minItems", Kind::Count),
    ("maxItems", Kind::Count),
    ("minProperties", Kind::Count),
    ("maxProperties", Kind::Count),
    ("uniqueItems", Kind::Flag),
    ("exclusiveMinimum", Kind::Flag),
    ("exclusiveMaximum", Kind::Flag),
    ("minimum", Kind::Number),
    ("maximum", Kind::Number),
    ("multipleOf", Kind::Number),
];

fn fits(kind: Kind, value: &Value) -> bool {
    match kind {
        Kind::Text => value.is_string(),
        Kind::Count => value.as_u64().is_some(),
        Kind::Number => value.is_number(),
        Kind::Flag => value.is_bool(),
    }
}

/// Repairs `document` in place, warning about each repair.
pub(super) fn repair(document: &mut Value, problems: &mut Collector) {
    repair_info(document, problems);
    repair_at(document, &Trail::ROOT, problems);
}

/// `info` and its `title` and `version` are required, but the client needs none of them to
/// call the API: a document without them (generators such as swaggo leave the title out when
/// the code says none) gets `API` and an empty version, with a warning each.
fn repair_info(document: &mut Value, problems: &mut Collector) {
    let Some(root) = document
        .as_mapping_mut()
        .filter(|root| root.contains_key("openapi"))
    else {
        return;
    };
    if !root.get("info").is_some_and(Value::is_mapping) {
        problems.warn(
            "#/info",
            "missing the required `info` object; the API is called `API`",
        );
        root.insert(
            Value::String("info".to_owned()),
            Value::Mapping(Mapping::new()),
        );
    }
    let Some(info) = root.get_mut("info").and_then(Value::as_mapping_mut) else {
        return;
    };
    for (field, default) in [("title", "API"), ("version", "")] {
        if !info.get(field).is_some_and(Value::is_string) {
            problems.warn(
                pointer::child("#/info", field),
                format!("`info.{field}` is missing or not a string; it is read as {default:?}"),
            );
            info.insert(
                Value::String(field.to_owned()),
                Value::String(default.to_owned()),
            );
        }
    }
}

/// The recursion follows the document's nesting, which the parsers have already limited to
/// 128 levels.
fn repair_at(value: &mut Value, trail: &Trail<'_>, problems: &mut Collector) {
    match value {
        Value::Mapping(mapping) => {
            repair_mapping(mapping, trail, problems);
            for (key, child) in mapping.iter_mut() {
                let Some(key) = key.as_str() else { continue };
                if !super::holds_data(trail.last_key(), key) {
                    repair_at(child, &trail.key(key), problems);
                }
            }
        }
        Value::Sequence(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                repair_at(item, &trail.index(index), problems);
            }
        }
        _ => {}
    }
}

fn repair_mapping(mapping: &mut Mapping, trail: &Trail<'_>, problems: &mut Collector) {
    for (keyword, kind) in KEYWORDS {
        // `null` reads as absent (it is what a number too large for JSON becomes).
        if mapping.get(*keyword).is_some_and(Value::is_null) {
            mapping.remove(*keyword);
            continue;
        }
        let wrong = mapping.get(*keyword).is_some_and(|value| {
            !value.is_mapping() && !value.is_sequence() && !fits(*kind, value)
        });
        if wrong {
            if let Some(value) = mapping.remove(*keyword) {
                let shown = serde_yaml::to_string(&value).unwrap_or_default();
                problems.warn(
                    pointer::child(&trail.pointer(), keyword),
                    format!(
                        "`{keyword}: {}` is not a valid value for `{keyword}`; the keyword only \
                         validates values and is ignored",
                        shown.trim_end()
                    ),
                );
            }
        }
    }
    // Parameters (`in`), headers (`schema`) and request bodies (`content`) have a `required`
    // flag of their own; a schema never has those keys.
    let flag_owner = ["in", "schema", "content"]
        .iter()
        .any(|key| mapping.contains_key(*key));
    if !flag_owner && mapping.get("required").is_some_and(Value::is_bool) {
        mapping.remove("required");
        problems.warn(
            pointer::child(&trail.pointer(), "required"),
            "`required: true` on a schema is Swagger 2.0 syntax; in OpenAPI 3.0 an object lists \
             its required properties; it is ignored",
        );
    }
    let is_operation = mapping.contains_key("responses");
    if is_operation {
        mapping.remove("callbacks");
    }
    lift_misplaced_required(mapping, trail, problems);
    if trail.parent_key() == Some("encoding") {
        spell_out_explode(mapping);
    }
}

/// An encoding object (a form property's) explodes by default when its style is `form`,
/// which is the default style; `openapiv3` reads a missing `explode` as `false` whatever the
/// style, so the default is written out before it reads it.
fn spell_out_explode(encoding: &mut Mapping) {
    if encoding.contains_key("explode") {
        return;
    }
    let form = match encoding.get("style") {
        None => true,
        Some(style) => style.as_str() == Some("form"),
    };
    encoding.insert(Value::String("explode".to_owned()), Value::Bool(form));
}

/// `properties: {required: [a, b], a: …}`: a `required` list written inside `properties`
/// (where it would be a property named `required` whose schema is a list, which no schema is)
/// is the object's `required` list, merged into it.
fn lift_misplaced_required(mapping: &mut Mapping, trail: &Trail<'_>, problems: &mut Collector) {
    let misplaced = mapping
        .get("properties")
        .and_then(Value::as_mapping)
        .and_then(|properties| properties.get("required"))
        .and_then(Value::as_sequence)
        .filter(|names| names.iter().all(Value::is_string))
        .cloned();
    let Some(names) = misplaced else { return };
    if let Some(properties) = mapping
        .get_mut("properties")
        .and_then(Value::as_mapping_mut)
    {
        properties.remove("required");
    }
    let at = pointer::child(&pointer::child(&trail.pointer(), "properties"), "required");
    problems.warn(
        at,
        "a `required` list inside `properties` is read as the object's `required` list, where \
         it belongs",
    );
    let entry = mapping
        .entry(Value::String("required".to_owned()))
        .or_insert_with(|| Value::Sequence(Vec::new()));
    if let Some(required) = entry.as_sequence_mut() {
        for name in names {
            if !required.contains(&name) {
                required.push(name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_wrongly_typed_validation_keywords_only() {
        let mut document: Value = serde_yaml::from_str(
            "properties:\n  pattern: {type: string}\n  code: {type: string, pattern: 0, minLength: '5', maxLength: 3}\n  id: {required: true}\nrequired: [id]\nbody: {required: true, content: {}}\n",
        )
        .expect("YAML");
        let mut problems = Collector::default();
        repair(&mut document, &mut problems);
        let code = &document["properties"]["code"];
        assert!(code.get("pattern").is_none());
        assert!(code.get("minLength").is_none());
        assert_eq!(code["maxLength"], Value::from(3));
        assert!(
            document["properties"]["pattern"].is_mapping(),
            "a property named pattern stays"
        );
        assert!(document["properties"]["id"].get("required").is_none());
        assert!(document["required"].is_sequence());
        assert_eq!(
            document["body"]["required"],
            Value::from(true),
            "a request body keeps it"
        );
        let (_, warnings) = problems.finish_with_warnings(()).expect("no errors");
        assert_eq!(warnings.len(), 3, "{warnings:?}");
    }

    #[test]
    fn a_required_list_inside_properties_moves_to_the_object() {
        let mut document: Value = serde_yaml::from_str(
            "type: object\nrequired: [a]\nproperties:\n  required: [a, b]\n  a: {type: string}\n  b: {type: string}\n",
        )
        .expect("YAML");
        let mut problems = Collector::default();
        repair(&mut document, &mut problems);
        assert!(document["properties"].get("required").is_none());
        assert_eq!(
            document["required"],
            serde_yaml::from_str::<Value>("[a, b]").expect("list")
        );
        let (_, warnings) = problems.finish_with_warnings(()).expect("no errors");
        assert_eq!(warnings[0].pointer, "#/properties/required");
    }
}
