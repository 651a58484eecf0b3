//! Round trips through the generated models: every JSON example of the documentation pages
//! decodes with no field left unknown and encodes back to an equal JSON value; money is exact;
//! enums and codes are open; odd date-times survive.

use codegen_tests::fidelity::{load_pages, operations_of_page};
use codegen_tests::seeds::{page_examples, ExampleKind};
use mykaarma_payments::models::{
    AggregatedPaymentRequest, ApiCode, DeliveryStatus, ErrorResponse, InvoicePaymentRequest,
    InvoicePaymentRequestResponse, MobilePaymentRequest, MobilePaymentRequestResponse,
    PaymentRequestDetails,
};
use mykaarma_payments::runtime::DateTimeForm;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use std::str::FromStr;

/// Decodes `value` as `T`, failing on any key `T` does not know, then encodes it back and
/// compares. Returns what went wrong, naming the key path.
fn round_trip<T: DeserializeOwned + Serialize>(value: &Value) -> Result<(), String> {
    let text = value.to_string();
    let mut unknown = Vec::new();
    let decoded: T =
        serde_ignored::deserialize(&mut serde_json::Deserializer::from_str(&text), |path| {
            // serde_ignored writes `?` for each `Option` it passes through; the key path is clearer without.
            unknown.push(path.to_string().replace(".?", ""))
        })
        .map_err(|error| format!("does not decode: {error}"))?;
    if !unknown.is_empty() {
        return Err(format!(
            "fields unknown to {}: {unknown:?}",
            std::any::type_name::<T>()
        ));
    }
    let encoded =
        serde_json::to_value(&decoded).map_err(|error| format!("does not encode: {error}"))?;
    json_equal(value, &encoded, "")
}

/// JSON equality where numbers are compared by value (`0` equals `0.0`, as in JSON Schema).
fn json_equal(expected: &Value, actual: &Value, path: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Number(a), Value::Number(b)) => {
            let parse = |n: &serde_json::Number| {
                Decimal::from_scientific(&n.to_string())
                    .or_else(|_| Decimal::from_str(&n.to_string()))
            };
            match (parse(a), parse(b)) {
                (Ok(a), Ok(b)) if a == b => Ok(()),
                _ => Err(format!("{path}: {a} came back as {b}")),
            }
        }
        (Value::Object(a), Value::Object(b)) => {
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for key in keys {
                let child = format!("{path}.{key}");
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => json_equal(x, y, &child)?,
                    (x, y) => return Err(format!("{child}: {x:?} came back as {y:?}")),
                }
            }
            Ok(())
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .try_for_each(|(index, (x, y))| json_equal(x, y, &format!("{path}[{index}]"))),
        (a, b) if a == b => Ok(()),
        (a, b) => Err(format!("{path}: {a} came back as {b}")),
    }
}

/// The Rust type the IR gives an operation's request body or response, by name.
fn ir_type_name(api: &generator::ir::Api, operation_id: &str, kind: &ExampleKind) -> String {
    let operation = api
        .operations
        .iter()
        .find(|operation| operation.operation_id.as_deref() == Some(operation_id))
        .unwrap_or_else(|| panic!("{operation_id} is not in the IR"));
    let ty = match kind {
        ExampleKind::Request => operation
            .request_body
            .as_ref()
            .and_then(|body| match &body.kind {
                generator::ir::BodyKind::Json(ty) => Some(ty),
                _ => None,
            }),
        ExampleKind::Response(status) => operation
            .responses
            .iter()
            .find(|response| response.status == generator::ir::Status::Code(*status))
            .and_then(|response| response.body.as_ref())
            .and_then(generator::ir::ResponseBody::json_type),
    };
    match ty {
        Some(generator::ir::TypeRef::Model(id)) => api.models[id.0].rust_name.clone(),
        other => panic!("{operation_id} {kind}: expected a model, found {other:?}"),
    }
}

/// Decodes by the IR's type name; a name with no arm here fails the test, so the table cannot
/// silently drift from the spec.
fn round_trip_as(type_name: &str, value: &Value) -> Result<(), String> {
    match type_name {
        "MobilePaymentRequest" => round_trip::<MobilePaymentRequest>(value),
        "MobilePaymentRequestResponse" => round_trip::<MobilePaymentRequestResponse>(value),
        "AggregatedPaymentRequest" => round_trip::<AggregatedPaymentRequest>(value),
        "InvoicePaymentRequest" => round_trip::<InvoicePaymentRequest>(value),
        "InvoicePaymentRequestResponse" => round_trip::<InvoicePaymentRequestResponse>(value),
        "PaymentRequestDetails" => round_trip::<PaymentRequestDetails>(value),
        "ErrorResponse" => round_trip::<ErrorResponse>(value),
        other => Err(format!("no decoder for {other}: add it to round_trip_as")),
    }
}

fn spec_api() -> generator::ir::Api {
    let text = codegen_tests::read_workspace_file("spec/openapi.yaml");
    let spec = generator::load(&text).unwrap_or_else(|errors| panic!("{errors}"));
    generator::lower(&spec, &codegen_tests::payments::settings())
        .unwrap_or_else(|errors| panic!("{errors}"))
        .api
}

#[test]
fn every_page_example_round_trips_through_the_generated_types() {
    let api = spec_api();
    let spec = codegen_tests::spec_value();
    let mut checked = Vec::new();
    let mut problems = Vec::new();
    for page in load_pages() {
        for (_, operation_id) in operations_of_page(&spec, &page.name) {
            for example in
                page_examples(&page.text).unwrap_or_else(|error| panic!("{}: {error}", page.name))
            {
                let type_name = ir_type_name(&api, &operation_id, &example.kind);
                if let Err(problem) = round_trip_as(&type_name, &example.value) {
                    problems.push(format!(
                        "{} line {} ({operation_id} {} as {type_name}): {problem}",
                        page.name, example.line, example.kind
                    ));
                }
                checked.push(format!("{}:{}", &page.name[..3], example.line));
            }
        }
    }
    println!("{} page examples round-tripped", checked.len());
    assert_eq!(
        checked.len(),
        15,
        "every example of the five pages: {checked:?}"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_field_missing_from_the_types_fails_the_round_trip() {
    let mut value = json!({"paymentRequest": {"guid": "g", "invoice": {"amount": 1}}});
    value["paymentRequest"]["invoice"]["notInTheSpec"] = json!(true);
    let problem =
        round_trip::<PaymentRequestDetails>(&value).expect_err("an unknown field must fail");
    assert!(
        problem.contains("paymentRequest.invoice.notInTheSpec"),
        "{problem}"
    );
}

#[test]
fn money_decodes_and_encodes_exactly() {
    for amount in [
        "19.99",
        "1234567.891",
        "0.1",
        "1234567890123456.789",
        "100",
        "-5.50",
    ] {
        let text = format!(r#"{{"amount":{amount}}}"#);
        let request: MobilePaymentRequest = serde_json::from_str(&text).expect("decodes");
        assert_eq!(
            request.amount,
            Some(Decimal::from_str(amount).expect("decimal")),
            "{amount}"
        );
        assert_eq!(
            serde_json::to_string(&request).expect("encodes"),
            text,
            "{amount} encodes back to the same number"
        );
    }
}

#[test]
fn unknown_enum_values_and_codes_survive() {
    let text = r#"{"errors":[{"errorCode":100025,"errorTitle":"PROV_UNKNOWN"}],"textSent":"QUEUED","emailSent":"SUCCESS"}"#;
    let response: InvoicePaymentRequestResponse = serde_json::from_str(text).expect("decodes");
    assert_eq!(
        response.text_sent,
        Some(DeliveryStatus::Other("QUEUED".into()))
    );
    assert_eq!(response.email_sent, Some(DeliveryStatus::Success));
    let code = response.errors.as_ref().expect("errors")[0]
        .error_code
        .expect("code");
    assert_eq!(code, ApiCode::Other(100025));
    let encoded = serde_json::to_value(&response).expect("encodes");
    assert_eq!(encoded, serde_json::from_str::<Value>(text).expect("JSON"));
}

#[test]
fn known_codes_are_named_with_their_documentation() {
    assert_eq!(ApiCode::from(100001), ApiCode::NullCredentials);
    assert_eq!(ApiCode::NullCredentials.code(), 100001);
    assert_eq!(ApiCode::NullCredentials.name(), Some("NULL_CREDENTIALS"));
    assert_eq!(
        ApiCode::from(150000).description(),
        Some("Warning: no preferred DealerID")
    );
    // Two codes share a documented title; both stay distinct.
    assert_eq!(
        ApiCode::from(100008),
        ApiCode::AccessForbiddenInvalidPartner
    );
    assert_eq!(
        ApiCode::from(100009),
        ApiCode::AccessForbiddenInvalidPartner100009
    );
    assert_eq!(ApiCode::from(100025).name(), None);
}

#[test]
fn a_date_time_that_is_not_rfc_3339_does_not_break_a_payment_request() {
    let cases = [
        ("2025-03-28T11:34:46.794Z", DateTimeForm::Rfc3339),
        (
            "2025-03-28T11:34:46.794+0000",
            DateTimeForm::NonRfc3339Offset,
        ),
        ("2025-03-28T11:34:46.794", DateTimeForm::NoOffsetAssumedUtc),
        ("2025-03-28 11:34:46", DateTimeForm::NoOffsetAssumedUtc),
        ("28/03/2025 11:34", DateTimeForm::Unreadable),
    ];
    for (stamp, form) in cases {
        let text = format!(
            r#"{{"paymentRequest":{{"guid":"g","timeStamp":"{stamp}","invoice":{{"paidDate":1743161686794}}}}}}"#
        );
        let details: PaymentRequestDetails =
            serde_json::from_str(&text).unwrap_or_else(|error| panic!("{stamp}: {error}"));
        let request = details.payment_request.as_ref().expect("paymentRequest");
        let time_stamp = request.time_stamp.as_ref().expect("timeStamp");
        assert_eq!((time_stamp.raw(), time_stamp.form()), (stamp, form));
        assert_eq!(
            time_stamp.instant().is_some(),
            form != DateTimeForm::Unreadable,
            "{stamp}"
        );
        let paid = request
            .invoice
            .as_ref()
            .and_then(|invoice| invoice.paid_date.as_ref())
            .expect("paidDate");
        assert_eq!(paid.form(), DateTimeForm::EpochMillis);
        let encoded = serde_json::to_value(&details).expect("encodes");
        assert_eq!(
            encoded,
            serde_json::from_str::<Value>(&text).expect("JSON"),
            "{stamp} encodes back unchanged"
        );
    }
}

/// Issue 9, item 2: `format: float` fields are `f64`, so a coordinate keeps every digit the
/// server sent (as `f32` it came back as `-122.41942`), and encodes back to the same number.
#[test]
fn float_coordinates_keep_every_digit() {
    let text = r#"{"latitude": 37.77492950, "longitude": -122.41941550}"#;
    let dealer: mykaarma_payments::models::Dealer = serde_json::from_str(text).expect("decodes");
    assert_eq!(dealer.latitude, Some(37.7749295));
    assert_eq!(dealer.longitude, Some(-122.4194155));
    let encoded = serde_json::to_string(&dealer).expect("encodes");
    assert!(encoded.contains("-122.4194155"), "{encoded}");
    assert!(encoded.contains("37.7749295"), "{encoded}");
}
