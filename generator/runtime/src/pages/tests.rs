//! The `Link` header reader: the `rel="next"` entry among others, in any order and case.

use reqwest::header::{HeaderMap, HeaderValue, LINK};

use super::next_link;

fn headers(values: &[&'static str]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for value in values {
        headers.append(LINK, HeaderValue::from_static(value));
    }
    headers
}

#[test]
fn finds_the_next_entry() {
    let github = "<https://api.github.com/repositories/1/issues?page=2>; rel=\"next\", \
                  <https://api.github.com/repositories/1/issues?page=5>; rel=\"last\"";
    assert_eq!(
        next_link(&headers(&[github])).as_deref(),
        Some("https://api.github.com/repositories/1/issues?page=2")
    );
    let reordered = "</items?page=1>; rel=\"prev first\", </items?page=3>; REL=next";
    assert_eq!(
        next_link(&headers(&[reordered])).as_deref(),
        Some("/items?page=3")
    );
    let split = ["</a>; rel=\"prev\"", "</b>; title=\"x\"; rel=\"next\""];
    assert_eq!(next_link(&headers(&split)).as_deref(), Some("/b"));
}

#[test]
fn no_next_entry_is_none() {
    assert_eq!(next_link(&headers(&[])), None);
    assert_eq!(next_link(&headers(&["</a>; rel=\"last\""])), None);
    assert_eq!(next_link(&headers(&["garbage; rel=next"])), None);
    assert_eq!(next_link(&headers(&["</a>; rel=\"nextish\""])), None);
}
