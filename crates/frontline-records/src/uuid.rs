//! UUIDs in the lowercase hyphenated form xAPI requires: random (version 4)
//! for sessions, and derived (version 8) for statements, so that exporting or
//! sending the same session twice gives the same statement ids and a learning
//! record store keeps one of each. The derived bits are FNV-1a of the parts,
//! as Frontline has always made them: ids already exported stay the same.

use uuid::{Builder, Uuid};

use crate::hash::fnv1a;

/// A fresh random UUID.
pub fn random() -> Uuid {
    Uuid::new_v4()
}

/// A UUID that depends only on `parts`.
pub fn derived(parts: &[&str]) -> Uuid {
    let bits = fnv1a(parts.join("\u{0}").as_bytes());
    Builder::from_custom_bytes(bits.to_be_bytes()).into_uuid()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_uuids_are_version_4_and_differ() {
        let (a, b) = (random(), random());
        assert_ne!(a, b);
        assert_eq!(a.get_version_num(), 4);
    }

    #[test]
    fn derived_uuids_are_stable_version_8() {
        let a = derived(&["session", "3"]);
        assert_eq!(a, derived(&["session", "3"]));
        assert_ne!(a, derived(&["session3"]));
        assert_eq!(a.get_version_num(), 8);
        assert_eq!(a.get_variant(), uuid::Variant::RFC4122);
    }

    #[test]
    fn derived_ids_match_those_exported_before() {
        // Written by hand from FNV-1a: set the version nibble (bits 76..80)
        // to 8 and the variant (bits 62..64) to 0b10, as the earlier exports did.
        let bits = fnv1a(b"a\0attempted");
        let bits = bits & !(0xf << 76) | 8 << 76;
        let bits = bits & !(0b11 << 62) | 0b10 << 62;
        let hex = format!("{bits:032x}");
        let expected = format!(
            "{}-{}-{}-{}-{}",
            &hex[..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..]
        );
        assert_eq!(derived(&["a", "attempted"]).to_string(), expected);
    }
}
