//! The mock's request log: each request as it arrived, with the operation it was routed to, readable by tests and redacted in `Debug`.

use std::fmt;

use bytes::Bytes;
use reqwest::header::{HeaderMap, AUTHORIZATION, COOKIE};

/// One request the mock received, in the order they arrived.
#[derive(Clone)]
pub struct ReceivedRequest {
    /// The `operationId` the request was routed to; `None` for one no operation has.
    pub(super) operation: Option<&'static str>,
    /// The method, for example `POST`.
    pub(super) method: String,
    /// The path as sent (percent-encoded).
    pub(super) path: String,
    /// The query pairs, decoded, in order.
    pub(super) query: Vec<(String, String)>,
    /// The headers.
    pub(super) headers: HeaderMap,
    /// The body bytes (empty when none was sent).
    pub(super) body: Bytes,
}

impl ReceivedRequest {
    /// The `operationId` of the operation the request was routed to, if any.
    pub fn operation(&self) -> Option<&'static str> {
        self.operation
    }

    /// The method, for example `POST`.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The path as sent, percent-encoded, without the query.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query pairs, decoded, in the order sent.
    pub fn query(&self) -> &[(String, String)] {
        &self.query
    }

    /// The headers, credentials included (only `Debug` hides them).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body bytes; empty when none was sent.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// Decodes the body as JSON of `T`.
    ///
    /// # Errors
    ///
    /// When the body is not JSON of that type.
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_slice(&self.body)
    }

    /// The text of a header, if present and text.
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The cookie pairs of the `Cookie` headers.
    pub(super) fn cookies(&self) -> Vec<(&str, &str)> {
        self.headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|text| text.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .collect()
    }
}

/// The headers whose values `Debug` never shows: they carry credentials.
fn is_secret(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name == AUTHORIZATION.as_str()
        || name == COOKIE.as_str()
        || name == "proxy-authorization"
        || name.contains("api-key")
        || name.contains("apikey")
        || name.contains("token")
        || name.contains("secret")
}

impl fmt::Debug for ReceivedRequest {
    /// Shows everything but credentials: the values of `Authorization`, `Cookie` and headers
    /// named like keys or tokens are `<redacted>`.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, String)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if is_secret(name.as_str()) {
                    "<redacted>".to_owned()
                } else {
                    String::from_utf8_lossy(value.as_bytes()).into_owned()
                };
                (name.as_str(), shown)
            })
            .collect();
        formatter
            .debug_struct("ReceivedRequest")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &headers)
            .field("body", &String::from_utf8_lossy(&self.body))
            .finish()
    }
}
