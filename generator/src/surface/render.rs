//! `API.md`: the surface as Markdown, one fact per line in sections by kind, so that a
//! reviewer reads a one-field change in the document as a one-line change here; and the way
//! back, from that text to the entries, so that a surface kept as text (a snapshot) can be
//! compared with a new one.

use super::{surface, Entry, Kind};
use crate::ir::Api;

/// The sections, in the order `API.md` lists them.
const SECTIONS: [Kind; 9] = [
    Kind::Operation,
    Kind::Webhook,
    Kind::Input,
    Kind::Response,
    Kind::Model,
    Kind::Field,
    Kind::Value,
    Kind::Code,
    Kind::Doc,
];

/// The surface of `api` as the Markdown text of `API.md` (without its `@generated` header
/// line): a title naming the crate, then one section per kind of fact and one line per fact.
pub fn render_markdown(api: &Api, crate_name: &str) -> String {
    let entries = surface(api);
    let mut text = format!(
        "# The API surface of `{crate_name}`\n\nEverything the crate offers its users, one fact \
         per line: a change to the API document shows up here as the lines it changes.\n"
    );
    for kind in SECTIONS {
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
        Kind::Webhook => "Webhooks",
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

/// Reads the entries back from text [`render_markdown`] wrote (lines before the first section,
/// such as a header or the title, are skipped). Values come back on one line, as the text
/// holds them, so compare two parsed texts with each other rather than a parsed text with
/// [`surface`](super::surface()).
///
/// # Errors
///
/// The line number and the line that is neither a section heading nor a fact.
pub fn parse_markdown(text: &str) -> Result<Vec<Entry>, String> {
    let mut kind = None;
    let mut entries = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if let Some(title) = line.strip_prefix("## ") {
            kind = Some(
                SECTIONS
                    .into_iter()
                    .find(|candidate| heading(*candidate) == title)
                    .ok_or_else(|| format!("line {}: unknown section `{title}`", index + 1))?,
            );
            continue;
        }
        let Some(kind) = kind else { continue };
        if line.trim().is_empty() {
            continue;
        }
        let fact = line
            .strip_prefix("- `")
            .and_then(|rest| rest.split_once("`: "))
            .ok_or_else(|| format!("line {}: not a fact line: {line:?}", index + 1))?;
        entries.push(Entry {
            kind,
            key: fact.0.to_owned(),
            value: fact.1.to_owned(),
        });
    }
    entries.sort();
    Ok(entries)
}
