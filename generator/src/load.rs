//! Loading: YAML text → `openapiv3::OpenAPI`, with the version check.
//!
//! The text is parsed twice on purpose. The first pass into a plain YAML value reports syntax
//! errors with their line and column and lets us check the version and a few constructs that
//! `openapiv3` would otherwise reject with an unhelpful message. The second pass reads the
//! typed document straight from the text, because serde_yaml only tracks the position and the
//! path of a structural error when it reads from text.

use openapiv3::OpenAPI;
use serde_yaml::Value;

use crate::error::{Collector, Error, Errors, Location};
use crate::pointer;

/// Parses `spec_yaml` as an OpenAPI 3.0.x document.
pub(crate) fn load_spec(spec_yaml: &str) -> Result<OpenAPI, Errors> {
    let value: Value =
        serde_yaml::from_str(spec_yaml).map_err(|error| yaml_error("invalid YAML", &error))?;
    load_check_version(&value)?;
    let mut errors = Collector::default();
    load_check_type_lists(&value, "#", &mut errors);
    errors.finish(())?;
    serde_yaml::from_str(spec_yaml)
        .map_err(|error| Errors::from(yaml_error("invalid OpenAPI 3.0 document", &error)))
}

/// Turns a serde_yaml error into an [`Error`] at the document root, keeping its position.
fn yaml_error(context: &str, error: &serde_yaml::Error) -> Error {
    let location = error.location().map(|location| Location {
        line: location.line(),
        column: location.column(),
    });
    Error {
        pointer: "#".to_owned(),
        message: format!("{context}: {error}"),
        location,
    }
}

/// Only OpenAPI 3.0.x is supported: 3.1 changed the schema dialect (for example `type` lists
/// and `null`), and 2.0 (Swagger) has a different structure altogether.
fn load_check_version(document: &Value) -> Result<(), Error> {
    const EXPECTED: &str = "expected a string \"3.0.x\", for example \"3.0.3\"";
    let version = match document.get("openapi") {
        Some(Value::String(version)) => version,
        Some(other) => {
            let shown = serde_yaml::to_string(other).unwrap_or_default();
            let message = format!(
                "unsupported OpenAPI version `{}`; {EXPECTED}",
                shown.trim_end()
            );
            return Err(Error::new("#/openapi", message));
        }
        None if document.get("swagger").is_some() => {
            let message =
                format!("Swagger 2.0 documents are not supported; {EXPECTED} in `openapi`");
            return Err(Error::new("#/swagger", message));
        }
        None => {
            let message = format!("missing the `openapi` version field; {EXPECTED}");
            return Err(Error::new("#", message));
        }
    };
    let patch = version.strip_prefix("3.0.");
    if patch
        .is_some_and(|patch| !patch.is_empty() && patch.bytes().all(|byte| byte.is_ascii_digit()))
    {
        Ok(())
    } else {
        let message = format!("unsupported OpenAPI version \"{version}\"; {EXPECTED}");
        Err(Error::new("#/openapi", message))
    }
}

/// `type: [string, "null"]` is OpenAPI 3.1 (JSON Schema 2020-12) syntax. `openapiv3` would
/// fail on it with "invalid type: sequence" and no location, so it is reported here, at its
/// pointer, with the 3.0 spelling. Example and default values and extensions hold data, not
/// schemas, so they are not searched.
fn load_check_type_lists(value: &Value, at: &str, errors: &mut Collector) {
    match value {
        Value::Mapping(mapping) => {
            for (key, child) in mapping {
                let Some(key) = key.as_str() else { continue };
                let child_pointer = pointer::child(at, key);
                if key == "type" && child.is_sequence() {
                    errors.push(
                        child_pointer,
                        "unsupported construct: `type` given as a list; supported: a single type \
                         name, with `nullable: true` to allow null",
                    );
                } else if !matches!(key, "example" | "examples" | "default" | "enum")
                    && !key.starts_with("x-")
                {
                    load_check_type_lists(child, &child_pointer, errors);
                }
            }
        }
        Value::Sequence(items) => {
            for (position, item) in items.iter().enumerate() {
                load_check_type_lists(item, &pointer::index(at, position), errors);
            }
        }
        Value::Tagged(tagged) => load_check_type_lists(&tagged.value, at, errors),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
    }
}
