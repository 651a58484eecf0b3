//! Operation parameters: path-level parameters first, then the operation's own, an operation
//! parameter replacing a path-level one with the same name and location. Only the default
//! serialization styles are supported (`form` for query, `simple` for path and header), and
//! cookie parameters are not.

use openapiv3::{
    Parameter, ParameterData, ParameterSchemaOrContent, PathItem, PathStyle, QueryStyle,
    ReferenceOr,
};

use super::docs;
use super::operations::OperationSite;
use super::refs::resolve_component;
use super::schemas::{schema_format, Hint};
use super::{Lowerer, SchemaRef};
use crate::ir::{Docs, Param, ParamLocation};
use crate::names::{self, Namespace};
use crate::pointer;

/// A parameter found in the spec, with where it came from.
struct FoundParam<'spec> {
    parameter: &'spec Parameter,
    /// The JSON pointer of the parameter object (inside `components` for a `$ref`).
    at: String,
    /// How to name an inline enum schema.
    hint: Hint,
}

impl<'spec> Lowerer<'spec> {
    pub(super) fn lower_params(
        &mut self,
        site: &OperationSite<'spec>,
        item: &'spec PathItem,
        operation: &'spec openapiv3::Operation,
        param_names: &mut Namespace,
    ) -> Vec<Param> {
        let path_at = site
            .at
            .rsplit_once('/')
            .map(|(parent, _)| parent.to_owned())
            .unwrap_or_default();
        let mut found: Vec<FoundParam<'spec>> = Vec::new();
        let lists = [
            (&item.parameters, path_at),
            (&operation.parameters, site.at.clone()),
        ];
        for (list, list_at) in lists {
            for (index, parameter) in list.iter().enumerate() {
                let at = pointer::index(&pointer::child(&list_at, "parameters"), index);
                let Some(param) = self.find_param(site, parameter, at) else {
                    continue;
                };
                let data = param.parameter.parameter_data_ref();
                let same = |other: &FoundParam<'_>| {
                    other.parameter.parameter_data_ref().name == data.name
                        && std::mem::discriminant(other.parameter)
                            == std::mem::discriminant(param.parameter)
                };
                match found.iter().position(same) {
                    Some(position) => found[position] = param,
                    None => found.push(param),
                }
            }
        }
        found
            .iter()
            .filter_map(|param| self.lower_param(param, param_names))
            .collect()
    }

    fn find_param(
        &mut self,
        site: &OperationSite<'spec>,
        parameter: &'spec ReferenceOr<Parameter>,
        at: String,
    ) -> Option<FoundParam<'spec>> {
        match parameter {
            ReferenceOr::Item(parameter) => {
                let name = &parameter.parameter_data_ref().name;
                let subject = format!(
                    "the {} parameter of {}",
                    docs::code(name),
                    docs::code(&site.wire_name)
                );
                let hint = Hint {
                    name: names::nested_type_name(&site.type_base, name),
                    subject,
                };
                Some(FoundParam {
                    parameter,
                    at,
                    hint,
                })
            }
            ReferenceOr::Reference { reference } => {
                let parameters = self
                    .spec
                    .components
                    .as_ref()
                    .map(|components| &components.parameters);
                match resolve_component(parameters, "parameters", reference) {
                    Ok((parameter, at, key)) => {
                        let hint = Hint {
                            name: names::convert(names::TYPE, &key),
                            subject: format!("the {} parameter", docs::code(&key)),
                        };
                        Some(FoundParam {
                            parameter,
                            at,
                            hint,
                        })
                    }
                    Err(message) => {
                        self.errors.push(at, message);
                        None
                    }
                }
            }
        }
    }

    fn lower_param(
        &mut self,
        param: &FoundParam<'spec>,
        param_names: &mut Namespace,
    ) -> Option<Param> {
        let (location, data) = self.param_location(param)?;
        if location == ParamLocation::Path && !data.required {
            let message = format!(
                "path parameter `{}` is not required; expected `required: true`",
                data.name
            );
            self.errors
                .push(pointer::child(&param.at, "required"), message);
            return None;
        }
        if location == ParamLocation::Query && data.explode == Some(false) {
            return self.unsupported_because(
                &pointer::child(&param.at, "explode"),
                "`explode: false` on a query parameter",
                "supported: the default `explode: true`",
            );
        }
        let schema = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => SchemaRef::from_plain(schema),
            ParameterSchemaOrContent::Content(_) => {
                return self.unsupported_because(
                    &pointer::child(&param.at, "content"),
                    "a parameter described by `content`",
                    "supported: a parameter with a `schema`",
                );
            }
        };
        let schema_at = pointer::child(&param.at, "schema");
        let ty = self.lower_type(schema, &schema_at, &param.hint)?;
        Some(Param {
            rust_name: param_names.claim(&data.name),
            wire_name: data.name.clone(),
            location,
            required: data.required,
            ty,
            docs: param_docs(data, location, schema),
            deprecated: data.deprecated.unwrap_or(false),
        })
    }

    /// The location of a parameter; cookies and non-default styles are errors.
    fn param_location(
        &mut self,
        param: &FoundParam<'spec>,
    ) -> Option<(ParamLocation, &'spec ParameterData)> {
        let style_at = pointer::child(&param.at, "style");
        match param.parameter {
            Parameter::Query {
                parameter_data,
                style: QueryStyle::Form,
                ..
            } => Some((ParamLocation::Query, parameter_data)),
            Parameter::Path {
                parameter_data,
                style: PathStyle::Simple,
            } => Some((ParamLocation::Path, parameter_data)),
            Parameter::Header { parameter_data, .. } => {
                Some((ParamLocation::Header, parameter_data))
            }
            Parameter::Query { style, .. } => self.unsupported_because(
                &style_at,
                &format!("query parameter style `{style:?}`"),
                "supported: `form`",
            ),
            Parameter::Path { style, .. } => self.unsupported_because(
                &style_at,
                &format!("path parameter style `{style:?}`"),
                "supported: `simple`",
            ),
            Parameter::Cookie { .. } => self.unsupported_because(
                &pointer::child(&param.at, "in"),
                "a cookie parameter",
                "supported: `path`, `query` and `header` parameters",
            ),
        }
    }
}

/// Docs of a parameter: its description (or a sentence naming it), its format, its
/// provenance, then its wire name.
fn param_docs(data: &ParameterData, location: ParamLocation, schema: SchemaRef<'_>) -> Docs {
    let kind = match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
    };
    let text = docs::join_text(&[data.description.as_deref()]);
    let mut param_docs = docs::docs(text, || {
        format!("The {} {kind} parameter.", docs::code(&data.name))
    });
    if let SchemaRef::Inline(schema) = schema {
        if let Some(format) = schema_format(schema) {
            param_docs.notes.push(docs::format_note(&format));
        }
    }
    param_docs
        .notes
        .extend(docs::provenance_notes(&data.extensions));
    param_docs.notes.push(docs::wire_name_note(&data.name));
    param_docs
}
