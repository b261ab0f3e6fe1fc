//! The mistakes trainers make, each reported at its place with a `help:`
//! that says the fix and shows the corrected line; applying the help's edit
//! makes the file valid. Several independent mistakes are all reported.

use std::path::Path;

use frontline_core::Diagnostic;
use frontline_core::diagnostic::apply;
use frontline_core::load::parse;

mod common;
use common::{MINI, broken, problems};

/// As [`common::position`], `shift` characters further on.
fn position(source: &str, needle: &str, nth: usize, shift: usize) -> (usize, usize) {
    let (line, column) = common::position(source, needle, nth);
    (line, column + shift)
}

/// The one problem of `source`: where it is, its message, its help and the
/// corrected line; and the help's edit makes the file valid.
fn mistake(source: &str, at: (usize, usize), message: &str, help: &str, corrected: &str) {
    let found = problems(source);
    assert_eq!(
        found.len(),
        1,
        "expected one problem, got:\n{}",
        shown(&found)
    );
    let d = &found[0];
    assert_eq!((d.line, d.column), at, "{d}");
    assert_eq!(d.message, message, "{d}");
    let h = d.help.as_ref().expect("a help");
    assert_eq!(h.message, help, "{d}");
    assert_eq!(h.corrected.as_deref(), Some(corrected), "{d}");
    let rendered = d.to_string();
    let header = format!("s.scenario.ron:{}:{}: error: {message}", at.0, at.1);
    assert!(rendered.starts_with(&header), "{rendered}");
    assert!(
        rendered.contains(&format!("\nhelp: {help}\n")),
        "{rendered}"
    );
    let fixed = apply(source, &h.edits);
    if let Err(left) = parse(Path::new("fixed"), &fixed) {
        panic!("the fix leaves:\n{}", shown(&left));
    }
}

fn shown(found: &[Diagnostic]) -> String {
    found.iter().map(|d| format!("{d}\n")).collect()
}

#[test]
fn a_quote_inside_text() {
    let source = broken("lines: [\"So?\"]", "lines: [\"So \"what\" then?\"]");
    mistake(
        &source,
        position(&source, "\"what", 0, 0),
        "this `\"` ends the text too early",
        "write `\\\"` for a quote inside text",
        "            lines: [\"So \\\"what\\\" then?\"],",
    );
}

#[test]
fn a_decimal_number() {
    let source = broken("{\"gap\": -40}", "{\"gap\": -4.5}");
    mistake(
        &source,
        position(&source, "-4.5", 0, 0),
        "`-4.5` is not a whole number",
        "meter values are whole numbers: write `-5`",
        &source.lines().nth(33).unwrap().replace("-4.5", "-5"),
    );
}

#[test]
fn a_hash_comment() {
    let source = broken("    flags:", "    # the flags\n    flags:");
    mistake(
        &source,
        position(&source, "# the", 0, 0),
        "`#` does not start a comment",
        "comments start with `//`",
        "    // the flags",
    );
}

#[test]
fn curly_quotes() {
    let source = broken("title: \"Mini\"", "title: “Mini”");
    mistake(
        &source,
        position(&source, "“", 0, 0),
        "text is written in straight quotes `\"`, not curly quotes",
        "replace the curly quotes with straight ones",
        "    title: \"Mini\",",
    );
}

#[test]
fn single_quotes_around_text_with_an_apostrophe() {
    let source = broken("title: \"Mini\"", "title: 'Sam's day'");
    mistake(
        &source,
        position(&source, "'Sam", 0, 0),
        "text is written in double quotes `\"`, not single quotes",
        "replace the single quotes with double ones",
        "    title: \"Sam's day\",",
    );
}

#[test]
fn quoted_tags() {
    let source = broken("tags: [Ask]", "tags: [\"Ask\", \"Listen\"]");
    let found = problems(&source);
    assert!(
        found[0].notes[0].contains("`FollowUp`"),
        "{}",
        shown(&found)
    );
    mistake(
        &source,
        position(&source, "[\"Ask\"", 0, 1),
        "`tags` takes names, written without quotes",
        "remove the quotes",
        &source
            .lines()
            .nth(23)
            .unwrap()
            .replace("[\"Ask\", \"Listen\"]", "[Ask, Listen]"),
    );
}

#[test]
fn a_quoted_outcome() {
    let source = broken("outcome: Promoter", "outcome: \"Promoter\"");
    mistake(
        &source,
        position(&source, "\"Promoter\"", 0, 0),
        "`outcome` takes names, written without quotes",
        "remove the quotes",
        "        Ending(id: \"happy\", title: \"Happy\", text: \"Sam smiles.\", outcome: Promoter),",
    );
}

#[test]
fn a_list_without_brackets() {
    let source = broken("tags: [Listen]", "tags: Listen, Ask");
    mistake(
        &source,
        position(&source, "Listen, Ask", 0, 0),
        "`tags` takes a list, written in `[...]`",
        "put the values in `[...]`",
        &source
            .lines()
            .nth(42)
            .unwrap()
            .replace("Listen, Ask", "[Listen, Ask]"),
    );
    let source = broken("lines: [\"So?\"]", "lines: \"So?\"");
    mistake(
        &source,
        position(&source, "\"So?\"", 0, 0),
        "`lines` takes a list, written in `[...]`",
        "put the value in `[...]`",
        "            lines: [\"So?\"],",
    );
}

#[test]
fn a_missing_comma() {
    let source = broken("title: \"Mini\",", "title: \"Mini\"");
    mistake(
        &source,
        position(&source, "\"Mini\"", 0, "\"Mini\"".len()),
        "a `,` is missing before the field `summary`",
        "add a `,`",
        "    title: \"Mini\",",
    );
    let source = broken("\"Hello.\", \"Hi there.\"", "\"Hello.\" \"Hi there.\"");
    mistake(
        &source,
        position(&source, "\"Hello.\"", 0, "\"Hello.\"".len()),
        "a `,` is missing between two values",
        "add a `,`",
        "            lines: [\"Hello.\", \"Hi there.\", \"Good morning.\"],",
    );
}

#[test]
fn an_unclosed_bracket_at_the_end() {
    let source = MINI.trim_end().strip_suffix(')').unwrap().to_string();
    mistake(
        &source,
        position(&source, "Scenario(", 0, "Scenario".len()),
        "the `(` of `Scenario` is never closed",
        "close it with `)`",
        "    ],)",
    );
    let d = &problems(&source)[0];
    assert_eq!(d.labels[0].message, "the file ends here");
}

#[test]
fn an_unclosed_bracket_before_another_closer() {
    let from = "next: \"verdict\"),\n            ],\n        ),\n        Node(\n            id: \"verdict\"";
    let source = broken(from, &from.replacen("\"verdict\"),", "\"verdict\",", 1));
    let opened = position(&source, "Choice(text: \"Let it ring\"", 0, "Choice".len());
    mistake(
        &source,
        opened,
        "the `(` of `Choice` is never closed",
        "close it with `)`",
        "                Choice(text: \"Let it ring\", tags: [Listen], feedback: \"Focus on the customer.\", next: \"verdict\"),",
    );
    let label = &problems(&source)[0].labels[0];
    assert_eq!(label.message, "expected `)` before this `]`");
    assert_eq!(label.line, opened.0 + 1);
}

#[test]
fn an_unclosed_list_before_the_next_field() {
    let source = broken("lines: [\"So?\"],", "lines: [\"So?\",");
    mistake(
        &source,
        position(&source, "[\"So?\"", 0, 0),
        "the `[` of `lines` is never closed",
        "close it with `]`",
        "            lines: [\"So?\"],",
    );
}

/// A mistyped name, and the `help:` with the name meant.
fn misspelt(from: &str, to: &str, typo: &str, message: &str, meant: &str) {
    let source = broken(from, to);
    let line = source[..source.find(typo).unwrap()].matches('\n').count();
    mistake(
        &source,
        position(&source, typo, 0, 0),
        message,
        &format!("did you mean `{meant}`?"),
        &source.lines().nth(line).unwrap().replacen(
            typo,
            &typo.replace(typo.trim_matches('"'), meant),
            1,
        ),
    );
}

#[test]
fn a_file_with_no_scenario() {
    for source in ["", "// a new scenario\r\n", "/* to do */"] {
        let found = problems(source);
        assert_eq!(found.len(), 1, "{}", shown(&found));
        assert_eq!(found[0].message, "the file holds no scenario");
        let help = &found[0].help.as_ref().unwrap().message;
        assert_eq!(
            help,
            "write `Scenario(...)`, or start from the file `frontline new` writes"
        );
    }
}

#[test]
fn did_you_mean() {
    misspelt(
        "Flag(\"asked\")",
        "Flag(\"askd\")",
        "\"askd\"",
        "unknown flag `askd`",
        "asked",
    );
    misspelt(
        "next: \"middle\", set",
        "next: \"midle\", set",
        "\"midle\"",
        "no node or ending has the id `midle`",
        "middle",
    );
    misspelt(
        "{\"satisfaction\": 10}",
        "{\"satisfation\": 10}",
        "\"satisfation\"",
        "unknown meter `satisfation`",
        "satisfaction",
    );
    misspelt(
        "tags: [Listen]",
        "tags: [Listn]",
        "Listn",
        "unknown practice tag `Listn`",
        "Listen",
    );
    misspelt(
        "summary:",
        "sumary:",
        "sumary",
        "`Scenario` has no field `sumary`",
        "summary",
    );
    misspelt(
        "start: \"hello\"",
        "start: \"helo\"",
        "\"helo\"",
        "start node `helo` does not exist",
        "hello",
    );
}

#[test]
fn an_unknown_name_lists_the_known_ones() {
    let source = broken("Flag(\"asked\")", "Flag(\"mood\")");
    let d = &problems(&source)[0];
    assert_eq!(d.notes, ["the flags declared are: `asked`"]);
    assert_eq!(
        d.help.as_ref().unwrap().message,
        "declare it in `flags: [...]` at the top of the file"
    );
}

#[test]
fn a_duplicate_id_labels_the_first() {
    let source =
        broken("id: \"interruption\"", "id: \"middle\"").replace("\"interruption\"", "\"middle\"");
    let found = problems(&source);
    assert_eq!(found.len(), 1, "{}", shown(&found));
    let d = &found[0];
    assert_eq!(
        (d.line, d.column),
        position(&source, "id: \"middle\"", 1, 4)
    );
    let first = position(&source, "id: \"middle\"", 0, 4);
    assert_eq!((d.labels[0].line, d.labels[0].column), first);
    assert_eq!(d.labels[0].message, "first defined here");
}

/// The places of the problems of `source`, in file order.
fn places(source: &str) -> Vec<(usize, usize)> {
    problems(source)
        .iter()
        .map(|d| (d.line, d.column))
        .collect()
}

#[test]
fn three_independent_mistakes_are_three_problems() {
    // Syntax mistakes whose fix is clear, then one of meaning.
    let source = broken("title: \"Mini\",", "title: \"Mini\"")
        .replacen("tags: [Listen]", "tags: [\"Listen\"]", 1)
        .replacen("Flag(\"asked\")", "Flag(\"askd\")", 1);
    let expected = vec![
        position(&source, "\"Mini\"", 0, "\"Mini\"".len()),
        position(&source, "\"askd\"", 0, 0),
        position(&source, "\"Listen\"", 0, 0),
    ];
    assert_eq!(places(&source), expected);

    // Mistakes with no fix to read on from: each node is read on its own.
    let source = broken(" feedback: \"Neutral.\",", "")
        .replacen(", feedback: \"Generic.\"", "", 1)
        .replacen("chance: 0.5", "chance: @", 1);
    let expected = vec![
        position(&source, "\"Wave\", next: \"middle\")", 0, 22),
        position(&source, "@", 0, 0),
        position(&source, "\"Generic answer\", next: \"verdict\")", 0, 33),
    ];
    assert_eq!(places(&source), expected, "{}", shown(&problems(&source)));
}

/// The fenced blocks of `lang` in `text`, in order.
fn blocks<'a>(text: &'a str, lang: &str) -> Vec<&'a str> {
    let fence = format!("```{lang}\n");
    text.split(fence.as_str())
        .skip(1)
        .map(|b| b.split("```").next().unwrap().trim_end_matches('\n'))
        .collect()
}

/// Each mistake of the guide's "Common mistakes", made in the guide's
/// example at the line its documented output names, prints that output.
#[test]
fn the_guides_common_mistakes_print_what_it_shows() {
    let guide = common::guide();
    let example = blocks(&guide, "ron")[0];
    let start = guide.find("## Common mistakes").expect("the section");
    let end = start + 3 + guide[start + 3..].find("\n## ").unwrap();
    let pairs = blocks(&guide[start..end], "text");
    assert!(pairs.len() >= 18, "{} blocks", pairs.len());
    for pair in pairs.chunks(2) {
        let (mistake, documented) = (pair[0], pair[1]);
        let header = documented.lines().next().unwrap();
        let line: usize = header.split(':').nth(1).unwrap().parse().unwrap();
        let mut lines: Vec<&str> = example.lines().collect();
        lines[line - 1] = mistake;
        let source = lines.join("\n") + "\n";
        let printed = parse(Path::new("scenarios/returns.scenario.ron"), &source)
            .expect_err("the mistake is found");
        let printed: Vec<String> = printed.iter().map(ToString::to_string).collect();
        assert_eq!(printed.join("\n"), documented, "for {mistake:?}");
    }
}
