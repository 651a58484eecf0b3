//! The one walk over every type position the IR holds, and so over every [`ModelId`]: each
//! struct field, map of other properties, union variant, multipart part, alias target,
//! parameter, body, response and call outcome, and the crate's common error.
//!
//! Every IR struct is taken apart here by an exhaustive pattern (`Struct { fields, additional,
//! construction: _, api_errors: _ }`), so a field added to the IR is a compile error in this
//! file until the walk decides whether it holds a type. Checks (`check.rs`), the graph
//! decisions of lowering and the usage analyses all read the IR through this walk, and the
//! `every_model_handle_is_walked` test compares what it visits with every `ModelId` the IR's
//! `Debug` output shows.

use super::{
    AdditionalProperties, Api, Body, BodyKind, Call, EventData, EventStream, Field, Model, ModelId,
    ModelKind, MultipartField, MultipartForm, MultipartKind, Operation, Outcome, Pagination, Param,
    Response, ResponseBody, StatusEnum, StatusVariant, Struct, TaggedUnion, TaggedVariant, TypeRef,
    UntaggedUnion, UntaggedVariant, Webhook,
};

/// What holds a type position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// A model (by its handle).
    Model(ModelId),
    /// An operation (by its index in [`Api::operations`]).
    Operation(usize),
    /// A webhook (by its index in [`Api::webhooks`]).
    Webhook(usize),
    /// The API itself ([`Api::common_error`]).
    Api,
}

/// Which kind of position a type sits in.
#[derive(Debug, Clone, Copy)]
pub enum Slot<'ir> {
    /// A struct field.
    Field(&'ir Field),
    /// The value type of a struct's map of other properties.
    AdditionalProperties,
    /// A variant of a tagged union, chosen by `tag`.
    TaggedVariant {
        /// The tag property, as on the wire.
        tag: &'ir str,
        /// The variant.
        variant: &'ir TaggedVariant,
    },
    /// A variant of an untagged union.
    UntaggedVariant,
    /// A multipart part sent as text or JSON.
    MultipartPart,
    /// The target of an alias or a newtype.
    Target,
    /// An operation parameter.
    Param,
    /// A JSON or form request body.
    Body,
    /// A multipart request body: the form model itself.
    MultipartBody,
    /// A documented response's JSON body.
    Response,
    /// What a call's success or error decodes into.
    Outcome,
    /// The data of a server-sent event.
    Event,
    /// One item of a paginated listing.
    PageItem,
    /// The crate's common error body.
    CommonError,
}

/// Calls `visit` with every type position of the API: its holder, the kind of position, and
/// the type there (which may name models inside arrays and maps: see [`TypeRef::model_ids`]).
pub fn for_each_type<'ir>(api: &'ir Api, visit: &mut impl FnMut(Holder, Slot<'ir>, &TypeRef)) {
    let Api {
        title: _,
        title_docs: _,
        version: _,
        docs: _,
        servers: _,
        default_base_url: _,
        security_schemes: _,
        models,
        operations,
        webhooks,
        common_error,
        features: _,
    } = api;
    for model in models {
        walk_model(model, visit);
    }
    for (index, operation) in operations.iter().enumerate() {
        walk_operation(Holder::Operation(index), operation, visit);
    }
    for (index, webhook) in webhooks.iter().enumerate() {
        let Webhook {
            name: _,
            method: _,
            body,
            docs: _,
        } = webhook;
        walk_body(Holder::Webhook(index), body.as_ref(), visit);
    }
    if let Some(ty) = common_error {
        visit(Holder::Api, Slot::CommonError, ty);
    }
}

/// Calls `visit` with every type position of one model.
pub fn for_each_model_type<'ir>(model: &'ir Model, visit: &mut impl FnMut(Slot<'ir>, &TypeRef)) {
    walk_model(model, &mut |_, slot, ty| visit(slot, ty));
}

/// Every model handle the API holds, with its holder and slot, in walk order.
pub fn model_uses(api: &Api) -> Vec<(Holder, Slot<'_>, ModelId)> {
    let mut uses = Vec::new();
    for_each_type(api, &mut |holder, slot, ty| {
        uses.extend(ty.model_ids().into_iter().map(|id| (holder, slot, id)));
    });
    uses
}

fn walk_model<'ir>(model: &'ir Model, visit: &mut impl FnMut(Holder, Slot<'ir>, &TypeRef)) {
    let Model {
        id,
        rust_name: _,
        wire_name: _,
        pointer: _,
        docs: _,
        kind,
        feature: _,
    } = model;
    let holder = Holder::Model(*id);
    match kind {
        ModelKind::Struct(structure) => walk_struct(holder, structure, visit),
        ModelKind::TaggedUnion(union) => walk_tagged(holder, union, visit),
        ModelKind::UntaggedUnion(union) => walk_untagged(holder, union, visit),
        ModelKind::MultipartForm(form) => walk_form(holder, form, visit),
        ModelKind::Alias(target) | ModelKind::Newtype(target) => {
            visit(holder, Slot::Target, target);
        }
        ModelKind::StringEnum(_) | ModelKind::IntegerEnum(_) => {}
    }
}

fn walk_struct<'ir>(
    holder: Holder,
    structure: &'ir Struct,
    visit: &mut impl FnMut(Holder, Slot<'ir>, &TypeRef),
) {
    let Struct {
        fields,
        additional,
        construction: _,
        api_errors: _,
    } = structure;
    for field in fields {
        visit(holder, Slot::Field(field), &field.ty);
    }
    if let Some(AdditionalProperties {
        rust_name: _,
        ty,
        docs: _,
    }) = additional
    {
        visit(holder, Slot::AdditionalProperties, ty);
    }
}

fn walk_tagged<'ir>(
    holder: Holder,
    union: &'ir TaggedUnion,
    visit: &mut impl FnMut(Holder, Slot<'ir>, &TypeRef),
) {
    let TaggedUnion {
        tag,
        variants,
        catch_all: _,
        large_variant: _,
    } = union;
    for variant in variants {
        let TaggedVariant {
            rust_name: _,
            tag_values: _,
            ty,
            boxed: _,
            docs: _,
        } = variant;
        visit(holder, Slot::TaggedVariant { tag, variant }, ty);
    }
}

fn walk_untagged<'ir>(
    holder: Holder,
    union: &'ir UntaggedUnion,
    visit: &mut impl FnMut(Holder, Slot<'ir>, &TypeRef),
) {
    let UntaggedUnion {
        variants,
        large_variant: _,
    } = union;
    for UntaggedVariant {
        rust_name: _,
        ty,
        boxed: _,
        docs: _,
    } in variants
    {
        visit(holder, Slot::UntaggedVariant, ty);
    }
}

fn walk_form<'ir>(
    holder: Holder,
    form: &'ir MultipartForm,
    visit: &mut impl FnMut(Holder, Slot<'ir>, &TypeRef),
) {
    let MultipartForm {
        fields,
        construction: _,
    } = form;
    for MultipartField {
        rust_name: _,
        wire_name: _,
        kind,
        required: _,
        docs: _,
    } in fields
    {
        match kind {
            MultipartKind::Text(ty) | MultipartKind::Json(ty) => {
                visit(holder, Slot::MultipartPart, ty);
            }
            MultipartKind::File | MultipartKind::Files => {}
        }
    }
}

fn walk_operation<'ir>(
    holder: Holder,
    operation: &'ir Operation,
    visit: &mut impl FnMut(Holder, Slot<'ir>, &TypeRef),
) {
    let Operation {
        rust_name: _,
        operation_id: _,
        method: _,
        path_template: _,
        path: _,
        params,
        request_body,
        responses,
        docs: _,
        extensions: _,
        deprecated: _,
        tags: _,
        security: _,
        call,
        feature: _,
        mock: _,
    } = operation;
    for Param {
        rust_name: _,
        wire_name: _,
        location: _,
        style: _,
        explode: _,
        required: _,
        ty,
        placement: _,
        docs: _,
        deprecated: _,
    } in params
    {
        visit(holder, Slot::Param, ty);
    }
    walk_body(holder, request_body.as_ref(), visit);
    for Response {
        status: _,
        body,
        content_types: _,
        events,
        description: _,
    } in responses
    {
        walk_response_body(holder, Slot::Response, body.as_ref(), visit);
        walk_event_data(holder, events.as_ref(), visit);
    }
    let Call {
        success,
        error,
        documented_errors: _,
        accept: _,
        retry: _,
        builder: _,
        events,
        pages,
    } = call;
    if let Some(Pagination {
        rust_name: _,
        pattern: _,
        items: _,
        item,
        docs: _,
    }) = pages
    {
        visit(holder, Slot::PageItem, item);
    }
    if let Some(EventStream {
        rust_name: _,
        only: _,
        data,
        accept: _,
        docs: _,
    }) = events
    {
        walk_event_data(holder, Some(data), visit);
    }
    for outcome in [success, error] {
        match outcome {
            Outcome::Empty => {}
            Outcome::Single(body) => walk_response_body(holder, Slot::Outcome, Some(body), visit),
            Outcome::ByStatus(StatusEnum {
                rust_name: _,
                variants,
                docs: _,
                large_variant: _,
            }) => {
                for StatusVariant {
                    rust_name: _,
                    status: _,
                    body,
                    docs: _,
                } in variants
                {
                    walk_response_body(holder, Slot::Outcome, body.as_ref(), visit);
                }
            }
        }
    }
}

fn walk_body<'ir>(
    holder: Holder,
    body: Option<&'ir Body>,
    visit: &mut impl FnMut(Holder, Slot<'ir>, &TypeRef),
) {
    if let Some(Body {
        rust_name: _,
        kind,
        required: _,
        placement: _,
        content_type: _,
        unexploded: _,
        docs: _,
    }) = body
    {
        match kind {
            BodyKind::Json(ty) | BodyKind::Form(ty) => visit(holder, Slot::Body, ty),
            BodyKind::Multipart(id) => visit(holder, Slot::MultipartBody, &TypeRef::Model(*id)),
            BodyKind::Text | BodyKind::Binary => {}
        }
    }
}

fn walk_response_body<'ir>(
    holder: Holder,
    slot: Slot<'ir>,
    body: Option<&ResponseBody>,
    visit: &mut impl FnMut(Holder, Slot<'ir>, &TypeRef),
) {
    match body {
        Some(ResponseBody::Json(ty)) => visit(holder, slot, ty),
        Some(ResponseBody::Text | ResponseBody::Binary) | None => {}
    }
}

fn walk_event_data<'ir>(
    holder: Holder,
    data: Option<&EventData>,
    visit: &mut impl FnMut(Holder, Slot<'ir>, &TypeRef),
) {
    match data {
        Some(EventData::Json(ty)) => visit(holder, Slot::Event, ty),
        Some(EventData::Text) | None => {}
    }
}

/// Calls `visit` with every type position of one model's shape, to change: the mutable twin
/// of [`for_each_model_type`], for passes that rewrite handles (`lower/finish/shapes.rs`).
/// Its patterns are exhaustive like the walk's, so a new type position is a compile error
/// here too.
pub fn for_each_kind_type_mut(kind: &mut ModelKind, visit: &mut impl FnMut(&mut TypeRef)) {
    match kind {
        ModelKind::Struct(Struct {
            fields,
            additional,
            construction: _,
            api_errors: _,
        }) => {
            for field in fields {
                visit(&mut field.ty);
            }
            if let Some(AdditionalProperties {
                rust_name: _,
                ty,
                docs: _,
            }) = additional
            {
                visit(ty);
            }
        }
        ModelKind::TaggedUnion(TaggedUnion {
            tag: _,
            variants,
            catch_all: _,
            large_variant: _,
        }) => {
            for variant in variants {
                visit(&mut variant.ty);
            }
        }
        ModelKind::UntaggedUnion(UntaggedUnion {
            variants,
            large_variant: _,
        }) => {
            for variant in variants {
                visit(&mut variant.ty);
            }
        }
        ModelKind::MultipartForm(MultipartForm {
            fields,
            construction: _,
        }) => {
            for field in fields {
                match &mut field.kind {
                    MultipartKind::Text(ty) | MultipartKind::Json(ty) => visit(ty),
                    MultipartKind::File | MultipartKind::Files => {}
                }
            }
        }
        ModelKind::Alias(target) | ModelKind::Newtype(target) => visit(target),
        ModelKind::StringEnum(_) | ModelKind::IntegerEnum(_) => {}
    }
}
