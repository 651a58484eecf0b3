//! Decoding the generated open string enums: a string, matched against the known values by the
//! enum's own `From<&str>`.
//!
//! The enums implement serde's traits by hand through this one visitor instead of deriving
//! them: a derived enum with an untagged catch-all variant expands to an externally tagged
//! visitor plus a buffered retry for the catch-all, a few hundred lines per enum, for what is
//! a string match the enum already has. A big API has thousands of such enums (GitHub's has
//! 3,021), so this is a large share of the crate's build.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Visitor};
use serde::Deserializer;

/// Decodes an open enum `T` from a string, borrowed where the format lends one; any string is
/// a value of `T`, and anything else is a type error.
#[doc(hidden)]
pub fn decode_open_str<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    deserializer.deserialize_str(OpenStr(PhantomData))
}

/// The visitor of [`decode_open_str`].
struct OpenStr<T>(PhantomData<T>);

impl<T> Visitor<'_> for OpenStr<T>
where
    T: for<'a> From<&'a str>,
{
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }

    // A derived `String` field takes UTF-8 bytes too (some binary formats send strings so);
    // the enum's catch-all was such a field, so it keeps taking them.
    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<T, E> {
        let text = std::str::from_utf8(value)
            .map_err(|_| E::invalid_value(de::Unexpected::Bytes(value), &self))?;
        Ok(T::from(text))
    }
}

#[cfg(test)]
mod tests {
    use super::decode_open_str;

    #[derive(Debug, PartialEq)]
    enum Sort {
        Created,
        Other(String),
    }

    impl From<&str> for Sort {
        fn from(value: &str) -> Self {
            match value {
                "created" => Sort::Created,
                other => Sort::Other(other.to_owned()),
            }
        }
    }

    fn decode(json: &str) -> Result<Sort, serde_json::Error> {
        decode_open_str(&mut serde_json::Deserializer::from_str(json))
    }

    #[test]
    fn a_known_value_an_unknown_one_and_an_escaped_one_decode() {
        assert_eq!(decode("\"created\"").unwrap(), Sort::Created);
        assert_eq!(
            decode("\"later\"").unwrap(),
            Sort::Other("later".to_owned())
        );
        // An escape makes serde_json hand over an owned string, not a borrowed one.
        assert_eq!(decode("\"cr\\u0065ated\"").unwrap(), Sort::Created);
    }

    #[test]
    fn a_value_that_is_not_a_string_is_a_type_error() {
        let error = decode("42").unwrap_err().to_string();
        assert!(error.contains("expected a string"), "{error}");
        assert!(decode("null").is_err());
    }
}
