//! The payments crate's review artefacts are `insta` snapshots: its API surface (one fact per
//! line: operations, inputs, responses, models, fields, values, codes, first lines of docs)
//! and the list of warnings of its spec. A spec change that changes either fails here with
//! insta's diff, and, for the surface, the api-diff verdict of the change (patch, minor or
//! major); `cargo insta review` accepts it, and the pull request shows the `.snap` diff next
//! to the spec diff. `cargo xtask test` runs this test first, before the drift check.

use std::path::Path;

use codegen_tests::payments;

#[test]
fn the_api_surface_is_the_accepted_snapshot() {
    let text = codegen_tests::read_workspace_file(payments::SPEC);
    let review = payments::review(&text).unwrap_or_else(|problems| panic!("{problems}"));
    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots/api_surface__payments_surface.snap");
    if let Some(accepted) = payments::accepted_snapshot(&snapshot) {
        match payments::surface_change(&accepted, &review.surface) {
            Ok(Some(report)) => eprintln!(
                "\nThe API surface changed. api-diff of the change against the accepted \
                 snapshot (main's surface):\n{}",
                report.render_text()
            ),
            Ok(None) => {}
            Err(problem) => eprintln!("\nno api-diff verdict: {problem}"),
        }
    }
    insta::assert_snapshot!("payments_surface", review.surface);
}

#[test]
fn the_warnings_are_the_accepted_snapshot() {
    let text = codegen_tests::read_workspace_file(payments::SPEC);
    let review = payments::review(&text).unwrap_or_else(|problems| panic!("{problems}"));
    insta::assert_snapshot!("payments_warnings", review.warnings);
}

/// The surface survives its own text: parsing what `API.md` holds gives back every fact, so
/// the verdict printed above is computed from exactly what the snapshot shows.
#[test]
fn the_surface_text_parses_back_into_its_facts() {
    let text = codegen_tests::read_workspace_file(payments::SPEC);
    let review = payments::review(&text).unwrap_or_else(|problems| panic!("{problems}"));
    let parsed = generator::surface::parse_markdown(&review.surface).expect("parses");
    let mut expected = payments::surface_of(&text).expect("lowers");
    for entry in &mut expected {
        entry.value = entry.value.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    expected.sort();
    assert_eq!(parsed, expected);
    assert!(payments::surface_change(&review.surface, &review.surface)
        .expect("parses")
        .is_none());
}

/// A surface change is classified from the two texts alone: a new optional field is minor,
/// a removed one major.
#[test]
fn a_changed_surface_text_gets_its_verdict() {
    let text = codegen_tests::read_workspace_file(payments::SPEC);
    let accepted = payments::review(&text).expect("lowers").surface;
    let line = accepted
        .lines()
        .find(|line| line.starts_with("- `MobilePaymentRequest.amount`"))
        .expect("the amount field is on the surface");
    let added = accepted.replace(
        line,
        &format!("{line}\n- `MobilePaymentRequest.tip`: `tip` Decimal, optional"),
    );
    let report = payments::surface_change(&accepted, &added)
        .expect("parses")
        .expect("a change");
    assert_eq!(report.verdict(), generator::surface::Verdict::Minor);
    let removed = accepted.replace(&format!("{line}\n"), "");
    let report = payments::surface_change(&accepted, &removed)
        .expect("parses")
        .expect("a change");
    assert_eq!(report.verdict(), generator::surface::Verdict::Major);
}
