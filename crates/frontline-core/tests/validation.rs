//! Every validation error names the file, line and column of the offending
//! text, and every problem of a file is reported at once.

use std::path::Path;

use frontline_core::load::parse;

mod common;
use common::{MINI, broken, position, problems};

/// Asserts a single problem whose message contains `message`, located at the
/// `nth` occurrence of `at` in the broken text.
fn assert_problem(source: &str, message: &str, at: &str, nth: usize) {
    assert_problem_at(source, message, position(source, at, nth));
}

fn assert_problem_at(source: &str, message: &str, at: (usize, usize)) {
    let found = problems(source);
    assert_eq!(found.len(), 1, "expected one problem, got: {found:#?}");
    let d = &found[0];
    assert!(
        d.message.contains(message),
        "{:?} lacks {message:?}",
        d.message
    );
    assert_eq!((d.line, d.column), at, "{d}");
    assert_eq!(d.file, Path::new("s.scenario.ron"));
    let rendered = d.to_string();
    let header = format!("s.scenario.ron:{}:{}: error: ", d.line, d.column);
    assert!(rendered.starts_with(&header), "{rendered}");
    assert!(
        rendered.contains(&d.source_line),
        "the offending line is shown: {rendered}"
    );
}

#[test]
fn the_fixture_is_valid() {
    parse(Path::new("mini"), MINI).unwrap();
}

#[test]
fn a_syntax_error_points_at_the_spot() {
    let source = broken("lines: [\"So?\"],", "lines: [\"So?\"] ,,");
    let d = &problems(&source)[0];
    let (line, _) = position(&source, ",,", 0);
    assert_eq!(d.line, line, "{d}");
}

#[test]
fn an_unknown_field_is_named() {
    let source = broken("summary:", "sumary:");
    let d = &problems(&source)[0];
    assert!(d.message.contains("sumary"), "{d}");
    assert_eq!(d.line, position(&source, "sumary", 0).0, "{d}");
}

#[test]
fn a_missing_field_is_named() {
    let source = broken(" feedback: \"Neutral.\",", "");
    let d = &problems(&source)[0];
    assert!(d.message.contains("feedback"), "{d}");
}

#[test]
fn a_duplicate_node_id() {
    let source = broken("id: \"interruption\"", "id: \"middle\"")
        .replace("next: \"interruption\"", "next: \"middle\"");
    let (line, column) = position(&source, "id: \"middle\"", 1);
    assert_problem_at(
        &source,
        "duplicate node id `middle`",
        (line, column + "id: ".len()),
    );
}

#[test]
fn an_ending_may_not_reuse_a_node_id() {
    let source = broken("Ending(id: \"happy\"", "Ending(id: \"hello\"");
    assert_problem(
        &source.replace("next: \"happy\"", "next: \"unhappy\""),
        "duplicate node or ending id `hello`",
        "\"hello\"",
        2,
    );
}

#[test]
fn an_empty_id() {
    let source = broken("id: \"interruption\"", "id: \"\"");
    let found = problems(&source);
    assert!(
        found.iter().any(|d| d.message == "node id is empty"),
        "{found:#?}"
    );
}

#[test]
fn a_choice_pointing_nowhere() {
    let source = broken("next: \"middle\", set", "next: \"kitchn\", set");
    assert_problem(
        &source,
        "no node or ending has the id `kitchn`",
        "\"kitchn\"",
        0,
    );
}

#[test]
fn a_start_that_does_not_exist() {
    let source = broken("start: \"hello\"", "start: \"helo\"");
    assert_problem(&source, "start node `helo` does not exist", "\"helo\"", 0);
}

#[test]
fn an_unknown_meter_in_effects() {
    let source = broken("{\"satisfaction\": 10}", "{\"satisfation\": 10}");
    assert_problem(&source, "unknown meter `satisfation`", "\"satisfation\"", 0);
}

#[test]
fn an_unknown_meter_in_a_condition() {
    let source = broken("AtLeast(\"satisfaction\", 60)", "AtLeast(\"mood\", 60)");
    assert_problem(&source, "unknown meter `mood`", "\"mood\"", 0);
}

#[test]
fn an_unknown_flag_set_or_read() {
    let source = broken("set: [\"asked\"]", "set: [\"askd\"]");
    assert_problem(&source, "unknown flag `askd`", "\"askd\"", 0);
    let source = broken("Flag(\"asked\")", "Flag(\"knows\")");
    assert_problem(&source, "unknown flag `knows`", "\"knows\"", 0);
}

#[test]
fn a_node_that_is_not_an_ending_needs_choices() {
    let from = "choices: [\n                Choice(text: \"Let it ring\", tags: [Listen], feedback: \"Focus on the customer.\", next: \"verdict\"),\n            ],";
    let source = broken(from, "");
    assert_problem(
        &source,
        "node `interruption` is not an ending and has no choices",
        "\"interruption\"",
        1,
    );
}

#[test]
fn a_probability_outside_zero_to_one() {
    let source = broken("chance: 0.5", "chance: 1.5");
    assert_problem(&source, "chance 1.5 is outside 0..=1", "1.5", 0);
}

#[test]
fn empty_text() {
    let source = broken("feedback: \"Generic.\"", "feedback: \"  \"");
    assert_problem(&source, "feedback is empty", "\"  \"", 0);
}

#[test]
fn a_last_route_with_conditions() {
    let source = broken(
        "Route(next: \"unhappy\")",
        "Route(when: [Flag(\"asked\")], next: \"unhappy\")",
    );
    assert_problem(
        &source,
        "the last route must have no conditions",
        "Route(when: [Flag",
        0,
    );
}

#[test]
fn a_meter_starting_outside_its_range() {
    let source = broken("start: 50)", "start: 150)");
    assert_problem(&source, "start 150 is outside 0..=100", "150", 0);
}

#[test]
fn every_problem_of_a_file_is_reported_at_once() {
    let source = broken("next: \"middle\", set", "next: \"nowhere\", set")
        .replacen("chance: 0.5", "chance: -1.0", 1)
        .replacen("feedback: \"Generic.\"", "feedback: \"\"", 1)
        .replacen("set: [\"asked\"]", "set: [\"nope\"]", 1);
    let found = problems(&source);
    assert_eq!(found.len(), 4, "{found:#?}");
    let places: Vec<(usize, usize)> = found.iter().map(|d| (d.line, d.column)).collect();
    let mut sorted = places.clone();
    sorted.sort();
    assert_eq!(places, sorted, "problems come in file order");
}

#[test]
fn no_input_makes_the_loader_panic() {
    let cuts = [0, 1, 10, MINI.len() / 3, MINI.len() / 2, MINI.len() - 2];
    for cut in cuts {
        let mut source = MINI[..cut].to_string();
        assert!(parse(Path::new("cut"), &source).is_err());
        source.push_str(")]}\"");
        assert!(parse(Path::new("cut"), &source).is_err());
    }
    for garbage in [
        "",
        "Scenario(",
        "(((((",
        "\"unterminated",
        "Scenario(id: 5)",
        "[1, 2,]",
    ] {
        assert!(parse(Path::new("garbage"), garbage).is_err(), "{garbage}");
    }
}

/// Every file valid before stays valid with the same meaning: each bundled
/// scenario and fixture parses as written (no repair), validates, and gets
/// no warning.
#[test]
fn every_bundled_scenario_and_fixture_validates_unchanged() {
    use frontline_core::format::ScenarioFile;
    use frontline_core::load::{Catalog, ron_options};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let folders = [root.join("../../scenarios"), root.join("tests/fixtures")];
    let catalog = Catalog::load(&folders).unwrap();
    assert!(catalog.entries.len() >= 8, "{:?}", catalog.entries.len());
    let broken: Vec<String> = catalog
        .broken()
        .flat_map(|b| b.diagnostics.iter().map(ToString::to_string))
        .collect();
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    assert!(catalog.warnings.is_empty(), "{:#?}", catalog.warnings);
    for loaded in catalog.loaded() {
        let as_written = ron_options().from_str::<ScenarioFile>(&loaded.source);
        assert!(
            as_written.is_ok(),
            "{} needed a repair",
            loaded.path.display()
        );
    }
}

#[test]
fn examples_of_a_choice_are_optional_and_kept_in_order() {
    let with = broken(
        " feedback: \"Neutral.\",",
        " feedback: \"Neutral.\", examples: [\"Right, go on.\", \"Mm-hm?\"],",
    );
    let plain = parse(Path::new("mini"), MINI).unwrap();
    let scenario = parse(Path::new("mini"), &with).unwrap();
    let choice = |s: &frontline_core::Scenario| {
        let node = s
            .nodes
            .iter()
            .find(|n| n.choices.iter().any(|c| c.feedback == "Neutral."));
        node.unwrap()
            .choices
            .iter()
            .find(|c| c.feedback == "Neutral.")
            .unwrap()
            .clone()
    };
    assert!(choice(&plain).examples.is_empty());
    assert_eq!(choice(&scenario).examples, ["Right, go on.", "Mm-hm?"]);
}

#[test]
fn an_empty_example_is_an_error_at_its_place() {
    let source = broken(
        " feedback: \"Neutral.\",",
        " feedback: \"Neutral.\", examples: [\"Go on.\", \"  \"],",
    );
    assert_problem(&source, "example is empty", "\"  \"", 0);
}
