//! `build-cost --passes`: where the compiler spends its time on a generated crate, from
//! rustc's own `-Z time-passes` report. That flag is unstable, so this bench (and nothing
//! else) sets `RUSTC_BOOTSTRAP=1` for the one `cargo rustc` run of the generated crate.

use std::process::Command;

use super::Cargo;

/// The passes worth naming, in the order rustc runs them. Passes nest (type checking runs
/// inside analysis), so the times do not add up to the whole.
const PASSES: &[&str] = &[
    "macro_expand_crate",
    "type_check_crate",
    "MIR_borrow_checking",
    "MIR_effect_checking",
    "lint_checking",
    "analysis",
    "monomorphization_collector_graph_walk",
    "codegen_crate",
    "LLVM_passes",
    "finish_ongoing_codegen",
    "incr_comp_persist_result_cache",
    "link",
    "total",
];

/// Compiles the crate once more (debug, after `cargo clean -p`) with `-Z time-passes` and
/// returns the named passes' seconds as Markdown lines.
pub(super) fn measure(cargo: &Cargo<'_>, name: &str) -> Result<String, String> {
    let program = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    cargo.run(&["clean", "--package", cargo.package], false)?;
    let mut command = Command::new(program);
    command.args(["rustc", "--offline", "--lib"]);
    if let Some(features) = cargo.features {
        command.args(["--no-default-features", "--features", features]);
    }
    let output = command
        .args(["--", "-Z", "time-passes"])
        .current_dir(cargo.crate_dir)
        .env("CARGO_TARGET_DIR", cargo.target)
        .env("RUSTC_BOOTSTRAP", "1")
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|error| format!("cannot run cargo rustc: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "`cargo rustc -Z time-passes` failed for {name}:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let report = String::from_utf8_lossy(&output.stderr);
    let mut lines = vec![format!(
        "Compiler passes of {name}'s crate (debug, `-Z time-passes`; nested, so they overlap):\n"
    )];
    lines.push("| pass | seconds |".to_owned());
    lines.push("|---|---:|".to_owned());
    for pass in PASSES {
        if let Some(seconds) = pass_seconds(&report, pass) {
            lines.push(format!("| `{pass}` | {seconds:.1} |"));
        }
    }
    Ok(lines.join("\n"))
}

/// The time of the last report line for `pass` (rustc prints `time: 1.234; rss: ... pass`).
fn pass_seconds(report: &str, pass: &str) -> Option<f64> {
    report.lines().rev().find_map(|line| {
        let rest = line.trim_start().strip_prefix("time:")?;
        if line.split_whitespace().last()? != pass {
            return None;
        }
        rest.split(';').next()?.trim().parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::pass_seconds;

    #[test]
    fn reads_the_seconds_of_a_named_pass() {
        let report = "time:   0.012; rss:   40MB ->   44MB (   +4MB)\tparse_crate\n\
                      time:  12.500; rss:   44MB -> 900MB ( +856MB)\tmacro_expand_crate\n";
        assert_eq!(pass_seconds(report, "macro_expand_crate"), Some(12.5));
        assert_eq!(pass_seconds(report, "parse_crate"), Some(0.012));
        assert_eq!(pass_seconds(report, "codegen_crate"), None);
    }
}
