//! The fidelity check: the spec must hold every field the documentation pages show, at the
//! place their JSON examples put it, with a compatible type.
//!
//! Each operation names its pages in `x-seed-pages`. For every page, every JSON example is
//! checked key path by key path against the operation's request or response schema (see
//! [`crate::schema_check`]), and every field-list line (`name type`) must name a property of that
//! type somewhere under the operation, since the lists lost the nesting that the examples keep.

use crate::schema_check::{pointer_token, Checker};
use crate::seeds::{page_examples, page_field_lines, ExampleKind, FieldLine};
use serde_json::Value;
use std::collections::BTreeSet;

/// One documentation page: its file name and text.
pub struct Page {
    /// File name, as operations name it in `x-seed-pages`.
    pub name: String,
    /// The page's text.
    pub text: String,
}

/// What the fidelity check found.
#[derive(Debug, Default)]
pub struct FidelityReport {
    /// JSON examples checked.
    pub examples: usize,
    /// Distinct key paths checked, per operation and body.
    pub key_paths: usize,
    /// Field-list lines checked.
    pub field_lines: usize,
    /// Every problem, naming the page, the operation and the key path.
    pub problems: Vec<String>,
}

/// The pages in `spec/sources/` whose names start with a digit (the scraped pages).
pub fn load_pages() -> Vec<Page> {
    let directory = crate::workspace_root().join("spec").join("sources");
    let mut pages: Vec<Page> = std::fs::read_dir(&directory)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", directory.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt") && name.starts_with(|c: char| c.is_ascii_digit()))
        .map(|name| Page {
            text: crate::read_workspace_file(&format!("spec/sources/{name}")),
            name,
        })
        .collect();
    pages.sort_by(|a, b| a.name.cmp(&b.name));
    pages
}

/// The operations (JSON pointer, operationId) whose `x-seed-pages` names `page`.
pub fn operations_of_page(spec: &Value, page: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let Some(paths) = spec.get("paths").and_then(Value::as_object) else {
        return found;
    };
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for (method, operation) in item {
            let pages = operation
                .get("x-seed-pages")
                .and_then(Value::as_str)
                .unwrap_or("");
            if pages.split_whitespace().any(|name| name == page) {
                let pointer = format!("#/paths/{}/{method}", pointer_token(path));
                let id = operation
                    .get("operationId")
                    .and_then(Value::as_str)
                    .unwrap_or("?");
                found.push((pointer, id.to_string()));
            }
        }
    }
    found
}

/// The schema pointer of an operation's request body, or of its response for `status`.
pub fn body_schema(checker: &Checker<'_>, operation: &str, kind: &ExampleKind) -> Option<String> {
    let body = match kind {
        ExampleKind::Request => format!("{operation}/requestBody"),
        ExampleKind::Response(status) => format!("{operation}/responses/{status}"),
    };
    let (body, body_pointer) = checker.resolve(&body)?;
    let media_types = body.get("content")?.as_object()?;
    let media_type = media_types.keys().next()?;
    Some(format!(
        "{body_pointer}/content/{}/schema",
        pointer_token(media_type)
    ))
}

/// Runs the whole check over `pages` against `spec`.
pub fn check_fidelity(spec: &Value, pages: &[Page]) -> FidelityReport {
    let checker = Checker::new(spec);
    let mut report = FidelityReport::default();
    for page in pages {
        let operations = operations_of_page(spec, &page.name);
        if operations.is_empty() {
            report.problems.push(format!(
                "{}: no operation names this page in x-seed-pages",
                page.name
            ));
        }
        for (pointer, id) in &operations {
            check_examples(&checker, page, pointer, id, &mut report);
            check_field_lines(&checker, page, pointer, id, &mut report);
        }
    }
    report
}

fn check_examples(
    checker: &Checker<'_>,
    page: &Page,
    operation: &str,
    id: &str,
    report: &mut FidelityReport,
) {
    let examples = match page_examples(&page.text) {
        Ok(examples) => examples,
        Err(error) => return report.problems.push(format!("{}: {error}", page.name)),
    };
    let mut key_paths = BTreeSet::new();
    for example in examples {
        report.examples += 1;
        let Some(schema) = body_schema(checker, operation, &example.kind) else {
            report.problems.push(format!(
                "{} line {}: {id} documents no {} body in the spec",
                page.name, example.line, example.kind
            ));
            continue;
        };
        let result = checker.check(&example.value, &schema, "");
        key_paths.extend(
            result
                .key_paths
                .into_iter()
                .map(|path| format!("{} {path}", example.kind)),
        );
        for mismatch in result.mismatches {
            report.problems.push(format!(
                "{} line {}, {id} {}: {mismatch}",
                page.name, example.line, example.kind
            ));
        }
    }
    report.key_paths += key_paths.len();
}

fn check_field_lines(
    checker: &Checker<'_>,
    page: &Page,
    operation: &str,
    id: &str,
    report: &mut FidelityReport,
) {
    let properties = operation_properties(checker, operation);
    for line in page_field_lines(&page.text) {
        report.field_lines += 1;
        let fits = properties
            .iter()
            .any(|(name, pointer)| name == &line.name && field_fits(checker, &line, pointer));
        if !fits {
            let deprecated = if line.deprecated { " deprecated" } else { "" };
            report.problems.push(format!(
                "{}, {id}: field list line `{} {}{deprecated}` names no property of that type",
                page.name, line.name, line.doc_type
            ));
        }
    }
}

/// Every (name, schema pointer) of a property or parameter reachable from an operation.
fn operation_properties(checker: &Checker<'_>, operation: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut visited = BTreeSet::new();
    let Some((operation_value, _)) = checker.resolve(operation) else {
        return found;
    };
    let kinds = operation_value
        .get("responses")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|responses| {
            responses
                .keys()
                .filter_map(|status| status.parse().ok().map(ExampleKind::Response))
        });
    for kind in kinds.chain([ExampleKind::Request]) {
        if let Some(schema) = body_schema(checker, operation, &kind) {
            collect_properties(checker, &schema, &mut visited, &mut found);
        }
    }
    let parameter_count = operation_value
        .get("parameters")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    for index in 0..parameter_count {
        if let Some((parameter, pointer)) =
            checker.resolve(&format!("{operation}/parameters/{index}"))
        {
            let name = parameter
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default();
            found.push((name.to_string(), format!("{pointer}/schema")));
        }
    }
    found
}

fn collect_properties(
    checker: &Checker<'_>,
    pointer: &str,
    visited: &mut BTreeSet<String>,
    found: &mut Vec<(String, String)>,
) {
    let Some((schema, pointer)) = checker.resolve(pointer) else {
        return;
    };
    if !visited.insert(pointer.clone()) {
        return;
    }
    for keyword in ["allOf", "anyOf"] {
        let count = schema
            .get(keyword)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        for index in 0..count {
            collect_properties(
                checker,
                &format!("{pointer}/{keyword}/{index}"),
                visited,
                found,
            );
        }
    }
    for keyword in ["items", "additionalProperties"] {
        if schema.get(keyword).is_some_and(Value::is_object) {
            collect_properties(checker, &format!("{pointer}/{keyword}"), visited, found);
        }
    }
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        for name in properties.keys() {
            let target = format!("{pointer}/properties/{}", pointer_token(name));
            found.push((name.clone(), target.clone()));
            collect_properties(checker, &target, visited, found);
        }
    }
}

/// Whether the property at `pointer` has the type a field-list line documents.
fn field_fits(checker: &Checker<'_>, line: &FieldLine, pointer: &str) -> bool {
    let declared_deprecated = checker
        .resolve(pointer)
        .is_some_and(|(schema, _)| schema.get("deprecated") == Some(&Value::Bool(true)));
    line.deprecated <= declared_deprecated && type_fits(checker, &line.doc_type, pointer)
}

fn type_fits(checker: &Checker<'_>, doc_type: &str, pointer: &str) -> bool {
    let Some((schema, pointer)) = checker.resolve(pointer) else {
        return false;
    };
    if let Some(members) = schema.get("anyOf").and_then(Value::as_array) {
        return (0..members.len())
            .any(|index| type_fits(checker, doc_type, &format!("{pointer}/anyOf/{index}")));
    }
    let declared = schema.get("type").and_then(Value::as_str);
    let format = schema.get("format").and_then(Value::as_str);
    match doc_type {
        "string" => declared == Some("string") && format != Some("date-time"),
        "date-time" => declared == Some("string") && format == Some("date-time"),
        "boolean" => declared == Some("boolean"),
        "int32" | "int64" => declared == Some("integer") && format == Some(doc_type),
        "float" => declared == Some("number") && format == Some("float"),
        "number" => declared == Some("number") && !matches!(format, Some("float" | "double")),
        "object" => declared != Some("array") && checker.object_shape(&pointer).is_some(),
        "object[]" => {
            declared == Some("array") && checker.object_shape(&format!("{pointer}/items")).is_some()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    //! Deliberately broken copies of the real spec: each must fail, naming the path.
    use super::*;

    fn problems_after(edit: impl FnOnce(&mut Value)) -> Vec<String> {
        let mut spec = crate::spec_value();
        edit(&mut spec);
        check_fidelity(&spec, &load_pages()).problems
    }

    fn schema<'a>(spec: &'a mut Value, name: &str) -> &'a mut serde_json::Map<String, Value> {
        spec["components"]["schemas"][name]["properties"]
            .as_object_mut()
            .expect("properties")
    }

    fn assert_names(problems: &[String], needle: &str) {
        assert!(
            problems.iter().any(|p| p.contains(needle)),
            "no problem names {needle:?}: {problems:#?}"
        );
    }

    #[test]
    fn the_real_spec_passes() {
        let report = check_fidelity(&crate::spec_value(), &load_pages());
        assert_eq!(report.problems, Vec::<String>::new());
        assert!(report.key_paths > 0 && report.field_lines > 0);
    }

    #[test]
    fn a_removed_field_is_named() {
        let problems = problems_after(|spec| {
            schema(spec, "Invoice").remove("dealer");
        });
        assert_names(
            &problems,
            "response 200: paymentRequest.invoice.dealer: no such property",
        );
        assert_names(&problems, "`dealer object`");
    }

    #[test]
    fn a_moved_field_is_named() {
        let problems = problems_after(|spec| {
            let moved = schema(spec, "PaymentRequest")
                .remove("salesTax")
                .expect("salesTax");
            schema(spec, "Invoice").insert("salesTax".into(), moved);
        });
        assert_names(&problems, "paymentRequest.salesTax: no such property");
    }

    #[test]
    fn a_retyped_field_is_named() {
        let problems = problems_after(|spec| {
            schema(spec, "Customer")["availability"] = serde_json::json!({"type": "string"});
        });
        assert_names(
            &problems,
            "paymentRequest.invoice.customer.availability: 0 where the schema says string",
        );
        assert_names(&problems, "`availability int32`");
    }

    #[test]
    fn a_date_time_on_a_plain_string_is_named() {
        let problems = problems_after(|spec| {
            schema(spec, "Invoice")["paidDate"] = serde_json::json!({"type": "string"});
        });
        assert_names(
            &problems,
            "paymentRequest.invoice.paidDate: date-time placeholder",
        );
    }

    #[test]
    fn a_lost_deprecation_is_named() {
        let problems = problems_after(|spec| {
            schema(spec, "Customer")["id"]
                .as_object_mut()
                .expect("id")
                .remove("deprecated");
        });
        assert_names(&problems, "`id int64 deprecated`");
    }

    #[test]
    fn a_field_only_in_a_request_field_list_is_checked() {
        let problems = problems_after(|spec| {
            schema(spec, "MobilePaymentRequest").remove("toSendText");
        });
        assert_names(
            &problems,
            "sendPaymentRequestMobile: field list line `toSendText boolean`",
        );
    }
}
