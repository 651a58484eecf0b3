//! The generated client against in-process loopback servers: the exact request of every
//! operation, every documented error status, and each fault a real server or proxy can
//! produce. `wiremock` serves the well-formed cases; a raw `TcpListener` produces the broken
//! ones that no HTTP library will send on purpose (a body cut short).

use mykaarma_payments::models::{
    AggregatedPaymentRequest, ApiCode, DeliveryStatus, InvoicePaymentRequest, MobilePaymentRequest,
};
use mykaarma_payments::runtime::{BodyProblem, Error, RetryPolicy};
use mykaarma_payments::Client;
use serde_json::{json, Value};
use std::str::FromStr;
use std::time::Duration;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const USER: &str = "subscriber";
const PASSWORD: &str = "hunter2-secret";
/// `Basic base64("subscriber:hunter2-secret")`.
const AUTHORIZATION: &str = "Basic c3Vic2NyaWJlcjpodW50ZXIyLXNlY3JldA==";

fn client_for(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .basic_auth(USER, PASSWORD)
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy::default().with_initial_backoff(Duration::from_millis(10)))
        .build()
        .expect("client builds")
}

/// A client with no credentials and no retries, for the faults a raw socket produces.
fn bare_client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .retry(RetryPolicy::none())
        .build()
        .expect("client builds")
}

fn envelope(code: i64) -> Value {
    json!({"errors": [{"errorCode": code, "errorTitle": "NULL_CREDENTIALS", "errorMessage": "m", "errorDescription": "d"}],
           "warnings": [{"warningCode": 150000, "warningTitle": "NO_PREFERRED_DEALER_ID"}]})
}

fn invoice_body() -> InvoicePaymentRequest {
    InvoicePaymentRequest {
        invoice_guid: Some("inv-1".into()),
        send_as_text: Some(true),
        send_as_email: Some(false),
        ..Default::default()
    }
}

#[tokio::test]
async fn send_payment_request_sends_the_exact_request() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/payment/v4/departments/dep-1/payment-requests"))
        .and(header("authorization", AUTHORIZATION))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"invoiceGuid": "inv-1", "sendAsText": true, "sendAsEmail": false})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "errors": [], "warnings": [], "paymentLink": "https://pay/1", "invoiceLink": "https://inv/1",
            "textSent": "SUCCESS", "emailSent": "FAILURE"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&format!("{}/payment", server.uri()));
    let sent = client
        .send_payment_request("dep-1", &invoice_body())
        .await
        .expect("200");
    assert_eq!(sent.http_status(), 200);
    assert_eq!(sent.payment_link.as_deref(), Some("https://pay/1"));
    assert_eq!(sent.text_sent, Some(DeliveryStatus::Success));
    assert_eq!(sent.email_sent, Some(DeliveryStatus::Failure));
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(
        requests[0].url.query(),
        None,
        "no query parameters were documented"
    );
}

#[tokio::test]
async fn the_other_operations_send_their_exact_requests() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/kpayment/v1/sendPaymentRequestMobile"))
        .and(header("authorization", AUTHORIZATION))
        .and(body_json(
            json!({"amount": 19.99, "toSendText": true, "customerUUID": "c-1"}),
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"textSent": true, "emailSent": false, "status": "OK"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/aggregator/v1/departments/dep-2/payment-requests"))
        .and(header("authorization", AUTHORIZATION))
        .and(body_json(
            json!({"amount": 1234567.891, "invoiceAttributes": {"ro": "42"}, "sendAsEmail": true}),
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"paymentUrl": "https://pay/2", "textSent": "FAILURE"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/kpayment/v1/paymentrequest/pr-1"))
        .and(query_param("extend", "true"))
        .and(header("authorization", AUTHORIZATION))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"paymentRequest": {"guid": "pr-1", "amount": 10.5}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server.uri());
    let mobile = MobilePaymentRequest {
        amount: Some(rust_decimal::Decimal::from_str("19.99").unwrap()),
        to_send_text: Some(true),
        customer_uuid: Some("c-1".into()),
        ..Default::default()
    };
    let sent = client
        .send_payment_request_mobile(&mobile)
        .await
        .expect("mobile 200");
    assert_eq!(sent.text_sent, Some(true));
    let aggregated = AggregatedPaymentRequest {
        amount: Some(rust_decimal::Decimal::from_str("1234567.891").unwrap()),
        invoice_attributes: Some([("ro".to_string(), "42".to_string())].into_iter().collect()),
        send_as_email: Some(true),
        ..Default::default()
    };
    let created = client
        .create_and_send_payment_request("dep-2", &aggregated)
        .await
        .expect("aggregator 200");
    assert_eq!(created.payment_url.as_deref(), Some("https://pay/2"));
    let found = client
        .get_payment_request("pr-1")
        .extend(true)
        .await
        .expect("get 200");
    let request = found.payment_request.as_ref().expect("paymentRequest");
    assert_eq!(
        request.amount,
        Some(rust_decimal::Decimal::from_str("10.5").unwrap())
    );
}

#[tokio::test]
async fn every_documented_error_status_gives_the_typed_envelope() {
    for status in [400u16, 401, 500] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(status).set_body_json(envelope(100001)))
            .mount(&server)
            .await;
        let error = client_for(&server.uri())
            .get_payment_request("pr-1")
            .await
            .expect_err("error status");
        let Error::Api {
            status: got, body, ..
        } = &error
        else {
            panic!("{status}: {error:?}")
        };
        assert_eq!(got.as_u16(), status);
        let first = &body.errors.as_ref().expect("errors")[0];
        assert_eq!(first.error_code, Some(ApiCode::NullCredentials));
        let warning = &body.warnings.as_ref().expect("warnings")[0];
        assert_eq!(warning.warning_code, Some(ApiCode::NoPreferredDealerId));
        assert!(error.to_string().contains("getPaymentRequest"), "{error}");
    }
}

async fn get_with_response(
    template: ResponseTemplate,
) -> Result<
    mykaarma_payments::runtime::Response<mykaarma_payments::models::PaymentRequestDetails>,
    Error<mykaarma_payments::models::ErrorResponse>,
> {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(template)
        .mount(&server)
        .await;
    client_for(&server.uri()).get_payment_request("pr-1").await
}

#[tokio::test]
async fn an_html_page_from_a_proxy_is_not_json() {
    let error = get_with_response(
        ResponseTemplate::new(200)
            .set_body_raw("<html><body>Bad gateway</body></html>", "text/html"),
    )
    .await
    .expect_err("html");
    let Error::Decode {
        problem,
        status,
        body,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!((*problem, status.as_u16()), (BodyProblem::NotJson, 200));
    assert!(body.starts_with(b"<html>"), "the raw body is kept");
}

#[tokio::test]
async fn an_empty_body_and_a_truncated_body_are_told_apart() {
    let empty = get_with_response(ResponseTemplate::new(200))
        .await
        .expect_err("empty");
    assert!(
        matches!(
            empty,
            Error::Decode {
                problem: BodyProblem::Empty,
                ..
            }
        ),
        "{empty:?}"
    );
    let truncated = get_with_response(
        ResponseTemplate::new(200)
            .set_body_raw(r#"{"paymentRequest": {"guid": "pr"#, "application/json"),
    )
    .await
    .expect_err("truncated");
    assert!(
        matches!(
            truncated,
            Error::Decode {
                problem: BodyProblem::Truncated,
                ..
            }
        ),
        "{truncated:?}"
    );
    let shape = get_with_response(
        ResponseTemplate::new(200).set_body_json(json!({"paymentRequest": "not an object"})),
    )
    .await
    .expect_err("wrong shape");
    assert!(
        matches!(
            shape,
            Error::Decode {
                problem: BodyProblem::Mismatch,
                ..
            }
        ),
        "{shape:?}"
    );
}

#[tokio::test]
async fn an_undocumented_status_keeps_status_and_body() {
    let error = get_with_response(ResponseTemplate::new(418).set_body_string("short and stout"))
        .await
        .expect_err("418");
    let Error::UnexpectedStatus { status, body, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        (status.as_u16(), body.as_ref()),
        (418, b"short and stout".as_ref())
    );
}

#[tokio::test]
async fn unknown_values_extra_fields_and_nulls_decode_and_survive() {
    let body = json!({
        "errors": [{"errorCode": 100025, "errorTitle": "PROV_SOMETHING_NEW"}],
        "warnings": null,
        "paymentRequest": {"guid": "pr-1", "status": null, "brandNewField": {"nested": [1, 2]},
            "timeStamp": "2025-03-28 11:34:46.794", "invoice": {"paidDate": null, "amount": 1234567.891}},
        "textSent": "QUEUED"
    });
    let response = get_with_response(ResponseTemplate::new(200).set_body_json(body.clone()))
        .await
        .expect("decodes");
    assert_eq!(
        response.errors.as_ref().expect("errors")[0].error_code,
        Some(ApiCode::Other(100025))
    );
    assert_eq!(response.warnings, None);
    let request = response.payment_request.as_ref().expect("paymentRequest");
    assert_eq!(request.status, None);
    let stamp = request.time_stamp.as_ref().expect("timeStamp");
    assert_eq!(
        stamp.raw(),
        "2025-03-28 11:34:46.794",
        "a non-RFC 3339 date-time keeps its text"
    );
    assert!(stamp.instant().is_some(), "and is still read leniently");
    let invoice = request.invoice.as_ref().expect("invoice");
    assert_eq!(
        invoice.amount,
        Some(rust_decimal::Decimal::from_str("1234567.891").unwrap())
    );
    // The escape hatch: fields the spec does not describe are in the raw body.
    let raw: Value = response.decode_as().expect("raw JSON");
    assert_eq!(
        raw["paymentRequest"]["brandNewField"]["nested"],
        json!([1, 2])
    );
    assert_eq!(raw["textSent"], "QUEUED");
}

#[tokio::test]
async fn an_unknown_enum_value_decodes_into_other_and_encodes_back() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"textSent": "QUEUED", "emailSent": "SUCCESS"})),
        )
        .mount(&server)
        .await;
    let sent = client_for(&server.uri())
        .send_payment_request("dep", &invoice_body())
        .await
        .expect("200");
    assert_eq!(sent.text_sent, Some(DeliveryStatus::Other("QUEUED".into())));
    assert_eq!(
        serde_json::to_value(&sent.text_sent).unwrap(),
        json!("QUEUED")
    );
}

#[tokio::test]
async fn a_slow_server_past_the_timeout_is_a_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({}))
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .timeout(Duration::from_millis(300))
        .retry(RetryPolicy::none())
        .build()
        .expect("client");
    let started = std::time::Instant::now();
    let error = client
        .get_payment_request("pr-1")
        .await
        .expect_err("timeout");
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "the timeout cut the wait short"
    );
}

#[tokio::test]
async fn a_refused_connection_is_a_connect_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    let client = bare_client(&format!("http://{address}"));
    let error = client
        .get_payment_request("pr-1")
        .await
        .expect_err("refused");
    assert!(matches!(error, Error::Connect { .. }), "{error:?}");
}

#[tokio::test]
async fn a_body_cut_short_by_the_server_is_a_body_read_error() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.expect("accept");
        let mut buffer = [0u8; 4096];
        let _ = socket.read(&mut buffer).await;
        let head =
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n";
        let _ = socket
            .write_all(format!("{head}{{\"paymentRequest\": {{").as_bytes())
            .await;
        // Dropping the socket closes the connection 480 bytes early.
    });
    let client = bare_client(&format!("http://{address}"));
    let error = client
        .get_payment_request("pr-1")
        .await
        .expect_err("cut short");
    let Error::BodyRead { status, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(status.as_u16(), 200);
    server.await.expect("server task");
}

#[tokio::test]
async fn path_parameters_are_one_encoded_segment() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    client_for(&server.uri())
        .get_payment_request("../x?y#z")
        .await
        .expect("200");
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].url.path(),
        "/kpayment/v1/paymentrequest/..%2Fx%3Fy%23z"
    );
    assert_eq!(requests[0].url.query(), None);
    for refused in ["", ".", ".."] {
        let error = client_for(&server.uri())
            .get_payment_request(refused)
            .await
            .expect_err(refused);
        assert!(
            matches!(
                error,
                Error::InvalidArgument {
                    parameter: "guid",
                    ..
                }
            ),
            "{error:?}"
        );
    }
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        1,
        "refused values send nothing"
    );
}

#[tokio::test]
async fn a_post_is_never_retried_and_a_get_is() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server.uri());
    let error = client
        .send_payment_request("dep", &invoice_body())
        .await
        .expect_err("503");
    assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error:?}");
    client
        .get_payment_request("pr-1")
        .await
        .expect("the GET is retried after a 503");
    // MockServer verifies the `expect` counts when dropped: one POST, two GETs.
}

#[tokio::test]
async fn credentials_never_show_in_debug_or_errors() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_json(envelope(100003)))
        .mount(&server)
        .await;
    let client = client_for(&server.uri());
    let error = client.get_payment_request("pr-1").await.expect_err("401");
    for text in [
        format!("{client:?}"),
        format!("{error:?}"),
        error.to_string(),
    ] {
        assert!(
            !text.contains(PASSWORD) && !text.contains("c3Vic2NyaWJlcjpodW50ZXIyLXNlY3JldA"),
            "{text}"
        );
    }
}
