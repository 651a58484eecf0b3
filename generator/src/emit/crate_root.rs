//! `lib.rs`: the crate's documentation (from the document's `info`), its module declarations
//! and the re-exports users name first.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_lines, ident};
use crate::ir::{Api, Docs, Feature, FeatureGates};
use crate::names;
use crate::settings::Settings;

/// The whole `lib.rs`.
pub(crate) fn emit_crate_root(api: &Api, settings: &Settings) -> TokenStream {
    let docs = crate_docs(api, settings);
    let docs = quote! { #(#![doc = #docs])* };
    let aliases = emit_aliases(api);
    let builders = super::model_builders::has_builders(api).then(|| {
        quote! {
            #[rustfmt::skip]
            pub mod builders;
        }
    });
    // docs.rs builds with `--cfg docsrs` on a nightly compiler, where `doc(cfg)` shows each
    // gated item's feature.
    let doc_cfg =
        (!api.features.is_empty()).then(|| quote! { #![cfg_attr(docsrs, feature(doc_cfg))] });
    quote! {
        #docs
        #![forbid(unsafe_code)]
        #doc_cfg

        // The generated modules are formatted by prettyplease, not rustfmt; `rustfmt::skip`
        // keeps a stable `cargo fmt --check` from rewriting checked-in output.
        #builders
        #[rustfmt::skip]
        pub mod client;
        #[cfg(feature = "mock")]
        #[rustfmt::skip]
        pub mod mock;
        #[rustfmt::skip]
        pub mod models;
        #[rustfmt::skip]
        pub mod runtime;

        pub use client::{Client, DEFAULT_BASE_URL};

        #aliases
    }
}

/// `Error` and `Result`, so signatures are writable without reading the client's module: their
/// error body defaults to the one the operations share.
fn emit_aliases(api: &Api) -> TokenStream {
    let common = api.common_error.as_ref().map_or_else(
        || quote! { ::serde_json::Value },
        |ty| super::emit_type_with(api, ty, &quote! { models:: }),
    );
    let shown = match &api.common_error {
        Some(crate::ir::TypeRef::Model(id)) => {
            format!(" [`models::{}`]", super::model_name(api, *id))
        }
        _ => " any JSON value".to_owned(),
    };
    let error_doc = format!(
        " The error of an operation: [`runtime::Error`], whose API error body is by default{shown}, the one the operations document."
    );
    let result_doc =
        " The result of an operation: its decoded [`runtime::Response`], or an [`Error`].";
    quote! {
        #[doc = #error_doc]
        pub type Error<E = #common> = runtime::Error<E>;

        #[doc = #result_doc]
        pub type Result<T, E = #common> = runtime::Result<T, E>;
    }
}

/// The crate docs, one string per line: the API's title and description, where it came from,
/// a first example, and a map of the modules.
fn crate_docs(api: &Api, settings: &Settings) -> Vec<String> {
    let library = ident(&settings.library_name());
    let base_url = if api.default_base_url.is_empty() {
        "    .base_url(\"https://api.example.com\") // the document names no absolute server\n"
    } else {
        ""
    };
    let mut text = format!(
        "A typed async client for the {}, generated from its OpenAPI document.\n\n{}\n\n",
        api.title_docs, api.docs.text
    );
    text.push_str(&format!(
        "API version `{}`. The files with an `@generated` header are output of\n`{}` from \
         `{}`:\nedit the document and run the command again, not the files.\n\n",
        api.version.replace('`', "'"),
        settings.command().replace('`', "'"),
        settings.source_name().replace('`', "'"),
    ));
    text.push_str(&format!(
        "```no_run\n\
         # async fn example() -> Result<(), Box<dyn std::error::Error>> {{\n\
         let client = {library}::Client::builder()\n\
         {base_url}    .build()?;\n\
         # let _ = client;\n\
         # Ok(())\n\
         # }}\n\
         ```\n\n"
    ));
    text.push_str(
        "- [`Client`]: one async method per operation, named from its `operationId`. Required\n  \
         inputs are arguments; optional ones are setters on the returned request builder,\n  \
         which sends when awaited. The client needs a Tokio runtime with timers enabled.\n\
         - [`models`]: one type per schema of the document, with the exact wire names.\n\
         - [`runtime`]: the support the generated code stands on: transport, errors, retries,\n  \
         authentication and the lenient [`runtime::DateTime`].\n\
         - `mock` (with the `mock` feature, off by default): a typed mock server of the API\n  \
         for your tests, with one method per operation to declare what it expects and answers.",
    );
    if super::model_builders::has_builders(api) {
        text.push_str(
            "\n- [`builders`]: a builder for each model with required fields, whose `build`\n  \
             refuses while one is unset.",
        );
    }
    text.push_str(&webhook_docs(api));
    text.push_str(&feature_docs(api, settings));
    doc_lines(&Docs {
        text,
        notes: Vec::new(),
    })
}

/// The webhooks, for the crate docs: what the API sends to the user's server, and the type
/// each payload decodes as.
fn webhook_docs(api: &Api) -> String {
    if api.webhooks.is_empty() {
        return String::new();
    }
    let mut text = String::from(
        "\n\nWebhooks: the requests the API sends to your server, and the type each payload \
         decodes as.\n",
    );
    for webhook in &api.webhooks {
        let method = format!("{:?}", webhook.method).to_ascii_uppercase();
        let payload = match webhook.body.as_ref().map(|body| &body.kind) {
            Some(crate::ir::BodyKind::Json(crate::ir::TypeRef::Model(id))) => {
                format!("[`models::{}`]", api.model(*id).rust_name)
            }
            Some(_) => "a body the generator does not type".to_owned(),
            None => "no payload".to_owned(),
        };
        text.push_str(&format!(
            "\n- `{}` (`{method}`): {payload}",
            webhook.name.replace('`', "'")
        ));
    }
    text
}

/// The cargo features of a crate split by tag: what each gates, and how to compile less
/// than the whole API.
fn feature_docs(api: &Api, settings: &Settings) -> String {
    let Some(example) = api.features.first() else {
        return String::new();
    };
    let mut text = format!(
        "\n\n# Features\n\nThe API is split by tag: each tag's operations, and the models only \
         they use, compile under a cargo feature of their own (untagged operations under \
         `{untagged}`, and schemas no operation uses under `{unused}`). The default set turns on `{full}`, every part of the API; to compile only \
         what you call, turn the defaults off and name the parts and a TLS backend:\n\n\
         ```toml\n{crate_name} = {{ version = \"{version}\", default-features = false, \
         features = [\"{example}\", \"rustls-ring\"] }}\n```\n\n\
         Each method's docs name the feature it needs.\n",
        untagged = names::UNTAGGED_FEATURE,
        unused = names::UNUSED_FEATURE,
        full = names::FULL_FEATURE,
        crate_name = settings.crate_name(),
        version = settings.crate_version(),
        example = example.name,
    );
    for feature in &api.features {
        text.push_str(&format!(
            "\n- `{}`: {}",
            feature.name,
            feature_gates_text(feature)
        ));
    }
    text
}

/// What one feature gates, for its line in the crate docs.
fn feature_gates_text(feature: &Feature) -> String {
    let tag = match &feature.gates {
        FeatureGates::Tag(tag) => format!("tag `{}`", tag.replace('`', "'")),
        FeatureGates::Untagged => "operations without a tag".to_owned(),
        FeatureGates::Unused => "schemas no operation uses".to_owned(),
        FeatureGates::ReadBuilders => {
            return format!(
                "the builders of the {} models with required fields that no request carries \
                 (responses, webhook payloads, unused schemas), which a program reads and its \
                 tests build; not part of `{}`, turned on by `mock`",
                feature.models,
                names::FULL_FEATURE
            );
        }
    };
    format!(
        "{tag}; {} operations, {} models of their own",
        feature.operations, feature.models
    )
}
