//! `cargo xtask build-cost [--features F] [--no-release] [--progenitor] [--passes] [DOC...]`:
//! what a generated client costs its user to build. For each document (a path, or a corpus id; by default the payments
//! spec and four corpus documents of increasing size), the crate is generated, its
//! dependencies are built once in a shared target directory, and then, with the crate's own
//! artifacts removed each time (`cargo clean -p`), it measures a debug build (wall and CPU
//! time), `cargo check`, an incremental rebuild after one model's docs change, and a release
//! build with the size of its `.rlib`; and counts the lines and items generated. The table is
//! printed as Markdown for the README. Timings vary with the machine and its load: compare
//! rows from one run. With `--progenitor`, progenitor's crate for each document is measured
//! the same way, and the cost per operation of the two is given as a ratio. With `--passes`,
//! one more debug build reports rustc's own time per compiler pass, to show where it goes.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::codegen::workspace_root;

mod passes;
mod progenitor;

/// The documents measured when none is named: the payments spec, then corpus documents of
/// increasing size.
const DEFAULT_DOCUMENTS: &[&str] = &["spec/openapi.yaml", "telegram", "box", "stripe", "github"];

/// The parsed arguments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Paths or corpus ids.
    pub documents: Vec<String>,
    /// Cargo features to build with instead of the defaults (`--features repos`).
    pub features: Option<String>,
    /// Skip the release build.
    pub no_release: bool,
    /// Also measure progenitor's crate for each document.
    pub progenitor: bool,
    /// Also report rustc's time per compiler pass for each document.
    pub passes: bool,
}

/// Parses `[--features F] [--no-release] [--progenitor] [--passes] [DOC...]`.
pub fn parse(arguments: &[&str]) -> Result<Options, String> {
    let mut options = Options::default();
    let mut rest = arguments.iter();
    while let Some(argument) = rest.next() {
        match *argument {
            "--features" => {
                options.features = Some(rest.next().ok_or("--features takes a list")?.to_string());
            }
            "--no-release" => options.no_release = true,
            "--progenitor" => options.progenitor = true,
            "--passes" => options.passes = true,
            flag if flag.starts_with("--") => return Err(format!("unknown flag `{flag}`")),
            document => options.documents.push(document.to_owned()),
        }
    }
    if options.documents.is_empty() {
        options.documents = DEFAULT_DOCUMENTS
            .iter()
            .map(|id| (*id).to_owned())
            .collect();
    }
    Ok(options)
}

/// One measured document.
#[derive(Debug, Default)]
struct Row {
    name: String,
    operations: usize,
    lines: usize,
    items: usize,
    debug: Timing,
    check: Timing,
    incremental: Timing,
    release: Option<Timing>,
    rlib_bytes: Option<u64>,
    /// The `--passes` report, a Markdown table.
    passes: Option<String>,
}

/// A command's wall and CPU time, in seconds; CPU time is `None` where `/usr/bin/time` is
/// missing.
#[derive(Debug, Default, Clone, Copy)]
struct Timing {
    wall: f64,
    cpu: Option<f64>,
}

/// Runs the measurements and prints the table.
pub fn run(options: &Options) -> Result<(), String> {
    let root = workspace_root();
    let scratch = root.join("target/build-cost");
    let target = scratch.join("target");
    std::fs::create_dir_all(&scratch).map_err(|error| error.to_string())?;
    let mut rows = Vec::new();
    let mut ratios = Vec::new();
    for document in &options.documents {
        let (path, name) = resolve(&root, document)?;
        eprintln!("==> build-cost: {name}");
        let ours = measure(&root, &path, &name, &scratch, &target, options)?;
        let theirs = if options.progenitor {
            eprintln!("==> build-cost: {name}, progenitor's crate");
            // Progenitor refuses many documents this generator reads; that is a finding of
            // the comparison, not a failure of the bench.
            match progenitor::measure(&path, &name, &scratch, &target, ours.operations) {
                Ok(theirs) => {
                    ratios.push(progenitor::ratio(&ours, &theirs));
                    Some(theirs)
                }
                Err(error) => {
                    let first = error.lines().take(3).collect::<Vec<_>>().join(" ");
                    ratios.push(format!("{name}: progenitor's crate not measured: {first}"));
                    None
                }
            }
        } else {
            None
        };
        rows.push(ours);
        rows.extend(theirs);
    }
    println!("{}", table(&rows, options));
    for passes in rows.iter().filter_map(|row| row.passes.as_ref()) {
        println!("\n{passes}");
    }
    for ratio in ratios {
        println!("\n{ratio}");
    }
    Ok(())
}

/// A document's path and a short name: a path as given, or a corpus id's document.
fn resolve(root: &Path, document: &str) -> Result<(PathBuf, String), String> {
    let as_path = root.join(document);
    if as_path.is_file() {
        let name = if document == "spec/openapi.yaml" {
            "payments".to_owned()
        } else {
            as_path.file_stem().map_or_else(
                || document.to_owned(),
                |stem| stem.to_string_lossy().into_owned(),
            )
        };
        return Ok((as_path, name));
    }
    let path = crate::corpus::document_path_by_id(document)?;
    Ok((path, document.to_owned()))
}

fn measure(
    root: &Path,
    path: &Path,
    name: &str,
    scratch: &Path,
    target: &Path,
    options: &Options,
) -> Result<Row, String> {
    let crate_dir = scratch.join(name);
    let package = format!("cost-{}", name.replace(['_', '.'], "-"));
    let settings = generator::Settings::default()
        .with_crate_name(&package)
        .with_command("cargo xtask build-cost");
    let output = generator::generate_path(path, &settings)
        .map_err(|errors| format!("{name} does not generate:\n{errors}"))?;
    generator::write_crate(&crate_dir, &output.files, generator::Mode::Write)
        .map_err(|error| error.to_string())?;
    std::fs::copy(root.join("Cargo.lock"), crate_dir.join("Cargo.lock"))
        .map_err(|error| format!("cannot copy Cargo.lock: {error}"))?;
    let (lines, items) = count_source(&crate_dir.join("src"))?;
    let mut row = Row {
        name: name.to_owned(),
        operations: count_operations(&crate_dir.join("src/client.rs")),
        lines,
        items,
        ..Row::default()
    };
    let cargo = Cargo {
        crate_dir: &crate_dir,
        target,
        package: &package,
        features: options.features.as_deref(),
    };
    measure_builds(
        &cargo,
        &crate_dir.join("src/models.rs"),
        &mut row,
        options.no_release,
    )?;
    if options.passes {
        row.passes = Some(passes::measure(&cargo, name)?);
    }
    Ok(row)
}

/// The timed builds of one crate, its dependencies built first so that only the crate itself
/// is measured; `touched` is the file whose first doc comment changes before the rebuild.
fn measure_builds(
    cargo: &Cargo<'_>,
    touched: &Path,
    row: &mut Row,
    no_release: bool,
) -> Result<(), String> {
    let package = cargo.package;
    cargo.run(&["build"], false)?;
    cargo.run(&["clean", "--package", package], false)?;
    row.debug = cargo.run(&["build"], true)?;
    touch_first_doc_comment(touched)?;
    row.incremental = cargo.run(&["build"], true)?;
    cargo.run(&["clean", "--package", package], false)?;
    row.check = cargo.run(&["check"], true)?;
    if !no_release {
        cargo.run(&["build", "--release"], false)?;
        cargo.run(&["clean", "--release", "--package", package], false)?;
        row.release = Some(cargo.run(&["build", "--release"], true)?);
        let rlib = cargo
            .target
            .join("release")
            .join(format!("lib{}.rlib", package.replace('-', "_")));
        row.rlib_bytes = std::fs::metadata(rlib).ok().map(|meta| meta.len());
    }
    Ok(())
}

/// Cargo in a generated crate's folder, with the shared target directory.
struct Cargo<'a> {
    crate_dir: &'a Path,
    target: &'a Path,
    package: &'a str,
    features: Option<&'a str>,
}

impl Cargo<'_> {
    /// Runs `cargo ARGS`; when `timed`, under `/usr/bin/time` for its CPU time too.
    fn run(&self, arguments: &[&str], timed: bool) -> Result<Timing, String> {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let use_time = timed && Path::new("/usr/bin/time").exists();
        let mut command = if use_time {
            let mut command = Command::new("/usr/bin/time");
            command.args(["-f", "cpu %U %S"]).arg(&cargo);
            command
        } else {
            Command::new(&cargo)
        };
        command.args(arguments).arg("--offline").arg("--quiet");
        if !arguments.contains(&"clean") {
            if let Some(features) = self.features {
                command.args(["--no-default-features", "--features", features]);
            }
        }
        command
            .current_dir(self.crate_dir)
            .env("CARGO_TARGET_DIR", self.target)
            .env_remove("RUSTFLAGS");
        let started = Instant::now();
        let output = command
            .output()
            .map_err(|error| format!("cannot run cargo: {error}"))?;
        let wall = started.elapsed().as_secs_f64();
        let stderr = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            return Err(format!(
                "`cargo {}` for {} failed:\n{}",
                arguments.join(" "),
                self.package,
                stderr
                    .lines()
                    .rev()
                    .take(30)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect::<Vec<_>>()
                    .join("\n")
            ));
        }
        let cpu = stderr.lines().rev().find_map(|line| {
            let mut parts = line.strip_prefix("cpu ")?.split_whitespace();
            let user: f64 = parts.next()?.parse().ok()?;
            let system: f64 = parts.next()?.parse().ok()?;
            Some(user + system)
        });
        Ok(Timing { wall, cpu })
    }
}

/// Changes the first doc comment of a file (`models.rs`: as editing one model's description
/// would).
fn touch_first_doc_comment(file: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|error| error.to_string())?;
    let touched = text.replacen("\n/// ", "\n/// (edited) ", 1);
    std::fs::write(file, touched).map_err(|error| error.to_string())
}

/// Lines and items (structs, enums, aliases, functions, impls) of the generated source,
/// the runtime left out (it is the same for every document).
fn count_source(src: &Path) -> Result<(usize, usize), String> {
    let mut lines = 0;
    let mut items = 0;
    for entry in std::fs::read_dir(src)
        .map_err(|error| error.to_string())?
        .flatten()
    {
        let path = entry.path();
        if path.extension().is_some_and(|extension| extension == "rs") {
            let text = std::fs::read_to_string(&path).map_err(|error| error.to_string())?;
            lines += text.lines().count();
            items += text
                .lines()
                .map(str::trim_start)
                .filter(|line| {
                    [
                        "pub struct ",
                        "pub enum ",
                        "pub type ",
                        "pub fn ",
                        "pub async fn ",
                        "fn ",
                        "impl",
                    ]
                    .iter()
                    .any(|start| line.starts_with(start))
                })
                .count();
        }
    }
    Ok((lines, items))
}

/// The document's operations: the distinct `operation_id`s of the client's `OperationSpec`s
/// (a paginated or streamed operation has a second method, with its own spec, but is one
/// operation).
fn count_operations(client: &Path) -> usize {
    distinct_operations(&std::fs::read_to_string(client).unwrap_or_default())
}

fn distinct_operations(text: &str) -> usize {
    let ids: std::collections::BTreeSet<&str> = text
        .split("static OPERATION")
        .skip(1)
        .filter_map(|spec| spec.split("operation_id: \"").nth(1))
        .filter_map(|rest| rest.split('"').next())
        .collect();
    ids.len()
}

fn seconds(timing: Timing) -> String {
    match timing.cpu {
        Some(cpu) => format!("{:.1} s ({cpu:.1} s CPU)", timing.wall),
        None => format!("{:.1} s", timing.wall),
    }
}

fn table(rows: &[Row], options: &Options) -> String {
    let mut lines = vec![
        format!(
            "Features: {}.\n",
            options.features.as_deref().unwrap_or("the crate's defaults")
        ),
        "| document | operations | lines | items | build (debug) | CPU per operation | check | rebuild after one model | release | .rlib |".to_owned(),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|".to_owned(),
    ];
    for row in rows {
        // CPU time where known: it varies less than wall time with the machine's other load.
        let per_operation = if row.operations == 0 {
            "–".to_owned()
        } else {
            let spent = row.debug.cpu.unwrap_or(row.debug.wall);
            format!("{:.0} ms", 1000.0 * spent / row.operations as f64)
        };
        lines.push(format!(
            "| {} | {} | {} | {} | {} | {per_operation} | {} | {} | {} | {} |",
            row.name,
            row.operations,
            row.lines,
            row.items,
            seconds(row.debug),
            seconds(row.check),
            seconds(row.incremental),
            row.release.map_or_else(|| "–".to_owned(), seconds),
            row.rlib_bytes.map_or_else(
                || "–".to_owned(),
                |bytes| format!("{:.1} MB", bytes as f64 / 1e6)
            ),
        ));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::distinct_operations;

    #[test]
    fn a_stream_method_beside_its_operation_is_not_counted_twice() {
        let client = r#"
            static OPERATION: OperationSpec = OperationSpec { operation_id: "list", method: Get };
            static OPERATION: OperationSpec = OperationSpec { operation_id: "list", method: Get };
            static OPERATION: OperationSpec = OperationSpec { operation_id: "create", method: Post };
        "#;
        assert_eq!(distinct_operations(client), 2);
    }
}
