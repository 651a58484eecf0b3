//! Server-sent events: the [`Event`] a stream yields, and the parser that cuts a
//! `text/event-stream` body into events by the WHATWG rules, whatever the chunking.
//!
//! The parser is written here rather than taken from a crate: the WHATWG algorithm is about a
//! hundred lines, and the client needs two things the crates we judged (`eventsource-stream`,
//! `sse-stream`) do not give: telling a body cut inside a line apart from a final event
//! without its blank line, and the size of the event being assembled, so that the transport's
//! body limit bounds one event rather than a stream meant to run for hours.

#[cfg(test)]
mod tests;

use std::collections::VecDeque;
use std::time::Duration;

use serde::de::DeserializeOwned;

use super::decode::DecodeError;

/// One server-sent event whose data decoded as `T`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Event<T> {
    /// The event's type: its `event:` field, or `message` when it has none.
    pub event: String,
    /// The decoded `data:` (its lines joined with `\n`).
    pub data: T,
    /// The last event ID the stream set (`id:`), which a later event keeps until another
    /// `id:` changes it; `None` until one is set.
    pub id: Option<String>,
    /// The reconnection time the server last asked for (`retry:`) since the previous event.
    /// The client never reconnects by itself; it is given for callers who do.
    pub retry: Option<Duration>,
}

/// An event as parsed, before its data is decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct RawEvent {
    /// The event's type.
    pub(super) event: String,
    /// The data lines joined with `\n`.
    pub(super) data: String,
    /// The last event ID.
    pub(super) id: Option<String>,
    /// The latest `retry:` since the previous event, in milliseconds.
    pub(super) retry: Option<u64>,
}

impl RawEvent {
    /// Decodes the data with `decode`, keeping the other fields.
    pub(super) fn decode<T>(
        self,
        decode: impl Fn(&str) -> Result<T, DecodeError>,
    ) -> Result<Event<T>, (Self, DecodeError)> {
        match decode(&self.data) {
            Ok(data) => Ok(Event {
                event: self.event,
                data,
                id: self.id,
                retry: self.retry.map(Duration::from_millis),
            }),
            Err(error) => Err((self, error)),
        }
    }
}

/// Decodes an event's data as JSON of `T`.
///
/// # Errors
///
/// [`DecodeError::Json`] when the data is not JSON, or not a `T`.
pub fn decode_event_json<T: DeserializeOwned>(data: &str) -> Result<T, DecodeError> {
    let mut deserializer = serde_json::Deserializer::from_str(data);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        DecodeError::Json {
            path,
            source: error.into_inner(),
        }
    })?;
    deserializer.end().map_err(|source| DecodeError::Json {
        path: ".".to_owned(),
        source,
    })?;
    Ok(value)
}

/// Keeps an event's data as text, for a stream whose events the document does not type.
///
/// # Errors
///
/// None: any data is text.
pub fn decode_event_text(data: &str) -> Result<String, DecodeError> {
    Ok(data.to_owned())
}

/// How a body ended, as [`EventParser::finish`] tells it.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Ending {
    /// At a line end: every event is out, the last even without its blank line.
    Clean(Option<RawEvent>),
    /// Inside a line: the body was cut short.
    Cut,
}

/// Cuts a `text/event-stream` body into events, fed one chunk at a time.
#[derive(Debug, Default)]
pub(super) struct EventParser {
    /// The bytes of the line not yet ended.
    line: Vec<u8>,
    /// Whether the last byte fed was a CR, so that an LF right after it ends no new line.
    after_cr: bool,
    /// Whether any byte was fed, so that only the stream's first may be a byte order mark.
    started: bool,
    /// The data buffer of the event being assembled.
    data: String,
    /// Whether the block has a `data:` line (an empty `data:` still makes an event).
    has_data: bool,
    /// The event type buffer.
    event: String,
    /// The last event ID buffer, which lasts across events.
    id: Option<String>,
    /// The latest `retry:` value not yet given with an event.
    retry: Option<u64>,
}

impl EventParser {
    /// Feeds the next chunk of the body; the events it completes go to `ready`.
    pub(super) fn feed(&mut self, mut chunk: &[u8], ready: &mut VecDeque<RawEvent>) {
        if !self.started && !chunk.is_empty() {
            self.started = true;
            chunk = chunk.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(chunk);
        }
        for &byte in chunk {
            match byte {
                b'\n' if self.after_cr => self.after_cr = false,
                b'\n' | b'\r' => {
                    self.after_cr = byte == b'\r';
                    let line = std::mem::take(&mut self.line);
                    self.end_line(&line, ready);
                }
                _ => {
                    self.after_cr = false;
                    self.line.push(byte);
                }
            }
        }
    }

    /// The bytes held for the event being assembled: what the body limit bounds.
    pub(super) fn pending_len(&self) -> usize {
        self.line.len() + self.data.len() + self.event.len()
    }

    /// Ends the body: the event of a last block without its blank line, or a cut.
    pub(super) fn finish(mut self) -> Ending {
        if !self.line.is_empty() {
            return Ending::Cut;
        }
        let mut ready = VecDeque::new();
        self.dispatch(&mut ready);
        Ending::Clean(ready.pop_front())
    }

    /// One line: a blank line dispatches, a `:` line is a comment, anything else a field.
    fn end_line(&mut self, line: &[u8], ready: &mut VecDeque<RawEvent>) {
        if line.is_empty() {
            self.dispatch(ready);
            return;
        }
        if line.first() == Some(&b':') {
            return;
        }
        let line = String::from_utf8_lossy(line);
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line.as_ref(), ""),
        };
        match field {
            "data" => {
                self.data.push_str(value);
                self.data.push('\n');
                self.has_data = true;
            }
            "event" => value.clone_into(&mut self.event),
            "id" if !value.contains('\0') => self.id = Some(value.to_owned()),
            "retry" if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) => {
                self.retry = value.parse().ok();
            }
            // Unknown fields, and an `id` or `retry` of the wrong form, are ignored.
            _ => {}
        }
    }

    /// Dispatches the block's event, if it has data, and starts a new block.
    fn dispatch(&mut self, ready: &mut VecDeque<RawEvent>) {
        let event = std::mem::take(&mut self.event);
        if !std::mem::take(&mut self.has_data) {
            self.data.clear();
            return;
        }
        let mut data = std::mem::take(&mut self.data);
        if data.ends_with('\n') {
            data.pop();
        }
        ready.push_back(RawEvent {
            event: if event.is_empty() {
                "message".to_owned()
            } else {
                event
            },
            data,
            id: self.id.clone(),
            retry: self.retry.take(),
        });
    }
}
