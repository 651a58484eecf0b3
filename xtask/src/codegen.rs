//! `cargo xtask codegen [--check]`: generates the `mykaarma-payments` crate in `generated/` from
//! `spec/openapi.yaml` through [`generator::run_generate`], the same library call as the
//! `openapi-client-gen` binary, with the settings `codegen_tests::payments` keeps: strictly (a
//! warning is an error: this spec stays fully typed) and without `API.md` (the surface is the
//! snapshot `tests/tests/snapshots/api_surface__payments_surface.snap`).

use std::path::{Path, PathBuf};

pub use codegen_tests::payments::{OUTPUT_DIR, SPEC};
pub use generator::Mode;

/// The workspace root: xtask lives one level below it.
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The request `cargo xtask codegen` makes, with paths under `root`.
pub fn request(root: &Path, mode: Mode) -> generator::GenerateRequest {
    generator::GenerateRequest {
        input: root.join(SPEC),
        output: root.join(OUTPUT_DIR),
        settings: codegen_tests::payments::settings(),
        mode,
    }
}

/// Generates from the spec and writes or checks every output file.
pub fn run(mode: Mode) -> Result<(), String> {
    let root = workspace_root();
    let summary = generator::run_generate(&request(&root, mode)).map_err(|error| {
        // Paths in messages are shown relative to the workspace root.
        error
            .to_string()
            .replace(&format!("{}/", root.display()), "")
    })?;
    for warning in &summary.warnings {
        eprintln!("warning: {warning}");
    }
    for path in &summary.report.changed {
        eprintln!("updated {OUTPUT_DIR}/{path}");
    }
    for path in &summary.report.orphaned {
        eprintln!("removed {OUTPUT_DIR}/{path} (no longer generated)");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The drift check as a test, so that a plain `cargo test` catches a stale `generated/`.
    #[test]
    fn generated_code_is_fresh() {
        if let Err(message) = run(Mode::Check) {
            panic!("{message}");
        }
    }
}
