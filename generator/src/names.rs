//! Every Rust name the generator produces comes from here: case conversion (the only place
//! `heck` is used), keyword escaping and deterministic collision suffixes.
//!
//! Rules:
//! - Type and variant names are UpperCamelCase, fields, parameters and methods snake_case.
//!   Characters other than ASCII letters and digits separate words.
//! - Rust keywords become raw identifiers (`type` → `r#type`); `self`, `Self`, `super` and
//!   `crate`, which cannot be raw, get a trailing underscore (`self_`).
//! - A name starting with a digit gets a prefix: `_` for snake_case, `T` for types and `V`
//!   for variants (`3ds` → `_3ds`, `T3ds`, `V3ds`).
//! - An empty result falls back to a kind-specific word (`field`, `Model`, `Value`, ...).
//! - In a [`Namespace`] the first claimant keeps a name and later ones get a numeric suffix
//!   (`foo_bar`, `foo_bar_2`; `FooBar`, `FooBar2`), or a caller-chosen suffix first (integer
//!   enums use the code: `AccessForbidden100009`).

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords that can be used as raw identifiers (`r#type`): strict and reserved keywords of
/// every edition up to 2024.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers and so get a trailing underscore instead.
const UNRAWABLE_KEYWORDS: &[&str] = &["self", "Self", "super", "crate"];

/// Whether `name` is a Rust keyword of any edition up to 2024 (raw-able or not).
pub(crate) fn is_keyword(name: &str) -> bool {
    RAW_KEYWORDS.contains(&name) || UNRAWABLE_KEYWORDS.contains(&name)
}

/// The case and fallbacks of one kind of name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// snake_case; the word is used when nothing usable remains.
    Snake(&'static str),
    /// UpperCamelCase; the prefix is put before a leading digit, the word is the fallback.
    UpperCamel {
        /// Put before a name that starts with a digit.
        digit_prefix: &'static str,
        /// Used when nothing usable remains.
        fallback: &'static str,
    },
}

/// Struct fields.
pub(crate) const FIELD: Case = Case::Snake("field");
/// Operation parameters.
pub(crate) const PARAM: Case = Case::Snake("param");
/// Operation (client method) names.
pub(crate) const OPERATION: Case = Case::Snake("operation");
/// Model (type) names.
pub(crate) const TYPE: Case = Case::UpperCamel {
    digit_prefix: "T",
    fallback: "Model",
};
/// Enum variant names.
pub(crate) const VARIANT: Case = Case::UpperCamel {
    digit_prefix: "V",
    fallback: "Value",
};

/// Converts `wire` to a valid Rust identifier of the given case (not yet deduplicated).
pub(crate) fn convert(case: Case, wire: &str) -> String {
    escape(case, &convert_plain(case, wire))
}

/// The converted name before keyword escaping.
fn convert_plain(case: Case, wire: &str) -> String {
    // Only ASCII letters and digits survive; everything else separates words, so the result
    // is always a plain ASCII identifier.
    let cleaned: String = wire
        .chars()
        .map(|character| {
            if character.is_ascii_alphanumeric() {
                character
            } else {
                ' '
            }
        })
        .collect();
    let (converted, digit_prefix, fallback) = match case {
        Case::Snake(fallback) => (cleaned.to_snake_case(), "_", fallback),
        Case::UpperCamel {
            digit_prefix,
            fallback,
        } => (cleaned.to_upper_camel_case(), digit_prefix, fallback),
    };
    if converted.is_empty() {
        fallback.to_owned()
    } else if converted.starts_with(|character: char| character.is_ascii_digit()) {
        format!("{digit_prefix}{converted}")
    } else {
        converted
    }
}

/// Escapes keywords: raw identifiers where possible, a trailing underscore otherwise.
fn escape(case: Case, plain: &str) -> String {
    if UNRAWABLE_KEYWORDS.contains(&plain) {
        format!("{plain}_")
    } else if matches!(case, Case::Snake(_)) && RAW_KEYWORDS.contains(&plain) {
        format!("r#{plain}")
    } else {
        plain.to_owned()
    }
}

/// The client type's own method names (and those of the traits it implements, which a
/// generated method would shadow or trip Clippy over: `new` that does not return `Self`).
/// Operations that want one of them get a numbered name (`builder_2`).
pub(crate) const CLIENT_METHODS: &[&str] = &[
    "builder",
    "transport",
    "new",
    "clone",
    "clone_from",
    "default",
    "fmt",
    "from",
    "into",
    "to_owned",
    "eq",
    "ne",
    "hash",
];

/// A model builder's own methods (and those of the traits it derives, which a setter of the
/// same name would shadow); a field that wants one gets a numbered setter (`build_2`).
pub(crate) const BUILDER_METHODS: &[&str] = &[
    "build",
    "default",
    "clone",
    "clone_from",
    "fmt",
    "from",
    "into",
    "try_from",
    "try_into",
    "to_owned",
];

/// The names the generated methods and request builders use for their own locals and fields;
/// a parameter that wants one gets a numbered name instead.
pub(crate) const CALL_LOCALS: &[&str] = &[
    "client",
    "request",
    "send",
    "into_future",
    "value",
    // Clippy's `disallowed_names` refuses these as bindings, and parameters are bindings.
    "foo",
    "baz",
    "quux",
];

/// The reason phrases of the registered HTTP statuses, as variant names.
const REASONS: &[(u16, &str)] = &[
    (200, "Ok"),
    (201, "Created"),
    (202, "Accepted"),
    (203, "NonAuthoritativeInformation"),
    (204, "NoContent"),
    (205, "ResetContent"),
    (206, "PartialContent"),
    (207, "MultiStatus"),
    (208, "AlreadyReported"),
    (226, "ImUsed"),
    (300, "MultipleChoices"),
    (301, "MovedPermanently"),
    (302, "Found"),
    (303, "SeeOther"),
    (304, "NotModified"),
    (307, "TemporaryRedirect"),
    (308, "PermanentRedirect"),
    (400, "BadRequest"),
    (401, "Unauthorized"),
    (402, "PaymentRequired"),
    (403, "Forbidden"),
    (404, "NotFound"),
    (405, "MethodNotAllowed"),
    (406, "NotAcceptable"),
    (407, "ProxyAuthenticationRequired"),
    (408, "RequestTimeout"),
    (409, "Conflict"),
    (410, "Gone"),
    (411, "LengthRequired"),
    (412, "PreconditionFailed"),
    (413, "PayloadTooLarge"),
    (414, "UriTooLong"),
    (415, "UnsupportedMediaType"),
    (416, "RangeNotSatisfiable"),
    (417, "ExpectationFailed"),
    (418, "ImATeapot"),
    (421, "MisdirectedRequest"),
    (422, "UnprocessableEntity"),
    (423, "Locked"),
    (424, "FailedDependency"),
    (425, "TooEarly"),
    (426, "UpgradeRequired"),
    (428, "PreconditionRequired"),
    (429, "TooManyRequests"),
    (431, "RequestHeaderFieldsTooLarge"),
    (451, "UnavailableForLegalReasons"),
    (500, "InternalServerError"),
    (501, "NotImplemented"),
    (502, "BadGateway"),
    (503, "ServiceUnavailable"),
    (504, "GatewayTimeout"),
    (505, "HttpVersionNotSupported"),
    (507, "InsufficientStorage"),
    (508, "LoopDetected"),
    (511, "NetworkAuthenticationRequired"),
];

/// The variant name of a response status in a status enum: the status's reason phrase
/// (`Created`, `NotFound`), `Status299` for a code without one, `Status4xx` for a range and
/// `Default` for `default`.
pub(crate) fn status_variant_name(status: crate::ir::Status) -> String {
    use crate::ir::Status;
    match status {
        Status::Code(code) => REASONS
            .iter()
            .find(|(known, _)| *known == code)
            .map_or_else(
                || format!("Status{code}"),
                |(_, reason)| (*reason).to_owned(),
            ),
        Status::Range(class) => format!("Status{class}xx"),
        Status::Default => "Default".to_owned(),
    }
}

/// The name of an inline model nested in `parent` under `part`, for example
/// (`Invoice`, `customer`) → `InvoiceCustomer` or (`ListInvoices`, `201`) → `ListInvoices201`.
pub(crate) fn nested_type_name(parent: &str, part: &str) -> String {
    convert(TYPE, &format!("{parent} {part}"))
}

/// A type name for the schema at a JSON pointer that a `$ref` points to: its last few
/// meaningful segments (schema, property, path, method and status names), without the
/// structural words of the document (`properties`, `content`, media types, ...):
/// `#/paths/~1pets/get/responses/200/content/application~1json/schema` → `PetsGet200`.
pub(crate) fn pointer_type_name(pointer: &str) -> String {
    const STRUCTURAL: &[&str] = &[
        "#",
        "components",
        "schemas",
        "properties",
        "items",
        "additionalProperties",
        "allOf",
        "oneOf",
        "anyOf",
        "not",
        "content",
        "schema",
        "paths",
        "responses",
        "requestBody",
        "requestBodies",
        "parameters",
        "headers",
        "$defs",
        "definitions",
    ];
    let meaningful: Vec<String> = pointer
        .split('/')
        .map(crate::pointer::unescape)
        .filter(|segment| !STRUCTURAL.contains(&segment.as_str()))
        .filter(|segment| !segment.contains('/') || segment.starts_with('/'))
        .collect();
    let start = meaningful.len().saturating_sub(4);
    convert(TYPE, &meaningful[start..].join(" "))
}

/// The variant name for an integer code without an `x-enum-varnames` entry: `V100`, `VNeg1`.
pub(crate) fn integer_variant_name(value: i128) -> String {
    convert(VARIANT, &format!("V {}", integer_suffix(value)))
}

/// The collision suffix for an integer code: `100009`, or `Neg1` for `-1`.
pub(crate) fn integer_suffix(value: i128) -> String {
    if value < 0 {
        format!("Neg{}", value.unsigned_abs())
    } else {
        value.to_string()
    }
}

/// The feature that enables every tag's feature: the default set turns it on.
pub(crate) const FULL_FEATURE: &str = "full";

/// The feature of the operations without a tag. Its hyphen keeps it apart from every tag's
/// feature, which is snake_case.
pub(crate) const UNTAGGED_FEATURE: &str = "default-tag";

/// The feature of the models no operation uses; hyphenated like [`UNTAGGED_FEATURE`].
pub(crate) const UNUSED_FEATURE: &str = "unused-models";

/// The feature of the builders of models the crate only reads; hyphenated like
/// [`UNTAGGED_FEATURE`]. Not part of [`FULL_FEATURE`]: the `mock` feature turns it on.
pub(crate) const READ_BUILDERS_FEATURE: &str = "response-builders";

/// Feature names a tag's feature must not take: Cargo's own, the crate's fixed features and
/// those it may gain (the mock server).
const RESERVED_FEATURES: &[&str] = &["default", FULL_FEATURE, "mock", "std"];

/// The cargo feature of each tag, in the order given: its snake_case form, without keyword
/// escaping (a feature is a string, not an identifier), clear of the crate's fixed features,
/// and numbered when two tags convert to one name (`code_scanning`, `code_scanning_2`).
pub(crate) fn feature_names<'a>(tags: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut used: HashSet<String> = RESERVED_FEATURES
        .iter()
        .map(|name| (*name).to_owned())
        .collect();
    tags.into_iter()
        .map(|tag| {
            let plain = convert_plain(Case::Snake("tag"), tag);
            let mut candidate = plain.clone();
            let mut number = 2;
            while used.contains(&candidate) {
                candidate = format!("{plain}_{number}");
                number += 1;
            }
            used.insert(candidate.clone());
            candidate
        })
        .collect()
}

/// One scope of names (the models, the fields of one struct, the variants of one enum, ...).
#[derive(Debug, Clone)]
pub(crate) struct Namespace {
    case: Case,
    /// The names taken; only ever asked about, never listed, so a hash set serves.
    used: HashSet<String>,
}

impl Namespace {
    /// An empty namespace for names of `case`.
    pub(crate) fn new(case: Case) -> Self {
        Namespace {
            case,
            used: HashSet::new(),
        }
    }

    /// Converts `wire` and returns it, or its first free numbered form.
    pub(crate) fn claim(&mut self, wire: &str) -> String {
        let plain = convert_plain(self.case, wire);
        self.claim_plain(&plain)
    }

    /// Like [`Namespace::claim`], but a taken name first tries `name + suffix`.
    pub(crate) fn claim_with_suffix(&mut self, wire: &str, suffix: &str) -> String {
        let plain = convert_plain(self.case, wire);
        if !self.used.contains(&escape(self.case, &plain)) {
            return self.claim_plain(&plain);
        }
        let suffixed = convert_plain(self.case, &format!("{plain} {suffix}"));
        self.claim_plain(&suffixed)
    }

    /// The catch-all variant of an enum whose variants are already claimed: `Other`, or
    /// `Unknown` when a real value took `Other`, or a numbered `Other`.
    pub(crate) fn claim_catch_all(&mut self) -> String {
        for candidate in ["Other", "Unknown"] {
            if !self.used.contains(candidate) {
                return self.claim_plain(candidate);
            }
        }
        self.claim_plain("Other")
    }

    fn claim_plain(&mut self, plain: &str) -> String {
        let separator = match self.case {
            Case::Snake(_) => "_",
            Case::UpperCamel { .. } => "",
        };
        let mut candidate = escape(self.case, plain);
        let mut number = 2;
        while self.used.contains(&candidate) {
            candidate = escape(self.case, &format!("{plain}{separator}{number}"));
            number += 1;
        }
        self.used.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_names_are_snake_case_unescaped_and_unique() {
        let names = feature_names([
            "repos",
            "Code Scanning",
            "code-scanning",
            "type",
            "full",
            "3ds",
            "日本",
            "",
        ]);
        assert_eq!(
            names,
            [
                "repos",
                "code_scanning",
                "code_scanning_2",
                "type",
                "full_2",
                "_3ds",
                "tag",
                "tag_2"
            ]
        );
    }

    #[test]
    fn converts_field_names() {
        let cases = [
            ("signatureRequestID", "signature_request_id"),
            ("readyROData", "ready_ro_data"),
            ("updated_dt", "updated_dt"),
            ("emailID", "email_id"),
            ("type", "r#type"),
            ("match", "r#match"),
            ("async", "r#async"),
            ("self", "self_"),
            ("Self", "self_"),
            ("super", "super_"),
            ("crate", "crate_"),
            ("_", "field"),
            ("", "field"),
            ("3ds", "_3ds"),
            ("x-request-id", "x_request_id"),
            ("café", "caf"),
            ("$top", "top"),
        ];
        for (wire, expected) in cases {
            assert_eq!(convert(FIELD, wire), expected, "field name for {wire:?}");
        }
    }

    #[test]
    fn converts_type_and_variant_names() {
        let cases = [
            (TYPE, "invoice_line", "InvoiceLine"),
            (TYPE, "Self", "Self_"),
            (TYPE, "self", "Self_"),
            (TYPE, "3DSecure", "T3dSecure"),
            (TYPE, "", "Model"),
            (TYPE, "type", "Type"),
            (VARIANT, "SUCCESS", "Success"),
            (VARIANT, "NULL_CREDENTIALS", "NullCredentials"),
            (VARIANT, "in-progress", "InProgress"),
            (VARIANT, "1", "V1"),
            (VARIANT, "", "Value"),
            (VARIANT, "*", "Value"),
        ];
        for (case, wire, expected) in cases {
            assert_eq!(convert(case, wire), expected, "{case:?} name for {wire:?}");
        }
    }

    #[test]
    fn builds_nested_and_integer_names() {
        assert_eq!(nested_type_name("Invoice", "customer"), "InvoiceCustomer");
        assert_eq!(
            nested_type_name("InvoiceCustomer", "geo_point"),
            "InvoiceCustomerGeoPoint"
        );
        assert_eq!(nested_type_name("Self_", "item"), "SelfItem");
        assert_eq!(nested_type_name("ListInvoices", "201"), "ListInvoices201");
        assert_eq!(integer_variant_name(100), "V100");
        assert_eq!(
            pointer_type_name(
                "#/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema"
            ),
            "PetsIdGet200"
        );
        assert_eq!(
            pointer_type_name("#/components/schemas/Pet/properties/tag"),
            "PetTag"
        );
        assert_eq!(integer_variant_name(-1), "VNeg1");
    }

    #[test]
    fn suffixes_collisions_in_order() {
        let mut fields = Namespace::new(FIELD);
        let claimed: Vec<String> = [
            "fooBar", "foo_bar", "FooBar", "type", "TYPE", "self", "self_",
        ]
        .iter()
        .map(|wire| fields.claim(wire))
        .collect();
        assert_eq!(
            claimed,
            [
                "foo_bar",
                "foo_bar_2",
                "foo_bar_3",
                "r#type",
                "type_2",
                "self_",
                "self_2"
            ]
        );

        let mut types = Namespace::new(TYPE);
        let claimed: Vec<String> = ["Invoice", "invoice", "Invoice2"]
            .iter()
            .map(|wire| types.claim(wire))
            .collect();
        assert_eq!(claimed, ["Invoice", "Invoice2", "Invoice22"]);
    }

    #[test]
    fn suffixes_integer_variants_with_their_code() {
        let mut variants = Namespace::new(VARIANT);
        let first = variants.claim_with_suffix("ACCESS_FORBIDDEN_INVALID_PARTNER", "100008");
        let second = variants.claim_with_suffix("ACCESS_FORBIDDEN_INVALID_PARTNER", "100009");
        let third = variants.claim_with_suffix("ACCESS_FORBIDDEN_INVALID_PARTNER", "100009");
        assert_eq!(first, "AccessForbiddenInvalidPartner");
        assert_eq!(second, "AccessForbiddenInvalidPartner100009");
        assert_eq!(third, "AccessForbiddenInvalidPartner1000092");
    }

    #[test]
    fn picks_a_free_catch_all() {
        let cases: [(&[&str], &str); 4] = [
            (&["Active"], "Other"),
            (&["other"], "Unknown"),
            (&["other", "unknown"], "Other2"),
            (&["other", "unknown", "other"], "Other3"),
        ];
        for (values, expected) in cases {
            let mut variants = Namespace::new(VARIANT);
            for value in values {
                variants.claim(value);
            }
            assert_eq!(
                variants.claim_catch_all(),
                expected,
                "catch-all after {values:?}"
            );
        }
    }
}
