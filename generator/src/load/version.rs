//! Which OpenAPI a document is written in, from its `openapi` or `swagger` field: the versions
//! this generator reads are OpenAPI 3.0.x, 3.1.x and 3.2.x and Swagger 2.0; any other is a
//! clear error naming them.

use serde_yaml::Value;

use crate::error::Diagnostic;

/// The versions a document may declare, as the error for any other names them.
const SUPPORTED: &str = "this generator reads OpenAPI 3.0.x, 3.1.x and 3.2.x (`openapi: 3.1.0`) and Swagger 2.0 (`swagger: \"2.0\"`)";

/// The dialect of a document, which decides how it is brought to the 3.0 form lowering reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Version {
    /// Swagger 2.0: upgraded (`swagger2/`).
    Swagger2,
    /// OpenAPI 3.0.x: read as it is.
    OpenApi30,
    /// OpenAPI 3.1.x: brought down to 3.0 (`openapi31/`).
    OpenApi31,
    /// OpenAPI 3.2.x: brought down to 3.0 like 3.1, with 3.2's additions.
    OpenApi32,
}

/// The document's version, or an error at the field that names an unsupported one.
pub(crate) fn detect(document: &Value) -> Result<Version, Diagnostic> {
    let (field, declared) = match (document.get("openapi"), document.get("swagger")) {
        (Some(declared), _) => ("openapi", declared),
        (None, Some(declared)) => ("swagger", declared),
        (None, None) if !document.is_mapping() => {
            return Err(Diagnostic::error(
                "#",
                format!("the document is not a mapping; {SUPPORTED}"),
            ))
        }
        (None, None) => {
            return Err(Diagnostic::error(
                "#",
                format!("missing the `openapi` version field; {SUPPORTED}"),
            ))
        }
    };
    let at = format!("#/{field}");
    let Value::String(text) = declared else {
        let shown = serde_yaml::to_string(declared).unwrap_or_default();
        return Err(Diagnostic::error(
            at,
            format!(
                "the version `{}` is not a string (quote it: \"{}\"); {SUPPORTED}",
                shown.trim_end(),
                shown.trim_end()
            ),
        ));
    };
    let version = match field {
        "swagger" if text == "2.0" => Some(Version::Swagger2),
        "openapi" => openapi_version(text),
        _ => None,
    };
    version.ok_or_else(|| {
        Diagnostic::error(
            at,
            format!("unsupported version \"{text}\" in `{field}`; {SUPPORTED}"),
        )
    })
}

/// `3.0.x`, `3.1.x` or `3.2.x` with a numeric patch (and an optional pre-release, such as
/// `3.2.0-rc1`, which reads as its release).
fn openapi_version(text: &str) -> Option<Version> {
    let (minor, patch) = text.strip_prefix("3.")?.split_once('.')?;
    let patch = patch.split('-').next()?;
    if patch.is_empty() || !patch.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    match minor {
        "0" => Some(Version::OpenApi30),
        "1" => Some(Version::OpenApi31),
        "2" => Some(Version::OpenApi32),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect_text(text: &str) -> Result<Version, String> {
        let value: Value = serde_yaml::from_str(text).expect("yaml");
        detect(&value).map_err(|error| error.to_string())
    }

    #[test]
    fn every_supported_version_is_recognised() {
        assert_eq!(detect_text("openapi: 3.0.3"), Ok(Version::OpenApi30));
        assert_eq!(detect_text("openapi: 3.1.0"), Ok(Version::OpenApi31));
        assert_eq!(detect_text("openapi: 3.2.0"), Ok(Version::OpenApi32));
        assert_eq!(detect_text("swagger: '2.0'"), Ok(Version::Swagger2));
    }

    #[test]
    fn other_versions_name_the_supported_ones() {
        for (text, at) in [
            ("openapi: 3.3.0", "#/openapi"),
            ("openapi: 4.0.0", "#/openapi"),
            ("openapi: '3.0'", "#/openapi"),
            ("swagger: '1.2'", "#/swagger"),
            ("openapi: 3.1", "#/openapi"),
            ("info: {}", "#"),
        ] {
            let error = detect_text(text).expect_err(text);
            assert!(error.starts_with(at), "{text}: {error}");
            assert!(error.contains("3.0.x, 3.1.x and 3.2.x"), "{text}: {error}");
            assert!(error.contains("Swagger 2.0"), "{text}: {error}");
        }
    }
}
