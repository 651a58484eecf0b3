//! `$ref`s that point somewhere other than the root of a component (`#/paths/…/schema`,
//! `#/paths/~1pets/get/responses/401`, `#/components/schemas/Pet/properties/tag`): their
//! targets are read here, while the whole document is still at hand, as each kind of object a
//! reference may stand for, so lowering can follow them like any component.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{Parameter, ReferenceOr, RequestBody, Response, Schema};
use serde::de::DeserializeOwned;
use serde_yaml::Value;

use crate::error::Collector;
use crate::pointer;

/// The objects non-component `$ref`s point to, by canonical pointer and by kind: a target is
/// in each map whose kind it reads as. A reference whose target is not of the kind its place
/// needs is reported by lowering, where it is used.
#[derive(Debug, Clone, Default)]
pub struct PointerTargets {
    /// Targets that read as schemas.
    pub schemas: BTreeMap<String, ReferenceOr<Schema>>,
    /// Targets that read as responses.
    pub responses: BTreeMap<String, ReferenceOr<Response>>,
    /// Targets that read as parameters.
    pub parameters: BTreeMap<String, ReferenceOr<Parameter>>,
    /// Targets that read as request bodies.
    pub request_bodies: BTreeMap<String, ReferenceOr<RequestBody>>,
}

/// Reads `value` as a `T` into `map` under `pointer`, if it is one.
fn insert_as<T: DeserializeOwned>(
    map: &mut BTreeMap<String, ReferenceOr<T>>,
    pointer: &str,
    value: &Value,
) {
    if let Ok(item) = serde_yaml::from_value::<ReferenceOr<T>>(value.clone()) {
        map.insert(pointer.to_owned(), item);
    }
}

/// The objects that non-component `$ref`s point to, and the warnings about references whose
/// target is another kind of object than their place needs but has a clear meaning there.
pub(super) fn collect_pointer_targets(
    document: &Value,
    problems: &mut Collector,
) -> PointerTargets {
    let mut references = BTreeSet::new();
    let mut path = Vec::new();
    collect_references(document, &mut path, &mut references);
    let mut targets = PointerTargets::default();
    for (reference, needed, referrer) in references {
        let Some(segments) = pointer::local_reference_segments(&reference) else {
            continue;
        };
        let (Some(target), Some(canonical)) = (
            resolve(document, &segments),
            pointer::canonical_reference(&reference),
        ) else {
            continue;
        };
        let found = position(&segments);
        let is_component_root = segments.len() == 3 && segments[0] == "components";
        if found == needed {
            if !is_component_root {
                targets.insert(needed, &canonical, target);
            }
            continue;
        }
        match coerce(needed, found, target, &reference) {
            Some((value, what)) => {
                problems.warn(
                    referrer,
                    format!(
                        "`$ref` `{reference}` points to {}, where {} is expected; {what}",
                        found.noun(),
                        needed.noun()
                    ),
                );
                targets.insert(needed, &canonical, &value);
            }
            None if needed != Position::Other && found != Position::Other => problems.push(
                referrer,
                format!(
                    "`$ref` `{reference}` points to {}, where {} is expected",
                    found.noun(),
                    needed.noun()
                ),
            ),
            None => {}
        }
    }
    targets
}

impl PointerTargets {
    fn insert(&mut self, kind: Position, pointer: &str, value: &Value) {
        match kind {
            Position::Schema => insert_as(&mut self.schemas, pointer, value),
            Position::Response => insert_as(&mut self.responses, pointer, value),
            Position::Parameter => insert_as(&mut self.parameters, pointer, value),
            Position::RequestBody => insert_as(&mut self.request_bodies, pointer, value),
            Position::Other => {}
        }
    }
}

/// The object a reference stands for when it points to another kind of object whose meaning
/// is clear, with what was done: a parameter's or a response's schema where a schema is
/// expected, a JSON response of a schema where a response is expected.
fn coerce(
    needed: Position,
    found: Position,
    target: &Value,
    reference: &str,
) -> Option<(Value, &'static str)> {
    match (needed, found) {
        (Position::Schema, Position::Parameter) => Some((
            target.get("schema")?.clone(),
            "the parameter's schema is used",
        )),
        (Position::Schema, Position::Response) => {
            let schema = target
                .get("content")
                .and_then(Value::as_mapping)
                .and_then(|content| content.values().find_map(|media| media.get("schema")));
            Some(match schema {
                Some(schema) => (schema.clone(), "the response's schema is used"),
                None => (
                    Value::Mapping(serde_yaml::Mapping::new()),
                    "the response describes no schema, so any value is accepted",
                ),
            })
        }
        (Position::Response, Position::Schema) => {
            let response: Value = serde_yaml::from_str(&format!(
                "{{description: '', content: {{application/json: {{schema: {{$ref: {reference:?}}}}}}}}}"
            ))
            .ok()?;
            Some((response, "it is read as a JSON response of that schema"))
        }
        _ => None,
    }
}

/// What kind of object the document holds at a pointer, from the keys on the way to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Position {
    Schema,
    Response,
    Parameter,
    RequestBody,
    Other,
}

impl Position {
    fn noun(self) -> &'static str {
        match self {
            Position::Schema => "a schema",
            Position::Response => "a response",
            Position::Parameter => "a parameter",
            Position::RequestBody => "a request body",
            Position::Other => "something else",
        }
    }
}

fn position(segments: &[String]) -> Position {
    let last = segments.last().map(String::as_str);
    let parent = segments
        .len()
        .checked_sub(2)
        .and_then(|index| segments.get(index))
        .map(String::as_str);
    match (parent, last) {
        (_, Some("schema" | "items" | "additionalProperties" | "not")) => Position::Schema,
        (
            Some("schemas" | "properties" | "allOf" | "oneOf" | "anyOf" | "$defs" | "definitions"),
            _,
        ) => Position::Schema,
        (Some("responses"), _) => Position::Response,
        (Some("parameters"), _) => Position::Parameter,
        (_, Some("requestBody")) | (Some("requestBodies"), _) => Position::RequestBody,
        _ => Position::Other,
    }
}

/// One step of the walk: a mapping key or a sequence index.
#[derive(Debug, Clone, Copy)]
enum Step<'value> {
    Key(&'value str),
    Index(usize),
}

impl Step<'_> {
    fn text(self) -> String {
        match self {
            Step::Key(key) => key.to_owned(),
            Step::Index(index) => index.to_string(),
        }
    }
}

/// Every `$ref` string in the document, with the kind of object its place needs and the
/// pointer of that place. The recursion follows the document's nesting, which the parsers
/// have already limited to 128 levels.
fn collect_references<'value>(
    value: &'value Value,
    path: &mut Vec<Step<'value>>,
    references: &mut BTreeSet<(String, Position, String)>,
) {
    match value {
        Value::Mapping(object) => {
            if let Some(Value::String(reference)) = object.get("$ref") {
                let segments: Vec<String> = path.iter().map(|step| step.text()).collect();
                let at = segments
                    .iter()
                    .fold("#".to_owned(), |at, segment| pointer::child(&at, segment));
                references.insert((reference.clone(), position(&segments), at));
                return;
            }
            let parent_key = match path.last() {
                Some(Step::Key(key)) => Some(*key),
                _ => None,
            };
            for (key, child) in object {
                let Some(key) = key.as_str() else { continue };
                if super::holds_data(parent_key, key) {
                    continue;
                }
                path.push(Step::Key(key));
                collect_references(child, path, references);
                path.pop();
            }
        }
        Value::Sequence(items) => {
            for (index, item) in items.iter().enumerate() {
                path.push(Step::Index(index));
                collect_references(item, path, references);
                path.pop();
            }
        }
        Value::Tagged(tagged) => collect_references(&tagged.value, path, references),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
    }
}

/// The value at `segments` inside `document`.
fn resolve<'value>(document: &'value Value, segments: &[String]) -> Option<&'value Value> {
    segments
        .iter()
        .try_fold(document, |current, segment| match current {
            Value::Mapping(object) => object.get(segment.as_str()),
            Value::Sequence(items) => segment
                .parse::<usize>()
                .ok()
                .and_then(|index| items.get(index)),
            _ => None,
        })
}
