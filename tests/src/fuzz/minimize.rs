//! Shrinks a failing input while the same failure persists: delta debugging over the value
//! tree. It drops the raw mutation and turns JSON into YAML when it can, then walks the tree
//! from the root, removing children in halving chunks and replacing each remaining child by
//! `{}`, `null`, a shorter string or `0` before descending into it.
//!
//! Working from the root down means the first successful removals cut whole subtrees, so a
//! large corpus document shrinks in few executions.

use std::time::Instant;

use super::emit::Format;
use super::exec::Failure;
use super::input::{Body, Input};
use super::tree::Node;

/// How much work the minimiser may do.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The most executions (tries of a smaller input).
    pub executions: usize,
    /// When to stop regardless.
    pub deadline: Instant,
}

/// The minimiser's state: the smallest failing input so far and its failure.
struct Minimizer<'a> {
    test: &'a mut dyn FnMut(&Input) -> Option<Failure>,
    limits: Limits,
    executions: usize,
    best: Input,
    failure: Failure,
}

/// The result of minimising: the smallest input found, its failure (whose message may differ
/// from the original's, as it quotes the input) and how many executions it took.
pub struct Minimized {
    /// The smallest input that still fails the same way.
    pub input: Input,
    /// Its failure.
    pub failure: Failure,
    /// The executions spent.
    pub executions: usize,
}

/// Minimises `input`, which fails with `failure`; `test` runs a candidate and returns its
/// failure, if any. A candidate is kept only when its failure has the same signature.
pub fn minimize(
    input: Input,
    failure: Failure,
    test: &mut dyn FnMut(&Input) -> Option<Failure>,
    limits: Limits,
) -> Minimized {
    let mut minimizer = Minimizer {
        test,
        limits,
        executions: 0,
        best: input,
        failure,
    };
    minimizer.simplify_text();
    loop {
        let before = minimizer.best.text().len();
        minimizer.reduce(&mut Vec::new());
        if minimizer.exhausted() || minimizer.best.text().len() >= before {
            break;
        }
    }
    Minimized {
        input: minimizer.best,
        failure: minimizer.failure,
        executions: minimizer.executions,
    }
}

impl Minimizer<'_> {
    /// Whether the limits are reached.
    fn exhausted(&self) -> bool {
        self.executions >= self.limits.executions || Instant::now() >= self.limits.deadline
    }

    /// Runs `candidate`; keeps it when it fails the same way. Returns whether it was kept.
    fn attempt(&mut self, candidate: Input) -> bool {
        if self.exhausted() {
            return false;
        }
        self.executions += 1;
        match (self.test)(&candidate) {
            Some(failure) if failure.signature == self.failure.signature => {
                self.best = candidate;
                self.failure = failure;
                true
            }
            _ => false,
        }
    }

    /// Drops the raw mutation, then writes JSON as YAML, each when the failure persists:
    /// both make the saved file easier to read.
    fn simplify_text(&mut self) {
        if self.best.raw.is_some() {
            let mut candidate = self.best.clone();
            candidate.raw = None;
            self.attempt(candidate);
        }
        if let Body::Tree(tree, format) = &self.best.body {
            if *format != Format::Yaml {
                let mut candidate = self.best.clone();
                candidate.body = Body::Tree(tree.clone(), Format::Yaml);
                self.attempt(candidate);
            }
        }
    }

    /// A copy of the best input with `change` applied to its tree, or `None` when it has no
    /// tree or the change did not apply.
    fn changed(&self, change: impl FnOnce(&mut Node) -> bool) -> Option<Input> {
        let mut candidate = self.best.clone();
        let applied = match &mut candidate.body {
            Body::Tree(tree, _) => change(tree),
            Body::Text(_) => false,
        };
        applied.then_some(candidate)
    }

    /// The node at `path` in the best input's tree.
    fn node(&self, path: &[usize]) -> Option<&Node> {
        match &self.best.body {
            Body::Tree(tree, _) => tree.at(path),
            Body::Text(_) => None,
        }
    }

    /// Reduces the subtree at `path`: removes children in chunks, then simplifies each child
    /// that is left and descends into it.
    fn reduce(&mut self, path: &mut Vec<usize>) {
        self.remove_children(path);
        let mut index = 0;
        while index < self.node(path).map_or(0, Node::len) && !self.exhausted() {
            path.push(index);
            self.simplify(path);
            if self.node(path).is_some_and(|child| !child.is_empty()) {
                self.reduce(path);
            }
            path.pop();
            index += 1;
        }
    }

    /// Removes the children of the node at `path` in chunks of half, a quarter, … and
    /// finally one child at a time.
    fn remove_children(&mut self, path: &[usize]) {
        let mut chunk = self.node(path).map_or(0, Node::len).div_ceil(2).max(1);
        loop {
            let mut start = 0;
            while start < self.node(path).map_or(0, Node::len) && !self.exhausted() {
                let candidate = self.changed(|tree| remove_range(tree, path, start, chunk));
                if !candidate.is_some_and(|candidate| self.attempt(candidate)) {
                    start += chunk;
                }
            }
            if chunk == 1 || self.exhausted() {
                break;
            }
            chunk = chunk.div_ceil(2);
        }
    }

    /// Replaces the node at `path` by something simpler, keeping the first replacement that
    /// still fails: `{}`, `null`, an empty or halved string, or `0`.
    fn simplify(&mut self, path: &[usize]) {
        let Some(node) = self.node(path).cloned() else {
            return;
        };
        let mut replacements = Vec::new();
        if node != Node::Object(Vec::new()) {
            replacements.push(Node::Object(Vec::new()));
        }
        if node != Node::Null {
            replacements.push(Node::Null);
        }
        match &node {
            Node::String(text) if !text.is_empty() => {
                replacements.push(Node::String(String::new()));
                let half: String = text.chars().take(text.chars().count() / 2).collect();
                if !half.is_empty() {
                    replacements.push(Node::String(half));
                }
            }
            Node::Number(literal) if literal != "0" => replacements.push(Node::Number("0".into())),
            _ => {}
        }
        for replacement in replacements {
            let candidate = self.changed(|tree| match tree.at_mut(path) {
                Some(target) => {
                    *target = replacement;
                    true
                }
                None => false,
            });
            if candidate.is_some_and(|candidate| self.attempt(candidate)) {
                return;
            }
        }
    }
}

/// Removes up to `count` children of the node at `path`, starting at `start`.
fn remove_range(tree: &mut Node, path: &[usize], start: usize, count: usize) -> bool {
    match tree.at_mut(path) {
        Some(Node::Array(items)) if start < items.len() => {
            let end = (start + count).min(items.len());
            items.drain(start..end);
            true
        }
        Some(Node::Object(entries)) if start < entries.len() => {
            let end = (start + count).min(entries.len());
            entries.drain(start..end);
            true
        }
        _ => false,
    }
}
