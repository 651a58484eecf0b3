//! JSON pointers (RFC 6901) into the spec, used to locate every error and inline schema, and
//! to follow `$ref`s, which are URI fragments (RFC 3986: percent-encoded) holding a pointer.

/// The pointer to the member `key` of the value at `parent`, escaping `~` and `/`.
pub(crate) fn child(parent: &str, key: &str) -> String {
    let mut pointer = String::with_capacity(parent.len() + key.len() + 1);
    pointer.push_str(parent);
    pointer.push('/');
    for character in key.chars() {
        match character {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            other => pointer.push(other),
        }
    }
    pointer
}

/// The pointer to the array element `index` of the value at `parent`.
pub(crate) fn index(parent: &str, index: usize) -> String {
    format!("{parent}/{index}")
}

/// Decodes one escaped pointer segment (`~1` is `/`, `~0` is `~`).
pub(crate) fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// The segments of a local `$ref` (`#/components/schemas/e%20f` → `components`, `schemas`,
/// `e f`): the fragment is percent-decoded first (a URI), then split and unescaped (a
/// pointer). `None` for a reference that is not local (`other.yaml#/x`) or not valid UTF-8
/// once decoded.
pub(crate) fn local_reference_segments(reference: &str) -> Option<Vec<String>> {
    let fragment = reference.strip_prefix('#')?;
    let decoded = percent_encoding::percent_decode_str(fragment)
        .decode_utf8()
        .ok()?;
    if decoded.is_empty() {
        return Some(Vec::new());
    }
    let rest = decoded.strip_prefix('/')?;
    Some(rest.split('/').map(unescape).collect())
}

/// The canonical pointer (`#/a/b`) of a local `$ref`, so that `#/components/schemas/e%20f`
/// and `#/components/schemas/e f` name the same place.
pub(crate) fn canonical_reference(reference: &str) -> Option<String> {
    let segments = local_reference_segments(reference)?;
    Some(
        segments
            .iter()
            .fold("#".to_owned(), |pointer, segment| child(&pointer, segment)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_unescapes_segments() {
        let cases = [
            ("#", "Invoice", "#/Invoice"),
            ("#/paths", "/invoices/{id}", "#/paths/~1invoices~1{id}"),
            ("#", "a~b", "#/a~0b"),
            ("#", "~1", "#/~01"),
        ];
        for (parent, key, expected) in cases {
            let pointer = child(parent, key);
            assert_eq!(pointer, expected);
            let segment = pointer.rsplit('/').next().unwrap_or_default();
            assert_eq!(unescape(segment), key);
        }
        assert_eq!(index("#/a", 3), "#/a/3");
    }

    #[test]
    fn decodes_references_as_uri_fragments_holding_pointers() {
        let cases: [(&str, Option<&[&str]>); 7] = [
            (
                "#/components/schemas/Pet",
                Some(&["components", "schemas", "Pet"]),
            ),
            (
                "#/components/schemas/e%20f",
                Some(&["components", "schemas", "e f"]),
            ),
            (
                "#/paths/~1v1~1%7Bid%7D/get",
                Some(&["paths", "/v1/{id}", "get"]),
            ),
            ("#/a~0b%7E1c", Some(&["a~b/c"])),
            ("#", Some(&[])),
            ("other.yaml#/components/schemas/Pet", None),
            ("#/bad%ff", None),
        ];
        for (reference, expected) in cases {
            let segments = local_reference_segments(reference);
            let expected: Option<Vec<String>> =
                expected.map(|segments| segments.iter().map(|s| (*s).to_owned()).collect());
            assert_eq!(segments, expected, "{reference}");
        }
        assert_eq!(
            canonical_reference("#/components/schemas/e%20f").as_deref(),
            Some("#/components/schemas/e f")
        );
    }
}
