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

/// Parses `text` as YAML. An integer beyond 64 bits (`minimum: -9223372036854776000`, which
/// real documents write where they mean the smallest `int64`) is read as the nearest float,
/// with a warning: serde_yaml refuses such a number, and it only ever appears in validation
/// keywords or examples, which the generator does not type by.
pub(super) fn parse_yaml(text: &str, problems: &mut Collector) -> Result<Value, Errors> {
    match serde_yaml::from_str::<Value>(text) {
        Err(error)
            if error.to_string().contains(" as i128") || error.to_string().contains(" as u128") =>
        {
            let widened = widen_huge_integers(text, problems);
            parse_exact(&widened, problems)
        }
        _ => parse_exact(text, problems),
    }
}

/// The text with every plain integer beyond 64 bits written as the nearest float, each with a
/// warning at its pointer.
fn widen_huge_integers(text: &str, problems: &mut Collector) -> String {
    let mut replacements: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    super::positions::walk(text, |node| {
        let Some((literal, span)) = node.plain else {
            return;
        };
        let digits = literal.strip_prefix(['-', '+']).unwrap_or(&literal);
        let huge = !digits.is_empty()
            && digits.bytes().all(|byte| byte.is_ascii_digit())
            && literal.parse::<i64>().is_err()
            && literal.parse::<u64>().is_err();
        if let (true, Ok(value)) = (huge, literal.parse::<f64>()) {
            let widened = format!("{value:e}");
            problems.warn(
                node.pointer,
                format!(
                    "the integer `{literal}` is beyond 64 bits; it is read as the number \
                     `{widened}`"
                ),
            );
            replacements.push((span, widened));
        }
    });
    // The spans count characters; the text is edited by bytes, from the end backwards.
    let offsets: Vec<usize> = text
        .char_indices()
        .map(|(offset, _)| offset)
        .chain([text.len()])
        .collect();
    let mut widened = text.to_owned();
    for (span, replacement) in replacements.into_iter().rev() {
        if let (Some(&start), Some(&end)) = (offsets.get(span.start), offsets.get(span.end)) {
            widened.replace_range(start..end, &replacement);
        }
    }
    widened
}

/// Parses `text` as YAML, as it is.
fn parse_exact(text: &str, problems: &mut Collector) -> Result<Value, Errors> {
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
    fn reads_integers_beyond_64_bits_as_floats() {
        let mut problems = Collector::default();
        let value = parse_yaml(
            "seed:\n  minimum: -9223372036854776000\n  maximum: 9223372036854775807\n  name: \"18446744073709551616\"\n",
            &mut problems,
        )
        .expect("read leniently");
        assert_eq!(
            value["seed"]["minimum"].as_f64(),
            Some(-9.223372036854776e18)
        );
        assert_eq!(value["seed"]["maximum"].as_i64(), Some(i64::MAX));
        assert_eq!(
            value["seed"]["name"].as_str(),
            Some("18446744073709551616"),
            "a quoted string stays"
        );
        let (_, warnings) = problems.finish_with_warnings(()).expect("no errors");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].pointer, "#/seed/minimum");
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
