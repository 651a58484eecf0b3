//! Path templates: `/invoices/{invoiceId}/lines` → literal text and named variables.

/// One piece of a parsed path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum TemplatePiece {
    /// Text copied verbatim.
    Literal(String),
    /// `{name}`.
    Variable(String),
}

/// Parses a path template, or says what is wrong with it.
pub(super) fn parse_path_template(template: &str) -> Result<Vec<TemplatePiece>, String> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        let open = rest.find('{');
        let close = rest.find('}');
        match (open, close) {
            (None, None) => {
                pieces.push(TemplatePiece::Literal(rest.to_owned()));
                rest = "";
            }
            (Some(open), Some(close)) if open < close => {
                let name = &rest[open + 1..close];
                if name.is_empty() || name.contains('{') {
                    return Err(format!("path template `{template}` has a malformed variable `{{{name}}}`; expected `{{name}}`"));
                }
                if open > 0 {
                    pieces.push(TemplatePiece::Literal(rest[..open].to_owned()));
                }
                pieces.push(TemplatePiece::Variable(name.to_owned()));
                rest = &rest[close + 1..];
            }
            _ => {
                return Err(format!("path template `{template}` has unbalanced braces; expected variables written as `{{name}}`"));
            }
        }
    }
    Ok(pieces)
}

#[cfg(test)]
mod tests {
    use super::TemplatePiece::{Literal, Variable};
    use super::*;

    #[test]
    fn parses_path_templates() {
        let literal = |text: &str| Literal(text.to_owned());
        let variable = |text: &str| Variable(text.to_owned());
        let cases = [
            ("/invoices", vec![literal("/invoices")]),
            (
                "/invoices/{invoiceId}",
                vec![literal("/invoices/"), variable("invoiceId")],
            ),
            (
                "/a/{x}/b/{y}.json",
                vec![
                    literal("/a/"),
                    variable("x"),
                    literal("/b/"),
                    variable("y"),
                    literal(".json"),
                ],
            ),
            ("/{x}{y}", vec![literal("/"), variable("x"), variable("y")]),
            ("", vec![]),
        ];
        for (template, expected) in cases {
            assert_eq!(
                parse_path_template(template),
                Ok(expected),
                "parsing {template:?}"
            );
        }
    }

    #[test]
    fn rejects_malformed_templates() {
        for template in ["/a/{x", "/a/x}", "/a/{}", "/a/{{x}}", "/a/}x{"] {
            assert!(
                parse_path_template(template).is_err(),
                "{template:?} should be rejected"
            );
        }
    }
}
