//! The plain value → `openapiv3::OpenAPI`, piece by piece: each path item and each component
//! is read on its own, so every bad piece is reported (not only the first), each at the JSON
//! pointer of the field at fault. The value is taken apart as it is read, so the document is
//! never held twice.

use indexmap::IndexMap;
use openapiv3::{Components, OpenAPI, Paths, ReferenceOr};
use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use crate::error::Collector;
use crate::pointer;

/// Reads the typed document, recording every failure; `None` when any piece failed.
pub(super) fn read_typed(value: Value, problems: &mut Collector) -> Option<OpenAPI> {
    let Value::Mapping(mut root) = value else {
        problems.push("#", "the document is not a mapping");
        return None;
    };
    let before = problems.len();
    let paths = match take(&mut root, "paths") {
        Some(paths) => read_paths(paths, problems),
        None => {
            problems.push("#", "missing the required field `paths`");
            Paths::default()
        }
    };
    let components =
        take(&mut root, "components").map(|components| read_components(components, problems));
    // The rest is read as a whole; `paths` stands in empty, since it was read above.
    root.insert(Value::from("paths"), Value::Mapping(Mapping::new()));
    let rest: Option<OpenAPI> = read_piece(Value::Mapping(root), "#", problems);
    let mut openapi = rest?;
    if problems.len() > before {
        return None;
    }
    openapi.paths = paths;
    openapi.components = components.flatten();
    Some(openapi)
}

fn take(object: &mut Mapping, key: &str) -> Option<Value> {
    object.remove(key)
}

/// Reads one piece, recording a failure at the pointer of the field at fault.
///
/// A panic inside `openapiv3` (it has some, on inputs it does not expect) is caught and
/// reported at the piece, so that no document can crash the generator.
fn read_piece<T: DeserializeOwned>(value: Value, at: &str, problems: &mut Collector) -> Option<T> {
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        serde_path_to_error::deserialize::<_, T>(value)
    }));
    let read = match read {
        Ok(read) => read,
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|text| (*text).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            problems.push(
                at,
                format!("openapiv3 could not read this part and panicked ({why}); it is not a valid object of its kind"),
            );
            return None;
        }
    };
    match read {
        Ok(piece) => Some(piece),
        Err(error) => {
            let mut location = at.to_owned();
            for segment in error.path().iter() {
                match segment {
                    serde_path_to_error::Segment::Seq { index } => {
                        location = pointer::index(&location, *index);
                    }
                    serde_path_to_error::Segment::Map { key } => {
                        location = pointer::child(&location, key);
                    }
                    serde_path_to_error::Segment::Enum { .. }
                    | serde_path_to_error::Segment::Unknown => {}
                }
            }
            problems.push(location, describe(error.inner()));
            None
        }
    }
}

/// Reads a `$ref` or an object: the object is read as itself rather than through
/// `ReferenceOr`, which serde tries as an untagged choice and so reports any mistake inside the
/// object as a mismatch of the whole, at the object's root.
pub(super) fn read_reference_or<T: DeserializeOwned>(
    value: Value,
    at: &str,
    problems: &mut Collector,
) -> Option<ReferenceOr<T>> {
    if value.get("$ref").is_some() {
        read_piece(value, at, problems)
    } else {
        read_piece(value, at, problems).map(ReferenceOr::Item)
    }
}

/// serde's message, with the one that hides every detail made useful: a schema, parameter or
/// security scheme is an untagged choice in `openapiv3`, so a mistake anywhere inside it
/// surfaces as "did not match any variant".
fn describe(error: &serde_yaml::Error) -> String {
    let message = error.to_string();
    if message.contains("did not match any variant") {
        "not a valid object of its kind here (a field has the wrong type, or a required field \
         is missing)"
            .to_owned()
    } else {
        message
    }
}

/// `paths`: each path item on its own; `x-` keys are extensions.
fn read_paths(value: Value, problems: &mut Collector) -> Paths {
    let mut paths = Paths::default();
    let Value::Mapping(entries) = value else {
        problems.push("#/paths", "`paths` is not a mapping");
        return paths;
    };
    for (key, item) in entries {
        let Value::String(key) = key else { continue };
        if key.starts_with("x-") {
            if let Ok(extension) = serde_yaml::from_value(item) {
                paths.extensions.insert(key, extension);
            }
            continue;
        }
        let at = pointer::child("#/paths", &key);
        if let Some(item) = read_reference_or(item, &at, problems) {
            paths.paths.insert(key, item);
        }
    }
    paths
}

/// `components`: each entry of each section on its own.
fn read_components(value: Value, problems: &mut Collector) -> Option<Components> {
    let Value::Mapping(sections) = value else {
        problems.push("#/components", "`components` is not a mapping");
        return None;
    };
    let mut components = Components::default();
    for (section, entries) in sections {
        let Value::String(section) = section else {
            continue;
        };
        let at = pointer::child("#/components", &section);
        match section.as_str() {
            "schemas" => read_section(entries, &at, &mut components.schemas, problems),
            "responses" => read_section(entries, &at, &mut components.responses, problems),
            "parameters" => read_section(entries, &at, &mut components.parameters, problems),
            "examples" => read_section(entries, &at, &mut components.examples, problems),
            "requestBodies" => read_section(entries, &at, &mut components.request_bodies, problems),
            "headers" => read_section(entries, &at, &mut components.headers, problems),
            "securitySchemes" => {
                read_section(entries, &at, &mut components.security_schemes, problems)
            }
            "links" => read_section(entries, &at, &mut components.links, problems),
            "callbacks" => read_section(entries, &at, &mut components.callbacks, problems),
            _ if section.starts_with("x-") => {
                if let Ok(extension) = serde_yaml::from_value(entries) {
                    components.extensions.insert(section, extension);
                }
            }
            _ => problems.warn(
                at,
                format!(
                    "unknown `components` section `{section}` is ignored; the sections are \
                     schemas, responses, parameters, examples, requestBodies, headers, \
                     securitySchemes, links and callbacks"
                ),
            ),
        }
    }
    Some(components)
}

fn read_section<T: DeserializeOwned>(
    value: Value,
    at: &str,
    section: &mut IndexMap<String, ReferenceOr<T>>,
    problems: &mut Collector,
) {
    let Value::Mapping(entries) = value else {
        problems.push(
            at,
            "a `components` section must be a mapping of names to objects",
        );
        return;
    };
    for (name, entry) in entries {
        let Value::String(name) = name else { continue };
        let entry_at = pointer::child(at, &name);
        if let Some(entry) = read_reference_or(entry, &entry_at, problems) {
            section.insert(name, entry);
        }
    }
}
