//! End-to-end checks of the upgrade: each Swagger 2.0 fixture of `tests/fixtures/swagger2/`
//! generates a crate with exactly the expected warnings, each located at a place of the
//! fixture; and the 2.0 rewrite of `tests/fixtures/operations.yaml` generates the same models
//! and client as the 3.0 original, but for what Swagger 2.0 cannot say.

use serde_yaml::Value;

use super::refs::value_at;
use crate::{Output, Settings};

/// A fixture: its name, its text and the warnings it gives, as `(pointer, message)`.
type Fixture = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const FIXTURES: [Fixture; 7] = [
    (
        "definitions_refs",
        include_str!("../../../../tests/fixtures/swagger2/definitions_refs.yaml"),
        &[],
    ),
    (
        "bodies",
        include_str!("../../../../tests/fixtures/swagger2/bodies.yaml"),
        &[],
    ),
    (
        "collection_formats",
        include_str!("../../../../tests/fixtures/swagger2/collection_formats.yaml"),
        &[(
            "#/paths/~1export/get/parameters/0/collectionFormat",
            "parameter `columns` has `collectionFormat: tsv`, which OpenAPI 3.0 has no style \
             for in a query; the operations using it are marked `x-generator-skip`, for lowering \
             to leave out",
        )],
    ),
    (
        "security",
        include_str!("../../../../tests/fixtures/swagger2/security.yaml"),
        &[],
    ),
    (
        "media_servers",
        include_str!("../../../../tests/fixtures/swagger2/media_servers.yaml"),
        &[],
    ),
    (
        "nullable_headers",
        include_str!("../../../../tests/fixtures/swagger2/nullable_headers.yaml"),
        &[],
    ),
    (
        "operations_equivalent",
        include_str!("../../../../tests/fixtures/swagger2/operations_equivalent.yaml"),
        &[],
    ),
];

fn generated(name: &str, text: &str) -> Output {
    crate::generate(text, &Settings::default()).unwrap_or_else(|errors| panic!("{name}:\n{errors}"))
}

fn file<'output>(output: &'output Output, path: &str) -> &'output str {
    output
        .files
        .iter()
        .find(|file| file.path == path)
        .map_or_else(|| panic!("no {path}"), |file| file.contents.as_str())
}

#[test]
fn every_fixture_generates_with_its_warnings_located_in_it() {
    for (name, text, expected) in FIXTURES {
        let output = generated(name, text);
        let warnings: Vec<(&str, &str)> = output
            .warnings
            .iter()
            .map(|warning| (warning.pointer.as_str(), warning.message.as_str()))
            .collect();
        assert_eq!(warnings, expected, "{name}");
        let input: Value = serde_yaml::from_str(text).unwrap_or_else(|error| panic!("{error}"));
        for warning in &output.warnings {
            assert!(
                value_at(&input, &warning.pointer).is_some() && warning.location.is_some(),
                "{name}: {warning} is not located at a place of the fixture"
            );
        }
    }
}

#[test]
fn the_upgraded_fixtures_generate_the_same_code_twice() {
    for (name, text, _) in FIXTURES {
        assert_eq!(generated(name, text), generated(name, text), "{name}");
    }
}

/// What Swagger 2.0 cannot say of `operations.yaml`, as `(line of the 2.0 rewrite's output,
/// line of the original's)`: a bearer scheme (2.0 has none; the rewrite sends the token as an
/// `Authorization` API key), and a `4XX` response (2.0 statuses are codes or `default`; the
/// rewrite uses `default`, so the error is documented for every other status).
const CLIENT_DIFFERENCES: [(&str, &str); 3] = [
    (
        "/// - `bearerAuth`: an API key in the `Authorization` header: `ClientBuilder::header`.",
        "/// - `bearerAuth`: a bearer token: `ClientBuilder::bearer_auth`.",
    ),
    (
        "                classes: &[],",
        "                classes: &[4],",
    ),
    (
        "                others: true,",
        "                others: false,",
    ),
];

/// The lines that differ between two files of the same length, past the header line (which
/// names the source file).
fn differences<'text>(two: &'text str, three: &'text str) -> Vec<(&'text str, &'text str)> {
    let two: Vec<&str> = two.lines().collect();
    let three: Vec<&str> = three.lines().collect();
    assert_eq!(two.len(), three.len(), "the files have different lengths");
    two.into_iter()
        .zip(three)
        .skip(1)
        .filter(|(two, three)| two != three)
        .collect()
}

#[test]
fn the_2_0_rewrite_of_operations_generates_the_code_of_the_original() {
    let (name, text, _) = FIXTURES[6];
    let two = generated(name, text);
    let three = generated(
        "operations",
        include_str!("../../../../tests/fixtures/operations.yaml"),
    );
    assert_eq!(
        differences(file(&two, "src/models.rs"), file(&three, "src/models.rs")),
        []
    );
    assert_eq!(
        differences(file(&two, "src/client.rs"), file(&three, "src/client.rs")),
        CLIENT_DIFFERENCES
    );
}

/// `tests/tests/generator_fixtures.rs` checks over every fixture below `tests/fixtures/`
/// (these included) that the IR's one walk visits every model handle its `Debug` output
/// shows; the same check here fails at once, in this crate's tests, if one of these does not.
#[test]
fn the_fixtures_keep_every_model_handle_walked() {
    for (name, text, _) in FIXTURES {
        let document = crate::load(text).unwrap_or_else(|errors| panic!("{name}:\n{errors}"));
        let lowered = crate::lower(&document, &Settings::default())
            .unwrap_or_else(|errors| panic!("{name}:\n{errors}"));
        let api = &lowered.api;
        let shown = format!("{api:?}").matches("ModelId(").count();
        let walked = crate::ir::walk::model_uses(api).len();
        assert_eq!(shown, api.models.len() + walked, "{name}");
    }
}
