//! Swagger 2.0 → OpenAPI 3.0: the document upgraded into the form lowering reads, with a
//! [`Layer`] recording where each part came from.

use serde_yaml::Value;

use crate::error::Collector;
use crate::load::origin::Layer;

/// Upgrades a Swagger 2.0 document; problems are reported at pointers into the result.
pub(in crate::load) fn upgrade(document: Value, problems: &mut Collector) -> (Value, Layer) {
    problems.push("#/swagger", "Swagger 2.0 documents are not read yet");
    (document, Layer::default())
}
