//! Mutations of schemas: wrapping one in a combinator, adding keywords (`discriminator`,
//! `enum`, `format`, `nullable`, `additionalProperties` and more), nesting deeply, and making
//! up new schemas from OpenAPI's vocabulary.

use super::palette::{self, AWKWARD_NAMES, FORMATS, NUMBERS, TYPES};
use super::rng::Rng;
use super::tree::{choose, component_ref, is_schema, object, string, Node};

/// Wraps a schema in `oneOf`, `anyOf` or `allOf` (with up to two made-up siblings) or `not`.
pub fn wrap(root: &mut Node, rng: &mut Rng) -> bool {
    let Some(path) = choose(root, rng, &is_schema) else {
        return false;
    };
    let combinator = *rng.pick(&["oneOf", "anyOf", "allOf", "not"]);
    let siblings: Vec<Node> = (0..rng.below(3))
        .map(|_| random_schema(root, rng, 2))
        .collect();
    let Some(node) = root.at_mut(&path) else {
        return false;
    };
    let inner = std::mem::replace(node, Node::Null);
    *node = if combinator == "not" {
        object([("not", inner)])
    } else {
        let mut members = vec![inner];
        members.extend(siblings);
        Node::Object(vec![(combinator.to_owned(), Node::Array(members))])
    };
    true
}

/// Adds or replaces one keyword of a schema object.
pub fn add_keyword(root: &mut Node, rng: &mut Rng) -> bool {
    let Some(path) = choose(root, rng, &is_schema) else {
        return false;
    };
    let Some(node) = root.at(&path) else {
        return false;
    };
    let (key, value) = keyword(root, node, rng);
    let Some(node) = root.at_mut(&path) else {
        return false;
    };
    if key == "discriminator" && node.get("oneOf").is_none() && rng.chance(1, 2) {
        let refs = Node::Array(value_refs(&value));
        node.set("oneOf", refs);
    }
    node.set(key, value);
    true
}

/// The `$ref`s of a discriminator's mapping, to give a discriminated schema its `oneOf`.
fn value_refs(discriminator: &Node) -> Vec<Node> {
    match discriminator.get("mapping") {
        Some(Node::Object(entries)) => entries
            .iter()
            .map(|(_, target)| object([("$ref", target.clone())]))
            .collect(),
        _ => Vec::new(),
    }
}

/// A keyword and its value for `schema`.
fn keyword(root: &Node, schema: &Node, rng: &mut Rng) -> (&'static str, Node) {
    match rng.below(16) {
        0 | 1 => ("discriminator", discriminator(root, schema, rng)),
        2 => ("enum", palette::mixed_enum(rng)),
        3 => ("format", format(rng)),
        4 => ("nullable", nullable(rng)),
        5 => ("additionalProperties", additional_properties(root, rng)),
        6 => ("type", schema_type(rng)),
        7 => ("items", random_schema(root, rng, 2)),
        8 => ("required", required(schema, rng)),
        9 => ("properties", properties(root, schema, rng)),
        10 => (
            *rng.pick(&["default", "example"]),
            palette::random_value(rng, 2),
        ),
        11 => (
            *rng.pick(&["readOnly", "writeOnly", "deprecated"]),
            Node::Bool(true),
        ),
        12 => (
            *rng.pick(&["minimum", "maximum", "multipleOf", "minLength", "maxItems"]),
            Node::Number((*rng.pick(NUMBERS)).to_owned()),
        ),
        13 => (
            "pattern",
            string(rng.pick(&["[", "(?<n>x)", "\\", "^$", "\\p{L}+"][..])),
        ),
        14 => (
            *rng.pick(&["title", "description"]),
            Node::String(palette::awkward_string(rng)),
        ),
        _ => ("x-fuzz", palette::random_value(rng, 2)),
    }
}

/// A `discriminator`: a property name (one of the schema's, or not) and sometimes a mapping
/// to existing, missing or bare-named schemas.
fn discriminator(root: &Node, schema: &Node, rng: &mut Rng) -> Node {
    let mut names = schema.get("properties").map(Node::keys).unwrap_or_default();
    names.extend(["kind", "", "type", "$type"].map(str::to_owned));
    let mut entries = vec![(
        "propertyName".to_owned(),
        string(rng.pick(names.as_slice())),
    )];
    if rng.chance(2, 3) {
        let mapping = (0..rng.between(1, 3))
            .map(|_| {
                let target = match rng.below(3) {
                    0 => "#/components/schemas/Missing".to_owned(),
                    1 => "Bare".to_owned(),
                    _ => component_ref(root, rng).unwrap_or_default(),
                };
                ((*rng.pick(AWKWARD_NAMES)).to_owned(), Node::String(target))
            })
            .collect();
        entries.push(("mapping".to_owned(), Node::Object(mapping)));
    }
    Node::Object(entries)
}

/// A `format`: known, unknown, or not a string at all.
fn format(rng: &mut Rng) -> Node {
    if rng.chance(9, 10) {
        string(rng.pick(FORMATS))
    } else {
        palette::random_value(rng, 1)
    }
}

/// A `nullable`: mostly a boolean, sometimes another kind.
fn nullable(rng: &mut Rng) -> Node {
    match rng.below(4) {
        0 => Node::Bool(false),
        1 => string("yes"),
        _ => Node::Bool(true),
    }
}

/// An `additionalProperties`: a boolean, an empty schema, a schema or a `$ref`.
fn additional_properties(root: &Node, rng: &mut Rng) -> Node {
    match rng.below(4) {
        0 => Node::Bool(rng.chance(1, 2)),
        1 => Node::Object(Vec::new()),
        _ => random_schema(root, rng, 2),
    }
}

/// A `type`: one of the known names, an unknown one, or a list (OpenAPI 3.1 syntax).
fn schema_type(rng: &mut Rng) -> Node {
    match rng.below(8) {
        0 => Node::Array(vec![string("string"), string("null")]),
        1 => Node::Number("5".to_owned()),
        _ => string(TYPES.pick(rng)),
    }
}

/// A `required` list naming the schema's properties, missing ones and duplicates.
fn required(schema: &Node, rng: &mut Rng) -> Node {
    let mut names = schema.get("properties").map(Node::keys).unwrap_or_default();
    names.push((*rng.pick(AWKWARD_NAMES)).to_owned());
    let count = rng.between(1, 4);
    Node::Array(
        (0..count)
            .map(|_| string(rng.pick(names.as_slice())))
            .collect(),
    )
}

/// The schema's `properties` with one more, named awkwardly or like an existing one.
fn properties(root: &Node, schema: &Node, rng: &mut Rng) -> Node {
    let mut properties = match schema.get("properties") {
        Some(Node::Object(entries)) => entries.clone(),
        _ => Vec::new(),
    };
    let name = match properties.first() {
        Some((existing, _)) if rng.chance(1, 2) => palette::collide_with(existing, rng),
        _ => (*rng.pick(AWKWARD_NAMES)).to_owned(),
    };
    properties.push((name, random_schema(root, rng, 2)));
    Node::Object(properties)
}

/// A made-up schema at most `depth` deep: a typed scalar, a `$ref`, an object, an array, an
/// enum, an empty schema or a union.
pub fn random_schema(root: &Node, rng: &mut Rng, depth: usize) -> Node {
    let choice = if depth == 0 {
        rng.below(2)
    } else {
        rng.below(8)
    };
    match choice {
        0 => {
            let mut schema = object([("type", string(TYPES.pick(rng)))]);
            if rng.chance(1, 2) {
                schema.set("format", string(rng.pick(FORMATS)));
            }
            schema
        }
        1 => match component_ref(root, rng) {
            Some(reference) => object([("$ref", Node::String(reference))]),
            None => object([("type", string("string"))]),
        },
        2 => {
            let properties = (0..rng.between(1, 3))
                .map(|_| {
                    let name = (*rng.pick(AWKWARD_NAMES)).to_owned();
                    (name, random_schema(root, rng, depth - 1))
                })
                .collect();
            object([
                ("type", string("object")),
                ("properties", Node::Object(properties)),
            ])
        }
        3 => object([
            ("type", string("array")),
            ("items", random_schema(root, rng, depth - 1)),
        ]),
        4 => object([
            ("type", string("string")),
            ("enum", palette::mixed_enum(rng)),
        ]),
        5 => Node::Object(Vec::new()),
        6 => object([
            ("type", string("object")),
            ("nullable", Node::Bool(true)),
            ("additionalProperties", random_schema(root, rng, depth - 1)),
        ]),
        _ => {
            let members = vec![
                random_schema(root, rng, depth - 1),
                random_schema(root, rng, depth - 1),
            ];
            Node::Object(vec![(
                (*rng.pick(&["oneOf", "anyOf", "allOf"])).to_owned(),
                Node::Array(members),
            )])
        }
    }
}

/// Nests a schema deeply through one construct, sometimes past the parsers' recursion limits
/// (128), where the generator must report an error instead of overflowing its stack.
pub fn nest_deep(root: &mut Node, rng: &mut Rng) -> bool {
    let Some(path) = choose(root, rng, &is_schema) else {
        return false;
    };
    let depth = *rng.pick(&[4, 16, 40, 63, 64, 65, 100, 130]);
    let construct = rng.below(6);
    let Some(node) = root.at_mut(&path) else {
        return false;
    };
    let mut nested = std::mem::replace(node, Node::Null);
    for _ in 0..depth {
        nested = match construct {
            0 => object([
                ("type", string("object")),
                ("properties", object([("p", nested)])),
            ]),
            1 => object([("type", string("array")), ("items", nested)]),
            2 => object([("allOf", Node::Array(vec![nested]))]),
            3 => object([("additionalProperties", nested)]),
            4 => object([(
                "oneOf",
                Node::Array(vec![nested, object([("type", string("string"))])]),
            )]),
            _ => Node::Array(vec![nested]),
        };
    }
    *node = nested;
    true
}
