//! The documents of `tests/fixtures/openapi31/` through the whole generator: each 3.1 or 3.2
//! fixture generates with exactly the warnings it should give, at the lines the user wrote;
//! and the 3.1 rewrites of two 3.0 fixtures generate the same code as the originals.

use crate::{generate, Output, Settings};

/// Generates the fixture `name`, failing the test with the errors if it is refused.
fn generated(name: &str, text: &str) -> Output {
    let settings = Settings::default().with_source_name(format!("tests/fixtures/{name}.yaml"));
    match generate(text, &settings) {
        Ok(output) => output,
        Err(errors) => panic!("{name} was refused:\n{errors}"),
    }
}

/// The warnings as `pointer (line): message`.
fn warnings(output: &Output) -> Vec<String> {
    output
        .warnings
        .iter()
        .map(|warning| {
            let line = warning.location.map_or(0, |location| location.line);
            format!("{} ({line}): {}", warning.pointer, warning.message)
        })
        .collect()
}

/// The text of the generated file at `path`.
fn file<'output>(output: &'output Output, path: &str) -> &'output str {
    output
        .files
        .iter()
        .find(|file| file.path == path)
        .map_or("", |file| file.contents.as_str())
}

/// Asserts that the models contain each of `lines` (trimmed lines of generated Rust).
fn assert_models_have(name: &str, output: &Output, lines: &[&str]) {
    let models = file(output, "src/models.rs");
    for line in lines {
        assert!(
            models.lines().any(|have| have.trim() == *line),
            "{name}: no `{line}` in\n{models}"
        );
    }
}

#[test]
fn type_arrays_and_null_generate_nullable_fields_and_unions() {
    let text = include_str!("../../../../tests/fixtures/openapi31/type_arrays.yaml");
    let output = generated("openapi31/type_arrays", text);
    assert_eq!(warnings(&output), Vec::<String>::new());
    assert_models_have(
        "type_arrays",
        &output,
        &[
            "pub label: ::std::option::Option<::std::string::String>,",
            "pub count: ::std::option::Option<i32>,",
            "pub score: ::std::option::Option<ThingScore>,",
            "pub tags: ::std::option::Option<::std::vec::Vec<::std::string::String>>,",
            "Number(f64),",
            "String(::std::string::String),",
            "pub struct MaybeThing {",
        ],
    );
}

#[test]
fn constants_become_enums_and_tags() {
    let text = include_str!("../../../../tests/fixtures/openapi31/const_examples.yaml");
    let output = generated("openapi31/const_examples", text);
    assert_eq!(warnings(&output), Vec::<String>::new());
    assert_models_have(
        "const_examples",
        &output,
        &[
            "pub enum Shape {",
            "pub enum CircleKind {",
            "pub enum Version {",
        ],
    );
}

#[test]
fn references_with_siblings_keep_their_target_type() {
    let text = include_str!("../../../../tests/fixtures/openapi31/ref_siblings.yaml");
    let output = generated("openapi31/ref_siblings", text);
    assert_eq!(warnings(&output), Vec::<String>::new());
    assert_models_have(
        "ref_siblings",
        &output,
        &[
            "pub billing: ::std::option::Option<Address>,",
            "pub shipping: ::std::option::Option<Address>,",
            "pub note: ::std::option::Option<Note>,",
            "pub contact: ::std::option::Option<Note>,",
        ],
    );
}

/// A `$ref` into a schema's `$defs` resolves like any other pointer: the member is a model of
/// its own, named after where it sits.
#[test]
fn a_reference_into_defs_types_the_property() {
    let text = include_str!("../../../../tests/fixtures/openapi31/defs.yaml");
    let output = generated("openapi31/defs", text);
    assert_eq!(warnings(&output), Vec::<String>::new());
    assert_models_have(
        "defs",
        &output,
        &[
            "pub enum AddressCountry {",
            "pub country: ::std::option::Option<AddressCountry>,",
        ],
    );
}

/// A closed `prefixItems` array is a tuple of its items' types; an open one (further items
/// of some type) has no fixed Rust type, so its items are any JSON value, with a warning.
#[test]
fn closed_tuples_are_tuples_and_open_ones_degrade() {
    let text = include_str!("../../../../tests/fixtures/openapi31/prefix_items.yaml");
    let output = generated("openapi31/prefix_items", text);
    assert_eq!(
        warnings(&output),
        ["#/components/schemas/Tagged/prefixItems (17): an array with `prefixItems` that takes further items has no fixed Rust type; its items are typed as any JSON value"]
    );
    assert_models_have(
        "prefix_items",
        &output,
        &[
            "pub type Point = (f64, f64);",
            "pub type Tagged = ::std::vec::Vec<::serde_json::Value>;",
            "pub pair: ::std::option::Option<(::std::string::String, bool)>,",
        ],
    );
}

#[test]
fn conditionals_and_dynamic_references_warn_where_they_were_written() {
    let text = include_str!("../../../../tests/fixtures/openapi31/dropped_keywords.yaml");
    let output = generated("openapi31/dropped_keywords", text);
    assert_eq!(
        warnings(&output),
        [
            "#/components/schemas/Payment/if (18): `if`/`then`/`else` cannot be expressed as a Rust type; the schema is typed without it",
            "#/components/schemas/Labels/patternProperties (31): `patternProperties` (`^x-`) cannot be typed by key pattern; the properties not listed are read with its schema, as `additionalProperties`",
            "#/components/schemas/Anything/$dynamicRef (34): `$dynamicRef: #node` cannot be followed, since its target depends on where the schema is used; the schema is read as any JSON value",
            "#/components/schemas/Neither (36): `not` cannot be expressed as a Rust type; it is typed as any JSON value (`serde_json::Value`)",
        ]
    );
    assert_models_have(
        "dropped_keywords",
        &output,
        &[
            "pub struct Payment {",
            "pub type Anything = ::serde_json::Value;",
        ],
    );
}

#[test]
fn webhooks_and_reusable_path_items_generate_the_paths() {
    let text = include_str!("../../../../tests/fixtures/openapi31/webhooks.yaml");
    let output = generated("openapi31/webhooks", text);
    assert_eq!(warnings(&output), Vec::<String>::new());
    let client = file(&output, "src/client.rs");
    assert!(client.contains("pub async fn get_invoice("));
    // Lowering does not read `x-generator-webhooks` yet (a client would only need their
    // payload types), which the crate docs list.
    assert!(!client.contains("invoice_paid"));
    assert!(file(&output, "src/lib.rs").contains("Webhooks: the requests the API sends"));
    assert_models_have(
        "webhooks",
        &output,
        &["pub paid_at: ::std::option::Option<super::runtime::DateTime>,"],
    );
}

#[test]
fn a_3_2_document_generates_and_warns_about_its_querystring_parameter() {
    let text = include_str!("../../../../tests/fixtures/openapi31/version_3_2.yaml");
    let output = generated("openapi31/version_3_2", text);
    assert_eq!(
        warnings(&output),
        ["#/paths/~1books~1raw/get/parameters/0 (46): the parameter `filter` is `in: querystring` (OpenAPI 3.2), which this generator cannot send yet; the operation is not generated"]
    );
    let client = file(&output, "src/client.rs");
    assert!(client.contains("pub async fn list_books("));
    // The QUERY operation is generated with its method; the one with a `querystring`
    // parameter is left out.
    assert!(client.contains("fn search_books("), "{client}");
    assert!(client.contains("super::runtime::HttpMethod::Query"));
    assert!(!client.contains("raw_search"));
}

#[test]
fn a_fastapi_document_generates_optional_fields_for_null_unions() {
    let text = include_str!("../../../../tests/fixtures/openapi31/fastapi.yaml");
    let output = generated("openapi31/fastapi", text);
    assert_eq!(warnings(&output), Vec::<String>::new());
    assert_models_have(
        "fastapi",
        &output,
        &[
            "pub description: ::std::option::Option<::std::string::String>,",
            "pub tax: ::std::option::Option<f64>,",
            "pub detail: ::std::option::Option<::std::vec::Vec<ValidationError>>,",
        ],
    );
}

/// Every generated file of `rewritten` equals that of `original` but for the lines that name
/// the source (the header line of each file, and the crate's description and docs):
/// `src/models.rs` and `src/client.rs` line for line after the header, and every file once
/// the source's name is the same.
fn assert_same_code(name: &str, original: &str, rewritten: &str) {
    let original_source = format!("tests/fixtures/{name}.yaml");
    let rewritten_source = format!("tests/fixtures/openapi31/{name}_equivalent.yaml");
    let original = generated(name, original);
    let rewritten = generated(&format!("openapi31/{name}_equivalent"), rewritten);
    assert_eq!(warnings(&rewritten), warnings(&original), "{name}");
    for path in ["src/models.rs", "src/client.rs"] {
        let body = |output: &Output| -> Vec<String> {
            file(output, path)
                .lines()
                .skip(1)
                .map(str::to_owned)
                .collect()
        };
        assert!(!body(&original).is_empty(), "{name}: no {path}");
        assert_eq!(body(&rewritten), body(&original), "{name}: {path}");
    }
    let paths = |output: &Output| -> Vec<String> {
        output.files.iter().map(|file| file.path.clone()).collect()
    };
    assert_eq!(paths(&rewritten), paths(&original), "{name}");
    for (before, after) in original.files.iter().zip(&rewritten.files) {
        let after = after.contents.replace(&rewritten_source, &original_source);
        assert!(after == before.contents, "{name}: {} differs", before.path);
    }
}

#[test]
fn the_3_1_rewrite_of_operations_generates_the_same_code() {
    assert_same_code(
        "operations",
        include_str!("../../../../tests/fixtures/operations.yaml"),
        include_str!("../../../../tests/fixtures/openapi31/operations_equivalent.yaml"),
    );
}

#[test]
fn the_3_1_rewrite_of_optionality_generates_the_same_code() {
    assert_same_code(
        "optionality",
        include_str!("../../../../tests/fixtures/optionality.yaml"),
        include_str!("../../../../tests/fixtures/openapi31/optionality_equivalent.yaml"),
    );
}
