//! The client's plan for each operation ([`Call`]): which statuses decode into which type, the
//! `Accept` header, and whether a failed attempt may be sent again.

use crate::ir::{Call, Method, Param, Response, RetryClass, Status, StatusSet, TypeRef};

/// Plans the call of an operation from its method and lowered responses. `builder` is the
/// request-builder name claimed for it, if it has optional inputs.
pub(super) fn plan_call(method: Method, responses: &[Response], builder: Option<String>) -> Call {
    let (success, errors): (Vec<&Response>, Vec<&Response>) = responses
        .iter()
        .partition(|response| is_success(response.status));
    let success_type = shared_type(&success);
    let error_type = shared_type(&errors);
    Call {
        success: status_set(&success, success_type.as_ref()),
        errors: status_set(&errors, error_type.as_ref()),
        success_type,
        error_type,
        accept: accept(responses),
        retry: retry_class(method),
        builder,
    }
}

/// Whether an operation needs a request builder: it has an optional parameter or body.
pub(super) fn needs_builder(params: &[Param], body_required: Option<bool>) -> bool {
    params.iter().any(|param| !param.required) || body_required == Some(false)
}

fn is_success(status: Status) -> bool {
    match status {
        Status::Code(code) => (200..300).contains(&code),
        Status::Range(class) => class == 2,
        Status::Default => false,
    }
}

/// The one body type the responses share. When they document different types, no Rust type
/// fits them all, so the body is read as JSON (`serde_json::Value`) rather than refused.
fn shared_type(responses: &[&Response]) -> Option<TypeRef> {
    let mut types: Vec<&TypeRef> = Vec::new();
    for ty in responses.iter().filter_map(|response| response.ty.as_ref()) {
        if !types.contains(&ty) {
            types.push(ty);
        }
    }
    match types.as_slice() {
        [] => None,
        [only] => Some((*only).clone()),
        _ => Some(TypeRef::Json),
    }
}

/// The statuses whose body decodes as `ty`. With a body type, responses documented without a
/// body are left out: an empty body there is no decode error, the caller gets the status
/// itself (`UnexpectedStatus`) with whatever came.
fn status_set(responses: &[&Response], ty: Option<&TypeRef>) -> StatusSet {
    let mut set = StatusSet::default();
    let decodes = |response: &&&Response| ty.is_none() || response.ty.is_some();
    for response in responses.iter().filter(decodes) {
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
/// A wildcard is read as JSON (see `json_content`), so `application/json` leads whenever one is
/// listed, and is the whole header when nothing is.
fn accept(responses: &[Response]) -> String {
    let mut media_types: Vec<&str> = Vec::new();
    for response in responses.iter().filter(|response| response.ty.is_some()) {
        for media_type in &response.content_types {
            if !media_types.contains(&media_type.as_str()) {
                media_types.push(media_type);
            }
        }
    }
    let has_json = media_types
        .iter()
        .any(|media_type| media_type.eq_ignore_ascii_case("application/json"));
    if !has_json {
        media_types.insert(0, "application/json");
    }
    media_types.join(", ")
}

/// RFC 9110, section 9.2.2: GET, HEAD, OPTIONS, TRACE, PUT and DELETE are idempotent, so a
/// failed attempt may be repeated; POST and PATCH may act twice (here, text a customer twice).
pub(super) fn retry_class(method: Method) -> RetryClass {
    match method {
        Method::Post | Method::Patch => RetryClass::Never,
        Method::Get
        | Method::Head
        | Method::Options
        | Method::Trace
        | Method::Put
        | Method::Delete => RetryClass::Idempotent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::ModelId;

    fn response(status: Status, ty: Option<TypeRef>, media_type: &str) -> Response {
        Response {
            status,
            ty,
            content_types: vec![media_type.to_owned()],
            description: String::new(),
        }
    }

    #[test]
    fn success_and_error_types_and_statuses() {
        let envelope = TypeRef::Model(ModelId(1));
        let responses = [
            response(
                Status::Code(200),
                Some(TypeRef::Model(ModelId(0))),
                "application/json",
            ),
            response(Status::Code(400), Some(envelope.clone()), "*/*"),
            response(Status::Range(5), Some(envelope.clone()), "*/*"),
            response(Status::Code(404), None, "*/*"),
            response(Status::Default, Some(envelope.clone()), "*/*"),
        ];
        let call = plan_call(Method::Get, &responses, None);
        assert_eq!(call.success_type, Some(TypeRef::Model(ModelId(0))));
        assert_eq!(
            call.success,
            StatusSet {
                codes: vec![200],
                classes: vec![],
                others: false
            }
        );
        assert_eq!(call.error_type, Some(envelope));
        assert_eq!(
            call.errors,
            StatusSet {
                codes: vec![400],
                classes: vec![5],
                others: true
            }
        );
        assert_eq!(call.accept, "application/json, */*");
        assert_eq!(call.retry, RetryClass::Idempotent);
    }

    #[test]
    fn mixed_types_read_as_json_and_no_body_means_none() {
        let responses = [
            response(
                Status::Code(200),
                Some(TypeRef::Model(ModelId(0))),
                "application/json",
            ),
            response(
                Status::Code(201),
                Some(TypeRef::Model(ModelId(1))),
                "application/json",
            ),
            response(Status::Code(409), None, "text/plain"),
        ];
        let call = plan_call(Method::Post, &responses, Some("CreateThing".into()));
        assert_eq!(call.success_type, Some(TypeRef::Json));
        assert_eq!(call.error_type, None);
        assert_eq!(call.errors.codes, [409]);
        assert_eq!(call.accept, "application/json");
        assert_eq!(call.retry, RetryClass::Never);
        assert_eq!(call.builder.as_deref(), Some("CreateThing"));
    }
}
