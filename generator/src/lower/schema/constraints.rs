//! The validation keywords of a schema as one line of docs: what the Rust type cannot say
//! (`minimum`, `maxLength`, `pattern`, `uniqueItems`, a `default`, a `format` the type does
//! not imply). The client does not enforce them, the server does; the line tells the reader
//! what the server will accept before a request is refused.

use openapiv3::{Schema, SchemaKind, Type};

use crate::lower::docs;

/// The numeric bounds and other limits, whichever way `openapiv3` parsed the schema.
#[derive(Default)]
struct Limits {
    minimum: Option<(String, bool)>,
    maximum: Option<(String, bool)>,
    multiple_of: Option<String>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    pattern: Option<String>,
    min_items: Option<usize>,
    max_items: Option<usize>,
    unique_items: bool,
}

/// A number as the document would write it (`1` rather than `1.0`).
fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

fn limits(schema: &Schema) -> Limits {
    let mut limits = Limits::default();
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => {
            limits.min_length = string.min_length;
            limits.max_length = string.max_length;
            limits.pattern.clone_from(&string.pattern);
        }
        SchemaKind::Type(Type::Number(value)) => {
            limits.minimum = value
                .minimum
                .map(|bound| (number(bound), value.exclusive_minimum));
            limits.maximum = value
                .maximum
                .map(|bound| (number(bound), value.exclusive_maximum));
            limits.multiple_of = value.multiple_of.map(number);
        }
        SchemaKind::Type(Type::Integer(value)) => {
            limits.minimum = value
                .minimum
                .map(|bound| (bound.to_string(), value.exclusive_minimum));
            limits.maximum = value
                .maximum
                .map(|bound| (bound.to_string(), value.exclusive_maximum));
            limits.multiple_of = value.multiple_of.map(|step| step.to_string());
        }
        SchemaKind::Type(Type::Array(array)) => {
            limits.min_items = array.min_items;
            limits.max_items = array.max_items;
            limits.unique_items = array.unique_items;
        }
        SchemaKind::Any(any) => {
            limits.minimum = any
                .minimum
                .map(|bound| (number(bound), any.exclusive_minimum == Some(true)));
            limits.maximum = any
                .maximum
                .map(|bound| (number(bound), any.exclusive_maximum == Some(true)));
            limits.multiple_of = any.multiple_of.map(number);
            limits.min_length = any.min_length;
            limits.max_length = any.max_length;
            limits.pattern.clone_from(&any.pattern);
            limits.min_items = any.min_items;
            limits.max_items = any.max_items;
            limits.unique_items = any.unique_items == Some(true);
        }
        SchemaKind::Type(Type::Object(_) | Type::Boolean(_))
        | SchemaKind::OneOf { .. }
        | SchemaKind::AllOf { .. }
        | SchemaKind::AnyOf { .. }
        | SchemaKind::Not { .. } => {}
    }
    limits
}

/// A range in words: `from 1 to 10 characters`, `at least 1 item`, `at most 64 characters`.
fn range(low: Option<usize>, high: Option<usize>, unit: &str) -> Option<String> {
    let plural = |count: usize| if count == 1 { "" } else { "s" };
    match (low, high) {
        (Some(low), Some(high)) if low == high => {
            Some(format!("exactly {low} {unit}{}", plural(low)))
        }
        (Some(low), Some(high)) => Some(format!("{low} to {high} {unit}s")),
        (Some(0), None) | (None, None) => None,
        (Some(low), None) => Some(format!("at least {low} {unit}{}", plural(low))),
        (None, Some(high)) => Some(format!("at most {high} {unit}{}", plural(high))),
    }
}

/// The constraints line of a schema (`Constraints: at least `0`; at most `100`.`), when it has
/// any the Rust type does not already say.
pub(in crate::lower) fn constraints_note(schema: &Schema) -> Option<String> {
    let limits = limits(schema);
    let mut parts = Vec::new();
    if let Some((bound, exclusive)) = &limits.minimum {
        let word = if *exclusive {
            "greater than"
        } else {
            "at least"
        };
        parts.push(format!("{word} {}", docs::code(bound)));
    }
    if let Some((bound, exclusive)) = &limits.maximum {
        let word = if *exclusive { "less than" } else { "at most" };
        parts.push(format!("{word} {}", docs::code(bound)));
    }
    if let Some(step) = &limits.multiple_of {
        parts.push(format!("a multiple of {}", docs::code(step)));
    }
    parts.extend(range(limits.min_length, limits.max_length, "character"));
    if let Some(pattern) = &limits.pattern {
        parts.push(format!("matches {}", docs::code(pattern)));
    }
    parts.extend(range(limits.min_items, limits.max_items, "item"));
    if limits.unique_items {
        parts.push("no item twice".to_owned());
    }
    if let Some(default) = &schema.schema_data.default {
        parts.push(format!("defaults to {}", docs::code(&default.to_string())));
    }
    (!parts.is_empty()).then(|| format!("Constraints: {}.", parts.join("; ")))
}

/// Whether a `format` says something the Rust type does not: `date-time` (the runtime's
/// `DateTime`), `decimal` (`Decimal`), `double` (`f64`) and the integer widths (the integer
/// type) say nothing more; `uuid`, `email`, `date`, `float` and the rest do.
pub(in crate::lower) fn format_is_news(format: &str) -> bool {
    !matches!(
        format,
        "date-time"
            | "decimal"
            | "double"
            | "int8"
            | "int16"
            | "int32"
            | "int64"
            | "int128"
            | "uint8"
            | "uint16"
            | "uint32"
            | "uint64"
            | "uint128"
    )
}
