//! `Transport::event_stream`: an operation answered with server-sent events, as a stream that
//! sends the request when first polled and reads the body only as fast as it is polled.
//!
//! Sending follows the same retry and redirect rules as any call, but only until a response
//! arrives: once the stream has started, nothing is sent again. The transport's timeout bounds
//! the wait for the response and then each wait for more of the body (not the whole body,
//! which may last for hours); its body limit bounds one event. Dropping the stream drops the
//! response, which closes the connection.

use std::collections::VecDeque;
use std::pin::Pin;

use futures_core::Stream;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use tracing::Instrument as _;

use super::super::decode::{DecodeError, RawResponse};
use super::super::error::Error;
use super::super::events::{Ending, Event, EventParser, RawEvent};
use super::super::request::{OperationSpec, Request};
use super::{error_response, read_response, Failure, Tally, Transport};

/// The data of the event by which OpenAI and the APIs that copy it end a stream. It is no
/// JSON, so it would otherwise be a decode error at the end of every such stream.
const DONE: &str = "[DONE]";

/// Where a stream is.
enum Phase<E> {
    /// Not sent yet (boxed, as the open phase is).
    Start(Box<Request>),
    /// Reading the body (boxed: it is far larger than the other phases).
    Open(Box<Open<E>>),
    /// Ended: after the last event, or an error that ends it.
    Done,
}

/// A response being read as events.
struct Open<E> {
    response: reqwest::Response,
    status: StatusCode,
    headers: HeaderMap,
    /// `None` once the body has ended.
    parser: Option<EventParser>,
    /// Events parsed but not yet yielded.
    ready: VecDeque<RawEvent>,
    /// The error that ends the stream, given once the events before it are out.
    failure: Option<Error<E>>,
}

/// The state of one stream: what it needs to go on, and where it is.
struct EventStream<D, F, E> {
    transport: Transport,
    op: &'static OperationSpec,
    data: D,
    error: F,
    phase: Phase<E>,
}

/// A stream of the events of one call.
pub(crate) type Events<T, E> =
    Pin<Box<dyn Stream<Item = Result<Event<T>, Error<E>>> + Send + 'static>>;

impl Transport {
    /// A stream of the events of an operation answered with `text/event-stream`: each
    /// event's data decoded with `data`; a non-2xx answer is one error, decoded with `error`
    /// as [`Transport::execute`] does, and ends the stream.
    ///
    /// An event whose data does not decode is an [`Error::Event`] item and the stream goes
    /// on; a body cut inside an event is [`Error::StreamCut`], a silent server
    /// [`Error::StreamTimeout`], and either ends it. An event whose data is `[DONE]` ends
    /// the stream too.
    #[doc(hidden)]
    pub fn event_stream<T, E, D, F>(
        &self,
        request: Request,
        data: D,
        error: F,
    ) -> impl Stream<Item = Result<Event<T>, Error<E>>> + Send + Unpin + 'static
    where
        T: Send + 'static,
        E: Send + Sync + 'static,
        D: Fn(&str) -> Result<T, DecodeError> + Send + Sync + 'static,
        F: Fn(&RawResponse) -> Result<E, DecodeError> + Send + Sync + 'static,
    {
        let state = EventStream {
            transport: self.clone(),
            op: request.operation(),
            data,
            error,
            phase: Phase::Start(Box::new(request)),
        };
        let events: Events<T, E> = Box::pin(futures_util::stream::unfold(state, EventStream::next));
        events
    }
}

impl<T, E, D, F> EventStream<D, F, E>
where
    D: Fn(&str) -> Result<T, DecodeError>,
    F: Fn(&RawResponse) -> Result<E, DecodeError>,
{
    /// The next item and the state after it, or `None` at the end.
    async fn next(mut self) -> Option<(Result<Event<T>, Error<E>>, Self)> {
        loop {
            match std::mem::replace(&mut self.phase, Phase::Done) {
                Phase::Done => return None,
                Phase::Start(request) => match self.open(&request).await {
                    Ok(open) => self.phase = Phase::Open(Box::new(open)),
                    Err(error) => return Some((Err(error), self)),
                },
                Phase::Open(mut open) => {
                    if let Some(raw) = open.ready.pop_front() {
                        if raw.data == DONE {
                            return None;
                        }
                        let item = raw
                            .decode(&self.data)
                            .map_err(|(raw, source)| Error::Event {
                                operation: self.op.operation_id,
                                event: raw.event,
                                id: raw.id,
                                data: raw.data,
                                source,
                            });
                        self.phase = Phase::Open(open);
                        return Some((item, self));
                    }
                    if let Some(failure) = open.failure.take() {
                        return Some((Err(failure), self));
                    }
                    // The body has ended and every event is out.
                    open.parser.as_ref()?;
                    if let Err(failure) = self.read_more(&mut open).await {
                        open.failure = Some(failure);
                    }
                    self.phase = Phase::Open(open);
                }
            }
        }
    }

    /// Sends the request; a 2xx answer is the open stream, any other the call's error.
    async fn open(&self, request: &Request) -> Result<Open<E>, Error<E>> {
        let op = self.op;
        let span = tracing::debug_span!(
            "http_event_stream",
            operation = op.operation_id,
            method = %op.method.to_method(),
            path_template = op.path_template,
        );
        let settings = &self.transport.settings;
        let fail = |failure: Failure| failure.into_error(op.operation_id);
        let timed_out = || Error::StreamTimeout {
            operation: op.operation_id,
            waited: settings.timeout,
        };
        let first = self.transport.first_hop(op, request).map_err(fail)?;
        let mut tally = Tally {
            stream: true,
            ..Tally::default()
        };
        let sent = self.transport.follow_redirects(op, first, &mut tally);
        let response = tokio::time::timeout(settings.timeout, sent.instrument(span))
            .await
            .map_err(|_| timed_out())?
            .map_err(fail)?;
        let status = response.status();
        if status.is_success() {
            tracing::debug!(status = status.as_u16(), "event stream open");
            return Ok(Open {
                status,
                headers: response.headers().clone(),
                response,
                parser: Some(EventParser::default()),
                ready: VecDeque::new(),
                failure: None,
            });
        }
        let read = read_response(response, settings.max_response_bytes);
        let raw = tokio::time::timeout(settings.timeout, read)
            .await
            .map_err(|_| timed_out())?
            .map_err(fail)?;
        Err(error_response(op, raw, &self.error))
    }

    /// Reads the next piece of the body into the parser, or ends it.
    async fn read_more(&self, open: &mut Open<E>) -> Result<(), Error<E>> {
        let op = self.op.operation_id;
        let settings = &self.transport.settings;
        let chunk = tokio::time::timeout(settings.timeout, open.response.chunk())
            .await
            .map_err(|_| Error::StreamTimeout {
                operation: op,
                waited: settings.timeout,
            })?
            .map_err(|source| Error::BodyRead {
                operation: op,
                status: open.status,
                headers: open.headers.clone(),
                source,
            })?;
        match (chunk, open.parser.as_mut()) {
            (Some(chunk), Some(parser)) => {
                parser.feed(&chunk, &mut open.ready);
                if parser.pending_len() > settings.max_response_bytes {
                    open.parser = None;
                    return Err(Error::BodyTooLarge {
                        operation: op,
                        status: open.status,
                        headers: open.headers.clone(),
                        limit: settings.max_response_bytes,
                    });
                }
                Ok(())
            }
            (None, Some(_)) | (_, None) => match open.parser.take().map(EventParser::finish) {
                Some(Ending::Clean(last)) => {
                    open.ready.extend(last);
                    Ok(())
                }
                Some(Ending::Cut) => Err(Error::StreamCut {
                    operation: op,
                    status: open.status,
                }),
                None => Ok(()),
            },
        }
    }
}
