//! `conditional`: if a unit contains `if`, it must also contain `then`
//! (incident ⇒ compensation). Reported at the `if` match.

use super::{match_span, Common};
use crate::diagnostic::Diagnostic;
use crate::rules::pattern::{PatternSet, TokenSeq};
use crate::rules::{render, Ctx, Reach, Rule, RuleMeta};

pub struct Conditional {
    pub meta: RuleMeta,
    pub common: Common,
    pub when: PatternSet,
    pub then: PatternSet,
}

impl Rule for Conditional {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        self.common.reach()
    }

    fn token_seqs(&self) -> Vec<&TokenSeq> {
        let mut seqs = self.common.token_seqs();
        seqs.extend(self.when.token_seqs().chain(self.then.token_seqs()));
        seqs
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for unit in self.common.units(ctx).iter() {
            if !self.common.unit_ok(ctx, unit) || unit.iter().any(|s| self.then.matches(ctx, s)) {
                continue;
            }
            if let Some((s, m)) = unit
                .iter()
                .find_map(|s| self.when.find_first(ctx, s).map(|m| (s, m)))
            {
                let vars = [("match", m.text.as_str())];
                out.push(
                    Diagnostic::new(
                        &self.meta.id,
                        ctx.severity,
                        match_span(ctx, s, &m),
                        render(&self.meta.message, &vars),
                    )
                    .with_help(render(&self.meta.help, &vars)),
                );
            }
        }
    }
}
