//! The `type` keyword of a 3.1 schema in 3.0 terms: a list of types, and the `null` type.
//!
//! `[X, "null"]` is `type: X` with `nullable: true`; `null` alone is the schema whose one value
//! is `null`. Several types other than `null` become a `oneOf` with one member per type, each
//! member taking the keywords that apply to its type (JSON Schema applies `minLength` only to
//! strings, `items` only to arrays, and so on), so that each member is an ordinary 3.0 schema
//! and the union is what lowering already knows; the keywords that apply to every type (docs,
//! `default`, combinators) stay on the outer schema.

use serde_yaml::{Mapping, Value};

use super::context::{replace_entry, Context};
use crate::pointer;

/// The keywords that apply only to strings.
const STRING_KEYWORDS: &[&str] = &[
    "minLength",
    "maxLength",
    "pattern",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
];
/// The keywords that apply only to numbers (integers included).
const NUMBER_KEYWORDS: &[&str] = &[
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];
/// The keywords that apply only to arrays.
const ARRAY_KEYWORDS: &[&str] = &[
    "items",
    "prefixItems",
    "additionalItems",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "minContains",
    "maxContains",
    "unevaluatedItems",
];
/// The keywords that apply only to objects (a discriminator names a property, so it too).
const OBJECT_KEYWORDS: &[&str] = &[
    "properties",
    "required",
    "additionalProperties",
    "minProperties",
    "maxProperties",
    "patternProperties",
    "propertyNames",
    "unevaluatedProperties",
    "dependentRequired",
    "dependentSchemas",
    "discriminator",
];
/// The formats of numbers; any other format is a string's.
const NUMBER_FORMATS: &[&str] = &[
    "int8", "int16", "int32", "int64", "int128", "uint8", "uint16", "uint32", "uint64", "uint128",
    "float", "double", "decimal",
];

/// Rewrites a `type` list or `type: "null"` of the schema at `at` in 3.0 terms, splitting it
/// into a union when it names several types.
pub(super) fn convert_type(mapping: &mut Mapping, at: &str, context: &mut Context<'_>) {
    let names = match mapping.get("type") {
        Some(Value::String(name)) if name == "null" => vec!["null".to_owned()],
        Some(Value::Sequence(list)) => type_names(list, at, context),
        _ => return,
    };
    let nullable = names.iter().any(|name| name == "null");
    let mut named: Vec<String> = names.into_iter().filter(|name| name != "null").collect();
    // Every integer is a number, so a list with both means any number.
    if named.iter().any(|name| name == "number") {
        named.retain(|name| name != "integer");
    }
    let nullable_entry = || (Value::from("nullable"), Value::Bool(true));
    match named.as_slice() {
        [] if nullable => {
            let mut entries = vec![nullable_entry()];
            if !mapping.contains_key("enum") {
                entries.push((Value::from("enum"), Value::Sequence(vec![Value::Null])));
            }
            replace_entry(mapping, "type", entries);
        }
        [] => {
            mapping.shift_remove("type");
        }
        [single] => {
            let mut entries = vec![(Value::from("type"), Value::from(single.as_str()))];
            if nullable {
                entries.push(nullable_entry());
            }
            replace_entry(mapping, "type", entries);
        }
        several => split(mapping, several, nullable, at, context),
    }
}

/// The type names of a `type` list, each once, in order; an entry that is not a string is
/// reported and left out.
fn type_names(list: &[Value], at: &str, context: &mut Context<'_>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (index, entry) in list.iter().enumerate() {
        match entry {
            Value::String(name) if !names.contains(name) => names.push(name.clone()),
            Value::String(_) => {}
            other => {
                let shown = serde_yaml::to_string(other).unwrap_or_default();
                context.push(
                    &pointer::index(&pointer::child(at, "type"), index),
                    format!(
                        "`{}` is not a type name; expected one of string, number, integer, \
                         boolean, array, object and null",
                        shown.trim_end()
                    ),
                );
            }
        }
    }
    names
}

/// Which member types a keyword applies to: `None` for a keyword of every type.
fn owners(key: &str, format: Option<&str>, types: &[String]) -> Option<Vec<usize>> {
    let of = |kinds: &[&str]| -> Vec<usize> {
        types
            .iter()
            .enumerate()
            .filter(|(_, name)| kinds.contains(&name.as_str()))
            .map(|(index, _)| index)
            .collect()
    };
    let numbers = ["number", "integer"];
    if STRING_KEYWORDS.contains(&key) {
        Some(of(&["string"]))
    } else if NUMBER_KEYWORDS.contains(&key) {
        Some(of(&numbers))
    } else if ARRAY_KEYWORDS.contains(&key) {
        Some(of(&["array"]))
    } else if OBJECT_KEYWORDS.contains(&key) {
        Some(of(&["object"]))
    } else if key == "format" {
        let numeric = format.is_some_and(|format| NUMBER_FORMATS.contains(&format));
        let preferred = if numeric {
            of(&numbers)
        } else {
            of(&["string"])
        };
        Some(if preferred.is_empty() {
            of(&["string", "number", "integer"])
        } else {
            preferred
        })
    } else {
        None
    }
}

/// Whether an `enum` value is of the type `name`.
fn fits(value: &Value, name: &str) -> bool {
    match (name, value) {
        ("string", Value::String(_)) | ("boolean", Value::Bool(_)) => true,
        ("number", Value::Number(_)) | ("array", Value::Sequence(_)) => true,
        ("object", Value::Mapping(_)) => true,
        ("integer", Value::Number(number)) => {
            number.is_i64() || number.is_u64() || number.as_f64().is_some_and(|n| n.fract() == 0.0)
        }
        _ => false,
    }
}

/// Splits a schema with several types into a union of one member per type. The members go
/// into `oneOf`, or into `anyOf` when the schema already has a `oneOf` (the members have
/// disjoint types, so the two mean the same), or into a new `allOf` member when it has both.
fn split(
    mapping: &mut Mapping,
    types: &[String],
    nullable: bool,
    at: &str,
    context: &mut Context<'_>,
) {
    let format = mapping
        .get("format")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut members: Vec<Mapping> = types
        .iter()
        .map(|name| Mapping::from_iter([(Value::from("type"), Value::from(name.as_str()))]))
        .collect();
    let values: Option<Vec<Value>> = match mapping.get("enum") {
        Some(Value::Sequence(values)) => Some(values.clone()),
        _ => None,
    };
    let mut outer = Mapping::new();
    for (key, value) in std::mem::take(mapping) {
        let Some(name) = key.as_str() else {
            outer.insert(key, value);
            continue;
        };
        if name == "type" {
            // The union's place, filled below.
            outer.insert(key, Value::Null);
            continue;
        }
        if name == "enum" && values.is_some() {
            continue;
        }
        match owners(name, format.as_deref(), types) {
            None => {
                outer.insert(key, value);
            }
            Some(indices) => {
                for index in indices {
                    if let Some(member) = members.get_mut(index) {
                        member.insert(key.clone(), value.clone());
                    }
                }
            }
        }
    }
    if let Some(values) = values {
        members = with_values(members, types, &values);
    }
    *mapping = outer;
    place_union(mapping, members, nullable, at, context);
}

/// Gives each member the `enum` values of its type and leaves out the members none fit (they
/// admit nothing); when no value fits any member, every member keeps them all.
fn with_values(members: Vec<Mapping>, types: &[String], values: &[Value]) -> Vec<Mapping> {
    let fitting: Vec<Vec<Value>> = types
        .iter()
        .map(|name| {
            values
                .iter()
                .filter(|value| fits(value, name))
                .cloned()
                .collect()
        })
        .collect();
    if fitting.iter().all(Vec::is_empty) {
        return members
            .into_iter()
            .map(|mut member| {
                member.insert(Value::from("enum"), Value::Sequence(values.to_vec()));
                member
            })
            .collect();
    }
    members
        .into_iter()
        .zip(fitting)
        .filter(|(_, own)| !own.is_empty())
        .map(|(mut member, own)| {
            member.insert(Value::from("enum"), Value::Sequence(own));
            member
        })
        .collect()
}

/// Puts the members in place of the `type` entry: one member is merged into the schema, more
/// become a union. Each member is mounted on the schema it was taken from.
fn place_union(
    mapping: &mut Mapping,
    members: Vec<Mapping>,
    nullable: bool,
    at: &str,
    context: &mut Context<'_>,
) {
    let nullable_entry = (Value::from("nullable"), Value::Bool(true));
    if members.len() == 1 {
        let mut entries: Vec<(Value, Value)> = members.into_iter().flatten().collect();
        if nullable {
            entries.push(nullable_entry);
        }
        replace_entry(mapping, "type", entries);
        return;
    }
    let count = members.len();
    let members = Value::Sequence(members.into_iter().map(Value::Mapping).collect());
    let (keyword, union_at, entry) = if !mapping.contains_key("oneOf") {
        ("oneOf", pointer::child(at, "oneOf"), members)
    } else if !mapping.contains_key("anyOf") {
        ("anyOf", pointer::child(at, "anyOf"), members)
    } else {
        let wrapper = Mapping::from_iter([(Value::from("oneOf"), members)]);
        let mut all_of = match mapping.shift_remove("allOf") {
            Some(Value::Sequence(all_of)) => all_of,
            _ => Vec::new(),
        };
        let union_at = pointer::child(
            &pointer::index(&pointer::child(at, "allOf"), all_of.len()),
            "oneOf",
        );
        all_of.push(Value::Mapping(wrapper));
        ("allOf", union_at, Value::Sequence(all_of))
    };
    let mut entries = vec![(Value::from(keyword), entry)];
    if nullable {
        entries.push(nullable_entry);
    }
    replace_entry(mapping, "type", entries);
    for index in 0..count {
        context.moved(pointer::index(&union_at, index), at);
    }
}
