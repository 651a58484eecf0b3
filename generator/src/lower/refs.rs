//! `$ref` resolution. Local references are JSON pointers in a URI fragment: they are
//! percent-decoded, then unescaped, so `#/components/schemas/e%20f` finds `e f`. A schema
//! reference finds the model reserved for its target (a component, or any other place a
//! reference points to); references to other components (parameters, responses, request
//! bodies) are followed to the component. A reference to a place that does not exist is an
//! error where the `$ref` is; a reference to another file is read as any JSON value, with a
//! warning.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema, SchemaKind};

use super::Lowerer;
use crate::ir::TypeRef;
use crate::load::PointerTargets;
use crate::pointer;

/// How many `$ref` hops a chain of references may take before it is treated as a cycle.
pub(super) const MAX_REFERENCE_HOPS: usize = 32;

/// A schema position: a `$ref` or an inline schema.
#[derive(Debug, Clone, Copy)]
pub(crate) enum SchemaRef<'spec> {
    /// `$ref: '#/components/schemas/Name'` (or any other local pointer).
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
            (SchemaRef::Ref(left), SchemaRef::Ref(right)) => {
                pointer::canonical_reference(left) == pointer::canonical_reference(right)
            }
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

/// An object a non-schema `$ref` may stand for: where its components are, and where the
/// loader keeps the ones found elsewhere in the document.
pub(super) trait Located: Sized {
    /// The `components` section, for example `parameters`.
    const SECTION: &'static str;
    /// The section's entries in the document.
    fn components(spec: &OpenAPI) -> Option<&IndexMap<String, ReferenceOr<Self>>>;
    /// The objects of this kind that references point to elsewhere.
    fn targets(targets: &PointerTargets) -> &BTreeMap<String, ReferenceOr<Self>>;
}

impl Located for Parameter {
    const SECTION: &'static str = "parameters";
    fn components(spec: &OpenAPI) -> Option<&IndexMap<String, ReferenceOr<Self>>> {
        spec.components
            .as_ref()
            .map(|components| &components.parameters)
    }
    fn targets(targets: &PointerTargets) -> &BTreeMap<String, ReferenceOr<Self>> {
        &targets.parameters
    }
}

impl Located for Response {
    const SECTION: &'static str = "responses";
    fn components(spec: &OpenAPI) -> Option<&IndexMap<String, ReferenceOr<Self>>> {
        spec.components
            .as_ref()
            .map(|components| &components.responses)
    }
    fn targets(targets: &PointerTargets) -> &BTreeMap<String, ReferenceOr<Self>> {
        &targets.responses
    }
}

impl Located for RequestBody {
    const SECTION: &'static str = "requestBodies";
    fn components(spec: &OpenAPI) -> Option<&IndexMap<String, ReferenceOr<Self>>> {
        spec.components
            .as_ref()
            .map(|components| &components.request_bodies)
    }
    fn targets(targets: &PointerTargets) -> &BTreeMap<String, ReferenceOr<Self>> {
        &targets.request_bodies
    }
}

impl<'spec> Lowerer<'spec> {
    /// Follows a `$ref` to a parameter, response or request body (and any references it holds
    /// in turn): to a component, or to the object anywhere else in the document. Returns the
    /// object, its JSON pointer and a name for the models inside it, or an error message.
    pub(super) fn resolve_located_ref<T: Located>(
        &self,
        reference: &str,
    ) -> Result<(&'spec T, String, String), String> {
        let spec = self.spec;
        let targets = self.targets;
        let mut current = reference;
        for _ in 0..MAX_REFERENCE_HOPS {
            let Some(segments) = pointer::local_reference_segments(current) else {
                return Err(format!(
                    "`$ref` `{current}` points into another document, which is not read"
                ));
            };
            let canonical = pointer::canonical_reference(current)
                .expect("a reference with local segments has a canonical form");
            let (found, name) = match segments.as_slice() {
                [components, section, name]
                    if components == "components" && section == T::SECTION =>
                {
                    (
                        T::components(spec).and_then(|map| map.get(name)),
                        name.clone(),
                    )
                }
                _ => (
                    T::targets(targets).get(&canonical),
                    crate::names::pointer_type_name(&canonical),
                ),
            };
            match found {
                Some(ReferenceOr::Item(item)) => return Ok((item, canonical, name)),
                Some(ReferenceOr::Reference { reference }) => current = reference,
                None => {
                    return Err(format!(
                        "dangling $ref `{current}`: there is no {} object there",
                        T::SECTION
                    ))
                }
            }
        }
        Err(format!(
            "$ref `{reference}` takes more than {MAX_REFERENCE_HOPS} hops; references form a cycle"
        ))
    }

    /// The type of a schema `$ref`: the model reserved for its target. A dangling reference
    /// (a typo, or a schema the document forgot) is confined to the position that holds it:
    /// it is any JSON value, with a warning at `at`, like a reference to another file.
    pub(super) fn resolve_schema_ref(&mut self, reference: &str, at: &str) -> TypeRef {
        let Some(canonical) = pointer::canonical_reference(reference) else {
            let why =
                format!("`$ref` `{reference}` points into another document, which is not read");
            return self.degrade(at, &why);
        };
        if let Some(&id) = self.by_pointer.get(&canonical) {
            return TypeRef::Model(id);
        }
        let message = match pointer::local_reference_segments(reference).as_deref() {
            Some([components, schemas, name]) if components == "components" && schemas == "schemas" => {
                format!("dangling $ref `{reference}`: there is no schema `{name}`")
            }
            _ => format!("dangling $ref `{reference}`: nothing in the document is there, or it is not a schema"),
        };
        self.degrade(at, &message)
    }

    /// The schema a `$ref` points to, without recording anything.
    pub(super) fn reference_target(&self, reference: &str) -> Option<SchemaRef<'spec>> {
        let canonical = pointer::canonical_reference(reference)?;
        if let Some(target) = self.targets.schemas.get(&canonical) {
            return Some(SchemaRef::from_plain(target));
        }
        let segments = pointer::local_reference_segments(reference)?;
        match segments.as_slice() {
            [components, schemas, name] if components == "components" && schemas == "schemas" => {
                let spec = self.spec;
                spec.components
                    .as_ref()
                    .and_then(|components| components.schemas.get(name))
                    .map(SchemaRef::from_plain)
            }
            _ => None,
        }
    }

    /// The inline schema a position finally stands for, following references and
    /// single-reference `allOf` wrappers, without recording errors (callers that need the
    /// type record those). `None` for a dangling reference or a cycle of references.
    pub(super) fn peek_schema(&self, schema: SchemaRef<'spec>) -> Option<&'spec Schema> {
        let mut current = schema;
        for _ in 0..MAX_REFERENCE_HOPS {
            current = match current {
                SchemaRef::Ref(reference) => self.reference_target(reference)?,
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
}
