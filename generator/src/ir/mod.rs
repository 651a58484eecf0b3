//! The typed intermediate representation between the OpenAPI document and the emitted tokens.
//!
//! Everything here is plain data: no `TokenStream`, no `openapiv3` types. Lowering
//! (`crate::lower`) makes every decision (names, optionality, boxing, which type a value maps
//! to, where an input goes, the exact documentation text) and stores the result here;
//! emitters only read it. Collections are sorted, so iterating them is deterministic. Every
//! type derives `Debug` so tests can snapshot the IR before any tokens exist.
//!
//! The types are split by what they describe: `models` holds the named types made from
//! schemas, `operations` the HTTP operations and how the client calls them; the API, the
//! handles and the references between them live here.

mod models;
mod operations;
pub mod walk;

pub use models::*;
pub use operations::*;

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
    /// All named types, in the order lowering found them (document order); `ModelId(i)` is
    /// the index into this list and never changes once given, so no handle is ever
    /// renumbered. Emitters list them by name: [`Api::models_by_name`].
    pub models: Vec<Model>,
    /// All operations, sorted by `rust_name`.
    pub operations: Vec<Operation>,
    /// The webhooks (requests the API sends), sorted by name and method.
    pub webhooks: Vec<Webhook>,
    /// The error body every operation that documents one shares, the default of the crate's
    /// `Error` and `Result` aliases; `None` when they differ (the default is then any JSON
    /// value).
    pub common_error: Option<TypeRef>,
    /// The cargo features that gate parts of the API: the operations' features sorted by
    /// name, then the one of unused models if there are any; empty when the crate is not
    /// split (every operation and model is then always compiled). `FeatureId(i)` is the
    /// index into this list.
    pub features: Vec<Feature>,
}

/// A cargo feature of the generated crate that gates one tag's operations and the models
/// only they use.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// The feature's name in `Cargo.toml` and `cfg(feature = ...)`.
    pub name: String,
    /// What it gates.
    pub gates: FeatureGates,
    /// How many operations it gates.
    pub operations: usize,
    /// How many models it gates (for [`FeatureGates::ReadBuilders`], how many builders).
    pub models: usize,
}

/// What a feature gates.
#[derive(Debug, Clone, PartialEq)]
pub enum FeatureGates {
    /// The operations whose first tag this is, and the models only they use.
    Tag(String),
    /// The operations without a tag, and the models only they use.
    Untagged,
    /// The models no operation or webhook uses (a document may define schemas for its
    /// readers, such as the payloads of events it describes elsewhere).
    Unused,
    /// No models or operations, but the builders of the models no request carries
    /// (responses, webhook payloads, unused schemas): a program reads those, its tests build
    /// them. Not part of `full`; the `mock` feature turns it on.
    ReadBuilders,
}

/// A handle to a feature: the index of the feature in [`Api::features`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FeatureId(pub usize);

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
/// paragraph, in order; an item with neither gets no doc attribute at all.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Docs {
    /// The spec's title, summary and description; for items whose generated sentence says
    /// something their name does not (an inline type's position, a method's request), that
    /// sentence; otherwise empty.
    pub text: String,
    /// Further paragraphs, each a fact the item's type does not show, such as
    /// `Format: `uuid`.`, `Constraints: at least `1`.` or `Reconstructed: ...`.
    pub notes: Vec<String>,
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
    /// `prefixItems` without further items (OpenAPI 3.1): a tuple of these types, a JSON
    /// array on the wire.
    Tuple(Vec<TypeRef>),
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

impl Api {
    /// The models sorted by Rust name: the order `models.rs` lists them in.
    pub fn models_by_name(&self) -> Vec<&Model> {
        let mut sorted: Vec<&Model> = self.models.iter().collect();
        sorted.sort_by(|left, right| left.rust_name.cmp(&right.rust_name));
        sorted
    }

    /// The model a handle names. Lowering gives every handle a model and `check.rs` checks
    /// it, so a handle that names none is a bug in the generator.
    ///
    /// # Panics
    ///
    /// When `id` names no model, which `check.rs` rules out for every IR it passes.
    pub fn model(&self, id: ModelId) -> &Model {
        self.models
            .get(id.0)
            .expect("every ModelId in a checked IR names a model (check.rs)")
    }

    /// The feature a handle names.
    ///
    /// # Panics
    ///
    /// When `id` names no feature, which `check.rs` rules out for every IR it passes.
    pub fn feature(&self, id: FeatureId) -> &Feature {
        self.features
            .get(id.0)
            .expect("every FeatureId in a checked IR names a feature (check.rs)")
    }
}

impl TypeRef {
    /// Calls `visit` with every model handle inside the type, to change.
    pub fn for_each_model_mut(&mut self, visit: &mut impl FnMut(&mut ModelId)) {
        match self {
            TypeRef::Model(id) => visit(id),
            TypeRef::Vec(inner) | TypeRef::Map(inner) => inner.for_each_model_mut(visit),
            TypeRef::Tuple(items) => {
                for item in items {
                    item.for_each_model_mut(visit);
                }
            }
            TypeRef::Bool
            | TypeRef::Integer(_)
            | TypeRef::F64
            | TypeRef::Decimal
            | TypeRef::String
            | TypeRef::DateTime
            | TypeRef::Json => {}
        }
    }

    /// The models this type names, directly or inside arrays and maps.
    pub fn model_ids(&self) -> Vec<ModelId> {
        let mut found = Vec::new();
        let mut pending = vec![self];
        while let Some(ty) = pending.pop() {
            match ty {
                TypeRef::Model(id) => found.push(*id),
                TypeRef::Vec(inner) | TypeRef::Map(inner) => pending.push(inner),
                TypeRef::Tuple(items) => pending.extend(items),
                TypeRef::Bool
                | TypeRef::Integer(_)
                | TypeRef::F64
                | TypeRef::Decimal
                | TypeRef::String
                | TypeRef::DateTime
                | TypeRef::Json => {}
            }
        }
        found
    }
}
