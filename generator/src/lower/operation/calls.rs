//! The client's plan for each operation ([`Call`]): what a success and an error decode into,
//! the `Accept` header, whether a failed attempt may be sent again, and where each input is
//! given (argument or request-builder setter).

use crate::ir::{
    Body, Call, Docs, Method, Outcome, Param, ParamLocation, Placement, Response, ResponseBody,
    RetryClass, Status, StatusEnum, StatusSet, StatusVariant,
};
use crate::names::{self, Namespace};

/// The most arguments a method takes besides `self`, so that no method trips Clippy's
/// `too_many_arguments` (which counts `self` and fires above seven).
const MAX_ARGUMENTS: usize = 6;

/// Which class of responses an outcome is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Success,
    Error,
}

/// Plans the call of an operation from its method and lowered responses. `builder` is the
/// request-builder name claimed for it, if it has one; status enums are named in
/// `client_types` after `type_base`.
pub(super) fn plan_call(
    rust_name: &str,
    method: Method,
    responses: &[Response],
    builder: Option<String>,
    type_base: &str,
    client_types: &mut Namespace,
) -> Call {
    let is_success = super::responses::is_success;
    let mut success: Vec<&Response> = responses
        .iter()
        .filter(|response| is_success(response.status))
        .collect();
    let errors: Vec<&Response> = responses
        .iter()
        .filter(|response| !is_success(response.status))
        .collect();
    // With no 2xx documented, `default` describes the successes too.
    if success.is_empty() {
        success.extend(
            responses
                .iter()
                .filter(|response| response.status == Status::Default),
        );
    }
    Call {
        success: outcome(&success, Side::Success, type_base, client_types),
        error: outcome(&errors, Side::Error, type_base, client_types),
        documented_errors: status_set(&errors),
        accept: accept(responses),
        retry: retry_class(method),
        builder,
        events: super::events::plan_events(rust_name, responses),
        // Detected once the call is planned, from its success body (`pagination.rs`).
        pages: None,
    }
}

/// One body type for every status when the responses agree (for errors, also when some have
/// no body: those keep their raw body); otherwise an enum with a variant per status.
fn outcome(
    responses: &[&Response],
    side: Side,
    type_base: &str,
    client_types: &mut Namespace,
) -> Outcome {
    let mut bodies: Vec<&ResponseBody> = Vec::new();
    for body in responses
        .iter()
        .filter_map(|response| response.body.as_ref())
    {
        if !bodies.contains(&body) {
            bodies.push(body);
        }
    }
    let all_have_bodies = responses.iter().all(|response| response.body.is_some());
    match bodies.as_slice() {
        [] => Outcome::Empty,
        [only] if side == Side::Error || all_have_bodies => Outcome::Single((*only).clone()),
        _ => {
            let suffix = match side {
                Side::Success => "response",
                Side::Error => "error",
            };
            let rust_name = client_types.claim(&names::nested_type_name(type_base, suffix));
            let mut variant_names = Namespace::new(names::VARIANT);
            let variants = responses
                .iter()
                .map(|response| StatusVariant {
                    rust_name: variant_names.claim(&names::status_variant_name(response.status)),
                    status: response.status,
                    body: response.body.clone(),
                    docs: Docs {
                        text: crate::lower::docs::join_text(&[Some(&response.description)])
                            .unwrap_or_else(|| "The response of this status.".to_owned()),
                        notes: vec![format!(
                            "Status: {}.",
                            crate::lower::docs::code(&super::responses::status_text(
                                response.status
                            ))
                        )],
                    },
                })
                .collect();
            let what = match side {
                Side::Success => "successful responses",
                Side::Error => "error responses",
            };
            Outcome::ByStatus(StatusEnum {
                rust_name,
                variants,
                docs: Docs {
                    text: format!("The {what} of the operation, by status."),
                    notes: Vec::new(),
                },
                // Decided once every model exists (`finish/sizes.rs`).
                large_variant: false,
            })
        }
    }
}

/// Decides which inputs are method arguments and which are set on the request builder, and
/// returns whether a builder is needed. Required inputs are arguments, optional ones setters;
/// but a method never takes more than [`MAX_ARGUMENTS`]: beyond that, required query, header
/// and cookie parameters become setters (checked when the request is sent), and if even the
/// path parameters and the body do not fit, they do too.
pub(super) fn place_inputs(params: &mut [Param], mut body: Option<&mut Body>) -> bool {
    let body_required = body.as_deref().is_some_and(|body| body.required);
    let required =
        params.iter().filter(|param| param.required).count() + usize::from(body_required);
    if required > MAX_ARGUMENTS {
        let path_count = params
            .iter()
            .filter(|param| param.location == ParamLocation::Path)
            .count();
        let core_fits = path_count + usize::from(body_required) <= MAX_ARGUMENTS;
        for param in params.iter_mut().filter(|param| param.required) {
            if param.location != ParamLocation::Path || !core_fits {
                param.placement = Placement::Setter;
            }
        }
        if let (Some(body), false) = (body.as_deref_mut(), core_fits) {
            body.placement = Placement::Setter;
        }
    }
    params
        .iter()
        .any(|param| param.placement == Placement::Setter)
        || body.is_some_and(|body| body.placement == Placement::Setter)
}

/// The documented statuses of a class of responses.
fn status_set(responses: &[&Response]) -> StatusSet {
    let mut set = StatusSet::default();
    for response in responses {
        match response.status {
            Status::Code(code) => set.codes.push(code),
            Status::Range(class) => set.classes.push(class),
            Status::Default => set.others = true,
        }
    }
    set.codes.sort_unstable();
    set.codes.dedup();
    set.classes.sort_unstable();
    set.classes.dedup();
    set
}

/// The `Accept` header: the media types of the responses that have a body, in document order.
/// A wildcard is read as JSON, so `application/json` leads whenever a JSON or wildcard body
/// is listed, and is the whole header when no response has a body.
fn accept(responses: &[Response]) -> String {
    let mut media_types: Vec<&str> = Vec::new();
    for response in responses.iter().filter(|response| response.body.is_some()) {
        for media_type in &response.content_types {
            if !media_types.contains(&media_type.as_str()) {
                media_types.push(media_type);
            }
        }
    }
    let any_json = responses
        .iter()
        .any(|response| matches!(response.body, Some(ResponseBody::Json(_))));
    let has_json = media_types
        .iter()
        .any(|media_type| media_type.eq_ignore_ascii_case("application/json"));
    if (any_json || media_types.is_empty()) && !has_json {
        media_types.insert(0, "application/json");
    }
    media_types.join(", ")
}

/// RFC 9110, section 9.2.2: GET, HEAD, OPTIONS, TRACE, PUT and DELETE are idempotent (and
/// QUERY, which the HTTP QUERY method draft defines as safe), so a
/// failed attempt may be repeated; POST and PATCH may act twice (here, text a customer twice).
pub(super) fn retry_class(method: Method) -> RetryClass {
    match method {
        Method::Post | Method::Patch => RetryClass::Never,
        Method::Get
        | Method::Head
        | Method::Options
        | Method::Trace
        | Method::Put
        | Method::Delete
        | Method::Query => RetryClass::Idempotent,
    }
}
