//! Generates the Rust source of a typed client crate from an OpenAPI 3.0 document.
//!
//! The pipeline, one module per phase:
//!
//! 1. [`load`](crate::load()) (`load.rs`): YAML text → `openapiv3::OpenAPI`, checking the
//!    version is 3.0.x and reporting YAML errors with their line and column.
//! 2. [`lower`](crate::lower()) (`lower/`): the document → the typed IR in [`ir`]. Every
//!    decision is made here: names (through `names.rs`), `$ref` resolution, optionality,
//!    boxing, type mapping and documentation text. Problems are collected, not fatal one by
//!    one, so a run reports them all.
//! 3. `check.rs`: cross-cutting rules over the IR that no single lowering step can see.
//! 4. `emit/`: the IR → `TokenStream`s, one function per kind of item; emitters only read.
//! 5. `render.rs`: tokens → formatted text with a `@generated` header, the only formatting
//!    step; the output is byte-identical for the same input.
//!
//! Nothing here knows any particular API: a different document gives a different crate.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod check;
mod emit;
pub mod error;
pub mod ir;
mod load;
mod lower;
mod names;
mod pointer;
mod render;
mod settings;

pub use error::{Error, Errors, Location};
pub use settings::{Output, OutputFile, Settings};

/// Parses an OpenAPI 3.0.x document from YAML (or JSON) text. This is the one loading
/// function: everything that reads the spec goes through it.
pub fn load(spec_yaml: &str) -> Result<openapiv3::OpenAPI, Errors> {
    load::load_spec(spec_yaml)
}

/// Lowers a loaded document into the checked IR, or reports every problem found.
pub fn lower(spec: &openapiv3::OpenAPI) -> Result<ir::Api, Errors> {
    let api = lower::lower_api(spec)?;
    check::check_api(&api)?;
    Ok(api)
}

/// Generates the client crate's source files from YAML text: load, lower, check, emit and
/// render.
pub fn generate(spec_yaml: &str, settings: &Settings) -> Result<Output, Errors> {
    let spec = load(spec_yaml)?;
    let api = lower(&spec)?;
    render::render_files(emit::emit_files(&api), settings)
}
