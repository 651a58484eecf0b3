//! The cargo-feature gates of a split crate: the attributes that compile an item only under
//! its tag's feature and mark it so on docs.rs. Which item is gated is decided in
//! `lower/finish/features.rs`; this file only writes the attributes.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use crate::ir::{Api, FeatureId};

/// `#[cfg(feature = "x")]` and its docs.rs badge, or nothing for an ungated item.
pub(crate) fn gate_attrs(api: &Api, feature: Option<FeatureId>) -> TokenStream {
    let Some(feature) = feature else {
        return TokenStream::new();
    };
    let name = &api.feature(feature).name;
    quote! {
        #[cfg(feature = #name)]
        #[cfg_attr(docsrs, doc(cfg(feature = #name)))]
    }
}

/// `#[cfg(feature = "x")]` alone, for a position where a docs attribute means nothing (an
/// element of a list), or nothing for an ungated item.
pub(crate) fn cfg_attr(api: &Api, feature: Option<FeatureId>) -> TokenStream {
    let Some(feature) = feature else {
        return TokenStream::new();
    };
    let name = &api.feature(feature).name;
    quote! { #[cfg(feature = #name)] }
}

/// `items` with the gate of `feature` on each of them (an item and its impls are gated
/// alike, so that a disabled feature leaves no impl of a missing type behind).
///
/// # Panics
///
/// When `items` hold an item kind the emitters never make, a generator bug.
pub(crate) fn gate_items(api: &Api, feature: Option<FeatureId>, items: TokenStream) -> TokenStream {
    if feature.is_none() {
        return items;
    }
    let gate = gate_attrs(api, feature);
    // Tokens that do not parse go on as they are: rendering reports them as an internal error.
    let mut file: syn::File = match syn::parse2(items.clone()) {
        Ok(file) => file,
        Err(_) => return items,
    };
    for item in &mut file.items {
        let attrs = item_attrs(item).expect("emitters make only items that take attributes");
        // syn is built without its `Clone` impls (they cost the generator's build), so each
        // item gets the gate parsed afresh.
        let parsed = syn::parse::Parser::parse2(syn::Attribute::parse_outer, gate.clone())
            .expect("the gate attributes parse");
        // After the docs, as a hand-written item has them.
        let after_docs = attrs
            .iter()
            .take_while(|attr| attr.path().is_ident("doc"))
            .count();
        attrs.splice(after_docs..after_docs, parsed);
    }
    file.into_token_stream()
}

/// The attributes of an item of a kind the emitters make.
fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        syn::Item::Const(item) => &mut item.attrs,
        syn::Item::Enum(item) => &mut item.attrs,
        syn::Item::Fn(item) => &mut item.attrs,
        syn::Item::Impl(item) => &mut item.attrs,
        syn::Item::Macro(item) => &mut item.attrs,
        syn::Item::Mod(item) => &mut item.attrs,
        syn::Item::Static(item) => &mut item.attrs,
        syn::Item::Struct(item) => &mut item.attrs,
        syn::Item::Trait(item) => &mut item.attrs,
        syn::Item::Type(item) => &mut item.attrs,
        syn::Item::Use(item) => &mut item.attrs,
        _ => return None,
    })
}
