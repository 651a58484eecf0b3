//! `builders.rs`: a builder for every struct and multipart form that has a required field
//! (those derive no `Default`; see `lower/finish/defaults.rs`). Each is named as its model,
//! in the `builders` module: `models::Invoice::builder()` gives a `builders::Invoice`, whose
//! setters take anything convertible into the field's type, and whose `build` returns the
//! model or a `runtime::MissingFields` naming every required field left unset. The file is
//! only generated when some model has a builder.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::features::{gate_attrs, gated_all};
use super::{emit_docs, emit_type_with, ident, Chunk};
use crate::ir::{
    Api, Construction, Docs, FeatureId, Model, ModelBuilder, ModelKind, MultipartKind,
};

/// One field as its builder sees it.
struct BuilderField<'api> {
    /// The model's field.
    field: Ident,
    /// The builder's setter for it.
    setter: Ident,
    /// The value a setter takes: the field's type without the `Option` optionality adds.
    value: TokenStream,
    /// Whether `build` refuses without it.
    required: bool,
    /// Whether a required field may be `null` (its field is an `Option` all the same).
    nullable: bool,
    docs: &'api Docs,
    /// The note of the model field's `#[deprecated]`, which its setter carries too.
    deprecated: Option<&'api str>,
}

/// The models with a builder, by name.
fn built_models(api: &Api) -> Vec<(&Model, &ModelBuilder)> {
    api.models_by_name()
        .into_iter()
        .filter_map(|model| Some((model, model.kind.builder()?)))
        .collect()
}

/// Whether the crate has a `builders` module.
pub(crate) fn has_builders(api: &Api) -> bool {
    !built_models(api).is_empty()
}

/// The whole `builders.rs`, in chunks: module docs, then one builder per model, by name.
pub(crate) fn emit_builders(api: &Api) -> impl Iterator<Item = Chunk> + '_ {
    let docs = quote! {
        #![doc = " Builders for the models that have required fields: set the fields, then `build`, which refuses while a required field is unset."]
    };
    std::iter::once(docs.into()).chain(built_models(api).into_iter().map(|(model, builder)| {
        let gates: Vec<FeatureId> = model.feature.into_iter().chain(builder.feature).collect();
        gated_all(api, &gates, emit_builder(api, model, builder))
    }))
}

/// `Model::builder()`, for a struct or form that has a builder, gated like the builder (the
/// model's own gate is on the model's chunk already).
pub(crate) fn emit_builder_entry(
    api: &Api,
    name: &Ident,
    construction: &Construction,
) -> Option<TokenStream> {
    let Construction::Builder(builder) = construction else {
        return None;
    };
    let gate = gate_attrs(api, builder.feature);
    let needs = builder.feature.map(|feature| {
        let note = format!(
            " Needs the cargo feature `{}` (which `mock` turns on).",
            api.feature(feature).name
        );
        quote! {
            ///
            #[doc = #note]
        }
    });
    Some(quote! {
        #gate
        impl #name {
            /// A builder to set the fields one by one; its `build` refuses while a required
            /// field is unset.
            #needs
            pub fn builder() -> super::builders::#name {
                <super::builders::#name as ::std::default::Default>::default()
            }
        }
    })
}

/// The fields of a model with a builder, paired with their setters.
fn builder_fields<'api>(
    api: &Api,
    model: &'api Model,
    builder: &'api ModelBuilder,
) -> Vec<BuilderField<'api>> {
    let models = quote! { super::models:: };
    let setters = builder.setters.iter().map(|setter| ident(setter));
    match &model.kind {
        ModelKind::Struct(structure) => structure
            .fields
            .iter()
            .zip(setters)
            .map(|(field, setter)| {
                let ty = emit_type_with(api, &field.ty, &models);
                BuilderField {
                    field: ident(&field.rust_name),
                    setter,
                    value: if field.boxed {
                        quote! { ::std::boxed::Box<#ty> }
                    } else {
                        ty
                    },
                    required: field.required,
                    nullable: field.nullable,
                    docs: &field.docs,
                    deprecated: field.deprecated.as_deref(),
                }
            })
            .collect(),
        ModelKind::MultipartForm(form) => form
            .fields
            .iter()
            .zip(setters)
            .map(|(field, setter)| BuilderField {
                field: ident(&field.rust_name),
                setter,
                value: part_type(api, &field.kind),
                required: field.required,
                nullable: false,
                docs: &field.docs,
                deprecated: None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The type of a multipart part's value, as seen from `builders.rs` and `models.rs` alike.
pub(crate) fn part_type(api: &Api, kind: &MultipartKind) -> TokenStream {
    match kind {
        MultipartKind::File => quote! { super::runtime::FilePart },
        MultipartKind::Files => quote! { ::std::vec::Vec<super::runtime::FilePart> },
        MultipartKind::Text(ty) | MultipartKind::Json(ty) => {
            emit_type_with(api, ty, &quote! { super::models:: })
        }
    }
}

fn emit_builder(api: &Api, model: &Model, builder: &ModelBuilder) -> TokenStream {
    let name = ident(&model.rust_name);
    let fields = builder_fields(api, model, builder);
    let additional = additional_map(api, model, builder);
    let slots = fields.iter().map(|field| {
        let name = &field.field;
        let value = &field.value;
        if field.required && field.nullable {
            quote! { #name: ::std::option::Option<::std::option::Option<#value>>, }
        } else {
            quote! { #name: ::std::option::Option<#value>, }
        }
    });
    let additional_slot = additional.as_ref().map(|(field, _, values)| {
        quote! { #field: ::std::collections::BTreeMap<::std::string::String, #values>, }
    });
    let setters = fields.iter().map(emit_setter);
    let additional_setter = additional.as_ref().map(|(field, setter, values)| {
        quote! {
            /// Sets the properties the schema does not name, by name.
            pub fn #setter(mut self, value: ::std::collections::BTreeMap<::std::string::String, #values>) -> Self {
                self.#field = value;
                self
            }
        }
    });
    let build = emit_build(
        model,
        &fields,
        additional.as_ref().map(|(field, _, _)| field),
    );
    let doc = format!(
        " Builds a [`{0}`](super::models::{0}) field by field: `build` refuses while a required field is unset.",
        model.rust_name
    );
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Default)]
        pub struct #name {
            #(#slots)*
            #additional_slot
        }

        impl #name {
            #(#setters)*
            #additional_setter
            #build
        }

        impl ::std::convert::TryFrom<#name> for super::models::#name {
            type Error = super::runtime::MissingFields;

            fn try_from(builder: #name) -> ::std::result::Result<Self, Self::Error> {
                builder.build()
            }
        }
    }
}

/// The map of other properties of a struct that has one: its field, setter and value type.
fn additional_map(
    api: &Api,
    model: &Model,
    builder: &ModelBuilder,
) -> Option<(Ident, Ident, TokenStream)> {
    let ModelKind::Struct(structure) = &model.kind else {
        return None;
    };
    let additional = structure.additional.as_ref()?;
    let setter = builder
        .additional_setter
        .as_ref()
        .expect("lowering names a setter for a struct's map of other properties");
    let values = emit_type_with(api, &additional.ty, &quote! { super::models:: });
    Some((ident(&additional.rust_name), ident(setter), values))
}

/// A setter: anything convertible into the value; a required nullable field takes the
/// `Option` itself, so that `None` (sent as `null`) can be set on purpose.
fn emit_setter(field: &BuilderField<'_>) -> TokenStream {
    let docs = emit_docs(field.docs);
    let docs = match field.deprecated {
        Some(note) => quote! { #docs #[deprecated(note = #note)] },
        None => docs,
    };
    let (name, setter, value) = (&field.field, &field.setter, &field.value);
    if field.required && field.nullable {
        quote! {
            #docs
            pub fn #setter(mut self, value: ::std::option::Option<#value>) -> Self {
                self.#name = ::std::option::Option::Some(value);
                self
            }
        }
    } else {
        quote! {
            #docs
            pub fn #setter(mut self, value: impl ::std::convert::Into<#value>) -> Self {
                self.#name = ::std::option::Option::Some(value.into());
                self
            }
        }
    }
}

/// `build`: the model when every required field is set, else every unset one, by name.
fn emit_build(
    model: &Model,
    fields: &[BuilderField<'_>],
    additional: Option<&Ident>,
) -> TokenStream {
    let name = ident(&model.rust_name);
    let model_name = &model.rust_name;
    let required: Vec<&BuilderField<'_>> = fields.iter().filter(|field| field.required).collect();
    let checks = required.iter().map(|field| {
        let (name, shown) = (&field.field, field.setter.to_string());
        quote! {
            if self.#name.is_none() {
                missing.push(#shown);
            }
        }
    });
    let required_names: Vec<&Ident> = required.iter().map(|field| &field.field).collect();
    // The bindings are numbered rather than named after the fields: a field named `_1` would
    // make a binding Clippy refuses.
    let bindings: Vec<Ident> = (0..required.len())
        .map(|index| quote::format_ident!("value_{}", index))
        .collect();
    let mut required_bindings = bindings.iter();
    let mut values = Vec::new();
    for field in fields {
        let name = &field.field;
        let binding = if field.required {
            required_bindings.next()
        } else {
            None
        };
        values.push(match binding {
            Some(binding) => quote! { #name: #binding, },
            None => quote! { #name: self.#name, },
        });
    }
    let additional = additional.map(|field| quote! { #field: self.#field, });
    // Building the model names its deprecated fields, which is no use of them by the user;
    // the user's use is the call of the deprecated setter.
    let allow_deprecated = fields
        .iter()
        .any(|field| field.deprecated.is_some())
        .then(|| quote! { #[allow(deprecated)] });
    quote! {
        /// The model, or the required fields left unset, every one of them named.
        #allow_deprecated
        pub fn build(self) -> ::std::result::Result<super::models::#name, super::runtime::MissingFields> {
            let mut missing = ::std::vec::Vec::new();
            #(#checks)*
            match (#(self.#required_names,)*) {
                (#(::std::option::Option::Some(#bindings),)*) => ::std::result::Result::Ok(super::models::#name {
                    #(#values)*
                    #additional
                }),
                _ => ::std::result::Result::Err(super::runtime::MissingFields::new(#model_name, missing)),
            }
        }
    }
}
