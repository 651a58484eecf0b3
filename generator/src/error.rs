//! Diagnostics: one [`Diagnostic`] per problem or warning, with its [`Severity`], located by
//! a JSON pointer into the spec (and a line and column where known), and a collector so that
//! every phase reports all it finds instead of stopping at the first.

use std::collections::BTreeSet;
use std::fmt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The document (or the settings) cannot be generated as they are.
    Error,
    /// Something the generator typed less precisely than the document says, or a sloppy part
    /// of the document it read in the one sensible way: the output still compiles, and the
    /// diagnostic says what and where. `--deny-warnings` makes these errors.
    Warning,
}

/// One problem or warning about the input, located in the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether generation stops because of it.
    pub severity: Severity,
    /// A JSON pointer to the place it is about, for example
    /// `#/components/schemas/Invoice/properties/amount`; `#` is the whole document.
    pub pointer: String,
    /// What is wrong or what was done, quoting the offending value and saying what is
    /// expected.
    pub message: String,
    /// The file it is about, relative to the root document's folder, when that is another
    /// file than the root document (a spec split across files); `pointer` and `location`
    /// are then in that file.
    pub file: Option<String>,
    /// The line and column in the file's text, when known.
    pub location: Option<Location>,
}

/// A position in the document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// The 1-based line.
    pub line: usize,
    /// The 1-based column.
    pub column: usize,
}

impl Diagnostic {
    /// An error at `pointer` with no text position.
    pub fn error(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            pointer: pointer.into(),
            message: message.into(),
            file: None,
            location: None,
        }
    }

    /// A warning at `pointer` with no text position.
    pub fn warning(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(pointer, message)
        }
    }

    /// The same diagnostic as an error: what `--deny-warnings` makes of a warning.
    pub fn denied(self) -> Self {
        match self.severity {
            Severity::Error => self,
            Severity::Warning => Diagnostic {
                severity: Severity::Error,
                message: format!("{} (a warning, denied)", self.message),
                ..self
            },
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}: {}", self.pointer, self.message)
    }
}

/// Every error found, in the order found (which follows the document): why a document or its
/// settings were refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Errors(pub Vec<Diagnostic>);

impl fmt::Display for Errors {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, error) in self.0.iter().enumerate() {
            if index > 0 {
                writeln!(formatter)?;
            }
            write!(formatter, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

impl From<Diagnostic> for Errors {
    fn from(error: Diagnostic) -> Self {
        Errors(vec![error])
    }
}

/// Collects errors and warnings while a phase keeps going, so one run reports every
/// problem.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// `(pointer, message)` of everything recorded, so a repeat is found without a scan.
    seen: BTreeSet<(String, String)>,
}

impl Collector {
    /// Records a problem at `pointer`. The same problem at the same place is recorded once,
    /// because shared parts of the spec (a document-wide setting, a shared component) can be
    /// reached from many places.
    pub(crate) fn push(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        let error = Diagnostic::error(pointer, message);
        if self
            .seen
            .insert((error.pointer.clone(), error.message.clone()))
        {
            self.errors.push(error);
        }
    }

    /// Records a warning at `pointer`, once per place and message.
    pub(crate) fn warn(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        let warning = Diagnostic::warning(pointer, message);
        if self
            .seen
            .insert((warning.pointer.clone(), warning.message.clone()))
        {
            self.warnings.push(warning);
        }
    }

    /// Records a diagnostic made elsewhere (one already located in another file, say), by its
    /// severity, once per file, place and message.
    pub(crate) fn record(&mut self, diagnostic: Diagnostic) {
        let key = (
            format!(
                "{}{}",
                diagnostic.file.as_deref().unwrap_or_default(),
                diagnostic.pointer
            ),
            diagnostic.message.clone(),
        );
        if self.seen.insert(key) {
            match diagnostic.severity {
                Severity::Error => self.errors.push(diagnostic),
                Severity::Warning => self.warnings.push(diagnostic),
            }
        }
    }

    /// Turns the errors recorded after the first `count` into warnings saying what happens
    /// instead (`consequence`): for a defect confined to one part, which is then left out.
    pub(crate) fn demote_since(&mut self, count: usize, consequence: &str) {
        if count >= self.errors.len() {
            return;
        }
        for error in self.errors.drain(count..) {
            self.warnings.push(Diagnostic {
                severity: Severity::Warning,
                message: format!("{}; {consequence}", error.message),
                ..error
            });
        }
    }

    /// The errors and the warnings recorded.
    pub(crate) fn into_parts(self) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        (self.errors, self.warnings)
    }

    /// Takes the errors recorded so far, leaving the warnings.
    pub(crate) fn take_errors(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.errors)
    }

    /// How many problems have been recorded.
    pub(crate) fn len(&self) -> usize {
        self.errors.len()
    }

    /// The recorded errors for a phase that cannot go on; if, through a bug, nothing was
    /// recorded, an internal error saying `what` went wrong stands in, so failure is never
    /// silent.
    pub(crate) fn into_errors(mut self, what: &str) -> Errors {
        if self.errors.is_empty() {
            self.push(
                "#",
                format!("internal error: {what}, yet no problem was reported"),
            );
        }
        Errors(self.errors)
    }

    /// Returns `value` and the warnings when no error was recorded, and every recorded error
    /// otherwise.
    pub(crate) fn finish_with_warnings<T>(self, value: T) -> Result<(T, Vec<Diagnostic>), Errors> {
        if self.errors.is_empty() {
            Ok((value, self.warnings))
        } else {
            Err(Errors(self.errors))
        }
    }

    /// Returns `value` when nothing was recorded, and every recorded error otherwise. For
    /// phases that never warn.
    pub(crate) fn finish<T>(self, value: T) -> Result<T, Errors> {
        self.finish_with_warnings(value).map(|(value, _)| value)
    }
}
