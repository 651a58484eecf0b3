//! `API.md`: the surface as Markdown, one fact per line in sections by kind, so that a
//! reviewer reads a one-field change in the document as a one-line change here.

use super::{surface, Entry, Kind};
use crate::ir::Api;

/// The text of `API.md`, after its header line.
pub(crate) fn render_surface(api: &Api, crate_name: &str) -> String {
    let entries = surface(api);
    let mut text = format!(
        "# The API surface of `{crate_name}`\n\nEverything the crate offers its users, one fact \
         per line: a change to the API document shows up here as the lines it changes. \
         `cargo xtask api-diff` classifies such changes for semantic versioning.\n"
    );
    for kind in [
        Kind::Operation,
        Kind::Input,
        Kind::Response,
        Kind::Model,
        Kind::Field,
        Kind::Value,
        Kind::Code,
        Kind::Doc,
    ] {
        let section: Vec<&Entry> = entries.iter().filter(|entry| entry.kind == kind).collect();
        if section.is_empty() {
            continue;
        }
        text.push_str(&format!("\n## {}\n\n", heading(kind)));
        for entry in section {
            text.push_str(&format!("- `{}`: {}\n", entry.key, one_line(&entry.value)));
        }
    }
    text
}

/// A section's heading.
pub(super) fn heading(kind: Kind) -> &'static str {
    match kind {
        Kind::Operation => "Operations",
        Kind::Input => "Inputs",
        Kind::Response => "Responses",
        Kind::Model => "Models",
        Kind::Field => "Fields",
        Kind::Value => "Enum values and variants",
        Kind::Code => "Codes",
        Kind::Doc => "Documentation (first lines)",
    }
}

/// A value on one line, whatever the document wrote.
fn one_line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}
