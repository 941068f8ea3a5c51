//! `require`: the document must contain evidence (a match of `patterns` in
//! a unit that satisfies `context`). Missing evidence is one finding
//! anchored at the title or lead. With `element`, the evidence also fills
//! that coverage element (JSON `coverage`, the coverage card).

use super::{match_span, Common};
use crate::coverage::Element;
use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Role};
use crate::rules::checks::{element, predicate};
use crate::rules::lazy_regex::LazyRegex;
use crate::rules::pattern::TokenSeq;
use crate::rules::{Ctx, Reach, Rule, RuleMeta};
use crate::span::Span;

pub struct Require {
    pub meta: RuleMeta,
    pub common: Common,
    pub element: Option<Element>,
    /// A sentence in a section whose heading matches is evidence
    /// (`section = "理由|目的"`): 「【見直しの理由】」 says what follows.
    pub section: Option<LazyRegex>,
    /// The value of a labelled line or table row is evidence (`field =
    /// "場所|発生場所"`; see [`crate::rules::spec`]).
    pub field: Option<LazyRegex>,
}

impl Require {
    /// The value of the first line of the lead or body labelled with the
    /// field (「・場所：第1グラウンド」), or the cell after a label cell that
    /// is the field (「| 場所 | 第1グラウンド |」), outside sections the rule
    /// skips.
    fn field_value(&self, ctx: &Ctx<'_>) -> Option<Span> {
        let re = self.field.as_ref()?;
        let label_cell = |b: usize| {
            let cell = |b: usize| {
                ctx.doc
                    .blocks
                    .get(b)
                    .filter(|b| b.kind == BlockKind::TableCell)
            };
            cell(b)?;
            let label = cell(b.checked_sub(1)?)?;
            re.captures(&label.text)
                .is_some_and(|c| c.name("value").is_none())
                .then_some(())
        };
        ctx.sentences
            .iter()
            .filter(|s| matches!(s.role, Role::Lead | Role::Body))
            .filter(|s| !self.common.skips_section(ctx.doc.label_heading(s.block())))
            .find_map(|s| {
                let range = match re.captures(&s.text).and_then(|c| c.name("value")) {
                    Some(v) => Span::new(v.start(), v.end()),
                    None => {
                        label_cell(s.block())?;
                        let text = s.text.trim_end();
                        let start = text.len() - text.trim_start().len();
                        (start < text.len()).then(|| Span::new(start, text.len()))?
                    }
                };
                Some(s.source_span(ctx.doc, range))
            })
    }
}

impl Rule for Require {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn element(&self) -> Option<Element> {
        self.element
    }

    /// Evidence anywhere in the document counts; the patterns' token
    /// sequences are recorded for a windowed lint.
    fn reach(&self) -> Reach {
        Reach::Document
    }

    fn token_seqs(&self) -> Vec<&TokenSeq> {
        self.common.token_seqs()
    }

    fn find_evidence(&self, ctx: &Ctx<'_>) -> Option<Span> {
        // Units are judged lazily: the first one with evidence ends the
        // search, so later units' context is never looked at.
        let units = self.common.units(ctx);
        let ok = |u: &super::Unit<'_, '_>| self.common.unit_ok(ctx, *u);
        let found = units
            .iter()
            .filter(ok)
            .find_map(|u| self.common.first_in_unit(ctx, u))
            .map(|(s, m)| match_span(ctx, s, &m))
            .or_else(|| {
                // Some elements also have a token-based finder (a sentence's
                // main predicate) for wording no pattern list foresees.
                let finder = self.element.and_then(predicate::fallback)?;
                units.iter().filter(ok).find_map(|u| finder(ctx, u))
            })
            .or_else(|| self.field_value(ctx))
            .or_else(|| {
                let re = self.section.as_ref()?;
                units.iter().filter(ok).find_map(|u| {
                    u.iter()
                        .find(|s| {
                            // A sentence under the heading, not the heading.
                            let heading = element::heading_of(ctx, s);
                            re.is_match(heading) && !heading.contains(s.text.trim())
                        })
                        .map(|s| s.source_span(ctx.doc, Span::new(0, s.text.len())))
                })
            });
        found
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let found = match self.element {
            Some(e) => ctx.coverage.get(e).found,
            None => self.find_evidence(ctx).is_some(),
        };
        if !found {
            out.push(self.meta.finding(ctx, ctx.anchor()));
        }
    }
}
