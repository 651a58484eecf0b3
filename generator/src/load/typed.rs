//! The plain value → `openapiv3::OpenAPI`, piece by piece: each operation, each path item
//! and each component is read on its own, so every bad piece is reported (not only the first),
//! each at the JSON pointer of the field at fault. A bad piece is confined to itself: an
//! operation that does not read is left out, a schema is read as any JSON value, another
//! component is left out (and whatever refers to it then says so), each with a warning; only
//! a document whose root does not read is refused. The value is taken apart as it is read, so
//! the document is never held twice.

use indexmap::IndexMap;
use openapiv3::{Components, OpenAPI, Operation, PathItem, Paths, ReferenceOr, Schema};
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

/// The HTTP methods a path item holds operations under.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Reads a piece whose failure is confined to it: the failure becomes a warning ending in
/// `consequence` (what happens instead), and `None`.
fn read_confined<T: DeserializeOwned>(
    value: Value,
    at: &str,
    problems: &mut Collector,
    consequence: &str,
) -> Option<T> {
    let mut own = Collector::default();
    let read = read_piece(value, at, &mut own);
    let (errors, warnings) = own.into_parts();
    for diagnostic in errors.into_iter().chain(warnings) {
        problems.warn(
            diagnostic.pointer,
            format!("{}; {consequence}", diagnostic.message),
        );
    }
    read
}

/// `paths`: each path item on its own, and each of its operations on its own; `x-` keys are
/// extensions.
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
        if let Some(item) = read_path_item(item, &at, problems) {
            paths.paths.insert(key, item);
        }
    }
    paths
}

/// One path item: its operations read one by one, then the rest of it.
fn read_path_item(
    item: Value,
    at: &str,
    problems: &mut Collector,
) -> Option<ReferenceOr<PathItem>> {
    let Value::Mapping(mut item) = item else {
        return read_reference_or(item, at, problems);
    };
    if item.contains_key("$ref") {
        return read_reference_or(Value::Mapping(item), at, problems);
    }
    let mut operations = Vec::new();
    for method in METHODS {
        if let Some(operation) = item.remove(method) {
            let operation_at = pointer::child(at, method);
            let read: Option<Operation> = read_confined(
                operation,
                &operation_at,
                problems,
                "the operation is left out",
            );
            operations.extend(read.map(|operation| (method, operation)));
        }
    }
    let mut path_item: PathItem = read_confined(
        Value::Mapping(item),
        at,
        problems,
        "the path's operations are left out",
    )?;
    for (method, operation) in operations {
        let slot = match method {
            "get" => &mut path_item.get,
            "put" => &mut path_item.put,
            "post" => &mut path_item.post,
            "delete" => &mut path_item.delete,
            "options" => &mut path_item.options,
            "head" => &mut path_item.head,
            "patch" => &mut path_item.patch,
            _ => &mut path_item.trace,
        };
        *slot = Some(operation);
    }
    Some(ReferenceOr::Item(path_item))
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
            "schemas" => read_schemas(entries, &at, &mut components.schemas, problems),
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

/// A section of components other than schemas: an entry that does not read is left out.
fn read_section<T: DeserializeOwned>(
    value: Value,
    at: &str,
    section: &mut IndexMap<String, ReferenceOr<T>>,
    problems: &mut Collector,
) {
    for (name, entry, entry_at) in section_entries(value, at, problems) {
        let read = if entry.get("$ref").is_some() {
            read_confined(entry, &entry_at, problems, "the component is left out")
        } else {
            read_confined(entry, &entry_at, problems, "the component is left out")
                .map(ReferenceOr::Item)
        };
        if let Some(entry) = read {
            section.insert(name, entry);
        }
    }
}

/// `components/schemas`: a schema that does not read is any JSON value, so whatever refers to
/// it still has a type.
fn read_schemas(
    value: Value,
    at: &str,
    section: &mut IndexMap<String, ReferenceOr<Schema>>,
    problems: &mut Collector,
) {
    for (name, entry, entry_at) in section_entries(value, at, problems) {
        let consequence = "it is typed as any JSON value (`serde_json::Value`)";
        let read = if entry.get("$ref").is_some() {
            read_confined(entry, &entry_at, problems, consequence)
        } else {
            read_confined(entry, &entry_at, problems, consequence).map(ReferenceOr::Item)
        };
        let any = || {
            ReferenceOr::Item(Schema {
                schema_data: openapiv3::SchemaData::default(),
                schema_kind: openapiv3::SchemaKind::Any(openapiv3::AnySchema::default()),
            })
        };
        section.insert(name, read.unwrap_or_else(any));
    }
}

/// The named entries of a section, with their pointers.
fn section_entries(
    value: Value,
    at: &str,
    problems: &mut Collector,
) -> Vec<(String, Value, String)> {
    let Value::Mapping(entries) = value else {
        problems.push(
            at,
            "a `components` section must be a mapping of names to objects",
        );
        return Vec::new();
    };
    entries
        .into_iter()
        .filter_map(|(name, entry)| {
            let Value::String(name) = name else {
                return None;
            };
            let entry_at = pointer::child(at, &name);
            Some((name, entry, entry_at))
        })
        .collect()
}
