//! Path items and operations in 3.0 terms, with everything inside them converted.
//!
//! What 3.2 adds to a path item is carried in extensions for lowering: the `query` operation
//! as `x-generator-query`, `additionalOperations` as `x-generator-additional-operations`. A
//! `$ref` to `components.pathItems`, a section 3.0 does not have, is replaced by a copy of its
//! target.

use serde_yaml::{Mapping, Value};

use super::context::{rename_entry, Context};
use super::inline::{inline_reference, Section};
use super::media::{convert_named, convert_request_body, convert_response};
use super::parameters::{convert_parameter_list, drop_mutual_tls, mark_skipped};
use crate::pointer;

/// The operations of a 3.0 path item.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];
/// Where the 3.2 `query` operation goes.
pub(super) const QUERY: &str = "x-generator-query";
/// Where the 3.2 `additionalOperations` go.
pub(super) const ADDITIONAL_OPERATIONS: &str = "x-generator-additional-operations";

/// Converts the path item at `at`, first replacing a `$ref` to `components.pathItems` by its
/// target.
pub(super) fn convert_path_item(item: &mut Value, at: &str, context: &mut Context<'_>) {
    let inlined = inline_reference(item, at, Section::PathItems, context);
    convert_path_item_fields(item, at, context);
    if inlined {
        context.leave_inlined();
    }
}

/// Converts what a path item holds.
fn convert_path_item_fields(item: &mut Value, at: &str, context: &mut Context<'_>) {
    let Value::Mapping(mapping) = item else {
        return;
    };
    drop_server_names(mapping.get_mut("servers"));
    move_extra_operations(mapping, at, context);
    let skip = convert_parameter_list(mapping, at, true, context);
    for (key, operation_at) in operation_places(mapping, at) {
        let Some(operation) = operation_mut(mapping, &key) else {
            continue;
        };
        if let (Some(skip), Value::Mapping(operation)) = (&skip, &mut *operation) {
            mark_skipped(operation, &operation_at, skip, context);
        }
        convert_operation(operation, &operation_at, context);
    }
}

/// The 3.2 `query` operation and `additionalOperations`, moved to extensions 3.0 keeps.
fn move_extra_operations(mapping: &mut Mapping, at: &str, context: &mut Context<'_>) {
    if mapping.contains_key("query") {
        rename_entry(mapping, "query", QUERY);
        context.moved(pointer::child(at, QUERY), &pointer::child(at, "query"));
    }
    if let Some(Value::Mapping(operations)) = mapping.get("additionalOperations") {
        let methods: Vec<String> = operations
            .keys()
            .map(|method| format!("`{}`", super::schema::shown(method)))
            .collect();
        rename_entry(mapping, "additionalOperations", ADDITIONAL_OPERATIONS);
        let extension_at = pointer::child(at, ADDITIONAL_OPERATIONS);
        context.moved(
            extension_at.clone(),
            &pointer::child(at, "additionalOperations"),
        );
        context.warn(
            &extension_at,
            format!(
                "`additionalOperations` ({}) are not generated; only the standard methods and \
                 QUERY are",
                methods.join(", ")
            ),
        );
    }
}

/// Each operation of a path item with its pointer: the standard methods, `query` and the
/// additional operations (under their extensions).
fn operation_places(mapping: &Mapping, at: &str) -> Vec<(String, String)> {
    let mut places: Vec<(String, String)> = METHODS
        .iter()
        .chain(std::iter::once(&QUERY))
        .filter(|method| mapping.contains_key(**method))
        .map(|method| ((*method).to_owned(), pointer::child(at, method)))
        .collect();
    if let Some(Value::Mapping(operations)) = mapping.get(ADDITIONAL_OPERATIONS) {
        let extension_at = pointer::child(at, ADDITIONAL_OPERATIONS);
        for method in operations.keys().filter_map(Value::as_str) {
            places.push((
                format!("{ADDITIONAL_OPERATIONS}/{method}"),
                pointer::child(&extension_at, method),
            ));
        }
    }
    places
}

/// The operation `key` names: a method, or `x-generator-additional-operations/METHOD`.
fn operation_mut<'item>(mapping: &'item mut Mapping, key: &str) -> Option<&'item mut Value> {
    match key.split_once('/') {
        Some((extension, method)) => mapping.get_mut(extension)?.get_mut(method),
        None => mapping.get_mut(key),
    }
}

/// Converts one operation.
fn convert_operation(operation: &mut Value, at: &str, context: &mut Context<'_>) {
    let Value::Mapping(mapping) = operation else {
        return;
    };
    drop_server_names(mapping.get_mut("servers"));
    drop_mutual_tls(mapping.get_mut("security"), context);
    if let Some(skip) = convert_parameter_list(mapping, at, false, context) {
        mark_skipped(mapping, at, &skip, context);
    }
    if let Some(body) = mapping.get_mut("requestBody") {
        convert_request_body(body, &pointer::child(at, "requestBody"), context);
    }
    // 3.1 lets an operation leave out `responses`, which 3.0 requires; empty says the same.
    if !mapping.contains_key("responses") {
        mapping.insert(Value::from("responses"), Value::Mapping(Mapping::new()));
    }
    if let Some(Value::Mapping(responses)) = mapping.get_mut("responses") {
        convert_named(
            responses,
            &pointer::child(at, "responses"),
            context,
            convert_response,
        );
    }
    if let Some(Value::Mapping(callbacks)) = mapping.get_mut("callbacks") {
        convert_named(
            callbacks,
            &pointer::child(at, "callbacks"),
            context,
            convert_callback,
        );
    }
}

/// A callback: its path items, by expression.
pub(super) fn convert_callback(callback: &mut Value, at: &str, context: &mut Context<'_>) {
    if let Value::Mapping(expressions) = callback {
        if !expressions.contains_key("$ref") {
            convert_named(expressions, at, context, convert_path_item);
        }
    }
}

/// Drops the 3.2 `name` of each server: 3.0 servers have none, and the client names none.
pub(super) fn drop_server_names(servers: Option<&mut Value>) {
    if let Some(Value::Sequence(servers)) = servers {
        for server in servers.iter_mut() {
            if let Value::Mapping(server) = server {
                server.shift_remove("name");
            }
        }
    }
}
