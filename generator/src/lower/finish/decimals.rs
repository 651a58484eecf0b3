//! Exact decimals: a field whose type holds a `decimal` (through aliases, arrays and maps) is
//! read and written through the runtime's exact-decimal helpers.

use std::collections::BTreeSet;

use crate::ir::{Model, ModelKind, TypeRef};

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
pub(super) fn decide_exact_decimals(models: &mut [Model]) {
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
