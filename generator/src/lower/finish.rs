//! Step 4 of lowering: decisions that need every model (boxing, `Default`), then sorting.
//!
//! Models are created in discovery order; the IR promises them sorted by Rust name with
//! `ModelId(i)` indexing that order, so every id is renumbered here, in one place.

use std::collections::BTreeSet;

use super::info::ApiHeader;
use super::Lowerer;
use crate::error::Errors;
use crate::ir::{Api, Model, ModelId, ModelKind, Operation, TypeRef};

impl Lowerer<'_> {
    pub(super) fn finish(
        self,
        header: ApiHeader,
        operations: Vec<Operation>,
    ) -> Result<Api, Errors> {
        let Lowerer { errors, models, .. } = self;
        let lowered: Option<Vec<Model>> = models.into_iter().collect();
        let mut models = match lowered {
            Some(models) if errors.len() == 0 => models,
            // A model slot is left empty only when its lowering recorded an error.
            _ => return Err(errors.into_errors("a model was never lowered")),
        };
        decide_boxing(&mut models);
        decide_default(&mut models);
        let (models, operations) = sort_and_renumber(models, operations);
        Ok(Api {
            title: header.title,
            title_docs: header.title_docs,
            version: header.version,
            docs: header.docs,
            servers: header.servers,
            default_base_url: header.default_base_url,
            security_schemes: header.security_schemes,
            models,
            operations,
        })
    }
}

/// The model a type contains inline (not behind a `Vec` or map), if any.
fn inline_model(ty: &TypeRef) -> Option<ModelId> {
    match ty {
        TypeRef::Model(id) => Some(*id),
        _ => None,
    }
}

/// The models a model contains inline: its fields' types, or its alias target.
fn inline_children(model: &Model) -> Vec<ModelId> {
    match &model.kind {
        ModelKind::Struct(structure) => structure
            .fields
            .iter()
            .filter_map(|field| inline_model(&field.ty))
            .collect(),
        ModelKind::Alias(target) => inline_model(target).into_iter().collect(),
        ModelKind::StringEnum(_) | ModelKind::IntegerEnum(_) => Vec::new(),
    }
}

/// Whether `target` is contained inline, at any depth, in `start`.
fn contains_inline(models: &[Model], start: ModelId, target: ModelId) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![start];
    while let Some(id) = stack.pop() {
        if id == target {
            return true;
        }
        if seen.insert(id) {
            if let Some(model) = models.get(id.0) {
                stack.extend(inline_children(model));
            }
        }
    }
    false
}

/// A struct that contains itself inline would have infinite size, so a field whose type
/// leads back to its own struct is boxed.
fn decide_boxing(models: &mut [Model]) {
    let mut boxed: Vec<(usize, usize)> = Vec::new();
    for (model_index, model) in models.iter().enumerate() {
        if let ModelKind::Struct(structure) = &model.kind {
            for (field_index, field) in structure.fields.iter().enumerate() {
                let cycles = inline_model(&field.ty)
                    .is_some_and(|child| contains_inline(models, child, ModelId(model_index)));
                if cycles {
                    boxed.push((model_index, field_index));
                }
            }
        }
    }
    for (model_index, field_index) in boxed {
        if let Some(ModelKind::Struct(structure)) =
            models.get_mut(model_index).map(|model| &mut model.kind)
        {
            if let Some(field) = structure.fields.get_mut(field_index) {
                field.boxed = true;
            }
        }
    }
}

/// A struct derives `Default` when every field's type has a default: `Option` fields always,
/// other fields when their type does. Structs are assumed to derive it until a field proves
/// otherwise, repeated until nothing changes (the greatest fixed point, which handles cycles).
fn decide_default(models: &mut [Model]) {
    let mut derives: Vec<bool> = models
        .iter()
        .map(|model| matches!(model.kind, ModelKind::Struct(_)))
        .collect();
    loop {
        let mut changed = false;
        for (index, model) in models.iter().enumerate() {
            let ModelKind::Struct(structure) = &model.kind else {
                continue;
            };
            let all_default = structure.fields.iter().all(|field| {
                !field.required || field.nullable || has_default(models, &derives, &field.ty, 0)
            });
            if derives[index] && !all_default {
                derives[index] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (model, derive) in models.iter_mut().zip(derives) {
        if let ModelKind::Struct(structure) = &mut model.kind {
            structure.derive_default = derive;
        }
    }
}

/// Whether a type implements `Default`. The runtime date-time does not (there is no sensible
/// default instant), nor do enums (no value is a sensible default).
fn has_default(models: &[Model], derives: &[bool], ty: &TypeRef, depth: usize) -> bool {
    match ty {
        TypeRef::DateTime => false,
        TypeRef::Model(id) => match models.get(id.0).map(|model| &model.kind) {
            Some(ModelKind::Struct(_)) => derives.get(id.0).copied().unwrap_or(false),
            Some(ModelKind::Alias(target)) => {
                depth < models.len() && has_default(models, derives, target, depth + 1)
            }
            Some(ModelKind::StringEnum(_) | ModelKind::IntegerEnum(_)) | None => false,
        },
        TypeRef::Bool
        | TypeRef::I32
        | TypeRef::I64
        | TypeRef::F32
        | TypeRef::F64
        | TypeRef::Decimal
        | TypeRef::String
        | TypeRef::Json
        | TypeRef::Vec(_)
        | TypeRef::Map(_) => true,
    }
}

/// Sorts models by Rust name and operations by Rust name, renumbering every `ModelId`.
fn sort_and_renumber(
    models: Vec<Model>,
    mut operations: Vec<Operation>,
) -> (Vec<Model>, Vec<Operation>) {
    let mut order: Vec<usize> = (0..models.len()).collect();
    order.sort_by(|left, right| models[*left].rust_name.cmp(&models[*right].rust_name));
    let mut new_ids = vec![ModelId(0); models.len()];
    for (new_index, old_index) in order.iter().enumerate() {
        new_ids[*old_index] = ModelId(new_index);
    }
    let mut slots: Vec<Option<Model>> = models.into_iter().map(Some).collect();
    let mut sorted = Vec::with_capacity(slots.len());
    for (new_index, old_index) in order.into_iter().enumerate() {
        if let Some(mut model) = slots.get_mut(old_index).and_then(Option::take) {
            model.id = ModelId(new_index);
            renumber_model(&mut model, &new_ids);
            sorted.push(model);
        }
    }
    for operation in &mut operations {
        renumber_operation(operation, &new_ids);
    }
    operations.sort_by(|left, right| left.rust_name.cmp(&right.rust_name));
    (sorted, operations)
}

fn renumber_model(model: &mut Model, new_ids: &[ModelId]) {
    match &mut model.kind {
        ModelKind::Struct(structure) => {
            for field in &mut structure.fields {
                renumber(&mut field.ty, new_ids);
            }
        }
        ModelKind::Alias(target) => renumber(target, new_ids),
        ModelKind::StringEnum(_) | ModelKind::IntegerEnum(_) => {}
    }
}

fn renumber_operation(operation: &mut Operation, new_ids: &[ModelId]) {
    for param in &mut operation.params {
        renumber(&mut param.ty, new_ids);
    }
    if let Some(body) = &mut operation.request_body {
        renumber(&mut body.ty, new_ids);
    }
    for response in &mut operation.responses {
        if let Some(ty) = &mut response.ty {
            renumber(ty, new_ids);
        }
    }
    let call = &mut operation.call;
    for ty in [&mut call.success_type, &mut call.error_type]
        .into_iter()
        .flatten()
    {
        renumber(ty, new_ids);
    }
}

fn renumber(ty: &mut TypeRef, new_ids: &[ModelId]) {
    match ty {
        TypeRef::Model(id) => {
            if let Some(new_id) = new_ids.get(id.0) {
                *id = *new_id;
            }
        }
        TypeRef::Vec(inner) | TypeRef::Map(inner) => renumber(inner, new_ids),
        TypeRef::Bool
        | TypeRef::I32
        | TypeRef::I64
        | TypeRef::F32
        | TypeRef::F64
        | TypeRef::Decimal
        | TypeRef::String
        | TypeRef::DateTime
        | TypeRef::Json => {}
    }
}
