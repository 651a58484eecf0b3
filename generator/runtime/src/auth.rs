//! HTTP basic authentication: checking the credentials and building the `Authorization` header.

use base64::Engine as _;
use reqwest::header::HeaderValue;

use super::build_error::BuildError;

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
