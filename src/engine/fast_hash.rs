//! A map with a quick hash for the large imports' lookups (a survey's groups, a billing
//! export's customers and subscriptions): the standard hasher resists crafted collisions,
//! which costs a large share of a million-row count, and a file the user chose themselves
//! has nobody to craft them. A multiply-rotate hash in the manner of rustc's `FxHasher`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`QuickHasher`].
pub type QuickMap<K, V> = HashMap<K, V, BuildHasherDefault<QuickHasher>>;

/// The hasher of [`QuickMap`].
#[derive(Clone, Copy, Debug, Default)]
pub struct QuickHasher(u64);

/// An odd constant with well-spread bits (rustc's).
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl QuickHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for QuickHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0_u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0_u8; 8];
            if let Some(head) = word.get_mut(..rest.len()) {
                head.copy_from_slice(rest);
            }
            self.add(u64::from_le_bytes(word));
        }
        // The length, so that zero bytes at the end are not lost in the padding.
        self.add(bytes.len() as u64);
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u16(&mut self, n: u16) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_finds_what_it_holds() {
        let mut map: QuickMap<String, usize> = QuickMap::default();
        for i in 0..10_000 {
            map.insert(format!("cus_{i}"), i);
        }
        assert_eq!(map.len(), 10_000);
        assert!((0..10_000).all(|i| map.get(&format!("cus_{i}")) == Some(&i)));
        assert_eq!(map.get("cus_10000"), None);
    }

    #[test]
    fn texts_that_differ_past_a_word_hash_apart() {
        let hash = |s: &str| {
            let mut h = QuickHasher::default();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_ne!(hash("Enterprise EU"), hash("Enterprise US"));
        assert_ne!(hash("abc"), hash("abc\0"));
    }
}
