//! The TLS backend of the HTTP client the builder makes, chosen by the crate's cargo features.
//!
//! - `rustls-ring` (the default): rustls with the `ring` crypto provider and the platform's
//!   certificate verifier. It builds much faster than aws-lc-rs, whose C library dominates
//!   a cold build. A crypto provider the program installed as rustls's process default is
//!   used instead of `ring`, as reqwest itself does.
//! - `rustls-aws-lc-rs`: reqwest's own rustls setup, with the aws-lc-rs provider.
//! - `native-tls`: the platform's TLS library (OpenSSL on Linux, Secure Transport on
//!   macOS, SChannel on Windows).
//!
//! When several are on (cargo features add up), `native-tls` wins over `rustls-aws-lc-rs`,
//! which wins over `rustls-ring`: turning on a feature beside the default is taken as the
//! choice. With none on, the client has whatever TLS reqwest has from elsewhere in the
//! program, and possibly none, in which case only `http` URLs work.

use super::build_error::BuildError;

/// Sets the TLS backend of the features on `builder`.
#[cfg(feature = "native-tls")]
pub(super) fn configure(
    builder: reqwest::ClientBuilder,
) -> Result<reqwest::ClientBuilder, BuildError> {
    Ok(builder.tls_backend_native())
}

/// Sets the TLS backend of the features on `builder`.
#[cfg(all(feature = "rustls-aws-lc-rs", not(feature = "native-tls")))]
pub(super) fn configure(
    builder: reqwest::ClientBuilder,
) -> Result<reqwest::ClientBuilder, BuildError> {
    Ok(builder.tls_backend_rustls())
}

/// Sets the TLS backend of the features on `builder`.
#[cfg(all(
    feature = "rustls-ring",
    not(any(feature = "native-tls", feature = "rustls-aws-lc-rs"))
))]
pub(super) fn configure(
    builder: reqwest::ClientBuilder,
) -> Result<reqwest::ClientBuilder, BuildError> {
    use rustls_platform_verifier::BuilderVerifierExt as _;
    use std::sync::Arc;

    // reqwest's `rustls-no-provider` has no provider of its own, so the configuration is
    // built here; installing `ring` as the process default instead would change which
    // provider every other rustls user in the program gets.
    let provider = rustls::crypto::CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls::crypto::ring::default_provider()));
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|config| config.with_platform_verifier())
        .map_err(|source| BuildError::Tls {
            source: Box::new(source),
        })?
        .with_no_client_auth();
    // The client speaks HTTP/1.1 only (reqwest's `http2` feature is off), which is what
    // reqwest itself would offer in ALPN.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(builder.tls_backend_preconfigured(config))
}

/// Leaves `builder` as it is: no TLS feature is on.
#[cfg(not(any(
    feature = "native-tls",
    feature = "rustls-aws-lc-rs",
    feature = "rustls-ring"
)))]
pub(super) fn configure(
    builder: reqwest::ClientBuilder,
) -> Result<reqwest::ClientBuilder, BuildError> {
    Ok(builder)
}
