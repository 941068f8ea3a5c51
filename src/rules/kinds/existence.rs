//! `existence`: every match of `patterns` in the scope is a finding.

use super::{match_span, Common};
use crate::diagnostic::Diagnostic;
use crate::rules::pattern::TokenSeq;
use crate::rules::{render, Ctx, Reach, Rule, RuleMeta};

pub struct Existence {
    pub meta: RuleMeta,
    pub common: Common,
}

impl Rule for Existence {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        self.common.reach()
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
}
