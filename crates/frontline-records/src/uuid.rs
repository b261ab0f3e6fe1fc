//! UUIDs in the lowercase hyphenated form xAPI requires: random (version 4)
//! for sessions, and derived (version 8, from FNV-1a) for statements, so that
//! exporting the same session twice gives the same statement ids and a
//! learning record store can ignore the repeats.

use crate::hash::fnv1a;

/// A fresh random UUID.
pub fn random() -> String {
    format(rand::random::<u128>(), 4)
}

/// A UUID that depends only on `parts`.
pub fn derived(parts: &[&str]) -> String {
    format(fnv1a(parts.join("\u{0}").as_bytes()), 8)
}

/// Sets the version and the RFC 9562 variant bits, then writes 8-4-4-4-12 hex digits.
fn format(bits: u128, version: u8) -> String {
    let bits = bits & !(0xf << 76) | u128::from(version) << 76;
    let bits = bits & !(0b11 << 62) | 0b10 << 62;
    let hex = format!("{bits:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// Whether `text` is a hyphenated UUID of the RFC 9562 variant.
pub fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    lengths == [8, 4, 4, 4, 12]
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
        && matches!(
            groups[3].as_bytes()[0].to_ascii_lowercase(),
            b'8' | b'9' | b'a' | b'b'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_uuids_are_version_4_and_differ() {
        let (a, b) = (random(), random());
        assert_ne!(a, b);
        assert!(is_uuid(&a), "{a}");
        assert_eq!(&a[14..15], "4");
    }

    #[test]
    fn derived_uuids_are_stable_version_8() {
        let a = derived(&["session", "3"]);
        assert_eq!(a, derived(&["session", "3"]));
        assert_ne!(a, derived(&["session3"]));
        assert!(is_uuid(&a), "{a}");
        assert_eq!(&a[14..15], "8");
    }

    #[test]
    fn rejects_what_is_not_a_uuid() {
        for text in [
            "",
            "not-a-uuid",
            "123e4567e89b12d3a456426614174000",
            "{123e4567-e89b-12d3-a456-426614174000}",
            "123e4567-e89b-12d3-c456-426614174000",
            "123e4567-e89b-12d3-a456-42661417400g",
        ] {
            assert!(!is_uuid(text), "{text}");
        }
        assert!(is_uuid("123e4567-e89b-12d3-a456-426614174000"));
    }
}
