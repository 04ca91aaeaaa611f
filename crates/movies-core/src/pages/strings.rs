//! Interned text: every distinct string once in one arena, named by a `u32`.
//!
//! A million credit rows repeat a few hundred thousand names, characters and jobs
//! and a few dozen departments; each row holds `u32` handles instead of strings.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};

/// The handle of "no text" (a null value).
pub const NONE: u32 = u32::MAX;

/// Distinct strings in one arena.
#[derive(Debug, Default, Clone)]
pub struct Strings {
    text: String,
    /// End of string `i` in `text` (its start is the end of `i - 1`).
    ends: Vec<u32>,
    /// Hash of a string → its handle; a collision goes to the next free key.
    table: HashMap<u64, u32, BuildHasherDefault<IdentityHasher>>,
}

/// The hash map's keys are already hashes.
#[derive(Default)]
pub struct IdentityHasher(u64);

impl std::hash::Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

fn hash(text: &str) -> u64 {
    BuildHasherDefault::<DefaultHasher>::default().hash_one(text)
}

impl Strings {
    /// The handle of `text`, added when new; `None` is [`NONE`].
    pub fn intern(&mut self, text: Option<&str>) -> u32 {
        let Some(text) = text else { return NONE };
        let mut key = hash(text);
        loop {
            match self.table.get(&key) {
                Some(&id) if self.get(id) == Some(text) => return id,
                Some(_) => key = key.wrapping_add(1),
                None => break,
            }
        }
        let id = self.ends.len() as u32;
        self.text.push_str(text);
        self.ends.push(self.text.len() as u32);
        self.table.insert(key, id);
        id
    }

    /// The text of a handle (`None` for [`NONE`]).
    pub fn get(&self, id: u32) -> Option<&str> {
        let end = *self.ends.get(id as usize)? as usize;
        let start = if id == 0 { 0 } else { self.ends[id as usize - 1] as usize };
        Some(&self.text[start..end])
    }

    /// The text of a handle as an owned string.
    pub fn owned(&self, id: u32) -> Option<String> {
        self.get(id).map(str::to_owned)
    }

    /// Drops the lookup table once no string is added any more.
    pub fn freeze(&mut self) {
        self.table = HashMap::default();
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * 4 + self.table.capacity() * 17
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_share_a_handle() {
        let mut strings = Strings::default();
        let a = strings.intern(Some("Tom Hanks"));
        let b = strings.intern(Some("Woody"));
        assert_eq!(strings.intern(Some("Tom Hanks")), a);
        assert_ne!(a, b);
        assert_eq!(strings.intern(None), NONE);
        assert_eq!(strings.intern(Some("")), 2);
        strings.freeze();
        assert_eq!(strings.get(a), Some("Tom Hanks"));
        assert_eq!(strings.get(b), Some("Woody"));
        assert_eq!(strings.get(2), Some(""));
        assert_eq!(strings.get(NONE), None);
    }
}
