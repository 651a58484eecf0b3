//! The event parser against the WHATWG rules, fed whole and split at every byte boundary.

use std::collections::VecDeque;

use super::{decode_event_json, Ending, EventParser, RawEvent};

fn raw(event: &str, data: &str, id: Option<&str>, retry: Option<u64>) -> RawEvent {
    RawEvent {
        event: event.to_owned(),
        data: data.to_owned(),
        id: id.map(str::to_owned),
        retry,
    }
}

/// Parses `body` fed in the given chunks; returns the events and how the body ended.
fn parse_chunks(chunks: &[&[u8]]) -> (Vec<RawEvent>, Ending) {
    let mut parser = EventParser::default();
    let mut ready = VecDeque::new();
    for chunk in chunks {
        parser.feed(chunk, &mut ready);
    }
    let ending = parser.finish();
    (ready.into_iter().collect(), ending)
}

const SAMPLE: &[u8] = b"\xEF\xBB\xBF: a comment\r\n\
retry: 1500\r\n\
data: first\r\n\
data:  second line\r\n\
\r\n\
event: update\rid: 7\rdata: {\"n\": 1}\r\r\
data\n\
\n\
id: 8\0x\n\
event: ignored-without-data\n\
\n\
retry: soon\n\
data: last\n";

fn sample_events() -> Vec<RawEvent> {
    vec![
        raw("message", "first\n second line", None, Some(1500)),
        raw("update", "{\"n\": 1}", Some("7"), None),
        raw("message", "", Some("7"), None),
        // The final event has no blank line after it, but its line ended: it is dispatched.
        raw("message", "last", Some("7"), None),
    ]
}

#[test]
fn parses_the_sample_whole() {
    let (events, ending) = parse_chunks(&[SAMPLE]);
    let mut expected = sample_events();
    let last = expected.pop();
    assert_eq!(events, expected);
    assert_eq!(ending, Ending::Clean(last));
}

#[test]
fn parses_the_sample_split_at_every_boundary() {
    for cut in 0..=SAMPLE.len() {
        let (head, tail) = SAMPLE.split_at(cut);
        let (mut events, ending) = parse_chunks(&[head, tail]);
        match ending {
            Ending::Clean(Some(last)) => events.push(last),
            other => panic!("split at {cut}: ended {other:?}"),
        }
        assert_eq!(events, sample_events(), "split at {cut}");
    }
    let bytes: Vec<&[u8]> = SAMPLE.chunks(1).collect();
    let (mut events, ending) = parse_chunks(&bytes);
    if let Ending::Clean(Some(last)) = ending {
        events.push(last);
    }
    assert_eq!(events, sample_events(), "one byte at a time");
}

#[test]
fn a_body_cut_inside_a_line_is_a_cut() {
    let (events, ending) = parse_chunks(&[b"data: one\n\ndata: {\"partial"]);
    assert_eq!(events, vec![raw("message", "one", None, None)]);
    assert_eq!(ending, Ending::Cut);
}

#[test]
fn a_clean_end_without_a_pending_event_yields_nothing() {
    let (events, ending) = parse_chunks(&[b"data: one\n\n: bye\n"]);
    assert_eq!(events.len(), 1);
    assert_eq!(ending, Ending::Clean(None));
    let (events, ending) = parse_chunks(&[b""]);
    assert!(events.is_empty());
    assert_eq!(ending, Ending::Clean(None));
}

#[test]
fn a_crlf_split_between_chunks_ends_one_line() {
    let (events, _) = parse_chunks(&[b"data: a\r", b"\ndata: b\r", b"\n\r", b"\n"]);
    assert_eq!(events, vec![raw("message", "a\nb", None, None)]);
}

#[test]
fn the_pending_length_counts_the_event_being_assembled() {
    let mut parser = EventParser::default();
    let mut ready = VecDeque::new();
    parser.feed(b"data: 12345\ndata: 678", &mut ready);
    assert_eq!(
        parser.pending_len(),
        "12345\n".len() + "678".len() + "data: ".len()
    );
    parser.feed(b"\n\n", &mut ready);
    assert_eq!(parser.pending_len(), 0);
}

#[test]
fn json_data_decodes_or_names_the_path() {
    let value: Vec<u8> = decode_event_json("[1, 2]").expect("a list of bytes");
    assert_eq!(value, [1, 2]);
    let error = decode_event_json::<Vec<u8>>("[1, 300]").expect_err("300 is no byte");
    assert!(error.to_string().contains("[1]"), "{error}");
    assert!(decode_event_json::<Vec<u8>>("[1] x").is_err());
}
