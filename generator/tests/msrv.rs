//! `rust-version` is true: no package the generated crate builds (its dependencies, resolved
//! from the committed `Cargo.lock`) needs a newer Rust than the crate declares, and neither does
//! any package of this workspace. The facts come from `cargo metadata` (locked to the committed
//! `Cargo.lock`, fetching any manifest a fresh machine lacks) for this machine's platform.

mod common;

use std::process::Command;

use serde_json::Value;

/// A `rust-version` as comparable numbers (`1.88` → `[1, 88]`).
fn version(text: &str) -> Vec<u64> {
    text.split('.')
        .filter_map(|part| part.parse().ok())
        .collect()
}

/// `cargo metadata` of the workspace.
fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let host = String::from_utf8(
        Command::new("rustc")
            .arg("-vV")
            .output()
            .expect("rustc runs")
            .stdout,
    )
    .expect("UTF-8");
    let host = host
        .lines()
        .find_map(|line| line.strip_prefix("host: "))
        .expect("a host triple");
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--locked",
            "--filter-platform",
            host,
        ])
        .current_dir(common::workspace_root())
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("metadata is JSON")
}

/// The declared `rust-version` of a manifest's `[package]`.
fn declared(manifest: &str) -> String {
    manifest
        .lines()
        .find_map(|line| line.strip_prefix("rust-version = "))
        .map(|value| value.trim_matches('"').to_owned())
        .expect("a rust-version")
}

/// The packages that need a newer Rust than `declared`, among those reached from `root` (all
/// packages when `root` is `None`).
fn too_new(metadata: &Value, root: Option<&str>, declared: &str) -> Vec<String> {
    let packages = metadata["packages"].as_array().expect("packages");
    let reached: Vec<&str> = match root {
        None => packages
            .iter()
            .filter_map(|package| package["id"].as_str())
            .collect(),
        Some(name) => reachable(metadata, name),
    };
    packages
        .iter()
        .filter(|package| {
            package["id"]
                .as_str()
                .is_some_and(|id| reached.contains(&id))
        })
        .filter_map(|package| {
            let needed = package["rust_version"].as_str()?;
            (version(needed) > version(declared))
                .then(|| format!("{} {} needs {needed}", package["name"], package["version"]))
        })
        .collect()
}

/// The ids of the packages `name` builds: itself and its normal and build dependencies.
fn reachable<'a>(metadata: &'a Value, name: &str) -> Vec<&'a str> {
    let packages = metadata["packages"].as_array().expect("packages");
    let nodes = metadata["resolve"]["nodes"]
        .as_array()
        .expect("a resolve graph");
    let root = packages
        .iter()
        .find(|package| package["name"] == name)
        .and_then(|package| package["id"].as_str())
        .expect("the package is in the workspace");
    let mut seen: Vec<&str> = Vec::new();
    let mut pending = vec![root];
    while let Some(id) = pending.pop() {
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        let node = nodes.iter().find(|node| node["id"] == id);
        for dependency in node
            .and_then(|node| node["deps"].as_array())
            .into_iter()
            .flatten()
        {
            let built = dependency["dep_kinds"].as_array().is_some_and(|kinds| {
                kinds
                    .iter()
                    .any(|kind| kind["kind"].is_null() || kind["kind"] == "build")
            });
            if built {
                pending.extend(dependency["pkg"].as_str());
            }
        }
    }
    seen
}

#[test]
fn no_dependency_of_the_generated_crate_needs_a_newer_rust_than_it_declares() {
    let manifest = std::fs::read_to_string(common::workspace_root().join("generated/Cargo.toml"))
        .expect("generated/Cargo.toml");
    let declared = declared(&manifest);
    let offenders = too_new(&metadata(), Some("mykaarma-payments"), &declared);
    assert!(
        offenders.is_empty(),
        "rust-version {declared} is not true: {offenders:#?}"
    );
}

#[test]
fn no_package_of_the_workspace_needs_a_newer_rust_than_it_declares() {
    let manifest =
        std::fs::read_to_string(common::workspace_root().join("Cargo.toml")).expect("Cargo.toml");
    let declared = declared(&manifest);
    let offenders = too_new(&metadata(), None, &declared);
    assert!(
        offenders.is_empty(),
        "rust-version {declared} is not true: {offenders:#?}"
    );
}
