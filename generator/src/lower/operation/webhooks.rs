//! Webhooks (OpenAPI 3.1): the requests the API sends to the user's server. The client sends
//! none of them, so they get no method; what users need is the payload's type, to decode what
//! their server receives, and a list of them (crate docs and `API.md`). Each payload is lowered
//! like a request body, so an inline schema becomes `{Name}WebhookRequest`.

use super::OperationSite;
use crate::ir::Webhook;
use crate::lower::{docs, Lowerer};
use crate::names::{self, Namespace};
use crate::pointer;

impl<'spec> Lowerer<'spec> {
    /// Every webhook's operations, in document order.
    pub(in crate::lower) fn lower_webhooks(&mut self) -> Vec<Webhook> {
        let extras = self.extras;
        let mut webhooks = Vec::new();
        for (name, item) in &extras.webhooks {
            let item_at = pointer::child(&pointer::child("#", crate::load::extras::WEBHOOKS), name);
            for (method, operation) in item.iter() {
                let site = OperationSite {
                    path: name,
                    method,
                    at: pointer::child(&item_at, method),
                    type_base: names::convert(names::TYPE, &format!("{name} webhook")),
                    wire_name: operation
                        .operation_id
                        .clone()
                        .unwrap_or_else(|| name.clone()),
                };
                let mut locals = Namespace::new(names::PARAM);
                let body = operation
                    .request_body
                    .as_ref()
                    .and_then(|body| self.lower_request_body(&site, body, &mut locals));
                let text = docs::join_text(&[
                    operation.summary.as_deref(),
                    operation.description.as_deref(),
                ]);
                webhooks.push(Webhook {
                    name: name.clone(),
                    method: super::method_of(method),
                    body,
                    docs: docs::docs(text, || format!("The {} webhook.", docs::code(name))),
                });
            }
        }
        webhooks.sort_by(|left, right| (&left.name, left.method).cmp(&(&right.name, right.method)));
        webhooks
    }
}
