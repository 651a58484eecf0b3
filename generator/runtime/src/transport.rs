//! `Transport`: sends an operation's request, retries it and follows redirects when allowed, and classifies the response.

mod events;
#[cfg(test)]
mod tests;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::BytesMut;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, USER_AGENT};
use reqwest::{StatusCode, Url};
use tracing::Instrument as _;

use super::auth::Credentials;
use super::decode::{DecodeError, RawResponse};
use super::error::{BodyProblem, Error};
use super::redirect::{self, Hop, RedirectPolicy};
use super::request::{OperationSpec, Request};
use super::response::Response;
use super::retry::{is_retryable_status, retry_after, RetryPolicy};

/// Everything a [`Transport`] needs, checked by the builder.
pub(super) struct Settings {
    /// The HTTP client, the builder's own or the caller's.
    pub(super) client: reqwest::Client,
    /// The base URL every operation path is appended to.
    pub(super) base_url: Url,
    /// The credentials sent while a request stays on the base URL's origin.
    pub(super) credentials: Credentials,
    /// A `User-Agent` sent with every request, if one was set.
    pub(super) user_agent: Option<HeaderValue>,
    /// The connect timeout, when the builder made the client itself.
    pub(super) connect_timeout: Option<Duration>,
    /// The total timeout of each attempt.
    pub(super) timeout: Duration,
    /// The retry policy for idempotent operations.
    pub(super) retry: RetryPolicy,
    /// The redirects followed.
    pub(super) redirect: RedirectPolicy,
    /// The largest response body read, in bytes.
    pub(super) max_response_bytes: usize,
}

/// Sends the requests of a generated client. Cloning it is cheap: clones share
/// one configuration and one connection pool.
///
/// Every call must run inside a Tokio runtime with timers enabled (the default
/// `#[tokio::main]` runtime has them): reqwest, which sends the requests, and the waits
/// between retries need it. Outside one, or in a runtime built without
/// `enable_time`/`enable_all`, the call panics.
#[derive(Clone)]
pub struct Transport {
    /// The shared configuration.
    settings: Arc<Settings>,
}

/// A failure that does not depend on the operation's error type; it becomes an
/// [`Error`] once that type is known. Keeping it apart keeps the request loop
/// free of type parameters, so it is compiled once rather than per operation.
enum Failure {
    /// An input was refused before anything was sent.
    InvalidArgument {
        parameter: &'static str,
        reason: String,
    },
    /// No connection could be made.
    Connect(reqwest::Error),
    /// The per-request timeout elapsed.
    Timeout(reqwest::Error),
    /// Any other transport error.
    Request(reqwest::Error),
    /// The body exceeds the limit.
    BodyTooLarge {
        status: StatusCode,
        headers: HeaderMap,
        limit: usize,
    },
    /// The body could not be read to its end.
    BodyRead {
        status: StatusCode,
        headers: HeaderMap,
        source: reqwest::Error,
    },
    /// A 3xx answer that was not followed.
    Redirect {
        status: StatusCode,
        location: Option<String>,
        headers: HeaderMap,
    },
}

/// What one call put on the wire, for tracing, and whether its body is read as a stream.
#[derive(Default)]
struct Tally {
    /// Whether the body is an event stream: then reqwest's timeout, which would cover the
    /// whole body, is not set, and the stream bounds each wait itself (`events.rs`).
    stream: bool,
    /// Requests sent, counting retries and redirects.
    attempts: u32,
    /// Redirects followed.
    redirects: u32,
}

impl Failure {
    /// Turns the failure into the error of `operation`.
    fn into_error<E>(self, operation: &'static str) -> Error<E> {
        match self {
            Self::InvalidArgument { parameter, reason } => Error::InvalidArgument {
                operation,
                parameter,
                reason,
            },
            Self::Connect(source) => Error::Connect { operation, source },
            Self::Timeout(source) => Error::Timeout { operation, source },
            Self::Request(source) => Error::Request { operation, source },
            Self::BodyTooLarge {
                status,
                headers,
                limit,
            } => Error::BodyTooLarge {
                operation,
                status,
                headers,
                limit,
            },
            Self::BodyRead {
                status,
                headers,
                source,
            } => Error::BodyRead {
                operation,
                status,
                headers,
                source,
            },
            Self::Redirect {
                status,
                location,
                headers,
            } => Error::Redirect {
                operation,
                status,
                location,
                headers,
            },
        }
    }

    /// Sorts a reqwest error. A failed connection comes first, even when it
    /// was the connect timeout, because it proves the server never saw the
    /// request; any other timeout leaves that open.
    fn from_reqwest(error: reqwest::Error) -> Self {
        if error.is_connect() {
            Self::Connect(error)
        } else if error.is_timeout() {
            Self::Timeout(error)
        } else {
            Self::Request(error)
        }
    }

    /// A short name for tracing, which must not print the error itself: its
    /// text holds the URL with the parameter values.
    fn kind(&self) -> &'static str {
        match self {
            Self::InvalidArgument { .. } => "invalid_argument",
            Self::Connect(_) => "connect",
            Self::Timeout(_) => "timeout",
            Self::Request(_) => "request",
            Self::BodyTooLarge { .. } => "body_too_large",
            Self::BodyRead { .. } => "body_read",
            Self::Redirect { .. } => "redirect",
        }
    }
}

impl Transport {
    /// Wraps checked settings; only the builder makes transports.
    pub(super) fn new(settings: Settings) -> Self {
        Self {
            settings: Arc::new(settings),
        }
    }

    /// The base URL every operation path is appended to.
    pub fn base_url(&self) -> &Url {
        &self.settings.base_url
    }

    /// The HTTP client requests go through.
    pub fn reqwest_client(&self) -> &reqwest::Client {
        &self.settings.client
    }

    /// The total timeout of each request attempt.
    pub fn timeout(&self) -> Duration {
        self.settings.timeout
    }

    /// The connect timeout, or `None` when the caller brought the HTTP client.
    pub fn connect_timeout(&self) -> Option<Duration> {
        self.settings.connect_timeout
    }

    /// The retry policy for idempotent operations.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.settings.retry
    }

    /// The redirects followed.
    pub fn redirect_policy(&self) -> RedirectPolicy {
        self.settings.redirect
    }

    /// The largest response body read, in bytes.
    pub fn max_response_bytes(&self) -> usize {
        self.settings.max_response_bytes
    }

    /// Whether requests carry credentials (basic, a bearer token or API keys).
    pub fn has_credentials(&self) -> bool {
        !self.settings.credentials.is_empty()
    }

    /// Sends the request and decodes the answer: any 2xx status with `success`; any other
    /// status with `error`.
    ///
    /// Any 2xx status is a success, even one the API document does not list (a 201 to a
    /// POST that documents only 200 means the request took effect). A 3xx status is
    /// followed when the [`RedirectPolicy`] allows it and is otherwise [`Error::Redirect`],
    /// whose body is not read. Any other status gives
    /// [`Error::Api`] when its body decodes with `error` (with `documented` telling whether
    /// the document lists the status), and otherwise [`Error::Decode`] for a documented
    /// status or [`Error::UnexpectedStatus`] for an undocumented one.
    ///
    /// Must run inside a Tokio runtime with timers enabled; it panics outside one.
    ///
    /// # Errors
    ///
    /// An [`Error`] naming the operation: a refused input, a transport failure, a redirect
    /// not followed, a body over the limit or cut short, a body that does not decode, or an
    /// error status.
    #[doc(hidden)]
    pub async fn execute<T, E>(
        &self,
        request: Request,
        success: impl Fn(&RawResponse) -> Result<T, DecodeError>,
        error: impl Fn(&RawResponse) -> Result<E, DecodeError>,
    ) -> Result<Response<T>, Error<E>> {
        let op = request.operation();
        let raw = self
            .send(&request)
            .await
            .map_err(|failure| failure.into_error(op.operation_id))?;
        if raw.status.is_success() {
            return match success(&raw) {
                Ok(value) => Ok(Response::new(raw.status, raw.headers, raw.body, value)),
                Err(source) => Err(decode_error(op, raw, source)),
            };
        }
        Err(error_response(op, raw, error))
    }

    /// Exchanges the request for a response read in full, within the operation's span.
    async fn send(&self, request: &Request) -> Result<RawResponse, Failure> {
        let op = request.operation();
        let span = tracing::debug_span!(
            "http_request",
            operation = op.operation_id,
            method = %op.method.to_method(),
            path_template = op.path_template,
        );
        self.exchange(op, request).instrument(span).await
    }

    /// Prepares the request, sends it (again, when the policy allows it, and on to where
    /// redirects lead), and reads the final response's body.
    async fn exchange(
        &self,
        op: &OperationSpec,
        request: &Request,
    ) -> Result<RawResponse, Failure> {
        let first = self.first_hop(op, request)?;
        let started = Instant::now();
        let mut tally = Tally::default();
        let result = match self.follow_redirects(op, first, &mut tally).await {
            Ok(response) => read_response(response, self.settings.max_response_bytes).await,
            Err(failure) => Err(failure),
        };
        let latency_ms = started.elapsed().as_millis();
        let Tally {
            attempts,
            redirects,
            stream: _,
        } = tally;
        match &result {
            Ok(raw) => tracing::debug!(
                status = raw.status.as_u16(),
                latency_ms,
                attempts,
                redirects,
                "completed"
            ),
            Err(failure) => tracing::debug!(
                error = failure.kind(),
                latency_ms,
                attempts,
                redirects,
                "failed"
            ),
        }
        result
    }

    /// The first hop of a request, or the input it refuses.
    fn first_hop(&self, op: &OperationSpec, request: &Request) -> Result<Hop, Failure> {
        match request.prepare(&self.settings.base_url) {
            Ok(prepared) => Ok(Hop {
                method: op.method.to_method(),
                url: prepared.url,
                headers: prepared.headers,
                body: prepared.body,
                credentials: true,
            }),
            Err(problem) => {
                let failure = Failure::InvalidArgument {
                    parameter: problem.parameter,
                    reason: problem.reason,
                };
                tracing::debug!(error = failure.kind(), "refused");
                Err(failure)
            }
        }
    }

    /// Sends the first hop and then every hop the redirect policy lets a 3xx answer lead
    /// to; returns the first answer that is not a redirect, or the redirect not followed.
    async fn follow_redirects(
        &self,
        op: &OperationSpec,
        first: Hop,
        tally: &mut Tally,
    ) -> Result<reqwest::Response, Failure> {
        let mut hop = first;
        let mut visited = vec![hop.url.clone()];
        loop {
            let response = self
                .send_with_retries(op, &hop, tally)
                .await
                .map_err(Failure::from_reqwest)?;
            let status = response.status();
            if !status.is_redirection() {
                return Ok(response);
            }
            let headers = response.headers();
            let policy = &self.settings.redirect;
            match redirect::next_hop(policy, &hop, status, headers, tally.redirects, &visited) {
                Ok(next) => {
                    tally.redirects = tally.redirects.saturating_add(1);
                    // Only the origin: the path and query hold parameter values.
                    tracing::debug!(
                        status = status.as_u16(),
                        redirect = tally.redirects,
                        origin = %redirect::traced(&next.url),
                        credentials = next.credentials,
                        "following a redirect"
                    );
                    visited.push(next.url.clone());
                    hop = next;
                }
                Err(refusal) => {
                    tracing::debug!(
                        status = status.as_u16(),
                        reason = refusal.as_str(),
                        "redirect not followed"
                    );
                    return Err(Failure::Redirect {
                        status,
                        location: redirect::location(headers),
                        headers: headers.clone(),
                    });
                }
            }
        }
    }

    /// Sends one hop, and sends it again while the outcome deserves a retry and the policy
    /// allows one; returns the last outcome.
    async fn send_with_retries(
        &self,
        op: &OperationSpec,
        hop: &Hop,
        tally: &mut Tally,
    ) -> Result<reqwest::Response, reqwest::Error> {
        let policy = &self.settings.retry;
        let mut retry: u32 = 0;
        loop {
            let outcome = self.request(op, hop, tally.stream).send().await;
            tally.attempts = tally.attempts.saturating_add(1);
            let Some(cause) = retry_cause(&outcome) else {
                return outcome;
            };
            if !policy.allows_retry(op.retry, retry) {
                return outcome;
            }
            let (status, asked) = match &outcome {
                Ok(response) => (
                    Some(response.status().as_u16()),
                    retry_after(response.headers(), SystemTime::now()),
                ),
                Err(_) => (None, None),
            };
            let Some(delay) = policy.wait_before(retry, asked) else {
                tracing::debug!(
                    cause,
                    status,
                    retry_after_s = asked.map(|wait| wait.as_secs()),
                    "not retrying: Retry-After asks for longer than the retry policy allows"
                );
                return outcome;
            };
            // The response, if any, is dropped unread: its connection closes
            // rather than returning to the pool, which is fine for a rare retry.
            drop(outcome);
            tracing::warn!(
                cause,
                status,
                retry = retry + 1,
                delay_ms = delay.as_millis(),
                "retrying"
            );
            tokio::time::sleep(delay).await;
            retry += 1;
        }
    }

    /// Prepares one attempt of a hop. The body is a `Bytes`, so each attempt sends the
    /// same bytes without copying or encoding them again.
    fn request(&self, op: &OperationSpec, hop: &Hop, stream: bool) -> reqwest::RequestBuilder {
        let credentials = &self.settings.credentials;
        let url = if hop.credentials {
            credentials.url(&hop.url)
        } else {
            hop.url.clone()
        };
        // A malformed `accept` is recorded by reqwest and reported by `send` as
        // a request error, rather than panicking here.
        let mut request = self
            .settings
            .client
            .request(hop.method.clone(), url)
            .header(ACCEPT, op.accept);
        if !stream {
            request = request.timeout(self.settings.timeout);
        }
        if hop.credentials {
            request = credentials.headers(request);
        }
        if let Some(user_agent) = &self.settings.user_agent {
            request = request.header(USER_AGENT, user_agent.clone());
        }
        if !hop.headers.is_empty() {
            request = request.headers(hop.headers.clone());
        }
        if let Some(body) = &hop.body {
            request = request.body(body.clone());
        }
        request
    }
}

impl fmt::Debug for Transport {
    /// Shows the configuration but never the credentials, nor the HTTP client,
    /// whose default headers may hold the caller's own secrets.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let settings = &self.settings;
        let credentials = if !settings.credentials.is_empty() {
            "<redacted>"
        } else {
            "<none>"
        };
        formatter
            .debug_struct("Transport")
            .field("base_url", &settings.base_url.as_str())
            .field("credentials", &credentials)
            .field("user_agent", &settings.user_agent)
            .field("connect_timeout", &settings.connect_timeout)
            .field("timeout", &settings.timeout)
            .field("retry", &settings.retry)
            .field("redirect", &settings.redirect)
            .field("max_response_bytes", &settings.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// The error for a response whose status is not a success: the API's error body when it
/// decodes with `error`, else a decode error for a documented status or an unexpected status.
fn error_response<E>(
    op: &OperationSpec,
    raw: RawResponse,
    error: impl Fn(&RawResponse) -> Result<E, DecodeError>,
) -> Error<E> {
    let documented = op.documented_errors.contains(raw.status.as_u16());
    match error(&raw) {
        Ok(body) => Error::Api {
            operation: op.operation_id,
            status: raw.status,
            headers: raw.headers,
            body,
            raw_body: raw.body,
            documented,
        },
        Err(source) if documented => decode_error(op, raw, source),
        Err(_) => Error::UnexpectedStatus {
            operation: op.operation_id,
            status: raw.status,
            headers: raw.headers,
            body: raw.body,
        },
    }
}

/// The error for a body that should have decoded but did not.
fn decode_error<E>(op: &OperationSpec, raw: RawResponse, source: DecodeError) -> Error<E> {
    Error::Decode {
        operation: op.operation_id,
        status: raw.status,
        problem: BodyProblem::classify(&raw.body, &source),
        headers: raw.headers,
        body: raw.body,
        source,
    }
}

/// Why an attempt's outcome deserves a retry, if it does: a connection that
/// could not be made, or a throttling, gateway or unavailable status.
fn retry_cause(outcome: &Result<reqwest::Response, reqwest::Error>) -> Option<&'static str> {
    match outcome {
        Ok(response) if is_retryable_status(response.status()) => Some("status"),
        Err(error) if error.is_connect() => Some("connect"),
        _ => None,
    }
}

/// Reads a response's body in full, refusing one larger than `limit` bytes.
async fn read_response(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<RawResponse, Failure> {
    let status = response.status();
    let too_large = |response: reqwest::Response| Failure::BodyTooLarge {
        status,
        headers: response.headers().clone(),
        limit,
    };
    // A declared length over the limit is refused before reading anything; a
    // body without one (or lying about it) is counted as it arrives.
    let limit_u64 = u64::try_from(limit).unwrap_or(u64::MAX);
    if response
        .content_length()
        .is_some_and(|length| length > limit_u64)
    {
        return Err(too_large(response));
    }
    let mut body = BytesMut::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) if chunk.len() > limit.saturating_sub(body.len()) => {
                return Err(too_large(response));
            }
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => break,
            Err(source) => {
                return Err(Failure::BodyRead {
                    status,
                    headers: response.headers().clone(),
                    source,
                });
            }
        }
    }
    Ok(RawResponse {
        status,
        headers: std::mem::take(response.headers_mut()),
        body: body.freeze(),
    })
}
