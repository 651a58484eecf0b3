//! What the generated code says about an operation, and how a request URL is built from it.

use reqwest::{Method, Url};

use super::retry::RetryClass;

/// The fixed facts about one operation, written by the generator as a `const`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationSpec {
    /// The operation's `operationId`, used in errors and tracing.
    pub operation_id: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path as the API document writes it, with `{name}` placeholders. It
    /// is what tracing records, because the real path holds parameter values.
    pub path_template: &'static str,
    /// Whether a failed attempt may be sent again.
    pub retry: RetryClass,
    /// The `Accept` header to send.
    pub accept: &'static str,
    /// The statuses whose body is the success type.
    pub success: Statuses,
    /// The documented error statuses whose body is the error type.
    pub errors: Statuses,
}

/// A set of response statuses as an API document lists them: exact codes,
/// classes such as `4XX`, and `default` (every status not listed elsewhere).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Statuses {
    /// Exact codes.
    pub codes: &'static [u16],
    /// Classes by their first digit: `4` stands for `4XX`.
    pub classes: &'static [u16],
    /// Whether every other status belongs here (a `default` response).
    pub others: bool,
}

impl Statuses {
    /// No status at all.
    pub const NONE: Statuses = Statuses {
        codes: &[],
        classes: &[],
        others: false,
    };

    /// Just these exact codes.
    pub const fn codes(codes: &'static [u16]) -> Self {
        Statuses {
            codes,
            classes: &[],
            others: false,
        }
    }

    /// Whether `status` is in the set.
    pub fn contains(&self, status: u16) -> bool {
        self.others || self.codes.contains(&status) || self.classes.contains(&(status / 100))
    }
}

/// The inputs of one call that vary from call to call, as a generated method
/// assembles them: path segments, query pairs, header pairs and the body.
#[derive(Debug)]
pub struct RequestParts<'a, B: ?Sized = ()> {
    /// The path, segment by segment.
    pub path: &'a [PathPart<'a>],
    /// Query pairs, form-encoded in order.
    pub query: &'a [(&'static str, String)],
    /// Header parameters; a value that is not valid header text is refused.
    pub headers: &'a [(&'static str, String)],
    /// The JSON body, if the call sends one.
    pub body: Option<&'a B>,
}

impl<B: ?Sized> Clone for RequestParts<'_, B> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<B: ?Sized> Copy for RequestParts<'_, B> {}

/// One segment of a request path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PathPart<'a> {
    /// A fixed segment from the path template.
    Literal(&'static str),
    /// A path parameter, percent-encoded as exactly one segment.
    Param {
        /// The parameter's name in the path template, used in errors.
        name: &'static str,
        /// The caller's value.
        value: &'a str,
    },
}

/// Why a request URL could not be built.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct InvalidPart {
    /// The parameter at fault.
    pub(super) parameter: &'static str,
    /// What is wrong with it, quoting the value.
    pub(super) reason: String,
}

/// Builds the request URL: the base URL's path, then each path part as one
/// percent-encoded segment, then the query pairs form-encoded.
pub(super) fn build_url(
    base: &Url,
    path: &[PathPart<'_>],
    query: &[(&'static str, String)],
) -> Result<Url, InvalidPart> {
    for part in path {
        if let PathPart::Param { name, value } = part {
            check_segment(name, value)?;
        }
    }
    let mut url = base.clone();
    {
        // An http(s) URL always has a path that can take segments; the builder
        // refuses every other scheme, so this only fails on a broken invariant.
        let mut segments = url.path_segments_mut().map_err(|()| InvalidPart {
            parameter: "base_url",
            reason: format!("the base URL `{base}` cannot take path segments"),
        })?;
        // A base URL ending in `/` has an empty last segment; dropping it keeps
        // `https://h/base/` and `https://h/base` equivalent.
        segments.pop_if_empty();
        for part in path {
            // `push` percent-encodes `/`, `?`, `#` and `%` too, so a value can
            // neither add segments nor start the query or the fragment.
            match part {
                PathPart::Literal(text) => segments.push(text),
                PathPart::Param { value, .. } => segments.push(value),
            };
        }
    }
    if !query.is_empty() {
        let mut pairs = url.query_pairs_mut();
        for (name, value) in query {
            pairs.append_pair(name, value);
        }
    }
    Ok(url)
}

/// Refuses the path parameter values that would not stay one segment.
fn check_segment(name: &'static str, value: &str) -> Result<(), InvalidPart> {
    let reason = if value.is_empty() {
        "a path parameter must not be empty: it would leave an empty path segment"
    } else if value == "." || value == ".." {
        // URL parsing resolves `.` and `..` as dot segments even when they are
        // percent-encoded (`%2e%2E`), so no encoding makes them safe.
        "a path parameter must not be a dot segment: it would change the request path"
    } else {
        return Ok(());
    };
    Err(InvalidPart {
        parameter: name,
        reason: format!("`{value}` is refused: {reason}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).expect("test base URL parses")
    }

    fn lit(text: &'static str) -> PathPart<'static> {
        PathPart::Literal(text)
    }

    fn param(value: &str) -> PathPart<'_> {
        PathPart::Param { name: "id", value }
    }

    #[test]
    fn joins_base_path_and_parts_with_or_without_trailing_slash() {
        let parts = [lit("v4"), lit("x"), param("abc")];
        let cases = [
            ("https://h/api", "https://h/api/v4/x/abc"),
            ("https://h/api/", "https://h/api/v4/x/abc"),
            ("https://h", "https://h/v4/x/abc"),
            ("https://h/", "https://h/v4/x/abc"),
            ("http://h:8080/a/b", "http://h:8080/a/b/v4/x/abc"),
        ];
        for (base, expected) in cases {
            let built = build_url(&url(base), &parts, &[]).expect(base);
            assert_eq!(built.as_str(), expected, "{base}");
        }
    }

    #[test]
    fn encodes_a_parameter_as_one_segment() {
        let cases = [
            ("../x?y#z", "https://h/base/thing/..%2Fx%3Fy%23z"),
            ("a/b", "https://h/base/thing/a%2Fb"),
            ("%2e%2e", "https://h/base/thing/%252e%252e"),
            ("a b", "https://h/base/thing/a%20b"),
            ("é", "https://h/base/thing/%C3%A9"),
            ("...", "https://h/base/thing/..."),
            ("\\", "https://h/base/thing/%5C"),
        ];
        for (value, expected) in cases {
            let built =
                build_url(&url("https://h/base"), &[lit("thing"), param(value)], &[]).expect(value);
            assert_eq!(built.as_str(), expected, "{value}");
            assert_eq!(built.query(), None, "{value}");
            assert_eq!(built.fragment(), None, "{value}");
            let segments: Vec<&str> = built
                .path_segments()
                .map(Iterator::collect)
                .unwrap_or_default();
            assert_eq!(segments.len(), 3, "{value}");
        }
    }

    #[test]
    fn refuses_empty_and_dot_segments() {
        for value in ["", ".", ".."] {
            let error = build_url(&url("https://h/base"), &[lit("thing"), param(value)], &[])
                .expect_err(value);
            assert_eq!(error.parameter, "id");
            assert!(
                error.reason.contains(&format!("`{value}`")),
                "{}",
                error.reason
            );
        }
    }

    #[test]
    fn appends_encoded_query_pairs() {
        let query = [("extend", "true".to_owned()), ("q", "a&b=c #d".to_owned())];
        let built = build_url(&url("https://h/base/"), &[lit("x")], &query).expect("builds");
        assert_eq!(
            built.as_str(),
            "https://h/base/x?extend=true&q=a%26b%3Dc+%23d"
        );
        let pairs: Vec<(String, String)> = built.query_pairs().into_owned().collect();
        assert_eq!(pairs[1], ("q".to_owned(), "a&b=c #d".to_owned()));
    }

    #[test]
    fn leaves_no_question_mark_without_query() {
        let built = build_url(&url("https://h/base"), &[lit("x")], &[]).expect("builds");
        assert_eq!(built.as_str(), "https://h/base/x");
    }
}
