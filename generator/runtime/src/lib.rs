//! Runtime support shared by the generated modules: the HTTP transport, its errors, exact decimals, unions, and the lenient `DateTime`.
//!
//! Nothing here knows any particular API. A generated method describes its
//! operation with an `OperationSpec`, assembles a `Request` input by input (each
//! parameter written in its OpenAPI style, the body as JSON, a form, multipart
//! parts, text or bytes), and hands it to `Transport::execute` with the decoders
//! of its success and error bodies. The transport sends the request (retrying
//! only [`RetryClass::Idempotent`] operations), reads the body within a size
//! limit and decodes it into a [`Response`] or an [`Error`].
//!
//! Decimal fields use the [`exact`] helpers, which read a number from its own
//! text, so no digit is lost without serde_json's `arbitrary_precision` (a global
//! feature that would break `untagged` and `flatten` across the user's program).
//! The items the generated code uses but callers should not are hidden from the
//! documentation.

// The house rule is rustdoc on every public item; the lint keeps it true here.
#![warn(missing_docs)]

#[cfg(test)]
mod tests;

mod auth;
mod builder;
mod datetime;
mod decimal;
mod decode;
mod error;
mod multipart;
mod raw;
mod request;
mod response;
mod retry;
mod style;
mod transport;
#[doc(hidden)]
pub mod union;

pub use builder::{BuildError, ClientBuilder};
pub use bytes::Bytes;
pub use datetime::{DateTime, DateTimeForm};
pub use decimal::{exact, Exact};
pub use decode::DecodeError;
#[doc(hidden)]
pub use decode::{decode_bytes, decode_empty, decode_json, decode_text, RawResponse};
pub use error::{BodyProblem, Error};
pub use multipart::FilePart;
#[doc(hidden)]
pub use multipart::Multipart;
#[doc(hidden)]
pub use request::{OperationSpec, Request, Statuses};
pub use reqwest::header::HeaderMap;
pub use reqwest::{Method, StatusCode};
pub use response::{Response, ResponseParts};
pub use retry::{RetryClass, RetryPolicy};
pub use rust_decimal::Decimal;
#[doc(hidden)]
pub use style::ParamStyle;
pub use transport::Transport;
