//! Parameter styles: how a path, query, header or cookie parameter's value is written, per the OpenAPI 3.0.3 "Style Values" table.
//!
//! A value is first serialized with serde_json and read back as a [`Node`] tree that keeps
//! each number's own text and each object's key order. Scalars are written as text: a string
//! as it is, a number as its JSON text, a boolean as `true` or `false`, and null as nothing.
//! Arrays and objects of scalars are then laid out as the style says, exploded or not. Where
//! the table has no entry, the choices are RFC 6570's (which the styles come from): an empty
//! array or object adds no query pair, no cookie and no header, and `spaceDelimited` or
//! `pipeDelimited` exploded is `form` exploded. `deepObject` writes nested objects as
//! `name[a][b]=value`; an array inside it has no agreed form, so it is refused.
//!
//! Encoding is the caller's part, per location: a path segment is percent-encoded here, item
//! by item, so that the style's delimiters stay literal and a value's own `,` or `;` cannot be
//! mistaken for one; query pairs are form-urlencoded whole by the URL builder (so a server
//! decoding the query sees exactly the table's text); header values are sent as they are;
//! cookie pieces are percent-encoded only where a cookie could not hold them.

#[cfg(test)]
mod tests;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::Serialize;
use serde_json::value::RawValue;

/// How a parameter is written, from its `style` in the API document; [`ParamStyle::JsonContent`]
/// stands for a parameter described by `content` rather than `schema`. The examples are the
/// text a server reads once it has decoded the query (on the wire, `blue%2Cblack`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamStyle {
    /// `simple`: `blue,black,brown` (path and header parameters).
    Simple,
    /// `label`: `.blue.black.brown` (path parameters).
    Label,
    /// `matrix`: `;color=blue,black,brown` (path parameters).
    Matrix,
    /// `form`: `color=blue&color=black` (query and cookie parameters).
    Form,
    /// `spaceDelimited`: `color=blue black` (query arrays and objects).
    SpaceDelimited,
    /// `pipeDelimited`: `color=blue|black` (query arrays and objects).
    PipeDelimited,
    /// `deepObject`: `color[R]=100&color[G]=200` (query objects).
    DeepObject,
    /// The value's JSON text as one value, for a parameter with `content: application/json`.
    JsonContent,
}

/// Whether an array or object parameter is written as one pair per item or property
/// (`explode: true` in the API document) or as one pair holding them all; a named value, so
/// that a generated call reads `Explode::Yes` rather than a bare `true`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Explode {
    /// One pair per item or property: `color=blue&color=black`.
    Yes,
    /// One pair for the whole value: `color=blue,black`.
    No,
}

impl Explode {
    /// Whether the value is exploded.
    pub(super) fn is_exploded(self) -> bool {
        self == Explode::Yes
    }
}

impl ParamStyle {
    /// The style's name as the API document writes it, for error messages.
    fn name(self) -> &'static str {
        match self {
            Self::Simple => "simple",
            Self::Label => "label",
            Self::Matrix => "matrix",
            Self::Form => "form",
            Self::SpaceDelimited => "spaceDelimited",
            Self::PipeDelimited => "pipeDelimited",
            Self::DeepObject => "deepObject",
            Self::JsonContent => "content",
        }
    }
}

/// A serialized value, read back with its numbers' text and its keys' order kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Node {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its JSON text.
    Number(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Node>),
    /// An object, its entries in the order they were written.
    Object(Vec<(String, Node)>),
}

/// A value ready to be styled: its JSON text and its tree.
pub(super) struct Serialized {
    /// The value's JSON text, for [`ParamStyle::JsonContent`].
    pub(super) json: String,
    /// The value as a tree, for the other styles.
    pub(super) node: Node,
}

/// Serializes `value` with serde_json and reads it back as a [`Node`].
///
/// Going through JSON text rather than `serde_json::Value` keeps the order of an object's
/// fields and the exact text of numbers (decimals written through `runtime::exact` included).
pub(super) fn serialize<T: Serialize + ?Sized>(value: &T) -> Result<Serialized, String> {
    let json = serde_json::to_string(value)
        .map_err(|error| format!("the value cannot be serialized: {error}"))?;
    let node =
        node_from_json(&json).map_err(|error| format!("the value cannot be read back: {error}"))?;
    Ok(Serialized { json, node })
}

/// Reads compact JSON text (as serde_json writes it) into a [`Node`], one level at a time.
fn node_from_json(text: &str) -> Result<Node, serde_json::Error> {
    Ok(match text.as_bytes().first() {
        Some(b'{') => {
            let Entries(entries) = serde_json::from_str(text)?;
            let mut nodes = Vec::with_capacity(entries.len());
            for (key, raw) in entries {
                nodes.push((key, node_from_json(raw.get())?));
            }
            Node::Object(nodes)
        }
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(text)?;
            let nodes: Result<Vec<Node>, _> = items
                .into_iter()
                .map(|raw| node_from_json(raw.get()))
                .collect();
            Node::Array(nodes?)
        }
        Some(b'"') => Node::String(serde_json::from_str(text)?),
        Some(b't') => Node::Bool(true),
        Some(b'f') => Node::Bool(false),
        Some(b'n') => Node::Null,
        _ => Node::Number(text.to_owned()),
    })
}

/// An object's entries in order, each value as its raw text.
pub(super) struct Entries<'a>(pub(super) Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Entries<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Collects the entries of a JSON object.
        struct EntriesVisitor;

        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries<'de>;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries<'de>, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }

        deserializer.deserialize_map(EntriesVisitor)
    }
}

/// The text of a scalar's raw JSON, by the same rule as [`scalar_text`], or `None` for an
/// array or an object.
pub(super) fn scalar_from_raw(raw: &RawValue) -> Option<String> {
    if raw.get().starts_with(['[', '{']) {
        return None;
    }
    scalar_text(node_from_json(raw.get()).ok()?)
}

/// A value as the flat styles see it: a scalar, or one level of scalars.
enum Flat {
    /// A scalar's text.
    Scalar(String),
    /// The texts of an array's items.
    List(Vec<String>),
    /// The keys and texts of an object's entries.
    Map(Vec<(String, String)>),
}

/// The text of a scalar, or `None` for an array or an object.
fn scalar_text(node: Node) -> Option<String> {
    match node {
        Node::Null => Some(String::new()),
        Node::Bool(flag) => Some(flag.to_string()),
        Node::Number(text) | Node::String(text) => Some(text),
        Node::Array(_) | Node::Object(_) => None,
    }
}

/// Flattens a value for `style`, refusing an array or object nested in another.
fn flat(node: Node, style: ParamStyle) -> Result<Flat, String> {
    let nested = || {
        format!(
            "the `{}` style can write a scalar, an array of scalars or an object of scalars, not a value nested deeper",
            style.name()
        )
    };
    Ok(match node {
        Node::Array(items) => Flat::List(
            items
                .into_iter()
                .map(|item| scalar_text(item).ok_or_else(nested))
                .collect::<Result<_, _>>()?,
        ),
        Node::Object(entries) => Flat::Map(
            entries
                .into_iter()
                .map(|(key, value)| Ok((key, scalar_text(value).ok_or_else(nested)?)))
                .collect::<Result<_, String>>()?,
        ),
        scalar => Flat::Scalar(scalar_text(scalar).ok_or_else(nested)?),
    })
}

/// The refusal of a style at a location the table does not give it.
fn misplaced(style: ParamStyle, location: &str) -> String {
    format!(
        "the `{}` style does not apply to a {location} parameter",
        style.name()
    )
}

/// Joins an object's entries: `R=100,G=200` exploded, `R,100,G,200` not.
fn join_entries(entries: &[(String, String)], explode: bool, separator: &str) -> String {
    let pieces: Vec<String> = if explode {
        entries
            .iter()
            .map(|(key, value)| format!("{key}={value}"))
            .collect()
    } else {
        entries
            .iter()
            .flat_map(|(key, value)| [key.clone(), value.clone()])
            .collect()
    };
    pieces.join(separator)
}

/// Encodes every piece of a flat value with `encode`, keys included.
fn encode_flat(value: Flat, encode: fn(&str) -> String) -> Flat {
    match value {
        Flat::Scalar(text) => Flat::Scalar(encode(&text)),
        Flat::List(items) => Flat::List(items.iter().map(|item| encode(item)).collect()),
        Flat::Map(entries) => Flat::Map(
            entries
                .iter()
                .map(|(key, value)| (encode(key), encode(value)))
                .collect(),
        ),
    }
}

/// The text of a path parameter's segment, percent-encoded, before any check of the segment.
pub(super) fn path_segment(
    name: &str,
    value: Serialized,
    style: ParamStyle,
    explode: bool,
) -> Result<String, String> {
    if style == ParamStyle::JsonContent {
        return Ok(encode_unreserved(&value.json));
    }
    let flat = encode_flat(flat(value.node, style)?, encode_unreserved);
    let name = encode_unreserved(name);
    Ok(match (style, flat) {
        (ParamStyle::Simple, Flat::Scalar(text)) => text,
        (ParamStyle::Simple, Flat::List(items)) => items.join(","),
        (ParamStyle::Simple, Flat::Map(entries)) => join_entries(&entries, explode, ","),
        (ParamStyle::Label, Flat::Scalar(text)) => format!(".{text}"),
        (ParamStyle::Label, Flat::List(items)) => prefixed(".", &items.join(".")),
        (ParamStyle::Label, Flat::Map(entries)) => {
            prefixed(".", &join_entries(&entries, explode, "."))
        }
        (ParamStyle::Matrix, Flat::Scalar(text)) => matrix(&name, &text),
        (ParamStyle::Matrix, Flat::List(items)) if explode => {
            items.iter().map(|item| matrix(&name, item)).collect()
        }
        (ParamStyle::Matrix, Flat::List(items)) if items.is_empty() => String::new(),
        (ParamStyle::Matrix, Flat::List(items)) => matrix(&name, &items.join(",")),
        (ParamStyle::Matrix, Flat::Map(entries)) if explode => entries
            .iter()
            .map(|(key, value)| matrix(key, value))
            .collect(),
        (ParamStyle::Matrix, Flat::Map(entries)) if entries.is_empty() => String::new(),
        (ParamStyle::Matrix, Flat::Map(entries)) => {
            matrix(&name, &join_entries(&entries, false, ","))
        }
        (other, _) => return Err(misplaced(other, "path")),
    })
}

/// `prefix` then `text`, or nothing for an empty array or object (RFC 6570's undefined).
fn prefixed(prefix: &str, text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!("{prefix}{text}")
    }
}

/// One matrix pair: `;name=value`, or `;name` for an empty value.
fn matrix(name: &str, value: &str) -> String {
    if value.is_empty() {
        format!(";{name}")
    } else {
        format!(";{name}={value}")
    }
}

/// The query pairs of a parameter, not yet encoded.
pub(super) fn query_pairs(
    name: &str,
    value: Serialized,
    style: ParamStyle,
    explode: bool,
) -> Result<Vec<(String, String)>, String> {
    let delimiter = match style {
        ParamStyle::JsonContent => return Ok(vec![(name.to_owned(), value.json)]),
        ParamStyle::DeepObject => return deep_object(name, value.node),
        ParamStyle::Form => ",",
        ParamStyle::SpaceDelimited => " ",
        ParamStyle::PipeDelimited => "|",
        other => return Err(misplaced(other, "query")),
    };
    Ok(form_pairs(
        name,
        flat(value.node, style)?,
        explode,
        delimiter,
    ))
}

/// The pairs of the `form` style and its delimited variants.
fn form_pairs(name: &str, value: Flat, explode: bool, delimiter: &str) -> Vec<(String, String)> {
    match value {
        Flat::Scalar(text) => vec![(name.to_owned(), text)],
        Flat::List(items) if explode => items
            .into_iter()
            .map(|item| (name.to_owned(), item))
            .collect(),
        Flat::Map(entries) if explode => entries,
        Flat::List(items) if items.is_empty() => Vec::new(),
        Flat::Map(entries) if entries.is_empty() => Vec::new(),
        Flat::List(items) => vec![(name.to_owned(), items.join(delimiter))],
        Flat::Map(entries) => vec![(name.to_owned(), join_entries(&entries, false, delimiter))],
    }
}

/// The pairs of the `deepObject` style: `name[key]=value`, `name[a][b]=value` when nested.
fn deep_object(name: &str, node: Node) -> Result<Vec<(String, String)>, String> {
    let mut pairs = Vec::new();
    match node {
        Node::Object(entries) => deep_entries(name, entries, &mut pairs)?,
        Node::Null => {}
        _ => return Err("the `deepObject` style can write only an object".to_owned()),
    }
    Ok(pairs)
}

/// Adds the pairs of an object's entries under `prefix`.
fn deep_entries(
    prefix: &str,
    entries: Vec<(String, Node)>,
    pairs: &mut Vec<(String, String)>,
) -> Result<(), String> {
    for (key, value) in entries {
        let name = format!("{prefix}[{key}]");
        match value {
            Node::Object(inner) => deep_entries(&name, inner, pairs)?,
            Node::Array(_) => {
                return Err(format!(
                    "the `deepObject` style has no defined form for the array at `{name}`"
                ))
            }
            scalar => pairs.push((name, scalar_text(scalar).unwrap_or_default())),
        }
    }
    Ok(())
}

/// A header parameter's value, or `None` for an empty array or object, which sends no header.
pub(super) fn header_value(
    value: Serialized,
    style: ParamStyle,
    explode: bool,
) -> Result<Option<String>, String> {
    match style {
        ParamStyle::JsonContent => Ok(Some(value.json)),
        ParamStyle::Simple => Ok(match flat(value.node, style)? {
            Flat::Scalar(text) => Some(text),
            Flat::List(items) if items.is_empty() => None,
            Flat::Map(entries) if entries.is_empty() => None,
            Flat::List(items) => Some(items.join(",")),
            Flat::Map(entries) => Some(join_entries(&entries, explode, ",")),
        }),
        other => Err(misplaced(other, "header")),
    }
}

/// A cookie parameter's `name=value` pairs, encoded for the `Cookie` header.
pub(super) fn cookie_pairs(
    name: &str,
    value: Serialized,
    style: ParamStyle,
    explode: bool,
) -> Result<Vec<String>, String> {
    let pairs = match style {
        ParamStyle::JsonContent => vec![(name.to_owned(), encode_cookie_value(&value.json))],
        ParamStyle::Form => {
            let flat = match flat(value.node, style)? {
                Flat::Map(entries) if explode => Flat::Map(
                    entries
                        .iter()
                        .map(|(key, text)| (encode_cookie_name(key), encode_cookie_value(text)))
                        .collect(),
                ),
                other => encode_flat(other, encode_cookie_value),
            };
            form_pairs(name, flat, explode, ",")
        }
        other => return Err(misplaced(other, "cookie")),
    };
    Ok(pairs
        .into_iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect())
}

/// Percent-encodes every byte of `text` for which `keep` is false.
fn percent_encode(text: &str, keep: fn(u8) -> bool) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if keep(byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push('%');
            encoded.push(char::from(HEX[usize::from(byte >> 4)]));
            encoded.push(char::from(HEX[usize::from(byte & 0x0F)]));
        }
    }
    encoded
}

/// RFC 3986's unreserved characters, the only ones a path parameter's value keeps as is.
fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes all but the unreserved characters, as RFC 6570 does for path styles.
pub(super) fn encode_unreserved(text: &str) -> String {
    percent_encode(text, is_unreserved)
}

/// Percent-encodes a literal segment of the path template: RFC 3986's `pchar` stays as it
/// is, and everything else (`/`, `?`, `#`, `%`, spaces, non-ASCII) is encoded.
pub(super) fn encode_path_literal(text: &str) -> String {
    percent_encode(text, |byte| {
        is_unreserved(byte) || b"!$&'()*+,;=:@".contains(&byte)
    })
}

/// Percent-encodes what a cookie value cannot hold (RFC 6265's `cookie-octet` excludes
/// spaces, `"`, `,`, `;`, `\`, controls and non-ASCII). Everything else is sent verbatim, so
/// that a token such as `abc+/=` reaches the server unchanged.
fn encode_cookie_value(text: &str) -> String {
    percent_encode(
        text,
        |byte| matches!(byte, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E),
    )
}

/// Percent-encodes what a cookie name (an HTTP token) cannot hold.
fn encode_cookie_name(text: &str) -> String {
    percent_encode(text, is_token)
}

/// Whether `byte` may appear in an HTTP token (RFC 9110 `tchar`).
pub(super) fn is_token(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}
