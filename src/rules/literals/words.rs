//! Every occurrence of a set of words in a text, overlaps included: what
//! the literal filter scans each sentence for.
//!
//! An Aho–Corasick automaton does this job in a long run. Building it for
//! the built-in rules' 1,400 words takes about 14 M instructions, 8 % of a
//! one-release run, for a scan of a few kilobytes: a one-shot run
//! ([`crate::rx::one_shot`]) uses this table instead, which builds in
//! under 1 M. Each word is filed under its first four bytes (a word
//! shorter than that, under all of it), and the scan looks up the four
//! bytes at each character boundary of the text, then compares the few
//! words filed there. It scans about a third slower than the automaton
//! (0.33 M against 0.25 M instructions on a 4.9 KB release), which over
//! 10,000 files would cost more than it saves.

/// The words, filed for lookup by their first bytes.
#[derive(Debug)]
pub struct Words {
    words: Vec<Box<[u8]>>,
    /// Open addressing by [`slot`]: each slot a key (`EMPTY` when free)
    /// and the range of `ids` with that key.
    keys: Vec<u32>,
    ranges: Vec<(u32, u32)>,
    /// Word indexes, grouped by key.
    ids: Vec<u32>,
    /// `keys.len() == 1 << bits`.
    bits: u32,
    /// Whether any word is shorter than four bytes (each length has its
    /// own keys: see [`short_key`]).
    has_short: [bool; 4],
}

/// No key is this: 0xFF never occurs in UTF-8.
const EMPTY: u32 = u32::MAX;

/// The key of a word of four bytes or more: its first four bytes.
fn long_key(bytes: &[u8]) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?))
}

/// The key of a word of one to three bytes: its bytes, and 0xFF in the
/// unused high bytes, so it never equals a long key or one of another
/// length.
fn short_key(bytes: &[u8]) -> u32 {
    let mut key = [0xFF; 4];
    key[..bytes.len()].copy_from_slice(bytes);
    u32::from_le_bytes(key)
}

impl Words {
    /// The table of `words`; the index of each in `words` is what a scan
    /// reports. Empty words are never reported.
    pub fn new<S: AsRef<str>>(words: &[S]) -> Words {
        let mut keyed: Vec<(u32, u32)> = Vec::with_capacity(words.len());
        let mut has_short = [false; 4];
        for (i, w) in words.iter().enumerate() {
            let bytes = w.as_ref().as_bytes();
            let key = match bytes.len() {
                0 => continue,
                n @ 1..=3 => {
                    has_short[n] = true;
                    short_key(bytes)
                }
                _ => long_key(bytes).unwrap_or(EMPTY),
            };
            keyed.push((key, i as u32));
        }
        keyed.sort_unstable();
        let groups = keyed.chunk_by(|a, b| a.0 == b.0).count();
        let bits = (groups * 2).next_power_of_two().max(2).trailing_zeros();
        let mut table = Words {
            words: words.iter().map(|w| w.as_ref().as_bytes().into()).collect(),
            keys: vec![EMPTY; 1 << bits],
            ranges: vec![(0, 0); 1 << bits],
            ids: keyed.iter().map(|&(_, i)| i).collect(),
            bits,
            has_short,
        };
        let mut start = 0u32;
        for group in keyed.chunk_by(|a, b| a.0 == b.0) {
            let end = start + group.len() as u32;
            let mut s = table.slot(group[0].0);
            while table.keys[s] != EMPTY {
                s = (s + 1) & (table.keys.len() - 1);
            }
            table.keys[s] = group[0].0;
            table.ranges[s] = (start, end);
            start = end;
        }
        table
    }

    /// Where `key` is filed first (linear probing from there).
    #[inline]
    fn slot(&self, key: u32) -> usize {
        (key.wrapping_mul(0x9E37_79B1) >> (32 - self.bits)) as usize
    }

    /// The word indexes filed under `key`.
    #[inline]
    fn filed(&self, key: u32) -> &[u32] {
        let mut s = self.slot(key);
        loop {
            match self.keys[s] {
                k if k == key => {
                    let (a, b) = self.ranges[s];
                    return self.ids.get(a as usize..b as usize).unwrap_or_default();
                }
                EMPTY => return &[],
                _ => s = (s + 1) & (self.keys.len() - 1),
            }
        }
    }

    /// Call `found` with the index of each word at each place it occurs
    /// in `text` (overlaps included), left to right by start.
    #[inline]
    pub fn scan(&self, text: &str, mut found: impl FnMut(usize)) {
        let bytes = text.as_bytes();
        let mut report = |key: u32, rest: &[u8], verify: bool| {
            for &id in self.filed(key) {
                if !verify || rest.starts_with(&self.words[id as usize]) {
                    found(id as usize);
                }
            }
        };
        for (at, &b) in bytes.iter().enumerate() {
            // Words start where characters do.
            if (b as i8) < -0x40 {
                continue;
            }
            let rest = &bytes[at..];
            if let Some(key) = long_key(rest) {
                report(key, rest, true);
                // A short key is the first bytes, the high bytes 0xFF.
                for n in 1..=3 {
                    if self.has_short[n] {
                        report(key | (u32::MAX << (8 * n)), rest, false);
                    }
                }
            } else {
                for n in 1..=rest.len().min(3) {
                    if self.has_short[n] {
                        report(short_key(&rest[..n]), rest, false);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every (start, word) of `words` in `text`, found by brute force;
    /// the scan must report the same words, as often.
    fn hits(words: &[&str], text: &str) -> Vec<(usize, usize)> {
        let mut expected: Vec<(usize, usize)> = Vec::new();
        for (i, _) in text.char_indices() {
            for (id, w) in words.iter().enumerate() {
                if !w.is_empty() && text[i..].starts_with(w) {
                    expected.push((i, id));
                }
            }
        }
        let mut reported = Vec::new();
        Words::new(words).scan(text, |id| reported.push(id));
        reported.sort_unstable();
        let mut ids: Vec<usize> = expected.iter().map(|&(_, id)| id).collect();
        ids.sort_unstable();
        assert_eq!(reported, ids, "{words:?} in {text:?}");
        expected
    }

    #[test]
    fn finds_every_occurrence_short_and_long_overlaps_included() {
        let words = ["店", "店舗", "A", "AB", "ABC", "ABCD", "被害", "", "ab"];
        let got = hits(&words, "店舗とABCDの被害店");
        assert!(got.contains(&(0, 0)) && got.contains(&(0, 1)));
        assert_eq!(got.iter().filter(|&&(_, id)| id == 7).count(), 0);
        // The same word twice is reported for each index.
        hits(&["被害", "被害"], "被害被害");
        hits(&[], "何もない");
        hits(&["x"], "");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 2000,
            failure_persistence: None,
            ..Default::default()
        })]
        /// The same occurrences as Aho–Corasick's overlapping search.
        #[test]
        fn the_same_as_aho_corasick(
            words in proptest::collection::vec("[abあい被害店]{1,4}", 1..12),
            text in "[abcあいう被害店 ]{0,16}",
        ) {
            let ac = aho_corasick::AhoCorasick::new(&words).unwrap();
            let mut theirs: Vec<usize> = ac
                .find_overlapping_iter(&text)
                .map(|m| m.pattern().as_usize())
                .collect();
            let mut ours = Vec::new();
            Words::new(&words).scan(&text, |id| ours.push(id));
            theirs.sort_unstable();
            ours.sort_unstable();
            proptest::prop_assert_eq!(ours, theirs);
        }
    }
}
