//! Tests of the document around the schemas brought down: webhooks, reusable path items and
//! media types, `info`, 3.2's additions, and where each moved part resolves to.

use serde_yaml::Value;

use super::schema_tests::{downlevel_as, downlevel_text};
use crate::load::version::Version;

fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).expect("expected YAML parses")
}

const WEBHOOKS: &str = "\
openapi: 3.1.0
info:
  title: Hooks
  summary: A short summary.
  version: '1'
  license: {identifier: MIT}
jsonSchemaDialect: https://spec.openapis.org/oas/3.1/dialect/base
webhooks:
  invoicePaid:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: [object, 'null'], if: {}}
      responses:
        '200': {description: ok}
  shared: {$ref: '#/components/pathItems/Shared'}
paths:
  /a:
    $ref: '#/components/pathItems/Shared'
    summary: Path a.
  /b: {$ref: '#/components/pathItems/Alias'}
components:
  pathItems:
    Alias: {$ref: '#/components/pathItems/Shared'}
    Shared:
      summary: Shared.
      get:
        responses:
          '200':
            description: ok
            content:
              application/json:
                schema: {const: 1, then: {}}
";

#[test]
fn webhooks_and_path_items_are_placed_where_3_0_can_hold_them() {
    let run = downlevel_text(WEBHOOKS);
    assert!(run.errors.is_empty(), "{:?}", run.errors);
    let document = &run.document;
    assert_eq!(document["openapi"], Value::from("3.0.3"));
    assert!(document.get("webhooks").is_none());
    assert!(document.get("jsonSchemaDialect").is_none());
    assert!(document["components"].get("pathItems").is_none());
    let hook = &document["x-generator-webhooks"]["invoicePaid"]["post"];
    assert_eq!(
        hook["requestBody"]["content"]["application/json"]["schema"],
        yaml("{type: object, nullable: true}")
    );
    let shared = yaml(
        "{summary: Shared., get: {responses: {'200': {description: ok, content: {application/json: {schema: {enum: [1]}}}}}}}",
    );
    assert_eq!(document["x-generator-webhooks"]["shared"], shared);
    assert_eq!(document["paths"]["/b"], shared);
    assert_eq!(document["paths"]["/a"]["summary"], Value::from("Path a."));
    assert_eq!(document["paths"]["/a"]["get"], shared["get"]);
    assert_eq!(
        document["info"],
        yaml("{title: Hooks, x-generator-summary: A short summary., version: '1', license: {name: MIT, x-generator-identifier: MIT}}")
    );
}

#[test]
fn moved_document_parts_resolve_to_where_they_were_written() {
    let run = downlevel_text(WEBHOOKS);
    for (output, input) in [
        (
            "#/x-generator-webhooks/invoicePaid/post/requestBody",
            "#/webhooks/invoicePaid/post/requestBody",
        ),
        (
            "#/x-generator-webhooks/shared/get/responses/200",
            "#/components/pathItems/Shared/get/responses/200",
        ),
        ("#/paths/~1a/get", "#/components/pathItems/Shared/get"),
        ("#/paths/~1a/summary", "#/paths/~1a/summary"),
        (
            "#/paths/~1b/summary",
            "#/components/pathItems/Shared/summary",
        ),
        ("#/info/x-generator-summary", "#/info/summary"),
        ("#/info/license/name", "#/info/license/identifier"),
        (
            "#/info/license/x-generator-identifier",
            "#/info/license/identifier",
        ),
        (
            "#/paths/~1a/get/responses/200/content/application~1json/schema/enum",
            "#/components/pathItems/Shared/get/responses/200/content/application~1json/schema/enum",
        ),
    ] {
        assert_eq!(run.source(output), input, "{output}");
    }
}

#[test]
fn a_warning_in_a_copied_path_item_is_reported_once_where_it_was_written() {
    let run = downlevel_text(WEBHOOKS);
    let located: Vec<(String, String)> = run
        .warnings
        .iter()
        .map(|warning| {
            let pointer = warning.split(": ").next().unwrap_or_default();
            (pointer.to_owned(), run.source(pointer))
        })
        .collect();
    assert_eq!(
        located
            .iter()
            .map(|(_, source)| source.as_str())
            .collect::<Vec<_>>(),
        [
            "#/webhooks/invoicePaid/post/requestBody/content/application~1json/schema/if",
            "#/components/pathItems/Shared/get/responses/200/content/application~1json/schema/then",
        ],
        "{:?}",
        run.warnings
    );
}

#[test]
fn a_reference_to_a_missing_or_circular_path_item_is_an_error_at_it() {
    let run = downlevel_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a: {$ref: '#/components/pathItems/Missing'}\n  /b: {$ref: '#/components/pathItems/Loop'}\ncomponents:\n  pathItems:\n    Loop: {$ref: '#/components/pathItems/Loop'}\n",
    );
    assert_eq!(
        run.errors,
        [
            "#/paths/~1a/$ref: dangling $ref `#/components/pathItems/Missing`: there is no entry of `components.pathItems` there",
            "#/paths/~1b/$ref: `$ref` `#/components/pathItems/Loop` takes more than 32 hops; the references form a cycle",
        ]
    );
}

#[test]
fn a_document_without_paths_gets_empty_ones_and_unknown_dialects_warn() {
    let run = downlevel_text(
        "openapi: 3.1.1\ninfo: {title: t, version: '1'}\njsonSchemaDialect: https://example.com/dialect\n",
    );
    assert_eq!(run.document["paths"], yaml("{}"));
    assert_eq!(
        run.warnings,
        ["#/jsonSchemaDialect: `jsonSchemaDialect` `https://example.com/dialect` is not the OpenAPI dialect; its schemas are read as OpenAPI 3.1 schemas (JSON Schema 2020-12)"]
    );
}

const VERSION_3_2: &str = "\
openapi: 3.2.0
$self: https://example.com/api.yaml
info: {title: t, version: '1'}
servers: [{url: 'https://api.example.com', name: prod}]
tags:
  - {name: pets, summary: Pets, kind: nav}
  - {name: cats, parent: pets}
paths:
  /search:
    query:
      operationId: search
      requestBody:
        content:
          application/json: {$ref: '#/components/mediaTypes/Query'}
      responses:
        '200':
          summary: Found.
          content:
            application/jsonl:
              itemSchema: {type: [string, 'null']}
              itemEncoding: {contentType: text/plain}
    additionalOperations:
      COPY: {responses: {'204': {}}}
  /raw:
    parameters:
      - {name: q, in: querystring, content: {application/json: {schema: {}}}}
    get: {responses: {'204': {description: none}}}
  /mixed:
    get:
      parameters:
        - {$ref: '#/components/parameters/Raw'}
        - {name: page, in: query, schema: {type: [integer, 'null']}}
      responses: {'204': {description: none}}
components:
  mediaTypes:
    Query: {schema: {type: object, properties: {q: {const: x}}}}
  parameters:
    Raw: {name: raw, in: querystring, content: {text/plain: {schema: {type: string}}}}
  securitySchemes:
    oauth:
      type: oauth2
      oauth2MetadataUrl: https://example.com/.well-known/oauth
      flows:
        deviceAuthorization: {deviceAuthorizationUrl: 'https://example.com/device', tokenUrl: 'https://example.com/token', scopes: {}}
        clientCredentials: {tokenUrl: 'https://example.com/token', scopes: {}}
    mtls: {type: mutualTLS}
security: [{mtls: [], oauth: []}]
";

#[test]
fn what_3_2_adds_is_carried_in_extensions_or_dropped() {
    let run = downlevel_as(VERSION_3_2, Version::OpenApi32);
    assert!(run.errors.is_empty(), "{:?}", run.errors);
    let document = &run.document;
    assert!(document.get("$self").is_none());
    assert_eq!(
        document["servers"],
        yaml("[{url: 'https://api.example.com'}]")
    );
    assert_eq!(document["tags"], yaml("[{name: pets}, {name: cats}]"));
    let search = &document["paths"]["/search"];
    assert!(search.get("query").is_none());
    let query = &search["x-generator-query"];
    assert_eq!(
        query["requestBody"]["content"]["application/json"],
        yaml("{schema: {type: object, properties: {q: {enum: [x]}}}}")
    );
    assert_eq!(
        query["responses"]["200"],
        yaml("{description: Found., content: {application/jsonl: {x-generator-item-schema: {type: string, nullable: true}}}}")
    );
    assert_eq!(
        search["x-generator-additional-operations"],
        yaml("{COPY: {responses: {'204': {description: ''}}}}")
    );
    assert_eq!(
        document["paths"]["/raw"],
        yaml("{parameters: [], get: {x-generator-skip: 'the parameter `q` is `in: querystring` (OpenAPI 3.2), which this generator cannot send yet', responses: {'204': {description: none}}}}")
    );
    let mixed = &document["paths"]["/mixed"]["get"];
    assert_eq!(
        mixed["parameters"],
        yaml("[{name: page, in: query, schema: {type: integer, nullable: true}}]")
    );
    assert!(mixed["x-generator-skip"].is_string());
    assert!(document["components"].get("mediaTypes").is_none());
    assert!(document["components"]["parameters"].get("Raw").is_none());
    assert_eq!(
        document["components"]["securitySchemes"],
        yaml("{oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://example.com/token', scopes: {}}}}}")
    );
    assert_eq!(document["security"], yaml("[{oauth: []}]"));
}

#[test]
fn what_3_2_adds_warns_where_it_was_written() {
    let run = downlevel_as(VERSION_3_2, Version::OpenApi32);
    let located: Vec<String> = run
        .warnings
        .iter()
        .map(|warning| {
            let (pointer, message) = warning.split_once(": ").unwrap_or_default();
            let words: Vec<&str> = message.split_whitespace().take(4).collect();
            format!("{} {}", run.source(pointer), words.join(" "))
        })
        .collect();
    assert_eq!(
        located,
        [
            "#/components/securitySchemes/mtls the `mutualTLS` security scheme",
            "#/paths/~1search/additionalOperations `additionalOperations` (`COPY`) are not",
            "#/paths/~1raw/parameters/0 the parameter `q` is",
            "#/paths/~1mixed/get/parameters/0 the parameter `Raw` is",
            "#/components/securitySchemes/oauth/flows/deviceAuthorization the OAuth 2 `deviceAuthorization`",
        ]
    );
    for (output, input) in [
        ("#/paths/~1search/x-generator-query/responses", "#/paths/~1search/query/responses"),
        (
            "#/paths/~1search/x-generator-query/requestBody/content/application~1json/schema",
            "#/components/mediaTypes/Query/schema",
        ),
        (
            "#/paths/~1search/x-generator-query/responses/200/description",
            "#/paths/~1search/query/responses/200/summary",
        ),
        (
            "#/paths/~1search/x-generator-query/responses/200/content/application~1jsonl/x-generator-item-schema/type",
            "#/paths/~1search/query/responses/200/content/application~1jsonl/itemSchema/type",
        ),
        ("#/paths/~1mixed/get/parameters/0/schema", "#/paths/~1mixed/get/parameters/1/schema"),
        ("#/paths/~1mixed/get/x-generator-skip", "#/paths/~1mixed/get/parameters/0"),
        ("#/paths/~1raw/get/x-generator-skip", "#/paths/~1raw/parameters/0"),
    ] {
        assert_eq!(run.source(output), input, "{output}");
    }
}

#[test]
fn a_path_item_or_media_type_inside_itself_is_not_copied_forever() {
    let run = downlevel_as(
        "openapi: 3.2.0\ninfo: {title: t, version: '1'}\npaths:\n  /a: {$ref: '#/components/pathItems/P'}\ncomponents:\n  pathItems:\n    P:\n      post:\n        callbacks:\n          again:\n            '{$url}': {$ref: '#/components/pathItems/P'}\n        responses:\n          '200':\n            description: ok\n            content:\n              text/plain: {$ref: '#/components/mediaTypes/M'}\n  mediaTypes:\n    M:\n      schema: {type: string}\n      encoding:\n        part:\n          headers:\n            X-Part:\n              content:\n                text/plain: {$ref: '#/components/mediaTypes/M'}\n",
        Version::OpenApi32,
    );
    assert!(run.errors.is_empty(), "{:?}", run.errors);
    let operation = &run.document["paths"]["/a"]["post"];
    assert_eq!(operation["callbacks"]["again"]["{$url}"], yaml("{}"));
    let media = &operation["responses"]["200"]["content"]["text/plain"];
    assert_eq!(
        media["encoding"]["part"]["headers"]["X-Part"]["content"]["text/plain"],
        yaml("{}")
    );
    assert_eq!(
        run.warnings,
        [
            "#/paths/~1a/post/responses/200/content/text~1plain/encoding/part/headers/X-Part/content/text~1plain/$ref: `$ref` `#/components/mediaTypes/M` is inside its own target; this copy is left empty",
            "#/paths/~1a/post/callbacks/again/{$url}/$ref: `$ref` `#/components/pathItems/P` is inside its own target; this copy is left empty",
        ]
    );
}

#[test]
fn copies_stop_at_the_budget_with_an_error_at_the_reference() {
    use super::context::Context;
    use super::inline::{inline_reference, Section};
    let mut problems = crate::error::Collector::default();
    let mut context = Context::new(Version::OpenApi31, &mut problems);
    context.reusable.path_items =
        serde_yaml::from_str("P: {summary: s, get: {responses: {}}}").expect("test YAML parses");
    context.set_budget(7);
    let mut first = yaml("{$ref: '#/components/pathItems/P'}");
    let mut second = first.clone();
    assert!(inline_reference(
        &mut first,
        "#/paths/~1a",
        Section::PathItems,
        &mut context
    ));
    context.leave_inlined();
    assert!(!inline_reference(
        &mut second,
        "#/paths/~1b",
        Section::PathItems,
        &mut context
    ));
    assert_eq!(first, yaml("{summary: s, get: {responses: {}}}"));
    assert_eq!(second, yaml("{$ref: '#/components/pathItems/P'}"));
    drop(context);
    let errors: Vec<String> = problems
        .take_errors()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errors,
        ["#/paths/~1b/$ref: `$ref` `#/components/pathItems/P` is not copied in: copying `components.pathItems` where they are used would make a document of more than two million values"]
    );
}
