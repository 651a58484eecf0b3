//! Cross-cutting checks over the lowered IR: rules that no single lowering step can see, or
//! that emitters rely on without re-checking. One function per rule, each saying why.
//! A failure of most rules means a generator bug, reported as an internal error; a
//! recursive type alias is a problem with the spec.

use std::collections::BTreeSet;

use crate::error::{Collector, Errors};
use crate::ir::{Api, Model, ModelId, ModelKind, Operation, ParamLocation, PathSegment, TypeRef};

/// Runs every rule and reports all failures together.
pub(crate) fn check_api(api: &Api) -> Result<(), Errors> {
    let mut errors = Collector::default();
    check_model_ids_resolve(api, &mut errors);
    check_models_sorted_and_unique(api, &mut errors);
    check_identifiers_are_valid(api, &mut errors);
    check_struct_fields_unique(api, &mut errors);
    check_enum_variants_unique(api, &mut errors);
    check_operations_unique(api, &mut errors);
    check_operation_arguments(api, &mut errors);
    check_parameter_types(api, &mut errors);
    check_aliases_do_not_recurse(api, &mut errors);
    errors.finish(())
}

fn internal(errors: &mut Collector, at: &str, message: String) {
    errors.push(at, format!("internal error: {message}"));
}

/// Every type named anywhere in the API, with the pointer of its owner.
fn all_types(api: &Api) -> Vec<(&str, &TypeRef)> {
    let mut types: Vec<(&str, &TypeRef)> = Vec::new();
    for model in &api.models {
        match &model.kind {
            ModelKind::Struct(structure) => types.extend(
                structure
                    .fields
                    .iter()
                    .map(|field| (model.pointer.as_str(), &field.ty)),
            ),
            ModelKind::Alias(target) => types.push((model.pointer.as_str(), target)),
            ModelKind::StringEnum(_) | ModelKind::IntegerEnum(_) => {}
        }
    }
    for operation in &api.operations {
        let at = operation.path_template.as_str();
        types.extend(operation.params.iter().map(|param| (at, &param.ty)));
        types.extend(operation.request_body.iter().map(|body| (at, &body.ty)));
        types.extend(
            operation
                .responses
                .iter()
                .filter_map(|response| response.ty.as_ref())
                .map(|ty| (at, ty)),
        );
    }
    types
}

fn model_ids(ty: &TypeRef, found: &mut Vec<ModelId>) {
    match ty {
        TypeRef::Model(id) => found.push(*id),
        TypeRef::Vec(inner) | TypeRef::Map(inner) => model_ids(inner, found),
        _ => {}
    }
}

/// Emitters look models up by `ModelId` as an index; an id out of range or a model whose own
/// id is not its index would make them emit the wrong type name.
fn check_model_ids_resolve(api: &Api, errors: &mut Collector) {
    for (index, model) in api.models.iter().enumerate() {
        if model.id != ModelId(index) {
            internal(
                errors,
                &model.pointer,
                format!(
                    "model `{}` at index {index} has id {:?}",
                    model.rust_name, model.id
                ),
            );
        }
    }
    for (at, ty) in all_types(api) {
        let mut ids = Vec::new();
        model_ids(ty, &mut ids);
        for id in ids.into_iter().filter(|id| id.0 >= api.models.len()) {
            internal(errors, at, format!("type refers to missing model {id:?}"));
        }
    }
}

/// Two models with one Rust name would be two items with one name in `models.rs`; sorted
/// order is what makes the output deterministic.
fn check_models_sorted_and_unique(api: &Api, errors: &mut Collector) {
    for pair in api.models.windows(2) {
        if let [left, right] = pair {
            if left.rust_name >= right.rust_name {
                internal(
                    errors,
                    &right.pointer,
                    format!(
                        "models `{}` and `{}` are not sorted and unique",
                        left.rust_name, right.rust_name
                    ),
                );
            }
        }
    }
}

/// Emitters turn names into identifiers without re-checking, and identifier constructors
/// panic on invalid input; every name must already be a valid (possibly raw) identifier.
fn check_identifiers_are_valid(api: &Api, errors: &mut Collector) {
    let mut names: Vec<(&str, &str)> = Vec::new();
    for model in &api.models {
        names.push((&model.pointer, &model.rust_name));
        match &model.kind {
            ModelKind::Struct(structure) => names.extend(
                structure
                    .fields
                    .iter()
                    .map(|field| (model.pointer.as_str(), field.rust_name.as_str())),
            ),
            ModelKind::StringEnum(string_enum) => {
                names.extend(
                    string_enum
                        .variants
                        .iter()
                        .map(|variant| (model.pointer.as_str(), variant.rust_name.as_str())),
                );
                names.push((&model.pointer, &string_enum.catch_all));
            }
            ModelKind::IntegerEnum(integer_enum) => {
                names.extend(
                    integer_enum
                        .variants
                        .iter()
                        .map(|variant| (model.pointer.as_str(), variant.rust_name.as_str())),
                );
                names.push((&model.pointer, &integer_enum.catch_all));
            }
            ModelKind::Alias(_) => {}
        }
    }
    for operation in &api.operations {
        names.push((&operation.path_template, &operation.rust_name));
        names.extend(
            operation
                .params
                .iter()
                .map(|param| (operation.path_template.as_str(), param.rust_name.as_str())),
        );
        names.extend(
            operation
                .request_body
                .iter()
                .map(|body| (operation.path_template.as_str(), body.rust_name.as_str())),
        );
    }
    for (at, name) in names {
        if syn::parse_str::<syn::Ident>(name).is_err() {
            internal(
                errors,
                at,
                format!("`{name}` is not a valid Rust identifier"),
            );
        }
    }
}

fn check_unique<'a>(
    errors: &mut Collector,
    at: &str,
    what: &str,
    names: impl Iterator<Item = &'a str>,
) {
    let mut seen = BTreeSet::new();
    for name in names {
        if !seen.insert(name) {
            internal(errors, at, format!("{what} `{name}` appears twice"));
        }
    }
}

/// Duplicate field names do not compile, and duplicate wire names would make serde reject
/// every payload.
fn check_struct_fields_unique(api: &Api, errors: &mut Collector) {
    for model in &api.models {
        if let ModelKind::Struct(structure) = &model.kind {
            check_unique(
                errors,
                &model.pointer,
                "field name",
                structure
                    .fields
                    .iter()
                    .map(|field| field.rust_name.as_str()),
            );
            check_unique(
                errors,
                &model.pointer,
                "wire name",
                structure
                    .fields
                    .iter()
                    .map(|field| field.wire_name.as_str()),
            );
        }
    }
}

/// Duplicate variants do not compile, and duplicate values would make `match` arms overlap.
fn check_enum_variants_unique(api: &Api, errors: &mut Collector) {
    for model in &api.models {
        match &model.kind {
            ModelKind::StringEnum(string_enum) => {
                let names = string_enum
                    .variants
                    .iter()
                    .map(|variant| variant.rust_name.as_str());
                check_unique(
                    errors,
                    &model.pointer,
                    "variant",
                    names.chain([string_enum.catch_all.as_str()]),
                );
                check_unique(
                    errors,
                    &model.pointer,
                    "value",
                    string_enum
                        .variants
                        .iter()
                        .map(|variant| variant.value.as_str()),
                );
            }
            ModelKind::IntegerEnum(integer_enum) => {
                let names = integer_enum
                    .variants
                    .iter()
                    .map(|variant| variant.rust_name.as_str());
                check_unique(
                    errors,
                    &model.pointer,
                    "variant",
                    names.chain([integer_enum.catch_all.as_str()]),
                );
                let values: Vec<String> = integer_enum
                    .variants
                    .iter()
                    .map(|variant| variant.value.to_string())
                    .collect();
                check_unique(
                    errors,
                    &model.pointer,
                    "value",
                    values.iter().map(String::as_str),
                );
            }
            ModelKind::Struct(_) | ModelKind::Alias(_) => {}
        }
    }
}

/// Operations become methods of one client type, so their names must differ.
fn check_operations_unique(api: &Api, errors: &mut Collector) {
    check_unique(
        errors,
        "#/paths",
        "operation",
        api.operations
            .iter()
            .map(|operation| operation.rust_name.as_str()),
    );
}

/// Parameters and the body become arguments of one method, so their names must differ, and
/// every path segment must point at a path parameter for the URL to be built.
fn check_operation_arguments(api: &Api, errors: &mut Collector) {
    for operation in &api.operations {
        let at = &operation.path_template;
        let arguments = operation
            .params
            .iter()
            .map(|param| param.rust_name.as_str());
        let body = operation
            .request_body
            .iter()
            .map(|body| body.rust_name.as_str());
        check_unique(errors, at, "argument", arguments.chain(body));
        check_path_segments(operation, errors);
    }
}

fn check_path_segments(operation: &Operation, errors: &mut Collector) {
    for segment in &operation.path {
        if let PathSegment::Param(index) = segment {
            let is_path_param = operation
                .params
                .get(*index)
                .is_some_and(|param| param.location == ParamLocation::Path);
            if !is_path_param {
                internal(
                    errors,
                    &operation.path_template,
                    format!("path segment {index} is not a path parameter"),
                );
            }
        }
    }
}

/// Rust type aliases are expanded eagerly, so an alias that names itself (even inside a
/// `Vec` or map) does not compile. Only a struct in the cycle would break it.
fn check_aliases_do_not_recurse(api: &Api, errors: &mut Collector) {
    for model in &api.models {
        if let ModelKind::Alias(target) = &model.kind {
            if alias_reaches(api, target, model.id, &mut BTreeSet::new()) {
                let message = format!(
                    "schema `{}` refers to itself only through references, arrays and maps; expected the cycle to pass through an object schema",
                    model.wire_name
                );
                errors.push(&model.pointer, message);
            }
        }
    }
}

fn alias_reaches(api: &Api, ty: &TypeRef, target: ModelId, seen: &mut BTreeSet<ModelId>) -> bool {
    let mut ids = Vec::new();
    model_ids(ty, &mut ids);
    ids.into_iter().any(|id| {
        if id == target {
            return true;
        }
        match api.models.get(id.0) {
            Some(Model {
                kind: ModelKind::Alias(inner),
                ..
            }) if seen.insert(id) => alias_reaches(api, inner, target, seen),
            _ => false,
        }
    })
}

/// A parameter travels as text. A scalar or an enum has one text form, and an array of them in
/// the query repeats the parameter (`form` style, exploded); an object or a map has no agreed
/// text form, so it is refused here rather than guessed at in the emitter.
fn check_parameter_types(api: &Api, errors: &mut Collector) {
    for operation in &api.operations {
        let at = crate::pointer::child(
            &crate::pointer::child("#/paths", &operation.path_template),
            &format!("{:?}", operation.method).to_ascii_lowercase(),
        );
        for param in &operation.params {
            let fits = match (&param.ty, param.location) {
                (TypeRef::Vec(items), ParamLocation::Query) => is_text_value(api, items),
                (ty, _) => is_text_value(api, ty),
            };
            if !fits {
                errors.push(
                    &at,
                    format!(
                        "unsupported construct: parameter `{}` of type {:?}; supported: a scalar, an enum, or (in the query) an array of those",
                        param.wire_name, param.ty
                    ),
                );
            }
        }
    }
}

/// Whether a value of `ty` has one text form: a scalar, an enum, or an alias of either.
fn is_text_value(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Model(id) => match api.models.get(id.0).map(|model| &model.kind) {
            Some(ModelKind::StringEnum(_) | ModelKind::IntegerEnum(_)) => true,
            Some(ModelKind::Alias(target)) => is_text_value(api, target),
            _ => false,
        },
        TypeRef::Json | TypeRef::Vec(_) | TypeRef::Map(_) => false,
        _ => true,
    }
}
