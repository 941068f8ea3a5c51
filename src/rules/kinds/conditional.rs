//! `conditional`: if a unit contains `if`, it must also contain `then`
//! (incident ⇒ compensation). Reported at the `if` match.

use super::{match_span, Common};
use crate::diagnostic::Diagnostic;
use crate::rules::pattern::PatternSet;
use crate::rules::{render, Ctx, Rule, RuleMeta};

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

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for unit in self.common.units(ctx).iter() {
            if !self.common.unit_ok(unit) || unit.iter().any(|s| self.then.matches(s)) {
                continue;
            }
            if let Some((s, m)) = unit
                .iter()
                .find_map(|s| self.when.find_first(s).map(|m| (*s, m)))
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
