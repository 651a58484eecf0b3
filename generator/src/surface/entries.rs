//! The IR → the surface's entries, one function per kind of item.

use super::types::{
    argument_text, body_argument_text, body_text, model_kind_text, outcome_text, response_text,
    type_text,
};
use super::{Entry, Kind};
use crate::ir::{
    Api, Docs, EventData, EventStream, Model, ModelKind, MultipartForm, MultipartKind, Operation,
    PagePattern, Pagination, Placement, Status, Struct,
};

/// Every entry of the API, unsorted.
pub(super) fn entries(api: &Api) -> Vec<Entry> {
    let mut entries = Vec::new();
    for operation in &api.operations {
        operation_entries(api, operation, &mut entries);
    }
    for model in &api.models {
        model_entries(api, model, &mut entries);
    }
    for webhook in &api.webhooks {
        let method = format!("{:?}", webhook.method).to_ascii_uppercase();
        let key = format!("{} {method}", webhook.name);
        let payload = webhook.body.as_ref().map_or_else(
            || "no payload".to_owned(),
            |body| format!("payload {}", body_text(api, &body.kind)),
        );
        entries.push(entry(Kind::Webhook, &key, payload));
        entries.extend(doc(&key, &webhook.docs));
    }
    entries
}

fn entry(kind: Kind, key: impl Into<String>, value: impl Into<String>) -> Entry {
    Entry {
        kind,
        key: key.into(),
        value: value.into(),
    }
}

/// The first line of some docs, as the `Doc` fact of an item.
fn doc(key: &str, docs: &Docs) -> Option<Entry> {
    let first = std::iter::once(&docs.text)
        .chain(&docs.notes)
        .find(|paragraph| !paragraph.is_empty())?;
    Some(entry(
        Kind::Doc,
        key,
        first.lines().next().unwrap_or_default(),
    ))
}

fn operation_entries(api: &Api, operation: &Operation, entries: &mut Vec<Entry>) {
    let name = &operation.rust_name;
    let method = format!("{:?}", operation.method).to_ascii_uppercase();
    let mut route = format!(
        "{method} {}; {}",
        operation.path_template,
        signature(api, operation)
    );
    let scopes = scopes(operation);
    if !scopes.is_empty() {
        route.push_str(&format!("; scope {scopes}"));
    }
    if operation.deprecated {
        route.push_str("; deprecated");
    }
    if let Some(feature) = operation.feature {
        route.push_str(&format!("; feature {}", api.feature(feature).name));
    }
    entries.push(entry(Kind::Operation, name, route));
    entries.extend(doc(name, &operation.docs));
    for param in &operation.params {
        let place = match param.placement {
            Placement::Argument => "argument",
            Placement::Setter => "setter",
        };
        let required = if param.required {
            "required"
        } else {
            "optional"
        };
        let value = format!(
            "{:?} `{}`, {}, {required}, {place}",
            param.location,
            param.wire_name,
            type_text(api, &param.ty)
        )
        .to_ascii_lowercase_first();
        entries.push(entry(
            Kind::Input,
            format!("{name}.{}", param.rust_name),
            value,
        ));
    }
    if let Some(body) = &operation.request_body {
        let required = if body.required {
            "required"
        } else {
            "optional"
        };
        let value = format!(
            "body `{}` {}, {required}",
            body.content_type,
            body_text(api, &body.kind)
        );
        entries.push(entry(
            Kind::Input,
            format!("{name}.{}", body.rust_name),
            value,
        ));
    }
    entries.push(entry(
        Kind::Response,
        format!("{name} returns"),
        format!(
            "{} or error {}",
            outcome_text(api, &operation.call.success, false),
            outcome_text(api, &operation.call.error, true)
        ),
    ));
    if let Some(events) = &operation.call.events {
        entries.push(entry(
            Kind::Response,
            format!("{name} events"),
            events_text(api, operation, events),
        ));
    }
    if let Some(pages) = &operation.call.pages {
        entries.push(entry(
            Kind::Response,
            format!("{name} pages"),
            pages_text(api, operation, pages),
        ));
    }
    for response in &operation.responses {
        let status = match response.status {
            Status::Code(code) => code.to_string(),
            Status::Range(class) => format!("{class}XX"),
            Status::Default => "default".to_owned(),
        };
        entries.push(entry(
            Kind::Response,
            format!("{name} {status}"),
            response_text(api, response.body.as_ref()),
        ));
    }
}

/// The method's Rust signature: its arguments, and what it returns (a request builder when
/// some input is set on one, a stream when events are its only success body).
fn signature(api: &Api, operation: &Operation) -> String {
    if let (Some(events), None) = (&operation.call.events, &operation.call.builder) {
        if events.only {
            return stream_signature(api, operation, events);
        }
    }
    let returns = match &operation.call.builder {
        Some(builder) => format!("{builder} (a request builder)"),
        None => format!(
            "Result<{}, {}>",
            outcome_text(api, &operation.call.success, false),
            outcome_text(api, &operation.call.error, true)
        ),
    };
    format!(
        "fn {}({}) -> {returns}",
        operation.rust_name,
        arguments(api, operation)
    )
}

/// How an operation's events are read: the stream method's signature, or the request
/// builder's `stream`.
fn events_text(api: &Api, operation: &Operation, events: &EventStream) -> String {
    match &operation.call.builder {
        Some(builder) => format!(
            "{builder}::stream() -> {}",
            stream_text(api, operation, events)
        ),
        None => stream_signature(api, operation, events),
    }
}

fn stream_signature(api: &Api, operation: &Operation, events: &EventStream) -> String {
    format!(
        "fn {}({}) -> {}",
        events.rust_name,
        arguments(api, operation),
        stream_text(api, operation, events)
    )
}

/// `Stream<Event<T>, E>` of an operation's events.
fn stream_text(api: &Api, operation: &Operation, events: &EventStream) -> String {
    let data = match &events.data {
        EventData::Json(ty) => type_text(api, ty),
        EventData::Text => "String".to_owned(),
    };
    format!(
        "Stream<Event<{data}>, {}>",
        outcome_text(api, &operation.call.error, true)
    )
}

/// How a paginated operation's items are read, and by which pattern.
fn pages_text(api: &Api, operation: &Operation, pages: &Pagination) -> String {
    let pattern = match &pages.pattern {
        PagePattern::AfterLastItem { param, .. } => format!("after the last id (`{param}`)"),
        PagePattern::Cursor { param, .. } => format!("cursor (`{param}`)"),
        PagePattern::LinkHeader => "Link header".to_owned(),
        PagePattern::NextUrl { .. } => "next URL in the body".to_owned(),
        PagePattern::PageNumber { param } => format!("page number (`{param}`)"),
    };
    let stream = format!(
        "Stream<{}, {}>",
        type_text(api, &pages.item),
        outcome_text(api, &operation.call.error, true)
    );
    match &operation.call.builder {
        Some(builder) => format!("{pattern}; {builder}::stream() -> {stream}"),
        None => format!(
            "{pattern}; fn {}({}) -> {stream}",
            pages.rust_name,
            arguments(api, operation)
        ),
    }
}

/// The method's arguments, as a signature lists them.
fn arguments(api: &Api, operation: &Operation) -> String {
    let mut arguments: Vec<String> = operation
        .params
        .iter()
        .filter(|param| param.placement == Placement::Argument)
        .map(|param| format!("{}: {}", param.rust_name, argument_text(api, &param.ty)))
        .collect();
    if let Some(body) = operation
        .request_body
        .as_ref()
        .filter(|body| body.placement == Placement::Argument)
    {
        arguments.push(format!(
            "{}: {}",
            body.rust_name,
            body_argument_text(api, &body.kind)
        ));
    }
    arguments.join(", ")
}

/// The scopes an operation needs: its security requirements' and its scope extensions.
fn scopes(operation: &Operation) -> String {
    let mut parts: Vec<String> = operation
        .security
        .iter()
        .flat_map(|requirement| {
            requirement.schemes.iter().map(|(scheme, scopes)| {
                if scopes.is_empty() {
                    scheme.clone()
                } else {
                    format!("{scheme}({})", scopes.join(" "))
                }
            })
        })
        .collect();
    parts.extend(
        operation
            .extensions
            .iter()
            .filter(|(key, _)| key.contains("scope"))
            .map(|(_, value)| value.clone()),
    );
    parts.join(", ")
}

fn model_entries(api: &Api, model: &Model, entries: &mut Vec<Entry>) {
    let name = &model.rust_name;
    let mut kind = model_kind_text(api, &model.kind);
    if let Some(feature) = model.feature {
        kind.push_str(&format!("; feature {}", api.feature(feature).name));
    }
    if let Some(feature) = model.kind.builder().and_then(|builder| builder.feature) {
        kind.push_str(&format!("; builder feature {}", api.feature(feature).name));
    }
    entries.push(entry(Kind::Model, name, kind));
    entries.extend(doc(name, &model.docs));
    match &model.kind {
        ModelKind::Struct(structure) => struct_entries(api, name, structure, entries),
        ModelKind::StringEnum(string_enum) => {
            for variant in &string_enum.variants {
                let key = format!("{name}::{}", variant.rust_name);
                entries.push(entry(Kind::Value, &key, format!("{:?}", variant.value)));
            }
        }
        ModelKind::IntegerEnum(integer_enum) => {
            for variant in &integer_enum.variants {
                let key = format!("{name}::{}", variant.rust_name);
                entries.push(match &variant.name {
                    Some(code_name) => {
                        entry(Kind::Code, key, format!("{} {code_name}", variant.value))
                    }
                    None => entry(Kind::Value, key, variant.value.to_string()),
                });
            }
        }
        ModelKind::TaggedUnion(union) => {
            for variant in &union.variants {
                let key = format!("{name}::{}", variant.rust_name);
                let ty = type_text(api, &variant.ty);
                let value = format!("{ty} when `{}` is {:?}", union.tag, variant.tag_values);
                entries.push(entry(Kind::Value, key, value));
            }
        }
        ModelKind::UntaggedUnion(union) => {
            for (position, variant) in union.variants.iter().enumerate() {
                let key = format!("{name}::{}", variant.rust_name);
                let value = format!("{}, tried {}", type_text(api, &variant.ty), position + 1);
                entries.push(entry(Kind::Value, key, value));
            }
        }
        ModelKind::MultipartForm(form) => multipart_entries(api, name, form, entries),
        ModelKind::Alias(_) | ModelKind::Newtype(_) => {}
    }
}

/// One entry per field of a struct, with its documentation, and one for the map of other
/// properties.
fn struct_entries(api: &Api, name: &str, structure: &Struct, entries: &mut Vec<Entry>) {
    for field in &structure.fields {
        let mut value = format!(
            "`{}` {}, {}",
            field.wire_name,
            type_text(api, &field.ty),
            if field.required {
                "required"
            } else {
                "optional"
            }
        );
        if field.nullable {
            value.push_str(", nullable");
        }
        if field.deprecated.is_some() {
            value.push_str(", deprecated");
        }
        let key = format!("{name}.{}", field.rust_name);
        entries.push(entry(Kind::Field, &key, value));
        entries.extend(doc(&key, &field.docs));
    }
    if let Some(additional) = &structure.additional {
        let key = format!("{name}.{}", additional.rust_name);
        let value = format!("other properties, {}", type_text(api, &additional.ty));
        entries.push(entry(Kind::Field, key, value));
    }
}

/// One entry per part of a multipart form.
fn multipart_entries(api: &Api, name: &str, form: &MultipartForm, entries: &mut Vec<Entry>) {
    for field in &form.fields {
        let key = format!("{name}.{}", field.rust_name);
        let required = if field.required {
            "required"
        } else {
            "optional"
        };
        let part = match &field.kind {
            MultipartKind::File => "file".to_owned(),
            MultipartKind::Files => "files".to_owned(),
            MultipartKind::Text(ty) => format!("text {}", type_text(api, ty)),
            MultipartKind::Json(ty) => format!("json {}", type_text(api, ty)),
        };
        let value = format!("part `{}` {part}, {required}", field.wire_name);
        entries.push(entry(Kind::Field, key, value));
    }
}

/// `Query` → `query`: the first letter of a `Debug` name, lowered.
trait LowerFirst {
    fn to_ascii_lowercase_first(self) -> String;
}

impl LowerFirst for String {
    fn to_ascii_lowercase_first(mut self) -> String {
        if let Some(first) = self.get_mut(..1) {
            first.make_ascii_lowercase();
        }
        self
    }
}
