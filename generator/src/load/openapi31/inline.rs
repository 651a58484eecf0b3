//! References to the sections of `components` that 3.0 lacks (`pathItems`, and 3.2's
//! `mediaTypes`) replaced by copies of their targets, each mounted on the place its target
//! was written, so that a problem inside a copy is reported where the user wrote it (once,
//! however many copies there are).

use serde_yaml::{Mapping, Value};

use super::context::{size, Context, Reusable};
use crate::pointer;

/// How many references in a row inlining follows before it calls them a cycle.
const MAX_HOPS: usize = 32;

/// The sections whose entries are copied where they are used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    PathItems,
    MediaTypes,
}

impl Section {
    fn name(self) -> &'static str {
        match self {
            Section::PathItems => "pathItems",
            Section::MediaTypes => "mediaTypes",
        }
    }

    fn entries(self, reusable: &Reusable) -> &Mapping {
        match self {
            Section::PathItems => &reusable.path_items,
            Section::MediaTypes => &reusable.media_types,
        }
    }
}

/// Replaces `value`, when it is a `$ref` to `#/components/{section}/…`, by a copy of the
/// target, following references between the section's entries. Keywords beside the `$ref`
/// (a summary, a description) are kept over the target's, as 3.1 reads them. Returns whether
/// a copy was made: the caller converts it, then calls [`Context::leave_inlined`].
pub(super) fn inline_reference(
    value: &mut Value,
    at: &str,
    section: Section,
    context: &mut Context<'_>,
) -> bool {
    let Some(reference) = value.get("$ref").and_then(Value::as_str).map(str::to_owned) else {
        return false;
    };
    let prefix = format!("#/components/{}/", section.name());
    if !reference.starts_with(&prefix) {
        return false;
    }
    let reference_at = pointer::child(at, "$ref");
    let (target, target_at) = match find_target(&reference, section, &context.reusable) {
        Ok(found) => found,
        Err(message) => {
            context.push(&reference_at, message);
            return false;
        }
    };
    if context.is_inlining(&target_at) {
        // Only callbacks and encodings' headers nest this way, and the client reads neither.
        context.warn(
            &reference_at,
            format!("`$ref` `{reference}` is inside its own target; this copy is left empty"),
        );
        *value = Value::Mapping(Mapping::new());
        return false;
    }
    if !context.spend(size(&target)) {
        context.push(
            &reference_at,
            format!(
                "`$ref` `{reference}` is not copied in: copying `components.{}` where they are \
                 used would make a document of more than two million values",
                section.name()
            ),
        );
        return false;
    }
    let Value::Mapping(siblings) = std::mem::replace(value, target) else {
        return false;
    };
    // The siblings stay where they were written (resolved before the copy is mounted over
    // them); the rest of the copy is the target's, a place in the input.
    let kept: Vec<(String, String)> = siblings
        .keys()
        .filter_map(Value::as_str)
        .filter(|key| *key != "$ref")
        .map(|key| {
            let key_at = pointer::child(at, key);
            (key_at.clone(), key_at)
        })
        .collect();
    context.moved_all(kept);
    context.mounted(at.to_owned(), target_at.clone());
    context.enter_inlined(target_at);
    if let Value::Mapping(mapping) = value {
        for (key, sibling) in siblings {
            if key.as_str() != Some("$ref") {
                mapping.insert(key, sibling);
            }
        }
    }
    true
}

/// The entry a reference into a section stands for, following references between its
/// entries, with the pointer it was written at; or why there is none.
fn find_target(
    reference: &str,
    section: Section,
    reusable: &Reusable,
) -> Result<(Value, String), String> {
    let entries = section.entries(reusable);
    let prefix = format!("#/components/{}/", section.name());
    let mut current = reference.to_owned();
    for _ in 0..MAX_HOPS {
        let name = pointer::local_reference_segments(&current).and_then(|segments| {
            match <[String; 3]>::try_from(segments) {
                Ok([_, _, name]) => Some(name),
                Err(_) => None,
            }
        });
        let Some((name, target)) = name.and_then(|name| {
            let target = entries.get(name.as_str())?;
            Some((name, target))
        }) else {
            return Err(format!(
                "dangling $ref `{current}`: there is no entry of `components.{}` there",
                section.name()
            ));
        };
        match target.get("$ref").and_then(Value::as_str) {
            Some(next) if next.starts_with(&prefix) => current = next.to_owned(),
            _ => {
                let section_at = pointer::child("#/components", section.name());
                return Ok((target.clone(), pointer::child(&section_at, &name)));
            }
        }
    }
    Err(format!(
        "`$ref` `{reference}` takes more than {MAX_HOPS} hops; the references form a cycle"
    ))
}
