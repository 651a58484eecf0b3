//! Response bodies read in full, and the decoders a generated method hands to `Transport::execute`.

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

/// A response whose body was read in full, for the decoders a generated method passes to
/// `Transport::execute`.
#[derive(Clone, Debug)]
pub struct RawResponse {
    /// The response status.
    pub(super) status: StatusCode,
    /// The response headers.
    pub(super) headers: HeaderMap,
    /// The body exactly as received.
    pub(super) body: Bytes,
}

impl RawResponse {
    /// The response status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body exactly as received.
    pub fn body(&self) -> &Bytes {
        &self.body
    }
}

/// Why a body did not decode.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The body is not JSON of the expected shape.
    #[error("the body does not decode as JSON at `{path}`: {source}")]
    Json {
        /// Where in the body decoding stopped, as a path of fields and indices
        /// (`payment_request.amount`, `errors[0]`); `.` for the body itself.
        path: String,
        /// What went wrong there, with the line and column.
        source: serde_json::Error,
    },
    /// The body was expected to be text but is not valid UTF-8.
    #[error("the body is not valid UTF-8 text")]
    NotUtf8,
}

/// Decodes a JSON body as `T`.
///
/// # Errors
///
/// [`DecodeError::Json`] when the body is not JSON, or not a `T`.
pub fn decode_json<T: DeserializeOwned>(raw: &RawResponse) -> Result<T, DecodeError> {
    let mut deserializer = serde_json::Deserializer::from_slice(&raw.body);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        DecodeError::Json {
            path,
            source: error.into_inner(),
        }
    })?;
    // Trailing characters after the value make the body malformed, as `from_slice` says.
    deserializer.end().map_err(|source| DecodeError::Json {
        path: ".".to_owned(),
        source,
    })?;
    Ok(value)
}

/// Decodes a text body.
///
/// # Errors
///
/// [`DecodeError::NotUtf8`] when the body is not UTF-8.
pub fn decode_text(raw: &RawResponse) -> Result<String, DecodeError> {
    String::from_utf8(raw.body.to_vec()).map_err(|_| DecodeError::NotUtf8)
}

/// Takes a binary body as it is.
///
/// # Errors
///
/// Never; the signature is the one every decoder has.
pub fn decode_bytes(raw: &RawResponse) -> Result<Bytes, DecodeError> {
    Ok(raw.body.clone())
}

/// Accepts any body, for a response documented without one.
///
/// # Errors
///
/// Never; the signature is the one every decoder has.
pub fn decode_empty(_raw: &RawResponse) -> Result<(), DecodeError> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(body: &'static [u8]) -> RawResponse {
        RawResponse {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Bytes::from_static(body),
        }
    }

    #[test]
    fn decodes_each_kind_of_body() {
        assert_eq!(
            decode_json::<Vec<u8>>(&raw(b"[1, 2]")).ok(),
            Some(vec![1, 2])
        );
        assert!(matches!(
            decode_json::<Vec<u8>>(&raw(b"<html>")),
            Err(DecodeError::Json { .. })
        ));
        assert_eq!(decode_text(&raw("é".as_bytes())).ok().as_deref(), Some("é"));
        let error = decode_text(&raw(b"\xff")).expect_err("not UTF-8");
        assert_eq!(error.to_string(), "the body is not valid UTF-8 text");
        assert_eq!(
            decode_bytes(&raw(b"\xff")).ok(),
            Some(Bytes::from_static(b"\xff"))
        );
        assert!(decode_empty(&raw(b"anything")).is_ok());
        assert_eq!(raw(b"").status(), StatusCode::OK);
    }
}
