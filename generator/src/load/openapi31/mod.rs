//! OpenAPI 3.1 and 3.2 → OpenAPI 3.0.3: the document brought down into the form lowering
//! reads, with a [`Layer`] recording where each part came from.
//!
//! The rule: a 3.1 schema that means the same as a 3.0 schema comes out as that 3.0 schema,
//! so that it generates the same Rust (`schema.rs`, `types.rs`). What 3.0 cannot say is
//! carried in `x-generator-*` extensions for lowering to read (tuples, webhooks, the `query`
//! method, stream item schemas, operations to skip), or read the one sensible way with a
//! warning. The walk follows the document's structure from the root (`paths.rs`,
//! `parameters.rs`, `media.rs`, `components.rs`), so that it knows what each value is: a
//! schema, a path item, a media type. Sections 3.0 lacks (`components.pathItems`,
//! `components.mediaTypes`) are copied where they are referenced (`inline.rs`).
//!
//! Every diagnostic is reported at a pointer into the output that the layer maps back to the
//! place in the input (`context.rs`).

mod anchors;
mod components;
mod context;
mod inline;
mod media;
mod parameters;
mod paths;
mod schema;
mod types;

#[cfg(test)]
mod document_tests;
#[cfg(test)]
mod fixture_tests;
#[cfg(test)]
mod schema_tests;

use serde_yaml::{Mapping, Value};

use crate::error::Collector;
use crate::load::origin::Layer;
use crate::load::version::Version;
use crate::pointer;
use context::{rename_entry, Context};

/// Where the webhooks go: a 3.0 document has no place for them.
pub(super) const WEBHOOKS: &str = "x-generator-webhooks";

/// The `jsonSchemaDialect`s whose schemas are read as this conversion reads them: OpenAPI's
/// own (3.1 and 3.2) and plain JSON Schema 2020-12, which differs only by the OpenAPI
/// vocabulary.
const KNOWN_DIALECTS: &[&str] = &[
    "https://spec.openapis.org/oas/3.1/dialect/",
    "https://spec.openapis.org/oas/3.2/dialect/",
    "https://json-schema.org/draft/2020-12/schema",
];

/// Brings a 3.1 or 3.2 document down to 3.0; problems are reported at pointers into the
/// result.
pub(in crate::load) fn downlevel(
    document: Value,
    version: Version,
    problems: &mut Collector,
) -> (Value, Layer) {
    // The version check has already refused a document that is not a mapping.
    let Value::Mapping(mut root) = document else {
        return (document, Layer::default());
    };
    let mut context = Context::new(version, problems);
    root.insert(Value::from("openapi"), Value::from("3.0.3"));
    components::take_reusable(&mut root, &mut context);
    convert_info(&mut root, &mut context);
    drop_dialect(&mut root, &mut context);
    root.shift_remove("$self");
    paths::drop_server_names(root.get_mut("servers"));
    drop_tag_hierarchy(root.get_mut("tags"));
    parameters::drop_mutual_tls(root.get_mut("security"), &context);
    if root.contains_key("webhooks") {
        rename_entry(&mut root, "webhooks", WEBHOOKS);
        context.moved(pointer::child("#", WEBHOOKS), "#/webhooks");
    }
    // A 3.1 document may have only webhooks or components; 3.0 requires `paths`.
    if !root.contains_key("paths") {
        root.insert(Value::from("paths"), Value::Mapping(Mapping::new()));
    }
    // In document order, so that the diagnostics are too.
    let sections: Vec<String> = root
        .keys()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect();
    for section in sections {
        match section.as_str() {
            "paths" | WEBHOOKS => convert_path_items(&mut root, &section, &mut context),
            "components" => components::convert_components(&mut root, &mut context),
            _ => {}
        }
    }
    let mut document = Value::Mapping(root);
    anchors::resolve(&mut document, &mut context);
    (document, context.into_layer())
}

/// Converts each path item of `paths` or of the webhooks.
fn convert_path_items(root: &mut Mapping, section: &str, context: &mut Context<'_>) {
    if let Some(Value::Mapping(items)) = root.get_mut(section) {
        let at = pointer::child("#", section);
        media::convert_named(items, &at, context, paths::convert_path_item);
    }
}

/// `info.summary` and `info.license.identifier` (an SPDX expression) go into extensions; a
/// license, which 3.0 requires to have a `name`, is named by its identifier when it has none.
fn convert_info(root: &mut Mapping, context: &mut Context<'_>) {
    let Some(Value::Mapping(info)) = root.get_mut("info") else {
        return;
    };
    if info.contains_key("summary") {
        rename_entry(info, "summary", "x-generator-summary");
        context.moved("#/info/x-generator-summary".to_owned(), "#/info/summary");
    }
    let Some(Value::Mapping(license)) = info.get_mut("license") else {
        return;
    };
    let Some(identifier) = license.get("identifier").cloned() else {
        return;
    };
    rename_entry(license, "identifier", "x-generator-identifier");
    context.moved(
        "#/info/license/x-generator-identifier".to_owned(),
        "#/info/license/identifier",
    );
    if !license.contains_key("name") {
        let mut named = Mapping::from_iter([(Value::from("name"), identifier)]);
        named.extend(std::mem::take(license));
        *license = named;
        context.moved(
            "#/info/license/name".to_owned(),
            "#/info/license/identifier",
        );
    }
}

/// `jsonSchemaDialect` has no 3.0 form; any dialect but the known ones is read as OpenAPI's,
/// with a warning.
fn drop_dialect(root: &mut Mapping, context: &mut Context<'_>) {
    let Some(dialect) = root.shift_remove("jsonSchemaDialect") else {
        return;
    };
    let known = dialect.as_str().is_some_and(|dialect| {
        KNOWN_DIALECTS
            .iter()
            .any(|known| dialect.trim_end_matches('#').starts_with(known))
    });
    if !known {
        context.warn(
            "#/jsonSchemaDialect",
            format!(
                "`jsonSchemaDialect` `{}` is not the OpenAPI dialect; its schemas are read as \
                 OpenAPI 3.1 schemas (JSON Schema 2020-12)",
                schema::shown(&dialect)
            ),
        );
    }
}

/// A 3.2 tag's `parent`, `kind` and `summary` arrange tags for documentation, which means
/// nothing to the client; 3.0 tags have none of them.
fn drop_tag_hierarchy(tags: Option<&mut Value>) {
    if let Some(Value::Sequence(tags)) = tags {
        for tag in tags.iter_mut() {
            if let Value::Mapping(tag) = tag {
                for key in ["parent", "kind", "summary"] {
                    tag.shift_remove(key);
                }
            }
        }
    }
}
