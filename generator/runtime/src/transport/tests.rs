//! Loopback tests of `Transport`: retries, limits, timeouts, and how each status and body is classified.

use std::net::TcpListener;
use std::thread;
use std::time::Duration;

use serde::Deserialize;

use super::super::builder::ClientBuilder;
use super::super::decode::{decode_empty, decode_json, decode_text, DecodeError, RawResponse};
use super::super::error::{BodyProblem, Error};
use super::super::multipart::{FilePart, Multipart};
use super::super::request::{OperationSpec, Request, Statuses};
use super::super::response::Response;
use super::super::retry::{RetryClass, RetryPolicy};
use super::super::style::{Explode, ParamStyle};
use super::super::tests::{quick_retries, reply, transport, Server};
use super::Transport;

/// A GET operation documenting 400 as its error status.
static GET: OperationSpec = OperationSpec {
    operation_id: "getThing",
    method: crate::request::HttpMethod::Get,
    path_template: "/thing/{id}",
    retry: RetryClass::Idempotent,
    accept: "application/json",
    documented_errors: Statuses::codes(&[400]),
};

/// A POST operation, which must never be retried; it documents 400 and 5XX.
static POST: OperationSpec = OperationSpec {
    operation_id: "sendThing",
    method: crate::request::HttpMethod::Post,
    path_template: "/thing",
    retry: RetryClass::Never,
    accept: "application/json",
    documented_errors: Statuses {
        codes: &[400],
        classes: &[5],
        others: false,
    },
};

/// A PUT operation, which may be retried.
static PUT: OperationSpec = OperationSpec {
    operation_id: "putThing",
    method: crate::request::HttpMethod::Put,
    path_template: "/thing",
    retry: RetryClass::Idempotent,
    accept: "application/json",
    documented_errors: Statuses::NONE,
};

#[derive(Debug, Deserialize, PartialEq)]
struct Thing {
    name: String,
}

fn thing(name: &str) -> Thing {
    Thing {
        name: name.to_owned(),
    }
}

async fn get(transport: &Transport, id: &str) -> Result<Response<Thing>, Error<Thing>> {
    let mut request = Request::new(&GET);
    request
        .path_literal("thing")
        .path_param("id", id, ParamStyle::Simple, Explode::No)
        .query("extend", &true, ParamStyle::Form, Explode::Yes)
        .header("x-trace", "t-1", ParamStyle::Simple, Explode::No);
    transport.execute(request, decode_json, decode_json).await
}

/// Sends a POST to `/thing` with a JSON body.
async fn post(transport: &Transport) -> Result<Response<Thing>, Error<Thing>> {
    let mut request = Request::new(&POST);
    request
        .path_literal("thing")
        .json_body("application/json", &serde_json::json!({"to": "someone"}));
    transport.execute(request, decode_json, decode_json).await
}

#[tokio::test]
async fn sends_an_encoded_get_with_headers_and_decodes_the_body() {
    let server = Server::start(vec![reply("200 OK", r#"{"name": "a", "extra": 1}"#)]);
    let transport = ClientBuilder::<Transport>::new(&server.base_url)
        .basic_auth("Aladdin", "open sesame")
        .user_agent("tests/1")
        .build()
        .expect("builds");
    let response = get(&transport, "../x?y#z").await.expect("succeeds");
    assert_eq!(response.name, "a");
    assert_eq!(response.http_status(), reqwest::StatusCode::OK);
    assert_eq!(
        response.decode_as::<serde_json::Value>().expect("JSON")["extra"],
        1
    );
    let request = server.only_request();
    assert!(
        request.starts_with("GET /base/thing/..%2Fx%3Fy%23z?extend=true HTTP/1.1\r\n"),
        "{request}"
    );
    for header in [
        "\r\nauthorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n",
        "\r\naccept: application/json\r\n",
        "\r\nuser-agent: tests/1\r\n",
        "\r\nx-trace: t-1\r\n",
    ] {
        assert!(request.contains(header), "{header:?} in {request}");
    }
    assert!(!request.contains("content-type"), "{request}");
}

#[test]
fn the_future_of_a_call_can_move_between_threads() {
    fn assert_send<T: Send>(_: &T) {}
    let transport = transport("http://127.0.0.1:9");
    let future = transport.execute(Request::new(&GET), decode_json::<Thing>, decode_text);
    assert_send(&future);
}

#[test]
fn status_sets_match_codes_classes_and_others() {
    let set = Statuses {
        codes: &[400],
        classes: &[5],
        others: false,
    };
    assert!(set.contains(400) && set.contains(503) && !set.contains(404));
    assert!(Statuses {
        codes: &[],
        classes: &[],
        others: true
    }
    .contains(418));
    assert!(!Statuses::NONE.contains(200));
}

#[tokio::test]
async fn never_retries_a_post_and_sends_its_json_body() {
    let server = Server::start(vec![
        reply("503 Service Unavailable", "{\"name\": \"busy\"}");
        3
    ]);
    let transport = ClientBuilder::<Transport>::new(&server.base_url)
        .retry(quick_retries(5))
        .build()
        .expect("builds");
    let error = post(&transport).await.expect_err("503 is an error");
    assert!(
        matches!(&error, Error::Api { body, documented: true, .. } if *body == thing("busy")),
        "{error:?}"
    );
    let request = server.only_request();
    assert!(
        request.starts_with("POST /base/thing HTTP/1.1\r\n"),
        "{request}"
    );
    assert!(
        request.contains("\r\ncontent-type: application/json\r\n"),
        "{request}"
    );
    assert!(
        request.ends_with("\r\n\r\n{\"to\":\"someone\"}"),
        "{request}"
    );
}

#[tokio::test]
async fn a_201_to_a_post_documenting_only_200_is_a_success() {
    let server = Server::start(vec![reply("201 Created", r#"{"name": "new"}"#)]);
    let response = post(&transport(&server.base_url))
        .await
        .expect("any 2xx is a success");
    assert_eq!(response.http_status(), reqwest::StatusCode::CREATED);
    assert_eq!(response.into_inner(), thing("new"));
}

#[tokio::test]
async fn undocumented_error_statuses_with_an_error_body_are_api_errors() {
    let statuses = [
        "403 Forbidden",
        "404 Not Found",
        "409 Conflict",
        "422 Unprocessable Entity",
        "429 Too Many Requests",
    ];
    let server = Server::start(
        statuses
            .iter()
            .map(|status| reply(status, r#"{"name": "refused"}"#))
            .collect(),
    );
    // 429 is retried by default; this test is about how the final answer is classified.
    let transport = ClientBuilder::<Transport>::new(&server.base_url)
        .retry(RetryPolicy::none())
        .build()
        .expect("builds");
    for status in statuses {
        let error = get(&transport, "1").await.expect_err(status);
        match &error {
            Error::Api {
                status: got,
                body,
                documented,
                raw_body,
                ..
            } => {
                assert!(status.starts_with(got.as_str()), "{status}: {got}");
                assert_eq!(*body, thing("refused"), "{status}");
                assert!(!documented, "{status}");
                assert_eq!(&raw_body[..], br#"{"name": "refused"}"#);
            }
            other => panic!("{status}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn an_undocumented_status_with_an_html_body_is_unexpected() {
    let page = "<html><body>Forbidden by the proxy</body></html>";
    let server = Server::start(vec![reply("403 Forbidden", page)]);
    let error = get(&transport(&server.base_url), "1")
        .await
        .expect_err("403");
    assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error:?}");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(403));
    assert_eq!(
        error.raw_body().map(|body| &body[..]),
        Some(page.as_bytes())
    );
    assert_eq!(
        error.to_string(),
        "operation getThing: the server answered with the undocumented status 403 Forbidden"
    );
}

#[tokio::test]
async fn retries_an_idempotent_operation_on_gateway_statuses() {
    let server = Server::start(vec![
        reply("503 Service Unavailable", ""),
        reply("502 Bad Gateway", "<html></html>"),
        reply("200 OK", r#"{"name": "third"}"#),
    ]);
    let response = get(&transport(&server.base_url), "1")
        .await
        .expect("third attempt succeeds");
    assert_eq!(response.name, "third");
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn every_retry_sends_the_same_body() {
    let server = Server::start(vec![
        reply("503 Service Unavailable", ""),
        reply("200 OK", "null"),
    ]);
    let mut form = Multipart::new();
    form.file(
        "file",
        &FilePart::new(&b"bytes"[..]).with_file_name("a.bin"),
    );
    let mut request = Request::new(&PUT);
    request.path_literal("thing").multipart_body(form);
    transport(&server.base_url)
        .execute(request, decode_empty, decode_json::<Thing>)
        .await
        .expect("the retry succeeds");
    let requests = server.raw_requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0], requests[1]);
    assert!(requests[0].windows(5).any(|window| window == b"bytes"));
}

#[tokio::test]
async fn stops_retrying_at_the_bound() {
    let server = Server::start(vec![reply("504 Gateway Timeout", "late"); 4]);
    let error = get(&transport(&server.base_url), "1")
        .await
        .expect_err("always 504");
    assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error:?}");
    assert_eq!(error.raw_body().map(|body| &body[..]), Some(&b"late"[..]));
    assert_eq!(server.requests().len(), 3, "one attempt and two retries");
}

#[tokio::test]
async fn reports_a_refused_connection_as_connect() {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("finds a free port")
        .port();
    let error = get(&transport(&format!("http://127.0.0.1:{port}/base")), "1")
        .await
        .expect_err("nothing listens");
    assert!(
        matches!(
            error,
            Error::Connect {
                operation: "getThing",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.is_unsent());
}

#[tokio::test]
async fn refuses_a_dot_segment_before_sending() {
    let server = Server::start(Vec::new());
    let error = get(&transport(&server.base_url), "..")
        .await
        .expect_err("refused");
    assert!(
        matches!(
            error,
            Error::InvalidArgument {
                parameter: "id",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn decodes_a_documented_error_status() {
    let server = Server::start(vec![reply("400 Bad Request", r#"{"name": "bad"}"#)]);
    let error = get(&transport(&server.base_url), "1")
        .await
        .expect_err("400");
    assert_eq!(error.status(), Some(reqwest::StatusCode::BAD_REQUEST));
    assert!(
        matches!(
            error,
            Error::Api {
                documented: true,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.api_body(), Some(&thing("bad")));
    assert_eq!(
        error.to_string(),
        "operation getThing: the server answered with the error status 400 Bad Request"
    );
}

#[tokio::test]
async fn classifies_undecodable_success_bodies_and_documented_error_bodies() {
    let cases = [
        ("200 OK", "", BodyProblem::Empty),
        ("200 OK", "<html>proxy error</html>", BodyProblem::NotJson),
        ("200 OK", r#"{"name": "#, BodyProblem::Truncated),
        ("200 OK", r#"{"name": 7}"#, BodyProblem::Mismatch),
        ("206 Partial Content", "[]", BodyProblem::Mismatch),
        ("400 Bad Request", "oops", BodyProblem::NotJson),
    ];
    let server = Server::start(
        cases
            .iter()
            .map(|(status, body, _)| reply(status, body))
            .collect(),
    );
    let transport = transport(&server.base_url);
    for (status, body, expected) in cases {
        let error = get(&transport, "1").await.expect_err(body);
        match &error {
            Error::Decode {
                problem,
                body: raw,
                source: DecodeError::Json { .. },
                ..
            } => {
                assert_eq!(*problem, expected, "{status} {body:?}");
                assert_eq!(&raw[..], body.as_bytes());
            }
            other => panic!("{status} {body:?}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_text_body_that_is_not_utf8_is_a_decode_error() {
    let server = Server::start(vec![
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n\xff\xfe".to_vec(),
    ]);
    let mut request = Request::new(&GET);
    request.path_literal("thing");
    let error = transport(&server.base_url)
        .execute(request, decode_text, decode_text)
        .await
        .expect_err("not UTF-8");
    assert!(
        matches!(
            error,
            Error::Decode {
                problem: BodyProblem::NotUtf8,
                source: DecodeError::NotUtf8,
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_decoders_see_the_status() {
    let server = Server::start(vec![reply("202 Accepted", "{}")]);
    let mut request = Request::new(&GET);
    request.path_literal("thing");
    let by_status = |raw: &RawResponse| Ok::<_, DecodeError>(raw.status().as_u16());
    let response = transport(&server.base_url)
        .execute(request, by_status, decode_empty)
        .await
        .expect("2xx");
    assert_eq!(*response, 202);
}

#[tokio::test]
async fn keeps_an_undocumented_status_with_its_body() {
    let server = Server::start(vec![reply("418 I'm a teapot", "short and stout")]);
    let error = get(&transport(&server.base_url), "1")
        .await
        .expect_err("418");
    assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error:?}");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(418));
    assert_eq!(
        error.raw_body().map(|body| &body[..]),
        Some(&b"short and stout"[..])
    );
}

#[tokio::test]
async fn refuses_bodies_over_the_limit() {
    let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n8\r\n{\"name\":\r\n8\r\n \"long\"}\r\n0\r\n\r\n".to_vec();
    let server = Server::start(vec![reply("200 OK", r#"{"name": "long"}"#), chunked]);
    let transport = ClientBuilder::<Transport>::new(&server.base_url)
        .max_response_bytes(10)
        .build()
        .expect("builds");
    for announced in ["declared length", "chunked"] {
        let error = get(&transport, "1").await.expect_err(announced);
        assert!(
            matches!(error, Error::BodyTooLarge { limit: 10, .. }),
            "{announced}: {error:?}"
        );
        assert_eq!(error.status(), Some(reqwest::StatusCode::OK));
    }
}

#[tokio::test]
async fn reports_a_body_cut_short_as_a_read_error() {
    let cut =
        b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"name\"".to_vec();
    let server = Server::start(vec![cut]);
    let error = get(&transport(&server.base_url), "1")
        .await
        .expect_err("cut short");
    assert!(matches!(error, Error::BodyRead { .. }), "{error:?}");
    assert_eq!(error.status(), Some(reqwest::StatusCode::OK));
}

#[tokio::test]
async fn reports_a_silent_server_as_a_timeout() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binds a loopback port");
    let base_url = format!(
        "http://{}/base",
        listener.local_addr().expect("has an address")
    );
    // Hold the connection open without answering, for longer than the timeout.
    let holder = thread::spawn(move || {
        let connection = listener.accept();
        thread::sleep(Duration::from_millis(800));
        drop(connection);
    });
    let transport = ClientBuilder::<Transport>::new(&base_url)
        .timeout(Duration::from_millis(200))
        .build()
        .expect("builds");
    let error = get(&transport, "1").await.expect_err("times out");
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert!(error.is_timeout());
    let _ = holder.join();
}

#[tokio::test]
async fn ignores_the_body_of_an_empty_success() {
    let server = Server::start(vec![
        b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".to_vec(),
    ]);
    let mut request = Request::new(&POST);
    request
        .path_literal("thing")
        .json_body("application/json", &[1, 2]);
    let response = transport(&server.base_url)
        .execute(request, decode_empty, decode_json::<Thing>)
        .await
        .expect("204 succeeds");
    assert_eq!(response.http_status(), reqwest::StatusCode::NO_CONTENT);
    assert!(response.raw_body().is_empty());
}
