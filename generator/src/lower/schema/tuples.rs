//! `prefixItems` (OpenAPI 3.1): an array whose items have a type each, by position. When it
//! takes no items beyond those (`items: false`, or as many `maxItems`), it is a Rust tuple,
//! which serde reads and writes as a JSON array of exactly that length; otherwise the items
//! after the prefix could be anything, so it is an array of any JSON values, with a warning.
//! The converter (`load/openapi31/`) keeps the item schemas in an extension, and the loader
//! reads them into `Extras::embedded`.

use crate::ir::TypeRef;
use crate::load::extras::{PREFIX_ITEMS, TUPLE_CLOSED};
use crate::lower::{Lowerer, SchemaRef};
use crate::pointer;

use super::view::SchemaView;
use super::Hint;

impl<'spec> Lowerer<'spec> {
    /// The tuple an array schema with prefix items is, or `None` for a plain array.
    pub(super) fn lower_tuple(
        &mut self,
        view: &SchemaView<'spec>,
        at: &str,
        hint: &Hint,
    ) -> Option<TypeRef> {
        let count = view
            .data
            .extensions
            .get(PREFIX_ITEMS)?
            .as_array()
            .map(Vec::len)
            .filter(|count| *count > 0)?;
        let closed = view
            .data
            .extensions
            .get(TUPLE_CLOSED)
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false);
        if !closed {
            let why = "an array with `prefixItems` that takes further items has no fixed Rust \
                       type; its items are typed as any JSON value";
            self.errors.warn(pointer::child(at, "prefixItems"), why);
            return Some(TypeRef::Vec(Box::new(TypeRef::Json)));
        }
        let extras = self.extras;
        let base = pointer::child(at, PREFIX_ITEMS);
        let items = (0..count)
            .map(|index| {
                let item_at = pointer::index(&base, index);
                match extras.embedded.get(&item_at) {
                    Some(schema) => self.lower_type(
                        SchemaRef::from_plain(schema),
                        &item_at,
                        &hint.member(&format!("item {}", index + 1)),
                    ),
                    // The loader has already warned that this item is no schema.
                    None => TypeRef::Json,
                }
            })
            .collect();
        Some(TypeRef::Tuple(items))
    }
}
