//! `cargo xtask test`: the whole test suite on a fresh machine. It installs the pinned Node
//! tools (Redocly CLI, Prism) when they are missing, then runs every check, tests last.

use crate::codegen::{self, workspace_root, Mode};
use crate::tools::{install_node_tools, run_command, step};
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
    // The runtime's mock server is compiled only with its `mock` feature, which nothing in
    // the workspace turns on for the runtime crate itself.
    cargo(
        &root,
        "clippy on the runtime's mock server (--features mock)",
        &[
            "clippy",
            "-p",
            "openapi-client-runtime",
            "--features",
            "mock",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )?;
    cargo(
        &root,
        "the runtime's mock server tests (--features mock)",
        &[
            "test",
            "-p",
            "openapi-client-runtime",
            "--features",
            "mock",
            "--lib",
            "mock",
        ],
        &[],
    )?;
    step(
        "the small public corpus (cargo xtask corpus --small)",
        || {
            crate::corpus::run(&crate::corpus::Selection {
                small: true,
                only: Vec::new(),
            })
        },
    )
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
