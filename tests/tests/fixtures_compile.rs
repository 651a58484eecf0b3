//! Compiles the generated Rust of every valid fixture (written by `tests/build.rs`) against the
//! real runtime. Clippy lints it too when it runs with `--all-targets`.

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));

#[test]
fn every_fixture_compiles_against_the_runtime() {
    // Compiling this file is the test; this names one type so the module tree is linked in.
    assert!(std::mem::size_of::<formats::models::Formats>() > 0);
}
