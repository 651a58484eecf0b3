//! Schemas → types. A schema either defines a model (an object with properties, an `allOf`
//! merge, an enum, the open-enum `anyOf` form) or maps to a plain type:
//!
//! | schema | type |
//! | --- | --- |
//! | `boolean` | `Bool` |
//! | `integer` `int32` / `int64` or none or unknown | `I32` / `I64` |
//! | `number` `float` / `double` or none or unknown / `decimal` | `F32` / `F64` / `Decimal` |
//! | `string` `date-time` / anything else (`date` included) | `DateTime` / `String` |
//! | `{}` or a schema without `type` | `Json` |
//! | `array` | `Vec(items)` (`Json` items when none are given) |
//! | `object` with only `additionalProperties: <schema>` | `Map(schema)` |
//! | `object` with no properties | `Map(Json)`, which keeps whatever keys arrive |
//!
//! `date` stays a `String` (with a `Format: date` note) because the runtime has no lenient
//! date type. Everything else (`oneOf`, `not`, other `anyOf`, mixed keywords) is an error.

use openapiv3::{
    AdditionalProperties, AnySchema, NumberFormat, ReferenceOr, Schema, SchemaKind, StringFormat,
    Type, VariantOrUnknownOrEmpty,
};

use super::docs;
use super::objects::ObjectView;
use super::refs::single_ref;
use super::{Lowerer, SchemaRef};
use crate::ir::{Docs, ModelId, ModelKind, TypeRef};
use crate::{names, pointer};

/// What the generator supports, for "unsupported construct" messages.
const SUPPORTED: &str = "supported: `type` with `properties`, `items`, \
    `additionalProperties` or `enum`; `allOf` of object schemas; `anyOf` of an enum and its \
    plain type (an open enum)";

/// The format name a primitive schema declares, if any.
pub(super) fn schema_format(schema: &Schema) -> Option<String> {
    fn name<T: std::fmt::Debug>(
        format: &VariantOrUnknownOrEmpty<T>,
        known: fn(&T) -> &'static str,
    ) -> Option<String> {
        match format {
            VariantOrUnknownOrEmpty::Item(item) => Some(known(item).to_owned()),
            VariantOrUnknownOrEmpty::Unknown(text) => Some(text.clone()),
            VariantOrUnknownOrEmpty::Empty => None,
        }
    }
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => name(&string.format, |format| match format {
            StringFormat::Date => "date",
            StringFormat::DateTime => "date-time",
            StringFormat::Password => "password",
            StringFormat::Byte => "byte",
            StringFormat::Binary => "binary",
        }),
        SchemaKind::Type(Type::Number(number)) => name(&number.format, |format| match format {
            NumberFormat::Float => "float",
            NumberFormat::Double => "double",
        }),
        SchemaKind::Type(Type::Integer(integer)) => name(&integer.format, |format| match format {
            openapiv3::IntegerFormat::Int32 => "int32",
            openapiv3::IntegerFormat::Int64 => "int64",
        }),
        _ => None,
    }
}

/// Whether a schema defines its own model (rather than mapping to a plain type).
fn defines_model(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => !object.properties.is_empty(),
        SchemaKind::Type(Type::String(string)) => !string.enumeration.is_empty(),
        SchemaKind::Type(Type::Integer(integer)) => !integer.enumeration.is_empty(),
        SchemaKind::AllOf { all_of } => single_ref(all_of).is_none(),
        SchemaKind::AnyOf { any_of } => open_enum_member(any_of).is_some(),
        SchemaKind::Any(any) => {
            ObjectView::of_any(any).is_some_and(|view| !view.properties.is_empty())
        }
        _ => false,
    }
}

/// The enum member of the open-enum form `anyOf: [{type: T, enum: [...]}, {type: T}]` (in
/// either order), with its index. A `$ref` enum member is handled by the caller, which can
/// look the reference up.
pub(super) fn open_enum_member(any_of: &[ReferenceOr<Schema>]) -> Option<(usize, &Schema)> {
    let [first, second] = any_of else { return None };
    match (first, second) {
        (ReferenceOr::Item(member), ReferenceOr::Item(plain))
            if enum_type(member).is_some() && enum_type(member) == plain_type(plain) =>
        {
            Some((0, member))
        }
        (ReferenceOr::Item(plain), ReferenceOr::Item(member))
            if enum_type(member).is_some() && enum_type(member) == plain_type(plain) =>
        {
            Some((1, member))
        }
        _ => None,
    }
}

/// `string` or `integer` for a schema of that type with an `enum`.
pub(super) fn enum_type(schema: &Schema) -> Option<&'static str> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => Some("string"),
        SchemaKind::Type(Type::Integer(integer)) if !integer.enumeration.is_empty() => {
            Some("integer")
        }
        _ => None,
    }
}

/// `string` or `integer` for a schema of that type without an `enum`.
fn plain_type(schema: &Schema) -> Option<&'static str> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) if string.enumeration.is_empty() => Some("string"),
        SchemaKind::Type(Type::Integer(integer)) if integer.enumeration.is_empty() => {
            Some("integer")
        }
        _ => None,
    }
}

/// How to name and describe the model an inline schema becomes, from where it sits.
#[derive(Debug, Clone)]
pub(super) struct Hint {
    /// The model name before deduplication, for example `InvoiceCustomer`.
    pub(super) name: String,
    /// A rustdoc-safe phrase for the position, completing "The type of ...", for example
    /// "`Invoice.customer`" or "the request body of `createInvoice`".
    pub(super) subject: String,
}

impl Hint {
    /// The position of property `property` of the model named `owner`.
    pub(super) fn property(owner: &str, property: &str) -> Hint {
        Hint {
            name: names::nested_type_name(owner, property),
            subject: docs::code(&format!("{owner}.{property}")),
        }
    }

    fn items(&self) -> Hint {
        Hint {
            name: names::nested_type_name(&self.name, "item"),
            subject: format!("the items of {}", self.subject),
        }
    }

    fn values(&self) -> Hint {
        Hint {
            name: names::nested_type_name(&self.name, "value"),
            subject: format!("the values of {}", self.subject),
        }
    }
}

impl<'spec> Lowerer<'spec> {
    /// Lowers the body of a component schema into its reserved model slot.
    pub(super) fn lower_component_schema(
        &mut self,
        id: ModelId,
        key: &str,
        schema: SchemaRef<'spec>,
        at: &str,
    ) {
        let rust_name = self.model_name(id);
        let kind = match schema {
            SchemaRef::Ref(reference) => self
                .resolve_schema_ref(reference, at)
                .map(|target| ModelKind::Alias(TypeRef::Model(target))),
            SchemaRef::Inline(inline) if defines_model(inline) => {
                self.lower_model_kind(inline, at, &rust_name)
            }
            SchemaRef::Inline(inline) => {
                let hint = Hint {
                    name: rust_name.clone(),
                    subject: docs::code(key),
                };
                self.lower_plain_type(inline, at, &hint)
                    .map(ModelKind::Alias)
            }
        };
        let Some(kind) = kind else { return };
        let fallback = || format!("The {} schema.", docs::code(key));
        let model_docs = match schema {
            SchemaRef::Inline(inline) => self.model_docs(inline, fallback),
            SchemaRef::Ref(_) => docs::docs(None, fallback),
        };
        self.store_model(id, key, at, model_docs, kind);
    }

    /// Lowers a schema in a type position (a property, an item, a body, a parameter).
    /// `hint` names and describes the model an inline object or enum becomes.
    pub(super) fn lower_type(
        &mut self,
        schema: SchemaRef<'spec>,
        at: &str,
        hint: &Hint,
    ) -> Option<TypeRef> {
        match schema {
            SchemaRef::Ref(reference) => self.resolve_schema_ref(reference, at).map(TypeRef::Model),
            SchemaRef::Inline(inline) if defines_model(inline) => {
                self.lower_inline_model(inline, at, hint)
            }
            SchemaRef::Inline(inline) => self.lower_plain_type(inline, at, hint),
        }
    }

    /// Creates (once per JSON pointer) the model of an inline object or enum schema.
    fn lower_inline_model(
        &mut self,
        schema: &'spec Schema,
        at: &str,
        hint: &Hint,
    ) -> Option<TypeRef> {
        if let Some(&id) = self.inline_models.get(at) {
            return Some(TypeRef::Model(id));
        }
        let id = self.allocate_model(&hint.name);
        self.inline_models.insert(at.to_owned(), id);
        let rust_name = self.model_name(id);
        let kind = self.lower_model_kind(schema, at, &rust_name)?;
        let model_docs = self.model_docs(schema, || format!("The type of {}.", hint.subject));
        self.store_model(id, at, at, model_docs, kind);
        Some(TypeRef::Model(id))
    }

    /// Docs of a model: the schema's text (or the fallback) and its notes.
    fn model_docs(&self, schema: &Schema, fallback: impl FnOnce() -> String) -> Docs {
        let mut model_docs = docs::docs(docs::schema_text(&schema.schema_data), fallback);
        if let Some(format) = schema_format(schema) {
            model_docs.notes.push(docs::format_note(&format));
        }
        if schema.schema_data.deprecated {
            model_docs
                .notes
                .push("Deprecated: the API marks this schema as deprecated.".to_owned());
        }
        model_docs
            .notes
            .extend(docs::provenance_notes(&schema.schema_data.extensions));
        model_docs
    }

    /// The kind of a model-defining schema (see [`defines_model`]).
    fn lower_model_kind(
        &mut self,
        schema: &'spec Schema,
        at: &str,
        rust_name: &str,
    ) -> Option<ModelKind> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => self
                .lower_object(ObjectView::of_object(object), at, rust_name)
                .map(ModelKind::Struct),
            SchemaKind::Any(any) => match ObjectView::of_any(any) {
                Some(view) => self
                    .lower_object(view, at, rust_name)
                    .map(ModelKind::Struct),
                None => self.unsupported(at, &describe_any(any)),
            },
            SchemaKind::Type(Type::String(string)) => self
                .lower_string_enum(&string.enumeration, &schema.schema_data, at)
                .map(ModelKind::StringEnum),
            SchemaKind::Type(Type::Integer(integer)) => self
                .lower_integer_enum(integer, &schema.schema_data, at)
                .map(ModelKind::IntegerEnum),
            SchemaKind::AllOf { all_of } => self
                .lower_all_of(all_of, at, rust_name)
                .map(ModelKind::Struct),
            SchemaKind::AnyOf { any_of } => match open_enum_member(any_of) {
                Some((index, member)) => {
                    let member_at = pointer::index(&pointer::child(at, "anyOf"), index);
                    self.lower_model_kind(member, &member_at, rust_name)
                }
                _ => self.unsupported(at, "`anyOf`"),
            },
            _ => self.unsupported(at, "this schema"),
        }
    }

    /// Lowers a schema that maps to a plain type (see the module docs).
    pub(super) fn lower_plain_type(
        &mut self,
        schema: &'spec Schema,
        at: &str,
        hint: &Hint,
    ) -> Option<TypeRef> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::Boolean(_)) => Some(TypeRef::Bool),
            SchemaKind::Type(Type::String(string)) => Some(match string.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => TypeRef::DateTime,
                _ => TypeRef::String,
            }),
            SchemaKind::Type(Type::Integer(integer)) => Some(match integer.format {
                VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => TypeRef::I32,
                _ => TypeRef::I64,
            }),
            SchemaKind::Type(Type::Number(number)) if !number.enumeration.is_empty() => {
                self.unsupported(at, "`enum` on a `number` schema")
            }
            SchemaKind::Type(Type::Number(number)) => Some(match &number.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => TypeRef::F32,
                VariantOrUnknownOrEmpty::Unknown(format) if format == "decimal" => TypeRef::Decimal,
                _ => TypeRef::F64,
            }),
            SchemaKind::Type(Type::Object(object)) => {
                self.lower_map(ObjectView::of_object(object), at, hint)
            }
            SchemaKind::Type(Type::Array(array)) => match &array.items {
                Some(items) => {
                    let items_at = pointer::child(at, "items");
                    self.lower_item(SchemaRef::from_boxed(items), &items_at, &hint.items())
                        .map(|items| TypeRef::Vec(Box::new(items)))
                }
                None => Some(TypeRef::Vec(Box::new(TypeRef::Json))),
            },
            SchemaKind::AllOf { all_of } => match single_ref(all_of) {
                Some(reference) => {
                    let member_at = pointer::index(&pointer::child(at, "allOf"), 0);
                    self.resolve_schema_ref(reference, &member_at)
                        .map(TypeRef::Model)
                }
                None => self.unsupported(at, "`allOf`"),
            },
            SchemaKind::AnyOf { any_of } => match self.open_enum_reference(any_of) {
                Some((index, reference)) => {
                    let member_at = pointer::index(&pointer::child(at, "anyOf"), index);
                    self.resolve_schema_ref(reference, &member_at)
                        .map(TypeRef::Model)
                }
                None => self.unsupported(at, "`anyOf` other than the open-enum form"),
            },
            SchemaKind::OneOf { .. } => self.unsupported(at, "`oneOf`"),
            SchemaKind::Not { .. } => self.unsupported(at, "`not`"),
            SchemaKind::Any(any) if is_empty_any(any) => Some(TypeRef::Json),
            SchemaKind::Any(any) => match ObjectView::of_any(any) {
                Some(view) => self.lower_map(view, at, hint),
                None => self.unsupported(at, &describe_any(any)),
            },
        }
    }

    /// An object without properties: a string-keyed map of its `additionalProperties` schema,
    /// or of any JSON value.
    fn lower_map(&mut self, view: ObjectView<'spec>, at: &str, hint: &Hint) -> Option<TypeRef> {
        let values = match view.additional_properties {
            Some(AdditionalProperties::Schema(values)) => {
                let values_at = pointer::child(at, "additionalProperties");
                self.lower_item(SchemaRef::from_plain(values), &values_at, &hint.values())?
            }
            Some(AdditionalProperties::Any(_)) | None => TypeRef::Json,
        };
        Some(TypeRef::Map(Box::new(values)))
    }

    /// The `$ref` member of the open-enum form whose other member is the plain type of the
    /// referenced enum, with its index.
    fn open_enum_reference(
        &self,
        any_of: &'spec [ReferenceOr<Schema>],
    ) -> Option<(usize, &'spec str)> {
        let [first, second] = any_of else { return None };
        let (index, reference, plain) = match (first, second) {
            (ReferenceOr::Reference { reference }, ReferenceOr::Item(plain)) => {
                (0, reference, plain)
            }
            (ReferenceOr::Item(plain), ReferenceOr::Reference { reference }) => {
                (1, reference, plain)
            }
            _ => return None,
        };
        let target = self.peek_schema(SchemaRef::Ref(reference))?;
        (enum_type(target).is_some() && enum_type(target) == plain_type(plain))
            .then_some((index, reference.as_str()))
    }

    /// Lowers an array item or map value; an exact decimal there is an error because the
    /// exact-decimal serde helpers only cover `Decimal` and `Option<Decimal>` fields.
    fn lower_item(&mut self, schema: SchemaRef<'spec>, at: &str, hint: &Hint) -> Option<TypeRef> {
        if self.is_decimal(schema) {
            let supported = "supported: `decimal` numbers as object properties (exact decimal serde helpers cover only `Decimal` and `Option<Decimal>` fields)";
            return self.unsupported_because(
                at,
                "a `decimal` number inside an array or map",
                supported,
            );
        }
        self.lower_type(schema, at, hint)
    }

    /// Whether a position holds (through references) a `number` with format `decimal`.
    pub(super) fn is_decimal(&self, schema: SchemaRef<'spec>) -> bool {
        self.peek_schema(schema).is_some_and(|schema| {
            matches!(&schema.schema_kind, SchemaKind::Type(Type::Number(number))
                if matches!(&number.format, VariantOrUnknownOrEmpty::Unknown(format) if format == "decimal"))
        })
    }

    /// Records an "unsupported construct" error about a schema and returns `None` for the
    /// caller to pass on.
    pub(super) fn unsupported<T>(&mut self, at: &str, what: &str) -> Option<T> {
        self.unsupported_because(at, what, SUPPORTED)
    }

    /// Records an "unsupported construct" error saying what is supported instead.
    pub(super) fn unsupported_because<T>(
        &mut self,
        at: &str,
        what: &str,
        supported: &str,
    ) -> Option<T> {
        self.errors
            .push(at, format!("unsupported construct: {what}; {supported}"));
        None
    }
}

/// `{}` (or a schema with only docs): any JSON value.
fn is_empty_any(any: &AnySchema) -> bool {
    any == &AnySchema::default()
}

/// Names the keywords of a schema that mixes them in a way no single type covers.
fn describe_any(any: &AnySchema) -> String {
    let present = [
        ("type", any.typ.is_some()),
        ("properties", !any.properties.is_empty()),
        ("items", any.items.is_some()),
        ("enum", !any.enumeration.is_empty()),
        ("format", any.format.is_some()),
        ("oneOf", !any.one_of.is_empty()),
        ("allOf", !any.all_of.is_empty()),
        ("anyOf", !any.any_of.is_empty()),
        ("not", any.not.is_some()),
        ("additionalProperties", any.additional_properties.is_some()),
        ("required", !any.required.is_empty()),
    ];
    let keywords: Vec<String> = present
        .iter()
        .filter(|(_, is_present)| *is_present)
        .map(|(name, _)| format!("`{name}`"))
        .collect();
    let type_text = any
        .typ
        .as_deref()
        .map(|typ| format!(" of type `{typ}`"))
        .unwrap_or_default();
    if keywords.is_empty() {
        format!("a schema{type_text} with constraints that do not fit its type")
    } else {
        format!("a schema{type_text} combining {}", keywords.join(", "))
    }
}
