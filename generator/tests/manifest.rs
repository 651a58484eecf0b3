//! The dependencies every generated crate declares are the runtime's own, line for line, at
//! the versions this workspace's `Cargo.lock` resolves: the versions the runtime is tested with.
//! So are its features, which choose the TLS backend the runtime's code reads.

mod common;

use common::workspace_root;

/// The lines of the `[dependencies]` table of a manifest, without comments or blank lines.
fn dependency_lines(manifest: &str) -> Vec<String> {
    table_lines(manifest, "[dependencies]")
}

/// The lines of the table `header` of a manifest, without comments or blank lines.
fn table_lines(manifest: &str, header: &str) -> Vec<String> {
    manifest
        .lines()
        .skip_while(|line| line.trim() != header)
        .skip(1)
        .take_while(|line| !line.trim_start().starts_with('['))
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// The versions of `name` in a `Cargo.lock`.
fn locked_versions(lock: &str, name: &str) -> Vec<String> {
    let mut versions = Vec::new();
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{name}\"") {
            if let Some(version) = lines
                .next()
                .and_then(|next| next.strip_prefix("version = \""))
                .and_then(|rest| rest.strip_suffix('"'))
            {
                versions.push(version.to_owned());
            }
        }
    }
    versions
}

fn generated_manifest() -> String {
    let spec = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n";
    let output = generator::generate(spec, &generator::Settings::default()).expect("generates");
    output
        .files
        .iter()
        .find(|file| file.path == "Cargo.toml")
        .map(|file| file.contents.clone())
        .expect("a Cargo.toml")
}

#[test]
fn the_runtime_crate_declares_exactly_the_generated_dependencies() {
    let runtime = std::fs::read_to_string(workspace_root().join("generator/runtime/Cargo.toml"))
        .expect("runtime manifest");
    assert_eq!(
        dependency_lines(&runtime),
        dependency_lines(&generated_manifest())
    );
}

#[test]
fn the_runtime_crate_declares_exactly_the_generated_features() {
    let runtime = std::fs::read_to_string(workspace_root().join("generator/runtime/Cargo.toml"))
        .expect("runtime manifest");
    let generated = table_lines(&generated_manifest(), "[features]");
    assert_eq!(table_lines(&runtime, "[features]"), generated);
    // The default is the TLS backend that builds fastest, and there is exactly one.
    assert!(
        generated.contains(&"default = [\"rustls-ring\"]".to_owned()),
        "{generated:?}"
    );
}

#[test]
fn every_feature_names_what_the_manifest_declares() {
    let manifest = generated_manifest();
    let features = table_lines(&manifest, "[features]");
    let names: Vec<&str> = features
        .iter()
        .filter_map(|line| line.split_once(" = ").map(|(name, _)| name))
        .collect();
    let dependencies = dependency_lines(&manifest);
    let declared = |name: &str, optional: bool| {
        dependencies.iter().any(|line| {
            line.starts_with(&format!("{name} = ")) && line.contains("optional = true") == optional
        })
    };
    for line in &features {
        let (_, list) = line.split_once(" = ").expect("name = [ … ]");
        for item in list.trim_matches(['[', ']']).split(", ") {
            let item = item.trim_matches('"');
            if let Some(dependency) = item.strip_prefix("dep:") {
                assert!(declared(dependency, true), "{item} in {line}");
            } else if let Some((dependency, _)) = item.split_once('/') {
                assert!(
                    declared(dependency, false) || declared(dependency, true),
                    "{item} in {line}"
                );
            } else {
                assert!(names.contains(&item), "{item} in {line}");
            }
        }
    }
}

#[test]
fn every_generated_dependency_is_the_locked_version() {
    let lock = std::fs::read_to_string(workspace_root().join("Cargo.lock")).expect("Cargo.lock");
    let lines = dependency_lines(&generated_manifest());
    assert!(lines.len() >= 5, "{lines:?}");
    for line in lines {
        let (name, rest) = line.split_once(" = ").expect("name = { … }");
        let version = rest
            .split("version = \"")
            .nth(1)
            .and_then(|tail| tail.split('"').next())
            .expect("a version");
        let locked = locked_versions(&lock, name);
        assert!(
            locked.iter().any(|candidate| candidate == version),
            "{name} is written as {version}, but Cargo.lock has {locked:?}"
        );
    }
}

#[test]
fn the_manifest_has_no_workspace_or_path_dependency() {
    let manifest = generated_manifest();
    for forbidden in ["workspace", "path =", "git ="] {
        assert!(!manifest.contains(forbidden), "{forbidden} in:\n{manifest}");
    }
}
