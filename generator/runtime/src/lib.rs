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
//!
//! # Tokio
//!
//! The client needs a Tokio runtime with timers enabled (the default `#[tokio::main]`
//! runtime has them): reqwest, which sends the requests, and the waits between retries
//! need it. A call made outside one, or in a runtime built without `enable_time` or
//! `enable_all`, panics. Building a client needs no runtime.
//!
//! # What the transport does for you
//!
//! - Retries ([`RetryPolicy`]): only idempotent operations, never a `POST` or `PATCH`; on a
//!   failed connection and on 429, 502, 503 and 504; honouring `Retry-After` up to the
//!   policy's longest wait; with jittered exponential backoff.
//! - Redirects ([`RedirectPolicy`]): followed only when following cannot change what was
//!   sent; credentials never go to another origin; anything else is [`Error::Redirect`].
//! - Limits: a timeout per attempt and a largest response body read.
//!
//! # Streams
//!
//! An operation answered with server-sent events returns a [`Stream`] of [`Event`]s; a
//! paginated listing returns a [`Stream`] of every item of every page. Both send nothing until
//! first polled, and [`StreamExt::next`] reads them. An event stream is never sent again once
//! it has started, and its timeout bounds each wait rather than the whole stream; each page of
//! a listing is one call, retried like any other.
//!
//! # TLS
//!
//! The crate's cargo features choose the TLS backend of the HTTP client the builder
//! makes: `rustls-ring` (the default, and the fastest to build), `rustls-aws-lc-rs`
//! (reqwest's own default provider) or `native-tls` (the platform's TLS library). To pick
//! another than the default, turn default features off and name one, for instance
//! `default-features = false, features = ["native-tls"]`. When several are on,
//! `native-tls` wins over `rustls-aws-lc-rs`, which wins over `rustls-ring`. To bring
//! an HTTP client of your own (for a proxy, say), start from [`reqwest_client_builder`]:
//! with `rustls-ring`, a client built from `reqwest::Client::builder()` alone has no
//! crypto provider and panics unless something else in the program gives reqwest one.
//!
//! rustls decides its provider from its own cargo features only when exactly one of
//! `ring` and `aws-lc-rs` is on. If the program already builds rustls with `aws-lc-rs`
//! (reqwest's default features do) and other code in it calls
//! `rustls::ClientConfig::builder()` without installing a provider, choose
//! `rustls-aws-lc-rs` here rather than the default, so that `ring` is not added beside it.
//!
//! # Mock
//!
//! The `mock` feature (off by default) adds the `mock` module: a loopback server on hyper
//! that the crate's generated `mock` module drives with one typed method per operation, to
//! test code that uses the client without the real API.

// The house rule is rustdoc on every public item; the lint keeps it true here.
#![warn(missing_docs)]

#[cfg(test)]
mod tests;

mod api_errors;
mod auth;
mod build_error;
mod builder;
mod datetime;
mod decimal;
mod decode;
mod error;
mod events;
mod missing;
#[cfg(feature = "mock")]
pub mod mock;
mod multipart;
mod open_enum;
mod pages;
mod problem;
mod raw;
mod redirect;
mod request;
mod response;
mod retry;
mod style;
mod tls;
mod transport;
#[doc(hidden)]
pub mod union;

pub use api_errors::{ApiErrors, ApiMessage};
pub use build_error::BuildError;
pub use builder::{reqwest_client_builder, ClientBuilder};
pub use bytes::Bytes;
pub use datetime::{DateTime, DateTimeForm};
pub use decimal::{exact, Exact};
pub use decode::DecodeError;
#[doc(hidden)]
pub use decode::{decode_bytes, decode_empty, decode_json, decode_text, RawResponse};
pub use error::{BodyProblem, Error};
pub use events::Event;
#[doc(hidden)]
pub use events::{decode_event_json, decode_event_text};
/// The trait of the event streams and page streams operations return.
pub use futures_core::Stream;
/// `next()` and the other adapters of a [`Stream`], so that no other crate is needed to read one.
pub use futures_util::StreamExt;
pub use missing::MissingFields;
pub use multipart::FilePart;
#[doc(hidden)]
pub use multipart::Multipart;
#[doc(hidden)]
pub use open_enum::decode_open_str;
#[doc(hidden)]
pub use pages::NextPage;
pub use redirect::RedirectPolicy;
#[doc(hidden)]
pub use request::{HttpMethod, OperationSpec, Request, Statuses};
/// The HTTP client crate the runtime uses, for
/// [`ClientBuilder::reqwest_client`] without matching its version by hand.
pub use reqwest;
pub use reqwest::header::HeaderMap;
pub use reqwest::{Method, StatusCode};
pub use response::{Response, ResponseParts};
pub use retry::{RetryClass, RetryPolicy};
pub use rust_decimal::Decimal;
#[doc(hidden)]
pub use style::{Explode, ParamStyle};
pub use transport::Transport;

/// The result of an operation whose API error body is `E`: its decoded [`Response`], or
/// an [`Error`]. The crate root narrows `E` to the error the operations document.
pub type Result<T, E> = std::result::Result<Response<T>, Error<E>>;
