//! Retry rules: which operations may be sent again, on which failures, and how long to wait.

#[cfg(test)]
mod tests;

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::StatusCode;

/// Whether an operation may be sent again after a failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetryClass {
    /// Sending the request twice has the same effect as sending it once
    /// (`GET`, `HEAD`, `PUT`, `DELETE`), so a failed attempt may be repeated.
    Idempotent,
    /// The request must never be repeated by the client, whatever the policy:
    /// it may charge a card or send a message to a person.
    Never,
}

/// How often and how patiently an [`RetryClass::Idempotent`] operation is retried.
///
/// An operation of class [`RetryClass::Never`] (every `POST` and `PATCH`) is sent exactly
/// once, whatever the policy says: repeating it could charge a card twice.
///
/// # What is retried
///
/// Only failures after which the request is very likely to succeed unchanged: a connection
/// that could not be made (nothing reached the server), and the statuses 429 Too Many
/// Requests, 502 Bad Gateway, 503 Service Unavailable and 504 Gateway Timeout. Every
/// attempt has the full per-request timeout. When the retries are used up, the last
/// response is returned as the operation's error, exactly as if it had been the only one.
///
/// # How long to wait
///
/// Before retry `n` (counting from zero) the policy computes
/// `b = min(max_backoff, initial_backoff × 2ⁿ)`. With jitter on (the default) the wait is
/// drawn uniformly from `[b / 2, b]` ("equal jitter"), so that many clients refused at the
/// same moment do not all come back at the same moment, while the wait never drops below
/// half the schedule nor rises above the cap. With jitter off ([`RetryPolicy::with_jitter`])
/// the wait is exactly `b`, which makes the schedule deterministic for tests.
///
/// # `Retry-After`
///
/// When a retryable response carries `Retry-After`, as delta-seconds (`Retry-After: 120`)
/// or as an HTTP-date (`Retry-After: Fri, 31 Dec 2027 23:59:59 GMT`), the server's wait
/// replaces the computed one, without jitter (a date in the past means no wait). A server
/// asking for longer than `max_backoff` is not retried at all: its response is returned
/// at once as the operation's error (its `headers` hold the `Retry-After`), so that the
/// caller decides whether to wait that long. A `Retry-After` that is neither form is
/// ignored and the computed wait applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RetryPolicy {
    /// How many times a failed attempt may be repeated.
    max_retries: u32,
    /// The wait before the first retry.
    initial_backoff: Duration,
    /// The longest wait between two attempts, computed or asked for by the server.
    max_backoff: Duration,
    /// Whether computed waits are drawn from `[b / 2, b]` rather than being `b` exactly.
    jitter: bool,
}

impl Default for RetryPolicy {
    /// Two retries, waiting up to 200 ms and then up to 400 ms (jitter on), and never
    /// longer than 2 s, also when a server's `Retry-After` asks for more.
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(2),
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// Sets how many times a failed attempt may be repeated.
    #[must_use]
    pub fn with_max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// Sets the wait before the first retry; later waits double.
    #[must_use]
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }

    /// Sets the longest wait between two attempts. It caps the computed waits, and a
    /// server whose `Retry-After` asks for longer is not retried.
    #[must_use]
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// Turns jitter on (the default) or off; see the type's documentation for the formula.
    #[must_use]
    pub fn with_jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// How many times a failed attempt may be repeated.
    pub fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// The wait before the first retry.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// The longest wait between two attempts.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// Whether computed waits are jittered.
    pub fn jitter(&self) -> bool {
        self.jitter
    }

    /// The scheduled wait `b` before retry number `retry`, counting from zero: the wait
    /// itself without jitter, and its upper bound with jitter.
    pub fn backoff(&self, retry: u32) -> Duration {
        // Doubling saturates instead of overflowing, so that a large retry count
        // simply stays at the cap.
        let factor = 2u32.checked_pow(retry).unwrap_or(u32::MAX);
        self.initial_backoff
            .checked_mul(factor)
            .unwrap_or(Duration::MAX)
            .min(self.max_backoff)
    }

    /// Whether the attempt that just failed (attempt `retry`, counting the first
    /// send as zero) of an operation of class `class` may be repeated.
    pub(super) fn allows_retry(&self, class: RetryClass, retry: u32) -> bool {
        class == RetryClass::Idempotent && retry < self.max_retries
    }

    /// The wait before retry number `retry`, given the server's `Retry-After` if it sent a
    /// readable one, or `None` when the server asks for longer than the cap.
    pub(super) fn wait_before(
        &self,
        retry: u32,
        retry_after: Option<Duration>,
    ) -> Option<Duration> {
        match retry_after {
            Some(asked) if asked > self.max_backoff => None,
            Some(asked) => Some(asked),
            None if self.jitter => Some(jittered(self.backoff(retry), random_u64())),
            None => Some(self.backoff(retry)),
        }
    }
}

/// Whether a status means the request may succeed if sent again: a server that asks the
/// client to slow down (429), a gateway that could not reach the server (502, 504), or a
/// server that is briefly unavailable (503).
pub(super) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::TOO_MANY_REQUESTS
            | StatusCode::BAD_GATEWAY
            | StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::GATEWAY_TIMEOUT
    )
}

/// The wait a response's `Retry-After` asks for, measured from `now`, or `None` when it
/// has none or one that is neither delta-seconds nor an HTTP-date. Delta-seconds too large
/// to represent stand for "forever", which is beyond any cap.
pub(super) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit()) {
        return Some(
            text.parse::<u64>()
                .map_or(Duration::MAX, Duration::from_secs),
        );
    }
    let date = httpdate::parse_http_date(text).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Draws a wait from `[base / 2, base]` with `random`: `base` minus a reduction of at most
/// half of it.
fn jittered(base: Duration, random: u64) -> Duration {
    // Half of any `Duration` below 584 years fits in `u64` nanoseconds; a longer one is
    // reduced by at most 584 years, which keeps it within the range all the same.
    let half = u64::try_from((base / 2).as_nanos()).unwrap_or(u64::MAX);
    let reduction = random % half.saturating_add(1);
    base.saturating_sub(Duration::from_nanos(reduction))
}

/// A pseudo-random number for jitter, without a dependency: std's `RandomState` is keyed
/// from the operating system's randomness once per thread and moves its keys on with every
/// instance, and a process-wide counter makes every draw hash a new input. Jitter only has
/// to decorrelate clients, so this is enough; it is never used for anything secret.
fn random_u64() -> u64 {
    static DRAWS: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(DRAWS.fetch_add(1, Ordering::Relaxed));
    hasher.finish()
}
