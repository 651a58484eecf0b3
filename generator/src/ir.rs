//! The typed intermediate representation between the OpenAPI document and the emitted tokens.
//!
//! Everything here is plain data: no `TokenStream`, no `openapiv3` types. Lowering
//! (`crate::lower`) makes every decision (names, optionality, boxing, which type a value maps
//! to, the exact documentation text) and stores the result here; emitters only read it.
//! Collections are sorted, so iterating them is deterministic. Every type derives `Debug`
//! so tests can snapshot the IR before any tokens exist.

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
    /// A component schema that is just another type (for example a string, an array or a map):
    /// a Rust type alias (`pub type Name = Target;`), so it adds a name and docs but no wrapper.
    Alias(TypeRef),
}

/// A struct model.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// The fields, in the order the spec lists the properties.
    pub fields: Vec<Field>,
    /// Whether every field's type implements `Default`, so the struct can derive it.
    pub derive_default: bool,
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
    /// Whether the value (possibly through aliases) is an exact decimal that needs the
    /// arbitrary-precision serde helpers.
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

/// The Rust integer type of an integer enumeration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntegerRepr {
    /// `i32` (format `int32`).
    I32,
    /// `i64` (format `int64` or no format).
    I64,
}

/// One known code of an integer enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct IntegerVariant {
    /// The Rust variant name.
    pub rust_name: String,
    /// The code on the wire (fits the enum's `repr`).
    pub value: i64,
    /// The name from `x-enum-varnames`, verbatim.
    pub name: Option<String>,
    /// The text from `x-enum-descriptions`, verbatim.
    pub description: Option<String>,
    /// Rustdoc for the variant.
    pub docs: Docs,
}

/// A reference to a type, as used by fields, aliases, parameters and bodies.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    /// `boolean`.
    Bool,
    /// `integer` with format `int32`.
    I32,
    /// `integer` with format `int64`, or no or an unknown format.
    I64,
    /// `number` with format `float`.
    F32,
    /// `number` with format `double`, or no or an unknown format.
    F64,
    /// `number` with format `decimal`: an exact decimal.
    Decimal,
    /// `string`, including formats `date`, `uuid`, `byte` and unknown ones.
    String,
    /// `string` with format `date-time`: the runtime's lenient date-time.
    DateTime,
    /// Any JSON value (`{}` or a schema without a type).
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
    /// The Rust method name (snake_case of `operationId`, unique among operations).
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
    /// The JSON request body, if any.
    pub request_body: Option<Body>,
    /// The responses, in document order with `default` last.
    pub responses: Vec<Response>,
    /// Rustdoc from `summary` and `description`.
    pub docs: Docs,
    /// Every string-valued `x-*` vendor extension of the operation, sorted by key.
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

/// How the generated client calls an operation: which statuses decode into which type, what
/// it accepts, and whether a failed attempt may be sent again. Lowering decides all of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The type of the success body; `None` when no success response has a body.
    pub success_type: Option<TypeRef>,
    /// The statuses whose body is the success type.
    pub success: StatusSet,
    /// The type of the documented error bodies; `None` when no error response has a body.
    pub error_type: Option<TypeRef>,
    /// The documented error statuses whose body is the error type.
    pub errors: StatusSet,
    /// The `Accept` header to send.
    pub accept: String,
    /// Whether a failed attempt may be sent again.
    pub retry: RetryClass,
    /// The request-builder type's name, when the operation has optional parameters or an
    /// optional body (required inputs are method arguments, optional ones builder setters).
    pub builder: Option<String>,
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

/// One operation parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The Rust argument name (snake_case, unique in the operation).
    pub rust_name: String,
    /// The name on the wire.
    pub wire_name: String,
    /// Where the parameter goes.
    pub location: ParamLocation,
    /// Whether the parameter must be given (always true for path parameters).
    pub required: bool,
    /// The value type.
    pub ty: TypeRef,
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
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The Rust argument name (`body` unless a parameter already has it).
    pub rust_name: String,
    /// The body's type.
    pub ty: TypeRef,
    /// Whether the body must be sent.
    pub required: bool,
    /// The media type to send, for example `application/json`.
    pub content_type: String,
    /// Rustdoc for the body argument.
    pub docs: Docs,
}

/// One documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The status the response applies to.
    pub status: Status,
    /// The type of the JSON body, if the response has one.
    pub ty: Option<TypeRef>,
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
