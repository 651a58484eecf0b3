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

/// The valid fixtures, sorted: `tests/fixtures/*.yaml`, `tests/fixtures/warnings/*.yaml`
/// (documents that generate, with warnings) and those of `tests/fixtures/hostile/*.yaml`
/// that generate.
pub fn fixtures() -> Vec<PathBuf> {
    let root = workspace_root().join("tests/fixtures");
    let mut paths: Vec<PathBuf> = [root.clone(), root.join("warnings"), root.join("hostile")]
        .iter()
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
    paths.retain(|path| {
        let hostile = path
            .parent()
            .is_some_and(|parent| parent.ends_with("hostile"));
        !hostile
            || std::fs::read_to_string(path).is_ok_and(|text| {
                generator::generate(&text, &generator::Settings::default()).is_ok()
            })
    });
    paths.sort();
    paths
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
