//! Schemas → types: the dispatcher. Every schema is viewed ([`SchemaView`]), classified
//! ([`Class`], see `classify.rs` for the rules), then either becomes a model (a struct, an
//! `allOf` merge, a string or integer enum, a union) or maps to a plain type:
//!
//! | schema | type |
//! | --- | --- |
//! | `boolean` | `Bool` |
//! | `integer` by format: `int8` … `int128`, `uint8` … `uint128`; none → `i64` | `Integer` |
//! | `number` (`float`, `double`, none, unknown) / `decimal` | `F64` / `Decimal` |
//! | `string` `date-time` / anything else (`date` included) | `DateTime` / `String` |
//! | `{}`, or a schema without a type | `Json` |
//! | `array` | `Vec(items)` (`Json` items when none are given) |
//! | `object` without properties | `Map(additionalProperties, or Json)` |
//!
//! `date` stays a `String` (with a `Format: date` note) because the runtime has no lenient
//! date type. What cannot be typed precisely becomes `Json`, with a warning.

mod classify;
mod constraints;
mod enums;
mod objects;
mod tuples;
mod unions;
pub(in crate::lower) mod view;

use openapiv3::{AdditionalProperties, Schema};

use crate::ir::{Docs, ModelKind, TypeRef};
use crate::lower::docs;
use crate::lower::{Lowerer, SchemaRef};
use crate::{names, pointer};
use classify::Class;
use enums::EnumShape;
use view::SchemaView;

/// How to name and describe the model an inline schema becomes, from where it sits.
#[derive(Debug, Clone)]
pub(in crate::lower) struct Hint {
    /// The model name before deduplication, for example `InvoiceCustomer`.
    pub(in crate::lower) name: String,
    /// A rustdoc-safe phrase for the position, completing "The type of ...", for example
    /// "`Invoice.customer`" or "the request body of `createInvoice`".
    pub(in crate::lower) subject: String,
}

impl Hint {
    /// The position of property `property` of the model named `owner`.
    pub(in crate::lower) fn property(owner: &str, property: &str) -> Hint {
        Hint {
            name: names::nested_type_name(owner, property),
            subject: docs::code(&format!("{owner}.{property}")),
        }
    }

    pub(in crate::lower) fn items(&self) -> Hint {
        Hint {
            name: names::nested_type_name(&self.name, "item"),
            subject: format!("the items of {}", self.subject),
        }
    }

    pub(in crate::lower) fn values(&self) -> Hint {
        Hint {
            name: names::nested_type_name(&self.name, "value"),
            subject: format!("the values of {}", self.subject),
        }
    }

    /// A member of a union or `allOf` named `part`.
    pub(in crate::lower) fn member(&self, part: &str) -> Hint {
        Hint {
            name: names::nested_type_name(&self.name, part),
            subject: format!("a variant of {}", self.subject),
        }
    }
}

impl<'spec> Lowerer<'spec> {
    /// Lowers the body of a schema whose model slot was reserved (a component, or another
    /// `$ref` target): a model of its own kind, or an alias of the plain type it maps to.
    pub(in crate::lower) fn lower_named_schema(
        &mut self,
        id: crate::ir::ModelId,
        key: &str,
        schema: SchemaRef<'spec>,
        at: &str,
    ) {
        self.stats.schemas += 1;
        let rust_name = self.model_name(id);
        let (kind, model_docs) = match schema {
            SchemaRef::Ref(reference) => {
                let target = self.resolve_schema_ref(reference, at);
                (ModelKind::Alias(target), docs::described(None))
            }
            SchemaRef::Inline(inline) => {
                let hint = Hint {
                    name: rust_name.clone(),
                    subject: docs::code(key),
                };
                // A wrapper around one inline schema (`anyOf: [{enum: …}, {type: string}]`,
                // `allOf: [{…}]`) is that schema: it becomes this model, not a second one.
                let (mut view, mut class, mut member_at) =
                    (SchemaView::of(inline), None, at.to_owned());
                let mut class_now = self.classify(&view);
                for _ in 0..crate::lower::refs::MAX_REFERENCE_HOPS {
                    match class_now {
                        classify::Class::Collapse {
                            member: SchemaRef::Inline(member),
                            at_suffix,
                            ..
                        } => {
                            member_at = format!("{member_at}/{at_suffix}");
                            view = SchemaView::of(member);
                            class_now = self.classify(&view);
                        }
                        other => {
                            class = Some(other);
                            break;
                        }
                    }
                }
                let class = class.unwrap_or(classify::Class::Any);
                let kind = if self.defines_model(&view, &class) {
                    self.lower_model_kind(&view, class, &member_at, &hint)
                } else {
                    ModelKind::Alias(self.lower_plain(&view, class, &member_at, &hint))
                };
                (kind, self.model_docs(inline, None))
            }
        };
        self.store_model(id, key, at, model_docs, kind);
    }

    /// Lowers a schema in a type position (a property, an item, a body, a parameter).
    /// `hint` names and describes the model an inline object, enum or union becomes.
    pub(in crate::lower) fn lower_type(
        &mut self,
        schema: SchemaRef<'spec>,
        at: &str,
        hint: &Hint,
    ) -> TypeRef {
        self.stats.schemas += 1;
        match schema {
            SchemaRef::Ref(reference) => self.resolve_schema_ref(reference, at),
            SchemaRef::Inline(inline) => {
                if let Some(&id) = self.by_pointer.get(at) {
                    return TypeRef::Model(id);
                }
                let view = SchemaView::of(inline);
                let class = self.classify(&view);
                if self.defines_model(&view, &class) {
                    self.lower_inline_model(inline, &view, class, at, hint)
                } else {
                    self.lower_plain(&view, class, at, hint)
                }
            }
        }
    }

    /// Whether a class becomes a model of its own (rather than a plain type).
    fn defines_model(&self, view: &SchemaView<'spec>, class: &Class<'spec>) -> bool {
        match class {
            Class::Struct | Class::AllOf | Class::Union(_) => true,
            Class::Enum => matches!(
                self.enum_shape(view),
                EnumShape::String | EnumShape::Integer(_)
            ),
            Class::Any | Class::Degraded(_) | Class::Plain(..) | Class::Array(_) | Class::Map => {
                false
            }
            Class::Collapse { .. } => false,
        }
    }

    /// Creates (once per JSON pointer) the model of an inline model-defining schema.
    fn lower_inline_model(
        &mut self,
        schema: &'spec Schema,
        view: &SchemaView<'spec>,
        class: Class<'spec>,
        at: &str,
        hint: &Hint,
    ) -> TypeRef {
        let id = self.allocate_model(&hint.name);
        self.by_pointer.insert(at.to_owned(), id);
        let own_hint = Hint {
            name: self.model_name(id),
            subject: hint.subject.clone(),
        };
        let kind = self.lower_model_kind(view, class, at, &own_hint);
        let model_docs = self.model_docs(schema, Some(format!("The type of {}.", hint.subject)));
        self.store_model(id, at, at, model_docs, kind);
        TypeRef::Model(id)
    }

    /// The kind of a model-defining schema; `hint.name` is the model's own name.
    fn lower_model_kind(
        &mut self,
        view: &SchemaView<'spec>,
        class: Class<'spec>,
        at: &str,
        hint: &Hint,
    ) -> ModelKind {
        match class {
            Class::Struct => ModelKind::Struct(self.lower_object(view, at, &hint.name)),
            Class::AllOf => ModelKind::Struct(self.lower_all_of(view, at, &hint.name)),
            Class::Union(members) => self.lower_union(view, members, at, hint),
            Class::Enum => match self.enum_shape(view) {
                EnumShape::Integer(repr) => {
                    ModelKind::IntegerEnum(self.lower_integer_enum(view, repr, at))
                }
                _ => ModelKind::StringEnum(self.lower_string_enum(view, at)),
            },
            other => ModelKind::Alias(self.lower_plain(view, other, at, hint)),
        }
    }

    /// The plain type of a class that defines no model.
    fn lower_plain(
        &mut self,
        view: &SchemaView<'spec>,
        class: Class<'spec>,
        at: &str,
        hint: &Hint,
    ) -> TypeRef {
        match class {
            Class::Any => TypeRef::Json,
            Class::Degraded(why) => self.degrade(at, &why),
            Class::Plain(ty, warning) => {
                if let Some(warning) = warning {
                    self.errors.warn(at, warning);
                }
                ty
            }
            Class::Array(items) => {
                if let Some(tuple) = self.lower_tuple(view, at, hint) {
                    return tuple;
                }
                let items = match items {
                    Some(items) => self.lower_type(
                        SchemaRef::from_boxed(items),
                        &pointer::child(at, "items"),
                        &hint.items(),
                    ),
                    None => TypeRef::Json,
                };
                TypeRef::Vec(Box::new(items))
            }
            Class::Map => TypeRef::Map(Box::new(self.lower_map_values(view, at, hint))),
            Class::Enum => self.lower_plain_enum(view, at),
            Class::Collapse {
                member, at_suffix, ..
            } => self.lower_type(member, &format!("{at}/{at_suffix}"), hint),
            Class::Struct | Class::AllOf | Class::Union(_) => {
                // `defines_model` sends these to `lower_model_kind`; reaching here is a bug,
                // reported rather than guessed at.
                self.errors.push(
                    at,
                    "internal error: a model schema was lowered as a plain type",
                );
                TypeRef::Json
            }
        }
    }

    /// The value type of a map: its `additionalProperties` schema, or any JSON value.
    fn lower_map_values(&mut self, view: &SchemaView<'spec>, at: &str, hint: &Hint) -> TypeRef {
        match view.additional {
            Some(AdditionalProperties::Schema(values)) => self.lower_type(
                SchemaRef::from_plain(values),
                &pointer::child(at, "additionalProperties"),
                &hint.values(),
            ),
            Some(AdditionalProperties::Any(_)) | None => TypeRef::Json,
        }
    }

    /// The notes of a value's own schema (a property's or a parameter's, written in place):
    /// its format when the Rust type does not imply it, its constraints, and the labelled
    /// extensions (provenance) the settings name.
    pub(in crate::lower) fn value_notes(&self, inline: Option<&Schema>) -> Vec<String> {
        let Some(schema) = inline else {
            return Vec::new();
        };
        let mut notes = Vec::new();
        if let Some(format) = SchemaView::of(schema).format {
            if constraints::format_is_news(&format) {
                notes.push(docs::format_note(&format));
            }
        }
        notes.extend(constraints::constraints_note(schema));
        notes.extend(self.extension_docs.notes(&schema.schema_data.extensions));
        notes
    }

    /// Docs of a model: the schema's text (or, for an inline schema, a sentence saying where
    /// it sits), then the notes of its own keywords.
    fn model_docs(&self, schema: &Schema, fallback: Option<String>) -> Docs {
        let mut model_docs = docs::described(docs::schema_text(&schema.schema_data).or(fallback));
        if schema.schema_data.deprecated {
            model_docs
                .notes
                .push("Deprecated: the API marks this schema as deprecated.".to_owned());
        }
        model_docs.notes.extend(self.value_notes(Some(schema)));
        model_docs
    }
}
