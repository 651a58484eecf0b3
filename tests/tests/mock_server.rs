//! The payments crate's typed mock server (`mock` feature), as an integrator uses it: the
//! typical flow (send a payment request, read it back), one test per failure the integrator's
//! code must handle, the mock's own checks of what arrives, and `verify()`'s report.

mod flow;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use mykaarma_payments::mock::Server;
use mykaarma_payments::models::{
    ApiCode, ApiError, DeliveryStatus, ErrorResponse, InvoicePaymentRequest,
    InvoicePaymentRequestResponse, PaymentRequest, PaymentRequestDetails,
};
use mykaarma_payments::runtime::{reqwest_client_builder, Error};

/// Every test is bounded: the client gives up after this long.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(5);

fn invoice_request() -> InvoicePaymentRequest {
    InvoicePaymentRequest {
        invoice_guid: Some("inv-1".to_owned()),
        send_as_email: Some(true),
        ..Default::default()
    }
}

fn error_body(code: ApiCode, title: &str) -> ErrorResponse {
    ErrorResponse {
        errors: Some(vec![ApiError {
            error_code: Some(code),
            error_title: Some(title.to_owned()),
            ..Default::default()
        }]),
        warnings: None,
    }
}

/// The message `verify()` panicked with.
fn verify_panic(server: &Server) -> String {
    let panic = catch_unwind(AssertUnwindSafe(|| server.verify())).expect_err("verify panics");
    panic.downcast_ref::<String>().cloned().unwrap_or_default()
}

#[tokio::test]
async fn the_integrators_flow_sends_a_payment_request_and_reads_it_back() {
    let server = Server::start().await;
    server
        .send_payment_request()
        .with_path("dep-1")
        .with_body(|body: &InvoicePaymentRequest| body.invoice_guid.as_deref() == Some("inv-1"))
        .respond_ok(InvoicePaymentRequestResponse {
            payment_link: Some("https://pay.example/1".to_owned()),
            email_sent: Some(DeliveryStatus::Success),
            ..Default::default()
        })
        .times(1);
    server
        .get_payment_request()
        .with_path("guid-1")
        .with_extend(true)
        .respond_ok(PaymentRequestDetails {
            payment_request: Some(PaymentRequest::default()),
            ..Default::default()
        })
        .times(1);
    let client = server.client();
    let sent = client
        .send_payment_request("dep-1", &invoice_request())
        .await
        .expect("the mock answers");
    assert_eq!(sent.value().email_sent, Some(DeliveryStatus::Success));
    assert!(sent.api_errors().is_empty());
    let found = client
        .get_payment_request("guid-1")
        .extend(true)
        .await
        .expect("the mock answers");
    assert!(found.value().payment_request.is_some());
    server.verify();
    let received = server.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].operation(), Some("sendPaymentRequest"));
    assert_eq!(received[0].path(), "/v4/departments/dep-1/payment-requests");
    let body: InvoicePaymentRequest = received[0].json().expect("the body is the request");
    assert_eq!(body, invoice_request());
    assert_eq!(
        received[1].query(),
        [("extend".to_owned(), "true".to_owned())]
    );
    let shown = format!("{received:?}");
    assert!(shown.contains("<redacted>"), "{shown}");
    assert!(
        !shown.contains("Basic "),
        "credentials leak into Debug: {shown}"
    );
}

#[tokio::test]
async fn a_401_with_the_envelope_is_a_documented_api_error() {
    // The README's "Testing your integration" example: the same statements, rustfmt-formatted.
    use mykaarma_payments::{
        mock,
        models::{ApiError, ErrorResponse},
    };
    let body = invoice_request();
    let server = mock::Server::start().await;
    let refusal = ApiError {
        error_title: Some("NULL_CREDENTIALS".into()),
        ..Default::default()
    };
    server
        .send_payment_request()
        .with_path("dep-1")
        .respond_status(
            401,
            ErrorResponse {
                errors: Some(vec![refusal]),
                ..Default::default()
            },
        )
        .times(1);
    let error = server
        .client()
        .send_payment_request("dep-1", &body)
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|status| status.as_u16()), Some(401));
    server.verify();
    // What the integrator's code reads from it.
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
    assert_eq!(
        error.api_errors()[0].title.as_deref(),
        Some("NULL_CREDENTIALS")
    );
}

#[tokio::test]
async fn a_500_is_a_documented_api_error_and_a_post_is_sent_once() {
    let server = Server::start().await;
    server
        .send_payment_request()
        .respond_status(500, error_body(ApiCode::Other(999), "INTERNAL"))
        .times(1);
    let error = server
        .client()
        .send_payment_request("dep-1", &invoice_request())
        .await
        .expect_err("500");
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
    assert_eq!(error.status().map(|status| status.as_u16()), Some(500));
    server.verify();
}

#[tokio::test]
async fn a_200_whose_envelope_carries_errors_is_ok_with_api_errors() {
    let server = Server::start().await;
    let envelope = error_body(ApiCode::Other(100_017), "INVALID_INVOICE");
    server
        .send_payment_request()
        .respond_ok(InvoicePaymentRequestResponse {
            errors: envelope.errors,
            ..Default::default()
        });
    let sent = server
        .client()
        .send_payment_request("dep-1", &invoice_request())
        .await
        .expect("a 200");
    assert_eq!(
        sent.api_errors()[0].title.as_deref(),
        Some("INVALID_INVOICE")
    );
    server.verify();
}

#[tokio::test]
async fn a_delay_past_the_clients_timeout_is_a_timeout() {
    let server = Server::start().await;
    server
        .send_payment_request()
        .delay(Duration::from_secs(3))
        .respond_ok(InvoicePaymentRequestResponse::default())
        .times(1);
    let client = server
        .client_builder()
        .timeout(Duration::from_millis(300))
        .build()
        .expect("builds");
    let error = client
        .send_payment_request("dep-1", &invoice_request())
        .await
        .expect_err("times out");
    assert!(error.is_timeout(), "{error:?}");
}

#[tokio::test]
async fn a_dropped_connection_is_a_transport_error() {
    let server = Server::start().await;
    server.send_payment_request().drop_connection().times(1);
    let client = server
        .client_builder()
        .timeout(CLIENT_TIMEOUT)
        .build()
        .expect("builds");
    let error = client
        .send_payment_request("dep-1", &invoice_request())
        .await
        .expect_err("dropped");
    assert!(
        matches!(error, Error::Request { .. } | Error::Connect { .. }),
        "{error:?}"
    );
    assert_eq!(error.status(), None);
    server.verify();
}

#[tokio::test]
async fn a_body_cut_short_is_a_body_read_error() {
    let server = Server::start().await;
    server
        .send_payment_request()
        .respond_cut_short(200, &b"{\"paymentLink\": \"https://pa"[..], 200)
        .times(1);
    let client = server
        .client_builder()
        .timeout(CLIENT_TIMEOUT)
        .build()
        .expect("builds");
    let error = client
        .send_payment_request("dep-1", &invoice_request())
        .await
        .expect_err("cut short");
    assert!(matches!(error, Error::BodyRead { .. }), "{error:?}");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(200));
    server.verify();
}

#[tokio::test]
async fn an_undocumented_status_with_raw_bytes_keeps_them() {
    let server = Server::start().await;
    server
        .send_payment_request()
        .respond_raw(418, Some("text/html"), "<html>teapot</html>")
        .times(1);
    let error = server
        .client()
        .send_payment_request("dep-1", &invoice_request())
        .await
        .expect_err("418");
    assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error:?}");
    assert_eq!(
        error.raw_body().map(|body| &body[..]),
        Some(&b"<html>teapot</html>"[..])
    );
    server.verify();
}

#[tokio::test]
async fn an_unexpected_request_is_answered_501_and_verify_names_its_operation() {
    let server = Server::start().await;
    server
        .send_payment_request()
        .with_path("dep-1")
        .respond_ok(InvoicePaymentRequestResponse::default())
        .times(1);
    let error = server
        .client()
        .send_payment_request("dep-2", &invoice_request())
        .await
        .expect_err("no expectation takes dep-2");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(501));
    let message = verify_panic(&server);
    assert!(
        message.contains(
            "sendPaymentRequest: unexpected request `POST /v4/departments/dep-2/payment-requests`"
        ),
        "{message}"
    );
    assert!(
        message.contains("sendPaymentRequest: expected exactly 1 time(s), received 0"),
        "{message}"
    );
}

#[tokio::test]
async fn verify_panics_naming_an_unmet_expectation() {
    let server = Server::start().await;
    server
        .get_payment_request()
        .respond_ok(PaymentRequestDetails::default())
        .times(2);
    let message = verify_panic(&server);
    assert!(
        message.contains("getPaymentRequest: expected exactly 2 time(s), received 0"),
        "{message}"
    );
    assert!(
        message.contains("requests received:\n  (none)"),
        "{message}"
    );
}

#[tokio::test]
async fn a_body_that_does_not_decode_as_the_request_type_is_refused() {
    let server = Server::start().await;
    server
        .send_payment_request()
        .respond_ok(InvoicePaymentRequestResponse::default())
        .at_least(0);
    let http = reqwest_client_builder()
        .expect("builder")
        .build()
        .expect("client");
    let response = http
        .post(format!(
            "{}/v4/departments/dep-1/payment-requests",
            server.base_url()
        ))
        .basic_auth("mock-user", Some("mock-password"))
        .header("content-type", "application/json")
        .body(r#"{"sendAsText": "yes"}"#)
        .timeout(CLIENT_TIMEOUT)
        .send()
        .await
        .expect("the mock answers");
    assert_eq!(response.status().as_u16(), 400);
    let text = response.text().await.expect("a text body");
    assert!(
        text.contains("does not decode as `InvoicePaymentRequest`"),
        "{text}"
    );
    assert!(
        text.contains("sendAsText"),
        "the error names the field: {text}"
    );
    let message = verify_panic(&server);
    assert!(message.contains("sendPaymentRequest: `POST"), "{message}");
}

#[tokio::test]
async fn wrong_credentials_are_refused_with_401_and_reported() {
    let server = Server::start().await;
    server
        .send_payment_request()
        .respond_ok(InvoicePaymentRequestResponse::default())
        .at_least(0);
    let client = server
        .client_builder()
        .basic_auth("mock-user", "not-the-password")
        .build()
        .expect("builds");
    let error = client
        .send_payment_request("dep-1", &invoice_request())
        .await
        .expect_err("refused");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(401));
    let message = verify_panic(&server);
    assert!(
        message.contains("sendPaymentRequest: `POST /v4/departments/dep-1/payment-requests`: the request's credentials are not the mock's"),
        "{message}"
    );
    assert!(!message.contains("not-the-password"), "{message}");
}

#[tokio::test]
async fn a_wrong_method_or_path_is_refused_and_reported() {
    let server = Server::start().await;
    let http = reqwest_client_builder()
        .expect("builder")
        .build()
        .expect("client");
    let wrong_method = http
        .delete(format!(
            "{}/kpayment/v1/paymentrequest/guid-1",
            server.base_url()
        ))
        .timeout(CLIENT_TIMEOUT)
        .send()
        .await
        .expect("answered");
    assert_eq!(wrong_method.status().as_u16(), 405);
    let wrong_path = http
        .get(format!("{}/kpayment/v2/nothing", server.base_url()))
        .timeout(CLIENT_TIMEOUT)
        .send()
        .await
        .expect("answered");
    assert_eq!(wrong_path.status().as_u16(), 404);
    let message = verify_panic(&server);
    assert!(message.contains("`DELETE /kpayment/v1/paymentrequest/guid-1`: the API has this path, but not with this method"), "{message}");
    assert!(
        message.contains("`GET /kpayment/v2/nothing`: no operation of the API has this path"),
        "{message}"
    );
}

#[tokio::test]
async fn every_operation_the_client_sends_passes_the_mocks_checks() {
    use mykaarma_payments::models::{
        AggregatedPaymentRequest, AggregatedPaymentRequestResponse, MobilePaymentRequest,
        MobilePaymentRequestResponse,
    };
    let server = Server::start().await;
    server
        .create_and_send_payment_request()
        .with_path("dep-1")
        .with_body(|body: &AggregatedPaymentRequest| *body == AggregatedPaymentRequest::default())
        .respond_ok(AggregatedPaymentRequestResponse::default())
        .times(1);
    server
        .send_payment_request()
        .with_path("dep/1 ?#")
        .respond_ok(InvoicePaymentRequestResponse::default())
        .times(1);
    server
        .send_payment_request_mobile()
        .respond_ok(MobilePaymentRequestResponse::default())
        .times(1);
    server
        .get_payment_request()
        .with_path("guid-1")
        .respond_ok(PaymentRequestDetails::default())
        .times(1);
    let client = server.client();
    client
        .create_and_send_payment_request("dep-1", &AggregatedPaymentRequest::default())
        .await
        .expect("create and send");
    // A path argument the client encodes is matched as the client encodes it.
    client
        .send_payment_request("dep/1 ?#", &invoice_request())
        .await
        .expect("send");
    client
        .send_payment_request_mobile(&MobilePaymentRequest::default())
        .await
        .expect("send mobile");
    client.get_payment_request("guid-1").await.expect("get");
    server.verify();
    assert_eq!(server.problems(), Vec::<String>::new());
}

/// The requests of the Prism-backed flow (`client_prism.rs`), byte for byte the same, pass the
/// mock's checks too, under the same credentials; and, as with Prism, a client without
/// credentials is refused with a 401.
#[tokio::test]
async fn the_prism_flows_requests_pass_the_mocks_checks_and_credentials_are_required_by_both() {
    use mykaarma_payments::models::{
        AggregatedPaymentRequest, AggregatedPaymentRequestResponse, MobilePaymentRequest,
        MobilePaymentRequestResponse,
    };
    let server = Server::start().await;
    let (username, password) = flow::CREDENTIALS;
    server.expect_basic_auth(username, password);
    server
        .send_payment_request_mobile()
        .with_body(|body: &MobilePaymentRequest| *body == flow::mobile())
        .respond_ok(MobilePaymentRequestResponse::default())
        .times(1);
    server
        .create_and_send_payment_request()
        .with_path(flow::DEPARTMENT)
        .with_body(|body: &AggregatedPaymentRequest| *body == flow::aggregated())
        .respond_ok(AggregatedPaymentRequestResponse::default())
        .times(1);
    server
        .send_payment_request()
        .with_path(flow::DEPARTMENT)
        .with_body(|body: &InvoicePaymentRequest| *body == flow::invoice())
        .respond_ok(InvoicePaymentRequestResponse::default())
        .times(1);
    server
        .get_payment_request()
        .with_path(flow::PAYMENT_REQUEST)
        .with_extend(true)
        .respond_ok(PaymentRequestDetails::default())
        .times(1);
    let client = server
        .client_builder()
        .basic_auth(username, password)
        .build()
        .expect("builds");
    client
        .send_payment_request_mobile(&flow::mobile())
        .await
        .expect("send mobile");
    client
        .create_and_send_payment_request(flow::DEPARTMENT, &flow::aggregated())
        .await
        .expect("create and send");
    client
        .send_payment_request(flow::DEPARTMENT, &flow::invoice())
        .await
        .expect("send");
    client
        .get_payment_request(flow::PAYMENT_REQUEST)
        .extend(true)
        .await
        .expect("get");
    server.verify();
    assert_eq!(server.problems(), Vec::<String>::new());

    let anonymous = mykaarma_payments::Client::builder()
        .base_url(server.base_url())
        .timeout(CLIENT_TIMEOUT)
        .build()
        .expect("builds");
    let error = anonymous
        .get_payment_request(flow::PAYMENT_REQUEST)
        .await
        .expect_err("no credentials");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(401));
}
