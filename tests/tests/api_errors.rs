//! The API's own errors in one call: from a failed call's error, and from a 200 whose
//! errors/warnings envelope reports errors (which would otherwise look like a success). And
//! the crate-root `Error` and `Result` aliases, which make a caller's signatures writable
//! without reading the client module.

use mykaarma_payments::models::{InvoicePaymentRequest, InvoicePaymentRequestResponse};
use mykaarma_payments::runtime::{ApiErrors, RetryPolicy};
use mykaarma_payments::Client;
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .base_url(format!("{}/payment", server.uri()))
        .retry(RetryPolicy::none())
        .build()
        .expect("client builds")
}

/// A caller's own function, written against the crate-root aliases.
async fn send(
    client: &Client,
    body: &InvoicePaymentRequest,
) -> mykaarma_payments::Result<InvoicePaymentRequestResponse> {
    client.send_payment_request("dep-1", body).await
}

#[tokio::test]
async fn a_200_that_reports_errors_says_so_in_one_call() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "errors": [{"errorCode": 100017, "errorTitle": "INVALID_INVOICE", "errorMessage": "No such invoice"}],
            "warnings": []
        })))
        .mount(&server)
        .await;
    let client = client_for(&server);
    let sent = client
        .send_payment_request("dep-1", &InvoicePaymentRequest::default())
        .await
        .expect("a 200 decodes");
    let errors = sent.api_errors();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code.as_deref(), Some("100017"));
    assert_eq!(errors[0].title.as_deref(), Some("INVALID_INVOICE"));
    assert_eq!(
        errors[0].to_string(),
        "100017 INVALID_INVOICE: No such invoice"
    );
}

#[tokio::test]
async fn a_failed_call_gives_its_codes_and_messages_in_one_call() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({
            "errors": [{"errorCode": 100002, "errorTitle": "ACCESS_FORBIDDEN", "errorMessage": "Forbidden"}]
        })))
        .mount(&server)
        .await;
    let client = client_for(&server);
    let error: mykaarma_payments::Error = send(&client, &InvoicePaymentRequest::default())
        .await
        .expect_err("403");
    let messages: Vec<String> = error.api_errors().iter().map(ToString::to_string).collect();
    assert_eq!(messages, ["100002 ACCESS_FORBIDDEN: Forbidden"]);
    let envelope = error.api_body().expect("the envelope decoded");
    assert_eq!(envelope.api_errors().len(), 1);
}

#[tokio::test]
async fn a_success_without_errors_reports_none() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"paymentLink": "https://pay/1"})),
        )
        .mount(&server)
        .await;
    let client = client_for(&server);
    let sent = send(&client, &InvoicePaymentRequest::default())
        .await
        .expect("200");
    assert!(sent.api_errors().is_empty());
    assert_eq!(sent.payment_link.as_deref(), Some("https://pay/1"));
}
