//! A crate split by tag (`--features-by tag`) builds and is Clippy-clean with every feature
//! alone, every pair, none of them, and all (`full`); it documents without warnings, and with
//! docs.rs's `--cfg docsrs` too. The fixture (`tests/fixtures/features/three_tags.yaml`) has
//! three tags (one whose name is not an identifier), an operation under two tags, an untagged
//! operation, a model shared by two tags, one reached through a model only one tag uses, one
//! no operation reaches (gated by `unused-models`), and the crate's common error; the builders
//! of models no request carries compile only under `response-builders`, which `mock` enables.

mod common;

use std::path::Path;

use common::{cargo, cargo_with, run_tool, workspace_root};

/// The features the fixture's tags give, in the order of the manifest.
const TAGS: [&str; 5] = [
    "default-tag",
    "pets",
    "stores",
    "user_accounts",
    "unused-models",
];

fn generate(scratch: &Path) -> std::path::PathBuf {
    let fixture = workspace_root().join("tests/fixtures/features/three_tags.yaml");
    let crate_dir = scratch.join("fixture-features-three-tags");
    let run = run_tool(
        scratch,
        &[
            "generate",
            "--input",
            &fixture.to_string_lossy(),
            "--output",
            &crate_dir.to_string_lossy(),
            "--name",
            "fixture-features-three-tags",
            "--features-by",
            "tag",
        ],
    );
    assert_eq!(run.code, 0, "generation failed:\n{}", run.stderr);
    std::fs::copy(
        workspace_root().join("Cargo.lock"),
        crate_dir.join("Cargo.lock"),
    )
    .expect("copy Cargo.lock");
    crate_dir
}

fn read(crate_dir: &Path, file: &str) -> String {
    std::fs::read_to_string(crate_dir.join(file)).expect("generated file")
}

/// The lines of `text` that open the item declared by `declaration` and the attributes just
/// above it.
fn attributes_of<'a>(text: &'a str, declaration: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|line| line.trim_start().starts_with(declaration))
        .unwrap_or_else(|| panic!("`{declaration}` is not generated"));
    lines[..at]
        .iter()
        .rev()
        .take_while(|line| line.trim_start().starts_with("#["))
        .copied()
        .collect()
}

#[test]
fn the_split_gates_what_one_tag_uses_and_keeps_the_shared_parts() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let crate_dir = generate(scratch.path());
    let manifest = read(&crate_dir, "Cargo.toml");
    assert!(
        manifest.contains("default = [\"rustls-ring\", \"full\"]"),
        "{manifest}"
    );
    assert!(
        manifest.contains(
            "full = [\"default-tag\", \"pets\", \"stores\", \"user_accounts\", \"unused-models\"]"
        ),
        "{manifest}"
    );
    let models = read(&crate_dir, "src/models.rs");
    let gated = [
        ("pub struct Pet ", Some("pets")),
        ("pub enum PetKind", Some("pets")),
        ("pub struct Adoption", Some("pets")),
        ("pub struct Store ", Some("stores")),
        ("pub struct NewUser", Some("user_accounts")),
        ("pub struct Conflict", Some("user_accounts")),
        ("pub struct User ", Some("user_accounts")),
        ("pub struct Health", Some("default-tag")),
        ("pub struct Address", None),
        ("pub struct Problem", None),
        ("pub struct Unused", Some("unused-models")),
    ];
    for (declaration, feature) in gated {
        let attributes = attributes_of(&models, declaration).join("\n");
        match feature {
            Some(feature) => assert!(
                attributes.contains(&format!("#[cfg(feature = \"{feature}\")]")),
                "{declaration} is not gated by {feature}:\n{attributes}"
            ),
            None => assert!(
                !attributes.contains("cfg(feature"),
                "{declaration} is gated but shared:\n{attributes}"
            ),
        }
    }
    assert!(
        manifest.contains("\"tokio/rt\", \"response-builders\"]\n")
            && manifest.contains("\nresponse-builders = []\n"),
        "{manifest}"
    );
    let builders = read(&crate_dir, "src/builders.rs");
    let builder_gates = [
        // A response's model: its builder is for tests only.
        (
            "pub struct Pet ",
            Some("all(feature = \"pets\", feature = \"response-builders\")"),
        ),
        (
            "pub struct Store ",
            Some("all(feature = \"stores\", feature = \"response-builders\")"),
        ),
        // A request's body, and a model a request and a response share.
        ("pub struct NewUser ", Some("feature = \"user_accounts\"")),
        ("pub struct Address ", None),
    ];
    for (declaration, gate) in builder_gates {
        let attributes = attributes_of(&builders, declaration).join("\n");
        match gate {
            Some(gate) => assert!(
                attributes.contains(&format!("#[cfg({gate})]")),
                "the builder {declaration} is not gated by {gate}:\n{attributes}"
            ),
            None => assert!(
                !attributes.contains("cfg("),
                "the builder {declaration} is gated:\n{attributes}"
            ),
        }
    }
    let client = read(&crate_dir, "src/client.rs");
    assert!(client.contains("Needs the cargo feature `user_accounts`."));
    let lib = read(&crate_dir, "src/lib.rs");
    assert!(
        lib.contains("`user_accounts`: tag `User Accounts`; 1 operations"),
        "{lib}"
    );
}

#[test]
fn every_feature_alone_in_pairs_none_and_all_builds_lints_and_documents() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let crate_dir = generate(scratch.path());
    let mut sets: Vec<Vec<&str>> = vec![Vec::new()];
    sets.extend(TAGS.iter().map(|tag| vec![*tag]));
    for (index, first) in TAGS.iter().enumerate() {
        sets.extend(TAGS[index + 1..].iter().map(|second| vec![*first, *second]));
    }
    let mut failures = Vec::new();
    for set in &sets {
        let features = set
            .iter()
            .copied()
            // The mock names every enabled operation's types, so it is the strictest reader.
            .chain(["rustls-ring", "mock"])
            .collect::<Vec<_>>()
            .join(",");
        let lint = [
            "clippy",
            "--quiet",
            "--no-default-features",
            "--features",
            &features,
            "--",
            "-D",
            "warnings",
        ];
        if let Err(message) = cargo(&crate_dir, &lint, None) {
            failures.push(format!("features {features}: {message}"));
        }
    }
    let full = [
        "clippy",
        "--quiet",
        "--all-targets",
        "--features",
        "mock",
        "--",
        "-D",
        "warnings",
    ];
    // What a plain dependency compiles (`full` without the builders of read-only models), and
    // one tag with those builders but without the mock.
    let default = ["clippy", "--quiet", "--", "-D", "warnings"];
    let builders = [
        "clippy",
        "--quiet",
        "--no-default-features",
        "--features",
        "rustls-ring,stores,response-builders",
        "--",
        "-D",
        "warnings",
    ];
    let steps: [(&[&str], Option<&str>); 4] = [
        (&default, None),
        (&builders, None),
        (&full, None),
        (&["doc", "--quiet", "--no-deps"], Some("-D warnings")),
    ];
    for (arguments, rustdoc_flags) in steps {
        if let Err(message) = cargo(&crate_dir, arguments, rustdoc_flags) {
            failures.push(message);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// docs.rs documents with `--cfg docsrs` on a nightly compiler, where the crate turns on
/// `doc(cfg)`; the stable compiler stands in for nightly through `RUSTC_BOOTSTRAP` (in a
/// target directory of its own, since the variable changes what is compiled).
#[test]
fn the_docs_rs_build_marks_each_gated_item_with_its_feature() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let crate_dir = generate(scratch.path());
    let target = workspace_root().join("target/standalone-docsrs");
    let target = target.to_string_lossy();
    let environment = [("RUSTC_BOOTSTRAP", "1"), ("CARGO_TARGET_DIR", &*target)];
    let doc = ["doc", "--quiet", "--no-deps"];
    cargo_with(
        &crate_dir,
        &doc,
        Some("--cfg docsrs -D warnings"),
        &environment,
    )
    .unwrap_or_else(|message| panic!("{message}"));
    let page =
        std::fs::read_to_string(workspace_root().join(
            "target/standalone-docsrs/doc/fixture_features_three_tags/models/struct.Pet.html",
        ))
        .expect("the page of a gated model");
    assert!(
        page.contains("Available on <strong>crate feature <code>pets</code></strong> only."),
        "the page of `Pet` does not name its feature"
    );
}

#[test]
fn the_output_names_the_tag_features_in_manifest_order() {
    let fixture = workspace_root().join("tests/fixtures/features/three_tags.yaml");
    let settings =
        generator::Settings::default().with_feature_split(generator::FeatureSplit::ByTag);
    let output = generator::generate_path(&fixture, &settings).expect("the fixture generates");
    // The untagged and unused features are not tags: a caller picking "one tag alone" (the
    // corpus run does) must not get `default-tag`.
    assert_eq!(output.tag_features, ["pets", "stores", "user_accounts"]);
}
