//! `cargo xtask fuzz --seconds N [--seed S] [--compile K]`: runs the generator's fuzzer
//! (`codegen_tests::fuzz`) for N seconds, compiles K sampled outputs (4 by default), prints
//! what it did, and fails when anything failed. `--out DIR` saves failures elsewhere than
//! `target/fuzz-failures/`; `--skip PATH` leaves out the seed files under PATH (relative to
//! the workspace). A failure, once fixed, is kept as a fixture in `tests/fixtures/hostile/`,
//! where it is a seed of every later run. Only flag parsing lives here.

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use codegen_tests::fuzz::{self, Config, Limit};

const USAGE: &str =
    "usage: cargo xtask fuzz --seconds N [--seed S] [--compile K] [--out DIR] [--skip PATH]...";

/// Parses the flags, runs the fuzzer and prints its summary.
pub fn run(arguments: &[&str]) -> Result<(), String> {
    let config = parse(arguments)?;
    eprintln!(
        "==> fuzz: seed {}, {:?}, compiling {}, failures to {}",
        config.seed,
        config.limit,
        config.compile,
        config.output_dir.display()
    );
    let summary = fuzz::run(&config)?;
    println!("{summary}");
    if summary.has_failures() {
        return Err(format!(
            "the fuzzer found {} distinct failure(s); minimised inputs are in {}",
            summary.saved.len(),
            summary.output_dir.display()
        ));
    }
    if let Some(problem) = summary.compile_problem {
        return Err(format!(
            "the sampled outputs could not be compiled: {problem}"
        ));
    }
    Ok(())
}

/// The run's configuration from the flags. Without `--seed` the seed comes from the clock,
/// so that successive runs explore different inputs; it is printed so a run can be repeated.
fn parse(arguments: &[&str]) -> Result<Config, String> {
    let mut seconds = None;
    let mut seed = None;
    let mut compile = 4;
    let mut output_dir = None;
    let mut skip_seeds = Vec::new();
    let mut rest = arguments.iter();
    while let Some(flag) = rest.next() {
        let mut value = || {
            rest.next()
                .ok_or_else(|| format!("{flag} needs a value\n\n{USAGE}"))
        };
        match *flag {
            "--seconds" => seconds = Some(number(flag, value()?)?),
            "--seed" => seed = Some(number(flag, value()?)?),
            "--compile" => compile = number(flag, value()?)? as usize,
            "--out" => output_dir = Some(PathBuf::from(value()?)),
            "--skip" => skip_seeds.push((*value()?).to_owned()),
            other => return Err(format!("unknown flag {other:?}\n\n{USAGE}")),
        }
    }
    let seconds = seconds.ok_or_else(|| format!("--seconds is required\n\n{USAGE}"))?;
    let seed = seed.unwrap_or_else(clock_seed);
    let mut config = Config::new(seed, Limit::Duration(Duration::from_secs(seconds)));
    config.compile = compile;
    config.progress = true;
    config.skip_seeds = skip_seeds;
    if let Some(output_dir) = output_dir {
        config.output_dir = output_dir;
    }
    Ok(config)
}

/// A flag's value as a number.
fn number(flag: &str, value: &str) -> Result<u64, String> {
    value
        .parse()
        .map_err(|_| format!("{flag} takes a non-negative whole number, not {value:?}"))
}

/// A seed from the clock's nanoseconds.
fn clock_seed() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos() as u64)
}
