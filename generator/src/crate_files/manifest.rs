//! The generated crate's `Cargo.toml`: its package facts from [`Settings`] and the API
//! document, the dependencies its runtime needs at the versions it was tested with, the
//! features that choose its TLS backend, the `mock` feature and, for an API split by tag,
//! the parts it compiles.

use crate::ir::{Api, FeatureGates};
use crate::names;
use crate::settings::Settings;

/// The oldest Rust the generated crate builds with; written as its `rust-version`.
pub(crate) const RUST_VERSION: &str = "1.88";

/// The edition of the generated crate.
const EDITION: &str = "2021";

/// One dependency of every generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dependency {
    /// The crate's name on crates.io.
    pub(crate) name: &'static str,
    /// The version the runtime was tested with, written as a caret requirement.
    pub(crate) version: &'static str,
    /// Whether the crate's default features stay on.
    pub(crate) default_features: bool,
    /// The features turned on.
    pub(crate) features: &'static [&'static str],
    /// Whether the dependency is only built when a feature of the crate asks for it.
    pub(crate) optional: bool,
}

/// One feature of every generated crate: its name and what it turns on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Feature {
    /// The feature's name.
    pub(crate) name: &'static str,
    /// The features and optional dependencies it turns on.
    pub(crate) enables: &'static [&'static str],
}

/// What the runtime and the generated modules use, and nothing more. The versions are those
/// the workspace's `Cargo.lock` resolves for `generator/runtime`, which is where the runtime is
/// tested; `generator/tests/manifest.rs` fails when the two drift apart.
///
/// serde_json's `arbitrary_precision` (and rust_decimal's features that turn it on) must never
/// appear here: Cargo features are global, and that one breaks `untagged` and `flatten` in the
/// user's whole program. Decimals stay exact through `raw_value` instead (`runtime::exact`).
pub(crate) const DEPENDENCIES: &[Dependency] = &[
    Dependency {
        name: "base64",
        version: "0.23.1",
        default_features: true,
        features: &[],
        optional: false,
    },
    Dependency {
        name: "bytes",
        version: "1.12.1",
        default_features: true,
        features: &[],
        optional: false,
    },
    Dependency {
        name: "chrono",
        version: "0.4.45",
        default_features: false,
        features: &["std"],
        optional: false,
    },
    Dependency {
        name: "form_urlencoded",
        version: "1.2.2",
        default_features: true,
        features: &[],
        optional: false,
    },
    // The `Stream` trait of event streams and page streams, and `unfold` to make them;
    // already in the tree through hyper.
    Dependency {
        name: "futures-core",
        version: "0.3.34",
        default_features: false,
        features: &[],
        optional: false,
    },
    Dependency {
        name: "futures-util",
        version: "0.3.34",
        default_features: false,
        features: &[],
        optional: false,
    },
    // Reads `Retry-After` dates; already in the tree through hyper.
    Dependency {
        name: "httpdate",
        version: "1.0.3",
        default_features: true,
        features: &[],
        optional: false,
    },
    // The mock server (`mock` feature): hyper's HTTP/1 server, already in the tree (its
    // client half) through reqwest. A small server of its own rather than wiremock or
    // httpmock, which cannot drop a connection or cut a body short.
    Dependency {
        name: "hyper",
        version: "1.12.0",
        default_features: false,
        features: &["http1", "server"],
        optional: true,
    },
    // Drives hyper's connections on Tokio's sockets, for the mock server.
    Dependency {
        name: "hyper-util",
        version: "0.1.21",
        default_features: false,
        features: &["tokio"],
        optional: true,
    },
    // No TLS feature here: the crate's own features choose the backend (`FEATURES`).
    Dependency {
        name: "reqwest",
        version: "0.13.5",
        default_features: false,
        features: &[],
        optional: false,
    },
    Dependency {
        name: "rust_decimal",
        version: "1.43.0",
        default_features: false,
        features: &["serde", "std"],
        optional: false,
    },
    // With `ring` as its provider, for the default `rustls-ring` feature: reqwest 0.13 has
    // no feature for it, so the runtime builds the rustls configuration itself.
    Dependency {
        name: "rustls",
        version: "0.23.46",
        default_features: false,
        features: &["ring", "std", "tls12"],
        optional: true,
    },
    // The certificate verifier reqwest's own rustls setup uses, for the same configuration.
    Dependency {
        name: "rustls-platform-verifier",
        version: "0.7.1",
        default_features: true,
        features: &[],
        optional: true,
    },
    Dependency {
        name: "serde",
        version: "1.0.229",
        default_features: true,
        features: &["derive"],
        optional: false,
    },
    Dependency {
        name: "serde_json",
        version: "1.0.154",
        default_features: true,
        features: &["raw_value"],
        optional: false,
    },
    // Names the field a body failed to decode at (`payment_request.amount`), so an amount
    // with too many digits or a wrongly typed value is found without reading the raw body.
    Dependency {
        name: "serde_path_to_error",
        version: "0.1.20",
        default_features: true,
        features: &[],
        optional: false,
    },
    Dependency {
        name: "thiserror",
        version: "2.0.21",
        default_features: true,
        features: &[],
        optional: false,
    },
    Dependency {
        name: "tokio",
        version: "1.54.1",
        default_features: false,
        features: &["time"],
        optional: false,
    },
    // Without the default `attributes` feature, which pulls in a second `syn` for a
    // macro the runtime does not use.
    Dependency {
        name: "tracing",
        version: "0.1.44",
        default_features: false,
        features: &["std"],
        optional: false,
    },
];

/// The features of every generated crate: the TLS backend of the HTTP client the builder
/// makes (the runtime's `tls.rs` reads them). The default is the one that builds fastest:
/// aws-lc-rs, reqwest's own default provider, compiles a large C library that dominates a
/// cold build. Exactly one is meant to be on; when several are, the runtime prefers
/// `native-tls`, then `rustls-aws-lc-rs`.
pub(crate) const FEATURES: &[Feature] = &[
    Feature {
        name: "default",
        enables: &["rustls-ring"],
    },
    // A typed mock server of the API for the user's tests (`mock` module); off by default.
    Feature {
        name: "mock",
        enables: &["dep:hyper", "dep:hyper-util", "tokio/net", "tokio/rt"],
    },
    Feature {
        name: "native-tls",
        enables: &["reqwest/native-tls"],
    },
    Feature {
        name: "rustls-aws-lc-rs",
        enables: &["reqwest/rustls"],
    },
    Feature {
        name: "rustls-ring",
        enables: &[
            "reqwest/rustls-no-provider",
            "dep:rustls",
            "dep:rustls-platform-verifier",
        ],
    },
];

/// The text of `Cargo.toml`, after its header line.
pub(crate) fn manifest_text(api: &Api, settings: &Settings) -> String {
    let description = format!(
        "Typed async client for the {}, generated from {}",
        api.title.trim(),
        settings.source_name()
    );
    let mut lines = vec![
        "[package]".to_owned(),
        format!("name = {}", toml_string(settings.crate_name())),
        format!("version = {}", toml_string(settings.crate_version())),
        format!("edition = {}", toml_string(EDITION)),
        format!("rust-version = {}", toml_string(RUST_VERSION)),
        format!("description = {}", toml_string(&description)),
        String::new(),
        "[dependencies]".to_owned(),
    ];
    lines.extend(DEPENDENCIES.iter().map(dependency_line));
    lines.push(String::new());
    lines.push("[features]".to_owned());
    lines.extend(FEATURES.iter().map(|feature| {
        if feature.name == "default" && !api.features.is_empty() {
            default_line_when_split(feature)
        } else if feature.name == "mock" && has_read_builders(api) {
            mock_line_with_builders(feature)
        } else {
            feature_line(feature)
        }
    }));
    lines.extend(split_feature_lines(api));
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// The default set of a crate split by tag: the TLS default and every tag (`full`), so that
/// a plain dependency compiles the whole API and a user who wants less says so.
fn default_line_when_split(default: &Feature) -> String {
    feature_line_with(default, names::FULL_FEATURE)
}

/// Whether the crate gates the builders of the models it only reads
/// (`lower/finish/read_builders.rs`).
fn has_read_builders(api: &Api) -> bool {
    api.features
        .iter()
        .any(|feature| feature.gates == FeatureGates::ReadBuilders)
}

/// `mock` in a crate that gates the builders of the models it only reads: the mock answers
/// with those models, so a test that uses it gets their builders too.
fn mock_line_with_builders(mock: &Feature) -> String {
    feature_line_with(mock, names::READ_BUILDERS_FEATURE)
}

/// `full` and one empty feature per tag, when the crate is split (`lower/finish/features.rs`).
/// `full` leaves out the builders of the models the crate only reads.
fn split_feature_lines(api: &Api) -> Vec<String> {
    if api.features.is_empty() {
        return Vec::new();
    }
    let all: Vec<String> = api
        .features
        .iter()
        .filter(|feature| feature.gates != FeatureGates::ReadBuilders)
        .map(|feature| toml_string(&feature.name))
        .collect();
    let mut lines = vec![
        "# One feature per tag of the document, each gating that tag's operations and the"
            .to_owned(),
        "# models only they use; `full` (in the default set) turns on every one.".to_owned(),
        format!("{} = [{}]", names::FULL_FEATURE, all.join(", ")),
    ];
    lines.extend(
        api.features
            .iter()
            .map(|feature| format!("{} = []", toml_key(&feature.name))),
    );
    lines
}

/// A TOML key: bare when it can be, quoted otherwise.
fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|character| character.is_ascii_alphanumeric() || matches!(character, '_' | '-'));
    if bare {
        key.to_owned()
    } else {
        toml_string(key)
    }
}

/// `name = { version = "…", … }`.
fn dependency_line(dependency: &Dependency) -> String {
    let mut entries = vec![format!("version = {}", toml_string(dependency.version))];
    if !dependency.default_features {
        entries.push("default-features = false".to_owned());
    }
    if !dependency.features.is_empty() {
        let features: Vec<String> = dependency
            .features
            .iter()
            .map(|feature| toml_string(feature))
            .collect();
        entries.push(format!("features = [{}]", features.join(", ")));
    }
    if dependency.optional {
        entries.push("optional = true".to_owned());
    }
    format!("{} = {{ {} }}", dependency.name, entries.join(", "))
}

/// `name = ["…", …]`.
fn feature_line(feature: &Feature) -> String {
    feature_line_enabling(feature, None)
}

/// A feature's line with one more feature it enables, after its own.
fn feature_line_with(feature: &Feature, extra: &str) -> String {
    feature_line_enabling(feature, Some(extra))
}

/// A feature's line: what it enables, then `extra` if given.
fn feature_line_enabling(feature: &Feature, extra: Option<&str>) -> String {
    let enables: Vec<String> = feature
        .enables
        .iter()
        .copied()
        .chain(extra)
        .map(toml_string)
        .collect();
    format!("{} = [{}]", feature.name, enables.join(", "))
}

/// A TOML basic string: quoted, with `"`, `\` and control characters escaped, so any text
/// (an API title is free text) stays one valid value.
fn toml_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for character in text.chars() {
        match character {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            control if control.is_control() => {
                quoted.push_str(&format!("\\u{:04X}", u32::from(control)));
            }
            other => quoted.push(other),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_any_text_as_one_toml_string() {
        let cases = [
            ("plain", "\"plain\""),
            ("a \"b\" \\c", "\"a \\\"b\\\" \\\\c\""),
            ("line\nbreak\ttab", "\"line\\nbreak\\ttab\""),
            ("bell\u{7}", "\"bell\\u0007\""),
            ("é", "\"é\""),
        ];
        for (text, expected) in cases {
            assert_eq!(toml_string(text), expected, "{text:?}");
        }
    }

    #[test]
    fn writes_each_dependency_with_its_features() {
        let line = dependency_line(&Dependency {
            name: "reqwest",
            version: "0.13.5",
            default_features: false,
            features: &["rustls", "http2"],
            optional: true,
        });
        assert_eq!(
            line,
            "reqwest = { version = \"0.13.5\", default-features = false, features = [\"rustls\", \"http2\"], optional = true }"
        );
    }

    #[test]
    fn writes_each_feature_with_what_it_enables() {
        let line = feature_line(&Feature {
            name: "rustls-ring",
            enables: &["reqwest/rustls-no-provider", "dep:rustls"],
        });
        assert_eq!(
            line,
            "rustls-ring = [\"reqwest/rustls-no-provider\", \"dep:rustls\"]"
        );
    }

    #[test]
    fn features_are_sorted_after_default_and_name_only_optional_dependencies() {
        let names: Vec<&str> = FEATURES.iter().map(|feature| feature.name).collect();
        assert_eq!(names.first(), Some(&"default"));
        let mut sorted = names[1..].to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names[1..], sorted[..]);
        for feature in FEATURES {
            for enabled in feature.enables {
                if let Some(dependency) = enabled.strip_prefix("dep:") {
                    assert!(
                        DEPENDENCIES
                            .iter()
                            .any(|known| known.name == dependency && known.optional),
                        "{enabled}"
                    );
                } else if let Some((dependency, _)) = enabled.split_once('/') {
                    assert!(
                        DEPENDENCIES.iter().any(|known| known.name == dependency),
                        "{enabled}"
                    );
                } else {
                    assert!(names.contains(enabled), "{enabled}");
                }
            }
        }
        for dependency in DEPENDENCIES.iter().filter(|dependency| dependency.optional) {
            let needle = format!("dep:{}", dependency.name);
            assert!(
                FEATURES
                    .iter()
                    .any(|feature| feature.enables.contains(&needle.as_str())),
                "{} is optional but no feature enables it",
                dependency.name
            );
        }
    }

    #[test]
    fn dependencies_are_sorted_and_unique() {
        let names: Vec<&str> = DEPENDENCIES
            .iter()
            .map(|dependency| dependency.name)
            .collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted);
    }
}
