//! The typed intermediate representation between the OpenAPI document and the emitted tokens.
//!
//! Everything here is plain data: no `TokenStream`, no `openapiv3` types. Lowering
//! (`crate::lower`) makes every decision (names, optionality, boxing, which type a value maps
//! to, where an input goes, the exact documentation text) and stores the result here;
//! emitters only read it. Collections are sorted, so iterating them is deterministic. Every
//! type derives `Debug` so tests can snapshot the IR before any tokens exist.

/// The whole API: everything the emitters need, and nothing they must decide.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// `info.title`, verbatim (for the package description).
    pub title: String,
    /// `info.title` made safe for rustdoc, on one line; never empty.
    pub title_docs: String,
    /// `info.version`.
    pub version: String,
    /// Crate-level documentation built from `info.description` (or a generated sentence).
    pub docs: Docs,
    /// `servers`, in document order.
    pub servers: Vec<Server>,
    /// The client's default base URL: the first absolute server URL, its variables at their
    /// defaults; empty when the document has none, and the caller must then set one.
    pub default_base_url: String,
    /// `components.securitySchemes`, in document order.
    pub security_schemes: Vec<SecurityScheme>,
    /// All named types, sorted by `rust_name`; `ModelId(i)` is the index into this list.
    pub models: Vec<Model>,
    /// All operations, sorted by `rust_name`.
    pub operations: Vec<Operation>,
}

/// A handle to a model: the index of the model in [`Api::models`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ModelId(pub usize);

impl std::fmt::Debug for ModelId {
    // One line even in `{:#?}`, so IR snapshots stay readable.
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "ModelId({})", self.0)
    }
}

/// Documentation for one generated item, already safe to place in rustdoc.
///
/// Lowering decides the exact text, so emitters print `text` and then each note as its own
/// paragraph, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Docs {
    /// The spec's title, summary and description, or a generated sentence when it has none.
    /// Never empty.
    pub text: String,
    /// Further paragraphs such as `Format: `int64`.`, `Reconstructed: ...`, `Source: ...` and,
    /// last for fields, `Wire name: `signatureRequestID`.`.
    pub notes: Vec<String>,
}

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

/// A struct model.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// The fields, in the order the spec lists the properties.
    pub fields: Vec<Field>,
    /// The map that keeps the properties not named in `properties`, when the schema allows
    /// them with `additionalProperties` (a schema, or `true`).
    pub additional: Option<AdditionalProperties>,
    /// Whether every field's type implements `Default`, so the struct can derive it.
    pub derive_default: bool,
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
    /// Whether the variant's own schema declares the tag property (then encoding writes it
    /// as part of the value; otherwise the union adds it).
    pub declares_tag: bool,
    /// Rustdoc for the variant.
    pub docs: Docs,
}

/// A union whose variants are tried in order; the first that decodes wins.
#[derive(Debug, Clone, PartialEq)]
pub struct UntaggedUnion {
    /// The variants, most specific first.
    pub variants: Vec<UntaggedVariant>,
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

/// A reference to a type, as used by fields, aliases, parameters and bodies.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    /// `boolean`.
    Bool,
    /// `integer`, in the Rust type its `format` calls for.
    Integer(IntegerRepr),
    /// `number` (format `double`, `float`, none, or one the generator does not know). A
    /// `float` is an `f64` too: its text form keeps every `f32` value exactly.
    F64,
    /// `number` with format `decimal`: an exact decimal.
    Decimal,
    /// `string`, including formats `date`, `uuid`, `byte` and unknown ones.
    String,
    /// `string` with format `date-time`: the runtime's lenient date-time.
    DateTime,
    /// Any JSON value (`{}`, or a schema the generator cannot type precisely).
    Json,
    /// `array` of the inner type.
    Vec(Box<TypeRef>),
    /// `object` with string keys and values of the inner type.
    Map(Box<TypeRef>),
    /// A generated model.
    Model(ModelId),
}

/// One entry of `servers`.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// The URL template, as written.
    pub url: String,
    /// The server's description, if any.
    pub description: Option<String>,
    /// Template variables and their defaults, in document order.
    pub variables: Vec<(String, String)>,
}

/// One entry of `components.securitySchemes`.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// The key under `components.securitySchemes`.
    pub name: String,
    /// How credentials are sent.
    pub kind: SecuritySchemeKind,
    /// The scheme's description, if any.
    pub description: Option<String>,
}

/// How a security scheme sends credentials.
#[derive(Debug, Clone, PartialEq)]
pub enum SecuritySchemeKind {
    /// An API key in a header, query parameter or cookie.
    ApiKey {
        /// Where the key goes.
        location: ApiKeyLocation,
        /// The header, query or cookie name.
        parameter_name: String,
    },
    /// HTTP authentication (`basic`, `bearer`, ...).
    Http {
        /// The scheme, for example `bearer`.
        scheme: String,
        /// A hint about the bearer token format.
        bearer_format: Option<String>,
    },
    /// OAuth 2 (flows are not modelled).
    OAuth2,
    /// OpenID Connect discovery.
    OpenIdConnect {
        /// The discovery URL.
        url: String,
    },
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// One way to satisfy security: all listed schemes together.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityRequirement {
    /// Scheme names (keys of `components.securitySchemes`) with their scopes.
    pub schemes: Vec<(String, Vec<String>)>,
}

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The Rust method name (snake_case of `operationId`, unique among operations and clear
    /// of the client's own method names).
    pub rust_name: String,
    /// The spec's `operationId`; `None` when the spec has none and the name was derived from
    /// the method and path.
    pub operation_id: Option<String>,
    /// The HTTP method.
    pub method: Method,
    /// The path as written in the spec, for example `/invoices/{invoiceId}`.
    pub path_template: String,
    /// The parsed path template.
    pub path: Vec<PathSegment>,
    /// Parameters: path-level ones first, then the operation's own, in document order (an
    /// operation parameter replaces a path-level one with the same name and location).
    pub params: Vec<Param>,
    /// The request body, if any.
    pub request_body: Option<Body>,
    /// The responses, in document order with `default` last.
    pub responses: Vec<Response>,
    /// Rustdoc from `summary` and `description`.
    pub docs: Docs,
    /// The string-valued `x-*` vendor extensions of the operation that users need (scopes and
    /// the like; provenance keys stay in the spec), sorted by key.
    pub extensions: Vec<(String, String)>,
    /// Whether the operation is deprecated.
    pub deprecated: bool,
    /// `tags`, in document order.
    pub tags: Vec<String>,
    /// The effective security: the operation's own, or the document's; empty means none.
    pub security: Vec<SecurityRequirement>,
    /// How the generated client calls the operation.
    pub call: Call,
}

/// How the generated client calls an operation: what a success and an error decode into,
/// what it accepts, whether a failed attempt may be sent again, and where each input goes.
/// Lowering decides all of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// What a 2xx response decodes into.
    pub success: Outcome,
    /// What any other response decodes into.
    pub error: Outcome,
    /// The error statuses the document lists (`4XX`, `default`, ...).
    pub documented_errors: StatusSet,
    /// The `Accept` header to send.
    pub accept: String,
    /// Whether a failed attempt may be sent again.
    pub retry: RetryClass,
    /// The request-builder type's name, when some input is set on a builder rather than
    /// passed as an argument.
    pub builder: Option<String>,
}

/// What a class of responses (success or error) decodes into.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// No body is documented: `()`.
    Empty,
    /// One body type, whatever the status.
    Single(ResponseBody),
    /// Different bodies for different statuses: an enum with one variant per status.
    ByStatus(StatusEnum),
}

/// An enum of the bodies an operation documents for different statuses.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusEnum {
    /// The enum's name, unique among the client module's types.
    pub rust_name: String,
    /// One variant per documented status, in document order; a status no variant lists
    /// decodes as the first variant with a body.
    pub variants: Vec<StatusVariant>,
    /// Rustdoc for the enum.
    pub docs: Docs,
}

/// One variant of a [`StatusEnum`].
#[derive(Debug, Clone, PartialEq)]
pub struct StatusVariant {
    /// The Rust variant name, from the status (`Created`, `Status299`).
    pub rust_name: String,
    /// The status this variant stands for.
    pub status: Status,
    /// The body, or `None` for a response without one (a unit variant).
    pub body: Option<ResponseBody>,
    /// Rustdoc for the variant (the response's description).
    pub docs: Docs,
}

/// A response body the client can decode.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseBody {
    /// JSON (`application/json`, any `+json` type, or a wildcard) of this type.
    Json(TypeRef),
    /// Text (`text/*`), as a `String`.
    Text,
    /// Anything else, as raw bytes.
    Binary,
}

/// A set of response statuses as a document lists them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StatusSet {
    /// Exact codes, ascending.
    pub codes: Vec<u16>,
    /// Classes by first digit (`4` for `4XX`), ascending.
    pub classes: Vec<u16>,
    /// Whether every status not listed elsewhere belongs here (`default`).
    pub others: bool,
}

/// Whether a request may be sent again after a failure that may have reached the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryClass {
    /// Sending twice has the effect of sending once (GET, HEAD, OPTIONS, PUT, DELETE, TRACE).
    Idempotent,
    /// Sending twice may act twice (POST, PATCH): never retried.
    Never,
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    /// `GET`.
    Get,
    /// `PUT`.
    Put,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
    /// `OPTIONS`.
    Options,
    /// `HEAD`.
    Head,
    /// `PATCH`.
    Patch,
    /// `TRACE`.
    Trace,
}

/// One piece of a path template.
#[derive(Debug, Clone, PartialEq)]
pub enum PathSegment {
    /// Text copied verbatim.
    Literal(String),
    /// A path parameter: the index into [`Operation::params`].
    Param(usize),
}

/// Where an input of an operation is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// A method argument: required, and checked by the compiler.
    Argument,
    /// A setter on the request builder. A required input set there is checked when the
    /// request is sent (operations with many required inputs put them there, so the method
    /// does not take a long list of arguments).
    Setter,
}

/// One operation parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The Rust argument name (snake_case, unique in the operation).
    pub rust_name: String,
    /// The name on the wire.
    pub wire_name: String,
    /// Where the parameter goes.
    pub location: ParamLocation,
    /// How its value is written.
    pub style: ParamStyle,
    /// Whether arrays and objects are exploded (one pair per item or property).
    pub explode: bool,
    /// Whether the parameter must be given (always true for path parameters).
    pub required: bool,
    /// The value type.
    pub ty: TypeRef,
    /// Where the caller gives it.
    pub placement: Placement,
    /// Rustdoc for the parameter; its last note names the wire name.
    pub docs: Docs,
    /// Whether the parameter is deprecated.
    pub deprecated: bool,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// Substituted into the path template.
    Path,
    /// Appended to the query string.
    Query,
    /// Sent as a request header.
    Header,
    /// Sent in the `Cookie` header.
    Cookie,
}

/// How a parameter's value is written (OpenAPI's `style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    /// `simple`: comma-separated (path and header default).
    Simple,
    /// `label`: `.`-prefixed (path).
    Label,
    /// `matrix`: `;name=`-prefixed (path).
    Matrix,
    /// `form`: `name=value` pairs (query and cookie default).
    Form,
    /// `spaceDelimited`: array items joined by spaces (query).
    SpaceDelimited,
    /// `pipeDelimited`: array items joined by `|` (query).
    PipeDelimited,
    /// `deepObject`: `name[key]=value` (query).
    DeepObject,
    /// Not a style of OpenAPI's: a parameter described by `content` rather than `schema`,
    /// written as the JSON text of its value.
    JsonContent,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The Rust argument name (`body` unless a parameter already has it).
    pub rust_name: String,
    /// How the body is encoded, and its type.
    pub kind: BodyKind,
    /// Whether the body must be sent.
    pub required: bool,
    /// Where the caller gives it.
    pub placement: Placement,
    /// The media type to send, for example `application/json`.
    pub content_type: String,
    /// Rustdoc for the body argument.
    pub docs: Docs,
}

/// How a request body is encoded.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyKind {
    /// JSON of this type.
    Json(TypeRef),
    /// `application/x-www-form-urlencoded` pairs from this type's properties.
    Form(TypeRef),
    /// `multipart/form-data` from this model (a [`ModelKind::MultipartForm`]).
    Multipart(ModelId),
    /// Text (`text/*`), given as a string.
    Text,
    /// Raw bytes of the content type.
    Binary,
}

/// One documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The status the response applies to.
    pub status: Status,
    /// The body the client decodes, if the response has one.
    pub body: Option<ResponseBody>,
    /// Every media type the response lists, in document order.
    pub content_types: Vec<String>,
    /// The response's description, verbatim.
    pub description: String,
}

/// A response status key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// One status code, for example `200`.
    Code(u16),
    /// A range such as `4XX`, stored as its first digit.
    Range(u16),
    /// `default`: any status not listed.
    Default,
}

impl ModelKind {
    /// Every type this model names directly (fields, the map of other properties, variants,
    /// multipart parts, an alias's target), in declaration order.
    pub fn types(&self) -> Vec<&TypeRef> {
        match self {
            ModelKind::Struct(structure) => structure
                .fields
                .iter()
                .map(|field| &field.ty)
                .chain(structure.additional.iter().map(|additional| &additional.ty))
                .collect(),
            ModelKind::TaggedUnion(union) => {
                union.variants.iter().map(|variant| &variant.ty).collect()
            }
            ModelKind::UntaggedUnion(union) => {
                union.variants.iter().map(|variant| &variant.ty).collect()
            }
            ModelKind::MultipartForm(form) => form
                .fields
                .iter()
                .filter_map(|field| match &field.kind {
                    MultipartKind::Text(ty) | MultipartKind::Json(ty) => Some(ty),
                    MultipartKind::File | MultipartKind::Files => None,
                })
                .collect(),
            ModelKind::Alias(target) | ModelKind::Newtype(target) => vec![target],
            ModelKind::StringEnum(_) | ModelKind::IntegerEnum(_) => Vec::new(),
        }
    }

    /// [`ModelKind::types`], mutably.
    pub fn types_mut(&mut self) -> Vec<&mut TypeRef> {
        match self {
            ModelKind::Struct(structure) => structure
                .fields
                .iter_mut()
                .map(|field| &mut field.ty)
                .chain(
                    structure
                        .additional
                        .iter_mut()
                        .map(|additional| &mut additional.ty),
                )
                .collect(),
            ModelKind::TaggedUnion(union) => union
                .variants
                .iter_mut()
                .map(|variant| &mut variant.ty)
                .collect(),
            ModelKind::UntaggedUnion(union) => union
                .variants
                .iter_mut()
                .map(|variant| &mut variant.ty)
                .collect(),
            ModelKind::MultipartForm(form) => form
                .fields
                .iter_mut()
                .filter_map(|field| match &mut field.kind {
                    MultipartKind::Text(ty) | MultipartKind::Json(ty) => Some(ty),
                    MultipartKind::File | MultipartKind::Files => None,
                })
                .collect(),
            ModelKind::Alias(target) | ModelKind::Newtype(target) => vec![target],
            ModelKind::StringEnum(_) | ModelKind::IntegerEnum(_) => Vec::new(),
        }
    }
}

impl Outcome {
    /// The types the outcome decodes into.
    pub fn types(&self) -> Vec<&TypeRef> {
        let body_type = ResponseBody::json_type;
        match self {
            Outcome::Empty => Vec::new(),
            Outcome::Single(body) => body_type(body).into_iter().collect(),
            Outcome::ByStatus(status_enum) => status_enum
                .variants
                .iter()
                .filter_map(|variant| variant.body.as_ref().and_then(body_type))
                .collect(),
        }
    }
}

impl Operation {
    /// Every type the operation names: parameters, the body, responses and the call's
    /// outcomes.
    pub fn types(&self) -> Vec<&TypeRef> {
        let mut types: Vec<&TypeRef> = self.params.iter().map(|param| &param.ty).collect();
        if let Some(body) = &self.request_body {
            match &body.kind {
                BodyKind::Json(ty) | BodyKind::Form(ty) => types.push(ty),
                BodyKind::Multipart(_) | BodyKind::Text | BodyKind::Binary => {}
            }
        }
        for response in &self.responses {
            if let Some(ResponseBody::Json(ty)) = &response.body {
                types.push(ty);
            }
        }
        types.extend(self.call.success.types());
        types.extend(self.call.error.types());
        types
    }

    /// The models the operation names outside of types (a multipart body's form).
    pub fn model_handles_mut(&mut self) -> Vec<&mut ModelId> {
        match &mut self.request_body {
            Some(Body {
                kind: BodyKind::Multipart(id),
                ..
            }) => vec![id],
            _ => Vec::new(),
        }
    }

    /// [`Operation::types`], mutably.
    pub fn types_mut(&mut self) -> Vec<&mut TypeRef> {
        let Operation {
            params,
            request_body,
            responses,
            call,
            ..
        } = self;
        let mut types: Vec<&mut TypeRef> = params.iter_mut().map(|param| &mut param.ty).collect();
        if let Some(body) = request_body {
            match &mut body.kind {
                BodyKind::Json(ty) | BodyKind::Form(ty) => types.push(ty),
                BodyKind::Multipart(_) | BodyKind::Text | BodyKind::Binary => {}
            }
        }
        let body_type = ResponseBody::json_type_mut;
        for response in responses {
            if let Some(ty) = response.body.as_mut().and_then(body_type) {
                types.push(ty);
            }
        }
        for outcome in [&mut call.success, &mut call.error] {
            match outcome {
                Outcome::Empty => {}
                Outcome::Single(body) => types.extend(body_type(body)),
                Outcome::ByStatus(status_enum) => types.extend(
                    status_enum
                        .variants
                        .iter_mut()
                        .filter_map(|variant| variant.body.as_mut().and_then(body_type)),
                ),
            }
        }
        types
    }
}

impl ResponseBody {
    /// The type of a JSON body.
    pub fn json_type(&self) -> Option<&TypeRef> {
        match self {
            ResponseBody::Json(ty) => Some(ty),
            ResponseBody::Text | ResponseBody::Binary => None,
        }
    }

    /// The type of a JSON body, mutably.
    pub fn json_type_mut(&mut self) -> Option<&mut TypeRef> {
        match self {
            ResponseBody::Json(ty) => Some(ty),
            ResponseBody::Text | ResponseBody::Binary => None,
        }
    }
}

impl TypeRef {
    /// The models this type names, directly or inside arrays and maps.
    pub fn model_ids(&self) -> Vec<ModelId> {
        let mut found = Vec::new();
        let mut pending = vec![self];
        while let Some(ty) = pending.pop() {
            match ty {
                TypeRef::Model(id) => found.push(*id),
                TypeRef::Vec(inner) | TypeRef::Map(inner) => pending.push(inner),
                _ => {}
            }
        }
        found
    }

    /// Calls `visit` on every model handle in this type.
    pub fn for_each_model_mut(&mut self, visit: &mut impl FnMut(&mut ModelId)) {
        let mut pending = vec![self];
        while let Some(ty) = pending.pop() {
            match ty {
                TypeRef::Model(id) => visit(id),
                TypeRef::Vec(inner) | TypeRef::Map(inner) => pending.push(inner),
                _ => {}
            }
        }
    }
}
