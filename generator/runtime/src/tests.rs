//! The loopback server the transport tests share, and tests of what requests look like on the wire.
//!
//! The server is a std `TcpListener` on 127.0.0.1 that answers the n-th connection with the
//! n-th canned reply and records every request byte for byte.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::builder::ClientBuilder;
use crate::decode::{decode_empty, decode_json};
use crate::error::Error;
use crate::multipart::{FilePart, Multipart};
use crate::request::{OperationSpec, Request, Statuses};
use crate::retry::{RetryClass, RetryPolicy};
use crate::style::{Explode, ParamStyle};
use crate::transport::Transport;

/// How long the server waits for a connection or a request before giving up,
/// so that no test can hang.
const SERVER_PATIENCE: Duration = Duration::from_secs(5);

/// A server that answers the n-th connection with the n-th reply, then stops.
pub(crate) struct Server {
    /// `http://127.0.0.1:port/base`.
    pub(crate) base_url: String,
    /// The requests received, as bytes.
    requests: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl Server {
    /// Starts a server; a reply is raw bytes, sent after the request was read.
    pub(crate) fn start(replies: Vec<Vec<u8>>) -> Self {
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

    /// The requests received so far, as bytes.
    pub(crate) fn raw_requests(&self) -> Vec<Vec<u8>> {
        self.requests.lock().expect("not poisoned").clone()
    }

    /// The requests received so far, as text.
    pub(crate) fn requests(&self) -> Vec<String> {
        self.raw_requests()
            .iter()
            .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
            .collect()
    }

    /// The only request received, as text, with its header names in lower case.
    pub(crate) fn only_request(&self) -> String {
        let requests = self.requests();
        assert_eq!(requests.len(), 1, "{requests:?}");
        requests
            .into_iter()
            .next()
            .map(lower_header_names)
            .unwrap_or_default()
    }
}

/// Lower-cases the header names of a request text (hyper writes them in lower case for
/// HTTP/1, but the tests should not depend on it), leaving values and the body alone.
fn lower_header_names(request: String) -> String {
    let Some((head, body)) = request.split_once("\r\n\r\n") else {
        return request;
    };
    let lines: Vec<String> = head
        .split("\r\n")
        .enumerate()
        .map(|(index, line)| match line.split_once(':') {
            Some((name, value)) if index > 0 => format!("{}:{value}", name.to_ascii_lowercase()),
            _ => line.to_owned(),
        })
        .collect();
    format!("{}\r\n\r\n{body}", lines.join("\r\n"))
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
fn read_request(stream: &mut TcpStream) -> Vec<u8> {
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        if let Some(end) = received.windows(4).position(|window| window == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&received[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .and_then(|value| value.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if received.len() >= end + 4 + length {
                return received;
            }
        }
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return received,
            Ok(count) => received.extend_from_slice(&buffer[..count]),
        }
    }
}

/// A complete reply with a JSON content type and a correct length.
pub(crate) fn reply(status: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// A retry policy with waits short enough for tests.
pub(crate) fn quick_retries(max_retries: u32) -> RetryPolicy {
    RetryPolicy::default()
        .with_max_retries(max_retries)
        .with_initial_backoff(Duration::from_millis(1))
}

/// A transport to `base_url` with quick retries and a 5 s timeout.
pub(crate) fn transport(base_url: &str) -> Transport {
    ClientBuilder::<Transport>::new(base_url)
        .retry(quick_retries(2))
        .timeout(Duration::from_secs(5))
        .build()
        .expect("builds")
}

/// A GET with parameters everywhere.
static SEARCH: OperationSpec = OperationSpec {
    operation_id: "search",
    method: crate::request::HttpMethod::Get,
    path_template: "/items/{ids}/{range}/{filter}",
    retry: RetryClass::Idempotent,
    accept: "application/json",
    documented_errors: Statuses::NONE,
};

/// A POST whose body the tests vary.
static UPLOAD: OperationSpec = OperationSpec {
    operation_id: "upload",
    method: crate::request::HttpMethod::Post,
    path_template: "/upload",
    retry: RetryClass::Never,
    accept: "application/json",
    documented_errors: Statuses::NONE,
};

/// The `{"R": 100, "G": 200, "B": 150}` of the specification's examples, in that order.
#[derive(serde::Serialize)]
struct Color {
    #[serde(rename = "R")]
    r: u32,
    #[serde(rename = "G")]
    g: u32,
    #[serde(rename = "B")]
    b: u32,
}

const COLOR: Color = Color {
    r: 100,
    g: 200,
    b: 150,
};

/// Sends `request`, answered with an empty 204, and returns what arrived.
async fn sent(request: Request) -> String {
    let server = Server::start(vec![
        b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".to_vec(),
    ]);
    transport(&server.base_url)
        .execute(request, decode_empty, decode_json::<serde_json::Value>)
        .await
        .expect("204 succeeds");
    server.only_request()
}

#[tokio::test]
async fn query_header_cookie_and_path_styles_arrive_exactly() {
    let mut request = Request::new(&SEARCH);
    request
        .path_literal("items")
        .path_param("ids", &[3, 4, 5], ParamStyle::Simple, Explode::No)
        .path_param("range", &COLOR, ParamStyle::Label, Explode::Yes)
        .path_param("filter", &COLOR, ParamStyle::Matrix, Explode::Yes)
        .query("tag", &["a b", "c"], ParamStyle::Form, Explode::Yes)
        .query("csv", &["x", "y"], ParamStyle::Form, Explode::No)
        .query(
            "space",
            &["x", "y"],
            ParamStyle::SpaceDelimited,
            Explode::No,
        )
        .query("pipe", &["x", "y"], ParamStyle::PipeDelimited, Explode::No)
        .query("color", &COLOR, ParamStyle::DeepObject, Explode::Yes)
        .query(
            "json",
            &serde_json::json!({"k": 1}),
            ParamStyle::JsonContent,
            Explode::No,
        )
        .header("x-color", &COLOR, ParamStyle::Simple, Explode::Yes)
        .header("x-ids", &[1, 2], ParamStyle::Simple, Explode::No)
        .cookie("session", "abc+/=", ParamStyle::Form, Explode::Yes)
        .cookie("color", &COLOR, ParamStyle::Form, Explode::No);
    let request = sent(request).await;
    let expected_line = "GET /base/items/3,4,5/.R=100.G=200.B=150/;R=100;G=200;B=150\
        ?tag=a+b&tag=c&csv=x%2Cy&space=x+y&pipe=x%7Cy\
        &color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150\
        &json=%7B%22k%22%3A1%7D HTTP/1.1\r\n";
    assert!(request.starts_with(expected_line), "{request}");
    for header in [
        "\r\nx-color: R=100,G=200,B=150\r\n",
        "\r\nx-ids: 1,2\r\n",
        "\r\ncookie: session=abc+/=; color=R,100,G,200,B,150\r\n",
        "\r\naccept: application/json\r\n",
    ] {
        assert!(request.contains(header), "{header:?} in {request}");
    }
    assert!(!request.contains("content-type"), "{request}");
}

#[tokio::test]
async fn a_form_body_arrives_exactly() {
    #[derive(serde::Serialize)]
    struct Form {
        name: &'static str,
        tags: [&'static str; 2],
        note: Option<&'static str>,
    }
    let mut request = Request::new(&UPLOAD);
    request.path_literal("upload").form_body(
        "application/x-www-form-urlencoded",
        &Form {
            name: "Zoë & co",
            tags: ["a", "b=c"],
            note: None,
        },
        &[],
    );
    let request = sent(request).await;
    let body = "name=Zo%C3%AB+%26+co&tags=a&tags=b%3Dc";
    assert!(
        request.starts_with("POST /base/upload HTTP/1.1\r\n"),
        "{request}"
    );
    assert!(
        request.contains("\r\ncontent-type: application/x-www-form-urlencoded\r\n"),
        "{request}"
    );
    assert!(
        request.contains(&format!("\r\ncontent-length: {}\r\n", body.len())),
        "{request}"
    );
    assert!(request.ends_with(&format!("\r\n\r\n{body}")), "{request}");
}

#[tokio::test]
async fn a_multipart_body_arrives_exactly() {
    let mut form = Multipart::new();
    form.text("title", "Q3 report")
        .json("meta", &serde_json::json!({"pages": 3}))
        .file(
            "file",
            &FilePart::new(&b"%PDF-1.7\n"[..])
                .with_file_name("report.pdf")
                .with_content_type("application/pdf"),
        );
    let mut request = Request::new(&UPLOAD);
    request.path_literal("upload").multipart_body(form);
    let request = sent(request).await;
    let boundary = request
        .split("\r\ncontent-type: multipart/form-data; boundary=")
        .nth(1)
        .and_then(|rest| rest.split("\r\n").next())
        .expect("a multipart content type")
        .to_owned();
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nQ3 report\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{{\"pages\":3}}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"report.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n\r\n\
         --{boundary}--\r\n"
    );
    assert!(request.ends_with(&format!("\r\n\r\n{body}")), "{request}");
    assert!(
        request.contains(&format!("\r\ncontent-length: {}\r\n", body.len())),
        "{request}"
    );
}

#[tokio::test]
async fn a_missing_input_or_an_unencodable_value_sends_nothing() {
    let server = Server::start(Vec::new());
    let transport = transport(&server.base_url);
    let mut missing = Request::new(&UPLOAD);
    missing.path_literal("upload").missing("body");
    let mut nested = Request::new(&SEARCH);
    nested.query("filter", &[[1, 2]], ParamStyle::Form, Explode::Yes);
    let mut keys = std::collections::HashMap::new();
    keys.insert((1, 2), "tuple keys are not JSON");
    let mut body = Request::new(&UPLOAD);
    body.json_body("application/json", &keys);
    let mut header = Request::new(&SEARCH);
    header.header(
        "x-trace",
        "a\r\nx-injected: 1",
        ParamStyle::Simple,
        Explode::No,
    );
    let cases = [
        (missing, "body", "was not set"),
        (nested, "filter", "nested deeper"),
        (body, "body", "key must be a string"),
        (header, "x-trace", "not valid header text"),
    ];
    for (request, expected, reason_part) in cases {
        let error = transport
            .execute(request, decode_empty, decode_json::<serde_json::Value>)
            .await
            .expect_err(expected);
        match &error {
            Error::InvalidArgument {
                parameter, reason, ..
            } => {
                assert_eq!(*parameter, expected);
                assert!(reason.contains(reason_part), "{reason}");
            }
            other => panic!("{expected}: {other:?}"),
        }
        assert!(error.is_unsent());
    }
    assert!(server.requests().is_empty());
}
