//! `client.rs`: the `Client` type and one method per operation. Required inputs are method
//! arguments; an operation with optional inputs returns a request builder whose setters take
//! them and which is sent by `.await`. Every call goes through `super::runtime::Transport`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{emit_docs, emit_type_with, ident};
use crate::ir::{
    Api, Docs, Method, ModelKind, Operation, Param, ParamLocation, PathSegment, RetryClass,
    StatusSet, TypeRef,
};

/// The whole `client.rs`: module docs, the base URL, `Client`, then each request builder.
pub(crate) fn emit_client(api: &Api) -> TokenStream {
    let base_url = &api.default_base_url;
    let client = emit_client_struct(api);
    let methods = api
        .operations
        .iter()
        .map(|operation| emit_method(api, operation));
    let builders = api
        .operations
        .iter()
        .filter_map(|operation| emit_builder(api, operation));
    quote! {
        #![doc = " The API's client: one method per operation, generated from its OpenAPI document."]

        /// The base URL a [`Client`] uses unless `ClientBuilder::base_url` sets another: the
        /// first absolute server URL of the API document (empty when it lists none).
        pub const DEFAULT_BASE_URL: &str = #base_url;

        #client

        impl Client {
            /// A builder for a client; it starts from [`DEFAULT_BASE_URL`] and no credentials.
            /// Its other defaults (timeouts, retry policy, size limit) are documented on
            /// [`ClientBuilder`](super::runtime::ClientBuilder).
            pub fn builder() -> super::runtime::ClientBuilder<Self> {
                super::runtime::ClientBuilder::new(DEFAULT_BASE_URL)
            }

            /// The transport this client sends its requests through.
            pub fn transport(&self) -> &super::runtime::Transport {
                &self.transport
            }

            #(#methods)*
        }

        #(#builders)*
    }
}

fn emit_client_struct(api: &Api) -> TokenStream {
    let title = &api.title_docs;
    let summary = format!(" A client for the {title}: one async method per operation.");
    quote! {
        #[doc = #summary]
        ///
        /// Build one with [`Client::builder`]. Cloning is cheap: clones share one
        /// configuration and one connection pool.
        #[derive(Clone, Debug)]
        pub struct Client {
            transport: super::runtime::Transport,
        }

        impl ::std::convert::From<super::runtime::Transport> for Client {
            fn from(transport: super::runtime::Transport) -> Self {
                Client { transport }
            }
        }
    }
}

/// The parameters of an operation that are method arguments (required ones), and the rest.
fn split_params(operation: &Operation) -> (Vec<&Param>, Vec<&Param>) {
    operation.params.iter().partition(|param| param.required)
}

/// Whether the body is a method argument (required) rather than a builder setter.
fn body_is_argument(operation: &Operation) -> bool {
    operation
        .request_body
        .as_ref()
        .is_some_and(|body| body.required)
}

/// The method for one operation: an `async fn` that sends the request, or, when the operation
/// has optional inputs, a `fn` returning its request builder.
fn emit_method(api: &Api, operation: &Operation) -> TokenStream {
    let docs = emit_docs(&method_docs(operation));
    let deprecated = operation
        .deprecated
        .then(|| quote! { #[deprecated(note = "the API marks this operation as deprecated")] });
    let name = ident(&operation.rust_name);
    let (required, _) = split_params(operation);
    let borrows =
        required.iter().any(|param| is_borrowed(api, &param.ty)) || body_is_argument(operation);
    // A builder borrows the arguments for its own lifetime; a plain `async fn` needs no name.
    let lifetime = match (&operation.call.builder, borrows) {
        (Some(_), true) => quote! { 'a },
        (Some(_), false) => quote! { '_ },
        (None, _) => TokenStream::new(),
    };
    let mut arguments: Vec<TokenStream> = required
        .iter()
        .map(|param| emit_argument(api, param, &lifetime))
        .collect();
    if let Some(body) = operation.request_body.as_ref().filter(|body| body.required) {
        let body_name = ident(&body.rust_name);
        let body_type = emit_borrowed_type(api, &body.ty, &lifetime);
        arguments.push(quote! { #body_name: #body_type });
    }
    match &operation.call.builder {
        Some(builder) => {
            let builder = ident(builder);
            let (generics, receiver) = if borrows {
                (quote! { <'a> }, quote! { &'a self })
            } else {
                (quote! {}, quote! { &self })
            };
            let fields = required.iter().map(|param| ident(&param.rust_name));
            let body_field = operation.request_body.as_ref().map(|body| {
                let body_name = ident(&body.rust_name);
                if body.required {
                    quote! { #body_name: ::std::option::Option::Some(#body_name), }
                } else {
                    quote! { #body_name: ::std::option::Option::None, }
                }
            });
            let (_, optional) = split_params(operation);
            let optional = optional.iter().map(|param| ident(&param.rust_name));
            quote! {
                #docs
                #deprecated
                pub fn #name #generics (#receiver, #(#arguments),*) -> #builder<#lifetime> {
                    #builder {
                        client: self,
                        #(#fields,)*
                        #(#optional: ::std::option::Option::None,)*
                        #body_field
                    }
                }
            }
        }
        None => {
            let result = emit_result_type(api, operation);
            let body = emit_call_body(api, operation, &quote! { self.transport });
            quote! {
                #docs
                #deprecated
                pub async fn #name(&self, #(#arguments),*) -> #result {
                    #body
                }
            }
        }
    }
}

/// The method's docs: the operation's, then one line per argument.
fn method_docs(operation: &Operation) -> Docs {
    let mut docs = operation.docs.clone();
    let (required, optional) = split_params(operation);
    let mut lines: Vec<String> = required
        .iter()
        .map(|param| format!("- `{}`: {}", param.rust_name, first_line(&param.docs)))
        .collect();
    if let Some(body) = operation.request_body.as_ref().filter(|body| body.required) {
        lines.push(format!(
            "- `{}`: {}",
            body.rust_name,
            first_line(&body.docs)
        ));
    }
    if !lines.is_empty() {
        docs.notes
            .push(format!("Arguments:\n\n{}", lines.join("\n")));
    }
    if !optional.is_empty()
        || operation
            .request_body
            .as_ref()
            .is_some_and(|body| !body.required)
    {
        docs.notes.push(
            "Optional inputs are set on the returned request builder, which sends the request when awaited."
                .to_owned(),
        );
    }
    docs
}

fn first_line(docs: &Docs) -> &str {
    docs.text.lines().next().unwrap_or_default()
}

/// `Result<Response<T>, Error<E>>`: `T` is `()` without a success body, `E` is JSON without a
/// documented error body (then no status decodes into it).
fn emit_result_type(api: &Api, operation: &Operation) -> TokenStream {
    let models = quote! { super::models:: };
    let success = operation
        .call
        .success_type
        .as_ref()
        .map_or_else(|| quote! { () }, |ty| emit_type_with(api, ty, &models));
    let error = operation.call.error_type.as_ref().map_or_else(
        || quote! { ::serde_json::Value },
        |ty| emit_type_with(api, ty, &models),
    );
    quote! {
        ::std::result::Result<super::runtime::Response<#success>, super::runtime::Error<#error>>
    }
}

/// Whether an argument of this type is passed by reference.
fn is_borrowed(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Bool
        | TypeRef::I32
        | TypeRef::I64
        | TypeRef::F32
        | TypeRef::F64
        | TypeRef::Decimal => false,
        TypeRef::Model(id) => !is_enum(api, id.0),
        TypeRef::String | TypeRef::DateTime | TypeRef::Json | TypeRef::Vec(_) | TypeRef::Map(_) => {
            true
        }
    }
}

fn is_enum(api: &Api, index: usize) -> bool {
    api.models.get(index).is_some_and(|model| {
        matches!(
            model.kind,
            ModelKind::StringEnum(_) | ModelKind::IntegerEnum(_)
        )
    })
}

/// The argument type: scalars and enums by value, everything else borrowed for `lifetime`
/// (`&str` for strings, a slice for arrays).
fn emit_borrowed_type(api: &Api, ty: &TypeRef, lifetime: &TokenStream) -> TokenStream {
    let models = quote! { super::models:: };
    match ty {
        TypeRef::String => quote! { &#lifetime str },
        TypeRef::Vec(items) => {
            let items = emit_type_with(api, items, &models);
            quote! { &#lifetime [#items] }
        }
        other if is_borrowed(api, other) => {
            let owned = emit_type_with(api, other, &models);
            quote! { &#lifetime #owned }
        }
        other => emit_type_with(api, other, &models),
    }
}

fn emit_argument(api: &Api, param: &Param, lifetime: &TokenStream) -> TokenStream {
    let name = ident(&param.rust_name);
    let ty = emit_borrowed_type(api, &param.ty, lifetime);
    quote! { #name: #ty }
}

/// The request builder of an operation with optional inputs: fields, setters, `send`, and
/// `IntoFuture` so that `.await` sends it.
fn emit_builder(api: &Api, operation: &Operation) -> Option<TokenStream> {
    let builder = ident(operation.call.builder.as_ref()?);
    let send_doc = format!(
        " Sends the request; awaiting the builder does the same (see [`Client::{}`]).",
        operation.rust_name
    );
    let lifetime = quote! { 'a };
    let (required, optional) = split_params(operation);
    let required_fields = required
        .iter()
        .map(|param| emit_argument(api, param, &lifetime));
    let optional_fields = optional.iter().map(|param| {
        let name = ident(&param.rust_name);
        let ty = emit_borrowed_type(api, &param.ty, &lifetime);
        quote! { #name: ::std::option::Option<#ty> }
    });
    let body_field = operation.request_body.as_ref().map(|body| {
        let name = ident(&body.rust_name);
        let ty = emit_borrowed_type(api, &body.ty, &lifetime);
        quote! { #name: ::std::option::Option<#ty>, }
    });
    let setters = optional
        .iter()
        .map(|param| emit_setter(api, &param.rust_name, &param.docs, &param.ty));
    let body_setter = operation
        .request_body
        .as_ref()
        .filter(|body| !body.required)
        .map(|body| emit_setter(api, &body.rust_name, &body.docs, &body.ty));
    let result = emit_result_type(api, operation);
    let bindings = builder_bindings(operation);
    let call = emit_call_body(api, operation, &quote! { client.transport });
    let summary = format!(
        " The request of [`Client::{}`]: set its optional inputs, then `.await` it.",
        operation.rust_name
    );
    Some(quote! {
        #[doc = #summary]
        #[derive(Debug)]
        #[must_use = "a request does nothing until it is awaited"]
        pub struct #builder<'a> {
            client: &'a Client,
            #(#required_fields,)*
            #(#optional_fields,)*
            #body_field
        }

        impl<'a> #builder<'a> {
            #(#setters)*
            #body_setter

            #[doc = #send_doc]
            pub async fn send(self) -> #result {
                let #builder { client, #(#bindings),* } = self;
                #call
            }
        }

        impl<'a> ::std::future::IntoFuture for #builder<'a> {
            type Output = #result;
            type IntoFuture = ::std::pin::Pin<
                ::std::boxed::Box<dyn ::std::future::Future<Output = Self::Output> + ::std::marker::Send + 'a>,
            >;

            fn into_future(self) -> Self::IntoFuture {
                ::std::boxed::Box::pin(self.send())
            }
        }
    })
}

/// The field names a builder's `send` destructures.
fn builder_bindings(operation: &Operation) -> Vec<TokenStream> {
    let mut names: Vec<TokenStream> = operation
        .params
        .iter()
        .map(|param| {
            let name = ident(&param.rust_name);
            quote! { #name }
        })
        .collect();
    if let Some(body) = &operation.request_body {
        let name = ident(&body.rust_name);
        names.push(quote! { #name });
    }
    names
}

fn emit_setter(api: &Api, rust_name: &str, docs: &Docs, ty: &TypeRef) -> TokenStream {
    let name = ident(rust_name);
    let docs = emit_docs(docs);
    let ty = emit_borrowed_type(api, ty, &quote! { 'a });
    quote! {
        #docs
        pub fn #name(mut self, value: #ty) -> Self {
            self.#name = ::std::option::Option::Some(value);
            self
        }
    }
}

/// The statements that send the request through `transport`: the operation's constant facts,
/// its path, query and headers, then `execute`. Optional inputs are `Option`s here (a
/// required body, too, inside a builder).
fn emit_call_body(api: &Api, operation: &Operation, transport: &TokenStream) -> TokenStream {
    let spec = emit_operation_spec(operation);
    let text_paths = operation.path.iter().filter_map(|segment| match segment {
        PathSegment::Param(index) => operation.params.get(*index),
        PathSegment::Literal(_) => None,
    });
    let conversions = text_paths
        .filter(|param| param.ty != TypeRef::String)
        .map(|param| {
            let name = ident(&param.rust_name);
            let text = emit_text(api, &param.ty, &quote! { #name });
            quote! { let #name = #text; }
        });
    let parts = emit_path_parts(operation);
    let query = emit_pairs(api, operation, ParamLocation::Query, "query");
    let headers = emit_pairs(api, operation, ParamLocation::Header, "headers");
    let body = match &operation.request_body {
        None => quote! { ::std::option::Option::None::<&()> },
        Some(body) if body.required && operation.call.builder.is_none() => {
            let name = ident(&body.rust_name);
            quote! { ::std::option::Option::Some(#name) }
        }
        Some(body) => {
            let name = ident(&body.rust_name);
            quote! { #name }
        }
    };
    let execute = if operation.call.success_type.is_some() {
        quote! { execute }
    } else {
        quote! { execute_empty }
    };
    quote! {
        #spec
        #(#conversions)*
        let path = [#(#parts),*];
        #query
        #headers
        let parts = super::runtime::RequestParts { path: &path, query: &query, headers: &headers, body: #body };
        #transport.#execute(&OPERATION, parts).await
    }
}

fn emit_operation_spec(operation: &Operation) -> TokenStream {
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
    let accept = &operation.call.accept;
    let success = emit_status_set(&operation.call.success);
    let errors = emit_status_set(&operation.call.errors);
    quote! {
        const OPERATION: super::runtime::OperationSpec = super::runtime::OperationSpec {
            operation_id: #operation_id,
            method: super::runtime::Method::#method,
            path_template: #template,
            retry: super::runtime::RetryClass::#retry,
            accept: #accept,
            success: #success,
            errors: #errors,
        };
    }
}

fn method_name(method: Method) -> &'static str {
    match method {
        Method::Get => "GET",
        Method::Put => "PUT",
        Method::Post => "POST",
        Method::Delete => "DELETE",
        Method::Options => "OPTIONS",
        Method::Head => "HEAD",
        Method::Patch => "PATCH",
        Method::Trace => "TRACE",
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

/// The path, segment by segment. Literal text between slashes is one segment each; a
/// parameter is one encoded segment of its own.
fn emit_path_parts(operation: &Operation) -> Vec<TokenStream> {
    let mut parts = Vec::new();
    for segment in &operation.path {
        match segment {
            PathSegment::Literal(text) => {
                for piece in text.split('/').filter(|piece| !piece.is_empty()) {
                    parts.push(quote! { super::runtime::PathPart::Literal(#piece) });
                }
            }
            PathSegment::Param(index) => {
                if let Some(param) = operation.params.get(*index) {
                    let wire = &param.wire_name;
                    let name = ident(&param.rust_name);
                    let value = if param.ty == TypeRef::String {
                        quote! { #name }
                    } else {
                        quote! { &#name }
                    };
                    parts.push(
                        quote! { super::runtime::PathPart::Param { name: #wire, value: #value } },
                    );
                }
            }
        }
    }
    parts
}

/// The `query` or `headers` pairs: required single values in the initial `vec!`, then
/// optional values and arrays appended (so no push follows the creation directly).
fn emit_pairs(
    api: &Api,
    operation: &Operation,
    location: ParamLocation,
    local: &str,
) -> TokenStream {
    let local = ident(local);
    let params: Vec<&Param> = operation
        .params
        .iter()
        .filter(|param| param.location == location)
        .collect();
    if params.is_empty() {
        return quote! { let #local: [(&'static str, ::std::string::String); 0] = []; };
    }
    let mut initial = Vec::new();
    let mut appended = Vec::new();
    for param in params {
        let wire = &param.wire_name;
        let name = ident(&param.rust_name);
        let is_array = matches!(param.ty, TypeRef::Vec(_));
        let element = match &param.ty {
            TypeRef::Vec(items) => items.as_ref().clone(),
            other => other.clone(),
        };
        let text = emit_text(api, &element, &quote! { value });
        let push_each = quote! { for value in #name.iter() { #local.push((#wire, #text)); } };
        match (param.required, is_array) {
            (true, false) => {
                let text = emit_text(api, &element, &quote! { #name });
                initial.push(quote! { (#wire, #text) });
            }
            (true, true) => appended.push(push_each),
            (false, false) => appended.push(quote! {
                if let ::std::option::Option::Some(value) = #name { #local.push((#wire, #text)); }
            }),
            (false, true) => appended.push(quote! {
                if let ::std::option::Option::Some(#name) = #name { #push_each }
            }),
        }
    }
    let mutability = (!appended.is_empty()).then(|| quote! { mut });
    let ty = quote! { ::std::vec::Vec<(&'static str, ::std::string::String)> };
    quote! {
        let #mutability #local: #ty = ::std::vec![#(#initial),*];
        #(#appended)*
    }
}

/// The wire text of a value of `ty` held in `value` (a value or a reference to one).
fn emit_text(api: &Api, ty: &TypeRef, value: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::Model(id) => match api.models.get(id.0).map(|model| &model.kind) {
            Some(ModelKind::IntegerEnum(_)) => quote! { #value.code().to_string() },
            // `check.rs` admits only enums (and scalars) as parameter types; string enums and
            // aliases of scalars print their wire text with `Display`.
            _ => quote! { #value.to_string() },
        },
        _ => quote! { #value.to_string() },
    }
}
