//! `models.rs`: one Rust item per model. Structs and aliases are here, enums in `enums.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::enums::{emit_integer_enum, emit_string_enum};
use super::{emit_docs, emit_type, ident};
use crate::ir::{Api, Field, Model, ModelKind, Struct, TypeRef};

/// The whole `models.rs`: module docs, then every model in name order.
pub(crate) fn emit_models(api: &Api) -> TokenStream {
    let items = api.models.iter().map(|model| emit_model(api, model));
    quote! {
        #![doc = " The API's data types, generated from the schemas of its OpenAPI document."]
        #(#items)*
    }
}

fn emit_model(api: &Api, model: &Model) -> TokenStream {
    match &model.kind {
        ModelKind::Struct(structure) => emit_struct(api, model, structure),
        ModelKind::StringEnum(string_enum) => emit_string_enum(model, string_enum),
        ModelKind::IntegerEnum(integer_enum) => emit_integer_enum(model, integer_enum),
        ModelKind::Alias(target) => emit_alias(api, model, target),
    }
}

fn emit_struct(api: &Api, model: &Model, structure: &Struct) -> TokenStream {
    let docs = emit_docs(&model.docs);
    let name = ident(&model.rust_name);
    let derive_default = structure.derive_default.then(|| quote! { Default, });
    // Deprecated fields need no `#[allow(deprecated)]`: rustc's built-in derives and
    // serde_derive do not trigger the lint in their expansions (checked with rustc 1.95 and
    // serde 1.0.229, under `-D warnings` and Clippy), while user code that touches such a
    // field still gets the intended warning.
    let fields = structure.fields.iter().map(|field| emit_field(api, field));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #derive_default ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #(#fields)*
        }
    }
}

/// One field: `T` when required and not nullable, `Option<T>` otherwise. Optional fields are
/// left out when `None`; required nullable ones are sent as `null`. Exact decimals go through
/// rust_decimal's arbitrary-precision helpers, which read and write JSON numbers digit for
/// digit.
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
    let mut serde_options = vec![quote! { rename = #wire_name }];
    if field.exact_decimal {
        let helper = if is_option {
            "::rust_decimal::serde::arbitrary_precision_option"
        } else {
            "::rust_decimal::serde::arbitrary_precision"
        };
        serde_options.push(quote! { with = #helper });
    }
    if !field.required {
        serde_options
            .push(quote! { default, skip_serializing_if = "::std::option::Option::is_none" });
    }
    let deprecated = field
        .deprecated
        .as_ref()
        .map(|note| quote! { #[deprecated(note = #note)] });
    quote! {
        #docs
        #deprecated
        #[serde(#(#serde_options),*)]
        pub #name: #field_type,
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
