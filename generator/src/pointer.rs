//! JSON pointers (RFC 6901) into the spec, used to locate every error and inline schema.

/// The pointer to the member `key` of the value at `parent`, escaping `~` and `/`.
pub(crate) fn child(parent: &str, key: &str) -> String {
    let escaped = key.replace('~', "~0").replace('/', "~1");
    format!("{parent}/{escaped}")
}

/// The pointer to the array element `index` of the value at `parent`.
pub(crate) fn index(parent: &str, index: usize) -> String {
    format!("{parent}/{index}")
}

/// Decodes one escaped pointer segment (`~1` is `/`, `~0` is `~`).
pub(crate) fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
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
}
