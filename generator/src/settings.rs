//! What the caller controls ([`Settings`]) and what it gets back ([`Output`]).

/// Options for [`generate`](crate::generate()), built with `with_*` methods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    source_name: String,
    command: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            source_name: "openapi.yaml".to_owned(),
            command: "cargo xtask codegen".to_owned(),
        }
    }
}

impl Settings {
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

    /// The spec path shown in headers.
    pub fn source_name(&self) -> &str {
        &self.source_name
    }

    /// The command shown in headers.
    pub fn command(&self) -> &str {
        &self.command
    }
}

/// The generated files, sorted by path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// One entry per file.
    pub files: Vec<OutputFile>,
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// The path relative to the generated crate's `src/`, for example `models.rs`.
    pub path: String,
    /// The file's full text, header included.
    pub contents: String,
}
