//! Unit tests for the lenient, lossless `DateTime`: every accepted form, the fallback, and byte-exact round trips.

use chrono::{FixedOffset, NaiveDate, TimeZone, Utc};

use super::{DateTime, DateTimeForm};

/// The instant `2025-03-28T11:34:46.794Z`, the example of the API document.
fn example_instant() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 28, 11, 34, 46)
        .single()
        .and_then(|at| at.checked_add_signed(chrono::TimeDelta::milliseconds(794)))
        .expect("the example instant is valid")
}

/// Builds the UTC instant for a date, a time and nanoseconds.
fn utc(ymd: (i32, u32, u32), hms: (u32, u32, u32), nanos: u32) -> chrono::DateTime<Utc> {
    NaiveDate::from_ymd_opt(ymd.0, ymd.1, ymd.2)
        .and_then(|date| date.and_hms_nano_opt(hms.0, hms.1, hms.2, nanos))
        .expect("the test date-time is valid")
        .and_utc()
}

/// Accepted texts, the instant each denotes (in RFC 3339, read by chrono as an
/// independent oracle) and the form it must be reported as.
const ACCEPTED: &[(&str, &str, DateTimeForm)] = &[
    (
        "2025-03-28T11:34:46.794Z",
        "2025-03-28T11:34:46.794Z",
        DateTimeForm::Rfc3339,
    ),
    (
        "2025-03-28t11:34:46.794z",
        "2025-03-28T11:34:46.794Z",
        DateTimeForm::Rfc3339,
    ),
    (
        "2025-03-28T11:34:46Z",
        "2025-03-28T11:34:46Z",
        DateTimeForm::Rfc3339,
    ),
    (
        "2025-03-28T11:34:46.7940000Z",
        "2025-03-28T11:34:46.794Z",
        DateTimeForm::Rfc3339,
    ),
    (
        "2025-03-28T17:04:46.794+05:30",
        "2025-03-28T11:34:46.794Z",
        DateTimeForm::Rfc3339,
    ),
    (
        "2025-03-28T06:34:46.794-05:00",
        "2025-03-28T11:34:46.794Z",
        DateTimeForm::Rfc3339,
    ),
    (
        "2025-03-28T11:34:46.794+00:00",
        "2025-03-28T11:34:46.794Z",
        DateTimeForm::Rfc3339,
    ),
    (
        " 2025-03-28T11:34:46.794Z\n",
        "2025-03-28T11:34:46.794Z",
        DateTimeForm::Rfc3339,
    ),
    (
        "2025-03-28T11:34:46.794+0000",
        "2025-03-28T11:34:46.794Z",
        DateTimeForm::NonRfc3339Offset,
    ),
    (
        "2025-03-28T17:04:46.794+0530",
        "2025-03-28T11:34:46.794Z",
        DateTimeForm::NonRfc3339Offset,
    ),
    (
        "2025-03-28T11:34:46+0000",
        "2025-03-28T11:34:46Z",
        DateTimeForm::NonRfc3339Offset,
    ),
    (
        "2025-03-28T13:34:46.794+02",
        "2025-03-28T11:34:46.794Z",
        DateTimeForm::NonRfc3339Offset,
    ),
    (
        "2025-03-28 11:34:46.794Z",
        "2025-03-28T11:34:46.794Z",
        DateTimeForm::NonRfc3339Offset,
    ),
    (
        "2025-03-28 11:34:46.794+00:00",
        "2025-03-28T11:34:46.794Z",
        DateTimeForm::NonRfc3339Offset,
    ),
    (
        "2025-03-28T11:34Z",
        "2025-03-28T11:34:00Z",
        DateTimeForm::NonRfc3339Offset,
    ),
    (
        "2025-03-28T11:34:46.794",
        "2025-03-28T11:34:46.794Z",
        DateTimeForm::NoOffsetAssumedUtc,
    ),
    (
        "2025-03-28T11:34:46",
        "2025-03-28T11:34:46Z",
        DateTimeForm::NoOffsetAssumedUtc,
    ),
    (
        "2025-03-28 11:34:46.794",
        "2025-03-28T11:34:46.794Z",
        DateTimeForm::NoOffsetAssumedUtc,
    ),
    (
        "2025-03-28 11:34:46",
        "2025-03-28T11:34:46Z",
        DateTimeForm::NoOffsetAssumedUtc,
    ),
];

#[test]
fn reads_every_accepted_string_form() {
    for (text, instant, form) in ACCEPTED {
        let expected = chrono::DateTime::parse_from_rfc3339(instant).expect(instant);
        let value: DateTime = text.parse().unwrap_or_else(|never| match never {});
        assert_eq!(
            value.instant(),
            Some(expected.to_utc()),
            "instant of {text:?}"
        );
        assert_eq!(value.form(), *form, "form of {text:?}");
        assert_eq!(value.raw(), *text, "raw of {text:?}");
        assert_eq!(value.to_string(), *text, "display of {text:?}");
    }
}

#[test]
fn keeps_unreadable_text_raw_without_instant() {
    let cases = [
        "",
        "   ",
        "yesterday",
        "not a date",
        "2025-03-28",
        "Fri Mar 28 11:34:46 UTC 2025",
        "2025-03-28T11:34:46.Z",
        "2025-03-28T11:34:46.794ZZ",
        "2025-03-28T11:34:46.794+5",
        "2025-03-28T11:34:46.794+24:00",
        "2025-03-28T11:34:46.794+00:60",
        "2025-02-30T11:34:46Z",
        "2025-03-28T24:00:00Z",
        "2025-03-28T11:34:61Z",
        "2025-3-28T11:34:46Z",
        "+2025-03-28T11:34:46Z",
        "1743161686794",
        "2025-03-28T11:34:46,794Z",
        "２０２５-03-28T11:34:46Z",
    ];
    for text in cases {
        let value: DateTime = text.parse().unwrap_or_else(|never| match never {});
        assert_eq!(value.instant(), None, "instant of {text:?}");
        assert_eq!(value.form(), DateTimeForm::Unreadable, "form of {text:?}");
        assert_eq!(value.raw(), text, "raw of {text:?}");
    }
}

#[test]
fn reads_fractions_of_any_length() {
    let cases = [
        ("2025-03-28T11:34:46.7Z", 700_000_000),
        ("2025-03-28T11:34:46.79Z", 790_000_000),
        ("2025-03-28T11:34:46.794123Z", 794_123_000),
        ("2025-03-28T11:34:46.794123456Z", 794_123_456),
        ("2025-03-28T11:34:46.7941234569999Z", 794_123_456),
    ];
    for (text, nanos) in cases {
        let value: DateTime = text.parse().unwrap_or_else(|never| match never {});
        assert_eq!(
            value.instant(),
            Some(utc((2025, 3, 28), (11, 34, 46), nanos)),
            "{text:?}"
        );
        assert!(value.is_exact_rfc3339(), "{text:?}");
    }
}

#[test]
fn reads_a_leap_second() {
    let value: DateTime = "2016-12-31T23:59:60.5Z"
        .parse()
        .unwrap_or_else(|never| match never {});
    assert_eq!(
        value.instant(),
        Some(utc((2016, 12, 31), (23, 59, 59), 1_500_000_000))
    );
}

#[test]
fn keeps_the_written_offset() {
    let value: DateTime = "2025-03-28T17:04:46.794+05:30"
        .parse()
        .unwrap_or_else(|never| match never {});
    let offset = value.instant_with_offset().map(|instant| *instant.offset());
    assert_eq!(offset, FixedOffset::east_opt(5 * 3600 + 30 * 60));
}

#[test]
fn reads_integers_as_epoch_milliseconds() {
    let cases: &[(&str, Option<chrono::DateTime<Utc>>, DateTimeForm)] = &[
        (
            "1743161686794",
            Some(example_instant()),
            DateTimeForm::EpochMillis,
        ),
        (
            "0",
            Some(utc((1970, 1, 1), (0, 0, 0), 0)),
            DateTimeForm::EpochMillis,
        ),
        (
            "-1000",
            Some(utc((1969, 12, 31), (23, 59, 59), 0)),
            DateTimeForm::EpochMillis,
        ),
        (
            "-0",
            Some(utc((1970, 1, 1), (0, 0, 0), 0)),
            DateTimeForm::EpochMillis,
        ),
        ("9223372036854775807", None, DateTimeForm::Unreadable),
        (
            "123456789012345678901234567890",
            None,
            DateTimeForm::Unreadable,
        ),
    ];
    for (json, instant, form) in cases {
        let value: DateTime = serde_json::from_str(json).expect(json);
        assert_eq!(value.instant(), *instant, "instant of {json}");
        assert_eq!(value.form(), *form, "form of {json}");
        assert_eq!(value.raw(), *json, "raw of {json}");
        assert!(value.is_integer(), "{json}");
    }
}

#[test]
fn keeps_integers_exact_inside_arrays_and_structs() {
    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Holder {
        at: DateTime,
        all: Vec<DateTime>,
    }
    let json = r#"{"at":-0,"all":[99999999999999999999999999999999999999999,1743161686794]}"#;
    let holder: Holder = serde_json::from_str(json).expect("decodes");
    assert_eq!(holder.at.raw(), "-0");
    assert_eq!(holder.all[1].instant(), Some(example_instant()));
    assert_eq!(serde_json::to_string(&holder).expect("encodes"), json);
    let from_reader: Holder = serde_json::from_reader(json.as_bytes()).expect("decodes");
    assert_eq!(from_reader, holder);
}

#[test]
fn refuses_json_types_that_cannot_be_a_date_time() {
    // From text the number is quoted as written; from a `Value`, which holds it as an
    // `f64`, as that float prints.
    let cases = [
        ("true", "the boolean `true`", "the boolean `true`"),
        ("null", "null", "null"),
        ("{}", "an object", "an object"),
        ("[1]", "an array", "an array"),
        (
            "1743161686794.0",
            "the non-integer number `1743161686794.0`",
            "the non-integer number `1743161686794.0`",
        ),
        (
            "1.7e12",
            "the non-integer number `1.7e12`",
            "the non-integer number `1700000000000.0`",
        ),
    ];
    for (json, found_in_text, found_in_value) in cases {
        let from_str = serde_json::from_str::<DateTime>(json)
            .expect_err(json)
            .to_string();
        assert!(from_str.contains(found_in_text), "{json}: {from_str}");
        let value: serde_json::Value = serde_json::from_str(json).expect(json);
        let from_value = serde_json::from_value::<DateTime>(value)
            .expect_err(json)
            .to_string();
        assert!(from_value.contains(found_in_value), "{json}: {from_value}");
    }
}

#[test]
fn round_trips_every_form_byte_for_byte() {
    let cases = [
        r#""2025-03-28T11:34:46.794Z""#,
        r#""2025-03-28T11:34:46.794+0000""#,
        r#""2025-03-28T11:34:46.794""#,
        r#""2025-03-28 11:34:46.794""#,
        r#""2025-03-28T11:34:46.794123456789+05:30""#,
        r#""not a date \"quoted\" \u00e9""#,
        r#""""#,
        "1743161686794",
        "-1000",
        "-0",
        "123456789012345678901234567890",
        "-1234567890123456789012345678901234567890",
    ];
    for json in cases {
        let value: DateTime = serde_json::from_str(json).expect(json);
        let written = serde_json::to_string(&value).expect(json);
        let reread: DateTime = serde_json::from_str(&written).expect(json);
        assert_eq!(reread, value, "{json}");
        if !json.contains('\\') {
            assert_eq!(written, json, "{json}");
        }
    }
}

#[test]
fn decodes_from_a_value_and_writes_the_same_value_back() {
    let document = r#"{"at": 1743161686794, "text": "2025-03-28T11:34:46.794+0000", "nested": [1743161686794]}"#;
    let value: serde_json::Value = serde_json::from_str(document).expect("valid JSON");
    let at: DateTime = serde_json::from_value(value["at"].clone()).expect("integer");
    assert_eq!(at.instant(), Some(example_instant()));
    let text: DateTime = serde_json::from_value(value["text"].clone()).expect("string");
    assert_eq!(text.form(), DateTimeForm::NonRfc3339Offset);
    let nested: Vec<DateTime> = serde_json::from_value(value["nested"].clone()).expect("array");
    assert_eq!(nested, vec![at.clone()]);
    assert_eq!(serde_json::to_value(&at).expect("writes"), value["at"]);
    assert_eq!(serde_json::to_value(&text).expect("writes"), value["text"]);
}

#[test]
fn decodes_inside_structs_and_options() {
    #[derive(serde::Deserialize)]
    struct Holder {
        at: DateTime,
        maybe: Option<DateTime>,
        absent: Option<DateTime>,
    }
    let json = r#"{"at": "garbage", "maybe": 1743161686794, "absent": null}"#;
    let holder: Holder =
        serde_json::from_str(json).expect("a bad date-time must not fail the document");
    assert_eq!(holder.at.form(), DateTimeForm::Unreadable);
    assert_eq!(
        holder.maybe.and_then(|at| at.instant()),
        Some(example_instant())
    );
    assert!(holder.absent.is_none());
}

#[test]
fn decodes_through_serde_buffering_in_flatten_and_untagged() {
    // `flatten` and `untagged` buffer the input first, so the raw text is gone there;
    // the integer arrives as a `u64`, which is still exact.
    #[derive(serde::Deserialize)]
    struct Inner {
        at: DateTime,
    }
    #[derive(serde::Deserialize)]
    struct Outer {
        #[serde(flatten)]
        inner: Inner,
    }
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Either {
        At { at: DateTime },
    }
    let json = r#"{"at": 1743161686794}"#;
    let outer: Outer = serde_json::from_str(json).expect("flatten");
    assert_eq!(outer.inner.at.instant(), Some(example_instant()));
    let Either::At { at } = serde_json::from_str(json).expect("untagged");
    assert_eq!(at.raw(), "1743161686794");
    assert_eq!(serde_json::to_string(&at).expect("writes"), "1743161686794");
}

#[test]
fn writes_instants_as_rfc3339_utc_with_milliseconds() {
    let offset = FixedOffset::east_opt(5 * 3600 + 30 * 60).expect("valid offset");
    let cases = [
        (
            DateTime::from(example_instant()),
            "2025-03-28T11:34:46.794Z",
        ),
        (
            DateTime::from(example_instant().with_timezone(&offset)),
            "2025-03-28T11:34:46.794Z",
        ),
        (
            DateTime::from(utc((2025, 3, 28), (11, 34, 46), 0)),
            "2025-03-28T11:34:46.000Z",
        ),
        (
            DateTime::from(utc((2025, 3, 28), (11, 34, 46), 794_999_999)),
            "2025-03-28T11:34:46.794Z",
        ),
    ];
    for (value, text) in cases {
        assert_eq!(value.raw(), text);
        assert!(value.is_exact_rfc3339(), "{text}");
        assert_eq!(
            serde_json::to_string(&value).expect("writes"),
            format!("\"{text}\"")
        );
        let reread: DateTime = text.parse().unwrap_or_else(|never| match never {});
        assert_eq!(reread, value, "{text}");
    }
}

#[test]
fn keeps_instants_beyond_rfc3339_years() {
    let far = utc((10000, 1, 1), (0, 0, 0), 0);
    let value = DateTime::from_instant(far);
    assert_eq!(value.instant(), Some(far));
    assert_eq!(value.form(), DateTimeForm::NonRfc3339Offset);
}

#[test]
fn writes_epoch_millis_as_an_integer() {
    let value = DateTime::from_epoch_millis(1_743_161_686_794);
    assert_eq!(
        serde_json::to_string(&value).expect("writes"),
        "1743161686794"
    );
    assert_eq!(value.instant(), Some(example_instant()));
    assert_eq!(value.form(), DateTimeForm::EpochMillis);
    let out_of_range = DateTime::from_epoch_millis(i64::MAX);
    assert_eq!(out_of_range.instant(), None);
}
