//! One fuzzing run: builds inputs from the seeds, runs each, minimises and saves each new
//! failure, keeps a seeded sample of the successful inputs, and compiles that sample at the
//! end.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::compile::Checker;
use super::exec::{Executor, Failure, Kind, Outcome};
use super::input::{Input, Seed};
use super::minimize::{minimize, Limits};
use super::rng::{self, Rng};
use super::save::{self, with_header, Origin};
use super::{Config, Limit, SavedFailure, Summary};

/// The header minimisation runs with: any comment puts the text on the YAML parser's path,
/// as the saved file's header will.
const PLACEHOLDER_HEADER: &str = "# fuzz\n";

/// How often progress is printed when asked.
const PROGRESS_EVERY: Duration = Duration::from_secs(10);

/// The state of a run.
pub struct Run<'a> {
    config: &'a Config,
    seeds: Vec<Seed>,
    executor: Executor,
    pub summary: Summary,
    /// The signatures of the failures already saved: a bug found again is counted, not saved
    /// again.
    signatures: HashSet<String>,
    /// The reservoir of successful inputs to compile, as `(input seed, iteration)`.
    sample: Vec<(u64, u64)>,
    sample_rng: Rng,
    successes_offered: u64,
    /// The time limit of each seed's inputs, once measured.
    limits: Vec<Option<Duration>>,
    /// Holds the input being run, so that if the process dies (a stack overflow aborts it,
    /// which no `catch_unwind` catches) the input that killed it is on disk.
    in_flight: PathBuf,
}

impl<'a> Run<'a> {
    /// Prepares a run over `seeds`.
    pub fn new(config: &'a Config, seeds: Vec<Seed>) -> Result<Run<'a>, String> {
        let seed_count = seeds.len();
        Ok(Run {
            config,
            seeds,
            executor: Executor::new()?,
            summary: Summary::new(config),
            signatures: HashSet::new(),
            sample: Vec::new(),
            sample_rng: Rng::new(rng::mix(config.seed ^ 0xC0FF_EE00)),
            successes_offered: 0,
            limits: vec![None; seed_count],
            in_flight: config.output_dir.join("in-flight.txt"),
        })
    }

    /// Runs inputs until the configured limit, or until an input times out.
    pub fn fuzz(&mut self) -> Result<(), String> {
        let started = Instant::now();
        let mut last_progress = started;
        let mut side_work = Duration::ZERO;
        let mut iteration = 0;
        while !self.limit_reached(iteration, started) && self.summary.stopped.is_none() {
            let mut input = Input::build(&self.seeds, rng::input_seed(self.config.seed, iteration));
            let limit = self.limit_for(input.seed);
            if self.executor.stuck_on().is_some() {
                // The seed itself outlasted the longest limit while its limit was measured:
                // that is the failure to report, not this input, which cannot run.
                input = Input::unmutated(&self.seeds, input.seed);
            }
            let text = input.text();
            std::fs::write(&self.in_flight, &text)
                .map_err(|error| format!("cannot write {}: {error}", self.in_flight.display()))?;
            self.summary.executions += 1;
            let outcome = self.executor.run(&text, limit);
            self.note_time(input.seed);
            match outcome {
                Outcome::Ok(_) => {
                    self.summary.ok += 1;
                    self.offer_sample(&input, iteration);
                }
                Outcome::Err(_) => self.summary.err += 1,
                Outcome::Failed(failure) => {
                    let before = Instant::now();
                    let origin = self.origin(&input, iteration);
                    self.on_failure(input, failure, &origin, &mut None)?;
                    side_work += before.elapsed();
                }
            }
            if self.config.progress && last_progress.elapsed() >= PROGRESS_EVERY {
                last_progress = Instant::now();
                eprintln!("fuzz: {}", self.summary.progress_line());
            }
            iteration += 1;
        }
        self.summary.fuzz_time = started.elapsed().saturating_sub(side_work);
        Ok(())
    }

    /// The time limit for inputs made from `seed`: the configured timeout, or, when it is
    /// longer, a multiple of the time the unmutated seed takes, up to the same multiple of the
    /// timeout. Large documents take most of a second in a debug build on a busy machine; a
    /// fixed limit would report them as hangs, while a hang or a blow-up still exceeds the cap.
    fn limit_for(&mut self, seed: usize) -> Duration {
        if let Some(limit) = self.limits[seed] {
            return limit;
        }
        let cap = self.config.timeout * self.config.timeout_factor;
        let baseline = match self.executor.run(&self.seeds[seed].text, cap) {
            Outcome::Ok(_) | Outcome::Err(_) => self.executor.last_time(),
            Outcome::Failed(_) => Duration::ZERO,
        };
        let limit = (baseline * self.config.timeout_factor).clamp(self.config.timeout, cap);
        self.limits[seed] = Some(limit);
        limit
    }

    /// Records the last generation's time if it is the slowest yet.
    fn note_time(&mut self, seed: usize) {
        let time = self.executor.last_time();
        if self
            .summary
            .slowest
            .as_ref()
            .is_none_or(|(slowest, _)| time > *slowest)
        {
            self.summary.slowest = Some((time, self.seeds[seed].name.clone()));
        }
    }

    /// Whether the run's limit is reached before input `iteration`.
    fn limit_reached(&self, iteration: u64, started: Instant) -> bool {
        match self.config.limit {
            Limit::Iterations(count) => iteration >= count,
            Limit::Duration(duration) => started.elapsed() >= duration,
        }
    }

    /// Offers a successful input to the sample (reservoir sampling, so every success is as
    /// likely to be compiled, with the run's seed deciding which). Inputs with no tree
    /// mutation are the seeds themselves, which other tests compile already.
    fn offer_sample(&mut self, input: &Input, iteration: u64) {
        if self.config.compile == 0 || input.mutations.is_empty() {
            return;
        }
        self.successes_offered += 1;
        let Some(input_seed) = input.input_seed else {
            return;
        };
        let entry = (input_seed, iteration);
        if self.sample.len() < self.config.compile {
            self.sample.push(entry);
        } else {
            let slot = self.sample_rng.below(self.successes_offered as usize);
            if slot < self.sample.len() {
                self.sample[slot] = entry;
            }
        }
    }

    /// Where an input came from, for a saved file's header.
    fn origin(&self, input: &Input, iteration: u64) -> Origin {
        let mut mutations = input.mutations.join(", ");
        if let Some(raw) = &input.raw {
            mutations.push_str(&format!("; raw: {}", raw.describe()));
        }
        Origin {
            seed_file: self.seeds[input.seed].name.clone(),
            input_seed: input.input_seed,
            run_seed: self.config.seed,
            iteration,
            mutations: if mutations.is_empty() {
                "none".into()
            } else {
                mutations
            },
        }
    }

    /// Counts a failure and, the first time its signature is seen, minimises and saves it.
    /// `checker` is the compiler check for a compile failure, `None` for the others.
    ///
    /// A timeout stops the run. It is still minimised when the stuck input finishes within the
    /// minimisation time: each candidate that times out is waited for before the next runs. A
    /// candidate of another failure that times out is saved as it is, and stops the run too.
    fn on_failure(
        &mut self,
        input: Input,
        failure: Failure,
        origin: &Origin,
        checker: &mut Option<&mut Checker>,
    ) -> Result<(), String> {
        *self.summary.failures.entry(failure.kind).or_default() += 1;
        if failure.kind == Kind::Timeout {
            self.summary.stopped = Some("an input timed out".into());
        }
        if !self.signatures.insert(failure.signature.clone()) {
            return Ok(());
        }
        let limit = self.limit_for(input.seed);
        let deadline = Instant::now() + self.config.minimize_time;
        let executions = match (failure.kind, &checker) {
            (Kind::Compile, _) => self.config.compile_minimize_executions,
            _ => self.config.minimize_executions,
        };
        let limits = Limits {
            executions,
            deadline,
        };
        let kind = failure.kind;
        let executor = &mut self.executor;
        let mut test = |text: &str| {
            let wait = deadline.saturating_duration_since(Instant::now());
            if !executor.recover(wait) {
                return None;
            }
            match (executor.run(text, limit), checker.as_deref_mut()) {
                (Outcome::Failed(found), _) => Some(found),
                (Outcome::Ok(output), Some(checker)) => checker.check(&output).err()?.ok(),
                _ => None,
            }
        };
        let directory = &self.config.output_dir;
        let (saved, spent) = shrink_and_save(&mut test, input, failure, origin, limits, directory)?;
        self.summary.minimize_executions += spent as u64;
        self.summary.saved.push(saved);
        if kind != Kind::Timeout {
            if let Some(text) = self.executor.stuck_on().map(str::to_owned) {
                self.save_stray_timeout(&text, limit, origin)?;
            }
        }
        Ok(())
    }

    /// Saves, as it is, a candidate that timed out while another failure was minimised, and
    /// stops the run.
    fn save_stray_timeout(
        &mut self,
        text: &str,
        limit: Duration,
        origin: &Origin,
    ) -> Result<(), String> {
        *self.summary.failures.entry(Kind::Timeout).or_default() += 1;
        self.summary.stopped =
            Some("an input timed out while another failure was minimised".into());
        let body = text.strip_prefix(PLACEHOLDER_HEADER).unwrap_or(text);
        let timeout = super::exec::timeout_failure(limit);
        let header = save::header(&timeout, origin);
        let path = save::save(&self.config.output_dir, &timeout, body, &header, true)?;
        self.summary
            .saved
            .push(saved_failure(&timeout, path, origin));
        Ok(())
    }

    /// Compiles the sampled successes; a crate that does not compile is a failure, minimised
    /// with the compiler in the loop and saved like the others.
    pub fn compile_sample(&mut self, root: &Path) -> Result<(), String> {
        let mut checker = Checker::new(root);
        for (input_seed, iteration) in self.sample.clone() {
            if self.summary.stopped.is_some() {
                break;
            }
            let input = Input::build(&self.seeds, input_seed);
            let limit = self.limit_for(input.seed);
            let Outcome::Ok(output) = self.executor.run(&input.text(), limit) else {
                continue;
            };
            self.summary.compiled += 1;
            let failure = match checker.check(&output) {
                Ok(()) => continue,
                Err(Ok(failure)) => failure,
                Err(Err(problem)) => {
                    self.summary.compile_problem = Some(problem);
                    return Ok(());
                }
            };
            let origin = self.origin(&input, iteration);
            self.on_failure(input, failure, &origin, &mut Some(&mut checker))?;
        }
        Ok(())
    }

    /// Removes the in-flight file once nothing is running any more.
    pub fn finish(&self) {
        if self.executor.stuck_on().is_none() {
            let _ = std::fs::remove_file(&self.in_flight);
        }
    }
}

/// The record of a saved failure.
fn saved_failure(failure: &Failure, path: PathBuf, origin: &Origin) -> SavedFailure {
    SavedFailure {
        kind: failure.kind,
        path,
        seed_file: origin.seed_file.clone(),
        message: failure.message.clone(),
    }
}

/// Minimises a failing input with `test` (which runs a text and returns its failure) and
/// saves the result; returns the record and the executions spent.
///
/// Minimisation runs on text with a placeholder header when the failure reproduces with one,
/// so that the saved file, which starts with the real header, fails as found; the real header
/// is checked once more before saving (except for a timeout, which would cost another wait),
/// and moved to a `.txt` file if it changes the failure.
fn shrink_and_save(
    test: &mut dyn FnMut(&str) -> Option<Failure>,
    input: Input,
    failure: Failure,
    origin: &Origin,
    limits: Limits,
    directory: &Path,
) -> Result<(SavedFailure, usize), String> {
    let signature = failure.signature.clone();
    let kind = failure.kind;
    let same = |text: &str, test: &mut dyn FnMut(&str) -> Option<Failure>| {
        test(text).is_some_and(|found| found.signature == signature)
    };
    // A timeout is not run again to learn this: the worker may be stuck on it for long, and a
    // comment does not make a slow document fast.
    let header_inside =
        kind == Kind::Timeout || same(&with_header(&input.text(), PLACEHOLDER_HEADER), test);
    let mut candidate_test = |candidate: &Input| {
        let text = candidate.text();
        if header_inside {
            test(&with_header(&text, PLACEHOLDER_HEADER))
        } else {
            test(&text)
        }
    };
    let minimized = minimize(input, failure, &mut candidate_test, limits);
    let body = minimized.input.text();
    let header = save::header(&minimized.failure, origin);
    let header_inside =
        header_inside && (kind == Kind::Timeout || same(&with_header(&body, &header), test));
    let path = save::save(directory, &minimized.failure, &body, &header, header_inside)?;
    let saved = saved_failure(&minimized.failure, path, origin);
    Ok((saved, minimized.executions + 2))
}
