//! `ja.no-doubled-conjunction`: consecutive sentences of one paragraph that
//! open with the same conjunction (textlint-rule-no-doubled-conjunction).
//! Only a sentence-initial conjunction counts: および／または inside a
//! sentence are conjunctions to IPADIC but repeat naturally.

use super::ja_common::{finding, is_symbol};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, Reach, Rule, RuleMeta};
use crate::token::Token;

pub struct NoDoubledConjunction {
    meta: RuleMeta,
}

const ID: &str = "ja.no-doubled-conjunction";

impl NoDoubledConjunction {
    pub fn new() -> Self {
        let mut m = RuleMeta::builtin(ID, Severity::Warning);
        m.summary = "同じ接続詞で始まる文が続いています".into();
        m.message = "前の文と同じ接続詞「{match}」で文が始まっています。".into();
        m.help = "接続詞を言い換えるか、二つの文をまとめてください。".into();
        m.why = "同じ接続詞が続くと文のつながりが単調になり、論理の関係もぼやけます。".into();
        m.how = "同じ段落の中で、接続詞（形態素解析で判定）で始まる文を順に見て、直前の接続詞で始まる文と同じ接続詞かどうかを比べます。接続詞で始まらない文は間にあっても数えません。".into();
        m.exceptions =
            "段落が変わる場合や、間に接続詞で始まらない文がある場合は報告しません。".into();
        m.bad = vec!["しかし、調査は続いています。しかし、原因は特定できていません。".into()];
        m.good = vec!["しかし、調査は続いています。なお、原因は特定できていません。".into()];
        NoDoubledConjunction { meta: m }
    }
}

impl Default for NoDoubledConjunction {
    fn default() -> Self {
        Self::new()
    }
}

fn opening_conjunction(tokens: &[Token]) -> Option<&Token> {
    tokens
        .iter()
        .find(|t| !is_symbol(t))
        .filter(|t| t.is("接続詞"))
}

impl Rule for NoDoubledConjunction {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Block
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let mut prev: Option<(usize, &str)> = None;
        for s in ctx.prose() {
            if prev.is_some_and(|(block, _)| block != s.block()) {
                prev = None;
            }
            // As in textlint, a sentence without a conjunction does not break
            // the chain: 「しかし…。…。しかし…。」 still repeats itself.
            let Some(t) = opening_conjunction(ctx.tokens(s)) else {
                continue;
            };
            if prev.is_some_and(|(_, word)| word == t.surface) {
                let msg = self.meta.message.replace("{match}", &t.surface);
                out.push(finding(ctx, ID, s, t.range(), msg, &self.meta.help));
            }
            prev = Some((s.block(), t.surface.as_str()));
        }
    }
}
