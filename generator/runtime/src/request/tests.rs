//! Unit tests for `Request`: the URL it builds, the problems it records, and form bodies.

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, COOKIE};
use reqwest::Url;

use super::{OperationSpec, Prepared, Problem, Request, Statuses};
use crate::multipart::Multipart;
use crate::retry::RetryClass;
use crate::style::{Explode, ParamStyle};

static GET: OperationSpec = OperationSpec {
    operation_id: "getThing",
    method: crate::request::HttpMethod::Get,
    path_template: "/v4/x/{id}",
    retry: RetryClass::Idempotent,
    accept: "application/json",
    documented_errors: Statuses::NONE,
};

fn url(text: &str) -> Url {
    Url::parse(text).expect("test base URL parses")
}

/// The request `/v4/x/{id}` with `id` written in the simple style.
fn thing(id: &str) -> Request {
    let mut request = Request::new(&GET);
    request.path_literal("v4").path_literal("x").path_param(
        "id",
        id,
        ParamStyle::Simple,
        Explode::No,
    );
    request
}

fn prepared(request: &Request, base: &str) -> Result<Prepared, Problem> {
    request.prepare(&url(base))
}

#[test]
fn joins_base_path_and_parts_with_or_without_trailing_slash() {
    let cases = [
        ("https://h/api", "https://h/api/v4/x/abc"),
        ("https://h/api/", "https://h/api/v4/x/abc"),
        ("https://h", "https://h/v4/x/abc"),
        ("https://h/", "https://h/v4/x/abc"),
        ("http://h:8080/a/b", "http://h:8080/a/b/v4/x/abc"),
    ];
    for (base, expected) in cases {
        let built = prepared(&thing("abc"), base).expect(base);
        assert_eq!(built.url.as_str(), expected, "{base}");
    }
    let bare = Request::new(&GET);
    assert_eq!(
        prepared(&bare, "https://h/api/")
            .expect("builds")
            .url
            .as_str(),
        "https://h/api"
    );
    assert_eq!(
        prepared(&bare, "https://h").expect("builds").url.as_str(),
        "https://h/"
    );
}

#[test]
fn encodes_a_parameter_as_one_segment() {
    let cases = [
        ("../x?y#z", "https://h/base/v4/x/..%2Fx%3Fy%23z"),
        ("a/b", "https://h/base/v4/x/a%2Fb"),
        ("%2e%2e", "https://h/base/v4/x/%252e%252e"),
        ("a b", "https://h/base/v4/x/a%20b"),
        ("é", "https://h/base/v4/x/%C3%A9"),
        ("...", "https://h/base/v4/x/..."),
        ("\\", "https://h/base/v4/x/%5C"),
    ];
    for (value, expected) in cases {
        let built = prepared(&thing(value), "https://h/base").expect(value).url;
        assert_eq!(built.as_str(), expected, "{value}");
        assert_eq!(built.query(), None, "{value}");
        assert_eq!(built.fragment(), None, "{value}");
        let segments: Vec<&str> = built
            .path_segments()
            .map(Iterator::collect)
            .unwrap_or_default();
        assert_eq!(segments.len(), 4, "{value}");
    }
}

#[test]
fn encodes_literal_segments_but_keeps_their_sub_delimiters() {
    let mut request = Request::new(&GET);
    request.path_literal("users:search").path_literal("a b%/");
    let built = prepared(&request, "https://h").expect("builds");
    assert_eq!(built.url.as_str(), "https://h/users:search/a%20b%25%2F");
}

#[test]
fn refuses_empty_and_dot_segments() {
    for value in ["", ".", ".."] {
        let problem = prepared(&thing(value), "https://h/base").expect_err(value);
        assert_eq!(problem.parameter, "id");
        assert!(
            problem.reason.contains(&format!("`{value}`")),
            "{}",
            problem.reason
        );
    }
    for value in ["", "."] {
        let mut request = Request::new(&GET);
        request.path_param("id", value, ParamStyle::Label, Explode::No);
        let problem = prepared(&request, "https://h").expect_err(value);
        assert!(problem.reason.contains("dot segment"), "{}", problem.reason);
    }
}

#[test]
fn appends_encoded_query_pairs_in_order() {
    let mut request = thing("1");
    request
        .query("extend", &true, ParamStyle::Form, Explode::Yes)
        .query("q", "a&b=c #d", ParamStyle::Form, Explode::Yes)
        .query("list", &["x", "y z"], ParamStyle::Form, Explode::No);
    let built = prepared(&request, "https://h/base/").expect("builds").url;
    assert_eq!(
        built.as_str(),
        "https://h/base/v4/x/1?extend=true&q=a%26b%3Dc+%23d&list=x%2Cy+z"
    );
    let pairs: Vec<(String, String)> = built.query_pairs().into_owned().collect();
    assert_eq!(pairs[1], ("q".to_owned(), "a&b=c #d".to_owned()));
    assert_eq!(pairs[2], ("list".to_owned(), "x,y z".to_owned()));
}

#[test]
fn keeps_the_first_problem_only() {
    let mut request = thing("1");
    request
        .header("x-bad", "a\r\nb", ParamStyle::Simple, Explode::No)
        .missing("later")
        .header("bad name", "x", ParamStyle::Simple, Explode::No);
    let problem = prepared(&request, "https://h").expect_err("refused");
    assert_eq!(problem.parameter, "x-bad");
    assert_eq!(problem.reason, "\"a\\r\\nb\" is not valid header text");
    let mut request = thing("1");
    request.missing("filter");
    let problem = prepared(&request, "https://h").expect_err("missing");
    assert_eq!(
        problem,
        Problem {
            parameter: "filter",
            reason: "it is required, but was not set on the request builder".to_owned(),
        }
    );
    let mut request = thing("1");
    request.cookie("bad;name", "x", ParamStyle::Form, Explode::Yes);
    assert_eq!(
        prepared(&request, "https://h")
            .expect_err("cookie")
            .parameter,
        "bad;name"
    );
}

#[test]
fn joins_cookies_into_one_header() {
    let mut request = thing("1");
    request
        .cookie("session", "abc=", ParamStyle::Form, Explode::Yes)
        .cookie("ids", &[1, 2], ParamStyle::Form, Explode::No);
    let built = prepared(&request, "https://h").expect("builds");
    assert_eq!(
        built
            .headers
            .get(COOKIE)
            .and_then(|value| value.to_str().ok()),
        Some("session=abc=; ids=1,2")
    );
}

#[test]
fn writes_form_bodies() {
    #[derive(serde::Serialize)]
    struct Form<'a> {
        name: &'a str,
        tags: [&'a str; 2],
        absent: Option<u8>,
        nested: serde_json::Value,
        amount: f64,
    }
    let mut request = thing("1");
    request.form_body(
        "application/x-www-form-urlencoded",
        &Form {
            name: "a b&c",
            tags: ["x", "y"],
            absent: None,
            nested: serde_json::json!({"k": [1]}),
            amount: 1.5,
        },
        &[],
    );
    let built = prepared(&request, "https://h").expect("builds");
    assert_eq!(
        built.body,
        Some(Bytes::from_static(
            b"name=a+b%26c&tags=x&tags=y&nested=%7B%22k%22%3A%5B1%5D%7D&amount=1.5"
        ))
    );
    assert_eq!(
        built
            .headers
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok()),
        Some("application/x-www-form-urlencoded")
    );
    let mut request = thing("1");
    request.form_body("application/x-www-form-urlencoded", &[1, 2], &[]);
    assert_eq!(
        prepared(&request, "https://h")
            .expect_err("array")
            .parameter,
        "body"
    );
    let mut request = thing("1");
    request.form_body(
        "application/x-www-form-urlencoded",
        &serde_json::json!({"tags": ["x", "y"], "ids": [1, 2]}),
        &["tags"],
    );
    assert_eq!(
        prepared(&request, "https://h").expect("builds").body,
        Some(Bytes::from_static(b"ids=1&ids=2&tags=x%2Cy")),
        "an unexploded array is one comma-separated pair"
    );
    let mut request = thing("1");
    request.form_body("application/x-www-form-urlencoded", &[1, 2], &[]);
    assert_eq!(
        prepared(&request, "https://h")
            .expect_err("array")
            .parameter,
        "body"
    );
}

#[test]
fn a_later_body_replaces_an_earlier_one_and_multipart_problems_are_kept() {
    let mut request = thing("1");
    request
        .json_body("application/json", &[1])
        .text_body("text/plain", "hello");
    let built = prepared(&request, "https://h").expect("builds");
    assert_eq!(built.body, Some(Bytes::from_static(b"hello")));
    let mut form = Multipart::new();
    form.text("meta", &serde_json::json!({"a": 1}));
    let mut request = thing("1");
    request.multipart_body(form);
    assert_eq!(
        prepared(&request, "https://h")
            .expect_err("nested")
            .parameter,
        "meta"
    );
    let mut request = thing("1");
    request.bytes_body("bad\ntype", Bytes::new());
    assert_eq!(
        prepared(&request, "https://h").expect_err("type").parameter,
        "body"
    );
}

#[test]
fn an_unencodable_body_is_a_body_problem() {
    let mut keys = std::collections::HashMap::new();
    keys.insert(vec![1u8], 1);
    let mut request = thing("1");
    request.json_body("application/json", &keys);
    let problem = prepared(&request, "https://h").expect_err("unencodable");
    assert_eq!(problem.parameter, "body");
    assert!(
        problem.reason.contains("key must be a string"),
        "{}",
        problem.reason
    );
}

#[test]
fn debug_output_shows_no_value() {
    let mut request = thing("secret-id");
    request
        .query("api_key", "secret-key", ParamStyle::Form, Explode::Yes)
        .header("x-token", "secret-token", ParamStyle::Simple, Explode::No)
        .cookie("session", "secret-cookie", ParamStyle::Form, Explode::Yes)
        .text_body("text/plain", "secret-body");
    let shown = format!("{request:?}");
    assert!(!shown.contains("secret"), "{shown}");
    assert!(
        shown.contains("api_key") && shown.contains("x-token"),
        "{shown}"
    );
}
