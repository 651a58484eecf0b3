//! A spec split across files, read as one document: every `$ref` to another local file
//! (`./schemas/pet.yaml`, `../common/Error.yaml#/Error`, nested, in cycles, the same file by
//! two paths) is followed, and what it points to is put into the root document, so that
//! everything after reads a single document whose references are all local.
//!
//! Where a referenced part goes depends on what it is (`context.rs`): a schema, parameter,
//! response, request body, header, example, link or callback becomes a component of its own,
//! named after the fragment's last segment or the file's stem, numbered when the name is
//! taken, so that every use shares one model; a path item (or anything without a component
//! section) is written in place of its `$ref`. A root component that is nothing but a `$ref`
//! to a file (`Pet: {$ref: ./pet.yaml}`, the layout Redocly and Stoplight recommend) takes the
//! file's content itself. Names come from the files' paths relative to the root's folder, so
//! the output is the same wherever the checkout is. A reference out of the root's folder is
//! read only when the settings allow it; a URL, an absolute path or a file that cannot be read
//! is a warning at the `$ref`, whose place is then any JSON value (a schema) or left out.

mod context;
mod reference;
mod walk;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde_yaml::{Mapping, Value};

use self::context::{Kind, Member};
use self::reference::{Refusal, Target};
use crate::error::{Collector, Diagnostic};
use crate::load::origin::{FileId, Layer};
use crate::load::version::Version;
use crate::load::{json, yaml};
use crate::pointer;

/// Where the files of a spec are read from.
pub(crate) trait Files {
    /// The text of the file at `path`, relative to the root document's folder
    /// (`/`-separated, possibly starting with `../`).
    fn read(&self, path: &str) -> Result<String, String>;
    /// Whether files outside the root document's folder may be read.
    fn outside_root_allowed(&self) -> bool;
}

/// No files at all: the document was given as text.
pub(crate) struct NoFiles;

impl Files for NoFiles {
    fn read(&self, _path: &str) -> Result<String, String> {
        Err(
            "the document was given as text, so no other file can be read; generate from the \
             document's path instead"
                .to_owned(),
        )
    }

    fn outside_root_allowed(&self) -> bool {
        false
    }
}

/// The bundled document, the layer back to the files, and each file read (its path and
/// text), in the order of their `FileId`s from 1.
pub(in crate::load) struct Bundled {
    pub(in crate::load) document: Value,
    pub(in crate::load) layer: Layer,
    pub(in crate::load) files: Vec<(String, String)>,
}

/// How deep references written in place may nest across files before they are a cycle.
const MAX_INLINE_DEPTH: usize = 32;

/// A referenced part waiting to be put into its section.
struct Job {
    content: Value,
    file: FileId,
    fragment: String,
    member: Member,
    /// The section's path and the component's name.
    section: &'static [&'static str],
    name: String,
}

/// The state of one bundling run.
struct Bundler<'files> {
    files: &'files dyn Files,
    version: Version,
    /// Each file read (path, text, value if it parsed), by `FileId` from 1.
    read: Vec<(String, String, Option<Value>)>,
    by_path: BTreeMap<String, FileId>,
    /// The local `$ref` every part already placed is reached by, by file and fragment.
    placed: BTreeMap<(FileId, String), String>,
    /// Names taken in each section, by the section's pointer.
    taken: BTreeSet<(String, String)>,
    jobs: VecDeque<Job>,
    layer: Layer,
    problems: Collector,
}

/// Bundles `document` (the root, written in `version`) with the files it names.
pub(in crate::load) fn bundle(
    mut document: Value,
    version: Version,
    files: &dyn Files,
) -> (Bundled, Collector) {
    let mut bundler = Bundler {
        files,
        version,
        read: Vec::new(),
        by_path: BTreeMap::new(),
        placed: BTreeMap::new(),
        taken: BTreeSet::new(),
        jobs: VecDeque::new(),
        layer: Layer::default(),
        problems: Collector::default(),
    };
    bundler.take_existing_names(&document);
    bundler.claim_component_entries(&document);
    bundler.walk(&mut document, Kind::Document, FileId::ROOT, "#", 0);
    while let Some(job) = bundler.jobs.pop_front() {
        bundler.place(&mut document, job);
    }
    let files = bundler
        .read
        .into_iter()
        .map(|(path, text, _)| (path, text))
        .collect();
    (
        Bundled {
            document,
            layer: bundler.layer,
            files,
        },
        bundler.problems,
    )
}

/// The section pointer, `#/components/schemas`.
fn section_pointer(section: &[&str]) -> String {
    section
        .iter()
        .fold("#".to_owned(), |pointer, key| pointer::child(&pointer, key))
}

/// The value at `segments` (already unescaped) under `value`.
fn lookup<'a>(value: &'a Value, segments: &[String]) -> Option<&'a Value> {
    segments
        .iter()
        .try_fold(value, |current, segment| match current {
            Value::Mapping(map) => map.get(segment.as_str()),
            Value::Sequence(items) => segment
                .parse::<usize>()
                .ok()
                .and_then(|index| items.get(index)),
            _ => None,
        })
}

/// A fragment's segments, percent-decoded then unescaped; `None` if it is not a pointer.
fn fragment_segments(fragment: &str) -> Option<Vec<String>> {
    pointer::local_reference_segments(&format!("#{fragment}"))
}

/// A component name from the fragment's last segment, else the file's stem, with the
/// characters OpenAPI does not allow in component names replaced.
fn component_name(path: &str, fragment: &str) -> String {
    let from_fragment = fragment_segments(fragment).and_then(|segments| segments.last().cloned());
    let base = from_fragment.unwrap_or_else(|| {
        let file = path.rsplit('/').next().unwrap_or(path);
        file.split('.').next().unwrap_or(file).to_owned()
    });
    let clean: String = base
        .chars()
        .map(|character| {
            if character.is_ascii_alphanumeric() || "._-".contains(character) {
                character
            } else {
                '_'
            }
        })
        .collect();
    if clean.is_empty() {
        "Shared".to_owned()
    } else {
        clean
    }
}

impl Bundler<'_> {
    /// Every name the root already uses in a section, so placed parts never take one.
    fn take_existing_names(&mut self, document: &Value) {
        for member in ALL_MEMBERS {
            let Some(section) = member.section(self.version) else {
                continue;
            };
            let segments: Vec<String> = section.iter().map(|key| (*key).to_owned()).collect();
            if let Some(Value::Mapping(entries)) = lookup(document, &segments) {
                for key in entries.keys().filter_map(Value::as_str) {
                    self.taken
                        .insert((section_pointer(section), key.to_owned()));
                }
            }
        }
    }

    /// Root components that are nothing but a `$ref` to another file take that file's part:
    /// the part's place is the component itself, claimed before anything else refers to it.
    fn claim_component_entries(&mut self, document: &Value) {
        for member in ALL_MEMBERS {
            let Some(section) = member.section(self.version) else {
                continue;
            };
            let segments: Vec<String> = section.iter().map(|key| (*key).to_owned()).collect();
            let Some(Value::Mapping(entries)) = lookup(document, &segments) else {
                continue;
            };
            for (key, entry) in entries {
                let (Some(key), Some(reference)) = (key.as_str(), pure_reference(entry)) else {
                    continue;
                };
                if let Ok(Target::File { path, fragment }) = reference::resolve(reference, "") {
                    if let Ok(file) = self.file_id(&path) {
                        let at = pointer::child(&section_pointer(section), key);
                        self.placed.entry((file, fragment)).or_insert(at);
                    }
                }
            }
        }
    }
}

/// Every kind that may have a section, in a fixed order.
const ALL_MEMBERS: [Member; 9] = [
    Member::Schema,
    Member::Parameter,
    Member::RequestBody,
    Member::Response,
    Member::Header,
    Member::Example,
    Member::Link,
    Member::Callback,
    Member::SecurityScheme,
];

/// The reference of `{$ref: "…"}` with nothing beside it.
fn pure_reference(value: &Value) -> Option<&str> {
    match value {
        Value::Mapping(map) if map.len() == 1 => map.get("$ref").and_then(Value::as_str),
        _ => None,
    }
}

/// What a `$ref` becomes.
enum Resolution {
    /// It stays as it is.
    Keep,
    /// It is replaced by a local reference.
    Local(String),
    /// The node is replaced by the referenced part, from this file, at this fragment.
    Inline(Value, FileId, String),
    /// It cannot be followed, for this reason.
    Unfollowed(String),
}

impl Bundler<'_> {
    /// The id of the file at `path`, reading and parsing it on first use, or why it cannot
    /// be read.
    fn file_id(&mut self, path: &str) -> Result<FileId, String> {
        if let Some(id) = self.by_path.get(path) {
            return Ok(*id);
        }
        let text = self.files.read(path)?;
        let id = FileId(self.read.len() + 1);
        let value = self.parse(path, &text);
        self.read.push((path.to_owned(), text, value));
        self.by_path.insert(path.to_owned(), id);
        Ok(id)
    }

    /// A file's text as a plain value; its syntax errors and warnings are its own.
    fn parse(&mut self, path: &str, text: &str) -> Option<Value> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut problems = Collector::default();
        let parsed = if text.trim_start().starts_with('{') {
            json::parse_json(text, &mut problems)
        } else {
            yaml::parse_yaml(text, &mut problems)
        };
        let (value, diagnostics) = match parsed {
            Ok(value) => {
                let (_, warnings) = problems.finish_with_warnings(()).unwrap_or_default();
                (Some(value), warnings)
            }
            Err(errors) => (None, errors.0),
        };
        for diagnostic in diagnostics {
            self.problems.record(Diagnostic {
                file: Some(path.to_owned()),
                ..diagnostic
            });
        }
        value
    }
}

/// Reports why a `$ref` cannot be followed, at the `$ref` itself.
fn refusal_message(reference: &str, refusal: &Refusal) -> String {
    match refusal {
        Refusal::Url => format!(
            "`$ref` `{reference}` is a URL, and generation reads no network; save the file beside \
             the spec and refer to it by a relative path"
        ),
        Refusal::Absolute => format!(
            "`$ref` `{reference}` is an absolute path, which would make the output depend on the \
             machine; refer to the file by a path relative to the file the `$ref` is in"
        ),
        Refusal::Encoding => {
            format!("`$ref` `{reference}` is not valid UTF-8 once percent-decoded")
        }
    }
}

/// The parent mapping of `segments` under `root`, created as needed.
fn section_map<'a>(root: &'a mut Value, section: &[&str]) -> Option<&'a mut Mapping> {
    let mut current = root;
    for key in section {
        let map = current.as_mapping_mut()?;
        if !map.contains_key(*key) {
            map.insert(
                Value::String((*key).to_owned()),
                Value::Mapping(Mapping::new()),
            );
        }
        current = map.get_mut(*key)?;
    }
    current.as_mapping_mut()
}

impl Bundler<'_> {
    /// Puts a referenced part into its section under its name, after following the
    /// references inside it.
    fn place(&mut self, document: &mut Value, job: Job) {
        let Job {
            mut content,
            file,
            fragment,
            member,
            section,
            name,
        } = job;
        let at = pointer::child(&section_pointer(section), &name);
        self.walk(&mut content, Kind::One(member), file, &at, 0);
        self.layer
            .moved_from_file(&at, file, format!("#{fragment}"));
        if let Some(map) = section_map(document, section) {
            map.insert(Value::String(name), content);
        }
    }
}
