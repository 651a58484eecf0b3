//! `BuildError`: why a client could not be built, from the builder's settings, the credentials or the TLS configuration.

/// Why a client could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The base URL does not parse.
    #[error("the base URL `{url}` does not parse: {reason}")]
    InvalidBaseUrl {
        /// The base URL as given, with any credentials redacted.
        url: String,
        /// What the URL parser objected to.
        reason: String,
    },
    /// The base URL's scheme is neither `http` nor `https`.
    #[error("the base URL `{url}` has the scheme `{scheme}`; only http and https are supported")]
    UnsupportedScheme {
        /// The base URL as given, with any credentials redacted.
        url: String,
        /// The scheme found.
        scheme: String,
    },
    /// The base URL holds a username or password.
    #[error("the base URL `{url}` holds credentials; pass them to `basic_auth` instead")]
    CredentialsInBaseUrl {
        /// The base URL as given, with the credentials redacted.
        url: String,
    },
    /// The base URL has a query, which would collide with the operations' own.
    #[error("the base URL `{url}` has a query; operations add their own query parameters")]
    QueryInBaseUrl {
        /// The base URL as given, with any credentials redacted.
        url: String,
    },
    /// The base URL has a fragment, which is never sent to a server.
    #[error("the base URL `{url}` has a fragment, which is never sent to the server")]
    FragmentInBaseUrl {
        /// The base URL as given, with any credentials redacted.
        url: String,
    },
    /// Credentials that cannot be sent; their secret part is never quoted.
    #[error("the credentials are invalid: {reason}")]
    InvalidCredentials {
        /// What is wrong with them.
        reason: &'static str,
    },
    /// The user agent is not valid header text.
    #[error("the user agent `{value}` is not valid header text")]
    InvalidUserAgent {
        /// The user agent as given.
        value: String,
    },
    /// reqwest could not build its client (for instance, no TLS backend).
    #[error("cannot build the HTTP client")]
    Client {
        /// reqwest's error.
        source: reqwest::Error,
    },
    /// The TLS configuration could not be made (for instance, the platform's certificate
    /// verifier is unavailable).
    #[error("cannot configure TLS")]
    Tls {
        /// The TLS library's error.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}
