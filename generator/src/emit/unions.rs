//! Unions. Both kinds decode through the runtime's `Captured` value, which keeps the raw JSON
//! text when serde_json itself is decoding, so a variant holding exact decimals stays exact.
//!
//! - Untagged: the variants are tried in the order lowering chose (most specific first); the
//!   error when none fits names each variant and why it did not. Encoding writes the variant's
//!   value as it is.
//! - Tagged: the tag property's value picks the variant; an unknown or missing tag keeps the
//!   whole object in the catch-all variant, so it encodes back unchanged. Encoding a variant
//!   writes that variant's tag value, whatever a field of its value says (see
//!   `lower/finish/tags.rs`).
//!
//! Variants hold the API's objects by value, as the structs' fields do: boxing the large ones
//! would cost every user an allocation per decoded value and a clumsier match, for a size the
//! compiler already moves cheaply. So Clippy's `large_enum_variant` is allowed on an enum
//! whose variants may differ by its threshold (lowering decides which, `finish/sizes.rs`),
//! and on no other. A variant that contains its own union is boxed, since it must be.
//!
//! Every union is `#[non_exhaustive]`: a later version of the document may add a member, and
//! the crate regenerated from it then adds a variant, which would break a user's exhaustive
//! `match` in a minor release (`cargo xtask api-diff` counts a new variant as additive). The
//! same holds for the string and integer enums and the status enums.

use proc_macro2::TokenStream;
use quote::quote;

use super::{emit_docs, emit_type, ident};
use crate::ir::{Api, Model, TaggedUnion, TaggedVariant, UntaggedUnion};

/// The type of a variant's value, boxed when it contains the union again.
fn variant_type(api: &Api, ty: &crate::ir::TypeRef, boxed: bool) -> TokenStream {
    let ty = emit_type(api, ty);
    if boxed {
        quote! { ::std::boxed::Box<#ty> }
    } else {
        ty
    }
}

/// `#[allow(clippy::large_enum_variant)]` where lowering found that variants may differ by
/// Clippy's threshold, and nothing elsewhere.
pub(crate) fn allow_large_variant(large_variant: bool) -> Option<TokenStream> {
    large_variant.then(|| quote! { #[allow(clippy::large_enum_variant)] })
}

/// The tag value a variant writes: the first of its values.
fn first_tag(variant: &TaggedVariant) -> &str {
    variant
        .tag_values
        .first()
        .expect("lowering gives every tagged variant a tag value")
}

/// The expression that wraps a decoded variant value: `Self::Cat` or, boxed,
/// `|value| Self::Dog(Box::new(value))`.
fn constructor(variant: &proc_macro2::Ident, boxed: bool) -> TokenStream {
    if boxed {
        quote! { |value| Self::#variant(::std::boxed::Box::new(value)) }
    } else {
        quote! { Self::#variant }
    }
}

pub(crate) fn emit_untagged_union(api: &Api, model: &Model, union: &UntaggedUnion) -> TokenStream {
    let docs = emit_docs(&model.docs);
    let allow_large = allow_large_variant(union.large_variant);
    let name = ident(&model.rust_name);
    let union_name = &model.rust_name;
    let variants = union.variants.iter().map(|variant| {
        let docs = emit_docs(&variant.docs);
        let variant_name = ident(&variant.rust_name);
        let ty = variant_type(api, &variant.ty, variant.boxed);
        quote! { #docs #variant_name(#ty), }
    });
    let attempts = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let shown = &variant.rust_name;
        let built = if variant.boxed {
            quote! { Self::#variant_name(::std::boxed::Box::new(value)) }
        } else {
            quote! { Self::#variant_name(value) }
        };
        let value_type = emit_type(api, &variant.ty);
        quote! {
            match captured.decode::<#value_type>() {
                ::std::result::Result::Ok(value) => return ::std::result::Result::Ok(#built),
                ::std::result::Result::Err(error) => failures.push((#shown, error)),
            }
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        #allow_large
        pub enum #name {
            #(#variants)*
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let captured = <super::runtime::union::Captured as ::serde::Deserialize>::deserialize(deserializer)?;
                let mut failures = ::std::vec::Vec::new();
                #(#attempts)*
                ::std::result::Result::Err(super::runtime::union::no_variant(#union_name, &failures))
            }
        }
    }
}

pub(crate) fn emit_tagged_union(api: &Api, model: &Model, union: &TaggedUnion) -> TokenStream {
    let docs = emit_docs(&model.docs);
    let allow_large = allow_large_variant(union.large_variant);
    let name = ident(&model.rust_name);
    let catch_all = ident(&union.catch_all);
    let tag = &union.tag;
    let variants = union.variants.iter().map(|variant| {
        let docs = emit_docs(&variant.docs);
        let variant_name = ident(&variant.rust_name);
        let ty = variant_type(api, &variant.ty, variant.boxed);
        quote! { #docs #variant_name(#ty), }
    });
    let tags = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let first = first_tag(variant);
        quote! { Self::#variant_name(_) => ::std::option::Option::Some(#first), }
    });
    let serde = emit_tagged_serde(api, model, union);
    let catch_all_doc = format!(
        " An object whose `{tag}` this crate does not know (or that has none), kept as it came so it encodes back unchanged."
    );
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #allow_large
        pub enum #name {
            #(#variants)*
            #[doc = #catch_all_doc]
            #catch_all(::serde_json::Value),
        }

        impl #name {
            /// The value of the tag property that selects this variant.
            pub fn tag(&self) -> ::std::option::Option<&str> {
                match self {
                    #(#tags)*
                    Self::#catch_all(value) => value.get(#tag).and_then(::serde_json::Value::as_str),
                }
            }
        }

        #serde
    }
}

/// The `Serialize` and `Deserialize` impls of a tagged union: a variant encodes as its value
/// with the tag, and decoding reads the tag first, then the variant it selects.
fn emit_tagged_serde(api: &Api, model: &Model, union: &TaggedUnion) -> TokenStream {
    let name = ident(&model.rust_name);
    let catch_all = ident(&union.catch_all);
    let tag = &union.tag;
    let encoders = union
        .variants
        .iter()
        .map(|variant| emit_tagged_encoder(variant, tag));
    let decoders = union
        .variants
        .iter()
        .map(|variant| emit_tagged_decoder(api, &model.rust_name, variant));
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #(#encoders)*
                    Self::#catch_all(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let captured = <super::runtime::union::Captured as ::serde::Deserialize>::deserialize(deserializer)?;
                match captured.tag(#tag).as_deref() {
                    #(#decoders)*
                    _ => captured
                        .into_value()
                        .map(Self::#catch_all)
                        .map_err(<D::Error as ::serde::de::Error>::custom),
                }
            }
        }
    }
}

/// One arm of `serialize`: the value with the variant's tag written first, and a tag property
/// of the value's own (a struct also used outside the union keeps one) left out, so the
/// variant, not a field, decides the tag on the wire.
fn emit_tagged_encoder(variant: &TaggedVariant, tag: &str) -> TokenStream {
    let variant_name = ident(&variant.rust_name);
    let value = if variant.boxed {
        quote! { value.as_ref() }
    } else {
        quote! { value }
    };
    let first = first_tag(variant);
    quote! {
        Self::#variant_name(value) => super::runtime::union::serialize_with_tag(serializer, #tag, #first, #value),
    }
}

/// One arm of `deserialize`: the tag values that select the variant, and its decoding.
fn emit_tagged_decoder(api: &Api, union_name: &str, variant: &TaggedVariant) -> TokenStream {
    let variant_name = ident(&variant.rust_name);
    let values = &variant.tag_values;
    let build = constructor(&variant_name, variant.boxed);
    let value_type = emit_type(api, &variant.ty);
    let context = format!("variant `{}` of `{union_name}`: ", variant.rust_name);
    quote! {
        ::std::option::Option::Some(#(#values)|*) => captured
            .decode::<#value_type>()
            .map(#build)
            .map_err(|error| <D::Error as ::serde::de::Error>::custom(::std::format_args!("{}{}", #context, error))),
    }
}
