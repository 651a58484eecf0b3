//! Paths, path items and operations. Each parameter list is split the way 3.0 splits it: the
//! non-body parameters stay (path-level ones at the path level), and the `body` or `formData`
//! ones become the `requestBody` of the operation, a path-level one of every operation of the
//! path. An operation's own body replaces a path-level one; its own form fields replace
//! path-level ones of the same name; a body and form fields together keep the body, with a
//! warning. The operation's `consumes`, `produces` and `schemes` are read and dropped, and an
//! operation with a parameter 3.0 cannot express is marked `x-generator-skip`.

use serde_yaml::{Mapping, Value};

use super::params::{serialization, skip_message, Serialization};
use super::usage::{same_names, Direction, MediaType};
use super::{field, refs, shown, Upgrade, METHODS};
use crate::pointer;

/// One entry of a 2.0 parameter list, with the parameter it stands for.
#[derive(Debug, Clone)]
pub(super) struct Entry<'input> {
    /// The entry as written: a parameter, or a `$ref` to one.
    written: &'input Value,
    /// Where the entry is in the input.
    pub(super) from: String,
    /// The parameter: the entry, or the local target of its `$ref`, when there is one.
    pub(super) parameter: Option<&'input Mapping>,
    /// Where the parameter is in the input.
    pub(super) source: String,
    /// The global parameter (`#/parameters/X`) the entry refers to, if it does.
    global: Option<String>,
}

impl Entry<'_> {
    fn location(&self) -> Option<&str> {
        self.parameter.and_then(|parameter| field(parameter, "in"))
    }

    fn name(&self) -> &str {
        self.parameter
            .and_then(|parameter| field(parameter, "name"))
            .unwrap_or_default()
    }

    fn is_reference(&self) -> bool {
        self.written.get("$ref").is_some()
    }

    fn location_text(&self) -> String {
        self.location().unwrap_or_default().to_owned()
    }
}

/// A parameter list, split the way 3.0 splits it.
#[derive(Debug, Default)]
struct Split<'input> {
    /// The non-body parameters, written for the output list.
    kept: Vec<Value>,
    body: Option<Entry<'input>>,
    forms: Vec<Entry<'input>>,
    /// Why the operations using the list must be skipped: `(name, in, reason)` of each
    /// parameter whose format has no 3.0 style, so that an operation's own parameter of the
    /// same name and location frees it of a path-level one's.
    skips: Vec<(String, String, String)>,
    /// `(name, in)` of each kept parameter.
    kept_keys: Vec<(String, String)>,
}

impl<'input> Upgrade<'input, '_> {
    /// `paths`: every path item converted; extensions copied.
    pub(super) fn paths(&mut self, value: &'input Value) -> Value {
        let Value::Mapping(paths) = value else {
            return value.clone();
        };
        let mut output = Mapping::new();
        for (key, item) in paths {
            let converted = match key.as_str() {
                Some(path) if !path.starts_with("x-") => {
                    self.path_item(item, &pointer::child("#/paths", path))
                }
                _ => item.clone(),
            };
            output.insert(key.clone(), converted);
        }
        Value::Mapping(output)
    }

    fn path_item(&mut self, value: &'input Value, at: &str) -> Value {
        let Value::Mapping(item) = value else {
            return value.clone();
        };
        let shared = match item.get("parameters") {
            Some(list) => self.split(list, &pointer::child(at, "parameters")),
            None => Split::default(),
        };
        let mut output = Mapping::new();
        for (key, member) in item {
            let Some(name) = key.as_str() else { continue };
            match name {
                "parameters" => {
                    if !shared.kept.is_empty() {
                        output.insert(key.clone(), Value::Sequence(shared.kept.clone()));
                    }
                }
                _ if METHODS.contains(&name) => {
                    let operation = self.operation(member, &pointer::child(at, name), &shared);
                    output.insert(key.clone(), operation);
                }
                _ => {
                    if name == "$ref" {
                        self.reference_at(at);
                    }
                    output.insert(key.clone(), member.clone());
                }
            }
        }
        Value::Mapping(output)
    }

    /// Splits the parameter list at `at`.
    fn split(&mut self, list: &'input Value, at: &str) -> Split<'input> {
        let mut split = Split::default();
        let Value::Sequence(entries) = list else {
            self.warn(
                at,
                format!(
                    "`parameters` is `{}`; expected a list; it is ignored",
                    shown(list)
                ),
            );
            return split;
        };
        let mut dropped: Vec<(String, String, bool)> = Vec::new();
        for (index, written) in entries.iter().enumerate() {
            let entry = self.entry(written, pointer::index(at, index));
            match entry.location() {
                Some("body") if split.body.is_none() => split.body = Some(entry),
                Some("body") => {
                    let message = format!(
                        "a second body parameter (`{}`): OpenAPI 3.0 has one request body, and \
                         the first body parameter is kept",
                        entry.name()
                    );
                    dropped.push((entry.from, message, false));
                }
                Some("formData") => {
                    match split
                        .forms
                        .iter()
                        .position(|form| form.name() == entry.name())
                    {
                        Some(position) => split.forms[position] = entry,
                        None => split.forms.push(entry),
                    }
                }
                Some("query" | "header" | "path" | "cookie") | None => {
                    let kept_at = pointer::index(at, split.kept.len());
                    let key = (entry.name().to_owned(), entry.location_text());
                    if let Some(reason) = self.kept_parameter(&entry, &kept_at, &mut split.kept) {
                        split.skips.push((key.0.clone(), key.1.clone(), reason));
                    }
                    split.kept_keys.push(key);
                }
                Some(other) => {
                    let message = format!(
                        "parameter `{}` is `in: {other}`; expected query, header, path, formData \
                         or body; it is left out",
                        entry.name()
                    );
                    dropped.push((entry.from, message, true));
                }
            }
        }
        self.report_dropped(dropped, at, split.kept.len());
        split
    }

    /// Reports each entry `(from, message, is an error)` left out of the list at `at`, at the
    /// places after its `kept` parameters, so that no two diagnostics share one.
    fn report_dropped(&mut self, dropped: Vec<(String, String, bool)>, at: &str, kept: usize) {
        for (offset, (from, message, is_error)) in dropped.into_iter().enumerate() {
            let dropped_at = pointer::index(at, kept + offset);
            self.reshaped(&dropped_at, &from);
            if is_error {
                self.problems.push(dropped_at, message);
            } else {
                self.warn(dropped_at, message);
            }
        }
    }

    /// The entry at `from`, with the parameter its local `$ref` points to.
    fn entry(&self, written: &'input Value, from: String) -> Entry<'input> {
        let reference = written.get("$ref").and_then(Value::as_str);
        let (parameter, source) = match reference {
            Some(reference) => match refs::resolve_local(self.root, reference) {
                Some((Value::Mapping(target), source)) if !target.contains_key("$ref") => {
                    (Some(target), source)
                }
                _ => (None, from.clone()),
            },
            None => (written.as_mapping(), from.clone()),
        };
        let global = parameter
            .and(reference)
            .and_then(|_| refs::global_name(&source, "parameters"));
        Entry {
            written,
            from,
            parameter,
            source,
            global,
        }
    }

    /// Adds a non-body parameter, written at `at`, to `kept`: converted in place, or a `$ref`
    /// kept (to be rewritten). Returns the reason to skip the operations that use it, if its
    /// format (its target's, for a `$ref`) has no 3.0 style.
    fn kept_parameter(
        &mut self,
        entry: &Entry<'input>,
        at: &str,
        kept: &mut Vec<Value>,
    ) -> Option<String> {
        if let (Some(parameter), false) = (entry.parameter, entry.is_reference()) {
            let (value, skip) = self.parameter(parameter, at, &entry.from);
            kept.push(value);
            if let Some(reason) = &skip {
                self.warn(pointer::child(at, "collectionFormat"), skip_message(reason));
            }
            return skip;
        }
        self.moved(at, &entry.from);
        if entry.is_reference() {
            self.reference_at(at);
        }
        kept.push(entry.written.clone());
        let parameter = entry.parameter?;
        let location = field(parameter, "in").unwrap_or_default();
        match serialization(location, parameter) {
            Serialization::Inexpressible(reason) => {
                self.warn(at, skip_message(&reason));
                Some(reason)
            }
            Serialization::Plain | Serialization::Array { .. } => None,
        }
    }

    fn operation(&mut self, value: &'input Value, at: &str, shared: &Split<'input>) -> Value {
        let Value::Mapping(operation) = value else {
            return value.clone();
        };
        let consumes = self.media.effective_for(value, at, Direction::Consumes);
        let produces = self.media.effective_for(value, at, Direction::Produces);
        let mut own = match operation.get("parameters") {
            Some(list) => self.split(list, &pointer::child(at, "parameters")),
            None => Split::default(),
        };
        let overridden = |(name, location, _): &&(String, String, String)| {
            own.kept_keys
                .iter()
                .any(|(own_name, own_location)| own_name == name && own_location == location)
        };
        let mut skips: Vec<String> = shared
            .skips
            .iter()
            .filter(|skip| !overridden(skip))
            .chain(&own.skips)
            .map(|(_, _, reason)| reason.clone())
            .collect();
        let mut body = self.operation_body(at, shared, &own, &consumes, &mut skips);
        let mut output = Mapping::new();
        for (key, member) in operation {
            let Some(name) = key.as_str() else { continue };
            match name {
                "parameters" => {
                    if !own.kept.is_empty() {
                        let kept = std::mem::take(&mut own.kept);
                        output.insert(key.clone(), Value::Sequence(kept));
                    }
                    if let Some(body) = body.take() {
                        output.insert("requestBody".into(), body);
                    }
                }
                "consumes" | "produces" => {
                    self.check_media_types(member, &pointer::child(at, name));
                }
                "responses" => {
                    if let Some(body) = body.take() {
                        output.insert("requestBody".into(), body);
                    }
                    let responses = self.responses(member, &pointer::child(at, name), &produces);
                    output.insert(key.clone(), responses);
                }
                "schemes" => {
                    if let Some(servers) = self.operation_servers(member, at) {
                        output.insert("servers".into(), servers);
                    }
                }
                _ => {
                    output.insert(key.clone(), member.clone());
                }
            }
        }
        if let Some(body) = body.take() {
            output.insert("requestBody".into(), body);
        }
        let mut reasons: Vec<String> = Vec::new();
        for reason in skips {
            if !reasons.contains(&reason) {
                reasons.push(reason);
            }
        }
        if !reasons.is_empty() {
            output.insert("x-generator-skip".into(), reasons.join("; ").into());
        }
        Value::Mapping(output)
    }

    /// The operation's request body, from its own body or form fields and its path's.
    fn operation_body(
        &mut self,
        at: &str,
        shared: &Split<'input>,
        own: &Split<'input>,
        consumes: &[MediaType],
        skips: &mut Vec<String>,
    ) -> Option<Value> {
        let body_at = pointer::child(at, "requestBody");
        let mut forms: Vec<&Entry<'input>> = shared
            .forms
            .iter()
            .filter(|form| !own.forms.iter().any(|mine| mine.name() == form.name()))
            .collect();
        forms.extend(&own.forms);
        if let Some(body) = own.body.as_ref().or(shared.body.as_ref()) {
            if !forms.is_empty() {
                self.drop_form_fields(&forms, &body_at, consumes);
            }
            return Some(self.body_of(body, &body_at, consumes));
        }
        if forms.is_empty() {
            return None;
        }
        let (body, reasons) = self.form_body(&forms, &body_at, consumes);
        skips.extend(reasons);
        Some(body)
    }

    /// A body parameter's request body at `at`: a `$ref` to its component when it is a global
    /// one whose component has the operation's media types; otherwise written in place.
    fn body_of(&mut self, entry: &Entry<'input>, at: &str, consumes: &[MediaType]) -> Value {
        let Some(parameter) = entry.parameter else {
            return entry.written.clone();
        };
        if let Some(name) = &entry.global {
            if same_names(&self.media.body(name), consumes) {
                self.moved(at, &entry.from);
                let target = pointer::child("#/components/requestBodies", name);
                let mut reference = Mapping::new();
                reference.insert("$ref".into(), refs::reference_to(&target).into());
                return Value::Mapping(reference);
            }
        }
        if entry.is_reference() {
            return self
                .copy(|upgrade| upgrade.request_body(parameter, at, &entry.source, consumes));
        }
        self.request_body(parameter, at, &entry.source, consumes)
    }

    /// Global `parameters`: the non-body ones become `components/parameters`, the body ones
    /// `components/requestBodies`; a form field has no 3.0 component, and is written into
    /// the request body of each operation that uses it.
    pub(super) fn global_parameters(&mut self, value: &'input Value) -> (Mapping, Mapping) {
        let mut parameters = Mapping::new();
        let mut bodies = Mapping::new();
        let Value::Mapping(globals) = value else {
            self.warn(
                "#/parameters",
                format!(
                    "`parameters` is `{}`; expected a mapping of parameters; it is ignored",
                    shown(value)
                ),
            );
            return (parameters, bodies);
        };
        for (key, parameter) in globals {
            let Some(name) = key.as_str() else { continue };
            let from = pointer::child("#/parameters", name);
            let Value::Mapping(mapping) = parameter else {
                parameters.insert(key.clone(), parameter.clone());
                continue;
            };
            if mapping.contains_key("$ref") {
                let at = pointer::child("#/components/parameters", name);
                self.moved(&at, &from);
                self.reference_at(&at);
                parameters.insert(key.clone(), parameter.clone());
                continue;
            }
            match field(mapping, "in") {
                Some("body") => {
                    let at = pointer::child("#/components/requestBodies", name);
                    let media = self.media.body(name);
                    bodies.insert(key.clone(), self.request_body(mapping, &at, &from, &media));
                }
                Some("formData") => {}
                _ => {
                    let at = pointer::child("#/components/parameters", name);
                    let (converted, _) = self.parameter(mapping, &at, &from);
                    parameters.insert(key.clone(), converted);
                }
            }
        }
        (parameters, bodies)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{document, upgrade_text, yaml};

    #[test]
    fn kept_parameters_are_renumbered_and_mounted_on_their_entries() {
        let upgraded = upgrade_text(&document(
            "
paths:
  /pets/{id}:
    parameters:
      - {name: pet, in: body, schema: {type: object}}
      - {name: id, in: path, required: true, type: string}
    put:
      parameters:
        - {name: name, in: formData, type: string}
        - {name: X-Trace, in: header, type: string}
        - {name: weird, in: somewhere, type: string}
        - {$ref: 'other.yaml#/parameters/Shared'}
      responses: {'204': {description: ok}}
",
        ));
        assert_eq!(
            upgraded.at("#/paths/~1pets~1{id}/put/parameters").cloned(),
            Some(yaml(
                "
- {name: X-Trace, in: header, schema: {type: string}}
- {$ref: 'other.yaml#/parameters/Shared'}
"
            ))
        );
        let put = "#/paths/~1pets~1{id}/put";
        assert_eq!(
            upgraded.resolve(&format!("{put}/parameters/0/name")),
            format!("{put}/parameters/1/name")
        );
        assert_eq!(
            upgraded.resolve(&format!("{put}/parameters/1")),
            format!("{put}/parameters/3")
        );
        assert_eq!(
            upgraded.resolve("#/paths/~1pets~1{id}/parameters/0"),
            "#/paths/~1pets~1{id}/parameters/1"
        );
        assert_eq!(
            upgraded.errors,
            [(
                format!("{put}/parameters/2"),
                "parameter `weird` is `in: somewhere`; expected query, header, path, formData or \
                 body; it is left out"
                    .to_owned()
            )]
        );
        assert_eq!(
            upgraded.warnings,
            [(
                format!("{put}/parameters/0"),
                "the operation has a body parameter, and OpenAPI 3.0 has one request body: \
                 formData parameter `name` is left out"
                    .to_owned()
            )]
        );
    }

    #[test]
    fn operation_fields_are_kept_and_2_0_ones_read() {
        let upgraded = upgrade_text(&document(
            "
paths:
  x-paths-note: kept
  /pets:
    $ref: 'other.yaml#/paths/~1pets'
    summary: Pets.
    get:
      tags: [pets]
      summary: List pets.
      operationId: listPets
      externalDocs: {url: https://example.com}
      consumes: application/json
      produces: [application/json, 7]
      deprecated: true
      security: [{key: []}]
      x-internal: true
      responses:
        '200': {description: ok, schema: {type: string}}
        x-response-note: kept
",
        ));
        assert_eq!(
            upgraded.at("#/paths").cloned(),
            Some(yaml(
                "
x-paths-note: kept
/pets:
  $ref: 'other.yaml#/paths/~1pets'
  summary: Pets.
  get:
    tags: [pets]
    summary: List pets.
    operationId: listPets
    externalDocs: {url: https://example.com}
    deprecated: true
    security: [{key: []}]
    x-internal: true
    responses:
      '200': {description: ok, content: {application/json: {schema: {type: string}}}}
      x-response-note: kept
"
            ))
        );
        assert_eq!(
            upgraded.warnings,
            [
                (
                    "#/paths/~1pets/get/consumes".to_owned(),
                    "`consumes` is `application/json`; expected a list of media types; it is ignored"
                        .to_owned()
                ),
                (
                    "#/paths/~1pets/get/produces/1".to_owned(),
                    "`7` in `produces` is not a media type string; it is ignored".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_path_level_format_without_a_style_skips_every_operation_of_the_path() {
        let upgraded = upgrade_text(&document(
            "
paths:
  /rows:
    parameters:
      - {name: columns, in: query, type: array, items: {type: string}, collectionFormat: tsv}
    get: {responses: {'204': {description: ok}}}
    delete: {responses: {'204': {description: ok}}}
    put:
      parameters: [{name: columns, in: query, type: array, items: {type: string}}]
      responses: {'204': {description: ok}}
",
        ));
        assert_eq!(
            upgraded.at("#/paths/~1rows/put/x-generator-skip"),
            None,
            "overridden"
        );
        for method in ["get", "delete"] {
            assert_eq!(
                upgraded
                    .at(&format!("#/paths/~1rows/{method}/x-generator-skip"))
                    .cloned(),
                Some(yaml(
                    "'parameter `columns` has `collectionFormat: tsv`, which OpenAPI 3.0 has no \
                     style for in a query'"
                )),
                "{method}"
            );
        }
        let at: Vec<&str> = upgraded
            .warnings
            .iter()
            .map(|(at, _)| at.as_str())
            .collect();
        assert_eq!(at, ["#/paths/~1rows/parameters/0/collectionFormat"]);
    }
}
