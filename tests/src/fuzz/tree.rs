//! The document tree the mutations work on: a JSON-like value whose numbers keep their
//! literal text, with ways to address, walk and pick its nodes.
//!
//! `serde_json::Value` and `serde_yaml::Value` cannot hold a number such as `1e400` or
//! `18446744073709551616` as written, and the fuzzer wants exactly those in the text; its own
//! tree keeps every number as its literal, and `emit.rs` writes the literal back unchanged.

use super::rng::Rng;

/// A value of the document. Objects keep their keys in order and may hold a key twice, so that
/// duplicate keys can be written out.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its literal text (always a valid JSON number literal).
    Number(String),
    /// A string.
    String(String),
    /// A sequence.
    Array(Vec<Node>),
    /// A mapping, in document order.
    Object(Vec<(String, Node)>),
}

/// Where a node sits: the key it has in its parent object (`None` for an array item or the
/// root) and the key of its parent, so that a mutation can tell a schema from other objects.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The node's key in its parent object.
    pub key: Option<&'a str>,
    /// The parent's key in the grandparent object.
    pub parent_key: Option<&'a str>,
    /// How deep the node is; the root is 0.
    pub depth: usize,
}

/// A node's address: the index of the child taken at each level (object entries count in
/// order, as array items do).
pub type Path = Vec<usize>;

impl Node {
    /// Converts a parsed YAML or JSON value. Keys that are not strings (YAML allows `200:` as
    /// an integer key) become their text; tags are dropped.
    pub fn from_yaml(value: serde_yaml::Value) -> Node {
        match value {
            serde_yaml::Value::Null => Node::Null,
            serde_yaml::Value::Bool(value) => Node::Bool(value),
            serde_yaml::Value::Number(number) => Node::Number(number_literal(&number)),
            serde_yaml::Value::String(text) => Node::String(text),
            serde_yaml::Value::Sequence(items) => {
                Node::Array(items.into_iter().map(Node::from_yaml).collect())
            }
            serde_yaml::Value::Mapping(mapping) => Node::Object(
                mapping
                    .into_iter()
                    .map(|(key, value)| (key_text(key), Node::from_yaml(value)))
                    .collect(),
            ),
            serde_yaml::Value::Tagged(tagged) => Node::from_yaml(tagged.value),
        }
    }

    /// How many children the node has (0 for a scalar).
    pub fn len(&self) -> usize {
        match self {
            Node::Array(items) => items.len(),
            Node::Object(entries) => entries.len(),
            _ => 0,
        }
    }

    /// Whether the node is a scalar or an empty container.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `index`-th child.
    pub fn child(&self, index: usize) -> Option<&Node> {
        match self {
            Node::Array(items) => items.get(index),
            Node::Object(entries) => entries.get(index).map(|(_, value)| value),
            _ => None,
        }
    }

    /// The `index`-th child, mutably.
    pub fn child_mut(&mut self, index: usize) -> Option<&mut Node> {
        match self {
            Node::Array(items) => items.get_mut(index),
            Node::Object(entries) => entries.get_mut(index).map(|(_, value)| value),
            _ => None,
        }
    }

    /// The key of the `index`-th child of an object.
    pub fn key_at(&self, index: usize) -> Option<&str> {
        match self {
            Node::Object(entries) => entries.get(index).map(|(key, _)| key.as_str()),
            _ => None,
        }
    }

    /// The node at `path`.
    pub fn at(&self, path: &[usize]) -> Option<&Node> {
        path.iter().try_fold(self, |node, index| node.child(*index))
    }

    /// The node at `path`, mutably.
    pub fn at_mut(&mut self, path: &[usize]) -> Option<&mut Node> {
        path.iter()
            .try_fold(self, |node, index| node.child_mut(*index))
    }

    /// The value of `key` in an object (the first, if the key is there twice).
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Object(entries) => entries
                .iter()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value),
            _ => None,
        }
    }

    /// The value of `key` in an object, mutably.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        match self {
            Node::Object(entries) => entries
                .iter_mut()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value),
            _ => None,
        }
    }

    /// Sets `key` in an object, replacing the first entry of that name or appending one; does
    /// nothing to a node that is not an object.
    pub fn set(&mut self, key: &str, value: Node) {
        if let Node::Object(entries) = self {
            match entries.iter_mut().find(|(name, _)| name == key) {
                Some(entry) => entry.1 = value,
                None => entries.push((key.to_owned(), value)),
            }
        }
    }

    /// The object at `key`, created (replacing whatever was there) when it is missing or not
    /// an object; `None` when `self` is not an object.
    pub fn object_at(&mut self, key: &str) -> Option<&mut Node> {
        if !matches!(self.get(key), Some(Node::Object(_))) {
            self.set(key, Node::Object(Vec::new()));
        }
        self.get_mut(key)
    }

    /// The keys of an object, in order.
    pub fn keys(&self) -> Vec<String> {
        match self {
            Node::Object(entries) => entries.iter().map(|(key, _)| key.clone()).collect(),
            _ => Vec::new(),
        }
    }

    /// A string node's text.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(text) => Some(text),
            _ => None,
        }
    }

    /// How many nodes the tree has, itself included.
    pub fn size(&self) -> usize {
        match self {
            Node::Array(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            Node::Object(entries) => 1 + entries.iter().map(|(_, node)| node.size()).sum::<usize>(),
            _ => 1,
        }
    }
}

/// A string node.
pub fn string(text: impl AsRef<str>) -> Node {
    Node::String(text.as_ref().to_owned())
}

/// An object node from `(key, value)` pairs.
pub fn object<const N: usize>(entries: [(&str, Node); N]) -> Node {
    Node::Object(
        entries
            .into_iter()
            .map(|(key, value)| (key.to_owned(), value))
            .collect(),
    )
}

/// The literal of a parsed number. A float the parser read as infinite was out of range in
/// the text, so it is written back as an out-of-range literal; NaN cannot be written as JSON.
fn number_literal(number: &serde_yaml::Number) -> String {
    match number.as_f64() {
        Some(value) if number.is_f64() && value.is_nan() => "0".to_owned(),
        Some(value) if number.is_f64() && value.is_infinite() => {
            if value > 0.0 { "1e400" } else { "-1e400" }.to_owned()
        }
        _ => number.to_string(),
    }
}

/// The text of a mapping key.
fn key_text(key: serde_yaml::Value) -> String {
    match key {
        serde_yaml::Value::String(text) => text,
        serde_yaml::Value::Number(number) => number_literal(&number),
        serde_yaml::Value::Bool(value) => value.to_string(),
        serde_yaml::Value::Null => "null".to_owned(),
        other => serde_yaml::to_string(&other)
            .unwrap_or_default()
            .trim()
            .to_owned(),
    }
}

/// Picks one node uniformly among those `accept` takes, by counting them first and then
/// walking to the chosen one; the root is never picked. Two walks cost less than collecting
/// every path of a large document, which would allocate for each node.
pub fn choose(
    root: &Node,
    rng: &mut Rng,
    accept: &dyn Fn(&Node, Context<'_>) -> bool,
) -> Option<Path> {
    let mut count = 0;
    walk(
        root,
        root_context(),
        &mut Vec::new(),
        &mut |node, context, _| {
            if context.depth > 0 && accept(node, context) {
                count += 1;
            }
            false
        },
    );
    if count == 0 {
        return None;
    }
    let mut target = rng.below(count);
    let mut found = None;
    walk(
        root,
        root_context(),
        &mut Vec::new(),
        &mut |node, context, path| {
            if context.depth > 0 && accept(node, context) {
                if target == 0 {
                    found = Some(path.to_vec());
                    return true;
                }
                target -= 1;
            }
            false
        },
    );
    found
}

/// The context of the root.
fn root_context() -> Context<'static> {
    Context {
        key: None,
        parent_key: None,
        depth: 0,
    }
}

/// Visits every node in pre-order with its context and path; stops when `visit` returns
/// true, and returns whether it did.
fn walk(
    node: &Node,
    context: Context<'_>,
    path: &mut Path,
    visit: &mut dyn FnMut(&Node, Context<'_>, &[usize]) -> bool,
) -> bool {
    if visit(node, context, path) {
        return true;
    }
    for index in 0..node.len() {
        let child_context = Context {
            key: node.key_at(index),
            parent_key: context.key,
            depth: context.depth + 1,
        };
        path.push(index);
        let stop = node
            .child(index)
            .is_some_and(|child| walk(child, child_context, path, visit));
        path.pop();
        if stop {
            return true;
        }
    }
    false
}

/// The JSON pointer (`#/a/b~1c`) of the node at `path`, escaping `~` and `/` in keys.
pub fn pointer(root: &Node, path: &[usize]) -> String {
    let mut pointer = String::from("#");
    let mut node = root;
    for index in path {
        pointer.push('/');
        match node.key_at(*index) {
            Some(key) => pointer.push_str(&key.replace('~', "~0").replace('/', "~1")),
            None => pointer.push_str(&index.to_string()),
        }
        match node.child(*index) {
            Some(child) => node = child,
            None => break,
        }
    }
    pointer
}

/// The keys along `path` (array indices as their number), for reading a node's place.
pub fn keys_along(root: &Node, path: &[usize]) -> Vec<String> {
    let mut keys = Vec::new();
    let mut node = root;
    for index in path {
        keys.push(
            node.key_at(*index)
                .map_or_else(|| index.to_string(), str::to_owned),
        );
        match node.child(*index) {
            Some(child) => node = child,
            None => break,
        }
    }
    keys
}

/// Whether a node looks like a schema: an object under a key that holds schemas, or one with
/// a schema keyword.
pub fn is_schema(node: &Node, context: Context<'_>) -> bool {
    const SCHEMA_KEYWORDS: &[&str] = &[
        "type",
        "properties",
        "items",
        "$ref",
        "allOf",
        "oneOf",
        "anyOf",
        "enum",
        "additionalProperties",
    ];
    if !matches!(node, Node::Object(_)) {
        return false;
    }
    let under_schema_key = matches!(
        context.key,
        Some("schema" | "items" | "not" | "additionalProperties")
    ) || matches!(context.parent_key, Some("schemas" | "properties"))
        || (context.key.is_none()
            && matches!(context.parent_key, Some("allOf" | "oneOf" | "anyOf")));
    under_schema_key
        || SCHEMA_KEYWORDS
            .iter()
            .any(|keyword| node.get(keyword).is_some())
}

/// A `$ref` to a random component of any kind (schemas most often).
pub fn component_ref(root: &Node, rng: &mut Rng) -> Option<String> {
    let components = root.get("components")?;
    let kinds = components.keys();
    let kind = if components.get("schemas").is_some() && rng.chance(3, 4) {
        "schemas".to_owned()
    } else if kinds.is_empty() {
        return None;
    } else {
        rng.pick(&kinds).clone()
    };
    let names = components.get(&kind)?.keys();
    (!names.is_empty()).then(|| {
        format!(
            "#/components/{}/{}",
            escape_key(&kind),
            escape_key(rng.pick(names.as_slice()).as_str())
        )
    })
}

/// A JSON pointer token: `~` and `/` escaped.
pub fn escape_key(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
