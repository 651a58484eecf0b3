//! Page streams: the method that walks a paginated operation's pages as one stream of
//! items, on the client (`{name}_stream`) or, for an operation with a request builder, as the
//! builder's `stream`. One function per method.

use proc_macro2::TokenStream;
use quote::quote;

use super::outcomes::{emit_decoder, outcome_type};
use super::requests::{emit_request, Inputs};
use super::{emit_docs, emit_stream_method, emit_type_with, ident};
use crate::ir::{Api, Docs, Operation, PageField, PageItems, PagePattern, Pagination};

/// The client's page stream method of one operation, if it is paginated and has no request
/// builder. `docs` are the plain method's docs, and `parameters` its argument list.
pub(crate) fn emit_page_method(
    api: &Api,
    operation: &Operation,
    docs: &Docs,
    parameters: &[TokenStream],
) -> Option<TokenStream> {
    let pages = operation.call.pages.as_ref()?;
    if operation.call.builder.is_some() {
        return None;
    }
    let stream = emit_items_type(api, operation, pages);
    let body = emit_pages_body(api, operation, pages, Inputs::Arguments, &quote! { self });
    Some(emit_stream_method(
        operation,
        docs,
        &pages.docs.notes,
        &pages.rust_name,
        parameters,
        stream,
        body,
    ))
}

/// The request builder's `stream` method, if the operation is paginated and has a builder.
pub(crate) fn emit_builder_pages(api: &Api, operation: &Operation) -> Option<TokenStream> {
    let pages = operation.call.pages.as_ref()?;
    operation.call.builder.as_ref()?;
    let mut notes = vec![format!(
        "Sends the request and goes on to every next page (see [`Client::{}`]); awaiting \
         the builder instead reads the first page only.",
        operation.rust_name
    )];
    notes.extend(pages.docs.notes.iter().cloned());
    let docs = emit_docs(&Docs {
        text: "Streams every item of every page.".to_owned(),
        notes,
    });
    let stream = emit_items_type(api, operation, pages);
    let body = emit_pages_body(
        api,
        operation,
        pages,
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

/// `impl Stream<Item = Result<T, Error<E>>>` of a listing's items.
fn emit_items_type(api: &Api, operation: &Operation, pages: &Pagination) -> TokenStream {
    let item = emit_type_with(api, &pages.item, &quote! { super::models:: });
    let error = outcome_type(api, &operation.call.error, true);
    quote! {
        impl super::runtime::Stream<
            Item = ::std::result::Result<#item, super::runtime::Error<#error>>,
        > + ::std::marker::Send + ::std::marker::Unpin + 'static
    }
}

/// The first page's request, handed to `Transport::pages` with the decoders and the
/// closure that cuts a page into its items and next cursor.
fn emit_pages_body(
    api: &Api,
    operation: &Operation,
    pages: &Pagination,
    inputs: Inputs,
    client: &TokenStream,
) -> TokenStream {
    let request = emit_request(api, operation, inputs, &operation.call.accept);
    let next_page = match &pages.pattern {
        PagePattern::AfterLastItem { param, .. } | PagePattern::Cursor { param, .. } => {
            quote! { super::runtime::NextPage::Query(#param) }
        }
        PagePattern::LinkHeader => quote! { super::runtime::NextPage::Link },
        PagePattern::NextUrl { .. } => quote! { super::runtime::NextPage::Url },
        PagePattern::PageNumber { param } => quote! { super::runtime::NextPage::Number(#param) },
    };
    let success = emit_decoder(api, &operation.call.success, false);
    let error = emit_decoder(api, &operation.call.error, true);
    let split = emit_split(api, operation, pages);
    quote! {
        #request
        #client.transport.pages(request, #next_page, #success, #error, #split)
    }
}

/// `|page: Page| (items, next cursor)`.
fn emit_split(api: &Api, operation: &Operation, pages: &Pagination) -> TokenStream {
    let page = outcome_type(api, &operation.call.success, false);
    let items = match &pages.items {
        PageItems::Body => quote! { page },
        PageItems::Field {
            rust_name,
            optional,
        } => {
            let field = ident(rust_name);
            if *optional {
                quote! { page.#field.unwrap_or_default() }
            } else {
                quote! { page.#field }
            }
        }
    };
    match &pages.pattern {
        PagePattern::LinkHeader | PagePattern::PageNumber { .. } => {
            quote! { |page: #page| (#items, ::std::option::Option::None) }
        }
        PagePattern::Cursor { next, .. } | PagePattern::NextUrl { next } => {
            let next = next_cursor(next);
            quote! { |page: #page| (#items, #next) }
        }
        PagePattern::AfterLastItem { has_more, id, .. } => {
            let more = ident(&has_more.rust_name);
            let more = if has_more.optional {
                quote! { page.#more.unwrap_or(false) }
            } else {
                quote! { page.#more }
            };
            let id_field = ident(&id.rust_name);
            let last = if id.optional {
                quote! { items.last().and_then(|item| item.#id_field.clone()) }
            } else {
                quote! { items.last().map(|item| item.#id_field.clone()) }
            };
            quote! {
                |page: #page| {
                    let more = #more;
                    let items = #items;
                    let next = if more {
                        #last
                    } else {
                        ::std::option::Option::None
                    };
                    (items, next)
                }
            }
        }
    }
}

/// The page's cursor field as an `Option<String>`.
fn next_cursor(field: &PageField) -> TokenStream {
    let name = ident(&field.rust_name);
    if field.optional {
        quote! { page.#name }
    } else {
        quote! { ::std::option::Option::Some(page.#name) }
    }
}
