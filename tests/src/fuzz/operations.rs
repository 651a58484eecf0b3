//! Mutations of the API's surface: new operations with odd `operationId`s, parameters in every
//! location and style, bodies and responses of various media types, new component schemas
//! with colliding names, and changes to existing parameters.

use super::palette::{self, AWKWARD_NAMES, LOCATIONS, MEDIA_TYPES, METHODS, OPERATION_IDS};
use super::palette::{PATHS, STATUSES};
use super::rng::Rng;
use super::schema::random_schema;
use super::tree::{choose, object, string, Node};

/// Adds an operation under a new or existing path, with parameters, maybe a body, and
/// responses.
pub fn add_operation(root: &mut Node, rng: &mut Rng) -> bool {
    if !matches!(root, Node::Object(_)) {
        return false;
    }
    let existing_paths = root.get("paths").map(Node::keys).unwrap_or_default();
    let path = if !existing_paths.is_empty() && rng.chance(1, 3) {
        rng.pick(&existing_paths).clone()
    } else {
        PATHS.pick(rng).to_owned()
    };
    let method = *rng.pick(METHODS);
    let operation = operation(root, &path, rng);
    let Some(paths) = root.object_at("paths") else {
        return false;
    };
    match paths.object_at(&path) {
        Some(item) => item.set(method, operation),
        None => return false,
    }
    true
}

/// A whole operation object for `path`.
fn operation(root: &Node, path: &str, rng: &mut Rng) -> Node {
    let mut operation = Node::Object(Vec::new());
    if rng.chance(5, 6) {
        operation.set("operationId", Node::String(operation_id(root, rng)));
    }
    let mut parameters: Vec<Node> = path_parameter_names(path)
        .iter()
        .map(|name| parameter(root, name, "path", rng))
        .collect();
    // A path parameter is left out now and then: the generator must report it.
    if !parameters.is_empty() && rng.chance(1, 10) {
        parameters.remove(rng.below(parameters.len()));
    }
    for _ in 0..rng.below(4) {
        let name = (*rng.pick(AWKWARD_NAMES)).to_owned();
        let location = LOCATIONS.pick(rng);
        parameters.push(parameter(root, &name, location, rng));
    }
    operation.set("parameters", Node::Array(parameters));
    if rng.chance(1, 2) {
        let mut body = object([("content", content(root, 3, rng))]);
        if rng.chance(1, 2) {
            body.set("required", Node::Bool(rng.chance(1, 2)));
        }
        operation.set("requestBody", body);
    }
    let mut responses = Node::Object(Vec::new());
    for _ in 0..rng.between(0, 3) {
        let mut response = object([("description", string("fuzz"))]);
        if rng.chance(2, 3) {
            response.set("content", content(root, 3, rng));
        }
        responses.set(STATUSES.pick(rng), response);
    }
    operation.set("responses", responses);
    operation
}

/// An `operationId` that collides with the client's own methods, or duplicates an existing
/// operation's.
fn operation_id(root: &Node, rng: &mut Rng) -> String {
    if rng.chance(1, 3) {
        if let Some(existing) = existing_operation_id(root, rng) {
            return if rng.chance(1, 2) {
                existing
            } else {
                palette::collide_with(&existing, rng)
            };
        }
    }
    (*rng.pick(OPERATION_IDS)).to_owned()
}

/// A random `operationId` already in the document.
fn existing_operation_id(root: &Node, rng: &mut Rng) -> Option<String> {
    let paths = root.get("paths")?;
    let found = choose(paths, rng, &|node, context| {
        context.key == Some("operationId") && node.as_str().is_some()
    })?;
    paths.at(&found)?.as_str().map(str::to_owned)
}

/// The names between braces in a path template.
fn path_parameter_names(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

/// A parameter in `location`, with a random style, explode, and a schema or a `content`.
fn parameter(root: &Node, name: &str, location: &str, rng: &mut Rng) -> Node {
    let mut parameter = object([("name", string(name)), ("in", string(location))]);
    if location == "path" || rng.chance(1, 3) {
        parameter.set(
            "required",
            Node::Bool(location == "path" || rng.chance(1, 2)),
        );
    }
    if rng.chance(1, 2) {
        parameter.set("style", string(palette::style(location, rng)));
    }
    if rng.chance(1, 3) {
        parameter.set("explode", Node::Bool(rng.chance(1, 2)));
    }
    if rng.chance(1, 6) {
        parameter.set("content", content(root, 1, rng));
    } else {
        parameter.set("schema", random_schema(root, rng, 2));
    }
    parameter
}

/// A `content` map with one to `most` media types, each with a schema. (A parameter's
/// `content` must have exactly one.)
fn content(root: &Node, most: usize, rng: &mut Rng) -> Node {
    let mut content = Node::Object(Vec::new());
    for _ in 0..rng.between(1, most) {
        let media = object([("schema", random_schema(root, rng, 2))]);
        content.set(MEDIA_TYPES.pick(rng), media);
    }
    content
}

/// Adds a component schema named awkwardly or like an existing one.
pub fn add_schema(root: &mut Node, rng: &mut Rng) -> bool {
    if !matches!(root, Node::Object(_)) {
        return false;
    }
    let existing = root
        .get("components")
        .and_then(|components| components.get("schemas"))
        .map(Node::keys)
        .unwrap_or_default();
    let name = if !existing.is_empty() && rng.chance(1, 2) {
        palette::collide_with(&rng.pick(existing.as_slice()).clone(), rng)
    } else {
        (*rng.pick(AWKWARD_NAMES)).to_owned()
    };
    let schema = random_schema(root, rng, 3);
    let Some(components) = root.object_at("components") else {
        return false;
    };
    match components.object_at("schemas") {
        Some(schemas) => {
            schemas.set(&name, schema);
            true
        }
        None => false,
    }
}

/// Changes one field of an existing parameter: its location, style, explode, name, schema or
/// content.
pub fn tweak_parameter(root: &mut Node, rng: &mut Rng) -> bool {
    let Some(path) = choose(root, rng, &|node, _| node.get("in").is_some()) else {
        return false;
    };
    let (key, value) = match rng.below(7) {
        0 => ("in", string(LOCATIONS.pick(rng))),
        1 => {
            let location = root.at(&path).and_then(|parameter| parameter.get("in"));
            let location = location.and_then(Node::as_str).unwrap_or("query");
            ("style", string(palette::style(location, rng)))
        }
        2 => ("explode", Node::Bool(rng.chance(1, 2))),
        3 => ("name", string(rng.pick(AWKWARD_NAMES))),
        4 => ("content", content(root, 2, rng)),
        5 => ("allowReserved", Node::Bool(true)),
        _ => ("schema", random_schema(root, rng, 2)),
    };
    match root.at_mut(&path) {
        Some(parameter) => {
            parameter.set(key, value);
            true
        }
        None => false,
    }
}
