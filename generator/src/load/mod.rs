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

mod checks;
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

pub use targets::PointerTargets;

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Collector, Diagnostic, Errors};
use openapiv3::OpenAPI;
use origin::{FileId, Layer, Origins};
use version::Version;

/// A loaded document: the typed OpenAPI object, plus the schemas that `$ref`s point to outside
/// the roots of `components`, by their canonical pointer.
#[derive(Debug, Clone)]
pub struct Document {
    /// The typed document.
    pub openapi: OpenAPI,
    /// The objects `$ref`s point to in places other than the roots of components.
    pub pointer_targets: PointerTargets,
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
    /// The diagnostics with their pointers translated to the files the user wrote, and with a
    /// line and column where the text has the place.
    fn locate(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut resolved: Vec<(Diagnostic, FileId, String)> = diagnostics
            .into_iter()
            .map(|diagnostic| {
                let (file, pointer) = self.origins.resolve(&diagnostic.pointer);
                (diagnostic, file, pointer)
            })
            .collect();
        let mut wanted: BTreeMap<FileId, BTreeSet<String>> = BTreeMap::new();
        for (diagnostic, file, pointer) in &resolved {
            if diagnostic.location.is_none() {
                wanted.entry(*file).or_default().insert(pointer.clone());
            }
        }
        let places: BTreeMap<FileId, BTreeMap<String, crate::error::Location>> = wanted
            .into_iter()
            .filter_map(|(file, pointers)| {
                let (_, text) = self.sources.get(file.0)?;
                Some((file, positions::locate(text, &pointers)))
            })
            .collect();
        for (diagnostic, file, pointer) in &mut resolved {
            if diagnostic.location.is_none() {
                diagnostic.location = places
                    .get(file)
                    .and_then(|found| found.get(pointer.as_str()))
                    .copied();
            }
            diagnostic.file = self.sources.get(file.0).and_then(|(name, _)| name.clone());
            diagnostic.pointer = std::mem::take(pointer);
        }
        resolved
            .into_iter()
            .map(|(diagnostic, _, _)| diagnostic)
            .collect()
    }
}

impl Document {
    /// Lowering's diagnostics, located in the files the user wrote.
    pub(crate) fn locate(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        self.places.locate(diagnostics)
    }
}

/// Parses `text` as an OpenAPI 3.0.x, 3.1.x or 3.2.x or Swagger 2.0 document, in JSON or YAML.
pub(crate) fn load_document(text: &str) -> Result<Document, Errors> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut places = Places {
        sources: vec![(None, text.to_owned())],
        origins: Origins::default(),
    };
    match read_document(text, &mut places.origins) {
        Ok((openapi, pointer_targets, warnings, deferred)) => Ok(Document {
            openapi,
            pointer_targets,
            warnings: places.locate(warnings),
            errors: places.locate(deferred),
            places,
        }),
        Err(errors) => Err(Errors(places.locate(errors.0))),
    }
}

/// What a read gives: the typed document, the pointer targets, the warnings and the errors
/// that lowering should report beside its own.
type Read = (OpenAPI, PointerTargets, Vec<Diagnostic>, Vec<Diagnostic>);

/// The steps of loading, each recording where it moved what into `origins`.
fn read_document(text: &str, origins: &mut Origins) -> Result<Read, Errors> {
    let mut problems = Collector::default();
    let value = if text.trim_start().starts_with('{') {
        json::parse_json(text, &mut problems)?
    } else {
        yaml::parse_yaml(text, &mut problems)?
    };
    let version = version::detect(&value)?;
    let (mut value, layer) = match version {
        Version::OpenApi30 => (value, Layer::default()),
        Version::Swagger2 => swagger2::upgrade(value, &mut problems),
        Version::OpenApi31 | Version::OpenApi32 => {
            openapi31::downlevel(value, version, &mut problems)
        }
    };
    origins.push(layer);
    // These checks report their problems and mend the value, so that the typed read and
    // lowering can go on and the whole document's problems are reported in one run.
    checks::check_type_lists(&mut value, &mut problems);
    checks::check_responses(&mut value, &mut problems);
    let deferred = problems.take_errors();
    repair::repair(&mut value, &mut problems);
    schemas::check_schemas(&mut value, &mut problems);
    let pointer_targets = targets::collect_pointer_targets(&value, &mut problems);
    let openapi = typed::read_typed(value, &mut problems);
    if problems.len() > 0 {
        let mut errors = deferred;
        errors.extend(problems.into_errors("the document was not read").0);
        return Err(Errors(errors));
    }
    let (openapi, warnings) = problems.finish_with_warnings(openapi)?;
    let openapi = openapi.ok_or_else(|| {
        Errors::from(Diagnostic::error(
            "#",
            "internal error: the document was not read",
        ))
    })?;
    Ok((openapi, pointer_targets, warnings, deferred))
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
