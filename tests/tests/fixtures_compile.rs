//! Compiles the generated Rust of every valid fixture (written by `tests/build.rs`) against the
//! real runtime. Clippy lints it too when it runs with `--all-targets`.

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));

/// Compiling this file is most of the test; this part fails if the build script skipped a
/// fixture, so that "it compiles" covers every file in `tests/fixtures/`.
#[test]
fn every_fixture_is_compiled_against_the_runtime() {
    let directory = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut on_disk: Vec<String> = std::fs::read_dir(&directory)
        .expect("tests/fixtures exists")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml")
        })
        .filter_map(|path| {
            path.file_stem()
                .and_then(|stem| stem.to_str())
                .map(str::to_owned)
        })
        .collect();
    on_disk.sort();
    assert_eq!(COMPILED, on_disk.as_slice());
}
