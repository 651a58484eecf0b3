//! Decisions over the graph of models, each in time linear in the models and their edges, so
//! that a document of ten thousand schemas lowers as fast per schema as one of ten:
//!
//! - Boxing: a field (or union variant) of model `A` holding model `B` inline must be boxed
//!   exactly when `B` leads back to `A` inline, that is when `A` and `B` lie in the same
//!   strongly connected component of the "holds inline" graph (Tarjan's algorithm, iterative,
//!   so no chain of models is too long for the thread's stack).

use crate::ir::walk::{for_each_model_type, Slot};
use crate::ir::{Model, ModelId, ModelKind, TypeRef};

/// The models a model holds inline (not behind a `Vec`, a map or a box): its fields' and
/// variants' types, and an alias's or newtype's target.
fn inline_children(model: &Model) -> Vec<ModelId> {
    let mut children = Vec::new();
    for_each_model_type(model, &mut |slot, ty| {
        // A multipart part is always an `Option` and never contains its form again.
        if !matches!(slot, Slot::MultipartPart) {
            children.extend(held_inline(ty));
        }
    });
    children
}

/// The models a value of `ty` holds inline: the model itself, or a tuple's members.
fn held_inline(ty: &TypeRef) -> Vec<ModelId> {
    match ty {
        TypeRef::Model(id) => vec![*id],
        TypeRef::Tuple(items) => items.iter().flat_map(held_inline).collect(),
        _ => Vec::new(),
    }
}

/// The strongly connected component of each model (by index), numbered from zero.
///
/// Tarjan's algorithm, with an explicit stack of frames instead of recursion, so that a long
/// chain of models cannot overflow the thread's stack.
fn components(models: &[Model]) -> Vec<usize> {
    let edges: Vec<Vec<usize>> = models
        .iter()
        .map(|model| {
            inline_children(model)
                .into_iter()
                .map(|id| id.0)
                .filter(|child| *child < models.len())
                .collect()
        })
        .collect();
    let mut tarjan = Tarjan::new(edges.len());
    for root in 0..edges.len() {
        if tarjan.index[root] != UNSEEN {
            continue;
        }
        // Each frame: a node and how many of its edges have been followed.
        let mut frames: Vec<(usize, usize)> = vec![(root, 0)];
        tarjan.enter(root);
        while let Some(frame) = frames.last_mut() {
            let node = frame.0;
            if let Some(&child) = edges[node].get(frame.1) {
                frame.1 += 1;
                if tarjan.index[child] == UNSEEN {
                    tarjan.enter(child);
                    frames.push((child, 0));
                } else if tarjan.on_stack[child] {
                    tarjan.low[node] = tarjan.low[node].min(tarjan.index[child]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                tarjan.low[parent] = tarjan.low[parent].min(tarjan.low[node]);
            }
            tarjan.leave(node);
        }
    }
    tarjan.component
}

/// The index of a node Tarjan's algorithm has not reached yet.
const UNSEEN: usize = usize::MAX;

/// The bookkeeping of Tarjan's algorithm, one slot per node.
struct Tarjan {
    /// The order in which each node was reached.
    index: Vec<usize>,
    /// The smallest index reachable from the node through the nodes still on the stack.
    low: Vec<usize>,
    /// Whether the node is on `stack`.
    on_stack: Vec<bool>,
    /// The node's component, once it is closed.
    component: Vec<usize>,
    /// The nodes reached whose component is not closed yet.
    stack: Vec<usize>,
    next_index: usize,
    next_component: usize,
}

impl Tarjan {
    fn new(count: usize) -> Self {
        Self {
            index: vec![UNSEEN; count],
            low: vec![0; count],
            on_stack: vec![false; count],
            component: vec![UNSEEN; count],
            stack: Vec::new(),
            next_index: 0,
            next_component: 0,
        }
    }

    /// Reaches `node` for the first time.
    fn enter(&mut self, node: usize) {
        self.index[node] = self.next_index;
        self.low[node] = self.next_index;
        self.next_index += 1;
        self.stack.push(node);
        self.on_stack[node] = true;
    }

    /// Finishes `node` once all its edges are followed: when it is the root of a component,
    /// the nodes above it on the stack are that component.
    fn leave(&mut self, node: usize) {
        if self.low[node] != self.index[node] {
            return;
        }
        while let Some(member) = self.stack.pop() {
            self.on_stack[member] = false;
            self.component[member] = self.next_component;
            if member == node {
                break;
            }
        }
        self.next_component += 1;
    }
}

/// Boxes each struct field and union variant whose model leads back inline to its owner.
pub(super) fn decide_boxing(models: &mut [Model]) {
    let component = components(models);
    let same = |owner: usize, ty: &TypeRef| {
        held_inline(ty)
            .iter()
            .any(|child| component.get(child.0) == component.get(owner))
    };
    for (index, model) in models.iter_mut().enumerate() {
        match &mut model.kind {
            ModelKind::Struct(structure) => {
                for field in &mut structure.fields {
                    field.boxed = same(index, &field.ty);
                }
            }
            ModelKind::TaggedUnion(union) => {
                for variant in &mut union.variants {
                    variant.boxed = same(index, &variant.ty);
                }
            }
            ModelKind::UntaggedUnion(union) => {
                for variant in &mut union.variants {
                    variant.boxed = same(index, &variant.ty);
                }
            }
            _ => {}
        }
    }
}
