//! Facts about one document that several rules need, computed once per
//! document on first use instead of once per rule: the damage counts of a
//! sentence are read by `release.missing-as-of`, `release.missing-victim-count`
//! and `release.count-conflict`; the dates of a sentence by
//! `release.weekday-mismatch`, `release.missing-when`, `release.timeline-order`
//! and `release.count-conflict`; which blocks have a character outside the
//! common Japanese and ASCII ranges is read by the four character rules
//! (`chars::runs`).

use std::borrow::Cow;
use std::sync::OnceLock;

use super::counts::{damage_counts, Count};
use super::jdate::{find_dates, DateHit};
use crate::rules::Ctx;
use crate::sentence::Sentence;

/// One per [`crate::lint`] call, shared by every rule's [`Ctx`].
#[derive(Debug, Default)]
pub struct Facts {
    /// Per sentence of `ctx.sentences`, by index.
    damage_counts: OnceLock<Vec<OnceLock<Vec<Count>>>>,
    /// Per sentence of `ctx.sentences`, by index.
    dates: OnceLock<Vec<OnceLock<Vec<DateHit>>>>,
    /// Per block of `ctx.doc.blocks`: does its text have a character that
    /// is not [`super::chars::ordinary`]?
    unusual_blocks: OnceLock<Vec<bool>>,
}

impl Facts {
    /// [`damage_counts`] of `s`, cached when `s` is one of `ctx.sentences`.
    pub fn damage_counts<'f>(&'f self, ctx: &Ctx<'_>, s: &Sentence) -> Cow<'f, [Count]> {
        per_sentence(&self.damage_counts, ctx, s, || damage_counts(ctx.doc, s))
    }

    /// [`find_dates`] in the text of `s`, cached when `s` is one of
    /// `ctx.sentences`.
    pub fn dates<'f>(&'f self, ctx: &Ctx<'_>, s: &Sentence) -> Cow<'f, [DateHit]> {
        per_sentence(&self.dates, ctx, s, || find_dates(&s.text))
    }
}

/// `compute()` for `s`, kept in `cells` (one per sentence of `ctx.sentences`,
/// made on first use) when `s` is one of them.
fn per_sentence<'f, T: Clone>(
    cells: &'f OnceLock<Vec<OnceLock<Vec<T>>>>,
    ctx: &Ctx<'_>,
    s: &Sentence,
    compute: impl FnOnce() -> Vec<T>,
) -> Cow<'f, [T]> {
    let Some(i) = index_of(ctx.sentences, s) else {
        return Cow::Owned(compute());
    };
    let cells = cells.get_or_init(|| (0..ctx.sentences.len()).map(|_| OnceLock::new()).collect());
    match cells.get(i) {
        Some(cell) => Cow::Borrowed(cell.get_or_init(compute)),
        None => Cow::Owned(compute()),
    }
}

impl Facts {
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
}

/// Index of `s` in `all` when it is an element of it (by address).
pub fn index_of(all: &[Sentence], s: &Sentence) -> Option<usize> {
    let size = std::mem::size_of::<Sentence>().max(1);
    let offset = (s as *const Sentence as usize).checked_sub(all.as_ptr() as usize)?;
    let i = offset / size;
    (offset % size == 0 && all.get(i).is_some_and(|x| std::ptr::eq(x, s))).then_some(i)
}
