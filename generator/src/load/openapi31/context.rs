//! The state of one downlevel run: where each part of the output came from so far, the parts
//! of the input that are copied in where they are used (`components.pathItems`,
//! `components.mediaTypes`), the `$anchor`s seen, and the problems found, each reported once
//! per place in the input.
//!
//! The conversion rewrites the document top down, moving a subtree before it converts what is
//! inside it. So when a part is moved, everything that contains it has already been placed,
//! and the place it came from is found by resolving its current pointer through the mounts
//! recorded so far: the one layer this run returns then maps every output pointer back to the
//! input in a single step, as [`Layer`] requires.

use std::collections::{BTreeMap, BTreeSet};

use serde_yaml::{Mapping, Value};

use crate::error::Collector;
use crate::load::origin::Layer;
use crate::load::version::Version;

/// How many values inlining `components.pathItems` and `components.mediaTypes` may copy in
/// all, so that a small document whose many references point to one large component cannot
/// make the generator build a huge one.
const INLINE_BUDGET: usize = 2_000_000;

/// The state of one run.
pub(super) struct Context<'problems> {
    /// The version the document declares.
    pub(super) version: Version,
    problems: &'problems mut Collector,
    /// The mounts so far, by their place in the output: `at` → `from` in the input.
    mounts: BTreeMap<String, String>,
    /// `(input pointer, message)` of everything reported, so that a part copied to several
    /// places (an inlined path item) is reported once.
    reported: BTreeSet<(String, String)>,
    /// The reusable parts that are copied where they are referenced, taken out of the
    /// document, since OpenAPI 3.0 has no such sections.
    pub(super) reusable: Reusable,
    /// How many more values inlining may copy.
    budget: usize,
    /// The targets whose copies are being converted, outermost first, so that a target
    /// reached again from inside its own copy (through a callback or an encoding's header)
    /// is not copied forever.
    inlining: Vec<String>,
    /// The `$anchor`s and the `$ref`s that name them.
    pub(super) anchors: Anchors,
}

/// The parts of `components` that 3.0 lacks and the conversion replaces at their uses.
#[derive(Debug, Default)]
pub(super) struct Reusable {
    /// `components.pathItems`, as written.
    pub(super) path_items: Mapping,
    /// `components.mediaTypes` (3.2), as written.
    pub(super) media_types: Mapping,
    /// The names of `components.parameters` entries that are `in: querystring` (3.2), which
    /// 3.0 cannot read and which are taken out of the components.
    pub(super) querystring_parameters: BTreeSet<String>,
    /// The names of `mutualTLS` security schemes, taken out of the components.
    pub(super) mutual_tls_schemes: BTreeSet<String>,
}

/// The anchors and the references to them found while converting.
#[derive(Debug, Default)]
pub(super) struct Anchors {
    /// Each anchor's schema, by its output pointer and the input pointer it stands for;
    /// `None` for a name given to more than one schema of the input. (A schema copied to
    /// several places, inside a reusable path item, is one schema; its first copy is used.)
    pub(super) places: BTreeMap<String, Option<(String, String)>>,
    /// The output pointers of the schemas whose `$ref` names an anchor.
    pub(super) references: Vec<String>,
}

impl<'problems> Context<'problems> {
    pub(super) fn new(version: Version, problems: &'problems mut Collector) -> Self {
        Context {
            version,
            problems,
            mounts: BTreeMap::new(),
            reported: BTreeSet::new(),
            reusable: Reusable::default(),
            budget: INLINE_BUDGET,
            inlining: Vec::new(),
            anchors: Anchors::default(),
        }
    }

    /// The input pointer that the output pointer `pointer` stands for, by the mounts recorded
    /// so far: the longest mount covering it, segment by segment, as [`Layer`] resolves.
    pub(super) fn resolve(&self, pointer: &str) -> String {
        let mut end = pointer.len();
        loop {
            let prefix = &pointer[..end];
            if let Some(from) = self.mounts.get(prefix) {
                return format!("{from}{}", &pointer[end..]);
            }
            match prefix.rfind('/') {
                Some(slash) => end = slash,
                None => return pointer.to_owned(),
            }
        }
    }

    /// Records that the subtree now at `at` in the output was at `was` in the document as it
    /// stood before this move (a pointer that earlier mounts resolve to the input).
    pub(super) fn moved(&mut self, at: String, was: &str) {
        let from = self.resolve(was);
        self.mounts.insert(at, from);
    }

    /// Records that the subtree now at `at` in the output is the input's subtree at `from`,
    /// a pointer into the input already.
    pub(super) fn mounted(&mut self, at: String, from: String) {
        self.mounts.insert(at, from);
    }

    /// Records several moves at once, resolving every `was` before any of them is recorded, for
    /// moves that swap places (the items of a list shifted by one).
    pub(super) fn moved_all(&mut self, moves: Vec<(String, String)>) {
        let resolved: Vec<(String, String)> = moves
            .into_iter()
            .map(|(at, was)| {
                let from = self.resolve(&was);
                (at, from)
            })
            .collect();
        self.mounts.extend(resolved);
    }

    /// A warning at `at`, an output pointer; reported once per input place and message.
    pub(super) fn warn(&mut self, at: &str, message: impl Into<String>) {
        let message = message.into();
        if self.reported.insert((self.resolve(at), message.clone())) {
            self.problems.warn(at, message);
        }
    }

    /// An error at `at`, an output pointer; reported once per input place and message.
    pub(super) fn push(&mut self, at: &str, message: impl Into<String>) {
        let message = message.into();
        if self.reported.insert((self.resolve(at), message.clone())) {
            self.problems.push(at, message);
        }
    }

    /// Sets how many values inlining may still copy, for tests of the limit.
    #[cfg(test)]
    pub(super) fn set_budget(&mut self, budget: usize) {
        self.budget = budget;
    }

    /// Takes `count` values from the inlining budget; `false` when it is spent.
    pub(super) fn spend(&mut self, count: usize) -> bool {
        match self.budget.checked_sub(count) {
            Some(left) => {
                self.budget = left;
                true
            }
            None => false,
        }
    }

    /// Whether the copy of the target at `target_at` is being converted.
    pub(super) fn is_inlining(&self, target_at: &str) -> bool {
        self.inlining.iter().any(|active| active == target_at)
    }

    /// Notes that the copy of the target at `target_at` is being converted, until
    /// [`Context::leave_inlined`].
    pub(super) fn enter_inlined(&mut self, target_at: String) {
        self.inlining.push(target_at);
    }

    /// Notes that the innermost copy being converted is done.
    pub(super) fn leave_inlined(&mut self) {
        self.inlining.pop();
    }

    /// The layer of every move, for the loader's [`Origins`](crate::load::origin::Origins).
    pub(super) fn into_layer(self) -> Layer {
        let mut layer = Layer::default();
        for (at, from) in self.mounts {
            layer.moved(at, from);
        }
        layer
    }
}

/// How many values `value` holds, itself included, to charge a copy to the budget. The
/// recursion follows the document's nesting, which the parsers limit to 128 levels.
pub(super) fn size(value: &Value) -> usize {
    match value {
        Value::Mapping(mapping) => 1 + mapping.values().map(size).sum::<usize>(),
        Value::Sequence(items) => 1 + items.iter().map(size).sum::<usize>(),
        Value::Tagged(tagged) => 1 + size(&tagged.value),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => 1,
    }
}

/// Replaces the entry `key` of `mapping` by the entries `make` builds from its value, at its
/// place, so that the keys keep the order the document gave them. Nothing happens when `key`
/// is absent.
pub(super) fn replace_entry_with(
    mapping: &mut Mapping,
    key: &str,
    make: impl FnOnce(Value) -> Vec<(Value, Value)>,
) {
    if !mapping.contains_key(key) {
        return;
    }
    let old = std::mem::take(mapping);
    let mut make = Some(make);
    for (old_key, value) in old {
        match (old_key.as_str() == Some(key), make.take()) {
            (true, Some(make)) => {
                for (new_key, new_value) in make(value) {
                    mapping.insert(new_key, new_value);
                }
            }
            (_, unused) => {
                make = unused;
                mapping.insert(old_key, value);
            }
        }
    }
}

/// Replaces the entry `key` of `mapping` by `entries`, at its place.
pub(super) fn replace_entry(mapping: &mut Mapping, key: &str, entries: Vec<(Value, Value)>) {
    replace_entry_with(mapping, key, |_| entries);
}

/// Renames the entry `from` of `mapping` to `to`, at its place, keeping its value.
pub(super) fn rename_entry(mapping: &mut Mapping, from: &str, to: &str) {
    replace_entry_with(mapping, from, |value| vec![(Value::from(to), value)]);
}
