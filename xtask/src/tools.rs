//! Running the steps of the automation: a named step, a command whose failure names it, and
//! the pinned Node tools that `test` and `corpus` install when missing.

use std::path::Path;
use std::process::Command;

/// Runs one named step, announcing it and naming it in its failure.
pub fn step(name: &str, body: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    eprintln!("==> {name}");
    body().map_err(|message| format!("step `{name}` failed:\n{message}"))
}

/// Runs a command to its end; its failure says which command and how it exited.
pub fn run_command(command: &mut Command) -> Result<(), String> {
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

/// Runs `npm ci` in `tools` when `node_modules` is missing or older than the lock file.
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
