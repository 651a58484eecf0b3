//! `MissingFields`: a model's builder was asked to build while required fields were unset.

use std::fmt;

/// The error of a generated model builder's `build`: the model, and every required field
/// that was not set. Nothing is built, so nothing half-filled reaches the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingFields {
    /// The model's name.
    model: &'static str,
    /// The fields left unset, in declaration order.
    fields: Vec<&'static str>,
}

impl MissingFields {
    /// The error for `model` with `fields` unset; generated builders make it.
    #[doc(hidden)]
    pub fn new(model: &'static str, fields: Vec<&'static str>) -> Self {
        MissingFields { model, fields }
    }

    /// The model that could not be built.
    pub fn model(&self) -> &'static str {
        self.model
    }

    /// The required fields that were not set, as the builder's setters name them.
    pub fn fields(&self) -> &[&'static str] {
        &self.fields
    }
}

impl fmt::Display for MissingFields {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = self
            .fields
            .iter()
            .map(|field| format!("`{field}`"))
            .collect();
        let (noun, verb) = if self.fields.len() == 1 {
            ("field", "is")
        } else {
            ("fields", "are")
        };
        write!(
            formatter,
            "cannot build `{}`: the required {noun} {} {verb} not set",
            self.model,
            names.join(", ")
        )
    }
}

impl std::error::Error for MissingFields {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_model_and_every_unset_field() {
        assert_eq!(
            MissingFields::new("Invoice", vec!["amount"]).to_string(),
            "cannot build `Invoice`: the required field `amount` is not set"
        );
        assert_eq!(
            MissingFields::new("Invoice", vec!["amount", "currency"]).to_string(),
            "cannot build `Invoice`: the required fields `amount`, `currency` are not set"
        );
    }
}
