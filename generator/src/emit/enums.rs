//! Open enums. Every enum has a catch-all variant, so a value added to the API later decodes
//! instead of failing, and encodes back unchanged.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use super::{emit_docs, emit_integer, ident};
use crate::ir::{IntegerEnum, IntegerRepr, Model, StringEnum};

/// A string enum: unit variants for the wire values, and a catch-all that keeps any other
/// string. It parses from a string as well as from JSON:
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
    let serde_impls = emit_string_enum_serde(&name);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(
                #variant_docs
                #variants,
            )*
            /// A value this crate does not know, kept verbatim so it encodes back unchanged.
            #catch_all(::std::string::String),
        }

        #serde_impls

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

/// serde's traits for a string enum, through `as_str` and `From<&str>`: by hand rather than
/// derived, because the derive of an enum with an untagged catch-all expands to far more code
/// than this string match (see the runtime's `open_enum.rs`).
fn emit_string_enum_serde(name: &proc_macro2::Ident) -> TokenStream {
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                super::runtime::decode_open_str(deserializer)
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
