//! The text forms xAPI requires: absolute IRIs, language tags, ISO 8601
//! timestamps (with a time zone) and durations.

use crate::time::Timestamp;

/// `scheme:rest`, RFC 3987: a letter, then letters, digits, `+`, `-` or `.`,
/// and no spaces or characters IRIs exclude.
pub fn is_absolute_iri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut scheme_chars = scheme.chars();
    let scheme_ok = scheme_chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme_chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    let excluded = |c: char| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c);
    scheme_ok && !rest.is_empty() && !rest.chars().any(excluded)
}

/// A BCP 47 tag such as `en-US`: alphanumeric subtags of 1 to 8, the first letters.
pub fn is_language_tag(text: &str) -> bool {
    let mut subtags = text.split('-');
    let first = subtags.next().unwrap_or_default();
    let primary = (1..=8).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_alphabetic());
    primary
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// `YYYY-MM-DDTHH:MM:SS[.f…]` and `Z` or an offset `±HH:MM` (not `-00:00`).
pub fn is_timestamp(text: &str) -> bool {
    let (body, zone_ok) = if let Some(body) = text.strip_suffix('Z') {
        (body, true)
    } else if text.len() > 6 && text.is_char_boundary(text.len() - 6) {
        let (body, zone) = text.split_at(text.len() - 6);
        let bytes = zone.as_bytes();
        let digits = |r: std::ops::Range<usize>| bytes[r].iter().all(u8::is_ascii_digit);
        let ok = matches!(bytes[0], b'+' | b'-')
            && digits(1..3)
            && bytes[3] == b':'
            && digits(4..6)
            && zone != "-00:00"
            && zone[1..3] < *"24"
            && zone[4..6] < *"60";
        (body, ok)
    } else {
        return false;
    };
    let (clock, fraction) = match body.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (body, None),
    };
    let fraction_ok =
        fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    zone_ok
        && fraction_ok
        && clock.contains('T')
        && Timestamp::parse(&format!("{clock}Z")).is_some()
}

/// `P[nY][nM][nW][nD][T[nH][nM][n[.n]S]]` with at least one part, and at least
/// one after a `T`.
pub fn is_duration(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let date_parts = parts(date, "YMWD", false);
    let time_parts = time.map(|t| parts(t, "HMS", true));
    match (date_parts, time_parts) {
        (Some(d), None) => d > 0,
        (Some(d), Some(Some(t))) => t > 0 && d + t > 0,
        _ => false,
    }
}

/// Counts `number designator` pairs in `text`, designators in the order of
/// `order`; only the seconds may have a fraction. `None` if malformed.
fn parts(text: &str, order: &str, seconds_fraction: bool) -> Option<usize> {
    let mut count = 0;
    let mut allowed = order;
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest.find(|c: char| !c.is_ascii_digit() && c != '.')?;
        let (number, tail) = rest.split_at(end);
        let designator = tail.chars().next()?;
        let position = allowed.find(designator)?;
        let fraction_ok = !number.contains('.') || (seconds_fraction && designator == 'S');
        let digits = number.split('.').collect::<Vec<_>>();
        let number_ok = digits.len() <= 2 && digits.iter().all(|d| !d.is_empty());
        if !fraction_ok || !number_ok {
            return None;
        }
        allowed = &allowed[position + 1..];
        rest = &tail[1..];
        count += 1;
    }
    Some(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris() {
        for good in [
            "https://frontline.example/a",
            "mailto:a@b.example",
            "urn:uuid:1",
            "x-y.z+w:ok",
        ] {
            assert!(is_absolute_iri(good), "{good}");
        }
        for bad in [
            "",
            "/relative",
            "no scheme",
            "1http://x",
            "http://a b",
            "http:",
            "https://x/<y>",
        ] {
            assert!(!is_absolute_iri(bad), "{bad}");
        }
    }

    #[test]
    fn timestamps() {
        for good in [
            "2025-03-04T12:34:56Z",
            "2025-03-04T12:34:56.123456Z",
            "2025-03-04T12:34:56+01:00",
        ] {
            assert!(is_timestamp(good), "{good}");
        }
        for bad in [
            "2025-03-04",
            "2025-03-04T12:34:56",
            "2025-03-04T12:34:56-00:00",
            "2025-03-04 12:34:56Z",
            "2025-02-30T12:34:56Z",
            "2025-03-04T12:34:56+25:00",
        ] {
            assert!(!is_timestamp(bad), "{bad}");
        }
    }

    #[test]
    fn durations() {
        for good in ["PT0S", "PT1.5S", "P1D", "P1Y2M3DT4H5M6.7S", "PT3M", "P2W"] {
            assert!(is_duration(good), "{good}");
        }
        for bad in [
            "", "P", "PT", "T1S", "PT1.5M", "PT1S2M", "P1DT", "PT1..5S", "PT.5S", "P1H",
        ] {
            assert!(!is_duration(bad), "{bad}");
        }
    }

    #[test]
    fn language_tags() {
        assert!(is_language_tag("en-US") && is_language_tag("de"));
        assert!(!is_language_tag("") && !is_language_tag("en_US") && !is_language_tag("1en"));
    }
}
