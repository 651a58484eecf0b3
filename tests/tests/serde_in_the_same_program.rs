//! The client must not change serde_json for the rest of the program that links it. Cargo
//! features are global, so a client that turned on serde_json's `arbitrary_precision` would
//! break every `#[serde(untagged)]` and internally tagged enum and every `#[serde(flatten)]`
//! that meets a float, anywhere in the program. This test binary links the generated client
//! (and decodes one of its models, so it is really used) and checks a user's own such types.

use mykaarma_payments::models::PaymentRequestDetails;
use serde::Deserialize;
use serde_json::json;

#[derive(Debug, Deserialize, PartialEq)]
#[serde(untagged)]
enum Mine {
    Number(f64),
    Text(String),
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(tag = "kind")]
enum Shape {
    Circle { radius: f64 },
}

#[derive(Debug, Deserialize, PartialEq)]
struct Outer {
    name: String,
    #[serde(flatten)]
    rest: std::collections::BTreeMap<String, f64>,
}

#[test]
fn a_users_own_untagged_tagged_and_flattened_types_still_decode_floats() {
    let linked: PaymentRequestDetails =
        serde_json::from_value(json!({})).expect("the client's own model decodes");
    assert_eq!(linked, PaymentRequestDetails::default());
    assert_eq!(
        serde_json::from_str::<Mine>("1.5").expect("untagged"),
        Mine::Number(1.5)
    );
    assert_eq!(
        serde_json::from_str::<Shape>(r#"{"kind": "Circle", "radius": 2.5}"#).expect("tagged"),
        Shape::Circle { radius: 2.5 }
    );
    let outer: Outer = serde_json::from_str(r#"{"name": "n", "x": 0.25}"#).expect("flatten");
    assert_eq!(outer.rest["x"], 0.25);
}

#[test]
fn serde_json_values_keep_plain_numbers() {
    // Under `arbitrary_precision` a Number is a string inside; here it is a plain f64.
    let value: serde_json::Value = serde_json::from_str("0.1").expect("decodes");
    assert_eq!(value.as_f64(), Some(0.1));
    assert!(value.is_f64());
}
