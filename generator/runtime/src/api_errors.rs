//! The API's own errors, read out of a body: `ApiErrors` is implemented by the generated models
//! that carry the common error envelope (an `errors` array of objects with a code or a
//! message), so a caller gets every code and message of a failed call, or of a successful one
//! that reports errors in its body, in one call.

use std::fmt;

use super::error::Error;
use super::response::Response;

/// One error an API reports in a response body, as text: its code, title and message, each
/// when the body has it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct ApiMessage {
    /// The error's code, such as `100002`.
    pub code: Option<String>,
    /// The error's short title, such as `ACCESS_FORBIDDEN`.
    pub title: Option<String>,
    /// The error's message for people.
    pub message: Option<String>,
}

impl ApiMessage {
    /// A message from its parts; generated code builds them.
    pub fn new(code: Option<String>, title: Option<String>, message: Option<String>) -> Self {
        ApiMessage {
            code,
            title,
            message,
        }
    }
}

impl fmt::Display for ApiMessage {
    /// `100002 ACCESS_FORBIDDEN: message`, leaving out the parts the body did not have.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let head: Vec<&str> = [&self.code, &self.title]
            .into_iter()
            .filter_map(|part| part.as_deref())
            .collect();
        match (head.is_empty(), &self.message) {
            (false, Some(message)) => write!(formatter, "{}: {message}", head.join(" ")),
            (false, None) => formatter.write_str(&head.join(" ")),
            (true, Some(message)) => formatter.write_str(message),
            (true, None) => formatter.write_str("(an error without code or message)"),
        }
    }
}

/// A body that can carry the API's own errors.
pub trait ApiErrors {
    /// The errors the body reports, in order; empty when it reports none.
    fn api_errors(&self) -> Vec<ApiMessage>;
}

impl<E: ApiErrors> Error<E> {
    /// The API's own errors of a failed call: those of its decoded error body (empty when the
    /// failure was not the API answering with one, such as a timeout).
    pub fn api_errors(&self) -> Vec<ApiMessage> {
        self.api_body()
            .map(ApiErrors::api_errors)
            .unwrap_or_default()
    }
}

impl<T: ApiErrors> Response<T> {
    /// The errors a successful response's body reports. An API whose success bodies carry an
    /// errors envelope can answer 2xx and still report errors; this makes them hard to miss.
    pub fn api_errors(&self) -> Vec<ApiMessage> {
        self.value().api_errors()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_parts_the_body_had() {
        let full = ApiMessage::new(
            Some("100002".into()),
            Some("ACCESS_FORBIDDEN".into()),
            Some("No.".into()),
        );
        assert_eq!(full.to_string(), "100002 ACCESS_FORBIDDEN: No.");
        assert_eq!(
            ApiMessage::new(None, None, Some("m".into())).to_string(),
            "m"
        );
        assert_eq!(
            ApiMessage::new(Some("1".into()), None, None).to_string(),
            "1"
        );
        assert_eq!(
            ApiMessage::default().to_string(),
            "(an error without code or message)"
        );
    }
}
