//! The whole generated crate: the Rust emitted from the document, the runtime copied from its
//! one source, the manifest, and `API.md` (the API surface reviewers read, unless the settings
//! leave it out), each with the
//! `@generated` header, sorted by path.

pub(crate) mod manifest;
mod runtime;

use crate::emit;
use crate::error::{Diagnostic, Errors};
use crate::ir::Api;
use crate::output::OutputFile;
use crate::render::{self, CommentSyntax};
use crate::settings::Settings;

/// Every file of the crate, or every file that failed to render.
pub(crate) fn crate_files(api: &Api, settings: &Settings) -> Result<Vec<OutputFile>, Errors> {
    let mut files = Vec::new();
    let mut errors: Vec<Diagnostic> = Vec::new();
    for emitted in emit::emit_files(api, settings) {
        let path = emitted.path.to_owned();
        match render::render_rust(emitted, settings) {
            Ok(contents) => files.push(OutputFile { path, contents }),
            Err(error) => errors.push(error),
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    files.extend(runtime::runtime_files().map(|(path, source)| OutputFile {
        path: path.to_owned(),
        contents: render::with_header(settings, CommentSyntax::DoubleSlash, &source),
    }));
    if settings.surface_file() {
        files.push(OutputFile {
            path: "API.md".to_owned(),
            contents: render::with_header(
                settings,
                CommentSyntax::Html,
                &crate::surface::render_markdown(api, settings.crate_name()),
            ),
        });
    }
    files.push(OutputFile {
        path: "Cargo.toml".to_owned(),
        contents: render::with_header(
            settings,
            CommentSyntax::Hash,
            &manifest::manifest_text(api, settings),
        ),
    });
    files.sort_by(|left, right| left.path.cmp(&right.path));
    Ok(files)
}
