//! What an operation's responses decode into: the result type of its method, the enums of
//! bodies by status, and the decoders handed to `Transport::execute`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{emit_docs, emit_type_with, ident};
use crate::ir::{Api, Operation, Outcome, ResponseBody, Status, StatusEnum};

/// The path to the models from the client module.
fn models_path() -> TokenStream {
    quote! { super::models:: }
}

/// The Rust type of a response body.
fn body_type(api: &Api, body: &ResponseBody) -> TokenStream {
    match body {
        ResponseBody::Json(ty) => emit_type_with(api, ty, &models_path()),
        ResponseBody::Text => quote! { ::std::string::String },
        ResponseBody::Binary => quote! { super::runtime::Bytes },
    }
}

/// The type an outcome decodes into. Without a documented error body, errors are decoded as
/// any JSON value, so an error the API sends in JSON is still readable.
pub(crate) fn outcome_type(api: &Api, outcome: &Outcome, is_error: bool) -> TokenStream {
    match outcome {
        Outcome::Empty if is_error => quote! { ::serde_json::Value },
        Outcome::Empty => quote! { () },
        Outcome::Single(body) => body_type(api, body),
        Outcome::ByStatus(status_enum) => {
            let name = ident(&status_enum.rust_name);
            quote! { #name }
        }
    }
}

/// `Result<Response<T>, Error<E>>` of an operation's method.
pub(crate) fn emit_result_type(api: &Api, operation: &Operation) -> TokenStream {
    let success = outcome_type(api, &operation.call.success, false);
    let error = outcome_type(api, &operation.call.error, true);
    quote! {
        ::std::result::Result<super::runtime::Response<#success>, super::runtime::Error<#error>>
    }
}

/// The decoder of one body: a function of the runtime.
fn body_decoder(api: &Api, body: &ResponseBody) -> TokenStream {
    match body {
        ResponseBody::Json(ty) => {
            let ty = emit_type_with(api, ty, &models_path());
            quote! { super::runtime::decode_json::<#ty> }
        }
        ResponseBody::Text => quote! { super::runtime::decode_text },
        ResponseBody::Binary => quote! { super::runtime::decode_bytes },
    }
}

/// The decoder `Transport::execute` calls for an outcome (see [`outcome_type`] for an error
/// outcome without a documented body).
pub(crate) fn emit_decoder(api: &Api, outcome: &Outcome, is_error: bool) -> TokenStream {
    match outcome {
        Outcome::Empty if is_error => quote! { super::runtime::decode_json::<::serde_json::Value> },
        Outcome::Empty => quote! { super::runtime::decode_empty },
        Outcome::Single(body) => body_decoder(api, body),
        Outcome::ByStatus(status_enum) => emit_status_decoder(api, status_enum),
    }
}

/// A closure matching the status: exact codes first, then ranges, then the rest, which goes
/// to `default` when documented, else to the first variant with a body.
fn emit_status_decoder(api: &Api, status_enum: &StatusEnum) -> TokenStream {
    let name = ident(&status_enum.rust_name);
    let arm = |variant: &crate::ir::StatusVariant| {
        let variant_name = ident(&variant.rust_name);
        match &variant.body {
            Some(body) => {
                let decoder = body_decoder(api, body);
                quote! { #decoder(raw).map(#name::#variant_name) }
            }
            None => quote! { ::std::result::Result::Ok(#name::#variant_name) },
        }
    };
    let mut arms = Vec::new();
    for variant in &status_enum.variants {
        if let Status::Code(code) = variant.status {
            let code = Literal::u16_unsuffixed(code);
            let decode = arm(variant);
            arms.push(quote! { #code => #decode, });
        }
    }
    for variant in &status_enum.variants {
        if let Status::Range(class) = variant.status {
            let low = Literal::u16_unsuffixed(class * 100);
            let high = Literal::u16_unsuffixed(class * 100 + 99);
            let decode = arm(variant);
            arms.push(quote! { #low..=#high => #decode, });
        }
    }
    let fallback = status_enum
        .variants
        .iter()
        .find(|variant| variant.status == Status::Default)
        .or_else(|| {
            status_enum
                .variants
                .iter()
                .find(|variant| variant.body.is_some())
        })
        .or_else(|| status_enum.variants.first());
    let fallback = fallback.map_or_else(|| quote! { super::runtime::decode_json(raw) }, arm);
    quote! {
        |raw: &super::runtime::RawResponse| match raw.status().as_u16() {
            #(#arms)*
            _ => #fallback,
        }
    }
}

/// The enums of bodies by status of one operation, if it has any.
pub(crate) fn emit_status_enums(api: &Api, operation: &Operation) -> TokenStream {
    let enums = [&operation.call.success, &operation.call.error]
        .into_iter()
        .filter_map(|outcome| match outcome {
            Outcome::ByStatus(status_enum) => Some(emit_status_enum(api, status_enum)),
            Outcome::Empty | Outcome::Single(_) => None,
        });
    quote! { #(#enums)* }
}

fn emit_status_enum(api: &Api, status_enum: &StatusEnum) -> TokenStream {
    let docs = emit_docs(&status_enum.docs);
    let name = ident(&status_enum.rust_name);
    let variants = status_enum.variants.iter().map(|variant| {
        let docs = emit_docs(&variant.docs);
        let variant_name = ident(&variant.rust_name);
        match &variant.body {
            Some(body) => {
                let ty = body_type(api, body);
                quote! { #docs #variant_name(#ty), }
            }
            None => quote! { #docs #variant_name, },
        }
    });
    // Like the unions' variants, these hold the response bodies by value (see `unions.rs`).
    let allow_large = super::unions::allow_large_variant(status_enum.large_variant);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #allow_large
        pub enum #name {
            #(#variants)*
        }
    }
}
