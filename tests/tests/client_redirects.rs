//! The generated client's redirect handling over loopback: a redirect never changes what was
//! sent (no `POST` replayed as a `GET`), credentials (basic, bearer, API keys in headers and
//! the query) never reach another origin, and every
//! redirect not followed is `Error::Redirect`. Two wiremock servers on 127.0.0.1 with their
//! own ports are two origins.

use mykaarma_payments::models::{InvoicePaymentRequest, MobilePaymentRequest};
use mykaarma_payments::runtime::{Error, RedirectPolicy, RetryPolicy};
use mykaarma_payments::Client;
use serde_json::json;
use std::time::Duration;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// `Basic base64("subscriber:hunter2-secret")`.
const AUTHORIZATION: &str = "Basic c3Vic2NyaWJlcjpodW50ZXIyLXNlY3JldA==";

const GET_PATH: &str = "/kpayment/v1/paymentrequest/pr-1";
const MOBILE_PATH: &str = "/kpayment/v1/sendPaymentRequestMobile";

fn client_with(base_url: &str, policy: RedirectPolicy) -> Client {
    Client::builder()
        .base_url(base_url)
        .basic_auth("subscriber", "hunter2-secret")
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy::none())
        .redirect_policy(policy)
        .build()
        .expect("client builds")
}

fn client_for(base_url: &str) -> Client {
    client_with(base_url, RedirectPolicy::safe())
}

fn mobile_body() -> MobilePaymentRequest {
    MobilePaymentRequest {
        customer_uuid: Some("c-1".into()),
        to_send_text: Some(true),
        ..Default::default()
    }
}

fn redirect_to(status: u16, location: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).insert_header("location", location)
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap_or_default()
}

#[tokio::test]
async fn a_post_answered_301_or_302_is_a_redirect_error_and_is_never_replayed() {
    for status in [301u16, 302] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(MOBILE_PATH))
            .respond_with(redirect_to(status, "/kpayment/v2/sendPaymentRequestMobile"))
            .mount(&server)
            .await;
        // What reqwest's own policy would have fetched instead and returned as `Ok`.
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"textSent": true})))
            .mount(&server)
            .await;
        let error = client_for(&server.uri())
            .send_payment_request_mobile(&mobile_body())
            .await
            .expect_err("a redirected POST is not a success");
        let Error::Redirect {
            operation,
            status: got,
            location,
            headers,
        } = &error
        else {
            panic!("{status}: {error:?}")
        };
        assert_eq!(*operation, "sendPaymentRequestMobile");
        assert_eq!(got.as_u16(), status);
        assert_eq!(
            location.as_deref(),
            Some("/kpayment/v2/sendPaymentRequestMobile")
        );
        assert!(headers.contains_key("location"));
        let seen = requests(&server).await;
        assert_eq!(
            seen.len(),
            1,
            "{status}: exactly one request, no GET replay"
        );
        assert_eq!(seen[0].method.as_str(), "POST");
    }
}

#[tokio::test]
async fn a_get_answered_302_is_followed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(GET_PATH))
        .respond_with(redirect_to(302, "/kpayment/v1/paymentrequest/pr-1-moved"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/kpayment/v1/paymentrequest/pr-1-moved"))
        .and(header("authorization", AUTHORIZATION))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"paymentRequest": {"guid": "pr-1"}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let found = client_for(&server.uri())
        .get_payment_request("pr-1")
        .await
        .expect("the redirect is followed");
    assert_eq!(found.http_status(), 200);
    let request = found.payment_request.as_ref().expect("paymentRequest");
    assert_eq!(request.guid.as_deref(), Some("pr-1"));
}

#[tokio::test]
async fn a_post_answered_307_on_the_same_origin_is_sent_again_with_its_method_and_body() {
    let server = MockServer::start().await;
    let expected = json!({"invoiceGuid": "inv-1"});
    Mock::given(method("POST"))
        .and(path("/payment/v4/departments/dep-1/payment-requests"))
        .respond_with(redirect_to(
            307,
            "/payment/v5/departments/dep-1/payment-requests",
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/payment/v5/departments/dep-1/payment-requests"))
        .and(header("authorization", AUTHORIZATION))
        .and(header("content-type", "application/json"))
        .and(body_json(expected))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"paymentLink": "https://pay/1"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let body = InvoicePaymentRequest {
        invoice_guid: Some("inv-1".into()),
        ..Default::default()
    };
    let sent = client_for(&format!("{}/payment", server.uri()))
        .send_payment_request("dep-1", &body)
        .await
        .expect("the 307 is followed");
    assert_eq!(sent.payment_link.as_deref(), Some("https://pay/1"));
    let seen = requests(&server).await;
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].body, seen[1].body, "the same bytes both times");
}

#[tokio::test]
async fn a_post_answered_307_to_another_origin_is_not_followed() {
    let other = MockServer::start().await;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(redirect_to(307, &format!("{}{MOBILE_PATH}", other.uri())))
        .mount(&server)
        .await;
    let error = client_for(&server.uri())
        .send_payment_request_mobile(&mobile_body())
        .await
        .expect_err("cross-origin POST");
    assert!(matches!(error, Error::Redirect { .. }), "{error:?}");
    assert!(
        requests(&other).await.is_empty(),
        "nothing reached the other origin"
    );
}

#[tokio::test]
async fn a_get_redirected_to_another_origin_leaves_its_credentials_behind() {
    let other = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/mirror/pr-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&other)
        .await;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("authorization", AUTHORIZATION))
        .respond_with(redirect_to(302, &format!("{}/mirror/pr-1", other.uri())))
        .expect(1)
        .mount(&server)
        .await;
    client_for(&server.uri())
        .get_payment_request("pr-1")
        .await
        .expect("followed to the other origin");
    let seen = requests(&other).await;
    assert_eq!(seen.len(), 1);
    assert!(
        !seen[0].headers.contains_key("authorization"),
        "{:?}",
        seen[0].headers
    );
}

#[tokio::test]
async fn redirect_policy_none_follows_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(GET_PATH))
        .respond_with(redirect_to(302, "/elsewhere"))
        .mount(&server)
        .await;
    let error = client_with(&server.uri(), RedirectPolicy::none())
        .get_payment_request("pr-1")
        .await
        .expect_err("not followed");
    let Error::Redirect {
        status, location, ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(
        (status.as_u16(), location.as_deref()),
        (302, Some("/elsewhere"))
    );
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn a_redirect_loop_ends_in_a_redirect_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(GET_PATH))
        .respond_with(redirect_to(302, "/kpayment/v1/paymentrequest/pr-2"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/kpayment/v1/paymentrequest/pr-2"))
        .respond_with(redirect_to(302, GET_PATH))
        .mount(&server)
        .await;
    let error = client_for(&server.uri())
        .get_payment_request("pr-1")
        .await
        .expect_err("a loop");
    assert!(matches!(error, Error::Redirect { .. }), "{error:?}");
    assert_eq!(
        requests(&server).await.len(),
        2,
        "stopped at the first repeat"
    );
}

#[tokio::test]
async fn a_bearer_token_and_api_keys_follow_a_same_origin_redirect_but_never_another_origin() {
    let other = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/mirror/pr-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&other)
        .await;
    let server = MockServer::start().await;
    for (from, to) in [
        (GET_PATH.to_owned(), "/moved/pr-1".to_owned()),
        (
            "/moved/pr-1".to_owned(),
            format!("{}/mirror/pr-1", other.uri()),
        ),
    ] {
        Mock::given(method("GET"))
            .and(path(from))
            .and(header("authorization", "Bearer tok-secret"))
            .and(header("x-api-key", "key-secret"))
            .and(query_param("api_key", "query-secret"))
            .respond_with(redirect_to(302, &to))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_auth("tok-secret")
        .header("x-api-key", "key-secret")
        .query_param("api_key", "query-secret")
        .retry(RetryPolicy::none())
        .build()
        .expect("client builds");
    assert!(
        !format!("{client:?}").contains("secret"),
        "{client:?} shows a credential"
    );
    client
        .get_payment_request("pr-1")
        .await
        .expect("followed to the other origin");
    let seen = requests(&other).await;
    assert_eq!(seen.len(), 1);
    let (headers, url) = (&seen[0].headers, &seen[0].url);
    assert!(
        !headers.contains_key("authorization") && !headers.contains_key("x-api-key"),
        "{headers:?}"
    );
    assert_eq!(url.query(), None, "{url}");
}
