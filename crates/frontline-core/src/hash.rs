//! A fast hasher for the integer keys of the exact searches: the standard
//! SipHash is built to resist hostile keys, which these are not, and costs
//! more than the rest of the search.

use std::hash::{BuildHasherDefault, Hasher};

/// The multiply-rotate hash of rustc's `FxHasher`, with a final mix so that
/// the high bits of a key reach the low bits the hash table indexes by.
#[derive(Debug, Clone, Copy, Default)]
pub struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    pub fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, word: u64) {
        self.add(word);
    }

    fn write_usize(&mut self, word: usize) {
        self.add(word as u64);
    }

    fn finish(&self) -> u64 {
        let h = self.0 ^ (self.0 >> 33);
        h.wrapping_mul(SEED) ^ (h >> 29)
    }
}

pub type FxBuild = BuildHasherDefault<FxHasher>;
