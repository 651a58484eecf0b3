//! Times `generator::generate` on the workspace's spec: `cargo bench -p openapi-client-gen`.
//! A plain bench binary (no harness) so the generator needs no benchmarking dependency; it
//! prints the minimum and median of repeated runs, which README.md records.

use std::time::{Duration, Instant};

const RUNS: usize = 50;

fn main() {
    let spec_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/openapi.yaml");
    let spec = match std::fs::read_to_string(spec_path) {
        Ok(spec) => spec,
        Err(error) => {
            eprintln!("cannot read {spec_path}: {error}");
            std::process::exit(1);
        }
    };
    let settings = generator::Settings::default().with_source_name("spec/openapi.yaml");
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut bytes = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        match generator::generate(&spec, &settings) {
            Ok(output) => bytes = output.files.iter().map(|file| file.contents.len()).sum(),
            Err(errors) => {
                eprintln!("{errors}");
                std::process::exit(1);
            }
        }
        times.push(started.elapsed());
    }
    times.sort();
    println!(
        "generate(spec/openapi.yaml): {RUNS} runs, min {:.2} ms, median {:.2} ms, {bytes} bytes of Rust",
        times[0].as_secs_f64() * 1e3,
        times[RUNS / 2].as_secs_f64() * 1e3,
    );
}
