//! Every input version through one IR: a 3.0 fixture, its OpenAPI 3.1 rewrite and its
//! Swagger 2.0 rewrite generate the same models and client (the differences 2.0 cannot avoid
//! are listed and asserted), and a warning in a document of each version names the place in
//! the document the user wrote: pointer, line and column, never a pointer into the converted
//! 3.0 form.

use generator::Settings;

/// The generated `src/models.rs` and `src/client.rs` of a fixture, without their first
/// (header) line, which names the source.
fn models_and_client(fixture: &str) -> (String, String) {
    let text = codegen_tests::read_workspace_file(&format!("tests/fixtures/{fixture}"));
    let output = generator::generate(&text, &Settings::default())
        .unwrap_or_else(|errors| panic!("{fixture}:\n{errors}"));
    let body = |path: &str| {
        let file = output
            .files
            .iter()
            .find(|file| file.path == path)
            .unwrap_or_else(|| panic!("{fixture} has no {path}"));
        file.contents
            .split_once('\n')
            .map_or(String::new(), |(_, rest)| rest.to_owned())
    };
    (body("src/models.rs"), body("src/client.rs"))
}

/// The lines of `right` that differ from `left`'s, side by side.
fn differing_lines(left: &str, right: &str) -> Vec<(String, String)> {
    left.lines()
        .zip(right.lines())
        .filter(|(one, other)| one != other)
        .map(|(one, other)| (one.trim().to_owned(), other.trim().to_owned()))
        .collect()
}

#[test]
fn a_3_1_rewrite_generates_the_same_rust() {
    for (original, rewrite) in [
        ("operations.yaml", "openapi31/operations_equivalent.yaml"),
        ("optionality.yaml", "openapi31/optionality_equivalent.yaml"),
    ] {
        let (models, client) = models_and_client(original);
        let (models_31, client_31) = models_and_client(rewrite);
        assert_eq!(models, models_31, "{rewrite}: models differ");
        assert_eq!(client, client_31, "{rewrite}: client differs");
    }
}

#[test]
fn a_2_0_rewrite_differs_only_where_2_0_cannot_say_the_same() {
    let (models, client) = models_and_client("operations.yaml");
    let (models_20, client_20) = models_and_client("swagger2/operations_equivalent.yaml");
    assert_eq!(models, models_20, "models differ");
    assert_eq!(client.lines().count(), client_20.lines().count());
    let differences = differing_lines(&client, &client_20);
    // 2.0 has no bearer scheme (the token is an API key in `Authorization`) and no `4XX`
    // status ranges (the rewrite says `default`).
    assert_eq!(differences.len(), 3, "{differences:#?}");
    assert!(differences[0].0.contains("bearer"), "{differences:#?}");
    assert!(
        differences[0].1.contains("`Authorization` header"),
        "{differences:#?}"
    );
    assert_eq!(
        differences[1],
        ("classes: &[4],".to_owned(), "classes: &[],".to_owned())
    );
    assert_eq!(
        differences[2],
        ("others: false,".to_owned(), "others: true,".to_owned())
    );
}

/// The one warning of a document, as `pointer (line:column): message`.
fn only_warning(text: &str) -> String {
    let output =
        generator::generate(text, &Settings::default()).unwrap_or_else(|errors| panic!("{errors}"));
    let [warning] = output.warnings.as_slice() else {
        panic!("expected one warning, got {:#?}", output.warnings);
    };
    let location = warning.location.expect("placed in the text");
    format!(
        "{} ({}:{}): {}",
        warning.pointer, location.line, location.column, warning.message
    )
}

#[test]
fn warnings_name_the_place_in_the_document_written() {
    let swagger = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  Pet:\n    type: object\n    properties:\n      id: {type: integer, format: counter}\n";
    assert_eq!(
        only_warning(swagger),
        "#/definitions/Pet/properties/id (8:7): unknown integer format `counter`; it is read as `i64`"
    );
    let openapi_31 = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        id: {type: [integer, 'null'], format: counter}\n";
    assert_eq!(
        only_warning(openapi_31),
        "#/components/schemas/Pet/properties/id (8:9): unknown integer format `counter`; it is read as `i64`"
    );
    let openapi_30 = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        id: {type: integer, format: counter}\n";
    assert_eq!(
        only_warning(openapi_30),
        "#/components/schemas/Pet/properties/id (9:9): unknown integer format `counter`; it is read as `i64`"
    );
}

#[test]
fn a_2_0_body_parameter_problem_is_located_at_the_parameter() {
    let swagger = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    post:\n      operationId: addPet\n      parameters:\n        - name: pet\n          in: body\n          schema:\n            $ref: '#/definitions/Missing'\n      responses:\n        '200': {description: ok}\n";
    assert_eq!(
        only_warning(swagger),
        "#/paths/~1pets/post/parameters/0/schema (10:11): dangling $ref `#/components/schemas/Missing`: there is no schema `Missing`; it is typed as any JSON value (`serde_json::Value`)"
    );
}

#[test]
fn unknown_versions_name_the_supported_ones() {
    for version in ["openapi: 3.3.0", "openapi: 4.0.0", "swagger: '1.2'"] {
        let text = format!("{version}\ninfo: {{title: t, version: '1'}}\npaths: {{}}\n");
        let errors = generator::generate(&text, &Settings::default()).expect_err(version);
        let message = errors.to_string();
        assert!(
            message.contains("OpenAPI 3.0.x, 3.1.x and 3.2.x") && message.contains("Swagger 2.0"),
            "{version}: {message}"
        );
    }
}
