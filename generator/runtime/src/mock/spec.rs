//! What the generated `mock` module says about each operation (method, path template, required inputs, body, credentials), and how an arriving request is routed to one and checked against it.

use super::super::request::HttpMethod;
use super::super::style::encode_path_literal;
use super::received::ReceivedRequest;

/// The fixed facts the mock checks an arriving request of one operation against, written by
/// the generator as a `static`.
#[derive(Clone, Copy, Debug)]
pub struct MockOperation {
    /// The operation's `operationId` (or its method name), used in every report.
    pub operation_id: &'static str,
    /// The HTTP method.
    pub method: HttpMethod,
    /// The path as the API document writes it, with `{name}` placeholders.
    pub path_template: &'static str,
    /// The required query, header and cookie parameters that must be present.
    pub required: &'static [MockParam],
    /// The request body the operation takes, if any.
    pub body: Option<MockBody>,
    /// Whether the operation needs HTTP basic authentication.
    pub basic_auth: bool,
}

/// A required parameter outside the path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MockParam {
    /// Where it goes.
    pub location: MockLocation,
    /// Its name on the wire.
    pub name: &'static str,
}

/// Where a parameter outside the path goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MockLocation {
    /// The query string (present as `name=…` or, for `deepObject`, `name[…]=…`).
    Query,
    /// A request header.
    Header,
    /// A cookie in the `Cookie` header.
    Cookie,
}

/// The request body of an operation.
#[derive(Clone, Copy, Debug)]
pub struct MockBody {
    /// Whether it must be sent.
    pub required: bool,
    /// The Rust type it decodes as, for reports.
    pub type_name: &'static str,
    /// Decodes the body as that type; `None` when the mock does not decode it (forms,
    /// multipart, text and bytes are checked only for presence).
    pub decode: Option<BodyDecoder>,
}

/// Decodes a request body as an operation's body type; the error says why it does not.
pub type BodyDecoder = fn(&[u8]) -> Result<(), String>;

/// Decodes `body` as JSON of `T`, for [`MockBody::decode`]; the error names the field.
pub fn check_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<(), String> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize::<_, T>(&mut deserializer)
        .map(drop)
        .map_err(|error| error.to_string())?;
    deserializer.end().map_err(|error| error.to_string())
}

/// How a request's method and path relate to one operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Route {
    /// Same path and method.
    Matches,
    /// Same path, another method.
    OtherMethod,
    /// Another path.
    Elsewhere,
}

impl MockOperation {
    /// Whether the request's method and path are this operation's.
    pub(super) fn route(&self, method: &str, path: &str) -> Route {
        if !path_matches(self.path_template, path) {
            Route::Elsewhere
        } else if self.method.to_method().as_str() == method {
            Route::Matches
        } else {
            Route::OtherMethod
        }
    }

    /// The problems of a request routed here: each missing required input, a body that does
    /// not decode, missing or wrong credentials (`expected_authorization` is the header value
    /// the operation needs).
    pub(super) fn check(
        &self,
        request: &ReceivedRequest,
        expected_authorization: &str,
    ) -> Vec<Check> {
        let mut problems = Vec::new();
        if self.basic_auth {
            match request.header("authorization") {
                None => problems.push(Check::Credentials(
                    "the request carries no credentials (no `Authorization` header)".to_owned(),
                )),
                Some(value) if value != expected_authorization => problems.push(
                    Check::Credentials("the request's credentials are not the mock's".to_owned()),
                ),
                Some(_) => {}
            }
        }
        for param in self.required {
            if !has_param(request, param) {
                let place = match param.location {
                    MockLocation::Query => "query parameter",
                    MockLocation::Header => "header",
                    MockLocation::Cookie => "cookie",
                };
                problems.push(Check::Input(format!(
                    "the required {place} `{}` is missing",
                    param.name
                )));
            }
        }
        if let Some(body) = &self.body {
            if request.body.is_empty() {
                if body.required {
                    problems.push(Check::Input(format!(
                        "the required body (`{}`) is missing",
                        body.type_name
                    )));
                }
            } else if let Some(decode) = body.decode {
                if let Err(reason) = decode(&request.body) {
                    problems.push(Check::Input(format!(
                        "the body does not decode as `{}`: {reason}",
                        body.type_name
                    )));
                }
            }
        }
        problems
    }
}

/// One problem found in a request routed to an operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Check {
    /// Missing or wrong credentials: answered 401.
    Credentials(String),
    /// A missing input or a body that does not decode: answered 400.
    Input(String),
}

impl Check {
    /// The problem's text.
    pub(super) fn text(&self) -> &str {
        match self {
            Check::Credentials(text) | Check::Input(text) => text,
        }
    }
}

/// Whether an encoded request path is one the template allows: literal segments equal (as the
/// client encodes them), and each segment with a `{name}` holding a non-empty value between
/// the segment's literal prefix and suffix.
pub(super) fn path_matches(template: &str, path: &str) -> bool {
    let template = template.split('?').next().unwrap_or_default();
    let template_segments: Vec<&str> = template
        .split('/')
        .filter(|piece| !piece.is_empty())
        .collect();
    let path_segments: Vec<&str> = path.split('/').filter(|piece| !piece.is_empty()).collect();
    template_segments.len() == path_segments.len()
        && template_segments
            .iter()
            .zip(&path_segments)
            .all(|(template, segment)| segment_matches(template, segment))
}

fn segment_matches(template: &str, segment: &str) -> bool {
    let (Some(open), Some(close)) = (template.find('{'), template.rfind('}')) else {
        return encode_path_literal(template) == segment;
    };
    let prefix = encode_path_literal(&template[..open]);
    let suffix = encode_path_literal(&template[close + 1..]);
    segment.len() > prefix.len() + suffix.len()
        && segment.starts_with(&prefix)
        && segment.ends_with(&suffix)
}

/// Whether a required parameter is present in the request.
fn has_param(request: &ReceivedRequest, param: &MockParam) -> bool {
    match param.location {
        MockLocation::Query => request.query.iter().any(|(name, _)| {
            name == param.name
                || name
                    .strip_prefix(param.name)
                    .is_some_and(|rest| rest.starts_with('['))
        }),
        MockLocation::Header => request.headers.contains_key(param.name),
        MockLocation::Cookie => request
            .cookies()
            .iter()
            .any(|(name, _)| *name == param.name),
    }
}
