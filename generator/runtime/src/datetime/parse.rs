//! Lenient reading of date-time text: RFC 3339 and the near misses that Java back ends write.

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

use super::DateTimeForm;

/// Reads `text` as a date-time in any accepted form, or returns `None`.
///
/// The accepted grammar is `YYYY-MM-DD`, then `T`, `t` or a space, then
/// `hh:mm[:ss[.fraction]]`, then `Z`, `z`, `±hh:mm`, `±hhmm`, `±hh` or nothing.
/// Surrounding whitespace is ignored. Text without an offset is read as UTC and
/// reported as [`DateTimeForm::NoOffsetAssumedUtc`], because Jackson writes a
/// `LocalDateTime` that way and a UTC guess is the least surprising one.
pub(super) fn parse(text: &str) -> Option<(chrono::DateTime<FixedOffset>, DateTimeForm)> {
    let mut cursor = Cursor {
        rest: text.trim().as_bytes(),
    };
    let date = cursor.date()?;
    let separator = cursor.separator()?;
    let (time, has_seconds) = cursor.time()?;
    let offset = cursor.offset()?;
    if !cursor.rest.is_empty() {
        return None;
    }
    let (fixed, form) = match offset {
        Offset::Missing => (FixedOffset::east_opt(0)?, DateTimeForm::NoOffsetAssumedUtc),
        Offset::Written { seconds, rfc3339 } => {
            let exact = rfc3339 && has_seconds && separator != b' ';
            let form = if exact {
                DateTimeForm::Rfc3339
            } else {
                DateTimeForm::NonRfc3339Offset
            };
            (FixedOffset::east_opt(seconds)?, form)
        }
    };
    let instant = fixed
        .from_local_datetime(&NaiveDateTime::new(date, time))
        .single()?;
    Some((instant, form))
}

/// The offset part of a date-time text.
enum Offset {
    /// No offset was written at all.
    Missing,
    /// An offset east of UTC in seconds, and whether it was written the RFC 3339 way.
    Written { seconds: i32, rfc3339: bool },
}

/// A forward-only reader over the bytes of a date-time text.
struct Cursor<'a> {
    rest: &'a [u8],
}

impl Cursor<'_> {
    /// Consumes `byte` if it comes next.
    fn take(&mut self, byte: u8) -> bool {
        match self.rest.split_first() {
            Some((first, rest)) if *first == byte => {
                self.rest = rest;
                true
            }
            _ => false,
        }
    }

    /// Consumes `byte`, or fails when something else comes next.
    fn require(&mut self, byte: u8) -> Option<()> {
        self.take(byte).then_some(())
    }

    /// Consumes exactly `count` ASCII digits and returns their value.
    fn digits(&mut self, count: usize) -> Option<u32> {
        let (head, rest) = self.rest.split_at_checked(count)?;
        let mut value = 0u32;
        for byte in head {
            if !byte.is_ascii_digit() {
                return None;
            }
            value = value * 10 + u32::from(byte - b'0');
        }
        self.rest = rest;
        Some(value)
    }

    /// Reads `YYYY-MM-DD`.
    fn date(&mut self) -> Option<NaiveDate> {
        let year = self.digits(4)?;
        self.require(b'-')?;
        let month = self.digits(2)?;
        self.require(b'-')?;
        let day = self.digits(2)?;
        NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
    }

    /// Reads the date/time separator and returns it.
    fn separator(&mut self) -> Option<u8> {
        let (first, rest) = self.rest.split_first()?;
        let separator = matches!(first, b'T' | b't' | b' ').then_some(*first)?;
        self.rest = rest;
        Some(separator)
    }

    /// Reads `hh:mm[:ss[.fraction]]` and tells whether seconds were written.
    fn time(&mut self) -> Option<(NaiveTime, bool)> {
        let hour = self.digits(2)?;
        self.require(b':')?;
        let minute = self.digits(2)?;
        let has_seconds = self.take(b':');
        let (second, nanos) = if has_seconds {
            let second = self.digits(2)?;
            let nanos = if self.take(b'.') { self.fraction()? } else { 0 };
            (second, nanos)
        } else {
            (0, 0)
        };
        // RFC 3339 allows a leap second written as `:60`; chrono expresses it as
        // second 59 with a nanosecond count of one second or more.
        let time = if second == 60 {
            NaiveTime::from_hms_nano_opt(hour, minute, 59, nanos + 1_000_000_000)
        } else {
            NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
        }?;
        Some((time, has_seconds))
    }

    /// Reads one or more fraction digits as nanoseconds.
    ///
    /// RFC 3339 allows any number of digits; those past the ninth are below
    /// chrono's resolution and are dropped from the instant (the wire text
    /// keeps them).
    fn fraction(&mut self) -> Option<u32> {
        let count = self.rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return None;
        }
        let (digits, rest) = self.rest.split_at_checked(count)?;
        let mut nanos = 0u32;
        for position in 0..9 {
            let digit = digits
                .get(position)
                .map_or(0, |byte| u32::from(byte - b'0'));
            nanos = nanos * 10 + digit;
        }
        self.rest = rest;
        Some(nanos)
    }

    /// Reads `Z`, `±hh:mm`, `±hhmm`, `±hh` or nothing.
    fn offset(&mut self) -> Option<Offset> {
        if self.rest.is_empty() {
            return Some(Offset::Missing);
        }
        if self.take(b'Z') || self.take(b'z') {
            return Some(Offset::Written {
                seconds: 0,
                rfc3339: true,
            });
        }
        let sign = if self.take(b'+') {
            1
        } else if self.take(b'-') {
            -1
        } else {
            return None;
        };
        let hours = self.digits(2)?;
        let colon = self.take(b':');
        let minutes = if colon || !self.rest.is_empty() {
            self.digits(2)?
        } else {
            0
        };
        if hours > 23 || minutes > 59 {
            return None;
        }
        let seconds = sign * i32::try_from(hours * 3600 + minutes * 60).ok()?;
        Some(Offset::Written {
            seconds,
            rfc3339: colon,
        })
    }
}
