//! The one write-or-check helper: makes a directory hold a generated crate, or (in check mode)
//! says which of its files are stale, without writing anything. The command-line tool and
//! `cargo xtask codegen` both come through here.
//!
//! It never loses anything that was not generated: a file in the way that lacks the
//! `@generated` header is reported and left alone, and nothing is written until every target
//! has been checked. Generated files that the document no longer produces are removed.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::output::OutputFile;

/// Whether to write the files or only compare them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Write every file whose contents changed and remove stale generated files.
    Write,
    /// Write nothing; report every file that differs.
    Check,
}

/// What [`write_crate`] found (and, in [`Mode::Write`], did).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files whose contents differ from the output (written, in write mode), relative to the
    /// crate directory.
    pub changed: Vec<String>,
    /// Generated files the output no longer has (removed, in write mode).
    pub orphaned: Vec<String>,
}

impl WriteReport {
    /// Whether the directory already held exactly the output.
    pub fn is_fresh(&self) -> bool {
        self.changed.is_empty() && self.orphaned.is_empty()
    }

    /// Every stale file, changed ones first.
    pub fn stale(&self) -> Vec<&str> {
        self.changed
            .iter()
            .chain(&self.orphaned)
            .map(String::as_str)
            .collect()
    }
}

/// Why a crate could not be written or checked.
#[derive(Debug)]
pub enum WriteError {
    /// The output path exists and is not a directory.
    NotADirectory(PathBuf),
    /// Files in the way that were not generated; nothing was written.
    NotGenerated(Vec<PathBuf>),
    /// Reading, writing or removing a file failed.
    Io {
        /// What was being done, for example `write`.
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
}

impl fmt::Display for WriteError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::NotADirectory(path) => write!(
                formatter,
                "the output `{}` exists and is not a directory",
                path.display()
            ),
            WriteError::NotGenerated(paths) => {
                let listed: Vec<String> = paths
                    .iter()
                    .map(|path| format!("`{}`", path.display()))
                    .collect();
                write!(
                    formatter,
                    "refusing to overwrite {}: not generated (no `@generated` header on its \
                     first line); move it away or choose another output directory; nothing \
                     was written",
                    listed.join(", ")
                )
            }
            WriteError::Io {
                action,
                path,
                source,
            } => write!(formatter, "cannot {action} `{}`: {source}", path.display()),
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Io { source, .. } => Some(source),
            WriteError::NotADirectory(_) | WriteError::NotGenerated(_) => None,
        }
    }
}

/// Whether a file's text starts with the generated header, in any of the comment syntaxes
/// the generator writes.
pub fn is_generated(text: &str) -> bool {
    let first_line = text.lines().next().unwrap_or_default();
    ["// @generated", "# @generated", "<!-- @generated"]
        .iter()
        .any(|marker| first_line.starts_with(marker))
}

/// Makes `directory` hold `files` (paths relative to it), or, in check mode, reports the
/// differences. Line endings are compared after normalising CRLF, so a checkout with
/// `autocrlf` is not stale. Unchanged files are not rewritten, which keeps their mtimes and so
/// incremental builds.
///
/// # Errors
///
/// A [`WriteError`] when the directory is a file, when a file without the `@generated` header
/// is in the way (then nothing is written), or when the file system refuses.
pub fn write_crate(
    directory: &Path,
    files: &[OutputFile],
    mode: Mode,
) -> Result<WriteReport, WriteError> {
    if directory.exists() && !directory.is_dir() {
        return Err(WriteError::NotADirectory(directory.to_path_buf()));
    }
    let mut report = WriteReport::default();
    let mut in_the_way = Vec::new();
    let mut pending: Vec<(PathBuf, &str)> = Vec::new();
    for file in files {
        let target = directory.join(&file.path);
        match read_existing(&target, &file.contents)? {
            Existing::Same => {}
            Existing::Missing | Existing::Generated => pending.push((target, &file.contents)),
            Existing::HandWritten => in_the_way.push(target),
        }
    }
    if !in_the_way.is_empty() {
        return Err(WriteError::NotGenerated(in_the_way));
    }
    let expected: Vec<PathBuf> = files
        .iter()
        .map(|file| directory.join(&file.path))
        .collect();
    let orphans = orphaned_files(directory, &expected)?;
    report.changed = pending
        .iter()
        .map(|(path, _)| relative(directory, path))
        .collect();
    report.orphaned = orphans
        .iter()
        .map(|path| relative(directory, path))
        .collect();
    if mode == Mode::Write {
        for (path, contents) in &pending {
            write_file(path, contents)?;
        }
        for orphan in &orphans {
            std::fs::remove_file(orphan).map_err(|source| WriteError::Io {
                action: "remove",
                path: orphan.clone(),
                source,
            })?;
        }
    }
    Ok(report)
}

/// What is at a target path now.
enum Existing {
    /// Nothing.
    Missing,
    /// A file with exactly the new contents.
    Same,
    /// A generated file with other contents.
    Generated,
    /// A file that was not generated, or is not text.
    HandWritten,
}

fn read_existing(path: &Path, contents: &str) -> Result<Existing, WriteError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Existing::Missing),
        Err(source) => {
            return Err(WriteError::Io {
                action: "read",
                path: path.to_path_buf(),
                source,
            })
        }
    };
    Ok(match String::from_utf8(bytes) {
        Ok(text) if text.replace("\r\n", "\n") == contents => Existing::Same,
        Ok(text) if is_generated(&text) => Existing::Generated,
        Ok(_) | Err(_) => Existing::HandWritten,
    })
}

fn write_file(path: &Path, contents: &str) -> Result<(), WriteError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| WriteError::Io {
            action: "create the directory",
            path: parent.to_path_buf(),
            source,
        })?;
    }
    std::fs::write(path, contents).map_err(|source| WriteError::Io {
        action: "write",
        path: path.to_path_buf(),
        source,
    })
}

/// Generated files under `directory` (its `Cargo.toml`, `API.md` and everything under `src/`)
/// that are not in `expected`, sorted.
fn orphaned_files(directory: &Path, expected: &[PathBuf]) -> Result<Vec<PathBuf>, WriteError> {
    let mut candidates = vec![directory.join("Cargo.toml"), directory.join("API.md")];
    let mut pending = vec![directory.join("src")];
    while let Some(folder) = pending.pop() {
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
            Err(source) => {
                return Err(WriteError::Io {
                    action: "list",
                    path: folder,
                    source,
                })
            }
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                candidates.push(path);
            }
        }
    }
    let mut orphans: Vec<PathBuf> = candidates
        .into_iter()
        .filter(|path| !expected.contains(path))
        .filter(|path| std::fs::read_to_string(path).is_ok_and(|text| is_generated(&text)))
        .collect();
    orphans.sort();
    Ok(orphans)
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}
