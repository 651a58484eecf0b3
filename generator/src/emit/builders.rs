//! Request builders: for an operation with inputs placed on a builder, a struct holding the
//! client, the arguments and an `Option` per setter input, with one setter each, `send`, and
//! `IntoFuture` so that `.await` sends it.

use proc_macro2::TokenStream;
use quote::quote;

use super::outcomes::emit_result_type;
use super::pages::emit_builder_pages;
use super::requests::{emit_call_body, is_borrowed, Inputs};
use super::streams::emit_builder_stream;
use super::{emit_docs, emit_type_with, ident};
use crate::ir::{Api, Body, BodyKind, Docs, Operation, Param, Placement, TypeRef};

/// One input of an operation: a parameter or the body.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Input<'api> {
    Param(&'api Param),
    Body(&'api Body),
}

impl<'api> Input<'api> {
    /// The parameters in order, then the body.
    pub(crate) fn all(operation: &'api Operation) -> Vec<Input<'api>> {
        operation
            .params
            .iter()
            .map(Input::Param)
            .chain(operation.request_body.iter().map(Input::Body))
            .collect()
    }

    pub(crate) fn rust_name(&self) -> &'api str {
        match self {
            Input::Param(param) => &param.rust_name,
            Input::Body(body) => &body.rust_name,
        }
    }

    pub(crate) fn placement(&self) -> Placement {
        match self {
            Input::Param(param) => param.placement,
            Input::Body(body) => body.placement,
        }
    }

    pub(crate) fn is_required(&self) -> bool {
        match self {
            Input::Param(param) => param.required,
            Input::Body(body) => body.required,
        }
    }

    fn docs(&self) -> &'api Docs {
        match self {
            Input::Param(param) => &param.docs,
            Input::Body(body) => &body.docs,
        }
    }

    /// The first line of the input's docs, for the method's argument list.
    pub(crate) fn first_line(&self) -> &'api str {
        self.docs().text.lines().next().unwrap_or_default()
    }

    /// Whether the input is passed by reference.
    pub(crate) fn is_borrowed(&self, api: &Api) -> bool {
        match self {
            Input::Param(param) => is_borrowed(api, &param.ty),
            Input::Body(body) => match &body.kind {
                BodyKind::Json(ty) | BodyKind::Form(ty) => is_borrowed(api, ty),
                BodyKind::Multipart(_) | BodyKind::Text => true,
                BodyKind::Binary => false,
            },
        }
    }
}

/// The type an input is given as: scalars and enums by value, strings as `&str`, arrays as
/// slices, raw bytes as `Bytes`, everything else borrowed for `lifetime`.
pub(crate) fn input_type(api: &Api, input: &Input<'_>, lifetime: &TokenStream) -> TokenStream {
    match input {
        Input::Param(param) => borrowed_type(api, &param.ty, lifetime),
        Input::Body(body) => match &body.kind {
            BodyKind::Json(ty) | BodyKind::Form(ty) => borrowed_type(api, ty, lifetime),
            BodyKind::Multipart(id) => borrowed_type(api, &TypeRef::Model(*id), lifetime),
            BodyKind::Text => quote! { &#lifetime str },
            BodyKind::Binary => quote! { super::runtime::Bytes },
        },
    }
}

fn borrowed_type(api: &Api, ty: &TypeRef, lifetime: &TokenStream) -> TokenStream {
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

/// The request builder of an operation that has one.
pub(crate) fn emit_builder(api: &Api, operation: &Operation) -> Option<TokenStream> {
    let builder = ident(operation.call.builder.as_ref()?);
    let lifetime = quote! { 'a };
    let inputs = Input::all(operation);
    let fields = inputs.iter().map(|input| {
        let name = ident(input.rust_name());
        let ty = input_type(api, input, &lifetime);
        match input.placement() {
            Placement::Argument => quote! { #name: #ty, },
            Placement::Setter => quote! { #name: ::std::option::Option<#ty>, },
        }
    });
    let setters = inputs
        .iter()
        .filter(|input| input.placement() == Placement::Setter)
        .map(|input| emit_setter(api, input));
    let result = emit_result_type(api, operation);
    let call = emit_call_body(api, operation, Inputs::Builder, &quote! { self.client });
    let stream = emit_builder_stream(api, operation);
    let pages = emit_builder_pages(api, operation);
    let summary = format!(
        " The request of [`Client::{}`]: set its inputs, then `.await` it.",
        operation.rust_name
    );
    let send_doc = format!(
        " Sends the request; awaiting the builder does the same (see [`Client::{}`]).",
        operation.rust_name
    );
    Some(quote! {
        #[doc = #summary]
        #[derive(Debug)]
        #[must_use = "a request does nothing until it is awaited"]
        pub struct #builder<'a> {
            client: &'a Client,
            #(#fields)*
        }

        impl<'a> #builder<'a> {
            #(#setters)*

            #[doc = #send_doc]
            pub async fn send(self) -> #result {
                #call
            }

            #stream

            #pages
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

fn emit_setter(api: &Api, input: &Input<'_>) -> TokenStream {
    let name = ident(input.rust_name());
    let mut docs = input.docs().clone();
    if input.is_required() {
        docs.notes
            .push("Required: sending without it fails before anything is sent.".to_owned());
    }
    let docs = emit_docs(&docs);
    let ty = input_type(api, input, &quote! { 'a });
    quote! {
        #docs
        pub fn #name(mut self, value: #ty) -> Self {
            self.#name = ::std::option::Option::Some(value);
            self
        }
    }
}
