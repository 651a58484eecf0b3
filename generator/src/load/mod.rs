//! Loading: text → a plain JSON value → `openapiv3::OpenAPI`, reporting every problem located.
//!
//! 1. The text is read as JSON when it starts with `{` (after any byte-order mark), with a
//!    JSON parser, so that every valid JSON document loads (YAML parsers refuse some valid JSON,
//!    such as surrogate-pair escapes); otherwise as YAML. Either way the result is a plain
//!    `serde_yaml::Value`, which keeps the order of keys (serde_json's map sorts them, and
//!    its order-keeping feature would change `serde_json` for the whole program). Syntax
//!    errors carry line and column.
//! 2. The version decides the dialect (`version.rs`): a Swagger 2.0 document is upgraded
//!    (`swagger2/`), an OpenAPI 3.1 or 3.2 one brought down (`openapi31/`), into the 3.0 form
//!    everything after reads; each records where it moved what (`origin.rs`), so that every
//!    diagnostic is located in the file the user wrote, with its line and column
//!    (`positions.rs`).
//! 3. Checks on the plain value that `openapiv3` would report badly or not at all (`checks.rs`):
//!    OpenAPI 3.1 syntax in a 3.0 document, and response keys that are not statuses.
//! 4. Each schema is checked on its own, deepest first (`schemas.rs`), so that a mistake deep
//!    inside one is found at once and at its place.
//! 5. The typed document is read piece by piece (each path item, each component), so that one
//!    bad piece does not hide the others, and each failure is located by its JSON pointer.
//! 6. The targets of `$ref`s that point anywhere other than a component's root (into
//!    `#/paths/…`, or inside a component) are read too, so lowering can follow them.

mod bundle;
mod checks;
pub(crate) mod extras;
mod json;
mod openapi31;
pub(crate) mod origin;
mod positions;
mod repair;
mod schemas;
mod swagger2;
mod targets;
mod typed;
mod version;
mod yaml;

pub(crate) use bundle::{Files, NoFiles};
pub use extras::Extras;
pub use targets::PointerTargets;

/// The files of a spec on disk: the root document's folder, and whether files outside it may
/// be read.
pub(crate) struct Folder {
    pub(crate) root: std::path::PathBuf,
    pub(crate) outside_allowed: bool,
}

impl Folder {
    /// The folder of the root document at `path`, as the settings allow reading it.
    pub(crate) fn of(path: &std::path::Path, settings: &crate::Settings) -> Self {
        Folder {
            root: path
                .parent()
                .map(std::path::Path::to_path_buf)
                .unwrap_or_default(),
            outside_allowed: settings.refs_outside_root(),
        }
    }
}

impl Files for Folder {
    fn read(&self, path: &str) -> Result<String, String> {
        let bytes = std::fs::read(self.root.join(path)).map_err(|error| error.to_string())?;
        String::from_utf8(bytes).map_err(|error| {
            format!(
                "it is not UTF-8 text (invalid byte at offset {})",
                error.utf8_error().valid_up_to()
            )
        })
    }

    fn outside_root_allowed(&self) -> bool {
        self.outside_allowed
    }
}

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Collector, Diagnostic, Errors};
use openapiv3::OpenAPI;
use origin::{Layer, Origins};
use serde_yaml::Value;
use version::Version;

/// A loaded document: the typed OpenAPI object, plus the schemas that `$ref`s point to outside
/// the roots of `components`, by their canonical pointer.
#[derive(Debug, Clone)]
pub struct Document {
    /// The typed document.
    pub openapi: OpenAPI,
    /// The objects `$ref`s point to in places other than the roots of components.
    pub pointer_targets: PointerTargets,
    /// What OpenAPI 3.0 has no place for (webhooks, `QUERY` operations, tuple and stream item
    /// schemas), typed.
    pub extras: Extras,
    /// What loading read in the one sensible way rather than exactly as written, located in
    /// the files the user wrote.
    pub warnings: Vec<Diagnostic>,
    /// Problems found while loading that did not stop the typed read: the document is
    /// refused, but lowering still runs to report the rest of its problems with them.
    pub errors: Vec<Diagnostic>,
    /// The texts read and where each part of `openapi` came from, to locate what lowering
    /// reports.
    places: Places,
}

/// The files a document was read from and the way back from the rewritten document to them.
#[derive(Debug, Clone, Default)]
struct Places {
    /// Each file's name (relative to the root's folder; `None` for the root) and text.
    sources: Vec<(Option<String>, String)>,
    origins: Origins,
}

impl Places {
    /// Bundles the root with the files it names, recording them and the way back; the value
    /// is `None` when bundling found errors. The diagnostics are already translated.
    fn bundle(
        &mut self,
        value: Value,
        version: Version,
        files: &dyn Files,
    ) -> (Option<Value>, Vec<Diagnostic>) {
        let (bundled, problems) = bundle::bundle(value, version, files);
        for (path, text) in bundled.files {
            self.sources.push((Some(path), text));
        }
        let mut origins = Origins::default();
        origins.push(bundled.layer.clone());
        let translated = Places {
            sources: Vec::new(),
            origins,
        };
        let failed = problems.len() > 0;
        let (errors, warnings) = problems.into_parts();
        let located: Vec<Diagnostic> = errors
            .into_iter()
            .chain(warnings)
            .map(|diagnostic| translated.translate(diagnostic, &self.sources))
            .collect();
        self.origins.push(bundled.layer);
        ((!failed).then_some(bundled.document), located)
    }

    /// A diagnostic's pointer translated through these origins, its file named from
    /// `sources`; one that already names its file is left as it is.
    fn translate(
        &self,
        diagnostic: Diagnostic,
        sources: &[(Option<String>, String)],
    ) -> Diagnostic {
        if diagnostic.file.is_some() {
            return diagnostic;
        }
        let (file, pointer) = self.origins.resolve(&diagnostic.pointer);
        Diagnostic {
            file: sources.get(file.0).and_then(|(name, _)| name.clone()),
            pointer,
            ..diagnostic
        }
    }

    /// Diagnostics already translated to their files, given a line and column where the
    /// file's text has the place.
    fn place(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut wanted: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
        let index = |diagnostic: &Diagnostic| {
            self.sources
                .iter()
                .position(|(name, _)| *name == diagnostic.file)
        };
        for diagnostic in diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.location.is_none())
        {
            if let Some(file) = index(diagnostic) {
                wanted
                    .entry(file)
                    .or_default()
                    .insert(diagnostic.pointer.clone());
            }
        }
        let found: BTreeMap<usize, BTreeMap<String, crate::error::Location>> = wanted
            .into_iter()
            .map(|(file, pointers)| (file, positions::locate(&self.sources[file].1, &pointers)))
            .collect();
        diagnostics
            .into_iter()
            .map(|mut diagnostic| {
                if diagnostic.location.is_none() {
                    diagnostic.location = index(&diagnostic)
                        .and_then(|file| found.get(&file))
                        .and_then(|places| places.get(&diagnostic.pointer))
                        .copied();
                }
                diagnostic
            })
            .collect()
    }

    /// The diagnostics with their pointers translated to the files the user wrote, and with a
    /// line and column where the text has the place.
    fn locate(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let translated = diagnostics
            .into_iter()
            .map(|diagnostic| self.translate(diagnostic, &self.sources))
            .collect();
        self.place(translated)
    }
}

impl Document {
    /// Lowering's diagnostics, located in the files the user wrote.
    pub(crate) fn locate(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        self.places.locate(diagnostics)
    }
}

/// Parses `text` as an OpenAPI 3.0.x, 3.1.x or 3.2.x or Swagger 2.0 document, in JSON or YAML,
/// reading the other files it names from `files`.
pub(crate) fn load_document(text: &str, files: &dyn Files) -> Result<Document, Errors> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut places = Places {
        sources: vec![(None, text.to_owned())],
        origins: Origins::default(),
    };
    let read = read_document(text, files, &mut places);
    match read {
        Ok(Read {
            openapi,
            pointer_targets,
            extras,
            warnings,
            deferred,
            located,
        }) => {
            let mut warnings = places.locate(warnings);
            let mut errors = places.locate(deferred);
            for diagnostic in places.place(located) {
                match diagnostic.severity {
                    crate::error::Severity::Error => errors.push(diagnostic),
                    crate::error::Severity::Warning => warnings.push(diagnostic),
                }
            }
            Ok(Document {
                openapi,
                pointer_targets,
                extras,
                warnings,
                errors,
                places,
            })
        }
        Err((errors, located)) => {
            let mut all = places.place(located);
            all.extend(places.locate(errors.0));
            Err(Errors(all))
        }
    }
}

/// What a read gives.
struct Read {
    openapi: OpenAPI,
    pointer_targets: PointerTargets,
    extras: Extras,
    warnings: Vec<Diagnostic>,
    /// Errors lowering reports beside its own.
    deferred: Vec<Diagnostic>,
    /// Diagnostics of bundling, already translated to their files.
    located: Vec<Diagnostic>,
}

/// The steps of loading, each recording where it moved what in `places`. A failure returns
/// the errors with the bundling diagnostics already translated.
fn read_document(
    text: &str,
    files: &dyn Files,
    places: &mut Places,
) -> Result<Read, (Errors, Vec<Diagnostic>)> {
    let fail = |errors: Errors, located: Vec<Diagnostic>| (errors, located);
    // What parsing says is about the root's own text, before any step moved anything.
    let mut parsing = Collector::default();
    let value = if text.trim_start().starts_with('{') {
        json::parse_json(text, &mut parsing)
    } else {
        yaml::parse_yaml(text, &mut parsing)
    }
    .map_err(|errors| fail(errors, Vec::new()))?;
    let (_, mut located) = parsing.into_parts();
    let version = version::detect(&value).map_err(|error| fail(error.into(), located.clone()))?;
    let (value, bundling) = places.bundle(value, version, files);
    located.extend(bundling);
    let Some(value) = value else {
        return Err(fail(Errors(Vec::new()), located));
    };
    let mut problems = Collector::default();
    let (mut value, layer) = match version {
        Version::OpenApi30 => (value, Layer::default()),
        Version::Swagger2 => swagger2::upgrade(value, &mut problems),
        Version::OpenApi31 | Version::OpenApi32 => {
            openapi31::downlevel(value, version, &mut problems)
        }
    };
    places.origins.push(layer);
    // These checks report their problems and mend the value, so that the typed read and
    // lowering can go on and the whole document's problems are reported in one run.
    checks::check_type_lists(&mut value, &mut problems);
    checks::check_responses(&mut value, &mut problems);
    let deferred = problems.take_errors();
    repair::repair(&mut value, &mut problems);
    schemas::check_schemas(&mut value, &mut problems);
    let pointer_targets = targets::collect_pointer_targets(&value, &mut problems);
    let mut extras = Extras {
        embedded: extras::collect_embedded(&value, &mut problems),
        ..Extras::default()
    };
    let mut openapi = typed::read_typed(value, &mut problems);
    if let Some(openapi) = openapi.as_mut() {
        extras::take_operations(openapi, &mut extras, &mut problems);
    }
    if problems.len() > 0 {
        let mut errors = deferred;
        errors.extend(problems.into_errors("the document was not read").0);
        return Err(fail(Errors(errors), located));
    }
    let (openapi, warnings) = problems
        .finish_with_warnings(openapi)
        .map_err(|errors| fail(errors, located.clone()))?;
    let openapi = openapi.ok_or_else(|| {
        fail(
            Errors::from(Diagnostic::error(
                "#",
                "internal error: the document was not read",
            )),
            located.clone(),
        )
    })?;
    Ok(Read {
        openapi,
        pointer_targets,
        extras,
        warnings,
        deferred,
        located,
    })
}

/// Whether the member `key` of a mapping (itself under `parent_key`) holds data rather than
/// document structure: example, default and enum values and extensions. `default` under
/// `responses` is the default response, which is structure.
pub(super) fn holds_data(parent_key: Option<&str>, key: &str) -> bool {
    matches!(key, "example" | "examples" | "enum")
        || key.starts_with("x-")
        || (key == "default" && parent_key != Some("responses"))
}

/// Where a walk over the plain document is: a chain of keys on the stack, from which a JSON
/// pointer is built only when one is needed (a problem to report), so that walking a large
/// document allocates nothing per node.
#[derive(Debug, Clone, Copy)]
pub(super) struct Trail<'a> {
    parent: Option<&'a Trail<'a>>,
    step: Step<'a>,
}

/// One step of a [`Trail`].
#[derive(Debug, Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Trail<'a> {
    /// The document's root.
    pub(super) const ROOT: Trail<'static> = Trail {
        parent: None,
        step: Step::Root,
    };

    /// The member `key` of this place.
    pub(super) fn key(&'a self, key: &'a str) -> Trail<'a> {
        Trail {
            parent: Some(self),
            step: Step::Key(key),
        }
    }

    /// The item `index` of this place.
    pub(super) fn index(&'a self, index: usize) -> Trail<'a> {
        Trail {
            parent: Some(self),
            step: Step::Index(index),
        }
    }

    /// The key this place sits under, if it is a mapping member.
    pub(super) fn last_key(&self) -> Option<&'a str> {
        match self.step {
            Step::Key(key) => Some(key),
            Step::Root | Step::Index(_) => None,
        }
    }

    /// The key the place above this one sits under, if both are mapping members.
    pub(super) fn parent_key(&self) -> Option<&'a str> {
        self.parent.and_then(Trail::last_key)
    }

    /// The JSON pointer of this place.
    pub(super) fn pointer(&self) -> String {
        let mut steps = Vec::new();
        let mut current = Some(self);
        while let Some(trail) = current {
            steps.push(trail.step);
            current = trail.parent;
        }
        steps
            .iter()
            .rev()
            .fold(String::from("#"), |pointer, step| match step {
                Step::Root => pointer,
                Step::Key(key) => crate::pointer::child(&pointer, key),
                Step::Index(index) => crate::pointer::index(&pointer, *index),
            })
    }
}
