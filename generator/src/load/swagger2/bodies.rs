//! Request bodies. A `body` parameter becomes a request body with its schema under each
//! effective `consumes` type, keeping its `description` and `required`. `formData` parameters
//! become one request body whose schema is an object of them: `multipart/form-data` when the
//! operation consumes it or a field is a file, `application/x-www-form-urlencoded` otherwise;
//! each field's `required` joins the schema's `required` list, and an array field of a
//! urlencoded body keeps its `collectionFormat` as an `encoding` style.

use serde_yaml::{Mapping, Value};

use super::operations::Entry;
use super::params::{encoding_of, serialization, skip_message, Serialization};
use super::usage::{essence, MediaType};
use super::{field, parent, shown, Upgrade};
use crate::pointer;

const MULTIPART: &str = "multipart/form-data";
const URLENCODED: &str = "application/x-www-form-urlencoded";

impl<'input> Upgrade<'input, '_> {
    /// The body parameter at `from` as a request body written at `at`.
    pub(super) fn request_body(
        &mut self,
        parameter: &Mapping,
        at: &str,
        from: &str,
        media_types: &[MediaType],
    ) -> Value {
        self.moved(at, from);
        let schema_from = pointer::child(from, "schema");
        let mut output = Mapping::new();
        let mut content_written = false;
        for (key, value) in parameter {
            let Some(name) = key.as_str() else { continue };
            match name {
                "schema" => {
                    let content = self.content(Some(value), at, &schema_from, media_types, from);
                    output.insert("content".into(), Value::Mapping(content));
                    content_written = true;
                }
                "description" | "required" => {
                    output.insert(key.clone(), value.clone());
                }
                _ if name.starts_with("x-") => {
                    output.insert(key.clone(), value.clone());
                }
                // `name` and `in` say nothing a request body needs.
                _ => {}
            }
        }
        if !content_written {
            self.warn(
                at,
                format!(
                    "body parameter `{}` has no `schema`; its body is read as any JSON value",
                    field(parameter, "name").unwrap_or_default()
                ),
            );
            let content = self.content(None, at, &schema_from, media_types, from);
            output.insert("content".into(), Value::Mapping(content));
        }
        Value::Mapping(output)
    }

    /// The `content` of the request body or response at `at`: `schema` (at `schema_from`)
    /// under each media type. A media type is mounted on the `consumes` or `produces` entry
    /// that names it, or on `fallback_from` for the default.
    pub(super) fn content(
        &mut self,
        schema: Option<&Value>,
        at: &str,
        schema_from: &str,
        media_types: &[MediaType],
        fallback_from: &str,
    ) -> Mapping {
        let content_at = pointer::child(at, "content");
        self.reshaped(
            &content_at,
            if schema.is_some() {
                schema_from
            } else {
                fallback_from
            },
        );
        let mut content = Mapping::new();
        for media in media_types {
            let media_at = pointer::child(&content_at, &media.name);
            self.reshaped(&media_at, media.from.as_deref().unwrap_or(fallback_from));
            let mut entry = Mapping::new();
            if let Some(schema) = schema {
                let schema_at = pointer::child(&media_at, "schema");
                self.moved(&schema_at, schema_from);
                entry.insert(
                    "schema".into(),
                    self.schema(schema, &schema_at, schema_from),
                );
            }
            content.insert(media.name.as_str().into(), Value::Mapping(entry));
        }
        content
    }

    /// The request body at `at` of an operation's `formData` parameters; with the reasons
    /// the operation must be skipped, if a field's format has no 3.0 style.
    pub(super) fn form_body(
        &mut self,
        fields: &[&Entry<'input>],
        at: &str,
        consumes: &[MediaType],
    ) -> (Value, Vec<String>) {
        let media = form_media(fields, consumes);
        let list_from = fields
            .first()
            .map_or("#", |entry| parent(&entry.from))
            .to_owned();
        let media_at = pointer::child(&pointer::child(at, "content"), &media.name);
        let schema_at = pointer::child(&media_at, "schema");
        for made_up in ["", "/content", "/required"] {
            self.reshaped(&format!("{at}{made_up}"), &list_from);
        }
        self.reshaped(&media_at, media.from.as_deref().unwrap_or(&list_from));
        // The parts the upgrade makes up stand for the parameter list they are made from.
        for made_up in ["", "/type", "/properties", "/required"] {
            self.reshaped(&format!("{schema_at}{made_up}"), &list_from);
        }
        let mut form = Form::default();
        for entry in fields {
            self.form_field(entry, &media_at, media.name == MULTIPART, &mut form);
        }
        let mut schema = Mapping::new();
        schema.insert("type".into(), "object".into());
        schema.insert("properties".into(), Value::Mapping(form.properties));
        if !form.required.is_empty() {
            let required = form.required.into_iter().map(Value::from).collect();
            schema.insert("required".into(), Value::Sequence(required));
        }
        let mut media_entry = Mapping::new();
        media_entry.insert("schema".into(), Value::Mapping(schema));
        if !form.encoding.is_empty() {
            media_entry.insert("encoding".into(), Value::Mapping(form.encoding));
        }
        let mut content = Mapping::new();
        content.insert(media.name.into(), Value::Mapping(media_entry));
        let mut body = Mapping::new();
        body.insert("content".into(), Value::Mapping(content));
        if form.any_required {
            body.insert("required".into(), true.into());
        }
        (Value::Mapping(body), form.skips)
    }

    /// One form field: a property of the body's schema, mounted on its parameter.
    fn form_field(
        &mut self,
        entry: &Entry<'input>,
        media_at: &str,
        multipart: bool,
        form: &mut Form,
    ) {
        let Some(parameter) = entry.parameter else {
            return;
        };
        let name = field(parameter, "name").unwrap_or_default();
        let properties_at = pointer::child(&pointer::child(media_at, "schema"), "properties");
        let property_at = pointer::child(&properties_at, name);
        self.reshaped(&property_at, &entry.source);
        if name.is_empty() {
            self.warn(
                &property_at,
                "a formData parameter without a `name` cannot be sent; it is left out",
            );
            return;
        }
        let keep = |key: &str| key == "description" || key.starts_with("x-");
        let property = self.simple_schema(parameter, &property_at, &entry.source, keep);
        form.properties.insert(name.into(), property);
        if parameter.get("required") == Some(&Value::Bool(true)) {
            let required_at = pointer::child(&pointer::child(media_at, "schema"), "required");
            let required_at = pointer::index(&required_at, form.required.len());
            self.reshaped(&required_at, &pointer::child(&entry.source, "required"));
            form.required.push(name.to_owned());
            form.any_required = true;
        }
        let serialization = serialization("formData", parameter);
        if multipart {
            self.multipart_format(&serialization, parameter, &property_at);
            return;
        }
        if let Some(reason) = self.report_serialization(&serialization, parameter, &property_at) {
            self.warn(
                pointer::child(&property_at, "collectionFormat"),
                skip_message(&reason),
            );
            form.skips.push(reason);
        }
        if let Some(encoding) = encoding_of(&serialization) {
            let encoding_at = pointer::child(&pointer::child(media_at, "encoding"), name);
            self.reshaped(&encoding_at, &entry.source);
            form.encoding.insert(name.into(), encoding);
        }
    }

    /// In a multipart body each item of an array is a part of its own (2.0's `multi`); any
    /// other `collectionFormat` has no multipart equivalent.
    fn multipart_format(
        &mut self,
        serialization: &Serialization,
        parameter: &Mapping,
        property_at: &str,
    ) {
        match (serialization, parameter.get("collectionFormat")) {
            (Serialization::Plain, _) => {
                self.report_serialization(serialization, parameter, property_at);
            }
            (_, Some(format)) if format.as_str() != Some("multi") => self.warn(
                pointer::child(property_at, "collectionFormat"),
                format!(
                    "in a multipart body each item of an array is sent as its own part; \
                     `collectionFormat: {}` has no multipart equivalent and is not kept",
                    shown(format)
                ),
            ),
            _ => {}
        }
    }

    /// Warns that the form fields of an operation with a body parameter are left out, each at
    /// the place it would have had in the body at `at`.
    pub(super) fn drop_form_fields(
        &mut self,
        fields: &[&Entry<'input>],
        at: &str,
        consumes: &[MediaType],
    ) {
        let media = form_media(fields, consumes);
        let media_at = pointer::child(&pointer::child(at, "content"), &media.name);
        let properties_at = pointer::child(&pointer::child(&media_at, "schema"), "properties");
        for entry in fields {
            let name = entry
                .parameter
                .and_then(|parameter| field(parameter, "name"))
                .unwrap_or_default();
            let property_at = pointer::child(&properties_at, name);
            self.reshaped(&property_at, &entry.from);
            self.warn(
                property_at,
                format!(
                    "the operation has a body parameter, and OpenAPI 3.0 has one request body: \
                     formData parameter `{name}` is left out"
                ),
            );
        }
    }
}

/// What the fields of a form body add up to.
#[derive(Debug, Default)]
struct Form {
    properties: Mapping,
    required: Vec<String>,
    any_required: bool,
    encoding: Mapping,
    skips: Vec<String>,
}

/// The media type of a form body: multipart when the operation consumes it or a field is a
/// file, urlencoded otherwise; mounted on the `consumes` entry that names it, if one does.
fn form_media(fields: &[&Entry<'_>], consumes: &[MediaType]) -> MediaType {
    let has_file = fields.iter().any(|entry| {
        entry
            .parameter
            .is_some_and(|parameter| field(parameter, "type") == Some("file"))
    });
    let listed = |wanted: &str| consumes.iter().find(|media| essence(&media.name) == wanted);
    let (name, listed) = match listed(MULTIPART) {
        Some(media) => (MULTIPART, Some(media)),
        None if has_file => (MULTIPART, None),
        None => (URLENCODED, listed(URLENCODED)),
    };
    MediaType {
        name: name.to_owned(),
        from: listed.and_then(|media| media.from.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{document, upgrade_text, yaml};

    #[test]
    fn a_body_parameter_is_the_request_body_in_each_consumed_type() {
        let upgraded = upgrade_text(&document(
            "
consumes: [application/json]
paths:
  /pets:
    post:
      consumes: [application/json, application/xml]
      parameters:
        - {name: limit, in: query, type: integer}
        - name: pet
          in: body
          required: true
          description: The pet to add.
          x-origin: kept
          schema: {type: object, properties: {name: {type: string}}}
      responses: {'204': {description: ok}}
",
        ));
        let post = "#/paths/~1pets/post";
        assert_eq!(
            upgraded.at(post).cloned(),
            Some(yaml(
                "
parameters:
  - {name: limit, in: query, schema: {type: integer}}
requestBody:
  required: true
  description: The pet to add.
  x-origin: kept
  content:
    application/json:
      schema: {type: object, properties: {name: {type: string}}}
    application/xml:
      schema: {type: object, properties: {name: {type: string}}}
responses: {'204': {description: ok}}
"
            ))
        );
        for (output, input) in [
            (
                "/requestBody/content/application~1xml/schema/properties/name",
                "/parameters/1/schema/properties/name",
            ),
            ("/requestBody/content/application~1xml", "/consumes/1"),
            ("/requestBody/description", "/parameters/1/description"),
        ] {
            assert_eq!(
                upgraded.resolve(&format!("{post}{output}")),
                format!("{post}{input}"),
                "{output}"
            );
        }
        assert_eq!(upgraded.warnings, []);
    }

    #[test]
    fn form_fields_are_the_properties_of_a_form_body() {
        let upgraded = upgrade_text(&document(
            "
paths:
  /pets:
    post:
      parameters:
        - {name: name, in: formData, type: string, required: true, description: The name.}
        - {name: tags, in: formData, type: array, items: {type: string}}
        - {name: ids, in: formData, type: array, items: {type: integer}, collectionFormat: multi}
      responses: {'204': {description: ok}}
    put:
      consumes: [multipart/form-data]
      parameters:
        - {name: note, in: formData, type: string}
      responses: {'204': {description: ok}}
  /photos:
    post:
      parameters:
        - {name: photo, in: formData, type: file, required: true}
        - {name: caption, in: formData, type: string, x-nullable: true}
      responses: {'204': {description: ok}}
",
        ));
        assert_eq!(
            upgraded.at("#/paths/~1pets/post/requestBody").cloned(),
            Some(yaml(
                "
content:
  application/x-www-form-urlencoded:
    schema:
      type: object
      properties:
        name: {type: string, description: The name.}
        tags: {type: array, items: {type: string}}
        ids: {type: array, items: {type: integer}}
      required: [name]
    encoding:
      tags: {style: form, explode: false}
      ids: {style: form, explode: true}
required: true
"
            ))
        );
        assert_eq!(
            upgraded.at("#/paths/~1pets/put/requestBody").cloned(),
            Some(yaml(
                "content: {multipart/form-data: {schema: {type: object, properties: {note: {type: string}}}}}"
            ))
        );
        assert_eq!(
            upgraded.at("#/paths/~1photos/post/requestBody").cloned(),
            Some(yaml(
                "
content:
  multipart/form-data:
    schema:
      type: object
      properties:
        photo: {type: string, format: binary}
        caption: {type: string, nullable: true}
      required: [photo]
required: true
"
            ))
        );
        let schema =
            "#/paths/~1pets/post/requestBody/content/application~1x-www-form-urlencoded/schema";
        assert_eq!(
            upgraded.resolve(&format!("{schema}/properties/tags/items/type")),
            "#/paths/~1pets/post/parameters/1/items/type"
        );
        assert_eq!(
            upgraded.resolve(&format!("{schema}/required")),
            "#/paths/~1pets/post/parameters"
        );
        assert_eq!(
            upgraded.resolve(&format!("{schema}/required/0")),
            "#/paths/~1pets/post/parameters/0/required"
        );
        assert_eq!(
            upgraded.resolve("#/paths/~1pets/put/requestBody/content/multipart~1form-data"),
            "#/paths/~1pets/put/consumes/0"
        );
        assert_eq!(upgraded.warnings, []);
    }

    #[test]
    fn a_body_wins_over_form_fields_and_a_second_body() {
        let upgraded = upgrade_text(&document(
            "
paths:
  /pets:
    post:
      parameters:
        - {name: pet, in: body, schema: {type: object}}
        - {name: name, in: formData, type: string}
        - {name: other, in: body, schema: {type: string}}
        - {name: id, in: query, type: string}
      responses: {'204': {description: ok}}
",
        ));
        assert_eq!(
            upgraded.at("#/paths/~1pets/post").cloned(),
            Some(yaml(
                "
parameters: [{name: id, in: query, schema: {type: string}}]
requestBody: {content: {application/json: {schema: {type: object}}}}
responses: {'204': {description: ok}}
"
            ))
        );
        assert_eq!(
            upgraded.warnings,
            [
                (
                    "#/paths/~1pets/post/parameters/2".to_owned(),
                    "a second body parameter (`other`): OpenAPI 3.0 has one request body, and \
                     the first body parameter is kept"
                        .to_owned()
                ),
                (
                    "#/paths/~1pets/post/parameters/1".to_owned(),
                    "the operation has a body parameter, and OpenAPI 3.0 has one request body: \
                     formData parameter `name` is left out"
                        .to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_global_body_is_a_component_unless_its_user_consumes_other_types() {
        let upgraded = upgrade_text(&document(
            "
parameters:
  Pet: {name: pet, in: body, required: true, schema: {$ref: '#/definitions/Pet'}}
  Name: {name: name, in: formData, type: string, required: true}
paths:
  /pets:
    post:
      parameters: [{$ref: '#/parameters/Pet'}]
      responses: {'204': {description: ok}}
    put:
      parameters: [{$ref: '#/parameters/Pet'}]
      responses: {'204': {description: ok}}
    patch:
      consumes: [application/xml]
      parameters: [{$ref: '#/parameters/Pet'}]
      responses: {'204': {description: ok}}
  /names:
    post:
      parameters: [{$ref: '#/parameters/Name'}]
      responses: {'204': {description: ok}}
definitions:
  Pet: {type: object}
",
        ));
        assert_eq!(
            upgraded.at("#/components/requestBodies").cloned(),
            Some(yaml(
                "Pet: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}"
            ))
        );
        assert_eq!(upgraded.at("#/components/parameters"), None);
        let body = |method: &str| {
            upgraded
                .at(&format!("#/paths/~1pets/{method}/requestBody"))
                .cloned()
        };
        assert_eq!(
            body("post"),
            Some(yaml("{$ref: '#/components/requestBodies/Pet'}"))
        );
        assert_eq!(body("put"), body("post"));
        assert_eq!(
            body("patch"),
            Some(yaml(
                "{required: true, content: {application/xml: {schema: {$ref: '#/components/schemas/Pet'}}}}"
            ))
        );
        assert_eq!(
            upgraded.resolve("#/paths/~1pets/patch/requestBody/content/application~1xml/schema"),
            "#/parameters/Pet/schema"
        );
        assert_eq!(
            upgraded.resolve("#/paths/~1pets/post/requestBody"),
            "#/paths/~1pets/post/parameters/0"
        );
        assert_eq!(
            upgraded.at("#/paths/~1names/post/requestBody").cloned(),
            Some(yaml(
                "
content:
  application/x-www-form-urlencoded:
    schema: {type: object, properties: {name: {type: string}}, required: [name]}
required: true
"
            ))
        );
        assert_eq!(
            upgraded.resolve(
                "#/paths/~1names/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/name/type"
            ),
            "#/parameters/Name/type"
        );
    }

    #[test]
    fn a_path_level_body_applies_to_every_operation_unless_one_has_its_own() {
        let upgraded = upgrade_text(&document(
            "
paths:
  /pets:
    parameters:
      - {name: pet, in: body, schema: {type: object}}
      - {name: trace, in: header, type: string}
    post:
      responses: {'204': {description: ok}}
    put:
      parameters: [{name: other, in: body, schema: {type: string}}]
      responses: {'204': {description: ok}}
",
        ));
        assert_eq!(
            upgraded.at("#/paths/~1pets").cloned(),
            Some(yaml(
                "
parameters: [{name: trace, in: header, schema: {type: string}}]
post:
  requestBody: {content: {application/json: {schema: {type: object}}}}
  responses: {'204': {description: ok}}
put:
  requestBody: {content: {application/json: {schema: {type: string}}}}
  responses: {'204': {description: ok}}
"
            ))
        );
        assert_eq!(
            upgraded.resolve("#/paths/~1pets/parameters/0/schema"),
            "#/paths/~1pets/parameters/1"
        );
        assert_eq!(
            upgraded.resolve("#/paths/~1pets/post/requestBody/content/application~1json/schema"),
            "#/paths/~1pets/parameters/0/schema"
        );
    }
}
