//! The walk over a document (the root, or a part taken from another file) that follows every
//! `$ref` to another file and rewrites it: to the local reference of the part's place, or by
//! writing the part in place of the `$ref`.

use serde_yaml::Value;

use super::context::{self, Kind, Member};
use super::reference::{self, Target};
use super::{
    component_name, fragment_segments, lookup, refusal_message, section_pointer, Bundler, Job,
    Resolution, MAX_INLINE_DEPTH,
};
use crate::load::origin::FileId;
use crate::pointer;

impl Bundler<'_> {
    /// Follows the references under `value`, of kind `kind`, found in file `file`; `at` is
    /// where `value` sits in the bundled document.
    pub(super) fn walk(
        &mut self,
        value: &mut Value,
        kind: Kind,
        file: FileId,
        at: &str,
        depth: usize,
    ) {
        if kind == Kind::Data {
            return;
        }
        if let Some(reference) = value
            .as_mapping()
            .and_then(|map| map.get("$ref"))
            .and_then(Value::as_str)
            .map(str::to_owned)
        {
            let member = match kind {
                Kind::One(member) => member,
                // A `$ref` where the walk does not know the kind is most likely a schema.
                _ => Member::Schema,
            };
            match self.resolve_reference(&reference, member, file, at) {
                Resolution::Keep => {}
                Resolution::Unfollowed(message) => {
                    // Confined to the place of the `$ref`: a schema there is any value, any
                    // other part is left out (its place then reports it).
                    let consequence = if member == Member::Schema {
                        "it is typed as any JSON value (`serde_json::Value`)"
                    } else {
                        "what it stands for is left out"
                    };
                    self.problems.warn(
                        pointer::child(at, "$ref"),
                        format!("{message}; {consequence}"),
                    );
                    if let Some(map) = value.as_mapping_mut() {
                        map.remove("$ref");
                    }
                }
                Resolution::Local(local) => {
                    if let Some(map) = value.as_mapping_mut() {
                        map.insert(Value::String("$ref".to_owned()), Value::String(local));
                    }
                }
                Resolution::Inline(content, from, fragment) => {
                    if depth >= MAX_INLINE_DEPTH {
                        self.problems.push(
                            pointer::child(at, "$ref"),
                            format!("`$ref` `{reference}` is written in place more than {MAX_INLINE_DEPTH} times over; the references form a cycle"),
                        );
                        return;
                    }
                    *value = content;
                    self.layer.moved_from_file(at, from, format!("#{fragment}"));
                    self.walk(value, kind, from, at, depth + 1);
                    return;
                }
            }
        }
        match value {
            Value::Mapping(map) => {
                for (key, child) in map.iter_mut() {
                    let Some(key) = key.as_str() else { continue };
                    if key == "$ref" {
                        continue;
                    }
                    let child_kind = context::child(kind, key, self.version);
                    let child_at = pointer::child(at, key);
                    self.walk(child, child_kind, file, &child_at, depth);
                }
            }
            Value::Sequence(items) => {
                for (index, item) in items.iter_mut().enumerate() {
                    let child_kind = context::child(kind, &index.to_string(), self.version);
                    self.walk(item, child_kind, file, &pointer::index(at, index), depth);
                }
            }
            _ => {}
        }
    }

    /// What the `$ref` `reference` (of an object of kind `member`, in file `file`, at `at`)
    /// becomes; problems are recorded at the `$ref`.
    fn resolve_reference(
        &mut self,
        reference: &str,
        member: Member,
        file: FileId,
        at: &str,
    ) -> Resolution {
        let here = pointer::child(at, "$ref");
        let base = if file == FileId::ROOT {
            String::new()
        } else {
            self.read[file.0 - 1].0.clone()
        };
        let (path, fragment, target_file) = match reference::resolve(reference, &base) {
            Ok(Target::Local(_)) if file == FileId::ROOT => return Resolution::Keep,
            Ok(Target::Local(fragment)) => (base.clone(), fragment, file),
            Ok(Target::File { path, fragment }) => {
                if reference::is_outside_root(&path) && !self.files.outside_root_allowed() {
                    return Resolution::Unfollowed(format!(
                        "`$ref` `{reference}` names `{path}`, outside the root document's folder; \
                         such files are read only when allowed (`--allow-outside-refs`, \
                         `Settings::with_refs_outside_root`)"
                    ));
                }
                match self.file_id(&path) {
                    Ok(id) => (path, fragment, id),
                    Err(reason) => {
                        return Resolution::Unfollowed(format!(
                            "`$ref` `{reference}` names the file `{path}`, which cannot be read: {reason}"
                        ));
                    }
                }
            }
            Err(refusal) => return Resolution::Unfollowed(refusal_message(reference, &refusal)),
        };
        let key = (target_file, fragment.clone());
        if let Some(local) = self.placed.get(&key).cloned() {
            // A root component that claimed this part is the part itself: write it there.
            if local == at {
                return self.inline(reference, target_file, &path, fragment, &here);
            }
            return Resolution::Local(local);
        }
        let Some(section) = member.section(self.version) else {
            return self.inline(reference, target_file, &path, fragment, &here);
        };
        let Some(content) = self.content(reference, target_file, &path, &fragment, &here) else {
            return Resolution::Keep;
        };
        let name = self.claim_name(section, component_name(&path, &fragment));
        let local = pointer::child(&section_pointer(section), &name);
        self.placed.insert(key, local.clone());
        self.jobs.push_back(Job {
            content,
            file: target_file,
            fragment,
            member,
            section,
            name,
        });
        Resolution::Local(local)
    }

    /// The referenced part, to be written in place of its `$ref`.
    fn inline(
        &mut self,
        reference: &str,
        file: FileId,
        path: &str,
        fragment: String,
        here: &str,
    ) -> Resolution {
        match self.content(reference, file, path, &fragment, here) {
            Some(content) => Resolution::Inline(content, file, fragment),
            None => Resolution::Keep,
        }
    }

    /// A copy of the part at `fragment` in file `file`, or `None` with an error at `here`.
    fn content(
        &mut self,
        reference: &str,
        file: FileId,
        path: &str,
        fragment: &str,
        here: &str,
    ) -> Option<Value> {
        // A file that did not parse has its own errors; the reference adds nothing.
        let value = self.read.get(file.0.checked_sub(1)?)?.2.as_ref()?;
        let found =
            fragment_segments(fragment).and_then(|segments| lookup(value, &segments).cloned());
        if found.is_none() {
            self.problems.push(
                here.to_owned(),
                format!("`$ref` `{reference}`: there is nothing at `#{fragment}` in `{path}`"),
            );
        }
        found
    }

    /// `name`, or its first numbered form free in `section`.
    fn claim_name(&mut self, section: &[&str], name: String) -> String {
        let section = section_pointer(section);
        let mut candidate = name.clone();
        let mut number = 2;
        while self.taken.contains(&(section.clone(), candidate.clone())) {
            candidate = format!("{name}{number}");
            number += 1;
        }
        self.taken.insert((section, candidate.clone()));
        candidate
    }
}
