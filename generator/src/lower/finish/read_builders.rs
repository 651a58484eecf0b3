//! Which builders a crate split by features compiles only on request: those of the models no
//! request carries.
//!
//! A builder exists so that a required field is never filled in silently, which matters for
//! what a program sends. A model that only arrives (in a response, a webhook's payload, or
//! no operation at all) is read by a program and built only by its tests, to answer from a
//! mock server. In a big API those builders are most of the generated code (GitHub's, before
//! repeated shapes were merged: 539k of 1.07M lines, nearly all for response models), so a split crate compiles them under
//! `response-builders`, which `mock` turns on and `full` does not. A crate that is not split
//! is small enough to keep every builder.

use crate::ir::walk::{for_each_model_type, for_each_type, Holder, Slot};
use crate::ir::{Api, Feature, FeatureGates, FeatureId, ModelId};
use crate::names;

/// Gates the builder of every model that no request reaches, when the API is split.
pub(super) fn decide_builder_gates(api: &mut Api) {
    if api.features.is_empty() {
        return;
    }
    let sent = sent_models(api);
    let feature = FeatureId(api.features.len());
    let mut gated = 0;
    for model in &mut api.models {
        if sent[model.id.0] {
            continue;
        }
        if let Some(builder) = model.kind.builder_mut() {
            builder.feature = Some(feature);
            gated += 1;
        }
    }
    if gated > 0 {
        api.features.push(Feature {
            name: names::READ_BUILDERS_FEATURE.to_owned(),
            gates: FeatureGates::ReadBuilders,
            operations: 0,
            models: gated,
        });
    }
}

/// Whether each model (by handle) is reached from an operation's parameters or request
/// body, directly or through other models.
fn sent_models(api: &Api) -> Vec<bool> {
    let mut pending: Vec<ModelId> = Vec::new();
    for_each_type(api, &mut |holder, slot, ty| {
        let input = matches!(slot, Slot::Param | Slot::Body | Slot::MultipartBody);
        if input && matches!(holder, Holder::Operation(_)) {
            pending.extend(ty.model_ids());
        }
    });
    let mut sent = vec![false; api.models.len()];
    while let Some(id) = pending.pop() {
        if std::mem::replace(&mut sent[id.0], true) {
            continue;
        }
        for_each_model_type(api.model(id), &mut |_, ty| pending.extend(ty.model_ids()));
    }
    sent
}
