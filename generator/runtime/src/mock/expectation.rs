//! Expectations: what one operation's request must look like (its matchers), what the mock answers it with, and how often it must come.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::Url;
use serde::Serialize;

use super::super::request::Request;
use super::received::ReceivedRequest;
use super::spec::MockOperation;
use super::MockServer;

/// A test on an arriving request.
type Matcher = Arc<dyn Fn(&ReceivedRequest) -> bool + Send + Sync>;

/// What the mock answers a matched request with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Answer {
    /// A complete response.
    Complete {
        /// The status code.
        status: u16,
        /// The `Content-Type`, if any.
        content_type: Option<String>,
        /// The body.
        body: Bytes,
    },
    /// A response whose `Content-Length` promises more than the body sent before the
    /// connection closes.
    CutShort {
        /// The status code.
        status: u16,
        /// The `Content-Type`, if any.
        content_type: Option<String>,
        /// The part of the body that is sent.
        sent: Bytes,
        /// The length the headers promise.
        promised: usize,
    },
    /// No response: the connection is closed.
    DropConnection,
}

/// One declared expectation.
pub(super) struct Expectation {
    /// The operation it is for.
    pub(super) operation: &'static MockOperation,
    /// Every matcher must accept the request.
    pub(super) matchers: Vec<Matcher>,
    /// The answer.
    pub(super) answer: Answer,
    /// A wait before answering.
    pub(super) delay: Option<Duration>,
    /// The fewest requests it must receive.
    pub(super) min: usize,
    /// The most it may receive; `None` for no limit.
    pub(super) max: Option<usize>,
    /// The requests it received so far.
    pub(super) hits: usize,
}

impl Expectation {
    /// Whether the request is this expectation's (whatever its count).
    pub(super) fn accepts(&self, request: &ReceivedRequest) -> bool {
        request.operation == Some(self.operation.operation_id)
            && self.matchers.iter().all(|matcher| matcher(request))
    }

    /// Whether it may take one more request.
    pub(super) fn has_room(&self) -> bool {
        self.max.is_none_or(|max| self.hits < max)
    }

    /// What the expected count is, for reports.
    pub(super) fn count_text(&self) -> String {
        match self.max {
            Some(max) if max == self.min => format!("exactly {max} time(s)"),
            Some(max) => format!("{}..={max} time(s)", self.min),
            None => format!("at least {} time(s)", self.min),
        }
    }
}

/// An expectation being declared for one operation: the generated per-operation type wraps
/// it with typed matchers and answers. Nothing is registered until an answer is given.
#[must_use = "an expectation is registered only when an answer (`respond_…`) is given"]
pub struct ExpectationBuilder<'server> {
    /// The server it is registered with.
    server: &'server MockServer,
    /// The operation.
    operation: &'static MockOperation,
    /// The matchers so far.
    matchers: Vec<Matcher>,
    /// A wait before answering.
    delay: Option<Duration>,
}

/// The base URL the expected parts of a request are built against; only its path and query
/// are compared.
const EXPECTED_BASE: &str = "http://mock.invalid/";

impl<'server> ExpectationBuilder<'server> {
    /// Starts an expectation of `operation` on `server`.
    pub fn new(server: &'server MockServer, operation: &'static MockOperation) -> Self {
        ExpectationBuilder {
            server,
            operation,
            matchers: Vec::new(),
            delay: None,
        }
    }

    /// Adds a matcher of any kind.
    pub fn matching(
        mut self,
        matcher: impl Fn(&ReceivedRequest) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.matchers.push(Arc::new(matcher));
        self
    }

    /// Matches requests whose path is the one `expected` (built with the operation's path
    /// parameters, as the client builds it) has.
    pub fn path_of(self, expected: &Request) -> Self {
        match Url::parse(EXPECTED_BASE).map(|base| expected.prepare(&base)) {
            Ok(Ok(prepared)) => {
                let path = prepared.url.path().to_owned();
                self.matching(move |request| request.path == path)
            }
            _ => self.unmatchable("a path parameter cannot be written"),
        }
    }

    /// Matches requests carrying every query pair, header and cookie `expected` holds
    /// (built with some of the operation's parameters, as the client writes them).
    pub fn params_of(self, expected: &Request) -> Self {
        let prepared = match Url::parse(EXPECTED_BASE).map(|base| expected.prepare(&base)) {
            Ok(Ok(prepared)) => prepared,
            _ => return self.unmatchable("a parameter cannot be written"),
        };
        let query: Vec<(String, String)> = prepared.url.query_pairs().into_owned().collect();
        let headers = prepared.headers;
        self.matching(move |request| {
            let cookies = request.cookies();
            query.iter().all(|pair| request.query.contains(pair))
                && headers.iter().all(|(name, value)| {
                    if name == reqwest::header::COOKIE {
                        let wanted = value.to_str().unwrap_or_default();
                        wanted
                            .split(';')
                            .filter_map(|pair| pair.trim().split_once('='))
                            .all(|pair| cookies.contains(&pair))
                    } else {
                        request
                            .headers
                            .get_all(name)
                            .iter()
                            .any(|sent| sent == value)
                    }
                })
        })
    }

    /// Matches requests whose JSON body decodes as `T` and satisfies `predicate`.
    pub fn json_body<T, F>(self, predicate: F) -> Self
    where
        T: serde::de::DeserializeOwned,
        F: Fn(&T) -> bool + Send + Sync + 'static,
    {
        self.matching(move |request| {
            serde_json::from_slice::<T>(&request.body).is_ok_and(|body| predicate(&body))
        })
    }

    /// Matches requests whose body is UTF-8 text satisfying `predicate`.
    pub fn text_body<F>(self, predicate: F) -> Self
    where
        F: Fn(&str) -> bool + Send + Sync + 'static,
    {
        self.matching(move |request| std::str::from_utf8(&request.body).is_ok_and(&predicate))
    }

    /// Matches requests whose raw body bytes satisfy `predicate`.
    pub fn raw_body<F>(self, predicate: F) -> Self
    where
        F: Fn(&[u8]) -> bool + Send + Sync + 'static,
    {
        self.matching(move |request| predicate(&request.body))
    }

    /// Waits this long before answering (to test the client's timeout).
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }

    /// A matcher that never matches, with the reason reported by `verify`.
    fn unmatchable(self, reason: &str) -> Self {
        let text = format!(
            "{}: the expectation can never match: {reason}",
            self.operation.operation_id
        );
        self.server.report_problem(text);
        self.matching(|_| false)
    }

    /// Answers with `status` and the JSON of `body`.
    pub fn respond_json<T: Serialize + ?Sized>(self, status: u16, body: &T) -> Registered<'server> {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.respond_raw(status, Some("application/json"), bytes),
            Err(error) => {
                let text = format!("the answer's body cannot be written as JSON: {error}");
                self.unmatchable(&text).respond_raw(500, None, Bytes::new())
            }
        }
    }

    /// Answers with `status`, the `Content-Type` given (none for `None`) and these bytes.
    pub fn respond_raw(
        self,
        status: u16,
        content_type: Option<&str>,
        body: impl Into<Bytes>,
    ) -> Registered<'server> {
        self.register(Answer::Complete {
            status,
            content_type: content_type.map(str::to_owned),
            body: body.into(),
        })
    }

    /// Answers with `status` and the first `sent` bytes of a body whose `Content-Length`
    /// says `promised`, then closes the connection: the client sees a body cut short.
    pub fn respond_cut_short(
        self,
        status: u16,
        sent: impl Into<Bytes>,
        promised: usize,
    ) -> Registered<'server> {
        let sent: Bytes = sent.into();
        let promised = promised.max(sent.len() + 1);
        self.register(Answer::CutShort {
            status,
            content_type: Some("application/json".to_owned()),
            sent,
            promised,
        })
    }

    /// Closes the connection without answering.
    pub fn drop_connection(self) -> Registered<'server> {
        self.register(Answer::DropConnection)
    }

    fn register(self, answer: Answer) -> Registered<'server> {
        let index = self.server.add(Expectation {
            operation: self.operation,
            matchers: self.matchers,
            answer,
            delay: self.delay,
            min: 1,
            max: None,
            hits: 0,
        });
        Registered {
            server: self.server,
            index,
        }
    }
}

/// A registered expectation; by default it must be met at least once.
#[derive(Debug)]
pub struct Registered<'server> {
    /// The server it is registered with.
    server: &'server MockServer,
    /// Its index there.
    index: usize,
}

impl Registered<'_> {
    /// It must be met exactly `count` times; `verify` reports fewer, and a request beyond
    /// the count is answered as unexpected.
    pub fn times(self, count: usize) -> Self {
        self.server.set_count(self.index, count, Some(count));
        self
    }

    /// It must be met at least `count` times (0 makes it optional).
    pub fn at_least(self, count: usize) -> Self {
        self.server.set_count(self.index, count, None);
        self
    }
}
