//! Enum schemas → open enums. Variant names come from `x-enum-varnames` when present (else
//! from the values), variant docs from `x-enum-descriptions`; both lists must have one entry
//! per value. A `null` entry is allowed only with `nullable: true`, and then stands for the
//! field being `None` rather than for a variant. Duplicate values are an error, because
//! they would make the generated `match` arms overlap.

use openapiv3::{IntegerFormat, IntegerType, SchemaData, VariantOrUnknownOrEmpty};

use super::docs;
use super::Lowerer;
use crate::ir::{IntegerEnum, IntegerRepr, IntegerVariant, StringEnum, StringVariant};
use crate::names::{self, Namespace};
use crate::pointer;

/// The per-value extension lists of an enum.
#[derive(Default)]
struct EnumExtensions {
    names: Option<Vec<String>>,
    descriptions: Option<Vec<String>>,
}

impl EnumExtensions {
    fn name(&self, index: usize) -> Option<&str> {
        self.names
            .as_ref()
            .and_then(|names| names.get(index))
            .map(String::as_str)
    }

    fn description(&self, index: usize) -> Option<&str> {
        self.descriptions
            .as_ref()
            .and_then(|descriptions| descriptions.get(index))
            .map(String::as_str)
    }
}

impl<'spec> Lowerer<'spec> {
    pub(super) fn lower_string_enum(
        &mut self,
        enumeration: &[Option<String>],
        data: &SchemaData,
        at: &str,
    ) -> Option<StringEnum> {
        // Both checks run before either failure stops the enum, so all problems are reported.
        let values = self.enum_values(enumeration, data, at);
        let extensions = self.enum_extensions(data, at, enumeration.len());
        let (values, extensions) = (values?, extensions?);
        let mut variant_names = Namespace::new(names::VARIANT);
        let mut variants = Vec::new();
        for (position, value) in values {
            let rust_name = variant_names.claim(extensions.name(position).unwrap_or(value));
            let description = extensions.description(position);
            let fallback = || format!("The {} value.", docs::code(value));
            let mut variant_docs = docs::docs(
                description.and_then(|text| docs::join_text(&[Some(text)])),
                fallback,
            );
            if description.is_some() {
                variant_docs
                    .notes
                    .push(format!("Wire value: {}.", docs::code(value)));
            }
            variants.push(StringVariant {
                rust_name,
                value: value.clone(),
                docs: variant_docs,
            });
        }
        let catch_all = variant_names.claim_catch_all();
        Some(StringEnum {
            variants,
            catch_all,
        })
    }

    pub(super) fn lower_integer_enum(
        &mut self,
        integer: &IntegerType,
        data: &SchemaData,
        at: &str,
    ) -> Option<IntegerEnum> {
        let values = self.enum_values(&integer.enumeration, data, at);
        let extensions = self.enum_extensions(data, at, integer.enumeration.len());
        let (values, extensions) = (values?, extensions?);
        let repr = match integer.format {
            VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => IntegerRepr::I32,
            _ => IntegerRepr::I64,
        };
        let mut variant_names = Namespace::new(names::VARIANT);
        let mut variants = Vec::new();
        for (position, &value) in values {
            if repr == IntegerRepr::I32 && i32::try_from(value).is_err() {
                let message = format!("enum value `{value}` does not fit format `int32`; expected values from {} to {}", i32::MIN, i32::MAX);
                self.errors.push(
                    pointer::index(&pointer::child(at, "enum"), position),
                    message,
                );
                continue;
            }
            let name = extensions.name(position);
            let base = name.map_or_else(|| names::integer_variant_name(value), str::to_owned);
            let rust_name = variant_names.claim_with_suffix(&base, &names::integer_suffix(value));
            let description = extensions.description(position);
            variants.push(IntegerVariant {
                rust_name,
                value,
                name: name.map(str::to_owned),
                description: description.map(str::to_owned),
                docs: integer_variant_docs(value, name, description),
            });
        }
        let catch_all = variant_names.claim_catch_all();
        Some(IntegerEnum {
            repr,
            variants,
            catch_all,
        })
    }

    /// The non-null values with their positions in `enum`; checks `null` and duplicates.
    fn enum_values<'values, T: PartialEq + std::fmt::Display>(
        &mut self,
        values: &'values [Option<T>],
        data: &SchemaData,
        at: &str,
    ) -> Option<Vec<(usize, &'values T)>> {
        let enum_at = pointer::child(at, "enum");
        let mut kept: Vec<(usize, &T)> = Vec::new();
        let mut failed = false;
        for (position, value) in values.iter().enumerate() {
            match value {
                None if data.nullable => {}
                None => {
                    let message = "enum lists `null` but the schema is not nullable; expected `nullable: true` alongside it";
                    self.errors
                        .push(pointer::index(&enum_at, position), message);
                    failed = true;
                }
                Some(value) if kept.iter().any(|(_, seen)| *seen == value) => {
                    self.errors.push(
                        pointer::index(&enum_at, position),
                        format!("duplicate enum value `{value}`; expected each value once"),
                    );
                    failed = true;
                }
                Some(value) => kept.push((position, value)),
            }
        }
        (!failed).then_some(kept)
    }

    /// Reads `x-enum-varnames` and `x-enum-descriptions`, which must be lists of strings with
    /// one entry per `enum` value (`value_count`, counting any `null`).
    fn enum_extensions(
        &mut self,
        data: &SchemaData,
        at: &str,
        value_count: usize,
    ) -> Option<EnumExtensions> {
        let mut extensions = EnumExtensions::default();
        let mut failed = false;
        for (key, what) in [
            ("x-enum-varnames", "name"),
            ("x-enum-descriptions", "description"),
        ] {
            let Some(value) = data.extensions.get(key) else {
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
                None => {
                    self.errors.push(
                        key_at,
                        format!("`{key}` must be a list of strings; found `{value}`"),
                    );
                    failed = true;
                }
                Some(list) if list.len() != value_count => {
                    let message = format!(
                        "`{key}` has {} but the enum has {}; expected one entry per value",
                        count_of(list.len(), what),
                        count_of(value_count, "value")
                    );
                    self.errors.push(key_at, message);
                    failed = true;
                }
                Some(list) if key == "x-enum-varnames" => extensions.names = Some(list),
                Some(list) => extensions.descriptions = Some(list),
            }
        }
        (!failed).then_some(extensions)
    }
}

/// "1 name", "2 names".
fn count_of(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// Docs of an integer variant: its description, or a sentence naming the code.
fn integer_variant_docs(
    value: i64,
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
