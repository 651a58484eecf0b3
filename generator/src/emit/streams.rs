//! Event streams: the method that reads an operation's server-sent events as a stream of
//! `runtime::Event`s, on the client (beside or instead of the plain method) or, for an
//! operation with a request builder, as the builder's `stream`. One function per method.

use proc_macro2::TokenStream;
use quote::quote;

use super::outcomes::{emit_decoder, outcome_type};
use super::requests::{emit_request, Inputs};
use super::{emit_docs, emit_stream_method, emit_type_with};
use crate::ir::{Api, Docs, EventData, EventStream, Operation};

/// The client's stream method of one operation, if it has events and no request builder.
/// `docs` are the plain method's docs (the operation's, then its arguments), and
/// `parameters` its argument list.
pub(crate) fn emit_event_method(
    api: &Api,
    operation: &Operation,
    docs: &Docs,
    parameters: &[TokenStream],
) -> Option<TokenStream> {
    let events = operation.call.events.as_ref()?;
    if operation.call.builder.is_some() {
        return None;
    }
    let stream = emit_stream_type(api, operation, events);
    let body = emit_stream_body(api, operation, events, Inputs::Arguments, &quote! { self });
    Some(emit_stream_method(
        operation,
        docs,
        &events.docs.notes,
        &events.rust_name,
        parameters,
        stream,
        body,
    ))
}

/// The request builder's `stream` method, if the operation has events and a builder.
pub(crate) fn emit_builder_stream(api: &Api, operation: &Operation) -> Option<TokenStream> {
    let events = operation.call.events.as_ref()?;
    operation.call.builder.as_ref()?;
    let mut notes = vec![format!(
        "Sends the request and reads the answer as server-sent events (see [`Client::{}`]); \
         awaiting the builder instead reads a single body.",
        operation.rust_name
    )];
    notes.extend(events.docs.notes.iter().cloned());
    let docs = emit_docs(&Docs {
        text: "Streams the operation's server-sent events.".to_owned(),
        notes,
    });
    let stream = emit_stream_type(api, operation, events);
    let body = emit_stream_body(
        api,
        operation,
        events,
        Inputs::Builder,
        &quote! { self.client },
    );
    Some(quote! {
        #docs
        pub fn stream(self) -> #stream {
            #body
        }
    })
}

/// `impl Stream<Item = Result<Event<T>, Error<E>>>` of an operation's events.
fn emit_stream_type(api: &Api, operation: &Operation, events: &EventStream) -> TokenStream {
    let data = match &events.data {
        EventData::Json(ty) => emit_type_with(api, ty, &quote! { super::models:: }),
        EventData::Text => quote! { ::std::string::String },
    };
    let error = outcome_type(api, &operation.call.error, true);
    quote! {
        impl super::runtime::Stream<
            Item = ::std::result::Result<super::runtime::Event<#data>, super::runtime::Error<#error>>,
        > + ::std::marker::Send + ::std::marker::Unpin + 'static
    }
}

/// The request, sent with the stream's `Accept`, handed to `Transport::event_stream` with
/// the event data's decoder and the operation's error decoder.
fn emit_stream_body(
    api: &Api,
    operation: &Operation,
    events: &EventStream,
    inputs: Inputs,
    client: &TokenStream,
) -> TokenStream {
    let request = emit_request(api, operation, inputs, &events.accept);
    let data = match &events.data {
        EventData::Json(ty) => {
            let ty = emit_type_with(api, ty, &quote! { super::models:: });
            quote! { super::runtime::decode_event_json::<#ty> }
        }
        EventData::Text => quote! { super::runtime::decode_event_text },
    };
    let error = emit_decoder(api, &operation.call.error, true);
    quote! {
        #request
        #client.transport.event_stream(request, #data, #error)
    }
}
