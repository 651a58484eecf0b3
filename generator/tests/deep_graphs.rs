//! Documents whose reference graph is one long chain or one long cycle (issue 10, item 6): the
//! cycle search and the boxing decision walk the graph with a stack of their own, so a chain
//! thousands of schemas long neither overflows a test thread's 2 MiB stack (in a debug
//! build) nor changes what is boxed: every reference inside a cycle is boxed (so the type
//! has a size whichever type a caller starts from), and no other.

use generator::{generate, Settings};

/// A document of `count` objects, `S0` … `S{count-1}`, each with one optional property
/// referring to the next; when `closed`, the last refers back to the first.
fn chain(count: usize, closed: bool) -> String {
    let mut text = String::from(
        "openapi: 3.0.3\ninfo: {title: Chain, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n",
    );
    for index in 0..count {
        let next = if index + 1 < count {
            format!("S{}", index + 1)
        } else if closed {
            "S0".to_owned()
        } else {
            text.push_str(&format!(
                "    S{index}:\n      type: object\n      properties:\n        value: {{type: string}}\n"
            ));
            continue;
        };
        text.push_str(&format!(
            "    S{index}:\n      type: object\n      properties:\n        next: {{$ref: '#/components/schemas/{next}'}}\n"
        ));
    }
    text
}

/// The generated `src/models.rs` of `text`.
fn models(text: &str) -> String {
    let output = generate(text, &Settings::default()).unwrap_or_else(|errors| panic!("{errors}"));
    output
        .files
        .into_iter()
        .find(|file| file.path == "src/models.rs")
        .map(|file| file.contents)
        .unwrap_or_default()
}

#[test]
fn a_cycle_of_three_thousand_schemas_boxes_each_of_its_references() {
    let models = models(&chain(3_000, true));
    assert_eq!(models.matches("pub struct S").count(), 3_000);
    assert_eq!(models.matches("Box<").count(), 3_000);
}

#[test]
fn a_chain_of_three_thousand_schemas_boxes_nothing() {
    let models = models(&chain(3_000, false));
    assert_eq!(models.matches("pub struct S").count(), 3_000);
    assert_eq!(models.matches("Box<").count(), 0);
}
