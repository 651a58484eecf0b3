//! Server-sent events: a response's `text/event-stream` entry, the type of its events' data
//! (OpenAPI 3.2's `itemSchema`, which the 3.2 converter keeps as `x-generator-item-schema`, or
//! else the media type's `schema`; untyped or string data stays text), and the stream method
//! an operation gets for them.

use indexmap::IndexMap;
use openapiv3::MediaType;

use super::media::essence;
use super::responses::is_success;
use crate::ir::{Docs, EventData, EventStream, Operation, Response, TypeRef};
use crate::load::extras::ITEM_SCHEMA;
use crate::lower::schema::Hint;
use crate::lower::{Lowerer, SchemaRef};
use crate::names::Namespace;
use crate::pointer;

/// The media type of server-sent events.
pub(super) const EVENT_STREAM: &str = "text/event-stream";

/// Whether a media type is `text/event-stream` (with any parameters).
pub(super) fn is_event_stream(media_type: &str) -> bool {
    essence(media_type) == EVENT_STREAM
}

impl<'spec> Lowerer<'spec> {
    /// The data type of the events of a response's `content`, if it lists
    /// `text/event-stream`. `content_at` points at the `content` map.
    pub(super) fn lower_event_data(
        &mut self,
        content: &'spec IndexMap<String, MediaType>,
        content_at: &str,
        hint: &Hint,
    ) -> Option<EventData> {
        let (content_type, media) = content
            .iter()
            .find(|(content_type, _)| is_event_stream(content_type))?;
        let media_at = pointer::child(content_at, content_type);
        let item_at = pointer::child(&media_at, ITEM_SCHEMA);
        let extras = self.extras;
        let ty = match (extras.embedded.get(&item_at), &media.schema) {
            (Some(schema), _) => self.lower_type(SchemaRef::from_plain(schema), &item_at, hint),
            // The loader has warned that the item schema is no schema.
            (None, _) if media.extensions.contains_key(ITEM_SCHEMA) => TypeRef::Json,
            (None, Some(schema)) => self.lower_type(
                SchemaRef::from_plain(schema),
                &pointer::child(&media_at, "schema"),
                hint,
            ),
            (None, None) => return Some(EventData::Text),
        };
        Some(match ty {
            TypeRef::String => EventData::Text,
            ty => EventData::Json(ty),
        })
    }
}

/// The event stream of an operation whose success responses list `text/event-stream`, named
/// after the operation for now (see [`name_event_streams`]).
pub(super) fn plan_events(rust_name: &str, responses: &[Response]) -> Option<EventStream> {
    let success: Vec<&Response> = responses
        .iter()
        .filter(|response| is_success(response.status))
        .collect();
    let data = success
        .iter()
        .find_map(|response| response.events.clone())?;
    let only = success.iter().all(|response| {
        response
            .content_types
            .iter()
            .all(|media_type| is_event_stream(media_type))
    });
    let typed = matches!(data, EventData::Json(_));
    Some(EventStream {
        rust_name: rust_name.to_owned(),
        only,
        data,
        accept: EVENT_STREAM.to_owned(),
        docs: stream_docs(only, typed),
    })
}

/// The notes of a stream method: what it sends, what each item is, and how it ends.
fn stream_docs(only: bool, typed: bool) -> Docs {
    let typed = if typed {
        "each event's data is decoded as the event schema the document gives (OpenAPI 3.2's \
         `itemSchema`, or the `text/event-stream` schema)"
    } else {
        "each event's data is given as text (the document gives it no type)"
    };
    let mut notes = vec![format!(
        "Server-sent events (`text/event-stream`): {typed}. The request is sent when the \
         stream is first polled, with `Accept: text/event-stream`."
    )];
    if !only {
        notes.push(
            "The operation also answers with a single body; the plain method reads that one. \
             If the API chooses by a request field (such as `stream: true`), set it in the body."
                .to_owned(),
        );
    }
    notes.push(
        "An event whose data does not decode is an `Error::Event` item naming the event, and \
         the stream goes on; a body cut inside an event is an `Error::StreamCut` item, and an \
         error status is one `Error::Api` item; either ends the stream. An event whose data is \
         `[DONE]` ends it too. A stream that has started is never sent again; dropping it \
         closes the connection. The client's timeout bounds the wait for the response and \
         each wait for more events; its body limit bounds one event."
            .to_owned(),
    );
    Docs {
        text: String::new(),
        notes,
    }
}

/// Names the stream methods that sit beside a plain method `{name}_stream`, after every
/// operation has its name, so that no operation's own name changes for a stream method.
pub(super) fn name_event_streams(operations: &mut [Operation], operation_names: &mut Namespace) {
    for operation in operations {
        if let Some(events) = operation.call.events.as_mut() {
            if !events.only {
                events.rust_name =
                    operation_names.claim(&format!("{}_stream", operation.rust_name));
            }
        }
    }
}
