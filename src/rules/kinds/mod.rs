//! The closed set of data-rule kinds (after Vale's extension points). Each
//! kind is one file; they share [`Common`] (scope, patterns, exclusions,
//! context) and the way a scope is cut into units of sentences.

pub mod conditional;
pub mod existence;
pub mod metric;
pub mod require;
pub mod substitution;

use std::cell::Cell;
use std::collections::HashMap;

use super::pattern::{Match, PatternSet, TokenSeq};
use super::Ctx;
use crate::document::Role;
use crate::sentence::Sentence;
use crate::span::Span;

/// Where a rule looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Each sentence on its own.
    Sentence,
    /// Each block (paragraph, list item, table cell, heading).
    Block,
    /// Each section: a heading or 【…】 line and the blocks under it.
    Section,
    /// The lead paragraph.
    Lead,
    /// The title.
    Title,
    /// The whole document as one unit.
    Document,
}

impl Scope {
    pub fn parse(s: &str) -> Option<Scope> {
        Some(match s {
            "sentence" => Scope::Sentence,
            "block" | "paragraph" => Scope::Block,
            "section" => Scope::Section,
            "lead" => Scope::Lead,
            "title" => Scope::Title,
            "document" => Scope::Document,
            _ => return None,
        })
    }
}

/// Keys shared by every kind.
#[derive(Debug, Clone)]
pub struct Common {
    pub scope: Scope,
    pub patterns: PatternSet,
    /// A match is dropped when one of these overlaps it.
    pub exclude: PatternSet,
    /// The unit must also contain one of these (when non-empty).
    pub context: PatternSet,
    /// The unit must contain none of these.
    pub context_not: PatternSet,
    /// Look only at prose sentences (not headers, contact lines, labels).
    pub prose_only: bool,
    /// Skip sentences in sections whose heading matches (`section-not`).
    pub section_not: Option<crate::rules::lazy_regex::LazyRegex>,
}

/// A group of sentences a rule judges together.
pub type Unit<'a> = Vec<&'a Sentence>;

/// A file cut into units. Sentence scope keeps one list of sentences and
/// hands each out as a one-element slice, instead of a `Vec` per sentence.
pub enum Units<'a> {
    EachSentence(Vec<&'a Sentence>),
    Groups(Vec<Unit<'a>>),
}

impl<'a> Units<'a> {
    /// The units in order, each a slice of sentences in document order.
    pub fn iter(&self) -> impl Iterator<Item = &[&'a Sentence]> + '_ {
        let (each, groups) = match self {
            Units::EachSentence(v) => (v.as_slice(), &[][..]),
            Units::Groups(g) => (&[][..], g.as_slice()),
        };
        each.iter()
            .map(std::slice::from_ref)
            .chain(groups.iter().map(Vec::as_slice))
    }
}

impl Common {
    /// Cut the file into this scope's units.
    pub fn units<'a>(&self, ctx: &Ctx<'a>) -> Units<'a> {
        // Sentences of one block, and blocks of one section, share a
        // heading: judge each heading once, not once per sentence. (The
        // heading is the same `&str` of the document when it is the same
        // heading, so its address identifies it.)
        let last_block: Cell<Option<(usize, bool)>> = Cell::new(None);
        let last_heading: Cell<Option<(*const u8, usize, bool)>> = Cell::new(None);
        let in_skipped_section = |s: &Sentence| {
            let Some(re) = self.section_not.as_ref() else {
                return false;
            };
            if let Some((block, skip)) = last_block.get() {
                if block == s.block {
                    return skip;
                }
            }
            let heading = ctx.doc.label_heading(s.block, ctx.text());
            let skip = match last_heading.get() {
                Some((ptr, len, skip)) if ptr == heading.as_ptr() && len == heading.len() => skip,
                _ => re.is_match(heading),
            };
            last_heading.set(Some((heading.as_ptr(), heading.len(), skip)));
            last_block.set(Some((s.block, skip)));
            skip
        };
        let keep = |s: &&Sentence| (!self.prose_only || s.prose) && !in_skipped_section(s);
        let all = ctx.sentences.iter().filter(keep);
        match self.scope {
            Scope::Sentence => Units::EachSentence(all.collect()),
            Scope::Document => Units::Groups(vec![all.collect()]),
            Scope::Lead => Units::Groups(vec![all.filter(|s| s.role == Role::Lead).collect()]),
            Scope::Title => Units::Groups(vec![all.filter(|s| s.role == Role::Title).collect()]),
            Scope::Block | Scope::Section => {
                let key = |s: &Sentence| match self.scope {
                    Scope::Block => Some(s.block),
                    _ => ctx.doc.blocks.get(s.block).and_then(|b| b.section),
                };
                // Units in order of their first sentence; a key seen again
                // later joins its unit (a map keeps this linear).
                let mut units: Vec<Unit<'a>> = Vec::new();
                let mut index: HashMap<Option<usize>, usize, foldhash::fast::FixedState> =
                    HashMap::default();
                for s in all {
                    let k = key(s);
                    match index.get(&k) {
                        Some(&i) => units[i].push(s),
                        None => {
                            index.insert(k, units.len());
                            units.push(vec![s]);
                        }
                    }
                }
                Units::Groups(units)
            }
        }
    }

    /// How far a rule with this scope looks (see [`crate::rules::Reach`]):
    /// a unit of one sentence or one block is judged on its own.
    pub fn reach(&self) -> crate::rules::Reach {
        match self.scope {
            Scope::Sentence | Scope::Block => crate::rules::Reach::Block,
            _ => crate::rules::Reach::Document,
        }
    }

    /// The token sequences of all pattern lists.
    pub fn token_seqs(&self) -> Vec<&TokenSeq> {
        [
            &self.patterns,
            &self.exclude,
            &self.context,
            &self.context_not,
        ]
        .into_iter()
        .flat_map(PatternSet::token_seqs)
        .collect()
    }

    /// Does the unit satisfy `context` and `context-not`?
    pub fn unit_ok(&self, ctx: &Ctx<'_>, unit: &[&Sentence]) -> bool {
        (self.context.is_empty() || unit.iter().any(|s| self.context.matches(ctx, s)))
            && !unit.iter().any(|s| self.context_not.matches(ctx, s))
    }

    /// Matches of `patterns` in a sentence, minus excluded ones.
    pub fn matches(&self, ctx: &Ctx<'_>, s: &Sentence) -> Vec<Match> {
        let found = self.patterns.find_all(ctx, s);
        if found.is_empty() || self.exclude.is_empty() {
            return found;
        }
        // The exclusions of the sentence are found once, not once per match.
        let excluded = self.exclude.excluded_in(ctx, s);
        found
            .into_iter()
            .filter(|m| !excluded.covers(m.range))
            .collect()
    }

    /// First match in the unit (in document order) and its sentence.
    pub fn first_in_unit<'a>(
        &self,
        ctx: &Ctx<'_>,
        unit: &[&'a Sentence],
    ) -> Option<(&'a Sentence, Match)> {
        if self.exclude.is_empty() {
            // The first of all matches is the earliest (then longest) of
            // each pattern's first match: no need to find them all.
            return unit
                .iter()
                .find_map(|s| self.patterns.find_first(ctx, s).map(|m| (*s, m)));
        }
        unit.iter()
            .find_map(|s| self.matches(ctx, s).into_iter().next().map(|m| (*s, m)))
    }
}

/// Source span of a match in a sentence.
pub fn match_span(ctx: &Ctx<'_>, s: &Sentence, m: &Match) -> Span {
    s.source_span(ctx.doc, m.range)
}

/// Is the source text at `span` exactly `expected`? Fixes are only offered
/// when it is, so a fix can never rewrite markup it did not see.
pub fn source_is(ctx: &Ctx<'_>, span: Span, expected: &str) -> bool {
    ctx.text().get(span.start..span.end) == Some(expected)
}
