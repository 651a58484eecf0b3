//! The hand-written source keeps the shape the house style asks for: no import circle
//! between the files of the generator, its runtime, xtask or the test library; every Rust
//! file opens with a `//!` line saying what it owns; and no hand-written file of those
//! crates grows past 600 lines.

use std::path::Path;

use codegen_tests::structure::{circles, imports, rust_files};
use codegen_tests::workspace_root;

/// The source folders of the hand-written crates.
const CRATES: &[&str] = &[
    "generator/src",
    "generator/runtime/src",
    "xtask/src",
    "tests/src",
];

#[test]
fn no_import_circle_between_files() {
    let root = workspace_root();
    let mut found = Vec::new();
    for folder in CRATES {
        for circle in circles(&imports(&root.join(folder))) {
            found.push(format!("{folder}: {circle}"));
        }
    }
    assert!(found.is_empty(), "import circles:\n{}", found.join("\n"));
}

#[test]
fn every_rust_file_says_what_it_owns() {
    let root = workspace_root();
    let folders = CRATES.iter().chain(&[
        "generator/tests",
        "generator/benches",
        "tests/tests",
        "tests/examples",
    ]);
    let mut missing = Vec::new();
    for folder in folders {
        for file in rust_files(&root.join(folder)) {
            let text = std::fs::read_to_string(&file).expect("readable");
            if !text.starts_with("//! ") {
                missing.push(relative(&root, &file));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "files without a `//!` first line: {missing:?}"
    );
}

#[test]
fn no_hand_written_file_is_over_600_lines() {
    let root = workspace_root();
    let mut long = Vec::new();
    for folder in CRATES {
        for file in rust_files(&root.join(folder)) {
            let lines = std::fs::read_to_string(&file)
                .expect("readable")
                .lines()
                .count();
            if lines > 600 {
                long.push(format!("{} ({lines} lines)", relative(&root, &file)));
            }
        }
    }
    assert!(long.is_empty(), "files over 600 lines: {long:?}");
}

fn relative(root: &Path, file: &Path) -> String {
    file.strip_prefix(root)
        .unwrap_or(file)
        .display()
        .to_string()
}
