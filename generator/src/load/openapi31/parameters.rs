//! Parameter lists in 3.0 terms. A 3.2 `in: querystring` parameter (the whole query string
//! as one value) has no 3.0 form: it is taken out of the list, and its operations are marked
//! `x-generator-skip` with the reason, for lowering to skip them with a located warning.
//! Also here: security requirements without the `mutualTLS` schemes taken out of the
//! components.

use serde_yaml::{Mapping, Value};

use super::context::{Context, Reusable};
use super::media::convert_header;
use crate::pointer;

/// The extension that marks an operation lowering must skip, with the reason.
pub(super) const SKIP: &str = "x-generator-skip";

/// Why the operations of a parameter list are skipped, and where that parameter was written.
#[derive(Debug, Clone)]
pub(super) struct Skip {
    reason: String,
    /// The parameter's place in the input.
    from: String,
    /// Whether the parameter is a path item's, shared by all of its operations.
    shared: bool,
}

/// Converts the `parameters` of a path item (`shared`) or an operation at `at`, taking out
/// the `querystring` ones; the skip their operations get, if any.
pub(super) fn convert_parameter_list(
    owner: &mut Mapping,
    at: &str,
    shared: bool,
    context: &mut Context<'_>,
) -> Option<Skip> {
    let Some(Value::Sequence(list)) = owner.get_mut("parameters") else {
        return None;
    };
    let list_at = pointer::child(at, "parameters");
    let mut kept = Vec::new();
    let mut moves = Vec::new();
    let mut skip = None;
    for (index, parameter) in std::mem::take(list).into_iter().enumerate() {
        let was = pointer::index(&list_at, index);
        if let Some(name) = querystring_name(&parameter, &context.reusable) {
            let named = if name.is_empty() {
                "a parameter".to_owned()
            } else {
                format!("the parameter `{name}`")
            };
            skip.get_or_insert_with(|| Skip {
                reason: format!(
                    "{named} is `in: querystring` (OpenAPI 3.2), which this generator cannot \
                     send yet"
                ),
                from: context.resolve(&was),
                shared,
            });
            continue;
        }
        if kept.len() != index {
            moves.push((pointer::index(&list_at, kept.len()), was));
        }
        kept.push(parameter);
    }
    *list = kept;
    context.moved_all(moves);
    for (index, parameter) in list.iter_mut().enumerate() {
        convert_header(parameter, &pointer::index(&list_at, index), context);
    }
    skip
}

/// The name of a `querystring` parameter (written in place, or a `$ref` to one of the
/// components taken out), or `None` for any other parameter.
fn querystring_name(parameter: &Value, reusable: &Reusable) -> Option<String> {
    if parameter.get("in").and_then(Value::as_str) == Some("querystring") {
        let name = parameter.get("name").and_then(Value::as_str).unwrap_or("");
        return Some(name.to_owned());
    }
    let reference = parameter.get("$ref").and_then(Value::as_str)?;
    let segments = pointer::local_reference_segments(reference)?;
    match segments.as_slice() {
        [components, parameters, name]
            if components == "components"
                && parameters == "parameters"
                && reusable.querystring_parameters.contains(name) =>
        {
            Some(name.clone())
        }
        _ => None,
    }
}

/// Marks the operation at `at` as one lowering skips, with a warning located at the
/// `querystring` parameter.
pub(super) fn mark_skipped(
    operation: &mut Mapping,
    at: &str,
    skip: &Skip,
    context: &mut Context<'_>,
) {
    let skip_at = pointer::child(at, SKIP);
    if operation.contains_key(SKIP) {
        return;
    }
    operation.insert(Value::from(SKIP), Value::from(skip.reason.as_str()));
    context.mounted(skip_at.clone(), skip.from.clone());
    let what = if skip.shared {
        "the operations of this path are not generated"
    } else {
        "the operation is not generated"
    };
    context.warn(&skip_at, format!("{}; {what}", skip.reason));
}

/// Takes the `mutualTLS` schemes out of a list of security requirements: the client
/// certificate is set up on the HTTP transport, so a requirement asks nothing more of a call.
pub(super) fn drop_mutual_tls(security: Option<&mut Value>, context: &Context<'_>) {
    let schemes = &context.reusable.mutual_tls_schemes;
    if schemes.is_empty() {
        return;
    }
    if let Some(Value::Sequence(requirements)) = security {
        for requirement in requirements.iter_mut() {
            if let Value::Mapping(requirement) = requirement {
                requirement
                    .retain(|name, _| !name.as_str().is_some_and(|name| schemes.contains(name)));
            }
        }
    }
}
