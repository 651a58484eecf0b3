//! Capturing a JSON value's own text from serde_json, with a `serde_json::Value` fallback for other deserializers.
//!
//! Without serde_json's `arbitrary_precision` feature (which cannot be used in a library:
//! Cargo features are global, and that one breaks `untagged` and `flatten` in the whole
//! program), a JSON number reaches a visitor as an `f64`, `i64` or `u64`, and digits beyond
//! those types are gone. serde_json's `raw_value` feature offers a way around it: asked for a
//! newtype struct with its private raw-value name, serde_json's own deserializers hand over
//! the value's text instead. Every other deserializer (serde's buffering for `flatten` and
//! `untagged`, another format) ignores the name; what it hands over is collected into a
//! `serde_json::Value` instead, where a number has already been read as a float or an integer.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::SeqAccessDeserializer;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// The newtype-struct name serde_json's deserializers answer with a value's raw text. It is
/// serde_json's private protocol for `RawValue`, stable since serde_json 1.0.44.
const RAW_TOKEN: &str = "$serde_json::private::RawValue";

/// What a deserializer handed over for one JSON value.
pub(super) enum Input {
    /// The value's JSON text: exactly as it was written when serde_json's own deserializers
    /// give it, or the digits of an integer wider than 64 bits from another deserializer.
    Raw(String),
    /// The value read by a deserializer that does not speak serde_json's raw-value protocol.
    Value(Value),
}

/// Reads one value through the raw-value protocol, falling back to a `serde_json::Value`.
/// `expecting` completes "invalid type: …, expected …" in the errors serde writes.
pub(super) fn capture<'de, D: Deserializer<'de>>(
    deserializer: D,
    expecting: &'static str,
) -> Result<Input, D::Error> {
    deserializer.deserialize_newtype_struct(
        RAW_TOKEN,
        CaptureVisitor {
            expecting,
            lifetime: PhantomData,
        },
    )
}

/// The visitor behind [`capture`]: the raw-value map from serde_json, anything else as a value.
struct CaptureVisitor<'de> {
    /// What the value should be, for error messages.
    expecting: &'static str,
    /// Ties the visitor to the deserializer's lifetime.
    lifetime: PhantomData<&'de ()>,
}

impl<'de> Visitor<'de> for CaptureVisitor<'de> {
    type Value = Input;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.expecting)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, inner: D) -> Result<Input, D::Error> {
        Value::deserialize(inner).map(Input::Value)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Input, A::Error> {
        // serde_json answers the raw-value request with a one-entry map whose key is the
        // token and whose value is the text. Any other map is a real JSON object from a
        // deserializer that ignored the request.
        let Some(first) = map.next_key::<String>()? else {
            return Ok(Input::Value(Value::Object(serde_json::Map::new())));
        };
        if first == RAW_TOKEN {
            return map.next_value::<String>().map(Input::Raw);
        }
        let mut object = serde_json::Map::new();
        object.insert(first, map.next_value()?);
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            object.insert(key, value);
        }
        Ok(Input::Value(Value::Object(object)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Input, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(Input::Value)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Input, E> {
        Ok(Input::Value(Value::Bool(value)))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Input, E> {
        Ok(Input::Value(Value::from(value)))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Input, E> {
        Ok(Input::Value(Value::from(value)))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Input, E> {
        // A `Value` holds integers up to 64 bits; a wider one keeps its digits as text,
        // which every reader here parses as it would parse the number itself.
        match (i64::try_from(value), u64::try_from(value)) {
            (Ok(small), _) => self.visit_i64(small),
            (_, Ok(unsigned)) => self.visit_u64(unsigned),
            _ => Ok(Input::Raw(value.to_string())),
        }
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Input, E> {
        match u64::try_from(value) {
            Ok(small) => self.visit_u64(small),
            Err(_) => Ok(Input::Raw(value.to_string())),
        }
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Input, E> {
        serde_json::Number::from_f64(value)
            .map(|number| Input::Value(Value::Number(number)))
            .ok_or_else(|| E::custom(format_args!("the number {value} is not finite")))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Input, E> {
        Ok(Input::Value(Value::String(value.to_owned())))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Input, E> {
        Ok(Input::Value(Value::String(value)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Input, E> {
        Ok(Input::Value(Value::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<Input, E> {
        Ok(Input::Value(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<Input, D::Error> {
        Value::deserialize(inner).map(Input::Value)
    }
}

/// The longest text quoted whole in an error message.
const QUOTED_CHARS: usize = 64;

/// Text for an error message: whole when short, else its beginning and a count, so that a
/// hostile server's megabyte of digits does not become a megabyte of error message.
pub(super) fn excerpt(text: &str) -> String {
    match text.char_indices().nth(QUOTED_CHARS) {
        None => text.to_owned(),
        Some((cut, _)) => format!("{}… ({} bytes)", &text[..cut], text.len()),
    }
}

/// A JSON value written as raw text, for serializing exact numbers: serde_json's serializers
/// copy the text verbatim, and its `Value` serializer parses it.
///
/// The text must be valid JSON; a text that is not becomes a serialization error rather than
/// broken output.
pub(super) fn serialize_raw<S: serde::Serializer>(
    text: String,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let raw = serde_json::value::RawValue::from_string(text).map_err(serde::ser::Error::custom)?;
    serde::Serialize::serialize(&raw, serializer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn captured(json: &str) -> Input {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        capture(&mut deserializer, "anything").expect(json)
    }

    #[test]
    fn serde_json_text_gives_the_raw_text() {
        for json in [
            "1.10",
            "-0",
            "1e400",
            "\"a\\u0041\"",
            "{\"a\": [1, 2]}",
            "null",
        ] {
            match captured(json) {
                Input::Raw(text) => assert_eq!(text, json),
                Input::Value(value) => panic!("{json}: {value:?}"),
            }
        }
    }

    #[test]
    fn quotes_long_text_in_part() {
        assert_eq!(excerpt("12.5"), "12.5");
        let long = "9".repeat(1000);
        assert_eq!(excerpt(&long), format!("{}… (1000 bytes)", "9".repeat(64)));
    }

    #[test]
    fn a_value_gives_its_own_text_and_buffering_gives_a_value() {
        let value: Value = serde_json::from_str("{\"n\": 1.5}").expect("JSON");
        match capture(&value["n"], "anything").expect("captures") {
            Input::Raw(text) => assert_eq!(text, "1.5"),
            Input::Value(value) => panic!("{value:?}"),
        }
        let buffered = serde::de::value::F64Deserializer::<serde_json::Error>::new(2.5);
        match capture(buffered, "anything").expect("captures") {
            Input::Value(value) => assert_eq!(value, 2.5),
            Input::Raw(text) => panic!("{text}"),
        }
    }
}
