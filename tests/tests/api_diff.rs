//! The change report on a table of realistic edits of `spec/openapi.yaml`: each edit is
//! applied to a copy of the spec, and the report must classify it as expected and give the
//! expected semantic-version verdict.

use generator::surface::{diff, surface, Class, Entry, Verdict};
use serde_yaml::{Mapping, Value};

fn spec() -> Value {
    serde_yaml::from_str(&codegen_tests::read_workspace_file("spec/openapi.yaml")).expect("YAML")
}

fn surface_of(document: &Value) -> Vec<Entry> {
    let text = serde_yaml::to_string(document).expect("YAML");
    let loaded = generator::load(&text).unwrap_or_else(|errors| panic!("{errors}"));
    let lowered = generator::lower(&loaded, &codegen_tests::payments::settings())
        .unwrap_or_else(|errors| panic!("{errors}"));
    surface(&lowered.api)
}

/// The value at a path of mapping keys.
fn at<'a>(document: &'a mut Value, path: &[&str]) -> &'a mut Value {
    path.iter().fold(document, |value, key| {
        value
            .get_mut(*key)
            .unwrap_or_else(|| panic!("no `{key}` in the spec on the way to {path:?}"))
    })
}

fn properties<'a>(document: &'a mut Value, schema: &str) -> &'a mut Mapping {
    at(document, &["components", "schemas", schema, "properties"])
        .as_mapping_mut()
        .expect("properties")
}

type Edit = fn(&mut Value);

const EDITS: &[(&str, Edit, Class, Verdict)] = &[
    (
        "add an optional field",
        |d| {
            properties(d, "InvoicePaymentRequest").insert(
                "note".into(),
                serde_yaml::from_str("{type: string}").unwrap(),
            );
        },
        Class::Additive,
        Verdict::Minor,
    ),
    (
        "remove a field",
        |d| {
            properties(d, "InvoicePaymentRequest").remove("sendAsEmail");
        },
        Class::Breaking,
        Verdict::Major,
    ),
    (
        "rename a field",
        |d| {
            let props = properties(d, "InvoicePaymentRequest");
            let value = props.remove("sendAsEmail").expect("field");
            props.insert("sendByEmail".into(), value);
        },
        Class::Breaking,
        Verdict::Major,
    ),
    (
        "change int32 to int64",
        |d| {
            *at(
                d,
                &[
                    "components",
                    "schemas",
                    "PaymentDealerOrder",
                    "properties",
                    "numberOfInvoices",
                    "format",
                ],
            ) = "int64".into();
        },
        Class::Breaking,
        Verdict::Major,
    ),
    (
        "change string to date-time",
        |d| {
            at(
                d,
                &[
                    "components",
                    "schemas",
                    "InvoicePaymentRequest",
                    "properties",
                    "invoiceGuid",
                ],
            )
            .as_mapping_mut()
            .expect("schema")
            .insert("format".into(), "date-time".into());
        },
        Class::Breaking,
        Verdict::Major,
    ),
    (
        "make a request field required",
        |d| {
            at(d, &["components", "schemas", "InvoicePaymentRequest"])
                .as_mapping_mut()
                .expect("schema")
                .insert(
                    "required".into(),
                    serde_yaml::from_str("[invoiceGuid]").unwrap(),
                );
        },
        Class::Breaking,
        Verdict::Major,
    ),
    (
        "add an enum value",
        |d| {
            at(d, &["components", "schemas", "DeliveryStatus", "enum"])
                .as_sequence_mut()
                .expect("enum")
                .push("QUEUED".into());
        },
        Class::Additive,
        Verdict::Minor,
    ),
    (
        "remove an enum value",
        |d| {
            at(d, &["components", "schemas", "DeliveryStatus", "enum"])
                .as_sequence_mut()
                .expect("enum")
                .pop();
        },
        Class::Breaking,
        Verdict::Major,
    ),
    (
        "add an operation",
        |d| {
            let operation: Value = serde_yaml::from_str(
                "get: {operationId: getHealth, responses: {'204': {description: Up.}}}",
            )
            .unwrap();
            at(d, &["paths"])
                .as_mapping_mut()
                .expect("paths")
                .insert("/health".into(), operation);
        },
        Class::Additive,
        Verdict::Minor,
    ),
    (
        "remove an operation",
        |d| {
            at(d, &["paths"])
                .as_mapping_mut()
                .expect("paths")
                .remove("/kpayment/v1/sendPaymentRequestMobile");
        },
        Class::Breaking,
        Verdict::Major,
    ),
    (
        "change a path",
        |d| {
            let paths = at(d, &["paths"]).as_mapping_mut().expect("paths");
            let item = paths
                .remove("/kpayment/v1/sendPaymentRequestMobile")
                .expect("path");
            paths.insert("/kpayment/v2/sendPaymentRequestMobile".into(), item);
        },
        Class::Breaking,
        Verdict::Major,
    ),
    (
        "change only a description",
        |d| {
            *at(
                d,
                &["components", "schemas", "DeliveryStatus", "description"],
            ) = "Whether it went out.".into();
        },
        Class::Documentation,
        Verdict::Patch,
    ),
    (
        "add an error code",
        |d| {
            let member = at(d, &["components", "schemas", "ApiCode", "anyOf"])
                .as_sequence_mut()
                .expect("anyOf");
            let member = member.get_mut(0).expect("the enum member");
            member
                .get_mut("enum")
                .and_then(Value::as_sequence_mut)
                .expect("enum")
                .push(100099.into());
            member
                .get_mut("x-enum-varnames")
                .and_then(Value::as_sequence_mut)
                .expect("names")
                .push("NEW_CODE".into());
            member
                .get_mut("x-enum-descriptions")
                .and_then(Value::as_sequence_mut)
                .expect("descriptions")
                .push("A new code.".into());
        },
        Class::Additive,
        Verdict::Minor,
    ),
    (
        "add a response status",
        |d| {
            let response: Value = serde_yaml::from_str(
            "{description: Forbidden., content: {application/json: {schema: {$ref: '#/components/schemas/ErrorResponse'}}}}",
        ).unwrap();
            at(
                d,
                &[
                    "paths",
                    "/kpayment/v1/paymentrequest/{guid}",
                    "get",
                    "responses",
                ],
            )
            .as_mapping_mut()
            .expect("responses")
            .insert("403".into(), response);
        },
        Class::Additive,
        Verdict::Minor,
    ),
];

#[test]
fn each_edit_is_classified_with_its_verdict() {
    let original = spec();
    let before = surface_of(&original);
    assert_eq!(diff(&before, &before).verdict(), Verdict::Patch);
    let mut failures = Vec::new();
    for (name, edit, class, verdict) in EDITS {
        let mut edited = original.clone();
        edit(&mut edited);
        let report = diff(&before, &surface_of(&edited));
        let classes: Vec<Class> = report.changes.iter().map(|change| change.class).collect();
        let strongest = classes.iter().min().copied();
        if strongest != Some(*class) || report.verdict() != *verdict {
            failures.push(format!(
                "{name}: expected {class} and {verdict:?}, got {:?} and {:?}:\n{}",
                strongest,
                report.verdict(),
                report.render_text()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_markdown_block_names_each_change_and_the_verdict() {
    let original = spec();
    let mut edited = original.clone();
    (EDITS[1].1)(&mut edited);
    (EDITS[0].1)(&mut edited);
    let report = diff(&surface_of(&original), &surface_of(&edited));
    let markdown = report.render_markdown();
    assert!(
        markdown.starts_with("### API changes: verdict: major"),
        "{markdown}"
    );
    assert!(
        markdown
            .contains("| breaking | field `InvoicePaymentRequest.send_as_email` | field removed |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| additive | field `InvoicePaymentRequest.note` | new optional field |"),
        "{markdown}"
    );
}
