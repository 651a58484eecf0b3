//! The runtime every generated crate carries in `src/runtime/`: the transport, requests and
//! their parameter styles, response decoders, errors, retry, redirects, TLS, authentication,
//! multipart bodies, exact decimals, union support, `DateTime` and the mock server (compiled
//! only with the generated crate's `mock` feature). Its one source is the
//! `openapi-client-runtime` crate in `generator/runtime/`, where it is compiled and tested;
//! its files are embedded here and written out with the `@generated` header and without
//! their test modules.

/// Each runtime file: its path in the generated crate and its source. A file added to
/// `generator/runtime/src` must be listed here; a test fails until it is.
const RUNTIME_FILES: &[(&str, &str)] = &[
    (
        "src/runtime/mod.rs",
        include_str!("../../runtime/src/lib.rs"),
    ),
    (
        "src/runtime/api_errors.rs",
        include_str!("../../runtime/src/api_errors.rs"),
    ),
    (
        "src/runtime/auth.rs",
        include_str!("../../runtime/src/auth.rs"),
    ),
    (
        "src/runtime/build_error.rs",
        include_str!("../../runtime/src/build_error.rs"),
    ),
    (
        "src/runtime/builder.rs",
        include_str!("../../runtime/src/builder.rs"),
    ),
    (
        "src/runtime/datetime.rs",
        include_str!("../../runtime/src/datetime.rs"),
    ),
    (
        "src/runtime/datetime/parse.rs",
        include_str!("../../runtime/src/datetime/parse.rs"),
    ),
    (
        "src/runtime/decimal.rs",
        include_str!("../../runtime/src/decimal.rs"),
    ),
    (
        "src/runtime/decode.rs",
        include_str!("../../runtime/src/decode.rs"),
    ),
    (
        "src/runtime/error.rs",
        include_str!("../../runtime/src/error.rs"),
    ),
    (
        "src/runtime/events.rs",
        include_str!("../../runtime/src/events.rs"),
    ),
    (
        "src/runtime/missing.rs",
        include_str!("../../runtime/src/missing.rs"),
    ),
    (
        "src/runtime/mock.rs",
        include_str!("../../runtime/src/mock.rs"),
    ),
    (
        "src/runtime/mock/expectation.rs",
        include_str!("../../runtime/src/mock/expectation.rs"),
    ),
    (
        "src/runtime/mock/received.rs",
        include_str!("../../runtime/src/mock/received.rs"),
    ),
    (
        "src/runtime/mock/serve.rs",
        include_str!("../../runtime/src/mock/serve.rs"),
    ),
    (
        "src/runtime/mock/spec.rs",
        include_str!("../../runtime/src/mock/spec.rs"),
    ),
    (
        "src/runtime/multipart.rs",
        include_str!("../../runtime/src/multipart.rs"),
    ),
    (
        "src/runtime/open_enum.rs",
        include_str!("../../runtime/src/open_enum.rs"),
    ),
    (
        "src/runtime/pages.rs",
        include_str!("../../runtime/src/pages.rs"),
    ),
    (
        "src/runtime/problem.rs",
        include_str!("../../runtime/src/problem.rs"),
    ),
    (
        "src/runtime/raw.rs",
        include_str!("../../runtime/src/raw.rs"),
    ),
    (
        "src/runtime/redirect.rs",
        include_str!("../../runtime/src/redirect.rs"),
    ),
    (
        "src/runtime/request.rs",
        include_str!("../../runtime/src/request.rs"),
    ),
    (
        "src/runtime/response.rs",
        include_str!("../../runtime/src/response.rs"),
    ),
    (
        "src/runtime/retry.rs",
        include_str!("../../runtime/src/retry.rs"),
    ),
    (
        "src/runtime/style.rs",
        include_str!("../../runtime/src/style.rs"),
    ),
    (
        "src/runtime/tls.rs",
        include_str!("../../runtime/src/tls.rs"),
    ),
    (
        "src/runtime/transport.rs",
        include_str!("../../runtime/src/transport.rs"),
    ),
    (
        "src/runtime/transport/events.rs",
        include_str!("../../runtime/src/transport/events.rs"),
    ),
    (
        "src/runtime/union.rs",
        include_str!("../../runtime/src/union.rs"),
    ),
];

/// The runtime's files as a generated crate gets them: path and text, header not included.
pub(crate) fn runtime_files() -> impl Iterator<Item = (&'static str, String)> {
    RUNTIME_FILES
        .iter()
        .map(|(path, source)| (*path, strip_test_modules(source)))
}

/// Removes the unit tests, which stay in `generator/runtime`: every `#[cfg(test)]` followed by
/// `mod tests;` or by an inline `mod tests { … }` that ends at the next line holding only `}`
/// (the runtime is rustfmt-formatted, so an inline module at the top level closes there).
fn strip_test_modules(source: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let mut lines = source.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim_end() != "#[cfg(test)]" {
            kept.push(line);
            continue;
        }
        match lines.peek().map(|next| next.trim_end()) {
            Some("mod tests;") => {
                lines.next();
            }
            Some("mod tests {") => {
                for inner in lines.by_ref() {
                    if inner.trim_end() == "}" {
                        break;
                    }
                }
            }
            _ => kept.push(line),
        }
    }
    while kept.last().is_some_and(|line| line.trim().is_empty()) {
        kept.pop();
    }
    // A `#[cfg(test)] mod tests;` at the top of a file leaves a blank line behind its `//!`
    // docs; two blank lines in a row would be a rustfmt difference, so they collapse.
    let mut text = String::with_capacity(source.len());
    let mut previous_blank = false;
    for line in kept {
        let blank = line.trim().is_empty();
        if !(blank && previous_blank) {
            text.push_str(line);
            text.push('\n');
        }
        previous_blank = blank;
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_inline_and_out_of_line_test_modules() {
        let source = "//! Doc.\n\n#[cfg(test)]\nmod tests;\n\nfn a() {}\n\n#[cfg(test)]\nmod tests {\n    fn b() {\n    }\n}\n";
        assert_eq!(strip_test_modules(source), "//! Doc.\n\nfn a() {}\n");
    }

    #[test]
    fn no_shipped_file_keeps_test_code_or_crate_paths() {
        for (path, text) in runtime_files() {
            assert!(!text.contains("cfg(test)"), "{path} keeps test code");
            // In a generated crate the runtime is a module, not the crate root, so its files
            // must reach each other through `super::`, never `crate::`.
            assert!(!text.contains("crate::"), "{path} names `crate::`");
            assert!(text.ends_with('\n') && !text.ends_with("\n\n"), "{path}");
        }
    }

    #[test]
    fn every_runtime_source_file_is_shipped() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime/src");
        let mut on_disk = Vec::new();
        let mut pending = vec![root.clone()];
        while let Some(directory) = pending.pop() {
            for entry in std::fs::read_dir(&directory).expect("runtime/src is readable") {
                let path = entry.expect("directory entry").path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.file_name().is_some_and(|name| name != "tests.rs") {
                    let relative = path.strip_prefix(&root).expect("under root");
                    on_disk.push(relative.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        let mut shipped: Vec<String> = RUNTIME_FILES
            .iter()
            .map(|(path, _)| match path.strip_prefix("src/runtime/") {
                Some("mod.rs") => "lib.rs".to_owned(),
                Some(rest) => rest.to_owned(),
                None => (*path).to_owned(),
            })
            .collect();
        on_disk.sort();
        shipped.sort();
        assert_eq!(on_disk, shipped);
    }
}
