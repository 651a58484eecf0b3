//! Rust types as short text for the surface (`Option<Vec<Invoice>>`, `&str`): what a user
//! writes, without the module paths the generated code spells out.

use crate::ir::{Api, BodyKind, ModelKind, Outcome, ResponseBody, TypeRef};

/// The type as a user names it.
pub(super) fn type_text(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::Integer(repr) => repr.name().to_owned(),
        TypeRef::F64 => "f64".to_owned(),
        TypeRef::Decimal => "Decimal".to_owned(),
        TypeRef::String => "String".to_owned(),
        TypeRef::DateTime => "DateTime".to_owned(),
        TypeRef::Json => "Value".to_owned(),
        TypeRef::Vec(items) => format!("Vec<{}>", type_text(api, items)),
        TypeRef::Map(values) => format!("BTreeMap<String, {}>", type_text(api, values)),
        TypeRef::Tuple(items) => {
            let items: Vec<String> = items.iter().map(|item| type_text(api, item)).collect();
            format!("({})", items.join(", "))
        }
        TypeRef::Model(id) => api.model(*id).rust_name.clone(),
    }
}

/// The type of a body as its method takes it.
pub(super) fn body_text(api: &Api, kind: &BodyKind) -> String {
    match kind {
        BodyKind::Json(ty) => format!("json {}", type_text(api, ty)),
        BodyKind::Form(ty) => format!("form {}", type_text(api, ty)),
        BodyKind::Multipart(id) => format!("multipart {}", type_text(api, &TypeRef::Model(*id))),
        BodyKind::Text => "text String".to_owned(),
        BodyKind::Binary => "bytes Bytes".to_owned(),
    }
}

/// The type a response body decodes into.
pub(super) fn response_text(api: &Api, body: Option<&ResponseBody>) -> String {
    match body {
        None => "()".to_owned(),
        Some(ResponseBody::Json(ty)) => type_text(api, ty),
        Some(ResponseBody::Text) => "String".to_owned(),
        Some(ResponseBody::Binary) => "Bytes".to_owned(),
    }
}

/// The type a call's success or error decodes into.
pub(super) fn outcome_text(api: &Api, outcome: &Outcome, is_error: bool) -> String {
    match outcome {
        Outcome::Empty if is_error => "Value".to_owned(),
        Outcome::Empty => "()".to_owned(),
        Outcome::Single(body) => response_text(api, Some(body)),
        Outcome::ByStatus(status_enum) => status_enum.rust_name.clone(),
    }
}

/// A model's kind, in words.
pub(super) fn model_kind_text(api: &Api, kind: &ModelKind) -> String {
    match kind {
        ModelKind::Struct(structure) if structure.additional.is_some() => {
            "struct, with other properties".to_owned()
        }
        ModelKind::Struct(_) => "struct".to_owned(),
        ModelKind::StringEnum(_) => "string enum, open".to_owned(),
        ModelKind::IntegerEnum(integer_enum) => {
            format!("integer enum ({}), open", integer_enum.repr.name())
        }
        ModelKind::TaggedUnion(union) => format!("union tagged by `{}`", union.tag),
        ModelKind::UntaggedUnion(_) => "union".to_owned(),
        ModelKind::MultipartForm(_) => "multipart form".to_owned(),
        ModelKind::Alias(target) => format!("= {}", type_text(api, target)),
        ModelKind::Newtype(target) => format!("newtype of {}", type_text(api, target)),
    }
}

/// The type as a method takes it: scalars and enums by value, strings as `&str`, arrays as
/// slices, raw bytes as `Bytes`, everything else by reference.
pub(super) fn argument_text(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "&str".to_owned(),
        TypeRef::Vec(items) => format!("&[{}]", type_text(api, items)),
        TypeRef::Bool | TypeRef::Integer(_) | TypeRef::F64 | TypeRef::Decimal => type_text(api, ty),
        TypeRef::Model(id) => match &api.model(*id).kind {
            ModelKind::StringEnum(_) | ModelKind::IntegerEnum(_) => type_text(api, ty),
            _ => format!("&{}", type_text(api, ty)),
        },
        TypeRef::DateTime | TypeRef::Json | TypeRef::Map(_) | TypeRef::Tuple(_) => {
            format!("&{}", type_text(api, ty))
        }
    }
}

/// A body as its method takes it.
pub(super) fn body_argument_text(api: &Api, kind: &BodyKind) -> String {
    match kind {
        BodyKind::Json(ty) | BodyKind::Form(ty) => argument_text(api, ty),
        BodyKind::Multipart(id) => format!("&{}", type_text(api, &TypeRef::Model(*id))),
        BodyKind::Text => "&str".to_owned(),
        BodyKind::Binary => "Bytes".to_owned(),
    }
}
