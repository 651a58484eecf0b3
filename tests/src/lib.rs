//! Shared helpers of the workspace's tests: reading the seed pages, loading the spec as data,
//! checking JSON values against the spec's schemas, and the payments crate's settings and
//! review text (which `cargo xtask` uses too).
//!
//! The integration tests live in `tests/tests/`; this library keeps the logic they share, so
//! that the fidelity test and the example test judge values by one set of rules.

pub mod fidelity;
pub mod fuzz;
pub mod payments;
pub mod prism;
pub mod schema_check;
pub mod seeds;
pub mod structure;

use std::path::{Path, PathBuf};

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// The path of the spec, `spec/openapi.yaml`.
pub fn spec_path() -> PathBuf {
    workspace_root().join("spec").join("openapi.yaml")
}

/// Reads a file of the workspace, with a message naming it when that fails.
pub fn read_workspace_file(relative: &str) -> String {
    let path = workspace_root().join(relative);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// The spec as a JSON value, for the structural checks that follow `$ref`s by hand.
pub fn spec_value() -> serde_json::Value {
    let text = read_workspace_file("spec/openapi.yaml");
    serde_yaml::from_str(&text).unwrap_or_else(|error| panic!("spec/openapi.yaml: {error}"))
}
