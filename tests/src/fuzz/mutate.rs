//! The structural mutations of any node: delete, duplicate, replace by another kind, rename a
//! key, insert a `$ref`. Schema- and operation-specific mutations live in `schema.rs` and
//! `operations.rs`; [`mutate`] chooses among all of them.

use super::palette::{self, AWKWARD_NAMES, MISSING_REFS};
use super::rng::Rng;
use super::tree::{
    self, choose, component_ref, escape_key, is_schema, keys_along, pointer, string, Context, Node,
};
use super::{operations, schema};

/// One mutation: its name (listed in a saved failure's header) and the function applying it,
/// which returns false when the document has no place for it.
type Mutation = (&'static str, fn(&mut Node, &mut Rng) -> bool);

/// Every mutation with its weight; structural ones that reach any node weigh most, since they
/// find the loader's and lowering's unexpected shapes.
const MUTATIONS: &[(u64, Mutation)] = &[
    (12, ("delete", delete)),
    (7, ("duplicate", duplicate)),
    (12, ("replace-kind", replace_kind)),
    (10, ("rename-key", rename_key)),
    (12, ("insert-ref", insert_ref)),
    (10, ("wrap-schema", schema::wrap)),
    (16, ("add-keyword", schema::add_keyword)),
    (10, ("add-operation", operations::add_operation)),
    (6, ("tweak-parameter", operations::tweak_parameter)),
    (6, ("add-schema", operations::add_schema)),
    (4, ("nest-deep", schema::nest_deep)),
];

/// Applies one mutation chosen by weight, retrying a few times when the chosen one finds no
/// place in the document; returns its name, or `None` when nothing applied.
pub fn mutate(root: &mut Node, rng: &mut Rng) -> Option<&'static str> {
    let total: u64 = MUTATIONS.iter().map(|(weight, _)| weight).sum();
    for _ in 0..8 {
        let mut ticket = rng.next_u64() % total;
        for (weight, (name, apply)) in MUTATIONS {
            if ticket < *weight {
                if apply(root, rng) {
                    return Some(name);
                }
                break;
            }
            ticket -= weight;
        }
    }
    None
}

/// Accepts every node.
fn any(_: &Node, _: Context<'_>) -> bool {
    true
}

/// The parent of the node at `path` and the node's index in it.
fn parent_of<'a>(root: &'a mut Node, path: &[usize]) -> Option<(&'a mut Node, usize)> {
    let (last, parent_path) = path.split_last()?;
    Some((root.at_mut(parent_path)?, *last))
}

/// Removes the node at `path` from its parent.
pub fn remove_at(root: &mut Node, path: &[usize]) -> bool {
    match parent_of(root, path) {
        Some((Node::Array(items), index)) if index < items.len() => {
            items.remove(index);
            true
        }
        Some((Node::Object(entries), index)) if index < entries.len() => {
            entries.remove(index);
            true
        }
        _ => false,
    }
}

/// Deletes a key or an item.
fn delete(root: &mut Node, rng: &mut Rng) -> bool {
    choose(root, rng, &any).is_some_and(|path| remove_at(root, &path))
}

/// Duplicates a key or an item next to itself; a duplicated key keeps its name half of the
/// time (a duplicate key, which both parsers must refuse or settle) and otherwise takes a
/// name that collides with it after case conversion.
fn duplicate(root: &mut Node, rng: &mut Rng) -> bool {
    let Some(path) = choose(root, rng, &any) else {
        return false;
    };
    let same_name = rng.chance(1, 2);
    let other_name_seed = rng.next_u64();
    match parent_of(root, &path) {
        Some((Node::Array(items), index)) => {
            let copy = items[index].clone();
            items.insert(index + 1, copy);
            true
        }
        Some((Node::Object(entries), index)) => {
            let (key, value) = entries[index].clone();
            let key = if same_name {
                key
            } else {
                palette::collide_with(&key, &mut Rng::new(other_name_seed))
            };
            entries.insert(index + 1, (key, value));
            true
        }
        _ => false,
    }
}

/// Replaces a value by one of another kind.
fn replace_kind(root: &mut Node, rng: &mut Rng) -> bool {
    let Some(path) = choose(root, rng, &any) else {
        return false;
    };
    let Some(node) = root.at_mut(&path) else {
        return false;
    };
    let kind = (palette::kind_of(node) + rng.between(1, 5)) % 6;
    *node = palette::value_of_kind(rng, kind, 2);
    true
}

/// Renames a key to an awkward name, or to one that collides with a sibling's after case
/// conversion.
fn rename_key(root: &mut Node, rng: &mut Rng) -> bool {
    let Some(path) = choose(root, rng, &|_, context| context.key.is_some()) else {
        return false;
    };
    let Some((Node::Object(entries), index)) = parent_of(root, &path) else {
        return false;
    };
    let sibling = entries[rng.below(entries.len())].0.clone();
    entries[index].0 = match rng.below(5) {
        0 | 1 => (*rng.pick(AWKWARD_NAMES)).to_owned(),
        2 | 3 => palette::collide_with(&sibling, rng),
        _ => palette::awkward_string(rng),
    };
    true
}

/// Replaces a node by a `$ref`, or adds a `$ref` beside an object's other keys (which OpenAPI
/// 3.0 says to ignore). Schema-like nodes are preferred, as most `$ref`s point at schemas.
fn insert_ref(root: &mut Node, rng: &mut Rng) -> bool {
    let path = if rng.chance(2, 3) {
        choose(root, rng, &is_schema)
    } else {
        choose(root, rng, &any)
    };
    let Some(path) = path else {
        return false;
    };
    let target = ref_target(root, &path, rng);
    let beside = rng.chance(1, 4);
    let Some(node) = root.at_mut(&path) else {
        return false;
    };
    if beside && matches!(node, Node::Object(_)) {
        node.set("$ref", string(&target));
    } else {
        *node = tree::object([("$ref", string(&target))]);
    }
    true
}

/// A `$ref` for the node at `path`: a component, the node's own schema (a cycle), any
/// existing node, a node under `#/paths`, a percent-encoded pointer, or nothing at all.
fn ref_target(root: &Node, path: &[usize], rng: &mut Rng) -> String {
    let existing = |rng: &mut Rng| {
        choose(root, rng, &|_, _| true).map_or_else(|| "#".to_owned(), |path| pointer(root, &path))
    };
    match rng.below(8) {
        0 | 1 => component_ref(root, rng).unwrap_or_else(|| existing(rng)),
        2 => {
            let keys = keys_along(root, path);
            match keys.as_slice() {
                [components, schemas, name, ..]
                    if components == "components" && schemas == "schemas" =>
                {
                    format!("#/components/schemas/{}", escape_key(name))
                }
                _ => component_ref(root, rng).unwrap_or_else(|| existing(rng)),
            }
        }
        3 => existing(rng),
        4 => paths_ref(root, rng).unwrap_or_else(|| existing(rng)),
        5 => percent_encode(
            &component_ref(root, rng).unwrap_or_else(|| existing(rng)),
            rng,
        ),
        _ => (*rng.pick(MISSING_REFS)).to_owned(),
    }
}

/// A `$ref` into `#/paths/…`, which the generator must follow or refuse with a located error.
fn paths_ref(root: &Node, rng: &mut Rng) -> Option<String> {
    let index = root.keys().iter().position(|key| key == "paths")?;
    let paths = root.child(index)?;
    let inner = choose(paths, rng, &any)?;
    let mut full = vec![index];
    full.extend(inner);
    Some(pointer(root, &full))
}

/// Percent-encodes some characters of a pointer's path (RFC 3986 allows it in a `$ref`), and
/// always the ones a URI fragment may not hold as they are.
fn percent_encode(reference: &str, rng: &mut Rng) -> String {
    let Some(fragment) = reference.strip_prefix('#') else {
        return reference.to_owned();
    };
    let mut encoded = String::from("#");
    for character in fragment.chars() {
        let must =
            !character.is_ascii_alphanumeric() && !matches!(character, '/' | '-' | '_' | '.');
        if must || (character != '/' && rng.chance(1, 4)) {
            let mut buffer = [0; 4];
            for byte in character.encode_utf8(&mut buffer).bytes() {
                encoded.push_str(&format!("%{byte:02X}"));
            }
        } else {
            encoded.push(character);
        }
    }
    encoded
}
