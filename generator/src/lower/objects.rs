//! Object schemas → structs, including `allOf` merging.
//!
//! An `allOf` of object schemas (references or inline, nested `allOf` too) becomes one struct:
//! properties in member order, `required` lists united. A property declared by two members
//! with different schemas is an error at the second declaration. Inline schemas inside a
//! referenced member keep the names they get from their own component, because they are
//! cached by JSON pointer and named after the schema that declares them.

use std::collections::BTreeSet;

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ObjectType, ReferenceOr, Schema, SchemaKind, Type,
};

use super::docs;
use super::refs::resolve_component;
use super::schemas::{schema_format, Hint};
use super::{Lowerer, SchemaRef};
use crate::ir::{Docs, Field, Struct};
use crate::names::{self, Namespace};
use crate::pointer;

/// How deep `allOf` members may nest (through references) before it is treated as a cycle.
const MAX_ALL_OF_DEPTH: usize = 16;

/// The object keywords of a schema, whether `openapiv3` parsed it as an object or, because it
/// has no `type`, as a catch-all schema.
#[derive(Debug, Clone, Copy)]
pub(super) struct ObjectView<'spec> {
    pub(super) properties: &'spec IndexMap<String, ReferenceOr<Box<Schema>>>,
    pub(super) required: &'spec [String],
    pub(super) additional_properties: Option<&'spec AdditionalProperties>,
}

impl<'spec> ObjectView<'spec> {
    pub(super) fn of_object(object: &'spec ObjectType) -> Self {
        ObjectView {
            properties: &object.properties,
            required: &object.required,
            additional_properties: object.additional_properties.as_ref(),
        }
    }

    /// The view of a schema without `type` (or with `type: object`) that only uses object
    /// keywords, such as `{required: [id]}` inside an `allOf`.
    pub(super) fn of_any(any: &'spec AnySchema) -> Option<Self> {
        let only_object_keywords = AnySchema {
            typ: None,
            properties: IndexMap::new(),
            required: Vec::new(),
            additional_properties: None,
            min_properties: None,
            max_properties: None,
            ..any.clone()
        } == AnySchema::default();
        let object_type = any.typ.as_deref().is_none_or(|typ| typ == "object");
        let has_object_keywords = !any.properties.is_empty()
            || !any.required.is_empty()
            || any.additional_properties.is_some();
        (only_object_keywords && object_type && has_object_keywords).then_some(ObjectView {
            properties: &any.properties,
            required: &any.required,
            additional_properties: any.additional_properties.as_ref(),
        })
    }
}

/// One property on its way into a struct.
struct PropertyPart<'spec> {
    name: &'spec str,
    schema: SchemaRef<'spec>,
    at: String,
    /// The model name of the schema that declares the property, for nested inline names.
    owner: String,
}

/// The merged properties and `required` names of an object or `allOf`.
#[derive(Default)]
struct ObjectParts<'spec> {
    properties: Vec<PropertyPart<'spec>>,
    required: BTreeSet<&'spec str>,
}

impl<'spec> Lowerer<'spec> {
    /// Lowers an object schema with properties into a struct.
    pub(super) fn lower_object(
        &mut self,
        view: ObjectView<'spec>,
        at: &str,
        rust_name: &str,
    ) -> Option<Struct> {
        let mut parts = ObjectParts::default();
        self.collect_object(view, at, rust_name, &mut parts);
        self.lower_struct(parts)
    }

    /// Lowers an `allOf` of object schemas into one struct.
    pub(super) fn lower_all_of(
        &mut self,
        members: &'spec [ReferenceOr<Schema>],
        at: &str,
        rust_name: &str,
    ) -> Option<Struct> {
        let mut parts = ObjectParts::default();
        let before = self.errors_seen();
        self.collect_all_of(members, at, rust_name, &mut parts, 0);
        if self.errors_seen() > before {
            return None;
        }
        self.lower_struct(parts)
    }

    fn collect_object(
        &mut self,
        view: ObjectView<'spec>,
        at: &str,
        owner: &str,
        parts: &mut ObjectParts<'spec>,
    ) {
        if matches!(
            view.additional_properties,
            Some(AdditionalProperties::Schema(_))
        ) && !view.properties.is_empty()
        {
            self.unsupported_because::<()>(
                &pointer::child(at, "additionalProperties"),
                "an object with both `properties` and an `additionalProperties` schema",
                "supported: `properties` (unknown keys are ignored) or an `additionalProperties` schema alone (a map)",
            );
        }
        let properties_at = pointer::child(at, "properties");
        for (name, schema) in view.properties {
            let part = PropertyPart {
                name,
                schema: SchemaRef::from_boxed(schema),
                at: pointer::child(&properties_at, name),
                owner: owner.to_owned(),
            };
            self.add_property(part, parts);
        }
        parts
            .required
            .extend(view.required.iter().map(String::as_str));
    }

    /// Adds a property unless an identical one is already there; a different one is an error.
    fn add_property(&mut self, part: PropertyPart<'spec>, parts: &mut ObjectParts<'spec>) {
        match parts
            .properties
            .iter()
            .find(|existing| existing.name == part.name)
        {
            None => parts.properties.push(part),
            Some(existing) if existing.schema.same_as(part.schema) => {}
            Some(existing) => {
                let message = format!(
                    "property `{}` is defined twice with different schemas (first at `{}`); \
                     expected `allOf` members to agree on shared properties",
                    part.name, existing.at
                );
                self.errors.push(&part.at, message);
            }
        }
    }

    fn collect_all_of(
        &mut self,
        members: &'spec [ReferenceOr<Schema>],
        at: &str,
        owner: &str,
        parts: &mut ObjectParts<'spec>,
        depth: usize,
    ) {
        if depth > MAX_ALL_OF_DEPTH {
            self.errors.push(
                at,
                format!(
                    "`allOf` nests more than {MAX_ALL_OF_DEPTH} levels; references form a cycle"
                ),
            );
            return;
        }
        let members_at = pointer::child(at, "allOf");
        for (index, member) in members.iter().enumerate() {
            let member_at = pointer::index(&members_at, index);
            match member {
                ReferenceOr::Reference { reference } => {
                    let schemas = self
                        .spec
                        .components
                        .as_ref()
                        .map(|components| &components.schemas);
                    match resolve_component(schemas, "schemas", reference) {
                        Ok((schema, target_at, key)) => {
                            let target_owner = self
                                .components
                                .get(&key)
                                .map(|&id| self.model_name(id))
                                .unwrap_or_default();
                            self.collect_member(schema, &target_at, &target_owner, parts, depth);
                        }
                        Err(message) => self.errors.push(&member_at, message),
                    }
                }
                ReferenceOr::Item(schema) => {
                    self.collect_member(schema, &member_at, owner, parts, depth)
                }
            }
        }
    }

    fn collect_member(
        &mut self,
        schema: &'spec Schema,
        at: &str,
        owner: &str,
        parts: &mut ObjectParts<'spec>,
        depth: usize,
    ) {
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                self.collect_object(ObjectView::of_object(object), at, owner, parts)
            }
            SchemaKind::AllOf { all_of } => {
                self.collect_all_of(all_of, at, owner, parts, depth + 1)
            }
            SchemaKind::Any(any) => match ObjectView::of_any(any) {
                Some(view) => self.collect_object(view, at, owner, parts),
                None if any == &AnySchema::default() => {}
                None => self.unsupported_all_of_member(at),
            },
            _ => self.unsupported_all_of_member(at),
        }
    }

    fn lower_struct(&mut self, parts: ObjectParts<'spec>) -> Option<Struct> {
        let mut field_names = Namespace::new(names::FIELD);
        let mut fields = Vec::new();
        let mut failed = false;
        for part in &parts.properties {
            let required = parts.required.contains(part.name);
            match self.lower_field(part, required, &mut field_names) {
                Some(field) => fields.push(field),
                None => failed = true,
            }
        }
        // Whether the struct can derive `Default` is decided once every model exists.
        (!failed).then_some(Struct {
            fields,
            derive_default: false,
        })
    }

    fn lower_field(
        &mut self,
        part: &PropertyPart<'spec>,
        listed_required: bool,
        field_names: &mut Namespace,
    ) -> Option<Field> {
        let inline = match part.schema {
            SchemaRef::Inline(schema) => Some(schema),
            SchemaRef::Ref(_) => None,
        };
        let data = inline.map(|schema| &schema.schema_data);
        let ty = self.lower_type(
            part.schema,
            &part.at,
            &Hint::property(&part.owner, part.name),
        )?;
        let read_only = data.is_some_and(|data| data.read_only);
        let write_only = data.is_some_and(|data| data.write_only);
        Some(Field {
            rust_name: field_names.claim(part.name),
            wire_name: part.name.to_owned(),
            ty,
            required: listed_required && !read_only && !write_only,
            nullable: self.is_nullable(part.schema, data),
            boxed: false,
            exact_decimal: self.is_decimal(part.schema),
            docs: field_docs(part.name, inline, read_only, write_only),
            deprecated: data
                .is_some_and(|data| data.deprecated)
                .then(|| "the API marks this field as deprecated".to_owned()),
        })
    }

    fn unsupported_all_of_member(&mut self, at: &str) {
        let supported = "supported: `allOf` members that are object schemas (references or inline)";
        self.unsupported_because::<()>(
            at,
            "an `allOf` member that is not an object schema",
            supported,
        );
    }

    /// How many errors have been recorded so far.
    fn errors_seen(&self) -> usize {
        self.errors.len()
    }
}

/// Docs of a field: the property's text (or a sentence naming it), its format, read/write
/// direction and provenance, and last its wire name.
fn field_docs(wire_name: &str, inline: Option<&Schema>, read_only: bool, write_only: bool) -> Docs {
    let text = inline.and_then(|schema| docs::schema_text(&schema.schema_data));
    let mut field_docs = docs::docs(text, || format!("The {} field.", docs::code(wire_name)));
    if let Some(format) = inline.and_then(schema_format) {
        field_docs.notes.push(docs::format_note(&format));
    }
    if read_only {
        field_docs
            .notes
            .push("Read-only: sent by the server, never required in requests.".to_owned());
    }
    if write_only {
        field_docs
            .notes
            .push("Write-only: sent by the client, never present in responses.".to_owned());
    }
    if let Some(schema) = inline {
        field_docs
            .notes
            .extend(docs::provenance_notes(&schema.schema_data.extensions));
    }
    field_docs.notes.push(docs::wire_name_note(wire_name));
    field_docs
}
