//! Specs split across files (`tests/fixtures/multi/`, OpenAPI 3.0 and Swagger 2.0) load as
//! one document: relative `$ref`s to whole files and to fragments, nested, in a cycle across
//! two files and to one file by two paths; the output does not depend on where the checkout is; every problem names the
//! file, line, column and pointer the user wrote; URLs, missing files and files outside the
//! root's folder are located errors; `--check` notices a change in any referenced file.

use std::path::{Path, PathBuf};

use generator::{GenerateRequest, Mode, Settings};

/// The fixture tree `name` under `tests/fixtures/multi/`.
fn tree(name: &str) -> PathBuf {
    codegen_tests::workspace_root()
        .join("tests/fixtures/multi")
        .join(name)
}

/// A copy of a fixture tree in a temporary folder, to edit.
fn copy_of(name: &str) -> tempfile::TempDir {
    let scratch = tempfile::tempdir().expect("temp dir");
    copy_folder(&tree(name), scratch.path());
    scratch
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn settings(name: &str) -> Settings {
    Settings::default().with_source_name(format!("tests/fixtures/multi/{name}/openapi.yaml"))
}

/// The generated `src/*.rs` files that depend on the document.
fn document_files(output: &generator::Output) -> Vec<(String, String)> {
    output
        .files
        .iter()
        .filter(|file| file.path.starts_with("src/") && !file.path.contains("runtime"))
        .map(|file| (file.path.clone(), file.contents.clone()))
        .collect()
}

#[test]
fn a_split_petstore_generates_as_one_document() {
    let output = generator::generate_path(
        &tree("petstore").join("openapi.yaml"),
        &settings("petstore"),
    )
    .unwrap_or_else(|errors| panic!("{errors}"));
    assert!(output.warnings.is_empty(), "{:?}", output.warnings);
    for (path, contents) in document_files(&output) {
        insta::assert_snapshot!(
            format!("petstore_{}", path.trim_start_matches("src/")),
            contents
        );
    }
}

#[test]
fn a_split_swagger_2_spec_generates_as_one_document() {
    let output = generator::generate_path(
        &tree("swagger2-pets").join("openapi.yaml"),
        &settings("swagger2-pets"),
    )
    .unwrap_or_else(|errors| panic!("{errors}"));
    assert!(output.warnings.is_empty(), "{:?}", output.warnings);
    let files = document_files(&output);
    let client = &files
        .iter()
        .find(|(path, _)| path == "src/client.rs")
        .expect("client")
        .1;
    assert!(
        client.contains("\"https://pets.example.com/v2\""),
        "host + basePath + schemes"
    );
    assert!(
        client.contains("super::runtime::Explode::No"),
        "csv is sent comma-separated"
    );
    for (path, contents) in files {
        insta::assert_snapshot!(
            format!("swagger2_pets_{}", path.trim_start_matches("src/")),
            contents
        );
    }
}

#[test]
fn the_output_is_the_same_wherever_the_checkout_is() {
    let first = copy_of("petstore");
    let second = copy_of("petstore");
    let generate = |root: &Path| {
        generator::generate_path(&root.join("openapi.yaml"), &settings("petstore"))
            .unwrap_or_else(|errors| panic!("{errors}"))
    };
    assert_eq!(generate(first.path()), generate(second.path()));
}

/// The warnings of a copy of the petstore with `edit` applied to `file`.
fn warnings_after(
    file: &str,
    edit: impl Fn(String) -> String,
    settings: Settings,
) -> Vec<generator::Diagnostic> {
    let scratch = copy_of("petstore");
    let path = scratch.path().join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, edit(text)).expect("write");
    generator::generate_path(&scratch.path().join("openapi.yaml"), &settings)
        .unwrap_or_else(|errors| panic!("{errors}"))
        .warnings
}

#[test]
fn a_missing_file_is_a_warning_at_its_reference_and_its_place_any_value() {
    let warnings = warnings_after(
        "schemas/Owner.yaml",
        |text| text.replace("'Pet.yaml'", "'Missing.yaml'"),
        settings("petstore"),
    );
    let [warning] = warnings.as_slice() else {
        panic!("{warnings:#?}")
    };
    assert_eq!(warning.file.as_deref(), Some("schemas/Owner.yaml"));
    assert_eq!(warning.pointer, "#/properties/pets/items/$ref");
    let location = warning.location.expect("a line and column");
    assert_eq!((location.line, location.column), (6, 13));
    assert!(
        warning.message.contains("`Missing.yaml`")
            && warning.message.contains("schemas/Missing.yaml")
            && warning
                .message
                .ends_with("it is typed as any JSON value (`serde_json::Value`)"),
        "{}",
        warning.message
    );
    let strict = copy_of("petstore");
    let path = strict.path().join("schemas/Owner.yaml");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replace("'Pet.yaml'", "'Missing.yaml'")).expect("write");
    let errors = generator::generate_path(
        &strict.path().join("openapi.yaml"),
        &settings("petstore").with_deny_warnings(true),
    )
    .expect_err("strict");
    assert_eq!(errors.0[0].file.as_deref(), Some("schemas/Owner.yaml"));
}

#[test]
fn urls_and_files_outside_the_root_folder_are_not_read_and_say_why() {
    let warnings = warnings_after(
        "schemas/NewPet.yaml",
        |text| text.replace("'./Pet.yaml#/Tag'", "'https://example.com/tag.yaml'"),
        settings("petstore"),
    );
    assert_eq!(warnings[0].file.as_deref(), Some("schemas/NewPet.yaml"));
    assert!(
        warnings[0].message.contains("generation reads no network"),
        "{warnings:#?}"
    );
    let outside = |allowed: bool| {
        let scratch = copy_of("petstore");
        std::fs::write(scratch.path().join("../shared-tag.yaml"), "type: string\n").expect("write");
        let path = scratch.path().join("schemas/NewPet.yaml");
        let text = std::fs::read_to_string(&path).expect("read");
        std::fs::write(
            &path,
            text.replace("'./Pet.yaml#/Tag'", "'../../shared-tag.yaml'"),
        )
        .expect("write");
        let result = generator::generate_path(
            &scratch.path().join("openapi.yaml"),
            &settings("petstore").with_refs_outside_root(allowed),
        );
        std::fs::remove_file(scratch.path().join("../shared-tag.yaml")).expect("remove");
        result.unwrap_or_else(|errors| panic!("{errors}"))
    };
    let refused = outside(false);
    assert!(
        refused
            .warnings
            .iter()
            .any(|warning| warning.message.contains("--allow-outside-refs")),
        "{:#?}",
        refused.warnings
    );
    let allowed = outside(true);
    assert!(allowed.warnings.is_empty(), "{:#?}", allowed.warnings);
    let models = allowed
        .files
        .iter()
        .find(|file| file.path == "src/models.rs")
        .expect("models");
    assert!(
        models
            .contents
            .contains("pub type SharedTag = ::std::string::String;"),
        "{}",
        models.contents
    );
}

#[test]
fn a_warning_inside_another_file_names_that_file_and_line() {
    let scratch = copy_of("petstore");
    let path = scratch.path().join("schemas/Pet.yaml");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replace("format: int64", "format: int-ish")).expect("write");
    let output =
        generator::generate_path(&scratch.path().join("openapi.yaml"), &settings("petstore"))
            .unwrap_or_else(|errors| panic!("{errors}"));
    let warning = output.warnings.first().expect("a warning");
    assert_eq!(warning.file.as_deref(), Some("schemas/Pet.yaml"));
    assert_eq!(warning.pointer, "#/properties/id");
    let location = warning.location.expect("placed");
    assert_eq!((location.line, location.column), (5, 3));
    assert!(
        generator::command::located(&scratch.path().join("openapi.yaml"), warning)
            .contains("schemas/Pet.yaml:5:3: #/properties/id: unknown integer format `int-ish`")
    );
}

#[test]
fn check_mode_notices_a_change_in_a_referenced_file() {
    let scratch = copy_of("petstore");
    let request = |mode| GenerateRequest {
        input: scratch.path().join("openapi.yaml"),
        output: scratch.path().join("out"),
        settings: settings("petstore"),
        mode,
    };
    generator::run_generate(&request(Mode::Write)).unwrap_or_else(|error| panic!("{error}"));
    generator::run_generate(&request(Mode::Check)).unwrap_or_else(|error| panic!("{error}"));
    let path = scratch.path().join("parameters/limit.yaml");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replace("at most", "at the most")).expect("write");
    let stale = generator::run_generate(&request(Mode::Check)).expect_err("stale");
    assert_eq!(stale.exit_code(), 3, "{stale}");
    assert!(stale.to_string().contains("src/client.rs"), "{stale}");
}
