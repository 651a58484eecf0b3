//! Tests of the schema language brought down: YAML in, YAML out, one construct per case, and
//! the way back from each moved part to the place it was written.

use serde_yaml::Value;

use crate::error::Collector;
use crate::load::origin::{FileId, Origins};
use crate::load::version::Version;

/// What one run gives, for a test to look at.
pub(super) struct Downleveled {
    pub(super) document: Value,
    pub(super) origins: Origins,
    /// `pointer: message` of each warning.
    pub(super) warnings: Vec<String>,
    /// `pointer: message` of each error.
    pub(super) errors: Vec<String>,
}

impl Downleveled {
    /// The input pointer an output pointer stands for.
    pub(super) fn source(&self, pointer: &str) -> String {
        let (file, source) = self.origins.resolve(pointer);
        assert_eq!(file, FileId::ROOT);
        source
    }
}

/// Brings the 3.1 (or, with `version`, 3.2) document `text` down.
pub(super) fn downlevel_as(text: &str, version: Version) -> Downleveled {
    let document: Value = serde_yaml::from_str(text).expect("test YAML parses");
    let mut problems = Collector::default();
    let (document, layer) = super::downlevel(document, version, &mut problems);
    let errors = problems
        .take_errors()
        .iter()
        .map(ToString::to_string)
        .collect();
    let (_, warnings) = problems
        .finish_with_warnings(())
        .expect("errors were taken");
    let mut origins = Origins::default();
    origins.push(layer);
    Downleveled {
        document,
        origins,
        warnings: warnings.iter().map(ToString::to_string).collect(),
        errors,
    }
}

/// Brings the 3.1 document `text` down.
pub(super) fn downlevel_text(text: &str) -> Downleveled {
    downlevel_as(text, Version::OpenApi31)
}

/// A document whose one component schema `S` is `schema`.
fn with_schema(schema: &str) -> String {
    format!("openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\ncomponents:\n  schemas:\n    S: {schema}\n")
}

/// The schema `S` after conversion, with the run's warnings.
fn convert(schema: &str) -> (Value, Downleveled) {
    let run = downlevel_text(&with_schema(schema));
    assert!(run.errors.is_empty(), "{schema}: {:?}", run.errors);
    let converted = run.document["components"]["schemas"]["S"].clone();
    (converted, run)
}

fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).expect("expected YAML parses")
}

/// Checks each `(3.1 schema, 3.0 schema)` pair, key order included, and that none warns.
fn assert_converts(cases: &[(&str, &str)]) {
    for (input, expected) in cases {
        let (converted, run) = convert(input);
        assert_eq!(
            serde_yaml::to_string(&converted).unwrap_or_default(),
            serde_yaml::to_string(&yaml(expected)).unwrap_or_default(),
            "{input}"
        );
        assert!(run.warnings.is_empty(), "{input}: {:?}", run.warnings);
    }
}

#[test]
fn type_lists_become_nullable_or_a_union_by_type() {
    assert_converts(&[
        ("{type: [string, 'null']}", "{type: string, nullable: true}"),
        ("{type: ['null', integer], format: int32}", "{type: integer, nullable: true, format: int32}"),
        ("{type: 'null'}", "{nullable: true, enum: [null]}"),
        ("{type: ['null'], description: d}", "{nullable: true, enum: [null], description: d}"),
        ("{type: [string]}", "{type: string}"),
        ("{type: [integer, number, integer]}", "{type: number}"),
        (
            "{description: d, type: [string, integer], minLength: 1, minimum: 0, format: int64, default: 3}",
            "{description: d, oneOf: [{type: string, minLength: 1}, {type: integer, minimum: 0, format: int64}], default: 3}",
        ),
        (
            "{type: [string, integer, 'null'], enum: [a, 1, null]}",
            "{oneOf: [{type: string, enum: [a]}, {type: integer, enum: [1]}], nullable: true}",
        ),
        (
            "{type: [boolean, string], enum: [x]}",
            "{type: string, enum: [x]}",
        ),
        (
            "{type: [array, object], items: {type: string}, properties: {a: {type: string}}, required: [a], maxLength: 3}",
            "{oneOf: [{type: array, items: {type: string}}, {type: object, properties: {a: {type: string}}, required: [a]}]}",
        ),
        (
            "{type: [string, number], oneOf: [{minLength: 1}, {minimum: 1}]}",
            "{anyOf: [{type: string}, {type: number}], oneOf: [{minLength: 1}, {minimum: 1}]}",
        ),
    ]);
}

#[test]
fn constants_examples_and_bounds_take_their_3_0_spelling() {
    assert_converts(&[
        ("{type: string, const: x}", "{type: string, enum: [x]}"),
        ("{const: 1, enum: [1, 2]}", "{enum: [1]}"),
        (
            "{type: string, examples: [a, b]}",
            "{type: string, example: a}",
        ),
        (
            "{type: string, example: z, examples: [a]}",
            "{type: string, example: z}",
        ),
        (
            "{type: number, exclusiveMinimum: 0}",
            "{type: number, minimum: 0, exclusiveMinimum: true}",
        ),
        (
            "{type: integer, minimum: 5, exclusiveMinimum: 3}",
            "{type: integer, minimum: 5}",
        ),
        (
            "{type: integer, minimum: 3, exclusiveMinimum: 3}",
            "{type: integer, minimum: 3, exclusiveMinimum: true}",
        ),
        (
            "{type: integer, minimum: 1, exclusiveMinimum: 3}",
            "{type: integer, minimum: 3, exclusiveMinimum: true}",
        ),
        (
            "{exclusiveMaximum: 10, maximum: 20}",
            "{exclusiveMaximum: true, maximum: 10}",
        ),
        ("{exclusiveMaximum: 30, maximum: 20}", "{maximum: 20}"),
        (
            "{type: number, minimum: 1, exclusiveMinimum: true}",
            "{type: number, minimum: 1, exclusiveMinimum: true}",
        ),
        (
            "{type: string, contentEncoding: base64}",
            "{type: string, format: byte}",
        ),
        (
            "{type: string, contentEncoding: base64url, contentMediaType: image/png}",
            "{type: string, format: byte}",
        ),
        (
            "{type: string, contentMediaType: image/png}",
            "{type: string, format: binary}",
        ),
        (
            "{type: string, contentMediaType: application/json}",
            "{type: string}",
        ),
        (
            "{type: string, format: uri, contentMediaType: text/html}",
            "{type: string, format: uri}",
        ),
        (
            "{type: integer, contentEncoding: base64}",
            "{type: integer}",
        ),
    ]);
}

#[test]
fn references_with_siblings_become_an_all_of() {
    assert_converts(&[
        (
            "{$ref: '#/components/schemas/A'}",
            "{$ref: '#/components/schemas/A'}",
        ),
        (
            "{$ref: '#/components/schemas/A', $comment: c}",
            "{$ref: '#/components/schemas/A'}",
        ),
        (
            "{$ref: '#/components/schemas/A', description: d}",
            "{allOf: [{$ref: '#/components/schemas/A'}], description: d}",
        ),
        (
            "{$ref: '#/components/schemas/A', type: [object, 'null']}",
            "{allOf: [{$ref: '#/components/schemas/A'}], type: object, nullable: true}",
        ),
        (
            "{allOf: [{required: [a]}], $ref: '#/components/schemas/A'}",
            "{allOf: [{$ref: '#/components/schemas/A'}, {required: [a]}]}",
        ),
        (
            "{$defs: {B: {type: [string, 'null']}}, type: object}",
            "{$defs: {B: {type: string, nullable: true}}, type: object}",
        ),
    ]);
}

#[test]
fn tuples_are_carried_for_lowering() {
    assert_converts(&[
        (
            "{prefixItems: [{type: string}, {const: 1}], items: false}",
            "{type: array, x-generator-prefix-items: [{type: string}, {enum: [1]}], x-generator-tuple-closed: true}",
        ),
        (
            "{type: array, prefixItems: [{type: string}], items: {type: integer}}",
            "{type: array, x-generator-prefix-items: [{type: string}], x-generator-tuple-closed: false, items: {type: integer}}",
        ),
        (
            "{type: array, prefixItems: [{type: string}, {type: string}], maxItems: 2}",
            "{type: array, x-generator-prefix-items: [{type: string}, {type: string}], x-generator-tuple-closed: true, maxItems: 2}",
        ),
        (
            "{type: array, prefixItems: [{type: string}], unevaluatedItems: false}",
            "{type: array, x-generator-prefix-items: [{type: string}], x-generator-tuple-closed: true}",
        ),
        (
            "{type: array, items: [{type: string}], additionalItems: {type: number}}",
            "{type: array, x-generator-prefix-items: [{type: string}], x-generator-tuple-closed: false, items: {type: number}}",
        ),
        (
            "{type: array, items: {type: string}, unevaluatedItems: false, contains: {type: string}, minContains: 1}",
            "{type: array, items: {type: string}}",
        ),
        (
            "{type: array, items: {type: string}, additionalItems: {type: [string, 'null']}}",
            "{type: array, items: {type: string}}",
        ),
        (
            "{type: array, prefixItems: [{type: string}], additionalItems: {type: [string, 'null']}}",
            "{type: array, x-generator-prefix-items: [{type: string}], x-generator-tuple-closed: false}",
        ),
        (
            "{type: object, dependencies: {a: {type: [string, 'null']}}}",
            "{type: object}",
        ),
    ]);
}

#[test]
fn extra_properties_and_booleans_take_their_3_0_spelling() {
    assert_converts(&[
        ("{type: object, unevaluatedProperties: false}", "{type: object, additionalProperties: false}"),
        (
            "{type: object, unevaluatedProperties: {type: [string, 'null']}}",
            "{type: object, additionalProperties: {type: string, nullable: true}}",
        ),
        (
            "{type: object, additionalProperties: true, unevaluatedProperties: false}",
            "{type: object, additionalProperties: true}",
        ),
        (
            "{type: object, properties: {a: true, b: false}, additionalProperties: false}",
            "{type: object, properties: {a: {}, b: {not: {}}}, additionalProperties: false}",
        ),
        ("true", "{}"),
        ("false", "{not: {}}"),
        ("{type: array, items: true}", "{type: array, items: {}}"),
        ("{not: {type: [string, 'null']}, nullable: true, deprecated: true}", "{not: {type: string, nullable: true}, nullable: true, deprecated: true}"),
        (
            "{$schema: 'https://json-schema.org/draft/2020-12/schema', $id: x, $anchor: a, $comment: c, $vocabulary: {}, type: object, dependentRequired: {a: [b]}, dependentSchemas: {a: {}}, propertyNames: {pattern: '^a'}}",
            "{type: object}",
        ),
    ]);
}

#[test]
fn every_schema_position_inside_a_schema_is_converted() {
    assert_converts(&[(
        "{type: object, properties: {a: {type: [string, 'null']}}, additionalProperties: {const: 1}, allOf: [{examples: [1]}], anyOf: [{type: 'null'}], oneOf: [{type: [integer, 'null']}], items: {exclusiveMinimum: 1}, $defs: {D: {const: d}}}",
        "{type: object, properties: {a: {type: string, nullable: true}}, additionalProperties: {enum: [1]}, allOf: [{example: 1}], anyOf: [{nullable: true, enum: [null]}], oneOf: [{type: integer, nullable: true}], items: {minimum: 1, exclusiveMinimum: true}, $defs: {D: {enum: [d]}}}",
    )]);
}

#[test]
fn what_cannot_be_typed_is_read_one_way_with_a_warning() {
    let cases: [(&str, &str, &str); 6] = [
        (
            "{$dynamicRef: '#node', description: d, type: object}",
            "{description: d}",
            "#/components/schemas/S/$dynamicRef: `$dynamicRef: #node` cannot be followed",
        ),
        (
            "{$dynamicAnchor: node, type: object}",
            "{type: object}",
            "#/components/schemas/S/$dynamicAnchor: `$dynamicAnchor: node` is ignored",
        ),
        (
            "{type: object, if: {required: [a]}, then: {required: [b]}, else: {}}",
            "{type: object}",
            "#/components/schemas/S/if: `if`/`then`/`else` cannot be expressed as a Rust type",
        ),
        (
            "{type: object, patternProperties: {'^x-': {type: string}}}",
            "{type: object, additionalProperties: {type: string}}",
            "#/components/schemas/S/patternProperties: `patternProperties` (`^x-`) cannot be typed by key pattern; the properties not listed are read with its schema",
        ),
        (
            "{type: object, patternProperties: {'^a': {type: string}, '^b': {type: integer}}, unevaluatedProperties: false}",
            "{type: object, additionalProperties: {}}",
            "#/components/schemas/S/patternProperties: `patternProperties` (`^a`, `^b`) cannot be typed by key pattern; the properties not listed are read as any JSON value",
        ),
        (
            "{type: object, patternProperties: {'^a': {type: string}}, additionalProperties: {type: integer}}",
            "{type: object, additionalProperties: {type: integer}}",
            "#/components/schemas/S/patternProperties: `patternProperties` (`^a`) cannot be typed by key pattern; it is ignored",
        ),
    ];
    for (input, expected, warning) in cases {
        let (converted, run) = convert(input);
        assert_eq!(converted, yaml(expected), "{input}");
        assert_eq!(run.warnings.len(), 1, "{input}: {:?}", run.warnings);
        assert!(
            run.warnings[0].starts_with(warning),
            "{input}: {:?}",
            run.warnings
        );
    }
}

#[test]
fn a_type_list_entry_that_is_not_a_name_is_an_error_at_it() {
    let run = downlevel_text(&with_schema("{type: [string, 7]}"));
    assert_eq!(
        run.document["components"]["schemas"]["S"],
        yaml("{type: string}")
    );
    assert_eq!(run.errors.len(), 1, "{:?}", run.errors);
    assert!(
        run.errors[0].starts_with("#/components/schemas/S/type/1: `7` is not a type name"),
        "{:?}",
        run.errors
    );
}

#[test]
fn moved_parts_resolve_to_where_they_were_written() {
    let run = downlevel_text(&with_schema(
        "{type: object, properties: {\
           ref: {$ref: '#/components/schemas/A', description: d},\
           split: {type: [string, integer], minimum: 1},\
           tuple: {prefixItems: [{$ref: '#/components/schemas/A', readOnly: true}], items: {type: string}},\
           low: {exclusiveMinimum: 2, examples: [3]},\
           open: {unevaluatedProperties: {type: string}},\
           shifted: {$ref: '#/components/schemas/A', allOf: [{required: [a]}]}}}",
    ));
    let at = "#/components/schemas/S/properties";
    for (output, input) in [
        ("ref/allOf/0/$ref", "ref/$ref"),
        ("ref/description", "ref/description"),
        ("split/oneOf/1/minimum", "split/minimum"),
        ("split/oneOf/0/type", "split/type"),
        (
            "tuple/x-generator-prefix-items/0/allOf/0/$ref",
            "tuple/prefixItems/0/$ref",
        ),
        (
            "tuple/x-generator-prefix-items/0/readOnly",
            "tuple/prefixItems/0/readOnly",
        ),
        ("tuple/items/type", "tuple/items/type"),
        ("low/minimum", "low/exclusiveMinimum"),
        ("low/example", "low/examples/0"),
        (
            "open/additionalProperties/type",
            "open/unevaluatedProperties/type",
        ),
        ("shifted/allOf/0/$ref", "shifted/$ref"),
        ("shifted/allOf/1/required", "shifted/allOf/0/required"),
    ] {
        assert_eq!(
            run.source(&format!("{at}/{output}")),
            format!("{at}/{input}"),
            "{output}"
        );
    }
}

#[test]
fn a_warning_inside_a_moved_part_is_located_where_it_was_written() {
    let run = downlevel_text(&with_schema(
        "{type: [object, string], properties: {a: {type: object, if: {}}}}",
    ));
    assert_eq!(run.warnings.len(), 1, "{:?}", run.warnings);
    let pointer = run.warnings[0].split(": ").next().unwrap_or_default();
    assert_eq!(pointer, "#/components/schemas/S/oneOf/0/properties/a/if");
    assert_eq!(
        run.source(pointer),
        "#/components/schemas/S/properties/a/if"
    );
}

#[test]
fn deep_and_long_schemas_are_converted_without_trouble() {
    let mut schema = String::from("{type: [string, 'null']}");
    for _ in 0..60 {
        schema = format!("{{type: [object, 'null'], properties: {{p: {schema}}}}}");
    }
    let (converted, run) = convert(&schema);
    assert!(run.warnings.is_empty());
    let mut inner = &converted;
    for _ in 0..60 {
        assert_eq!(inner["nullable"], Value::Bool(true));
        inner = &inner["properties"]["p"];
    }
    assert_eq!(inner, &yaml("{type: string, nullable: true}"));
    let many = vec!["string"; 10_000].join(", ");
    let (converted, _) = convert(&format!("{{type: [{many}, 'null', integer]}}"));
    assert_eq!(
        converted,
        yaml("{oneOf: [{type: string}, {type: integer}], nullable: true}")
    );
}

#[test]
fn references_to_anchors_become_pointers() {
    let run = downlevel_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    Tree:\n      $anchor: tree\n      type: object\n      properties:\n        children: {type: array, items: {$ref: '#tree'}}\n        leaf: {$ref: '#leaf', description: d}\n    Leaf: {$dynamicAnchor: leaf, type: string}\n    Twice: {properties: {a: {$anchor: twice}, b: {$anchor: twice}}}\n    Bad: {allOf: [{$ref: '#missing'}, {$ref: '#twice'}]}\n",
    );
    let schemas = &run.document["components"]["schemas"];
    assert_eq!(
        schemas["Tree"]["properties"],
        yaml("{children: {type: array, items: {$ref: '#/components/schemas/Tree'}}, leaf: {allOf: [{$ref: '#/components/schemas/Leaf'}], description: d}}")
    );
    assert_eq!(
        run.errors,
        [
            "#/components/schemas/Bad/allOf/0/$ref: `$ref` `#missing` names an anchor, but no schema has that `$anchor`",
            "#/components/schemas/Bad/allOf/1/$ref: `$ref` `#twice` names an anchor, but several schemas have that `$anchor`",
        ]
    );
}
