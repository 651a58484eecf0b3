//! How users construct a struct or a multipart form besides a struct literal: `Default` when
//! none of its fields is required, a builder otherwise. A `Default` that filled a required
//! field would put `""` or `0` on the wire where the document says a value must be given,
//! and `Model { amount, ..Default::default() }` would compile with the other required fields
//! silently set. The builder refuses to build while a required field is unset, naming it.
//!
//! The builder fails at run time (`build` returns a `Result`) rather than at compile time
//! through typed states: a state parameter per required field would make every builder
//! generic many times over, which costs compile time in APIs with thousands of models, and
//! gives error messages about type parameters instead of field names. A struct literal is
//! still the compile-time check for users who want one.

use crate::ir::{Construction, Model, ModelBuilder, ModelKind};
use crate::names::{self, Namespace};

/// Decides the construction of every struct and form.
pub(super) fn decide_construction(models: &mut [Model]) {
    for model in models {
        match &mut model.kind {
            ModelKind::Struct(structure) => {
                let required = structure.fields.iter().any(|field| field.required);
                let fields = structure
                    .fields
                    .iter()
                    .map(|field| field.wire_name.as_str());
                let additional = structure
                    .additional
                    .as_ref()
                    .map(|additional| additional.rust_name.as_str());
                structure.construction = construction(required, fields, additional);
            }
            ModelKind::MultipartForm(form) => {
                let required = form.fields.iter().any(|field| field.required);
                let fields = form.fields.iter().map(|field| field.wire_name.as_str());
                form.construction = construction(required, fields, None);
            }
            ModelKind::StringEnum(_)
            | ModelKind::IntegerEnum(_)
            | ModelKind::TaggedUnion(_)
            | ModelKind::UntaggedUnion(_)
            | ModelKind::Alias(_)
            | ModelKind::Newtype(_) => {}
        }
    }
}

/// `Default` when nothing is required, else a builder with a setter per field. The setters
/// are named from the fields' wire names in field order, as the fields were, so each setter
/// has its field's name unless a builder method took it.
fn construction<'a>(
    required: bool,
    wire_names: impl Iterator<Item = &'a str>,
    additional: Option<&str>,
) -> Construction {
    if !required {
        return Construction::Default;
    }
    let mut setter_names = Namespace::new(names::FIELD);
    for reserved in names::BUILDER_METHODS {
        setter_names.claim(reserved);
    }
    Construction::Builder(ModelBuilder {
        setters: wire_names.map(|wire| setter_names.claim(wire)).collect(),
        additional_setter: additional.map(|field| setter_names.claim(field)),
        feature: None,
    })
}
