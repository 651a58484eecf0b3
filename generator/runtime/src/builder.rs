//! `ClientBuilder`: configuration of a generated client, checked once when it is built.

use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use reqwest::header::HeaderValue;
use reqwest::Url;

use super::auth::{GivenAuthorization, GivenCredentials};
use super::build_error::BuildError;
use super::redirect::RedirectPolicy;
use super::retry::RetryPolicy;
use super::tls;
use super::transport::{Settings, Transport};

/// The `User-Agent` of the HTTP clients the builder makes itself.
const DEFAULT_USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// Configures and builds a generated client `C`.
///
/// Every setting has a default; only the base URL (from the API document) and
/// the credentials usually need attention. Nothing is checked until
/// [`ClientBuilder::build`], which reports every problem as a [`BuildError`].
///
/// | Setting | Default |
/// |---|---|
/// | [`connect_timeout`](ClientBuilder::connect_timeout) | 10 s |
/// | [`timeout`](ClientBuilder::timeout) (each attempt) | 30 s |
/// | [`retry`](ClientBuilder::retry) | [`RetryPolicy::default`]: idempotent operations only, 2 retries |
/// | [`redirect_policy`](ClientBuilder::redirect_policy) | [`RedirectPolicy::safe`]: nothing that changes what was sent, at most 10 |
/// | [`max_response_bytes`](ClientBuilder::max_response_bytes) | 16 MiB |
///
/// Building needs no async runtime, but the client built must be used inside a Tokio
/// runtime with timers enabled (the default `#[tokio::main]` runtime has them): reqwest,
/// which sends the requests, and the waits between retries need it, and a call outside one
/// panics.
#[must_use]
pub struct ClientBuilder<C> {
    /// The base URL as given; checked by `build`.
    base_url: String,
    /// The credentials sent with every request to the base URL's origin.
    credentials: GivenCredentials,
    /// The caller's own HTTP client, if any.
    reqwest_client: Option<reqwest::Client>,
    /// The connect timeout of a client the builder makes itself.
    connect_timeout: Duration,
    /// The total timeout of each request attempt.
    timeout: Duration,
    /// The retry policy for idempotent operations.
    retry: RetryPolicy,
    /// The redirects followed.
    redirect: RedirectPolicy,
    /// The largest response body that is read.
    max_response_bytes: usize,
    /// A `User-Agent` sent with every request, if set.
    user_agent: Option<String>,
    /// The client type built; `fn() -> C` keeps the builder `Send` and `Sync`
    /// whatever `C` is.
    target: PhantomData<fn() -> C>,
}

impl<C> ClientBuilder<C> {
    /// Starts a builder whose base URL is `default_base_url`.
    pub fn new(default_base_url: &str) -> Self {
        Self {
            base_url: default_base_url.to_owned(),
            credentials: GivenCredentials::default(),
            reqwest_client: None,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            redirect: RedirectPolicy::safe(),
            max_response_bytes: 16 * 1024 * 1024,
            user_agent: None,
            target: PhantomData,
        }
    }

    /// Sets the base URL, with or without a trailing `/`; the operation paths
    /// are appended to its path.
    pub fn base_url(mut self, base_url: impl AsRef<str>) -> Self {
        self.base_url = base_url.as_ref().to_owned();
        self
    }

    /// Sends HTTP basic authentication with every request (replacing a bearer token set
    /// before).
    pub fn basic_auth(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
        self.credentials.authorization = Some(GivenAuthorization::Basic {
            username: username.into(),
            password: password.into(),
        });
        self
    }

    /// Sends `Authorization: Bearer <token>` with every request (replacing basic
    /// authentication set before): for OAuth 2 access tokens and the API keys most APIs
    /// take this way.
    pub fn bearer_auth(mut self, token: impl Into<String>) -> Self {
        self.credentials.authorization = Some(GivenAuthorization::Bearer(token.into()));
        self
    }

    /// Sends the header `name: value` with every request, treated as a credential (an API
    /// key): marked sensitive, never logged, and, like the other credentials, never sent
    /// to another origin after a redirect. Call it once per header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.credentials.headers.push((name.into(), value.into()));
        self
    }

    /// Adds the query parameter `name=value` to every request, treated as a credential (an
    /// API key the API takes in the query): never shown in logs or errors, and never sent
    /// to another origin after a redirect. Call it once per parameter.
    pub fn query_param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.credentials.query.push((name.into(), value.into()));
        self
    }

    /// Uses the caller's own HTTP client (for its proxy, TLS or pool settings).
    /// The connect timeout then is the client's own; the request timeout still applies.
    ///
    /// Build it with `.redirect(reqwest::redirect::Policy::none())`: otherwise reqwest
    /// follows redirects itself before the transport sees them, and the
    /// [`redirect_policy`](ClientBuilder::redirect_policy) does not hold (reqwest's default
    /// replays a `POST` answered with 301 or 302 as a `GET` without its body).
    /// [`reqwest_client_builder`] starts from exactly that. Use the `reqwest` this crate
    /// re-exports, so that the versions match. The client's TLS is then the client's own,
    /// whatever this crate's TLS features say.
    pub fn reqwest_client(mut self, client: reqwest::Client) -> Self {
        self.reqwest_client = Some(client);
        self
    }

    /// Sets the connect timeout of the client the builder makes (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets the total timeout of each request attempt, from connecting to the
    /// end of the body (default 30 s). It applies to a caller's client too.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the retry policy for idempotent operations (see [`RetryPolicy`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Sets which redirects are followed (default [`RedirectPolicy::safe`]; see there).
    pub fn redirect_policy(mut self, policy: RedirectPolicy) -> Self {
        self.redirect = policy;
        self
    }

    /// Sets the largest response body read, in bytes (default 16 MiB), so that
    /// a misbehaving server cannot make the client buffer without bound.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Sends this `User-Agent` with every request, also through a caller's client.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Checks the configuration and builds the client.
    ///
    /// # Errors
    ///
    /// A [`BuildError`] for a base URL that is not a plain http(s) URL, for
    /// credentials or a user agent that cannot be sent, or when reqwest cannot
    /// build its client.
    pub fn build(self) -> Result<C, BuildError>
    where
        C: From<Transport>,
    {
        self.build_transport().map(C::from)
    }

    /// Checks the configuration and builds the transport alone.
    ///
    /// # Errors
    ///
    /// The same as [`ClientBuilder::build`].
    pub fn build_transport(self) -> Result<Transport, BuildError> {
        let base_url = parse_base_url(&self.base_url)?;
        let credentials = self.credentials.check()?;
        if !credentials.is_empty() && base_url.scheme() == "http" {
            tracing::warn!("credentials will be sent over plain http");
        }
        let user_agent = match self.user_agent {
            Some(value) => Some(
                HeaderValue::try_from(value.as_str())
                    .map_err(|_| BuildError::InvalidUserAgent { value })?,
            ),
            None => None,
        };
        let (client, connect_timeout) = match self.reqwest_client {
            Some(client) => (client, None),
            None => (
                make_client(self.connect_timeout)?,
                Some(self.connect_timeout),
            ),
        };
        Ok(Transport::new(Settings {
            client,
            base_url,
            credentials,
            user_agent,
            connect_timeout,
            timeout: self.timeout,
            retry: self.retry,
            redirect: self.redirect,
            max_response_bytes: self.max_response_bytes,
        }))
    }
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("ClientBuilder")
            .field("base_url", &redact_userinfo(&self.base_url))
            .field("credentials", &self.credentials)
            .field(
                "reqwest_client",
                &self.reqwest_client.as_ref().map(|_| "<caller's client>"),
            )
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("redirect", &self.redirect)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("user_agent", &self.user_agent)
            .finish()
    }
}

/// A reqwest client builder set up as the one [`ClientBuilder`] starts from: the TLS
/// backend of the crate's cargo features, and no redirect following of its own (the
/// transport follows redirects by its [`RedirectPolicy`]). Add proxies, default headers or
/// pool settings, build it, and pass it to [`ClientBuilder::reqwest_client`].
///
/// Prefer it to `reqwest::Client::builder()`: with the default `rustls-ring` feature,
/// reqwest has no crypto provider of its own, and a reqwest client built from scratch
/// panics unless the program turns one on (reqwest's default features do) or installs
/// one. With `rustls-ring` the TLS configuration is already made, so reqwest's TLS
/// settings (extra root certificates, versions) are ignored on this builder; for those,
/// build the client from a reqwest with a provider of its own, or choose the
/// `rustls-aws-lc-rs` or `native-tls` feature.
///
/// # Errors
///
/// [`BuildError::Tls`] when the TLS configuration cannot be made.
pub fn reqwest_client_builder() -> Result<reqwest::ClientBuilder, BuildError> {
    tls::configure(reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()))
}

/// Makes the HTTP client used when the caller brings none.
fn make_client(connect_timeout: Duration) -> Result<reqwest::Client, BuildError> {
    reqwest_client_builder()?
        .connect_timeout(connect_timeout)
        .user_agent(DEFAULT_USER_AGENT)
        .build()
        .map_err(|source| BuildError::Client { source })
}

/// Parses and checks a base URL: http or https, no credentials, no query, no fragment.
fn parse_base_url(text: &str) -> Result<Url, BuildError> {
    let quoted = || redact_userinfo(text);
    let url = Url::parse(text).map_err(|error| BuildError::InvalidBaseUrl {
        url: quoted(),
        reason: error.to_string(),
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(BuildError::UnsupportedScheme {
            url: quoted(),
            scheme: url.scheme().to_owned(),
        });
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(BuildError::CredentialsInBaseUrl { url: quoted() });
    }
    if url.query().is_some() {
        return Err(BuildError::QueryInBaseUrl { url: quoted() });
    }
    if url.fragment().is_some() {
        return Err(BuildError::FragmentInBaseUrl { url: quoted() });
    }
    Ok(url)
}

/// Hides whatever could be userinfo in a URL-like text, for error messages.
///
/// It errs towards hiding: everything between the end of the scheme and the
/// last `@` is replaced, because a password may itself hold `/`, `?` or `#`
/// and the text may not even parse.
pub(super) fn redact_userinfo(text: &str) -> String {
    let Some(at) = text.rfind('@') else {
        return text.to_owned();
    };
    let start = match text.find("://") {
        Some(separator) if separator < at => separator + 3,
        _ => text
            .find(':')
            .filter(|colon| *colon < at)
            .map_or(0, |colon| colon + 1),
    };
    match (text.get(..start), text.get(at..)) {
        (Some(head), Some(tail)) => format!("{head}<redacted>{tail}"),
        _ => "<redacted>".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for a generated client.
    #[derive(Debug)]
    struct Target(Transport);

    impl From<Transport> for Target {
        fn from(transport: Transport) -> Self {
            Self(transport)
        }
    }

    fn builder(base_url: &str) -> ClientBuilder<Target> {
        ClientBuilder::new(base_url)
    }

    #[test]
    fn builds_with_defaults() {
        let Target(transport) = builder("https://api.example.com/base")
            .build()
            .expect("builds");
        assert_eq!(
            transport.base_url().as_str(),
            "https://api.example.com/base"
        );
        assert_eq!(transport.timeout(), Duration::from_secs(30));
        assert_eq!(transport.retry_policy(), RetryPolicy::default());
        assert_eq!(transport.redirect_policy(), RedirectPolicy::safe());
        assert_eq!(transport.redirect_policy().max_hops(), 10);
        assert_eq!(transport.max_response_bytes(), 16 * 1024 * 1024);
        assert!(!transport.has_credentials());
    }

    /// Tells whether an error is of the expected variant.
    type IsExpected = fn(&BuildError) -> bool;

    #[test]
    fn refuses_bad_base_urls_and_quotes_them() {
        let cases: &[(&str, IsExpected, &str)] = &[
            (
                "not a url",
                |e| matches!(e, BuildError::InvalidBaseUrl { .. }),
                "`not a url`",
            ),
            (
                "https://",
                |e| matches!(e, BuildError::InvalidBaseUrl { .. }),
                "`https://`",
            ),
            (
                "ftp://h/x",
                |e| matches!(e, BuildError::UnsupportedScheme { .. }),
                "`ftp`",
            ),
            (
                "https://h/x?a=1",
                |e| matches!(e, BuildError::QueryInBaseUrl { .. }),
                "`https://h/x?a=1`",
            ),
            (
                "https://h/x?",
                |e| matches!(e, BuildError::QueryInBaseUrl { .. }),
                "`https://h/x?`",
            ),
            (
                "https://h/x#top",
                |e| matches!(e, BuildError::FragmentInBaseUrl { .. }),
                "`https://h/x#top`",
            ),
        ];
        for (url, is_expected, quoted) in cases {
            let error = builder(url).build().expect_err(url);
            assert!(is_expected(&error), "{url}: {error:?}");
            assert!(error.to_string().contains(quoted), "{url}: {error}");
        }
    }

    #[test]
    fn refuses_credentials_in_the_base_url_without_echoing_the_password() {
        let cases = [
            "https://user:s3cret@h/x",
            "https://user@h/x",
            "ftp://user:s3cret@h/x",
            "https://user:s3/cr?et#@h/x",
            "https://user:s3cret@h:notaport/x",
            "user:s3cret@h/x",
        ];
        for url in cases {
            let error = builder(url).build().expect_err(url);
            let shown = format!("{error} {error:?}");
            assert!(
                !shown.contains("s3cret") && !shown.contains("s3/cr"),
                "{shown}"
            );
        }
        let error = builder("https://user:s3cret@h/x")
            .build()
            .expect_err("credentials");
        assert_eq!(
            error.to_string(),
            "the base URL `https://<redacted>@h/x` holds credentials; pass them to `basic_auth` instead"
        );
    }

    #[test]
    fn refuses_an_invalid_user_agent() {
        let error = builder("https://h")
            .user_agent("bad\nagent")
            .build()
            .expect_err("newline");
        assert!(
            matches!(error, BuildError::InvalidUserAgent { .. }),
            "{error:?}"
        );
        assert!(error.to_string().contains("`bad\nagent`"), "{error}");
    }

    #[test]
    fn debug_output_never_shows_the_password() {
        let configured = builder("https://h/x").basic_auth("user", "s3cret");
        let shown = format!("{configured:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("<redacted>"), "{shown}");
        let Target(transport) = configured.build().expect("builds");
        let shown = format!("{transport:?} {:?}", Target(transport.clone()));
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(!shown.contains("dXNlcjpzM2NyZXQ"), "{shown}");
        assert!(shown.contains("<redacted>"), "{shown}");
        assert!(transport.has_credentials());
    }

    #[test]
    fn refuses_tokens_and_api_keys_that_cannot_be_sent_without_echoing_them() {
        let cases: [(ClientBuilder<Target>, &str); 4] = [
            (
                builder("https://h").bearer_auth("s3cret token"),
                "bearer token",
            ),
            (builder("https://h").bearer_auth(""), "bearer token"),
            (
                builder("https://h").header("x-api-key", "s3cret\r\nx: 1"),
                "value",
            ),
            (builder("https://h").header("bad name", "s3cret"), "name"),
        ];
        for (configured, named) in cases {
            let shown = format!("{configured:?}");
            assert!(!shown.contains("s3cret"), "{shown}");
            let error = configured.build().expect_err(named);
            let shown = format!("{error} {error:?}");
            assert!(
                matches!(error, BuildError::InvalidCredentials { .. }),
                "{shown}"
            );
            assert!(
                shown.contains(named) && !shown.contains("s3cret"),
                "{shown}"
            );
        }
        let Target(transport) = builder("https://h")
            .bearer_auth("s3cret")
            .header("x-api-key", "s3cret")
            .query_param("key", "s3cret")
            .build()
            .expect("builds");
        assert!(transport.has_credentials());
        assert!(!format!("{transport:?}").contains("s3cret"));
    }

    #[test]
    fn keeps_the_callers_client_and_settings() {
        // `reqwest::Client::new()` would panic here: with the default `rustls-ring`
        // feature reqwest has no crypto provider of its own.
        let callers = reqwest_client_builder()
            .and_then(|builder| {
                builder
                    .build()
                    .map_err(|source| BuildError::Client { source })
            })
            .expect("a client");
        let Target(transport) = builder("http://127.0.0.1:1/")
            .reqwest_client(callers)
            .timeout(Duration::from_millis(1500))
            .retry(RetryPolicy::none())
            .redirect_policy(RedirectPolicy::none())
            .max_response_bytes(10)
            .build()
            .expect("builds");
        assert_eq!(transport.timeout(), Duration::from_millis(1500));
        assert_eq!(transport.connect_timeout(), None);
        assert_eq!(transport.retry_policy(), RetryPolicy::none());
        assert_eq!(transport.redirect_policy(), RedirectPolicy::none());
        assert_eq!(transport.max_response_bytes(), 10);
    }

    #[test]
    fn redacts_what_could_be_userinfo() {
        let cases = [
            ("https://h/x", "https://h/x"),
            ("https://u:p@h/x", "https://<redacted>@h/x"),
            ("https://u:p/q@h/x", "https://<redacted>@h/x"),
            ("u:p@h", "u:<redacted>@h"),
            ("u@h", "<redacted>@h"),
        ];
        for (text, expected) in cases {
            assert_eq!(redact_userinfo(text), expected, "{text}");
        }
    }
}
