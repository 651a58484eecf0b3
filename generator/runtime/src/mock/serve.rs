//! The mock's server loop on hyper: accepts loopback connections, reads each request, routes and checks it, picks the expectation that answers it and writes (or withholds) the answer.

use std::future::{poll_fn, Future as _};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use super::expectation::Answer;
use super::received::ReceivedRequest;
use super::spec::{Check, MockOperation, Route};
use super::State;

/// The largest request body the mock reads; a larger one is answered 413.
const MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;

/// Accepts connections until the task is aborted (when the server is dropped).
pub(super) async fn serve(listener: TcpListener, state: Arc<Mutex<State>>) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, say: wait a little rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let state = Arc::clone(&state);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let state = Arc::clone(&state);
                async move { answer(&state, request).await }
            });
            // A connection the client closes, or one the mock drops on purpose, ends here.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// The error a service returns to make hyper close the connection without answering.
#[derive(Debug)]
pub(super) struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("the mock drops the connection, as the expectation says")
    }
}

impl std::error::Error for Dropped {}

/// Reads, records and answers one request.
async fn answer(
    state: &Mutex<State>,
    request: Request<Incoming>,
) -> Result<Response<MockResponseBody>, Dropped> {
    let (parts, body) = request.into_parts();
    let body = match read_body(body).await {
        Ok(body) => body,
        Err(reason) => return Ok(problem_response(413, &reason)),
    };
    let query = parts
        .uri
        .query()
        .map(|query| {
            form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default();
    let mut received = ReceivedRequest {
        operation: None,
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query,
        headers: parts.headers,
        body,
    };
    let (answer, delay) = decide(state, &mut received);
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    match answer {
        Answer::DropConnection => Err(Dropped),
        Answer::Complete {
            status,
            content_type,
            body,
        } => Ok(response(status, content_type.as_deref(), body, None)),
        Answer::CutShort {
            status,
            content_type,
            sent,
            promised,
        } => Ok(response(
            status,
            content_type.as_deref(),
            sent,
            Some(promised),
        )),
    }
}

/// Routes the request, checks it, records it and its problems, and picks the answer; the
/// lock is held only here, never across an await.
fn decide(state: &Mutex<State>, received: &mut ReceivedRequest) -> (Answer, Option<Duration>) {
    // A matcher that panicked poisoned the lock; the state is still consistent.
    let mut state = state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let line = format!("{} {}", received.method, received.path);
    let operation = route(&state.operations, received);
    let Some(operation) = operation else {
        let allowed = state.operations.iter().any(|operation| {
            operation.route(&received.method, &received.path) == Route::OtherMethod
        });
        let reason = if allowed {
            format!("unexpected request `{line}`: the API has this path, but not with this method")
        } else {
            format!("unexpected request `{line}`: no operation of the API has this path")
        };
        state.problems.push(reason.clone());
        state.received.push(received.clone());
        return (
            problem_answer(if allowed { 405 } else { 404 }, &reason),
            None,
        );
    };
    received.operation = Some(operation.operation_id);
    state.received.push(received.clone());
    let checks = operation.check(received, &state.expected_authorization);
    if let Some(first) = checks.first() {
        let status = match first {
            Check::Credentials(_) => 401,
            Check::Input(_) => 400,
        };
        let texts: Vec<&str> = checks.iter().map(Check::text).collect();
        let reason = format!("{}: `{line}`: {}", operation.operation_id, texts.join("; "));
        state.problems.push(reason.clone());
        return (problem_answer(status, &reason), None);
    }
    let mut exhausted = false;
    for expectation in state.expectations.iter_mut() {
        if expectation.accepts(received) {
            if expectation.has_room() {
                expectation.hits += 1;
                return (expectation.answer.clone(), expectation.delay);
            }
            exhausted = true;
        }
    }
    let reason = if exhausted {
        format!(
            "{}: unexpected request `{line}`: every expectation it matches has had its count",
            operation.operation_id
        )
    } else {
        format!(
            "{}: unexpected request `{line}`: no expectation of this operation matches it",
            operation.operation_id
        )
    };
    state.problems.push(reason.clone());
    (problem_answer(501, &reason), None)
}

/// The operation whose method and path the request has.
fn route(
    operations: &[&'static MockOperation],
    received: &ReceivedRequest,
) -> Option<&'static MockOperation> {
    operations
        .iter()
        .copied()
        .find(|operation| operation.route(&received.method, &received.path) == Route::Matches)
}

/// The text answer to a request the mock refuses.
fn problem_answer(status: u16, reason: &str) -> Answer {
    Answer::Complete {
        status,
        content_type: Some("text/plain; charset=utf-8".to_owned()),
        body: Bytes::from(format!("openapi mock: {reason}")),
    }
}

fn problem_response(status: u16, reason: &str) -> Response<MockResponseBody> {
    let body = Bytes::from(format!("openapi mock: {reason}"));
    response(status, Some("text/plain; charset=utf-8"), body, None)
}

/// A response; `promised` is a `Content-Length` larger than the body, for a body cut short.
fn response(
    status: u16,
    content_type: Option<&str>,
    body: Bytes,
    promised: Option<usize>,
) -> Response<MockResponseBody> {
    let cut_short = promised.is_some();
    let length = promised.unwrap_or(body.len());
    let mut response = Response::new(MockResponseBody {
        data: (!body.is_empty()).then_some(body),
        cut_short,
        pause: None,
    });
    // An invalid code (above 999) cannot be sent; 500 says the mock was told something wrong.
    *response.status_mut() =
        hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    if let Some(value) = content_type.and_then(|text| HeaderValue::from_str(text).ok()) {
        headers.insert(CONTENT_TYPE, value);
    }
    headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
    response
}

/// Reads the whole request body, up to [`MAX_REQUEST_BYTES`].
async fn read_body(mut body: Incoming) -> Result<Bytes, String> {
    let mut bytes = Vec::new();
    while let Some(frame) = poll_fn(|context| Pin::new(&mut body).poll_frame(context)).await {
        let frame = frame.map_err(|error| format!("the request body cannot be read: {error}"))?;
        if let Ok(data) = frame.into_data() {
            if bytes.len() + data.len() > MAX_REQUEST_BYTES {
                return Err("the request body is larger than the mock reads".to_owned());
            }
            bytes.extend_from_slice(&data);
        }
    }
    Ok(Bytes::from(bytes))
}

/// The body of a mock response: its bytes in one frame, then, for a body cut short, an error
/// that makes hyper close the connection before the promised length.
pub(super) struct MockResponseBody {
    /// The bytes not yet sent.
    data: Option<Bytes>,
    /// Whether the body ends in an error.
    cut_short: bool,
    /// The wait between the bytes and the error, so that hyper sends the headers and the
    /// bytes before it closes the connection.
    pause: Option<Pin<Box<tokio::time::Sleep>>>,
}

/// How long a body cut short waits after its bytes before the connection closes.
const CUT_SHORT_PAUSE: Duration = Duration::from_millis(50);

impl Body for MockResponseBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        context: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        let this = self.get_mut();
        if let Some(data) = this.data.take() {
            return Poll::Ready(Some(Ok(Frame::data(data))));
        }
        if !this.cut_short {
            return Poll::Ready(None);
        }
        let pause = this
            .pause
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(CUT_SHORT_PAUSE)));
        if pause.as_mut().poll(context).is_pending() {
            return Poll::Pending;
        }
        this.cut_short = false;
        Poll::Ready(Some(Err(std::io::Error::other("the body is cut short"))))
    }

    fn is_end_stream(&self) -> bool {
        self.data.is_none() && !self.cut_short
    }

    fn size_hint(&self) -> SizeHint {
        match (&self.data, self.cut_short) {
            (Some(data), false) => SizeHint::with_exact(data.len() as u64),
            (None, false) => SizeHint::with_exact(0),
            (_, true) => SizeHint::default(),
        }
    }
}
