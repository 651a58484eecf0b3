//! Generates the Rust of every valid fixture into `OUT_DIR`, so that `tests/fixtures_compile.rs`
//! compiles it (and clippy lints it) as part of the test crate: every snapshot is real Rust.

use std::path::{Path, PathBuf};

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let fixtures = manifest.join("fixtures");
    println!("cargo::rerun-if-changed={}", fixtures.display());
    let mut names: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .expect("tests/fixtures exists")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml")
        })
        .collect();
    names.sort();
    // The index below is a list of `mod` declarations for the test harness, not generated API
    // code, so plain text is the simplest correct way to write it.
    let mut index = String::new();
    let mut stems = Vec::new();
    for path in names {
        println!("cargo::rerun-if-changed={}", path.display());
        index.push_str(&fixture_module(&path, &out_dir));
        stems.push(
            path.file_stem()
                .and_then(|stem| stem.to_str())
                .unwrap_or_default()
                .to_owned(),
        );
    }
    index.push_str(&format!(
        "/// The fixtures compiled above.\npub const COMPILED: &[&str] = &{stems:?};\n"
    ));
    std::fs::write(out_dir.join("fixtures.rs"), index).expect("OUT_DIR is writable");
}

/// Generates one fixture and returns the module that includes its files.
fn fixture_module(path: &Path, out_dir: &Path) -> String {
    let stem = path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .expect("fixture names are UTF-8");
    let text = std::fs::read_to_string(path).expect("fixture is readable");
    let settings =
        generator::Settings::default().with_source_name(format!("tests/fixtures/{stem}.yaml"));
    let output = generator::generate(&text, &settings)
        .unwrap_or_else(|errors| panic!("tests/fixtures/{stem}.yaml does not generate:\n{errors}"));
    let directory = out_dir.join(stem);
    std::fs::create_dir_all(&directory).expect("OUT_DIR is writable");
    let mut modules = String::new();
    for file in &output.files {
        let target = directory.join(&file.path);
        std::fs::write(&target, &file.contents).expect("OUT_DIR is writable");
        let module = file.path.trim_end_matches(".rs");
        modules.push_str(&format!(
            "    #[path = {:?}]\n    pub mod {module};\n",
            target.display().to_string()
        ));
    }
    // The fixtures' types are never used by the harness, so dead-code warnings say nothing here.
    format!("#[allow(dead_code)]\npub mod {stem} {{\n    pub use mykaarma_payments::runtime;\n{modules}}}\n")
}
