//! The HTTP operations: parameters, bodies, responses, and how the client calls each one.

use super::{Docs, FeatureId, ModelId, SecurityRequirement, TypeRef};

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
    /// The string-valued `x-*` vendor extensions of the operation shown as they are (scopes
    /// and the like; the ones the settings label or hide are not here), sorted by key.
    pub extensions: Vec<(String, String)>,
    /// Whether the operation is deprecated.
    pub deprecated: bool,
    /// `tags`, in document order.
    pub tags: Vec<String>,
    /// The effective security: the operation's own, or the document's; empty means none.
    pub security: Vec<SecurityRequirement>,
    /// How the generated client calls the operation.
    pub call: Call,
    /// The cargo feature the operation is compiled under, when the crate is split by tag.
    pub feature: Option<FeatureId>,
    /// How the generated `mock` module expects and answers the operation.
    pub mock: MockPlan,
}

/// The operation's part of the generated `mock` module (the crate's `mock` feature),
/// decided in `lower/finish/mock.rs` once every operation is known.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MockPlan {
    /// The `mock::Server` method that starts an expectation of the operation: its client
    /// method's name, numbered when the server's own methods (`verify`, ...) have it.
    pub method: String,
    /// The expectation type's name, unique in the `mock` module (beside `Server`).
    pub expectation: String,
    /// The matcher method of each parameter outside the path: the index into
    /// [`Operation::params`] and the method's name (unique among the expectation's methods).
    pub matchers: Vec<(usize, String)>,
    /// The status `respond_ok` answers with: the first documented 2xx code, else 200.
    pub ok_status: u16,
    /// Whether the mock requires HTTP basic credentials: every security requirement of the
    /// operation names an HTTP `basic` scheme (the one kind the client's builder sends).
    pub basic_auth: bool,
}

/// A webhook (OpenAPI 3.1): a request the API sends to the user's server. The client sends
/// none, so only its payload type and docs are generated.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    /// The webhook's key in the document.
    pub name: String,
    /// The method the API sends it with.
    pub method: Method,
    /// The payload, if the document describes one.
    pub body: Option<Body>,
    /// Its summary and description.
    pub docs: Docs,
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
    /// The stream of server-sent events, when a success response is `text/event-stream`.
    pub events: Option<EventStream>,
    /// The stream of every item of every page, when the operation pages its results in a
    /// pattern the generator recognises.
    pub pages: Option<Pagination>,
}

/// How the client walks the pages of a paginated operation: a method returning a stream of
/// every item, fetching each next page when the items run out.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The stream method's name, `{name}_stream`, unique among the client's methods; on a
    /// request builder the method is `stream`.
    pub rust_name: String,
    /// How the next page is asked for.
    pub pattern: PagePattern,
    /// Where a page's items are.
    pub items: PageItems,
    /// The type of one item.
    pub item: TypeRef,
    /// The docs notes of the stream method: which pattern was found, and how it ends.
    pub docs: Docs,
}

/// Where a page's items are in its body.
#[derive(Debug, Clone, PartialEq)]
pub enum PageItems {
    /// The body is the array of items.
    Body,
    /// The items are the array field with this Rust name; `optional` when it is an `Option`.
    Field {
        /// The field's Rust name.
        rust_name: String,
        /// Whether the field is an `Option`.
        optional: bool,
    },
}

/// A field of a page's body that the next request reads.
#[derive(Debug, Clone, PartialEq)]
pub struct PageField {
    /// The field's Rust name.
    pub rust_name: String,
    /// Whether the field is an `Option` in Rust.
    pub optional: bool,
}

/// The pagination patterns the generator recognises.
#[derive(Debug, Clone, PartialEq)]
pub enum PagePattern {
    /// Stripe's: the query parameter (`starting_after`) is set to the `id` of the page's last
    /// item while `has_more` is true.
    AfterLastItem {
        /// The query parameter's wire name.
        param: String,
        /// The boolean field that says whether more pages follow.
        has_more: PageField,
        /// The string field of an item that is its id.
        id: PageField,
    },
    /// A cursor: the query parameter (`cursor`, `page_token`) is set to a string field of
    /// the page (`next_cursor`, `next_page_token`) until the page gives none.
    Cursor {
        /// The query parameter's wire name.
        param: String,
        /// The string field that holds the next cursor.
        next: PageField,
    },
    /// The `Link` header's `rel="next"` URL (GitHub's).
    LinkHeader,
    /// The next page's URL in a string field of the page (Azure's `nextLink`), fetched until
    /// the page gives none.
    NextUrl {
        /// The string field that holds the URL.
        next: PageField,
    },
    /// A page number: the query parameter (`page`) counts up until a page is empty.
    PageNumber {
        /// The query parameter's wire name.
        param: String,
    },
}

/// How the client reads an operation answered with server-sent events: a method returning
/// a stream of events, beside the plain method or instead of it.
#[derive(Debug, Clone, PartialEq)]
pub struct EventStream {
    /// The name of the stream method: the operation's own name when events are its only
    /// success body, otherwise `{name}_stream`, unique among the client's methods. On a
    /// request builder the method is `stream`.
    pub rust_name: String,
    /// Whether events are the operation's only success body, so that the stream method
    /// takes the plain method's place (a request builder keeps `.await`, whose body is the
    /// raw text).
    pub only: bool,
    /// What each event's data decodes into.
    pub data: EventData,
    /// The `Accept` header of the stream's request.
    pub accept: String,
    /// The docs notes of the stream method: where its event type comes from.
    pub docs: Docs,
}

/// What the data of each server-sent event decodes into.
#[derive(Debug, Clone, PartialEq)]
pub enum EventData {
    /// JSON of this type: OpenAPI 3.2's `itemSchema`, or the media type's `schema`.
    Json(TypeRef),
    /// The data as text, for events the document does not type.
    Text,
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
    /// Whether one variant may be 200 bytes or more larger than another, so that Clippy's
    /// `large_enum_variant` would flag the enum (decided in `lower/finish/sizes.rs`).
    pub large_variant: bool,
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
    /// `QUERY` (OpenAPI 3.2): safe, with a body.
    Query,
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
    /// For a form body, the properties whose arrays are sent as one comma-separated value
    /// rather than one pair per item (`encoding` with `explode: false`; Swagger 2.0's
    /// default `collectionFormat`), by wire name.
    pub unexploded: Vec<String>,
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
    /// `multipart/form-data` from this model (a [`super::ModelKind::MultipartForm`]).
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
    /// The event data of its `text/event-stream` entry, if it lists one.
    pub events: Option<EventData>,
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

impl ResponseBody {
    /// The type of a JSON body.
    pub fn json_type(&self) -> Option<&TypeRef> {
        match self {
            ResponseBody::Json(ty) => Some(ty),
            ResponseBody::Text | ResponseBody::Binary => None,
        }
    }
}
