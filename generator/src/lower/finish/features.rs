//! The split of a big API into cargo features: one per tag, gating that tag's operations and
//! the models only they reach.
//!
//! An operation belongs to the feature of its first tag (an operation listed under several
//! tags is compiled once, so it needs one home; the first tag is the one documentation tools
//! file it under), and an untagged one to `default-tag`. A model is gated when the
//! operations of exactly one feature reach it and nothing compiled always does: models
//! reached by several features, by a webhook or by the crate's common error stay
//! unconditional, and so does everything such a model reaches. Models no operation reaches
//! (components a document defines for its readers: GitHub's has thousands of webhook
//! payloads) go under `unused-models`, as if it were one more tag. So an enabled feature
//! never names a model that is compiled out, which `check.rs` verifies.

use std::collections::BTreeMap;

use crate::ir::walk::{for_each_model_type, for_each_type, Holder};
use crate::ir::{Api, Feature, FeatureGates, FeatureId, ModelId};
use crate::names;
use crate::settings::FeatureSplit;

/// Which features reach a model.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Reach {
    /// No operation yet.
    Unreached,
    /// The operations of one feature only.
    One(FeatureId),
    /// Several features, or something always compiled.
    Always,
}

impl Reach {
    fn join(self, feature: FeatureId) -> Reach {
        match self {
            Reach::Unreached => Reach::One(feature),
            Reach::One(known) if known == feature => self,
            Reach::One(_) | Reach::Always => Reach::Always,
        }
    }
}

/// Splits the API into features when `split` asks for it: assigns every operation a
/// feature, gates the models only one feature reaches, and notes the feature in each
/// operation's docs. A document whose operations would all land in one feature is left
/// whole unless the split was asked for by name (`--features-by tag`).
pub(super) fn decide_features(api: &mut Api, split: FeatureSplit) {
    if !split.splits(api.operations.len()) {
        return;
    }
    let homes: Vec<Option<String>> = api
        .operations
        .iter()
        .map(|operation| operation.tags.first().cloned())
        .collect();
    let mut tags: Vec<Option<&str>> = homes.iter().map(Option::as_deref).collect();
    tags.sort_unstable();
    tags.dedup();
    if tags.len() < 2 && split == FeatureSplit::Auto {
        return;
    }
    let (mut table, by_tag) = feature_table(&tags);
    for (operation, home) in api.operations.iter_mut().zip(&homes) {
        let id = by_tag[&home.as_deref()];
        operation.feature = Some(id);
        let feature = &mut table[id.0];
        feature.operations += 1;
        operation
            .docs
            .notes
            .push(format!("Needs the cargo feature `{}`.", feature.name));
    }
    api.features = table;
    gate_models(api);
}

/// The features, sorted by name so that `FeatureId(i)` is the `i`-th, and the feature of
/// each distinct home tag (`None` is the untagged operations' feature).
fn feature_table<'a>(
    tags: &[Option<&'a str>],
) -> (Vec<Feature>, BTreeMap<Option<&'a str>, FeatureId>) {
    let mut tagged = names::feature_names(tags.iter().flatten().copied()).into_iter();
    let mut named: Vec<(String, Option<&'a str>)> = tags
        .iter()
        .map(|tag| {
            let name = match tag {
                Some(_) => tagged
                    .next()
                    .expect("feature_names gives one name per tag it is given"),
                None => names::UNTAGGED_FEATURE.to_owned(),
            };
            (name, *tag)
        })
        .collect();
    named.sort();
    let by_tag = named
        .iter()
        .enumerate()
        .map(|(index, (_, tag))| (*tag, FeatureId(index)))
        .collect();
    let table = named
        .into_iter()
        .map(|(name, tag)| Feature {
            name,
            gates: tag.map_or(FeatureGates::Untagged, |tag| {
                FeatureGates::Tag(tag.to_owned())
            }),
            operations: 0,
            models: 0,
        })
        .collect();
    (table, by_tag)
}

/// Gates every model that the operations of one feature alone reach, and the models no
/// operation reaches.
fn gate_models(api: &mut Api) {
    let mut reach = vec![Reach::Unreached; api.models.len()];
    let mut always: Vec<ModelId> = Vec::new();
    for_each_type(api, &mut |holder, _, ty| match holder {
        Holder::Operation(index) => {
            let feature = api.operations[index]
                .feature
                .expect("every operation has a feature once the API is split");
            for id in ty.model_ids() {
                reach_from(api, &mut reach, id, feature);
            }
        }
        Holder::Webhook(_) | Holder::Api => always.extend(ty.model_ids()),
        Holder::Model(_) => {}
    });
    let unused: Vec<ModelId> = (0..reach.len())
        .filter(|index| reach[*index] == Reach::Unreached)
        .map(ModelId)
        .collect();
    if !unused.is_empty() {
        let feature = FeatureId(api.features.len());
        api.features.push(Feature {
            name: names::UNUSED_FEATURE.to_owned(),
            gates: FeatureGates::Unused,
            operations: 0,
            models: 0,
        });
        for id in unused {
            reach_from(api, &mut reach, id, feature);
        }
    }
    mark_always(api, &mut reach, always);
    for (model, reach) in api.models.iter_mut().zip(&reach) {
        if let Reach::One(feature) = reach {
            model.feature = Some(*feature);
            api.features[feature.0].models += 1;
        }
    }
}

/// Joins `feature` into the reach of `root` and of every model it reaches, stopping where
/// the feature is already known.
fn reach_from(api: &Api, reach: &mut [Reach], root: ModelId, feature: FeatureId) {
    let mut pending = vec![root];
    while let Some(id) = pending.pop() {
        let before = reach[id.0];
        let after = before.join(feature);
        if before == after {
            continue;
        }
        reach[id.0] = after;
        for_each_model_type(api.model(id), &mut |_, ty| pending.extend(ty.model_ids()));
    }
}

/// Marks the `roots` and every model they reach as always compiled.
fn mark_always(api: &Api, reach: &mut [Reach], roots: Vec<ModelId>) {
    let mut pending = roots;
    let mut seen = vec![false; reach.len()];
    while let Some(id) = pending.pop() {
        if std::mem::replace(&mut seen[id.0], true) {
            continue;
        }
        reach[id.0] = Reach::Always;
        for_each_model_type(api.model(id), &mut |_, ty| pending.extend(ty.model_ids()));
    }
}
