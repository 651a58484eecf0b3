//! One view of a schema's keywords, whichever way `openapiv3` parsed it.
//!
//! `openapiv3` reads a schema as one of several shapes: a typed schema (`type: string` with
//! string keywords only), `oneOf`/`allOf`/`anyOf`/`not` alone, or, for anything that mixes
//! keywords or has no `type`, a catch-all. Real documents mix freely (`allOf` beside
//! `properties`, `enum` without `type`), so lowering reads every schema through this view and
//! decides from the keywords themselves.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ReferenceOr, Schema, SchemaData, SchemaKind, StringFormat,
    Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

/// The `type` keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::lower) enum Declared<'spec> {
    /// No `type`.
    None,
    String,
    Number,
    Integer,
    Boolean,
    Object,
    Array,
    /// A type name OpenAPI 3.0 does not have (`null`, `file`, ...).
    Other(&'spec str),
}

/// Every keyword the generator types by.
#[derive(Debug, Clone)]
pub(in crate::lower) struct SchemaView<'spec> {
    /// The common keywords: docs, `nullable`, `readOnly`, `discriminator`, extensions, ...
    pub(in crate::lower) data: &'spec SchemaData,
    pub(in crate::lower) declared: Declared<'spec>,
    pub(in crate::lower) format: Option<String>,
    pub(in crate::lower) properties: Option<&'spec IndexMap<String, ReferenceOr<Box<Schema>>>>,
    pub(in crate::lower) required: &'spec [String],
    pub(in crate::lower) additional: Option<&'spec AdditionalProperties>,
    pub(in crate::lower) items: Option<&'spec ReferenceOr<Box<Schema>>>,
    /// `enum`, as JSON values (`null` included).
    pub(in crate::lower) enumeration: Vec<Value>,
    pub(in crate::lower) all_of: &'spec [ReferenceOr<Schema>],
    pub(in crate::lower) one_of: &'spec [ReferenceOr<Schema>],
    pub(in crate::lower) any_of: &'spec [ReferenceOr<Schema>],
    pub(in crate::lower) not: bool,
}

/// An enumeration's values as JSON; `null` stands for a listed `null`.
fn values<T: Into<Value> + Clone>(enumeration: &[Option<T>]) -> Vec<Value> {
    enumeration
        .iter()
        .map(|value| value.clone().map_or(Value::Null, Into::into))
        .collect()
}

/// A number enumeration's values; a value JSON cannot hold (NaN, infinity) becomes `null`,
/// which no number matches.
fn number_values(enumeration: &[Option<f64>]) -> Vec<Value> {
    enumeration
        .iter()
        .map(|value| {
            value
                .and_then(serde_json::Number::from_f64)
                .map_or(Value::Null, Value::Number)
        })
        .collect()
}

/// The name of a `format` `openapiv3` parsed, recognised or not; `None` when there is none.
fn format_name<T>(
    format: &VariantOrUnknownOrEmpty<T>,
    known: fn(&T) -> &'static str,
) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => Some(known(item).to_owned()),
        VariantOrUnknownOrEmpty::Unknown(text) => Some(text.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

impl<'spec> SchemaView<'spec> {
    /// A view with only the common keywords set.
    fn bare(schema: &'spec Schema) -> Self {
        SchemaView {
            data: &schema.schema_data,
            declared: Declared::None,
            format: None,
            properties: None,
            required: &[],
            additional: None,
            items: None,
            enumeration: Vec::new(),
            all_of: &[],
            one_of: &[],
            any_of: &[],
            not: false,
        }
    }

    /// The view of one schema.
    pub(in crate::lower) fn of(schema: &'spec Schema) -> Self {
        let mut view = SchemaView::bare(schema);
        match &schema.schema_kind {
            SchemaKind::Type(typed) => view.read_type(typed),
            SchemaKind::OneOf { one_of } => view.one_of = one_of,
            SchemaKind::AllOf { all_of } => view.all_of = all_of,
            SchemaKind::AnyOf { any_of } => view.any_of = any_of,
            SchemaKind::Not { .. } => view.not = true,
            SchemaKind::Any(any) => view.read_any(any),
        }
        view
    }

    /// Reads a schema `openapiv3` recognised as one `type`.
    fn read_type(&mut self, typed: &'spec Type) {
        match typed {
            Type::String(string) => {
                self.declared = Declared::String;
                self.format = format_name(&string.format, |format| match format {
                    StringFormat::Date => "date",
                    StringFormat::DateTime => "date-time",
                    StringFormat::Password => "password",
                    StringFormat::Byte => "byte",
                    StringFormat::Binary => "binary",
                });
                self.enumeration = values(&string.enumeration);
            }
            Type::Number(number) => {
                self.declared = Declared::Number;
                self.format = format_name(&number.format, |format| match format {
                    openapiv3::NumberFormat::Float => "float",
                    openapiv3::NumberFormat::Double => "double",
                });
                self.enumeration = number_values(&number.enumeration);
            }
            Type::Integer(integer) => {
                self.declared = Declared::Integer;
                self.format = format_name(&integer.format, |format| match format {
                    openapiv3::IntegerFormat::Int32 => "int32",
                    openapiv3::IntegerFormat::Int64 => "int64",
                });
                self.enumeration = values(&integer.enumeration);
            }
            Type::Boolean(boolean) => {
                self.declared = Declared::Boolean;
                self.enumeration = values(&boolean.enumeration);
            }
            Type::Object(object) => {
                self.declared = Declared::Object;
                self.properties = Some(&object.properties);
                self.required = &object.required;
                self.additional = object.additional_properties.as_ref();
            }
            Type::Array(array) => {
                self.declared = Declared::Array;
                self.items = array.items.as_ref();
            }
        }
    }

    /// Reads a schema `openapiv3` kept whole because it mixes keywords or names no one type.
    fn read_any(&mut self, any: &'spec AnySchema) {
        self.declared = match any.typ.as_deref() {
            None => Declared::None,
            Some("string") => Declared::String,
            Some("number") => Declared::Number,
            Some("integer") => Declared::Integer,
            Some("boolean") => Declared::Boolean,
            Some("object") => Declared::Object,
            Some("array") => Declared::Array,
            Some(other) => Declared::Other(other),
        };
        self.format = any.format.clone();
        self.properties = Some(&any.properties);
        self.required = &any.required;
        self.additional = any.additional_properties.as_ref();
        self.items = any.items.as_ref();
        self.enumeration = any.enumeration.clone();
        self.all_of = &any.all_of;
        self.one_of = &any.one_of;
        self.any_of = &any.any_of;
        self.not = any.not.is_some();
    }

    /// The declared properties, in document order.
    pub(in crate::lower) fn properties(
        &self,
    ) -> impl Iterator<Item = (&'spec String, &'spec ReferenceOr<Box<Schema>>)> {
        self.properties.into_iter().flatten()
    }

    pub(in crate::lower) fn has_properties(&self) -> bool {
        self.properties
            .is_some_and(|properties| !properties.is_empty())
    }

    /// Whether `null` is a valid value: `nullable: true`, or `null` among the enum values.
    pub(in crate::lower) fn admits_null(&self) -> bool {
        self.data.nullable || self.enumeration.iter().any(Value::is_null)
    }

    /// The type the keywords imply when `type` is missing: `object` for object keywords,
    /// `array` for `items`, and the type a well-known `format` belongs to.
    pub(in crate::lower) fn effective_type(&self) -> Declared<'spec> {
        if self.declared != Declared::None {
            return self.declared;
        }
        if self.has_properties() || self.additional.is_some() || !self.required.is_empty() {
            return Declared::Object;
        }
        if self.items.is_some() {
            return Declared::Array;
        }
        match self.format.as_deref() {
            Some(
                "int8" | "int16" | "int32" | "int64" | "int128" | "uint8" | "uint16" | "uint32"
                | "uint64" | "uint128",
            ) => Declared::Integer,
            Some("float" | "double" | "decimal") => Declared::Number,
            Some(
                "date" | "date-time" | "uuid" | "byte" | "binary" | "password" | "email" | "uri"
                | "hostname",
            ) => Declared::String,
            _ => Declared::None,
        }
    }

    /// Whether the schema says nothing about the value's type: `{}`, or a schema with only
    /// documentation, validation keywords that need a type to mean anything, or `nullable`.
    pub(in crate::lower) fn is_unconstrained(&self) -> bool {
        self.effective_type() == Declared::None
            && self.enumeration.is_empty()
            && self.all_of.is_empty()
            && self.one_of.is_empty()
            && self.any_of.is_empty()
            && !self.not
    }

    /// Whether the schema only constrains an object it is combined with (`{required: [a]}`
    /// inside a `oneOf`, a common way to say "one of these properties must be present").
    pub(in crate::lower) fn is_constraint_only(&self) -> bool {
        self.declared == Declared::None
            && !self.has_properties()
            && self.additional.is_none()
            && self.items.is_none()
            && self.enumeration.is_empty()
            && self.all_of.is_empty()
            && self.one_of.is_empty()
            && self.any_of.is_empty()
            && self.format.is_none()
    }
}
