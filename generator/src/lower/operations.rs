//! Operations: paths and methods → [`Operation`]s with parameters, a JSON request body and
//! responses. Inline body schemas become models named `{OperationId}Request`,
//! `{OperationId}Response` (status 200) and `{OperationId}{Status}Response` (any other status);
//! schemas inside components (`requestBodies`, `responses`, `parameters`) are named after the
//! component, so every operation that uses one shares its model.

use indexmap::IndexMap;
use openapiv3::{MediaType, PathItem, ReferenceOr, RequestBody, StatusCode};

use super::calls;
use super::docs;
use super::paths::{parse_path_template, TemplatePiece};
use super::refs::resolve_component;
use super::schemas::Hint;
use super::{Lowerer, SchemaRef};
use crate::ir::{
    Body, Method, Operation, Param, ParamLocation, PathSegment, Response, RetryClass, Status,
    TypeRef,
};
use crate::names::{self, Namespace};
use crate::pointer;

/// Where an operation sits, for naming and error pointers.
pub(super) struct OperationSite<'spec> {
    pub(super) path: &'spec str,
    pub(super) method: &'spec str,
    /// The JSON pointer of the operation object.
    pub(super) at: String,
    /// UpperCamelCase base for the operation's inline models, for example `GetInvoice`.
    pub(super) type_base: String,
    /// The `operationId`, or `{method} {path}` when there is none, for docs.
    pub(super) wire_name: String,
}

/// The essence of a media type: lowercase, without parameters such as `charset`.
fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Whether a media type is JSON (`application/json`, or any `+json` type).
fn is_json(media_type: &str) -> bool {
    let essence = essence(media_type);
    essence == "application/json" || essence.ends_with("+json")
}

/// Whether a media type is a wildcard that admits JSON (`*/*`, `application/*`).
fn admits_json(media_type: &str) -> bool {
    matches!(essence(media_type).as_str(), "*/*" | "application/*")
}

/// The media type of a `content` map whose schema describes a JSON body: the first JSON one,
/// else the first wildcard. Documentation tools often print `*/*` for a JSON body (the server
/// decides the type), and its schema is still the body's shape, so it is read as JSON.
fn json_content(content: &IndexMap<String, MediaType>) -> Option<(&String, &MediaType)> {
    content
        .iter()
        .find(|(media_type, _)| is_json(media_type))
        .or_else(|| {
            content
                .iter()
                .find(|(media_type, _)| admits_json(media_type))
        })
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
        _ => Method::Get,
    }
}

impl<'spec> Lowerer<'spec> {
    /// Step 3: every operation, in document order.
    pub(super) fn lower_operations(&mut self) -> Vec<Operation> {
        let spec = self.spec;
        let mut operation_names = Namespace::new(names::OPERATION);
        // Request builders are types in the client module, beside `Client` itself.
        let mut builder_names = Namespace::new(names::TYPE);
        builder_names.claim("Client");
        let mut operations = Vec::new();
        for (path, item) in spec.paths.iter() {
            let path_at = pointer::child("#/paths", path);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { reference } => {
                    let what = format!("a path item `$ref` (`{reference}`)");
                    self.unsupported_because::<()>(
                        &path_at,
                        &what,
                        "supported: path items written in place",
                    );
                    continue;
                }
            };
            for (method, operation) in item.iter() {
                let derived_name = format!("{method} {path}");
                let wire_name = operation.operation_id.as_deref().unwrap_or(&derived_name);
                let site = OperationSite {
                    path,
                    method,
                    at: pointer::child(&path_at, method),
                    type_base: names::convert(names::TYPE, wire_name),
                    wire_name: wire_name.to_owned(),
                };
                let rust_name = operation_names.claim(wire_name);
                if let Some(mut lowered) = self.lower_operation(&site, item, operation, rust_name) {
                    let body_required = lowered.request_body.as_ref().map(|body| body.required);
                    if calls::needs_builder(&lowered.params, body_required) {
                        lowered.call.builder = Some(builder_names.claim(wire_name));
                    }
                    operations.push(lowered);
                }
            }
        }
        operations
    }

    fn lower_operation(
        &mut self,
        site: &OperationSite<'spec>,
        item: &'spec PathItem,
        operation: &'spec openapiv3::Operation,
        rust_name: String,
    ) -> Option<Operation> {
        let before = self.errors.len();
        let mut param_names = Namespace::new(names::PARAM);
        // The client's generated code uses these names for its own locals and the request
        // builder's field and method; a parameter that wants one gets a numbered name instead.
        for reserved in ["client", "send", "path", "query", "headers", "parts"] {
            param_names.claim(reserved);
        }
        let params = self.lower_params(site, item, operation, &mut param_names);
        let path = self.lower_path(site, &params);
        let request_body = operation
            .request_body
            .as_ref()
            .and_then(|body| self.lower_request_body(site, body, &mut param_names));
        let responses = self.lower_responses(site, operation);
        let security = self.lower_security(
            operation.security.as_ref(),
            &pointer::child(&site.at, "security"),
        );
        if self.errors.len() > before {
            return None;
        }
        let call = calls::plan_call(method_of(site.method), &responses, None);
        Some(Operation {
            rust_name,
            operation_id: operation.operation_id.clone(),
            method: method_of(site.method),
            path_template: site.path.to_owned(),
            path,
            params,
            request_body,
            responses,
            docs: operation_docs(site, operation),
            extensions: string_extensions(&operation.extensions),
            deprecated: operation.deprecated,
            tags: operation.tags.clone(),
            security,
            call,
        })
    }

    /// Links the path template's variables to the operation's path parameters.
    fn lower_path(&mut self, site: &OperationSite<'spec>, params: &[Param]) -> Vec<PathSegment> {
        let pieces = match parse_path_template(site.path) {
            Ok(pieces) => pieces,
            Err(message) => {
                self.errors.push(&site.at, message);
                return Vec::new();
            }
        };
        let mut segments = Vec::new();
        for piece in pieces {
            match piece {
                TemplatePiece::Literal(text) => segments.push(PathSegment::Literal(text)),
                TemplatePiece::Variable(name) => {
                    let found = params.iter().position(|param| {
                        param.location == ParamLocation::Path && param.wire_name == name
                    });
                    match found {
                        Some(index) => segments.push(PathSegment::Param(index)),
                        None => self.errors.push(&site.at, format!("path template variable `{{{name}}}` has no parameter; expected one with `in: path` and `name: {name}`")),
                    }
                }
            }
        }
        for param in params
            .iter()
            .filter(|param| param.location == ParamLocation::Path)
        {
            let used = segments.iter().any(|segment| matches!(segment, PathSegment::Param(index) if params.get(*index).is_some_and(|used| used.wire_name == param.wire_name)));
            if !used {
                self.errors.push(
                    &site.at,
                    format!(
                        "path parameter `{}` does not appear in the path template `{}`",
                        param.wire_name, site.path
                    ),
                );
            }
        }
        segments
    }

    /// The JSON request body, resolving a `$ref` to `components/requestBodies`.
    fn lower_request_body(
        &mut self,
        site: &OperationSite<'spec>,
        body: &'spec ReferenceOr<RequestBody>,
        param_names: &mut Namespace,
    ) -> Option<Body> {
        let inline_hint = || Hint {
            name: names::nested_type_name(&site.type_base, "request"),
            subject: format!("the request body of {}", docs::code(&site.wire_name)),
        };
        let bodies = self
            .spec
            .components
            .as_ref()
            .map(|components| &components.request_bodies);
        let body_at = pointer::child(&site.at, "requestBody");
        let (body, at, hint) =
            self.resolve_located(body, body_at, bodies, "requestBodies", inline_hint, |key| {
                format!("the {key} request body")
            })?;
        let Some((content_type, media)) = json_content(&body.content) else {
            let listed: Vec<String> = body.content.keys().map(|key| format!("`{key}`")).collect();
            let listed = if listed.is_empty() {
                "(none)".to_owned()
            } else {
                listed.join(", ")
            };
            return self.unsupported_because(
                &pointer::child(&at, "content"),
                &format!("a request body with media types {listed}"),
                "supported: `application/json`, another `+json` media type, or a wildcard (`*/*`, `application/*`) read as JSON",
            );
        };
        let ty = self.lower_media_schema(&at, content_type, media, &hint)?;
        let text = docs::join_text(&[body.description.as_deref()]);
        Some(Body {
            rust_name: param_names.claim("body"),
            ty,
            required: body.required,
            content_type: content_type.clone(),
            docs: docs::docs(text, || "The request body.".to_owned()),
        })
    }

    /// A request body or response written in place, or the component a `$ref` points to,
    /// with its JSON pointer and the hint for its inline schema. A component's inline schema
    /// is named after the component, so every operation that uses it shares one model.
    fn resolve_located<T>(
        &mut self,
        item: &'spec ReferenceOr<T>,
        at: String,
        components: Option<&'spec IndexMap<String, ReferenceOr<T>>>,
        section: &str,
        inline_hint: impl FnOnce() -> Hint,
        component_subject: fn(&str) -> String,
    ) -> Option<(&'spec T, String, Hint)> {
        match item {
            ReferenceOr::Item(item) => Some((item, at, inline_hint())),
            ReferenceOr::Reference { reference } => {
                match resolve_component(components, section, reference) {
                    Ok((item, component_at, key)) => {
                        let subject = component_subject(&docs::code(&key));
                        Some((
                            item,
                            component_at,
                            Hint {
                                name: names::convert(names::TYPE, &key),
                                subject,
                            },
                        ))
                    }
                    Err(message) => {
                        self.errors.push(at, message);
                        None
                    }
                }
            }
        }
    }

    /// The type of a media type's schema (any JSON value when it has none).
    fn lower_media_schema(
        &mut self,
        at: &str,
        content_type: &str,
        media: &'spec MediaType,
        hint: &Hint,
    ) -> Option<TypeRef> {
        let content_at = pointer::child(&pointer::child(at, "content"), content_type);
        match &media.schema {
            Some(schema) => self.lower_type(
                SchemaRef::from_plain(schema),
                &pointer::child(&content_at, "schema"),
                hint,
            ),
            None => Some(TypeRef::Json),
        }
    }

    /// Every response, in document order with `default` last.
    fn lower_responses(
        &mut self,
        site: &OperationSite<'spec>,
        operation: &'spec openapiv3::Operation,
    ) -> Vec<Response> {
        let listed = operation
            .responses
            .responses
            .iter()
            .map(|(status, response)| {
                let status = match status {
                    StatusCode::Code(code) => Status::Code(*code),
                    StatusCode::Range(range) => Status::Range(*range),
                };
                (status, response)
            });
        let default = operation
            .responses
            .default
            .iter()
            .map(|response| (Status::Default, response));
        let all: Vec<(Status, &'spec ReferenceOr<openapiv3::Response>)> =
            listed.chain(default).collect();
        all.into_iter()
            .filter_map(|(status, response)| self.lower_response(site, status, response))
            .collect()
    }

    fn lower_response(
        &mut self,
        site: &OperationSite<'spec>,
        status: Status,
        response: &'spec ReferenceOr<openapiv3::Response>,
    ) -> Option<Response> {
        let status_text = match status {
            Status::Code(code) => code.to_string(),
            Status::Range(range) => format!("{range}XX"),
            Status::Default => "default".to_owned(),
        };
        let inline_hint = || {
            let base = match status {
                Status::Code(200) => site.type_base.clone(),
                _ => names::nested_type_name(&site.type_base, &status_text),
            };
            let subject = format!(
                "the {} response body of {}",
                docs::code(&status_text),
                docs::code(&site.wire_name)
            );
            Hint {
                name: names::nested_type_name(&base, "response"),
                subject,
            }
        };
        let responses = self
            .spec
            .components
            .as_ref()
            .map(|components| &components.responses);
        let response_at = pointer::child(&pointer::child(&site.at, "responses"), &status_text);
        let (response, at, hint) = self.resolve_located(
            response,
            response_at,
            responses,
            "responses",
            inline_hint,
            |key| format!("the body of the {key} response"),
        )?;
        let ty = match json_content(&response.content) {
            Some((content_type, media)) => {
                Some(self.lower_media_schema(&at, content_type, media, &hint)?)
            }
            None => None,
        };
        Some(Response {
            status,
            ty,
            content_types: response.content.keys().cloned().collect(),
            description: response.description.clone(),
        })
    }
}

/// Docs of an operation: summary and description (or a sentence naming the request), then
/// one note per string-valued vendor extension.
fn operation_docs(site: &OperationSite<'_>, operation: &openapiv3::Operation) -> crate::ir::Docs {
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
    for (key, value) in string_extensions(&operation.extensions) {
        operation_docs
            .notes
            .push(format!("{}: {}", docs::code(&key), docs::sanitize(&value)));
    }
    operation_docs
}

/// The string-valued `x-*` extensions, sorted by key.
pub(super) fn string_extensions(
    extensions: &IndexMap<String, serde_json::Value>,
) -> Vec<(String, String)> {
    let mut strings: Vec<(String, String)> = extensions
        .iter()
        .filter_map(|(key, value)| Some((key.clone(), value.as_str()?.to_owned())))
        .filter(|(key, _)| key.starts_with("x-"))
        .collect();
    strings.sort();
    strings
}
