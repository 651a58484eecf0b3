//! `$ref`s in the upgrade: following a local one in the input (to see whether a listed
//! parameter is a body, or a referenced response has a body), and, once the whole output is
//! written, rewriting every copied one to where its target now is, by taking the mounts
//! backwards. A `$ref` to another file is left alone: bundling has run before.

use std::collections::BTreeMap;

use serde_yaml::Value;

use super::Mount;
use crate::pointer;

/// The value a local `$ref` points to in `root`, with its canonical pointer; `None` for a
/// `$ref` to another file or to nothing. One step only: a target that is itself a `$ref` is
/// returned as it is, so a cycle of references costs nothing here.
pub(super) fn resolve_local<'value>(
    root: &'value Value,
    reference: &str,
) -> Option<(&'value Value, String)> {
    let segments = pointer::local_reference_segments(reference)?;
    let mut current = root;
    let mut at = String::from("#");
    for segment in &segments {
        current = member(current, segment)?;
        at = pointer::child(&at, segment);
    }
    Some((current, at))
}

/// The name of the entry `pointer` is in `#/<section>`, when it is one (`#/parameters/Limit`
/// → `Limit`), and not a place inside one.
pub(super) fn global_name(pointer: &str, section: &str) -> Option<String> {
    let rest = pointer
        .strip_prefix("#/")?
        .strip_prefix(section)?
        .strip_prefix('/')?;
    (!rest.contains('/')).then(|| pointer::unescape(rest))
}

/// The `$ref` text for a canonical pointer: a `$ref` is a URI fragment, so a `%` in a name is
/// escaped, and lowering's percent-decoding gives the pointer back.
pub(super) fn reference_to(pointer: &str) -> String {
    pointer.replace('%', "%25")
}

/// Rewrites the `$ref` of each mapping at `holders` (pointers into `document`) to where its
/// target is now, by the followed mounts taken backwards.
pub(super) fn rewrite(document: &mut Value, holders: &[String], mounts: &[Mount]) {
    let mut backwards: BTreeMap<&str, &str> = BTreeMap::new();
    for mount in mounts.iter().filter(|mount| mount.followed) {
        backwards
            .entry(mount.from.as_str())
            .or_insert(mount.at.as_str());
    }
    for holder in holders {
        let Some(Value::String(reference)) =
            value_at_mut(document, holder).and_then(|holder| holder.get_mut("$ref"))
        else {
            continue;
        };
        if let Some(rewritten) = rewritten(reference, &backwards) {
            *reference = rewritten;
        }
    }
}

/// Where a local `$ref`'s target is in the output: the input pointer with its longest moved
/// prefix replaced by where that prefix now is. `None` when it is where it was, or the `$ref`
/// points into another file.
fn rewritten(reference: &str, backwards: &BTreeMap<&str, &str>) -> Option<String> {
    let segments = pointer::local_reference_segments(reference)?;
    let mut prefixes = vec![String::from("#")];
    for segment in &segments {
        let longer = pointer::child(prefixes.last()?, segment);
        prefixes.push(longer);
    }
    let whole = prefixes.last()?;
    let (prefix, at) = prefixes
        .iter()
        .rev()
        .find_map(|prefix| Some((prefix, *backwards.get(prefix.as_str())?)))?;
    let target = format!("{at}{}", &whole[prefix.len()..]);
    (target != *whole).then(|| reference_to(&target))
}

/// The member `segment` of a mapping, or the item it numbers of a sequence.
fn member<'value>(value: &'value Value, segment: &str) -> Option<&'value Value> {
    match value {
        Value::Mapping(mapping) => mapping.get(segment),
        Value::Sequence(items) => items.get(segment.parse::<usize>().ok()?),
        _ => None,
    }
}

/// The value at `pointer` (one this upgrade built, so canonical) in `document`.
pub(super) fn value_at_mut<'value>(
    document: &'value mut Value,
    pointer: &str,
) -> Option<&'value mut Value> {
    let mut current = document;
    for segment in segments(pointer) {
        current = match current {
            Value::Mapping(mapping) => mapping.get_mut(segment.as_str())?,
            Value::Sequence(items) => items.get_mut(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

/// The value at a canonical `pointer` in `document`.
#[cfg(test)]
pub(super) fn value_at<'value>(document: &'value Value, pointer: &str) -> Option<&'value Value> {
    segments(pointer).try_fold(document, |current, segment| member(current, &segment))
}

/// The unescaped segments of a canonical pointer (`#/paths/~1pets` → `paths`, `/pets`).
fn segments(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer
        .strip_prefix('#')
        .unwrap_or(pointer)
        .split('/')
        .skip(1)
        .map(pointer::unescape)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mount(at: &str, from: &str, followed: bool) -> Mount {
        Mount {
            at: at.to_owned(),
            from: from.to_owned(),
            followed,
        }
    }

    #[test]
    fn a_reference_follows_the_longest_moved_prefix() {
        let mounts = [
            mount("#/components/schemas", "#/definitions", true),
            mount("#/components/parameters/Limit", "#/parameters/Limit", true),
            mount(
                "#/components/parameters/Limit/schema",
                "#/parameters/Limit",
                false,
            ),
            mount(
                "#/paths/~1pets/get/responses/200/content/application~1json/schema",
                "#/paths/~1pets/get/responses/200/schema",
                true,
            ),
        ];
        let mut backwards = BTreeMap::new();
        for mount in mounts.iter().filter(|mount| mount.followed) {
            backwards
                .entry(mount.from.as_str())
                .or_insert(mount.at.as_str());
        }
        let cases = [
            ("#/definitions/Pet", Some("#/components/schemas/Pet")),
            (
                "#/definitions/Pet/properties/name",
                Some("#/components/schemas/Pet/properties/name"),
            ),
            ("#/definitions/e%20f", Some("#/components/schemas/e f")),
            ("#/definitions/100%25", Some("#/components/schemas/100%25")),
            ("#/parameters/Limit", Some("#/components/parameters/Limit")),
            (
                "#/paths/~1pets/get/responses/200/schema/items",
                Some("#/paths/~1pets/get/responses/200/content/application~1json/schema/items"),
            ),
            ("#/paths/~1pets/get/responses/200", None),
            ("other.yaml#/definitions/Pet", None),
        ];
        for (reference, expected) in cases {
            assert_eq!(
                rewritten(reference, &backwards).as_deref(),
                expected,
                "{reference}"
            );
        }
    }

    #[test]
    fn resolves_local_references_one_step() {
        let root: Value = serde_yaml::from_str(
            "parameters:\n  a/b: {in: body}\n  c: {$ref: '#/parameters/c'}\nlist: [x, y]",
        )
        .expect("yaml");
        let (found, at) = resolve_local(&root, "#/parameters/a~1b").expect("found");
        assert_eq!(at, "#/parameters/a~1b");
        assert_eq!(found.get("in").and_then(Value::as_str), Some("body"));
        let (cycle, _) = resolve_local(&root, "#/parameters/c").expect("found");
        assert!(cycle.get("$ref").is_some(), "one step only");
        assert_eq!(
            resolve_local(&root, "#/list/1").map(|(value, _)| value.clone()),
            Some(Value::from("y"))
        );
        assert!(resolve_local(&root, "#/list/9").is_none());
        assert!(resolve_local(&root, "other.yaml#/parameters/c").is_none());
        assert_eq!(
            global_name("#/parameters/a~1b", "parameters").as_deref(),
            Some("a/b")
        );
        assert_eq!(global_name("#/parameters/a/in", "parameters"), None);
        assert_eq!(global_name("#/parametersX/a", "parameters"), None);
    }
}
