//! Saves a failing input as `<kind>-<hash>.yaml` with a comment header saying where it came
//! from and what it triggered.
//!
//! The header goes after any byte-order mark, so that the mark stays the file's first
//! character. A comment makes the generator read even JSON text as YAML; when a failure needs
//! the JSON parser, the run saves the text without the header and writes the header to a
//! `.txt` file beside it instead.

use std::path::{Path, PathBuf};

use super::exec::Failure;
use super::rng::fnv1a;

/// Where a saved input came from.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The seed document's path, relative to the workspace.
    pub seed_file: String,
    /// The number the input was built from (`Input::build`); `None` for the seed as it is.
    pub input_seed: Option<u64>,
    /// The run's seed and the input's iteration in it.
    pub run_seed: u64,
    /// The iteration.
    pub iteration: u64,
    /// The mutations applied, in order, and the raw mutation if any.
    pub mutations: String,
}

/// The comment header for `failure` of an input from `origin`.
pub fn header(failure: &Failure, origin: &Origin) -> String {
    let mut lines = vec![
        format!(
            "Found by the fuzzer (codegen_tests::fuzz): {}.",
            failure.kind.name()
        ),
        format!("Seed file: {}", origin.seed_file),
        match origin.input_seed {
            Some(input_seed) => format!(
                "Seed: input seed {input_seed:#018x} (run seed {}, iteration {}); rebuild it with \
                 codegen_tests::fuzz::Input::build(&seeds, {input_seed:#018x}).",
                origin.run_seed, origin.iteration
            ),
            None => format!(
                "Seed: the seed file itself (run seed {}, iteration {}).",
                origin.run_seed, origin.iteration
            ),
        },
        format!("Mutations: {}", origin.mutations),
        "Failure:".to_owned(),
    ];
    lines.extend(failure.message.lines().map(|line| format!("  {line}")));
    lines.push("The minimised document follows.".to_owned());
    lines
        .iter()
        .map(|line| format!("# {}", printable(line)).trim_end().to_owned() + "\n")
        .collect()
}

/// `line` with every character that could end a YAML comment or upset a parser escaped: the
/// messages quote the input, which may hold any character.
fn printable(line: &str) -> String {
    line.chars()
        .map(|character| {
            let plain = !character.is_control()
                && !matches!(character, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}');
            if plain {
                character.to_string()
            } else {
                character.escape_unicode().to_string()
            }
        })
        .collect()
}

/// `body` with `header` put first, after any byte-order marks.
pub fn with_header(body: &str, header: &str) -> String {
    let rest = body.trim_start_matches('\u{feff}');
    let marks = &body[..body.len() - rest.len()];
    format!("{marks}{header}{rest}")
}

/// Writes the failing text to `directory/<kind>-<hash>.yaml`; with `header_inside` the text
/// already holds the header, otherwise the header goes to a `.txt` file of the same name.
/// Returns the path of the `.yaml` file.
///
/// # Errors
///
/// A message naming the file that could not be written.
pub fn save(
    directory: &Path,
    failure: &Failure,
    body: &str,
    header: &str,
    header_inside: bool,
) -> Result<PathBuf, String> {
    std::fs::create_dir_all(directory)
        .map_err(|error| format!("cannot create {}: {error}", directory.display()))?;
    let stem = format!("{}-{:016x}", failure.kind.name(), fnv1a(body.as_bytes()));
    let path = directory.join(format!("{stem}.yaml"));
    let text = if header_inside {
        with_header(body, header)
    } else {
        let note = directory.join(format!("{stem}.txt"));
        std::fs::write(&note, header)
            .map_err(|error| format!("cannot write {}: {error}", note.display()))?;
        body.to_owned()
    };
    std::fs::write(&path, text)
        .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    Ok(path)
}
