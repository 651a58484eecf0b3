//! Unit tests for the exact decimal helpers: digit-for-digit round trips, refusals, containers, and serde_json left without `arbitrary_precision`.

use std::collections::BTreeMap;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{parse_decimal, plain_notation};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Price {
    #[serde(with = "super::exact")]
    amount: Decimal,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Containers {
    #[serde(with = "super::exact", default)]
    maybe: Option<Decimal>,
    #[serde(with = "super::exact")]
    list: Vec<Decimal>,
    #[serde(with = "super::exact")]
    map: BTreeMap<String, Decimal>,
    #[serde(with = "super::exact")]
    boxed: Box<Option<Decimal>>,
}

fn decimal(text: &str) -> Decimal {
    Decimal::from_str(text).expect(text)
}

#[test]
fn twenty_eight_digits_round_trip_digit_for_digit() {
    let json = r#"{"amount":0.1234567890123456789012345678}"#;
    let price: Price = serde_json::from_str(json).expect("decodes");
    assert_eq!(price.amount.to_string(), "0.1234567890123456789012345678");
    assert_eq!(serde_json::to_string(&price).expect("encodes"), json);
    let from_reader: Price = serde_json::from_reader(json.as_bytes()).expect("decodes");
    assert_eq!(from_reader, price);
}

#[test]
fn more_digits_than_a_decimal_holds_is_an_error_naming_the_number() {
    for number in [
        "0.1234567890123456789012345678901",
        "123456789012345678901234567890",
        "1e-40",
        "1e99",
    ] {
        let json = format!("{{\"amount\": {number}}}");
        let message = serde_json::from_str::<Price>(&json)
            .expect_err(number)
            .to_string();
        assert!(message.contains(&format!("`{number}`")), "{message}");
    }
}

#[test]
fn reads_every_json_notation_and_strings() {
    let cases = [
        ("1e3", "1000"),
        ("1.5E+3", "1500"),
        ("-25e-3", "-0.025"),
        ("-0.5", "-0.5"),
        ("\"12.50\"", "12.50"),
        ("0", "0"),
        (
            "79228162514264337593543950335",
            "79228162514264337593543950335",
        ),
        ("1.0000000000000000000000000000000", "1"),
    ];
    for (number, expected) in cases {
        let json = format!("{{\"amount\": {number}}}");
        let price: Price = serde_json::from_str(&json).expect(number);
        assert_eq!(price.amount.to_string(), expected, "{number}");
    }
    let written = serde_json::to_string(&Price {
        amount: decimal("12.50"),
    })
    .expect("encodes");
    assert_eq!(written, r#"{"amount":12.50}"#);
}

#[test]
fn refuses_what_is_no_decimal() {
    for json in ["true", "null", "[1]", "{}", "\"abc\"", "\"1e\""] {
        let text = format!("{{\"amount\": {json}}}");
        assert!(serde_json::from_str::<Price>(&text).is_err(), "{json}");
    }
}

#[test]
fn works_inside_option_vec_map_and_box() {
    let json = r#"{"maybe":0.1234567890123456789012345678,"list":[1.10,2e1],"map":{"a":-0.0000000000000000000000000001},"boxed":null}"#;
    let read: Containers = serde_json::from_str(json).expect("decodes");
    assert_eq!(read.maybe, Some(decimal("0.1234567890123456789012345678")));
    assert_eq!(read.list, vec![decimal("1.10"), decimal("20")]);
    assert_eq!(
        read.map.get("a").map(ToString::to_string).as_deref(),
        Some("-0.0000000000000000000000000001")
    );
    assert_eq!(*read.boxed, None);
    assert_eq!(
        serde_json::to_string(&read).expect("encodes"),
        r#"{"maybe":0.1234567890123456789012345678,"list":[1.10,20],"map":{"a":-0.0000000000000000000000000001},"boxed":null}"#
    );
    let absent: Containers =
        serde_json::from_str(r#"{"list":[],"map":{},"boxed":3}"#).expect("decodes");
    assert_eq!(absent.maybe, None);
    assert_eq!(*absent.boxed, Some(decimal("3")));
}

#[test]
fn falls_back_to_the_float_where_serde_buffers() {
    #[derive(Debug, Deserialize)]
    struct Outer {
        #[serde(flatten)]
        price: Price,
    }
    let outer: Outer = serde_json::from_str(r#"{"amount": 0.1}"#).expect("flatten");
    assert_eq!(outer.price.amount, decimal("0.1"));
    let value = serde_json::json!({"amount": 12});
    let price: Price = serde_json::from_value(value).expect("from a Value");
    assert_eq!(price.amount, decimal("12"));
    let text = serde_json::json!({"amount": "12.50"});
    let price: Price = serde_json::from_value(text).expect("from a Value");
    assert_eq!(price.amount.to_string(), "12.50");
}

#[test]
fn a_users_own_untagged_enum_still_reads_floats() {
    // Under serde_json's `arbitrary_precision` this fails ("data did not match any variant"):
    // the feature is global, so a library enabling it breaks its users' untagged enums.
    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(untagged)]
    enum Mine {
        F(f64),
        S(String),
    }
    assert_eq!(
        serde_json::from_str::<Mine>("1.5").expect("untagged"),
        Mine::F(1.5)
    );
    assert_eq!(
        serde_json::from_str::<Mine>("\"x\"").expect("untagged"),
        Mine::S("x".to_owned())
    );
}

#[test]
fn rewrites_scientific_notation_without_rounding() {
    let cases = [
        ("1e3", Some("1000")),
        ("1.25e1", Some("12.5")),
        ("1.25e-2", Some("0.0125")),
        ("-1.5e0", Some("-1.5")),
        ("12", Some("12")),
        ("1e65", None),
        ("1e-99999999999999999999", None),
        (".5", None),
        ("1.2.3", None),
        ("--1", None),
    ];
    for (text, expected) in cases {
        assert_eq!(plain_notation(text).as_deref(), expected, "{text}");
    }
    assert!(parse_decimal("1e64").is_err());
}
