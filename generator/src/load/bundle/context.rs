//! What kind of object sits at each place of a document, as far as a `$ref` there is
//! concerned: a `$ref` in a schema position stands for a schema, one in a parameter list for a
//! parameter, and so on. The kind decides where a referenced part of another file is put in
//! the bundled document (which `components` section), and where a `$ref` is no reference at
//! all (inside an example or an extension, it is data).

use crate::load::version::Version;

/// The kind of object at a place of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// The document's root.
    Document,
    /// `components` (3.x).
    Components,
    /// A map of named objects of one kind (`components/schemas`, `properties`, `paths`).
    MapOf(Member),
    /// A list of objects of one kind (`parameters`, `allOf`).
    ListOf(Member),
    /// One object of a kind.
    One(Member),
    /// Example values, defaults, enums and extensions: a `$ref` there is data.
    Data,
    /// A place the walk does not know; `$ref`s under it are left as they are.
    Unknown,
}

/// The kinds of objects a `$ref` may stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Member {
    Schema,
    Parameter,
    RequestBody,
    Response,
    Header,
    Example,
    Link,
    Callback,
    PathItem,
    Operation,
    MediaType,
    SecurityScheme,
}

impl Member {
    /// The section of the bundled document where a referenced object of this kind is put
    /// under a name of its own, or `None` for the kinds written in place of the `$ref`
    /// instead (path items, operations, media types, and for Swagger 2.0 everything but
    /// schemas, parameters and responses).
    pub(super) fn section(self, version: Version) -> Option<&'static [&'static str]> {
        if version == Version::Swagger2 {
            return match self {
                Member::Schema => Some(&["definitions"]),
                Member::Parameter => Some(&["parameters"]),
                Member::Response => Some(&["responses"]),
                _ => None,
            };
        }
        Some(match self {
            Member::Schema => &["components", "schemas"],
            Member::Parameter => &["components", "parameters"],
            Member::RequestBody => &["components", "requestBodies"],
            Member::Response => &["components", "responses"],
            Member::Header => &["components", "headers"],
            Member::Example => &["components", "examples"],
            Member::Link => &["components", "links"],
            Member::Callback => &["components", "callbacks"],
            Member::SecurityScheme => &["components", "securitySchemes"],
            Member::PathItem | Member::Operation | Member::MediaType => return None,
        })
    }
}

/// The kind of the member `key` of a place of kind `kind`.
pub(super) fn child(kind: Kind, key: &str, version: Version) -> Kind {
    if key.starts_with("x-") {
        return Kind::Data;
    }
    match kind {
        Kind::Document => document_child(key, version),
        Kind::Components => match key {
            "schemas" => Kind::MapOf(Member::Schema),
            "parameters" => Kind::MapOf(Member::Parameter),
            "requestBodies" => Kind::MapOf(Member::RequestBody),
            "responses" => Kind::MapOf(Member::Response),
            "headers" => Kind::MapOf(Member::Header),
            "examples" => Kind::MapOf(Member::Example),
            "links" => Kind::MapOf(Member::Link),
            "callbacks" => Kind::MapOf(Member::Callback),
            "pathItems" => Kind::MapOf(Member::PathItem),
            "mediaTypes" => Kind::MapOf(Member::MediaType),
            "securitySchemes" => Kind::MapOf(Member::SecurityScheme),
            _ => Kind::Unknown,
        },
        Kind::MapOf(member) | Kind::ListOf(member) => Kind::One(member),
        Kind::One(member) => member_child(member, key),
        Kind::Data | Kind::Unknown => kind,
    }
}

fn document_child(key: &str, version: Version) -> Kind {
    match (key, version) {
        ("paths" | "webhooks", _) => Kind::MapOf(Member::PathItem),
        ("components", _) => Kind::Components,
        ("definitions", Version::Swagger2) => Kind::MapOf(Member::Schema),
        ("parameters", Version::Swagger2) => Kind::MapOf(Member::Parameter),
        ("responses", Version::Swagger2) => Kind::MapOf(Member::Response),
        ("securityDefinitions", Version::Swagger2) => Kind::MapOf(Member::SecurityScheme),
        _ => Kind::Unknown,
    }
}

fn member_child(member: Member, key: &str) -> Kind {
    match member {
        Member::Schema => schema_child(key),
        Member::PathItem => match key {
            "parameters" => Kind::ListOf(Member::Parameter),
            "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
            | "query" => Kind::One(Member::Operation),
            "additionalOperations" => Kind::MapOf(Member::Operation),
            _ => Kind::Unknown,
        },
        Member::Operation => match key {
            "parameters" => Kind::ListOf(Member::Parameter),
            "requestBody" => Kind::One(Member::RequestBody),
            "responses" => Kind::MapOf(Member::Response),
            "callbacks" => Kind::MapOf(Member::Callback),
            _ => Kind::Unknown,
        },
        Member::Callback => Kind::One(Member::PathItem),
        Member::Parameter | Member::Header => match key {
            "schema" | "items" => Kind::One(Member::Schema),
            "content" => Kind::MapOf(Member::MediaType),
            "examples" => Kind::MapOf(Member::Example),
            "example" | "default" | "enum" => Kind::Data,
            _ => Kind::Unknown,
        },
        Member::RequestBody => match key {
            "content" => Kind::MapOf(Member::MediaType),
            _ => Kind::Unknown,
        },
        Member::Response => match key {
            "content" => Kind::MapOf(Member::MediaType),
            "headers" => Kind::MapOf(Member::Header),
            "links" => Kind::MapOf(Member::Link),
            "schema" => Kind::One(Member::Schema),
            "examples" => Kind::Data,
            _ => Kind::Unknown,
        },
        Member::MediaType => match key {
            "schema" | "itemSchema" => Kind::One(Member::Schema),
            "examples" => Kind::MapOf(Member::Example),
            "example" => Kind::Data,
            _ => Kind::Unknown,
        },
        Member::Example => Kind::Data,
        Member::Link | Member::SecurityScheme => Kind::Unknown,
    }
}

fn schema_child(key: &str) -> Kind {
    match key {
        "properties" | "$defs" | "definitions" | "patternProperties" | "dependentSchemas" => {
            Kind::MapOf(Member::Schema)
        }
        "allOf" | "oneOf" | "anyOf" | "prefixItems" => Kind::ListOf(Member::Schema),
        "items"
        | "additionalProperties"
        | "not"
        | "if"
        | "then"
        | "else"
        | "contains"
        | "propertyNames"
        | "unevaluatedProperties"
        | "unevaluatedItems"
        | "additionalItems" => Kind::One(Member::Schema),
        _ => Kind::Data,
    }
}
