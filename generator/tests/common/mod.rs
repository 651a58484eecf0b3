//! Helpers shared by the generator's integration tests: the workspace's paths and running the
//! `openapi-client-gen` binary.

#![allow(dead_code)] // Each test binary uses a different part of this module.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root (the generator's parent directory).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The valid fixtures, sorted: `tests/fixtures/*.yaml`, those of the other versions
/// (`swagger2/`, `openapi31/`), `tests/fixtures/warnings/*.yaml` (documents that generate,
/// with warnings), the roots of the specs split across files (`multi/*/openapi.yaml`) and
/// those of `tests/fixtures/hostile/*.yaml` that generate.
pub fn fixtures() -> Vec<PathBuf> {
    let root = workspace_root().join("tests/fixtures");
    let folders = [
        root.clone(),
        root.join("swagger2"),
        root.join("openapi31"),
        root.join("warnings"),
        root.join("hostile"),
    ];
    let mut paths: Vec<PathBuf> = folders
        .iter()
        .filter(|directory| directory.is_dir())
        .flat_map(|directory| {
            std::fs::read_dir(directory)
                .unwrap_or_else(|error| panic!("cannot list {}: {error}", directory.display()))
        })
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml")
        })
        .collect();
    if let Ok(trees) = std::fs::read_dir(root.join("multi")) {
        paths.extend(
            trees
                .filter_map(Result::ok)
                .map(|tree| tree.path().join("openapi.yaml"))
                .filter(|path| path.exists()),
        );
    }
    paths.retain(|path| {
        let hostile = path
            .parent()
            .is_some_and(|parent| parent.ends_with("hostile"));
        !hostile || generator::generate_path(path, &generator::Settings::default()).is_ok()
    });
    paths.sort();
    paths
}

/// A crate name for a fixture, unique among them: its path under `tests/fixtures/`, in kebab
/// case (`fixture-multi-petstore-openapi`).
pub fn fixture_crate_name(fixture: &Path) -> String {
    let relative = fixture
        .strip_prefix(workspace_root().join("tests/fixtures"))
        .unwrap_or(fixture)
        .with_extension("");
    let words: Vec<String> = relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy().replace('_', "-"))
        .filter(|part| !matches!(part.as_str(), "warnings" | "hostile"))
        .collect();
    format!("fixture-{}", words.join("-"))
}

/// What a run of the binary gave.
pub struct Run {
    /// The exit status code (`-1` when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// Runs `openapi-client-gen` with `arguments` in `directory`.
pub fn run_tool(directory: &Path, arguments: &[&str]) -> Run {
    Command::new(env!("CARGO_BIN_EXE_openapi-client-gen"))
        .args(arguments)
        .current_dir(directory)
        .output()
        .expect("the binary starts")
        .into()
}

/// Runs cargo in a generated crate's directory, offline and with the shared target directory
/// `target/standalone`; returns the tail of its output on failure.
pub fn cargo(
    crate_dir: &Path,
    arguments: &[&str],
    rustdoc_flags: Option<&str>,
) -> Result<(), String> {
    cargo_with(crate_dir, arguments, rustdoc_flags, &[])
}

/// [`cargo`] with more environment variables set (a variable that changes what is compiled,
/// such as `RUSTC_BOOTSTRAP`, should come with a `CARGO_TARGET_DIR` of its own).
pub fn cargo_with(
    crate_dir: &Path,
    arguments: &[&str],
    rustdoc_flags: Option<&str>,
    environment: &[(&str, &str)],
) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    let (subcommand, rest) = arguments.split_first().ok_or("no cargo subcommand")?;
    command
        .arg(subcommand)
        .arg("--offline")
        .args(rest)
        .current_dir(crate_dir)
        .env(
            "CARGO_TARGET_DIR",
            workspace_root().join("target/standalone"),
        )
        // The outer `cargo test` may carry flags meant for this workspace.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("RUSTDOCFLAGS");
    if let Some(flags) = rustdoc_flags {
        command.env("RUSTDOCFLAGS", flags);
    }
    command.envs(environment.iter().copied());
    let output = command
        .output()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    if output.status.success() {
        Ok(())
    } else {
        // Test failures go to standard output, compiler errors to standard error.
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let lines: Vec<&str> = text.lines().collect();
        let tail = lines[lines.len().saturating_sub(60)..].join("\n");
        Err(format!("`cargo {}` failed:\n{tail}", arguments.join(" ")))
    }
}
