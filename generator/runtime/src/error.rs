//! The error every generated operation returns, and what went wrong with an undecodable body.

use std::fmt;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use super::decode::DecodeError;

/// What is wrong with a response body that did not decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BodyProblem {
    /// The body is empty or only whitespace.
    Empty,
    /// The body is not JSON at all, such as an HTML error page from a proxy.
    NotJson,
    /// The body ends in the middle of a JSON value.
    Truncated,
    /// The body is valid JSON of a shape the expected type does not accept.
    Mismatch,
    /// The body was expected to be text but is not valid UTF-8.
    NotUtf8,
}

impl BodyProblem {
    /// Tells what is wrong with `body`, given the error decoding it gave.
    pub(super) fn classify(body: &[u8], error: &DecodeError) -> Self {
        let error = match error {
            DecodeError::NotUtf8 => return Self::NotUtf8,
            DecodeError::Json { source, .. } => source,
        };
        if body.iter().all(u8::is_ascii_whitespace) {
            return Self::Empty;
        }
        match error.classify() {
            serde_json::error::Category::Eof => Self::Truncated,
            serde_json::error::Category::Data => Self::Mismatch,
            // An I/O error cannot come from an in-memory slice; if one ever did,
            // the body was not readable JSON either.
            serde_json::error::Category::Syntax | serde_json::error::Category::Io => Self::NotJson,
        }
    }
}

impl fmt::Display for BodyProblem {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            Self::Empty => "the body is empty",
            Self::NotJson => "the body is not JSON",
            Self::Truncated => "the body ends in the middle of a JSON value",
            Self::Mismatch => "the body is JSON of an unexpected shape",
            Self::NotUtf8 => "the body is not valid UTF-8 text",
        })
    }
}

/// Why an operation failed; `E` is the type of its error bodies.
///
/// Every variant names the operation. The reqwest errors kept as sources print
/// the request URL; that URL never holds credentials, because the builder
/// refuses a base URL with userinfo and credentials travel in a header.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<E> {
    /// A caller's input was refused before anything was sent: a value that cannot be
    /// written in its parameter's style, a header value with a line break, a required input
    /// left unset, or a body that cannot be encoded (the parameter is then `body`).
    #[error("operation {operation}: invalid argument `{parameter}`: {reason}")]
    InvalidArgument {
        /// The operation's `operationId`.
        operation: &'static str,
        /// The parameter at fault.
        parameter: &'static str,
        /// What is wrong with it, quoting the value.
        reason: String,
    },
    /// No connection could be made; the server never saw the request.
    #[error("operation {operation}: cannot connect to the server")]
    Connect {
        /// The operation's `operationId`.
        operation: &'static str,
        /// The transport error.
        source: reqwest::Error,
    },
    /// The per-request timeout elapsed; the server may have seen the request.
    #[error("operation {operation}: the request timed out")]
    Timeout {
        /// The operation's `operationId`.
        operation: &'static str,
        /// The transport error.
        source: reqwest::Error,
    },
    /// The request failed in another way; the server may have seen it.
    #[error("operation {operation}: the request failed")]
    Request {
        /// The operation's `operationId`.
        operation: &'static str,
        /// The transport error.
        source: reqwest::Error,
    },
    /// The response body is larger than the configured limit, so it was not read.
    #[error("operation {operation}: the body of the status {status} response exceeds the limit of {limit} bytes")]
    BodyTooLarge {
        /// The operation's `operationId`.
        operation: &'static str,
        /// The response status.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// The limit that was exceeded, in bytes.
        limit: usize,
    },
    /// The response body could not be read to its end, for instance because the
    /// connection closed early or the timeout elapsed while reading.
    #[error("operation {operation}: the body of the status {status} response could not be read")]
    BodyRead {
        /// The operation's `operationId`.
        operation: &'static str,
        /// The response status.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// The transport error.
        source: reqwest::Error,
    },
    /// A body that should have decoded did not: a success (2xx) body, or the error body of a
    /// status the API document lists.
    #[error("operation {operation}: the body of the status {status} response does not decode: {problem}")]
    Decode {
        /// The operation's `operationId`.
        operation: &'static str,
        /// The response status.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// The raw body.
        body: Bytes,
        /// What is wrong with the body.
        problem: BodyProblem,
        /// The decoder's error; for JSON, with the path of the field (`paymentRequest.amount`)
        /// and the line and column of the problem.
        source: DecodeError,
    },
    /// The server answered with an error status (any status outside 2xx) and a body that
    /// decodes as the operation's error type.
    #[error("operation {operation}: the server answered with the error status {status}")]
    Api {
        /// The operation's `operationId`.
        operation: &'static str,
        /// The response status.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// The decoded error body.
        body: E,
        /// The raw body, for fields the error type does not describe.
        raw_body: Bytes,
        /// Whether the API document lists the status for the operation. An undocumented
        /// status whose body still decodes as the error type (a 409 or a 429 the document
        /// forgot) is reported here rather than as [`Error::UnexpectedStatus`].
        documented: bool,
    },
    /// The server answered with a status outside 2xx that the API document does not list,
    /// and a body that does not decode as the operation's error type.
    #[error("operation {operation}: the server answered with the undocumented status {status}")]
    UnexpectedStatus {
        /// The operation's `operationId`.
        operation: &'static str,
        /// The response status.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// The raw body.
        body: Bytes,
    },
    /// An event of a server-sent event stream whose data does not decode as the stream's
    /// event type. The stream goes on after it.
    #[error("operation {operation}: the data of the `{event}` event does not decode: {source}")]
    Event {
        /// The operation's `operationId`.
        operation: &'static str,
        /// The event's type (`message` when it names none).
        event: String,
        /// The last event ID the stream set, if any.
        id: Option<String>,
        /// The event's data, as received.
        data: String,
        /// The decoder's error.
        source: DecodeError,
    },
    /// A server-sent event stream ended inside an event (its last line unfinished): the
    /// connection was cut. Nothing is sent again.
    #[error("operation {operation}: the event stream of the status {status} response ended in the middle of an event")]
    StreamCut {
        /// The operation's `operationId`.
        operation: &'static str,
        /// The response status.
        status: StatusCode,
    },
    /// A server-sent event stream sent nothing for longer than the client's timeout (while
    /// waiting for the response, or between two pieces of the body).
    #[error("operation {operation}: the event stream sent nothing for {waited:?}")]
    StreamTimeout {
        /// The operation's `operationId`.
        operation: &'static str,
        /// How long the client waited.
        waited: std::time::Duration,
    },
    /// A paginated listing cannot go on: the server's link to the next page is unusable
    /// or leads to another origin (where the credentials must not go). The items of the
    /// pages before came first.
    #[error("operation {operation}: cannot fetch the next page: {reason}")]
    NextPage {
        /// The operation's `operationId`.
        operation: &'static str,
        /// What is wrong with the link, quoting it.
        reason: String,
    },
    /// The server answered with a 3xx status that was not followed (see
    /// [`RedirectPolicy`](super::RedirectPolicy) for which are): a `POST` answered with 301
    /// or 302, a redirect to another origin for a method other than `GET` or `HEAD`, too many
    /// redirects or a loop, a missing or unusable `Location`, or any 3xx under
    /// [`RedirectPolicy::none`](super::RedirectPolicy::none).
    ///
    /// The server did not act on the request at that URL; it asked for it to be sent
    /// elsewhere, and the client did not send it there. Nothing was replayed with another
    /// method or without its body. The one exception RFC 9110 makes is 303 See Other, by
    /// which a server may say that it did act and points at a result to fetch with `GET`:
    /// a 303 to a `POST` is reported here too, so treat it as "may have taken effect".
    #[error("operation {operation}: the server redirected with the status {status}, and the redirect was not followed")]
    Redirect {
        /// The operation's `operationId`.
        operation: &'static str,
        /// The response status.
        status: StatusCode,
        /// The `Location` header exactly as sent (possibly relative), when there was exactly
        /// one and it is visible ASCII text.
        location: Option<String>,
        /// The response headers.
        headers: HeaderMap,
    },
}

impl<E> Error<E> {
    /// The `operationId` of the operation that failed.
    pub fn operation(&self) -> &'static str {
        match self {
            Self::InvalidArgument { operation, .. }
            | Self::Connect { operation, .. }
            | Self::Timeout { operation, .. }
            | Self::Request { operation, .. }
            | Self::BodyTooLarge { operation, .. }
            | Self::BodyRead { operation, .. }
            | Self::Decode { operation, .. }
            | Self::Api { operation, .. }
            | Self::UnexpectedStatus { operation, .. }
            | Self::Redirect { operation, .. }
            | Self::Event { operation, .. }
            | Self::StreamCut { operation, .. }
            | Self::StreamTimeout { operation, .. }
            | Self::NextPage { operation, .. } => operation,
        }
    }

    /// The response status, when a response was received.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::BodyTooLarge { status, .. }
            | Self::BodyRead { status, .. }
            | Self::Decode { status, .. }
            | Self::Api { status, .. }
            | Self::UnexpectedStatus { status, .. }
            | Self::Redirect { status, .. }
            | Self::StreamCut { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The response headers, when a response was received.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Self::BodyTooLarge { headers, .. }
            | Self::BodyRead { headers, .. }
            | Self::Decode { headers, .. }
            | Self::Api { headers, .. }
            | Self::UnexpectedStatus { headers, .. }
            | Self::Redirect { headers, .. } => Some(headers),
            _ => None,
        }
    }

    /// The raw response body, when one was read in full.
    pub fn raw_body(&self) -> Option<&Bytes> {
        match self {
            Self::Decode { body, .. } | Self::UnexpectedStatus { body, .. } => Some(body),
            Self::Api { raw_body, .. } => Some(raw_body),
            _ => None,
        }
    }

    /// The decoded error body of an error status.
    pub fn api_body(&self) -> Option<&E> {
        match self {
            Self::Api { body, .. } => Some(body),
            _ => None,
        }
    }

    /// Takes the decoded error body of an error status.
    pub fn into_api_body(self) -> Option<E> {
        match self {
            Self::Api { body, .. } => Some(body),
            _ => None,
        }
    }

    /// Whether the failure is the per-request timeout elapsing, while waiting
    /// for the response or while reading its body.
    pub fn is_timeout(&self) -> bool {
        match self {
            Self::Timeout { .. } | Self::StreamTimeout { .. } => true,
            Self::BodyRead { source, .. } => source.is_timeout(),
            _ => false,
        }
    }

    /// Whether the request certainly never reached the server, so that sending
    /// it again cannot repeat its effect.
    pub fn is_unsent(&self) -> bool {
        matches!(self, Self::InvalidArgument { .. } | Self::Connect { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem_of(body: &str) -> BodyProblem {
        let error = serde_json::from_str::<Vec<u32>>(body).expect_err(body);
        let error = DecodeError::Json {
            path: ".".to_owned(),
            source: error,
        };
        BodyProblem::classify(body.as_bytes(), &error)
    }

    #[test]
    fn classifies_undecodable_bodies() {
        let cases = [
            ("", BodyProblem::Empty),
            (" \r\n\t", BodyProblem::Empty),
            (
                "<html><body>Bad gateway</body></html>",
                BodyProblem::NotJson,
            ),
            ("[1, 2]trailing", BodyProblem::NotJson),
            ("[1, 2", BodyProblem::Truncated),
            ("[1, \"tw", BodyProblem::Truncated),
            ("{\"a\": 1}", BodyProblem::Mismatch),
            ("[-1]", BodyProblem::Mismatch),
        ];
        for (body, expected) in cases {
            assert_eq!(problem_of(body), expected, "{body:?}");
        }
        assert_eq!(
            BodyProblem::classify(b"\xff", &DecodeError::NotUtf8),
            BodyProblem::NotUtf8
        );
    }

    #[test]
    fn accessors_read_the_response_variants() {
        let error: Error<String> = Error::Api {
            operation: "op",
            status: StatusCode::BAD_REQUEST,
            headers: HeaderMap::new(),
            body: "bad".to_owned(),
            raw_body: Bytes::from_static(b"\"bad\""),
            documented: false,
        };
        assert_eq!(error.operation(), "op");
        assert_eq!(error.status(), Some(StatusCode::BAD_REQUEST));
        assert_eq!(
            error.raw_body().map(|body| &body[..]),
            Some(&b"\"bad\""[..])
        );
        assert_eq!(error.api_body().map(String::as_str), Some("bad"));
        assert!(error.headers().is_some());
        assert_eq!(
            error.to_string(),
            "operation op: the server answered with the error status 400 Bad Request"
        );
        assert_eq!(error.into_api_body().as_deref(), Some("bad"));
    }

    #[test]
    fn a_redirect_not_followed_has_a_response_but_no_body() {
        let mut headers = HeaderMap::new();
        headers.insert("location", "/moved".parse().expect("a header value"));
        let error: Error<()> = Error::Redirect {
            operation: "pay",
            status: StatusCode::FOUND,
            location: Some("/moved".to_owned()),
            headers,
        };
        assert_eq!(error.operation(), "pay");
        assert_eq!(error.status(), Some(StatusCode::FOUND));
        assert!(error
            .headers()
            .is_some_and(|headers| headers.contains_key("location")));
        assert_eq!(error.raw_body(), None);
        assert!(!error.is_unsent(), "the server saw the request");
        assert_eq!(
            error.to_string(),
            "operation pay: the server redirected with the status 302 Found, and the redirect was not followed"
        );
    }

    #[test]
    fn argument_errors_have_no_response() {
        let error: Error<()> = Error::InvalidArgument {
            operation: "op",
            parameter: "id",
            reason: "`..` is refused".to_owned(),
        };
        assert_eq!(error.status(), None);
        assert_eq!(error.headers(), None);
        assert_eq!(error.raw_body(), None);
        assert!(error.is_unsent());
        assert!(!error.is_timeout());
        assert_eq!(
            error.to_string(),
            "operation op: invalid argument `id`: `..` is refused"
        );
    }
}
