//! OpenAPI 3.1 and 3.2 → OpenAPI 3.0: the document brought down into the form lowering reads,
//! with a [`Layer`] recording where each part came from.

use serde_yaml::Value;

use crate::error::Collector;
use crate::load::origin::Layer;
use crate::load::version::Version;

/// Brings a 3.1 or 3.2 document down to 3.0; problems are reported at pointers into the
/// result.
pub(in crate::load) fn downlevel(
    document: Value,
    version: Version,
    problems: &mut Collector,
) -> (Value, Layer) {
    let _ = version;
    problems.push(
        "#/openapi",
        "OpenAPI 3.1 and 3.2 documents are not read yet",
    );
    (document, Layer::default())
}
