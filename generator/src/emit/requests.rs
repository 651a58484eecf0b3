//! The body of a generated call: the operation's constant facts, the request assembled input
//! by input through `super::runtime::Request` (which records any input it cannot encode, so
//! nothing is sent), and `Transport::execute` with the operation's decoders.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::outcomes::emit_decoder;
use super::{ident, model_of};
use crate::ir::{
    Api, Body, BodyKind, Method, ModelKind, Operation, Param, ParamLocation, ParamStyle,
    PathSegment, Placement, RetryClass, StatusSet, TypeRef,
};

/// Where the call's inputs are: method arguments (a call without a builder), or the fields
/// of the request builder `send` consumes (setters are `Option`s there). Builder fields are
/// read in place (`self.limit`) rather than bound to locals, so that no input's name becomes a
/// binding (a parameter called `foo` would trip Clippy's `disallowed_names`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Inputs {
    /// Every input is an argument.
    Arguments,
    /// Inputs were destructured from a builder.
    Builder,
}

/// The statements that send the request and return its decoded result. `client` is the
/// expression of the `Client` (`self`, or the builder's `client`).
pub(crate) fn emit_call_body(
    api: &Api,
    operation: &Operation,
    inputs: Inputs,
    client: &TokenStream,
) -> TokenStream {
    let request = emit_request(api, operation, inputs, &operation.call.accept);
    let success = emit_decoder(api, &operation.call.success, false);
    let error = emit_decoder(api, &operation.call.error, true);
    quote! {
        #request
        #client.transport.execute(request, #success, #error).await
    }
}

/// The statements that assemble `request`, an operation's request sent with `accept`:
/// the operation's constant facts, then its inputs one by one.
pub(crate) fn emit_request(
    api: &Api,
    operation: &Operation,
    inputs: Inputs,
    accept: &str,
) -> TokenStream {
    let spec = emit_operation_spec(operation, accept);
    let path = emit_path(operation, inputs);
    let params = operation
        .params
        .iter()
        .filter(|param| param.location != ParamLocation::Path)
        .map(|param| emit_param(param, inputs));
    let body = operation
        .request_body
        .as_ref()
        .map(|body| emit_body(api, body, inputs));
    let mutability =
        (!path.is_empty() || operation.params.len() > path_params(operation) || body.is_some())
            .then(|| quote! { mut });
    quote! {
        #spec
        let #mutability request = super::runtime::Request::new(&OPERATION);
        #(#path)*
        #(#params)*
        #body
    }
}

/// How many of the operation's parameters are path parameters.
fn path_params(operation: &Operation) -> usize {
    operation
        .params
        .iter()
        .filter(|param| param.location == ParamLocation::Path)
        .count()
}

/// The expression of an input: the argument, or the builder's field.
fn input(inputs: Inputs, rust_name: &str) -> TokenStream {
    let name = ident(rust_name);
    match inputs {
        Inputs::Arguments => quote! { #name },
        Inputs::Builder => quote! { self.#name },
    }
}

pub(crate) fn emit_operation_spec(operation: &Operation, accept: &str) -> TokenStream {
    let operation_id = operation
        .operation_id
        .clone()
        .unwrap_or_else(|| operation.rust_name.clone());
    let method = ident(method_name(operation.method));
    let template = &operation.path_template;
    let retry = ident(match operation.call.retry {
        RetryClass::Idempotent => "Idempotent",
        RetryClass::Never => "Never",
    });
    let errors = emit_status_set(&operation.call.documented_errors);
    quote! {
        static OPERATION: super::runtime::OperationSpec = super::runtime::OperationSpec {
            operation_id: #operation_id,
            method: super::runtime::HttpMethod::#method,
            path_template: #template,
            retry: super::runtime::RetryClass::#retry,
            accept: #accept,
            documented_errors: #errors,
        };
    }
}

/// The runtime's `HttpMethod` variant of a method.
pub(crate) fn method_name(method: Method) -> &'static str {
    match method {
        Method::Get => "Get",
        Method::Put => "Put",
        Method::Post => "Post",
        Method::Delete => "Delete",
        Method::Options => "Options",
        Method::Head => "Head",
        Method::Patch => "Patch",
        Method::Trace => "Trace",
        Method::Query => "Query",
    }
}

fn emit_status_set(set: &StatusSet) -> TokenStream {
    let codes = set.codes.iter().map(|code| Literal::u16_unsuffixed(*code));
    let classes = set
        .classes
        .iter()
        .map(|class| Literal::u16_unsuffixed(*class));
    let others = set.others;
    quote! {
        super::runtime::Statuses { codes: &[#(#codes),*], classes: &[#(#classes),*], others: #others }
    }
}

fn emit_style(style: ParamStyle) -> TokenStream {
    let name = ident(match style {
        ParamStyle::Simple => "Simple",
        ParamStyle::Label => "Label",
        ParamStyle::Matrix => "Matrix",
        ParamStyle::Form => "Form",
        ParamStyle::SpaceDelimited => "SpaceDelimited",
        ParamStyle::PipeDelimited => "PipeDelimited",
        ParamStyle::DeepObject => "DeepObject",
        ParamStyle::JsonContent => "JsonContent",
    });
    quote! { super::runtime::ParamStyle::#name }
}

/// The path, segment by segment: literal text between slashes is one segment each, and a
/// parameter is one encoded segment of its own.
pub(crate) fn emit_path(operation: &Operation, inputs: Inputs) -> Vec<TokenStream> {
    let mut parts = Vec::new();
    for segment in &operation.path {
        match segment {
            PathSegment::Literal(text) => {
                for piece in text.split('/').filter(|piece| !piece.is_empty()) {
                    parts.push(quote! { request.path_literal(#piece); });
                }
            }
            PathSegment::Param(index) => {
                let param = operation
                    .params
                    .get(*index)
                    .expect("a path segment names one of its operation's parameters (check.rs)");
                parts.push(emit_param(param, inputs));
            }
        }
    }
    parts
}

/// `request.query("name", value, style, Explode::Yes);` for the value `value`.
fn param_call(param: &Param, method: &TokenStream, value: &TokenStream) -> TokenStream {
    let wire = &param.wire_name;
    let style = emit_style(param.style);
    let explode = if param.explode {
        quote! { super::runtime::Explode::Yes }
    } else {
        quote! { super::runtime::Explode::No }
    };
    quote! { request.#method(#wire, #value, #style, #explode); }
}

/// One query, header or cookie parameter.
pub(crate) fn emit_param(param: &Param, inputs: Inputs) -> TokenStream {
    let method = match param.location {
        ParamLocation::Query => quote! { query },
        ParamLocation::Header => quote! { header },
        ParamLocation::Cookie => quote! { cookie },
        ParamLocation::Path => quote! { path_param },
    };
    let name = input(inputs, &param.rust_name);
    match (inputs, param.placement) {
        (Inputs::Builder, Placement::Setter) => {
            let call = param_call(param, &method, &quote! { value });
            let wire = &param.wire_name;
            if param.required {
                quote! {
                    match &#name {
                        ::std::option::Option::Some(value) => { #call }
                        ::std::option::Option::None => { request.missing(#wire); }
                    }
                }
            } else {
                quote! {
                    if let ::std::option::Option::Some(value) = &#name { #call }
                }
            }
        }
        _ => param_call(param, &method, &quote! { &#name }),
    }
}

/// The body: encoded as its kind says; an optional body only when set, a required body set
/// on a builder reported as missing when it was not.
fn emit_body(api: &Api, body: &Body, inputs: Inputs) -> TokenStream {
    let name = input(inputs, &body.rust_name);
    let content_type = &body.content_type;
    let encode = |value: TokenStream| match &body.kind {
        BodyKind::Json(_) => quote! { request.json_body(#content_type, #value); },
        BodyKind::Form(_) => {
            let unexploded = &body.unexploded;
            quote! { request.form_body(#content_type, #value, &[#(#unexploded),*]); }
        }
        BodyKind::Multipart(id) => {
            let model = api.model(*id);
            assert!(
                matches!(model.kind, ModelKind::MultipartForm(_)),
                "lowering makes a multipart body's model a multipart form"
            );
            let form = ident(&model.rust_name);
            quote! { request.multipart_body(super::models::#form::to_multipart(#value)); }
        }
        BodyKind::Text => quote! { request.text_body(#content_type, #value); },
        BodyKind::Binary => {
            quote! { request.bytes_body(#content_type, ::std::clone::Clone::clone(#value)); }
        }
    };
    // An argument given by reference already (`&str`, a multipart form) is passed on as it
    // is; the generic encoders take a reference to whatever the argument is.
    let already_borrowed = matches!(body.kind, BodyKind::Text | BodyKind::Multipart(_));
    let given = match (inputs, body.placement) {
        (Inputs::Builder, Placement::Setter) => encode(quote! { value }),
        _ if already_borrowed => encode(quote! { #name }),
        _ => encode(quote! { &#name }),
    };
    let encode = given;
    match (inputs, body.placement) {
        (Inputs::Builder, Placement::Setter) if body.required => quote! {
            match &#name {
                ::std::option::Option::Some(value) => { #encode }
                ::std::option::Option::None => { request.missing("body"); }
            }
        },
        (Inputs::Builder, Placement::Setter) => quote! {
            if let ::std::option::Option::Some(value) = &#name { #encode }
        },
        _ => encode,
    }
}

/// Whether a value of this type is passed by reference in a method's signature.
pub(crate) fn is_borrowed(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Bool | TypeRef::Integer(_) | TypeRef::F64 | TypeRef::Decimal => false,
        TypeRef::Model(_) => !model_of(api, ty).is_some_and(|model| {
            matches!(
                model.kind,
                ModelKind::StringEnum(_) | ModelKind::IntegerEnum(_)
            )
        }),
        TypeRef::String
        | TypeRef::DateTime
        | TypeRef::Json
        | TypeRef::Vec(_)
        | TypeRef::Tuple(_)
        | TypeRef::Map(_) => true,
    }
}
