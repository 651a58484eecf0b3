//! Public corpus documents driven through their own generated clients, as their users would
//! call them. Each probe in `tests/corpus/probes/` (named after its corpus id) is copied into
//! the crate generated from that document, unchanged, as the crate's integration test, and run
//! with only the features it needs; the crates share `target/standalone` with the fixtures.
//! The full corpus run (`cargo xtask corpus`) builds every document; these few run in the test
//! command because they check behaviour, not only that the code compiles.

mod common;

use common::{cargo, run_tool, workspace_root};

/// One probe: the corpus id, the committed document, the package name the probe imports,
/// and the cargo features it runs with.
struct Probe {
    id: &'static str,
    package: &'static str,
    document: &'static str,
    features: &'static str,
}

const PROBES: &[Probe] = &[Probe {
    id: "openai-3.1",
    package: "openai-probe",
    document: "tests/corpus/small/openapi-3.1/openai-3.1.yaml",
    // Chat completions alone: the probe streams one, and the other tags' operations would
    // only lengthen the build.
    features: "rustls-ring,chat",
}];

#[test]
fn each_probe_passes_against_the_client_generated_from_its_document() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let root = workspace_root();
    let mut failures = Vec::new();
    for probe in PROBES {
        let crate_dir = scratch.path().join(format!("{}-probe", probe.id));
        let input = root.join(probe.document);
        let run = run_tool(
            scratch.path(),
            &[
                "generate",
                "--input",
                &input.to_string_lossy(),
                "--output",
                &crate_dir.to_string_lossy(),
                "--name",
                probe.package,
            ],
        );
        assert_eq!(
            run.code, 0,
            "{}: generation failed:\n{}",
            probe.id, run.stderr
        );
        std::fs::create_dir_all(crate_dir.join("tests")).expect("tests dir");
        std::fs::copy(
            root.join(format!("tests/corpus/probes/{}.rs", probe.id)),
            crate_dir.join("tests/probe.rs"),
        )
        .expect("copy the probe");
        std::fs::copy(root.join("Cargo.lock"), crate_dir.join("Cargo.lock"))
            .expect("copy Cargo.lock");
        let test = [
            "test",
            "--quiet",
            "--no-default-features",
            "--features",
            probe.features,
            "--test",
            "probe",
        ];
        if let Err(message) = cargo(&crate_dir, &test, None) {
            failures.push(format!("{}: {message}", probe.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
