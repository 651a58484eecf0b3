//! Judges JSON values against the spec's schemas, strictly: a key the schema does not declare,
//! a value of another type, or a date-time placeholder on a property that is not `date-time` is
//! a mismatch that names its key path.
//!
//! It works on the spec as plain JSON and follows `$ref`, `allOf` and `anyOf` by hand, so it
//! judges the document as written rather than through the generator it is meant to check.

use serde_json::Value;
use std::collections::BTreeSet;

/// One value that the spec does not accept, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mismatch {
    /// Key path in the value, such as `paymentRequest.invoice.transactions[].uuid`.
    pub path: String,
    /// JSON pointer of the schema that refused it.
    pub schema: String,
    /// What is wrong.
    pub problem: String,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            formatter,
            "{}: {} (schema {})",
            self.path, self.problem, self.schema
        )
    }
}

/// What a check found: the mismatches and every key path it visited.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Values the spec does not accept.
    pub mismatches: Vec<Mismatch>,
    /// Distinct key paths visited (array indexes folded to `[]`).
    pub key_paths: BTreeSet<String>,
}

/// A schema found in the spec, with the JSON pointer it was found at.
#[derive(Clone, Copy, Debug)]
pub struct Located<'a> {
    /// The schema object.
    pub schema: &'a Value,
    /// Where it is, as a JSON pointer (`#/components/schemas/Invoice`).
    pub pointer: &'a str,
}

/// Checks values against the schemas of one spec document.
pub struct Checker<'a> {
    spec: &'a Value,
}

/// Escapes one JSON-pointer token (`/` and `~`).
pub fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Whether a string has the shape of an RFC 3339 date-time (`2025-03-28T11:34:46.794Z`).
pub fn looks_like_date_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|part| part.iter().all(u8::is_ascii_digit))
    };
    let shape = bytes.len() >= 20
        && digits(0..4)
        && bytes[4] == b'-'
        && digits(5..7)
        && bytes[7] == b'-'
        && digits(8..10)
        && matches!(bytes[10], b'T' | b't')
        && digits(11..13)
        && bytes[13] == b':'
        && digits(14..16)
        && bytes[16] == b':'
        && digits(17..19);
    shape && (text.ends_with('Z') || text.ends_with('z') || text[19..].contains(['+', '-']))
}

impl<'a> Checker<'a> {
    /// A checker over `spec`, the whole OpenAPI document as JSON.
    pub fn new(spec: &'a Value) -> Self {
        Checker { spec }
    }

    /// The value at a JSON pointer of the form `#/a/b`, following `$ref`s until a non-reference.
    pub fn resolve(&self, pointer: &str) -> Option<(&'a Value, String)> {
        let mut pointer = pointer.to_string();
        for _ in 0..32 {
            let value = self.spec.pointer(pointer.strip_prefix('#')?)?;
            match value.get("$ref").and_then(Value::as_str) {
                Some(target) => pointer = target.to_string(),
                None => return Some((value, pointer)),
            }
        }
        None
    }

    /// Checks `value` against the schema at `pointer`; key paths start at `root`.
    pub fn check(&self, value: &Value, pointer: &str, root: &str) -> Report {
        let mut report = Report::default();
        self.check_value(value, pointer, root, &mut report);
        report.mismatches.sort();
        report
    }

    fn check_value(&self, value: &Value, pointer: &str, path: &str, report: &mut Report) {
        let Some((schema, pointer)) = self.resolve(pointer) else {
            return mismatch(
                report,
                path,
                pointer,
                "the schema reference does not resolve",
            );
        };
        if let Some(members) = schema.get("anyOf").and_then(Value::as_array) {
            let fits = (0..members.len()).any(|index| {
                let mut trial = Report::default();
                self.check_value(value, &format!("{pointer}/anyOf/{index}"), path, &mut trial);
                trial.mismatches.is_empty()
            });
            if !fits {
                mismatch(
                    report,
                    path,
                    &pointer,
                    &format!("{value} fits no member of anyOf"),
                );
            }
            return;
        }
        match value {
            Value::Object(entries) => self.check_object(entries, &pointer, path, report),
            Value::Array(items) => self.check_array(items, schema, &pointer, path, report),
            scalar => check_scalar(scalar, schema, &pointer, path, report),
        }
    }

    fn check_object(
        &self,
        entries: &serde_json::Map<String, Value>,
        pointer: &str,
        path: &str,
        report: &mut Report,
    ) {
        let Some(shape) = self.object_shape(pointer) else {
            return mismatch(
                report,
                path,
                pointer,
                "an object where the schema is not an object",
            );
        };
        for (key, value) in entries {
            let key_path = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            report.key_paths.insert(key_path.clone());
            match shape.property(key).or(shape.additional.clone()) {
                Some(target) => self.check_value(value, &target, &key_path, report),
                None => mismatch(report, &key_path, pointer, "no such property in the spec"),
            }
        }
    }

    fn check_array(
        &self,
        items: &[Value],
        schema: &Value,
        pointer: &str,
        path: &str,
        report: &mut Report,
    ) {
        if schema.get("type").and_then(Value::as_str) != Some("array") {
            return mismatch(
                report,
                path,
                pointer,
                "an array where the schema is not an array",
            );
        }
        let item_path = format!("{path}[]");
        for item in items {
            self.check_value(item, &format!("{pointer}/items"), &item_path, report);
        }
    }

    /// The properties of an object schema, merged over `allOf`; `None` when it is no object.
    pub fn object_shape(&self, pointer: &str) -> Option<ObjectShape> {
        let (schema, pointer) = self.resolve(pointer)?;
        let mut shape = ObjectShape::default();
        let mut is_object = schema.get("type").and_then(Value::as_str) == Some("object");
        if let Some(members) = schema.get("allOf").and_then(Value::as_array) {
            for index in 0..members.len() {
                let member = self.object_shape(&format!("{pointer}/allOf/{index}"))?;
                shape.properties.extend(member.properties);
                shape.additional = shape.additional.or(member.additional);
            }
            is_object = true;
        }
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            for name in properties.keys() {
                let target = format!("{pointer}/properties/{}", pointer_token(name));
                shape.properties.push((name.clone(), target));
            }
            is_object = true;
        }
        if schema
            .get("additionalProperties")
            .is_some_and(Value::is_object)
        {
            shape.additional = Some(format!("{pointer}/additionalProperties"));
            is_object = true;
        }
        is_object.then_some(shape)
    }
}

/// The properties of an object schema, as pointers to their schemas.
#[derive(Clone, Debug, Default)]
pub struct ObjectShape {
    /// Declared properties, in declaration order.
    pub properties: Vec<(String, String)>,
    /// The `additionalProperties` schema, when there is one.
    pub additional: Option<String>,
}

impl ObjectShape {
    fn property(&self, name: &str) -> Option<String> {
        self.properties
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, target)| target.clone())
    }
}

fn mismatch(report: &mut Report, path: &str, pointer: &str, problem: &str) {
    report.mismatches.push(Mismatch {
        path: if path.is_empty() {
            "(root)".to_string()
        } else {
            path.to_string()
        },
        schema: pointer.to_string(),
        problem: problem.to_string(),
    });
}

fn check_scalar(value: &Value, schema: &Value, pointer: &str, path: &str, report: &mut Report) {
    let declared = schema
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("(none)");
    let format = schema.get("format").and_then(Value::as_str);
    let problem = match (value, declared) {
        (Value::Null, _) => Some("null, and no schema here is nullable".to_string())
            .filter(|_| schema.get("nullable") != Some(&Value::Bool(true))),
        (Value::Bool(_), "boolean") => None,
        (Value::Number(number), "integer") => integer_problem(number, format),
        (Value::Number(_), "number") => None,
        (Value::String(text), "string") => string_problem(text, format),
        (other, declared) => Some(format!("{other} where the schema says {declared}")),
    };
    let enum_problem = schema
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|allowed| {
            (!allowed.contains(value)).then(|| format!("{value} is not one of the enum's values"))
        });
    if let Some(problem) = problem.or(enum_problem) {
        mismatch(report, path, pointer, &problem);
    }
}

fn integer_problem(number: &serde_json::Number, format: Option<&str>) -> Option<String> {
    let Some(integer) = number.as_i64() else {
        return Some(format!("{number} is not an integer"));
    };
    let fits = match format {
        Some("int32") => i32::try_from(integer).is_ok(),
        _ => true,
    };
    (!fits).then(|| format!("{integer} does not fit int32"))
}

fn string_problem(text: &str, format: Option<&str>) -> Option<String> {
    match (looks_like_date_time(text), format == Some("date-time")) {
        (true, false) => Some(format!(
            "date-time placeholder {text:?} on a property that is not date-time"
        )),
        (false, true) => Some(format!(
            "{text:?} on a date-time property is not a date-time"
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec() -> Value {
        json!({"components": {"schemas": {
            "Outer": {"allOf": [{"$ref": "#/components/schemas/Base"},
                {"type": "object", "properties": {
                    "when": {"type": "string", "format": "date-time"},
                    "tags": {"type": "object", "additionalProperties": {"type": "string"}},
                    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Base"}}}}]},
            "Base": {"type": "object", "properties": {"code": {"anyOf": [
                {"type": "integer", "format": "int32", "enum": [1]}, {"type": "integer", "format": "int32"}]}}}
        }}})
    }

    #[test]
    fn follows_refs_all_of_any_of_maps_and_arrays() {
        let spec = spec();
        let value = json!({"code": 7, "when": "2025-03-28T11:34:46.794Z", "tags": {"a": "b"},
            "items": [{"code": 1}]});
        let report = Checker::new(&spec).check(&value, "#/components/schemas/Outer", "");
        assert_eq!(report.mismatches, []);
        let paths: Vec<&str> = report.key_paths.iter().map(String::as_str).collect();
        assert_eq!(
            paths,
            ["code", "items", "items[].code", "tags", "tags.a", "when"]
        );
    }

    #[test]
    fn names_unknown_keys_wrong_types_and_misplaced_date_times() {
        let spec = spec();
        let value = json!({"code": "x", "when": "string", "extra": 1, "items": [{"when": 1}],
            "tags": {"a": "2025-03-28T11:34:46.794Z"}});
        let report = Checker::new(&spec).check(&value, "#/components/schemas/Outer", "");
        let rendered: Vec<String> = report
            .mismatches
            .iter()
            .map(|m| format!("{}: {}", m.path, m.problem))
            .collect();
        assert_eq!(rendered, [
            "code: \"x\" fits no member of anyOf",
            "extra: no such property in the spec",
            "items[].when: no such property in the spec",
            "tags.a: date-time placeholder \"2025-03-28T11:34:46.794Z\" on a property that is not date-time",
            "when: \"string\" on a date-time property is not a date-time",
        ]);
    }

    #[test]
    fn date_time_shapes() {
        assert!(looks_like_date_time("2025-01-22T07:43:29.208Z"));
        assert!(looks_like_date_time("2025-01-22T07:43:29+01:00"));
        assert!(!looks_like_date_time("string"));
        assert!(!looks_like_date_time("2025-01-22"));
    }
}
