//! What mutations draw from: awkward names, values of every kind, and the vocabulary of
//! OpenAPI (formats, types, parameter locations and styles, media types, status codes).
//!
//! The lists are chosen to reach the generator's edge cases: names that are Rust keywords or
//! collide once converted to Rust's cases, numbers outside every integer and float range,
//! and words the generated client itself uses (`builder`, `new`, `transport`).

use super::rng::Rng;
use super::tree::Node;

/// Names that are hard to turn into Rust identifiers or that clash with generated items.
pub const AWKWARD_NAMES: &[&str] = &[
    "type",
    "match",
    "fn",
    "self",
    "Self",
    "super",
    "crate",
    "async",
    "await",
    "dyn",
    "impl",
    "mod",
    "ref",
    "r#type",
    "union",
    "gen",
    "try",
    "abstract",
    "box",
    "yield",
    "macro_rules",
    "static",
    "_",
    "__",
    "",
    " ",
    "3ds",
    "200",
    "0",
    "1st",
    "-",
    "$",
    "$ref",
    "a-b",
    "a.b",
    "a b",
    "@type",
    "+1",
    "-1",
    "/",
    "\\",
    "::",
    "'",
    "\"",
    "\n",
    "\t",
    "ñame",
    "日本語",
    "💥",
    "Äpfel",
    "straße",
    "e\u{301}",
    "\u{202e}rtl",
    "\u{0}",
    "fooBar",
    "foo_bar",
    "FooBar",
    "foo-bar",
    "FOO_BAR",
    "foo__bar",
    "_foo_bar",
    "builder",
    "new",
    "transport",
    "client",
    "default",
    "clone",
    "Result",
    "Option",
    "Box",
    "String",
    "Vec",
    "Error",
    "std",
    "core",
    "serde",
    "None",
    "Some",
    "Ok",
    "Err",
    "Value",
    "Client",
    "Builder",
    "Request",
    "Response",
    "models",
    "into_future",
    "send",
    "{id}",
    "%20",
    "~",
    "~0~1",
    "#",
    "{",
    "}",
];

/// `operationId`s that collide with the generated client's own methods or with each other.
pub const OPERATION_IDS: &[&str] = &[
    "builder",
    "new",
    "transport",
    "client",
    "default",
    "send",
    "clone",
    "into_future",
    "fmt",
    "drop",
    "with_retry",
    "Self",
    "self",
    "type",
    "",
    "123",
    "get-items",
    "get_items",
    "GetItems",
    "getItems",
    "get items",
    "é",
    "💥",
    "r#match",
    "__",
    "base_url",
    "build",
    "execute",
    "request",
    "response",
    "with_header",
    "Error",
];

/// Known and unknown `format`s.
pub const FORMATS: &[&str] = &[
    "int32",
    "int64",
    "float",
    "double",
    "byte",
    "binary",
    "date",
    "date-time",
    "password",
    "uuid",
    "uri",
    "email",
    "hostname",
    "ipv4",
    "ipv6",
    "decimal",
    "int8",
    "int16",
    "uint8",
    "uint32",
    "uint64",
    "x-unknown",
    "",
    "DATE-TIME",
    "unixtime",
    "duration",
    "time",
];

/// A vocabulary: the values OpenAPI allows, and some it does not. Mutations mostly take an
/// allowed value, so that a document with several mutations still has a fair chance of being
/// valid and reaching code generation; now and then they take a wrong one, to exercise the
/// error reporting.
pub struct Choice {
    /// Allowed values.
    pub usual: &'static [&'static str],
    /// Values the generator must refuse (or read in the one sensible way).
    pub wild: &'static [&'static str],
}

impl Choice {
    /// An allowed value fifteen times in sixteen, a wrong one otherwise: an operation makes
    /// several such choices, and each wrong one makes the whole document invalid.
    pub fn pick(&self, rng: &mut Rng) -> &'static str {
        if self.wild.is_empty() || rng.chance(15, 16) {
            rng.pick::<&str>(self.usual)
        } else {
            rng.pick::<&str>(self.wild)
        }
    }
}

/// Values of `type`.
pub const TYPES: Choice = Choice {
    usual: &["string", "integer", "number", "boolean", "array", "object"],
    wild: &["null", "file", "", "Integer"],
};

/// Values of the `in` of a parameter not in the path.
pub const LOCATIONS: Choice = Choice {
    usual: &["query", "header", "cookie"],
    wild: &["path", "body", "formData", ""],
};

/// A `style` for a parameter in `location`: one OpenAPI allows there, or now and then any.
pub fn style(location: &str, rng: &mut Rng) -> &'static str {
    const ANY: &[&str] = &[
        "form",
        "simple",
        "label",
        "matrix",
        "spaceDelimited",
        "pipeDelimited",
        "deepObject",
        "weird",
    ];
    let allowed: &[&str] = match location {
        "path" => &["simple", "label", "matrix"],
        "query" => &["form", "spaceDelimited", "pipeDelimited", "deepObject"],
        "header" => &["simple"],
        _ => &["form"],
    };
    Choice {
        usual: allowed,
        wild: ANY,
    }
    .pick(rng)
}

/// Media types of bodies.
pub const MEDIA_TYPES: Choice = Choice {
    usual: &[
        "application/json",
        "application/json; charset=utf-8",
        "application/problem+json",
        "application/vnd.api+json",
        "text/plain",
        "text/html",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
        "application/octet-stream",
        "image/png",
        "*/*",
        "application/*",
        "application/x-ndjson",
        "text/event-stream",
    ],
    wild: &["", "invalid"],
};

/// Response keys.
pub const STATUSES: Choice = Choice {
    usual: &[
        "200", "201", "204", "2XX", "4XX", "default", "1XX", "304", "500",
    ],
    wild: &["999", "099", "abc", ""],
};

/// HTTP methods, as path item keys.
pub const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Path templates, including parameters whose names collide once converted.
pub const PATHS: Choice = Choice {
    usual: &[
        "/fuzz",
        "/fuzz/{id}",
        "/fuzz/{id}/{Id}",
        "/{a}/{b}",
        "/",
        "/fuzz/{id}.json",
        "/ü/{ñame}",
        "/fuzz/{type}/{self}",
    ],
    wild: &["/fuzz/{}", "/fuzz/{id}/{id}", "fuzz"],
};

/// Number literals at and beyond the edges of every Rust integer and float type.
pub const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "1.5",
    "1e400",
    "-1e400",
    "1e-400",
    "18446744073709551616",
    "18446744073709551615",
    "-9223372036854775809",
    "9223372036854775807",
    "2147483648",
    "9007199254740993",
    "1.7976931348623157e308",
    "123456789012345678901234567890",
    "0.1",
    "1E2",
];

/// `$ref`s that resolve to nothing, or to something other than a local component.
pub const MISSING_REFS: &[&str] = &[
    "#/components/schemas/DoesNotExist",
    "#/components/schemas/",
    "#/",
    "#",
    "",
    "#/paths/~1nope/get",
    "other.yaml#/components/schemas/X",
    "http://example.com/schema.json",
    "#components/schemas/X",
    "#/components/schemas/%ZZ",
    "#/components/schemas/a~2b",
    "#/components/parameters/Nope",
    "#/components/responses/Nope",
    "#/info",
    "#/openapi",
];

/// A string that is awkward for a value: empty, very long, multi-line or non-ASCII.
pub fn awkward_string(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => String::new(),
        1 => "x".repeat(rng.between(1_000, 70_000)),
        2 => "line one\nline two\r\n\ttabbed \"quoted\" `ticks` */ /* #".to_owned(),
        3 => (*rng.pick(AWKWARD_NAMES)).to_owned(),
        4 => "é日本💥\u{200b}\u{feff}".repeat(rng.between(1, 50)),
        _ => rng.pick(FORMATS).to_string(),
    }
}

/// A value of kind `kind` (0 string, 1 number, 2 bool, 3 null, 4 array, 5 object), with
/// containers at most `depth` deep.
pub fn value_of_kind(rng: &mut Rng, kind: usize, depth: usize) -> Node {
    match kind {
        0 => Node::String(awkward_string(rng)),
        1 => Node::Number((*rng.pick(NUMBERS)).to_owned()),
        2 => Node::Bool(rng.chance(1, 2)),
        3 => Node::Null,
        4 => {
            let count = if depth == 0 { 0 } else { rng.below(4) };
            Node::Array((0..count).map(|_| random_value(rng, depth - 1)).collect())
        }
        _ => {
            let count = if depth == 0 { 0 } else { rng.below(4) };
            Node::Object(
                (0..count)
                    .map(|_| {
                        let key = (*rng.pick(AWKWARD_NAMES)).to_owned();
                        (key, random_value(rng, depth - 1))
                    })
                    .collect(),
            )
        }
    }
}

/// A value of any kind.
pub fn random_value(rng: &mut Rng, depth: usize) -> Node {
    let kind = rng.below(6);
    value_of_kind(rng, kind, depth)
}

/// The kind number of a node, as [`value_of_kind`] counts kinds.
pub fn kind_of(node: &Node) -> usize {
    match node {
        Node::String(_) => 0,
        Node::Number(_) => 1,
        Node::Bool(_) => 2,
        Node::Null => 3,
        Node::Array(_) => 4,
        Node::Object(_) => 5,
    }
}

/// An `enum` list mixing values of every kind.
pub fn mixed_enum(rng: &mut Rng) -> Node {
    let count = rng.between(1, 6);
    Node::Array((0..count).map(|_| random_value(rng, 1)).collect())
}

/// A name that collides with `name` once converted to snake case or upper camel case: the
/// same words joined or cased differently.
pub fn collide_with(name: &str, rng: &mut Rng) -> String {
    let words = split_words(name);
    if words.is_empty() {
        return format!("{name}_");
    }
    let lower: Vec<String> = words.iter().map(|word| word.to_lowercase()).collect();
    match rng.below(6) {
        0 => lower.join("_"),
        1 => lower.join("-"),
        2 => lower.iter().map(|word| capitalise(word)).collect(),
        3 => lower.join("_").to_uppercase(),
        4 => format!("{name}_"),
        _ => format!("_{}", lower.join("__")),
    }
}

/// The words of a name: split at separators and at lower-to-upper case changes.
fn split_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for character in name.chars() {
        if !character.is_alphanumeric() {
            words.extend((!current.is_empty()).then(|| std::mem::take(&mut current)));
            previous_lower = false;
            continue;
        }
        if character.is_uppercase() && previous_lower {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = character.is_lowercase() || character.is_ascii_digit();
        current.push(character);
    }
    words.extend((!current.is_empty()).then_some(current));
    words
}

/// `word` with its first character in upper case.
fn capitalise(word: &str) -> String {
    let mut characters = word.chars();
    characters
        .next()
        .map(|first| first.to_uppercase().chain(characters).collect())
        .unwrap_or_default()
}
