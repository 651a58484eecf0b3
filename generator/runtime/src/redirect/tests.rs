//! Tests of redirects: which answers are followed and where to, what each hop sends, and
//! what the transport reports, against the loopback server.

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, CONTENT_TYPE, COOKIE, LOCATION};
use reqwest::{Method, StatusCode, Url};

use super::super::builder::ClientBuilder;
use super::super::decode::decode_json;
use super::super::error::Error;
use super::super::request::{OperationSpec, Request, Statuses};
use super::super::retry::{RetryClass, RetryPolicy};
use super::super::tests::{reply, Server};
use super::super::transport::Transport;
use super::{location, next_hop, traced, Hop, RedirectPolicy, Refusal};

/// A hop of `method` to `url` with a cookie, a sensitive header, a plain one and a body.
fn hop(method: Method, url: &str) -> Hop {
    let mut headers = HeaderMap::new();
    headers.insert(COOKIE, HeaderValue::from_static("session=s3cret"));
    let mut key = HeaderValue::from_static("k3y");
    key.set_sensitive(true);
    headers.insert("x-api-key", key);
    headers.insert("x-trace", HeaderValue::from_static("t-1"));
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Hop {
        method,
        url: Url::parse(url).expect("a URL"),
        headers,
        body: Some(Bytes::from_static(b"{\"amount\":\"10.00\"}")),
        credentials: true,
    }
}

/// Headers holding these `Location`s.
fn locations(values: &[&'static str]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for value in values {
        headers.append(LOCATION, HeaderValue::from_static(value));
    }
    headers
}

/// Where `hop` goes on `status` with `Location: target`, under the default policy.
fn follow(hop: &Hop, status: u16, target: &'static str) -> Result<Hop, Refusal> {
    let status = StatusCode::from_u16(status).expect("a status");
    next_hop(
        &RedirectPolicy::safe(),
        hop,
        status,
        &locations(&[target]),
        0,
        std::slice::from_ref(&hop.url),
    )
}

#[test]
fn policies_bound_the_hops() {
    assert_eq!(RedirectPolicy::default(), RedirectPolicy::safe());
    assert_eq!(RedirectPolicy::safe().max_hops(), 10);
    assert_eq!(RedirectPolicy::none().max_hops(), 0);
    assert_eq!(RedirectPolicy::safe().with_max_hops(3).max_hops(), 3);
    let get = hop(Method::GET, "https://api.test/a");
    let headers = locations(&["/b"]);
    let at_limit = next_hop(
        &RedirectPolicy::safe().with_max_hops(2),
        &get,
        StatusCode::FOUND,
        &headers,
        2,
        &[],
    );
    assert_eq!(at_limit.err(), Some(Refusal::HopLimit));
    let none = next_hop(
        &RedirectPolicy::none(),
        &get,
        StatusCode::TEMPORARY_REDIRECT,
        &headers,
        0,
        &[],
    );
    assert_eq!(none.err(), Some(Refusal::HopLimit));
}

#[test]
fn get_and_head_follow_every_redirect_status_with_their_method() {
    for method in [Method::GET, Method::HEAD] {
        for status in [301, 302, 303, 307, 308] {
            let next = follow(
                &hop(method.clone(), "https://api.test/a?x=1"),
                status,
                "/b?y=2",
            )
            .unwrap_or_else(|refusal| panic!("{method} {status}: {refusal:?}"));
            assert_eq!(next.method, method);
            assert_eq!(next.url.as_str(), "https://api.test/b?y=2");
            assert!(next.credentials);
        }
    }
}

#[test]
fn other_methods_follow_only_307_and_308_keeping_method_and_body() {
    for method in [Method::POST, Method::PUT, Method::PATCH, Method::DELETE] {
        let first = hop(method.clone(), "https://api.test/pay");
        for status in [301, 302, 303] {
            assert_eq!(
                follow(&first, status, "/elsewhere").err(),
                Some(Refusal::Method),
                "{method} {status}"
            );
        }
        for status in [307, 308] {
            let next = follow(&first, status, "/v2/pay").expect("same origin");
            assert_eq!((&next.method, next.url.path()), (&method, "/v2/pay"));
            assert_eq!(next.body, first.body);
            assert_eq!(next.headers, first.headers);
            assert_eq!(
                follow(&first, status, "https://other.test/pay").err(),
                Some(Refusal::CrossOrigin),
                "{method} {status}"
            );
            assert_eq!(
                follow(&first, status, "https://api.test:8443/pay").err(),
                Some(Refusal::CrossOrigin),
                "another port is another origin"
            );
        }
    }
}

#[test]
fn other_3xx_statuses_are_not_followed() {
    let get = hop(Method::GET, "https://api.test/a");
    for status in [300, 304, 305, 306, 309, 399] {
        assert_eq!(
            follow(&get, status, "/b").err(),
            Some(Refusal::Status),
            "{status}"
        );
    }
}

#[test]
fn credentials_never_leave_the_first_origin() {
    let first = hop(Method::GET, "https://api.test/a");
    let away = follow(&first, 302, "https://cdn.test/a").expect("GET may leave");
    assert!(!away.credentials);
    assert_eq!(away.headers.get(COOKIE), None);
    assert_eq!(away.headers.get("x-api-key"), None);
    assert_eq!(away.headers.get(AUTHORIZATION), None);
    assert_eq!(
        away.headers.get("x-trace"),
        Some(&HeaderValue::from_static("t-1"))
    );
    let back = follow(&away, 302, "https://api.test/b").expect("and come back");
    assert!(!back.credentials, "credentials stay dropped for the call");
    assert_eq!(back.headers.get(COOKIE), None);
}

#[test]
fn unusable_locations_are_refused() {
    let get = hop(Method::GET, "https://api.test/a");
    let status = StatusCode::FOUND;
    let policy = RedirectPolicy::safe();
    let refusal = |headers: HeaderMap| next_hop(&policy, &get, status, &headers, 0, &[]).err();
    assert_eq!(refusal(HeaderMap::new()), Some(Refusal::NoLocation));
    assert_eq!(
        refusal(locations(&["/b", "/c"])),
        Some(Refusal::BadLocation)
    );
    assert_eq!(
        refusal(locations(&["http://[::1"])),
        Some(Refusal::BadLocation)
    );
    let mut not_text = HeaderMap::new();
    not_text.insert(
        LOCATION,
        HeaderValue::from_bytes(b"/caf\xe9").expect("obs-text is allowed"),
    );
    assert_eq!(refusal(not_text), Some(Refusal::BadLocation));
    assert_eq!(
        refusal(locations(&["ftp://api.test/a"])),
        Some(Refusal::Scheme)
    );
    assert_eq!(
        refusal(locations(&["javascript:alert(1)"])),
        Some(Refusal::Scheme)
    );
    assert_eq!(
        refusal(locations(&["https://user:pw@api.test/b"])),
        Some(Refusal::Userinfo)
    );
    assert_eq!(
        refusal(locations(&["http://api.test/b"])),
        Some(Refusal::Downgrade)
    );
}

#[test]
fn a_url_already_visited_is_a_loop() {
    let get = hop(Method::GET, "https://api.test/a");
    let visited = [
        get.url.clone(),
        Url::parse("https://api.test/b").expect("a URL"),
    ];
    let status = StatusCode::FOUND;
    let policy = RedirectPolicy::safe();
    for target in ["/a", "/b", "/b#top", "https://api.test/a"] {
        let headers = locations(&[Box::leak(target.to_owned().into_boxed_str())]);
        assert_eq!(
            next_hop(&policy, &get, status, &headers, 1, &visited).err(),
            Some(Refusal::Loop),
            "{target}"
        );
    }
    let headers = locations(&["/a?page=2"]);
    assert!(next_hop(&policy, &get, status, &headers, 1, &visited).is_ok());
}

#[test]
fn the_location_is_reported_as_sent_and_traced_without_path_or_query() {
    assert_eq!(
        location(&locations(&["/b?token=1"])).as_deref(),
        Some("/b?token=1")
    );
    assert_eq!(location(&locations(&["/b", "/c"])), None);
    assert_eq!(location(&HeaderMap::new()), None);
    let url = Url::parse("https://api.test:8443/pay/p-1?token=s3cret#frag").expect("a URL");
    assert_eq!(traced(&url), "https://api.test:8443");
}

/// A POST that must never be replayed.
static PAY: OperationSpec = OperationSpec {
    operation_id: "pay",
    method: crate::request::HttpMethod::Post,
    path_template: "/pay",
    retry: RetryClass::Never,
    accept: "application/json",
    documented_errors: Statuses::NONE,
};

/// A GET.
static READ: OperationSpec = OperationSpec {
    operation_id: "read",
    method: crate::request::HttpMethod::Get,
    path_template: "/read",
    retry: RetryClass::Idempotent,
    accept: "application/json",
    documented_errors: Statuses::NONE,
};

/// A raw redirect answer.
fn redirect(status: &str, target: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nLocation: {target}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .into_bytes()
}

fn transport_to(base_url: &str, policy: RedirectPolicy) -> Transport {
    ClientBuilder::<Transport>::new(base_url)
        .basic_auth("user", "s3cret")
        .retry(RetryPolicy::none())
        .redirect_policy(policy)
        .build()
        .expect("builds")
}

async fn send(
    transport: &Transport,
    operation: &'static OperationSpec,
) -> Result<serde_json::Value, Error<serde_json::Value>> {
    let mut request = Request::new(operation);
    request.path_literal(&operation.path_template[1..]);
    if operation.method == crate::request::HttpMethod::Post {
        request.json_body("application/json", &serde_json::json!({"amount": "10.00"}));
    }
    let response = transport
        .execute(request, decode_json::<serde_json::Value>, decode_json)
        .await?;
    Ok(response.into_inner())
}

#[tokio::test]
async fn a_post_answered_301_or_302_is_reported_and_not_replayed() {
    for status in ["301 Moved Permanently", "302 Found"] {
        let server = Server::start(vec![redirect(status, "/moved"), reply("200 OK", "{}")]);
        let transport = transport_to(&server.base_url, RedirectPolicy::safe());
        let error = send(&transport, &PAY).await.expect_err(status);
        match &error {
            Error::Redirect {
                operation,
                status: got,
                location,
                ..
            } => {
                assert_eq!(*operation, "pay");
                assert!(status.starts_with(got.as_str()), "{status}: {got}");
                assert_eq!(location.as_deref(), Some("/moved"));
            }
            other => panic!("{status}: {other:?}"),
        }
        assert_eq!(server.requests().len(), 1, "{status}: nothing replayed");
    }
}

#[tokio::test]
async fn a_post_answered_307_is_sent_again_unchanged() {
    let server = Server::start(vec![
        redirect("307 Temporary Redirect", "/base/v2/pay"),
        reply("200 OK", r#"{"paid": true}"#),
    ]);
    let transport = transport_to(&server.base_url, RedirectPolicy::safe());
    let body = send(&transport, &PAY).await.expect("followed");
    assert_eq!(body["paid"], true);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests[1].starts_with("POST /base/v2/pay HTTP/1.1\r\n"));
    let (first, second) = (requests[0].to_lowercase(), requests[1].to_lowercase());
    assert!(second.contains("authorization: basic"), "same origin");
    assert_eq!(
        first.split("\r\n\r\n").nth(1),
        second.split("\r\n\r\n").nth(1),
        "the same body"
    );
}

#[tokio::test]
async fn a_get_leaves_its_credentials_behind_on_another_origin() {
    let other = Server::start(vec![reply("200 OK", r#"{"from": "other"}"#)]);
    let target: &'static str = Box::leak(format!("{}/read", other.base_url).into_boxed_str());
    let server = Server::start(vec![redirect("302 Found", target)]);
    let transport = transport_to(&server.base_url, RedirectPolicy::safe());
    let body = send(&transport, &READ).await.expect("followed");
    assert_eq!(body["from"], "other");
    assert!(server.only_request().contains("authorization: Basic"));
    let followed = other.only_request();
    assert!(!followed.contains("authorization"), "{followed}");
}

#[tokio::test]
async fn hops_are_bounded_and_none_follows_nothing() {
    let server = Server::start(vec![
        redirect("302 Found", "/base/one"),
        redirect("302 Found", "/base/two"),
        redirect("302 Found", "/base/three"),
    ]);
    let transport = transport_to(&server.base_url, RedirectPolicy::safe().with_max_hops(2));
    let error = send(&transport, &READ).await.expect_err("too many");
    assert!(
        matches!(error, Error::Redirect { ref location, .. } if location.as_deref() == Some("/base/three")),
        "{error:?}"
    );
    assert_eq!(server.requests().len(), 3);
    let server = Server::start(vec![redirect("308 Permanent Redirect", "/base/v2")]);
    let transport = transport_to(&server.base_url, RedirectPolicy::none());
    let error = send(&transport, &READ).await.expect_err("none");
    assert_eq!(error.status(), Some(StatusCode::PERMANENT_REDIRECT));
    assert_eq!(server.requests().len(), 1);
}
