//! Two surfaces → a report: each change classified for the crate's users, from the Rust side
//! (a signature or a type) and the wire side (a path, a status, a value), and the semantic
//! version the changes call for.
//!
//! Breaking: anything removed or renamed, a type changed, an input or field made required
//! (or a required one made optional, which changes its Rust type to `Option`), a required
//! input or field added, a route or scope changed. Additive: a new operation, model, optional
//! input or field, enum value, error code or response status, and a deprecation.
//! Documentation: only an item's docs changed.

use std::collections::BTreeMap;
use std::fmt;

use super::render::heading;
use super::{Entry, Kind};

/// How a change affects the crate's users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Code or requests that worked may not compile or work any more.
    Breaking,
    /// Something new; what worked still works.
    Additive,
    /// Only documentation changed.
    Documentation,
}

/// The semantic-version bump the changes call for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// Nothing or documentation only.
    Patch,
    /// Additions only.
    Minor,
    /// At least one breaking change.
    Major,
}

impl fmt::Display for Verdict {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            Verdict::Patch => "patch",
            Verdict::Minor => "minor",
            Verdict::Major => "major",
        })
    }
}

impl fmt::Display for Class {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            Class::Breaking => "breaking",
            Class::Additive => "additive",
            Class::Documentation => "documentation",
        })
    }
}

/// One change between two surfaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// How it affects users.
    pub class: Class,
    /// What kind of item changed.
    pub kind: Kind,
    /// The item.
    pub key: String,
    /// What happened to it, in words.
    pub what: String,
    /// The fact before, if the item existed.
    pub before: Option<String>,
    /// The fact after, if the item exists.
    pub after: Option<String>,
}

/// Every change between two surfaces, breaking ones first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// The changes, sorted by class, kind and item.
    pub changes: Vec<Change>,
}

/// Compares the surface `before` with `after`.
pub fn diff(before: &[Entry], after: &[Entry]) -> Report {
    let index = |entries: &[Entry]| -> BTreeMap<(Kind, String), String> {
        entries
            .iter()
            .map(|entry| ((entry.kind, entry.key.clone()), entry.value.clone()))
            .collect()
    };
    let (old, new) = (index(before), index(after));
    let mut changes = Vec::new();
    for ((kind, key), old_value) in &old {
        match new.get(&(*kind, key.clone())) {
            None => changes.push(classify(*kind, key, Some(old_value), None)),
            Some(new_value) if new_value != old_value => {
                changes.push(classify(*kind, key, Some(old_value), Some(new_value)));
            }
            Some(_) => {}
        }
    }
    for ((kind, key), new_value) in &new {
        if !old.contains_key(&(*kind, key.clone())) {
            changes.push(classify(*kind, key, None, Some(new_value)));
        }
    }
    changes.sort_by(|left, right| {
        (left.class, left.kind, &left.key).cmp(&(right.class, right.kind, &right.key))
    });
    Report { changes }
}

/// Classifies one change of one entry.
fn classify(kind: Kind, key: &str, before: Option<&String>, after: Option<&String>) -> Change {
    let (class, what) = match (kind, before, after) {
        (Kind::Doc, _, _) => (Class::Documentation, "documentation changed".to_owned()),
        (_, None, Some(value)) => added(kind, value),
        (_, Some(_), None) => (Class::Breaking, format!("{} removed", noun(kind))),
        (_, Some(old), Some(new)) => changed(kind, old, new),
        (_, None, None) => (Class::Documentation, "unchanged".to_owned()),
    };
    Change {
        class,
        kind,
        key: key.to_owned(),
        what,
        before: before.cloned(),
        after: after.cloned(),
    }
}

fn noun(kind: Kind) -> &'static str {
    match kind {
        Kind::Operation => "operation",
        Kind::Webhook => "webhook",
        Kind::Input => "input",
        Kind::Response => "response",
        Kind::Model => "model",
        Kind::Field => "field",
        Kind::Value => "enum value",
        Kind::Code => "error code",
        Kind::Doc => "documentation",
    }
}

/// Whether a field's or input's fact says it is required.
fn is_required(value: &str) -> bool {
    value.split(", ").any(|part| part == "required")
}

fn added(kind: Kind, value: &str) -> (Class, String) {
    match kind {
        Kind::Input | Kind::Field if is_required(value) => {
            (Class::Breaking, format!("new required {}", noun(kind)))
        }
        Kind::Input | Kind::Field => (Class::Additive, format!("new optional {}", noun(kind))),
        Kind::Response => (Class::Additive, "new response status".to_owned()),
        other => (Class::Additive, format!("new {}", noun(other))),
    }
}

/// A fact's parts without the required/optional and deprecated markers, to tell a type change
/// from a change of those alone.
fn core(value: &str) -> Vec<&str> {
    value
        .split(", ")
        .filter(|part| !matches!(*part, "required" | "optional" | "deprecated"))
        .collect()
}

fn changed(kind: Kind, old: &str, new: &str) -> (Class, String) {
    let deprecated_only = old.replace(", deprecated", "").replace("; deprecated", "")
        == new.replace(", deprecated", "").replace("; deprecated", "");
    if deprecated_only {
        return (Class::Additive, format!("{} deprecated", noun(kind)));
    }
    match kind {
        Kind::Input | Kind::Field if core(old) == core(new) => {
            if is_required(new) {
                (
                    Class::Breaking,
                    format!("optional {} made required", noun(kind)),
                )
            } else {
                (
                    Class::Breaking,
                    format!(
                        "required {} made optional (its Rust type changes)",
                        noun(kind)
                    ),
                )
            }
        }
        Kind::Input | Kind::Field => (
            Class::Breaking,
            format!("{}'s type or wire name changed", noun(kind)),
        ),
        Kind::Operation => (
            Class::Breaking,
            "method, path, signature or scope changed".to_owned(),
        ),
        Kind::Response => (Class::Breaking, "response type changed".to_owned()),
        other => (Class::Breaking, format!("{} changed", noun(other))),
    }
}

impl Report {
    /// The version bump the changes call for.
    pub fn verdict(&self) -> Verdict {
        if self
            .changes
            .iter()
            .any(|change| change.class == Class::Breaking)
        {
            Verdict::Major
        } else if self
            .changes
            .iter()
            .any(|change| change.class == Class::Additive)
        {
            Verdict::Minor
        } else {
            Verdict::Patch
        }
    }

    /// How many changes of a class.
    fn count(&self, class: Class) -> usize {
        self.changes
            .iter()
            .filter(|change| change.class == class)
            .count()
    }

    /// The closing line: the verdict and the counts.
    fn summary(&self) -> String {
        format!(
            "verdict: {} ({} breaking, {} additive, {} documentation)",
            self.verdict(),
            self.count(Class::Breaking),
            self.count(Class::Additive),
            self.count(Class::Documentation)
        )
    }

    /// A plain-text report, one change per line, then the verdict.
    pub fn render_text(&self) -> String {
        let mut lines: Vec<String> = self
            .changes
            .iter()
            .map(|change| {
                format!(
                    "{}: {} `{}`: {}{}",
                    change.class,
                    noun(change.kind),
                    change.key,
                    change.what,
                    transition(change)
                )
            })
            .collect();
        if lines.is_empty() {
            lines.push("no change to the API surface".to_owned());
        }
        lines.push(self.summary());
        lines.join("\n") + "\n"
    }

    /// A Markdown block fit to paste into a pull request.
    pub fn render_markdown(&self) -> String {
        let mut text = format!("### API changes: {}\n\n", self.summary());
        if self.changes.is_empty() {
            text.push_str("No change to the API surface.\n");
            return text;
        }
        text.push_str("| class | item | change | before | after |\n|---|---|---|---|---|\n");
        for change in &self.changes {
            text.push_str(&format!(
                "| {} | {} `{}` | {} | {} | {} |\n",
                change.class,
                noun(change.kind),
                change.key,
                change.what,
                cell(change.before.as_deref()),
                cell(change.after.as_deref())
            ));
        }
        text.push_str(&format!(
            "\nSections of the surface touched: {}.\n",
            touched(&self.changes)
        ));
        text
    }
}

/// ` (was …, now …)` for a change with both sides.
fn transition(change: &Change) -> String {
    match (&change.before, &change.after) {
        (Some(before), Some(after)) => format!(" (was {before}; now {after})"),
        _ => String::new(),
    }
}

/// A table cell: the text with pipes escaped, or a dash.
fn cell(text: Option<&str>) -> String {
    text.map_or_else(|| "–".to_owned(), |text| text.replace('|', "\\|"))
}

/// The sections of the surface (as `API.md` lists them) the changes touch, in order.
fn touched(changes: &[Change]) -> String {
    let mut kinds: Vec<Kind> = changes.iter().map(|change| change.kind).collect();
    kinds.sort();
    kinds.dedup();
    kinds
        .into_iter()
        .map(heading)
        .collect::<Vec<_>>()
        .join(", ")
}
