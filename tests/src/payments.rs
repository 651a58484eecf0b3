//! The payments crate as this repository generates it: the one copy of its settings (used by
//! `cargo xtask codegen` and by the tests), and its review artefacts, the API surface and the
//! warnings as text, which `tests/tests/api_surface.rs` keeps as `insta` snapshots.

use std::path::Path;

/// The spec, relative to the workspace root; generated files name it in their header.
pub const SPEC: &str = "spec/openapi.yaml";
/// The command that regenerates the crate; generated files name it in their header.
pub const COMMAND: &str = "cargo xtask codegen";
/// The generated crate's directory, relative to the workspace root.
pub const OUTPUT_DIR: &str = "generated";
/// The generated crate's package name.
pub const CRATE_NAME: &str = "mykaarma-payments";
/// The generated crate's version.
pub const CRATE_VERSION: &str = "0.1.0";

/// The settings of `cargo xtask codegen`: strict, because this spec stays fully typed;
/// without `API.md`, because the surface snapshot under `tests/` is the one copy reviewers
/// read; and with the spec's provenance extensions (`spec/README.md`): `x-reconstructed` and
/// `x-source` become "Reconstructed:" and "Source:" paragraphs of the docs, `x-seed-pages`
/// (which scraped page a fact is from) stays in the spec.
pub fn settings() -> generator::Settings {
    generator::Settings::default()
        .with_labelled_extension("x-reconstructed", "Reconstructed")
        .with_labelled_extension("x-source", "Source")
        .with_hidden_extension("x-seed-pages")
        .with_crate_name(CRATE_NAME)
        .with_crate_version(CRATE_VERSION)
        .with_source_name(SPEC)
        .with_command(COMMAND)
        .with_deny_warnings(true)
        .with_surface_file(false)
}

/// What a reviewer reads of a spec change, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// The crate's API surface, one fact per line (the text the CLI writes as `API.md`).
    pub surface: String,
    /// Every warning of loading and lowering, one per line, or a line saying there is none.
    pub warnings: String,
}

/// The review text of a spec's text: its surface and its warnings, lowered without denying
/// warnings so that each one is listed rather than refused.
///
/// # Errors
///
/// Every problem of a document that does not load or lower, located.
pub fn review(spec_text: &str) -> Result<Review, String> {
    let document = generator::load(spec_text).map_err(|errors| errors.to_string())?;
    let lowered = generator::lower(&document, &settings()).map_err(|errors| errors.to_string())?;
    let warnings = if lowered.warnings.is_empty() {
        "no warnings: every schema is typed precisely".to_owned()
    } else {
        let lines: Vec<String> = lowered.warnings.iter().map(ToString::to_string).collect();
        lines.join("\n")
    };
    Ok(Review {
        surface: generator::surface::render_markdown(&lowered.api, CRATE_NAME),
        warnings,
    })
}

/// The API surface entries of a document's text, for `cargo xtask api-diff`.
///
/// # Errors
///
/// Every problem of a document that does not load or lower, located.
pub fn surface_of(spec_text: &str) -> Result<Vec<generator::surface::Entry>, String> {
    let document = generator::load(spec_text).map_err(|errors| errors.to_string())?;
    let lowered = generator::lower(&document, &settings()).map_err(|errors| errors.to_string())?;
    Ok(generator::surface::surface(&lowered.api))
}

/// The contents of an accepted `insta` snapshot file (what follows its `---` header), or
/// `None` when there is no such file yet.
pub fn accepted_snapshot(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let body = text.strip_prefix("---\n")?.split_once("\n---\n")?.1;
    Some(body.to_owned())
}

/// The api-diff report of a surface change, from the accepted surface text to the new one:
/// the verdict a reviewer sees beside the snapshot's diff. `None` when the two texts hold the
/// same facts.
///
/// # Errors
///
/// A line of either text that is not a surface fact.
pub fn surface_change(
    accepted: &str,
    new: &str,
) -> Result<Option<generator::surface::Report>, String> {
    let before = generator::surface::parse_markdown(accepted)
        .map_err(|error| format!("the accepted surface: {error}"))?;
    let after = generator::surface::parse_markdown(new)
        .map_err(|error| format!("the new surface: {error}"))?;
    let report = generator::surface::diff(&before, &after);
    Ok((!report.changes.is_empty()).then_some(report))
}
