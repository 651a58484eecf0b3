//! The named types lowering makes from schemas: structs, enums, unions, multipart forms and
//! aliases.

use super::{Docs, FeatureId, ModelId, TypeRef};

/// A named type generated from a schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// This model's own handle.
    pub id: ModelId,
    /// The Rust type name (UpperCamelCase, unique among models).
    pub rust_name: String,
    /// The schema key under `components/schemas`, or a JSON pointer for an inline schema.
    pub wire_name: String,
    /// The JSON pointer of the schema this model was lowered from.
    pub pointer: String,
    /// Rustdoc for the type.
    pub docs: Docs,
    /// What kind of Rust item this model becomes.
    pub kind: ModelKind,
    /// The cargo feature the model is compiled under: set when only the operations of one
    /// feature use it; `None` (always compiled) otherwise.
    pub feature: Option<FeatureId>,
}

/// The shape of a model.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelKind {
    /// An object with named properties: a Rust struct.
    Struct(Struct),
    /// A string enumeration: an open Rust enum with a catch-all variant.
    StringEnum(StringEnum),
    /// An integer enumeration: an open Rust enum with a catch-all variant.
    IntegerEnum(IntegerEnum),
    /// `oneOf`/`anyOf` with a discriminator: an enum chosen by a property's value, with a
    /// catch-all that keeps an unknown tag and its body.
    TaggedUnion(TaggedUnion),
    /// `oneOf`/`anyOf` without a discriminator: an enum whose variants are tried in order.
    UntaggedUnion(UntaggedUnion),
    /// A `multipart/form-data` request body: a struct whose file fields carry bytes, a file
    /// name and a content type.
    MultipartForm(MultipartForm),
    /// A component schema that is just another type (for example a string, an array or a map):
    /// a Rust type alias (`pub type Name = Target;`), so it adds a name and docs but no wrapper.
    Alias(TypeRef),
    /// Like an alias, but a one-field tuple struct (`pub struct Name(pub Target);`),
    /// transparent on the wire: for a type that contains itself only through arrays or maps,
    /// which an alias cannot express.
    Newtype(TypeRef),
}

impl ModelKind {
    /// The builder of a struct or form that has one.
    pub fn builder(&self) -> Option<&ModelBuilder> {
        let construction = match self {
            ModelKind::Struct(structure) => &structure.construction,
            ModelKind::MultipartForm(form) => &form.construction,
            _ => return None,
        };
        match construction {
            Construction::Builder(builder) => Some(builder),
            Construction::Default => None,
        }
    }

    /// The builder of a struct or form that has one, to change.
    pub fn builder_mut(&mut self) -> Option<&mut ModelBuilder> {
        let construction = match self {
            ModelKind::Struct(structure) => &mut structure.construction,
            ModelKind::MultipartForm(form) => &mut form.construction,
            _ => return None,
        };
        match construction {
            Construction::Builder(builder) => Some(builder),
            Construction::Default => None,
        }
    }
}

/// A struct model.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// The fields, in the order the spec lists the properties.
    pub fields: Vec<Field>,
    /// The map that keeps the properties not named in `properties`, when the schema allows
    /// them with `additionalProperties` (a schema, or `true`).
    pub additional: Option<AdditionalProperties>,
    /// How users construct the struct besides a struct literal.
    pub construction: Construction,
    /// How the struct carries the API's own error messages, when it has the common envelope
    /// (an `errors` array of objects with a code or a message): it then implements the
    /// runtime's `ApiErrors`.
    pub api_errors: Option<Box<ErrorList>>,
}

/// How users construct a struct or form besides writing a struct literal.
#[derive(Debug, Clone, PartialEq)]
pub enum Construction {
    /// Nothing is required: the type derives `Default`, so `..Default::default()` fills the
    /// fields left out with `None`.
    Default,
    /// Something is required: no `Default` (it would fill a required field with `""` or `0`),
    /// but a builder in the crate's `builders` module whose `build` refuses while a required
    /// field is unset.
    Builder(ModelBuilder),
}

/// The builder of a type with required fields: one setter per field (the same order as the
/// fields), then `build`.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelBuilder {
    /// Each field's setter name: the field's Rust name, unless the builder's own methods
    /// (`build`, and the methods of the traits it derives) took it.
    pub setters: Vec<String>,
    /// The setter of the map of other properties, when the struct has one.
    pub additional_setter: Option<String>,
    /// The feature that gates the builder besides its model's own gate: in a crate split by
    /// features, the builders of models that no request carries compile only under
    /// `response-builders` (`lower/finish/read_builders.rs`).
    pub feature: Option<FeatureId>,
}

/// Where a struct keeps the API's error messages.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorList {
    /// The Rust name of the `errors` field.
    pub field: String,
    /// Whether that field is an `Option`.
    pub optional: bool,
    /// The item's field holding the code, if any.
    pub code: Option<MessagePart>,
    /// The item's field holding the title, if any.
    pub title: Option<MessagePart>,
    /// The item's field holding the message, if any.
    pub message: Option<MessagePart>,
}

/// One field of an error item that has a text form.
#[derive(Debug, Clone, PartialEq)]
pub struct MessagePart {
    /// The field's Rust name.
    pub rust_name: String,
    /// Whether the field is an `Option`.
    pub optional: bool,
}

/// The flattened map of a struct's other properties.
#[derive(Debug, Clone, PartialEq)]
pub struct AdditionalProperties {
    /// The field's Rust name (`additional_properties` unless a property took it).
    pub rust_name: String,
    /// The type of each value.
    pub ty: TypeRef,
    /// Rustdoc for the field.
    pub docs: Docs,
}

/// One field of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The Rust field name (snake_case, escaped if needed, unique in the struct).
    pub rust_name: String,
    /// The JSON property name.
    pub wire_name: String,
    /// The value type, without the `Option` that optionality adds.
    pub ty: TypeRef,
    /// Whether the property must be present (listed in `required` and neither `readOnly` nor
    /// `writeOnly`, because those are absent in one direction).
    pub required: bool,
    /// Whether the value may be `null`.
    pub nullable: bool,
    /// Whether the value is boxed because the field's type contains this struct again.
    pub boxed: bool,
    /// Whether the value (possibly through aliases) is an exact decimal, read and written
    /// through the runtime's exact-decimal helpers.
    pub exact_decimal: bool,
    /// Rustdoc for the field; its last note names the wire name.
    pub docs: Docs,
    /// The note for `#[deprecated]` when the spec marks the property deprecated.
    pub deprecated: Option<String>,
}

/// A string enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct StringEnum {
    /// The known values, in spec order.
    pub variants: Vec<StringVariant>,
    /// The name of the catch-all variant that keeps unknown values (`Other` unless taken).
    pub catch_all: String,
}

/// One known value of a string enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct StringVariant {
    /// The Rust variant name.
    pub rust_name: String,
    /// The value on the wire.
    pub value: String,
    /// Rustdoc for the variant.
    pub docs: Docs,
}

/// An integer enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct IntegerEnum {
    /// The Rust integer type that carries the code.
    pub repr: IntegerRepr,
    /// The known codes, in spec order.
    pub variants: Vec<IntegerVariant>,
    /// The name of the catch-all variant that keeps unknown codes (`Other` unless taken).
    pub catch_all: String,
}

/// A Rust integer type, chosen to hold the whole range of the schema's `format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IntegerRepr {
    /// `i8` (format `int8`).
    I8,
    /// `i16` (format `int16`).
    I16,
    /// `i32` (format `int32`).
    I32,
    /// `i64` (format `int64`, no format, or one the generator does not know).
    I64,
    /// `i128` (format `int128`).
    I128,
    /// `u8` (format `uint8`).
    U8,
    /// `u16` (format `uint16`).
    U16,
    /// `u32` (format `uint32`).
    U32,
    /// `u64` (format `uint64`).
    U64,
    /// `u128` (format `uint128`).
    U128,
}

impl IntegerRepr {
    /// The smallest and largest value of the type.
    pub fn range(self) -> (i128, i128) {
        match self {
            IntegerRepr::I8 => (i128::from(i8::MIN), i128::from(i8::MAX)),
            IntegerRepr::I16 => (i128::from(i16::MIN), i128::from(i16::MAX)),
            IntegerRepr::I32 => (i128::from(i32::MIN), i128::from(i32::MAX)),
            IntegerRepr::I64 => (i128::from(i64::MIN), i128::from(i64::MAX)),
            IntegerRepr::I128 => (i128::MIN, i128::MAX),
            IntegerRepr::U8 => (0, i128::from(u8::MAX)),
            IntegerRepr::U16 => (0, i128::from(u16::MAX)),
            IntegerRepr::U32 => (0, i128::from(u32::MAX)),
            IntegerRepr::U64 => (0, i128::from(u64::MAX)),
            IntegerRepr::U128 => (0, i128::MAX),
        }
    }

    /// The Rust type's name, for example `u64`.
    pub fn name(self) -> &'static str {
        match self {
            IntegerRepr::I8 => "i8",
            IntegerRepr::I16 => "i16",
            IntegerRepr::I32 => "i32",
            IntegerRepr::I64 => "i64",
            IntegerRepr::I128 => "i128",
            IntegerRepr::U8 => "u8",
            IntegerRepr::U16 => "u16",
            IntegerRepr::U32 => "u32",
            IntegerRepr::U64 => "u64",
            IntegerRepr::U128 => "u128",
        }
    }
}

/// One known code of an integer enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct IntegerVariant {
    /// The Rust variant name.
    pub rust_name: String,
    /// The code on the wire (fits the enum's `repr`).
    pub value: i128,
    /// The name from `x-enum-varnames`, verbatim.
    pub name: Option<String>,
    /// The text from `x-enum-descriptions`, verbatim.
    pub description: Option<String>,
    /// Rustdoc for the variant.
    pub docs: Docs,
}

/// A union chosen by the value of one property (`discriminator.propertyName`).
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedUnion {
    /// The property whose value selects the variant, as on the wire.
    pub tag: String,
    /// The known variants, in document order.
    pub variants: Vec<TaggedVariant>,
    /// The name of the variant that keeps an object with an unknown or missing tag.
    pub catch_all: String,
    /// Whether one variant may be 200 bytes or more larger than another, so that Clippy's
    /// `large_enum_variant` would flag the enum (decided in `lower/finish/sizes.rs`).
    pub large_variant: bool,
}

/// One variant of a tagged union.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedVariant {
    /// The Rust variant name.
    pub rust_name: String,
    /// The tag values that select this variant; the first is written when encoding.
    pub tag_values: Vec<String>,
    /// The variant's type: an object model.
    pub ty: TypeRef,
    /// Whether the variant's value is boxed because it contains the union again.
    pub boxed: bool,
    /// Rustdoc for the variant.
    pub docs: Docs,
}

/// A union whose variants are tried in order; the first that decodes wins.
#[derive(Debug, Clone, PartialEq)]
pub struct UntaggedUnion {
    /// The variants, most specific first.
    pub variants: Vec<UntaggedVariant>,
    /// Whether one variant may be 200 bytes or more larger than another, so that Clippy's
    /// `large_enum_variant` would flag the enum (decided in `lower/finish/sizes.rs`).
    pub large_variant: bool,
}

/// One variant of an untagged union.
#[derive(Debug, Clone, PartialEq)]
pub struct UntaggedVariant {
    /// The Rust variant name.
    pub rust_name: String,
    /// The variant's type.
    pub ty: TypeRef,
    /// Whether the variant's value is boxed because it contains the union again.
    pub boxed: bool,
    /// Rustdoc for the variant.
    pub docs: Docs,
}

/// A `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq)]
pub struct MultipartForm {
    /// The parts, in the order the schema lists them.
    pub fields: Vec<MultipartField>,
    /// How users construct the form besides a struct literal.
    pub construction: Construction,
}

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq)]
pub struct MultipartField {
    /// The Rust field name.
    pub rust_name: String,
    /// The part's name on the wire.
    pub wire_name: String,
    /// How the part's value is sent.
    pub kind: MultipartKind,
    /// Whether the part must be sent.
    pub required: bool,
    /// Rustdoc for the field.
    pub docs: Docs,
}

/// How one multipart part is sent.
#[derive(Debug, Clone, PartialEq)]
pub enum MultipartKind {
    /// A file: bytes, with an optional file name and content type (`format: binary`).
    File,
    /// Several files under one name (an array of `format: binary`).
    Files,
    /// A scalar sent as its text.
    Text(TypeRef),
    /// Any other value, sent as JSON text.
    Json(TypeRef),
}
