//! What [`generate`](crate::generate()) gives back: the crate's files, the warnings and how much of the document is typed.

use crate::error::Diagnostic;

/// The generated crate: its files, sorted by path, and the warnings about what could not be
/// typed precisely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// One entry per file.
    pub files: Vec<OutputFile>,
    /// What degraded to a general type, each located; empty for a fully typed document.
    pub warnings: Vec<Diagnostic>,
    /// How much of the document is typed precisely.
    pub stats: crate::lower::TypingStats,
    /// For a crate split by tag, the features of its tags (those `full` enables besides the
    /// untagged and unused ones), in the order of `Cargo.toml`; empty for a crate not split.
    pub tag_features: Vec<String>,
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// The path relative to the crate's root directory, with `/` separators, for example
    /// `src/models.rs` or `Cargo.toml`.
    pub path: String,
    /// The file's full text, header included.
    pub contents: String,
}
