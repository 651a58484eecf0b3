//! Cross-cutting checks over the lowered IR: rules that no single lowering step can see, and
//! that emitters rely on without re-checking. One function per rule, each saying why. A
//! failure here means a generator bug, reported as an internal error with where it is, so
//! that it surfaces as a message rather than as code that does not compile.

use std::collections::BTreeSet;

use crate::error::{Collector, Errors};
use crate::ir::walk::{model_uses, Holder};
use crate::ir::{Api, ModelKind, Operation, Outcome, ParamLocation, PathSegment};

/// Runs every rule and reports all failures together.
pub(crate) fn check_api(api: &Api) -> Result<(), Errors> {
    let mut errors = Collector::default();
    check_model_ids_resolve(api, &mut errors);
    check_model_names_unique(api, &mut errors);
    check_identifiers_are_valid(api, &mut errors);
    check_member_names_unique(api, &mut errors);
    check_operations_unique(api, &mut errors);
    check_client_types_unique(api, &mut errors);
    check_mock_names_unique(api, &mut errors);
    check_operation_arguments(api, &mut errors);
    check_features_hold(api, &mut errors);
    errors.finish(())
}

fn internal(errors: &mut Collector, at: &str, message: String) {
    errors.push(at, format!("internal error: {message}"));
}

/// Emitters look models up by `ModelId` as an index; an id out of range or a model whose own
/// id is not its index would make them emit the wrong type name. Every handle is found by
/// the IR's one walk (`ir::walk`), so no kind of position is left unchecked.
fn check_model_ids_resolve(api: &Api, errors: &mut Collector) {
    let count = api.models.len();
    for (index, model) in api.models.iter().enumerate() {
        if model.id.0 != index {
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
    for (holder, _, id) in model_uses(api) {
        if id.0 >= count {
            let at = match holder {
                Holder::Model(owner) => api
                    .models
                    .get(owner.0)
                    .map_or("#", |model| model.pointer.as_str()),
                Holder::Operation(index) => api
                    .operations
                    .get(index)
                    .map_or("#", |operation| operation.path_template.as_str()),
                Holder::Webhook(index) => api
                    .webhooks
                    .get(index)
                    .map_or("#", |webhook| webhook.name.as_str()),
                Holder::Api => "#",
            };
            internal(errors, at, format!("type refers to missing model {id:?}"));
        }
    }
}

/// Two models with one Rust name would be two items with one name in `models.rs`.
fn check_model_names_unique(api: &Api, errors: &mut Collector) {
    let sorted = api.models_by_name();
    for pair in sorted.windows(2) {
        if let [left, right] = pair {
            if left.rust_name == right.rust_name {
                internal(
                    errors,
                    &right.pointer,
                    format!("two models are named `{}`", right.rust_name),
                );
            }
        }
    }
}

/// The names a model declares inside itself: fields, variants and the catch-all.
fn member_names(kind: &ModelKind) -> Vec<&str> {
    match kind {
        ModelKind::Struct(structure) => structure
            .fields
            .iter()
            .map(|field| field.rust_name.as_str())
            .chain(
                structure
                    .additional
                    .iter()
                    .map(|additional| additional.rust_name.as_str()),
            )
            .collect(),
        ModelKind::StringEnum(string_enum) => string_enum
            .variants
            .iter()
            .map(|variant| variant.rust_name.as_str())
            .chain([string_enum.catch_all.as_str()])
            .collect(),
        ModelKind::IntegerEnum(integer_enum) => integer_enum
            .variants
            .iter()
            .map(|variant| variant.rust_name.as_str())
            .chain([integer_enum.catch_all.as_str()])
            .collect(),
        ModelKind::TaggedUnion(union) => union
            .variants
            .iter()
            .map(|variant| variant.rust_name.as_str())
            .chain([union.catch_all.as_str()])
            .collect(),
        ModelKind::UntaggedUnion(union) => union
            .variants
            .iter()
            .map(|variant| variant.rust_name.as_str())
            .collect(),
        ModelKind::MultipartForm(form) => form
            .fields
            .iter()
            .map(|field| field.rust_name.as_str())
            .collect(),
        ModelKind::Alias(_) | ModelKind::Newtype(_) => Vec::new(),
    }
}

/// Emitters turn names into identifiers without re-checking, and identifier constructors
/// panic on invalid input; every name must already be a valid (possibly raw) identifier.
fn check_identifiers_are_valid(api: &Api, errors: &mut Collector) {
    let mut names: Vec<(&str, &str)> = Vec::new();
    for model in &api.models {
        names.push((&model.pointer, &model.rust_name));
        names.extend(
            member_names(&model.kind)
                .into_iter()
                .map(|name| (model.pointer.as_str(), name)),
        );
    }
    for operation in &api.operations {
        let at = operation.path_template.as_str();
        names.push((at, &operation.rust_name));
        names.extend(
            operation
                .params
                .iter()
                .map(|param| (at, param.rust_name.as_str())),
        );
        names.extend(
            operation
                .request_body
                .iter()
                .map(|body| (at, body.rust_name.as_str())),
        );
        names.extend(
            operation
                .call
                .builder
                .iter()
                .map(|builder| (at, builder.as_str())),
        );
        names.push((at, &operation.mock.method));
        names.push((at, &operation.mock.expectation));
        names.extend(
            operation
                .mock
                .matchers
                .iter()
                .map(|(_, matcher)| (at, matcher.as_str())),
        );
        for outcome in [&operation.call.success, &operation.call.error] {
            if let Outcome::ByStatus(status_enum) = outcome {
                names.push((at, &status_enum.rust_name));
                names.extend(
                    status_enum
                        .variants
                        .iter()
                        .map(|variant| (at, variant.rust_name.as_str())),
                );
            }
        }
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

/// Duplicate fields or variants do not compile; duplicate wire names or values would make
/// serde reject every payload or `match` arms overlap.
fn check_member_names_unique(api: &Api, errors: &mut Collector) {
    for model in &api.models {
        check_unique(
            errors,
            &model.pointer,
            "member",
            member_names(&model.kind).into_iter(),
        );
        match &model.kind {
            ModelKind::Struct(structure) => check_unique(
                errors,
                &model.pointer,
                "wire name",
                structure
                    .fields
                    .iter()
                    .map(|field| field.wire_name.as_str()),
            ),
            ModelKind::StringEnum(string_enum) => check_unique(
                errors,
                &model.pointer,
                "value",
                string_enum
                    .variants
                    .iter()
                    .map(|variant| variant.value.as_str()),
            ),
            ModelKind::IntegerEnum(integer_enum) => {
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
            _ => {}
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
    let reserved: Vec<&Operation> = api
        .operations
        .iter()
        .filter(|operation| crate::names::CLIENT_METHODS.contains(&operation.rust_name.as_str()))
        .collect();
    for operation in reserved {
        internal(
            errors,
            &operation.path_template,
            format!(
                "operation method `{}` collides with the client's own",
                operation.rust_name
            ),
        );
    }
}

/// Request builders and status enums live beside `Client` in the client module.
fn check_client_types_unique(api: &Api, errors: &mut Collector) {
    let mut names = vec!["Client"];
    for operation in &api.operations {
        names.extend(operation.call.builder.as_deref());
        for outcome in [&operation.call.success, &operation.call.error] {
            if let Outcome::ByStatus(status_enum) = outcome {
                names.push(&status_enum.rust_name);
            }
        }
    }
    check_unique(errors, "#/paths", "client type", names.into_iter());
}

/// The `mock` module holds `Server` and one expectation type per operation; `Server` has one
/// method per operation; each expectation has one matcher per parameter outside the path,
/// and each matcher names a parameter of its operation.
fn check_mock_names_unique(api: &Api, errors: &mut Collector) {
    let types = std::iter::once("Server").chain(
        api.operations
            .iter()
            .map(|operation| operation.mock.expectation.as_str()),
    );
    check_unique(errors, "#/paths", "mock type", types);
    check_unique(
        errors,
        "#/paths",
        "mock server method",
        api.operations
            .iter()
            .map(|operation| operation.mock.method.as_str()),
    );
    for operation in &api.operations {
        let matchers = &operation.mock.matchers;
        let at = &operation.path_template;
        check_unique(
            errors,
            at,
            "mock matcher",
            matchers.iter().map(|(_, name)| name.as_str()),
        );
        if matchers
            .iter()
            .any(|(index, _)| *index >= operation.params.len())
        {
            internal(errors, at, "a mock matcher names no parameter".to_owned());
        }
    }
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
        for segment in &operation.path {
            if let PathSegment::Param(index) = segment {
                let is_path_param = operation
                    .params
                    .get(*index)
                    .is_some_and(|param| param.location == ParamLocation::Path);
                if !is_path_param {
                    internal(
                        errors,
                        at,
                        format!("path segment {index} is not a path parameter"),
                    );
                }
            }
        }
    }
}

/// A model compiled only under one feature may be named only by items compiled under that
/// same feature; otherwise enabling another feature alone would name a type that is not
/// there. Every handle comes from the IR's one walk, so no position is left out.
fn check_features_hold(api: &Api, errors: &mut Collector) {
    let count = api.features.len();
    let gates = api
        .models
        .iter()
        .map(|model| (model.feature, model.pointer.as_str()))
        .chain(
            api.operations
                .iter()
                .map(|operation| (operation.feature, operation.path_template.as_str())),
        );
    let builder_gates = api.models.iter().filter_map(|model| {
        let builder = model.kind.builder()?;
        Some((builder.feature, model.pointer.as_str()))
    });
    for (feature, at) in gates.chain(builder_gates) {
        if feature.is_some_and(|feature| feature.0 >= count) {
            internal(errors, at, format!("gated by missing feature {feature:?}"));
        }
    }
    for (holder, _, id) in model_uses(api) {
        let Some(needed) = api.models.get(id.0).and_then(|model| model.feature) else {
            continue;
        };
        let (holder_feature, at) = match holder {
            Holder::Model(owner) => {
                let owner = api.model(owner);
                (owner.feature, owner.pointer.as_str())
            }
            Holder::Operation(index) => {
                let operation = &api.operations[index];
                (operation.feature, operation.path_template.as_str())
            }
            Holder::Webhook(_) | Holder::Api => (None, "#"),
        };
        if holder_feature != Some(needed) {
            internal(
                errors,
                at,
                format!(
                    "names model `{}`, gated by feature {needed:?}, from outside that feature",
                    api.model(id).rust_name
                ),
            );
        }
    }
}
