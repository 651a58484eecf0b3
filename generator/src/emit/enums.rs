//! Open enums. Every enum has a catch-all variant, so a value added to the API later decodes
//! instead of failing, and encodes back unchanged.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use super::{emit_docs, emit_integer, ident};
use crate::ir::{IntegerEnum, IntegerRepr, Model, StringEnum};

/// A string enum: unit variants named (or renamed) after their wire values, and an untagged
/// catch-all that keeps any other string. It parses from a string as well as from JSON:
/// `From<&str>` (and so `TryFrom<&str>`) and `FromStr`, neither of which can fail.
pub(crate) fn emit_string_enum(model: &Model, string_enum: &StringEnum) -> TokenStream {
    let docs = emit_docs(&model.docs);
    let name = ident(&model.rust_name);
    let catch_all = ident(&string_enum.catch_all);
    let variant_docs = string_enum
        .variants
        .iter()
        .map(|variant| emit_docs(&variant.docs));
    let variants: Vec<_> = string_enum
        .variants
        .iter()
        .map(|variant| ident(&variant.rust_name))
        .collect();
    let values: Vec<&String> = string_enum
        .variants
        .iter()
        .map(|variant| &variant.value)
        .collect();
    // An enum whose only variant is the catch-all has nothing to match.
    let from_str = if variants.is_empty() {
        quote! { Self::#catch_all(::std::borrow::ToOwned::to_owned(value)) }
    } else {
        quote! {
            match value {
                #(#values => Self::#variants,)*
                other => Self::#catch_all(::std::borrow::ToOwned::to_owned(other)),
            }
        }
    };
    // A unit variant is named on the wire by its identifier; only a value that differs needs
    // a rename.
    let renames = string_enum.variants.iter().map(|variant| {
        let value = &variant.value;
        (variant
            .rust_name
            .strip_prefix("r#")
            .unwrap_or(&variant.rust_name)
            != value.as_str())
        .then(|| quote! { #[serde(rename = #value)] })
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        pub enum #name {
            #(
                #variant_docs
                #renames
                #variants,
            )*
            /// A value this crate does not know, kept verbatim so it encodes back unchanged.
            #[serde(untagged)]
            #catch_all(::std::string::String),
        }

        impl #name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #values,)*
                    Self::#catch_all(value) => value.as_str(),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                formatter.write_str(self.as_str())
            }
        }

        impl ::std::convert::From<&str> for #name {
            /// The variant of a wire value; any other string is kept in the catch-all.
            fn from(value: &str) -> Self {
                #from_str
            }
        }

        impl ::std::str::FromStr for #name {
            /// Never returned: the enum is open, so every string parses.
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }
    }
}

/// An integer enum: unit variants and a catch-all carrying the code, converted through the
/// integer type so unknown codes survive a round trip.
pub(crate) fn emit_integer_enum(model: &Model, integer_enum: &IntegerEnum) -> TokenStream {
    let docs = emit_docs(&model.docs);
    let name = ident(&model.rust_name);
    let catch_all = ident(&integer_enum.catch_all);
    let repr = emit_repr(integer_enum.repr);
    let repr_name = repr.to_string();
    let variant_docs = integer_enum
        .variants
        .iter()
        .map(|variant| emit_docs(&variant.docs));
    let variants = integer_variant_idents(integer_enum);
    let methods = emit_integer_enum_methods(model, integer_enum);
    let conversions = emit_integer_enum_conversions(model, integer_enum);
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(from = #repr_name, into = #repr_name)]
        #[non_exhaustive]
        pub enum #name {
            #(
                #variant_docs
                #variants,
            )*
            /// A code this crate does not know, kept so it encodes back unchanged.
            #catch_all(#repr),
        }

        #methods
        #conversions
    }
}

/// `code()`, `name()` and `description()`.
fn emit_integer_enum_methods(model: &Model, integer_enum: &IntegerEnum) -> TokenStream {
    let name = ident(&model.rust_name);
    let catch_all = ident(&integer_enum.catch_all);
    let repr = emit_repr(integer_enum.repr);
    let variants = integer_variant_idents(integer_enum);
    let codes = integer_enum
        .variants
        .iter()
        .map(|variant| emit_integer(variant.value));
    let names = integer_enum
        .variants
        .iter()
        .map(|variant| emit_optional_str(variant.name.as_deref()));
    let descriptions = integer_enum
        .variants
        .iter()
        .map(|variant| emit_optional_str(variant.description.as_deref()));
    quote! {
        impl #name {
            /// The code as it appears on the wire.
            pub fn code(&self) -> #repr {
                match self {
                    #(Self::#variants => #codes,)*
                    Self::#catch_all(code) => *code,
                }
            }

            /// The code's name from the API (`x-enum-varnames`), if it has one.
            pub fn name(&self) -> ::std::option::Option<&'static str> {
                match self {
                    #(Self::#variants => #names,)*
                    Self::#catch_all(_) => ::std::option::Option::None,
                }
            }

            /// The code's description from the API (`x-enum-descriptions`), if it has one.
            pub fn description(&self) -> ::std::option::Option<&'static str> {
                match self {
                    #(Self::#variants => #descriptions,)*
                    Self::#catch_all(_) => ::std::option::Option::None,
                }
            }
        }
    }
}

/// `From<repr>` (what serde decodes through) and `From<enum> for repr` (what it encodes
/// through).
fn emit_integer_enum_conversions(model: &Model, integer_enum: &IntegerEnum) -> TokenStream {
    let name = ident(&model.rust_name);
    let catch_all = ident(&integer_enum.catch_all);
    let repr = emit_repr(integer_enum.repr);
    let variants = integer_variant_idents(integer_enum);
    let codes = integer_enum
        .variants
        .iter()
        .map(|variant| emit_integer(variant.value));
    quote! {
        impl ::std::convert::From<#repr> for #name {
            fn from(code: #repr) -> Self {
                match code {
                    #(#codes => Self::#variants,)*
                    other => Self::#catch_all(other),
                }
            }
        }

        impl ::std::convert::From<#name> for #repr {
            fn from(value: #name) -> Self {
                value.code()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.code(), formatter)
            }
        }
    }
}

fn emit_repr(repr: IntegerRepr) -> TokenStream {
    ident(repr.name()).into_token_stream()
}

fn integer_variant_idents(integer_enum: &IntegerEnum) -> Vec<proc_macro2::Ident> {
    integer_enum
        .variants
        .iter()
        .map(|variant| ident(&variant.rust_name))
        .collect()
}

fn emit_optional_str(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => quote! { ::std::option::Option::Some(#text) },
        None => quote! { ::std::option::Option::None },
    }
}
