//! `multipart/form-data` bodies: the `FilePart` users hand over, and the parts a generated form lays out.
//!
//! The body is encoded here rather than by reqwest: the parts are owned, the whole body is
//! one `Bytes` with a known length, and every attempt of the request sends it again without
//! encoding anything twice. The layout follows RFC 7578, with names and file names escaped
//! the way browsers escape them (`"`, CR and LF percent-encoded).

use std::hash::{BuildHasher, Hasher};

use bytes::Bytes;
use serde::Serialize;

use super::problem::Problem;
use super::style;

/// A file sent in a multipart body: its bytes, and optionally a file name and a content type.
///
/// Many servers only treat a part as a file upload when it has a file name, so set one with
/// [`FilePart::with_file_name`] unless the API says otherwise. Without a content type the part
/// is sent as `application/octet-stream`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilePart {
    /// The file's content.
    pub bytes: Bytes,
    /// The file name sent with the part, if any.
    pub file_name: Option<String>,
    /// The part's content type, if any.
    pub content_type: Option<String>,
}

impl FilePart {
    /// A file of these bytes, without a file name or a content type.
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        Self {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// Sets the file name sent with the part.
    #[must_use]
    pub fn with_file_name(self, name: impl Into<String>) -> Self {
        Self {
            file_name: Some(name.into()),
            ..self
        }
    }

    /// Sets the part's content type, such as `image/png`.
    #[must_use]
    pub fn with_content_type(self, content_type: impl Into<String>) -> Self {
        Self {
            content_type: Some(content_type.into()),
            ..self
        }
    }
}

/// The parts of a multipart body, as a generated form lays them out.
#[derive(Clone, Debug, Default)]
pub struct Multipart {
    /// The parts, in order.
    parts: Vec<Part>,
    /// The first part that could not be encoded, if any.
    problem: Option<Problem>,
}

/// One part of a multipart body.
#[derive(Clone, Debug)]
struct Part {
    /// The form field's name.
    name: &'static str,
    /// The file name, for a file.
    file_name: Option<String>,
    /// The part's content type, if it has one.
    content_type: Option<String>,
    /// The part's content.
    body: Bytes,
}

impl Multipart {
    /// An empty body.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file.
    pub fn file(&mut self, name: &'static str, file: &FilePart) -> &mut Self {
        let content_type = file
            .content_type
            .clone()
            .unwrap_or_else(|| "application/octet-stream".to_owned());
        if content_type.chars().any(char::is_control) {
            return self.refuse(
                name,
                format!("the content type {content_type:?} is not valid header text"),
            );
        }
        self.parts.push(Part {
            name,
            file_name: file.file_name.clone(),
            content_type: Some(content_type),
            body: file.bytes.clone(),
        });
        self
    }

    /// Adds a text field: a scalar as its text (by the same rule as parameters), an array of
    /// scalars as one part per item.
    pub fn text<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> &mut Self {
        let texts = style::serialize(value).and_then(|serialized| match serialized.node {
            style::Node::Array(items) => items.into_iter().map(text_of).collect(),
            scalar => text_of(scalar).map(|text| vec![text]),
        });
        match texts {
            Ok(texts) => {
                for text in texts {
                    self.parts.push(Part {
                        name,
                        file_name: None,
                        content_type: None,
                        body: Bytes::from(text),
                    });
                }
                self
            }
            Err(reason) => self.refuse(name, reason),
        }
    }

    /// Adds a field holding the value's JSON text, with the content type `application/json`.
    pub fn json<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> &mut Self {
        match serde_json::to_vec(value) {
            Ok(json) => {
                self.parts.push(Part {
                    name,
                    file_name: None,
                    content_type: Some("application/json".to_owned()),
                    body: Bytes::from(json),
                });
                self
            }
            Err(error) => self.refuse(
                name,
                format!("the value cannot be serialized to JSON: {error}"),
            ),
        }
    }

    /// Records a problem, unless an earlier one is already recorded.
    fn refuse(&mut self, parameter: &'static str, reason: String) -> &mut Self {
        if self.problem.is_none() {
            self.problem = Some(Problem { parameter, reason });
        }
        self
    }

    /// Encodes the body: its `Content-Type` (with the boundary) and its bytes.
    pub(super) fn encode(self) -> Result<(String, Bytes), Problem> {
        if let Some(problem) = self.problem {
            return Err(problem);
        }
        let heads: Vec<String> = self.parts.iter().map(Part::head).collect();
        let boundary = boundary(&self.parts, &heads);
        let mut body = Vec::new();
        for (part, head) in self.parts.iter().zip(&heads) {
            body.extend_from_slice(format!("--{boundary}\r\n{head}\r\n").as_bytes());
            body.extend_from_slice(&part.body);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        Ok((
            format!("multipart/form-data; boundary={boundary}"),
            Bytes::from(body),
        ))
    }
}

impl Part {
    /// The part's header lines, each ending in CRLF.
    fn head(&self) -> String {
        let mut head = format!(
            "Content-Disposition: form-data; name=\"{}\"",
            escape(self.name)
        );
        if let Some(file_name) = &self.file_name {
            head.push_str(&format!("; filename=\"{}\"", escape(file_name)));
        }
        head.push_str("\r\n");
        if let Some(content_type) = &self.content_type {
            head.push_str(&format!("Content-Type: {content_type}\r\n"));
        }
        head
    }
}

/// A scalar's text, refusing a nested array or object.
fn text_of(node: style::Node) -> Result<String, String> {
    match node {
        style::Node::Null => Ok(String::new()),
        style::Node::Bool(flag) => Ok(flag.to_string()),
        style::Node::Number(text) | style::Node::String(text) => Ok(text),
        style::Node::Array(_) | style::Node::Object(_) => Err(
            "a text part holds a scalar or an array of scalars; send a nested value as JSON"
                .to_owned(),
        ),
    }
}

/// Escapes a quoted header parameter the way the HTML standard's form encoding does.
fn escape(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Picks a boundary that occurs in no part, as RFC 2046 requires. A random start makes a
/// clash all but impossible; checking makes it impossible.
fn boundary(parts: &[Part], heads: &[String]) -> String {
    let seed = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    boundary_from(seed, parts, heads)
}

/// The first boundary from `seed` on that occurs in no part and no part's head.
fn boundary_from(mut seed: u64, parts: &[Part], heads: &[String]) -> String {
    loop {
        let candidate = format!("openapi-client-boundary-{seed:016x}");
        let clashes = parts
            .iter()
            .map(|part| &part.body[..])
            .chain(heads.iter().map(String::as_bytes))
            .any(|haystack| contains(haystack, candidate.as_bytes()));
        if !clashes {
            return candidate;
        }
        seed = seed.wrapping_add(1);
    }
}

/// Whether `needle` occurs in `haystack`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_body(form: Multipart) -> (String, String) {
        let (content_type, bytes) = form.encode().expect("encodes");
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .expect("a boundary")
            .to_owned();
        let body = String::from_utf8(bytes.to_vec()).expect("text");
        (body.replace(&boundary, "BOUNDARY"), boundary)
    }

    #[test]
    fn lays_out_text_json_and_file_parts() {
        let mut form = Multipart::new();
        form.text("count", &3)
            .text("tags", &["a", "b"])
            .json("meta", &serde_json::json!({"k": 1}))
            .file(
                "upload",
                &FilePart::new(&b"\x00bin"[..])
                    .with_file_name("a \"b\".png")
                    .with_content_type("image/png"),
            )
            .file("raw", &FilePart::new(Bytes::from_static(b"x")));
        let (body, _) = text_body(form);
        assert_eq!(
            body,
            "--BOUNDARY\r\nContent-Disposition: form-data; name=\"count\"\r\n\r\n3\r\n\
             --BOUNDARY\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\na\r\n\
             --BOUNDARY\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\nb\r\n\
             --BOUNDARY\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"k\":1}\r\n\
             --BOUNDARY\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"a %22b%22.png\"\r\nContent-Type: image/png\r\n\r\n\x00bin\r\n\
             --BOUNDARY\r\nContent-Disposition: form-data; name=\"raw\"\r\nContent-Type: application/octet-stream\r\n\r\nx\r\n\
             --BOUNDARY--\r\n"
        );
    }

    #[test]
    fn the_boundary_never_occurs_in_a_part() {
        let mut form = Multipart::new();
        form.file(
            "f",
            &FilePart::new("--openapi-client-boundary-0000000000000007\r\n"),
        );
        let heads: Vec<String> = form.parts.iter().map(Part::head).collect();
        assert_eq!(
            boundary_from(7, &form.parts, &heads),
            "openapi-client-boundary-0000000000000008"
        );
        assert_eq!(
            boundary_from(u64::MAX, &[], &[]),
            "openapi-client-boundary-ffffffffffffffff"
        );
    }

    #[test]
    fn records_what_cannot_be_encoded() {
        let mut form = Multipart::new();
        form.text("nested", &serde_json::json!({"a": 1}))
            .text("later", &[[1]]);
        let problem = form.encode().expect_err("nested");
        assert_eq!(problem.parameter, "nested");
        let mut form = Multipart::new();
        form.file(
            "f",
            &FilePart::new(Vec::new()).with_content_type("text/plain\r\nX-Injected: 1"),
        );
        assert_eq!(form.encode().expect_err("header").parameter, "f");
    }
}
