//! `cargo xtask test`: the whole test suite on a fresh machine. It installs the pinned Node
//! tools (Redocly CLI, Prism) when they are missing, then runs every check, tests last.

use crate::codegen::{self, workspace_root, Mode};
use std::path::Path;
use std::process::Command;

/// The folder of the pinned Node tools, relative to the workspace root.
const TOOLS_DIR: &str = "tests/tools";

/// What to do when the surface snapshot changed.
const REVIEW_HINT: &str =
    "The API surface changed. If the change is intended, review and accept it \
with `cargo insta test -p codegen-tests --test api_surface --review` (cargo-insta: `cargo install \
cargo-insta --locked`), then run `cargo xtask codegen` and commit the spec, the .snap and \
generated/ together (README, \"Changing the spec\").";

/// Runs every step in order and stops at the first failure, naming it.
pub fn run() -> Result<(), String> {
    let root = workspace_root();
    install_node_tools(&root.join(TOOLS_DIR))?;
    // The review artefacts come first: after a spec edit, the maintainer sees the surface's
    // diff and the api-diff verdict, not only that `generated/` is stale.
    cargo(
        &root,
        "the API surface and warnings snapshots (tests/tests/api_surface.rs)",
        &["test", "-p", "codegen-tests", "--test", "api_surface"],
        &[("INSTA_UPDATE", "no")],
    )
    .map_err(|message| format!("{message}\n{REVIEW_HINT}"))?;
    step(
        "generated code is fresh (cargo xtask codegen --check)",
        || codegen::run(Mode::Check),
    )?;
    cargo(&root, "formatting", &["fmt", "--all", "--check"], &[])?;
    cargo(
        &root,
        "clippy",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )?;
    cargo(
        &root,
        "rustdoc",
        &["doc", "--workspace", "--no-deps"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    )?;
    // INSTA_UPDATE=no makes a changed snapshot a failure instead of a pending file.
    cargo(
        &root,
        "tests",
        &["test", "--workspace", "--no-fail-fast"],
        &[("INSTA_UPDATE", "no")],
    )?;
    step(
        "the small public corpus (cargo xtask corpus --small)",
        || crate::corpus::run(true),
    )
}

fn step(name: &str, body: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    eprintln!("==> {name}");
    body().map_err(|message| format!("step `{name}` failed:\n{message}"))
}

fn cargo(
    root: &Path,
    name: &str,
    arguments: &[&str],
    environment: &[(&str, &str)],
) -> Result<(), String> {
    step(name, || {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let mut command = Command::new(cargo);
        command.args(arguments).current_dir(root);
        for (key, value) in environment {
            command.env(key, value);
        }
        run_command(&mut command)
    })
}

fn run_command(command: &mut Command) -> Result<(), String> {
    let rendered = format!("{command:?}");
    let status = command
        .status()
        .map_err(|error| format!("cannot start {rendered}: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{rendered} exited with {status}"))
    }
}

/// Runs `npm ci` when `node_modules` is missing or older than the lock file.
pub fn install_node_tools(tools: &Path) -> Result<(), String> {
    let lock = tools.join("package-lock.json");
    let installed = tools.join("node_modules").join(".package-lock.json");
    let modified = |path: &Path| {
        std::fs::metadata(path)
            .and_then(|meta| meta.modified())
            .ok()
    };
    let fresh = matches!((modified(&installed), modified(&lock)), (Some(done), Some(wanted)) if done >= wanted);
    if fresh {
        return Ok(());
    }
    step("install Node test tools (npm ci)", || {
        run_command(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(tools),
        )
    })
}
