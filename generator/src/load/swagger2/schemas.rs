//! Schemas. A 2.0 Schema Object is a 3.0 one except for four spellings, rewritten at every
//! depth: `x-nullable: true` (and `x-isnullable`, another tool's name for it) is
//! `nullable: true`; a `discriminator` is a property name, which 3.0 writes as
//! `{propertyName: …}`; `type: file` (a response that is a file) is
//! `{type: string, format: binary}`; and a `$ref` with `x-nullable` becomes
//! `{nullable: true, allOf: [{$ref}]}`, since 3.0 ignores the siblings of a `$ref`.
//! Example, default and enum values and extensions hold data and are copied as they are.

use serde_yaml::{Mapping, Value};

use super::{shown, Upgrade};
use crate::pointer;

/// The extensions 2.0 tools write for `nullable`.
const NULLABLE_EXTENSIONS: [&str; 2] = ["x-nullable", "x-isnullable"];

impl Upgrade<'_, '_> {
    /// `definitions` → `components/schemas`.
    pub(super) fn definitions(&mut self, value: &Value) -> Value {
        let Value::Mapping(definitions) = value else {
            return value.clone();
        };
        let mut schemas = Mapping::new();
        for (key, schema) in definitions {
            let Some(name) = key.as_str() else { continue };
            let at = pointer::child("#/components/schemas", name);
            let from = pointer::child("#/definitions", name);
            schemas.insert(key.clone(), self.schema(schema, &at, &from));
        }
        Value::Mapping(schemas)
    }

    /// The schema `value` (at `from` in the input) written at `at` in the output. The
    /// recursion follows the document's nesting, which the parsers limit to 128 levels.
    pub(super) fn schema(&mut self, value: &Value, at: &str, from: &str) -> Value {
        let Value::Mapping(schema) = value else {
            return value.clone();
        };
        if schema.contains_key("$ref") {
            return self.reference_schema(schema, at, from);
        }
        let is_file = schema.get("type").and_then(Value::as_str) == Some("file");
        let mut output = Mapping::new();
        for (key, child) in schema {
            let Some(name) = key.as_str() else {
                output.insert(key.clone(), child.clone());
                continue;
            };
            let child_at = pointer::child(at, name);
            let child_from = pointer::child(from, name);
            let converted = match name {
                "properties" => self.schema_map(child, &child_at, &child_from),
                "items" | "allOf" | "anyOf" | "oneOf" => {
                    self.schema_or_list(child, &child_at, &child_from)
                }
                "additionalProperties" | "not" => self.schema(child, &child_at, &child_from),
                "discriminator" => self.discriminator(child, &child_at, &child_from),
                "type" if is_file => {
                    output.insert(key.clone(), "string".into());
                    output.insert("format".into(), "binary".into());
                    self.reshaped(&pointer::child(at, "format"), &child_from);
                    continue;
                }
                "format" if is_file => continue,
                _ if NULLABLE_EXTENSIONS.contains(&name) => {
                    self.nullable(&mut output, name, child, at, from);
                    continue;
                }
                _ => child.clone(),
            };
            output.insert(key.clone(), converted);
        }
        Value::Mapping(output)
    }

    /// A map of schemas (`properties`), each converted.
    fn schema_map(&mut self, value: &Value, at: &str, from: &str) -> Value {
        let Value::Mapping(schemas) = value else {
            return value.clone();
        };
        let mut output = Mapping::new();
        for (key, schema) in schemas {
            let converted = match key.as_str() {
                Some(name) => self.schema(
                    schema,
                    &pointer::child(at, name),
                    &pointer::child(from, name),
                ),
                None => schema.clone(),
            };
            output.insert(key.clone(), converted);
        }
        Value::Mapping(output)
    }

    /// One schema, or a list of them (`allOf`, or `items` written as a tuple).
    fn schema_or_list(&mut self, value: &Value, at: &str, from: &str) -> Value {
        match value {
            Value::Sequence(schemas) => Value::Sequence(
                schemas
                    .iter()
                    .enumerate()
                    .map(|(index, schema)| {
                        self.schema(
                            schema,
                            &pointer::index(at, index),
                            &pointer::index(from, index),
                        )
                    })
                    .collect(),
            ),
            schema => self.schema(schema, at, from),
        }
    }

    /// `discriminator: petType` → `discriminator: {propertyName: petType}`.
    fn discriminator(&mut self, value: &Value, at: &str, from: &str) -> Value {
        let Value::String(property) = value else {
            return value.clone();
        };
        self.reshaped(&pointer::child(at, "propertyName"), from);
        let mut discriminator = Mapping::new();
        discriminator.insert("propertyName".into(), property.as_str().into());
        Value::Mapping(discriminator)
    }

    /// Writes `nullable: true` for `x-nullable: true` (nothing for `false`, 3.0's default),
    /// keeping any other value as the extension it then is, with a warning.
    pub(super) fn nullable(
        &mut self,
        output: &mut Mapping,
        name: &str,
        value: &Value,
        at: &str,
        from: &str,
    ) {
        match value {
            Value::Bool(true) => {
                output.insert("nullable".into(), true.into());
                self.reshaped(&pointer::child(at, "nullable"), &pointer::child(from, name));
            }
            Value::Bool(false) => {}
            other => {
                self.warn(
                    pointer::child(at, name),
                    format!(
                        "`{name}` is `{}`; expected true or false; it is kept as an extension \
                         and does not make the schema nullable",
                        shown(other)
                    ),
                );
                output.insert(name.into(), other.clone());
            }
        }
    }

    /// A `$ref` schema: kept as it is (its `$ref` rewritten later), unless it is marked
    /// nullable, which 3.0 can only say on a wrapper: `{nullable: true, allOf: [{$ref}]}`,
    /// the other siblings (a description) on the wrapper too.
    fn reference_schema(&mut self, schema: &Mapping, at: &str, from: &str) -> Value {
        let is_nullable = NULLABLE_EXTENSIONS
            .iter()
            .any(|name| schema.get(*name) == Some(&Value::Bool(true)));
        if !is_nullable {
            let mut output = Mapping::new();
            for (key, value) in schema {
                match key.as_str() {
                    Some(name) if NULLABLE_EXTENSIONS.contains(&name) => {
                        self.nullable(&mut output, name, value, at, from);
                    }
                    _ => {
                        output.insert(key.clone(), value.clone());
                    }
                }
            }
            self.reference_at(at);
            return Value::Mapping(output);
        }
        let target_at = pointer::index(&pointer::child(at, "allOf"), 0);
        self.reshaped(&target_at, from);
        self.reference_at(&target_at);
        let mut target = Mapping::new();
        let mut wrapper = Mapping::new();
        for (key, value) in schema {
            match key.as_str() {
                Some("$ref") => {
                    target.insert(key.clone(), value.clone());
                    wrapper.insert("allOf".into(), Value::Sequence(Vec::new()));
                }
                Some(name) if NULLABLE_EXTENSIONS.contains(&name) => {
                    self.nullable(&mut wrapper, name, value, at, from);
                }
                _ => {
                    wrapper.insert(key.clone(), value.clone());
                }
            }
        }
        wrapper.insert(
            "allOf".into(),
            Value::Sequence(vec![Value::Mapping(target)]),
        );
        Value::Mapping(wrapper)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{document, upgrade_text, yaml};

    fn schemas_of(definitions: &str) -> super::super::testing::Upgraded {
        upgrade_text(&document(&format!(
            "paths: {{}}\ndefinitions:\n{definitions}"
        )))
    }

    #[test]
    fn definitions_become_component_schemas_with_their_refs() {
        let upgraded = schemas_of(
            "
  Pet:
    type: object
    required: [name]
    properties:
      name: {type: string, example: {$ref: not a reference}}
      owner: {$ref: '#/definitions/Owner'}
      friends: {type: array, items: {$ref: '#/definitions/Pet'}}
      elsewhere: {$ref: 'other.yaml#/definitions/Pet'}
    x-extra: {$ref: '#/definitions/Left'}
  Owner: {type: string}
",
        );
        assert_eq!(
            upgraded.at("#/components/schemas/Pet").cloned(),
            Some(yaml(
                "
type: object
required: [name]
properties:
  name: {type: string, example: {$ref: not a reference}}
  owner: {$ref: '#/components/schemas/Owner'}
  friends: {type: array, items: {$ref: '#/components/schemas/Pet'}}
  elsewhere: {$ref: 'other.yaml#/definitions/Pet'}
x-extra: {$ref: '#/definitions/Left'}
"
            ))
        );
        assert_eq!(upgraded.at("#/definitions"), None);
        assert_eq!(
            upgraded.resolve("#/components/schemas/Pet/properties/name"),
            "#/definitions/Pet/properties/name"
        );
        assert_eq!(upgraded.warnings, []);
    }

    #[test]
    fn nullable_discriminator_and_file_take_the_3_0_spelling() {
        let upgraded = schemas_of(
            "
  Pet:
    type: object
    discriminator: petType
    required: [petType]
    properties:
      petType: {type: string}
      nickname: {type: string, x-nullable: true}
      legacy: {type: string, x-isnullable: true}
      plain: {type: string, x-nullable: false}
      odd: {type: string, x-nullable: 'yes'}
      owner: {$ref: '#/definitions/Owner', x-nullable: true, description: The owner.}
      photo: {type: file}
  Owner: {type: object}
",
        );
        assert_eq!(
            upgraded.at("#/components/schemas/Pet").cloned(),
            Some(yaml(
                "
type: object
discriminator: {propertyName: petType}
required: [petType]
properties:
  petType: {type: string}
  nickname: {type: string, nullable: true}
  legacy: {type: string, nullable: true}
  plain: {type: string}
  odd: {type: string, x-nullable: 'yes'}
  owner: {allOf: [{$ref: '#/components/schemas/Owner'}], nullable: true, description: The owner.}
  photo: {type: string, format: binary}
"
            ))
        );
        let pet = "#/components/schemas/Pet";
        for (output, input) in [
            (
                "/discriminator/propertyName",
                "#/definitions/Pet/discriminator",
            ),
            (
                "/properties/nickname/nullable",
                "#/definitions/Pet/properties/nickname/x-nullable",
            ),
            (
                "/properties/owner/allOf/0/$ref",
                "#/definitions/Pet/properties/owner/$ref",
            ),
            (
                "/properties/owner/description",
                "#/definitions/Pet/properties/owner/description",
            ),
            (
                "/properties/photo/format",
                "#/definitions/Pet/properties/photo/type",
            ),
        ] {
            assert_eq!(
                upgraded.resolve(&format!("{pet}{output}")),
                input,
                "{output}"
            );
        }
        assert_eq!(
            upgraded.warnings,
            [(
                "#/definitions/Pet/properties/odd/x-nullable".to_owned(),
                "`x-nullable` is `yes`; expected true or false; it is kept as an extension and \
                 does not make the schema nullable"
                    .to_owned()
            )]
        );
    }

    #[test]
    fn a_reference_into_a_moved_schema_follows_it() {
        let upgraded = schemas_of(
            "
  Pet:
    type: object
    properties:
      tag: {$ref: '#/definitions/Pet/properties/name'}
      name: {type: string}
      self: {$ref: '#/definitions/Pet'}
",
        );
        assert_eq!(
            upgraded
                .at("#/components/schemas/Pet/properties/tag")
                .cloned(),
            Some(yaml("{$ref: '#/components/schemas/Pet/properties/name'}"))
        );
    }
}
