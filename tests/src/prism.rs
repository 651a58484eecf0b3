//! Starts Stoplight Prism (pinned in `tests/tools`, installed by `cargo xtask test`) as a real
//! mock server on 127.0.0.1 for the client tests, and stops it when dropped.
//!
//! Prism reads the spec itself, validates every request against it and answers from the spec's
//! examples. One adaptation is needed: Prism 5.14 cannot serialise a JSON object for a `*/*`
//! response media type (it answers 406 or 500), so Prism is given a copy of the spec in which
//! `*/*` reads `application/json`. The real server sends JSON there too; nothing else changes.

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long Prism may take to start (it takes about a second here).
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// A running Prism mock server; killed on drop.
pub struct MockServer {
    child: Child,
    base_url: String,
    log: mpsc::Receiver<String>,
}

impl MockServer {
    /// Starts Prism on a free loopback port for the spec text given, written to `work_dir`.
    pub fn start(spec_text: &str, work_dir: &Path) -> Result<MockServer, String> {
        let prism = prism_binary()?;
        std::fs::create_dir_all(work_dir)
            .map_err(|error| format!("{}: {error}", work_dir.display()))?;
        let spec_path = work_dir.join("openapi-for-prism.yaml");
        std::fs::write(&spec_path, spec_text.replace("'*/*':", "application/json:"))
            .map_err(|error| format!("{}: {error}", spec_path.display()))?;
        let port = free_port()?;
        let mut child = Command::new(&prism)
            .args(["mock", "--host", "127.0.0.1", "--port", &port.to_string()])
            .arg(&spec_path)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|error| format!("cannot start {}: {error}", prism.display()))?;
        let log = forward_output(&mut child);
        let mut server = MockServer {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
            log,
        };
        server.wait_until_ready(port)?;
        Ok(server)
    }

    /// The base URL to give the client (Prism serves the spec's paths at the root).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Everything Prism printed so far, for failure messages.
    pub fn drain_log(&self) -> String {
        self.log.try_iter().collect::<Vec<_>>().join("\n")
    }

    fn wait_until_ready(&mut self, port: u16) -> Result<(), String> {
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        let started = Instant::now();
        while started.elapsed() < START_TIMEOUT {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "prism exited with {status} before listening:\n{}",
                    self.drain_log()
                ));
            }
            if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(format!(
            "prism did not listen on {address} within {START_TIMEOUT:?}:\n{}",
            self.drain_log()
        ))
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        // Stopping the server is best effort: a test that already failed must still report its
        // own message, not a second panic from here.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The pinned Prism executable, or an error saying how to install it.
pub fn prism_binary() -> Result<PathBuf, String> {
    let path = crate::workspace_root().join("tests/tools/node_modules/.bin/prism");
    if path.exists() {
        Ok(path)
    } else {
        Err(format!(
            "{} is missing: run `cargo xtask test`, which installs the pinned tools",
            path.display()
        ))
    }
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0")
        .map_err(|error| format!("no free loopback port: {error}"))?;
    listener
        .local_addr()
        .map(|address| address.port())
        .map_err(|error| error.to_string())
}

/// Reads Prism's stdout and stderr on threads, so that a full pipe never blocks it.
fn forward_output(child: &mut Child) -> mpsc::Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    let streams: Vec<Box<dyn std::io::Read + Send>> = [
        child
            .stdout
            .take()
            .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
        child
            .stderr
            .take()
            .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
    ]
    .into_iter()
    .flatten()
    .collect();
    for stream in streams {
        let sender = sender.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
    }
    receiver
}
