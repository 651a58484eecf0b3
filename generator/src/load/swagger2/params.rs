//! Non-body parameters, and the "simple" schemas 2.0 writes flat on a parameter, a header,
//! a form field or an `items` object: the keywords that describe the value (`type`,
//! `format`, `items`, `enum`, `default`, the bounds) move under `schema`, and an array's
//! `collectionFormat` becomes a 3.0 `style`:
//!
//! | `collectionFormat` | query, cookie, form field         | path, header     |
//! |--------------------|-----------------------------------|------------------|
//! | `csv` (default)    | `style: form`, `explode: false`   | `style: simple`  |
//! | `ssv`              | `style: spaceDelimited`           | none             |
//! | `pipes`            | `style: pipeDelimited`            | none             |
//! | `multi`            | `style: form`, `explode: true`    | (not 2.0) simple |
//! | `tsv`              | none                              | none             |
//!
//! With no 3.0 style, the operation cannot be called as the document says: it is marked
//! `x-generator-skip` with the reason, for lowering to leave out, and the parameter is
//! written without a style.

use serde_yaml::{Mapping, Value};

use super::{field, shown, Upgrade};
use crate::pointer;

/// The keywords of a 2.0 non-body parameter, header or `items` object that describe its
/// value: in 3.0, the keywords of its `schema`.
const SCHEMA_KEYWORDS: [&str; 16] = [
    "type",
    "format",
    "items",
    "enum",
    "default",
    "maximum",
    "minimum",
    "exclusiveMaximum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "multipleOf",
];

/// Whether `key` is part of a simple object's schema (and not of the parameter around it).
pub(super) fn is_schema_keyword(key: &str) -> bool {
    SCHEMA_KEYWORDS.contains(&key) || matches!(key, "x-nullable" | "x-isnullable")
}

/// How a parameter's value is written in 3.0 terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Serialization {
    /// Not an array: no style (a `collectionFormat` means nothing).
    Plain,
    /// An array, in this style; `note` says what was read leniently.
    Array {
        style: &'static str,
        explode: Option<bool>,
        note: Option<String>,
    },
    /// An array in a format 3.0 has no style for, with the reason.
    Inexpressible(String),
}

/// The serialization of the simple object `object` (a parameter or form field) in
/// `location` (`query`, `path`, `header`, `cookie` or `formData`).
pub(super) fn serialization(location: &str, object: &Mapping) -> Serialization {
    if field(object, "type") != Some("array") {
        return Serialization::Plain;
    }
    let (format, mut note) = match object.get("collectionFormat") {
        None => ("csv", None),
        Some(Value::String(format)) if STYLES.iter().any(|(known, ..)| known == format) => {
            (format.as_str(), None)
        }
        Some(other) => (
            "csv",
            Some(format!(
                "`collectionFormat` is `{}`; expected csv, ssv, tsv, pipes or multi; read as csv",
                shown(other)
            )),
        ),
    };
    let in_url = matches!(location, "query" | "cookie" | "formData");
    let found = STYLES
        .iter()
        .find(|(known, for_url, ..)| *known == format && *for_url == in_url);
    match found {
        Some((_, _, Some((style, explode)))) => {
            if format == "multi" && !in_url {
                note = Some(format!(
                    "`collectionFormat: multi` is for query and formData parameters; a {location} \
                     parameter is read as csv"
                ));
            }
            Serialization::Array {
                style,
                explode: *explode,
                note,
            }
        }
        _ => {
            let name = field(object, "name").unwrap_or_default();
            let kind = if location == "formData" {
                "form field"
            } else {
                location
            };
            Serialization::Inexpressible(format!(
                "parameter `{name}` has `collectionFormat: {format}`, which OpenAPI 3.0 has no \
                 style for in a {kind}"
            ))
        }
    }
}

/// The warning for a parameter whose format has no 3.0 style, from the skip reason.
pub(super) fn skip_message(reason: &str) -> String {
    format!("{reason}; the operations using it are marked `x-generator-skip`, for lowering to leave out")
}

/// `(collectionFormat, in a query or form, the 3.0 style and explode)`.
type StyleRow = (&'static str, bool, Option<(&'static str, Option<bool>)>);

/// The table of the file's documentation.
const STYLES: [StyleRow; 10] = [
    ("csv", true, Some(("form", Some(false)))),
    ("ssv", true, Some(("spaceDelimited", None))),
    ("pipes", true, Some(("pipeDelimited", None))),
    ("multi", true, Some(("form", Some(true)))),
    ("tsv", true, None),
    ("csv", false, Some(("simple", None))),
    ("ssv", false, None),
    ("pipes", false, None),
    ("multi", false, Some(("simple", None))),
    ("tsv", false, None),
];

impl Upgrade<'_, '_> {
    /// A non-body parameter at `from`, written at `at`: the same fields, with its value's
    /// keywords under `schema` and its `collectionFormat` as a style. Returns the reason the
    /// operations using it must be skipped, if its format has no 3.0 style; the caller
    /// reports it where the parameter is used.
    pub(super) fn parameter(
        &mut self,
        parameter: &Mapping,
        at: &str,
        from: &str,
    ) -> (Value, Option<String>) {
        let location = field(parameter, "in").unwrap_or_default();
        let schema_at = pointer::child(at, "schema");
        // Some 2.0 documents describe a parameter with a 3.0 `schema` instead of `type`; the
        // meaning is clear, and the schema is read as one.
        let written_schema = parameter
            .get("schema")
            .filter(|_| !parameter.contains_key("type"));
        self.moved(at, from);
        match written_schema {
            Some(_) => self.moved(&schema_at, &pointer::child(from, "schema")),
            None => self.reshaped(&schema_at, from),
        }
        let serialization = serialization(location, parameter);
        let skip = self.report_serialization(&serialization, parameter, at);
        let mut output = Mapping::new();
        let mut schema_written = false;
        for (key, value) in parameter {
            let Some(name) = key.as_str() else { continue };
            if is_schema_keyword(name) || name == "collectionFormat" {
                if !schema_written && written_schema.is_none() {
                    schema_written = true;
                    write_style(&mut output, &serialization);
                    let schema = self.simple_schema(parameter, &schema_at, from, |_| false);
                    output.insert("schema".into(), schema);
                }
                continue;
            }
            match name {
                "schema" if written_schema.is_some() => {
                    schema_written = true;
                    let schema_from = pointer::child(from, "schema");
                    output.insert(key.clone(), self.schema(value, &schema_at, &schema_from));
                }
                // 3.0 keeps `allowEmptyValue` for query parameters only, as 2.0 allows it.
                "allowEmptyValue" if location != "query" => {}
                _ => {
                    output.insert(key.clone(), value.clone());
                }
            }
        }
        if !schema_written {
            self.warn(
                at,
                format!(
                    "parameter `{}` has no `type`; it is read as any value",
                    field(parameter, "name").unwrap_or_default()
                ),
            );
            output.insert("schema".into(), Value::Mapping(Mapping::new()));
        }
        (Value::Mapping(output), skip)
    }

    /// Warns about what a serialization read leniently or ignored, at the `collectionFormat`
    /// of the object at `at`; returns the skip reason of an inexpressible one, unreported.
    pub(super) fn report_serialization(
        &mut self,
        serialization: &Serialization,
        object: &Mapping,
        at: &str,
    ) -> Option<String> {
        let format_at = pointer::child(at, "collectionFormat");
        match serialization {
            Serialization::Plain => {
                if let Some(format) = object.get("collectionFormat") {
                    self.warn(
                        format_at,
                        format!(
                            "`collectionFormat: {}` applies to arrays only; it is ignored",
                            shown(format)
                        ),
                    );
                }
                None
            }
            Serialization::Array { note, .. } => {
                if let Some(note) = note {
                    self.warn(format_at, note.clone());
                }
                None
            }
            Serialization::Inexpressible(reason) => Some(reason.clone()),
        }
    }

    /// The schema of a simple object (at `from`), written at `at`: its value keywords, and
    /// the other members `keep` accepts (a form field's description and extensions).
    pub(super) fn simple_schema(
        &mut self,
        object: &Mapping,
        at: &str,
        from: &str,
        keep: fn(&str) -> bool,
    ) -> Value {
        let type_name = object.get("type").and_then(Value::as_str);
        let is_file = type_name == Some("file");
        let mut schema = Mapping::new();
        for (key, value) in object {
            let Some(name) = key.as_str() else { continue };
            match name {
                "type" if is_file => {
                    schema.insert(key.clone(), "string".into());
                    schema.insert("format".into(), "binary".into());
                    self.reshaped(&pointer::child(at, "format"), &pointer::child(from, name));
                }
                "format" if is_file => {}
                "items" => {
                    let items_at = pointer::child(at, name);
                    let items_from = pointer::child(from, name);
                    let items = self.items(value, &items_at, &items_from);
                    schema.insert(key.clone(), items);
                }
                "x-nullable" | "x-isnullable" => self.nullable(&mut schema, name, value, at, from),
                _ if SCHEMA_KEYWORDS.contains(&name) || keep(name) => {
                    schema.insert(key.clone(), value.clone());
                }
                _ => {}
            }
        }
        Value::Mapping(schema)
    }

    /// An `items` object: a simple schema (with its extensions); its own `collectionFormat`
    /// has no place in 3.0, which matters when it is itself an array.
    fn items(&mut self, value: &Value, at: &str, from: &str) -> Value {
        let Value::Mapping(items) = value else {
            return value.clone();
        };
        if items.contains_key("$ref") {
            return self.schema(value, at, from);
        }
        if field(items, "type") == Some("array") {
            let format = field(items, "collectionFormat").unwrap_or("csv");
            self.warn(
                pointer::child(at, "collectionFormat"),
                format!(
                    "OpenAPI 3.0 has no style for an array inside an array; the inner \
                     `collectionFormat: {format}` is not kept"
                ),
            );
        }
        self.simple_schema(items, at, from, |key| key.starts_with("x-"))
    }
}

/// Writes the `style` and `explode` of an array parameter.
fn write_style(output: &mut Mapping, serialization: &Serialization) {
    if let Serialization::Array { style, explode, .. } = serialization {
        output.insert("style".into(), (*style).into());
        if let Some(explode) = explode {
            output.insert("explode".into(), (*explode).into());
        }
    }
}

/// The `encoding` entry of a form field, when it is an array with a style.
pub(super) fn encoding_of(serialization: &Serialization) -> Option<Value> {
    let mut encoding = Mapping::new();
    write_style(&mut encoding, serialization);
    (!encoding.is_empty()).then_some(Value::Mapping(encoding))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{document, upgrade_text, yaml, Upgraded};
    use super::*;

    fn operation(parameters: &str) -> Upgraded {
        upgrade_text(&document(&format!(
            "paths:\n  /pets/{{id}}:\n    get:\n      parameters:\n{parameters}      responses: {{'204': {{description: ok}}}}\n"
        )))
    }

    const GET: &str = "#/paths/~1pets~1{id}/get";

    #[test]
    fn value_keywords_move_under_schema() {
        let upgraded = operation(
            "
        - {name: id, in: path, required: true, type: integer, format: int64, minimum: 1, description: The pet.}
        - {name: tags, in: query, type: array, items: {type: string, enum: [a, b]}, collectionFormat: multi, allowEmptyValue: true, x-note: kept}
        - {name: X-Trace, in: header, type: string, allowEmptyValue: true, x-nullable: true}
        - {name: when, in: query, schema: {type: string, format: date}}
",
        );
        assert_eq!(
            upgraded.at(&format!("{GET}/parameters")).cloned(),
            Some(yaml(
                "
- {name: id, in: path, required: true, schema: {type: integer, format: int64, minimum: 1}, description: The pet.}
- name: tags
  in: query
  style: form
  explode: true
  schema: {type: array, items: {type: string, enum: [a, b]}}
  allowEmptyValue: true
  x-note: kept
- {name: X-Trace, in: header, schema: {type: string, nullable: true}}
- {name: when, in: query, schema: {type: string, format: date}}
"
            ))
        );
        for (output, input) in [
            (
                "/parameters/1/schema/items/enum",
                "/parameters/1/items/enum",
            ),
            ("/parameters/1/style", "/parameters/1/style"),
            ("/parameters/0/schema", "/parameters/0"),
            ("/parameters/3/schema/format", "/parameters/3/schema/format"),
        ] {
            assert_eq!(
                upgraded.resolve(&format!("{GET}{output}")),
                format!("{GET}{input}"),
                "{output}"
            );
        }
        assert_eq!(upgraded.warnings, []);
    }

    #[test]
    fn each_collection_format_has_its_style() {
        let styled = |style: &'static str, explode: Option<bool>| Serialization::Array {
            style,
            explode,
            note: None,
        };
        let cases = [
            ("query", None, styled("form", Some(false))),
            ("query", Some("csv"), styled("form", Some(false))),
            ("query", Some("ssv"), styled("spaceDelimited", None)),
            ("query", Some("pipes"), styled("pipeDelimited", None)),
            ("query", Some("multi"), styled("form", Some(true))),
            ("formData", Some("ssv"), styled("spaceDelimited", None)),
            ("path", None, styled("simple", None)),
            ("header", Some("csv"), styled("simple", None)),
        ];
        for (location, format, expected) in cases {
            let mut object = Mapping::new();
            object.insert("name".into(), "p".into());
            object.insert("type".into(), "array".into());
            if let Some(format) = format {
                object.insert("collectionFormat".into(), format.into());
            }
            assert_eq!(
                serialization(location, &object),
                expected,
                "{location} {format:?}"
            );
        }
        let inexpressible = [("query", "tsv"), ("path", "ssv"), ("header", "pipes")];
        for (location, format) in inexpressible {
            let mut object = Mapping::new();
            object.insert("name".into(), "p".into());
            object.insert("type".into(), "array".into());
            object.insert("collectionFormat".into(), format.into());
            assert!(
                matches!(
                    serialization(location, &object),
                    Serialization::Inexpressible(_)
                ),
                "{location} {format}"
            );
        }
        let mut plain = Mapping::new();
        plain.insert("type".into(), "string".into());
        plain.insert("collectionFormat".into(), "csv".into());
        assert_eq!(serialization("query", &plain), Serialization::Plain);
    }

    #[test]
    fn a_format_without_a_3_0_style_skips_the_operation() {
        let upgraded = operation(
            "
        - {name: id, in: path, required: true, type: array, items: {type: string}, collectionFormat: ssv}
        - {name: tabs, in: query, type: array, items: {type: string}, collectionFormat: tsv}
",
        );
        assert_eq!(
            upgraded.at(&format!("{GET}/x-generator-skip")).cloned(),
            Some(yaml(
                "'parameter `id` has `collectionFormat: ssv`, which OpenAPI 3.0 has no style for \
                 in a path; parameter `tabs` has `collectionFormat: tsv`, which OpenAPI 3.0 has \
                 no style for in a query'"
            ))
        );
        assert_eq!(
            upgraded.at(&format!("{GET}/parameters/1")).cloned(),
            Some(yaml(
                "{name: tabs, in: query, schema: {type: array, items: {type: string}}}"
            ))
        );
        let suffix = "; the operations using it are marked `x-generator-skip`, for lowering to \
                      leave out";
        assert_eq!(
            upgraded.warnings,
            [
                (
                    format!("{GET}/parameters/0/collectionFormat"),
                    format!("parameter `id` has `collectionFormat: ssv`, which OpenAPI 3.0 has no style for in a path{suffix}")
                ),
                (
                    format!("{GET}/parameters/1/collectionFormat"),
                    format!("parameter `tabs` has `collectionFormat: tsv`, which OpenAPI 3.0 has no style for in a query{suffix}")
                ),
            ]
        );
    }

    #[test]
    fn what_cannot_be_kept_is_said() {
        let upgraded = operation(
            "
        - {name: grid, in: query, type: array, items: {type: array, items: {type: integer}, collectionFormat: pipes}}
        - {name: one, in: query, type: string, collectionFormat: csv}
        - {name: odd, in: query, type: array, items: {type: string}, collectionFormat: commas}
        - {name: X-Many, in: header, type: array, items: {type: string}, collectionFormat: multi}
        - {name: any, in: query}
",
        );
        assert_eq!(
            upgraded.at(&format!("{GET}/parameters/0")).cloned(),
            Some(yaml(
                "{name: grid, in: query, style: form, explode: false, schema: {type: array, items: {type: array, items: {type: integer}}}}"
            ))
        );
        assert_eq!(
            upgraded.at(&format!("{GET}/parameters/4")).cloned(),
            Some(yaml("{name: any, in: query, schema: {}}"))
        );
        let messages: Vec<(&str, &str)> = upgraded
            .warnings
            .iter()
            .map(|(at, message)| (at.strip_prefix(GET).unwrap_or(at), message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                (
                    "/parameters/0/items/collectionFormat",
                    "OpenAPI 3.0 has no style for an array inside an array; the inner \
                     `collectionFormat: pipes` is not kept"
                ),
                (
                    "/parameters/1/collectionFormat",
                    "`collectionFormat: csv` applies to arrays only; it is ignored"
                ),
                (
                    "/parameters/2/collectionFormat",
                    "`collectionFormat` is `commas`; expected csv, ssv, tsv, pipes or multi; read as csv"
                ),
                (
                    "/parameters/3/collectionFormat",
                    "`collectionFormat: multi` is for query and formData parameters; a header \
                     parameter is read as csv"
                ),
                ("/parameters/4", "parameter `any` has no `type`; it is read as any value"),
            ]
        );
    }

    #[test]
    fn global_parameters_become_components_and_their_formats_skip_their_users() {
        let upgraded = upgrade_text(&document(
            "
parameters:
  Limit: {name: limit, in: query, type: integer, maximum: 100}
  Columns: {name: columns, in: query, type: array, items: {type: string}, collectionFormat: tsv}
paths:
  /pets:
    get:
      parameters: [{$ref: '#/parameters/Limit'}, {$ref: '#/parameters/Columns'}, {$ref: '#/parameters/Missing'}]
      responses: {'204': {description: ok}}
",
        ));
        assert_eq!(
            upgraded.at("#/components/parameters").cloned(),
            Some(yaml(
                "
Limit: {name: limit, in: query, schema: {type: integer, maximum: 100}}
Columns: {name: columns, in: query, schema: {type: array, items: {type: string}}}
"
            ))
        );
        assert_eq!(
            upgraded.at("#/paths/~1pets/get/parameters").cloned(),
            Some(yaml(
                "[{$ref: '#/components/parameters/Limit'}, {$ref: '#/components/parameters/Columns'}, {$ref: '#/components/parameters/Missing'}]"
            ))
        );
        assert!(upgraded.at("#/paths/~1pets/get/x-generator-skip").is_some());
        assert_eq!(
            upgraded.resolve("#/components/parameters/Limit/schema/maximum"),
            "#/parameters/Limit/maximum"
        );
        let at: Vec<&str> = upgraded
            .warnings
            .iter()
            .map(|(at, _)| at.as_str())
            .collect();
        assert_eq!(at, ["#/paths/~1pets/get/parameters/1"]);
    }
}
