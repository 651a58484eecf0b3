//! Runs one input through `generator::generate` and judges the result: the generation runs on
//! a worker thread with a time limit and under `catch_unwind`; an `Ok` must render files that
//! parse as Rust, an `Err` must hold located, non-empty errors.

use std::collections::HashSet;
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use super::rng::fnv1a;

/// The worker thread's name, by which the panic hook tells its panics from the others.
const WORKER: &str = "fuzz-worker";

/// The worker's stack: the size of a main thread's on Linux, so that a recursion deep enough
/// to overflow the command-line tool's stack overflows here too.
const WORKER_STACK: usize = 8 * 1024 * 1024;

/// A kind of failure; saved files are named after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The generator panicked.
    Panic,
    /// The generator took longer than the time limit.
    Timeout,
    /// A rendered `.rs` file does not parse as Rust.
    Unparsable,
    /// An `Err` with no errors, an empty message, or a pointer not starting with `#`.
    BadError,
    /// An error saying the generator failed without reporting why (its own internal check).
    InternalError,
    /// A generated crate does not compile.
    Compile,
}

impl Kind {
    /// The name used in file names and reports.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Panic => "panic",
            Kind::Timeout => "timeout",
            Kind::Unparsable => "unparsable",
            Kind::BadError => "bad-error",
            Kind::InternalError => "internal-error",
            Kind::Compile => "compile",
        }
    }
}

/// One failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// What kind it is.
    pub kind: Kind,
    /// What makes two failures the same bug (the panic's location, the rule broken, the
    /// compiler's error code): the minimiser keeps a smaller input only when this is unchanged.
    pub signature: String,
    /// The full description.
    pub message: String,
}

/// What one execution gave.
#[derive(Debug)]
pub enum Outcome {
    /// Generated files, all of them parsing.
    Ok(generator::Output),
    /// A well-formed list of this many errors.
    Err(usize),
    /// A failure.
    Failed(Failure),
}

/// What the worker sends back: the generator's result, or the panic's message and location.
type WorkerResult = Result<Result<generator::Output, generator::Errors>, String>;

/// Runs inputs on a worker thread, one at a time, with a time limit.
pub struct Executor {
    jobs: Sender<String>,
    results: Receiver<WorkerResult>,
    /// The hashes of rendered files already parsed: the runtime's files are the same in every
    /// output, and parsing them again would cost more than generating.
    parsed: HashSet<u64>,
    /// The text the worker is stuck on, once a run timed out; the executor is then unusable,
    /// since a thread cannot be stopped from outside.
    stuck: Option<String>,
    /// How long the last generation took (parsing the output not included).
    last_time: Duration,
}

impl Executor {
    /// Starts the worker.
    ///
    /// # Errors
    ///
    /// The operating system's refusal to start a thread.
    pub fn new() -> Result<Executor, String> {
        let (jobs, job_receiver) = mpsc::channel::<String>();
        let (result_sender, results) = mpsc::channel();
        thread::Builder::new()
            .name(WORKER.to_owned())
            .stack_size(WORKER_STACK)
            .spawn(move || worker(&job_receiver, &result_sender))
            .map_err(|error| format!("cannot start the fuzzing worker: {error}"))?;
        Ok(Executor {
            jobs,
            results,
            parsed: HashSet::new(),
            stuck: None,
            last_time: Duration::ZERO,
        })
    }

    /// The text the worker is stuck on, if a run timed out.
    pub fn stuck_on(&self) -> Option<&str> {
        self.stuck.as_deref()
    }

    /// Waits up to `wait` for the input the worker is stuck on to finish, discarding its
    /// result; returns whether the worker is free again. A slow input (rather than an endless
    /// one) can so be minimised after it timed out.
    pub fn recover(&mut self, wait: Duration) -> bool {
        if self.stuck.is_none() {
            return true;
        }
        if self.results.recv_timeout(wait).is_ok() {
            self.stuck = None;
        }
        self.stuck.is_none()
    }

    /// How long the last generation took, parsing its output not included.
    pub fn last_time(&self) -> Duration {
        self.last_time
    }

    /// Runs `text`, waiting at most `limit`, and judges the result.
    pub fn run(&mut self, text: &str, limit: Duration) -> Outcome {
        if self.stuck.is_some() || self.jobs.send(text.to_owned()).is_err() {
            return Outcome::Failed(timeout_failure(limit));
        }
        let started = Instant::now();
        let result = self.results.recv_timeout(limit);
        self.last_time = started.elapsed();
        match result {
            Ok(Ok(Ok(output))) => match self.check_output(&output) {
                Some(failure) => Outcome::Failed(failure),
                None => Outcome::Ok(output),
            },
            Ok(Ok(Err(errors))) => match check_errors(&errors) {
                Some(failure) => Outcome::Failed(failure),
                None => Outcome::Err(errors.0.len()),
            },
            Ok(Err(panic)) => Outcome::Failed(panic_failure(&panic)),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                self.stuck = Some(text.to_owned());
                Outcome::Failed(timeout_failure(limit))
            }
        }
    }

    /// Parses every rendered `.rs` file not parsed before.
    fn check_output(&mut self, output: &generator::Output) -> Option<Failure> {
        for file in &output.files {
            if !file.path.ends_with(".rs") {
                continue;
            }
            let hash = fnv1a(file.contents.as_bytes());
            if self.parsed.contains(&hash) {
                continue;
            }
            if let Err(error) = syn::parse_file(&file.contents) {
                return Some(Failure {
                    kind: Kind::Unparsable,
                    signature: format!("unparsable {}: {error}", file.path),
                    message: format!("{} does not parse as Rust: {error}", file.path),
                });
            }
            self.parsed.insert(hash);
        }
        None
    }
}

/// The worker's loop: generate each text under `catch_unwind` until the executor is dropped.
fn worker(jobs: &Receiver<String>, results: &Sender<WorkerResult>) {
    let settings = generator::Settings::default().with_crate_name("fuzz-client");
    for text in jobs {
        let result =
            panic::catch_unwind(AssertUnwindSafe(|| generator::generate(&text, &settings)));
        let result = result.map_err(|payload| {
            let message = payload
                .downcast_ref::<&str>()
                .map(|text| (*text).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic with a non-string payload".to_owned());
            let location = take_panic_location().unwrap_or_else(|| "an unknown place".to_owned());
            format!("{location}\n{message}")
        });
        if results.send(result).is_err() {
            break;
        }
    }
}

/// A timeout failure.
pub fn timeout_failure(timeout: Duration) -> Failure {
    Failure {
        kind: Kind::Timeout,
        signature: "timeout".to_owned(),
        message: format!("generation took longer than {} ms", timeout.as_millis()),
    }
}

/// A panic failure from the worker's `location\nmessage`; the location alone is the
/// signature, as the message often quotes the input.
fn panic_failure(panic: &str) -> Failure {
    let (location, message) = panic.split_once('\n').unwrap_or((panic, ""));
    Failure {
        kind: Kind::Panic,
        signature: format!("panic at {location}"),
        message: format!("panicked at {location}: {message}"),
    }
}

/// Checks the generator's errors: at least one, each with a message and a `#` pointer, and
/// none of them its stand-in for a problem it failed to report.
fn check_errors(errors: &generator::Errors) -> Option<Failure> {
    let bad = |signature: &str, message: String| {
        Some(Failure {
            kind: Kind::BadError,
            signature: signature.to_owned(),
            message,
        })
    };
    if errors.0.is_empty() {
        return bad(
            "no errors",
            "generate returned Err with no errors".to_owned(),
        );
    }
    for error in &errors.0 {
        if error.message.trim().is_empty() {
            let message = format!("an error at `{}` has an empty message", error.pointer);
            return bad("empty message", message);
        }
        if !error.pointer.starts_with('#') {
            let message = format!(
                "the error pointer `{}` does not start with `#`: {}",
                error.pointer, error.message
            );
            return bad("pointer without #", message);
        }
        if error.message.starts_with("internal error") {
            return Some(Failure {
                kind: Kind::InternalError,
                signature: without_quoted(&error.message),
                message: format!("{}: {}", error.pointer, error.message),
            });
        }
    }
    None
}

/// `text` with every backtick-quoted part emptied, so that messages quoting different values
/// compare equal.
pub fn without_quoted(text: &str) -> String {
    text.split('`')
        .enumerate()
        .map(|(index, part)| if index % 2 == 0 { part } else { "" })
        .collect::<Vec<_>>()
        .join("`")
}

/// Where the worker's last panic happened, as recorded by the panic hook.
static PANIC_LOCATION: Mutex<Option<String>> = Mutex::new(None);

/// Takes the recorded location of the worker's last panic.
fn take_panic_location() -> Option<String> {
    PANIC_LOCATION
        .lock()
        .map_or(None, |mut location| location.take())
}

/// The hook as `take_hook` returns it.
type Hook = Box<dyn Fn(&PanicHookInfo<'_>) + Sync + Send + 'static>;

/// While alive, keeps the worker's panics off the terminal (there may be thousands) and
/// records where each happened; other threads' panics still reach the previous hook. Dropping
/// it restores that hook.
pub struct QuietPanics {
    previous: Option<Arc<Hook>>,
}

impl QuietPanics {
    /// Installs the quiet hook.
    pub fn install() -> QuietPanics {
        let previous: Arc<Hook> = Arc::new(panic::take_hook());
        let forward = Arc::clone(&previous);
        panic::set_hook(Box::new(move |info| {
            if thread::current().name() == Some(WORKER) {
                let location = info
                    .location()
                    .map_or_else(|| "an unknown place".to_owned(), ToString::to_string);
                if let Ok(mut slot) = PANIC_LOCATION.lock() {
                    *slot = Some(location);
                }
            } else {
                forward(info);
            }
        }));
        QuietPanics {
            previous: Some(previous),
        }
    }
}

impl Drop for QuietPanics {
    fn drop(&mut self) {
        if thread::panicking() {
            return;
        }
        // Dropping the quiet hook drops its handle on the previous one, which can then be
        // taken back whole and reinstalled.
        drop(panic::take_hook());
        if let Some(previous) = self.previous.take().and_then(Arc::into_inner) {
            panic::set_hook(previous);
        }
    }
}
