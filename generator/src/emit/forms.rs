//! Multipart forms: a struct of the parts (a required part is a plain field, an optional one
//! an `Option`), and the method that lays them out for the transport in document order.

use proc_macro2::TokenStream;
use quote::quote;

use super::model_builders::{emit_builder_entry, part_type};
use super::{emit_docs, ident};
use crate::ir::{Api, Construction, Model, MultipartField, MultipartForm, MultipartKind};

/// A multipart body's struct, its `builder()` when a part is required, and `to_multipart`.
pub(crate) fn emit_multipart_form(api: &Api, model: &Model, form: &MultipartForm) -> TokenStream {
    let docs = emit_docs(&model.docs);
    let name = ident(&model.rust_name);
    let fields = form.fields.iter().map(|field| {
        let docs = emit_docs(&field.docs);
        let field_name = ident(&field.rust_name);
        let value = part_type(api, &field.kind);
        let ty = if field.required {
            value
        } else {
            quote! { ::std::option::Option<#value> }
        };
        quote! { #docs pub #field_name: #ty, }
    });
    let derive_default =
        matches!(form.construction, Construction::Default).then(|| quote! { Default, });
    let builder = emit_builder_entry(api, &name, &form.construction);
    let parts = form.fields.iter().map(emit_multipart_part);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #derive_default)]
        pub struct #name {
            #(#fields)*
        }

        #builder

        impl #name {
            /// Lays the parts out for the transport, in the order the document lists them.
            #[doc(hidden)]
            pub fn to_multipart(&self) -> super::runtime::Multipart {
                let mut form = super::runtime::Multipart::new();
                #(#parts)*
                form
            }
        }
    }
}

/// One part: added when present (a required part always is).
fn emit_multipart_part(field: &MultipartField) -> TokenStream {
    let field_name = ident(&field.rust_name);
    let wire = &field.wire_name;
    let add = match &field.kind {
        MultipartKind::File => quote! { form.file(#wire, value); },
        MultipartKind::Files => quote! { for file in value { form.file(#wire, file); } },
        MultipartKind::Text(_) => quote! { form.text(#wire, value); },
        MultipartKind::Json(_) => quote! { form.json(#wire, value); },
    };
    if field.required {
        quote! {
            let value = &self.#field_name;
            #add
        }
    } else {
        quote! {
            if let ::std::option::Option::Some(value) = &self.#field_name {
                #add
            }
        }
    }
}
