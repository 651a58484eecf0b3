//! JSON text → a plain value (a `serde_yaml::Value`, which keeps the order of keys), with
//! syntax errors located by line and column.
//!
//! A number too large for a 64-bit float (`1e400`) is valid JSON, but serde_json refuses it.
//! Such numbers only ever appear in validation keywords or examples, which the generator does
//! not type by, so when the parser refuses one, each is read as absent (`null`) with a warning
//! and the text is parsed again.

use serde_yaml::Value;

use crate::error::{Collector, Diagnostic, Errors, Location};

/// Parses `text` as JSON.
pub(super) fn parse_json(text: &str, problems: &mut Collector) -> Result<Value, Errors> {
    match serde_json::from_str::<Value>(text) {
        Ok(value) => Ok(value),
        Err(error) if error.to_string().starts_with("number out of range") => {
            let (clamped, replaced) = replace_huge_numbers(text);
            for (line, column, number) in replaced {
                problems.warn(
                    "#",
                    format!(
                        "the number `{number}` at line {line}, column {column} is beyond the \
                         range of a 64-bit float; it is read as absent"
                    ),
                );
            }
            serde_json::from_str::<Value>(&clamped).map_err(|error| json_error(&error))
        }
        Err(error) => Err(json_error(&error)),
    }
}

fn json_error(error: &serde_json::Error) -> Errors {
    Errors::from(Diagnostic {
        location: Some(Location {
            line: error.line(),
            column: error.column(),
        }),
        ..Diagnostic::error("#", format!("invalid JSON: {error}"))
    })
}

/// The text with every number token that overflows `f64` replaced by `null`, and where each
/// was (line, column, text). Strings are skipped, escapes included.
fn replace_huge_numbers(text: &str) -> (String, Vec<(usize, usize, String)>) {
    let mut output = String::with_capacity(text.len());
    let mut replaced = Vec::new();
    let mut characters = text.char_indices().peekable();
    let (mut line, mut column) = (1, 1);
    let mut in_string = false;
    let mut escaped = false;
    while let Some((start, character)) = characters.next() {
        if in_string {
            output.push(character);
            match (escaped, character) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if character == '"' {
            in_string = true;
            output.push(character);
        } else if character == '-' || character.is_ascii_digit() {
            let mut end = start + character.len_utf8();
            while let Some(&(index, next)) = characters.peek() {
                if next.is_ascii_digit() || matches!(next, '.' | 'e' | 'E' | '+' | '-') {
                    end = index + next.len_utf8();
                    characters.next();
                } else {
                    break;
                }
            }
            let token = &text[start..end];
            if token.parse::<f64>().is_ok_and(f64::is_infinite) {
                output.push_str("null");
                replaced.push((line, column, token.to_owned()));
            } else {
                output.push_str(token);
            }
            column += token.chars().count();
            continue;
        } else {
            output.push(character);
        }
        if character == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (output, replaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_surrogate_pairs_and_reports_syntax_errors_located() {
        let mut problems = Collector::default();
        let value = parse_json(r#"{"a": "\ud83d\udc4d"}"#, &mut problems).expect("valid JSON");
        assert_eq!(value["a"], Value::from("\u{1f44d}"));
        let error = parse_json("{\n  \"a\": 1,,\n}", &mut problems).expect_err("invalid");
        assert_eq!(
            error.0[0].location,
            Some(Location {
                line: 2,
                column: 10
            })
        );
    }

    #[test]
    fn reads_numbers_beyond_f64_as_absent_with_a_warning() {
        let mut problems = Collector::default();
        let text = "{\"maximum\": 1e400,\n \"s\": \"1e400\", \"n\": -2e999, \"k\": 12}";
        let value = parse_json(text, &mut problems).expect("loads");
        assert_eq!(value["maximum"], Value::Null);
        assert_eq!(value["n"], Value::Null);
        assert_eq!(value["s"], Value::from("1e400"));
        assert_eq!(value["k"], Value::from(12));
        let (_, warnings) = problems.finish_with_warnings(()).expect("no errors");
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].message.contains("`1e400` at line 1, column 13"));
        assert!(warnings[1].message.contains("`-2e999` at line 2"));
    }
}
