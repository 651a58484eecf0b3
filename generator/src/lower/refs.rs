//! `$ref` resolution. Only local references into `#/components/...` are supported; a
//! reference to a missing component is an error at the place that holds the `$ref`.

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema, SchemaData, SchemaKind};

use super::Lowerer;
use crate::ir::ModelId;
use crate::pointer;

/// How many `$ref` hops a chain of component references may take before it is treated as a
/// cycle.
const MAX_REFERENCE_HOPS: usize = 16;

/// A schema position: a `$ref` or an inline schema.
#[derive(Debug, Clone, Copy)]
pub(crate) enum SchemaRef<'spec> {
    /// `$ref: '#/components/schemas/Name'`.
    Ref(&'spec str),
    /// A schema written in place.
    Inline(&'spec Schema),
}

impl<'spec> SchemaRef<'spec> {
    pub(crate) fn from_plain(schema: &'spec ReferenceOr<Schema>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }

    pub(crate) fn from_boxed(schema: &'spec ReferenceOr<Box<Schema>>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }

    /// Whether two positions hold the same schema (the same `$ref`, or equal inline schemas).
    pub(crate) fn same_as(self, other: SchemaRef<'_>) -> bool {
        match (self, other) {
            (SchemaRef::Ref(left), SchemaRef::Ref(right)) => left == right,
            (SchemaRef::Inline(left), SchemaRef::Inline(right)) => left == right,
            _ => false,
        }
    }
}

/// The `$ref` of `allOf: [{$ref: ...}]` with nothing else in the `allOf`: the OpenAPI 3.0 way
/// to give a reference its own description, `nullable` or `deprecated`.
pub(crate) fn single_ref(all_of: &[ReferenceOr<Schema>]) -> Option<&str> {
    match all_of {
        [ReferenceOr::Reference { reference }] => Some(reference),
        _ => None,
    }
}

/// The component name a reference points to in `section` (for example `schemas`), or a
/// message saying why the reference is not supported.
pub(crate) fn component_name(reference: &str, section: &str) -> Result<String, String> {
    let prefix = format!("#/components/{section}/");
    match reference.strip_prefix(&prefix) {
        Some(name) if !name.is_empty() && !name.contains('/') => Ok(pointer::unescape(name)),
        _ if reference.starts_with('#') => Err(format!(
            "unsupported $ref `{reference}`; expected a reference to `{prefix}<name>`"
        )),
        _ => Err(format!(
            "unsupported construct: external $ref `{reference}`; supported: local references \
             like `{prefix}<name>`"
        )),
    }
}

/// Follows a reference to a component in `map` (and any references it holds in turn).
/// Returns the component, its JSON pointer and its name, or an error message.
pub(crate) fn resolve_component<'spec, T>(
    map: Option<&'spec IndexMap<String, ReferenceOr<T>>>,
    section: &str,
    reference: &str,
) -> Result<(&'spec T, String, String), String> {
    let mut current = reference;
    for _ in 0..MAX_REFERENCE_HOPS {
        let name = component_name(current, section)?;
        let found = map.and_then(|map| map.get(&name));
        match found {
            Some(ReferenceOr::Item(item)) => {
                let at = pointer::child(&format!("#/components/{section}"), &name);
                return Ok((item, at, name));
            }
            Some(ReferenceOr::Reference { reference }) => current = reference,
            None => {
                return Err(format!(
                    "dangling $ref `{current}`: there is no component `{name}` in `{section}`"
                ));
            }
        }
    }
    Err(format!(
        "$ref `{reference}` takes more than {MAX_REFERENCE_HOPS} hops; references form a cycle"
    ))
}

impl<'spec> Lowerer<'spec> {
    /// The model of a `$ref` to a component schema, or an error recorded at `at`.
    pub(super) fn resolve_schema_ref(&mut self, reference: &str, at: &str) -> Option<ModelId> {
        let name = match component_name(reference, "schemas") {
            Ok(name) => name,
            Err(message) => {
                self.errors.push(at, message);
                return None;
            }
        };
        let found = self.components.get(&name).copied();
        if found.is_none() {
            let message = format!("dangling $ref `{reference}`: there is no schema `{name}`");
            self.errors.push(at, message);
        }
        found
    }

    /// The inline schema a position finally stands for, following component references and
    /// single-reference `allOf` wrappers, without recording errors (callers that need the
    /// type record those). Used to look through references for facts such as `nullable`.
    pub(super) fn peek_schema(&self, schema: SchemaRef<'spec>) -> Option<&'spec Schema> {
        let mut current = schema;
        for _ in 0..MAX_REFERENCE_HOPS {
            current = match current {
                SchemaRef::Ref(reference) => {
                    let schemas = self
                        .spec
                        .components
                        .as_ref()
                        .map(|components| &components.schemas);
                    let (schema, _, _) = resolve_component(schemas, "schemas", reference).ok()?;
                    SchemaRef::Inline(schema)
                }
                SchemaRef::Inline(schema) => match &schema.schema_kind {
                    SchemaKind::AllOf { all_of } => match single_ref(all_of) {
                        Some(reference) => SchemaRef::Ref(reference),
                        None => return Some(schema),
                    },
                    _ => return Some(schema),
                },
            };
        }
        None
    }

    /// Whether the value at a position may be `null`: the position's own `nullable`, or that
    /// of the schema a reference points to.
    pub(super) fn is_nullable(&self, schema: SchemaRef<'spec>, own: Option<&SchemaData>) -> bool {
        let own_nullable = own.is_some_and(|data| data.nullable);
        own_nullable
            || self
                .peek_schema(schema)
                .is_some_and(|schema| schema.schema_data.nullable)
    }
}
