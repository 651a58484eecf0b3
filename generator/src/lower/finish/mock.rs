//! The names and facts of each operation's part of the generated `mock` module: the server's
//! method, the expectation type, one matcher per parameter outside the path, the status of
//! `respond_ok`, and whether HTTP basic credentials are required.

use crate::ir::{Api, MockPlan, Operation, ParamLocation, SecuritySchemeKind, Status};
use crate::names::{self, Namespace};

/// The methods of the generated `mock::Server` itself; an operation whose method would have
/// one of these names gets a numbered one.
const SERVER_METHODS: &[&str] = &[
    "start",
    "try_start",
    "client",
    "client_builder",
    "base_url",
    "expect_basic_auth",
    "received",
    "problems",
    "report",
    "verify",
    "runtime",
];

/// The methods every expectation type has; a parameter's matcher never takes one.
const EXPECTATION_METHODS: &[&str] = &[
    "with_path",
    "with_body",
    "with_raw_body",
    "matching",
    "delay",
    "respond_ok",
    "respond_status",
    "respond_json",
    "respond_raw",
    "respond_cut_short",
    "drop_connection",
];

/// Decides every operation's [`MockPlan`], in the operations' sorted order.
pub(super) fn decide_mock_plans(api: &mut Api) {
    let mut methods = Namespace::new(names::OPERATION);
    for reserved in SERVER_METHODS {
        methods.claim(reserved);
    }
    let mut types = Namespace::new(names::TYPE);
    types.claim("Server");
    let basic_schemes: Vec<String> = api
        .security_schemes
        .iter()
        .filter(|scheme| {
            matches!(&scheme.kind, SecuritySchemeKind::Http { scheme, .. } if scheme.eq_ignore_ascii_case("basic"))
        })
        .map(|scheme| scheme.name.clone())
        .collect();
    for operation in &mut api.operations {
        let plan = MockPlan {
            method: methods.claim(&operation.rust_name),
            expectation: types.claim(&format!("{} expectation", operation.rust_name)),
            matchers: matcher_names(operation),
            ok_status: ok_status(operation),
            basic_auth: needs_basic_auth(operation, &basic_schemes),
        };
        operation.mock = plan;
    }
}

/// `with_<name>` for each query, header and cookie parameter, in parameter order.
fn matcher_names(operation: &Operation) -> Vec<(usize, String)> {
    let mut taken = Namespace::new(names::PARAM);
    for reserved in EXPECTATION_METHODS {
        taken.claim(reserved);
    }
    operation
        .params
        .iter()
        .enumerate()
        .filter(|(_, param)| param.location != ParamLocation::Path)
        .map(|(index, param)| (index, taken.claim(&format!("with {}", param.wire_name))))
        .collect()
}

/// The first documented 2xx code, else 200.
fn ok_status(operation: &Operation) -> u16 {
    operation
        .responses
        .iter()
        .find_map(|response| match response.status {
            Status::Code(code) if (200..300).contains(&code) => Some(code),
            _ => None,
        })
        .unwrap_or(200)
}

/// Whether every security requirement names an HTTP basic scheme (an empty requirement, or
/// one met by another kind of credentials, leaves the mock not checking them).
fn needs_basic_auth(operation: &Operation, basic_schemes: &[String]) -> bool {
    !operation.security.is_empty()
        && operation.security.iter().all(|requirement| {
            requirement
                .schemes
                .iter()
                .any(|(name, _)| basic_schemes.contains(name))
        })
}
