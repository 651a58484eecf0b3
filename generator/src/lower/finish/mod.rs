//! Step 4 of lowering: decisions that need every model, one file each, then sorting the
//! operations.
//!
//! - `newtypes.rs`: aliases that reach themselves through arrays or maps become newtypes.
//! - `graph.rs`: boxing (a field or variant that contains its own model inline) and
//!   `Default` (a struct derives it only when no field is required).
//! - `decimals.rs`: fields holding exact decimals go through the runtime's helpers.
//! - `ordering.rs`: the order in which an untagged union tries its variants.
//! - `envelope.rs`: the API's own error lists, and the crate's common error.
//!
//! Models keep the handle lowering gave them when it found them: nothing is renumbered, and
//! emitters list models by name. Every walk over the models keeps a set of models it has
//! seen, so no cycle can make it loop.

mod decimals;
mod envelope;
mod graph;
mod newtypes;
mod ordering;

use crate::error::{Errors, Warning};
use crate::ir::{Api, Model, Operation};
use crate::lower::info::ApiHeader;
use crate::lower::{Lowerer, TypingStats};

impl Lowerer<'_> {
    pub(in crate::lower) fn finish(
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
        for (at, message) in newtypes::decide_newtypes(&mut models) {
            errors.push(at, message);
        }
        graph::decide_boxing(&mut models);
        decimals::decide_exact_decimals(&mut models);
        graph::decide_default(&mut models);
        ordering::order_untagged_variants(&mut models);
        envelope::decide_error_lists(&mut models);
        // Models keep the handles lowering gave them (emitters list them by name); only the
        // operations, which no handle points to, are sorted.
        let mut operations = operations;
        operations.sort_by(|left, right| left.rust_name.cmp(&right.rust_name));
        let common_error = envelope::common_error(&operations);
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
