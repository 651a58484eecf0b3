//! `openapi-client-gen`: the command-line tool. It only parses arguments and dispatches to
//! [`generator::run_generate`], the library call that `cargo xtask codegen` uses too.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use generator::{FeatureSplit, GenerateRequest, Mode, Settings};

/// mimalloc instead of the system allocator: generation makes and drops millions of small
/// token and syntax-tree allocations, and glibc's malloc slows down as the heap grows, so that
/// with it a document ten times larger took about 12.5 times longer (README, Performance).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generate a typed async Rust client crate from an OpenAPI 3.0, 3.1 or 3.2 or a Swagger 2.0
/// document.
///
/// Exit status: 0 on success; 1 when the document cannot be read or is not valid (every
/// problem is listed, located by JSON pointer and, where known, line and column); 2 for a bad
/// command line; 3 when `--check` finds stale files; 4 when the output cannot be written.
#[derive(Debug, Parser)]
#[command(name = "openapi-client-gen", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a complete client crate (Cargo.toml, src/lib.rs, models, client and runtime) for
    /// one document into a directory.
    Generate(GenerateArgs),
}

#[derive(Debug, Args)]
struct GenerateArgs {
    /// The document to read (OpenAPI 3.0.x, 3.1.x or 3.2.x, or Swagger 2.0), YAML or JSON; its
    /// `$ref`s to other local files are read too.
    #[arg(short, long, value_name = "SPEC")]
    input: PathBuf,

    /// The crate directory to write. It is created if missing; generated files in it are
    /// replaced, generated files the document no longer produces are removed, and any other
    /// file in the way stops the run before anything is written.
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,

    /// The package name of the crate, for example `petstore-client`.
    #[arg(short, long, value_name = "CRATE")]
    name: String,

    /// The package version of the crate (a semantic version).
    #[arg(
        short = 'v',
        long = "version",
        value_name = "V",
        default_value = "0.1.0"
    )]
    crate_version: String,

    /// Write nothing; fail (exit status 3) naming every file that differs from what the
    /// document generates.
    #[arg(long)]
    check: bool,

    /// Treat every warning (something typed less precisely than the document says, such as
    /// a schema read as `serde_json::Value`) as an error.
    #[arg(long)]
    deny_warnings: bool,

    /// Show the vendor extension KEY in the generated docs as a paragraph `LABEL: value`
    /// wherever the document sets it, for example `x-reconstructed=Reconstructed`
    /// (repeatable).
    #[arg(long = "doc-extension", value_name = "KEY=LABEL", value_parser = key_and_label)]
    doc_extensions: Vec<(String, String)>,

    /// Keep the vendor extension KEY out of the generated docs, for facts about the document
    /// that mean nothing to the crate's users (repeatable).
    #[arg(long = "hide-extension", value_name = "KEY")]
    hidden_extensions: Vec<String>,

    /// Let `$ref`s name files outside the input document's folder (by default a reference
    /// that climbs out of it with `../` is an error).
    #[arg(long)]
    allow_outside_refs: bool,

    /// Leave `API.md` (the crate's API surface, one fact per line) out of the crate: for a
    /// project that keeps the surface elsewhere, such as in a snapshot it reviews.
    #[arg(long)]
    no_surface_file: bool,

    /// The command named in each file's `@generated` header as the one to rerun (default:
    /// this command line).
    #[arg(long, value_name = "TEXT")]
    rerun_command: Option<String>,

    /// Whether each tag's operations (and the models only they use) go behind a cargo
    /// feature of their own: `auto` splits documents with more than 150 operations and
    /// several tags, `tag` always, `none` never.
    #[arg(long = "features-by", value_enum, default_value_t = SplitArg::Auto)]
    features_by: SplitArg,
}

/// The values of `--features-by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SplitArg {
    Auto,
    Tag,
    None,
}

impl SplitArg {
    fn split(self) -> FeatureSplit {
        match self {
            SplitArg::Auto => FeatureSplit::Auto,
            SplitArg::Tag => FeatureSplit::ByTag,
            SplitArg::None => FeatureSplit::None,
        }
    }

    fn word(self) -> &'static str {
        match self {
            SplitArg::Auto => "auto",
            SplitArg::Tag => "tag",
            SplitArg::None => "none",
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Generate(arguments) => generate(&arguments),
    }
}

fn generate(arguments: &GenerateArgs) -> ExitCode {
    let rerun_command = arguments
        .rerun_command
        .clone()
        .unwrap_or_else(|| rerun_command(arguments));
    let mut settings = Settings::default()
        .with_crate_name(&arguments.name)
        .with_crate_version(&arguments.crate_version)
        .with_source_name(arguments.input.to_string_lossy())
        .with_command(rerun_command)
        .with_deny_warnings(arguments.deny_warnings)
        .with_surface_file(!arguments.no_surface_file)
        .with_refs_outside_root(arguments.allow_outside_refs)
        .with_feature_split(arguments.features_by.split());
    for (key, label) in &arguments.doc_extensions {
        settings = settings.with_labelled_extension(key, label);
    }
    for key in &arguments.hidden_extensions {
        settings = settings.with_hidden_extension(key);
    }
    let problems = settings.check();
    if !problems.is_empty() {
        for problem in problems {
            eprintln!("error: {}", problem.message);
        }
        return ExitCode::from(2);
    }
    let request = GenerateRequest {
        input: arguments.input.clone(),
        output: arguments.output.clone(),
        settings,
        mode: if arguments.check {
            Mode::Check
        } else {
            Mode::Write
        },
    };
    match generator::run_generate(&request) {
        Ok(summary) => {
            for warning in &summary.warnings {
                eprintln!(
                    "warning: {}",
                    generator::command::located(&arguments.input, warning)
                );
            }
            let verb = if arguments.check {
                "is up to date"
            } else if summary.report.is_fresh() {
                "was already up to date"
            } else {
                "written"
            };
            eprintln!(
                "{}: {} files, {verb} ({} changed, {} removed, {} warnings)",
                arguments.output.display(),
                summary.file_count,
                summary.report.changed.len(),
                summary.report.orphaned.len(),
                summary.warnings.len()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}

/// This invocation as a command line, for the `@generated` headers.
fn rerun_command(arguments: &GenerateArgs) -> String {
    let mut words = vec![
        "openapi-client-gen".to_owned(),
        "generate".to_owned(),
        "--input".to_owned(),
        shell_word(&arguments.input.to_string_lossy()),
        "--output".to_owned(),
        shell_word(&arguments.output.to_string_lossy()),
        "--name".to_owned(),
        shell_word(&arguments.name),
    ];
    if arguments.crate_version != "0.1.0" {
        words.push("--version".to_owned());
        words.push(shell_word(&arguments.crate_version));
    }
    if arguments.deny_warnings {
        words.push("--deny-warnings".to_owned());
    }
    for (key, label) in &arguments.doc_extensions {
        words.push("--doc-extension".to_owned());
        words.push(shell_word(&format!("{key}={label}")));
    }
    for key in &arguments.hidden_extensions {
        words.push("--hide-extension".to_owned());
        words.push(shell_word(key));
    }
    if arguments.allow_outside_refs {
        words.push("--allow-outside-refs".to_owned());
    }
    if arguments.no_surface_file {
        words.push("--no-surface-file".to_owned());
    }
    if arguments.features_by != SplitArg::Auto {
        words.push("--features-by".to_owned());
        words.push(arguments.features_by.word().to_owned());
    }
    words.join(" ")
}

/// `KEY=LABEL`, split at the first `=`.
fn key_and_label(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, label)) if !key.is_empty() && !label.is_empty() => {
            Ok((key.to_owned(), label.to_owned()))
        }
        _ => Err(format!(
            "`{text}` is not KEY=LABEL, for example `x-reconstructed=Reconstructed`"
        )),
    }
}

/// A word quoted for a POSIX shell when it needs it.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|character| character.is_ascii_alphanumeric() || "-_./=:@+,".contains(character));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}
