//! Step 4 of lowering: decisions that need every model, then sorting.
//!
//! - Boxing and `Default` (`graph.rs`): a struct field or union variant whose type contains
//!   its own model inline would have infinite size, so it is boxed.
//! - Newtypes: an alias that reaches itself through arrays and maps cannot be a Rust type
//!   alias (aliases expand eagerly), so it becomes a one-field tuple struct; one that reaches
//!   itself through nothing but references names no type at all, which is an error.
//! - Exact decimals: a field whose type holds a `decimal` (through aliases, arrays, maps) is
//!   read and written through the runtime's exact-decimal helpers.
//! - `Default`, and the order in which an untagged union tries its variants.
//!
//! Models are created in discovery order; the IR promises them sorted by Rust name with
//! `ModelId(i)` indexing that order, so every id is renumbered here, in one place. Every walk
//! over the models keeps a set of models it has seen, so no cycle can make it loop.

use std::collections::BTreeSet;

use super::info::ApiHeader;
use super::{Lowerer, TypingStats};
use crate::error::{Errors, Warning};
use crate::ir::{Api, IntegerRepr, Model, ModelId, ModelKind, Operation, TypeRef};

impl Lowerer<'_> {
    pub(super) fn finish(
        self,
        header: ApiHeader,
        operations: Vec<Operation>,
    ) -> Result<(Api, Vec<Warning>, TypingStats), Errors> {
        let Lowerer {
            mut errors,
            models,
            stats,
            ..
        } = self;
        let lowered: Option<Vec<Model>> = models.into_iter().collect();
        let mut models = match lowered {
            Some(models) if errors.len() == 0 => models,
            // A model slot is left empty only when its lowering recorded an error.
            _ => return Err(errors.into_errors("a model was never lowered")),
        };
        for (at, message) in decide_newtypes(&mut models) {
            errors.push(at, message);
        }
        super::graph::decide_boxing(&mut models);
        decide_exact_decimals(&mut models);
        super::graph::decide_default(&mut models);
        order_untagged_variants(&mut models);
        super::errors_envelope::decide_error_lists(&mut models);
        let (models, operations) = sort_and_renumber(models, operations);
        let common_error = super::errors_envelope::common_error(&operations);
        let api = Api {
            title: header.title,
            title_docs: header.title_docs,
            version: header.version,
            docs: header.docs,
            servers: header.servers,
            default_base_url: header.default_base_url,
            security_schemes: header.security_schemes,
            models,
            operations,
            common_error,
        };
        errors
            .finish_with_warnings(api)
            .map(|(api, warnings)| (api, warnings, stats))
    }
}

/// How an alias reaches itself: not at all, only through references (an error), or through
/// an array or a map (a newtype).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AliasCycle {
    None,
    ReferencesOnly,
    ThroughContainer,
}

/// Turns aliases that reach themselves through arrays or maps into newtypes; returns an error
/// for each alias that reaches itself through references alone.
fn decide_newtypes(models: &mut [Model]) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    let mut newtypes = Vec::new();
    for (index, model) in models.iter().enumerate() {
        let ModelKind::Alias(target) = &model.kind else {
            continue;
        };
        match alias_cycle(models, target, ModelId(index)) {
            AliasCycle::None => {}
            AliasCycle::ThroughContainer => newtypes.push(index),
            AliasCycle::ReferencesOnly => problems.push((
                model.pointer.clone(),
                format!(
                    "schema `{}` is only a reference to itself (through references alone), \
                     so it describes no value",
                    model.wire_name
                ),
            )),
        }
    }
    for index in newtypes {
        if let Some(model) = models.get_mut(index) {
            if let ModelKind::Alias(target) = &model.kind {
                model.kind = ModelKind::Newtype(target.clone());
            }
        }
    }
    problems
}

/// Whether the alias `start` is reached again from `ty` through alias expansions.
fn alias_cycle(models: &[Model], ty: &TypeRef, start: ModelId) -> AliasCycle {
    let mut seen = BTreeSet::new();
    // Each entry: a type to expand, and whether the way to it passed an array or a map.
    let mut pending: Vec<(&TypeRef, bool)> = vec![(ty, false)];
    let mut found = AliasCycle::None;
    while let Some((ty, contained)) = pending.pop() {
        match ty {
            TypeRef::Vec(inner) | TypeRef::Map(inner) => pending.push((inner, true)),
            TypeRef::Model(id) if *id == start => {
                if contained {
                    return AliasCycle::ThroughContainer;
                }
                found = AliasCycle::ReferencesOnly;
            }
            TypeRef::Model(id) => {
                if let Some(Model {
                    kind: ModelKind::Alias(inner),
                    ..
                }) = models.get(id.0)
                {
                    if seen.insert((*id, contained)) {
                        pending.push((inner, contained));
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// Whether a type holds an exact decimal, through aliases, arrays and maps.
fn holds_decimal(models: &[Model], ty: &TypeRef) -> bool {
    let mut seen = BTreeSet::new();
    let mut pending = vec![ty];
    while let Some(ty) = pending.pop() {
        match ty {
            TypeRef::Decimal => return true,
            TypeRef::Vec(inner) | TypeRef::Map(inner) => pending.push(inner),
            TypeRef::Model(id) if seen.insert(*id) => {
                if let Some(Model {
                    kind: ModelKind::Alias(inner),
                    ..
                }) = models.get(id.0)
                {
                    pending.push(inner);
                }
            }
            _ => {}
        }
    }
    false
}

/// Marks the fields that go through the runtime's exact-decimal helpers.
fn decide_exact_decimals(models: &mut [Model]) {
    let marks: Vec<(usize, Vec<bool>)> = models
        .iter()
        .enumerate()
        .filter_map(|(index, model)| match &model.kind {
            ModelKind::Struct(structure) => Some((
                index,
                structure
                    .fields
                    .iter()
                    .map(|field| holds_decimal(models, &field.ty))
                    .collect(),
            )),
            _ => None,
        })
        .collect();
    for (index, fields) in marks {
        if let Some(ModelKind::Struct(structure)) =
            models.get_mut(index).map(|model| &mut model.kind)
        {
            for (field, exact) in structure.fields.iter_mut().zip(fields) {
                field.exact_decimal = exact;
            }
        }
    }
}

/// How readily a variant of this type matches any value, lowest first: an untagged union
/// tries its variants in this order, so a string enum goes before a plain string, a struct
/// with more required fields before one with fewer, and any JSON value last. Equal ranks keep
/// document order.
fn specificity(models: &[Model], ty: &TypeRef) -> (u8, usize) {
    let mut seen = BTreeSet::new();
    let mut current = ty;
    loop {
        return match current {
            TypeRef::Bool => (0, 0),
            TypeRef::Integer(repr) => (2, usize::from(*repr == IntegerRepr::I64)),
            TypeRef::F64 | TypeRef::Decimal => (3, 0),
            TypeRef::DateTime => (5, 0),
            TypeRef::String => (6, 0),
            TypeRef::Vec(_) => (7, 0),
            TypeRef::Map(_) => (20, 0),
            TypeRef::Json => (30, 0),
            TypeRef::Model(id) => match models.get(id.0).map(|model| &model.kind) {
                Some(ModelKind::IntegerEnum(_)) => (1, 0),
                Some(ModelKind::StringEnum(_)) => (4, 0),
                Some(ModelKind::Struct(structure)) => {
                    let required = structure
                        .fields
                        .iter()
                        .filter(|field| field.required)
                        .count();
                    let missing = 1000usize.saturating_sub(required * 10 + structure.fields.len());
                    (10, missing)
                }
                Some(ModelKind::TaggedUnion(_)) => (9, 0),
                Some(ModelKind::UntaggedUnion(_)) => (11, 0),
                Some(ModelKind::Alias(target) | ModelKind::Newtype(target)) if seen.insert(*id) => {
                    current = target;
                    continue;
                }
                _ => (30, 0),
            },
        };
    }
}

/// Sorts every untagged union's variants by [`specificity`] (a stable sort).
fn order_untagged_variants(models: &mut [Model]) {
    let orders: Vec<(usize, Vec<usize>)> = models
        .iter()
        .enumerate()
        .filter_map(|(index, model)| match &model.kind {
            ModelKind::UntaggedUnion(union) => {
                let mut order: Vec<usize> = (0..union.variants.len()).collect();
                order.sort_by_key(|position| specificity(models, &union.variants[*position].ty));
                Some((index, order))
            }
            _ => None,
        })
        .collect();
    for (index, order) in orders {
        if let Some(ModelKind::UntaggedUnion(union)) =
            models.get_mut(index).map(|model| &mut model.kind)
        {
            let mut slots: Vec<Option<crate::ir::UntaggedVariant>> =
                union.variants.drain(..).map(Some).collect();
            union.variants = order
                .into_iter()
                .filter_map(|position| slots.get_mut(position).and_then(Option::take))
                .collect();
        }
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
    let mut renumber = |id: &mut ModelId| {
        if let Some(new_id) = new_ids.get(id.0) {
            *id = *new_id;
        }
    };
    let mut slots: Vec<Option<Model>> = models.into_iter().map(Some).collect();
    let mut sorted = Vec::with_capacity(slots.len());
    for (new_index, old_index) in order.into_iter().enumerate() {
        if let Some(mut model) = slots.get_mut(old_index).and_then(Option::take) {
            model.id = ModelId(new_index);
            for ty in model.kind.types_mut() {
                ty.for_each_model_mut(&mut renumber);
            }
            sorted.push(model);
        }
    }
    for operation in &mut operations {
        for ty in operation.types_mut() {
            ty.for_each_model_mut(&mut renumber);
        }
        for id in operation.model_handles_mut() {
            renumber(id);
        }
    }
    operations.sort_by(|left, right| left.rust_name.cmp(&right.rust_name));
    (sorted, operations)
}
