//! `cargo xtask codegen [--check]`: runs the generator on the spec and writes (or checks)
//! `generated/src/`, through one write-or-check helper.

use std::path::{Path, PathBuf};

/// The command that regenerates the output; generated files name it in their header.
pub const COMMAND: &str = "cargo xtask codegen";
/// The spec, relative to the workspace root; generated files name it in their header.
pub const SPEC: &str = "spec/openapi.yaml";
/// Where the generated modules go, relative to the workspace root.
const OUTPUT_DIR: &str = "generated/src";
/// The first bytes of every file the generator writes, used to find stale generated files.
const GENERATED_MARKER: &str = "// @generated";

/// Whether to write the files or only compare them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Write every file whose contents changed.
    Write,
    /// Write nothing; fail naming every file that differs.
    Check,
}

/// The workspace root: xtask lives one level below it.
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Generates from the spec and writes or checks every output file.
pub fn run(mode: Mode) -> Result<(), String> {
    let root = workspace_root();
    let spec_path = root.join(SPEC);
    let spec = std::fs::read_to_string(&spec_path)
        .map_err(|error| format!("cannot read {}: {error}", spec_path.display()))?;
    let settings = generator::Settings::default()
        .with_source_name(SPEC)
        .with_command(COMMAND);
    let output =
        generator::generate(&spec, &settings).map_err(|errors| format!("{SPEC}:\n{errors}"))?;
    let output_dir = root.join(OUTPUT_DIR);
    let mut stale = Vec::new();
    for file in &output.files {
        let path = output_dir.join(&file.path);
        if ensure_file_contents(&path, &file.contents, mode)? {
            stale.push(relative(&root, &path));
        }
    }
    let expected: Vec<PathBuf> = output
        .files
        .iter()
        .map(|file| output_dir.join(&file.path))
        .collect();
    for orphan in orphaned_generated_files(&output_dir, &expected)? {
        if mode == Mode::Write {
            std::fs::remove_file(&orphan)
                .map_err(|error| format!("cannot remove {}: {error}", orphan.display()))?;
            eprintln!("removed {} (no longer generated)", relative(&root, &orphan));
        }
        stale.push(relative(&root, &orphan));
    }
    match (mode, stale.is_empty()) {
        (Mode::Check, false) => Err(format!(
            "generated code is stale: {}\nrun `{COMMAND}` and commit the result",
            stale.join(", ")
        )),
        _ => Ok(()),
    }
}

/// Makes `path` hold `contents` (or, in check mode, reports that it does not). Line endings
/// are compared after normalising CRLF, so a checkout with autocrlf is not "stale". Returns
/// whether the file differed. Unchanged files are not rewritten, which keeps mtimes and so
/// incremental builds intact.
pub fn ensure_file_contents(path: &Path, contents: &str, mode: Mode) -> Result<bool, String> {
    let current = std::fs::read_to_string(path).ok();
    if current
        .as_deref()
        .map(|text| text.replace("\r\n", "\n"))
        .as_deref()
        == Some(contents)
    {
        return Ok(false);
    }
    if mode == Mode::Write {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|error| format!("cannot create {}: {error}", parent.display()))?;
        }
        std::fs::write(path, contents)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
        eprintln!("updated {}", path.display());
    }
    Ok(true)
}

/// Files under `directory` that start with the generated marker but are not in `expected`.
fn orphaned_generated_files(
    directory: &Path,
    expected: &[PathBuf],
) -> Result<Vec<PathBuf>, String> {
    let entries = match std::fs::read_dir(directory) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(format!("cannot list {}: {error}", directory.display())),
    };
    let mut orphans = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let is_generated =
            std::fs::read_to_string(&path).is_ok_and(|text| text.starts_with(GENERATED_MARKER));
        if is_generated && !expected.contains(&path) {
            orphans.push(path);
        }
    }
    orphans.sort();
    Ok(orphans)
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
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

    #[test]
    fn check_mode_reports_and_writes_nothing() {
        let directory = std::env::temp_dir().join(format!("xtask-ensure-{}", std::process::id()));
        let path = directory.join("file.rs");
        assert!(ensure_file_contents(&path, "a\n", Mode::Check).unwrap());
        assert!(!path.exists(), "check mode wrote a file");
        assert!(ensure_file_contents(&path, "a\n", Mode::Write).unwrap());
        std::fs::write(&path, "a\r\n").unwrap();
        assert!(
            !ensure_file_contents(&path, "a\n", Mode::Check).unwrap(),
            "CRLF alone is not drift"
        );
        assert!(ensure_file_contents(&path, "b\n", Mode::Check).unwrap());
        std::fs::remove_dir_all(&directory).unwrap();
    }
}
