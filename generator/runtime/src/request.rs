//! What the generated code says about an operation, and the request a generated method assembles input by input.

#[cfg(test)]
mod tests;

use std::fmt;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE, COOKIE};
use reqwest::{Method, Url};
use serde::Serialize;
use serde_json::value::RawValue;

use super::multipart::Multipart;
use super::problem::Problem;
use super::retry::RetryClass;
use super::style::{self, Explode, ParamStyle};

/// The fixed facts about one operation, written by the generator as a `static`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationSpec {
    /// The operation's `operationId`, used in errors and tracing.
    pub operation_id: &'static str,
    /// The HTTP method.
    pub method: HttpMethod,
    /// The path as the API document writes it, with `{name}` placeholders. It
    /// is what tracing records, because the real path holds parameter values.
    pub path_template: &'static str,
    /// Whether a failed attempt may be sent again.
    pub retry: RetryClass,
    /// The `Accept` header to send.
    pub accept: &'static str,
    /// The non-2xx statuses the API document lists for the operation.
    pub documented_errors: Statuses,
}

/// The method of an operation, as a constant: reqwest's `Method` cannot spell `QUERY`
/// (OpenAPI 3.2) in a `static`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HttpMethod {
    /// `GET`.
    Get,
    /// `PUT`.
    Put,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
    /// `OPTIONS`.
    Options,
    /// `HEAD`.
    Head,
    /// `PATCH`.
    Patch,
    /// `TRACE`.
    Trace,
    /// `QUERY`: a safe request with a body (OpenAPI 3.2).
    Query,
}

impl HttpMethod {
    /// The method as reqwest sends it.
    pub fn to_method(self) -> Method {
        match self {
            HttpMethod::Get => Method::GET,
            HttpMethod::Put => Method::PUT,
            HttpMethod::Post => Method::POST,
            HttpMethod::Delete => Method::DELETE,
            HttpMethod::Options => Method::OPTIONS,
            HttpMethod::Head => Method::HEAD,
            HttpMethod::Patch => Method::PATCH,
            HttpMethod::Trace => Method::TRACE,
            HttpMethod::Query => {
                Method::from_bytes(b"QUERY").expect("QUERY is a valid method token")
            }
        }
    }
}

/// A set of response statuses as an API document lists them: exact codes,
/// classes such as `4XX`, and `default` (every status not listed elsewhere).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Statuses {
    /// Exact codes.
    pub codes: &'static [u16],
    /// Classes by their first digit: `4` stands for `4XX`.
    pub classes: &'static [u16],
    /// Whether every other status belongs here (a `default` response).
    pub others: bool,
}

impl Statuses {
    /// No status at all.
    pub const NONE: Statuses = Statuses {
        codes: &[],
        classes: &[],
        others: false,
    };

    /// Just these exact codes.
    pub const fn codes(codes: &'static [u16]) -> Self {
        Statuses {
            codes,
            classes: &[],
            others: false,
        }
    }

    /// Whether `status` is in the set.
    pub fn contains(&self, status: u16) -> bool {
        self.others || self.codes.contains(&status) || self.classes.contains(&(status / 100))
    }
}

/// A body ready to send: its content type and its bytes, which are cheap to clone, so every
/// attempt sends the same body without encoding it again.
#[derive(Clone, Debug)]
pub(super) struct Body {
    /// The `Content-Type` header value.
    pub(super) content_type: String,
    /// The encoded body.
    pub(super) bytes: Bytes,
}

/// A request a generated method assembles. Problems (a value that cannot be written in its
/// style, a header value with a line break, a required input left unset) are recorded, not
/// returned: `Transport::execute` reports the first as `Error::InvalidArgument` before
/// anything is sent.
#[derive(Clone)]
pub struct Request {
    /// The operation the request is for.
    operation: &'static OperationSpec,
    /// The path segments, each already percent-encoded.
    segments: Vec<String>,
    /// The query pairs, in order, form-urlencoded when the URL is built.
    query: Vec<(String, String)>,
    /// The header parameters, checked.
    headers: HeaderMap,
    /// The cookie parameters' `name=value` pairs, encoded.
    cookies: Vec<String>,
    /// The body, if one was set.
    body: Option<Body>,
    /// The first problem met, if any.
    problem: Option<Problem>,
    /// The URL of a next page that the server named (a `Link` header), sent instead of the
    /// path and query; the headers and body stay.
    next_url: Option<Url>,
}

/// What the transport sends: the URL, the headers, and the body.
#[derive(Debug)]
pub(super) struct Prepared {
    /// The full request URL.
    pub(super) url: Url,
    /// The parameter headers, the `Cookie` header and the body's `Content-Type`.
    pub(super) headers: HeaderMap,
    /// The body bytes, if the request has a body.
    pub(super) body: Option<Bytes>,
}

impl Request {
    /// Starts the request of `operation`.
    pub fn new(operation: &'static OperationSpec) -> Self {
        Self {
            operation,
            segments: Vec::new(),
            query: Vec::new(),
            headers: HeaderMap::new(),
            cookies: Vec::new(),
            body: None,
            problem: None,
            next_url: None,
        }
    }

    /// Sets the query parameter `name` to `value` alone, replacing its pairs: the cursor of
    /// the next page.
    pub(super) fn replace_query(&mut self, name: &str, value: String) {
        self.query.retain(|(pair_name, _)| pair_name != name);
        self.query.push((name.to_owned(), value));
        self.next_url = None;
    }

    /// The value of the query parameter `name`, if the request has one pair of it.
    pub(super) fn query_value(&self, name: &str) -> Option<&str> {
        let mut values = self.query.iter().filter(|(pair_name, _)| pair_name == name);
        match (values.next(), values.next()) {
            (Some((_, value)), None) => Some(value),
            _ => None,
        }
    }

    /// Sends the request to `url` (a next page the server named) instead of its own path
    /// and query.
    pub(super) fn follow_url(&mut self, url: Url) {
        self.next_url = Some(url);
    }

    /// The operation the request is for.
    pub(super) fn operation(&self) -> &'static OperationSpec {
        self.operation
    }

    /// Records a problem, unless an earlier one is already recorded.
    fn refuse(&mut self, parameter: &'static str, reason: String) -> &mut Self {
        if self.problem.is_none() {
            self.problem = Some(Problem { parameter, reason });
        }
        self
    }

    /// Adds one literal segment of the path template, the text between two slashes.
    pub fn path_literal(&mut self, segment: &'static str) -> &mut Self {
        self.segments.push(style::encode_path_literal(segment));
        self
    }

    /// Adds a path parameter, written in `style` as exactly one percent-encoded segment.
    pub fn path_param<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
        style: ParamStyle,
        explode: Explode,
    ) -> &mut Self {
        let segment = style::serialize(value)
            .and_then(|serialized| {
                style::path_segment(name, serialized, style, explode.is_exploded())
            })
            .and_then(check_segment);
        match segment {
            Ok(segment) => {
                self.segments.push(segment);
                self
            }
            Err(reason) => self.refuse(name, reason),
        }
    }

    /// Adds a query parameter's pairs, written in `style`.
    pub fn query<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
        style: ParamStyle,
        explode: Explode,
    ) -> &mut Self {
        match style::serialize(value).and_then(|serialized| {
            style::query_pairs(name, serialized, style, explode.is_exploded())
        }) {
            Ok(pairs) => {
                self.query.extend(pairs);
                self
            }
            Err(reason) => self.refuse(name, reason),
        }
    }

    /// Adds a header parameter, written in `style`; a value that is not valid header text
    /// (a line break, another control character) is refused.
    pub fn header<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
        style: ParamStyle,
        explode: Explode,
    ) -> &mut Self {
        let Ok(header_name) = HeaderName::from_bytes(name.as_bytes()) else {
            return self.refuse(name, format!("`{name}` is not a valid header name"));
        };
        let text = match style::serialize(value)
            .and_then(|serialized| style::header_value(serialized, style, explode.is_exploded()))
        {
            Ok(Some(text)) => text,
            Ok(None) => return self,
            Err(reason) => return self.refuse(name, reason),
        };
        match HeaderValue::from_str(&text) {
            Ok(header_value) => {
                self.headers.append(header_name, header_value);
                self
            }
            Err(_) => self.refuse(name, format!("{text:?} is not valid header text")),
        }
    }

    /// Adds a cookie parameter to the `Cookie` header, written in `style`.
    pub fn cookie<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
        style: ParamStyle,
        explode: Explode,
    ) -> &mut Self {
        if name.is_empty() || !name.bytes().all(style::is_token) {
            return self.refuse(name, format!("`{name}` is not a valid cookie name"));
        }
        match style::serialize(value).and_then(|serialized| {
            style::cookie_pairs(name, serialized, style, explode.is_exploded())
        }) {
            Ok(pairs) => {
                self.cookies.extend(pairs);
                self
            }
            Err(reason) => self.refuse(name, reason),
        }
    }

    /// Records that a required input set on a request builder was never set.
    pub fn missing(&mut self, name: &'static str) -> &mut Self {
        self.refuse(
            name,
            "it is required, but was not set on the request builder".to_owned(),
        )
    }

    /// Sets a JSON body of `content_type`.
    pub fn json_body<T: Serialize + ?Sized>(
        &mut self,
        content_type: &'static str,
        body: &T,
    ) -> &mut Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.set_body(content_type.to_owned(), Bytes::from(bytes)),
            Err(error) => self.refuse(
                "body",
                format!("the body cannot be serialized to JSON: {error}"),
            ),
        }
    }

    /// Sets an `application/x-www-form-urlencoded` body from an object: each property is one
    /// pair, an array of scalars one pair per item (or, for the properties in `unexploded`,
    /// one pair of comma-separated items), a nested object or array its JSON text (the default
    /// content type of such a property), and a null property is left out.
    pub fn form_body<T: Serialize + ?Sized>(
        &mut self,
        content_type: &'static str,
        body: &T,
        unexploded: &[&str],
    ) -> &mut Self {
        let text = serde_json::to_string(body)
            .map_err(|error| format!("the body cannot be serialized: {error}"))
            .and_then(|json| form_text(&json, unexploded));
        match text {
            Ok(text) => self.set_body(content_type.to_owned(), Bytes::from(text)),
            Err(reason) => self.refuse("body", reason),
        }
    }

    /// Sets a `multipart/form-data` body.
    pub fn multipart_body(&mut self, form: Multipart) -> &mut Self {
        match form.encode() {
            Ok((content_type, bytes)) => self.set_body(content_type, bytes),
            Err(problem) => self.refuse(problem.parameter, problem.reason),
        }
    }

    /// Sets a text body of `content_type`.
    pub fn text_body(&mut self, content_type: &'static str, text: &str) -> &mut Self {
        self.set_body(content_type.to_owned(), Bytes::from(text.to_owned()))
    }

    /// Sets a binary body of `content_type`.
    pub fn bytes_body(&mut self, content_type: &'static str, bytes: Bytes) -> &mut Self {
        self.set_body(content_type.to_owned(), bytes)
    }

    /// Sets the body; a later body replaces an earlier one.
    fn set_body(&mut self, content_type: String, bytes: Bytes) -> &mut Self {
        self.body = Some(Body {
            content_type,
            bytes,
        });
        self
    }

    /// Builds what is sent, or reports the first problem recorded.
    pub(super) fn prepare(&self, base: &Url) -> Result<Prepared, Problem> {
        if let Some(problem) = &self.problem {
            return Err(problem.clone());
        }
        let url = match &self.next_url {
            Some(url) => url.clone(),
            None => build_url(base, &self.segments, &self.query)?,
        };
        let mut headers = self.headers.clone();
        if !self.cookies.is_empty() {
            let text = self.cookies.join("; ");
            let value = HeaderValue::from_str(&text).map_err(|_| Problem {
                parameter: "cookie",
                reason: format!("{text:?} is not valid header text"),
            })?;
            headers.insert(COOKIE, value);
        }
        let body = match &self.body {
            Some(body) => {
                let content_type =
                    HeaderValue::from_str(&body.content_type).map_err(|_| Problem {
                        parameter: "body",
                        reason: format!("{:?} is not a valid content type", body.content_type),
                    })?;
                headers.insert(CONTENT_TYPE, content_type);
                Some(body.bytes.clone())
            }
            None => None,
        };
        Ok(Prepared { url, headers, body })
    }
}

impl fmt::Debug for Request {
    /// Shows the request's shape but no value: parameters and bodies may hold secrets (an
    /// API key in a header, a token in a cookie) or personal data.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let query: Vec<&str> = self.query.iter().map(|(name, _)| name.as_str()).collect();
        let headers: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        formatter
            .debug_struct("Request")
            .field("operation", &self.operation.operation_id)
            .field("path_segments", &self.segments.len())
            .field("query", &query)
            .field("headers", &headers)
            .field("cookies", &self.cookies.len())
            .field(
                "body_bytes",
                &self.body.as_ref().map(|body| body.bytes.len()),
            )
            .field(
                "problem",
                &self.problem.as_ref().map(|problem| problem.parameter),
            )
            .finish()
    }
}

/// Writes an object as `application/x-www-form-urlencoded` text, reading its JSON text so
/// that a nested value keeps its own text.
fn form_text(json: &str, unexploded: &[&str]) -> Result<String, String> {
    let not_an_object = |_| "a form body must be an object".to_owned();
    let style::Entries(entries) = serde_json::from_str(json).map_err(not_an_object)?;
    let mut form = form_urlencoded::Serializer::new(String::new());
    for (name, raw) in entries {
        if raw.get() == "null" {
            continue;
        }
        if let Some(text) = style::scalar_from_raw(raw) {
            form.append_pair(&name, &text);
            continue;
        }
        let items: Option<Vec<String>> = serde_json::from_str::<Vec<&RawValue>>(raw.get())
            .ok()
            .and_then(|items| items.into_iter().map(style::scalar_from_raw).collect());
        match items {
            Some(items) if unexploded.contains(&name.as_str()) => {
                form.append_pair(&name, &items.join(","));
            }
            Some(items) => {
                for item in items {
                    form.append_pair(&name, &item);
                }
            }
            None => {
                form.append_pair(&name, raw.get());
            }
        }
    }
    Ok(form.finish())
}

/// Refuses the path segments that would not stay one segment.
fn check_segment(segment: String) -> Result<String, String> {
    let reason = if segment.is_empty() {
        "a path parameter must not be empty: it would leave an empty path segment"
    } else if segment == "." || segment == ".." {
        // URL parsing resolves `.` and `..` as dot segments even when they are
        // percent-encoded (`%2e%2E`), so no encoding makes them safe.
        "a path parameter must not make a dot segment: it would change the request path"
    } else {
        return Ok(segment);
    };
    Err(format!("`{segment}` is refused: {reason}"))
}

/// Builds the request URL: the base URL's path, then each encoded segment, then the query
/// pairs form-urlencoded in order.
fn build_url(base: &Url, segments: &[String], query: &[(String, String)]) -> Result<Url, Problem> {
    // A base URL ending in `/` has an empty last segment; dropping it keeps
    // `https://h/base/` and `https://h/base` equivalent.
    let mut path = base.path().trim_end_matches('/').to_owned();
    for segment in segments {
        path.push('/');
        path.push_str(segment);
    }
    if path.is_empty() {
        path.push('/');
    }
    let mut url = base.clone();
    // Every segment is percent-encoded and none is `.` or `..`, so the URL parser keeps the
    // path exactly as written.
    url.set_path(&path);
    if url.path() != path {
        return Err(Problem {
            parameter: "path",
            reason: format!("the path `{path}` would not stay as written"),
        });
    }
    if !query.is_empty() {
        let mut pairs = url.query_pairs_mut();
        for (name, value) in query {
            pairs.append_pair(name, value);
        }
    }
    Ok(url)
}
