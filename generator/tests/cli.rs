//! The `openapi-client-gen` binary as a user meets it: its exit statuses and messages for bad
//! arguments, unreadable and invalid documents, an unusable output directory, and `--check`.

mod common;

use common::{run_tool, Run};
use std::path::Path;

const VALID: &str = "openapi: 3.0.3
info: {title: Tiny, version: '1'}
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string}}}
";

/// Writes `text` to `name` in `directory` and returns the name.
fn write(directory: &Path, name: &str, text: &str) -> String {
    std::fs::write(directory.join(name), text).expect("temp dir is writable");
    name.to_owned()
}

fn generate(directory: &Path, input: &str, output: &str, extra: &[&str]) -> Run {
    let mut arguments = vec![
        "generate", "--input", input, "--output", output, "--name", "tiny",
    ];
    arguments.extend_from_slice(extra);
    run_tool(directory, &arguments)
}

#[test]
fn help_documents_every_flag() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let run = run_tool(scratch.path(), &["generate", "--help"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for flag in [
        "--input",
        "--output",
        "--name",
        "--version",
        "--check",
        "--deny-warnings",
        "--doc-extension",
        "--hide-extension",
        "--no-surface-file",
        "--rerun-command",
        "--help",
    ] {
        assert!(
            run.stdout.contains(flag),
            "--help lacks {flag}:\n{}",
            run.stdout
        );
    }
    let top = run_tool(scratch.path(), &["--help"]);
    assert!(top.stdout.contains("Exit status"), "{}", top.stdout);
}

#[test]
fn a_missing_input_flag_is_a_usage_error() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let run = run_tool(
        scratch.path(),
        &["generate", "--output", "out", "--name", "x"],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--input"), "{}", run.stderr);
    assert!(!scratch.path().join("out").exists());
}

#[test]
fn a_bad_crate_name_or_version_is_a_usage_error() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let input = write(scratch.path(), "api.yaml", VALID);
    let run = run_tool(
        scratch.path(),
        &[
            "generate", "-i", &input, "-o", "out", "-n", "bad name", "-v", "1.0",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("`bad name`"), "{}", run.stderr);
    assert!(run.stderr.contains("`1.0`"), "{}", run.stderr);
    assert!(!scratch.path().join("out").exists());
}

#[test]
fn an_unreadable_input_names_the_file() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let run = generate(scratch.path(), "missing.yaml", "out", &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("cannot read `missing.yaml`"),
        "{}",
        run.stderr
    );
    let binary = write(scratch.path(), "binary.yaml", "");
    std::fs::write(scratch.path().join(&binary), [0xff, 0xfe, 0x00]).expect("write");
    let run = generate(scratch.path(), &binary, "out", &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("not UTF-8"), "{}", run.stderr);
}

#[test]
fn invalid_yaml_and_json_are_located_by_line_and_column() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let yaml = write(
        scratch.path(),
        "bad.yaml",
        "openapi: 3.0.3\ninfo: {title: t\n",
    );
    let run = generate(scratch.path(), &yaml, "out", &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("bad.yaml:"), "{}", run.stderr);
    assert!(run.stderr.contains("invalid YAML"), "{}", run.stderr);
    let json = write(
        scratch.path(),
        "bad.json",
        "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"t\",, \"version\": \"1\"}\n}\n",
    );
    let run = generate(scratch.path(), &json, "out", &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("bad.json:3:"), "{}", run.stderr);
    assert!(!scratch.path().join("out").exists());
}

#[test]
fn a_document_with_nothing_left_to_generate_lists_each_problem_located() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let broken = VALID.replace("/things/{id}:", "/things/{id:");
    let input = write(scratch.path(), "api.yaml", &broken);
    let run = generate(scratch.path(), &input, "out", &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("`api.yaml`: 2 problems"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("api.yaml:5:5: #/paths/~1things~1{id/get: path template"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("nothing in the document can be generated"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_defect_confined_to_one_schema_is_a_located_warning_unless_denied() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let broken = VALID.replace(
        "schema: {type: object, properties: {id: {type: string}}}",
        "schema: {$ref: '#/components/schemas/Missing'}",
    );
    let input = write(scratch.path(), "api.yaml", &broken);
    let run = generate(scratch.path(), &input, "out", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning: api.yaml:14:15: #/paths/~1things~1{id}/get/responses/200/content/application~1json/schema: dangling $ref"
        ),
        "{}",
        run.stderr
    );
    let strict = generate(scratch.path(), &input, "strict", &["--deny-warnings"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(
        strict.stderr.contains("(a warning, denied)"),
        "{}",
        strict.stderr
    );
}

#[test]
fn an_output_that_is_a_file_is_refused() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let input = write(scratch.path(), "api.yaml", VALID);
    let output = write(scratch.path(), "taken", "a file");
    let run = generate(scratch.path(), &input, &output, &[]);
    assert_eq!(run.code, 4);
    assert!(
        run.stderr.contains("`taken` exists and is not a directory"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_hand_written_file_in_the_way_stops_the_run_before_anything_is_written() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let input = write(scratch.path(), "api.yaml", VALID);
    std::fs::create_dir_all(scratch.path().join("out/src")).expect("mkdir");
    write(
        scratch.path(),
        "out/Cargo.toml",
        "[package]\nname = \"mine\"\n",
    );
    let run = generate(scratch.path(), &input, "out", &[]);
    assert_eq!(run.code, 4);
    assert!(
        run.stderr.contains("refusing to overwrite"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("Cargo.toml"), "{}", run.stderr);
    let kept = std::fs::read_to_string(scratch.path().join("out/Cargo.toml")).expect("kept");
    assert_eq!(kept, "[package]\nname = \"mine\"\n");
    assert!(!scratch.path().join("out/src/lib.rs").exists());
}

#[test]
fn check_passes_on_a_fresh_crate_and_names_every_stale_file() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let input = write(scratch.path(), "api.yaml", VALID);
    let first = generate(scratch.path(), &input, "out", &[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let fresh = generate(scratch.path(), &input, "out", &["--check"]);
    assert_eq!(fresh.code, 0, "{}", fresh.stderr);
    assert!(fresh.stderr.contains("is up to date"), "{}", fresh.stderr);

    let client = scratch.path().join("out/src/client.rs");
    let edited = std::fs::read_to_string(&client).expect("client.rs") + "// edited\n";
    std::fs::write(&client, &edited).expect("edit");
    let orphan = scratch.path().join("out/src/old.rs");
    std::fs::write(&orphan, "// @generated by an older run; do not edit.\n").expect("orphan");
    std::fs::remove_file(scratch.path().join("out/src/models.rs")).expect("remove");
    let stale = generate(scratch.path(), &input, "out", &["--check"]);
    assert_eq!(stale.code, 3, "{}", stale.stderr);
    for name in ["src/client.rs", "src/models.rs", "src/old.rs"] {
        assert!(
            stale.stderr.contains(name),
            "{name} not named:\n{}",
            stale.stderr
        );
    }
    assert!(
        stale.stderr.contains("run `openapi-client-gen generate"),
        "{}",
        stale.stderr
    );
    assert_eq!(std::fs::read_to_string(&client).expect("kept"), edited);
    assert!(orphan.exists(), "--check removed a file");

    let repaired = generate(scratch.path(), &input, "out", &[]);
    assert_eq!(repaired.code, 0, "{}", repaired.stderr);
    assert!(!orphan.exists(), "the orphaned generated file stays");
    assert_eq!(
        generate(scratch.path(), &input, "out", &["--check"]).code,
        0
    );
}

#[test]
fn the_header_names_the_command_to_rerun() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let input = write(scratch.path(), "api.yaml", VALID);
    assert_eq!(
        generate(scratch.path(), &input, "out", &["-v", "2.1.0"]).code,
        0
    );
    let lib = std::fs::read_to_string(scratch.path().join("out/src/lib.rs")).expect("lib.rs");
    assert!(
        lib.starts_with(
            "// @generated by `openapi-client-gen generate --input api.yaml --output out \
             --name tiny --version 2.1.0` from api.yaml; do not edit.\n"
        ),
        "{}",
        lib.lines().next().unwrap_or_default()
    );
    let manifest = std::fs::read_to_string(scratch.path().join("out/Cargo.toml")).expect("toml");
    assert!(
        manifest.contains("name = \"tiny\"\nversion = \"2.1.0\""),
        "{manifest}"
    );
}

/// `generated/` is exactly what the binary writes for `spec/openapi.yaml` (the drift check,
/// through the binary rather than `cargo xtask codegen`).
#[test]
fn the_committed_crate_is_what_the_binary_writes_for_the_spec() {
    let run = run_tool(
        &common::workspace_root(),
        &[
            "generate",
            "--input",
            "spec/openapi.yaml",
            "--output",
            "generated",
            "--name",
            "mykaarma-payments",
            "--deny-warnings",
            "--doc-extension",
            "x-reconstructed=Reconstructed",
            "--doc-extension",
            "x-source=Source",
            "--hide-extension",
            "x-seed-pages",
            "--no-surface-file",
            "--rerun-command",
            "cargo xtask codegen",
            "--check",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}
