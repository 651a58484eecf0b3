//! The generated client's handling of statuses over loopback: any 2xx is a success, the
//! API's error envelope decodes on any error status, and 429 is retried for idempotent
//! operations only, after the wait `Retry-After` asks for and never beyond the policy's cap.

use mykaarma_payments::models::{ApiCode, InvoicePaymentRequest};
use mykaarma_payments::runtime::{Error, RetryPolicy};
use mykaarma_payments::Client;
use serde_json::{json, Value};
use std::time::{Duration, Instant, SystemTime};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Retries that wait as the server asks, up to 5 s, with no jitter.
fn client_for(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .basic_auth("subscriber", "hunter2-secret")
        .timeout(Duration::from_secs(5))
        .retry(
            RetryPolicy::default()
                .with_initial_backoff(Duration::from_millis(10))
                .with_max_backoff(Duration::from_secs(5))
                .with_jitter(false),
        )
        .build()
        .expect("client builds")
}

fn invoice_body() -> InvoicePaymentRequest {
    InvoicePaymentRequest {
        invoice_guid: Some("inv-1".into()),
        ..Default::default()
    }
}

/// The API's envelope, as its documentation shows it.
fn forbidden_envelope() -> Value {
    json!({"errors": [{"errorCode": 100002, "errorTitle": "ACCESS_FORBIDDEN",
        "errorMessage": "Access forbidden", "errorDescription": "The credentials lack the scope"}],
        "warnings": []})
}

/// A server answering the first GET with `first` and every later one with an empty 200.
async fn get_server(first: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(first)
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    server
}

async fn count(server: &MockServer) -> usize {
    server.received_requests().await.unwrap_or_default().len()
}

/// Sends a GET answered first with `first`; returns how long the call took.
async fn timed_get(server: &MockServer) -> Duration {
    let started = Instant::now();
    client_for(&server.uri())
        .get_payment_request("pr-1")
        .await
        .expect("the retry succeeds");
    started.elapsed()
}

#[tokio::test]
async fn a_get_answered_429_with_retry_after_seconds_is_retried_after_that_wait() {
    let server = get_server(ResponseTemplate::new(429).insert_header("retry-after", "1")).await;
    let elapsed = timed_get(&server).await;
    assert_eq!(count(&server).await, 2);
    assert!(
        elapsed >= Duration::from_millis(950) && elapsed < Duration::from_secs(4),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn a_get_answered_429_with_a_retry_after_date_is_retried_after_that_wait() {
    // An HTTP-date has whole seconds, so two seconds from now is between one and two away.
    let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
    let server = get_server(ResponseTemplate::new(429).insert_header("retry-after", date)).await;
    let elapsed = timed_get(&server).await;
    assert_eq!(count(&server).await, 2);
    assert!(
        elapsed >= Duration::from_millis(950) && elapsed < Duration::from_secs(4),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_is_not_retried() {
    let server = get_server(
        ResponseTemplate::new(429)
            .insert_header("retry-after", "120")
            .set_body_json(forbidden_envelope()),
    )
    .await;
    let started = Instant::now();
    let error = client_for(&server.uri())
        .get_payment_request("pr-1")
        .await
        .expect_err("returned at once");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(count(&server).await, 1);
    assert_eq!(error.status().map(|status| status.as_u16()), Some(429));
    let retry_after = error
        .headers()
        .and_then(|headers| headers.get("retry-after"));
    assert_eq!(
        retry_after.and_then(|value| value.to_str().ok()),
        Some("120")
    );
}

#[tokio::test]
async fn a_post_answered_429_is_sent_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "0"))
        .mount(&server)
        .await;
    let error = client_for(&format!("{}/payment", server.uri()))
        .send_payment_request("dep-1", &invoice_body())
        .await
        .expect_err("429");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(429));
    assert_eq!(count(&server).await, 1, "a POST is never retried");
}

#[tokio::test]
async fn a_201_to_a_post_that_documents_only_200_is_ok() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(json!({"paymentLink": "https://pay/9"})),
        )
        .mount(&server)
        .await;
    let sent = client_for(&format!("{}/payment", server.uri()))
        .send_payment_request("dep-1", &invoice_body())
        .await
        .expect("any 2xx is a success");
    assert_eq!(sent.http_status(), 201);
    assert_eq!(sent.payment_link.as_deref(), Some("https://pay/9"));
}

#[tokio::test]
async fn undocumented_error_statuses_decode_the_envelope() {
    for status in [403u16, 404, 409, 422, 429] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(status).set_body_json(forbidden_envelope()))
            .mount(&server)
            .await;
        let error = client_for(&format!("{}/payment", server.uri()))
            .send_payment_request("dep-1", &invoice_body())
            .await
            .expect_err("error status");
        let Error::Api {
            status: got,
            body,
            documented,
            ..
        } = &error
        else {
            panic!("{status}: {error:?}")
        };
        assert_eq!(got.as_u16(), status);
        assert!(!documented, "{status} is not in the document");
        let first = &body.errors.as_ref().expect("errors")[0];
        assert_eq!(first.error_code, Some(ApiCode::AccessForbidden), "{status}");
        assert_eq!(first.error_title.as_deref(), Some("ACCESS_FORBIDDEN"));
        assert_eq!(count(&server).await, 1, "{status}");
    }
}

/// Issue 9, item 2: an amount with more digits than a decimal holds is never rounded: the
/// call fails with a decode error that names the field and quotes the number.
#[tokio::test]
async fn an_amount_with_too_many_digits_is_a_decode_error_naming_the_field() {
    let body = r#"{"paymentRequest": {"amount": 0.1234567890123456789012345678901}}"#;
    let server =
        get_server(ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;
    let error = client_for(&server.uri())
        .get_payment_request("pr-1")
        .await
        .expect_err("the number cannot be held exactly");
    let message = error.to_string();
    let Error::Decode { source, .. } = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    let source = source.to_string();
    assert!(source.contains("`paymentRequest.amount`"), "{source}");
    assert!(
        source.contains("0.1234567890123456789012345678901"),
        "{source}"
    );
    assert_eq!(count(&server).await, 1, "{message}");
}
