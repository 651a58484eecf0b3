//! One Rust type for each shape a document repeats. Documents written by tools inline the
//! same schema again and again: GitHub's repeats the `read`/`write` permission enum 722
//! times and the same user object in every webhook payload, so 4,384 of its 7,019 models are
//! copies. Each copy becomes an alias of one model of the same shape (`pub type Copy =
//! Model;`), which keeps every name the document gives and every value interchangeable, and
//! compiles its derives and impls once instead of once per copy.
//!
//! Only schemas written inline are copies: a schema the document names (a component) keeps a
//! type of its own even when another has its shape, since the names say they mean different
//! things; an inline copy becomes an alias of the first named schema of its shape.
//!
//! Two models have the same shape when their kinds are equal once every model they name is
//! replaced by the model it became: fields, wire names, docs of fields and variants, boxing,
//! builders and all. Equality is refined to a fixed point, so two structs whose fields are
//! two copies of one enum merge once the enums have. Only the item's own docs may differ; the
//! alias keeps its own and says which type it is. The model kept is the one nearest the
//! top of the document (a named component before an inline schema), then by name.

use std::collections::HashMap;

use crate::ir::walk::for_each_kind_type_mut;
use crate::ir::{Model, ModelId, ModelKind, TypeRef};

/// Turns every copy of a shape into an alias of the model kept for it.
pub(super) fn merge_repeated_shapes(models: &mut [Model]) {
    let mut order: Vec<usize> = (0..models.len())
        .filter(|index| mergeable(&models[*index].kind))
        .collect();
    let rank = |index: usize| {
        let model = &models[index];
        (
            is_inline(model),
            model.pointer.matches('/').count(),
            &model.rust_name,
        )
    };
    order.sort_by(|left, right| rank(*left).cmp(&rank(*right)));
    let mut kept: Vec<usize> = (0..models.len()).collect();
    // Refining stops at the first round that changes nothing, since classes only ever grow;
    // the bound guards that promise rather than trusting it.
    for _ in 0..=models.len() {
        let mut changed = false;
        let mut first: HashMap<String, usize> = HashMap::new();
        for &index in &order {
            let key = shape_key(&models[index].kind, &kept);
            let target = *first.entry(key).or_insert(index);
            // A schema the document names is a type of its own even when another has its
            // shape: the names say they mean different things.
            if kept[index] != target && is_inline(&models[index]) {
                kept[index] = target;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for index in 0..models.len() {
        let target = root(&kept, index);
        if target == index {
            continue;
        }
        let note = format!(
            "The document gives this the shape of [`{}`], so it is that type.",
            models[target].rust_name
        );
        let copy = &mut models[index];
        copy.kind = ModelKind::Alias(TypeRef::Model(ModelId(target)));
        copy.docs.notes.push(note);
    }
}

/// The kinds worth merging: those that emit derives and impls. Aliases and newtypes are a
/// line each, and a multipart form is one operation's request.
fn mergeable(kind: &ModelKind) -> bool {
    matches!(
        kind,
        ModelKind::Struct(_)
            | ModelKind::StringEnum(_)
            | ModelKind::IntegerEnum(_)
            | ModelKind::TaggedUnion(_)
            | ModelKind::UntaggedUnion(_)
    )
}

/// Whether the model is a schema written inline (its wire name is the pointer to it), not one
/// the document names.
fn is_inline(model: &Model) -> bool {
    model.wire_name.starts_with('#')
}

/// The model `index` stands for now: `kept` followed to its end.
fn root(kept: &[usize], mut index: usize) -> usize {
    while kept[index] != index {
        index = kept[index];
    }
    index
}

/// The shape of a kind: its full `Debug` text once every model it names is replaced by the
/// model that one stands for.
fn shape_key(kind: &ModelKind, kept: &[usize]) -> String {
    let mut kind = kind.clone();
    for_each_kind_type_mut(&mut kind, &mut |ty| {
        ty.for_each_model_mut(&mut |id| *id = ModelId(root(kept, id.0)));
    });
    format!("{kind:?}")
}
