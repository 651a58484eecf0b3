//! Enum schemas. The values decide the shape, with or without a `type`:
//!
//! - strings: an open string enum (a catch-all variant keeps unknown values);
//! - integers: an open integer enum in the Rust integer type of the `format` (widened, with a
//!   warning, when a value does not fit it);
//! - other numbers or booleans: the plain `f64` or `bool`, the allowed values in the docs;
//! - a mix of kinds: any JSON value, with a warning.
//!
//! `null` among the values makes the position nullable and is not a variant. A value that
//! contradicts the declared `type` (`type: string, enum: [1]`) is read as that type's text
//! where it has one, with a warning; a duplicate value is dropped, with a warning. Variant names
//! come from `x-enum-varnames` when present (else from the values), variant docs from
//! `x-enum-descriptions`; a list of the wrong length or kind is ignored, with a warning.

use serde_json::Value;

use super::classify::integer_repr;
use super::view::{Declared, SchemaView};
use crate::ir::{IntegerEnum, IntegerRepr, IntegerVariant, StringEnum, StringVariant, TypeRef};
use crate::lower::docs;
use crate::lower::Lowerer;
use crate::names::{self, Namespace};
use crate::pointer;

/// What an enum becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EnumShape {
    /// An open string enum.
    String,
    /// An open integer enum of this type.
    Integer(IntegerRepr),
    /// `f64`, with the values in the docs.
    Number,
    /// `bool`, with the values in the docs.
    Boolean,
    /// Values of several kinds: any JSON value.
    Mixed,
}

/// The per-value extension lists of an enum.
#[derive(Default)]
struct EnumExtensions {
    names: Option<Vec<String>>,
    descriptions: Option<Vec<String>>,
}

impl EnumExtensions {
    fn name(&self, index: usize) -> Option<&str> {
        self.names.as_ref()?.get(index).map(String::as_str)
    }

    fn description(&self, index: usize) -> Option<&str> {
        self.descriptions.as_ref()?.get(index).map(String::as_str)
    }
}

/// The integer a JSON value holds, if it is one.
fn integer_of(value: &Value) -> Option<i128> {
    match value {
        Value::Number(number) => number
            .as_i64()
            .map(i128::from)
            .or_else(|| number.as_u64().map(i128::from)),
        _ => None,
    }
}

impl<'spec> Lowerer<'spec> {
    /// The shape of the enum in `view`.
    pub(super) fn enum_shape(&self, view: &SchemaView<'spec>) -> EnumShape {
        let values: Vec<&Value> = view
            .enumeration
            .iter()
            .filter(|value| !value.is_null())
            .collect();
        match view.effective_type() {
            Declared::String => return EnumShape::String,
            Declared::Integer => {
                let repr = integer_repr(view.format.as_deref()).unwrap_or(IntegerRepr::I64);
                return EnumShape::Integer(widened(repr, &values));
            }
            Declared::Number => return EnumShape::Number,
            Declared::Boolean => return EnumShape::Boolean,
            _ => {}
        }
        if values.iter().all(|value| value.is_string()) {
            EnumShape::String
        } else if values.iter().all(|value| integer_of(value).is_some()) {
            let repr = integer_repr(view.format.as_deref()).unwrap_or(IntegerRepr::I64);
            EnumShape::Integer(widened(repr, &values))
        } else if values.iter().all(|value| value.is_number()) {
            EnumShape::Number
        } else if values.iter().all(|value| value.is_boolean()) {
            EnumShape::Boolean
        } else {
            EnumShape::Mixed
        }
    }

    /// The plain type of a number, boolean or mixed enum, its values noted where it is used.
    pub(super) fn lower_plain_enum(&mut self, view: &SchemaView<'spec>, at: &str) -> TypeRef {
        match self.enum_shape(view) {
            EnumShape::Number => TypeRef::F64,
            EnumShape::Boolean => TypeRef::Bool,
            EnumShape::Mixed => self.degrade(at, "an `enum` whose values are of several kinds"),
            // Model-defining shapes never come here; their type is their model.
            EnumShape::String | EnumShape::Integer(_) => TypeRef::Json,
        }
    }

    pub(super) fn lower_string_enum(&mut self, view: &SchemaView<'spec>, at: &str) -> StringEnum {
        let declared_string = view.effective_type() == Declared::String;
        let enum_at = pointer::child(at, "enum");
        let mut kept: Vec<(usize, String)> = Vec::new();
        for (position, value) in view.enumeration.iter().enumerate() {
            let value_at = pointer::index(&enum_at, position);
            let text = match value {
                Value::Null => continue,
                Value::String(text) => text.clone(),
                Value::Number(_) | Value::Bool(_) if declared_string => {
                    self.errors.warn(
                        &value_at,
                        format!("enum value `{value}` is not a string although the schema is `type: string`; it is read as the string \"{value}\""),
                    );
                    value.to_string()
                }
                other => {
                    self.errors.warn(
                        &value_at,
                        format!("enum value `{other}` is not a string; it is left out"),
                    );
                    continue;
                }
            };
            self.keep_unique(&mut kept, position, text, &value_at);
        }
        let extensions = self.enum_extensions(view, at);
        let mut variant_names = Namespace::new(names::VARIANT);
        let variants = kept
            .into_iter()
            .map(|(position, value)| {
                let rust_name = variant_names.claim(extensions.name(position).unwrap_or(&value));
                let description = extensions.description(position);
                let mut variant_docs =
                    docs::described(description.and_then(|text| docs::join_text(&[Some(text)])));
                if description.is_some() {
                    variant_docs
                        .notes
                        .push(format!("Wire value: {}.", docs::code(&value)));
                }
                StringVariant {
                    rust_name,
                    value,
                    docs: variant_docs,
                }
            })
            .collect();
        StringEnum {
            variants,
            catch_all: variant_names.claim_catch_all(),
        }
    }

    pub(super) fn lower_integer_enum(
        &mut self,
        view: &SchemaView<'spec>,
        repr: IntegerRepr,
        at: &str,
    ) -> IntegerEnum {
        let enum_at = pointer::child(at, "enum");
        let declared = integer_repr(view.format.as_deref()).unwrap_or(IntegerRepr::I64);
        if declared != repr {
            self.errors.warn(
                &enum_at,
                format!(
                    "an enum value does not fit `{}`, the type of the schema's format; the enum \
                     is read as `{}`",
                    declared.name(),
                    repr.name()
                ),
            );
        }
        let mut kept: Vec<(usize, i128)> = Vec::new();
        for (position, value) in view.enumeration.iter().enumerate() {
            let value_at = pointer::index(&enum_at, position);
            let parsed = match value {
                Value::Null => continue,
                Value::String(text) => text.trim().parse::<i128>().ok(),
                other => integer_of(other),
            };
            match parsed {
                Some(code) => self.keep_unique(&mut kept, position, code, &value_at),
                None => self.errors.warn(
                    &value_at,
                    format!("enum value `{value}` is not an integer; it is left out"),
                ),
            }
        }
        let extensions = self.enum_extensions(view, at);
        let mut variant_names = Namespace::new(names::VARIANT);
        let variants = kept
            .into_iter()
            .map(|(position, value)| {
                let name = extensions.name(position);
                let base = name.map_or_else(|| names::integer_variant_name(value), str::to_owned);
                let rust_name =
                    variant_names.claim_with_suffix(&base, &names::integer_suffix(value));
                let description = extensions.description(position);
                IntegerVariant {
                    rust_name,
                    value,
                    name: name.map(str::to_owned),
                    description: description.map(str::to_owned),
                    docs: integer_variant_docs(value, name, description),
                }
            })
            .collect();
        IntegerEnum {
            repr,
            variants,
            catch_all: variant_names.claim_catch_all(),
        }
    }

    /// Keeps `value` unless an equal one is already kept; a repeat is reported.
    fn keep_unique<T: PartialEq + std::fmt::Display>(
        &mut self,
        kept: &mut Vec<(usize, T)>,
        position: usize,
        value: T,
        at: &str,
    ) {
        if kept.iter().any(|(_, seen)| *seen == value) {
            self.errors.warn(
                at,
                format!("enum value `{value}` is listed twice; the repeat is left out"),
            );
        } else {
            kept.push((position, value));
        }
    }

    /// Reads `x-enum-varnames` and `x-enum-descriptions`, which must be lists of strings with
    /// one entry per `enum` value (counting any `null`); a list that is not is ignored.
    fn enum_extensions(&mut self, view: &SchemaView<'spec>, at: &str) -> EnumExtensions {
        let mut extensions = EnumExtensions::default();
        let value_count = view.enumeration.len();
        for key in ["x-enum-varnames", "x-enum-descriptions"] {
            let Some(value) = view.data.extensions.get(key) else {
                continue;
            };
            let key_at = pointer::child(at, key);
            let strings: Option<Vec<String>> = value.as_array().and_then(|items| {
                items
                    .iter()
                    .map(|item| item.as_str().map(str::to_owned))
                    .collect()
            });
            match strings {
                None => self.errors.warn(
                    key_at,
                    format!("`{key}` must be a list of strings; found `{value}`; it is ignored"),
                ),
                Some(list) if list.len() != value_count => {
                    let message = format!(
                        "`{key}` has {} entries but the enum has {value_count} values; expected \
                         one entry per value; it is ignored",
                        list.len()
                    );
                    self.errors.warn(key_at, message);
                }
                Some(list) if key == "x-enum-varnames" => extensions.names = Some(list),
                Some(list) => extensions.descriptions = Some(list),
            }
        }
        extensions
    }
}

/// The smallest of `repr`, `i64`, `u64` and `i128` that holds every integer value.
fn widened(repr: IntegerRepr, values: &[&Value]) -> IntegerRepr {
    let codes: Vec<i128> = values
        .iter()
        .filter_map(|value| integer_of(value))
        .collect();
    let fits = |candidate: IntegerRepr| {
        let (low, high) = candidate.range();
        codes.iter().all(|code| (low..=high).contains(code))
    };
    [repr, IntegerRepr::I64, IntegerRepr::U64, IntegerRepr::I128]
        .into_iter()
        .find(|candidate| fits(*candidate))
        .unwrap_or(IntegerRepr::I128)
}

/// Docs of an integer variant: its description, or a sentence naming the code.
fn integer_variant_docs(
    value: i128,
    name: Option<&str>,
    description: Option<&str>,
) -> crate::ir::Docs {
    let code = docs::code(&value.to_string());
    let fallback = || match name {
        Some(name) => format!("The {} code, {code}.", docs::code(name)),
        None => format!("The code {code}."),
    };
    let mut variant_docs = docs::docs(
        description.and_then(|text| docs::join_text(&[Some(text)])),
        fallback,
    );
    if description.is_some() {
        let named = name
            .map(|name| format!(", named {}", docs::code(name)))
            .unwrap_or_default();
        variant_docs
            .notes
            .push(format!("Wire value: {code}{named}."));
    }
    variant_docs
}
