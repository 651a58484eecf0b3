//! Runtime support shared by the generated modules: the HTTP transport, its errors, and the lenient `DateTime`.
//!
//! Nothing here knows any particular API. The generated client describes each
//! operation with an [`OperationSpec`] and its path with [`PathPart`]s, and
//! hands them to [`Transport::execute`], which builds the URL, sends the request
//! (retrying only [`RetryClass::Idempotent`] operations), reads the body within
//! a size limit and decodes it into a [`Response`] or an [`Error`].

// The house rule is rustdoc on every public item; the lint keeps it true here.
#![warn(missing_docs)]

mod auth;
mod builder;
mod datetime;
mod error;
mod request;
mod response;
mod retry;
mod transport;

pub use builder::{BuildError, ClientBuilder};
pub use bytes::Bytes;
pub use datetime::{DateTime, DateTimeForm};
pub use error::{BodyProblem, Error};
pub use request::{OperationSpec, PathPart, RequestParts, Statuses};
pub use reqwest::header::HeaderMap;
pub use reqwest::{Method, StatusCode};
pub use response::{Response, ResponseParts};
pub use retry::{RetryClass, RetryPolicy};
pub use transport::Transport;
