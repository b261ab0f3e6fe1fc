//! FNV-1a (128-bit): a stable fingerprint of a scenario file's text, so a
//! report can tell attempts at different versions of a scenario apart, and the
//! seed of the derived UUIDs of xAPI statements.

const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

pub fn fnv1a(bytes: &[u8]) -> u128 {
    bytes.iter().fold(OFFSET, |hash, &byte| {
        (hash ^ u128::from(byte)).wrapping_mul(PRIME)
    })
}

/// The fingerprint stored with each session, named by its algorithm.
pub fn content_hash(source: &str) -> String {
    format!("fnv1a128:{:032x}", fnv1a(source.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_published_fnv1a_128_vectors() {
        assert_eq!(fnv1a(b""), OFFSET);
        assert_eq!(fnv1a(b"a"), 0xd228_cb69_6f1a_8caf_7891_2b70_4e4a_8964);
    }

    #[test]
    fn content_hash_changes_with_the_text() {
        let a = content_hash("Scenario(id: \"a\")");
        assert_eq!(a, content_hash("Scenario(id: \"a\")"));
        assert_ne!(a, content_hash("Scenario(id: \"b\")"));
        assert_eq!(a.len(), "fnv1a128:".len() + 32);
    }
}
