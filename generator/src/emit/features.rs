//! The cargo-feature gates of a split crate: the attributes that compile an item only under
//! its tag's feature and mark it so on docs.rs. Which item is gated is decided in
//! `lower/finish/features.rs`; this file only writes the attributes.

use proc_macro2::TokenStream;
use quote::quote;

use super::Chunk;
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

/// `items` as a chunk whose every item carries the gate of `feature` (an item and its impls
/// are gated alike, so that a disabled feature leaves no impl of a missing type behind).
pub(crate) fn gated(api: &Api, feature: Option<FeatureId>, items: TokenStream) -> Chunk {
    gated_all(api, feature.as_slice(), items)
}

/// The gate of an item compiled only when every one of `features` is on (the builder of a
/// tag's model that is also a read-only builder), or nothing when there are none.
pub(crate) fn gate_attrs_all(api: &Api, features: &[FeatureId]) -> TokenStream {
    match features {
        [] => TokenStream::new(),
        [one] => gate_attrs(api, Some(*one)),
        several => {
            let names: Vec<&String> = several
                .iter()
                .map(|feature| &api.feature(*feature).name)
                .collect();
            quote! {
                #[cfg(all(#(feature = #names),*))]
                #[cfg_attr(docsrs, doc(cfg(all(#(feature = #names),*))))]
            }
        }
    }
}

/// `items` as a chunk whose every item carries the gate of all of `features`.
pub(crate) fn gated_all(api: &Api, features: &[FeatureId], items: TokenStream) -> Chunk {
    Chunk {
        tokens: items,
        gate: (!features.is_empty()).then(|| gate_attrs_all(api, features)),
    }
}
