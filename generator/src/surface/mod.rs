//! The API surface: everything a generated crate offers its users, one fact per entry (an
//! operation's route, each input, each response, each model, field, enum value and error
//! code, and the first line of each item's docs), read from the IR.
//!
//! It is written into every crate as `API.md` (or kept by the caller elsewhere, such as in a
//! snapshot), where a one-field change in the document is a one-line change a reviewer reads;
//! [`parse_markdown`] reads that text back; and two surfaces are compared by [`diff`] into a report
//! that classifies each change for the crate's users (breaking, additive, documentation) and
//! gives the semantic-version verdict.

mod diff;
mod entries;
mod render;
mod types;

pub use diff::{diff, Change, Class, Report, Verdict};
pub use render::{parse_markdown, render_markdown};

use crate::ir::Api;

/// What kind of fact an entry states; the order is the order of sections in `API.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// An operation: its method, route and scope.
    Operation,
    /// A webhook the API sends: its name, method and payload type.
    Webhook,
    /// One input of an operation: where it goes, its type, whether it is required.
    Input,
    /// One documented response of an operation: its status and body type.
    Response,
    /// A model and its kind.
    Model,
    /// A struct field: wire name, type, required or optional, deprecated.
    Field,
    /// A value of a string or integer enum.
    Value,
    /// A named code of an integer enum (`x-enum-varnames`), such as an API error code.
    Code,
    /// The first line of an item's documentation.
    Doc,
}

/// One fact of the surface: `key` names the item (`get_invoice.limit`), `value` states the fact.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Entry {
    /// What kind of fact this is.
    pub kind: Kind,
    /// The item it is about, unique within its kind.
    pub key: String,
    /// The fact.
    pub value: String,
}

/// The surface of a lowered API, sorted by kind and key.
pub fn surface(api: &Api) -> Vec<Entry> {
    let mut entries = entries::entries(api);
    entries.sort();
    entries.dedup_by(|later, earlier| later.kind == earlier.kind && later.key == earlier.key);
    entries
}
