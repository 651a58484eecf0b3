//! The seeds (the fixtures and the small corpus documents) and the inputs made from them: a
//! seed's tree after some mutations, written in some format, perhaps with a raw mutation.
//!
//! An input depends only on the seed list and its own seed number, so any input of any run
//! can be rebuilt alone with [`Input::build`].

use std::path::{Path, PathBuf};

use super::emit::{render, Format};
use super::mutate::mutate;
use super::raw::RawMutation;
use super::rng::Rng;
use super::tree::Node;

/// A seed document.
#[derive(Debug, Clone)]
pub struct Seed {
    /// Its path relative to the workspace root, with `/` separators.
    pub name: String,
    /// Its text.
    pub text: String,
    /// Its tree, or `None` when the text does not parse (such a seed only gets raw
    /// mutations).
    pub tree: Option<Node>,
    /// The format it is written in.
    pub format: Format,
}

/// Reads every `tests/fixtures/**/*.yaml` and `tests/corpus/small/*.json` under `root`, in
/// sorted order so that seed numbers mean the same on every machine.
///
/// # Errors
///
/// A message naming the directory or file that could not be read, or saying no seed was found.
pub fn load_seeds(root: &Path) -> Result<Vec<Seed>, String> {
    let mut paths = Vec::new();
    collect_files(&root.join("tests/fixtures"), "yaml", true, &mut paths)?;
    collect_files(&root.join("tests/corpus/small"), "json", false, &mut paths)?;
    paths.sort();
    let mut seeds = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        let json = path
            .extension()
            .is_some_and(|extension| extension == "json");
        let parsed = if json {
            serde_json::from_str::<serde_yaml::Value>(&text).ok()
        } else {
            serde_yaml::from_str::<serde_yaml::Value>(text.trim_start_matches('\u{feff}')).ok()
        };
        let name = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        seeds.push(Seed {
            name,
            text,
            tree: parsed.map(Node::from_yaml),
            format: if json { Format::Json } else { Format::Yaml },
        });
    }
    if seeds.is_empty() {
        return Err(format!("no seed documents under {}", root.display()));
    }
    Ok(seeds)
}

/// Adds the files of `directory` ending in `.extension` to `paths`, descending into
/// subdirectories when `recursive`.
fn collect_files(
    directory: &Path,
    extension: &str,
    recursive: bool,
    paths: &mut Vec<PathBuf>,
) -> Result<(), String> {
    let entries = std::fs::read_dir(directory)
        .map_err(|error| format!("cannot read {}: {error}", directory.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|error| format!("cannot read {}: {error}", directory.display()))?
            .path();
        if path.is_dir() {
            if recursive {
                collect_files(&path, extension, recursive, paths)?;
            }
        } else if path.extension().is_some_and(|found| found == extension) {
            paths.push(path);
        }
    }
    Ok(())
}

/// What an input is made of before the raw mutation.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// A tree, written in a format.
    Tree(Node, Format),
    /// Text that did not parse, kept as it is.
    Text(String),
}

/// One input of a run.
#[derive(Debug, Clone)]
pub struct Input {
    /// The index of its seed in the seed list.
    pub seed: usize,
    /// The number it was built from; `None` for a seed document as it is.
    pub input_seed: Option<u64>,
    /// The mutated document.
    pub body: Body,
    /// The raw mutation applied to the written text, if any.
    pub raw: Option<RawMutation>,
    /// The names of the tree mutations applied, in order.
    pub mutations: Vec<&'static str>,
}

/// Documents larger than this are chosen less often: generating one takes as long as
/// generating dozens of fixtures, and they would otherwise take most of the run's time.
const LARGE_SEED_BYTES: usize = 32 * 1024;

impl Input {
    /// Builds the input numbered `input_seed`: picks a seed, applies one to eight tree
    /// mutations (rarely none, which checks the seed itself in another format), chooses the
    /// format, and sometimes adds a raw mutation.
    pub fn build(seeds: &[Seed], input_seed: u64) -> Input {
        let mut rng = Rng::new(input_seed);
        let mut seed = rng.below(seeds.len());
        if seeds[seed].text.len() > LARGE_SEED_BYTES && rng.chance(7, 8) {
            seed = rng.below(seeds.len());
        }
        let chosen = &seeds[seed];
        let mut mutations = Vec::new();
        let body = match &chosen.tree {
            Some(tree) => {
                let mut tree = tree.clone();
                for _ in 0..mutation_count(&mut rng) {
                    mutations.extend(mutate(&mut tree, &mut rng));
                }
                Body::Tree(tree, choose_format(chosen.format, &mut rng))
            }
            None => Body::Text(chosen.text.clone()),
        };
        let raw_only = matches!(body, Body::Text(_));
        let raw = (raw_only || rng.chance(1, 10)).then(|| RawMutation::random(&mut rng));
        Input {
            seed,
            input_seed: Some(input_seed),
            body,
            raw,
            mutations,
        }
    }

    /// The seed numbered `seed` as it is, with no mutation.
    pub fn unmutated(seeds: &[Seed], seed: usize) -> Input {
        let chosen = &seeds[seed];
        let body = match &chosen.tree {
            Some(tree) => Body::Tree(tree.clone(), chosen.format),
            None => Body::Text(chosen.text.clone()),
        };
        Input {
            seed,
            input_seed: None,
            body,
            raw: None,
            mutations: Vec::new(),
        }
    }

    /// The text given to the generator.
    pub fn text(&self) -> String {
        let written = match &self.body {
            Body::Tree(tree, format) => render(tree, *format),
            Body::Text(text) => text.clone(),
        };
        match &self.raw {
            Some(raw) => raw.apply(&written),
            None => written,
        }
    }
}

/// How many tree mutations to stack: mostly one or two, up to eight.
fn mutation_count(rng: &mut Rng) -> usize {
    match rng.below(20) {
        0 => 0,
        1..=8 => 1,
        9..=13 => 2,
        _ => rng.between(3, 8),
    }
}

/// The format to write in: mostly the seed's own, sometimes another, so that both parsers see
/// every kind of document.
fn choose_format(original: Format, rng: &mut Rng) -> Format {
    if rng.chance(2, 3) {
        return original;
    }
    *rng.pick(&[Format::Json, Format::JsonPretty, Format::Yaml])
}
