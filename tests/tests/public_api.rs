//! The public API a Rust user meets (issue 9, items 6 to 10): the types users name are
//! re-exported, the support only generated code calls is hidden and enums can grow without a
//! breaking change, and the docs say what users need and nothing of how the spec was made.
//! (Item 9, `http_status()` beside the body's fields, is exercised by every client test.) The checks read the crate as a user's program does
//! (it compiles against the re-exports) and as `cargo doc` shows it (the parsed source).

use std::str::FromStr;

use mykaarma_payments::models::ErrorResponse;
use mykaarma_payments::runtime::{self, DateTime, Decimal};
use mykaarma_payments::{Client, Error, Result};
use syn::{Attribute, Item};

/// Parses a file of the generated crate.
fn parse(path: &str) -> syn::File {
    let text = codegen_tests::read_workspace_file(&format!("generated/{path}"));
    syn::parse_file(&text).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn has_attribute(attributes: &[Attribute], name: &str, argument: Option<&str>) -> bool {
    attributes.iter().any(|attribute| {
        attribute.path().is_ident(name)
            && argument.is_none_or(|wanted| {
                attribute
                    .parse_args::<syn::Ident>()
                    .is_ok_and(|ident| ident == wanted)
            })
    })
}

/// The names a `use` brings in.
fn names(tree: &syn::UseTree) -> Vec<String> {
    match tree {
        syn::UseTree::Path(path) => names(&path.tree),
        syn::UseTree::Name(name) => vec![name.ident.to_string()],
        syn::UseTree::Rename(rename) => vec![rename.rename.to_string()],
        syn::UseTree::Group(group) => group.items.iter().flat_map(names).collect(),
        syn::UseTree::Glob(_) => Vec::new(),
    }
}

/// Items 6 and 7: signatures are writable with the crate's own names, and the types a caller
/// must build or match come from the crate, so no version has to be matched by hand.
#[test]
fn the_types_users_name_come_from_the_crate() {
    fn signature(result: Result<()>) -> Option<Error> {
        result.err()
    }
    let failed: Result<()> = Err(Error::InvalidArgument {
        operation: "getPaymentRequest",
        parameter: "guid",
        reason: "empty".into(),
    });
    let error = signature(failed).expect("an error");
    assert!(error.api_errors().is_empty());
    let amount = Decimal::from_str("19.99").expect("a decimal");
    assert_eq!(amount.to_string(), "19.99");
    let stamp = DateTime::from_str("2025-03-28T11:34:46.794Z").expect("infallible");
    assert!(stamp.instant().is_some());
    let http = runtime::reqwest_client_builder()
        .expect("a TLS backend")
        .build()
        .expect("a reqwest client");
    let client = Client::builder()
        .reqwest_client(http)
        .build()
        .expect("a client");
    let _: &runtime::Transport = client.transport();
    let _: Option<&ErrorResponse> = error.api_body();
}

/// Item 8: what only generated code calls is re-exported under `#[doc(hidden)]`.
#[test]
fn the_support_generated_code_needs_is_hidden() {
    let runtime = parse("src/runtime/mod.rs");
    let internals = [
        "OperationSpec",
        "Request",
        "Statuses",
        "ParamStyle",
        "Multipart",
        "decode_json",
    ];
    for internal in internals {
        let hidden = runtime.items.iter().any(|item| match item {
            Item::Use(item) => {
                names(&item.tree).contains(&internal.to_owned())
                    && has_attribute(&item.attrs, "doc", Some("hidden"))
            }
            _ => false,
        });
        assert!(hidden, "`{internal}` is public but not hidden");
    }
}

/// Item 8: every generated enum and the error type may gain variants without breaking users.
#[test]
fn enums_and_errors_are_non_exhaustive() {
    let mut enums = 0;
    for path in ["src/models.rs", "src/client.rs"] {
        for item in parse(path).items {
            if let Item::Enum(item) = item {
                enums += 1;
                assert!(
                    has_attribute(&item.attrs, "non_exhaustive", None),
                    "{path}: enum {} is exhaustive",
                    item.ident
                );
            }
        }
    }
    assert!(enums > 0, "no generated enum was checked");
    let error = parse("src/runtime/error.rs");
    let error_enum = error.items.iter().find_map(|item| match item {
        Item::Enum(item) if item.ident == "Error" => Some(item),
        _ => None,
    });
    let error_enum = error_enum.expect("runtime::Error");
    assert!(has_attribute(&error_enum.attrs, "non_exhaustive", None));
}

/// Item 10: the docs name the Tokio requirement and keep the spec's provenance keys and
/// page file names out, while the "Reconstructed" notes users need stay.
#[test]
fn the_docs_say_what_users_need() {
    let client = codegen_tests::read_workspace_file("generated/src/client.rs");
    assert!(client.contains("Tokio runtime with timers"));
    let models = codegen_tests::read_workspace_file("generated/src/models.rs");
    assert!(models.contains("Reconstructed:"));
    for file in ["src/lib.rs", "src/client.rs", "src/models.rs"] {
        let text = codegen_tests::read_workspace_file(&format!("generated/{file}"));
        assert!(
            !text.contains("x-seed-pages"),
            "{file} mentions `x-seed-pages`"
        );
        let pages = std::fs::read_dir(codegen_tests::workspace_root().join("spec/sources"))
            .expect("spec/sources")
            .map(|entry| entry.expect("an entry").file_name())
            .filter_map(|name| name.into_string().ok())
            .filter(|name| name.ends_with(".txt"));
        for page in pages {
            assert!(!text.contains(&page), "{file} names the page `{page}`");
        }
    }
}
