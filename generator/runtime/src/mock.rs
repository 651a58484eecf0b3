//! The generic half of the `mock` feature: a loopback HTTP server (hyper) that routes each request to an operation, checks it, answers it from the test's expectations, and records it for `verify` and `received`.
//!
//! The generated `mock` module wraps this with one typed method per operation; tests use that
//! one. This half knows no API: each operation is described by a [`MockOperation`] the
//! generator writes. Nothing in a request makes the server panic; every problem is answered
//! with a plain-text error (404, 405, 400, 401, 501) and kept for [`MockServer::verify`],
//! whose panic is the only one.

#[cfg(test)]
mod tests;

mod expectation;
mod received;
mod serve;
mod spec;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use base64::Engine as _;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use expectation::{ExpectationBuilder, Registered};
pub use received::ReceivedRequest;
pub use spec::{check_json, BodyDecoder, MockBody, MockLocation, MockOperation, MockParam};

use super::builder::ClientBuilder;
use expectation::Expectation;

/// The username the mock's client sends and the mock expects, for operations that need HTTP
/// basic authentication.
pub const MOCK_USERNAME: &str = "mock-user";

/// The password the mock's client sends and the mock expects.
pub const MOCK_PASSWORD: &str = "mock-password";

/// What the server task and the test share.
pub(super) struct State {
    /// The API's operations.
    operations: Vec<&'static MockOperation>,
    /// The `Authorization` value an operation needing basic authentication must carry.
    expected_authorization: String,
    /// The expectations, in the order declared; the first that matches answers.
    expectations: Vec<Expectation>,
    /// Every request, in the order received.
    received: Vec<ReceivedRequest>,
    /// Every problem met, in order, each naming its operation when it has one.
    problems: Vec<String>,
}

/// A mock of an API on `127.0.0.1`, on a port of its own, served by a task of the Tokio
/// runtime it was started in. Dropping it stops the server.
pub struct MockServer {
    /// The address it listens on.
    address: SocketAddr,
    /// What it shares with the server task.
    state: Arc<Mutex<State>>,
    /// The server task.
    task: JoinHandle<()>,
}

impl MockServer {
    /// Starts a server for these operations on `127.0.0.1`, port 0 (the system picks).
    ///
    /// # Errors
    ///
    /// When no loopback port can be bound.
    ///
    /// # Panics
    ///
    /// Outside a Tokio runtime (the server is a task of the caller's runtime).
    pub async fn start(operations: Vec<&'static MockOperation>) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let address = listener.local_addr()?;
        let state = Arc::new(Mutex::new(State {
            operations,
            expected_authorization: basic_authorization(MOCK_USERNAME, MOCK_PASSWORD),
            expectations: Vec::new(),
            received: Vec::new(),
            problems: Vec::new(),
        }));
        let task = tokio::spawn(serve::serve(listener, Arc::clone(&state)));
        Ok(MockServer {
            address,
            state,
            task,
        })
    }

    /// The base URL of the server: `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// A client builder aimed at the server, with the credentials it expects; set timeouts or
    /// a retry policy on it, or other credentials to test their refusal.
    pub fn client_builder<C>(&self) -> ClientBuilder<C> {
        ClientBuilder::new(&self.base_url()).basic_auth(MOCK_USERNAME, MOCK_PASSWORD)
    }

    /// Expects these credentials instead of [`MOCK_USERNAME`] and [`MOCK_PASSWORD`].
    pub fn expect_basic_auth(&self, username: &str, password: &str) {
        self.lock().expected_authorization = basic_authorization(username, password);
    }

    /// Every request received so far, in order.
    pub fn received(&self) -> Vec<ReceivedRequest> {
        self.lock().received.clone()
    }

    /// The problems met so far: unexpected requests, failed checks, expectations that can
    /// never match; each names its operation when it has one.
    pub fn problems(&self) -> Vec<String> {
        self.lock().problems.clone()
    }

    /// The report [`MockServer::verify`] panics with, or `None` when every expectation was met
    /// and no problem was met.
    pub fn report(&self) -> Option<String> {
        let state = self.lock();
        let mut lines: Vec<String> = state.problems.clone();
        for expectation in &state.expectations {
            if expectation.hits < expectation.min {
                lines.push(format!(
                    "{}: expected {}, received {} matching request(s)",
                    expectation.operation.operation_id,
                    expectation.count_text(),
                    expectation.hits
                ));
            }
        }
        if lines.is_empty() {
            return None;
        }
        let received: Vec<String> = state
            .received
            .iter()
            .map(|request| format!("  {} {}", request.method(), request.path()))
            .collect();
        let received = if received.is_empty() {
            "  (none)".to_owned()
        } else {
            received.join("\n")
        };
        Some(format!(
            "the mock server's expectations were not met:\n- {}\nrequests received:\n{received}",
            lines.join("\n- ")
        ))
    }

    /// Checks that every expectation was met and no request was unexpected or faulty.
    ///
    /// # Panics
    ///
    /// Otherwise, with a message naming each operation at fault and listing what arrived.
    pub fn verify(&self) {
        if let Some(report) = self.report() {
            panic!("{report}");
        }
    }

    /// Starts an expectation of `operation`.
    pub fn expect(&self, operation: &'static MockOperation) -> ExpectationBuilder<'_> {
        ExpectationBuilder::new(self, operation)
    }

    /// Records a problem found while declaring an expectation.
    fn report_problem(&self, text: String) {
        self.lock().problems.push(text);
    }

    /// Registers an expectation; returns its index.
    fn add(&self, expectation: Expectation) -> usize {
        let mut state = self.lock();
        state.expectations.push(expectation);
        state.expectations.len() - 1
    }

    /// Sets how often an expectation must be met.
    fn set_count(&self, index: usize, min: usize, max: Option<usize>) {
        if let Some(expectation) = self.lock().expectations.get_mut(index) {
            expectation.min = min;
            expectation.max = max;
        }
    }

    /// The shared state; a panic while it was held (a matcher that panicked) leaves it
    /// consistent, so a poisoned lock is taken as it is.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("MockServer")
            .field("address", &self.address)
            .finish_non_exhaustive()
    }
}

/// The `Authorization` value of HTTP basic authentication.
fn basic_authorization(username: &str, password: &str) -> String {
    let encoded =
        base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"));
    format!("Basic {encoded}")
}
