//! Typed async client for the myKaarma Payments API, generated from `spec/openapi.yaml`.
//!
//! ```no_run
//! use mykaarma_payments::models::InvoicePaymentRequest;
//! use mykaarma_payments::Client;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! // The base URL defaults to the spec's server, https://api.mykaarma.com/payment.
//! let client = Client::builder().basic_auth("user", "password").build()?;
//! let body = InvoicePaymentRequest {
//!     invoice_guid: Some("invoice-guid".into()),
//!     send_as_text: Some(true),
//!     ..Default::default()
//! };
//! let sent = client.send_payment_request("department-uuid", &body).await?;
//! println!("{:?} {:?}", sent.payment_link, sent.text_sent);
//! let found = client.get_payment_request("payment-request-guid").extend(true).await?;
//! println!("{:?}", found.payment_request);
//! # Ok(())
//! # }
//! ```
//!
//! - [`Client`]: one async method per operation, named from its `operationId`, with the
//!   operation's scope, method and path in its docs. Required inputs are arguments; optional
//!   ones are setters on the returned request builder, which sends when awaited. Each call
//!   returns a [`runtime::Response`] (the decoded body, plus status, headers and raw bytes for
//!   fields the spec does not describe yet) or a [`runtime::Error`] that tells a documented
//!   error status (with the API's errors/warnings envelope) from an undocumented status, an
//!   undecodable body, a timeout and a connection failure.
//! - [`models`]: one type per schema of the spec, with the exact wire names. Money is
//!   [`rust_decimal::Decimal`], decoded and encoded exactly; enums are open (an unknown value
//!   decodes into their `Other` variant and encodes back unchanged); date-times are the lenient,
//!   lossless [`runtime::DateTime`].
//! - [`runtime`]: the hand-written, API-agnostic support the generated code stands on:
//!   transport (reqwest with rustls), basic auth that never shows in `Debug` or logs, timeouts,
//!   retries of idempotent requests only, and `tracing` events without bodies or credentials.
//!
//! `client` and `models` (files with an `@generated` header) are output of
//! `cargo xtask codegen`; edit the spec, not these files.

// Generated modules are formatted by prettyplease, not rustfmt; `rustfmt::skip` keeps a stable
// `cargo fmt --check` from rewriting checked-in output.
#[rustfmt::skip]
pub mod client;
#[rustfmt::skip]
pub mod models;
pub mod runtime;

pub use client::{Client, DEFAULT_BASE_URL};
