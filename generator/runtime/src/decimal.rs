//! Exact decimals: the `exact` serde helpers and the `Exact` trait, for fields holding `rust_decimal::Decimal`.

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::raw::{capture, excerpt, serialize_raw, Input};

/// Serde helpers for fields holding `rust_decimal::Decimal`, used as
/// `#[serde(with = "…::runtime::exact")]`. They read a JSON number from its own text, so no
/// digit is lost, and write it back verbatim.
///
/// Reading accepts a JSON number in any notation (`12.50`, `-0.5`, `1e3`) and a JSON string
/// holding a decimal (`"12.50"`). A number with more significant digits than a `Decimal`
/// holds (28 or 29) is an error that quotes the number: it is never rounded silently. Writing
/// gives the decimal's exact text as a JSON number, with its scale (`12.50` stays `12.50`).
///
/// The helpers work on `Decimal` and on `Option`, `Vec`, `BTreeMap<String, _>` and `Box` of
/// those (see [`Exact`]). For an `Option` field, add `#[serde(default)]` too: serde does not
/// treat a missing field as `None` when a `with` module reads it.
///
/// # Where exactness cannot be kept
///
/// The digits are read from the text serde_json parses, so they are exact whenever a value
/// is decoded by `serde_json::from_str`, `from_slice` or `from_reader`, through any nesting
/// of structs, enums with the default (external) tagging, options, sequences and maps. In a
/// few places serde_json has already turned the number into an `f64` before the helper sees
/// it, and a number with more than about 17 significant digits arrives rounded:
///
/// - a value decoded from a `serde_json::Value` (`serde_json::from_value`), because a `Value`
///   holds numbers as `f64`, `i64` or `u64`;
/// - a field inside the caller's own `#[serde(untagged)]`, `#[serde(flatten)]` or internally
///   tagged (`#[serde(tag = "…")]`) container, because serde buffers the input there. The
///   generated unions do not buffer this way: they capture the text (see `union::Captured`).
///
/// Writing is verbatim with serde_json's serializers (`to_string`, `to_vec`, `to_writer`);
/// `serde_json::to_value` rounds the same way. Another serializer sees serde_json's raw-value
/// protocol (a one-field struct) rather than a number, so use these helpers with JSON only.
pub mod exact {
    use super::Exact;
    use serde::{Deserializer, Serializer};

    /// Writes the decimal (or the container of decimals) with each decimal as its exact text.
    ///
    /// # Errors
    ///
    /// The serializer's error.
    pub fn serialize<T: Exact, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize_exact(serializer)
    }

    /// Reads the decimal (or the container of decimals) from each number's own text.
    ///
    /// # Errors
    ///
    /// The deserializer's error, or one quoting a number that a `Decimal` cannot hold.
    pub fn deserialize<'de, T: Exact, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        T::deserialize_exact(deserializer)
    }
}

/// A type the [`exact`] helpers can read and write: `Decimal`, and `Option`, `Vec`,
/// `BTreeMap<String, _>` and `Box` of a type that is `Exact` itself.
pub trait Exact: Sized {
    /// Writes the value, each decimal as its exact text.
    ///
    /// # Errors
    ///
    /// The serializer's error.
    fn serialize_exact<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;

    /// Reads the value, each decimal from its own text.
    ///
    /// # Errors
    ///
    /// The deserializer's error, or one quoting a number that a `Decimal` cannot hold.
    fn deserialize_exact<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

/// Wraps a reference so that containers serialize their items through [`Exact`].
struct Writes<'a, T>(&'a T);

impl<T: Exact> Serialize for Writes<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_exact(serializer)
    }
}

/// Wraps a value so that containers deserialize their items through [`Exact`].
struct Reads<T>(T);

impl<'de, T: Exact> Deserialize<'de> for Reads<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize_exact(deserializer).map(Reads)
    }
}

impl Exact for Decimal {
    fn serialize_exact<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // `Display` writes every digit and the scale, never an exponent: valid JSON number text.
        serialize_raw(self.to_string(), serializer)
    }

    fn deserialize_exact<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let input = capture(deserializer, "a decimal number or a string holding one")?;
        decimal_from_input(input).map_err(D::Error::custom)
    }
}

impl<T: Exact> Exact for Option<T> {
    fn serialize_exact<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => serializer.serialize_some(&Writes(value)),
            None => serializer.serialize_none(),
        }
    }

    fn deserialize_exact<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<Reads<T>>::deserialize(deserializer).map(|read| read.map(|Reads(value)| value))
    }
}

impl<T: Exact> Exact for Vec<T> {
    fn serialize_exact<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(Writes))
    }

    fn deserialize_exact<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Reads<T>>::deserialize(deserializer)
            .map(|items| items.into_iter().map(|Reads(value)| value).collect())
    }
}

impl<T: Exact> Exact for BTreeMap<String, T> {
    fn serialize_exact<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(key, value)| (key, Writes(value))))
    }

    fn deserialize_exact<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        BTreeMap::<String, Reads<T>>::deserialize(deserializer).map(|entries| {
            entries
                .into_iter()
                .map(|(key, Reads(value))| (key, value))
                .collect()
        })
    }
}

impl<T: Exact> Exact for Box<T> {
    fn serialize_exact<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize_exact(serializer)
    }

    fn deserialize_exact<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize_exact(deserializer).map(Box::new)
    }
}

/// Reads a decimal from what the deserializer handed over.
fn decimal_from_input(input: Input) -> Result<Decimal, String> {
    match input {
        Input::Raw(text) if text.starts_with('"') => {
            let inner: String = serde_json::from_str(&text).map_err(|error| error.to_string())?;
            parse_decimal(&inner)
        }
        Input::Raw(text) => match text.bytes().next() {
            Some(b'-' | b'0'..=b'9') => parse_decimal(&text),
            first => {
                let found = match first {
                    Some(b't' | b'f') => "a boolean",
                    Some(b'[') => "an array",
                    Some(b'{') => "an object",
                    _ => "null",
                };
                Err(format!(
                    "invalid decimal: expected a number or a string holding one, found {found}"
                ))
            }
        },
        Input::Value(serde_json::Value::String(text)) => parse_decimal(&text),
        Input::Value(serde_json::Value::Number(number)) => {
            // Without the raw text the number was read as an integer or an `f64`; an `f64`
            // prints as its shortest round-trip text, the best that is left to read.
            parse_decimal(&number.to_string())
        }
        Input::Value(other) => {
            let found = match other {
                serde_json::Value::Bool(_) => "a boolean",
                serde_json::Value::Array(_) => "an array",
                serde_json::Value::Object(_) => "an object",
                _ => "null",
            };
            Err(format!(
                "invalid decimal: expected a number or a string holding one, found {found}"
            ))
        }
    }
}

/// The largest exponent read; anything beyond it is far outside a `Decimal`'s range, and
/// refusing it early keeps a hostile `1e999999999` from spelling out a billion digits.
const MAX_EXPONENT: i64 = 64;

/// Parses decimal text, in plain or scientific notation, refusing to round.
fn parse_decimal(text: &str) -> Result<Decimal, String> {
    let plain = plain_notation(text).ok_or_else(|| {
        format!(
            "invalid decimal: `{}` is not a number a decimal can hold",
            excerpt(text)
        )
    })?;
    Decimal::from_str_exact(&plain)
        .or_else(|error| {
            // Trailing zeros of the fraction are no significant digits; a text with more of
            // them than a `Decimal` can scale to still denotes a value it holds exactly.
            match plain.split_once('.') {
                Some((_, fraction)) if fraction.ends_with('0') => {
                    let trimmed = plain.trim_end_matches('0').trim_end_matches('.');
                    Decimal::from_str_exact(trimmed).map_err(|_| error)
                }
                _ => Err(error),
            }
        })
        .map_err(|_| {
            format!(
                "the number `{}` cannot be held exactly by a decimal, which keeps at most 28 to 29 significant digits and 28 after the point",
                excerpt(text)
            )
        })
}

/// Rewrites `1.5e3` as `1500` and `-25e-3` as `-0.025`; plain text comes back unchanged.
/// Returns `None` for text that is not a number, or whose exponent is far out of range.
fn plain_notation(text: &str) -> Option<String> {
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent.parse::<i64>().ok()?)),
        None => (text, None),
    };
    let (sign, unsigned) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa.strip_prefix('+').unwrap_or(mantissa)),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let Some(exponent) = exponent else {
        return Some(text.to_owned());
    };
    if exponent.abs() > MAX_EXPONENT {
        return None;
    }
    let digits = format!("{whole}{fraction}");
    // Where the point falls within `digits`, counted from the left; it may fall outside.
    let point = i64::try_from(whole.len()).ok()? + exponent;
    let length = i64::try_from(digits.len()).ok()?;
    let shifted = if point <= 0 {
        let zeros = usize::try_from(-point).ok()?;
        format!("0.{}{digits}", "0".repeat(zeros))
    } else if point >= length {
        let zeros = usize::try_from(point - length).ok()?;
        format!("{digits}{}", "0".repeat(zeros))
    } else {
        let (head, tail) = digits.split_at(usize::try_from(point).ok()?);
        format!("{head}.{tail}")
    };
    Some(format!("{sign}{shifted}"))
}
