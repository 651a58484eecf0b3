//! The line and column of a JSON pointer in a document's text, so that every diagnostic can
//! say where it is in the file the user wrote, not only by pointer.
//!
//! The plain value the loader works on has no positions (serde_yaml keeps none), so the text
//! is read a second time, as a stream of YAML events with their places (`saphyr-parser`; JSON
//! is YAML too), only when there are diagnostics to place and only for the pointers they name.
//! A pointer that names nothing in the text (a key the document lacks) gets the place of its
//! deepest part that exists.

use std::collections::{BTreeMap, BTreeSet};

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::error::Location;
use crate::pointer;

/// One level of the walk: the pointer of the mapping or sequence, and where in it the walk is.
enum Frame {
    /// A mapping, and the pointer and place of the key whose value comes next (`None`: the
    /// next scalar is a key).
    Mapping {
        at: String,
        key: Option<(String, Location)>,
    },
    /// A sequence and the index of its next item.
    Sequence { at: String, next: usize },
}

/// One value of the text: its pointer, its place (its key's, for a mapping member), and, for
/// a plain scalar, its text and its span in characters.
pub(crate) struct Node<'text> {
    pub(crate) pointer: String,
    pub(crate) place: Location,
    pub(crate) plain: Option<(std::borrow::Cow<'text, str>, std::ops::Range<usize>)>,
}

/// Calls `visit` for every value of `text`, in order, until the text stops parsing.
pub(crate) fn walk<'text>(text: &'text str, mut visit: impl FnMut(Node<'text>)) {
    let mut stack: Vec<Frame> = Vec::new();
    let mut parser = Parser::new_from_str(text);
    while let Some(Ok((event, span))) = parser.next_event() {
        let here = Location {
            line: span.start.line(),
            column: span.start.col() + 1,
        };
        let collection = match &event {
            Event::Scalar(..) | Event::Alias(_) => false,
            Event::MappingStart(..) | Event::SequenceStart(..) => true,
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                continue;
            }
            Event::DocumentEnd => break,
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentStart(_) => {
                continue
            }
        };
        if let (
            Some(Frame::Mapping {
                at,
                key: key @ None,
            }),
            Event::Scalar(text, ..),
        ) = (stack.last_mut(), &event)
        {
            *key = Some((pointer::child(at, text), here));
            continue;
        }
        let (at, place) = match stack.last_mut() {
            Some(Frame::Mapping { key, .. }) => {
                key.take().unwrap_or_else(|| ("#?".to_owned(), here))
            }
            Some(Frame::Sequence { at, next }) => {
                *next += 1;
                (pointer::index(at, *next - 1), here)
            }
            None => ("#".to_owned(), here),
        };
        let plain = match &event {
            Event::Scalar(value, ScalarStyle::Plain, ..) => {
                Some((value.clone(), span.start.index()..span.end.index()))
            }
            _ => None,
        };
        if collection {
            stack.push(match event {
                Event::MappingStart(..) => Frame::Mapping {
                    at: at.clone(),
                    key: None,
                },
                _ => Frame::Sequence {
                    at: at.clone(),
                    next: 0,
                },
            });
        }
        visit(Node {
            pointer: at,
            place,
            plain,
        });
    }
}

/// The place of each of `wanted` (or of its deepest existing ancestor) in `text`; pointers the
/// text cannot place (it does not parse as YAML) are left out.
pub(crate) fn locate(text: &str, wanted: &BTreeSet<String>) -> BTreeMap<String, Location> {
    let prefixes: BTreeSet<String> = wanted
        .iter()
        .flat_map(|pointer| ancestors(pointer))
        .collect();
    let mut found: BTreeMap<String, Location> = BTreeMap::new();
    walk(text, |node| {
        if prefixes.contains(&node.pointer) {
            found.entry(node.pointer).or_insert(node.place);
        }
    });
    wanted
        .iter()
        .filter_map(|pointer| {
            let place = ancestors(pointer)
                .iter()
                .rev()
                .find_map(|ancestor| found.get(ancestor))?;
            Some((pointer.clone(), *place))
        })
        .collect()
}

/// `#`, `#/a`, `#/a/b` for `#/a/b`.
fn ancestors(pointer: &str) -> Vec<String> {
    let mut all = vec!["#".to_owned()];
    if let Some(rest) = pointer.strip_prefix("#/") {
        let mut current = String::from("#");
        for segment in rest.split('/') {
            current = format!("{current}/{segment}");
            all.push(current.clone());
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(text: &str, pointers: &[&str]) -> Vec<(usize, usize)> {
        let wanted: BTreeSet<String> = pointers
            .iter()
            .map(|pointer| (*pointer).to_owned())
            .collect();
        let found = locate(text, &wanted);
        pointers
            .iter()
            .map(|pointer| {
                let place = found[*pointer];
                (place.line, place.column)
            })
            .collect()
    }

    #[test]
    fn yaml_parts_are_placed_at_their_keys() {
        let text = "openapi: 3.0.3\npaths:\n  /pets:\n    get:\n      responses:\n        '200': {description: ok}\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      required: [a, b]\n";
        assert_eq!(
            places(
                text,
                &[
                    "#/openapi",
                    "#/paths/~1pets/get",
                    "#/paths/~1pets/get/responses/200/description",
                    "#/components/schemas/Pet/required/1",
                    "#/components/schemas/Pet/properties/missing",
                ]
            ),
            [(1, 1), (4, 5), (6, 17), (11, 21), (9, 5)]
        );
    }

    #[test]
    fn json_parts_are_placed_too() {
        let text = "{\n  \"openapi\": \"3.0.3\",\n  \"paths\": {\n    \"/a\": {\"get\": {\"x\": [1, {\"y\": 2}]}}\n  }\n}\n";
        assert_eq!(
            places(text, &["#/paths/~1a/get", "#/paths/~1a/get/x/1/y"]),
            [(4, 12), (4, 30)]
        );
    }

    #[test]
    fn text_that_does_not_parse_places_what_came_before() {
        let wanted = BTreeSet::from(["#/a".to_owned()]);
        assert!(locate("a: [1,\n", &wanted).len() <= 1);
    }
}
