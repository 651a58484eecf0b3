//! `build-cost --progenitor`: the same document built as progenitor's crate, the same way, so
//! that the cost per operation can be compared from one run. `cargo-progenitor` is installed
//! here (into the bench's own folder, at a pinned version) and never by the test command.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{count_source, Cargo, Row};

/// The cargo-progenitor release the comparison is made with.
const VERSION: &str = "0.15.1";

/// Installs cargo-progenitor under `scratch/tools` unless it is there already, and returns the
/// binary's path.
fn install(scratch: &Path) -> Result<PathBuf, String> {
    let root = scratch.join("tools");
    let binary = root.join("bin/cargo-progenitor");
    if binary.is_file() {
        return Ok(binary);
    }
    eprintln!("==> build-cost: installing cargo-progenitor {VERSION}");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .args([
            "install",
            "cargo-progenitor",
            "--locked",
            "--version",
            VERSION,
        ])
        .arg("--root")
        .arg(&root)
        .env_remove("RUSTFLAGS")
        .status()
        .map_err(|error| format!("cannot run cargo install: {error}"))?;
    if !status.success() {
        return Err(format!("cargo install cargo-progenitor {VERSION} failed"));
    }
    Ok(binary)
}

/// Generates progenitor's crate for `document` and measures it like one of ours.
pub(super) fn measure(
    document: &Path,
    name: &str,
    scratch: &Path,
    target: &Path,
    operations: usize,
) -> Result<Row, String> {
    let binary = install(scratch)?;
    let crate_dir = scratch.join(format!("{name}-progenitor"));
    let package = format!("progenitor-{}", name.replace(['_', '.'], "-"));
    if crate_dir.exists() {
        std::fs::remove_dir_all(&crate_dir).map_err(|error| error.to_string())?;
    }
    let output = Command::new(&binary)
        .arg("progenitor")
        .arg("-i")
        .arg(document)
        .arg("-o")
        .arg(&crate_dir)
        .args(["-n", &package, "-v", "0.1.0"])
        .output()
        .map_err(|error| format!("cannot run cargo-progenitor: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo-progenitor refused {name}:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    // Progenitor's crate resolves its own dependencies; fetch them before the offline runs.
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let fetched = Command::new(cargo)
        .arg("fetch")
        .current_dir(&crate_dir)
        .status()
        .map_err(|error| format!("cannot run cargo fetch: {error}"))?;
    if !fetched.success() {
        return Err(format!("cargo fetch failed for {package}"));
    }
    let (lines, items) = count_source(&crate_dir.join("src"))?;
    let mut row = Row {
        name: format!("{name} (progenitor {VERSION})"),
        operations,
        lines,
        items,
        ..Row::default()
    };
    let cargo = Cargo {
        crate_dir: &crate_dir,
        target,
        package: &package,
        features: None,
    };
    super::measure_builds(&cargo, &crate_dir.join("src/lib.rs"), &mut row, true)?;
    Ok(row)
}

/// The line that says how the two compare: our CPU time per operation over progenitor's.
pub(super) fn ratio(ours: &Row, theirs: &Row) -> String {
    let per_operation =
        |row: &Row| row.debug.cpu.unwrap_or(row.debug.wall) / row.operations.max(1) as f64;
    format!(
        "{}: debug build CPU time per operation {:.0} ms here, {:.0} ms with progenitor: a ratio of {:.2}.",
        ours.name,
        1000.0 * per_operation(ours),
        1000.0 * per_operation(theirs),
        per_operation(ours) / per_operation(theirs),
    )
}
