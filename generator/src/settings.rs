//! What the caller controls: [`Settings`].

use crate::error::Diagnostic;

/// Options for [`generate`](crate::generate()), built with `with_*` methods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    crate_name: String,
    crate_version: String,
    source_name: String,
    command: String,
    deny_warnings: bool,
    surface_file: bool,
    labelled_extensions: Vec<(String, String)>,
    hidden_extensions: Vec<String>,
    refs_outside_root: bool,
    feature_split: FeatureSplit,
}

/// Whether the generated crate puts each tag's operations behind a cargo feature, so that a
/// user of a big API compiles only the part it calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FeatureSplit {
    /// Split when the document has more than [`FeatureSplit::AUTO_THRESHOLD`] operations.
    #[default]
    Auto,
    /// Split by tag whatever the size.
    ByTag,
    /// Never split: every operation is always compiled.
    None,
}

impl FeatureSplit {
    /// The number of operations above which [`FeatureSplit::Auto`] splits. Below it a whole
    /// client builds in a few seconds (README, "Build cost"), which a split would not
    /// noticeably shorten but would make every user name features.
    pub const AUTO_THRESHOLD: usize = 150;

    /// Whether a document with `operations` operations is split.
    pub fn splits(self, operations: usize) -> bool {
        match self {
            FeatureSplit::Auto => operations > Self::AUTO_THRESHOLD,
            FeatureSplit::ByTag => true,
            FeatureSplit::None => false,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            crate_name: "openapi-client".to_owned(),
            crate_version: "0.1.0".to_owned(),
            source_name: "openapi.yaml".to_owned(),
            command: "cargo xtask codegen".to_owned(),
            deny_warnings: false,
            surface_file: true,
            labelled_extensions: Vec::new(),
            hidden_extensions: Vec::new(),
            refs_outside_root: false,
            feature_split: FeatureSplit::Auto,
        }
    }
}

impl Settings {
    /// Sets the generated crate's package name (default `openapi-client`). It must be a valid
    /// Cargo package name; [`generate`](crate::generate()) refuses one that is not.
    pub fn with_crate_name(mut self, crate_name: impl Into<String>) -> Self {
        self.crate_name = crate_name.into();
        self
    }

    /// Sets the generated crate's version (default `0.1.0`); it must be a semantic version.
    pub fn with_crate_version(mut self, crate_version: impl Into<String>) -> Self {
        self.crate_version = crate_version.into();
        self
    }

    /// Sets the spec path shown in each file's header, for example `spec/openapi.yaml`
    /// (default `openapi.yaml`). Use a relative path so the output does not depend on the
    /// machine.
    pub fn with_source_name(mut self, source_name: impl Into<String>) -> Self {
        self.source_name = source_name.into();
        self
    }

    /// Sets the command shown in each file's header (default `cargo xtask codegen`).
    pub fn with_command(mut self, command: impl Into<String>) -> Self {
        self.command = command.into();
        self
    }

    /// Turns every warning into an error (default off): for a document that must stay fully
    /// typed, so that nothing degrades to a general type unnoticed.
    pub fn with_deny_warnings(mut self, deny_warnings: bool) -> Self {
        self.deny_warnings = deny_warnings;
        self
    }

    /// Whether the crate carries `API.md`, its API surface one fact per line (default on). A
    /// project that keeps the surface elsewhere, such as an `insta` snapshot it reviews, turns
    /// it off so each fact has one copy.
    pub fn with_surface_file(mut self, surface_file: bool) -> Self {
        self.surface_file = surface_file;
        self
    }

    /// Makes the vendor extension `key` a paragraph of the generated docs wherever the
    /// document sets it (on a schema, property, parameter or operation): `label: value`. For
    /// example `("x-reconstructed", "Reconstructed")` turns `x-reconstructed: why` into
    /// `Reconstructed: why`. Extensions not named here or by
    /// [`Settings::with_hidden_extension`] reach an operation's docs as `` `x-key`: value ``.
    pub fn with_labelled_extension(
        mut self,
        key: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        self.labelled_extensions.push((key.into(), label.into()));
        self
    }

    /// Keeps the vendor extension `key` out of the generated docs: for facts about the
    /// document itself (where it was read from, say) that mean nothing to the crate's users.
    pub fn with_hidden_extension(mut self, key: impl Into<String>) -> Self {
        self.hidden_extensions.push(key.into());
        self
    }

    /// Lets `$ref`s name files outside the root document's folder (default off): a spec that
    /// reaches up out of its own tree is often reaching into someone else's, so it has to be
    /// asked for.
    pub fn with_refs_outside_root(mut self, allowed: bool) -> Self {
        self.refs_outside_root = allowed;
        self
    }

    /// Whether operations go behind one cargo feature per tag (default
    /// [`FeatureSplit::Auto`]: only for documents with many operations).
    pub fn with_feature_split(mut self, split: FeatureSplit) -> Self {
        self.feature_split = split;
        self
    }

    /// Whether operations go behind one cargo feature per tag.
    pub fn feature_split(&self) -> FeatureSplit {
        self.feature_split
    }

    /// Whether `$ref`s may name files outside the root document's folder.
    pub fn refs_outside_root(&self) -> bool {
        self.refs_outside_root
    }

    /// The extensions shown in docs under a label, in the order given.
    pub fn labelled_extensions(&self) -> &[(String, String)] {
        &self.labelled_extensions
    }

    /// The extensions kept out of docs.
    pub fn hidden_extensions(&self) -> &[String] {
        &self.hidden_extensions
    }

    /// The generated crate's package name.
    pub fn crate_name(&self) -> &str {
        &self.crate_name
    }

    /// The generated crate's library name: the package name with `-` read as `_`.
    pub fn library_name(&self) -> String {
        self.crate_name.replace('-', "_")
    }

    /// The generated crate's version.
    pub fn crate_version(&self) -> &str {
        &self.crate_version
    }

    /// The spec path shown in headers.
    pub fn source_name(&self) -> &str {
        &self.source_name
    }

    /// The command shown in headers.
    pub fn command(&self) -> &str {
        &self.command
    }

    /// Whether warnings are errors.
    pub fn deny_warnings(&self) -> bool {
        self.deny_warnings
    }

    /// Whether the crate carries `API.md`.
    pub fn surface_file(&self) -> bool {
        self.surface_file
    }

    /// Checks the crate name, version and header texts, reporting each problem;
    /// [`generate`](crate::generate()) refuses settings with any.
    pub fn check(&self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        if let Err(reason) = check_crate_name(&self.crate_name) {
            problems.push(Diagnostic::error(
                "#",
                format!(
                    "the crate name `{}` is not a valid Cargo package name: {reason}",
                    self.crate_name
                ),
            ));
        }
        if let Err(error) = semver::Version::parse(&self.crate_version) {
            problems.push(Diagnostic::error(
                "#",
                format!(
                    "the crate version `{}` is not a semantic version such as `0.1.0`: {error}",
                    self.crate_version
                ),
            ));
        }
        for (what, text) in [
            ("command", &self.command),
            ("source name", &self.source_name),
        ] {
            if text.chars().any(char::is_control) {
                problems.push(Diagnostic::error(
                    "#",
                    format!("the {what} {text:?} holds a control character; it must fit on the one header line"),
                ));
            }
        }
        problems
    }
}

/// Names Cargo refuses or that would shadow a crate every program links.
const RESERVED_CRATE_NAMES: &[&str] = &["alloc", "core", "proc-macro", "proc_macro", "std", "test"];

/// Cargo's rules for a package name that can be built and published: ASCII letters, digits,
/// `-` and `_`, starting with a letter, at most 64 characters, and no name of the standard
/// library or a Rust keyword (the library name must be an identifier).
fn check_crate_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("it is empty".to_owned());
    }
    if name.len() > 64 {
        return Err("it is longer than 64 characters".to_owned());
    }
    if !name.starts_with(|character: char| character.is_ascii_alphabetic()) {
        return Err("it must start with an ASCII letter".to_owned());
    }
    if let Some(bad) = name
        .chars()
        .find(|character| !character.is_ascii_alphanumeric() && !matches!(character, '-' | '_'))
    {
        return Err(format!(
            "`{bad}` is not allowed; use ASCII letters, digits, `-` and `_`"
        ));
    }
    let library = name.replace('-', "_");
    if RESERVED_CRATE_NAMES.contains(&name) || crate::names::is_keyword(&library) {
        return Err("it is reserved by Rust".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names_follow_cargo_rules() {
        for good in ["a", "mykaarma-payments", "petstore_client", "A1"] {
            assert_eq!(check_crate_name(good), Ok(()), "{good}");
        }
        for bad in [
            "", "1abc", "-a", "a b", "a.b", "é", "std", "test", "self", "fn",
        ] {
            assert!(check_crate_name(bad).is_err(), "{bad}");
        }
        assert!(check_crate_name(&"a".repeat(65)).is_err());
    }

    #[test]
    fn settings_report_a_bad_name_and_version_together() {
        let settings = Settings::default()
            .with_crate_name("no spaces")
            .with_crate_version("1.0");
        let problems = settings.check();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].message.contains("`no spaces`"));
        assert!(problems[1].message.contains("`1.0`"));
        assert!(Settings::default().check().is_empty());
    }
}
