//! `models.rs`: one Rust item per model. Structs, aliases, newtypes and multipart forms are
//! here; enums in `enums.rs`, unions in `unions.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::enums::{emit_integer_enum, emit_string_enum};
use super::features::gated;
use super::forms::emit_multipart_form;
use super::unions::{emit_tagged_union, emit_untagged_union};
use super::{emit_docs, emit_type, ident, Chunk};
use crate::ir::{
    AdditionalProperties, Api, Construction, ErrorList, Field, MessagePart, Model, ModelKind,
    Struct, TypeRef,
};

/// The whole `models.rs`, in chunks: module docs, then every model in name order.
pub(crate) fn emit_models(api: &Api) -> impl Iterator<Item = Chunk> + '_ {
    let docs = quote! {
        #![doc = " The API's data types, generated from the schemas of its OpenAPI document."]
    };
    std::iter::once(docs.into()).chain(
        api.models_by_name()
            .into_iter()
            .map(|model| gated(api, model.feature, emit_model(api, model))),
    )
}

fn emit_model(api: &Api, model: &Model) -> TokenStream {
    match &model.kind {
        ModelKind::Struct(structure) => emit_struct(api, model, structure),
        ModelKind::StringEnum(string_enum) => emit_string_enum(model, string_enum),
        ModelKind::IntegerEnum(integer_enum) => emit_integer_enum(model, integer_enum),
        ModelKind::TaggedUnion(union) => emit_tagged_union(api, model, union),
        ModelKind::UntaggedUnion(union) => emit_untagged_union(api, model, union),
        ModelKind::MultipartForm(form) => emit_multipart_form(api, model, form),
        ModelKind::Alias(target) => emit_alias(api, model, target),
        ModelKind::Newtype(target) => emit_newtype(api, model, target),
    }
}

fn emit_struct(api: &Api, model: &Model, structure: &Struct) -> TokenStream {
    let docs = emit_docs(&model.docs);
    let name = ident(&model.rust_name);
    let derive_default =
        matches!(structure.construction, Construction::Default).then(|| quote! { Default, });
    let builder = super::model_builders::emit_builder_entry(api, &name, &structure.construction);
    // Deprecated fields need no `#[allow(deprecated)]`: rustc's built-in derives and
    // serde_derive do not trigger the lint in their expansions (checked with rustc 1.95 and
    // serde 1.0.229, under `-D warnings` and Clippy), while user code that touches such a
    // field still gets the intended warning.
    let fields = structure.fields.iter().map(|field| emit_field(api, field));
    let additional = structure
        .additional
        .as_ref()
        .map(|additional| emit_additional(api, additional));
    let api_errors = structure
        .api_errors
        .as_ref()
        .map(|list| emit_api_errors(&name, list));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #derive_default ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #(#fields)*
            #additional
        }

        #builder
        #api_errors
    }
}

/// `ApiErrors` for a struct with the common error envelope: each item of its `errors` array
/// as an `ApiMessage` of text.
fn emit_api_errors(name: &proc_macro2::Ident, list: &ErrorList) -> TokenStream {
    let field = ident(&list.field);
    let items = if list.optional {
        quote! { self.#field.iter().flatten() }
    } else {
        quote! { self.#field.iter() }
    };
    let text = |part: &Option<MessagePart>| match part {
        Some(MessagePart {
            rust_name,
            optional: true,
        }) => {
            let part = ident(rust_name);
            quote! { error.#part.as_ref().map(::std::string::ToString::to_string) }
        }
        Some(MessagePart {
            rust_name,
            optional: false,
        }) => {
            let part = ident(rust_name);
            quote! { ::std::option::Option::Some(::std::string::ToString::to_string(&error.#part)) }
        }
        None => quote! { ::std::option::Option::None },
    };
    let (code, title, message) = (text(&list.code), text(&list.title), text(&list.message));
    quote! {
        impl super::runtime::ApiErrors for #name {
            fn api_errors(&self) -> ::std::vec::Vec<super::runtime::ApiMessage> {
                #items
                    .map(|error| super::runtime::ApiMessage::new(#code, #title, #message))
                    .collect()
            }
        }
    }
}

/// One field: `T` when required and not nullable, `Option<T>` otherwise. Optional fields are
/// left out when `None`; required nullable ones are sent as `null`. Fields holding exact
/// decimals go through the runtime's `exact` helpers, which read and write JSON numbers digit
/// for digit.
fn emit_field(api: &Api, field: &Field) -> TokenStream {
    let docs = emit_docs(&field.docs);
    let name = ident(&field.rust_name);
    let wire_name = &field.wire_name;
    let value_type = emit_type(api, &field.ty);
    let value_type = if field.boxed {
        quote! { ::std::boxed::Box<#value_type> }
    } else {
        value_type
    };
    let is_option = !field.required || field.nullable;
    let field_type = if is_option {
        quote! { ::std::option::Option<#value_type> }
    } else {
        value_type
    };
    // serde names a field after its identifier without the `r#` of a raw one; only a wire
    // name that differs from that needs saying.
    let serde_name = field
        .rust_name
        .strip_prefix("r#")
        .unwrap_or(&field.rust_name);
    let mut serde_options = Vec::new();
    if *wire_name != serde_name {
        serde_options.push(quote! { rename = #wire_name });
    }
    if field.exact_decimal {
        serde_options.push(quote! { with = "super::runtime::exact" });
    }
    // serde reads a missing `Option` field as `None` by itself, except through `with`.
    if !field.required && field.exact_decimal {
        serde_options.push(quote! { default });
    }
    if !field.required {
        serde_options.push(quote! { skip_serializing_if = "::std::option::Option::is_none" });
    }
    let deprecated = field
        .deprecated
        .as_ref()
        .map(|note| quote! { #[deprecated(note = #note)] });
    let serde = (!serde_options.is_empty()).then(|| quote! { #[serde(#(#serde_options),*)] });
    quote! {
        #docs
        #deprecated
        #serde
        pub #name: #field_type,
    }
}

/// The map of the properties the schema does not name, flattened into the struct.
fn emit_additional(api: &Api, additional: &AdditionalProperties) -> TokenStream {
    let docs = emit_docs(&additional.docs);
    let name = ident(&additional.rust_name);
    let values = emit_type(api, &additional.ty);
    quote! {
        #docs
        #[serde(flatten)]
        pub #name: ::std::collections::BTreeMap<::std::string::String, #values>,
    }
}

fn emit_alias(api: &Api, model: &Model, target: &TypeRef) -> TokenStream {
    let docs = emit_docs(&model.docs);
    let name = ident(&model.rust_name);
    let target = emit_type(api, target);
    quote! {
        #docs
        pub type #name = #target;
    }
}

/// A transparent one-field struct, for a type that contains itself through arrays or maps.
fn emit_newtype(api: &Api, model: &Model, target: &TypeRef) -> TokenStream {
    let docs = emit_docs(&model.docs);
    let name = ident(&model.rust_name);
    let target = emit_type(api, target);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(transparent)]
        pub struct #name(pub #target);
    }
}
