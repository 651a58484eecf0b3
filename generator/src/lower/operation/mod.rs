//! Operations: paths and methods → [`Operation`]s with parameters, a request body and
//! responses (`params.rs`, `bodies.rs`, `responses.rs`; `calls.rs` plans the call). Inline body
//! schemas become models named `{OperationId}Request`, `{OperationId}Response` (status 200)
//! and `{OperationId}{Status}Response` (any other status); schemas inside components
//! (`requestBodies`, `responses`, `parameters`) are named after the component, so every
//! operation that uses one shares its model.

mod bodies;
mod calls;
mod events;
mod media;
mod pagination;
mod params;
mod paths;
mod responses;
mod webhooks;

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{PathItem, ReferenceOr};

use crate::ir::{Method, Operation, Param, ParamLocation, PathSegment, RetryClass};
use crate::lower::docs;
use crate::lower::Lowerer;
use crate::names::{self, Namespace};
use crate::pointer;
use paths::{parse_path_template, TemplatePiece};

/// Where an operation sits, for naming and error pointers.
struct OperationSite<'spec> {
    path: &'spec str,
    method: &'spec str,
    /// The JSON pointer of the operation object.
    at: String,
    /// UpperCamelCase base for the operation's inline models, for example `GetInvoice`.
    type_base: String,
    /// The `operationId`, or `{method} {path}` when there is none, for docs.
    wire_name: String,
}

fn method_of(name: &str) -> Method {
    match name {
        "put" => Method::Put,
        "post" => Method::Post,
        "delete" => Method::Delete,
        "options" => Method::Options,
        "head" => Method::Head,
        "patch" => Method::Patch,
        "trace" => Method::Trace,
        "query" => Method::Query,
        _ => Method::Get,
    }
}

impl<'spec> Lowerer<'spec> {
    /// Step 3: every operation, in document order.
    pub(in crate::lower) fn lower_operations(&mut self) -> Vec<Operation> {
        let spec = self.spec;
        let mut operation_names = Namespace::new(names::OPERATION);
        for reserved in names::CLIENT_METHODS {
            operation_names.claim(reserved);
        }
        // Request builders and response enums are types in the client module, beside
        // `Client` itself.
        let mut client_types = Namespace::new(names::TYPE);
        client_types.claim("Client");
        let mut operation_ids: BTreeMap<&'spec str, String> = BTreeMap::new();
        let mut operations = Vec::new();
        for (path, item) in spec.paths.iter() {
            let path_at = pointer::child("#/paths", path);
            let Some(item) = self.own_path_item(item, &path_at) else {
                continue;
            };
            let query = self.extras.queries.get(path.as_str());
            let methods = item
                .iter()
                .chain(query.map(|operation| ("query", operation)));
            for (method, operation) in methods {
                let at = if method == "query" {
                    pointer::child(&path_at, crate::load::extras::QUERY)
                } else {
                    pointer::child(&path_at, method)
                };
                let site = OperationSite {
                    path,
                    method,
                    at,
                    type_base: String::new(),
                    wire_name: operation
                        .operation_id
                        .clone()
                        .unwrap_or_else(|| format!("{method} {path}")),
                };
                if !self.claim_operation_id(operation, &site.at, &mut operation_ids) {
                    continue;
                }
                let site = OperationSite {
                    type_base: names::convert(names::TYPE, &site.wire_name),
                    ..site
                };
                let rust_name = operation_names.claim(&site.wire_name);
                if let Some(lowered) =
                    self.lower_operation(&site, item, operation, rust_name, &mut client_types)
                {
                    operations.push(lowered);
                }
            }
        }
        events::name_event_streams(&mut operations, &mut operation_names);
        pagination::name_page_streams(&mut operations, &mut operation_names);
        operations
    }

    /// The path item itself; `None`, with a warning, for a path item that is a `$ref`.
    fn own_path_item(
        &mut self,
        item: &'spec ReferenceOr<PathItem>,
        path_at: &str,
    ) -> Option<&'spec PathItem> {
        match item {
            ReferenceOr::Item(item) => Some(item),
            ReferenceOr::Reference { reference } => {
                let why = if reference.starts_with('#') {
                    "its operations are those of the path item it points to, and are generated under that path only"
                } else {
                    "it points into another document, which is not read; its operations are left out"
                };
                self.errors.warn(
                    path_at,
                    format!("the path item is a `$ref` (`{reference}`): {why}"),
                );
                None
            }
        }
    }

    /// Records the operation's `operationId`, warning when an earlier operation has the same
    /// one: the method names are made unique anyway (the later one gets a numbered name), so
    /// both operations are generated.
    fn claim_operation_id(
        &mut self,
        operation: &'spec openapiv3::Operation,
        at: &str,
        operation_ids: &mut BTreeMap<&'spec str, String>,
    ) -> bool {
        let Some(id) = &operation.operation_id else {
            return true;
        };
        if let Some(first) = operation_ids.get(id.as_str()) {
            self.errors.warn(
                pointer::child(at, "operationId"),
                format!("duplicate operationId `{id}` (first at `{first}`; each operation should have its own); this operation's method gets a numbered name"),
            );
            return true;
        }
        operation_ids.insert(id, at.to_owned());
        true
    }

    fn lower_operation(
        &mut self,
        site: &OperationSite<'spec>,
        item: &'spec PathItem,
        operation: &'spec openapiv3::Operation,
        rust_name: String,
        client_types: &mut Namespace,
    ) -> Option<Operation> {
        // The converter that marked the operation has said why, where the cause is.
        if operation.extensions.contains_key(crate::load::extras::SKIP) {
            return None;
        }
        let before = self.errors.len();
        let mark = self.model_mark();
        let mut param_names = Namespace::new(names::PARAM);
        // The generated code uses these names for its own locals and the request builder's
        // field; a parameter that wants one gets a numbered name instead.
        for reserved in names::CALL_LOCALS {
            param_names.claim(reserved);
        }
        let mut params = self.lower_params(site, item, operation, &mut param_names);
        self.relocate_query_template_params(site, &mut params);
        let path = self.lower_path(site, &mut params, &mut param_names);
        let mut request_body = operation
            .request_body
            .as_ref()
            .and_then(|body| self.lower_request_body(site, body, &mut param_names));
        if operation.responses.responses.is_empty() && operation.responses.default.is_none() {
            self.errors.warn(
                pointer::child(&site.at, "responses"),
                "the operation documents no response; its method returns `()` for any success",
            );
        }
        let responses = self.lower_responses(site, operation);
        let security = self.lower_security(
            operation.security.as_ref(),
            &pointer::child(&site.at, "security"),
        );
        if self.errors.len() > before {
            // Everything wrong here is confined to this operation: it is left out, and the
            // rest of the API is generated.
            let consequence = format!("the operation `{}` is left out", site.wire_name);
            self.errors.demote_since(before, &consequence);
            self.roll_back_models(mark);
            return None;
        }
        let method = method_of(site.method);
        let builder = calls::place_inputs(&mut params, request_body.as_mut())
            .then(|| client_types.claim(&site.wire_name));
        let call = calls::plan_call(
            &rust_name,
            method,
            &responses,
            builder,
            &site.type_base,
            client_types,
        );
        let mut lowered = Operation {
            rust_name,
            operation_id: operation.operation_id.clone(),
            method,
            path_template: site.path.to_owned(),
            path,
            params,
            request_body,
            responses,
            docs: operation_docs(site, operation, self.extension_docs),
            extensions: string_extensions(&operation.extensions, self.extension_docs),
            deprecated: operation.deprecated,
            tags: operation.tags.clone(),
            security,
            call,
            feature: None,
            mock: crate::ir::MockPlan::default(),
        };
        lowered.call.pages = self.detect_pages(&lowered, operation);
        Some(lowered)
    }

    /// A path key with a query string (`/rides?page={page}`) whose variables are declared as
    /// path parameters: the author meant query parameters, and they become ones.
    fn relocate_query_template_params(
        &mut self,
        site: &OperationSite<'spec>,
        params: &mut [Param],
    ) {
        let Some((path, query)) = site.path.split_once('?') else {
            return;
        };
        for param in params.iter_mut() {
            let variable = format!("{{{}}}", param.wire_name);
            if param.location == ParamLocation::Path
                && !path.contains(&variable)
                && query.contains(&variable)
            {
                self.errors.warn(
                    &site.at,
                    format!("path parameter `{}` appears only in the path's query string; it is sent as a query parameter", param.wire_name),
                );
                param.location = ParamLocation::Query;
                param.style = crate::ir::ParamStyle::Form;
                param.explode = true;
            }
        }
    }

    /// Links the path template's variables to the operation's path parameters. A variable no
    /// parameter declares is declared here, a required string, and a path parameter the
    /// template does not name is left out, each with a warning: both are slips of the
    /// document whose meaning is clear.
    fn lower_path(
        &mut self,
        site: &OperationSite<'spec>,
        params: &mut Vec<Param>,
        param_names: &mut Namespace,
    ) -> Vec<PathSegment> {
        // A query string in a path key (`/search?q={q}`) is not part of the path; the query
        // parameters the operation declares carry it.
        let path = match site.path.split_once('?') {
            Some((path, query)) => {
                self.errors.warn(
                    &site.at,
                    format!("the path `{}` holds a query string (`?{query}`), which is left out of the path; the operation's query parameters carry it", site.path),
                );
                path
            }
            None => site.path,
        };
        let pieces = match parse_path_template(path) {
            Ok(pieces) => pieces,
            Err(message) => {
                self.errors.push(&site.at, message);
                return Vec::new();
            }
        };
        let variables: Vec<&str> = pieces
            .iter()
            .filter_map(|piece| match piece {
                TemplatePiece::Variable(name) => Some(name.as_str()),
                TemplatePiece::Literal(_) => None,
            })
            .collect();
        self.drop_unused_path_params(site, path, &variables, params);
        let mut segments = Vec::new();
        for piece in &pieces {
            match piece {
                TemplatePiece::Literal(text) => segments.push(PathSegment::Literal(text.clone())),
                TemplatePiece::Variable(name) => {
                    let found = params.iter().position(|param| {
                        param.location == ParamLocation::Path && param.wire_name == *name
                    });
                    let index = found.unwrap_or_else(|| {
                        self.declare_path_param(site, name, params, param_names)
                    });
                    segments.push(PathSegment::Param(index));
                }
            }
        }
        segments
    }

    /// Leaves out the path parameters the template does not name, with a warning each.
    fn drop_unused_path_params(
        &mut self,
        site: &OperationSite<'spec>,
        path: &str,
        variables: &[&str],
        params: &mut Vec<Param>,
    ) {
        params.retain(|param| {
            let unused = param.location == ParamLocation::Path
                && !variables.contains(&param.wire_name.as_str());
            if unused {
                self.errors.warn(
                    &site.at,
                    format!(
                        "path parameter `{}` does not appear in the path template `{path}`; it \
                         is left out",
                        param.wire_name
                    ),
                );
            }
            !unused
        });
    }

    /// Declares the path parameter `name` the document forgot, as a required string, and
    /// returns its index.
    fn declare_path_param(
        &mut self,
        site: &OperationSite<'spec>,
        name: &str,
        params: &mut Vec<Param>,
        param_names: &mut Namespace,
    ) -> usize {
        self.errors.warn(
            &site.at,
            format!(
                "path template variable `{{{name}}}` has no parameter (expected one with \
                 `in: path` and `name: {name}`); it is read as a required string"
            ),
        );
        params.push(Param {
            rust_name: param_names.claim(name),
            wire_name: name.to_owned(),
            location: ParamLocation::Path,
            style: crate::ir::ParamStyle::Simple,
            explode: false,
            required: true,
            ty: crate::ir::TypeRef::String,
            placement: crate::ir::Placement::Argument,
            docs: crate::ir::Docs {
                text: format!("The {} path parameter.", docs::code(name)),
                notes: Vec::new(),
            },
            deprecated: false,
        });
        params.len() - 1
    }
}

/// Docs of an operation: summary and description (or a sentence naming the request), then
/// one note per string-valued vendor extension users need.
fn operation_docs(
    site: &OperationSite<'_>,
    operation: &openapiv3::Operation,
    extension_docs: docs::ExtensionDocs<'_>,
) -> crate::ir::Docs {
    let text = docs::join_text(&[
        operation.summary.as_deref(),
        operation.description.as_deref(),
    ]);
    let request = format!("{} {}", site.method.to_ascii_uppercase(), site.path);
    let mut operation_docs = docs::docs(text, || format!("Sends {}.", docs::code(&request)));
    operation_docs
        .notes
        .push(format!("Request: {}.", docs::code(&request)));
    operation_docs
        .notes
        .push(match calls::retry_class(method_of(site.method)) {
            RetryClass::Never => {
                "Never retried automatically: sending it twice may act twice.".to_owned()
            }
            RetryClass::Idempotent => {
                "Idempotent: the client's `RetryPolicy` may send it again after a failed attempt."
                    .to_owned()
            }
        });
    operation_docs
        .notes
        .extend(extension_docs.notes(&operation.extensions));
    for (key, value) in string_extensions(&operation.extensions, extension_docs) {
        operation_docs
            .notes
            .push(format!("{}: {}", docs::code(&key), docs::sanitize(&value)));
    }
    operation_docs
}

/// The string-valued `x-*` extensions shown as they are (neither labelled nor hidden by the
/// settings), sorted by key.
fn string_extensions(
    extensions: &IndexMap<String, serde_json::Value>,
    extension_docs: docs::ExtensionDocs<'_>,
) -> Vec<(String, String)> {
    let mut strings: Vec<(String, String)> = extensions
        .iter()
        .filter_map(|(key, value)| Some((key.clone(), value.as_str()?.to_owned())))
        .filter(|(key, _)| key.starts_with("x-") && extension_docs.shows_as_is(key))
        .collect();
    strings.sort();
    strings
}
