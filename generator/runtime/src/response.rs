//! A decoded success response that keeps its status, headers and raw body.

use std::ops::Deref;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

/// A success response: the decoded value, plus what the decoder did not keep.
///
/// It dereferences to the value. The raw body is the escape hatch for fields
/// the API document does not describe yet: see [`Response::decode_as`].
#[derive(Clone, Debug)]
pub struct Response<T> {
    /// The response status.
    status: StatusCode,
    /// The response headers.
    headers: HeaderMap,
    /// The body exactly as received.
    raw_body: Bytes,
    /// The decoded body.
    value: T,
}

/// The pieces of a [`Response`], taken apart by [`Response::into_parts`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ResponseParts<T> {
    /// The response status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body exactly as received.
    pub raw_body: Bytes,
    /// The decoded body.
    pub value: T,
}

impl<T> Response<T> {
    /// Puts a response together; only the transport makes them.
    pub(super) fn new(status: StatusCode, headers: HeaderMap, raw_body: Bytes, value: T) -> Self {
        Self {
            status,
            headers,
            raw_body,
            value,
        }
    }

    /// The response status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body exactly as received.
    pub fn raw_body(&self) -> &Bytes {
        &self.raw_body
    }

    /// The decoded body.
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
            status: self.status,
            headers: self.headers,
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

    fn deref(&self) -> &T {
        &self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exposes_value_and_raw_body() {
        let raw = Bytes::from_static(br#"{"known": 1, "unknown": "x"}"#);
        let response = Response::new(StatusCode::OK, HeaderMap::new(), raw.clone(), vec![1u8]);
        assert_eq!(response.len(), 1);
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.raw_body(), &raw);
        let extra: serde_json::Value = response.decode_as().expect("raw body is JSON");
        assert_eq!(extra["unknown"], "x");
        let parts = response.into_parts();
        assert_eq!(parts.value, [1]);
        assert_eq!(parts.raw_body, raw);
    }
}
