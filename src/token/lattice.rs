//! The word lattice and its lowest-cost path: what
//! `lindera_core::viterbi::Lattice` computes in lindera's normal mode, over
//! the same dictionary data, with the same result (the tests compare every
//! word with lindera's own `tokenize`). Tokenizing is most of koho's time
//! on a large corpus, and lindera's lattice spends much of it on its own
//! bookkeeping; this one does the same search with less:
//! - each word's path cost is computed as the word is added: the words
//!   ending where it starts are all known by then (lindera makes a second
//!   pass over the whole lattice);
//! - the words ending at a position are a linked list through one array of
//!   nodes, not one `Vec` per byte position, and every buffer is reused
//!   from piece to piece;
//! - nothing that only lindera's search mode reads (whether a word is all
//!   kanji, a copy of each unknown word) is computed;
//! - each character's categories are looked up once per thread, not by a
//!   binary search per character and position ([`CharCats`]).
//!
//! Ties are broken as lindera breaks them: of equally cheap words ending
//! at a position, the first added wins.

use lindera_core::character_definition::{CategoryId, CharacterDefinitions};
use lindera_core::dictionary::Dictionary;
use lindera_core::prefix_dict::PrefixDict;
use lindera_core::word_entry::{WordEntry, WordId};

/// No node (end of a list, or the start of the text's path).
const NONE: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Node {
    /// Byte offset of the word in the piece.
    start: u32,
    word_id: WordId,
    /// Where the row of the word's right context id starts in the
    /// connection cost matrix (in bytes), for the cost of what follows it.
    row: u32,
    /// Cost of the cheapest path from the start of the piece through this
    /// word.
    cost: i32,
    /// The node before this one on that path (`NONE` for the start node).
    prev: u32,
    /// The next node ending where this one ends, in the order added.
    next_end: u32,
}

/// A reusable lattice (one per thread: see `super::LATTICE`).
#[derive(Default)]
pub struct Lattice {
    nodes: Vec<Node>,
    /// Per byte position: the first and last node ending there.
    end_first: Vec<u32>,
    end_last: Vec<u32>,
    /// The nodes ending at the position being searched, copied out of
    /// their list once per position: every word starting there compares
    /// them all, and a compact array is cheaper to scan than the list.
    lefts: Vec<Left>,
    cats: CharCats,
}

/// A node ending where words are being added: what choosing the best one
/// reads of it.
#[derive(Clone, Copy)]
struct Left {
    cost: i32,
    /// [`Node::row`].
    row: u32,
    /// The node's index in [`Lattice::nodes`].
    id: u32,
}

/// Each character's categories (`CharacterDefinitions::lookup_categories`,
/// a binary search over the definition's ranges), remembered per
/// character: a text looks up each character once or twice, and the same
/// few hundred characters again and again.
#[derive(Default)]
struct CharCats {
    /// Address of the definitions the table was filled from. (Only
    /// IPADIC's exist, so a table kept for a reused address would still
    /// be right; the check keeps it so should another dictionary come.)
    owner: usize,
    /// Per character below [`CharCats::TABLE`]: 0 when not looked up yet,
    /// else 1 + its index in `sets`.
    table: Vec<u8>,
    /// The distinct category lists seen (a few dozen at most).
    sets: Vec<Box<[CategoryId]>>,
}

impl CharCats {
    /// The Basic Multilingual Plane: Japanese text, with rare exceptions.
    const TABLE: usize = 0x10000;

    /// Forget everything unless the table was filled from `chars`.
    fn keep_for(&mut self, chars: &CharacterDefinitions) {
        let owner = chars as *const CharacterDefinitions as usize;
        if self.owner != owner {
            *self = CharCats {
                owner,
                table: vec![0; Self::TABLE],
                sets: Vec::new(),
            };
        }
    }

    /// Index in `sets` of `c`'s categories.
    fn index(&mut self, chars: &CharacterDefinitions, c: char) -> usize {
        let slot = self.table.get(c as usize).copied().unwrap_or(0);
        if slot != 0 {
            return usize::from(slot - 1);
        }
        let found = chars.lookup_categories(c);
        let index = match self.sets.iter().position(|s| **s == *found) {
            Some(i) => i,
            None => {
                self.sets.push(found.into());
                self.sets.len() - 1
            }
        };
        // More than 255 distinct lists (none in IPADIC) are looked up
        // each time instead of remembered.
        if let (Some(slot), Ok(v)) = (self.table.get_mut(c as usize), u8::try_from(index + 1)) {
            *slot = v;
        }
        index
    }
}

/// Dictionary parts one search reads.
pub struct Dict<'a> {
    pub system: &'a Dictionary,
    pub user: Option<&'a PrefixDict>,
}

impl Lattice {
    /// Append to `path` the words of `piece`'s lowest-cost segmentation,
    /// as (byte offset + `at`, word id), in order.
    pub fn segment(
        &mut self,
        dict: &Dict<'_>,
        piece: &str,
        at: usize,
        path: &mut Vec<(usize, WordId)>,
    ) {
        let len = piece.len();
        self.nodes.clear();
        self.end_first.clear();
        self.end_first.resize(len + 1, NONE);
        self.end_last.clear();
        self.end_last.resize(len + 1, NONE);
        // The start of the piece: a word of cost 0 and context id 0.
        self.nodes.push(Node {
            start: 0,
            word_id: WordId::default(),
            row: 0,
            cost: 0,
            prev: NONE,
            next_end: NONE,
        });
        self.link(0, 0);
        let chars = &dict.system.char_definitions;
        self.cats.keep_for(chars);
        // The end of the last unknown word added (lindera's normal mode
        // adds no unknown word that starts inside another).
        let mut unknown_end: Option<usize> = None;
        for start in 0..len {
            if self.end_first[start] == NONE {
                // No word ends here, so none starts here.
                continue;
            }
            let Some(suffix) = piece.get(start..) else {
                continue;
            };
            self.gather_lefts(start);
            let mut found = false;
            let mut add = |n: usize, entry: WordEntry| {
                self.add(dict, start, start + n, entry);
                found = true;
            };
            // The user dictionary's words first, as lindera adds them.
            if let Some(user) = dict.user {
                for_each_prefix(user, suffix, &mut add);
            }
            for_each_prefix(&dict.system.dict, suffix, &mut add);
            if unknown_end.is_some_and(|end| end > start) {
                continue;
            }
            let Some(first) = suffix.chars().next() else {
                continue;
            };
            let set = self.cats.index(chars, first);
            for ord in 0..self.cats.sets.get(set).map_or(0, |s| s.len()) {
                let Some(&category) = self.cats.sets.get(set).and_then(|s| s.get(ord)) else {
                    break;
                };
                if let Some(end) = self.add_unknown(dict, category, ord, start, suffix, found) {
                    unknown_end = Some(end);
                }
            }
        }
        // The end of the piece: context id 0.
        self.gather_lefts(len);
        let Some((_, mut id)) = best_left(&self.lefts, dict, 0) else {
            return;
        };
        let first = path.len();
        while let Some(node) = self.nodes.get(id as usize).filter(|n| n.prev != NONE) {
            path.push((at + node.start as usize, node.word_id));
            id = node.prev;
        }
        path[first..].reverse();
    }

    /// Copy the nodes ending at `pos` to [`Lattice::lefts`], in the
    /// order they were added.
    fn gather_lefts(&mut self, pos: usize) {
        self.lefts.clear();
        let mut id = self.end_first.get(pos).copied().unwrap_or(NONE);
        while let Some(node) = self.nodes.get(id as usize) {
            self.lefts.push(Left {
                cost: node.cost,
                row: node.row,
                id,
            });
            id = node.next_end;
        }
    }

    /// Add a word from `start` (whose nodes ending there are gathered in
    /// [`Lattice::lefts`]) to `end`.
    fn add(&mut self, dict: &Dict<'_>, start: usize, end: usize, entry: WordEntry) {
        let Some((cost, prev)) = best_left(&self.lefts, dict, entry.left_id) else {
            return;
        };
        let width = dict.system.cost_matrix.backward_size as usize;
        let row = 2 * usize::from(entry.right_id) * width;
        let id = u32::try_from(self.nodes.len()).unwrap_or(NONE);
        self.nodes.push(Node {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            word_id: entry.word_id,
            row: u32::try_from(row).unwrap_or(u32::MAX),
            cost: i32::from(entry.word_cost).wrapping_add(cost),
            prev,
            next_end: NONE,
        });
        self.link(id, end);
    }

    /// Append node `id` to the list of nodes ending at `end`.
    fn link(&mut self, id: u32, end: usize) {
        let last = self.end_last.get(end).copied().unwrap_or(NONE);
        match self.nodes.get_mut(last as usize) {
            Some(prev) => prev.next_end = id,
            None => {
                if let Some(first) = self.end_first.get_mut(end) {
                    *first = id;
                }
            }
        }
        if let Some(l) = self.end_last.get_mut(end) {
            *l = id;
        }
    }

    /// Unknown words of `category` starting at `start` (lindera's rules:
    /// only where no dictionary word starts unless the category is always
    /// invoked; one character, or the run of characters of the category
    /// when it groups). Returns where they end, if any was added.
    fn add_unknown(
        &mut self,
        dict: &Dict<'_>,
        category: CategoryId,
        ord: usize,
        start: usize,
        suffix: &str,
        found: bool,
    ) -> Option<usize> {
        let chars = &dict.system.char_definitions;
        let data = chars.lookup_definition(category);
        if !data.invoke && found {
            return None;
        }
        let mut len = suffix.chars().next().map_or(0, char::len_utf8);
        if data.group {
            for c in suffix.get(len..).unwrap_or_default().chars() {
                let set = self.cats.index(chars, c);
                if self.cats.sets.get(set).and_then(|s| s.get(ord)) == Some(&category) {
                    len += c.len_utf8();
                } else {
                    break;
                }
            }
        }
        let unknown = &dict.system.unknown_dictionary;
        for &word_id in unknown.lookup_word_ids(category) {
            self.add(dict, start, start + len, unknown.word_entry(word_id));
        }
        Some(start + len)
    }
}

/// The cheapest way from the nodes `lefts` into a word with left context
/// `left_id`: (path cost, node), the first of equal costs.
#[inline]
fn best_left(lefts: &[Left], dict: &Dict<'_>, left_id: u16) -> Option<(i32, u32)> {
    // `ConnectionCostMatrix::cost`, inlined: an i16 per (right id of the
    // word before, left id of the word after), rows by right id. (A row
    // past the matrix, which IPADIC's ids never reach, costs 0, as an id
    // past it did before rows were kept.)
    let costs = &*dict.system.cost_matrix.costs_data;
    let column = 2 * usize::from(left_id);
    let cost = |l: &Left| {
        let at = l.row as usize + column;
        let link = costs
            .get(at..at + 2)
            .map_or(0, |b| i32::from(i16::from_le_bytes([b[0], b[1]])));
        l.cost.wrapping_add(link)
    };
    let (first, rest) = lefts.split_first()?;
    let mut best = (cost(first), first.id);
    for l in rest {
        let c = cost(l);
        if c < best.0 {
            best = (c, l.id);
        }
    }
    Some(best)
}

/// Call `f` with (length, entry) for each dictionary word that `text`
/// starts with, shortest first: `PrefixDict::prefix`, without its
/// iterator adapters.
fn for_each_prefix(words: &PrefixDict, text: &str, mut f: impl FnMut(usize, WordEntry)) {
    const ENTRY: usize = WordEntry::SERIALIZED_LEN;
    for (offset_len, n) in words.da.common_prefix_search(text) {
        // 5 bits of entry count, then the offset of the first entry.
        let count = (offset_len & 0x1f) as usize;
        let first = (offset_len >> 5) as usize * ENTRY;
        let Some(data) = words.vals_data.get(first..first + count * ENTRY) else {
            continue;
        };
        for e in data.chunks_exact(ENTRY) {
            f(
                n,
                WordEntry {
                    word_id: WordId(
                        u32::from_le_bytes([e[0], e[1], e[2], e[3]]),
                        words.is_system,
                    ),
                    word_cost: i16::from_le_bytes([e[4], e[5]]),
                    left_id: u16::from_le_bytes([e[6], e[7]]),
                    right_id: u16::from_le_bytes([e[8], e[9]]),
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_categories_are_lindera_s() {
        let lindera = super::super::shared_lindera().expect("IPADIC loads");
        let chars = &lindera.dictionary.char_definitions;
        let mut cats = CharCats::default();
        cats.keep_for(chars);
        // Twice: the first lookup fills the table, the second reads it.
        for _ in 0..2 {
            for c in ('\0'..='\u{ffff}').chain(['😀', '𠮷', '\u{10ffff}']) {
                let set = cats.index(chars, c);
                assert_eq!(
                    cats.sets.get(set).map(|s| &s[..]),
                    Some(chars.lookup_categories(c)),
                    "{c:?}"
                );
            }
        }
        assert!(cats.sets.len() < 256);
    }
}
