//! The parts of a 3.1 or 3.2 document that OpenAPI 3.0 has no place for, kept typed beside the
//! 3.0 document: the converters (`openapi31/`) move them into `x-generator-*` extensions, which
//! `openapiv3` keeps as plain JSON, and this reads them back into `openapiv3` types once, so
//! that lowering can borrow them like the rest of the document.
//!
//! - `x-generator-query` on a path item: its `QUERY` operation.
//! - `x-generator-webhooks` on the root: the webhooks, by name.
//! - `x-generator-prefix-items` and `x-generator-item-schema` on a schema or media type: the
//!   schemas of a tuple's items and of a stream's items, by the pointer of each.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{OpenAPI, Operation, PathItem, ReferenceOr, Schema};
use serde_yaml::Value;

use crate::error::Collector;
use crate::pointer;

/// The extension holding a path item's `QUERY` operation.
pub(crate) const QUERY: &str = "x-generator-query";
/// The root extension holding the webhooks.
pub(crate) const WEBHOOKS: &str = "x-generator-webhooks";
/// The extension holding a tuple's item schemas.
pub(crate) const PREFIX_ITEMS: &str = "x-generator-prefix-items";
/// The extension saying whether a tuple takes no items beyond its prefix.
pub(crate) const TUPLE_CLOSED: &str = "x-generator-tuple-closed";
/// The extension holding a stream's item schema.
pub(crate) const ITEM_SCHEMA: &str = "x-generator-item-schema";
/// The `info` extension holding OpenAPI 3.1's `info.summary`.
pub(crate) const SUMMARY: &str = "x-generator-summary";
/// The extension marking an operation that cannot be generated, with the reason.
pub(crate) const SKIP: &str = "x-generator-skip";

/// What the 3.0 document keeps only as extensions, typed.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// Each path's `QUERY` operation, by path.
    pub queries: BTreeMap<String, Operation>,
    /// The webhooks, in document order.
    pub webhooks: IndexMap<String, PathItem>,
    /// Schemas kept in extensions, by their pointer (`…/x-generator-prefix-items/0`).
    pub embedded: BTreeMap<String, ReferenceOr<Schema>>,
}

/// The schemas kept in extensions of the plain document, by pointer; a member that does not
/// read as a schema is any JSON value, with a warning.
pub(super) fn collect_embedded(
    document: &Value,
    problems: &mut Collector,
) -> BTreeMap<String, ReferenceOr<Schema>> {
    let mut embedded = BTreeMap::new();
    collect_at(document, "#", &mut embedded, problems);
    embedded
}

/// The recursion follows the document's nesting, which the parsers limit to 128 levels.
fn collect_at(
    value: &Value,
    at: &str,
    embedded: &mut BTreeMap<String, ReferenceOr<Schema>>,
    problems: &mut Collector,
) {
    match value {
        Value::Mapping(map) => {
            for (key, child) in map {
                let Some(key) = key.as_str() else { continue };
                let child_at = pointer::child(at, key);
                match (key, child) {
                    (PREFIX_ITEMS, Value::Sequence(items)) => {
                        for (index, item) in items.iter().enumerate() {
                            let item_at = pointer::index(&child_at, index);
                            read_schema(item, &item_at, embedded, problems);
                            collect_at(item, &item_at, embedded, problems);
                        }
                    }
                    (ITEM_SCHEMA, item) => {
                        read_schema(item, &child_at, embedded, problems);
                        collect_at(item, &child_at, embedded, problems);
                    }
                    _ => collect_at(child, &child_at, embedded, problems),
                }
            }
        }
        Value::Sequence(items) => {
            for (index, item) in items.iter().enumerate() {
                collect_at(item, &pointer::index(at, index), embedded, problems);
            }
        }
        _ => {}
    }
}

fn read_schema(
    value: &Value,
    at: &str,
    embedded: &mut BTreeMap<String, ReferenceOr<Schema>>,
    problems: &mut Collector,
) {
    match serde_yaml::from_value::<ReferenceOr<Schema>>(value.clone()) {
        Ok(schema) => {
            embedded.insert(at.to_owned(), schema);
        }
        Err(error) => problems.warn(
            at,
            format!(
                "not a valid schema ({error}); it is typed as any JSON value (`serde_json::Value`)"
            ),
        ),
    }
}

/// Takes the query operations and the webhooks out of the typed document's extensions.
pub(super) fn take_operations(
    openapi: &mut OpenAPI,
    extras: &mut Extras,
    problems: &mut Collector,
) {
    for (path, item) in openapi.paths.paths.iter_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        let Some(query) = item.extensions.shift_remove(QUERY) else {
            continue;
        };
        let at = pointer::child(&pointer::child("#/paths", path), QUERY);
        match serde_json::from_value::<Operation>(query) {
            Ok(operation) => {
                extras.queries.insert(path.clone(), operation);
            }
            Err(error) => problems.warn(
                at,
                format!("the QUERY operation does not read ({error}); it is left out"),
            ),
        }
    }
    let Some(webhooks) = openapi.extensions.shift_remove(WEBHOOKS) else {
        return;
    };
    let serde_json::Value::Object(webhooks) = webhooks else {
        problems.warn(
            pointer::child("#", WEBHOOKS),
            "`webhooks` is not a mapping; it is left out",
        );
        return;
    };
    for (name, item) in webhooks {
        let at = pointer::child(&pointer::child("#", WEBHOOKS), &name);
        match serde_json::from_value::<PathItem>(item) {
            Ok(item) => {
                extras.webhooks.insert(name, item);
            }
            Err(error) => problems.warn(
                at,
                format!("the webhook does not read ({error}); it is left out"),
            ),
        }
    }
}
