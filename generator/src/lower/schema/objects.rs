//! Object schemas → structs, including `allOf` merging and the map of other properties.
//!
//! An `allOf` (with the schema's own `properties` beside it, references and inline members,
//! nested `allOf` too) becomes one struct: properties in member order, `required` lists
//! united. A property declared twice with different schemas keeps the later declaration (a
//! derived schema narrowing its base), with a warning. `additionalProperties` (a schema, or
//! `true`) beside properties becomes a flattened map of the other keys. Inline schemas inside
//! a referenced member keep the names they get from their own component, because they are
//! cached by JSON pointer and named after the schema that declares them.

use std::collections::{BTreeSet, HashSet};

use openapiv3::{AdditionalProperties, ReferenceOr, Schema};

use super::view::SchemaView;
use super::Hint;
use crate::ir::{Construction, Docs, Field, Struct, TypeRef};
use crate::lower::docs;
use crate::lower::{Lowerer, SchemaRef};
use crate::names::{self, Namespace};
use crate::pointer;

/// How deep `allOf` members may nest (through references) before it is treated as a cycle.
const MAX_ALL_OF_DEPTH: usize = 32;

/// One property on its way into a struct.
struct PropertyPart<'spec> {
    name: &'spec str,
    schema: SchemaRef<'spec>,
    at: String,
    /// The model name of the schema that declares the property, for nested inline names.
    owner: String,
}

/// The other properties a struct keeps.
enum Additional<'spec> {
    /// `additionalProperties: <schema>`.
    Schema(SchemaRef<'spec>, String),
    /// `additionalProperties: true`.
    Any,
}

/// The merged properties, `required` names and other-properties map of an object or `allOf`.
#[derive(Default)]
struct ObjectParts<'spec> {
    properties: Vec<PropertyPart<'spec>>,
    required: BTreeSet<&'spec str>,
    /// Where each `required` list is, for the warning about names that are not properties.
    required_at: Vec<(String, &'spec [String])>,
    additional: Option<Additional<'spec>>,
    /// The schemas already merged, so a cycle of `allOf` references is merged once.
    visited: HashSet<String>,
}

impl<'spec> Lowerer<'spec> {
    /// Lowers an object schema with properties into a struct.
    pub(super) fn lower_object(
        &mut self,
        view: &SchemaView<'spec>,
        at: &str,
        rust_name: &str,
    ) -> Struct {
        let mut parts = ObjectParts::default();
        self.collect_object(view, at, rust_name, &mut parts);
        self.lower_struct(parts, rust_name)
    }

    /// Lowers an `allOf` of object schemas (and the schema's own object keywords) into one
    /// struct.
    pub(super) fn lower_all_of(
        &mut self,
        view: &SchemaView<'spec>,
        at: &str,
        rust_name: &str,
    ) -> Struct {
        let mut parts = ObjectParts::default();
        parts.visited.insert(at.to_owned());
        self.collect_members(view.all_of, at, rust_name, &mut parts, 0);
        self.collect_object(view, at, rust_name, &mut parts);
        self.lower_struct(parts, rust_name)
    }

    fn collect_object(
        &mut self,
        view: &SchemaView<'spec>,
        at: &str,
        owner: &str,
        parts: &mut ObjectParts<'spec>,
    ) {
        let properties_at = pointer::child(at, "properties");
        for (name, schema) in view.properties() {
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
        if !view.required.is_empty() {
            parts
                .required_at
                .push((pointer::child(at, "required"), view.required));
        }
        match view.additional {
            Some(AdditionalProperties::Schema(values)) => {
                let values_at = pointer::child(at, "additionalProperties");
                parts.additional =
                    Some(Additional::Schema(SchemaRef::from_plain(values), values_at));
            }
            Some(AdditionalProperties::Any(true)) => {
                if parts.additional.is_none() {
                    parts.additional = Some(Additional::Any);
                }
            }
            Some(AdditionalProperties::Any(false)) | None => {}
        }
    }

    /// Adds a property; a second declaration with another schema replaces the first.
    fn add_property(&mut self, part: PropertyPart<'spec>, parts: &mut ObjectParts<'spec>) {
        match parts
            .properties
            .iter_mut()
            .find(|existing| existing.name == part.name)
        {
            None => parts.properties.push(part),
            Some(existing) if existing.schema.same_as(part.schema) => {}
            Some(existing) if self.same_kind(existing.schema, part.schema) => {
                // A derived schema narrowing its base (`type: string` to a string enum): the
                // later declaration is the more precise one.
                *existing = part;
            }
            Some(existing) => {
                let message = format!(
                    "property `{}` is declared again with another schema (first at `{}`); the \
                     later declaration is used",
                    part.name, existing.at
                );
                self.errors.warn(&part.at, message);
                *existing = part;
            }
        }
    }

    /// Whether two property schemas describe the same kind of value (through references).
    fn same_kind(&self, left: SchemaRef<'spec>, right: SchemaRef<'spec>) -> bool {
        let kind = |schema: SchemaRef<'spec>| {
            self.peek_schema(schema)
                .map(|schema| SchemaView::of(schema).effective_type())
        };
        matches!((kind(left), kind(right)), (Some(left), Some(right)) if left == right)
    }

    fn collect_members(
        &mut self,
        members: &'spec [ReferenceOr<Schema>],
        at: &str,
        owner: &str,
        parts: &mut ObjectParts<'spec>,
        depth: usize,
    ) {
        if depth > MAX_ALL_OF_DEPTH {
            self.errors.warn(
                at,
                format!(
                    "`allOf` nests more than {MAX_ALL_OF_DEPTH} levels, so its references form a \
                     cycle; the deeper members are left out"
                ),
            );
            return;
        }
        let members_at = pointer::child(at, "allOf");
        for (index, member) in members.iter().enumerate() {
            let member_at = pointer::index(&members_at, index);
            match member {
                ReferenceOr::Reference { reference } => {
                    self.collect_reference(reference, &member_at, parts, depth);
                }
                ReferenceOr::Item(schema) => {
                    self.collect_member(schema, &member_at, owner, parts, depth);
                }
            }
        }
    }

    /// Merges the schema a member `$ref` points to, under the owner name of its own model.
    fn collect_reference(
        &mut self,
        reference: &'spec str,
        at: &str,
        parts: &mut ObjectParts<'spec>,
        depth: usize,
    ) {
        let Some(target_at) = pointer::canonical_reference(reference) else {
            self.errors.warn(
                at,
                format!("`allOf` member `{reference}` points into another document, which is not read; its properties are left out"),
            );
            return;
        };
        if !parts.visited.insert(target_at.clone()) {
            return;
        }
        match self.reference_target(reference) {
            Some(SchemaRef::Inline(schema)) => {
                let id = *self
                    .by_pointer
                    .get(&target_at)
                    .expect("every schema a `$ref` reaches has a model reserved in step 1");
                let owner = self.model_name(id);
                self.collect_member(schema, &target_at, &owner, parts, depth);
            }
            Some(SchemaRef::Ref(next)) => self.collect_reference(next, at, parts, depth + 1),
            None => {
                // The type lowering of the same reference reports a dangling one.
                self.resolve_schema_ref(reference, at);
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
        let view = SchemaView::of(schema);
        if !view.all_of.is_empty() {
            self.collect_members(view.all_of, at, owner, parts, depth + 1);
        }
        self.collect_object(&view, at, owner, parts);
    }

    fn lower_struct(&mut self, parts: ObjectParts<'spec>, owner: &str) -> Struct {
        self.warn_required_without_property(&parts);
        let mut field_names = Namespace::new(names::FIELD);
        let mut fields = Vec::new();
        for part in &parts.properties {
            let required = parts.required.contains(part.name);
            fields.push(self.lower_field(part, required, &mut field_names));
        }
        let additional = parts.additional.map(|additional| {
            let ty = match additional {
                Additional::Schema(values, values_at) => {
                    let hint = Hint {
                        name: names::nested_type_name(owner, "value"),
                        subject: format!("the other properties of {}", docs::code(owner)),
                    };
                    self.lower_type(values, &values_at, &hint)
                }
                Additional::Any => TypeRef::Json,
            };
            crate::ir::AdditionalProperties {
                rust_name: field_names.claim("additional_properties"),
                ty,
                docs: Docs {
                    text: "The properties the schema does not name, by name.".to_owned(),
                    notes: Vec::new(),
                },
            }
        });
        // Whether the struct can derive `Default` is decided once every model exists.
        Struct {
            fields,
            additional,
            construction: Construction::Default,
            api_errors: None,
        }
    }

    /// A `required` name that no property declares is a sloppy document with a clear
    /// meaning: there is no field to require, so it is reported and otherwise ignored.
    fn warn_required_without_property(&mut self, parts: &ObjectParts<'spec>) {
        if parts.additional.is_some() {
            return;
        }
        for (at, names) in &parts.required_at {
            for name in names.iter() {
                let declared = parts.properties.iter().any(|part| part.name == name);
                if !declared {
                    self.errors.warn(
                        at.clone(),
                        format!(
                            "`required` names `{name}`, which is not a property; it is ignored"
                        ),
                    );
                }
            }
        }
    }

    fn lower_field(
        &mut self,
        part: &PropertyPart<'spec>,
        listed_required: bool,
        field_names: &mut Namespace,
    ) -> Field {
        let inline = match part.schema {
            SchemaRef::Inline(schema) => Some(schema),
            SchemaRef::Ref(_) => None,
        };
        let data = inline.map(|schema| &schema.schema_data);
        let ty = self.lower_type(
            part.schema,
            &part.at,
            &Hint::property(&part.owner, part.name),
        );
        let read_only = data.is_some_and(|data| data.read_only);
        let write_only = data.is_some_and(|data| data.write_only);
        Field {
            rust_name: field_names.claim(part.name),
            wire_name: part.name.to_owned(),
            ty,
            required: listed_required && !read_only && !write_only,
            nullable: self.is_nullable(part.schema, data),
            boxed: false,
            exact_decimal: false,
            docs: self.field_docs(inline, read_only, write_only),
            deprecated: data
                .is_some_and(|data| data.deprecated)
                .then(|| "the API marks this field as deprecated".to_owned()),
        }
    }

    /// Docs of a field: the property's text, then what its type does not say (format,
    /// constraints, direction, provenance); nothing at all when the document says nothing.
    fn field_docs(&self, inline: Option<&Schema>, read_only: bool, write_only: bool) -> Docs {
        let text = inline.and_then(|schema| docs::schema_text(&schema.schema_data));
        let mut field_docs = docs::described(text);
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
        field_docs.notes.extend(self.value_notes(inline));
        field_docs
    }
}
