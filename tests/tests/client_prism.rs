//! The generated client against Stoplight Prism, a mock server nobody here wrote that reads
//! `spec/openapi.yaml` itself: it validates every request against the spec (a request that
//! breaks it is answered with an error and an `sl-violations` header) and answers from the
//! spec's examples, which the client must decode. Prism runs on 127.0.0.1 for this test binary
//! and is stopped when the test ends.

mod flow;

use codegen_tests::prism::MockServer;
use mykaarma_payments::models::{ApiCode, DeliveryStatus};
use mykaarma_payments::runtime::{Error, RetryPolicy};
use mykaarma_payments::Client;
use std::time::Duration;

fn start_prism() -> MockServer {
    let spec = codegen_tests::read_workspace_file("spec/openapi.yaml");
    let work_dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("prism");
    MockServer::start(&spec, &work_dir).unwrap_or_else(|error| panic!("{error}"))
}

fn client(
    server: &MockServer,
    http: Option<mykaarma_payments::runtime::reqwest::Client>,
) -> Client {
    let mut builder = Client::builder()
        .base_url(server.base_url())
        .basic_auth(flow::CREDENTIALS.0, flow::CREDENTIALS.1)
        .timeout(Duration::from_secs(20))
        .retry(RetryPolicy::none());
    if let Some(http) = http {
        builder = builder.reqwest_client(http);
    }
    builder.build().expect("client builds")
}

/// Fails when Prism found the request in breach of the spec.
fn assert_valid_request(headers: &mykaarma_payments::runtime::HeaderMap, server: &MockServer) {
    if let Some(violations) = headers.get("sl-violations") {
        panic!(
            "Prism says the request breaks the spec: {violations:?}\n{}",
            server.drain_log()
        );
    }
}

#[tokio::test]
async fn every_operation_against_prism() {
    let server = start_prism();
    let client = client(&server, None);

    let sent = client
        .send_payment_request_mobile(&flow::mobile())
        .await
        .unwrap_or_else(|error| panic!("{error:?}\n{}", server.drain_log()));
    assert_valid_request(sent.http_headers(), &server);
    assert_eq!(
        (sent.text_sent, sent.email_sent),
        (Some(true), Some(true)),
        "the page's example"
    );
    assert_eq!(
        sent.errors.as_ref().expect("errors")[0].error_code,
        Some(ApiCode::Other(0))
    );

    let created = client
        .create_and_send_payment_request(flow::DEPARTMENT, &flow::aggregated())
        .await
        .unwrap_or_else(|error| panic!("{error:?}\n{}", server.drain_log()));
    assert_valid_request(created.http_headers(), &server);
    assert_eq!(created.http_status(), 200);

    let sent = client
        .send_payment_request(flow::DEPARTMENT, &flow::invoice())
        .await
        .unwrap_or_else(|error| panic!("{error:?}\n{}", server.drain_log()));
    assert_valid_request(sent.http_headers(), &server);
    assert_eq!(
        sent.text_sent,
        Some(DeliveryStatus::Success),
        "the page's example"
    );

    let found = client
        .get_payment_request(flow::PAYMENT_REQUEST)
        .extend(true)
        .await
        .unwrap_or_else(|error| panic!("{error:?}\n{}", server.drain_log()));
    assert_valid_request(found.http_headers(), &server);
    let request = found.payment_request.as_ref().expect("paymentRequest");
    let invoice = request.invoice.as_ref().expect("invoice");
    assert!(
        invoice.payment_dealer_order_dto.is_some(),
        "the newer page revision's example comes first"
    );
    let stamp = request.time_stamp.as_ref().expect("timeStamp");
    assert!(
        stamp.is_exact_rfc3339() && stamp.instant().is_some(),
        "{stamp:?}"
    );
}

#[tokio::test]
async fn prism_documented_errors_decode_into_the_envelope() {
    let server = start_prism();
    for code in [400u16, 401, 500] {
        let mut headers = mykaarma_payments::runtime::HeaderMap::new();
        headers.insert("prefer", format!("code={code}").parse().expect("header"));
        // The runtime's own starting point: its TLS backend and no redirect following.
        let http = mykaarma_payments::runtime::reqwest_client_builder()
            .expect("TLS configuration")
            .default_headers(headers)
            .build()
            .expect("http client");
        let error = client(&server, Some(http))
            .get_payment_request("pr-1")
            .await
            .expect_err("error status");
        let Error::Api { status, body, .. } = &error else {
            panic!("{code}: {error:?}\n{}", server.drain_log())
        };
        assert_eq!(status.as_u16(), code);
        assert_eq!(
            body.errors.as_ref().map(Vec::len),
            Some(1),
            "the page's error example"
        );
    }
}

#[tokio::test]
async fn prism_refuses_a_request_without_credentials() {
    let server = start_prism();
    let anonymous = Client::builder()
        .base_url(server.base_url())
        .retry(RetryPolicy::none())
        .build()
        .expect("client");
    let error = anonymous
        .get_payment_request("pr-1")
        .await
        .expect_err("no credentials");
    let Error::Api {
        status, headers, ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(status.as_u16(), 401);
    assert!(
        headers.contains_key("sl-violations"),
        "Prism validated the request against the spec's security"
    );
}
