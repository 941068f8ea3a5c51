//! Facts about one document that several rules need, computed once per
//! document on first use instead of once per rule: the damage counts of a
//! sentence are read by `release.missing-as-of`, `release.missing-victim-count`
//! and `release.count-conflict`; the dates of a sentence by
//! `release.weekday-mismatch`, `release.missing-when`, `release.timeline-order`
//! and `release.count-conflict`; which blocks have a character outside the
//! common Japanese and ASCII ranges is read by the four character rules
//! (`chars::runs`).
//!
//! Also the token memo of a windowed lint (see [`crate::lint`]): a huge
//! file is tokenized a window at a time and each window's tokens are
//! dropped once the rules of block reach have run on it. What rules of
//! document reach read from tokens is recorded first, sentence by
//! sentence, and read back from here.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use super::counts::{damage_counts, Count};
use super::jdate::{find_dates, DateHit};
use super::missing_who::org_token;
use super::no_mix_dearu_desumasu::{sentence_end, Style};
use super::predicate::{self, Which};
use crate::rules::literals::{self, Index};
use crate::rules::pattern::{token_seq_ranges, TokenSeq};
use crate::rules::Ctx;
use crate::sentence::Sentence;
use crate::span::Span;

/// One per [`crate::lint`] call, shared by every rule's [`Ctx`]. The
/// per-sentence values are indexed by position in `ctx.sentences`: they
/// serve only the list of sentences they were first asked about with
/// (see `Facts::serves`); asked about another list, a value is computed
/// afresh instead of read from another sentence's slot. (The list is known
/// by its address and length: it must outlive the facts, as a prepared
/// file's sentences do.)
#[derive(Debug, Default)]
pub struct Facts {
    /// The sentence list (address, length) the per-sentence values belong to.
    owner: OnceLock<(usize, usize)>,
    /// The damage counts of every sentence of `ctx.sentences` (by index),
    /// found on first use: a rule that reads them (count-conflict) reads
    /// every sentence's. Sparse: a lazily filled slot per sentence would
    /// take 17 MB on a 50 MB file, most of it for sentences without counts.
    damage_counts: OnceLock<Sparse<Vec<Count>>>,
    /// The dates of every sentence, the same way (weekday-mismatch reads
    /// every sentence's).
    dates: OnceLock<Sparse<Vec<DateHit>>>,
    /// Per block of `ctx.doc.blocks`: does its text have a character that
    /// is not [`super::chars::ordinary`]?
    unusual_blocks: OnceLock<Vec<bool>>,
    /// Where the header names the issuer, as the body would write it
    /// ([`super::missing_who::issuer_name`]): found once, not once per
    /// sentence (finding it reads the header lines, and may read every
    /// sentence when there is no issuer).
    issuer_name: OnceLock<Option<Span>>,
    /// Which regexes of pattern lists may match each sentence of
    /// `ctx.sentences` ([`crate::rules::literals`]), found in one pass on
    /// first use; `None` for a file too big to keep them for, or when the
    /// filter is off.
    literal_hits: OnceLock<Option<LiteralHits>>,
    /// Filled window by window by [`Facts::record`].
    recording: Option<TokenMemo>,
    /// `Some` once a windowed lint has dropped the tokens ([`Facts::seal`]).
    memo: Option<TokenMemo>,
}

/// [`Facts::literal_hits`]: for sentence `i`, the bits
/// `bits[i * words..(i + 1) * words]` of [`Index::scan`].
#[derive(Debug)]
struct LiteralHits {
    index: Arc<Index>,
    words: usize,
    bits: Vec<u64>,
}

impl LiteralHits {
    /// At most this many bytes of bits per file (a 3 KB release needs a
    /// few hundred; a huge file goes without the filter).
    const MAX_BYTES: usize = 1 << 20;

    fn scan(sentences: &[Sentence]) -> Option<LiteralHits> {
        let index = literals::index();
        let words = index.words();
        if sentences.len().saturating_mul(words).saturating_mul(8) > Self::MAX_BYTES {
            return None;
        }
        let mut bits = vec![0u64; sentences.len() * words];
        for (s, b) in sentences.iter().zip(bits.chunks_exact_mut(words.max(1))) {
            index.scan(&s.text, b);
        }
        Some(LiteralHits { index, words, bits })
    }
}

/// Token-derived values per sentence (by index in the document's list),
/// kept sparse: only sentences with a value are stored, in index order.
#[derive(Debug, Default)]
pub struct TokenMemo {
    org: Sparse<At>,
    ends: Sparse<(Style, At)>,
    finders: [Sparse<At>; Which::ALL.len()],
    /// Matches of each token sequence of the rules of document reach, by
    /// the sequence's address (the registry outlives the lint).
    seqs: HashMap<usize, Sparse<Box<[Span]>>>,
}

/// A [`Span`] in half the bytes: a memo entry exists for most sentences of
/// a huge file, and offsets are below 4 GiB (`input::HARD_MAX_BYTES`).
#[derive(Debug, Clone, Copy)]
struct At(u32, u32);

impl From<Span> for At {
    fn from(s: Span) -> Self {
        let offset = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
        At(offset(s.start), offset(s.end))
    }
}

impl From<At> for Span {
    fn from(a: At) -> Self {
        Span::new(a.0 as usize, a.1 as usize)
    }
}

#[derive(Debug)]
struct Sparse<T>(Vec<(u32, T)>);

impl<T> Default for Sparse<T> {
    fn default() -> Self {
        Sparse(Vec::new())
    }
}

impl<T> Sparse<T> {
    fn push(&mut self, i: usize, value: Option<T>) {
        if let (Some(v), Ok(i)) = (value, u32::try_from(i)) {
            self.0.push((i, v));
        }
    }

    fn get(&self, i: usize) -> Option<&T> {
        let i = u32::try_from(i).ok()?;
        let at = self.0.binary_search_by_key(&i, |(j, _)| *j).ok()?;
        self.0.get(at).map(|(_, v)| v)
    }

    fn shrink(&mut self) {
        self.0.shrink_to_fit();
    }
}

impl Facts {
    /// Facts of a file to be linted; without `literal_filter`, every
    /// regex of a pattern list runs on every sentence (see
    /// [`crate::Settings::literal_filter`]).
    pub fn new(literal_filter: bool) -> Facts {
        let facts = Facts::default();
        if !literal_filter {
            let _ = facts.literal_hits.set(None);
        }
        facts
    }

    /// [`damage_counts`] of `s`, cached when `s` is one of `ctx.sentences`.
    pub fn damage_counts<'f>(&'f self, ctx: &Ctx<'_>, s: &Sentence) -> Cow<'f, [Count]> {
        per_sentence(self, &self.damage_counts, ctx, s, |s| {
            damage_counts(ctx.doc, s)
        })
    }

    /// [`find_dates`] in the text of `s`, cached when `s` is one of
    /// `ctx.sentences`.
    pub fn dates<'f>(&'f self, ctx: &Ctx<'_>, s: &Sentence) -> Cow<'f, [DateHit]> {
        per_sentence(self, &self.dates, ctx, s, |s| find_dates(&s.text))
    }

    /// The issuer's name as the body writes it, if the header gives one.
    pub fn issuer_name<'t>(&self, ctx: &Ctx<'t>) -> Option<&'t str> {
        let span = (*self
            .issuer_name
            .get_or_init(|| super::missing_who::issuer_name(ctx)))?;
        ctx.text().get(span.start..span.end)
    }

    /// For each block, whether its text has a character that is not
    /// [`super::chars::ordinary`]: one pass over the text instead of one per
    /// character rule (most blocks have none).
    pub fn unusual_blocks(&self, ctx: &Ctx<'_>) -> &[bool] {
        self.unusual_blocks.get_or_init(|| {
            ctx.doc
                .blocks
                .iter()
                .map(|b| !super::chars::all_ordinary(&b.text))
                .collect()
        })
    }

    /// The literal filter and the bits of `s` (see [`Index::may_match`]),
    /// when `s` is one of `ctx.sentences`.
    #[inline]
    pub fn literal_bits<'f>(
        &'f self,
        ctx: &Ctx<'_>,
        s: &Sentence,
    ) -> Option<(&'f Index, &'f [u64])> {
        let i = self.index(ctx, s)?;
        let hits = self
            .literal_hits
            .get_or_init(|| LiteralHits::scan(ctx.sentences))
            .as_ref()?;
        let bits = hits.bits.get(i * hits.words..(i + 1) * hits.words)?;
        Some((&hits.index, bits))
    }

    /// Record what rules of document reach will read from the tokens of
    /// `ctx.sentences[window]`, before the window's tokens are dropped.
    /// `seqs` are the token sequences of those rules' patterns.
    pub fn record(&mut self, ctx: &Ctx<'_>, window: Range<usize>, seqs: &[&TokenSeq]) {
        debug_assert!(
            self.serves(ctx.sentences),
            "recorded for one list of sentences"
        );
        let memo = self.recording.get_or_insert_with(TokenMemo::default);
        for i in window {
            let Some(s) = ctx.sentences.get(i) else {
                break;
            };
            memo.org.push(i, org_token(ctx.tokens(s)).map(At::from));
            memo.ends.push(
                i,
                sentence_end(ctx.tokens(s)).map(|(style, r)| (style, At::from(r))),
            );
            for (which, sparse) in Which::ALL.iter().zip(memo.finders.iter_mut()) {
                sparse.push(i, predicate::find_in(ctx, *which, s).map(At::from));
            }
            for seq in seqs {
                let ranges: Box<[Span]> = token_seq_ranges(seq, ctx.tokens(s), &s.text).collect();
                let sparse = memo.seqs.entry(seq_key(seq)).or_default();
                sparse.push(i, (!ranges.is_empty()).then_some(ranges));
            }
        }
    }

    /// After the last window: from now on, token facts are read from the
    /// memo. Without a memo (one window), they are computed from tokens.
    pub fn seal(&mut self) {
        self.memo = self.recording.take();
        if let Some(memo) = self.memo.as_mut() {
            memo.org.shrink();
            memo.ends.shrink();
            memo.finders.iter_mut().for_each(Sparse::shrink);
            memo.seqs.values_mut().for_each(Sparse::shrink);
        }
    }

    #[inline]
    fn memo_index<'m>(&'m self, ctx: &Ctx<'_>, s: &Sentence) -> Option<(&'m TokenMemo, usize)> {
        let memo = self.memo.as_ref()?;
        Some((memo, self.index(ctx, s)?))
    }

    /// Do the per-sentence values belong to `sentences`? The first list
    /// asked about owns them.
    fn serves(&self, sentences: &[Sentence]) -> bool {
        let key = (sentences.as_ptr() as usize, sentences.len());
        *self.owner.get_or_init(|| key) == key
    }

    /// The index of `s` in `ctx.sentences`, if the per-sentence values
    /// belong to that list.
    #[inline]
    fn index(&self, ctx: &Ctx<'_>, s: &Sentence) -> Option<usize> {
        let i = index_of(ctx.sentences, s)?;
        self.serves(ctx.sentences).then_some(i)
    }

    /// [`org_token`] of `s`.
    pub fn org_token(&self, ctx: &Ctx<'_>, s: &Sentence) -> Option<Span> {
        match self.memo_index(ctx, s) {
            Some((memo, i)) => memo.org.get(i).map(|&a| a.into()),
            None => org_token(ctx.tokens(s)),
        }
    }

    /// [`sentence_end`] of `s`.
    pub fn sentence_end(&self, ctx: &Ctx<'_>, s: &Sentence) -> Option<(Style, Span)> {
        match self.memo_index(ctx, s) {
            Some((memo, i)) => memo.ends.get(i).map(|&(style, a)| (style, a.into())),
            None => sentence_end(ctx.tokens(s)),
        }
    }

    /// [`predicate::find_in`] of `s`.
    pub fn predicate(&self, ctx: &Ctx<'_>, which: Which, s: &Sentence) -> Option<Span> {
        match self.memo_index(ctx, s) {
            Some((memo, i)) => memo.finders.get(which as usize)?.get(i).map(|&a| a.into()),
            None => predicate::find_in(ctx, which, s),
        }
    }

    /// Recorded matches of `seq` in `s`: `None` when the tokens are still
    /// there (match them), `Some` (maybe empty) when they were dropped.
    #[inline]
    pub fn seq_ranges(&self, ctx: &Ctx<'_>, seq: &TokenSeq, s: &Sentence) -> Option<&[Span]> {
        let (memo, i) = self.memo_index(ctx, s)?;
        Some(
            memo.seqs
                .get(&seq_key(seq))
                .and_then(|sparse| sparse.get(i))
                .map_or(&[][..], |r| &r[..]),
        )
    }
}

/// `compute` of `s`, from `all`: the values of every sentence of
/// `ctx.sentences`, computed on first use and kept sparse (most sentences
/// have none), when `s` is one of them.
fn per_sentence<'f, T>(
    facts: &Facts,
    all: &'f OnceLock<Sparse<Vec<T>>>,
    ctx: &Ctx<'_>,
    s: &Sentence,
    compute: impl Fn(&Sentence) -> Vec<T>,
) -> Cow<'f, [T]>
where
    T: Clone,
{
    let Some(i) = facts.index(ctx, s) else {
        return Cow::Owned(compute(s));
    };
    let all = all.get_or_init(|| {
        let mut all = Sparse::default();
        for (i, s) in ctx.sentences.iter().enumerate() {
            let mut values = compute(s);
            // A first push reserves room for four: most sentences with a
            // date or a count have one, and a huge file has many.
            values.shrink_to_fit();
            all.push(i, (!values.is_empty()).then_some(values));
        }
        all.shrink();
        all
    });
    Cow::Borrowed(all.get(i).map_or(&[][..], Vec::as_slice))
}

fn seq_key(seq: &TokenSeq) -> usize {
    seq as *const TokenSeq as usize
}

/// Index of `s` in `all` when it is an element of it (by address).
pub fn index_of(all: &[Sentence], s: &Sentence) -> Option<usize> {
    let size = std::mem::size_of::<Sentence>().max(1);
    let offset = (s as *const Sentence as usize).checked_sub(all.as_ptr() as usize)?;
    let i = offset / size;
    (offset % size == 0 && all.get(i).is_some_and(|x| std::ptr::eq(x, s))).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::with_test_ctx;

    #[test]
    fn values_serve_only_the_sentence_list_first_asked_about() {
        let facts = Facts::default();
        let first = "被害は12名です。\n\n2025年4月1日に判明しました。\n";
        let other = "2025年5月2日に判明しました。\n\n被害は340名です。\n";
        let read = |ctx: &Ctx<'_>| -> Vec<(Option<u64>, usize)> {
            ctx.sentences
                .iter()
                .map(|s| {
                    let count = facts.damage_counts(ctx, s).first().and_then(|c| c.value);
                    (count, facts.dates(ctx, s).len())
                })
                .collect()
        };
        // Both lists alive at once, as a file's sentences and its facts are
        // (a list freed first could leave its address to the next).
        with_test_ctx(first, &facts, |a| {
            assert_eq!(read(a), [(Some(12), 0), (None, 1)]);
            // Asked about another file's sentences, the same facts compute
            // them afresh (the first file's values sit at the same positions).
            with_test_ctx(other, &facts, |b| {
                assert_eq!(read(b), [(None, 1), (Some(340), 0)]);
            });
            assert_eq!(read(a), [(Some(12), 0), (None, 1)]);
        });
    }
}
