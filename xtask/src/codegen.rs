//! `cargo xtask codegen [--check]`: generates the `mykaarma-payments` crate in `generated/` from
//! `spec/openapi.yaml` through [`generator::run_generate`], the same library call as the
//! `openapi-client-gen` binary, strictly (a warning is an error: this spec stays fully typed).

use std::path::{Path, PathBuf};

/// The command that regenerates the output; generated files name it in their header.
pub const COMMAND: &str = "cargo xtask codegen";
/// The spec, relative to the workspace root; generated files name it in their header.
pub const SPEC: &str = "spec/openapi.yaml";
/// The generated crate's directory, relative to the workspace root.
pub const OUTPUT_DIR: &str = "generated";
/// The generated crate's package name.
pub const CRATE_NAME: &str = "mykaarma-payments";
/// The generated crate's version.
pub const CRATE_VERSION: &str = "0.1.0";

pub use generator::Mode;

/// The workspace root: xtask lives one level below it.
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The request `cargo xtask codegen` makes, with paths under `root`.
pub fn request(root: &Path, mode: Mode) -> generator::GenerateRequest {
    let settings = generator::Settings::default()
        .with_crate_name(CRATE_NAME)
        .with_crate_version(CRATE_VERSION)
        .with_source_name(SPEC)
        .with_command(COMMAND)
        .with_deny_warnings(true);
    generator::GenerateRequest {
        input: root.join(SPEC),
        output: root.join(OUTPUT_DIR),
        settings,
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
