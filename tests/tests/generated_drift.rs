//! The committed crate is what the spec generates: generating twice gives byte-identical
//! files, and they equal `generated/` (code and manifest). Reviewers read a spec change in the
//! API surface snapshot (`api_surface.rs`), one line per fact, and `cargo xtask api-diff`
//! classifies it; the generator itself is guarded by the fixture snapshots
//! (`generator_fixtures.rs`).

use codegen_tests::payments::settings;

#[test]
fn the_spec_is_fully_typed() {
    let text = codegen_tests::read_workspace_file("spec/openapi.yaml");
    let spec = generator::load(&text).unwrap_or_else(|errors| panic!("{errors}"));
    let lowered = generator::lower(&spec, &codegen_tests::payments::settings())
        .unwrap_or_else(|errors| panic!("{errors}"));
    assert!(lowered.warnings.is_empty(), "{:?}", lowered.warnings);
    assert_eq!(lowered.stats.degraded, 0);
}

#[test]
fn generating_twice_is_byte_identical_and_equals_the_committed_files() {
    let text = codegen_tests::read_workspace_file("spec/openapi.yaml");
    let first = generator::generate(&text, &settings()).unwrap_or_else(|errors| panic!("{errors}"));
    let second =
        generator::generate(&text, &settings()).unwrap_or_else(|errors| panic!("{errors}"));
    assert_eq!(first, second, "generation is not deterministic");
    assert!(
        first.files.iter().all(|file| file.path != "API.md"),
        "the surface snapshot is the one copy of the surface"
    );
    for file in &first.files {
        let committed = codegen_tests::read_workspace_file(&format!("generated/{}", file.path));
        assert!(
            committed.replace("\r\n", "\n") == file.contents,
            "generated/{} is stale: run `cargo xtask codegen`",
            file.path
        );
    }
}
