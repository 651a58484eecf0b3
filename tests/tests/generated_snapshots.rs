//! Snapshots of what the real spec generates: its IR and every generated file. A spec change
//! shows up here as a reviewable diff; with `INSTA_UPDATE=no` an unreviewed change fails.

/// The same settings as `cargo xtask codegen`, so the snapshots equal the committed files.
fn settings() -> generator::Settings {
    generator::Settings::default()
        .with_crate_name("mykaarma-payments")
        .with_source_name("spec/openapi.yaml")
        .with_command("cargo xtask codegen")
        .with_deny_warnings(true)
}

#[test]
fn the_spec_lowers_to_the_expected_ir() {
    let text = codegen_tests::read_workspace_file("spec/openapi.yaml");
    let spec = generator::load(&text).unwrap_or_else(|errors| panic!("{errors}"));
    let lowered = generator::lower(&spec).unwrap_or_else(|errors| panic!("{errors}"));
    assert!(lowered.warnings.is_empty(), "{:?}", lowered.warnings);
    insta::assert_debug_snapshot!("spec_ir", lowered.api);
}

#[test]
fn every_generated_file_matches_its_snapshot() {
    let text = codegen_tests::read_workspace_file("spec/openapi.yaml");
    let output =
        generator::generate(&text, &settings()).unwrap_or_else(|errors| panic!("{errors}"));
    assert!(!output.files.is_empty());
    for file in &output.files {
        // The document-dependent modules; the runtime and the manifest have tests of their own.
        if let Some(name) = file
            .path
            .strip_prefix("src/")
            .filter(|name| !name.contains('/'))
        {
            insta::assert_snapshot!(name.to_owned(), file.contents);
        }
    }
}

#[test]
fn generating_twice_is_byte_identical_and_equals_the_committed_files() {
    let text = codegen_tests::read_workspace_file("spec/openapi.yaml");
    let first = generator::generate(&text, &settings()).unwrap_or_else(|errors| panic!("{errors}"));
    let second =
        generator::generate(&text, &settings()).unwrap_or_else(|errors| panic!("{errors}"));
    assert_eq!(first, second, "generation is not deterministic");
    for file in &first.files {
        let committed = codegen_tests::read_workspace_file(&format!("generated/{}", file.path));
        assert!(
            committed.replace("\r\n", "\n") == file.contents,
            "generated/{} is stale: run `cargo xtask codegen`",
            file.path
        );
    }
}
