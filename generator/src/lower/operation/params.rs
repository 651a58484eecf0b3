//! Operation parameters: path-level parameters first, then the operation's own, an operation
//! parameter replacing a path-level one with the same name and location. Every location
//! (path, query, header, cookie) and style OpenAPI 3.0 defines is kept: the runtime writes
//! scalars, arrays and objects in the style given. A parameter described by `content` instead
//! of `schema` is sent as the JSON text of its value.

use openapiv3::{
    Parameter, ParameterData, ParameterSchemaOrContent, PathItem, PathStyle, QueryStyle,
    ReferenceOr,
};

use super::OperationSite;
use crate::lower::docs;

use crate::ir::{Docs, Param, ParamLocation, ParamStyle, Placement, TypeRef};
use crate::lower::schema::Hint;
use crate::lower::{Lowerer, SchemaRef};
use crate::names::{self, Namespace};
use crate::pointer;

/// A parameter found in the spec, with where it came from.
struct FoundParam<'spec> {
    parameter: &'spec Parameter,
    /// The JSON pointer of the parameter object (inside `components` for a `$ref`).
    at: String,
    /// How to name an inline enum or object schema.
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
            ReferenceOr::Reference { .. } => {
                let (parameter, at, hint) =
                    self.resolve_located(parameter, at, unreachable_hint, |key| {
                        format!("the {key} parameter")
                    })?;
                Some(FoundParam {
                    parameter,
                    at,
                    hint,
                })
            }
        }
    }

    fn lower_param(
        &mut self,
        param: &FoundParam<'spec>,
        param_names: &mut Namespace,
    ) -> Option<Param> {
        let (location, style, data) = param_location(param.parameter);
        if !self.param_is_sent(param, location, data) {
            return None;
        }
        let (ty, style, schema) = self.param_type(param, data, style)?;
        let required = data.required || location == ParamLocation::Path;
        Some(Param {
            rust_name: param_names.claim(&data.name),
            wire_name: data.name.clone(),
            location,
            style,
            explode: data.explode.unwrap_or(matches!(style, ParamStyle::Form)),
            required,
            ty,
            placement: if required {
                Placement::Argument
            } else {
                Placement::Setter
            },
            docs: self.param_docs(data, location, schema),
            deprecated: data.deprecated.unwrap_or(false),
        })
    }

    /// Docs of a parameter: its description (or a sentence naming it, since the method's
    /// argument list and the builder's setter show it), then what its type does not say.
    fn param_docs(
        &self,
        data: &ParameterData,
        location: ParamLocation,
        schema: Option<SchemaRef<'spec>>,
    ) -> Docs {
        let kind = match location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        };
        let text = docs::join_text(&[data.description.as_deref()]);
        let mut param_docs = docs::docs(text, || {
            format!("The {} {kind} parameter.", docs::code(&data.name))
        });
        let inline = match schema {
            Some(SchemaRef::Inline(schema)) => Some(schema),
            Some(SchemaRef::Ref(_)) | None => None,
        };
        param_docs.notes.extend(self.value_notes(inline));
        param_docs
            .notes
            .extend(self.extension_docs.notes(&data.extensions));
        param_docs
    }

    /// Whether the client sends the parameter, warning about the ones OpenAPI says to ignore
    /// and about a path parameter not marked required.
    fn param_is_sent(
        &mut self,
        param: &FoundParam<'spec>,
        location: ParamLocation,
        data: &ParameterData,
    ) -> bool {
        let reserved = ["accept", "content-type", "authorization"];
        if location == ParamLocation::Header
            && reserved.contains(&data.name.to_ascii_lowercase().as_str())
        {
            // OpenAPI 3.0: such a header parameter "SHALL be ignored"; the client sets these
            // headers itself, from the operation's media types and the credentials.
            self.errors.warn(
                &param.at,
                format!(
                    "header parameter `{}` is ignored, as OpenAPI says: the client sets it itself",
                    data.name
                ),
            );
            return false;
        }
        if location == ParamLocation::Path && !data.required {
            // OpenAPI requires `required: true` on path parameters; the meaning is clear, since
            // a path cannot be built without them.
            self.errors.warn(
                pointer::child(&param.at, "required"),
                format!(
                    "path parameter `{}` is not marked `required: true`; a path parameter is \
                     always required, and is treated so",
                    data.name
                ),
            );
        }
        true
    }

    /// The parameter's type and style, and its schema when it has one (for documentation);
    /// `None`, with an error, when `content` lists no media type.
    fn param_type(
        &mut self,
        param: &FoundParam<'spec>,
        data: &'spec ParameterData,
        style: ParamStyle,
    ) -> Option<(TypeRef, ParamStyle, Option<SchemaRef<'spec>>)> {
        match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                let schema = SchemaRef::from_plain(schema);
                let ty = self.lower_type(schema, &pointer::child(&param.at, "schema"), &param.hint);
                Some((ty, style, Some(schema)))
            }
            ParameterSchemaOrContent::Content(content) => {
                let Some((media_type, media)) = content.iter().next() else {
                    self.errors.push(
                        pointer::child(&param.at, "content"),
                        "a parameter's `content` must list one media type",
                    );
                    return None;
                };
                let media_at = pointer::child(&pointer::child(&param.at, "content"), media_type);
                let ty = match &media.schema {
                    Some(schema) => self.lower_type(
                        SchemaRef::from_plain(schema),
                        &pointer::child(&media_at, "schema"),
                        &param.hint,
                    ),
                    None => TypeRef::Json,
                };
                Some((ty, ParamStyle::JsonContent, None))
            }
        }
    }
}

/// The location and style of a parameter, and its common fields.
fn param_location(parameter: &Parameter) -> (ParamLocation, ParamStyle, &ParameterData) {
    match parameter {
        Parameter::Query {
            parameter_data,
            style,
            ..
        } => {
            let style = match style {
                QueryStyle::Form => ParamStyle::Form,
                QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                QueryStyle::DeepObject => ParamStyle::DeepObject,
            };
            (ParamLocation::Query, style, parameter_data)
        }
        Parameter::Path {
            parameter_data,
            style,
        } => {
            let style = match style {
                PathStyle::Simple => ParamStyle::Simple,
                PathStyle::Label => ParamStyle::Label,
                PathStyle::Matrix => ParamStyle::Matrix,
            };
            (ParamLocation::Path, style, parameter_data)
        }
        Parameter::Header { parameter_data, .. } => {
            (ParamLocation::Header, ParamStyle::Simple, parameter_data)
        }
        Parameter::Cookie { parameter_data, .. } => {
            (ParamLocation::Cookie, ParamStyle::Form, parameter_data)
        }
    }
}

/// The hint of a parameter written in place, which `find_param` builds itself; a `$ref`
/// never uses it.
fn unreachable_hint() -> Hint {
    Hint {
        name: String::new(),
        subject: String::new(),
    }
}
