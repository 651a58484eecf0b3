//! Step 4 of lowering: decisions that need every model, one file each, then sorting the
//! operations.
//!
//! - `newtypes.rs`: aliases that reach themselves through arrays or maps become newtypes.
//! - `graph.rs`: boxing (a field or variant that contains its own model inline).
//! - `defaults.rs`: `Default` where nothing is required, a builder where something is.
//! - `decimals.rs`: fields holding exact decimals go through the runtime's helpers.
//! - `ordering.rs`: the order in which an untagged union tries its variants.
//! - `envelope.rs`: the API's own error lists, and the crate's common error.
//! - `sizes.rs`: which enums may have a variant far larger than another (Clippy's
//!   `large_enum_variant`).
//! - `tags.rs`: a struct used only as a tagged union's variant loses its tag field.
//! - `features.rs`: a big API's split into one cargo feature per tag.
//! - `mock.rs`: each operation's names and facts in the generated `mock` module.
//!
//! Models keep the handle lowering gave them when it found them: nothing is renumbered, and
//! emitters list models by name. Every walk over the models keeps a set of models it has
//! seen, so no cycle can make it loop.

mod decimals;
mod defaults;
mod envelope;
mod features;
mod graph;
mod mock;
mod newtypes;
mod ordering;
mod read_builders;
mod shapes;
mod sizes;
mod tags;

use crate::error::{Diagnostic, Errors};
use crate::ir::{Api, Model, Operation, Webhook};
use crate::lower::info::ApiHeader;
use crate::lower::{Lowerer, TypingStats};

impl Lowerer<'_> {
    pub(in crate::lower) fn finish(
        self,
        header: ApiHeader,
        operations: Vec<Operation>,
        webhooks: Vec<Webhook>,
    ) -> Result<(Api, Vec<Diagnostic>, TypingStats), Errors> {
        let Lowerer {
            mut errors,
            models,
            stats,
            feature_split,
            ..
        } = self;
        let lowered: Option<Vec<Model>> = models.into_iter().collect();
        let mut models = match lowered {
            Some(models) if errors.len() == 0 => models,
            // A model slot is left empty only when its lowering recorded an error.
            _ => return Err(errors.into_errors("a model was never lowered")),
        };
        for (at, message) in newtypes::decide_newtypes(&mut models) {
            errors.warn(at, message);
        }
        // Models keep the handles lowering gave them (emitters list them by name); only the
        // operations, which no handle points to, are sorted.
        let mut operations = operations;
        operations.sort_by(|left, right| left.rust_name.cmp(&right.rust_name));
        let mut api = Api {
            title: header.title,
            title_docs: header.title_docs,
            version: header.version,
            docs: header.docs,
            servers: header.servers,
            default_base_url: header.default_base_url,
            security_schemes: header.security_schemes,
            models,
            operations,
            webhooks,
            common_error: None,
            features: Vec::new(),
        };
        // Dropping a tag field comes first: the decisions after it read the fields that stay.
        tags::drop_owned_tags(&mut api);
        let models = &mut api.models;
        graph::decide_boxing(models);
        decimals::decide_exact_decimals(models);
        defaults::decide_construction(models);
        ordering::order_untagged_variants(models);
        envelope::decide_error_lists(models);
        sizes::decide_large_variants(&mut api);
        // After every decision a model's shape holds (boxing, builders, sizes), before the
        // ones that read which models an operation reaches.
        shapes::merge_repeated_shapes(&mut api.models);
        mock::decide_mock_plans(&mut api);
        api.common_error = envelope::common_error(&api.operations);
        // Last: the split reads the common error, which stays compiled whatever is enabled.
        features::decide_features(&mut api, feature_split);
        read_builders::decide_builder_gates(&mut api);
        errors
            .finish_with_warnings(api)
            .map(|(api, warnings)| (api, warnings, stats))
    }
}
