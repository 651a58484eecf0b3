//! A mutation-based fuzzer for the generator, on stable Rust with a seeded random source.
//!
//! Inputs are the workspace's fixtures and small corpus documents, mutated as value trees
//! (deleted, duplicated and renamed keys, values of the wrong kind, `$ref`s anywhere, schema
//! combinators and keywords, odd operations, deep nesting) and sometimes as raw text. Each
//! goes through `generator::generate`, which must not panic, must finish within the time
//! limit, must render files that parse as Rust, and must report errors that are located and
//! say something. A seeded sample of the successes is compiled with `cargo check`. Each new
//! failure is minimised and saved as `<kind>-<hash>.yaml`.
//!
//! `tests/tests/fuzz_short.rs` runs a fixed seed for a fixed number of inputs;
//! `cargo xtask fuzz --seconds N` runs for longer.

mod compile;
mod emit;
mod exec;
mod input;
mod minimize;
mod mutate;
mod operations;
mod palette;
mod raw;
mod rng;
mod run;
mod save;
mod schema;
mod tree;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub use emit::{render, Format};
pub use exec::{Executor, Failure, Kind, Outcome, QuietPanics};
pub use input::{load_seeds, Body, Input, Seed};
pub use raw::{RawKind, RawMutation};
pub use rng::{input_seed, Rng};
pub use tree::Node;

/// How long a run lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// A fixed number of inputs: the same result on any machine.
    Iterations(u64),
    /// A wall-clock duration, minimisation included (compilation at the end is not).
    Duration(Duration),
}

/// A run's settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// The run's seed: the same seed and limit give the same inputs.
    pub seed: u64,
    /// How long to run.
    pub limit: Limit,
    /// How many successful outputs to compile at the end.
    pub compile: usize,
    /// Where minimised failures are saved.
    pub output_dir: PathBuf,
    /// The longest one generation may take, for inputs made from small seeds.
    pub timeout: Duration,
    /// For a seed whose unmutated text takes longer than `timeout / timeout_factor`, its
    /// inputs may take this many times as long as it does instead, up to `timeout *
    /// timeout_factor` (see `run::limit_for`).
    pub timeout_factor: u32,
    /// The most executions spent minimising one failure.
    pub minimize_executions: usize,
    /// The most `cargo check`s spent minimising one compile failure.
    pub compile_minimize_executions: usize,
    /// The longest minimising one failure may take.
    pub minimize_time: Duration,
    /// Whether to print a progress line to standard error every ten seconds.
    pub progress: bool,
    /// Seed files to leave out, by the start of their path relative to the workspace (for
    /// example a fixture that reproduces a bug not fixed yet).
    pub skip_seeds: Vec<String>,
}

impl Config {
    /// A run of `limit` with `seed`, saving failures under `target/fuzz-failures/` and compiling
    /// nothing.
    pub fn new(seed: u64, limit: Limit) -> Config {
        Config {
            seed,
            limit,
            compile: 0,
            output_dir: crate::workspace_root().join("target/fuzz-failures"),
            timeout: Duration::from_secs(1),
            timeout_factor: 4,
            minimize_executions: 3_000,
            compile_minimize_executions: 40,
            minimize_time: Duration::from_secs(120),
            progress: false,
            skip_seeds: Vec::new(),
        }
    }
}

/// A failure saved to disk.
#[derive(Debug, Clone)]
pub struct SavedFailure {
    /// Its kind.
    pub kind: Kind,
    /// The saved `.yaml` file.
    pub path: PathBuf,
    /// The seed document it came from.
    pub seed_file: String,
    /// The minimised input's failure.
    pub message: String,
}

/// What a run did.
#[derive(Debug, Clone)]
pub struct Summary {
    /// The run's seed.
    pub seed: u64,
    /// Inputs run (minimisation and compilation not counted).
    pub executions: u64,
    /// Time spent running inputs, without minimisation and compilation.
    pub fuzz_time: Duration,
    /// The whole run's time.
    pub total_time: Duration,
    /// Inputs that generated a crate.
    pub ok: u64,
    /// Inputs refused with well-formed errors.
    pub err: u64,
    /// Failing executions by kind, every occurrence counted.
    pub failures: BTreeMap<Kind, u64>,
    /// The failures saved, one per distinct signature.
    pub saved: Vec<SavedFailure>,
    /// Generated crates compiled.
    pub compiled: usize,
    /// Why compiling stopped for a reason other than the generated code, if it did.
    pub compile_problem: Option<String>,
    /// Executions spent minimising.
    pub minimize_executions: u64,
    /// The slowest generation and its seed file.
    pub slowest: Option<(Duration, String)>,
    /// Why the run stopped early, if it did.
    pub stopped: Option<String>,
    /// Where failures are saved.
    pub output_dir: PathBuf,
}

impl Summary {
    /// An empty summary for `config`.
    fn new(config: &Config) -> Summary {
        Summary {
            seed: config.seed,
            executions: 0,
            fuzz_time: Duration::ZERO,
            total_time: Duration::ZERO,
            ok: 0,
            err: 0,
            failures: BTreeMap::new(),
            saved: Vec::new(),
            compiled: 0,
            compile_problem: None,
            minimize_executions: 0,
            slowest: None,
            stopped: None,
            output_dir: config.output_dir.clone(),
        }
    }

    /// Inputs run per second of fuzzing time.
    pub fn executions_per_second(&self) -> f64 {
        self.executions as f64 / self.fuzz_time.as_secs_f64().max(1e-9)
    }

    /// Whether anything failed.
    pub fn has_failures(&self) -> bool {
        !self.failures.is_empty()
    }

    /// The one-line progress report.
    fn progress_line(&self) -> String {
        let failing: u64 = self.failures.values().sum();
        format!(
            "{} executions, ok {}, err {}, failing {failing}, {} saved",
            self.executions,
            self.ok,
            self.err,
            self.saved.len()
        )
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(formatter, "seed:         {}", self.seed)?;
        writeln!(
            formatter,
            "executions:   {} in {:.1} s ({:.1}/s; {:.1} s in all)",
            self.executions,
            self.fuzz_time.as_secs_f64(),
            self.executions_per_second(),
            self.total_time.as_secs_f64()
        )?;
        writeln!(formatter, "ok:           {}", self.ok)?;
        writeln!(formatter, "err:          {}", self.err)?;
        for (kind, count) in &self.failures {
            writeln!(formatter, "{:<13} {count}", format!("{}:", kind.name()))?;
        }
        writeln!(formatter, "compiled:     {}", self.compiled)?;
        if let Some((time, seed)) = &self.slowest {
            let millis = time.as_secs_f64() * 1000.0;
            writeln!(formatter, "slowest:      {millis:.0} ms (from {seed})")?;
        }
        writeln!(
            formatter,
            "minimising:   {} executions",
            self.minimize_executions
        )?;
        if let Some(problem) = &self.compile_problem {
            writeln!(formatter, "compiling stopped: {problem}")?;
        }
        if let Some(reason) = &self.stopped {
            writeln!(formatter, "stopped early: {reason}")?;
        }
        for saved in &self.saved {
            writeln!(
                formatter,
                "saved {} (from {}): {}",
                saved.path.display(),
                saved.seed_file,
                saved.message.lines().next().unwrap_or_default()
            )?;
        }
        if self.saved.is_empty() {
            writeln!(
                formatter,
                "no failures; the output directory is {}",
                self.output_dir.display()
            )?;
        }
        Ok(())
    }
}

/// The stack of the thread that drives a run. The driver walks, writes and parses documents
/// and rendered files nested hundreds of levels deep (a nesting mutation may be applied on top
/// of another), which overflows the 2 MiB of a test thread in a debug build; the memory is
/// only reserved, not used, until it is needed.
const DRIVER_STACK: usize = 256 * 1024 * 1024;

/// Runs the fuzzer as `config` says and returns what it did; failures are in the summary, not
/// in the error. The run happens on a thread of its own with a large stack (256 MiB,
/// reserved rather than used, because the documents it walks can nest hundreds deep).
///
/// # Errors
///
/// A problem with the setup: the seeds or the output directory cannot be read or written,
/// or a thread cannot start.
pub fn run(config: &Config) -> Result<Summary, String> {
    let config = config.clone();
    std::thread::Builder::new()
        .name("fuzz-driver".to_owned())
        .stack_size(DRIVER_STACK)
        .spawn(move || drive(&config))
        .map_err(|error| format!("cannot start the fuzzing driver: {error}"))?
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// The run itself, on the driver thread.
fn drive(config: &Config) -> Result<Summary, String> {
    let started = Instant::now();
    let root = crate::workspace_root();
    let mut seeds = load_seeds(&root)?;
    seeds.retain(|seed| {
        !config
            .skip_seeds
            .iter()
            .any(|skip| seed.name.starts_with(skip))
    });
    if seeds.is_empty() {
        return Err("every seed is skipped".to_owned());
    }
    std::fs::create_dir_all(&config.output_dir)
        .map_err(|error| format!("cannot create {}: {error}", config.output_dir.display()))?;
    let quiet = QuietPanics::install();
    let mut run = run::Run::new(config, seeds)?;
    run.fuzz()?;
    if run.summary.stopped.is_none() {
        run.compile_sample(&root)?;
    }
    run.finish();
    drop(quiet);
    let mut summary = run.summary;
    summary.total_time = started.elapsed();
    Ok(summary)
}
