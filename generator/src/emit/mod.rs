//! Emission: IR → `TokenStream`, one file per output concern and one function per kind of
//! item. Emitters only read the IR; every name, optionality and doc text was decided by
//! lowering. Identifiers are made with `format_ident!` from names lowering produced (and
//! `check.rs` validated); paths in the output are fully qualified (`::serde::Serialize`).

mod builders;
mod client;
mod crate_root;
mod enums;
mod features;
mod forms;
mod mock;
mod mock_operation;
mod model_builders;
mod models;
mod outcomes;
mod pages;
mod requests;
mod streams;
mod unions;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote, ToTokens};

use crate::ir::{Api, Docs, Model, ModelId, TypeRef};
use crate::settings::Settings;

/// One generated file before rendering.
pub(crate) struct EmittedFile<'a> {
    /// The path relative to the generated crate's root, for example `src/client.rs`.
    pub(crate) path: &'static str,
    /// The file's text in pieces, each a run of whole items (the first may open with the
    /// file's inner attributes), made only when the renderer asks for the next one: so the
    /// tokens and syntax tree of one piece at a time are alive, never those of a whole large
    /// file.
    pub(crate) chunks: Box<dyn Iterator<Item = Chunk> + 'a>,
}

/// A run of whole items, and the cargo-feature gate every one of them carries, if any. The
/// renderer, which parses the tokens anyway, puts the gate on each item: so a gated chunk is
/// parsed once, not once to gate and again to render.
pub(crate) struct Chunk {
    /// The items.
    pub(crate) tokens: TokenStream,
    /// `#[cfg(feature = …)]` and its docs.rs badge, for a chunk of a split crate's feature.
    pub(crate) gate: Option<TokenStream>,
}

impl From<TokenStream> for Chunk {
    fn from(tokens: TokenStream) -> Self {
        Chunk { tokens, gate: None }
    }
}

/// Every Rust file generated from the document (the runtime is copied, not emitted).
pub(crate) fn emit_files<'a>(api: &'a Api, settings: &Settings) -> Vec<EmittedFile<'a>> {
    let crate_root = crate_root::emit_crate_root(api, settings);
    let mut files = vec![
        EmittedFile {
            path: "src/client.rs",
            chunks: Box::new(client::emit_client(api)),
        },
        EmittedFile {
            path: "src/lib.rs",
            chunks: Box::new(std::iter::once(crate_root.into())),
        },
        EmittedFile {
            path: "src/mock.rs",
            chunks: Box::new(mock::emit_mock(api, settings)),
        },
        EmittedFile {
            path: "src/models.rs",
            chunks: Box::new(models::emit_models(api)),
        },
    ];
    if model_builders::has_builders(api) {
        files.push(EmittedFile {
            path: "src/builders.rs",
            chunks: Box::new(model_builders::emit_builders(api)),
        });
    }
    files
}

/// An identifier from a name lowering produced (`r#type` becomes a raw identifier).
pub(crate) fn ident(name: &str) -> Ident {
    format_ident!("{}", name)
}

/// `#[deprecated]` on every method of an operation the API marks deprecated.
pub(crate) fn emit_deprecated(operation: &crate::ir::Operation) -> Option<TokenStream> {
    operation
        .deprecated
        .then(|| quote! { #[deprecated(note = "the API marks this operation as deprecated")] })
}

/// A client method that streams one operation's answer (events or pages): the plain
/// method's `docs` followed by the stream's own `notes`, `#[deprecated]` when the operation
/// is, then `fn name(&self, parameters) -> returns { body }`.
pub(crate) fn emit_stream_method(
    operation: &crate::ir::Operation,
    docs: &Docs,
    notes: &[String],
    name: &str,
    parameters: &[TokenStream],
    returns: TokenStream,
    body: TokenStream,
) -> TokenStream {
    let mut docs = docs.clone();
    docs.notes.extend(notes.iter().cloned());
    let docs = emit_docs(&docs);
    let deprecated = emit_deprecated(operation);
    let name = ident(name);
    quote! {
        #docs
        #deprecated
        pub fn #name(&self, #(#parameters),*) -> #returns {
            #body
        }
    }
}

/// `#[doc = ...]` attributes: the text, then each note as its own paragraph.
pub(crate) fn emit_docs(docs: &Docs) -> TokenStream {
    let lines = doc_lines(docs);
    quote! { #(#[doc = #lines])* }
}

/// The lines of docs as doc attributes hold them: the text, then each note as its own
/// paragraph (an empty text is left out, so the first note leads). Every line gets a leading
/// space so it renders as `/// line`.
pub(crate) fn doc_lines(docs: &Docs) -> Vec<String> {
    let paragraphs = std::iter::once(&docs.text)
        .chain(&docs.notes)
        .filter(|paragraph| !paragraph.is_empty());
    let mut lines: Vec<String> = Vec::new();
    for paragraph in paragraphs {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(paragraph.lines().map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        }));
    }
    lines
}

/// An integer literal, with a separate minus sign for negative values so the tokens
/// survive parsing in any position (patterns included).
pub(crate) fn emit_integer(value: i128) -> TokenStream {
    let magnitude = Literal::u128_unsuffixed(value.unsigned_abs());
    if value < 0 {
        quote! { -#magnitude }
    } else {
        quote! { #magnitude }
    }
}

/// The Rust type of a type reference, as written inside `models.rs`: models by bare name,
/// the runtime through `super::runtime`.
pub(crate) fn emit_type(api: &Api, ty: &TypeRef) -> TokenStream {
    emit_type_with(api, ty, &TokenStream::new())
}

/// Like [`emit_type`], with models named through `models_path` (`super::models::` from the
/// client module).
pub(crate) fn emit_type_with(api: &Api, ty: &TypeRef, models_path: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::Bool => quote! { bool },
        TypeRef::Integer(repr) => ident(repr.name()).into_token_stream(),
        TypeRef::F64 => quote! { f64 },
        TypeRef::Decimal => quote! { super::runtime::Decimal },
        TypeRef::String => quote! { ::std::string::String },
        TypeRef::DateTime => quote! { super::runtime::DateTime },
        TypeRef::Json => quote! { ::serde_json::Value },
        TypeRef::Vec(items) => {
            let items = emit_type_with(api, items, models_path);
            quote! { ::std::vec::Vec<#items> }
        }
        TypeRef::Map(values) => {
            let values = emit_type_with(api, values, models_path);
            quote! { ::std::collections::BTreeMap<::std::string::String, #values> }
        }
        TypeRef::Tuple(items) => {
            let items = items
                .iter()
                .map(|item| emit_type_with(api, item, models_path));
            quote! { (#(#items,)*) }
        }
        TypeRef::Model(id) => {
            let name = ident(model_name(api, *id));
            quote! { #models_path #name }
        }
    }
}

/// The Rust name of a model (`check.rs` guarantees every handle resolves).
pub(crate) fn model_name(api: &Api, id: ModelId) -> &str {
    &api.model(id).rust_name
}

/// The model a type names directly, if any.
pub(crate) fn model_of<'api>(api: &'api Api, ty: &TypeRef) -> Option<&'api Model> {
    match ty {
        TypeRef::Model(id) => Some(api.model(*id)),
        _ => None,
    }
}
