//! Credentials: what the builder is given (basic, a bearer token, API keys in headers or the
//! query), checked once, and sent with every request to the base URL's origin only.

use std::fmt;

use base64::Engine as _;
use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION};
use reqwest::Url;

use super::build_error::BuildError;

/// The credentials as the builder was given them, checked by [`Credentials::check`].
#[derive(Clone, Default)]
pub(super) struct GivenCredentials {
    /// `Authorization`: basic (username and password) or a bearer token; the last one set.
    pub(super) authorization: Option<GivenAuthorization>,
    /// Headers that carry credentials, such as API keys, by name and value.
    pub(super) headers: Vec<(String, String)>,
    /// Query parameters that carry credentials, by name and value.
    pub(super) query: Vec<(String, String)>,
}

/// What goes in the `Authorization` header.
#[derive(Clone)]
pub(super) enum GivenAuthorization {
    /// HTTP basic authentication.
    Basic {
        /// The username.
        username: String,
        /// The password.
        password: String,
    },
    /// A bearer token (RFC 6750), as OAuth 2 access tokens and most API keys are sent.
    Bearer(String),
}

impl GivenCredentials {
    /// Checks every credential and makes the values sent, each header marked sensitive so
    /// that `http` never prints it.
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidCredentials`] for a value that cannot be sent, without echoing it.
    pub(super) fn check(self) -> Result<Credentials, BuildError> {
        let mut headers = Vec::new();
        match &self.authorization {
            Some(GivenAuthorization::Basic { username, password }) => {
                headers.push((AUTHORIZATION, basic_authorization(username, password)?));
            }
            Some(GivenAuthorization::Bearer(token)) => {
                headers.push((AUTHORIZATION, bearer_authorization(token)?));
            }
            None => {}
        }
        for (name, value) in &self.headers {
            let name = HeaderName::try_from(name.as_str()).map_err(|_| {
                BuildError::InvalidCredentials {
                    reason: "a credential header's name is not a valid header name",
                }
            })?;
            let mut value = HeaderValue::try_from(value.as_str()).map_err(|_| {
                BuildError::InvalidCredentials {
                    reason: "a credential header's value is not valid header text",
                }
            })?;
            value.set_sensitive(true);
            headers.push((name, value));
        }
        Ok(Credentials {
            headers,
            query: self.query,
        })
    }
}

impl fmt::Debug for GivenCredentials {
    /// Names the kinds of credentials given, never their values.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let authorization = self.authorization.as_ref().map(|given| match given {
            GivenAuthorization::Basic { .. } => "basic <redacted>",
            GivenAuthorization::Bearer(_) => "bearer <redacted>",
        });
        let names = |pairs: &[(String, String)]| -> Vec<String> {
            pairs
                .iter()
                .map(|(name, _)| format!("{name}: <redacted>"))
                .collect()
        };
        formatter
            .debug_struct("Credentials")
            .field("authorization", &authorization)
            .field("headers", &names(&self.headers))
            .field("query", &names(&self.query))
            .finish()
    }
}

/// The checked credentials a transport sends while a request stays on the base URL's origin
/// (a redirect elsewhere drops them: `redirect.rs`).
#[derive(Clone)]
pub(super) struct Credentials {
    /// `Authorization` and API-key headers, marked sensitive.
    headers: Vec<(HeaderName, HeaderValue)>,
    /// API-key query parameters, added to each attempt's URL but never to the URL a hop
    /// keeps, so that logs and errors never show them.
    query: Vec<(String, String)>,
}

impl Credentials {
    /// Whether there are any.
    pub(super) fn is_empty(&self) -> bool {
        self.headers.is_empty() && self.query.is_empty()
    }

    /// The URL one attempt is sent to: `url` with the query credentials appended.
    pub(super) fn url(&self, url: &Url) -> Url {
        let mut url = url.clone();
        if !self.query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in &self.query {
                pairs.append_pair(name, value);
            }
        }
        url
    }

    /// `request` with the credential headers.
    pub(super) fn headers(&self, mut request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        for (name, value) in &self.headers {
            request = request.header(name.clone(), value.clone());
        }
        request
    }
}

/// Builds the `Authorization: Bearer …` value for `token`, marked sensitive.
fn bearer_authorization(token: &str) -> Result<HeaderValue, BuildError> {
    if token.is_empty()
        || token
            .chars()
            .any(|character| character.is_control() || character == ' ')
    {
        return Err(BuildError::InvalidCredentials {
            reason: "the bearer token is empty or contains a space or a control character",
        });
    }
    let mut value = HeaderValue::try_from(format!("Bearer {token}")).map_err(|_| {
        BuildError::InvalidCredentials {
            reason: "the bearer token is not valid header text",
        }
    })?;
    value.set_sensitive(true);
    Ok(value)
}

/// Builds the `Authorization: Basic …` value for `username` and `password`,
/// marked sensitive so that `http` never prints it.
///
/// RFC 7617 forbids a colon in the username (it separates the two) and
/// control characters in either; both are refused without echoing the password.
pub(super) fn basic_authorization(
    username: &str,
    password: &str,
) -> Result<HeaderValue, BuildError> {
    if username.contains(':') {
        return Err(BuildError::InvalidCredentials {
            reason: "the username contains `:`, which basic authentication uses as its separator",
        });
    }
    if username
        .chars()
        .chain(password.chars())
        .any(char::is_control)
    {
        return Err(BuildError::InvalidCredentials {
            reason: "the username or the password contains a control character",
        });
    }
    let encoded =
        base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"));
    let mut value = HeaderValue::try_from(format!("Basic {encoded}")).map_err(|_| {
        BuildError::InvalidCredentials {
            reason: "the encoded credentials are not valid header text",
        }
    })?;
    value.set_sensitive(true);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_a_sensitive_basic_header() {
        let value = basic_authorization("Aladdin", "open sesame").expect("valid credentials");
        assert_eq!(
            value.to_str().ok(),
            Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        );
        assert!(value.is_sensitive());
        let unicode = basic_authorization("test", "123£").expect("valid credentials");
        assert_eq!(unicode.to_str().ok(), Some("Basic dGVzdDoxMjPCow=="));
    }

    #[test]
    fn refuses_bad_credentials_without_echoing_the_password() {
        let cases = [
            ("user:name", "hunter2"),
            ("user", "hunter2\r\nX-Injected: 1"),
            ("us\ter", "hunter2"),
        ];
        for (username, password) in cases {
            let error = basic_authorization(username, password).expect_err(username);
            let message = error.to_string();
            assert!(!message.contains("hunter2"), "{message}");
            assert!(
                matches!(error, BuildError::InvalidCredentials { .. }),
                "{message}"
            );
        }
    }
}
