//! Lowering: the loaded document → [`ir::Api`](crate::ir::Api). Every decision is made here:
//! names, optionality, boxing, type mapping, `$ref` resolution and documentation text.
//!
//! Order of work, which is what makes names deterministic:
//! 1. Every component schema, and every other place a `$ref` points to, gets a model slot and
//!    its name, in document order, before any body is lowered; so a `$ref` is just a lookup
//!    and recursive schemas need no special case, and components win name collisions
//!    against inline schemas.
//! 2. Component bodies are lowered in document order; inline object, enum and union schemas
//!    found on the way get their own models, named after where they sit (`{Parent}{Property}`,
//!    `{Parent}{Property}Item`, ...) and cached by JSON pointer so each is lowered once.
//! 3. Operations are lowered in document order (paths, then methods), adding inline
//!    request and response models.
//! 4. [`finish`] decides boxing, newtypes and `Default`, sorts models by name and renumbers
//!    every [`ModelId`], and sorts operations.
//!
//! A valid document always lowers: what cannot be typed precisely becomes
//! `serde_json::Value` (or raw bytes, for a body) with a warning that says where and why.
//! Only invalid documents fail, and lowering records each problem and carries on, so one run
//! reports them all.

mod docs;
mod finish;
mod info;
mod operation;
mod refs;
mod schema;

use std::collections::HashMap;

use openapiv3::OpenAPI;

use crate::error::{Collector, Diagnostic, Errors};
use crate::ir::{Api, Docs, Model, ModelId, ModelKind};
use crate::load::{Document, Extras, PointerTargets};
use crate::names::{self, Namespace};
use crate::pointer;
use crate::settings::{FeatureSplit, Settings};

pub(crate) use refs::SchemaRef;

/// How precisely a document was typed: every schema position lowered, and those that fell
/// back to `serde_json::Value` for want of a precise type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TypingStats {
    /// Schema positions lowered (each component, property, item, parameter, body, ...).
    pub schemas: usize,
    /// Of those, the ones typed as any JSON value because the generator could not do better
    /// (a `{}` schema, which means "any value", does not count).
    pub degraded: usize,
}

/// Lowers a loaded document into the IR, with its warnings, or reports every problem found.
pub(crate) fn lower_api(
    document: &Document,
    settings: &Settings,
) -> Result<(Api, Vec<Diagnostic>, TypingStats), Errors> {
    let mut lowerer = Lowerer::new(document, settings);
    lowerer.reserve_components();
    lowerer.reserve_pointer_targets();
    lowerer.lower_components();
    lowerer.lower_pointer_targets();
    let operations = lowerer.lower_operations();
    let webhooks = lowerer.lower_webhooks();
    let header = lowerer.lower_info();
    lowerer.finish(header, operations, webhooks)
}

/// The state of one lowering run.
pub(crate) struct Lowerer<'spec> {
    spec: &'spec OpenAPI,
    /// Schemas that `$ref`s point to outside the roots of components, by canonical pointer.
    targets: &'spec PointerTargets,
    /// What OpenAPI 3.0 has no place for: webhooks, `QUERY` operations, tuple items.
    extras: &'spec Extras,
    errors: Collector,
    stats: TypingStats,
    /// Model names by provisional id (the order models were created in).
    model_names: Vec<String>,
    /// Lowered models by provisional id; `None` until lowered, or if lowering failed.
    models: Vec<Option<Model>>,
    type_names: Namespace,
    /// The model of every schema that has one, by the JSON pointer of the schema: components
    /// and `$ref` targets (reserved up front) and inline schemas (as they are lowered). Only
    /// looked up, never iterated, so a hash map (one lookup per schema position) serves.
    by_pointer: HashMap<String, ModelId>,
    /// Which vendor extensions reach the docs, and how.
    extension_docs: docs::ExtensionDocs<'spec>,
    /// Whether the crate is split into one cargo feature per tag.
    feature_split: FeatureSplit,
}

impl<'spec> Lowerer<'spec> {
    fn new(document: &'spec Document, settings: &'spec Settings) -> Self {
        Lowerer {
            extension_docs: docs::ExtensionDocs::new(settings),
            spec: &document.openapi,
            targets: &document.pointer_targets,
            extras: &document.extras,
            errors: Collector::default(),
            stats: TypingStats::default(),
            model_names: Vec::new(),
            models: Vec::new(),
            type_names: Namespace::new(names::TYPE),
            by_pointer: HashMap::new(),
            feature_split: settings.feature_split(),
        }
    }

    /// Creates an empty model slot named after `wire` (deduplicated) and returns its id.
    fn allocate_model(&mut self, wire: &str) -> ModelId {
        let id = ModelId(self.models.len());
        self.model_names.push(self.type_names.claim(wire));
        self.models.push(None);
        id
    }

    fn model_name(&self, id: ModelId) -> String {
        self.model_names
            .get(id.0)
            .cloned()
            .expect("a ModelId is only made by allocate_model, which names it")
    }

    /// How many model slots exist: a mark to roll back to.
    pub(in crate::lower) fn model_mark(&self) -> usize {
        self.models.len()
    }

    /// Removes the models created since `mark`: those of an operation that is left out. They
    /// are inline to it (components and `$ref` targets were reserved before any operation),
    /// so nothing else holds their handles.
    pub(in crate::lower) fn roll_back_models(&mut self, mark: usize) {
        self.models.truncate(mark);
        self.model_names.truncate(mark);
        self.by_pointer.retain(|_, id| id.0 < mark);
    }

    /// Fills a slot created by [`Lowerer::allocate_model`].
    fn store_model(&mut self, id: ModelId, wire_name: &str, at: &str, docs: Docs, kind: ModelKind) {
        let model = Model {
            id,
            rust_name: self.model_name(id),
            wire_name: wire_name.to_owned(),
            pointer: at.to_owned(),
            docs,
            kind,
            feature: None,
        };
        if let Some(slot) = self.models.get_mut(id.0) {
            *slot = Some(model);
        }
    }

    /// Records that the schema at `at` could not be typed precisely and is read as any JSON
    /// value, saying why.
    fn degrade(&mut self, at: &str, why: &str) -> crate::ir::TypeRef {
        self.stats.degraded += 1;
        self.errors.warn(
            at,
            format!("{why}; it is typed as any JSON value (`serde_json::Value`)"),
        );
        crate::ir::TypeRef::Json
    }

    fn component_schemas(&self) -> impl Iterator<Item = (&'spec String, SchemaRef<'spec>)> {
        let spec = self.spec;
        spec.components
            .iter()
            .flat_map(|components| components.schemas.iter())
            .map(|(key, schema)| (key, SchemaRef::from_plain(schema)))
    }

    /// Step 1a: a slot and a name for every component schema, in document order.
    fn reserve_components(&mut self) {
        let keys: Vec<&'spec String> = self.component_schemas().map(|(key, _)| key).collect();
        for key in keys {
            let id = self.allocate_model(key);
            self.by_pointer
                .insert(pointer::child("#/components/schemas", key), id);
        }
    }

    /// Step 1b: a slot for every other place a `$ref` points to, named after its pointer.
    fn reserve_pointer_targets(&mut self) {
        let targets = self.targets;
        for target in targets.schemas.keys() {
            if !self.by_pointer.contains_key(target) {
                let id = self.allocate_model(&names::pointer_type_name(target));
                self.by_pointer.insert(target.clone(), id);
            }
        }
    }

    /// Step 2a: the body of every component schema, in document order.
    fn lower_components(&mut self) {
        let schemas: Vec<(&'spec String, SchemaRef<'spec>)> = self.component_schemas().collect();
        for (key, schema) in schemas {
            let at = pointer::child("#/components/schemas", key);
            if let Some(&id) = self.by_pointer.get(&at) {
                self.lower_named_schema(id, key, schema, &at);
            }
        }
    }

    /// Step 2b: the body of every other `$ref` target.
    fn lower_pointer_targets(&mut self) {
        let targets = self.targets;
        for (target, schema) in &targets.schemas {
            let already = self
                .by_pointer
                .get(target)
                .is_some_and(|id| self.models.get(id.0).is_some_and(Option::is_some));
            if let (Some(&id), false) = (self.by_pointer.get(target), already) {
                self.lower_named_schema(id, target, SchemaRef::from_plain(schema), target);
            }
        }
    }
}
