//! A short, seeded run of the generator's fuzzer (`codegen_tests::fuzz`): a fixed seed and a
//! fixed number of inputs, so that the result is the same on any machine however fast, with
//! two sampled outputs compiled. Longer runs: `cargo xtask fuzz --seconds N`.
//!
//! A failure is minimised and saved under `target/fuzz-failures/short/`; the message lists
//! the files. Each names its seed number, so `Input::build` rebuilds the input alone.

use std::time::Duration;

use codegen_tests::fuzz::{self, load_seeds, render, Config, Format, Input, Limit, Node};

/// The run's seed. Any seed would do; a fixed one makes the test reproducible.
const SEED: u64 = 20_250_601;

/// How many inputs to run: about ten seconds in a debug build on two busy cores.
const ITERATIONS: u64 = 500;

#[test]
fn a_short_seeded_run_finds_no_failure() {
    let mut config = Config::new(SEED, Limit::Iterations(ITERATIONS));
    config.compile = 2;
    config.output_dir = codegen_tests::workspace_root().join("target/fuzz-failures/short");
    // A failing run should report promptly rather than minimise at length; the long run
    // (`cargo xtask fuzz`) minimises with the default limits.
    config.minimize_time = Duration::from_secs(20);
    let summary = fuzz::run(&config).unwrap_or_else(|problem| panic!("{problem}"));
    eprintln!("{summary}");
    let saved: Vec<String> = summary
        .saved
        .iter()
        .map(|saved| {
            format!(
                "{}\n    {}",
                saved.path.display(),
                first_line(&saved.message)
            )
        })
        .collect();
    assert!(
        !summary.has_failures(),
        "the fuzzer found failures; minimised inputs:\n{}\n\n{summary}",
        saved.join("\n")
    );
    assert_eq!(summary.compile_problem, None, "{summary}");
    assert_eq!(summary.executions, ITERATIONS, "{summary}");
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

#[test]
fn an_input_is_rebuilt_from_its_seed_number() {
    let seeds = load_seeds(&codegen_tests::workspace_root()).expect("the seeds load");
    for number in 0..50 {
        let seed = fuzz::input_seed(SEED, number);
        assert_eq!(
            Input::build(&seeds, seed).text(),
            Input::build(&seeds, seed).text(),
            "input seed {seed:#x}"
        );
    }
}

/// The fuzzer's own writers must keep the seeds' meaning, or mutations would be tested on
/// documents other than the ones intended: each seed, written in each format and read back,
/// is the same tree.
#[test]
fn every_seed_reads_back_the_same_in_each_format() {
    let seeds = load_seeds(&codegen_tests::workspace_root()).expect("the seeds load");
    for seed in &seeds {
        let Some(tree) = &seed.tree else { continue };
        for format in [Format::Json, Format::JsonPretty, Format::Yaml] {
            let text = render(tree, format);
            let value: serde_yaml::Value = match format {
                Format::Yaml => serde_yaml::from_str(&text),
                Format::Json | Format::JsonPretty => {
                    serde_json::from_str(&text).map_err(serde::de::Error::custom)
                }
            }
            .unwrap_or_else(|error| panic!("{} as {format:?}: {error}", seed.name));
            assert!(
                Node::from_yaml(value) == *tree,
                "{} changes when written as {format:?}",
                seed.name
            );
        }
    }
    assert!(seeds.iter().any(|seed| seed.tree.is_some()));
}
