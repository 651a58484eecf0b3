//! Request bodies: the media type the client sends (see `media.rs` for the preference) and its
//! Rust shape. JSON and form bodies take the schema's type; a multipart body becomes a model
//! of its own whose `format: binary` properties are files; text is a string and anything else
//! raw bytes. When a body lists several media types, the docs say which one the client sends.

use openapiv3::{MediaType, ReferenceOr, RequestBody};

use super::media::{preferred, MediaKind};
use super::OperationSite;
use crate::ir::{
    Body, BodyKind, Construction, Docs, ModelKind, MultipartField, MultipartForm, MultipartKind,
    Placement, TypeRef,
};
use crate::lower::docs;
use crate::lower::refs::Located;
use crate::lower::schema::view::{Declared, SchemaView};
use crate::lower::schema::Hint;
use crate::lower::{Lowerer, SchemaRef};
use crate::names::{self, Namespace};
use crate::pointer;

impl<'spec> Lowerer<'spec> {
    /// The request body, resolving a `$ref` to `components/requestBodies`.
    pub(super) fn lower_request_body(
        &mut self,
        site: &OperationSite<'spec>,
        body: &'spec ReferenceOr<RequestBody>,
        param_names: &mut Namespace,
    ) -> Option<Body> {
        let inline_hint = || Hint {
            name: names::nested_type_name(&site.type_base, "request"),
            subject: format!("the request body of {}", docs::code(&site.wire_name)),
        };
        let body_at = pointer::child(&site.at, "requestBody");
        let (body, at, hint) = self.resolve_located(body, body_at, inline_hint, |key| {
            format!("the {key} request body")
        })?;
        let Some((content_type, media, kind)) = preferred(&body.content) else {
            self.errors.warn(
                pointer::child(&at, "content"),
                "the request body lists no media type; the operation sends no body",
            );
            return None;
        };
        let media_at = pointer::child(&pointer::child(&at, "content"), content_type);
        let body_kind = self.lower_body_kind(kind, media, &media_at, &hint, content_type);
        let mut body_docs = docs::docs(docs::join_text(&[body.description.as_deref()]), || {
            "The request body.".to_owned()
        });
        if body.content.len() > 1 {
            let others: Vec<String> = body
                .content
                .keys()
                .filter(|other| *other != content_type)
                .map(|other| docs::code(other))
                .collect();
            body_docs.notes.push(format!(
                "Sent as {}; the API also accepts {}.",
                docs::code(content_type),
                others.join(", ")
            ));
        }
        Some(Body {
            rust_name: param_names.claim("body"),
            kind: body_kind,
            required: body.required,
            placement: if body.required {
                Placement::Argument
            } else {
                Placement::Setter
            },
            content_type: if kind == MediaKind::Wildcard {
                "application/json".to_owned()
            } else {
                content_type.clone()
            },
            unexploded: match kind {
                MediaKind::Form => unexploded(media),
                _ => Vec::new(),
            },
            docs: body_docs,
        })
    }

    fn lower_body_kind(
        &mut self,
        kind: MediaKind,
        media: &'spec MediaType,
        media_at: &str,
        hint: &Hint,
        content_type: &str,
    ) -> BodyKind {
        let schema = media.schema.as_ref().map(SchemaRef::from_plain);
        let schema_at = pointer::child(media_at, "schema");
        match (kind, schema) {
            (MediaKind::Json | MediaKind::Wildcard, Some(schema)) => {
                BodyKind::Json(self.lower_type(schema, &schema_at, hint))
            }
            (MediaKind::Json | MediaKind::Wildcard, None) => BodyKind::Json(TypeRef::Json),
            (MediaKind::Form, Some(schema)) => {
                BodyKind::Form(self.lower_type(schema, &schema_at, hint))
            }
            (MediaKind::Form, None) => BodyKind::Form(TypeRef::Map(Box::new(TypeRef::String))),
            (MediaKind::Multipart, schema) => self.lower_multipart(schema, &schema_at, hint),
            (MediaKind::Text, _) => BodyKind::Text,
            (MediaKind::Xml, _) => {
                self.errors.warn(
                    media_at,
                    format!(
                        "{} bodies are not encoded by the client; the body is given as raw bytes",
                        docs::code(content_type)
                    ),
                );
                BodyKind::Binary
            }
            (MediaKind::Binary, _) => BodyKind::Binary,
        }
    }

    /// A multipart body: a model whose fields are its parts.
    fn lower_multipart(
        &mut self,
        schema: Option<SchemaRef<'spec>>,
        at: &str,
        hint: &Hint,
    ) -> BodyKind {
        let Some(view) = schema
            .and_then(|schema| self.peek_schema(schema))
            .map(SchemaView::of)
            .filter(|view| view.has_properties() && view.all_of.is_empty())
        else {
            self.errors.warn(
                at,
                "a multipart body without a plain object schema (its properties are its parts) \
                 is given as raw bytes, which must hold the whole encoded body",
            );
            return BodyKind::Binary;
        };
        let key = format!("{at} (multipart)");
        if let Some(&id) = self.by_pointer.get(&key) {
            return BodyKind::Multipart(id);
        }
        let id = self.allocate_model(&names::nested_type_name(&hint.name, "form"));
        self.by_pointer.insert(key, id);
        let owner = self.model_name(id);
        let mut field_names = Namespace::new(names::FIELD);
        let mut fields = Vec::new();
        let properties_at = pointer::child(at, "properties");
        for (name, property) in view.properties() {
            let property_at = pointer::child(&properties_at, name);
            let property = SchemaRef::from_boxed(property);
            let kind = self.multipart_kind(property, &property_at, &Hint::property(&owner, name));
            fields.push(MultipartField {
                rust_name: field_names.claim(name),
                wire_name: name.clone(),
                kind,
                required: view.required.contains(name),
                docs: self.part_docs(property),
            });
        }
        let model_docs = Docs {
            text: format!("The `multipart/form-data` parts of {}.", hint.subject),
            notes: Vec::new(),
        };
        self.store_model(
            id,
            at,
            at,
            model_docs,
            ModelKind::MultipartForm(MultipartForm {
                fields,
                // Decided once every model exists (`finish/defaults.rs`).
                construction: Construction::Default,
            }),
        );
        BodyKind::Multipart(id)
    }

    /// Docs of a part: its schema's text and notes, or none when the document says nothing
    /// (a `binary` format says nothing more than `FilePart` does).
    fn part_docs(&self, property: SchemaRef<'spec>) -> Docs {
        let SchemaRef::Inline(schema) = property else {
            return docs::described(None);
        };
        let mut part_docs = docs::described(docs::schema_text(&schema.schema_data));
        let is_file = matches!(
            SchemaView::of(schema).format.as_deref(),
            Some("binary" | "byte")
        );
        if !is_file {
            part_docs.notes.extend(self.value_notes(Some(schema)));
        }
        part_docs
    }

    /// How one part is sent: a file, several files, a scalar's text or JSON.
    fn multipart_kind(&mut self, schema: SchemaRef<'spec>, at: &str, hint: &Hint) -> MultipartKind {
        let target = self.peek_schema(schema).map(SchemaView::of);
        let is_binary = |view: &SchemaView<'_>| {
            view.effective_type() == Declared::String
                && matches!(view.format.as_deref(), Some("binary" | "byte"))
        };
        if let Some(view) = &target {
            if is_binary(view) {
                return MultipartKind::File;
            }
            let items_binary = view
                .items
                .and_then(|items| self.peek_schema(SchemaRef::from_boxed(items)))
                .map(SchemaView::of)
                .is_some_and(|items| is_binary(&items));
            if view.effective_type() == Declared::Array && items_binary {
                return MultipartKind::Files;
            }
        }
        match self.lower_type(schema, at, hint) {
            ty @ (TypeRef::Bool
            | TypeRef::Integer(_)
            | TypeRef::F64
            | TypeRef::Decimal
            | TypeRef::String
            | TypeRef::DateTime) => MultipartKind::Text(ty),
            TypeRef::Model(id) if self.is_enum_model(id) => MultipartKind::Text(TypeRef::Model(id)),
            other => MultipartKind::Json(other),
        }
    }

    fn is_enum_model(&self, id: crate::ir::ModelId) -> bool {
        self.models
            .get(id.0)
            .and_then(Option::as_ref)
            .is_some_and(|model| {
                matches!(
                    model.kind,
                    ModelKind::StringEnum(_) | ModelKind::IntegerEnum(_)
                )
            })
    }

    /// A request body, response or parameter written in place, or the object a `$ref`
    /// points to, with its JSON pointer and the hint for its inline schema. A component's
    /// inline schema is named after the component, so every operation that uses it shares
    /// one model.
    pub(super) fn resolve_located<T: Located>(
        &mut self,
        item: &'spec ReferenceOr<T>,
        at: String,
        inline_hint: impl FnOnce() -> Hint,
        component_subject: fn(&str) -> String,
    ) -> Option<(&'spec T, String, Hint)> {
        match item {
            ReferenceOr::Item(item) => Some((item, at, inline_hint())),
            ReferenceOr::Reference { reference } if !reference.starts_with('#') => {
                self.errors.warn(
                    at,
                    format!("`$ref` `{reference}` points into another document, which is not read; this part of the operation is left out"),
                );
                None
            }
            ReferenceOr::Reference { reference } => {
                match self.resolve_located_ref::<T>(reference) {
                    Ok((item, target_at, key)) => {
                        let hint = Hint {
                            name: names::convert(names::TYPE, &key),
                            subject: component_subject(&docs::code(&key)),
                        };
                        Some((item, target_at, hint))
                    }
                    Err(message) => {
                        self.errors.push(at, message);
                        None
                    }
                }
            }
        }
    }
}

/// The properties of a form body whose `encoding` says `explode: false` (a form's properties
/// explode by default), in document order.
fn unexploded(media: &MediaType) -> Vec<String> {
    media
        .encoding
        .iter()
        .filter(|(_, encoding)| {
            !encoding.explode && matches!(encoding.style, None | Some(openapiv3::QueryStyle::Form))
        })
        .map(|(name, _)| name.clone())
        .collect()
}
