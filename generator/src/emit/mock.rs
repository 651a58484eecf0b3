//! `mock.rs` (the crate's `mock` feature): a typed mock server of the API for the user's
//! tests. The module's docs and `Server` come first, then each operation's part
//! (`mock_operation.rs`). The server itself is the runtime's `mock::MockServer`.

use proc_macro2::TokenStream;
use quote::quote;

use super::features::{cfg_attr, gated};
use super::mock_operation::emit_mock_operation;
use super::{ident, Chunk};
use crate::ir::Api;
use crate::settings::Settings;

/// The whole `mock.rs`, in chunks: the module docs and `Server`, then one chunk per operation.
pub(crate) fn emit_mock<'a>(api: &'a Api, settings: &Settings) -> impl Iterator<Item = Chunk> + 'a {
    let head = emit_server(api, settings);
    let operations = api
        .operations
        .iter()
        .map(|operation| gated(api, operation.feature, emit_mock_operation(api, operation)));
    std::iter::once(head.into()).chain(operations)
}

/// The module docs, with an example, and `Server` with its own methods.
fn emit_server(api: &Api, settings: &Settings) -> TokenStream {
    let docs = module_docs(settings);
    let accessors = emit_server_accessors();
    let expectations = api.operations.iter().map(|operation| {
        let expectation = ident(&operation.mock.expectation);
        // An operation compiled out of a crate split by tag is left out of the list.
        let gate = cfg_attr(api, operation.feature);
        quote! { #gate #expectation::operation() }
    });
    quote! {
        #(#![doc = #docs])*
        #![warn(missing_docs)]

        /// A mock of the API on `127.0.0.1`, on a port of its own, served by a task of the
        /// Tokio runtime it was started in; dropping it stops it.
        ///
        /// It has one method per operation, named as the client's, to declare what it expects
        /// and how it answers. Each arriving request is checked against the API document: one
        /// that no operation has (404, or 405 for another method), that lacks a required input
        /// or whose body does not decode as the operation's type (400), whose credentials are
        /// not the mock's (401), or that no expectation takes (501) is answered with a
        /// plain-text error, and [`Server::verify`] reports it by the operation's name.
        #[derive(Debug)]
        pub struct Server {
            inner: super::runtime::mock::MockServer,
        }

        impl Server {
            /// Starts a server on `127.0.0.1`, port 0 (the system picks a free one).
            ///
            /// # Panics
            ///
            /// When no loopback port can be bound ([`Server::try_start`] returns the error
            /// instead), or outside a Tokio runtime.
            pub async fn start() -> Self {
                match Self::try_start().await {
                    ::std::result::Result::Ok(server) => server,
                    ::std::result::Result::Err(error) => {
                        panic!("the mock server cannot bind a port on 127.0.0.1: {error}")
                    }
                }
            }

            /// Starts a server on `127.0.0.1`, port 0.
            ///
            /// # Errors
            ///
            /// When no loopback port can be bound.
            pub async fn try_start() -> ::std::io::Result<Self> {
                let operations = ::std::vec![#(#expectations),*];
                super::runtime::mock::MockServer::start(operations)
                    .await
                    .map(|inner| Server { inner })
            }

            #accessors
        }
    }
}

/// The methods of `Server` past starting it: clients, the log, the report and `verify`.
fn emit_server_accessors() -> TokenStream {
    quote! {
            /// A client of the server, with the credentials it expects
            /// ([`runtime::mock::MOCK_USERNAME`](super::runtime::mock::MOCK_USERNAME) and
            /// its password) and the client's default settings.
            ///
            /// # Panics
            ///
            /// When the HTTP client cannot be built (no TLS backend can start).
            pub fn client(&self) -> super::Client {
                match self.client_builder().build() {
                    ::std::result::Result::Ok(client) => client,
                    ::std::result::Result::Err(error) => {
                        panic!("the mock server's client cannot be built: {error}")
                    }
                }
            }

            /// A builder of a client of the server, with the credentials it expects: set
            /// timeouts, a retry policy, or other credentials on it.
            pub fn client_builder(&self) -> super::runtime::ClientBuilder<super::Client> {
                self.inner.client_builder()
            }

            /// The server's base URL, `http://127.0.0.1:<port>`.
            pub fn base_url(&self) -> ::std::string::String {
                self.inner.base_url()
            }

            /// Expects these basic-authentication credentials instead of the default ones.
            pub fn expect_basic_auth(&self, username: &str, password: &str) {
                self.inner.expect_basic_auth(username, password);
            }

            /// Every request received so far, in order; `Debug` hides credentials.
            pub fn received(&self) -> ::std::vec::Vec<super::runtime::mock::ReceivedRequest> {
                self.inner.received()
            }

            /// The problems met so far, each naming its operation when it has one.
            pub fn problems(&self) -> ::std::vec::Vec<::std::string::String> {
                self.inner.problems()
            }

            /// What [`Server::verify`] would panic with, or `None`.
            pub fn report(&self) -> ::std::option::Option<::std::string::String> {
                self.inner.report()
            }

            /// Checks that every expectation was met and that no request was unexpected or
            /// faulty.
            ///
            /// # Panics
            ///
            /// Otherwise, naming each operation at fault and listing the requests received.
            pub fn verify(&self) {
                self.inner.verify();
            }
    }
}

/// The module docs, one string per line, with an example that compiles for any API.
fn module_docs(settings: &Settings) -> Vec<String> {
    let library = settings.library_name();
    let text = format!(
        " A typed mock server of the API, for testing code that uses [`Client`](super::Client) \
         without the real API\n (the crate's `mock` feature, off by default).\n\n \
         [`Server::start`] listens on `127.0.0.1` in the test's own Tokio runtime; each\n \
         operation has a method of the same name that declares an expectation: matchers\n \
         (`with_path`, `with_<parameter>`, `with_body`), then an answer (`respond_ok`,\n \
         `respond_status`, `respond_json`, `respond_raw`, `respond_cut_short`,\n \
         `drop_connection`, each possibly after a `delay`), then how often (`.times(n)`).\n \
         [`Server::client`] is a client aimed at it; [`Server::verify`] panics naming every\n \
         unmet expectation and every unexpected or faulty request, and\n \
         [`Server::received`] is the request log.\n\n \
         ```no_run\n \
         # async fn example() {{\n \
         let server = {library}::mock::Server::start().await;\n \
         let client = server.client();\n \
         # let _ = client;\n \
         server.verify();\n \
         # }}\n \
         ```"
    );
    text.split('\n').map(str::to_owned).collect()
}
