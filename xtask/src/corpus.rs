//! `cargo xtask corpus [--small] [--only ID,ID]`: generates a client for every document of the
//! public corpus (`tests/corpus/manifest.json`: OpenAPI 3.0, 3.1 and 3.2, Swagger 2.0, specs
//! split across files), checks that each crate compiles and is Clippy-clean on its own, and
//! prints a table: format, operations, schemas, warnings, how much is typed precisely, the
//! generation time and the compile result (for a crate split by tag, also with its first
//! tag's feature alone). `--small` takes only the documents the manifest
//! marks small (the default test command runs those); `--only` names documents by id.
//! Documents are read from their committed copy (a file, or a folder and its root file) or
//! from the pinned npm packages, installed on first use; every root file is checked against
//! the manifest's checksum.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::codegen::workspace_root;

/// Which documents to run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only the documents the manifest marks small.
    pub small: bool,
    /// Only these ids, when any are given.
    pub only: Vec<String>,
}

/// Parses `[--small] [--only ID,ID]`.
pub fn parse(arguments: &[&str]) -> Result<Selection, String> {
    let mut selection = Selection::default();
    let mut rest = arguments.iter();
    while let Some(argument) = rest.next() {
        match *argument {
            "--small" => selection.small = true,
            "--only" => {
                let ids = rest.next().ok_or("--only takes a list of document ids")?;
                selection.only.extend(ids.split(',').map(str::to_owned));
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(selection)
}

/// One document of the manifest.
#[derive(Debug, serde::Deserialize)]
struct Entry {
    id: String,
    package: String,
    path: String,
    /// The committed copy: the document, or the folder of a spec split across files.
    committed: Option<String>,
    /// The root file inside `committed`, for a spec split across files.
    root: Option<String>,
    /// Whether the test command's quick run takes it.
    small: bool,
    /// `openapi 3.1.0`, `swagger 2.0`, ...
    format: String,
    /// The checksum of the (root) file.
    sha256: String,
    /// The document's operations and `components.schemas`, counted when it was added; the
    /// checksum guarantees they still describe the bytes read.
    operations: usize,
    schemas: usize,
}

/// What happened to one document.
struct Outcome {
    id: String,
    format: String,
    kilobytes: usize,
    operations: usize,
    schemas: usize,
    warnings: usize,
    typed_percent: f64,
    generate: Duration,
    compile: Result<Duration, String>,
    /// For a crate split by tag: its first tag's feature, and the time to lint it alone.
    one_tag: Option<(String, Duration)>,
}

/// Runs the corpus; fails when any document does not generate or its crate does not compile.
pub fn run(selection: &Selection) -> Result<(), String> {
    let root = workspace_root();
    let corpus = root.join("tests/corpus");
    let manifest = std::fs::read_to_string(corpus.join("manifest.json"))
        .map_err(|error| format!("cannot read tests/corpus/manifest.json: {error}"))?;
    let entries: Vec<Entry> = serde_json::from_str(&manifest)
        .map_err(|error| format!("tests/corpus/manifest.json: {error}"))?;
    let entries: Vec<Entry> = entries
        .into_iter()
        .filter(|entry| !selection.small || entry.small)
        .filter(|entry| selection.only.is_empty() || selection.only.contains(&entry.id))
        .collect();
    if let Some(unknown) = selection
        .only
        .iter()
        .find(|id| !entries.iter().any(|entry| &entry.id == *id))
    {
        return Err(format!("no corpus document has the id `{unknown}`"));
    }
    if entries.iter().any(|entry| entry.committed.is_none()) {
        crate::tools::install_node_tools(&corpus)?;
    }
    let scratch = root.join("target/corpus");
    let mut outcomes = Vec::new();
    for entry in &entries {
        eprintln!("==> corpus: {}", entry.id);
        let outcome = run_entry(&root, &corpus, &scratch, entry);
        // Each row is printed as it is known too, so a run that is stopped part way (it takes
        // the better part of an hour) still leaves the results of the documents it finished.
        eprintln!("{}", row(&outcome));
        if let Err(message) = &outcome.compile {
            eprintln!("{message}");
        }
        outcomes.push(outcome);
    }
    println!("{}", table(&outcomes));
    let failed: Vec<&str> = outcomes
        .iter()
        .filter(|outcome| outcome.compile.is_err())
        .map(|outcome| outcome.id.as_str())
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        for outcome in &outcomes {
            if let Err(message) = &outcome.compile {
                eprintln!("{}:\n{message}\n", outcome.id);
            }
        }
        Err(format!(
            "the crates of {} do not compile cleanly",
            failed.join(", ")
        ))
    }
}

/// The path of the corpus document `id`'s (root) file, checked against its checksum; the npm
/// packages are installed first when it comes from one.
pub fn document_path_by_id(id: &str) -> Result<PathBuf, String> {
    let corpus = workspace_root().join("tests/corpus");
    let manifest = std::fs::read_to_string(corpus.join("manifest.json"))
        .map_err(|error| format!("cannot read tests/corpus/manifest.json: {error}"))?;
    let entries: Vec<Entry> = serde_json::from_str(&manifest)
        .map_err(|error| format!("tests/corpus/manifest.json: {error}"))?;
    let entry = entries
        .into_iter()
        .find(|entry| entry.id == id)
        .ok_or_else(|| format!("`{id}` is neither a file nor a corpus document id"))?;
    if entry.committed.is_none() {
        crate::tools::install_node_tools(&corpus)?;
    }
    document_path(&corpus, &entry)
}

/// The path of the document's (root) file, checked against the manifest's checksum.
fn document_path(corpus: &Path, entry: &Entry) -> Result<PathBuf, String> {
    let path = match (&entry.committed, &entry.root) {
        (Some(committed), Some(root)) => workspace_root().join(committed).join(root),
        (Some(committed), None) => workspace_root().join(committed),
        (None, _) => {
            let package = entry
                .package
                .rsplit_once('@')
                .map_or(entry.package.as_str(), |(name, _)| name);
            corpus.join("node_modules").join(package).join(&entry.path)
        }
    };
    let bytes =
        std::fs::read(&path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let digest: String = Sha256::digest(&bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    if digest != entry.sha256 {
        return Err(format!(
            "{} has sha256 {digest}, but the manifest says {}",
            path.display(),
            entry.sha256
        ));
    }
    Ok(path)
}

/// Generates, writes and lints one document's crate; a failure at any step is its outcome.
fn run_entry(root: &Path, corpus: &Path, scratch: &Path, entry: &Entry) -> Outcome {
    let mut outcome = Outcome {
        id: entry.id.clone(),
        format: entry.format.clone(),
        kilobytes: 0,
        operations: entry.operations,
        schemas: entry.schemas,
        warnings: 0,
        typed_percent: 0.0,
        generate: Duration::ZERO,
        compile: Err("not generated".to_owned()),
        one_tag: None,
    };
    let path = match document_path(corpus, entry) {
        Ok(path) => path,
        Err(message) => {
            outcome.compile = Err(message);
            return outcome;
        }
    };
    outcome.kilobytes = std::fs::metadata(&path).map_or(0, |meta| meta.len() as usize / 1024);
    // A spec split across files may reach up out of its root's folder, but not out of its
    // own committed tree.
    let settings = generator::Settings::default()
        .with_refs_outside_root(entry.root.is_some())
        .with_crate_name(format!("corpus-{}", entry.id.replace('.', "-")))
        .with_source_name(format!("{}/{}", entry.package, entry.path))
        .with_command("cargo xtask corpus");
    let started = Instant::now();
    let output = match generator::generate_path(&path, &settings) {
        Ok(output) => output,
        Err(errors) => {
            outcome.compile = Err(format!("does not generate:\n{errors}"));
            return outcome;
        }
    };
    outcome.generate = started.elapsed();
    outcome.warnings = output.warnings.len();
    let stats = output.stats;
    outcome.typed_percent = if stats.schemas == 0 {
        100.0
    } else {
        100.0 * (stats.schemas - stats.degraded) as f64 / stats.schemas as f64
    };
    let crate_dir = scratch.join(&entry.id);
    let written = generator::write_crate(&crate_dir, &output.files, generator::Mode::Write)
        .map_err(|error| error.to_string())
        .and_then(|_| {
            std::fs::copy(root.join("Cargo.lock"), crate_dir.join("Cargo.lock"))
                .map_err(|error| format!("cannot copy Cargo.lock: {error}"))
        });
    let started = Instant::now();
    let target = root.join("target/corpus-target");
    outcome.compile = written
        .and_then(|_| clippy(&crate_dir, &target, &["--features", "mock"]))
        .map(|()| started.elapsed());
    if outcome.compile.is_ok() {
        if let Some(feature) = output.tag_features.first().cloned() {
            let started = Instant::now();
            let features = format!("{feature},rustls-ring");
            // Without `mock`: what a user who picks one tag compiles, without the builders
            // of the models it only reads (the whole crate above is linted with them).
            let alone = ["--no-default-features", "--features", features.as_str()];
            match clippy(&crate_dir, &target, &alone) {
                Ok(()) => outcome.one_tag = Some((feature, started.elapsed())),
                Err(message) => {
                    outcome.compile = Err(format!("with only feature `{feature}`:\n{message}"));
                }
            }
        }
    }
    outcome
}

/// `cargo clippy -D warnings` with `features` (`--features mock` lints the generated mock
/// server too) on a crate outside the workspace; the error is the tail of its output.
fn clippy(crate_dir: &Path, target: &PathBuf, features: &[&str]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["clippy", "--offline", "--quiet"])
        .args(features)
        .args(["--", "-D", "warnings"])
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    Err(lines[lines.len().saturating_sub(40)..].join("\n"))
}

/// The Markdown table of every outcome, as the README keeps it.
fn table(outcomes: &[Outcome]) -> String {
    let mut lines = vec![
        "| document | format | KB | operations | schemas | warnings | typed | generate | clippy -D warnings |".to_owned(),
        "|---|---|---:|---:|---:|---:|---:|---:|---|".to_owned(),
    ];
    lines.extend(outcomes.iter().map(row));
    lines.join("\n")
}

/// One document's row of the table.
fn row(outcome: &Outcome) -> String {
    let compile = match (&outcome.compile, &outcome.one_tag) {
        (Ok(time), None) => format!("ok ({:.0} s)", time.as_secs_f64()),
        (Ok(time), Some((feature, alone))) => format!(
            "ok ({:.0} s; `{feature}` alone {:.0} s)",
            time.as_secs_f64(),
            alone.as_secs_f64()
        ),
        (Err(_), _) => "FAILED".to_owned(),
    };
    format!(
        "| {} | {} | {} | {} | {} | {} | {:.1}% | {:.0} ms | {compile} |",
        outcome.id,
        outcome.format,
        outcome.kilobytes,
        outcome.operations,
        outcome.schemas,
        outcome.warnings,
        outcome.typed_percent,
        outcome.generate.as_secs_f64() * 1000.0,
    )
}
