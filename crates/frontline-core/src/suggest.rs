//! "Did you mean …?": the known name nearest to a mistyped one, by edit
//! distance, and the known names listed for a note.

/// The known name nearest to `name`, when near enough to be what was meant:
/// a third of its letters wrong at most (one at least), ignoring case.
pub fn nearest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    let lower = name.to_lowercase();
    known
        .into_iter()
        .filter(|k| *k != name)
        .map(|k| {
            let distance = strsim::damerau_levenshtein(&lower, &k.to_lowercase());
            (distance.max(1), k)
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|&(distance, k)| (distance, k))
        .map(|(_, k)| k)
}

/// How many names a note lists before "and N more".
const LISTED: usize = 20;

/// `a`, `b` and `c`: the names as given, the first [`LISTED`] of them.
pub fn list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.into_iter().collect();
    let shown: Vec<String> = names
        .iter()
        .take(LISTED)
        .map(|n| format!("`{n}`"))
        .collect();
    let more = names.len().saturating_sub(LISTED);
    match (shown.split_last(), more) {
        (None, _) => "none".to_string(),
        (Some((last, [])), 0) => last.clone(),
        (Some((last, rest)), 0) => format!("{} and {last}", rest.join(", ")),
        (Some(_), more) => format!("{} and {more} more", shown.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_name_within_a_third_of_its_letters() {
        let flags = ["asked", "gesture_given", "angry"];
        assert_eq!(nearest("gesture_givn", flags), Some("gesture_given"));
        assert_eq!(nearest("aksed", flags), Some("asked"));
        assert_eq!(nearest("Angry", flags), Some("angry"));
        assert_eq!(nearest("mood", flags), None);
        assert_eq!(nearest("xy", ["xz", "ab"]), Some("xz"));
    }

    #[test]
    fn lists_names_in_prose() {
        assert_eq!(list([]), "none");
        assert_eq!(list(["a"]), "`a`");
        assert_eq!(list(["a", "b", "c"]), "`a`, `b` and `c`");
        let many: Vec<String> = (0..23).map(|i| format!("n{i}")).collect();
        let shown = list(many.iter().map(String::as_str));
        assert!(shown.ends_with("`n19` and 3 more"), "{shown}");
    }
}
