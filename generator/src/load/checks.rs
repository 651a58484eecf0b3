//! Checks on the plain 3.0 document that `openapiv3` would report badly or not at all:
//! OpenAPI 3.1 syntax in a 3.0 document, and response keys that are not statuses. Each is
//! confined to one schema or one operation, so each is mended with a warning.

use serde_yaml::Value;

use super::Trail;
use crate::error::Collector;
use crate::pointer;

/// `type: [string, "null"]` is OpenAPI 3.1 (JSON Schema 2020-12) syntax. `openapiv3` would
/// fail on it with "invalid type: sequence" and no location, so it is reported here, at its
/// pointer, with the 3.0 spelling; then it is rewritten in that spelling, so that the rest of
/// the document can still be read and all of its problems reported in one run. Example and
/// default values and extensions hold data, not schemas, so they are not searched. The walk
/// recurses, which is safe because the parsers have already limited nesting to 128 levels.
pub(super) fn check_type_lists(value: &mut Value, errors: &mut Collector) {
    check_type_lists_at(value, &Trail::ROOT, errors);
}

/// The recursion follows the document's nesting, which the parsers have already limited to
/// 128 levels.
fn check_type_lists_at(value: &mut Value, trail: &Trail<'_>, errors: &mut Collector) {
    match value {
        Value::Mapping(mapping) => {
            if let Some(Value::Sequence(types)) = mapping.get("type") {
                errors.warn(
                    pointer::child(&trail.pointer(), "type"),
                    "`type` given as a list is OpenAPI 3.1 syntax in a 3.0 document; it is read \
                     as its first type other than `null` (declare `openapi: 3.1.0` to have \
                     the list read as 3.1 means it)",
                );
                let named = types
                    .iter()
                    .find(|name| name.as_str().is_some_and(|name| name != "null"))
                    .cloned();
                mapping.remove("type");
                if let Some(named) = named {
                    mapping.insert(Value::from("type"), named);
                }
            }
            for (key, child) in mapping.iter_mut() {
                let Some(key) = key.as_str() else { continue };
                if !super::holds_data(trail.last_key(), key) {
                    check_type_lists_at(child, &trail.key(key), errors);
                }
            }
        }
        Value::Sequence(items) => {
            for (position, item) in items.iter_mut().enumerate() {
                check_type_lists_at(item, &trail.index(position), errors);
            }
        }
        Value::Tagged(tagged) => check_type_lists_at(&mut tagged.value, trail, errors),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
    }
}

/// The HTTP methods a path item may hold operations under.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Every key of an operation's `responses` must be `default`, an `x-` extension, a status
/// code (`100` to `599`) or a range (`1XX` to `5XX`). `openapiv3` silently drops any other
/// key, which would leave the operation without the response the document meant. And every
/// response must have its required `description`: one without is reported here, where it is
/// (the typed read could only say "somewhere in `responses`"), and read as empty so the rest
/// of the document is still checked.
pub(super) fn check_responses(document: &mut Value, errors: &mut Collector) {
    if let Some(Value::Mapping(paths)) = document.get_mut("paths") {
        for (path, item) in paths.iter_mut() {
            let (Some(path), Value::Mapping(item)) = (path.as_str(), item) else {
                continue;
            };
            for method in METHODS {
                let Some(Value::Mapping(operation)) = item.get_mut(method) else {
                    continue;
                };
                let operation_at = pointer::child(&pointer::child("#/paths", path), method);
                if !operation.contains_key("responses") {
                    errors.warn(
                        &operation_at,
                        "missing the required field `responses`; read as documenting none",
                    );
                    operation.insert(Value::from("responses"), Value::Mapping(Default::default()));
                }
                let Some(Value::Mapping(responses)) = operation.get_mut("responses") else {
                    continue;
                };
                let at = pointer::child(&operation_at, "responses");
                responses.retain(|key, response| {
                    let key = key.as_str().unwrap_or_default();
                    if !is_response_key(key) {
                        errors.warn(
                            pointer::child(&at, key),
                            format!(
                                "`{key}` is not a response key (expected `default`, a status code \
                                 from 100 to 599, a range such as `4XX`, or an `x-` extension); \
                                 the response is left out"
                            ),
                        );
                        return false;
                    }
                    if !key.starts_with("x-") {
                        check_description(response, &pointer::child(&at, key), errors);
                    }
                    true
                });
            }
        }
    }
    let components = document
        .get_mut("components")
        .and_then(|components| components.get_mut("responses"));
    if let Some(Value::Mapping(responses)) = components {
        for (name, response) in responses.iter_mut() {
            let name = name.as_str().unwrap_or_default();
            let at = pointer::child("#/components/responses", name);
            check_description(response, &at, errors);
        }
    }
}

/// A response object (not a `$ref`) without its `description`.
fn check_description(response: &mut Value, at: &str, errors: &mut Collector) {
    if let Value::Mapping(response) = response {
        if !response.contains_key("$ref") && !response.contains_key("description") {
            errors.warn(
                at,
                "missing the required field `description`; read as an empty description",
            );
            response.insert(Value::from("description"), Value::from(""));
        }
    }
}

fn is_response_key(key: &str) -> bool {
    if key == "default" || key.starts_with("x-") {
        return true;
    }
    match key.as_bytes() {
        [first @ b'1'..=b'5', b'X' | b'x', b'X' | b'x'] => first.is_ascii_digit(),
        [b'1'..=b'5', second, third] => second.is_ascii_digit() && third.is_ascii_digit(),
        _ => false,
    }
}
