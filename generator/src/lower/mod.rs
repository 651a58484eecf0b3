//! Lowering: `openapiv3::OpenAPI` → [`ir::Api`](crate::ir::Api). Every decision is made here:
//! names, optionality, boxing, type mapping, `$ref` resolution and documentation text.
//!
//! Order of work, which is what makes names deterministic:
//! 1. Every component schema gets a model slot and its name, in document order, before any
//!    body is lowered; so a `$ref` is just a lookup and recursive schemas need no special case,
//!    and components win name collisions against inline schemas.
//! 2. Component bodies are lowered in document order; inline object and enum schemas found on
//!    the way get their own models, named after where they sit (`{Parent}{Property}`,
//!    `{Parent}{Property}Item`, ...) and cached by JSON pointer so each is lowered once.
//! 3. Operations are lowered in document order (paths, then methods), adding inline
//!    request and response models.
//! 4. [`finish`] decides boxing and `Default`, sorts models by name and renumbers every
//!    [`ModelId`], and sorts operations.
//!
//! Lowering records each problem and carries on, so one run reports them all.

mod calls;
mod docs;
mod enums;
mod finish;
mod info;
mod objects;
mod operations;
mod params;
mod paths;
mod refs;
mod schemas;

use std::collections::BTreeMap;

use openapiv3::OpenAPI;

use crate::error::{Collector, Errors};
use crate::ir::{Api, Docs, Model, ModelId, ModelKind};
use crate::names::{self, Namespace};
use crate::pointer;

pub(crate) use refs::SchemaRef;

/// Lowers a loaded document into the IR, or reports every problem found.
pub(crate) fn lower_api(spec: &OpenAPI) -> Result<Api, Errors> {
    let mut lowerer = Lowerer::new(spec);
    lowerer.reserve_components();
    lowerer.lower_components();
    let operations = lowerer.lower_operations();
    let header = lowerer.lower_info();
    lowerer.finish(header, operations)
}

/// The state of one lowering run.
pub(crate) struct Lowerer<'spec> {
    spec: &'spec OpenAPI,
    errors: Collector,
    /// Model names by provisional id (the order models were created in).
    model_names: Vec<String>,
    /// Lowered models by provisional id; `None` until lowered, or if lowering failed.
    models: Vec<Option<Model>>,
    type_names: Namespace,
    /// Component schema key → provisional id.
    components: BTreeMap<String, ModelId>,
    /// JSON pointer of an inline schema → provisional id of its model.
    inline_models: BTreeMap<String, ModelId>,
}

impl<'spec> Lowerer<'spec> {
    fn new(spec: &'spec OpenAPI) -> Self {
        Lowerer {
            spec,
            errors: Collector::default(),
            model_names: Vec::new(),
            models: Vec::new(),
            type_names: Namespace::new(names::TYPE),
            components: BTreeMap::new(),
            inline_models: BTreeMap::new(),
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
        self.model_names.get(id.0).cloned().unwrap_or_default()
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
        };
        if let Some(slot) = self.models.get_mut(id.0) {
            *slot = Some(model);
        }
    }

    fn component_schemas(&self) -> impl Iterator<Item = (&'spec String, SchemaRef<'spec>)> {
        let spec = self.spec;
        spec.components
            .iter()
            .flat_map(|components| components.schemas.iter())
            .map(|(key, schema)| (key, SchemaRef::from_plain(schema)))
    }

    /// Step 1: a slot and a name for every component schema, in document order.
    fn reserve_components(&mut self) {
        let keys: Vec<&'spec String> = self.component_schemas().map(|(key, _)| key).collect();
        for key in keys {
            let id = self.allocate_model(key);
            self.components.insert(key.clone(), id);
        }
    }

    /// Step 2: the body of every component schema, in document order.
    fn lower_components(&mut self) {
        let schemas: Vec<(&'spec String, SchemaRef<'spec>)> = self.component_schemas().collect();
        for (key, schema) in schemas {
            let at = pointer::child("#/components/schemas", key);
            if let Some(&id) = self.components.get(key.as_str()) {
                self.lower_component_schema(id, key, schema, &at);
            }
        }
    }
}
