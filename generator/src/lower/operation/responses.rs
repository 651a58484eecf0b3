//! Responses: each documented status with the body the client decodes: JSON by its schema
//! (any `+json` type or a wildcard too), text as a string, anything else as raw bytes.

use openapiv3::{ReferenceOr, StatusCode};

use super::media::{preferred, MediaKind};
use super::OperationSite;
use crate::ir::{Response, ResponseBody, Status, TypeRef};
use crate::lower::docs;
use crate::lower::schema::Hint;
use crate::lower::{Lowerer, SchemaRef};
use crate::names;
use crate::pointer;

/// The text of a status key, as the document writes it.
pub(super) fn status_text(status: Status) -> String {
    match status {
        Status::Code(code) => code.to_string(),
        Status::Range(range) => format!("{range}XX"),
        Status::Default => "default".to_owned(),
    }
}

/// Whether a status is a success: 2xx, as a code or a range.
pub(super) fn is_success(status: Status) -> bool {
    match status {
        Status::Code(code) => (200..300).contains(&code),
        Status::Range(class) => class == 2,
        Status::Default => false,
    }
}

impl<'spec> Lowerer<'spec> {
    /// Every response, in document order with `default` last.
    pub(super) fn lower_responses(
        &mut self,
        site: &OperationSite<'spec>,
        operation: &'spec openapiv3::Operation,
    ) -> Vec<Response> {
        let listed = operation
            .responses
            .responses
            .iter()
            .map(|(status, response)| {
                let status = match status {
                    StatusCode::Code(code) => Status::Code(*code),
                    StatusCode::Range(range) => Status::Range(*range),
                };
                (status, response)
            });
        let default = operation
            .responses
            .default
            .iter()
            .map(|response| (Status::Default, response));
        let all: Vec<(Status, &'spec ReferenceOr<openapiv3::Response>)> =
            listed.chain(default).collect();
        all.into_iter()
            .filter_map(|(status, response)| self.lower_response(site, status, response))
            .collect()
    }

    fn lower_response(
        &mut self,
        site: &OperationSite<'spec>,
        status: Status,
        response: &'spec ReferenceOr<openapiv3::Response>,
    ) -> Option<Response> {
        let status_text = status_text(status);
        let inline_hint = || {
            let base = match status {
                Status::Code(200) => site.type_base.clone(),
                _ => names::nested_type_name(&site.type_base, &status_text),
            };
            let subject = format!(
                "the {} response body of {}",
                docs::code(&status_text),
                docs::code(&site.wire_name)
            );
            Hint {
                name: names::nested_type_name(&base, "response"),
                subject,
            }
        };
        let response_at = pointer::child(&pointer::child(&site.at, "responses"), &status_text);
        let (response, at, hint) =
            self.resolve_located(response, response_at, inline_hint, |key| {
                format!("the body of the {key} response")
            })?;
        let body = preferred(&response.content).map(|(content_type, media, kind)| {
            let media_at = pointer::child(&pointer::child(&at, "content"), content_type);
            match kind {
                MediaKind::Json | MediaKind::Wildcard => {
                    let ty = match &media.schema {
                        Some(schema) => self.lower_type(
                            SchemaRef::from_plain(schema),
                            &pointer::child(&media_at, "schema"),
                            &hint,
                        ),
                        None => TypeRef::Json,
                    };
                    ResponseBody::Json(ty)
                }
                MediaKind::Text => ResponseBody::Text,
                MediaKind::Xml => {
                    self.errors.warn(
                        &media_at,
                        format!("{} responses are not decoded by the client; the body is given as raw bytes", docs::code(content_type)),
                    );
                    ResponseBody::Binary
                }
                MediaKind::Form | MediaKind::Multipart | MediaKind::Binary => ResponseBody::Binary,
            }
        });
        let event_hint = Hint {
            name: names::nested_type_name(&hint.name, "event"),
            subject: format!("each event of {}", hint.subject),
        };
        let events = self.lower_event_data(
            &response.content,
            &pointer::child(&at, "content"),
            &event_hint,
        );
        Some(Response {
            status,
            body,
            content_types: response.content.keys().cloned().collect(),
            events,
            description: response.description.clone(),
        })
    }
}
