//! Loading real-world documents: every valid JSON document loads, whatever its escapes and
//! numbers; a byte-order mark is accepted; references are URI fragments; and sloppy parts
//! with a clear meaning are read with a warning instead of refusing the document.

use generator::{generate, Settings};

/// Generates `text`, or panics with the errors.
fn generated(text: &str) -> generator::Output {
    generate(text, &Settings::default()).unwrap_or_else(|errors| panic!("{errors}"))
}

/// The text of the generated `src/models.rs`.
fn models(output: &generator::Output) -> &str {
    output
        .files
        .iter()
        .find(|file| file.path == "src/models.rs")
        .map(|file| file.contents.as_str())
        .unwrap_or_default()
}

const JSON: &str = r#"{
  "openapi": "3.0.3",
  "info": {"title": "Escapes \ud83d\udc4d and numbers", "version": "1"},
  "paths": {},
  "components": {"schemas": {
    "Big": {"type": "integer", "format": "int64", "minimum": -9223372036854776000, "maximum": 18446744073709552000},
    "Huge": {"type": "number", "maximum": 1e400},
    "Thumb": {"type": "string", "description": "\ud83d\udc4d"}
  }}
}"#;

#[test]
fn every_valid_json_document_loads() {
    let output = generated(JSON);
    assert!(models(&output).contains("pub type Big = i64;"));
    assert!(models(&output).contains("pub type Huge = f64;"));
    assert!(
        models(&output).contains("\u{1f44d}"),
        "the surrogate pair is one character"
    );
    assert_eq!(output.warnings.len(), 1, "{:?}", output.warnings);
    assert!(output.warnings[0].message.contains("`1e400` at line 7"));
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = format!("\u{feff}{JSON}");
    generated(&text);
    let yaml = "\u{feff}openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n";
    generated(yaml);
}

#[test]
fn the_order_of_properties_is_kept() {
    let text = r#"{"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {},
      "components": {"schemas": {"S": {"type": "object", "properties": {"zebra": {"type": "string"}, "apple": {"type": "string"}}}}}}"#;
    let output = generated(text);
    let models = models(&output);
    let zebra = models.find("pub zebra").expect("zebra");
    let apple = models.find("pub apple").expect("apple");
    assert!(zebra < apple, "properties came out reordered");
}

#[test]
fn percent_encoded_and_pointer_references_resolve() {
    let text = "openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a/{id}:
    get:
      operationId: getA
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {n: {type: integer}}}
  /b:
    get:
      operationId: getB
      responses:
        '200': {$ref: '#/paths/~1a~1%7Bid%7D/get/responses/200'}
components:
  schemas:
    e f: {type: string}
    Uses:
      type: object
      properties:
        spaced: {$ref: '#/components/schemas/e%20f'}
        inner: {$ref: '#/paths/~1a~1%7Bid%7D/get/responses/200/content/application~1json/schema'}
";
    let output = generated(text);
    let models = models(&output);
    assert!(
        models.contains("pub spaced: ::std::option::Option<EF>"),
        "{models}"
    );
    assert!(models.contains("pub struct AIdGet200"), "{models}");
    assert!(output.warnings.is_empty(), "{:?}", output.warnings);
}

#[test]
fn sloppy_parts_with_a_clear_meaning_are_read_with_a_warning() {
    let text = "openapi: 3.0.3
info: {title: T, version: '1'}
security: [{missing: []}]
paths:
  /rides?page={page}:
    get:
      operationId: listRides
      parameters:
        - {name: page, in: path, required: true, schema: {type: integer}}
        - {name: Accept, in: header, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Ride'}
components:
  schemas:
    Ride:
      type: object
      required: [id, ghost]
      properties:
        id: {type: string, pattern: 0}
        status: {type: string, enum: [open, open, 1]}
";
    let output = generated(text);
    let messages: Vec<&str> = output
        .warnings
        .iter()
        .map(|warning| warning.message.as_str())
        .collect();
    let expected = [
        "`pattern: 0` is not a valid value",
        "not in `components.securitySchemes`",
        "holds a query string",
        "appears only in the path's query string",
        "header parameter `Accept` is ignored",
        "`required` names `ghost`",
        "`open` is listed twice",
        "enum value `1` is not a string",
    ];
    for fragment in expected {
        assert!(
            messages.iter().any(|message| message.contains(fragment)),
            "no warning with {fragment:?} in {messages:#?}"
        );
    }
    let strict = Settings::default().with_deny_warnings(true);
    let errors = generate(text, &strict).expect_err("strict refuses warnings");
    assert_eq!(errors.0.len(), output.warnings.len());
}
