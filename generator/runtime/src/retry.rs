//! Retry rules: which operations may be sent again, on which failures, and how long to wait.

use std::time::Duration;

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
/// Only connection failures (nothing reached the server) and the statuses 502,
/// 503 and 504 (a gateway or an overloaded server answered) are retried. The
/// wait before retry `n` (counting from zero) is `initial_backoff * 2^n`, capped
/// at `max_backoff`. Every attempt has the full per-request timeout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RetryPolicy {
    /// How many times a failed attempt may be repeated.
    max_retries: u32,
    /// The wait before the first retry.
    initial_backoff: Duration,
    /// The longest wait between two attempts.
    max_backoff: Duration,
}

impl Default for RetryPolicy {
    /// Two retries, waiting 200 ms and then 400 ms, never more than 2 s.
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(2),
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

    /// Sets the longest wait between two attempts.
    #[must_use]
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
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

    /// The wait before retry number `retry`, counting from zero.
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
}

/// Whether a status means the request may succeed if sent again: a gateway
/// that could not reach the server (502, 504) or a server that is briefly
/// unavailable (503).
pub(super) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::BAD_GATEWAY | StatusCode::SERVICE_UNAVAILABLE | StatusCode::GATEWAY_TIMEOUT
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_schedule_doubles_up_to_the_cap() {
        let policy = RetryPolicy::default();
        let waits: Vec<u128> = (0..6)
            .map(|retry| policy.backoff(retry).as_millis())
            .collect();
        assert_eq!(waits, [200, 400, 800, 1600, 2000, 2000]);
        assert_eq!(policy.max_retries(), 2);
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
            .with_max_backoff(Duration::from_millis(25));
        let waits: Vec<u128> = (0..4)
            .map(|retry| policy.backoff(retry).as_millis())
            .collect();
        assert_eq!(waits, [10, 20, 25, 25]);
        assert_eq!(policy.initial_backoff(), Duration::from_millis(10));
        assert_eq!(policy.max_backoff(), Duration::from_millis(25));
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
    fn only_gateway_and_unavailable_statuses_are_retryable() {
        let retryable: Vec<u16> = (100..600)
            .filter_map(|code| StatusCode::from_u16(code).ok())
            .filter(|status| is_retryable_status(*status))
            .map(|status| status.as_u16())
            .collect();
        assert_eq!(retryable, [502, 503, 504]);
    }
}
