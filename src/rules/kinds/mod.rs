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

/// A group of sentences a rule judges together, read in document order.
/// Only block and section units are lists. A sentence unit is that
/// sentence; the document, lead and title units are the file's sentences,
/// filtered as they are read: a huge file has half a million sentences, a
/// list of them for each rule took megabytes, and a rule that stops at its
/// first evidence reads only the start.
#[derive(Clone, Copy)]
pub enum Unit<'u, 'a> {
    One(&'a Sentence),
    List(&'u [&'a Sentence]),
    Kept(&'a [Sentence], &'u dyn Fn(&Sentence) -> bool),
}

impl<'u, 'a> Unit<'u, 'a> {
    pub fn iter(self) -> UnitIter<'u, 'a> {
        match self {
            Unit::One(s) => UnitIter::One(Some(s)),
            Unit::List(list) => UnitIter::List(list.iter()),
            Unit::Kept(all, keep) => UnitIter::Kept(all.iter(), keep),
        }
    }
}

impl<'u, 'a> IntoIterator for Unit<'u, 'a> {
    type Item = &'a Sentence;
    type IntoIter = UnitIter<'u, 'a>;

    fn into_iter(self) -> UnitIter<'u, 'a> {
        self.iter()
    }
}

/// The sentences of a [`Unit`].
pub enum UnitIter<'u, 'a> {
    One(Option<&'a Sentence>),
    List(std::slice::Iter<'u, &'a Sentence>),
    Kept(
        std::slice::Iter<'a, Sentence>,
        &'u dyn Fn(&Sentence) -> bool,
    ),
}

impl<'a> Iterator for UnitIter<'_, 'a> {
    type Item = &'a Sentence;

    fn next(&mut self) -> Option<&'a Sentence> {
        match self {
            UnitIter::One(s) => s.take(),
            UnitIter::List(it) => it.next().copied(),
            UnitIter::Kept(it, keep) => it.find(|s| keep(s)),
        }
    }
}

/// A file cut into one scope's units.
pub struct Units<'s, 'a> {
    all: &'a [Sentence],
    /// The sentences the rule looks at (prose only, skipped sections),
    /// and for a lead or title scope, of that role.
    keep: Box<dyn Fn(&Sentence) -> bool + 's>,
    shape: Shape<'a>,
}

enum Shape<'a> {
    /// Each kept sentence is a unit.
    EachSentence,
    /// All kept sentences are one unit.
    Whole,
    /// Listed units (blocks, sections).
    Groups(Vec<Vec<&'a Sentence>>),
}

impl<'s, 'a> Units<'s, 'a> {
    /// The units in order.
    pub fn iter(&self) -> impl Iterator<Item = Unit<'_, 'a>> + '_ {
        let (each, whole, groups) = match &self.shape {
            Shape::EachSentence => (self.all, false, &[][..]),
            Shape::Whole => (&[][..], true, &[][..]),
            Shape::Groups(g) => (&[][..], false, g.as_slice()),
        };
        let keep: &dyn Fn(&Sentence) -> bool = &*self.keep;
        each.iter()
            .filter(move |s| keep(s))
            .map(Unit::One)
            .chain(whole.then_some(Unit::Kept(self.all, keep)))
            .chain(groups.iter().map(|g| Unit::List(g)))
    }
}

impl Common {
    /// Does `section-not` skip the sentences under this heading?
    pub fn skips_section(&self, heading: &str) -> bool {
        self.section_not
            .as_ref()
            .is_some_and(|re| re.is_match(heading))
    }

    /// Cut the file into this scope's units.
    pub fn units<'s, 'a>(&'s self, ctx: &'s Ctx<'a>) -> Units<'s, 'a> {
        // Sentences of one block, and blocks of one section, share a
        // heading: judge each heading once, not once per sentence. (The
        // heading is the same `&str` of the document when it is the same
        // heading, so its address identifies it.)
        let last_block: Cell<Option<(usize, bool)>> = Cell::new(None);
        let last_heading: Cell<Option<(*const u8, usize, bool)>> = Cell::new(None);
        let in_skipped_section = move |s: &Sentence| {
            if self.section_not.is_none() {
                return false;
            }
            if let Some((block, skip)) = last_block.get() {
                if block == s.block() {
                    return skip;
                }
            }
            let heading = ctx.doc.label_heading(s.block());
            let skip = match last_heading.get() {
                Some((ptr, len, skip)) if ptr == heading.as_ptr() && len == heading.len() => skip,
                _ => self.skips_section(heading),
            };
            last_heading.set(Some((heading.as_ptr(), heading.len(), skip)));
            last_block.set(Some((s.block(), skip)));
            skip
        };
        let role = match self.scope {
            Scope::Lead => Some(Role::Lead),
            Scope::Title => Some(Role::Title),
            _ => None,
        };
        let keep = move |s: &Sentence| {
            role.is_none_or(|r| s.role == r)
                && (!self.prose_only || s.prose)
                && !in_skipped_section(s)
        };
        let all: &'a [Sentence] = ctx.sentences;
        let shape = match self.scope {
            Scope::Sentence => Shape::EachSentence,
            Scope::Document | Scope::Lead | Scope::Title => Shape::Whole,
            Scope::Block | Scope::Section => {
                // A block before the first heading, or under the title
                // only, belongs to no section: it is a unit of its own (a
                // release without headings is not one section).
                let blocks = &ctx.doc.blocks;
                let key = |s: &Sentence| match self.scope {
                    Scope::Block => (false, s.block()),
                    _ => match blocks.get(s.block()).and_then(|b| b.section()) {
                        Some(h) if blocks.get(h).is_some_and(|h| h.role != Role::Title) => {
                            (true, h)
                        }
                        _ => (false, s.block()),
                    },
                };
                // Units in order of their first sentence; a key seen again
                // later joins its unit (a map keeps this linear).
                let mut units: Vec<Vec<&'a Sentence>> = Vec::new();
                let mut index: HashMap<(bool, usize), usize, foldhash::fast::FixedState> =
                    HashMap::default();
                for s in all.iter().filter(|s| keep(s)) {
                    let k = key(s);
                    match index.get(&k) {
                        Some(&i) => units[i].push(s),
                        None => {
                            index.insert(k, units.len());
                            units.push(vec![s]);
                        }
                    }
                }
                Shape::Groups(units)
            }
        };
        Units {
            all,
            keep: Box::new(keep),
            shape,
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
    pub fn unit_ok(&self, ctx: &Ctx<'_>, unit: Unit<'_, '_>) -> bool {
        (self.context.is_empty() || unit.iter().any(|s| self.context.matches(ctx, s)))
            && (self.context_not.is_empty()
                || !unit.iter().any(|s| self.context_not.matches(ctx, s)))
    }

    /// Matches of `patterns` in a sentence, minus excluded ones.
    pub fn matches(&self, ctx: &Ctx<'_>, s: &Sentence) -> Vec<Match> {
        self.match_ranges(ctx, s)
            .into_iter()
            .map(|range| Match::at(range, &s.text))
            .collect()
    }

    /// The ranges of [`Common::matches`].
    fn match_ranges(&self, ctx: &Ctx<'_>, s: &Sentence) -> Vec<Span> {
        let mut found = self.patterns.find_ranges(ctx, s);
        if found.is_empty() || self.exclude.is_empty() {
            return found;
        }
        // The exclusions of the sentence are found once, not once per match.
        let excluded = self.exclude.excluded_in(ctx, s);
        found.retain(|r| !excluded.covers(*r));
        found
    }

    /// First match in the unit (in document order) and its sentence.
    pub fn first_in_unit<'a>(
        &self,
        ctx: &Ctx<'_>,
        unit: Unit<'_, 'a>,
    ) -> Option<(&'a Sentence, Match)> {
        unit.iter().find_map(|s| {
            let m = if self.exclude.is_empty() {
                // The first of all matches is the earliest (then longest) of
                // each pattern's first match: no need to find them all.
                self.patterns.find_first(ctx, s)
            } else {
                self.match_ranges(ctx, s)
                    .first()
                    .map(|&range| Match::at(range, &s.text))
            };
            // Evidence a hard line break cut in two (「お詫び申し⏎上げます」).
            m.or_else(|| {
                self.patterns
                    .find_first_across_lines(&s.text, &self.exclude)
            })
            .map(|m| (s, m))
        })
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
