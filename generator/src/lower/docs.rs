//! Documentation text: turning spec prose into rustdoc-safe Markdown and building the
//! generated sentences and notes.
//!
//! Spec descriptions are free text. Placed in rustdoc verbatim they can break `cargo doc`
//! (`<...>` reads as an unclosed HTML tag, `[...]` as a broken intra-doc link, bare URLs are
//! linted) and even `cargo test` (an indented or fenced block becomes a doctest). So every
//! line is trimmed, `\ < > [ ]` are escaped, URLs become autolinks, unbalanced backticks and
//! fences are escaped, and list continuations are indented under their item (Clippy's
//! `doc_lazy_continuation`). Inline code spans are kept as they are.

use indexmap::IndexMap;
use openapiv3::SchemaData;

use crate::ir::Docs;
use crate::settings::Settings;

/// Docs from the document's text alone: empty when it has none, since a sentence that only
/// repeats an item's name tells the reader nothing.
pub(super) fn described(text: Option<String>) -> Docs {
    Docs {
        text: text.unwrap_or_default(),
        notes: Vec::new(),
    }
}

/// Builds docs from optional spec text and a fallback sentence used when there is none, for
/// items whose generated sentence says something the name does not (where an inline type
/// sits, which code a variant stands for).
pub(super) fn docs(text: Option<String>, fallback: impl FnOnce() -> String) -> Docs {
    Docs {
        text: text.unwrap_or_else(fallback),
        notes: Vec::new(),
    }
}

/// The sanitized `title` and `description` of a schema, joined as paragraphs.
pub(super) fn schema_text(data: &SchemaData) -> Option<String> {
    join_text(&[data.title.as_deref(), data.description.as_deref()])
}

/// Sanitizes and joins the non-empty pieces (a repeated piece is kept once).
pub(super) fn join_text(pieces: &[Option<&str>]) -> Option<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    for piece in pieces.iter().flatten() {
        let text = sanitize(piece);
        if !text.is_empty() && !paragraphs.contains(&text) {
            paragraphs.push(text);
        }
    }
    (!paragraphs.is_empty()).then(|| paragraphs.join("\n\n"))
}

/// How vendor extensions reach the docs, from [`Settings`]: some become labelled
/// paragraphs, some are kept out, and (on operations) the other string-valued ones are shown
/// as they are.
#[derive(Debug, Clone, Copy)]
pub(in crate::lower) struct ExtensionDocs<'settings> {
    labelled: &'settings [(String, String)],
    hidden: &'settings [String],
}

impl<'settings> ExtensionDocs<'settings> {
    pub(in crate::lower) fn new(settings: &'settings Settings) -> Self {
        ExtensionDocs {
            labelled: settings.labelled_extensions(),
            hidden: settings.hidden_extensions(),
        }
    }

    /// The labelled paragraphs (`Reconstructed: why`) of the extensions set, in the order the
    /// settings name them.
    pub(in crate::lower) fn notes(
        self,
        extensions: &IndexMap<String, serde_json::Value>,
    ) -> Vec<String> {
        self.labelled
            .iter()
            .filter_map(|(key, label)| {
                let value = extensions.get(key)?;
                let text = match value {
                    serde_json::Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                Some(format!("{label}: {}", sanitize(&text)))
            })
            .collect()
    }

    /// Whether an extension is shown under its own key: neither labelled nor hidden.
    pub(in crate::lower) fn shows_as_is(self, key: &str) -> bool {
        // `x-generator-*` are the loader's own notes on the document, never the API's.
        !key.starts_with("x-generator-")
            && !self.hidden.iter().any(|hidden| hidden == key)
            && !self.labelled.iter().any(|(labelled, _)| labelled == key)
    }
}

/// `text` sanitized onto one line (line breaks become spaces), or `fallback` when nothing
/// is left, for places such as a title that rustdoc shows inline.
pub(super) fn one_line(text: &str, fallback: &str) -> String {
    let joined: Vec<&str> = text.split_whitespace().collect();
    let clean = sanitize(&joined.join(" "));
    if clean.is_empty() {
        fallback.to_owned()
    } else {
        clean
    }
}

/// The note naming a schema's `format`.
pub(super) fn format_note(format: &str) -> String {
    format!("Format: {}.", code(format))
}

/// An inline code span showing `text` literally, whatever backticks it contains.
pub(super) fn code(text: &str) -> String {
    let clean = without_controls(text);
    if clean.is_empty() {
        "\"\"".to_owned()
    } else if clean.contains('`') {
        format!("`` {} ``", clean.replace("``", "` `"))
    } else {
        format!("`{clean}`")
    }
}

/// Turns free text into rustdoc-safe Markdown (see the module docs for the rules).
pub(super) fn sanitize(text: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut list_indent: Option<usize> = None;
    for raw_line in text.lines() {
        let line = clean_line(raw_line);
        if line.is_empty() {
            if lines.last().is_some_and(|last| !last.is_empty()) {
                lines.push(String::new());
            }
            list_indent = None;
            continue;
        }
        let escaped = sanitize_line(&line);
        if let Some(width) = list_marker_width(&line) {
            list_indent = Some(width);
            lines.push(escaped);
        } else if let Some(width) = list_indent {
            lines.push(format!("{}{escaped}", " ".repeat(width)));
        } else {
            lines.push(escaped);
        }
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines.join("\n")
}

/// Trims the line and replaces tabs and other control characters with spaces.
fn clean_line(line: &str) -> String {
    without_controls(line).trim().to_owned()
}

/// `text` with tabs and other control characters replaced by spaces: rustdoc and inline code
/// spans must stay on one line and render as written.
fn without_controls(text: &str) -> String {
    text.chars()
        .map(|character| {
            if character.is_control() {
                ' '
            } else {
                character
            }
        })
        .collect()
}

/// The width of a list marker (`- `, `* `, `+ `, `1. `, `1) `) starting the line.
fn list_marker_width(line: &str) -> Option<usize> {
    // The item's text starts after the marker and all the spaces that follow it (`*   text`
    // continues four columns in), which is where continuation lines must be indented to.
    let spaces_after = |marker: usize| {
        line[marker..]
            .bytes()
            .take_while(|byte| *byte == b' ')
            .count()
    };
    if ["- ", "* ", "+ "]
        .iter()
        .any(|marker| line.starts_with(marker))
    {
        return Some(1 + spaces_after(1));
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    (digits > 0 && digits <= 9 && (rest.starts_with(". ") || rest.starts_with(") ")))
        .then(|| digits + 1 + spaces_after(digits + 1))
}

/// Escapes one trimmed line, keeping balanced inline code spans verbatim.
fn sanitize_line(line: &str) -> String {
    // A leading `~~~` would open a fenced code block, which rustdoc runs as a doctest.
    let mut output = if line.starts_with("~~~") {
        "\\".to_owned()
    } else {
        String::new()
    };
    if line.matches('`').count() % 2 == 1 {
        output.push_str(&escape_text(&line.replace('`', "\u{0}")).replace('\u{0}', "\\`"));
        return output;
    }
    for (position, piece) in line.split('`').enumerate() {
        if position % 2 == 1 {
            output.push('`');
            output.push_str(piece);
            output.push('`');
        } else {
            output.push_str(&escape_text(piece));
        }
    }
    output
}

/// Escapes Markdown punctuation that rustdoc would misread and wraps URLs as autolinks.
fn escape_text(text: &str) -> String {
    let mut output = String::new();
    let mut rest = text;
    while let Some(start) = find_url(rest) {
        output.push_str(&escape_punctuation(&rest[..start]));
        let length = url_length(&rest[start..]);
        output.push('<');
        output.push_str(&rest[start..start + length]);
        output.push('>');
        rest = &rest[start + length..];
    }
    output.push_str(&escape_punctuation(rest));
    output
}

fn find_url(text: &str) -> Option<usize> {
    let candidates = [text.find("https://"), text.find("http://")];
    candidates.into_iter().flatten().min()
}

/// The length of the URL at the start of `text`: up to whitespace or a character that cannot
/// appear in an autolink, without trailing sentence punctuation or an unbalanced `)`.
fn url_length(text: &str) -> usize {
    let mut end = text
        .find(|character: char| {
            character.is_whitespace() || "<>\"'`\\[]{}|^\u{0}".contains(character)
        })
        .unwrap_or(text.len());
    loop {
        let url = &text[..end];
        let unbalanced_paren =
            url.ends_with(')') && url.matches(')').count() > url.matches('(').count();
        if url.ends_with(['.', ',', ';', ':', '!', '?']) || unbalanced_paren {
            end -= 1;
        } else {
            return end;
        }
    }
}

fn escape_punctuation(text: &str) -> String {
    let mut output = String::with_capacity(text.len());
    for character in text.chars() {
        if matches!(character, '\\' | '<' | '>' | '[' | ']') {
            output.push('\\');
        }
        output.push(character);
    }
    output
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizes_free_text() {
        let cases = [
            ("Plain text.", "Plain text."),
            ("  Indented\n\tcode-like line  ", "Indented\ncode-like line"),
            (
                "Returns <Invoice> or [none].",
                "Returns \\<Invoice\\> or \\[none\\].",
            ),
            ("Use `Vec<T>` here.", "Use `Vec<T>` here."),
            ("Odd ` backtick <x>", "Odd \\` backtick \\<x\\>"),
            (
                "See https://example.com/a_(b).",
                "See <https://example.com/a_(b)>.",
            ),
            ("(see http://x.io/docs)", "(see <http://x.io/docs>)"),
            ("[docs](https://x.io)", "\\[docs\\](<https://x.io>)"),
            ("C:\\path", "C:\\\\path"),
            ("```\nlet x = 1;\n```", "\\`\\`\\`\nlet x = 1;\n\\`\\`\\`"),
            ("~~~\ncode\n~~~", "\\~~~\ncode\n\\~~~"),
            ("a\n\n\n\nb\n\n", "a\n\nb"),
            (
                "Items:\n- one\ncontinued\n\nAfter",
                "Items:\n- one\n  continued\n\nAfter",
            ),
            ("1. first\n10. tenth\nmore", "1. first\n10. tenth\n    more"),
            (
                "*   spaced marker\ncontinued",
                "*   spaced marker\n    continued",
            ),
            ("> quoted", "\\> quoted"),
        ];
        for (input, expected) in cases {
            assert_eq!(sanitize(input), expected, "sanitizing {input:?}");
        }
    }

    #[test]
    fn builds_code_spans_and_notes() {
        assert_eq!(code("signatureRequestID"), "`signatureRequestID`");
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(code(""), "\"\"");
        assert_eq!(format_note("int64"), "Format: `int64`.");
        assert_eq!(
            join_text(&[Some("Title"), Some(" Title "), Some("Body")]).as_deref(),
            Some("Title\n\nBody")
        );
        assert_eq!(join_text(&[None, Some("  ")]), None);
    }
}
