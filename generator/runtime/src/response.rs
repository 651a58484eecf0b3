//! A decoded success response that keeps its HTTP status, headers and raw body.

use std::ops::Deref;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

/// A success response: the decoded body, plus what the decoder did not keep.
///
/// It dereferences to the decoded body, so its fields read as `response.field`. The HTTP
/// facts have names of their own, [`Response::http_status`] and [`Response::http_headers`],
/// so that they cannot be confused with a body field: `sent.http_status()` is the HTTP
/// status, `sent.status` a `status` field of the body. The raw body is the escape hatch for
/// fields the API document does not describe yet: see [`Response::decode_as`].
#[derive(Clone, Debug)]
pub struct Response<T> {
    /// The HTTP status.
    http_status: StatusCode,
    /// The HTTP headers.
    http_headers: HeaderMap,
    /// The body exactly as received.
    raw_body: Bytes,
    /// The decoded body.
    value: T,
}

/// The pieces of a [`Response`], taken apart by [`Response::into_parts`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ResponseParts<T> {
    /// The HTTP status.
    pub http_status: StatusCode,
    /// The HTTP headers.
    pub http_headers: HeaderMap,
    /// The body exactly as received.
    pub raw_body: Bytes,
    /// The decoded body.
    pub value: T,
}

impl<T> Response<T> {
    /// Puts a response together; only the transport makes them.
    pub(super) fn new(
        http_status: StatusCode,
        http_headers: HeaderMap,
        raw_body: Bytes,
        value: T,
    ) -> Self {
        Self {
            http_status,
            http_headers,
            raw_body,
            value,
        }
    }

    /// The HTTP status of the response (any 2xx).
    pub fn http_status(&self) -> StatusCode {
        self.http_status
    }

    /// The HTTP headers of the response.
    pub fn http_headers(&self) -> &HeaderMap {
        &self.http_headers
    }

    /// The body exactly as received.
    pub fn raw_body(&self) -> &Bytes {
        &self.raw_body
    }

    /// The decoded body; the response also dereferences to it.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// Takes the decoded body, dropping the rest.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// Takes the response apart.
    pub fn into_parts(self) -> ResponseParts<T> {
        ResponseParts {
            http_status: self.http_status,
            http_headers: self.http_headers,
            raw_body: self.raw_body,
            value: self.value,
        }
    }

    /// Decodes the raw body again as another type, such as
    /// `serde_json::Value` or a struct with fields the API document lacks.
    ///
    /// # Errors
    ///
    /// The decoder's error when the raw body is not a `U`.
    pub fn decode_as<U: DeserializeOwned>(&self) -> Result<U, serde_json::Error> {
        serde_json::from_slice(&self.raw_body)
    }
}

impl<T> Deref for Response<T> {
    type Target = T;

    /// The decoded body.
    fn deref(&self) -> &T {
        &self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body with fields named like the HTTP accessors, as the payments API has.
    struct Body {
        status: &'static str,
        headers: u8,
    }

    #[test]
    fn exposes_value_and_raw_body() {
        let raw = Bytes::from_static(br#"{"known": 1, "unknown": "x"}"#);
        let response = Response::new(StatusCode::OK, HeaderMap::new(), raw.clone(), vec![1u8]);
        assert_eq!(response.len(), 1);
        assert_eq!(response.http_status(), StatusCode::OK);
        assert_eq!(response.raw_body(), &raw);
        let extra: serde_json::Value = response.decode_as().expect("raw body is JSON");
        assert_eq!(extra["unknown"], "x");
        let parts = response.into_parts();
        assert_eq!(parts.value, [1]);
        assert_eq!(parts.raw_body, raw);
        assert_eq!(parts.http_status, StatusCode::OK);
    }

    #[test]
    fn body_fields_and_http_facts_sit_side_by_side() {
        let mut headers = HeaderMap::new();
        headers.insert("x-request-id", "r-1".parse().expect("valid"));
        let body = Body {
            status: "OK",
            headers: 2,
        };
        let response = Response::new(StatusCode::CREATED, headers, Bytes::new(), body);
        assert_eq!(response.status, "OK");
        assert_eq!(response.headers, 2);
        assert_eq!(response.http_status(), StatusCode::CREATED);
        assert_eq!(response.http_headers().len(), 1);
    }
}
