//! Request bodies, responses, headers and media types in 3.0 terms, with every schema they
//! hold converted. A 3.2 media type's `itemSchema` (the schema of each item of a stream) is
//! carried in `x-generator-item-schema`, and a `$ref` to 3.2's `components.mediaTypes` is
//! replaced by its target.

use serde_yaml::{Mapping, Value};

use super::context::{rename_entry, Context};
use super::inline::{inline_reference, Section};
use super::schema::convert_schema;
use crate::load::version::Version;
use crate::pointer;

/// The extension that carries a 3.2 media type's `itemSchema`.
pub(super) const ITEM_SCHEMA: &str = "x-generator-item-schema";

/// Converts each entry of `entries` that is not an extension with `convert`.
pub(super) fn convert_named(
    entries: &mut Mapping,
    at: &str,
    context: &mut Context<'_>,
    convert: fn(&mut Value, &str, &mut Context<'_>),
) {
    for (name, entry) in entries.iter_mut() {
        match name.as_str() {
            Some(name) if !name.starts_with("x-") => {
                convert(entry, &pointer::child(at, name), context);
            }
            _ => {}
        }
    }
}

/// A request body: its media types.
pub(super) fn convert_request_body(body: &mut Value, at: &str, context: &mut Context<'_>) {
    if let Some(content) = body.get_mut("content") {
        convert_content(content, &pointer::child(at, "content"), context);
    }
}

/// A response: its headers and media types. A 3.2 `summary` is dropped; where there is no
/// `description` (which 3.2 no longer requires) it stands in for one.
pub(super) fn convert_response(response: &mut Value, at: &str, context: &mut Context<'_>) {
    let Value::Mapping(mapping) = response else {
        return;
    };
    if mapping.contains_key("$ref") {
        return;
    }
    let summary = mapping.shift_remove("summary");
    if !mapping.contains_key("description") {
        match summary {
            Some(summary @ Value::String(_)) => {
                mapping.insert(Value::from("description"), summary);
                let was = pointer::child(at, "summary");
                context.moved(pointer::child(at, "description"), &was);
            }
            _ if context.version == Version::OpenApi32 => {
                mapping.insert(Value::from("description"), Value::from(""));
            }
            _ => {}
        }
    }
    if let Some(Value::Mapping(headers)) = mapping.get_mut("headers") {
        convert_named(
            headers,
            &pointer::child(at, "headers"),
            context,
            convert_header,
        );
    }
    if let Some(content) = mapping.get_mut("content") {
        convert_content(content, &pointer::child(at, "content"), context);
    }
}

/// A header or a parameter: its schema or its media types.
pub(super) fn convert_header(header: &mut Value, at: &str, context: &mut Context<'_>) {
    let Value::Mapping(mapping) = header else {
        return;
    };
    if mapping.contains_key("$ref") {
        return;
    }
    if let Some(schema) = mapping.get_mut("schema") {
        convert_schema(schema, &pointer::child(at, "schema"), context);
    }
    if let Some(content) = mapping.get_mut("content") {
        convert_content(content, &pointer::child(at, "content"), context);
    }
}

/// A `content` map: each media type.
fn convert_content(content: &mut Value, at: &str, context: &mut Context<'_>) {
    if let Value::Mapping(media_types) = content {
        for (name, media_type) in media_types.iter_mut() {
            if let Some(name) = name.as_str() {
                convert_media_type(media_type, &pointer::child(at, name), context);
            }
        }
    }
}

/// A media type: its schema, its `itemSchema` (moved to [`ITEM_SCHEMA`]) and the headers of
/// its encodings. 3.2's encodings of a stream's items and parts (`prefixEncoding`,
/// `itemEncoding`, nested `encoding`) describe what the client does not read, and are dropped.
pub(super) fn convert_media_type(media_type: &mut Value, at: &str, context: &mut Context<'_>) {
    let inlined = inline_reference(media_type, at, Section::MediaTypes, context);
    convert_media_type_fields(media_type, at, context);
    if inlined {
        context.leave_inlined();
    }
}

/// Converts what a media type holds.
fn convert_media_type_fields(media_type: &mut Value, at: &str, context: &mut Context<'_>) {
    let Value::Mapping(mapping) = media_type else {
        return;
    };
    mapping.shift_remove("prefixEncoding");
    mapping.shift_remove("itemEncoding");
    if let Some(schema) = mapping.get_mut("schema") {
        convert_schema(schema, &pointer::child(at, "schema"), context);
    }
    if mapping.contains_key("itemSchema") {
        rename_entry(mapping, "itemSchema", ITEM_SCHEMA);
        let item_at = pointer::child(at, ITEM_SCHEMA);
        context.moved(item_at.clone(), &pointer::child(at, "itemSchema"));
        if let Some(schema) = mapping.get_mut(ITEM_SCHEMA) {
            convert_schema(schema, &item_at, context);
        }
    }
    let Some(Value::Mapping(encodings)) = mapping.get_mut("encoding") else {
        return;
    };
    let encodings_at = pointer::child(at, "encoding");
    for (name, encoding) in encodings.iter_mut() {
        let (Some(name), Value::Mapping(encoding)) = (name.as_str(), encoding) else {
            continue;
        };
        for nested in ["encoding", "prefixEncoding", "itemEncoding"] {
            encoding.shift_remove(nested);
        }
        if let Some(Value::Mapping(headers)) = encoding.get_mut("headers") {
            let headers_at = pointer::child(&pointer::child(&encodings_at, name), "headers");
            convert_named(headers, &headers_at, context, convert_header);
        }
    }
}
