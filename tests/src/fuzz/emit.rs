//! Writes a document tree as text: JSON (compact or indented) or block-style YAML.
//!
//! Both writers are the fuzzer's own because the tree's numbers are literals that no serde
//! serializer would write unchanged, and because the YAML writer must quote every string so
//! that what is a string in the tree stays a string in the text.

use super::tree::Node;

/// The syntax an input is written in. The generator reads text starting with `{` as JSON and
/// anything else as YAML, so each format exercises a different parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON on one line.
    Json,
    /// JSON with two-space indentation, so that errors have useful lines and columns.
    JsonPretty,
    /// Block-style YAML.
    Yaml,
}

/// The text of `node` in `format`.
pub fn render(node: &Node, format: Format) -> String {
    let mut out = String::new();
    match format {
        Format::Json => json(node, None, &mut out),
        Format::JsonPretty => json(node, Some(0), &mut out),
        Format::Yaml => {
            yaml_document(node, &mut out);
        }
    }
    out
}

/// Writes `node` as JSON; `indent` is the current indentation when pretty-printing.
fn json(node: &Node, indent: Option<usize>, out: &mut String) {
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
        Node::Number(literal) => out.push_str(literal),
        Node::String(text) => json_string(text, out),
        Node::Array(items) => {
            json_container(out, indent, '[', ']', items.len(), |index, inner, out| {
                json(&items[index], inner, out)
            })
        }
        Node::Object(entries) => {
            json_container(out, indent, '{', '}', entries.len(), |index, inner, out| {
                json_string(&entries[index].0, out);
                out.push_str(if inner.is_some() { ": " } else { ":" });
                json(&entries[index].1, inner, out);
            })
        }
    }
}

/// Writes the brackets, separators and indentation of a JSON container around `count`
/// members written by `member`.
fn json_container(
    out: &mut String,
    indent: Option<usize>,
    open: char,
    close: char,
    count: usize,
    mut member: impl FnMut(usize, Option<usize>, &mut String),
) {
    out.push(open);
    let inner = indent.map(|level| level + 2);
    for index in 0..count {
        if index > 0 {
            out.push(',');
        }
        if let Some(level) = inner {
            out.push('\n');
            out.push_str(&" ".repeat(level));
        }
        member(index, inner, out);
    }
    if let (Some(level), true) = (indent, count > 0) {
        out.push('\n');
        out.push_str(&" ".repeat(level));
    }
    out.push(close);
}

/// Writes a JSON string literal; serde_json's escaping is exactly JSON's.
fn json_string(text: &str, out: &mut String) {
    out.push_str(&serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned()));
}

/// Writes a whole YAML document.
fn yaml_document(node: &Node, out: &mut String) {
    match node {
        Node::Array(items) if !items.is_empty() => yaml_block(node, 0, out),
        Node::Object(entries) if !entries.is_empty() => yaml_block(node, 0, out),
        scalar => {
            yaml_inline(scalar, out);
            out.push('\n');
        }
    }
}

/// Writes a non-empty container as a block at `indent` columns; each line ends with a newline.
fn yaml_block(node: &Node, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match node {
        Node::Array(items) => {
            for item in items {
                out.push_str(&pad);
                out.push('-');
                yaml_value_after_marker(item, indent + 2, out);
            }
        }
        Node::Object(entries) => {
            for (key, value) in entries {
                out.push_str(&pad);
                yaml_key(key, out);
                out.push(':');
                yaml_value_after_marker(value, indent + 2, out);
            }
        }
        scalar => {
            out.push_str(&pad);
            yaml_inline(scalar, out);
            out.push('\n');
        }
    }
}

/// Writes the value after `key:` or `-`: a scalar or empty container on the same line, a
/// block on the following lines.
fn yaml_value_after_marker(value: &Node, indent: usize, out: &mut String) {
    if value.is_empty() {
        out.push(' ');
        yaml_inline(value, out);
        out.push('\n');
    } else {
        out.push('\n');
        yaml_block(value, indent, out);
    }
}

/// Writes a scalar or an empty container in flow style.
fn yaml_inline(node: &Node, out: &mut String) {
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
        Node::Number(literal) => out.push_str(literal),
        Node::String(text) => yaml_string(text, out),
        Node::Array(_) => out.push_str("[]"),
        Node::Object(_) => out.push_str("{}"),
    }
}

/// Writes a mapping key: a status code plainly, as specs usually write them (YAML then reads
/// it as an integer key, which the generator must accept), anything else quoted.
fn yaml_key(key: &str, out: &mut String) {
    let status_like = key.len() == 3
        && key.starts_with(['1', '2', '3', '4', '5'])
        && key.bytes().all(|byte| byte.is_ascii_digit());
    if status_like {
        out.push_str(key);
    } else {
        yaml_string(key, out);
    }
}

/// Writes a double-quoted YAML scalar, escaping every character YAML does not allow to appear
/// as it is.
fn yaml_string(text: &str, out: &mut String) {
    out.push('"');
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            printable if is_yaml_printable(printable) => out.push(printable),
            other if u32::from(other) <= 0xFFFF => {
                out.push_str(&format!("\\u{:04X}", u32::from(other)));
            }
            other => out.push_str(&format!("\\U{:08X}", u32::from(other))),
        }
    }
    out.push('"');
}

/// YAML 1.1's printable set (the `c-printable` production), minus the byte-order mark, which
/// the parser also refuses inside a document.
fn is_yaml_printable(character: char) -> bool {
    matches!(u32::from(character),
        0x20..=0x7E | 0x85 | 0xA0..=0xD7FF | 0xE000..=0xFEFE | 0xFF00..=0xFFFD | 0x10000..=0x10FFFF)
}
