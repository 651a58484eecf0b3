//! Media types: which of a `content` map's entries the client sends or decodes, and how.
//!
//! JSON (`application/json`, any `+json` type) is preferred. Documentation tools often print
//! `*/*` for a JSON body (the server decides the type), and its schema is still the body's
//! shape, so a wildcard is read as JSON too. Then form encodings, then text, then anything
//! else as raw bytes.

use indexmap::IndexMap;
use openapiv3::MediaType;

/// The essence of a media type: lowercase, without parameters such as `charset`.
pub(super) fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// How a body of one media type is carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum MediaKind {
    /// JSON, by its schema.
    Json,
    /// A wildcard read as JSON.
    Wildcard,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data` (and other multipart types).
    Multipart,
    /// `text/*`.
    Text,
    /// XML, which the client does not decode: raw bytes, with a warning.
    Xml,
    /// Anything else: raw bytes.
    Binary,
}

/// The kind of a media type.
pub(super) fn media_kind(media_type: &str) -> MediaKind {
    let essence = essence(media_type);
    match essence.as_str() {
        "application/json" | "text/json" => MediaKind::Json,
        "*/*" | "application/*" | "" => MediaKind::Wildcard,
        "application/x-www-form-urlencoded" => MediaKind::Form,
        _ if essence.ends_with("+json") || essence.ends_with("/json") => MediaKind::Json,
        _ if essence.starts_with("multipart/") => MediaKind::Multipart,
        _ if essence.ends_with("/xml") || essence.ends_with("+xml") => MediaKind::Xml,
        _ if essence.starts_with("text/") => MediaKind::Text,
        _ => MediaKind::Binary,
    }
}

/// The entry of `content` the client uses, by the preference order above (document order
/// among equals), with its kind.
pub(super) fn preferred(
    content: &IndexMap<String, MediaType>,
) -> Option<(&String, &MediaType, MediaKind)> {
    content
        .iter()
        .map(|(media_type, media)| (media_type, media, media_kind(media_type)))
        .min_by_key(|(_, _, kind)| *kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_media_types_into_kinds() {
        let cases = [
            ("application/json", MediaKind::Json),
            ("application/json; charset=utf-8", MediaKind::Json),
            ("application/vnd.github+json", MediaKind::Json),
            ("application/problem+json", MediaKind::Json),
            ("*/*", MediaKind::Wildcard),
            ("application/x-www-form-urlencoded", MediaKind::Form),
            ("multipart/form-data", MediaKind::Multipart),
            ("text/plain", MediaKind::Text),
            ("text/csv", MediaKind::Text),
            ("application/xml", MediaKind::Xml),
            ("application/octet-stream", MediaKind::Binary),
            ("image/png", MediaKind::Binary),
        ];
        for (media_type, expected) in cases {
            assert_eq!(media_kind(media_type), expected, "{media_type}");
        }
    }
}
