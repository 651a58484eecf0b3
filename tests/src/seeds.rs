//! Reads the scraped documentation pages in `spec/sources/`: their JSON examples, each with
//! what it is an example of, and their field lists.
//!
//! The pages lost their indentation, so structure comes from two reliable markers: the status
//! headings ("OK", "Bad Request", …) that precede response examples, and the "Body required"
//! and `--data-raw '` markers that precede request examples.

use std::fmt;

/// What a JSON example on a page illustrates.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExampleKind {
    /// The request body.
    Request,
    /// The response body of this HTTP status.
    Response(u16),
}

impl fmt::Display for ExampleKind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExampleKind::Request => formatter.write_str("request"),
            ExampleKind::Response(status) => write!(formatter, "response {status}"),
        }
    }
}

/// One JSON example of a page.
#[derive(Clone, Debug, PartialEq)]
pub struct PageExample {
    /// What the example illustrates.
    pub kind: ExampleKind,
    /// The example, parsed.
    pub value: serde_json::Value,
    /// The 1-based line on which the example starts.
    pub line: usize,
}

/// One line of a page's field list, such as `reminderMileage int64` or `id int64 deprecated`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct FieldLine {
    /// The field's wire name.
    pub name: String,
    /// The documented type: string, number, boolean, int32, int64, float, date-time, object,
    /// or object[].
    pub doc_type: String,
    /// Whether the line says `deprecated`.
    pub deprecated: bool,
}

const DOC_TYPES: &[&str] = &[
    "string",
    "number",
    "boolean",
    "int32",
    "int64",
    "float",
    "date-time",
    "object",
    "object[]",
];

fn status_of_heading(line: &str) -> Option<u16> {
    match line {
        "OK" => Some(200),
        "Bad Request" => Some(400),
        "Unauthorized" => Some(401),
        "Internal Server Error" => Some(500),
        _ => None,
    }
}

/// Every distinct JSON example of a page, in page order. Examples repeated verbatim (the same
/// curl sample in nine languages) are kept once.
pub fn page_examples(page: &str) -> Result<Vec<PageExample>, String> {
    let lines: Vec<&str> = page.lines().collect();
    let mut examples: Vec<PageExample> = Vec::new();
    let mut context: Option<ExampleKind> = None;
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index].trim();
        if let Some(status) = status_of_heading(line) {
            context = Some(ExampleKind::Response(status));
        } else if line == "Body required" || line == "Request Body required" {
            context = Some(ExampleKind::Request);
        }
        let opening = if line == "{" {
            Some("{".to_string())
        } else {
            line.strip_prefix("--data-raw '").map(str::to_string)
        };
        if line.starts_with("--data-raw '") {
            context = Some(ExampleKind::Request);
        }
        match opening {
            Some(first) if first == "{" => {
                let kind = context.clone().ok_or_else(|| {
                    format!("line {}: a JSON example before any heading", index + 1)
                })?;
                let (text, end) = balanced_block(&lines, index, &first)?;
                let value: serde_json::Value = serde_json::from_str(&text)
                    .map_err(|error| format!("line {}: example is not JSON: {error}", index + 1))?;
                let example = PageExample {
                    kind,
                    value,
                    line: index + 1,
                };
                if !examples
                    .iter()
                    .any(|seen| seen.kind == example.kind && seen.value == example.value)
                {
                    examples.push(example);
                }
                index = end;
            }
            _ => {}
        }
        index += 1;
    }
    Ok(examples)
}

/// Collects lines from `start` until the braces balance; returns the text and the last line's
/// index. A curl sample's closing `}'` loses its quote.
fn balanced_block(lines: &[&str], start: usize, first: &str) -> Result<(String, usize), String> {
    let mut depth: i64 = 0;
    let mut text = String::new();
    for (offset, raw) in lines[start..].iter().enumerate() {
        let line = if offset == 0 { first } else { raw.trim() };
        let line = line.strip_suffix('\'').unwrap_or(line);
        depth += brace_delta(line);
        text.push_str(line);
        text.push('\n');
        if depth == 0 {
            return Ok((text, start + offset));
        }
    }
    Err(format!("line {}: the JSON example never closes", start + 1))
}

/// Net count of opening brackets on a line, ignoring those inside string literals.
fn brace_delta(line: &str) -> i64 {
    let mut delta = 0;
    let mut in_string = false;
    let mut escaped = false;
    for character in line.chars() {
        match (in_string, escaped, character) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (true, false, '"') => in_string = false,
            (false, _, '"') => in_string = true,
            (false, _, '{' | '[') => delta += 1,
            (false, _, '}' | ']') => delta -= 1,
            _ => {}
        }
    }
    delta
}

/// Every field-list line of a page (`name type [required|deprecated]`), deduplicated and sorted.
/// Bullets and indentation are ignored; lines that are not of that shape are not field lines.
pub fn page_field_lines(page: &str) -> Vec<FieldLine> {
    let mut fields: Vec<FieldLine> = page
        .lines()
        .filter_map(|line| {
            let line = line.trim().trim_start_matches(['•', '-']).trim();
            let words: Vec<&str> = line.split_whitespace().collect();
            let (name, doc_type, flag) = match words.as_slice() {
                [name, doc_type] => (*name, *doc_type, None),
                [name, doc_type, flag] => (*name, *doc_type, Some(*flag)),
                _ => return None,
            };
            let is_name = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            let flag_known = matches!(flag, None | Some("required") | Some("deprecated"));
            (is_name && flag_known && DOC_TYPES.contains(&doc_type)).then(|| FieldLine {
                name: name.to_string(),
                doc_type: doc_type.to_string(),
                deprecated: flag == Some("deprecated"),
            })
        })
        .collect();
    fields.sort();
    fields.dedup();
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Title\nRequest Body required\namount number\nid int64 deprecated\n\
        Responses\nOK\napplication/json\n{\n\"a\": {\"b\": [1, 2]},\n\"c\": \"{not a brace\"\n}\n\
        Bad Request\n{\n\"errors\": []\n}\n--data-raw '{\n\"amount\": 0\n}'\n--data-raw '{\n\"amount\": 0\n}'\n";

    #[test]
    fn examples_are_attributed_to_their_heading_and_deduplicated() {
        let examples = page_examples(PAGE).unwrap();
        let kinds: Vec<String> = examples.iter().map(|e| e.kind.to_string()).collect();
        assert_eq!(kinds, ["response 200", "response 400", "request"]);
        assert_eq!(examples[0].value["c"], "{not a brace");
        assert_eq!(examples[2].value["amount"], 0);
    }

    #[test]
    fn field_lines_keep_type_and_deprecation() {
        let fields = page_field_lines(PAGE);
        let rendered: Vec<String> = fields
            .iter()
            .map(|f| format!("{} {} {}", f.name, f.doc_type, f.deprecated))
            .collect();
        assert_eq!(rendered, ["amount number false", "id int64 true"]);
    }

    #[test]
    fn an_unclosed_example_is_an_error() {
        let error = page_examples("OK\n{\n\"a\": 1\n").unwrap_err();
        assert!(error.contains("never closes"), "{error}");
    }
}
