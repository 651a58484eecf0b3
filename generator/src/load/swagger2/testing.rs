//! Support for the upgrade's unit tests: a document upgraded from YAML text, its diagnostics
//! translated back to the input through the upgrade's layer (and each checked to name a place
//! the input has), and look-ups by pointer.

use serde_yaml::Value;

use super::refs::value_at;
use super::upgrade;
use crate::error::Collector;
use crate::load::origin::{FileId, Origins};

/// An upgraded document and what the upgrade reported, located in the input.
#[derive(Debug)]
pub(super) struct Upgraded {
    pub(super) document: Value,
    pub(super) origins: Origins,
    /// `(pointer in the input, message)` of each warning.
    pub(super) warnings: Vec<(String, String)>,
    /// `(pointer in the input, message)` of each error.
    pub(super) errors: Vec<(String, String)>,
}

impl Upgraded {
    /// The output's value at `pointer`.
    pub(super) fn at(&self, pointer: &str) -> Option<&Value> {
        value_at(&self.document, pointer)
    }

    /// The input pointer an output pointer stands for.
    pub(super) fn resolve(&self, pointer: &str) -> String {
        let (file, resolved) = self.origins.resolve(pointer);
        assert_eq!(file, FileId::ROOT, "{pointer}");
        resolved
    }
}

/// Parses YAML text, for expected values.
pub(super) fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).unwrap_or_else(|error| panic!("{error}:\n{text}"))
}

/// Upgrades the document `text`, checking that every diagnostic points into the input.
pub(super) fn upgrade_text(text: &str) -> Upgraded {
    let input = yaml(text);
    let mut problems = Collector::default();
    let (document, layer) = upgrade(input.clone(), &mut problems);
    let mut origins = Origins::default();
    origins.push(layer);
    let errors = problems.take_errors();
    let (_, warnings) = problems
        .finish_with_warnings(())
        .unwrap_or_else(|errors| panic!("{errors}"));
    let locate = |diagnostics: Vec<crate::error::Diagnostic>| -> Vec<(String, String)> {
        diagnostics
            .into_iter()
            .map(|diagnostic| {
                let (_, pointer) = origins.resolve(&diagnostic.pointer);
                assert!(
                    value_at(&input, &pointer).is_some(),
                    "`{}` (from `{}`) is not a place in the input: {}",
                    pointer,
                    diagnostic.pointer,
                    diagnostic.message
                );
                (pointer, diagnostic.message)
            })
            .collect()
    };
    let warnings = locate(warnings);
    let errors = locate(errors);
    Upgraded {
        document,
        origins,
        warnings,
        errors,
    }
}

/// The input with the usual head (`swagger`, `info`) before `rest`.
pub(super) fn document(rest: &str) -> String {
    format!("swagger: '2.0'\ninfo: {{title: t, version: '1'}}\n{rest}")
}
