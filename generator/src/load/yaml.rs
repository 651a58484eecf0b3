//! YAML text → a plain value, with syntax errors located by line and column; and the
//! normalisation both formats go through.
//!
//! YAML is richer than JSON, and three of its features appear in real documents: keys that
//! are numbers or booleans (`200:` under `responses`), which are read as their text; tags,
//! which are dropped; and `.inf`/`.nan`, which JSON cannot hold and are read as absent with a
//! warning (they only ever appear in validation keywords or examples).

use serde_yaml::{Mapping, Value};

use super::Trail;
use crate::error::{Collector, Diagnostic, Errors, Location};

/// Parses `text` as YAML.
pub(super) fn parse_yaml(text: &str, problems: &mut Collector) -> Result<Value, Errors> {
    let yaml: Value = serde_yaml::from_str(text).map_err(|error| {
        let location = error.location().map(|location| Location {
            line: location.line(),
            column: location.column(),
        });
        Errors::from(Diagnostic {
            location,
            ..Diagnostic::error("#", format!("invalid YAML: {error}"))
        })
    })?;
    Ok(normalize(yaml, &Trail::ROOT, problems))
}

/// The value with string keys only, no tags, and no number JSON cannot hold. Recursion
/// follows the document's nesting, which the parsers have already limited (serde_yaml and
/// serde_json both refuse documents nested more than 128 levels deep).
pub(super) fn normalize(value: Value, trail: &Trail<'_>, problems: &mut Collector) -> Value {
    match value {
        Value::Number(number) if number.is_nan() || number.is_infinite() => {
            problems.warn(
                trail.pointer(),
                format!(
                    "the number `{number}` cannot be represented in JSON; it is read as absent"
                ),
            );
            Value::Null
        }
        Value::Sequence(items) => Value::Sequence(
            items
                .into_iter()
                .enumerate()
                .map(|(index, item)| normalize(item, &trail.index(index), problems))
                .collect(),
        ),
        Value::Mapping(mapping) => {
            let mut normalized = Mapping::with_capacity(mapping.len());
            for (key, value) in mapping {
                let key = key_text(key);
                let child = normalize(value, &trail.key(&key), problems);
                normalized.insert(Value::String(key), child);
            }
            Value::Mapping(normalized)
        }
        Value::Tagged(tagged) => normalize(tagged.value, trail, problems),
        other => other,
    }
}

/// A mapping key as text: YAML allows `200:` or `true:` where JSON has strings.
fn key_text(key: Value) -> String {
    match key {
        Value::String(text) => text,
        Value::Bool(boolean) => boolean.to_string(),
        Value::Number(number) => number.to_string(),
        Value::Null => "null".to_owned(),
        Value::Tagged(tagged) => key_text(tagged.value),
        other @ (Value::Sequence(_) | Value::Mapping(_)) => serde_yaml::to_string(&other)
            .unwrap_or_default()
            .trim()
            .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_number_keys_as_text_and_infinities_as_absent() {
        let mut problems = Collector::default();
        let value = parse_yaml(
            "responses:\n  200: {description: ok}\n  true: x\nmaximum: .inf\ntagged: !t 3\nb: 1\na: 2\n",
            &mut problems,
        )
        .expect("valid YAML");
        assert_eq!(value["responses"]["200"]["description"], Value::from("ok"));
        assert_eq!(value["responses"]["true"], Value::from("x"));
        assert_eq!(value["maximum"], Value::Null);
        assert_eq!(value["tagged"], Value::from(3));
        let keys: Vec<&str> = value
            .as_mapping()
            .map(|mapping| mapping.keys().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        assert_eq!(
            keys,
            ["responses", "maximum", "tagged", "b", "a"],
            "key order is kept"
        );
        let (_, warnings) = problems.finish_with_warnings(()).expect("no errors");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].pointer, "#/maximum");
    }

    #[test]
    fn locates_syntax_errors() {
        let mut problems = Collector::default();
        let errors = parse_yaml("openapi: 3.0.3\ninfo: {title: t\n", &mut problems)
            .expect_err("unclosed mapping");
        assert!(errors.0[0]
            .location
            .is_some_and(|location| location.line > 1));
    }
}
