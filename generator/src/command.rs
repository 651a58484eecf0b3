//! The `generate` command as a library call: read a document from a file, generate its crate,
//! and write or check it in a directory. The command-line tool and `cargo xtask codegen` both
//! call [`run_generate`], so they cannot drift apart.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Errors};
use crate::settings::Settings;
use crate::write::{write_crate, Mode, WriteError, WriteReport};

/// What to generate, from where, and where to.
#[derive(Debug, Clone)]
pub struct GenerateRequest {
    /// The OpenAPI document (YAML or JSON).
    pub input: PathBuf,
    /// The crate directory to write or check.
    pub output: PathBuf,
    /// Crate name, version, header text and strictness.
    pub settings: Settings,
    /// Write, or only check.
    pub mode: Mode,
}

/// What a successful run did.
#[derive(Debug, Clone)]
pub struct GenerateSummary {
    /// The files changed (or, when checking, found stale: then the run failed instead).
    pub report: WriteReport,
    /// What degraded to a general type, each located.
    pub warnings: Vec<Diagnostic>,
    /// How many files the crate has.
    pub file_count: usize,
}

/// Why a run failed. [`CommandError::exit_code`] gives the tool's exit status for each.
#[derive(Debug)]
pub enum CommandError {
    /// The input could not be read.
    Read {
        /// The input path as given.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The document is not valid, or not something the generator accepts (warnings count
    /// under `--deny-warnings`); every problem is listed.
    Spec {
        /// The input path as given.
        path: PathBuf,
        /// Every problem, located.
        errors: Errors,
    },
    /// The crate could not be written or checked.
    Write(WriteError),
    /// In check mode: the directory does not hold what the document generates.
    Stale {
        /// The crate directory.
        output: PathBuf,
        /// The stale files, relative to it.
        files: Vec<String>,
        /// The command that brings them up to date.
        command: String,
    },
}

impl CommandError {
    /// The exit status for this failure: 1 for an unreadable or invalid document, 3 for stale
    /// output under `--check`, 4 when the output cannot be written. (2 is a bad command line,
    /// reported before any of this runs.)
    pub fn exit_code(&self) -> u8 {
        match self {
            CommandError::Read { .. } | CommandError::Spec { .. } => 1,
            CommandError::Stale { .. } => 3,
            CommandError::Write(_) => 4,
        }
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandError::Read { path, reason } => {
                write!(formatter, "cannot read `{}`: {reason}", path.display())
            }
            CommandError::Spec { path, errors } => {
                let count = errors.0.len();
                let noun = if count == 1 { "problem" } else { "problems" };
                write!(formatter, "`{}`: {count} {noun}", path.display())?;
                for error in &errors.0 {
                    write!(formatter, "\n  {}", located(path, error))?;
                }
                Ok(())
            }
            CommandError::Write(error) => write!(formatter, "{error}"),
            CommandError::Stale {
                output,
                files,
                command,
            } => write!(
                formatter,
                "`{}` is stale: {}\nrun `{command}` and commit the result",
                output.display(),
                files.join(", ")
            ),
        }
    }
}

impl std::error::Error for CommandError {}

/// One diagnostic with its file and text position, when known:
/// `file:line:column: pointer: message`. The file is the input, or the file of a split spec
/// it names, relative to the input's folder.
pub fn located(input: &Path, diagnostic: &crate::error::Diagnostic) -> String {
    let file = match &diagnostic.file {
        Some(name) => input
            .parent()
            .map_or_else(|| Path::new(name).to_path_buf(), |folder| folder.join(name)),
        None => input.to_path_buf(),
    };
    match diagnostic.location {
        Some(location) => format!(
            "{}:{}:{}: {diagnostic}",
            file.display(),
            location.line,
            location.column
        ),
        None => format!("{}: {diagnostic}", file.display()),
    }
}

/// Reads the document, generates its crate, and writes or checks it.
///
/// # Errors
///
/// A [`CommandError`] saying what failed and where; in check mode, stale output is one.
pub fn run_generate(request: &GenerateRequest) -> Result<GenerateSummary, CommandError> {
    let text = crate::read_root(&request.input).map_err(|reason| CommandError::Read {
        path: request.input.clone(),
        reason,
    })?;
    let output =
        crate::generate_read(&text, &request.input, &request.settings).map_err(|errors| {
            CommandError::Spec {
                path: request.input.clone(),
                errors,
            }
        })?;
    let report =
        write_crate(&request.output, &output.files, request.mode).map_err(CommandError::Write)?;
    if request.mode == Mode::Check && !report.is_fresh() {
        return Err(CommandError::Stale {
            output: request.output.clone(),
            files: report.stale().into_iter().map(str::to_owned).collect(),
            command: request.settings.command().to_owned(),
        });
    }
    Ok(GenerateSummary {
        report,
        warnings: output.warnings,
        file_count: output.files.len(),
    })
}
