//! Typed async client for the myKaarma Payments API, generated from `spec/openapi.yaml`.
//!
//! - [`models`]: one type per schema of the spec, with the exact wire names. Money is
//!   [`rust_decimal::Decimal`], decoded and encoded exactly; enums are open (an unknown value
//!   decodes into their `Other` variant and encodes back unchanged); date-times are the lenient,
//!   lossless [`runtime::DateTime`].
//! - [`runtime`]: the hand-written, API-agnostic support the generated code stands on.
//!
//! `models` (and every file with an `@generated` header) is output of `cargo xtask codegen`;
//! edit the spec, not these files.

// Generated modules are formatted by prettyplease, not rustfmt; `rustfmt::skip` keeps a stable
// `cargo fmt --check` from rewriting checked-in output.
#[rustfmt::skip]
pub mod models;
pub mod runtime;
