//! Unit tests for the union support: exact decimals inside variants, the `Value` fallback, tags, and tagged writing.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{no_variant, serialize_with_tag, Captured};

/// A variant holding an exact decimal.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Charge {
    #[serde(with = "super::super::exact")]
    amount: Decimal,
}

/// Another variant.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Refund {
    reason: String,
}

/// A union written the way the generator writes one.
#[derive(Debug, PartialEq)]
enum Payment {
    Charge(Charge),
    Refund(Refund),
}

impl<'de> Deserialize<'de> for Payment {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let captured = Captured::deserialize(deserializer)?;
        let mut failures = Vec::new();
        match captured.decode::<Charge>() {
            Ok(value) => return Ok(Self::Charge(value)),
            Err(error) => failures.push(("Charge", error)),
        }
        match captured.decode::<Refund>() {
            Ok(value) => return Ok(Self::Refund(value)),
            Err(error) => failures.push(("Refund", error)),
        }
        Err(no_variant("Payment", &failures))
    }
}

const EXACT: &str = "0.1234567890123456789012345678";

#[test]
fn a_variant_decodes_its_decimal_exactly_from_text() {
    let json = format!("{{\"amount\": {EXACT}}}");
    let payment: Payment = serde_json::from_str(&json).expect("decodes");
    let Payment::Charge(charge) = payment else {
        panic!("{payment:?}");
    };
    assert_eq!(charge.amount.to_string(), EXACT);
    let nested: Vec<Payment> =
        serde_json::from_str(&format!("[{json}, {{\"reason\": \"x\"}}]")).expect("decodes");
    assert_eq!(nested.len(), 2);
}

#[test]
fn a_union_also_decodes_from_a_value() {
    let value = serde_json::json!({"amount": 12.5});
    let payment: Payment = serde_json::from_value(value).expect("decodes");
    assert_eq!(
        payment,
        Payment::Charge(Charge {
            amount: Decimal::new(125, 1)
        })
    );
    let refund: Payment =
        serde_json::from_value(serde_json::json!({"reason": "late"})).expect("decodes");
    assert_eq!(
        refund,
        Payment::Refund(Refund {
            reason: "late".to_owned()
        })
    );
}

#[test]
fn no_matching_variant_lists_every_failure() {
    let message = serde_json::from_str::<Payment>("{\"other\": 1}")
        .expect_err("no variant")
        .to_string();
    assert!(
        message.starts_with("no variant of `Payment` matches: Charge: unknown field `other`"),
        "{message}"
    );
    assert!(
        message.contains("; Refund: unknown field `other`"),
        "{message}"
    );
    let bare: serde_json::Error = no_variant("Empty", &[]);
    assert_eq!(bare.to_string(), "no variant of `Empty` matches");
}

#[test]
fn reads_a_tag_from_text_and_from_a_value() {
    let json = r#"{"size": {"kind": "inner"}, "kind": "cat", "kind": "dog"}"#;
    let captured: Captured = serde_json::from_str(json).expect("captures");
    assert_eq!(captured.tag("kind").as_deref(), Some("cat"));
    assert_eq!(captured.tag("size"), None);
    assert_eq!(captured.tag("absent"), None);
    let value: Captured =
        serde_json::from_value(serde_json::json!({"kind": "cat"})).expect("captures");
    assert_eq!(value.tag("kind").as_deref(), Some("cat"));
    let array: Captured = serde_json::from_str("[1]").expect("captures");
    assert_eq!(array.tag("kind"), None);
    assert_eq!(array.into_value().expect("parses"), serde_json::json!([1]));
}

#[test]
fn writes_the_tag_first_and_once() {
    #[derive(Serialize)]
    struct Cat {
        kind: &'static str,
        #[serde(with = "super::super::exact")]
        weight: Decimal,
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    }
    struct Tagged(Cat);
    impl Serialize for Tagged {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serialize_with_tag(serializer, "kind", "cat", &self.0)
        }
    }
    let cat = Cat {
        kind: "ignored",
        weight: EXACT.parse().expect("decimal"),
        name: None,
    };
    assert_eq!(
        serde_json::to_string(&Tagged(cat)).expect("encodes"),
        format!("{{\"kind\":\"cat\",\"weight\":{EXACT}}}")
    );
    let map = std::collections::BTreeMap::from([("a", 1), ("kind", 2)]);
    let mut written = Vec::new();
    serialize_with_tag(
        &mut serde_json::Serializer::new(&mut written),
        "kind",
        "x",
        &map,
    )
    .expect("encodes");
    assert_eq!(written, br#"{"kind":"x","a":1}"#);
}

#[test]
fn refuses_to_tag_a_value_that_is_not_an_object() {
    for value in [
        serde_json::json!(1),
        serde_json::json!("a"),
        serde_json::json!([1]),
    ] {
        let mut written = Vec::new();
        let error = serialize_with_tag(
            &mut serde_json::Serializer::new(&mut written),
            "kind",
            "x",
            &value,
        )
        .expect_err("not an object");
        assert!(
            error.to_string().contains("must serialize as an object"),
            "{error}"
        );
    }
}
