//! Files no trainer meant to write: any text gives located errors and never a
//! panic; line endings and byte-order marks don't move the errors; a huge file
//! or a link to another file in a scenarios folder is refused without reading it.

use std::fs;
use std::path::{Path, PathBuf};

use frontline_core::Diagnostic;
use frontline_core::load::{Catalog, MAX_FILE_BYTES, parse};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

mod common;
use common::MINI;

/// The lines of `source` as an editor shows them, computed independently of
/// the renderer: `\r\n`, `\n` and a lone `\r` end a line.
fn editor_lines(source: &str) -> Vec<String> {
    let text = source.strip_prefix('\u{feff}').unwrap_or(source);
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    unified.split('\n').map(str::to_string).collect()
}

/// Parses `source`, which must not panic, and checks that every problem is
/// placed on a line of the file, at a column of that line.
fn located(source: &str) -> Vec<Diagnostic> {
    let Err(found) = parse(Path::new("f.scenario.ron"), source) else {
        return Vec::new();
    };
    let lines = editor_lines(source);
    for d in &found {
        assert!(
            (1..=lines.len()).contains(&d.line),
            "line {} of {} in {source:?}",
            d.line,
            lines.len()
        );
        let line = &lines[d.line - 1];
        assert_eq!(&d.source_line, line, "{source:?}");
        assert!(d.column <= line.chars().count() + 1, "{d} in {source:?}");
        for label in &d.labels {
            let line = &lines[label.line - 1];
            assert!(
                label.column <= line.chars().count() + 1,
                "{d} in {source:?}"
            );
        }
        let _ = d.to_string();
    }
    found
}

/// The places of the problems found in `source`.
fn places(source: &str) -> Vec<(usize, usize, String)> {
    located(source)
        .into_iter()
        .map(|d| (d.line, d.column, d.message))
        .collect()
}

/// Two mistakes for the line-ending tests: a syntax error, and a choice
/// pointing nowhere (the file without its first, commented line).
fn mistakes() -> [String; 2] {
    let body = MINI.split_once('\n').unwrap().1;
    [
        body.replacen("lines: [\"So?\"],", "lines: [\"So?\"] ,,", 1),
        body.replacen("next: \"middle\", set", "next: \"kitchn\", set", 1),
    ]
}

#[test]
fn an_error_on_the_line_feed_of_a_crlf_line_is_located() {
    // Found by fuzzing: the renderer panicked on these.
    for source in [
        "//\r\n",
        "//)r#\"\r\n",
        "// a comment\r\n",
        "Scenario(\r\n//\r\n",
    ] {
        assert!(!located(source).is_empty(), "{source:?}");
    }
    // Nothing follows the comment: the scenario is missing at the end.
    let found = places("// a comment\r\n");
    assert_eq!((found[0].0, found[0].1), (2, 1), "{found:?}");
}

#[test]
fn crlf_line_endings_place_errors_as_lf_ones_do() {
    for source in mistakes() {
        let crlf = source.replace('\n', "\r\n");
        assert_eq!(places(&crlf), places(&source));
    }
    assert!(located(&MINI.replace('\n', "\r\n")).is_empty());
}

#[test]
fn a_lone_carriage_return_ends_a_line() {
    for source in mistakes() {
        let expected = places(&source);
        assert!(expected[0].0 > 1, "{expected:?}");
        assert_eq!(places(&source.replace('\n', "\r")), expected);
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    assert!(located(&format!("\u{feff}{MINI}")).is_empty());
    for source in mistakes() {
        assert_eq!(places(&format!("\u{feff}{source}")), places(&source));
    }
    let first_line = "\u{feff}Scenario(id: 5)";
    assert_eq!(places(first_line)[0].1, places("Scenario(id: 5)")[0].1);
}

/// Any text, from the fixture mangled at random to short runs of RON tokens:
/// no panic, and every problem inside the file.
#[test]
fn any_text_gives_located_errors_and_no_panic() {
    let tokens = [
        "(", ")", "[", "]", "{", "}", "\"", "'", ":", ",", " ", "\n", "\r", "\r\n", "\t", "//",
        "/*", "*/", "#", "r#\"", "\\", "5", "-", ".", "é", "日", "\u{feff}", "id", "Scenario",
        "nodes", "“",
    ];
    let mut rng = ChaCha8Rng::seed_from_u64(14);
    for _ in 0..3000 {
        let mut source: String = (0..rng.random_range(1..12))
            .map(|_| tokens[rng.random_range(0..tokens.len())])
            .collect();
        located(&source);
        source = MINI.to_string();
        for _ in 0..rng.random_range(1..4) {
            let mut at = rng.random_range(0..=source.len());
            while !source.is_char_boundary(at) {
                at -= 1;
            }
            let token = tokens[rng.random_range(0..tokens.len())];
            if rng.random_bool(0.5) {
                source.insert_str(at, token);
            } else {
                let end = source[at..]
                    .chars()
                    .next()
                    .map_or(at, |c| at + c.len_utf8());
                source.replace_range(at..end, token);
            }
        }
        located(&source);
        located(&source.replace('\n', "\r\n"));
        located(&source.replace('\n', "\r"));
    }
}

/// An empty folder of this test process.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("frontline-hostile-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let dir = scratch("size");
    fs::write(dir.join("ok.scenario.ron"), MINI).unwrap();
    // Sparse files: sized without writing, so that a read would show in time and memory.
    for (name, size) in [("just_over", MAX_FILE_BYTES + 1), ("huge", 1 << 30)] {
        let file = fs::File::create(dir.join(format!("{name}.scenario.ron"))).unwrap();
        file.set_len(size).unwrap();
    }
    let catalog = Catalog::load(std::slice::from_ref(&dir)).unwrap();
    assert_eq!(catalog.loaded().count(), 1);
    let messages: Vec<String> = catalog
        .broken()
        .map(|b| b.diagnostics[0].to_string())
        .collect();
    assert_eq!(messages.len(), 2);
    for (message, size) in messages.iter().zip(["1024.0 MiB", "8.0 MiB"]) {
        assert!(message.contains(".scenario.ron:1:1: error:"), "{message}");
        assert!(
            message.contains(&format!(
                "the file is {size}; a scenario file may be at most 8 MiB"
            )),
            "{message}"
        );
    }
    fs::remove_dir_all(dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_link_to_a_file_not_named_as_a_scenario_is_not_read() {
    use std::os::unix::fs::symlink;
    let dir = scratch("links");
    let folder = dir.join("scenarios");
    fs::create_dir(&folder).unwrap();
    fs::write(dir.join("secret.txt"), "root:TOP SECRET LINE\n").unwrap();
    fs::write(dir.join("shared.scenario.ron"), MINI).unwrap();
    symlink(dir.join("secret.txt"), folder.join("passwd.scenario.ron")).unwrap();
    symlink(
        dir.join("shared.scenario.ron"),
        folder.join("mini.scenario.ron"),
    )
    .unwrap();

    let catalog = Catalog::load(std::slice::from_ref(&folder)).unwrap();
    let read: Vec<&Path> = catalog
        .entries
        .iter()
        .map(|e| match e {
            Ok(l) => l.path.as_path(),
            Err(b) => b.path.as_path(),
        })
        .collect();
    assert_eq!(
        read,
        [folder.join("mini.scenario.ron")],
        "only the link to a scenario is read"
    );
    assert_eq!(catalog.warnings.len(), 1);
    let warning = catalog.warnings[0].to_string();
    assert_eq!(
        warning,
        format!(
            "{}:1:1: warning: not read: `passwd.scenario.ron` is a link to a file not named `*.scenario.ron`",
            folder.join("passwd.scenario.ron").display()
        )
    );
    fs::remove_dir_all(dir).unwrap();
}
