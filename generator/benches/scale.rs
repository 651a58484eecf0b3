//! How generation scales: synthetic documents of 10, 100, 1,000 and 10,000 component schemas
//! (objects of eight mixed properties with references between them, one operation per five
//! schemas), each generated in a child process so that its peak memory is its own.
//!
//! `cargo bench -p openapi-client-gen --bench scale` prints a table of time and peak resident
//! memory per size; `-- --sizes 10,100` picks sizes; `-- --write DIR` only writes the
//! documents (to feed another generator the same input). Peak memory is read from the
//! child's `/proc/self/status` (`VmHWM`), so it is measured on Linux only.

use std::process::Command;
use std::time::Instant;

/// The allocator the `openapi-client-gen` command uses (see its `main.rs`), so the figures
/// are the command's. A library caller keeps its own program's allocator; with glibc's, the
/// largest size takes about 60% longer (README, Performance).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The sizes measured by default.
const SIZES: [usize; 4] = [10, 100, 1_000, 10_000];

/// How many times each size is generated in its child; the fastest run is reported.
const RUNS: usize = 3;

fn main() {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    if let Some(size) = option(&arguments, "--child") {
        child(size.parse().unwrap_or(10));
        return;
    }
    let sizes: Vec<usize> = option(&arguments, "--sizes")
        .map(|list| {
            list.split(',')
                .filter_map(|size| size.trim().parse().ok())
                .collect()
        })
        .unwrap_or_else(|| SIZES.to_vec());
    if let Some(directory) = option(&arguments, "--write") {
        for size in sizes {
            let path = std::path::Path::new(&directory).join(format!("synthetic-{size}.yaml"));
            if let Err(error) = std::fs::write(&path, synthetic_document(size)) {
                eprintln!("cannot write {}: {error}", path.display());
                std::process::exit(1);
            }
        }
        return;
    }
    println!("| schemas | operations | spec bytes | generate (best of {RUNS}) | output bytes | peak memory |");
    println!("|---:|---:|---:|---:|---:|---:|");
    let program = std::env::current_exe().unwrap_or_default();
    for size in sizes {
        let output = Command::new(&program)
            .args(["--child", &size.to_string()])
            .output();
        match output {
            Ok(output) if output.status.success() => {
                print!("{}", String::from_utf8_lossy(&output.stdout));
            }
            Ok(output) => {
                eprintln!("size {size}: {}", String::from_utf8_lossy(&output.stderr));
                std::process::exit(1);
            }
            Err(error) => {
                eprintln!("cannot run {}: {error}", program.display());
                std::process::exit(1);
            }
        }
    }
}

/// The value after `flag` in the arguments.
fn option(arguments: &[String], flag: &str) -> Option<String> {
    let position = arguments.iter().position(|argument| argument == flag)?;
    arguments.get(position + 1).cloned()
}

/// Generates the document of `size` schemas and prints one table row.
fn child(size: usize) {
    let text = synthetic_document(size);
    let settings = generator::Settings::default();
    let mut best = f64::MAX;
    let mut output_bytes = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        match generator::generate(&text, &settings) {
            Ok(output) => {
                output_bytes = output.files.iter().map(|file| file.contents.len()).sum();
            }
            Err(errors) => {
                eprintln!("{errors}");
                std::process::exit(1);
            }
        }
        best = best.min(started.elapsed().as_secs_f64());
    }
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|value| {
                    value
                        .trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<u64>()
                        .ok()
                })
        })
        .map_or_else(
            || "n/a".to_owned(),
            |kilobytes| format!("{:.1} MB", kilobytes as f64 / 1024.0),
        );
    println!(
        "| {size} | {} | {} | {:.1} ms | {output_bytes} | {peak} |",
        size / 5,
        text.len(),
        best * 1000.0
    );
}

/// A document of `size` object schemas, each with eight properties of mixed kinds, two of
/// them references to other schemas, and one operation per five schemas.
fn synthetic_document(size: usize) -> String {
    let mut text = String::from("openapi: 3.0.3\ninfo: {title: Synthetic, version: '1'}\npaths:\n");
    for operation in 0..size / 5 {
        let schema = operation * 5;
        text.push_str(&format!(
            "  /things{operation}/{{id}}:\n    get:\n      operationId: getThing{operation}\n      \
             parameters:\n        - {{name: id, in: path, required: true, schema: {{type: string}}}}\n        \
             - {{name: limit, in: query, schema: {{type: integer, format: int32}}}}\n      \
             responses:\n        '200':\n          description: ok\n          content:\n            \
             application/json:\n              schema: {{$ref: '#/components/schemas/Schema{schema}'}}\n"
        ));
    }
    text.push_str("components:\n  schemas:\n");
    for index in 0..size {
        let next = (index + 1) % size;
        let other = (index * 7 + 3) % size;
        text.push_str(&format!(
            "    Schema{index}:\n      type: object\n      description: Schema number {index}.\n      \
             required: [id, name]\n      properties:\n        \
             id: {{type: string, format: uuid}}\n        \
             name: {{type: string}}\n        \
             count: {{type: integer, format: int64}}\n        \
             ratio: {{type: number, format: double}}\n        \
             active: {{type: boolean}}\n        \
             created: {{type: string, format: date-time}}\n        \
             next: {{$ref: '#/components/schemas/Schema{next}'}}\n        \
             others:\n          type: array\n          items: {{$ref: '#/components/schemas/Schema{other}'}}\n"
        ));
    }
    text
}
