//! The lenient, lossless `DateTime` used for every `date-time` field of the generated models.
//!
//! An API document may promise RFC 3339 while the server behind it writes
//! something else: Jackson, for one, writes `java.util.Date` as epoch
//! milliseconds, `+0000` offsets, and `LocalDateTime` without any offset. A
//! date-time the client cannot read must not make the whole response
//! undecodable, and re-sending a value must not alter it, so [`DateTime`] keeps
//! the exact wire form next to the instant it denotes.

mod parse;
#[cfg(test)]
mod tests;

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

use chrono::{FixedOffset, SecondsFormat, TimeZone, Utc};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::raw::{capture, excerpt, serialize_raw, Input};

/// Which form a [`DateTime`] was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DateTimeForm {
    /// RFC 3339 exactly, as the API document promises: `2025-03-28T11:34:46.794Z`
    /// or `2025-03-28T11:34:46+05:30`, with any number of fraction digits.
    Rfc3339,
    /// A date-time with an explicit offset, in a form RFC 3339 does not allow:
    /// an offset without a colon (`+0000`, Jackson's `StdDateFormat`) or with
    /// hours only, a space instead of `T`, or no seconds. The instant is exact.
    NonRfc3339Offset,
    /// A date-time without any offset (`2025-03-28T11:34:46.794`, Jackson's
    /// `LocalDateTime`, or the SQL form with a space). It was read as UTC, which
    /// is a guess: the server may have meant its own local time.
    NoOffsetAssumedUtc,
    /// A JSON integer of milliseconds since the Unix epoch, as Jackson writes a
    /// `java.util.Date` by default. The instant is exact when it is in range.
    EpochMillis,
    /// Nothing the lenient reader knows; only the wire form is available.
    Unreadable,
}

/// A date-time as received, together with the instant it denotes when that
/// could be read.
///
/// Deserializing accepts any JSON string (read leniently, see [`DateTimeForm`])
/// and any JSON integer (epoch milliseconds); serializing writes back exactly
/// what was received. A string that is no date-time is kept, not refused: its
/// [`DateTime::instant`] is `None`. Parsing text with `str::parse` (`FromStr`) behaves
/// the same way and never fails. A value built from a chrono instant is written as RFC 3339
/// in UTC with milliseconds, such as `2025-03-28T11:34:46.794Z`.
///
/// Equality and hashing compare the wire forms, so `2025-03-28T11:34:46Z` and
/// `2025-03-28T11:34:46.000Z` differ; compare [`DateTime::instant`] to compare
/// moments in time.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DateTime {
    /// The value exactly as it was (or will be) on the wire.
    wire: Wire,
    /// The instant with the offset that was written. It is kept as a
    /// `FixedOffset` rather than converted to UTC so that a server's local
    /// offset (say `+05:30`) stays visible; [`DateTime::instant`] gives UTC.
    instant: Option<chrono::DateTime<FixedOffset>>,
    /// How the wire form was read.
    form: DateTimeForm,
}

/// The JSON value a [`DateTime`] came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Wire {
    /// A JSON string, without its quotes.
    Text(String),
    /// A JSON integer, as its text. The text is read from the input itself (serde_json's
    /// raw-value protocol), so that even `-0` or an integer beyond `i64` is written back
    /// unchanged.
    Integer(String),
}

impl DateTime {
    /// Builds a value from a chrono instant; it is written as RFC 3339 in UTC
    /// with milliseconds (`2025-03-28T11:34:46.794Z`).
    ///
    /// Precision below one millisecond is dropped, so that the value stays equal
    /// to what reading its own wire form gives.
    pub fn from_instant<Tz: TimeZone>(instant: chrono::DateTime<Tz>) -> Self {
        let utc = instant.to_utc();
        let text = utc.to_rfc3339_opts(SecondsFormat::Millis, true);
        match parse::parse(&text) {
            Some((instant, form)) => Self {
                wire: Wire::Text(text),
                instant: Some(instant),
                form,
            },
            // chrono writes a year outside 0000–9999 with a sign and extra
            // digits, which RFC 3339 cannot express and the reader refuses; the
            // instant is still known exactly, so it is kept.
            None => Self {
                wire: Wire::Text(text),
                instant: chrono::DateTime::from_timestamp_millis(utc.timestamp_millis())
                    .map(|millis| millis.fixed_offset()),
                form: DateTimeForm::NonRfc3339Offset,
            },
        }
    }

    /// Builds a value written as a JSON integer of milliseconds since the Unix
    /// epoch, the way Jackson writes a `java.util.Date` by default.
    pub fn from_epoch_millis(millis: i64) -> Self {
        Self {
            wire: Wire::Integer(millis.to_string()),
            instant: chrono::DateTime::from_timestamp_millis(millis).map(|utc| utc.fixed_offset()),
            form: DateTimeForm::EpochMillis,
        }
    }

    /// Reads wire text leniently; text that is no known date-time is kept as is.
    fn from_wire_text(text: String) -> Self {
        let (instant, form) = match parse::parse(&text) {
            Some((instant, form)) => (Some(instant), form),
            None => (None, DateTimeForm::Unreadable),
        };
        Self {
            wire: Wire::Text(text),
            instant,
            form,
        }
    }

    /// Reads the text of a JSON number, which must be an integer of epoch milliseconds.
    fn from_wire_number(text: String) -> Result<Self, String> {
        if text.contains(['.', 'e', 'E']) {
            return Err(format!(
                "invalid date-time: expected a string or an integer of epoch milliseconds, found the non-integer number `{}`",
                excerpt(&text)
            ));
        }
        // An integer beyond `i64`, or beyond the years chrono can represent, is
        // still an integer the server sent: keep it rather than fail the response.
        let instant = text
            .parse::<i64>()
            .ok()
            .and_then(chrono::DateTime::from_timestamp_millis)
            .map(|utc| utc.fixed_offset());
        let form = if instant.is_some() {
            DateTimeForm::EpochMillis
        } else {
            DateTimeForm::Unreadable
        };
        Ok(Self {
            wire: Wire::Integer(text),
            instant,
            form,
        })
    }

    /// The instant in UTC, or `None` when the wire form could not be read.
    ///
    /// For [`DateTimeForm::NoOffsetAssumedUtc`] this is the local date-time read
    /// as UTC; check [`DateTime::form`] when that guess matters.
    pub fn instant(&self) -> Option<chrono::DateTime<Utc>> {
        self.instant.map(|instant| instant.to_utc())
    }

    /// The instant with the offset that was written (`+00:00` for `Z`, for
    /// epoch milliseconds and for a date-time without offset), or `None` when
    /// the wire form could not be read.
    pub fn instant_with_offset(&self) -> Option<chrono::DateTime<FixedOffset>> {
        self.instant
    }

    /// Which form the wire value was read from.
    pub fn form(&self) -> DateTimeForm {
        self.form
    }

    /// Whether the wire value is RFC 3339 exactly, as the API document promises.
    pub fn is_exact_rfc3339(&self) -> bool {
        self.form == DateTimeForm::Rfc3339
    }

    /// The wire form as text: the JSON string without quotes, or the digits of
    /// the JSON integer.
    pub fn raw(&self) -> &str {
        match &self.wire {
            Wire::Text(text) => text,
            Wire::Integer(digits) => digits,
        }
    }

    /// Whether the wire value is a JSON integer rather than a string.
    pub fn is_integer(&self) -> bool {
        matches!(self.wire, Wire::Integer(_))
    }
}

impl From<chrono::DateTime<Utc>> for DateTime {
    fn from(instant: chrono::DateTime<Utc>) -> Self {
        Self::from_instant(instant)
    }
}

impl From<chrono::DateTime<FixedOffset>> for DateTime {
    fn from(instant: chrono::DateTime<FixedOffset>) -> Self {
        Self::from_instant(instant)
    }
}

impl fmt::Display for DateTime {
    /// Writes the wire text, exactly as received.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.raw())
    }
}

impl FromStr for DateTime {
    type Err = Infallible;

    /// Reads text leniently, exactly as a JSON string on the wire is read.
    ///
    /// It never fails (the error type is [`Infallible`]): text that is no date-time the
    /// reader knows, such as `"not a date"` or `""`, gives a value whose
    /// [`form`](DateTime::form) is [`DateTimeForm::Unreadable`] and whose
    /// [`instant`](DateTime::instant) is `None`, and which keeps the text unchanged in
    /// [`raw`](DateTime::raw) and in its `Display` and serialized forms. Check `instant()` to
    /// know whether a date-time was read. Digits alone are text here, not epoch
    /// milliseconds (use [`DateTime::from_epoch_millis`] for those), so `"1743161686794"` is
    /// unreadable too.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(Self::from_wire_text(text.to_owned()))
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The number's own text is captured from serde_json, so that an integer beyond
        // `i64` or `-0` is kept exactly; other deserializers (and serde's buffering for
        // `flatten` and `untagged`) hand over a value, whose integers are exact too.
        let value = match capture(deserializer, "a date-time string or epoch milliseconds")? {
            Input::Raw(text) if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) => {
                return Self::from_wire_number(text).map_err(D::Error::custom);
            }
            Input::Raw(text) => serde_json::from_str(&text).map_err(D::Error::custom)?,
            Input::Value(value) => value,
        };
        match value {
            serde_json::Value::String(text) => Ok(Self::from_wire_text(text)),
            serde_json::Value::Number(number) => {
                Self::from_wire_number(number.to_string()).map_err(D::Error::custom)
            }
            other => Err(D::Error::custom(format_args!(
                "invalid date-time: expected a string or an integer of epoch milliseconds, found {}",
                describe(&other)
            ))),
        }
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.wire {
            Wire::Text(text) => serializer.serialize_str(text),
            // A plain integer is the portable way to write one; only a wire text that
            // `i128` would not reproduce (`-0`, or one beyond `i128`) goes through
            // serde_json's raw value, which its serializers write verbatim.
            Wire::Integer(digits) => match digits.parse::<i128>() {
                Ok(value) if value.to_string() == *digits => match i64::try_from(value) {
                    Ok(small) => serializer.serialize_i64(small),
                    Err(_) => serializer.serialize_i128(value),
                },
                _ => serialize_raw(digits.clone(), serializer),
            },
        }
    }
}

/// Names the JSON type of a value that cannot be a date-time, for error messages.
fn describe(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "null".to_owned(),
        serde_json::Value::Bool(flag) => format!("the boolean `{flag}`"),
        serde_json::Value::Number(number) => format!("the number `{number}`"),
        serde_json::Value::String(text) => format!("the string `{text}`"),
        serde_json::Value::Array(_) => "an array".to_owned(),
        serde_json::Value::Object(_) => "an object".to_owned(),
    }
}
