//! Loopback tests of `Transport`: canned HTTP/1.1 replies from a std `TcpListener` on 127.0.0.1.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde::Deserialize;

use super::super::builder::ClientBuilder;
use super::super::error::{BodyProblem, Error};
use super::super::request::{OperationSpec, PathPart, RequestParts, Statuses};
use super::super::retry::{RetryClass, RetryPolicy};
use super::Transport;

/// How long the server waits for a connection or a request before giving up,
/// so that no test can hang.
const SERVER_PATIENCE: Duration = Duration::from_secs(5);

/// A server that answers the n-th connection with the n-th reply, then stops.
struct Server {
    /// `http://127.0.0.1:port/base`.
    base_url: String,
    /// The requests received, as text.
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts a server; a reply is raw bytes, sent after the request was read.
    fn start(replies: Vec<Vec<u8>>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("binds a loopback port");
        let port = listener.local_addr().expect("has an address").port();
        listener.set_nonblocking(true).expect("can poll");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        thread::spawn(move || {
            for reply in replies {
                let Some(mut stream) = accept(&listener) else {
                    return;
                };
                let request = read_request(&mut stream);
                seen.lock().expect("not poisoned").push(request);
                let _ = stream.write_all(&reply);
            }
        });
        Self {
            base_url: format!("http://127.0.0.1:{port}/base"),
            requests,
        }
    }

    /// The requests received so far.
    fn requests(&self) -> Vec<String> {
        self.requests.lock().expect("not poisoned").clone()
    }
}

/// Waits for the next connection, at most `SERVER_PATIENCE`.
fn accept(listener: &TcpListener) -> Option<TcpStream> {
    let deadline = Instant::now() + SERVER_PATIENCE;
    while Instant::now() < deadline {
        if let Ok((stream, _)) = listener.accept() {
            stream.set_nonblocking(false).ok()?;
            stream.set_read_timeout(Some(SERVER_PATIENCE)).ok()?;
            return Some(stream);
        }
        thread::sleep(Duration::from_millis(5));
    }
    None
}

/// Reads one request: its head, then as many body bytes as `Content-Length` says.
fn read_request(stream: &mut TcpStream) -> String {
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&received).into_owned();
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text
                .lines()
                .find_map(|line| {
                    line.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(str::to_owned)
                })
                .and_then(|value| value.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if received.len() >= end + 4 + length {
                return text;
            }
        }
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return String::from_utf8_lossy(&received).into_owned(),
            Ok(count) => received.extend_from_slice(&buffer[..count]),
        }
    }
}

/// A complete reply with a JSON content type and a correct length.
fn reply(status: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// A GET operation documenting 200 as success and 400 as an error.
const GET: OperationSpec = OperationSpec {
    operation_id: "getThing",
    method: reqwest::Method::GET,
    path_template: "/thing/{id}",
    retry: RetryClass::Idempotent,
    accept: "application/json",
    success: Statuses::codes(&[200]),
    errors: Statuses::codes(&[400]),
};

/// A POST operation, which must never be retried.
const POST: OperationSpec = OperationSpec {
    operation_id: "sendThing",
    method: reqwest::Method::POST,
    path_template: "/thing",
    retry: RetryClass::Never,
    accept: "application/json",
    success: Statuses::codes(&[200, 204]),
    errors: Statuses {
        codes: &[400],
        classes: &[5],
        others: false,
    },
};

/// A retry policy with waits short enough for tests.
fn quick_retries(max_retries: u32) -> RetryPolicy {
    RetryPolicy::default()
        .with_max_retries(max_retries)
        .with_initial_backoff(Duration::from_millis(1))
}

fn transport(base_url: &str) -> Transport {
    ClientBuilder::<Transport>::new(base_url)
        .retry(quick_retries(2))
        .timeout(Duration::from_secs(5))
        .build()
        .expect("builds")
}

#[derive(Debug, Deserialize, PartialEq)]
struct Thing {
    name: String,
}

async fn get(transport: &Transport, id: &str) -> Result<super::Response<Thing>, Error<Thing>> {
    let path = [
        PathPart::Literal("thing"),
        PathPart::Param {
            name: "id",
            value: id,
        },
    ];
    let query = [("extend", "true".to_owned())];
    let headers = [("x-trace", "t-1".to_owned())];
    let parts = RequestParts {
        path: &path,
        query: &query,
        headers: &headers,
        body: None::<&()>,
    };
    transport.execute(&GET, parts).await
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
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    assert_eq!(
        response.decode_as::<serde_json::Value>().expect("JSON")["extra"],
        1
    );
    let requests = server.requests();
    let request = requests
        .first()
        .map(|text| text.to_ascii_lowercase())
        .unwrap_or_default();
    assert!(
        request.starts_with("get /base/thing/..%2fx%3fy%23z?extend=true http/1.1\r\n"),
        "{request}"
    );
    assert!(
        request.contains("\r\nauthorization: basic qwxhzgrpbjpvcgvuihnlc2ftzq==\r\n"),
        "{request}"
    );
    assert!(
        request.contains("\r\naccept: application/json\r\n"),
        "{request}"
    );
    assert!(request.contains("\r\nuser-agent: tests/1\r\n"), "{request}");
    assert!(
        request.contains("\r\nx-trace: t-1\r\n"),
        "header parameters are sent: {request}"
    );
    assert!(!request.contains("content-type"), "{request}");
}

#[tokio::test]
async fn a_header_value_with_a_line_break_is_refused_before_sending() {
    let transport = transport("http://127.0.0.1:9");
    let path = [PathPart::Literal("thing")];
    let headers = [("x-trace", "a\r\nx-injected: 1".to_owned())];
    let parts = RequestParts {
        path: &path,
        query: &[],
        headers: &headers,
        body: None::<&()>,
    };
    let error = transport
        .execute::<_, Thing, Thing>(&GET, parts)
        .await
        .expect_err("refused");
    assert!(
        matches!(
            error,
            Error::InvalidArgument {
                parameter: "x-trace",
                ..
            }
        ),
        "{error:?}"
    );
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
    let body = serde_json::json!({"to": "someone"});
    let path = [PathPart::Literal("thing")];
    let result = transport
        .execute::<_, Thing, Thing>(
            &POST,
            RequestParts {
                path: &path,
                query: &[],
                headers: &[],
                body: Some(&body),
            },
        )
        .await;
    let error = result.expect_err("503 is an error");
    assert_eq!(
        error.api_body().map(|thing| thing.name.as_str()),
        Some("busy")
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "a POST must be sent once");
    let request = requests
        .first()
        .map(|text| text.to_ascii_lowercase())
        .unwrap_or_default();
    assert!(
        request.starts_with("post /base/thing http/1.1\r\n"),
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
    assert_eq!(
        error.api_body(),
        Some(&Thing {
            name: "bad".to_owned()
        })
    );
    assert_eq!(
        error.to_string(),
        "operation getThing: the server answered with the error status 400 Bad Request"
    );
}

#[tokio::test]
async fn classifies_undecodable_bodies_of_documented_statuses() {
    let cases = [
        ("200 OK", "", BodyProblem::Empty),
        ("200 OK", "<html>proxy error</html>", BodyProblem::NotJson),
        ("200 OK", r#"{"name": "#, BodyProblem::Truncated),
        ("200 OK", r#"{"name": 7}"#, BodyProblem::Mismatch),
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
                problem, body: raw, ..
            } => {
                assert_eq!(*problem, expected, "{status} {body:?}");
                assert_eq!(&raw[..], body.as_bytes());
            }
            other => panic!("{status} {body:?}: {other:?}"),
        }
    }
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
    let path = [PathPart::Literal("thing")];
    let response = transport(&server.base_url)
        .execute_empty::<_, Thing>(
            &POST,
            RequestParts {
                path: &path,
                query: &[],
                headers: &[],
                body: Some(&[1, 2]),
            },
        )
        .await
        .expect("204 succeeds");
    assert_eq!(response.status(), reqwest::StatusCode::NO_CONTENT);
    assert!(response.raw_body().is_empty());
}
