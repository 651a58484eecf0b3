//! The order in which an untagged union tries its variants: most specific first, since the
//! first variant that decodes wins.

use std::collections::BTreeSet;

use crate::ir::{IntegerRepr, Model, ModelKind, TypeRef};

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
            TypeRef::Vec(_) | TypeRef::Tuple(_) => (7, 0),
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
pub(super) fn order_untagged_variants(models: &mut [Model]) {
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
