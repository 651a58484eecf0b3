//! `$anchor` names resolved: JSON Schema lets a `$ref` name a schema by an anchor
//! (`$ref: '#node'` for `$anchor: node`), which 3.0 does not have and the loader's `$ref`
//! machinery does not read. The conversion notes where each anchor ends up and each `$ref`
//! that names one; once the document is converted, each such `$ref` is rewritten as the JSON
//! pointer of its anchor's schema.

use serde_yaml::Value;

use super::context::Context;
use crate::pointer;

/// The anchor a `$ref` names (`#node`), if it names one rather than a pointer.
fn anchor_of(reference: &str) -> Option<&str> {
    let name = reference.strip_prefix('#')?;
    (!name.is_empty() && !name.starts_with('/')).then_some(name)
}

/// Notes the anchor of the schema at `at` (a `$dynamicAnchor` is a plain anchor too, for a
/// `$ref`), and whether its `$ref` names an anchor.
pub(super) fn note(schema: &serde_yaml::Mapping, at: &str, context: &mut Context<'_>) {
    let name = ["$anchor", "$dynamicAnchor"]
        .iter()
        .find_map(|keyword| schema.get(*keyword).and_then(Value::as_str));
    if let Some(name) = name {
        let source = context.resolve(at);
        context
            .anchors
            .places
            .entry(name.to_owned())
            .and_modify(|place| {
                if place.as_ref().is_some_and(|(_, first)| *first != source) {
                    *place = None;
                }
            })
            .or_insert_with(|| Some((at.to_owned(), source)));
    }
    let anchors = &mut context.anchors;
    if schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(anchor_of)
        .is_some()
    {
        anchors.references.push(at.to_owned());
    }
}

/// Rewrites each `$ref` that names an anchor as the pointer of the anchor's schema; one that
/// names no anchor, or one given twice, is reported and left as written.
pub(super) fn resolve(document: &mut Value, context: &mut Context<'_>) {
    let anchors = std::mem::take(&mut context.anchors);
    for at in anchors.references {
        let Some(schema) = find_mut(document, &at) else {
            continue;
        };
        let Some(reference) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .map(str::to_owned)
        else {
            continue;
        };
        let name = anchor_of(&reference).unwrap_or_default();
        match anchors.places.get(name) {
            Some(Some((target, _))) => {
                if let Some(slot) = schema.get_mut("$ref") {
                    *slot = Value::from(target.as_str());
                }
            }
            found => {
                let why = if found.is_some() {
                    "several schemas have that `$anchor`"
                } else {
                    "no schema has that `$anchor`"
                };
                context.push(
                    &pointer::child(&at, "$ref"),
                    format!("`$ref` `{reference}` names an anchor, but {why}"),
                );
            }
        }
    }
}

/// The value at the output pointer `at` in `document`.
fn find_mut<'document>(document: &'document mut Value, at: &str) -> Option<&'document mut Value> {
    let segments = pointer::local_reference_segments(at)?;
    segments
        .iter()
        .try_fold(document, |current, segment| match current {
            Value::Mapping(mapping) => mapping.get_mut(segment.as_str()),
            Value::Sequence(items) => segment
                .parse::<usize>()
                .ok()
                .and_then(|index| items.get_mut(index)),
            _ => None,
        })
}
