//! Media types: the document's `consumes` and `produces`, each operation's effective ones
//! (its own replace the document's), and the media types given to each global body parameter
//! and response when it becomes a component.
//!
//! A 2.0 global body parameter or response has no media type of its own: it takes those of
//! the operation that uses it. A 3.0 component has fixed ones, so each gets the list most of
//! its users have (the first such list on a tie, the document's when nothing uses it), and an
//! operation whose effective list differs gets a copy written in place, so that no operation
//! sends or reads a media type it does not list.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Value};

use super::{members, refs, Upgrade, DEFAULT_MEDIA_TYPE, METHODS};
use crate::pointer;

/// One media type of an effective list, with the input place that names it (`None` for the
/// default), for diagnostics about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct MediaType {
    pub(super) name: String,
    pub(super) from: Option<String>,
}

/// The document's media types and those of each global body parameter and response.
#[derive(Debug, Default)]
pub(super) struct Media {
    consumes: Vec<MediaType>,
    produces: Vec<MediaType>,
    bodies: BTreeMap<String, Vec<MediaType>>,
    responses: BTreeMap<String, Vec<MediaType>>,
}

/// Which of the two lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    Consumes,
    Produces,
}

impl Direction {
    fn key(self) -> &'static str {
        match self {
            Direction::Consumes => "consumes",
            Direction::Produces => "produces",
        }
    }
}

impl Media {
    /// Reads the document's lists and how each operation uses the global bodies and
    /// responses.
    pub(super) fn of(input: &Mapping) -> Media {
        let mut media = Media {
            consumes: effective(input.get("consumes"), "#/consumes", &[]),
            produces: effective(input.get("produces"), "#/produces", &[]),
            ..Media::default()
        };
        let mut bodies = Tally::default();
        let mut responses = Tally::default();
        let paths = input.get("paths").into_iter().flat_map(members);
        for (path, item) in paths.filter(|(path, _)| !path.starts_with("x-")) {
            let item_at = pointer::child("#/paths", path);
            let shared = body_references(input, item.get("parameters"));
            for (method, operation) in members(item).filter(|(key, _)| METHODS.contains(key)) {
                let at = pointer::child(&item_at, method);
                let consumes = media.effective_for(operation, &at, Direction::Consumes);
                let produces = media.effective_for(operation, &at, Direction::Produces);
                let own = body_references(input, operation.get("parameters"));
                let used = if own.has_body {
                    own.globals
                } else {
                    shared.globals.clone()
                };
                for name in used {
                    bodies.add(name, &consumes);
                }
                let statuses = operation.get("responses").into_iter().flat_map(members);
                for (_, response) in statuses {
                    let reference = response.get("$ref").and_then(Value::as_str);
                    let name =
                        reference.and_then(|reference| global_reference(reference, "responses"));
                    if let Some(name) = name {
                        responses.add(name, &produces);
                    }
                }
            }
        }
        media.bodies = bodies.most_used();
        media.responses = responses.most_used();
        media
    }

    /// An operation's effective list: its own, or the document's.
    pub(super) fn effective_for(
        &self,
        operation: &Value,
        operation_at: &str,
        direction: Direction,
    ) -> Vec<MediaType> {
        let key = direction.key();
        let inherited = match direction {
            Direction::Consumes => &self.consumes,
            Direction::Produces => &self.produces,
        };
        effective(
            operation.get(key),
            &pointer::child(operation_at, key),
            inherited,
        )
    }

    /// The media types of the request body component a global body parameter becomes.
    pub(super) fn body(&self, name: &str) -> Vec<MediaType> {
        component_media(self.bodies.get(name), &self.consumes)
    }

    /// The media types of the response component a global response becomes.
    pub(super) fn response(&self, name: &str) -> Vec<MediaType> {
        component_media(self.responses.get(name), &self.produces)
    }
}

/// A component's media types: those its users have, or the document's. A diagnostic about
/// one is located at the document's list that names it, or at the component itself, not at
/// the list of one of the operations that use it.
fn component_media(used: Option<&Vec<MediaType>>, document: &[MediaType]) -> Vec<MediaType> {
    let list = used.map_or(document, Vec::as_slice);
    list.iter()
        .map(|media| MediaType {
            name: media.name.clone(),
            from: media
                .from
                .clone()
                .filter(|from| !from.starts_with("#/paths/")),
        })
        .collect()
}

/// Whether two lists name the same media types in the same order.
pub(super) fn same_names(left: &[MediaType], right: &[MediaType]) -> bool {
    left.len() == right.len()
        && left
            .iter()
            .zip(right)
            .all(|(left, right)| left.name == right.name)
}

/// The essence of a media type (lowercase, without parameters), to compare them.
pub(super) fn essence(name: &str) -> String {
    name.split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The media types of a `consumes` or `produces` list at `at`: its strings, in order, or
/// `inherited` when there is no list. An empty list (2.0's way to clear the document's) and
/// the absence of any list give `application/json`.
fn effective(value: Option<&Value>, at: &str, inherited: &[MediaType]) -> Vec<MediaType> {
    let listed: Option<Vec<MediaType>> = match value {
        Some(Value::Sequence(items)) => Some(
            items
                .iter()
                .enumerate()
                .filter_map(|(index, item)| {
                    Some(MediaType {
                        name: item.as_str()?.to_owned(),
                        from: Some(pointer::index(at, index)),
                    })
                })
                .collect(),
        ),
        _ => None,
    };
    match listed {
        Some(listed) if !listed.is_empty() => listed,
        Some(_) => default_media(),
        None if inherited.is_empty() => default_media(),
        None => inherited.to_vec(),
    }
}

fn default_media() -> Vec<MediaType> {
    vec![MediaType {
        name: DEFAULT_MEDIA_TYPE.to_owned(),
        from: None,
    }]
}

/// The global body parameters a parameter list refers to, and whether it has a body at all.
#[derive(Debug, Clone, Default)]
struct BodyReferences {
    has_body: bool,
    globals: Vec<String>,
}

fn body_references(input: &Mapping, list: Option<&Value>) -> BodyReferences {
    let mut found = BodyReferences::default();
    let entries = list.and_then(Value::as_sequence).into_iter().flatten();
    for entry in entries {
        let reference = entry.get("$ref").and_then(Value::as_str);
        let name = reference.and_then(|reference| global_reference(reference, "parameters"));
        let parameter = match &name {
            Some(name) => input
                .get("parameters")
                .and_then(|globals| globals.get(name.as_str())),
            None => Some(entry),
        };
        if parameter
            .and_then(|parameter| parameter.get("in"))
            .and_then(Value::as_str)
            == Some("body")
        {
            found.has_body = true;
            found.globals.extend(name);
        }
    }
    found
}

/// The name `X` of a `$ref` to `#/<section>/X`.
fn global_reference(reference: &str, section: &str) -> Option<String> {
    let canonical = pointer::canonical_reference(reference)?;
    refs::global_name(&canonical, section)
}

/// The effective lists of the users of each global part, with how many use each.
#[derive(Debug, Default)]
struct Tally {
    lists: BTreeMap<String, Vec<(Vec<MediaType>, usize)>>,
}

impl Tally {
    fn add(&mut self, name: String, list: &[MediaType]) {
        let seen = self.lists.entry(name).or_default();
        match seen.iter_mut().find(|(known, _)| same_names(known, list)) {
            Some((_, count)) => *count += 1,
            None => seen.push((list.to_vec(), 1)),
        }
    }

    /// For each part, the list most of its users have; the first seen on a tie.
    fn most_used(self) -> BTreeMap<String, Vec<MediaType>> {
        self.lists
            .into_iter()
            .filter_map(|(name, seen)| {
                let most = seen.iter().map(|(_, count)| *count).max()?;
                let (list, _) = seen.into_iter().find(|(_, count)| *count == most)?;
                Some((name, list))
            })
            .collect()
    }
}

impl Upgrade<'_, '_> {
    /// Warns about a `consumes` or `produces` value that is not a list of media types; the
    /// parts that are not strings are ignored.
    pub(super) fn check_media_types(&mut self, value: &Value, at: &str) {
        let key = at.rsplit('/').next().unwrap_or_default();
        match value {
            Value::Sequence(items) => {
                for (index, item) in items.iter().enumerate() {
                    if !item.is_string() {
                        self.warn(
                            pointer::index(at, index),
                            format!(
                                "`{}` in `{key}` is not a media type string; it is ignored",
                                super::shown(item)
                            ),
                        );
                    }
                }
            }
            other => self.warn(
                at,
                format!(
                    "`{key}` is `{}`; expected a list of media types; it is ignored",
                    super::shown(other)
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[MediaType]) -> Vec<&str> {
        list.iter().map(|media| media.name.as_str()).collect()
    }

    fn media(text: &str) -> Media {
        let value: Value = serde_yaml::from_str(text).expect("yaml");
        Media::of(value.as_mapping().expect("mapping"))
    }

    #[test]
    fn an_operation_list_replaces_the_document_one() {
        let media = media(
            "consumes: [application/xml]\npaths:\n  /a:\n    get: {consumes: [text/plain]}\n    put: {consumes: []}\n",
        );
        let get: Value = serde_yaml::from_str("consumes: [text/plain]").expect("yaml");
        let put: Value = serde_yaml::from_str("consumes: []").expect("yaml");
        let none: Value = serde_yaml::from_str("{}").expect("yaml");
        let effective = |operation: &Value| {
            media.effective_for(operation, "#/paths/~1a/get", Direction::Consumes)
        };
        assert_eq!(names(&effective(&get)), ["text/plain"]);
        assert_eq!(
            effective(&get)[0].from.as_deref(),
            Some("#/paths/~1a/get/consumes/0")
        );
        assert_eq!(names(&effective(&put)), ["application/json"]);
        assert_eq!(names(&effective(&none)), ["application/xml"]);
        assert_eq!(
            names(&media.effective_for(&none, "#/paths/~1a/get", Direction::Produces)),
            ["application/json"]
        );
    }

    #[test]
    fn a_global_part_takes_the_list_most_of_its_users_have() {
        let media = media(
            "
parameters:
  Pet: {name: pet, in: body, schema: {}}
responses:
  Gone: {description: gone}
paths:
  /a:
    post:
      consumes: [application/xml]
      parameters: [{$ref: '#/parameters/Pet'}]
      responses: {'410': {$ref: '#/responses/Gone'}}
    put:
      parameters: [{$ref: '#/parameters/Pet'}]
      responses: {'410': {$ref: '#/responses/Gone'}}
  /b:
    parameters: [{$ref: '#/parameters/Pet'}]
    put:
      produces: [text/plain]
      responses: {'410': {$ref: '#/responses/Gone'}}
    post:
      parameters: [{name: other, in: body, schema: {}}]
      responses: {}
",
        );
        assert_eq!(names(&media.body("Pet")), ["application/json"]);
        assert_eq!(names(&media.response("Gone")), ["application/json"]);
        assert_eq!(names(&media.body("Unused")), ["application/json"]);
    }
}
