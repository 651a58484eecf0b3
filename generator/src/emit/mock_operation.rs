//! One operation's part of the generated `mock` module: its expectation type (typed matchers
//! for the path, each other parameter and the body; typed answers for its documented success
//! and error bodies; raw answers, delays and faults), the facts the server checks its
//! requests against, and the `Server` method that starts it. Everything for one operation is
//! one token stream, so that it can be wrapped in attributes as a whole.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::builders::{input_type, Input};
use super::requests::{emit_operation_spec, emit_param, emit_path, method_name, Inputs};
use super::{emit_type_with, ident, model_of};
use crate::ir::{
    Api, Body, BodyKind, ModelKind, Operation, Outcome, Param, ParamLocation, ParamStyle,
    ResponseBody, Status, StatusEnum, StatusVariant, TypeRef,
};

/// The expectation type, its `Server` method and its impl, for one operation.
pub(crate) fn emit_mock_operation(api: &Api, operation: &Operation) -> TokenStream {
    let expectation = ident(&operation.mock.expectation);
    let method = ident(&operation.mock.method);
    let client_method = &operation.rust_name;
    let type_doc = format!(
        " An expectation of [`Client::{client_method}`](super::Client::{client_method}) \
         requests, started by [`Server::{}`]: add matchers, then give the answer.",
        operation.mock.method
    );
    let method_doc = format!(
        " Expects a request of `{}` (`{} {}`): matchers narrow which requests it takes, and a \
         `respond_…` call registers it. Unless `.times(n)` says otherwise it must be met at \
         least once.",
        operation_id(operation),
        method_name(operation.method).to_ascii_uppercase(),
        operation.path_template.replace('`', "'"),
    );
    let facts = emit_operation_facts(api, operation);
    let matchers = emit_matchers(api, operation);
    let answers = emit_answers(api, operation);
    let common = emit_common_methods();
    quote! {
        #[doc = #type_doc]
        #[must_use = "an expectation is registered only when an answer (`respond_…`) is given"]
        pub struct #expectation<'a> {
            inner: super::runtime::mock::ExpectationBuilder<'a>,
        }

        impl Server {
            #[doc = #method_doc]
            pub fn #method(&self) -> #expectation<'_> {
                #expectation { inner: self.inner.expect(#expectation::operation()) }
            }
        }

        impl<'a> #expectation<'a> {
            #facts
            #matchers
            #answers
            #common
        }
    }
}

/// The methods every expectation type has, whatever its operation: a delay, and matchers
/// on the whole request and on the raw body.
fn emit_common_methods() -> TokenStream {
    quote! {
        /// Waits this long before answering (to test the client's timeout).
        pub fn delay(self, delay: ::std::time::Duration) -> Self {
            Self { inner: self.inner.delay(delay) }
        }

        /// Takes only requests `predicate` accepts.
        pub fn matching(
            self,
            predicate: impl Fn(&super::runtime::mock::ReceivedRequest) -> bool + ::std::marker::Send + ::std::marker::Sync + 'static,
        ) -> Self {
            Self { inner: self.inner.matching(predicate) }
        }

        /// Takes only requests whose raw body bytes `predicate` accepts.
        pub fn with_raw_body(
            self,
            predicate: impl Fn(&[u8]) -> bool + ::std::marker::Send + ::std::marker::Sync + 'static,
        ) -> Self {
            Self { inner: self.inner.raw_body(predicate) }
        }
    }
}

/// The name reports use: the `operationId`, or the method name without one.
fn operation_id(operation: &Operation) -> &str {
    operation
        .operation_id
        .as_deref()
        .unwrap_or(&operation.rust_name)
}

/// `fn operation()`: the facts the server checks a request of this operation against.
fn emit_operation_facts(api: &Api, operation: &Operation) -> TokenStream {
    let operation_id = operation_id(operation);
    let method = ident(method_name(operation.method));
    let template = &operation.path_template;
    let required = operation
        .params
        .iter()
        .filter(|param| param.required && is_checkable(api, param))
        .map(|param| {
            let location = ident(match param.location {
                ParamLocation::Query | ParamLocation::Path => "Query",
                ParamLocation::Header => "Header",
                ParamLocation::Cookie => "Cookie",
            });
            let name = &param.wire_name;
            quote! {
                super::runtime::mock::MockParam {
                    location: super::runtime::mock::MockLocation::#location,
                    name: #name,
                }
            }
        });
    let body = match &operation.request_body {
        Some(body) => {
            let body = emit_body_facts(api, body);
            quote! { ::std::option::Option::Some(#body) }
        }
        None => quote! { ::std::option::Option::None },
    };
    let basic_auth = operation.mock.basic_auth;
    quote! {
        fn operation() -> &'static super::runtime::mock::MockOperation {
            static OPERATION: super::runtime::mock::MockOperation = super::runtime::mock::MockOperation {
                operation_id: #operation_id,
                method: super::runtime::HttpMethod::#method,
                path_template: #template,
                required: &[#(#required),*],
                body: #body,
                basic_auth: #basic_auth,
            };
            &OPERATION
        }
    }
}

/// Whether the presence of a parameter outside the path can be seen in a request: an
/// exploded `form` object is written as its properties' pairs, without its own name.
fn is_checkable(api: &Api, param: &Param) -> bool {
    if param.location == ParamLocation::Path {
        return false;
    }
    let object = match &param.ty {
        TypeRef::Map(_) => true,
        TypeRef::Model(_) => model_of(api, &param.ty).is_some_and(|model| {
            !matches!(
                model.kind,
                ModelKind::StringEnum(_) | ModelKind::IntegerEnum(_)
            )
        }),
        _ => false,
    };
    !(object && param.style == ParamStyle::Form && param.explode)
}

/// The body facts: whether it is required, its type's name, and its decoder (JSON only).
fn emit_body_facts(api: &Api, body: &Body) -> TokenStream {
    let required = body.required;
    let (type_name, decode) = match &body.kind {
        BodyKind::Json(ty) => {
            let rust = emit_type_with(api, ty, &quote! { super::models:: });
            let name = match model_of(api, ty) {
                Some(model) => model.rust_name.clone(),
                None => "the JSON body type".to_owned(),
            };
            (
                name,
                quote! { ::std::option::Option::Some(super::runtime::mock::check_json::<#rust>) },
            )
        }
        BodyKind::Form(_) => ("a form".to_owned(), quote! { ::std::option::Option::None }),
        BodyKind::Multipart(_) => (
            "a multipart form".to_owned(),
            quote! { ::std::option::Option::None },
        ),
        BodyKind::Text => ("text".to_owned(), quote! { ::std::option::Option::None }),
        BodyKind::Binary => ("bytes".to_owned(), quote! { ::std::option::Option::None }),
    };
    quote! {
        super::runtime::mock::MockBody {
            required: #required,
            type_name: #type_name,
            decode: #decode,
        }
    }
}

/// `with_path` (every path parameter, written as the client writes them), one `with_…` per
/// other parameter, and `with_body` for a JSON or text body.
fn emit_matchers(api: &Api, operation: &Operation) -> TokenStream {
    let spec = emit_operation_spec(operation, &operation.call.accept);
    let path_params: Vec<&Param> = operation
        .params
        .iter()
        .filter(|param| param.location == ParamLocation::Path)
        .collect();
    let with_path = (!path_params.is_empty()).then(|| {
        let arguments = path_params.iter().map(|param| argument(api, param));
        let path = emit_path(operation, Inputs::Arguments);
        quote! {
            /// Takes only requests whose path holds these path parameters.
            pub fn with_path(self, #(#arguments),*) -> Self {
                #spec
                let mut request = super::runtime::Request::new(&OPERATION);
                #(#path)*
                Self { inner: self.inner.path_of(&request) }
            }
        }
    });
    let with_params = operation.mock.matchers.iter().map(|(index, name)| {
        let param = operation
            .params
            .get(*index)
            .expect("a mock matcher names one of its operation's parameters (lowering)");
        let method = ident(name);
        let argument = argument(api, param);
        let call = emit_param(param, Inputs::Arguments);
        let doc = format!(
            " Takes only requests whose `{}` {} is this value.",
            param.wire_name.replace('`', "'"),
            location_word(param.location)
        );
        quote! {
            #[doc = #doc]
            pub fn #method(self, #argument) -> Self {
                #spec
                let mut request = super::runtime::Request::new(&OPERATION);
                #call
                Self { inner: self.inner.params_of(&request) }
            }
        }
    });
    let with_body = operation
        .request_body
        .as_ref()
        .and_then(|body| emit_with_body(api, body));
    quote! {
        #with_path
        #(#with_params)*
        #with_body
    }
}

/// `name: Type`, as the client takes the parameter.
fn argument(api: &Api, param: &Param) -> TokenStream {
    let name = ident(&param.rust_name);
    let ty = input_type(api, &Input::Param(param), &TokenStream::new());
    quote! { #name: #ty }
}

fn location_word(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path parameter",
        ParamLocation::Query => "query parameter",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

/// `with_body` for a JSON body (decoded as its type) or a text body.
fn emit_with_body(api: &Api, body: &Body) -> Option<TokenStream> {
    match &body.kind {
        BodyKind::Json(ty) => {
            let rust = emit_type_with(api, ty, &quote! { super::models:: });
            Some(quote! {
                /// Takes only requests whose body decodes as the operation's body type and
                /// satisfies `predicate`.
                pub fn with_body(
                    self,
                    predicate: impl Fn(&#rust) -> bool + ::std::marker::Send + ::std::marker::Sync + 'static,
                ) -> Self {
                    Self { inner: self.inner.json_body(predicate) }
                }
            })
        }
        BodyKind::Text => Some(quote! {
            /// Takes only requests whose text body satisfies `predicate`.
            pub fn with_body(
                self,
                predicate: impl Fn(&str) -> bool + ::std::marker::Send + ::std::marker::Sync + 'static,
            ) -> Self {
                Self { inner: self.inner.text_body(predicate) }
            }
        }),
        BodyKind::Form(_) | BodyKind::Multipart(_) | BodyKind::Binary => None,
    }
}

/// The answers: `respond_ok` and `respond_status` typed by the documented bodies (the
/// client's enum of them when they differ by status), then the raw and faulty ones.
fn emit_answers(api: &Api, operation: &Operation) -> TokenStream {
    let ok_status = Literal::u16_unsuffixed(operation.mock.ok_status);
    let respond_ok = typed_answer(api, &operation.call.success).map(|(parameter, call)| {
        let doc = match &operation.call.success {
            Outcome::ByStatus(_) => {
                " Answers with this body and the status its variant stands for (a range \
                 variant with the first documented success status), as the API documents its \
                 successes."
                    .to_owned()
            }
            _ => format!(
                " Answers `{}` with this body, as the API documents its success.",
                operation.mock.ok_status
            ),
        };
        quote! {
            #[doc = #doc]
            pub fn respond_ok(self, #parameter) -> super::runtime::mock::Registered<'a> {
                let status = #ok_status;
                #call
            }
        }
    });
    let status_doc = match &operation.call.error {
        Outcome::ByStatus(_) => {
            " Answers with this body, as the API documents its errors: with \
             the status its variant stands for, or `status` for a range or `default` variant."
        }
        _ => " Answers `status` with this body, as the API documents its errors.",
    };
    let respond_status = typed_answer(api, &operation.call.error).map(|(parameter, call)| {
        quote! {
            #[doc = #status_doc]
            pub fn respond_status(self, status: u16, #parameter) -> super::runtime::mock::Registered<'a> {
                #call
            }
        }
    });
    let untyped = emit_untyped_answers();
    quote! {
        #respond_ok
        #respond_status
        #untyped
    }
}

/// The answers of any status and body, and the faults.
fn emit_untyped_answers() -> TokenStream {
    quote! {
        /// Answers `status` with the JSON of `body`, any type.
        pub fn respond_json<T: ::serde::Serialize + ?Sized>(self, status: u16, body: &T) -> super::runtime::mock::Registered<'a> {
            self.inner.respond_json(status, body)
        }

        /// Answers `status` with these bytes and `Content-Type` (none for `None`): any
        /// status, documented or not.
        pub fn respond_raw(
            self,
            status: u16,
            content_type: ::std::option::Option<&str>,
            body: impl ::std::convert::Into<super::runtime::Bytes>,
        ) -> super::runtime::mock::Registered<'a> {
            self.inner.respond_raw(status, content_type, body)
        }

        /// Answers `status` with the first bytes of a body whose `Content-Length` promises
        /// `promised` bytes, then closes the connection: a body cut short.
        pub fn respond_cut_short(
            self,
            status: u16,
            sent: impl ::std::convert::Into<super::runtime::Bytes>,
            promised: usize,
        ) -> super::runtime::mock::Registered<'a> {
            self.inner.respond_cut_short(status, sent, promised)
        }

        /// Closes the connection without answering.
        pub fn drop_connection(self) -> super::runtime::mock::Registered<'a> {
            self.inner.drop_connection()
        }
    }
}

/// The body parameter and the answering call of a typed answer with `status` in scope.
fn typed_answer(api: &Api, outcome: &Outcome) -> Option<(TokenStream, TokenStream)> {
    match outcome {
        Outcome::Empty => Some((
            TokenStream::new(),
            quote! { self.inner.respond_raw(status, ::std::option::Option::None, super::runtime::Bytes::new()) },
        )),
        Outcome::Single(ResponseBody::Json(ty)) => {
            let rust = emit_type_with(api, ty, &quote! { super::models:: });
            Some((
                quote! { body: #rust },
                quote! { self.inner.respond_json(status, &body) },
            ))
        }
        Outcome::Single(ResponseBody::Text) => Some((
            quote! { body: impl ::std::convert::Into<::std::string::String> },
            quote! {
                self.inner.respond_raw(
                    status,
                    ::std::option::Option::Some("text/plain; charset=utf-8"),
                    ::std::convert::Into::<::std::string::String>::into(body),
                )
            },
        )),
        Outcome::Single(ResponseBody::Binary) => Some((
            quote! { body: impl ::std::convert::Into<super::runtime::Bytes> },
            quote! {
                self.inner.respond_raw(status, ::std::option::Option::Some("application/octet-stream"), body)
            },
        )),
        Outcome::ByStatus(status_enum) => Some(by_status_answer(status_enum)),
    }
}

/// A typed answer for bodies that differ by status: the client's enum of them, answered
/// with the variant's own status (a range or `default` variant with `status`).
fn by_status_answer(status_enum: &StatusEnum) -> (TokenStream, TokenStream) {
    let name = ident(&status_enum.rust_name);
    let codes = status_enum.variants.iter().map(|variant| {
        let pattern = variant_pattern(&name, variant, quote! { _ });
        let code = match variant.status {
            Status::Code(code) => {
                let code = Literal::u16_unsuffixed(code);
                quote! { ::std::option::Option::Some(#code) }
            }
            Status::Range(_) | Status::Default => quote! { ::std::option::Option::None },
        };
        quote! { #pattern => #code, }
    });
    let answers = status_enum.variants.iter().map(|variant| {
        let pattern = variant_pattern(&name, variant, quote! { body });
        let answer = match &variant.body {
            Some(ResponseBody::Json(_)) => quote! { self.inner.respond_json(status, &body) },
            Some(ResponseBody::Text) => quote! {
                self.inner.respond_raw(status, ::std::option::Option::Some("text/plain; charset=utf-8"), body)
            },
            Some(ResponseBody::Binary) => quote! {
                self.inner.respond_raw(status, ::std::option::Option::Some("application/octet-stream"), body)
            },
            None => quote! {
                self.inner.respond_raw(status, ::std::option::Option::None, super::runtime::Bytes::new())
            },
        };
        quote! { #pattern => #answer, }
    });
    (
        quote! { body: super::client::#name },
        quote! {
            let code: ::std::option::Option<u16> = match &body { #(#codes)* };
            let status = code.unwrap_or(status);
            match body { #(#answers)* }
        },
    )
}

/// `Enum::Variant(binding)`, or `Enum::Variant` for a variant without a body.
fn variant_pattern(name: &Ident, variant: &StatusVariant, binding: TokenStream) -> TokenStream {
    let variant_name = ident(&variant.rust_name);
    match variant.body {
        Some(_) => quote! { super::client::#name::#variant_name(#binding) },
        None => quote! { super::client::#name::#variant_name },
    }
}
