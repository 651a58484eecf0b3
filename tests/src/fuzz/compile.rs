//! Compiles generated crates: each is written as a standalone crate under a scratch directory
//! with a copy of the workspace's `Cargo.lock`, and checked with `cargo check --offline`
//! against a target directory shared by all of them, so dependencies are built once.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::exec::{without_quoted, Failure, Kind};

/// How many lines of the compiler's output a failure keeps.
const KEPT_LINES: usize = 60;

/// Writes and checks generated crates.
pub struct Checker {
    /// Where the crates are written, one directory per check.
    crates: PathBuf,
    /// The shared `CARGO_TARGET_DIR`.
    target: PathBuf,
    /// The workspace's `Cargo.lock`, copied into each crate so that it builds offline with the
    /// versions the workspace tested.
    lock: PathBuf,
    /// How many crates have been written.
    written: usize,
}

impl Checker {
    /// A checker for the workspace at `root`, writing under `root/target`.
    pub fn new(root: &Path) -> Checker {
        Checker {
            crates: root.join("target/fuzz-crates"),
            target: root.join("target/fuzz-check"),
            lock: root.join("Cargo.lock"),
            written: 0,
        }
    }

    /// Writes `output` as a crate and checks it.
    ///
    /// # Errors
    ///
    /// `Err(Ok(failure))` when the crate does not compile; `Err(Err(message))` when it could
    /// not be written or Cargo could not run, which says nothing about the generator.
    pub fn check(&mut self, output: &generator::Output) -> Result<(), Result<Failure, String>> {
        let directory = self.crates.join(self.written.to_string());
        self.written += 1;
        if directory.exists() {
            std::fs::remove_dir_all(&directory)
                .map_err(|error| Err(format!("cannot empty {}: {error}", directory.display())))?;
        }
        generator::write_crate(&directory, &output.files, generator::Mode::Write)
            .map_err(|error| Err(error.to_string()))?;
        std::fs::copy(&self.lock, directory.join("Cargo.lock"))
            .map_err(|error| Err(format!("cannot copy Cargo.lock: {error}")))?;
        self.cargo_check(&directory)
    }

    /// Runs `cargo check --offline --quiet` in `directory`.
    fn cargo_check(&self, directory: &Path) -> Result<(), Result<Failure, String>> {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let output = Command::new(cargo)
            .args(["check", "--offline", "--quiet"])
            .current_dir(directory)
            .env("CARGO_TARGET_DIR", &self.target)
            .env_remove("RUSTFLAGS")
            .output()
            .map_err(|error| Err(format!("cannot run cargo: {error}")))?;
        if output.status.success() {
            return Ok(());
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        // Cargo says "could not compile" only when rustc refused the code; any other failure
        // (a missing crate offline, a broken lock file) is the environment's.
        if !stderr.contains("could not compile") {
            return Err(Err(format!(
                "cargo check failed in {} for a reason other than the code:\n{stderr}",
                directory.display()
            )));
        }
        let kept: Vec<&str> = stderr.lines().take(KEPT_LINES).collect();
        let first = stderr
            .lines()
            .find(|line| line.starts_with("error"))
            .unwrap_or("error");
        Err(Ok(Failure {
            kind: Kind::Compile,
            signature: compile_signature(first),
            message: format!(
                "the generated crate does not compile: {first} (in {})\n{}",
                directory.display(),
                kept.join("\n")
            ),
        }))
    }
}

/// The first compiler error's code (`error[E0428]`), or its message with quoted names removed.
fn compile_signature(first: &str) -> String {
    match first.split_once(']') {
        Some((code, _)) if first.starts_with("error[") => format!("compile {code}]"),
        _ => format!("compile {}", without_quoted(first)),
    }
}
