//! `components` in 3.0 terms: every entry of the sections 3.0 shares converted, and what 3.0
//! cannot hold taken out first (path items and 3.2 media types, copied where they are used;
//! `querystring` parameters; `mutualTLS` security schemes), so that the walk of the paths
//! knows about them.

use serde_yaml::{Mapping, Value};

use super::context::Context;
use super::media::{convert_header, convert_named, convert_request_body, convert_response};
use super::paths::convert_callback;
use super::schema::convert_schema;
use crate::pointer;

/// Takes out of `components` what 3.0 cannot hold, keeping it in the context.
pub(super) fn take_reusable(root: &mut Mapping, context: &mut Context<'_>) {
    let Some(Value::Mapping(components)) = root.get_mut("components") else {
        return;
    };
    if let Some(Value::Mapping(path_items)) = components.shift_remove("pathItems") {
        context.reusable.path_items = path_items;
    }
    if let Some(Value::Mapping(media_types)) = components.shift_remove("mediaTypes") {
        context.reusable.media_types = media_types;
    }
    if let Some(Value::Mapping(parameters)) = components.get_mut("parameters") {
        let querystring: Vec<String> = parameters
            .iter()
            .filter(|(_, parameter)| {
                parameter.get("in").and_then(Value::as_str) == Some("querystring")
            })
            .filter_map(|(name, _)| name.as_str().map(str::to_owned))
            .collect();
        for name in querystring {
            parameters.shift_remove(name.as_str());
            context.reusable.querystring_parameters.insert(name);
        }
    }
    if let Some(Value::Mapping(schemes)) = components.get_mut("securitySchemes") {
        take_mutual_tls(schemes, context);
    }
}

/// Takes out the `mutualTLS` security schemes (3.1), which 3.0 cannot read.
fn take_mutual_tls(schemes: &mut Mapping, context: &mut Context<'_>) {
    let names: Vec<String> = schemes
        .iter()
        .filter(|(_, scheme)| scheme.get("type").and_then(Value::as_str) == Some("mutualTLS"))
        .filter_map(|(name, _)| name.as_str().map(str::to_owned))
        .collect();
    for name in names {
        schemes.shift_remove(name.as_str());
        context.warn(
            &pointer::child("#/components/securitySchemes", &name),
            format!(
                "the `mutualTLS` security scheme `{name}` is not generated: a client \
                 certificate is set up on the HTTP transport; the security requirements naming \
                 it are read without it"
            ),
        );
        context.reusable.mutual_tls_schemes.insert(name);
    }
}

/// Converts every entry of every section of `components`.
pub(super) fn convert_components(root: &mut Mapping, context: &mut Context<'_>) {
    let Some(Value::Mapping(components)) = root.get_mut("components") else {
        return;
    };
    for (section, entries) in components.iter_mut() {
        let (Some(section), Value::Mapping(entries)) = (section.as_str(), entries) else {
            continue;
        };
        let at = pointer::child("#/components", section);
        // Schemas are named by their key, which may start with `x-`; in the other sections
        // an `x-` key is an extension.
        let convert: fn(&mut Value, &str, &mut Context<'_>) = match section {
            "schemas" => {
                for (name, schema) in entries.iter_mut() {
                    if let Some(name) = name.as_str() {
                        convert_schema(schema, &pointer::child(&at, name), context);
                    }
                }
                continue;
            }
            "responses" => convert_response,
            "parameters" | "headers" => convert_header,
            "requestBodies" => convert_request_body,
            "callbacks" => convert_callback,
            "securitySchemes" => convert_security_scheme,
            _ => continue,
        };
        convert_named(entries, &at, context, convert);
    }
}

/// An OAuth 2 scheme without what 3.2 adds: the metadata URL, which the client does not read,
/// and the device authorization flow, which it cannot run.
fn convert_security_scheme(scheme: &mut Value, at: &str, context: &mut Context<'_>) {
    let Value::Mapping(scheme) = scheme else {
        return;
    };
    scheme.shift_remove("oauth2MetadataUrl");
    let Some(Value::Mapping(flows)) = scheme.get_mut("flows") else {
        return;
    };
    if flows.shift_remove("deviceAuthorization").is_some() {
        context.warn(
            &pointer::child(&pointer::child(at, "flows"), "deviceAuthorization"),
            "the OAuth 2 `deviceAuthorization` flow (OpenAPI 3.2) is not generated; the \
             scheme's other flows are",
        );
    }
}
