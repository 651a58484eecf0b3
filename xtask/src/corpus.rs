//! `cargo xtask corpus [--small]`: generates a client for every document of the public corpus
//! (`tests/corpus/manifest.json`), checks that each crate compiles and is Clippy-clean on its
//! own, and prints a table: operations, schemas, warnings, how much is typed precisely, the
//! generation time and the compile result. `--small` takes only the documents committed in
//! `tests/corpus/small/` (the default test command runs those); the others are read from the
//! pinned npm packages, installed on first use.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::codegen::workspace_root;

/// One document of the manifest.
#[derive(Debug, serde::Deserialize)]
struct Entry {
    id: String,
    package: String,
    path: String,
    committed: Option<String>,
    sha256: String,
    /// The document's operations and `components.schemas`, counted when it was added; the
    /// checksum guarantees they still describe the bytes read.
    operations: usize,
    schemas: usize,
}

/// What happened to one document.
struct Outcome {
    id: String,
    kilobytes: usize,
    operations: usize,
    schemas: usize,
    warnings: usize,
    typed_percent: f64,
    generate: Duration,
    compile: Result<Duration, String>,
}

/// Runs the corpus; fails when any document does not generate or its crate does not compile.
pub fn run(small_only: bool) -> Result<(), String> {
    let root = workspace_root();
    let corpus = root.join("tests/corpus");
    let manifest = std::fs::read_to_string(corpus.join("manifest.json"))
        .map_err(|error| format!("cannot read tests/corpus/manifest.json: {error}"))?;
    let entries: Vec<Entry> = serde_json::from_str(&manifest)
        .map_err(|error| format!("tests/corpus/manifest.json: {error}"))?;
    let entries: Vec<Entry> = entries
        .into_iter()
        .filter(|entry| !small_only || entry.committed.is_some())
        .collect();
    if entries.iter().any(|entry| entry.committed.is_none()) {
        crate::tools::install_node_tools(&corpus)?;
    }
    let scratch = root.join("target/corpus");
    let mut outcomes = Vec::new();
    for entry in &entries {
        eprintln!("==> corpus: {}", entry.id);
        outcomes.push(run_entry(&root, &corpus, &scratch, entry)?);
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

/// The document's bytes, checked against the manifest's checksum.
fn read_document(corpus: &Path, entry: &Entry) -> Result<Vec<u8>, String> {
    let path = match &entry.committed {
        Some(committed) => workspace_root().join(committed),
        None => {
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
    Ok(bytes)
}

fn run_entry(root: &Path, corpus: &Path, scratch: &Path, entry: &Entry) -> Result<Outcome, String> {
    let bytes = read_document(corpus, entry)?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8", entry.id))?;
    let name = format!("corpus-{}", entry.id);
    let settings = generator::Settings::default()
        .with_crate_name(&name)
        .with_source_name(format!("{}/{}", entry.package, entry.path))
        .with_command("cargo xtask corpus");
    let started = Instant::now();
    let output = generator::generate(&text, &settings)
        .map_err(|errors| format!("{} does not generate:\n{errors}", entry.id))?;
    let generate = started.elapsed();
    let crate_dir = scratch.join(&entry.id);
    generator::write_crate(&crate_dir, &output.files, generator::Mode::Write)
        .map_err(|error| error.to_string())?;
    std::fs::copy(root.join("Cargo.lock"), crate_dir.join("Cargo.lock"))
        .map_err(|error| format!("cannot copy Cargo.lock: {error}"))?;
    let started = Instant::now();
    let compile =
        clippy(&crate_dir, &root.join("target/corpus-target")).map(|()| started.elapsed());
    let stats = output.stats;
    Ok(Outcome {
        id: entry.id.clone(),
        kilobytes: text.len() / 1024,
        operations: entry.operations,
        schemas: entry.schemas,
        warnings: output.warnings.len(),
        typed_percent: if stats.schemas == 0 {
            100.0
        } else {
            100.0 * (stats.schemas - stats.degraded) as f64 / stats.schemas as f64
        },
        generate,
        compile,
    })
}

/// `cargo clippy -D warnings` on a crate outside the workspace; the error is the tail of its
/// output.
fn clippy(crate_dir: &Path, target: &PathBuf) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["clippy", "--offline", "--quiet", "--", "-D", "warnings"])
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

fn table(outcomes: &[Outcome]) -> String {
    let mut lines = vec![
        "| document | KB | operations | schemas | warnings | typed | generate | clippy -D warnings |".to_owned(),
        "|---|---:|---:|---:|---:|---:|---:|---|".to_owned(),
    ];
    for outcome in outcomes {
        let compile = match &outcome.compile {
            Ok(time) => format!("ok ({:.0} s)", time.as_secs_f64()),
            Err(_) => "FAILED".to_owned(),
        };
        lines.push(format!(
            "| {} | {} | {} | {} | {} | {:.1}% | {:.0} ms | {compile} |",
            outcome.id,
            outcome.kilobytes,
            outcome.operations,
            outcome.schemas,
            outcome.warnings,
            outcome.typed_percent,
            outcome.generate.as_secs_f64() * 1000.0,
        ));
    }
    lines.join("\n")
}
