//! Generates the Rust source of a typed client crate from an OpenAPI document: 3.0, 3.1 or
//! 3.2, or Swagger 2.0, in one file or split across files.
//!
//! The pipeline, one module per phase:
//!
//! 1. [`load`](crate::load()) (`load/`): JSON or YAML text (one file, or a spec split across
//!    files) → `openapiv3::OpenAPI`: Swagger 2.0 is upgraded and OpenAPI 3.1 and 3.2 brought
//!    down to the 3.0 form the rest reads, every diagnostic located in the file the user
//!    wrote.
//! 2. [`lower`](crate::lower()) (`lower/`): the document → the typed IR in [`ir`]. Every
//!    decision is made here: names (through `names.rs`), `$ref` resolution, optionality,
//!    boxing, type mapping and documentation text. Problems are collected, not fatal one by
//!    one, so a run reports them all.
//! 3. `check.rs`: cross-cutting rules over the IR that no single lowering step can see.
//! 4. `emit/`: the IR → `TokenStream`s, one function per kind of item; emitters only read.
//! 5. `render.rs`: tokens → formatted text with a `@generated` header, the only formatting
//!    step; the output is byte-identical for the same input.
//! 6. `crate_files/`: the whole crate: the rendered modules, the runtime copied from its one
//!    source (`generator/runtime`), and `Cargo.toml`.
//!
//! [`write_crate`] writes (or checks) a crate directory, and [`run_generate`] does all of it
//! from a file path: the `openapi-client-gen` binary and `cargo xtask codegen` both call it.
//!
//! Nothing here knows any particular API: a different document gives a different crate.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod check;
pub mod command;
mod crate_files;
mod emit;
pub mod error;
pub mod ir;
mod load;
mod lower;
mod names;
mod output;
mod pointer;
mod render;
mod settings;
pub mod surface;
pub mod write;

pub use command::{run_generate, CommandError, GenerateRequest, GenerateSummary};
pub use error::{Diagnostic, Errors, Location, Severity};
pub use load::Document;
pub use lower::TypingStats;
pub use output::{Output, OutputFile};
pub use settings::{FeatureSplit, Settings};
pub use write::{write_crate, Mode, WriteError, WriteReport};

/// Parses an OpenAPI 3.0.x, 3.1.x or 3.2.x or Swagger 2.0 document from JSON or YAML text.
/// A document given as text cannot name other files: a `$ref` to one is an error saying to
/// load the document from its path ([`load_path`]).
///
/// # Errors
///
/// Every problem found, each located by JSON pointer, line and column.
pub fn load(spec_text: &str) -> Result<Document, Errors> {
    load::load_document(spec_text, &load::NoFiles)
}

/// Parses the document at `path` and every file its `$ref`s name (relative to the file the
/// reference is in), as one document. Files outside the root document's folder are read only
/// with [`Settings::with_refs_outside_root`].
///
/// # Errors
///
/// An unreadable root document, and every problem found, each located in its file.
pub fn load_path(path: &std::path::Path, settings: &Settings) -> Result<Document, Errors> {
    let text = read_root(path).map_err(|reason| {
        Errors::from(Diagnostic::error(
            "#",
            format!("cannot read `{}`: {reason}", path.display()),
        ))
    })?;
    load::load_document(&text, &load::Folder::of(path, settings))
}

/// The root document's text, or why it cannot be read.
pub(crate) fn read_root(path: &std::path::Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|error| error.to_string())?;
    String::from_utf8(bytes).map_err(|error| {
        format!(
            "not UTF-8 text (invalid byte at offset {})",
            error.utf8_error().valid_up_to()
        )
    })
}

/// A lowered document: the checked IR, the warnings of loading and lowering, and how much of
/// it is typed precisely.
#[derive(Debug, Clone)]
pub struct Lowered {
    /// The IR.
    pub api: ir::Api,
    /// What could not be typed precisely, or was read in the one sensible way.
    pub warnings: Vec<Diagnostic>,
    /// Schema positions lowered, and those that fell back to any JSON value.
    pub stats: TypingStats,
}

/// Lowers a loaded document into the checked IR, or reports every problem found. Of the
/// settings, lowering reads which vendor extensions reach the docs.
///
/// # Errors
///
/// Every problem of an invalid document, each located.
pub fn lower(document: &Document, settings: &Settings) -> Result<Lowered, Errors> {
    // Lowering reports at pointers into the document it read; `locate` takes them back to
    // the files the user wrote.
    let lowered =
        lower::lower_api(document, settings).map_err(|errors| Errors(document.locate(errors.0)));
    if !document.errors.is_empty() {
        let mut errors = document.errors.clone();
        if let Err(more) = lowered {
            errors.extend(more.0);
        }
        return Err(Errors(errors));
    }
    let (api, lowering_warnings, stats) = lowered?;
    check::check_api(&api)?;
    let mut warnings = document.warnings.clone();
    warnings.extend(document.locate(lowering_warnings));
    // Defects confined to a part leave that part out; a document that had operations or
    // schemas and lost every one of them that way has no usable API, and is refused with
    // every problem located.
    let had_parts = !document.openapi.paths.paths.is_empty()
        || document
            .openapi
            .components
            .as_ref()
            .is_some_and(|components| !components.schemas.is_empty());
    if had_parts && api.operations.is_empty() && api.models.is_empty() {
        let mut errors: Vec<Diagnostic> = warnings.into_iter().map(Diagnostic::denied).collect();
        errors.push(Diagnostic::error(
            "#",
            "nothing in the document can be generated: no operation or schema is left",
        ));
        return Err(Errors(errors));
    }
    Ok(Lowered {
        api,
        warnings,
        stats,
    })
}

/// Generates the whole client crate from the document's text: load, lower, check, emit and
/// render, then the runtime and the manifest. The files are sorted by path; the same text and
/// settings always give byte-identical files.
///
/// # Errors
///
/// Every problem found, each located: invalid settings, an invalid document, and (with
/// [`Settings::with_deny_warnings`]) every warning.
pub fn generate(spec_text: &str, settings: &Settings) -> Result<Output, Errors> {
    let problems = settings.check();
    if !problems.is_empty() {
        return Err(Errors(problems));
    }
    generate_document(load(spec_text)?, settings)
}

/// [`generate`] for the document at `path` and the files it names ([`load_path`]).
///
/// # Errors
///
/// As [`generate`], each problem located in its file.
pub fn generate_path(path: &std::path::Path, settings: &Settings) -> Result<Output, Errors> {
    let problems = settings.check();
    if !problems.is_empty() {
        return Err(Errors(problems));
    }
    generate_document(load_path(path, settings)?, settings)
}

/// [`generate`] for a root document already read from `path`, with the files it names read
/// beside it.
pub(crate) fn generate_read(
    text: &str,
    path: &std::path::Path,
    settings: &Settings,
) -> Result<Output, Errors> {
    let problems = settings.check();
    if !problems.is_empty() {
        return Err(Errors(problems));
    }
    let document = load::load_document(text, &load::Folder::of(path, settings))?;
    generate_document(document, settings)
}

/// Lowers, checks, emits and renders a loaded document.
fn generate_document(document: Document, settings: &Settings) -> Result<Output, Errors> {
    let lowered = lower(&document, settings)?;
    drop(document);
    if settings.deny_warnings() && !lowered.warnings.is_empty() {
        return Err(Errors(
            lowered
                .warnings
                .into_iter()
                .map(Diagnostic::denied)
                .collect(),
        ));
    }
    let files = crate_files::crate_files(&lowered.api, settings)?;
    let tag_features = lowered
        .api
        .features
        .iter()
        .filter(|feature| matches!(feature.gates, ir::FeatureGates::Tag(_)))
        .map(|feature| feature.name.clone())
        .collect();
    Ok(Output {
        files,
        warnings: lowered.warnings,
        stats: lowered.stats,
        tag_features,
    })
}
