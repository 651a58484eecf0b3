//! Pagination, detected conservatively from the document: a `GET` whose one success body
//! is a page of items, with a recognised way to ask for the next page. In order: a declared
//! `Link` response header (or an `x-pagination` extension) with `rel="next"`, beside a page
//! size, page or cursor parameter (a single resource may declare `Link` too); Stripe's
//! `starting_after` (OpenAI's `after`) with `has_more` and `data`; a cursor parameter (`cursor`,
//! `page_token`) paired with a string field (`next_cursor`, `next_page_token`; `next_page` under
//! `x-dropshot-pagination`; Stripe's search `page` with `next_page`); the next page's URL in
//! a body field (Azure's `nextLink`, or the one `x-ms-pageable` names; OData's
//! `@odata.nextLink`; `next_url`; Django REST framework's `next` beside `previous`); a `page`
//! number beside a page size. The items are an array body, the one array field of an object
//! body, or the field `x-ms-pageable` names. Anything else gets no page stream.

use crate::ir::{
    Docs, Method, ModelKind, Operation, Outcome, PageField, PageItems, PagePattern, Pagination,
    Param, ParamLocation, ResponseBody, Struct, TypeRef,
};
use crate::lower::Lowerer;
use crate::names::Namespace;

/// Cursor parameters and the response fields they pair with.
const CURSOR_PARAMS: &[&str] = &[
    "cursor",
    "page_token",
    "pageToken",
    "next_token",
    "nextToken",
    "page",
];
const NEXT_FIELDS: &[&str] = &[
    "next_cursor",
    "nextCursor",
    "next_page_token",
    "nextPageToken",
    "next_token",
    "nextToken",
    "next_page",
];
/// The parameters that start a page after an item's id, with `has_more` and `data` (Stripe's
/// `starting_after`, OpenAI's `after`).
const AFTER_PARAMS: &[&str] = &["starting_after", "after"];
/// Response fields whose name says they hold the next page's URL.
const NEXT_URL_FIELDS: &[&str] = &[
    "nextLink",
    "next_link",
    "@odata.nextLink",
    "next_url",
    "nextUrl",
    "next_page_url",
    "nextPageUrl",
];
/// Page sizes that go with a `page` number.
const PAGE_SIZES: &[&str] = &["per_page", "perPage", "page_size", "pageSize", "limit"];

/// A page's body as the detection sees it.
enum PageBody<'model> {
    /// An array of these items.
    Array(&'model TypeRef),
    /// An object.
    Object(&'model Struct),
}

impl<'spec> Lowerer<'spec> {
    /// The pagination of an operation, if its document shows one of the patterns.
    pub(super) fn detect_pages(
        &self,
        operation: &Operation,
        raw: &openapiv3::Operation,
    ) -> Option<Pagination> {
        if operation.method != Method::Get || operation.call.events.is_some() {
            return None;
        }
        let Outcome::Single(ResponseBody::Json(ty)) = &operation.call.success else {
            return None;
        };
        let body = self.page_body(ty)?;
        let pageable = ms_pageable(raw);
        let (items, item) = match &pageable {
            // `nextLinkName: null` says every item comes in one answer.
            Some(MsPageable {
                next_link: None, ..
            }) => return None,
            Some(MsPageable { items, .. }) => named_items(&body, items)?,
            None => page_items(&body)?,
        };
        let query =
            |names: &[&str], ty: fn(&TypeRef) -> bool| find_query(&operation.params, names, ty);
        let is_string = |ty: &TypeRef| *ty == TypeRef::String;
        let is_integer = |ty: &TypeRef| matches!(ty, TypeRef::Integer(_));
        // A `Link` header alone is no listing (GitHub declares it on some single resources):
        // the operation must also take a page size, number or cursor.
        let pages_by_link = declares_link(raw)
            && operation.params.iter().any(|param| {
                param.location == ParamLocation::Query
                    && [PAGE_SIZES, CURSOR_PARAMS, AFTER_PARAMS, &["before"]]
                        .iter()
                        .any(|names| names.contains(&param.wire_name.as_str()))
            });
        let (pattern, found) = if pages_by_link {
            let why = "a `Link` response header (its `rel=\"next\"` URL)".to_owned();
            (PagePattern::LinkHeader, why)
        } else if let Some(found) =
            self.after_last_item(&body, &items, item, query(AFTER_PARAMS, is_string))
        {
            found
        } else if let Some(found) = cursor_pattern(&body, raw, &operation.params) {
            found
        } else if let Some(found) = next_url_pattern(&body, pageable.as_ref()) {
            found
        } else if let (Some(page), Some(_)) =
            (query(&["page"], is_integer), query(PAGE_SIZES, is_integer))
        {
            let why = format!("a `{}` number parameter beside a page size", page.wire_name);
            let param = page.wire_name.clone();
            (PagePattern::PageNumber { param }, why)
        } else {
            return None;
        };
        Some(Pagination {
            rust_name: operation.rust_name.clone(),
            docs: page_docs(&found),
            pattern,
            items,
            item: item.clone(),
        })
    }

    /// Stripe's pattern: `starting_after`, `has_more` and `data` of items with an `id`.
    fn after_last_item(
        &self,
        body: &PageBody<'_>,
        items: &PageItems,
        item: &TypeRef,
        param: Option<&Param>,
    ) -> Option<(PagePattern, String)> {
        let (PageBody::Object(page), Some(param)) = (body, param) else {
            return None;
        };
        if !matches!(items, PageItems::Field { rust_name, .. } if rust_name == "data") {
            return None;
        }
        let has_more = field(page, "has_more", |ty| *ty == TypeRef::Bool)?;
        let TypeRef::Model(id) = item else {
            return None;
        };
        let Some(ModelKind::Struct(item_struct)) = self.lowered_kind(*id) else {
            return None;
        };
        let id = field(item_struct, "id", |ty| *ty == TypeRef::String)?;
        let why = format!(
            "the `{}` parameter with the `has_more` and `data` fields (the next page starts \
             after the last item's `id`)",
            param.wire_name
        );
        let param = param.wire_name.clone();
        Some((
            PagePattern::AfterLastItem {
                param,
                has_more,
                id,
            },
            why,
        ))
    }

    /// What a body type is as a page: an array, or an object.
    fn page_body<'a>(&'a self, ty: &'a TypeRef) -> Option<PageBody<'a>> {
        match ty {
            TypeRef::Vec(item) => Some(PageBody::Array(item)),
            TypeRef::Model(id) => match self.lowered_kind(*id)? {
                ModelKind::Struct(page) => Some(PageBody::Object(page)),
                ModelKind::Alias(TypeRef::Vec(item)) => Some(PageBody::Array(item)),
                _ => None,
            },
            _ => None,
        }
    }

    /// The kind of a lowered model.
    fn lowered_kind(&self, id: crate::ir::ModelId) -> Option<&ModelKind> {
        self.models
            .get(id.0)
            .and_then(Option::as_ref)
            .map(|model| &model.kind)
    }
}

/// The items of a page: the body itself, or its one array field.
fn page_items<'model>(body: &PageBody<'model>) -> Option<(PageItems, &'model TypeRef)> {
    match body {
        PageBody::Array(item) => Some((PageItems::Body, item)),
        PageBody::Object(page) => {
            let mut arrays = page
                .fields
                .iter()
                .filter(|field| !field.boxed && matches!(field.ty, TypeRef::Vec(_)));
            let (Some(only), None) = (arrays.next(), arrays.next()) else {
                return None;
            };
            let TypeRef::Vec(item) = &only.ty else {
                return None;
            };
            let items = PageItems::Field {
                rust_name: only.rust_name.clone(),
                optional: !only.required || only.nullable,
            };
            Some((items, item))
        }
    }
}

/// The items of an object page in the array field with the wire name `wire`.
fn named_items<'model>(
    body: &PageBody<'model>,
    wire: &str,
) -> Option<(PageItems, &'model TypeRef)> {
    let PageBody::Object(page) = body else {
        return None;
    };
    let found = page
        .fields
        .iter()
        .find(|field| field.wire_name == wire && !field.boxed)?;
    let TypeRef::Vec(item) = &found.ty else {
        return None;
    };
    let items = PageItems::Field {
        rust_name: found.rust_name.clone(),
        optional: !found.required || found.nullable,
    };
    Some((items, item))
}

/// What an operation's `x-ms-pageable` extension says: the field with the next page's URL
/// (`None` when it is `null`: one answer holds every item) and the field with the items.
struct MsPageable {
    next_link: Option<String>,
    items: String,
}

/// The operation's `x-ms-pageable`, if it has one that is an object.
fn ms_pageable(raw: &openapiv3::Operation) -> Option<MsPageable> {
    let extension = raw.extensions.get("x-ms-pageable")?.as_object()?;
    let text = |key: &str| extension.get(key).and_then(|value| value.as_str());
    let next_link = match extension.get("nextLinkName") {
        Some(serde_json::Value::Null) => None,
        Some(name) => Some(name.as_str()?.to_owned()),
        // AutoRest's default when the name is left out.
        None => Some("nextLink".to_owned()),
    };
    Some(MsPageable {
        next_link,
        items: text("itemName").unwrap_or("value").to_owned(),
    })
}

/// A string field that holds the next page's URL: the one `x-ms-pageable` names, one whose
/// name says so, or `next` beside `previous`, which is how a page of links reads.
fn next_url_pattern(
    body: &PageBody<'_>,
    pageable: Option<&MsPageable>,
) -> Option<(PagePattern, String)> {
    let PageBody::Object(page) = body else {
        return None;
    };
    let is_string = |ty: &TypeRef| *ty == TypeRef::String;
    let (wire, next, why) = match pageable.and_then(|pageable| pageable.next_link.as_deref()) {
        Some(name) => (name, field(page, name, is_string)?, " (`x-ms-pageable`)"),
        None => NEXT_URL_FIELDS
            .iter()
            .find_map(|name| field(page, name, is_string).map(|next| (*name, next, "")))
            .or_else(|| {
                field(page, "previous", is_string)?;
                let next = field(page, "next", is_string)?;
                Some(("next", next, " beside `previous`"))
            })?,
    };
    let why = format!("the next page's URL in the `{wire}` field{why}");
    Some((PagePattern::NextUrl { next }, why))
}

/// A cursor parameter paired with the response field that gives the next cursor.
fn cursor_pattern(
    body: &PageBody<'_>,
    raw: &openapiv3::Operation,
    params: &[Param],
) -> Option<(PagePattern, String)> {
    let PageBody::Object(page) = body else {
        return None;
    };
    let dropshot = raw.extensions.contains_key("x-dropshot-pagination");
    let (param_names, field_names): (&[&str], &[&str]) = if dropshot {
        (&["page_token"], &["next_page"])
    } else {
        (CURSOR_PARAMS, NEXT_FIELDS)
    };
    let param = find_query(params, param_names, |ty| *ty == TypeRef::String)?;
    let (wire, next) = field_names.iter().find_map(|name| {
        field(page, name, |ty| *ty == TypeRef::String).map(|next| (*name, next))
    })?;
    let why = format!(
        "the `{}` parameter with the `{wire}` field{}",
        param.wire_name,
        if dropshot {
            " (`x-dropshot-pagination`)"
        } else {
            ""
        }
    );
    let param = param.wire_name.clone();
    Some((PagePattern::Cursor { param, next }, why))
}

/// An optional query parameter with one of `names` whose type passes `ty`.
fn find_query<'op>(
    params: &'op [Param],
    names: &[&str],
    ty: fn(&TypeRef) -> bool,
) -> Option<&'op Param> {
    params.iter().find(|param| {
        param.location == ParamLocation::Query
            && !param.required
            && names.contains(&param.wire_name.as_str())
            && ty(&param.ty)
    })
}

/// The field of `page` with the wire name `wire`, if its type passes `ty`.
fn field(page: &Struct, wire: &str, ty: fn(&TypeRef) -> bool) -> Option<PageField> {
    page.fields
        .iter()
        .find(|field| field.wire_name == wire && !field.boxed && ty(&field.ty))
        .map(|field| PageField {
            rust_name: field.rust_name.clone(),
            optional: !field.required || field.nullable,
        })
}

/// Whether a success response declares a `Link` header, or the operation an extension that
/// says it pages by one.
fn declares_link(raw: &openapiv3::Operation) -> bool {
    if raw.extensions.contains_key("x-pagination") {
        return true;
    }
    raw.responses.responses.iter().any(|(status, response)| {
        let success = match status {
            openapiv3::StatusCode::Code(code) => (200..300).contains(code),
            openapiv3::StatusCode::Range(class) => *class == 2,
        };
        let openapiv3::ReferenceOr::Item(response) = response else {
            return false;
        };
        success
            && response
                .headers
                .keys()
                .any(|name| name.eq_ignore_ascii_case("link"))
    })
}

/// The notes of a page stream: the pattern found, and how the stream walks and ends.
fn page_docs(found: &str) -> Docs {
    Docs {
        text: String::new(),
        notes: vec![
            format!("Pagination detected from {found}."),
            "Every item of every page, as one stream: the next page is fetched only when the \
             items of the last one run out and the stream is polled again, with every other \
             input kept. Each page is one call, which the client's `RetryPolicy` may retry. \
             The stream ends on an empty page, a page without a next one, or a page or cursor \
             already fetched; an error ends it after the items of the pages before."
                .to_owned(),
        ],
    }
}

/// Names the page streams `{name}_stream`, after every operation and event stream has its
/// name, so that no other name changes for them.
pub(super) fn name_page_streams(operations: &mut [Operation], operation_names: &mut Namespace) {
    for operation in operations {
        if let Some(pages) = operation.call.pages.as_mut() {
            pages.rust_name = operation_names.claim(&format!("{}_stream", operation.rust_name));
        }
    }
}
