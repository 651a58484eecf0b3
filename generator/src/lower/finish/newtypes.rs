//! Newtypes: an alias that reaches itself through arrays and maps cannot be a Rust type alias
//! (aliases expand eagerly), so it becomes a one-field tuple struct; one that reaches itself
//! through nothing but references names no type at all: it is typed as any JSON value, with
//! a warning (the defect is confined to that schema).

use std::collections::BTreeSet;

use crate::ir::{Model, ModelId, ModelKind, TypeRef};

/// How an alias reaches itself: not at all, only through references (an error), or through
/// an array or a map (a newtype).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AliasCycle {
    None,
    ReferencesOnly,
    ThroughContainer,
}

/// Turns aliases that reach themselves through arrays or maps into newtypes, and those that
/// reach themselves through references alone into any JSON value; returns a warning for each
/// of the latter.
pub(super) fn decide_newtypes(models: &mut [Model]) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    let mut newtypes = Vec::new();
    let mut valueless = Vec::new();
    for (index, model) in models.iter().enumerate() {
        let ModelKind::Alias(target) = &model.kind else {
            continue;
        };
        match alias_cycle(models, target, ModelId(index)) {
            AliasCycle::None => {}
            AliasCycle::ThroughContainer => newtypes.push(index),
            AliasCycle::ReferencesOnly => {
                valueless.push(index);
                problems.push((
                    model.pointer.clone(),
                    format!(
                        "schema `{}` is only a reference to itself (through references alone), \
                         so it describes no value; it is typed as any JSON value \
                         (`serde_json::Value`)",
                        model.wire_name
                    ),
                ));
            }
        }
    }
    for index in valueless {
        if let Some(model) = models.get_mut(index) {
            model.kind = ModelKind::Alias(TypeRef::Json);
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
