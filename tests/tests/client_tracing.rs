//! What the generated client logs through `tracing`: the operation, method, path template,
//! status and latency of each request, and the origin of each redirect it follows, and never
//! credentials, bodies or parameter values (so no real path or query). One test in its own binary, so that its
//! global subscriber sees every event.

use mykaarma_payments::models::InvoicePaymentRequest;
use mykaarma_payments::runtime::RetryPolicy;
use mykaarma_payments::Client;
use serde_json::json;
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PASSWORD: &str = "hunter2-secret";

fn client_for(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .basic_auth("subscriber", PASSWORD)
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy::none())
        .build()
        .expect("client builds")
}

fn invoice_body() -> InvoicePaymentRequest {
    InvoicePaymentRequest {
        invoice_guid: Some("inv-1".into()),
        ..Default::default()
    }
}

/// A `MakeWriter` that collects everything the subscriber prints.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn tracing_records_the_request_but_no_secret_body_or_value() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"paymentLink": "https://pay/secret-link"})),
        )
        .mount(&server)
        .await;
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(captured.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .finish();
    // Global, in a test binary of its own: tracing caches per call site whether anyone listens,
    // so a thread-local subscriber beside parallel tests that emit the same events is flaky.
    tracing::subscriber::set_global_default(subscriber)
        .expect("the only subscriber of this binary");
    let client = client_for(&server.uri());
    client
        .send_payment_request("department-value-7", &invoice_body())
        .await
        .expect("200");
    // A redirect is logged with its target's origin, never its path or query, which hold
    // parameter values.
    Mock::given(method("GET"))
        .and(path("/kpayment/v1/paymentrequest/pr-1"))
        .respond_with(
            ResponseTemplate::new(302).insert_header("location", "/moved/pr-1?token=query-secret"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/moved/pr-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    client.get_payment_request("pr-1").await.expect("followed");
    let log = String::from_utf8(captured.0.lock().expect("log").clone()).expect("UTF-8");
    for expected in [
        "sendPaymentRequest",
        "POST",
        "/v4/departments/{departmentUuid}/payment-requests",
        "status=200",
        "latency_ms=",
        "following a redirect",
        "status=302",
        "origin=http://127.0.0.1:",
        "redirects=1",
    ] {
        assert!(log.contains(expected), "{expected:?} missing from:\n{log}");
    }
    for secret in [
        PASSWORD,
        "c3Vic2NyaWJlcjpodW50ZXIyLXNlY3JldA",
        "department-value-7",
        "inv-1",
        "secret-link",
        "query-secret",
        "/moved/pr-1",
    ] {
        assert!(!log.contains(secret), "{secret:?} leaked into:\n{log}");
    }
}
