//! Tests of the mock server over loopback: routing, checks, answers, counts and the report.

use std::time::Duration;

use super::*;
use crate::decode::decode_json;
use crate::error::Error;
use crate::request::{HttpMethod, OperationSpec, Request, Statuses};
use crate::retry::RetryClass;
use crate::style::{Explode, ParamStyle};
use crate::transport::Transport;

static GET_ITEM: MockOperation = MockOperation {
    operation_id: "getItem",
    method: HttpMethod::Get,
    path_template: "/items/{id}",
    required: &[MockParam {
        location: MockLocation::Query,
        name: "view",
    }],
    body: None,
    basic_auth: true,
};

static PUT_ITEM: MockOperation = MockOperation {
    operation_id: "putItem",
    method: HttpMethod::Put,
    path_template: "/items/{id}",
    required: &[],
    body: Some(MockBody {
        required: true,
        type_name: "Item",
        decode: Some(check_json::<Item>),
    }),
    basic_auth: false,
};

static GET_SPEC: OperationSpec = OperationSpec {
    operation_id: "getItem",
    method: HttpMethod::Get,
    path_template: "/items/{id}",
    retry: RetryClass::Never,
    accept: "application/json",
    documented_errors: Statuses::NONE,
};

static PUT_SPEC: OperationSpec = OperationSpec {
    operation_id: "putItem",
    method: HttpMethod::Put,
    path_template: "/items/{id}",
    retry: RetryClass::Never,
    accept: "application/json",
    documented_errors: Statuses::NONE,
};

#[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
struct Item {
    name: String,
}

fn get_request(id: &str, view: Option<&str>) -> Request {
    let mut request = Request::new(&GET_SPEC);
    request.path_literal("items");
    request.path_param("id", id, ParamStyle::Simple, Explode::No);
    if let Some(view) = view {
        request.query("view", view, ParamStyle::Form, Explode::Yes);
    }
    request
}

fn put_request(id: &str, body: &str) -> Request {
    let mut request = Request::new(&PUT_SPEC);
    request.path_literal("items");
    request.path_param("id", id, ParamStyle::Simple, Explode::No);
    request.bytes_body("application/json", bytes::Bytes::from(body.to_owned()));
    request
}

fn transport(server: &MockServer) -> Transport {
    server
        .client_builder::<Transport>()
        .timeout(Duration::from_millis(500))
        .build_transport()
        .expect("a loopback client builds")
}

async fn send(transport: &Transport, request: Request) -> Result<Item, Error<serde_json::Value>> {
    transport
        .execute(
            request,
            decode_json::<Item>,
            decode_json::<serde_json::Value>,
        )
        .await
        .map(|response| response.into_inner())
}

async fn start() -> MockServer {
    MockServer::start(vec![&GET_ITEM, &PUT_ITEM])
        .await
        .expect("binds loopback")
}

#[tokio::test]
async fn answers_a_matching_request_and_verifies() {
    let server = start().await;
    let mut expected = Request::new(&GET_SPEC);
    expected.path_literal("items");
    expected.path_param("id", "a b", ParamStyle::Simple, Explode::No);
    let mut view = Request::new(&GET_SPEC);
    view.query("view", "full", ParamStyle::Form, Explode::Yes);
    server
        .expect(&GET_ITEM)
        .path_of(&expected)
        .params_of(&view)
        .respond_json(200, &Item { name: "x".into() })
        .times(1);
    let transport = transport(&server);
    let item = send(&transport, get_request("a b", Some("full"))).await;
    assert_eq!(item.expect("answered"), Item { name: "x".into() });
    server.verify();
    let received = server.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].operation(), Some("getItem"));
    assert_eq!(received[0].path(), "/items/a%20b");
    let shown = format!("{:?}", received[0]);
    assert!(
        shown.contains("<redacted>") && !shown.contains("Basic "),
        "{shown}"
    );
}

#[tokio::test]
async fn reports_unexpected_requests_and_unmet_expectations_by_operation() {
    let server = start().await;
    server
        .expect(&PUT_ITEM)
        .respond_json(200, &Item { name: "x".into() });
    let transport = transport(&server);
    let error = send(&transport, get_request("1", Some("full")))
        .await
        .expect_err("no expectation");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(501));
    let report = server.report().expect("a report");
    assert!(
        report.contains("getItem: unexpected request `GET /items/1`"),
        "{report}"
    );
    assert!(
        report.contains("putItem: expected at least 1 time(s), received 0"),
        "{report}"
    );
    let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| server.verify()));
    assert!(panic.is_err());
}

#[tokio::test]
async fn checks_credentials_required_parameters_bodies_and_routes() {
    let server = start().await;
    let transport = transport(&server);
    let other = server
        .client_builder::<Transport>()
        .basic_auth("mock-user", "wrong")
        .build_transport()
        .expect("builds");
    let cases = [
        (send(&other, get_request("1", Some("v"))).await, 401),
        (send(&transport, get_request("1", None)).await, 400),
        (
            send(&transport, put_request("1", "{\"name\": 3}")).await,
            400,
        ),
        (send(&transport, put_request("1", "")).await, 400),
    ];
    for (result, status) in cases {
        let error = result.expect_err("refused");
        assert_eq!(error.status().map(|code| code.as_u16()), Some(status));
    }
    let problems = server.problems();
    assert!(
        problems[0].contains("credentials are not the mock's"),
        "{problems:?}"
    );
    assert!(problems[1].contains("required query parameter `view` is missing"));
    assert!(problems[2].contains("does not decode as `Item`: name: invalid type"));
    assert!(problems[3].contains("required body (`Item`) is missing"));
    let address = server.address();
    let reply = tokio::task::spawn_blocking(move || raw_exchange(address, "GET /nowhere"))
        .await
        .expect("the exchange ran");
    assert!(reply.starts_with("HTTP/1.1 404"), "{reply}");
    assert!(server.problems()[4].contains("no operation of the API has this path"));
}

#[tokio::test]
async fn drops_connections_cuts_bodies_short_and_delays() {
    let server = start().await;
    let transport = transport(&server);
    server.expect(&PUT_ITEM).drop_connection().times(1);
    let dropped = send(&transport, put_request("1", "{\"name\":\"a\"}")).await;
    assert!(
        matches!(dropped, Err(Error::Connect { .. } | Error::Request { .. })),
        "{dropped:?}"
    );
    server
        .expect(&PUT_ITEM)
        .respond_cut_short(200, &b"{\"na"[..], 40)
        .times(1);
    let cut = send(&transport, put_request("1", "{\"name\":\"a\"}")).await;
    assert!(matches!(cut, Err(Error::BodyRead { .. })), "{cut:?}");
    server
        .expect(&PUT_ITEM)
        .delay(Duration::from_secs(3))
        .respond_json(
            200,
            &Item {
                name: "late".into(),
            },
        )
        .times(1);
    let late = send(&transport, put_request("1", "{\"name\":\"a\"}")).await;
    assert!(late.as_ref().is_err_and(Error::is_timeout), "{late:?}");
    server.verify();
}

#[test]
fn path_templates_match_encoded_paths_segment_by_segment() {
    let cases = [
        ("/items/{id}", "/items/1", true),
        ("/items/{id}", "/items/", false),
        ("/items/{id}", "/items/1/2", false),
        ("/files/{name}.json", "/files/a.json", true),
        ("/files/{name}.json", "/files/.json", false),
        ("/a b/{x}", "/a%20b/1", true),
        ("/rides?page={page}", "/rides", true),
    ];
    for (template, path, expected) in cases {
        assert_eq!(
            spec::path_matches(template, path),
            expected,
            "{template} {path}"
        );
    }
}

/// Sends one request line by hand (no client would send a path the API lacks) and reads the
/// answer, within a bounded time.
fn raw_exchange(address: std::net::SocketAddr, line: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("sets a timeout");
    let request = format!("{line} HTTP/1.1\r\nHost: mock\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).expect("writes");
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    reply
}

static LIST_ITEMS: MockOperation = MockOperation {
    operation_id: "listItems",
    method: HttpMethod::Get,
    path_template: "/items",
    required: &[
        MockParam {
            location: MockLocation::Header,
            name: "x-tenant",
        },
        MockParam {
            location: MockLocation::Cookie,
            name: "session",
        },
        MockParam {
            location: MockLocation::Query,
            name: "filter",
        },
    ],
    body: None,
    basic_auth: false,
};

static LIST_SPEC: OperationSpec = OperationSpec {
    operation_id: "listItems",
    method: HttpMethod::Get,
    path_template: "/items",
    retry: RetryClass::Never,
    accept: "application/json",
    documented_errors: Statuses::NONE,
};

fn list_request(tenant: &str) -> Request {
    let mut request = Request::new(&LIST_SPEC);
    request.path_literal("items");
    request.header("x-tenant", tenant, ParamStyle::Simple, Explode::No);
    request.cookie("session", "s1", ParamStyle::Form, Explode::Yes);
    let filter = std::collections::BTreeMap::from([("color", "red")]);
    request.query("filter", &filter, ParamStyle::DeepObject, Explode::Yes);
    request
}

#[tokio::test]
async fn matches_headers_cookies_and_deep_object_queries_as_the_client_writes_them() {
    let server = MockServer::start(vec![&LIST_ITEMS]).await.expect("binds");
    let mut expected = Request::new(&LIST_SPEC);
    expected.header("x-tenant", "t1", ParamStyle::Simple, Explode::No);
    expected.cookie("session", "s1", ParamStyle::Form, Explode::Yes);
    server
        .expect(&LIST_ITEMS)
        .params_of(&expected)
        .respond_json(200, &Item { name: "t1".into() })
        .times(1);
    let transport = transport(&server);
    let found = send(&transport, list_request("t1")).await;
    assert_eq!(found.expect("matched").name, "t1");
    let other = send(&transport, list_request("t2")).await;
    assert_eq!(
        other.expect_err("no match").status().map(|s| s.as_u16()),
        Some(501)
    );
    let problems = server.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("listItems: unexpected request"),
        "{problems:?}"
    );
}
