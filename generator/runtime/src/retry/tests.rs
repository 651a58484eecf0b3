//! Tests of the retry rules: the schedule, jitter, `Retry-After` and the retryable statuses,
//! and what a throttled call does against the loopback server.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};
use reqwest::StatusCode;

use super::super::builder::ClientBuilder;
use super::super::decode::decode_empty;
use super::super::error::Error;
use super::super::request::{OperationSpec, Request, Statuses};
use super::super::tests::{quick_retries, reply, Server};
use super::super::transport::Transport;
use super::{is_retryable_status, jittered, retry_after, RetryClass, RetryPolicy};

#[test]
fn default_schedule_doubles_up_to_the_cap() {
    let policy = RetryPolicy::default();
    let waits: Vec<u128> = (0..6)
        .map(|retry| policy.backoff(retry).as_millis())
        .collect();
    assert_eq!(waits, [200, 400, 800, 1600, 2000, 2000]);
    assert_eq!(policy.max_retries(), 2);
    assert!(policy.jitter());
}

#[test]
fn huge_retry_numbers_stay_at_the_cap() {
    let policy = RetryPolicy::default().with_max_backoff(Duration::from_secs(5));
    assert_eq!(policy.backoff(40), Duration::from_secs(5));
    assert_eq!(policy.backoff(u32::MAX), Duration::from_secs(5));
    let unbounded = RetryPolicy::default()
        .with_initial_backoff(Duration::from_secs(u64::MAX / 2))
        .with_max_backoff(Duration::MAX);
    assert_eq!(unbounded.backoff(0), Duration::from_secs(u64::MAX / 2));
    assert_eq!(unbounded.backoff(1), Duration::from_secs(u64::MAX - 1));
    assert_eq!(unbounded.backoff(2), Duration::MAX);
}

#[test]
fn setters_replace_each_field() {
    let policy = RetryPolicy::none()
        .with_max_retries(5)
        .with_initial_backoff(Duration::from_millis(10))
        .with_max_backoff(Duration::from_millis(25))
        .with_jitter(false);
    let waits: Vec<u128> = (0..4)
        .map(|retry| policy.wait_before(retry, None).map(|wait| wait.as_millis()))
        .collect::<Option<_>>()
        .expect("computed waits are always allowed");
    assert_eq!(waits, [10, 20, 25, 25]);
    assert_eq!(policy.initial_backoff(), Duration::from_millis(10));
    assert_eq!(policy.max_backoff(), Duration::from_millis(25));
    assert!(!policy.jitter());
}

#[test]
fn jitter_stays_between_half_the_schedule_and_the_schedule() {
    let base = Duration::from_millis(400);
    assert_eq!(jittered(base, 0), base);
    assert_eq!(jittered(base, 200_000_000), Duration::from_millis(200));
    assert_eq!(jittered(base, 200_000_001), base);
    assert_eq!(jittered(Duration::ZERO, u64::MAX), Duration::ZERO);
    assert!(jittered(Duration::MAX, u64::MAX) >= Duration::MAX / 2);
    let policy = RetryPolicy::default();
    for retry in 0..50 {
        let wait = policy.wait_before(retry, None).expect("computed");
        let scheduled = policy.backoff(retry);
        assert!(wait >= scheduled / 2 && wait <= scheduled, "{wait:?}");
    }
}

#[test]
fn retry_after_replaces_the_schedule_within_the_cap() {
    let policy = RetryPolicy::default().with_max_backoff(Duration::from_secs(5));
    let asked = Some(Duration::from_secs(3));
    assert_eq!(policy.wait_before(0, asked), asked);
    assert_eq!(
        policy.wait_before(0, Some(Duration::from_secs(5))),
        Some(Duration::from_secs(5))
    );
    assert_eq!(policy.wait_before(0, Some(Duration::from_secs(6))), None);
    assert_eq!(policy.wait_before(0, Some(Duration::MAX)), None);
}

fn with_retry_after(value: &'static str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(RETRY_AFTER, HeaderValue::from_static(value));
    headers
}

#[test]
fn reads_retry_after_as_seconds_or_as_a_date() {
    let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").expect("a date");
    let cases: &[(&str, Option<Duration>)] = &[
        ("1", Some(Duration::from_secs(1))),
        (" 120 ", Some(Duration::from_secs(120))),
        ("0", Some(Duration::ZERO)),
        ("99999999999999999999999", Some(Duration::MAX)),
        (
            "Sun, 06 Nov 1994 08:49:40 GMT",
            Some(Duration::from_secs(3)),
        ),
        (
            "Sunday, 06-Nov-94 08:49:39 GMT",
            Some(Duration::from_secs(2)),
        ),
        ("Sun Nov  6 08:49:38 1994", Some(Duration::from_secs(1))),
        ("Sun, 06 Nov 1994 08:00:00 GMT", Some(Duration::ZERO)),
        ("-1", None),
        ("1.5", None),
        ("soon", None),
        ("", None),
    ];
    for (value, expected) in cases {
        assert_eq!(
            retry_after(&with_retry_after(value), now),
            *expected,
            "{value:?}"
        );
    }
    assert_eq!(retry_after(&HeaderMap::new(), SystemTime::now()), None);
}

#[test]
fn only_idempotent_operations_are_retried_and_only_within_the_bound() {
    let policy = RetryPolicy::default().with_max_retries(1_000);
    assert!(policy.allows_retry(RetryClass::Idempotent, 0));
    assert!(policy.allows_retry(RetryClass::Idempotent, 999));
    assert!(!policy.allows_retry(RetryClass::Idempotent, 1_000));
    assert!(!policy.allows_retry(RetryClass::Never, 0));
    assert!(!RetryPolicy::none().allows_retry(RetryClass::Idempotent, 0));
}

#[test]
fn only_throttling_gateway_and_unavailable_statuses_are_retryable() {
    let retryable: Vec<u16> = (100..600)
        .filter_map(|code| StatusCode::from_u16(code).ok())
        .filter(|status| is_retryable_status(*status))
        .map(|status| status.as_u16())
        .collect();
    assert_eq!(retryable, [429, 502, 503, 504]);
}

/// A GET that may be retried.
static READ: OperationSpec = OperationSpec {
    operation_id: "read",
    method: crate::request::HttpMethod::Get,
    path_template: "/read",
    retry: RetryClass::Idempotent,
    accept: "application/json",
    documented_errors: Statuses::NONE,
};

/// A POST that must never be retried.
static PAY: OperationSpec = OperationSpec {
    operation_id: "pay",
    method: crate::request::HttpMethod::Post,
    path_template: "/pay",
    retry: RetryClass::Never,
    accept: "application/json",
    documented_errors: Statuses::NONE,
};

/// A 429 answer asking for `retry_after`.
fn throttled(retry_after: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 429 Too Many Requests\r\nRetry-After: {retry_after}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .into_bytes()
}

async fn call(base_url: &str, operation: &'static OperationSpec) -> Result<(), Error<()>> {
    let transport = ClientBuilder::<Transport>::new(base_url)
        .retry(quick_retries(2))
        .build()
        .expect("builds");
    let mut request = Request::new(operation);
    request.path_literal(&operation.path_template[1..]);
    transport
        .execute(request, decode_empty, decode_empty)
        .await
        .map(|_| ())
}

#[tokio::test]
async fn a_throttled_get_is_retried_when_the_server_says_when() {
    let server = Server::start(vec![throttled("0"), reply("200 OK", "{}")]);
    call(&server.base_url, &READ)
        .await
        .expect("the retry succeeds");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_wait_beyond_the_cap_returns_the_answer_at_once() {
    let server = Server::start(vec![throttled("3600"), reply("200 OK", "{}")]);
    let error = call(&server.base_url, &READ).await.expect_err("429");
    assert_eq!(error.status(), Some(StatusCode::TOO_MANY_REQUESTS));
    let headers = error.headers().expect("a response");
    assert_eq!(
        headers.get(RETRY_AFTER),
        Some(&HeaderValue::from_static("3600"))
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_throttled_post_is_sent_once() {
    let server = Server::start(vec![throttled("0"), reply("200 OK", "{}")]);
    let error = call(&server.base_url, &PAY).await.expect_err("429");
    assert_eq!(error.status(), Some(StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(server.requests().len(), 1);
}
