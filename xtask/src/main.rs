//! `cargo xtask`: the project's automation entry point; flag parsing and dispatch only.

mod api_diff;
mod build_cost;
mod codegen;
mod corpus;
mod fuzz;
mod test;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  codegen           regenerate the crate in generated/ from spec/openapi.yaml
  codegen --check   write nothing; fail naming every stale file in generated/
  test              install the test tools if missing, then run every check and test
  corpus [--small] [--only ID,ID]
                    generate, compile and lint a client for every public corpus document
                    (--small: the ones the manifest marks small; --only: those ids)
  api-diff [BASE] [--format markdown] [--allow-breaking]
                    classify the API changes of spec/openapi.yaml since BASE (default: the
                    merge base with main) as breaking, additive or documentation
  build-cost [--features F] [--no-release] [--progenitor] [--passes] [DOC...]
                    measure what generated crates cost to build (default: the payments spec
                    and telegram, box, stripe and github from the corpus; --progenitor:
                    progenitor's crate for each too, and the ratio per operation; --passes:
                    rustc's time per compiler pass)
  fuzz --seconds N [--seed S] [--compile K] [--out DIR] [--skip PATH]
                    run the generator's fuzzer for N seconds (failures minimised into
                    target/fuzz-failures/)";

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
    let result = match arguments.as_slice() {
        ["codegen"] => codegen::run(codegen::Mode::Write),
        ["codegen", "--check"] => codegen::run(codegen::Mode::Check),
        ["test"] => test::run(),
        ["corpus", rest @ ..] => corpus::parse(rest).and_then(|selection| corpus::run(&selection)),
        ["fuzz", rest @ ..] => fuzz::run(rest),
        ["build-cost", rest @ ..] => {
            build_cost::parse(rest).and_then(|options| build_cost::run(&options))
        }
        ["api-diff", rest @ ..] => {
            api_diff::parse(rest).and_then(|options| api_diff::run(&options))
        }
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown arguments {other:?}\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
