//! Decisions about the API's own errors, made once every model exists: which structs carry
//! the common error envelope (an `errors` array of objects with a code or a message, which
//! then implement the runtime's `ApiErrors`, so a caller gets the codes and messages of an
//! error, or of a 2xx body that reports errors, in one call), and which error body the
//! operations share (the default of the crate's `Error` and `Result` aliases).

use crate::ir::{
    ErrorList, MessagePart, Model, ModelKind, Operation, Outcome, ResponseBody, Struct, TypeRef,
};

/// Marks every struct that carries the envelope.
pub(super) fn decide_error_lists(models: &mut [Model]) {
    let lists: Vec<(usize, ErrorList)> = models
        .iter()
        .enumerate()
        .filter_map(|(index, model)| match &model.kind {
            ModelKind::Struct(structure) => error_list(models, structure).map(|list| (index, list)),
            _ => None,
        })
        .collect();
    for (index, list) in lists {
        if let Some(ModelKind::Struct(structure)) =
            models.get_mut(index).map(|model| &mut model.kind)
        {
            structure.api_errors = Some(Box::new(list));
        }
    }
}

/// The envelope of a struct: a field named `errors` holding an array of structs with a
/// code or a message field of a type that has a text form.
fn error_list(models: &[Model], structure: &Struct) -> Option<ErrorList> {
    let field = structure
        .fields
        .iter()
        .find(|field| field.wire_name.eq_ignore_ascii_case("errors"))?;
    let TypeRef::Vec(items) = &field.ty else {
        return None;
    };
    let TypeRef::Model(id) = items.as_ref() else {
        return None;
    };
    let Some(ModelKind::Struct(item)) = models.get(id.0).map(|model| &model.kind) else {
        return None;
    };
    let part = |word: &str| {
        item.fields
            .iter()
            .find(|field| {
                field.wire_name.to_ascii_lowercase().contains(word)
                    && has_text_form(models, &field.ty)
            })
            .map(|field| MessagePart {
                rust_name: field.rust_name.clone(),
                optional: !field.required || field.nullable,
            })
    };
    let (code, message) = (part("code"), part("message"));
    if code.is_none() && message.is_none() {
        return None;
    }
    Some(ErrorList {
        field: field.rust_name.clone(),
        optional: !field.required || field.nullable,
        code,
        title: part("title"),
        message,
    })
}

/// Whether values of the type implement `Display`: scalars, strings, enums and any JSON value.
fn has_text_form(models: &[Model], ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Bool
        | TypeRef::Integer(_)
        | TypeRef::F64
        | TypeRef::Decimal
        | TypeRef::String
        | TypeRef::DateTime
        | TypeRef::Json => true,
        TypeRef::Model(id) => matches!(
            models.get(id.0).map(|model| &model.kind),
            Some(ModelKind::StringEnum(_) | ModelKind::IntegerEnum(_))
        ),
        TypeRef::Vec(_) | TypeRef::Tuple(_) | TypeRef::Map(_) => false,
    }
}

/// The JSON error body every operation that documents a single one shares, if there is
/// exactly one such body.
pub(super) fn common_error(operations: &[Operation]) -> Option<TypeRef> {
    let mut shared: Option<&TypeRef> = None;
    for operation in operations {
        // A model or any JSON value: the aliases live in the crate root, where only those
        // are in reach by a short path.
        if let Outcome::Single(ResponseBody::Json(ty @ (TypeRef::Model(_) | TypeRef::Json))) =
            &operation.call.error
        {
            match shared {
                None => shared = Some(ty),
                Some(existing) if existing == ty => {}
                Some(_) => return None,
            }
        }
    }
    shared.cloned()
}
