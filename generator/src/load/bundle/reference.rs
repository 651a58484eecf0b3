//! A `$ref` as a URI reference (RFC 3986): a fragment alone (`#/components/schemas/Pet`) is
//! local; a relative path with an optional fragment (`./schemas/pet.yaml`,
//! `../common/Error.yaml#/Error`) names another file of the spec, relative to the file the
//! reference is in; a URL with a scheme (`https://…`) is never read, since generation makes no
//! network access.

use percent_encoding::percent_decode_str;

/// What a `$ref` points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Target {
    /// A place in the same file: the fragment after `#` (possibly empty).
    Local(String),
    /// A place in another file: its path relative to the root document's folder (lexically
    /// normalised, `/`-separated, possibly starting with `../` when it is outside that folder)
    /// and the fragment (empty for the whole file).
    File { path: String, fragment: String },
}

/// Why a `$ref` cannot be followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Refusal {
    /// It has a scheme (`https:`, `file:`): generation reads no network and no absolute URL.
    Url,
    /// Its path is absolute (`/etc/x.yaml`), which would make the output depend on the machine.
    Absolute,
    /// It is not valid UTF-8 once percent-decoded.
    Encoding,
}

/// Resolves `reference`, found in the file `base` (a path relative to the root's folder, the
/// root itself being `""`), to its target.
pub(super) fn resolve(reference: &str, base: &str) -> Result<Target, Refusal> {
    let (path, fragment) = match reference.split_once('#') {
        Some((path, fragment)) => (path, fragment),
        None => (reference, ""),
    };
    if path.is_empty() {
        return Ok(Target::Local(fragment.to_owned()));
    }
    if has_scheme(path) {
        return Err(Refusal::Url);
    }
    let decoded = percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| Refusal::Encoding)?;
    if decoded.starts_with('/') || decoded.starts_with('\\') {
        return Err(Refusal::Absolute);
    }
    let folder = base.rsplit_once('/').map_or("", |(folder, _)| folder);
    Ok(Target::File {
        path: normalise(folder, &decoded),
        fragment: fragment.to_owned(),
    })
}

/// `scheme:` at the start (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`), which a
/// relative path cannot have before its first `/`. A Windows drive (`C:`) counts too.
fn has_scheme(path: &str) -> bool {
    let Some((scheme, _)) = path.split_once(':') else {
        return false;
    };
    !scheme.contains('/')
        && scheme.starts_with(|character: char| character.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|character| character.is_ascii_alphanumeric() || "+-.".contains(character))
}

/// `folder` joined with `path`, with `.` and `x/..` taken out; a `..` that climbs above the
/// root's folder is kept (the caller decides whether that is allowed).
fn normalise(folder: &str, path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in folder.split('/').chain(path.split(['/', '\\'])) {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|last| *last != "..") => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// Whether a normalised path climbs out of the root document's folder.
pub(super) fn is_outside_root(path: &str) -> bool {
    path == ".." || path.starts_with("../")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, fragment: &str) -> Result<Target, Refusal> {
        Ok(Target::File {
            path: path.to_owned(),
            fragment: fragment.to_owned(),
        })
    }

    #[test]
    fn relative_references_are_resolved_from_the_file_they_are_in() {
        assert_eq!(
            resolve("#/components/schemas/Pet", ""),
            Ok(Target::Local("/components/schemas/Pet".into()))
        );
        assert_eq!(
            resolve("./schemas/pet.yaml", ""),
            file("schemas/pet.yaml", "")
        );
        assert_eq!(
            resolve("../common/Error.yaml#/Error", "paths/pets.yaml"),
            file("common/Error.yaml", "/Error")
        );
        assert_eq!(
            resolve("pet.yaml#/Pet", "schemas/index.yaml"),
            file("schemas/pet.yaml", "/Pet")
        );
        assert_eq!(resolve("a/../b/./c.json", ""), file("b/c.json", ""));
        assert_eq!(resolve("my%20file.yaml", ""), file("my file.yaml", ""));
        assert_eq!(resolve("../outside.yaml", ""), file("../outside.yaml", ""));
        assert!(is_outside_root("../outside.yaml"));
        assert!(!is_outside_root("inside/../x.yaml"));
    }

    #[test]
    fn urls_and_absolute_paths_are_refused() {
        assert_eq!(
            resolve("https://example.com/pet.yaml", ""),
            Err(Refusal::Url)
        );
        assert_eq!(resolve("file:///tmp/pet.yaml", ""), Err(Refusal::Url));
        assert_eq!(resolve("/tmp/pet.yaml", ""), Err(Refusal::Absolute));
        assert_eq!(resolve("schemas:pet.yaml", ""), Err(Refusal::Url));
        assert_eq!(resolve("./a:b.yaml", ""), file("a:b.yaml", ""));
    }
}
