//! The spec itself: it loads through the generator's loader, an external linter finds it clean,
//! the documentation pages' examples and field lists are all in it, and its own examples fit
//! its schemas.

use codegen_tests::fidelity::{check_fidelity, load_pages, operations_of_page};
use codegen_tests::schema_check::{pointer_token, Checker};
use codegen_tests::seeds::page_examples;
use serde_json::Value;

#[test]
fn spec_loads_through_the_generator_loader() {
    let text = codegen_tests::read_workspace_file("spec/openapi.yaml");
    let spec =
        generator::load(&text).unwrap_or_else(|errors| panic!("spec/openapi.yaml:\n{errors}"));
    assert!(spec.warnings.is_empty(), "{:?}", spec.warnings);
    assert_eq!(spec.openapi.openapi, "3.0.3");
    let operation_ids: Vec<String> = spec
        .openapi
        .operations()
        .filter_map(|(_, _, operation)| operation.operation_id.clone())
        .collect();
    assert_eq!(
        operation_ids,
        [
            "sendPaymentRequestMobile",
            "createAndSendPaymentRequest",
            "sendPaymentRequest",
            "getPaymentRequest"
        ]
    );
}

#[test]
fn every_page_example_and_field_line_is_in_the_spec() {
    let pages = load_pages();
    assert_eq!(pages.len(), 5, "the five seed pages are in spec/sources/");
    let report = check_fidelity(&codegen_tests::spec_value(), &pages);
    println!(
        "fidelity: {} examples, {} key paths, {} field-list lines checked",
        report.examples, report.key_paths, report.field_lines
    );
    assert!(
        report.problems.is_empty(),
        "the spec misses what the pages show:\n{}",
        report.problems.join("\n")
    );
}

#[test]
fn every_page_maps_to_its_operation_and_examples() {
    let spec = codegen_tests::spec_value();
    let mut seen = Vec::new();
    for page in load_pages() {
        let operations: Vec<String> = operations_of_page(&spec, &page.name)
            .into_iter()
            .map(|(_, id)| id)
            .collect();
        let examples =
            page_examples(&page.text).unwrap_or_else(|error| panic!("{}: {error}", page.name));
        let kinds: Vec<String> = examples
            .iter()
            .map(|example| example.kind.to_string())
            .collect();
        seen.push(format!("{} {operations:?} {kinds:?}", &page.name[..3]));
    }
    assert_eq!(
        seen,
        [
            r#"000 ["sendPaymentRequestMobile"] ["response 200", "response 400", "response 401", "response 500"]"#,
            r#"001 ["createAndSendPaymentRequest"] ["request"]"#,
            r#"002 ["getPaymentRequest"] ["response 200", "response 400", "response 401", "response 500"]"#,
            r#"003 ["sendPaymentRequest"] ["response 200", "request"]"#,
            r#"004 ["getPaymentRequest"] ["response 200", "response 400", "response 401", "response 500"]"#,
        ]
    );
}

/// Every `example` and `examples.*.value` under a media type, with the pointer of its schema.
fn spec_examples(spec: &Value) -> Vec<(String, Value, String)> {
    let mut found = Vec::new();
    collect_media_examples(spec, "#", &mut found);
    found
}

fn collect_media_examples(value: &Value, pointer: &str, found: &mut Vec<(String, Value, String)>) {
    let Some(object) = value.as_object() else {
        return;
    };
    if let Some(content) = object.get("content").and_then(Value::as_object) {
        for (media_type, media) in content {
            let media_pointer = format!("{pointer}/content/{}", pointer_token(media_type));
            let schema = format!("{media_pointer}/schema");
            if let Some(example) = media.get("example") {
                found.push((
                    format!("{media_pointer}/example"),
                    example.clone(),
                    schema.clone(),
                ));
            }
            for (name, named) in media
                .get("examples")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                let value = named.get("value").cloned().unwrap_or(Value::Null);
                found.push((
                    format!("{media_pointer}/examples/{name}"),
                    value,
                    schema.clone(),
                ));
            }
        }
    }
    for (key, child) in object {
        collect_media_examples(child, &format!("{pointer}/{}", pointer_token(key)), found);
    }
}

#[test]
fn every_example_in_the_spec_fits_its_own_schema() {
    let spec = codegen_tests::spec_value();
    let checker = Checker::new(&spec);
    let examples = spec_examples(&spec);
    let mut problems = Vec::new();
    for (pointer, example, schema) in &examples {
        for mismatch in checker.check(example, schema, "").mismatches {
            problems.push(format!("{pointer}: {mismatch}"));
        }
    }
    println!(
        "{} examples in the spec checked against their schemas",
        examples.len()
    );
    assert_eq!(
        examples.len(),
        9,
        "the spec carries the nine examples of the pages"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn reconstructed_facts_are_marked() {
    // Facts that no seed page states must say so where they stand.
    let spec = codegen_tests::spec_value();
    let mobile = &spec["paths"]["/kpayment/v1/sendPaymentRequestMobile"]["post"];
    assert!(
        mobile["x-reconstructed"].is_string(),
        "the reconstructed path of page 000 is marked"
    );
    assert!(spec["servers"][0]["x-reconstructed"].is_string());
    let mut unmarked = Vec::new();
    for (name, schema) in spec["components"]["schemas"]
        .as_object()
        .into_iter()
        .flatten()
    {
        for (field, property) in schema["properties"].as_object().into_iter().flatten() {
            if property["format"] == "decimal" && !property["x-reconstructed"].is_string() {
                unmarked.push(format!("{name}.{field}"));
            }
        }
    }
    assert!(
        unmarked.is_empty(),
        "decimal format is a reconstruction, unmarked on {unmarked:?}"
    );
    for (_, _, operation) in all_operations(&spec) {
        assert!(operation["x-api-scope"].is_string() && operation["x-api-scope-level"].is_string());
    }
}

fn all_operations(spec: &Value) -> Vec<(String, String, Value)> {
    let mut operations = Vec::new();
    for (path, item) in spec["paths"].as_object().into_iter().flatten() {
        for (method, operation) in item.as_object().into_iter().flatten() {
            operations.push((path.clone(), method.clone(), operation.clone()));
        }
    }
    operations
}

/// Redocly CLI (pinned in tests/tools, installed by `cargo xtask test`) must find no error and
/// no warning. It exits 0 on warnings, so the JSON totals are read instead of the exit code.
#[test]
fn spec_lints_clean_under_redocly() {
    let root = codegen_tests::workspace_root();
    let tools = root.join("tests").join("tools");
    let redocly = tools.join("node_modules").join(".bin").join("redocly");
    assert!(
        redocly.exists(),
        "{} is missing: run `cargo xtask test`, which installs the pinned tools",
        redocly.display()
    );
    let output = std::process::Command::new(&redocly)
        .args(["lint", "--format=json", "--config"])
        .arg(tools.join("redocly.yaml"))
        .arg(codegen_tests::spec_path())
        .env("REDOCLY_TELEMETRY", "off")
        .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true")
        .output()
        .expect("redocly runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|error| {
        panic!(
            "redocly printed no JSON report ({error}):\n{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    assert_eq!(report["totals"]["errors"], 0, "{stdout}");
    assert_eq!(report["totals"]["warnings"], 0, "{stdout}");
    assert!(
        output.status.success(),
        "redocly exited with {}",
        output.status
    );
}
