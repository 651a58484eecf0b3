//! One 3.1 schema (JSON Schema 2020-12 with the OpenAPI vocabulary) rewritten as the 3.0
//! schema that means the same to a client, and every schema inside it.
//!
//! The rule is that a 3.1 schema with a 3.0 equivalent comes out as exactly that equivalent,
//! so that it generates the same Rust. What 3.0 cannot say is either carried in an
//! `x-generator-*` extension for lowering (tuples) or read the one sensible way with a
//! warning; keywords that only validate, and that the generated client never checks, are
//! dropped without one.

use serde_yaml::{Mapping, Value};

use super::context::{rename_entry, replace_entry, replace_entry_with, Context};
use super::types;
use crate::pointer;

/// Keywords dropped without a word: they identify, annotate or validate in ways the
/// generated client neither types by nor checks.
const SILENT: &[&str] = &[
    "$schema",
    "$id",
    "$anchor",
    "$comment",
    "$vocabulary",
    "dependencies",
    "dependentRequired",
    "dependentSchemas",
    "propertyNames",
    "contains",
    "minContains",
    "maxContains",
    "contentSchema",
];

/// The keywords a schema read as any value keeps: they document it, they do not type it.
const DOCS: &[&str] = &[
    "title",
    "description",
    "deprecated",
    "readOnly",
    "writeOnly",
];

/// The extension that carries a tuple's member schemas, in order.
pub(super) const PREFIX_ITEMS: &str = "x-generator-prefix-items";
/// The extension that says whether a tuple admits no items past its members.
pub(super) const TUPLE_CLOSED: &str = "x-generator-tuple-closed";

/// Rewrites the schema at `at` (an output pointer) and every schema inside it. The recursion
/// follows the document's nesting, which the parsers limit to 128 levels.
pub(super) fn convert_schema(schema: &mut Value, at: &str, context: &mut Context<'_>) {
    match schema {
        Value::Bool(true) => *schema = Value::Mapping(Mapping::new()),
        Value::Bool(false) => *schema = nothing(),
        _ => {}
    }
    // Anything else that is not a mapping is reported by the checks that follow, as in 3.0.
    let Value::Mapping(mapping) = schema else {
        return;
    };
    if mapping.contains_key("$dynamicRef") {
        read_dynamic_reference(mapping, at, context);
        return;
    }
    super::anchors::note(mapping, at, context);
    drop_keywords(mapping, at, context);
    constant_to_enum(mapping);
    types::convert_type(mapping, at, context);
    examples_to_example(mapping, at, context);
    exclusive_bound(
        mapping,
        at,
        context,
        "exclusiveMinimum",
        "minimum",
        |bound, inclusive| inclusive > bound,
    );
    exclusive_bound(
        mapping,
        at,
        context,
        "exclusiveMaximum",
        "maximum",
        |bound, inclusive| inclusive < bound,
    );
    content_to_format(mapping);
    prefix_items(mapping, at, context);
    extra_properties(mapping, at, context);
    reference_with_siblings(mapping, at, context);
    convert_children(mapping, at, context);
}

/// The schema no value matches, as 3.0 says it.
fn nothing() -> Value {
    Value::Mapping(Mapping::from_iter([(
        Value::from("not"),
        Value::Mapping(Mapping::new()),
    )]))
}

/// The value shown in a message, on one line.
pub(super) fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

/// A `$dynamicRef` is resolved by the path evaluation took to reach it, which a generated
/// type cannot follow, so the schema is read as any value (keeping its docs).
fn read_dynamic_reference(mapping: &mut Mapping, at: &str, context: &mut Context<'_>) {
    let reference = mapping.get("$dynamicRef").map(shown).unwrap_or_default();
    context.warn(
        &pointer::child(at, "$dynamicRef"),
        format!(
            "`$dynamicRef: {reference}` cannot be followed, since its target depends on where \
             the schema is used; the schema is read as any JSON value"
        ),
    );
    mapping.retain(|key, _| {
        key.as_str()
            .is_some_and(|key| DOCS.contains(&key) || key.starts_with("x-"))
    });
}

/// Drops the keywords 3.0 has no use for: the silent ones, and with a warning the ones that
/// would change the type (`if`/`then`/`else`) or the reading of references (`$dynamicAnchor`).
fn drop_keywords(mapping: &mut Mapping, at: &str, context: &mut Context<'_>) {
    for keyword in SILENT {
        mapping.shift_remove(*keyword);
    }
    if let Some(anchor) = mapping.shift_remove("$dynamicAnchor") {
        context.warn(
            &pointer::child(at, "$dynamicAnchor"),
            format!(
                "`$dynamicAnchor: {}` is ignored: the schema is read as written, and a \
                 `$dynamicRef` to it as any JSON value",
                shown(&anchor)
            ),
        );
    }
    let conditional: Vec<&str> = ["if", "then", "else"]
        .into_iter()
        .filter(|keyword| mapping.contains_key(*keyword))
        .collect();
    if let Some(first) = conditional.first() {
        let listed: Vec<String> = conditional.iter().map(|key| format!("`{key}`")).collect();
        context.warn(
            &pointer::child(at, first),
            format!(
                "{} cannot be expressed as a Rust type; the schema is typed without it",
                listed.join("/")
            ),
        );
        for keyword in conditional {
            mapping.shift_remove(keyword);
        }
    }
}

/// `const: v` is `enum: [v]`; beside an `enum` it is the stricter of the two.
fn constant_to_enum(mapping: &mut Mapping) {
    if let Some(value) = mapping.get("const").cloned() {
        mapping.shift_remove("enum");
        replace_entry(
            mapping,
            "const",
            vec![(Value::from("enum"), Value::Sequence(vec![value]))],
        );
    }
}

/// A schema's `examples` list gives 3.0's single `example`: its first value.
fn examples_to_example(mapping: &mut Mapping, at: &str, context: &mut Context<'_>) {
    match mapping.get("examples") {
        Some(Value::Sequence(values)) if !mapping.contains_key("example") => {
            match values.first().cloned() {
                Some(first) => {
                    replace_entry(mapping, "examples", vec![(Value::from("example"), first)]);
                    let was = pointer::index(&pointer::child(at, "examples"), 0);
                    context.moved(pointer::child(at, "example"), &was);
                }
                None => {
                    mapping.shift_remove("examples");
                }
            }
        }
        Some(Value::Sequence(_)) => {
            mapping.shift_remove("examples");
        }
        Some(other) => {
            let kind = if other.is_mapping() {
                "a mapping"
            } else {
                "a single value"
            };
            context.warn(
                &pointer::child(at, "examples"),
                format!(
                    "`examples` in a schema is a list of example values, found {kind}; it is \
                     ignored"
                ),
            );
            mapping.shift_remove("examples");
        }
        None => {}
    }
}

/// A numeric `exclusiveMinimum: n` is 3.0's `minimum: n` with `exclusiveMinimum: true` (and
/// the same for the maximum); beside an inclusive bound, the stricter of the two is kept.
/// `tighter(bound, inclusive)` says whether the inclusive bound is the stricter. A boolean
/// (3.0 style) is left as it is.
fn exclusive_bound(
    mapping: &mut Mapping,
    at: &str,
    context: &mut Context<'_>,
    exclusive: &str,
    inclusive: &str,
    tighter: fn(f64, f64) -> bool,
) {
    let Some(bound) = mapping
        .get(exclusive)
        .filter(|value| value.is_number())
        .cloned()
    else {
        return;
    };
    let inclusive_value = mapping.get(inclusive).and_then(Value::as_f64);
    if let (Some(inclusive_value), Some(bound_value)) = (inclusive_value, bound.as_f64()) {
        if tighter(bound_value, inclusive_value) {
            mapping.shift_remove(exclusive);
            return;
        }
    }
    if mapping.contains_key(inclusive) {
        mapping.insert(Value::from(inclusive), bound);
        mapping.insert(Value::from(exclusive), Value::Bool(true));
    } else {
        replace_entry(
            mapping,
            exclusive,
            vec![
                (Value::from(inclusive), bound),
                (Value::from(exclusive), Value::Bool(true)),
            ],
        );
    }
    context.moved(
        pointer::child(at, inclusive),
        &pointer::child(at, exclusive),
    );
}

/// A string's `contentEncoding: base64` is 3.0's `format: byte`, and a `contentMediaType`
/// other than JSON (without an encoding) is `format: binary`: raw bytes of that type. A
/// schema without a `type` is read as a string here, since these keywords apply only to
/// strings. A `format` already given wins.
fn content_to_format(mapping: &mut Mapping) {
    let encoding = mapping.get("contentEncoding").and_then(Value::as_str);
    let media_type = mapping.get("contentMediaType").and_then(Value::as_str);
    let is_string = match mapping.get("type") {
        None => true,
        Some(declared) => declared.as_str() == Some("string"),
    };
    let format = match (encoding, media_type) {
        (Some(encoding), _)
            if encoding.eq_ignore_ascii_case("base64")
                || encoding.eq_ignore_ascii_case("base64url") =>
        {
            Some(("contentEncoding", "byte"))
        }
        (None, Some(media_type)) if !is_json(media_type) => Some(("contentMediaType", "binary")),
        _ => None,
    };
    if let Some((key, format)) = format.filter(|_| is_string && !mapping.contains_key("format")) {
        replace_entry(
            mapping,
            key,
            vec![(Value::from("format"), Value::from(format))],
        );
    }
    mapping.shift_remove("contentEncoding");
    mapping.shift_remove("contentMediaType");
}

/// Whether a media type is JSON (`application/json`, `application/problem+json`).
pub(super) fn is_json(media_type: &str) -> bool {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

/// `prefixItems` (or, from older drafts, `items` given as a list) makes the array a tuple,
/// which 3.0 cannot say: the member schemas go into [`PREFIX_ITEMS`], and [`TUPLE_CLOSED`]
/// says whether items past them are refused (`items: false`, or a `maxItems` equal to their
/// count). An `items` schema beside them types the items past them. `unevaluatedItems`
/// stands for `items` where there is none.
fn prefix_items(mapping: &mut Mapping, at: &str, context: &mut Context<'_>) {
    let legacy = mapping.get("items").is_some_and(Value::is_sequence)
        && !mapping.contains_key("prefixItems");
    let (key, extra_key) = if legacy {
        ("items", "additionalItems")
    } else {
        ("prefixItems", "items")
    };
    let Some(Value::Sequence(members)) = mapping.get(key) else {
        // `additionalItems` means something only beside a list of `items` (before 2020-12).
        mapping.shift_remove("prefixItems");
        mapping.shift_remove("additionalItems");
        unevaluated_items(mapping, at, context);
        return;
    };
    let count = members.len();
    if !legacy {
        mapping.shift_remove("additionalItems");
    }
    let declared = mapping
        .get("type")
        .map(|declared| declared.as_str() == Some("array"));
    if declared == Some(false) {
        // Tuple keywords apply only to arrays, and this schema is not one.
        for keyword in [key, extra_key, "unevaluatedItems"] {
            mapping.shift_remove(keyword);
        }
        return;
    }
    let unevaluated = mapping.shift_remove("unevaluatedItems");
    let extra = match mapping.get(extra_key) {
        Some(extra) => Some((extra.clone(), extra_key)),
        None => unevaluated.map(|extra| (extra, "unevaluatedItems")),
    };
    let max_items = mapping.get("maxItems").and_then(Value::as_u64);
    let closed = matches!(extra, Some((Value::Bool(false), _)))
        || u64::try_from(count).is_ok_and(|count| max_items == Some(count));
    let mut entries = Vec::new();
    if declared.is_none() {
        entries.push((Value::from("type"), Value::from("array")));
    }
    replace_entry_with(mapping, key, move |members| {
        entries.push((Value::from(PREFIX_ITEMS), members));
        entries.push((Value::from(TUPLE_CLOSED), Value::Bool(closed)));
        entries
    });
    context.moved(pointer::child(at, PREFIX_ITEMS), &pointer::child(at, key));
    match extra {
        // An `items` schema beside `prefixItems` already types the items past the members.
        Some((Value::Mapping(_), "items")) if !legacy => {}
        Some((schema @ Value::Mapping(_), from)) => {
            mapping.shift_remove(extra_key);
            mapping.insert(Value::from("items"), schema);
            context.moved(pointer::child(at, "items"), &pointer::child(at, from));
        }
        // `true` (any items past the members, which is what no `items` says) or `false`,
        // which the closed flag carries.
        _ => {
            mapping.shift_remove(extra_key);
        }
    }
}

/// Without a tuple, an `unevaluatedItems` schema types the items when `items` does not.
fn unevaluated_items(mapping: &mut Mapping, at: &str, context: &mut Context<'_>) {
    match mapping.get("unevaluatedItems") {
        Some(Value::Mapping(_)) if !mapping.contains_key("items") => {
            rename_entry(mapping, "unevaluatedItems", "items");
            context.moved(
                pointer::child(at, "items"),
                &pointer::child(at, "unevaluatedItems"),
            );
        }
        _ => {
            mapping.shift_remove("unevaluatedItems");
        }
    }
}

/// `patternProperties` and `unevaluatedProperties` in terms of `additionalProperties`, the
/// one way 3.0 types the properties an object does not name.
fn extra_properties(mapping: &mut Mapping, at: &str, context: &mut Context<'_>) {
    match mapping.get("patternProperties") {
        Some(Value::Mapping(_)) => {
            pattern_properties(mapping, at, context);
            mapping.shift_remove("unevaluatedProperties");
            return;
        }
        Some(_) => {
            mapping.shift_remove("patternProperties");
        }
        None => {}
    }
    let Some(unevaluated) = mapping.get("unevaluatedProperties") else {
        return;
    };
    if mapping.contains_key("additionalProperties") || unevaluated == &Value::Bool(true) {
        mapping.shift_remove("unevaluatedProperties");
        return;
    }
    rename_entry(mapping, "unevaluatedProperties", "additionalProperties");
    if mapping
        .get("additionalProperties")
        .is_some_and(Value::is_mapping)
    {
        let was = pointer::child(at, "unevaluatedProperties");
        context.moved(pointer::child(at, "additionalProperties"), &was);
    }
}

/// Properties typed by a key pattern cannot be told apart in a Rust map, so the pattern's
/// schema types the other properties when `additionalProperties` does not (or refuses them
/// all): one pattern's schema, or any value for several different ones.
fn pattern_properties(mapping: &mut Mapping, at: &str, context: &mut Context<'_>) {
    let Some(Value::Mapping(patterns)) = mapping.get("patternProperties") else {
        return;
    };
    let listed: Vec<String> = patterns
        .keys()
        .map(|pattern| format!("`{}`", shown(pattern)))
        .collect();
    let first = patterns
        .iter()
        .next()
        .map(|(pattern, schema)| (shown(pattern), schema.clone()));
    let alike = patterns
        .values()
        .all(|schema| first.as_ref().is_some_and(|(_, first)| first == schema));
    let patterns_at = pointer::child(at, "patternProperties");
    let replaceable = matches!(
        mapping.get("additionalProperties"),
        None | Some(Value::Bool(false))
    );
    if !replaceable {
        mapping.shift_remove("patternProperties");
        context.warn(
            &patterns_at,
            format!(
                "`patternProperties` ({}) cannot be typed by key pattern; it is ignored, and \
                 the properties not listed follow `additionalProperties`",
                listed.join(", ")
            ),
        );
        return;
    }
    let (schema, how) = match first {
        Some((pattern, schema)) if alike => {
            context.moved(
                pointer::child(at, "additionalProperties"),
                &pointer::child(&patterns_at, &pattern),
            );
            (schema, "with its schema")
        }
        _ => (Value::Mapping(Mapping::new()), "as any JSON value"),
    };
    context.warn(
        &patterns_at,
        format!(
            "`patternProperties` ({}) cannot be typed by key pattern; the properties not listed \
             are read {how}, as `additionalProperties`",
            listed.join(", ")
        ),
    );
    if mapping.contains_key("additionalProperties") {
        mapping.insert(Value::from("additionalProperties"), schema);
        mapping.shift_remove("patternProperties");
    } else {
        replace_entry(
            mapping,
            "patternProperties",
            vec![(Value::from("additionalProperties"), schema)],
        );
    }
}

/// A `$ref` with other keywords beside it is the reference plus those keywords: 3.0 says
/// that with an `allOf` of the reference (3.0 ignores a reference's siblings). The reference
/// goes first, before any members the schema already had.
fn reference_with_siblings(mapping: &mut Mapping, at: &str, context: &mut Context<'_>) {
    let Some(reference @ Value::String(_)) = mapping.get("$ref").cloned() else {
        return;
    };
    if mapping.len() == 1 {
        return;
    }
    let wrapper = Value::Mapping(Mapping::from_iter([(Value::from("$ref"), reference)]));
    let all_of_at = pointer::child(at, "allOf");
    let mut moves = vec![(pointer::index(&all_of_at, 0), at.to_owned())];
    match mapping.get_mut("allOf") {
        Some(Value::Sequence(members)) => {
            for index in 0..members.len() {
                moves.push((
                    pointer::index(&all_of_at, index + 1),
                    pointer::index(&all_of_at, index),
                ));
            }
            members.insert(0, wrapper);
            mapping.shift_remove("$ref");
        }
        _ => {
            mapping.shift_remove("allOf");
            replace_entry(
                mapping,
                "$ref",
                vec![(Value::from("allOf"), Value::Sequence(vec![wrapper]))],
            );
        }
    }
    context.moved_all(moves);
}

/// Converts every schema inside this one, at its place in the output.
fn convert_children(mapping: &mut Mapping, at: &str, context: &mut Context<'_>) {
    for (key, value) in mapping.iter_mut() {
        let Some(key) = key.as_str() else { continue };
        let child_at = pointer::child(at, key);
        match (key, value) {
            ("properties" | "$defs" | "definitions", Value::Mapping(members)) => {
                for (name, member) in members.iter_mut() {
                    if let Some(name) = name.as_str() {
                        convert_schema(member, &pointer::child(&child_at, name), context);
                    }
                }
            }
            ("items" | "not", value) => convert_schema(value, &child_at, context),
            ("additionalProperties", value @ Value::Mapping(_)) => {
                convert_schema(value, &child_at, context);
            }
            ("allOf" | "oneOf" | "anyOf" | PREFIX_ITEMS, Value::Sequence(members)) => {
                for (index, member) in members.iter_mut().enumerate() {
                    convert_schema(member, &pointer::index(&child_at, index), context);
                }
            }
            _ => {}
        }
    }
}
