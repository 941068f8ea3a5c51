//! `substitution`: each `swap` key found in the scope is reported with the
//! replacement as a fix (safe or suggestion). `swap-pos` restricts matches to
//! those whose first token has a given POS (auxiliary vs content use).

use std::collections::BTreeMap;

use crate::rules::lazy_regex::LazyRegex;

use super::{match_span, source_is, Common};
use crate::diagnostic::{Diagnostic, Fix};
use crate::rules::pattern::TokenSeq;
use crate::rules::pattern::{Pattern, PatternSet};
use crate::rules::{render, Ctx, FixAvailability, Reach, Rule, RuleMeta};

pub struct Substitution {
    pub meta: RuleMeta,
    pub common: Common,
    swap: BTreeMap<String, String>,
    swap_pos: Vec<LazyRegex>,
}

impl Substitution {
    pub fn new(
        meta: RuleMeta,
        mut common: Common,
        swap: &BTreeMap<String, String>,
        swap_pos: Vec<LazyRegex>,
    ) -> Self {
        let mut keys: Vec<&String> = swap.keys().collect();
        keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
        let alternation = keys
            .iter()
            .map(|k| regex::escape(k))
            .collect::<Vec<_>>()
            .join("|");
        // Escaped literals: always a valid regex, compiled on first use.
        common.patterns = PatternSet::new(vec![Pattern::Regex(LazyRegex::lazy(&alternation))]);
        Substitution {
            meta,
            common,
            swap: swap.clone(),
            swap_pos,
        }
    }
}

impl Rule for Substitution {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        match self.common.reach() {
            // `swap-pos` reads the tokens of every match.
            Reach::Document if !self.swap_pos.is_empty() => Reach::DocumentTokens,
            reach => reach,
        }
    }

    fn token_seqs(&self) -> Vec<&TokenSeq> {
        self.common.token_seqs()
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for unit in self.common.units(ctx).iter() {
            if !self.common.unit_ok(ctx, unit) {
                continue;
            }
            for s in unit {
                for m in self.common.matches(ctx, s) {
                    let Some(to) = self.swap.get(&m.text) else {
                        continue;
                    };
                    if !self.swap_pos.is_empty() {
                        let tok = ctx.tokens(s).iter().find(|t| {
                            t.range().start <= m.range.start && m.range.start < t.range().end
                        });
                        let ok = tok.is_some_and(|t| {
                            self.swap_pos
                                .iter()
                                .zip(t.pos.iter())
                                .all(|(r, p)| r.is_match(p))
                        });
                        if !ok {
                            continue;
                        }
                    }
                    let span = match_span(ctx, s, &m);
                    let vars = [
                        ("from", m.text.as_str()),
                        ("to", to.as_str()),
                        ("match", m.text.as_str()),
                    ];
                    let mut d = Diagnostic::new(
                        &self.meta.id,
                        ctx.severity,
                        span,
                        render(&self.meta.message, &vars),
                    )
                    .with_help(render(&self.meta.help, &vars));
                    if source_is(ctx, span, &m.text) {
                        d = d.with_fix(match self.meta.fix {
                            FixAvailability::Safe => Fix::safe(span, to.clone()),
                            _ => Fix::suggestion(span, to.clone()),
                        });
                    }
                    out.push(d);
                }
            }
        }
    }
}
