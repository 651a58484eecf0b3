//! The shape of the hand-written source: which module imports which, to find import circles
//! between files (`a` uses `b` and `b`, directly or through others, uses `a`).
//!
//! A file's imports are the paths it names from its own crate: `use` trees and qualified
//! paths starting with `crate::`, `super::` or `self::`, each resolved to the deepest module
//! file it reaches. A path into one of the file's own ancestors does not count: a child
//! module reads its parent's context (the `Lowerer` it adds methods to), which is how Rust
//! modules nest, not a circle. Test modules written inline (`#[cfg(test)] mod tests { … }`)
//! are left out, since their `super` is the file itself.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module path inside one crate, for example `["lower", "schema", "classify"]`.
pub type ModulePath = Vec<String>;

/// The import graph of one crate's source folder: each module file and the modules it uses.
#[derive(Debug, Default)]
pub struct Imports {
    /// Module → the other module files it imports (ancestors excluded).
    pub edges: BTreeMap<ModulePath, BTreeSet<ModulePath>>,
}

/// Every `.rs` file below `folder`, sorted.
pub fn rust_files(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(directory) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&directory) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The module a file defines, relative to the crate's source folder (`lib.rs`, `main.rs`
/// and `mod.rs` stand for their folder).
pub fn module_of(source_root: &Path, file: &Path) -> ModulePath {
    let relative = file.strip_prefix(source_root).unwrap_or(file);
    let mut parts: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|component| component.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts
        .last()
        .is_some_and(|last| matches!(last.as_str(), "lib" | "main" | "mod"))
    {
        parts.pop();
    }
    parts
}

/// Reads the import graph of the crate whose source folder is `source_root`.
pub fn imports(source_root: &Path) -> Imports {
    let files = rust_files(source_root);
    let modules: BTreeSet<ModulePath> = files
        .iter()
        .map(|file| module_of(source_root, file))
        .collect();
    let mut graph = Imports::default();
    for file in &files {
        let module = module_of(source_root, file);
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let code = without_quoted_code(&code_without_tests(&strip_comments_and_strings(&text)));
        let mut targets = BTreeSet::new();
        for path in crate_paths(&code) {
            let Some(absolute) = absolute(&module, &path) else {
                continue;
            };
            let Some(target) = (0..=absolute.len())
                .rev()
                .map(|length| absolute[..length].to_vec())
                .find(|prefix| modules.contains(prefix))
            else {
                continue;
            };
            let is_ancestor = module.len() >= target.len() && module[..target.len()] == target[..];
            if !is_ancestor {
                targets.insert(target);
            }
        }
        graph.edges.insert(module, targets);
    }
    graph
}

/// The import circles: each set of modules that reach one another, with more than one
/// module in it, as `a -> b -> a` text.
pub fn circles(graph: &Imports) -> Vec<String> {
    let mut found = Vec::new();
    let mut seen = BTreeSet::new();
    for start in graph.edges.keys() {
        if seen.contains(start) {
            continue;
        }
        let reach = reachable(graph, start);
        let component: BTreeSet<&ModulePath> = reach
            .iter()
            .copied()
            .filter(|other| reachable(graph, other).contains(start))
            .collect();
        seen.extend(component.iter().map(|module| (*module).clone()));
        if component.len() > 1 {
            let names: Vec<String> = component.iter().map(|module| module.join("::")).collect();
            found.push(names.join(" <-> "));
        }
    }
    found
}

/// The modules reachable from `start` by imports, `start` included.
fn reachable<'a>(graph: &'a Imports, start: &'a ModulePath) -> BTreeSet<&'a ModulePath> {
    let mut reached = BTreeSet::from([start]);
    let mut pending = vec![start];
    while let Some(module) = pending.pop() {
        for next in graph.edges.get(module).into_iter().flatten() {
            if reached.insert(next) {
                pending.push(next);
            }
        }
    }
    reached
}

/// The text with comments, string and character literals blanked, so that only code is read.
fn strip_comments_and_strings(text: &str) -> String {
    let characters: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut index = 0;
    while index < characters.len() {
        let here = characters[index];
        let next = characters.get(index + 1).copied();
        if here == '/' && next == Some('/') {
            while index < characters.len() && characters[index] != '\n' {
                index += 1;
            }
        } else if here == '/' && next == Some('*') {
            index += 2;
            while index + 1 < characters.len()
                && !(characters[index] == '*' && characters[index + 1] == '/')
            {
                index += 1;
            }
            index += 2;
        } else if here == '"' {
            index += 1;
            while index < characters.len() && characters[index] != '"' {
                index += if characters[index] == '\\' { 2 } else { 1 };
            }
            index += 1;
            out.push_str("\"\"");
        } else {
            out.push(here);
            index += 1;
        }
    }
    out
}

/// The code with the insides of `quote!` invocations blanked: those are the tokens of the
/// code a generator emits (`super::models::Invoice` in the generated crate), not paths of
/// this crate.
fn without_quoted_code(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(start) = rest.find("quote!") {
        out.push_str(&rest[..start]);
        let after = &rest[start + "quote!".len()..];
        let Some(open) = after.find(['{', '(', '[']) else {
            rest = after;
            continue;
        };
        let mut depth = 0usize;
        let mut end = after.len();
        for (position, character) in after.char_indices().skip(open) {
            match character {
                '{' | '(' | '[' => depth += 1,
                '}' | ')' | ']' => {
                    depth -= 1;
                    if depth == 0 {
                        end = position + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The code before an inline `#[cfg(test)] mod tests {`, whose `super` is the file itself.
fn code_without_tests(code: &str) -> String {
    let cut = code
        .match_indices("#[cfg(test)]")
        .find(|(position, marker)| {
            code[position + marker.len()..]
                .trim_start()
                .strip_prefix("mod tests")
                .is_some_and(|rest| rest.trim_start().starts_with('{'))
        })
        .map_or(code.len(), |(position, _)| position);
    code[..cut].to_owned()
}

/// Every path the code names from its own crate, `use` trees expanded.
fn crate_paths(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    for (position, _) in code.match_indices("use ") {
        let before = code[..position].chars().next_back();
        if before.is_some_and(|character| character.is_alphanumeric() || character == '_') {
            continue;
        }
        let rest = &code[position + 4..];
        if let Some(end) = rest.find(';') {
            expand_tree(&rest[..end], &mut Vec::new(), &mut paths);
        }
    }
    let tokens = path_tokens(code);
    paths.extend(
        tokens
            .into_iter()
            .filter(|path| matches!(path[0].as_str(), "crate" | "super" | "self")),
    );
    paths
}

/// The `a::b::c` runs of identifiers in the code.
fn path_tokens(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut characters = code.chars().peekable();
    while let Some(character) = characters.next() {
        if character.is_alphanumeric() || character == '_' {
            word.push(character);
            continue;
        }
        if !word.is_empty() {
            current.push(std::mem::take(&mut word));
        }
        if character == ':' && characters.peek() == Some(&':') {
            characters.next();
            continue;
        }
        if current.len() > 1 {
            paths.push(std::mem::take(&mut current));
        } else {
            current.clear();
        }
    }
    paths
}

/// Expands one `use` tree (`a::{b, c::{d, e}}`) into full paths.
fn expand_tree(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    let (head, group) = match tree.find('{') {
        Some(open) if tree.ends_with('}') => (&tree[..open], Some(&tree[open + 1..tree.len() - 1])),
        _ => (tree, None),
    };
    let head = head.split(" as ").next().unwrap_or_default();
    let added: Vec<String> = head
        .split("::")
        .map(str::trim)
        .filter(|segment| !segment.is_empty() && *segment != "*")
        // `self` inside a group (`a::{self, b}`) is the group's own prefix.
        .filter(|segment| *segment != "self" || prefix.is_empty())
        .map(str::to_owned)
        .collect();
    let depth = prefix.len();
    prefix.extend(added);
    match group {
        None => out.push(prefix.clone()),
        Some(group) => {
            for member in split_top_level(group) {
                expand_tree(member, prefix, out);
            }
        }
    }
    prefix.truncate(depth);
}

/// The members of a `use` group, split at its top-level commas.
fn split_top_level(group: &str) -> Vec<&str> {
    let mut members = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (position, character) in group.char_indices() {
        match character {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                members.push(&group[start..position]);
                start = position + 1;
            }
            _ => {}
        }
    }
    members.push(&group[start..]);
    members
        .into_iter()
        .filter(|member| !member.trim().is_empty())
        .collect()
}

/// A path made absolute from the module that names it; `None` for a path into another crate.
fn absolute(module: &ModulePath, path: &[String]) -> Option<ModulePath> {
    let mut segments = path.iter().peekable();
    let mut base: ModulePath = match segments.peek().map(|segment| segment.as_str()) {
        Some("crate") => {
            segments.next();
            Vec::new()
        }
        Some("super" | "self") => module.clone(),
        _ => return None,
    };
    while let Some(segment) = segments.peek() {
        match segment.as_str() {
            "super" => {
                base.pop();
            }
            "self" => {}
            _ => break,
        }
        segments.next();
    }
    base.extend(segments.cloned());
    Some(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn use_trees_expand_into_paths() {
        let mut paths = Vec::new();
        expand_tree(
            "super::{docs, schema::{view::SchemaView, Hint}, Lowerer as L}",
            &mut Vec::new(),
            &mut paths,
        );
        let joined: Vec<String> = paths.iter().map(|path| path.join("::")).collect();
        assert_eq!(
            joined,
            [
                "super::docs",
                "super::schema::view::SchemaView",
                "super::schema::Hint",
                "super::Lowerer"
            ]
        );
    }

    #[test]
    fn paths_resolve_from_the_naming_module() {
        let module: ModulePath = vec!["lower".into(), "schema".into(), "classify".into()];
        let path: Vec<String> = ["super", "super", "refs", "SchemaRef"]
            .map(str::to_owned)
            .to_vec();
        assert_eq!(
            absolute(&module, &path).map(|path| path.join("::")),
            Some("lower::refs::SchemaRef".to_owned())
        );
    }

    #[test]
    fn quoted_tokens_are_not_paths_of_the_crate() {
        let code = without_quoted_code(
            "use super::a;\nlet t = quote! { super::models::#name { x: [1] } };\nsuper::b();",
        );
        let paths: BTreeSet<String> = crate_paths(&code)
            .iter()
            .map(|path| path.join("::"))
            .collect();
        assert_eq!(
            paths,
            BTreeSet::from(["super::a".to_owned(), "super::b".to_owned()])
        );
    }

    #[test]
    fn comments_strings_and_inline_tests_are_not_code() {
        let code = code_without_tests(&strip_comments_and_strings(
            "use super::a; // use super::b;\nlet x = \"super::c\";\n#[cfg(test)]\nmod tests {\n use super::d;\n}",
        ));
        let paths: Vec<String> = crate_paths(&code)
            .iter()
            .map(|path| path.join("::"))
            .collect();
        assert!(paths.contains(&"super::a".to_owned()), "{paths:?}");
        assert!(
            !paths
                .iter()
                .any(|path| path.contains('b') || path.contains('c') || path.contains('d')),
            "{paths:?}"
        );
    }
}
