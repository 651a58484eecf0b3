//! `client.rs`: the `Client` type and one method per operation. Inputs placed as arguments
//! are method arguments; an operation with inputs placed on a builder returns a request
//! builder whose setters take them and which is sent by `.await` (see `builders.rs`). Every
//! call goes through `super::runtime::Transport` (see `requests.rs`).

use proc_macro2::TokenStream;
use quote::quote;

use super::builders::{emit_builder, input_type, Input};
use super::features::{gate_attrs, gated};
use super::outcomes::{emit_result_type, emit_status_enums};
use super::pages::emit_page_method;
use super::requests::{emit_call_body, Inputs};
use super::streams::emit_event_method;
use super::{emit_deprecated, emit_docs, ident, Chunk};
use crate::ir::{Api, ApiKeyLocation, Docs, Operation, Placement, SecuritySchemeKind};

/// The whole `client.rs`, in chunks: module docs, the base URL, `Client`, then each
/// operation's request builder and status enums.
pub(crate) fn emit_client(api: &Api) -> impl Iterator<Item = Chunk> + '_ {
    let base_url = &api.default_base_url;
    let client = emit_client_struct(api);
    let methods = api
        .operations
        .iter()
        .flat_map(|operation| emit_methods(api, operation));
    let builders = api.operations.iter().filter_map(|operation| {
        emit_builder(api, operation).map(|items| gated(api, operation.feature, items))
    });
    let status_enums = api
        .operations
        .iter()
        .map(|operation| gated(api, operation.feature, emit_status_enums(api, operation)));
    let head = quote! {
        #![doc = " The API's client: one method per operation, generated from its OpenAPI document."]
        // Every item here is documented (from the document, or by what the generator knows
        // of it); the lint keeps that true. `models` has no such lint: a property the
        // document does not describe gets no filler text.
        #![warn(missing_docs)]

        /// The base URL a [`Client`] uses unless `ClientBuilder::base_url` sets another: the
        /// first absolute server URL of the API document (empty when it lists none).
        pub const DEFAULT_BASE_URL: &str = #base_url;

        #client

        impl Client {
            /// A builder for a client; it starts from [`DEFAULT_BASE_URL`] and no credentials.
            /// Its other defaults (timeouts, retry and redirect policies, size limit) are
            /// documented on [`ClientBuilder`](super::runtime::ClientBuilder).
            pub fn builder() -> super::runtime::ClientBuilder<Self> {
                super::runtime::ClientBuilder::new(DEFAULT_BASE_URL)
            }

            /// The transport this client sends its requests through.
            pub fn transport(&self) -> &super::runtime::Transport {
                &self.transport
            }

            #(#methods)*
        }
    };
    std::iter::once(head.into())
        .chain(builders)
        .chain(status_enums)
}

fn emit_client_struct(api: &Api) -> TokenStream {
    let docs = emit_docs(&client_docs(api));
    quote! {
        #docs
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

/// The client's docs: what it is, the Tokio requirement, and how to send each kind of
/// credentials the document names.
fn client_docs(api: &Api) -> Docs {
    let mut notes = vec![
        "Build one with [`Client::builder`]. Cloning is cheap: clones share one configuration \
         and one connection pool."
            .to_owned(),
        "Its methods must run inside a Tokio runtime with timers enabled (reqwest, which \
         sends the requests, needs one); outside one they panic."
            .to_owned(),
    ];
    let credentials: Vec<String> = api
        .security_schemes
        .iter()
        .map(|scheme| {
            let how = match &scheme.kind {
                SecuritySchemeKind::Http { scheme, .. } if scheme.eq_ignore_ascii_case("basic") => {
                    "HTTP basic authentication: `ClientBuilder::basic_auth`".to_owned()
                }
                SecuritySchemeKind::Http { scheme, .. } if scheme.eq_ignore_ascii_case("bearer") => {
                    "a bearer token: `ClientBuilder::bearer_auth`".to_owned()
                }
                SecuritySchemeKind::Http { scheme, .. } => format!(
                    "HTTP `{}` authentication: set the `Authorization` header with `ClientBuilder::header`",
                    scheme.replace('`', "'")
                ),
                SecuritySchemeKind::ApiKey {
                    location,
                    parameter_name,
                } => {
                    let name = parameter_name.replace('`', "'");
                    match location {
                        ApiKeyLocation::Header => format!("an API key in the `{name}` header: `ClientBuilder::header`"),
                        ApiKeyLocation::Query => format!("an API key in the `{name}` query parameter: `ClientBuilder::query_param`"),
                        ApiKeyLocation::Cookie => format!("an API key in the `{name}` cookie: `ClientBuilder::header` with a `Cookie` header"),
                    }
                }
                SecuritySchemeKind::OAuth2 | SecuritySchemeKind::OpenIdConnect { .. } => {
                    "an OAuth 2 access token: `ClientBuilder::bearer_auth`".to_owned()
                }
            };
            format!("- `{}`: {how}.", scheme.name.replace('`', "'"))
        })
        .collect();
    if !credentials.is_empty() {
        notes.push(format!(
            "Credentials, by the document's security schemes:\n\n{}",
            credentials.join("\n")
        ));
    }
    Docs {
        text: format!(
            "A client for the {}: one async method per operation.",
            api.title_docs
        ),
        notes,
    }
}

/// The methods of one operation: the plain method, the stream of its server-sent events if
/// it has them, and the stream of every item of every page if it is paginated; only the stream when events are its only success body (and it has no
/// request builder, which gets a `stream` method instead).
fn emit_methods(api: &Api, operation: &Operation) -> Vec<TokenStream> {
    let parameters: Vec<TokenStream> = Input::all(operation)
        .into_iter()
        .filter(|input| input.placement() == Placement::Argument)
        .map(|input| {
            let input_name = ident(input.rust_name());
            let ty = input_type(api, &input, &TokenStream::new());
            quote! { #input_name: #ty }
        })
        .collect();
    let docs = method_docs(operation);
    let stream = emit_event_method(api, operation, &docs, &parameters);
    let pages = emit_page_method(api, operation, &docs, &parameters);
    let replaced = operation
        .call
        .events
        .as_ref()
        .is_some_and(|events| events.only && operation.call.builder.is_none());
    let plain = (!replaced).then(|| emit_method(api, operation));
    // The stream methods belong to the operation's feature too (`emit_method` gates its own).
    let gate = gate_attrs(api, operation.feature);
    let streams = stream
        .into_iter()
        .chain(pages)
        .map(|method| quote! { #gate #method });
    plain.into_iter().chain(streams).collect()
}

/// The method for one operation: an `async fn` that sends the request, or, when some input is
/// set on a builder, a `fn` returning the request builder.
fn emit_method(api: &Api, operation: &Operation) -> TokenStream {
    let docs = emit_docs(&method_docs(operation));
    let gate = gate_attrs(api, operation.feature);
    let deprecated = emit_deprecated(operation);
    let name = ident(&operation.rust_name);
    let arguments = Input::all(operation)
        .into_iter()
        .filter(|input| input.placement() == Placement::Argument)
        .collect::<Vec<_>>();
    match &operation.call.builder {
        Some(builder) => {
            let signature_and_body = emit_builder_method(api, operation, &arguments, builder);
            quote! {
                #docs
                #gate
                #deprecated
                pub fn #name #signature_and_body
            }
        }
        None => {
            let parameters = arguments.iter().map(|input| {
                let input_name = ident(input.rust_name());
                let ty = input_type(api, input, &TokenStream::new());
                quote! { #input_name: #ty }
            });
            let result = emit_result_type(api, operation);
            let body = emit_call_body(api, operation, Inputs::Arguments, &quote! { self });
            quote! {
                #docs
                #gate
                #deprecated
                pub async fn #name(&self, #(#parameters),*) -> #result {
                    #body
                }
            }
        }
    }
}

/// The generics, parameters, result and body of a method that returns a request builder:
/// the builder holds the arguments, and the optional inputs start unset.
fn emit_builder_method(
    api: &Api,
    operation: &Operation,
    arguments: &[Input<'_>],
    builder: &str,
) -> TokenStream {
    let builder = ident(builder);
    // A builder borrows the arguments for its own lifetime; without borrowed arguments the
    // lifetime can be elided.
    let borrows = arguments.iter().any(|input| input.is_borrowed(api));
    let (generics, receiver, lifetime) = if borrows {
        (quote! { <'a> }, quote! { &'a self }, quote! { 'a })
    } else {
        (quote! {}, quote! { &self }, quote! { '_ })
    };
    let parameters = arguments.iter().map(|input| {
        let input_name = ident(input.rust_name());
        let ty = input_type(api, input, &lifetime);
        quote! { #input_name: #ty }
    });
    let fields = Input::all(operation).into_iter().map(|input| {
        let input_name = ident(input.rust_name());
        match input.placement() {
            Placement::Argument => quote! { #input_name, },
            Placement::Setter => quote! { #input_name: ::std::option::Option::None, },
        }
    });
    quote! {
        #generics (#receiver, #(#parameters),*) -> #builder<#lifetime> {
            #builder {
                client: self,
                #(#fields)*
            }
        }
    }
}

/// The method's docs: the operation's, then one line per argument, then where the other
/// inputs go.
fn method_docs(operation: &Operation) -> Docs {
    let mut docs = operation.docs.clone();
    let inputs = Input::all(operation);
    let lines: Vec<String> = inputs
        .iter()
        .filter(|input| input.placement() == Placement::Argument)
        .map(|input| format!("- `{}`: {}", input.rust_name(), input.first_line()))
        .collect();
    if !lines.is_empty() {
        docs.notes
            .push(format!("Arguments:\n\n{}", lines.join("\n")));
    }
    let required_setters: Vec<String> = inputs
        .iter()
        .filter(|input| input.placement() == Placement::Setter && input.is_required())
        .map(|input| format!("`{}`", input.rust_name()))
        .collect();
    if inputs
        .iter()
        .any(|input| input.placement() == Placement::Setter)
    {
        docs.notes.push(
            "Optional inputs are set on the returned request builder, which sends the request \
             when awaited."
                .to_owned(),
        );
    }
    docs.notes.push(format!(
        "To test code that calls it without the API, the crate's `mock` feature has \
         `mock::Server::{}()`, which declares what the mock server expects and answers.",
        operation.mock.method
    ));
    if !required_setters.is_empty() {
        docs.notes.push(format!(
            "This operation has too many required inputs to take them all as arguments; set {} \
             on the request builder too: sending without them fails with \
             `Error::InvalidArgument` before anything is sent.",
            required_setters.join(", ")
        ));
    }
    docs
}
