//! `ja.no-double-negative`: double negatives such as 〜ないことはない,
//! 〜なくはない, 〜ないでもない, 〜ないわけではない, 〜ないものではない,
//! 〜ないとは限らない, 〜ないとは言い切れない
//! (textlint-rule-no-double-negative-ja). Unlike textlint, the closing
//! negation may be polite (〜ないことはありません), as releases are. Negation is recognised by its
//! token, so 「少ないことはない」 (an adjective that merely ends in ない)
//! is not a double negative.

use super::ja_common::{cap, finding};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, Reach, Rule, RuleMeta};
use crate::span::Span;
use crate::token::Token;

pub struct NoDoubleNegative {
    meta: RuleMeta,
}

const ID: &str = "ja.no-double-negative";

impl NoDoubleNegative {
    pub fn new() -> Self {
        let mut m = RuleMeta::builtin(ID, Severity::Warning);
        m.summary = "二重否定が使われています".into();
        m.message = "二重否定「{match}」が使われています。".into();
        m.help =
            "肯定の形で言い切ってください（例:「できないことはありません」→「できます」）。".into();
        m.why = "二重否定は意図が伝わりにくく、事実を曖昧にしているという印象を与えます。".into();
        m.how = "否定の「ない」の後に「ことは／ことも」「では／でも」「は／も」「わけでは」「ものでは」「とは限ら」「とは言い切れ」と否定（ない・ありません）が続く形を、形態素解析で探します。".into();
        m.exceptions =
            "「少ない」「危ない」のように「ない」で終わるだけの語は否定として扱いません。".into();
        m.bad = vec![
            "再発の可能性がないことはありません。".into(),
            "予定どおり出荷できなくはない。".into(),
            "同様の被害が起きないとは限りません。".into(),
        ];
        m.good = vec![
            "再発の可能性があります。".into(),
            "在庫が少ないことはありません。".into(),
        ];
        NoDoubleNegative { meta: m }
    }
}

impl Default for NoDoubleNegative {
    fn default() -> Self {
        Self::new()
    }
}

fn is_negation(t: &Token) -> bool {
    (t.is("助動詞") && matches!(t.base.as_str(), "ない" | "ぬ" | "ん"))
        || (t.is("形容詞") && (t.base == "ない" || t.base == "無い"))
}

/// Tokens of a closing negation at `i` (ない, ありません, ございません).
fn closing_negation(tokens: &[Token], i: usize) -> Option<usize> {
    let t = tokens.get(i)?;
    if is_negation(t) {
        return Some(i + 1);
    }
    // 限りません: the verb is already consumed, only ません is left.
    if t.base == "ます"
        && tokens
            .get(i + 1)
            .is_some_and(|n| n.is("助動詞") && n.base == "ん")
    {
        return Some(i + 2);
    }
    if t.is("動詞") && (t.base == "ある" || t.base == "ござる") {
        let masu = tokens.get(i + 1)?;
        let n = tokens.get(i + 2)?;
        if masu.base == "ます" && n.is("助動詞") && n.base == "ん" {
            return Some(i + 3);
        }
    }
    None
}

fn is_wa_mo(t: Option<&Token>) -> bool {
    t.is_some_and(|t| t.is("助詞") && (t.surface == "は" || t.surface == "も"))
}

/// End (exclusive token index) of a double negative starting at `i`.
fn double_negative(tokens: &[Token], i: usize) -> Option<usize> {
    let first = tokens.get(i)?;
    if !is_negation(first) {
        return None;
    }
    let at = |k: usize| tokens.get(k);
    let surf = |k: usize, s: &str| at(k).is_some_and(|t| t.surface == s);
    // 〜なくはない / 〜なくもない
    if first.surface == "なく" && is_wa_mo(at(i + 1)) {
        return closing_negation(tokens, i + 2);
    }
    // 〜ないことはない / 〜ないこともない
    if (surf(i + 1, "こと") || surf(i + 1, "事")) && is_wa_mo(at(i + 2)) {
        return closing_negation(tokens, i + 3);
    }
    // 〜ないではない / 〜ないでもない
    if surf(i + 1, "で") && is_wa_mo(at(i + 2)) {
        return closing_negation(tokens, i + 3);
    }
    // 〜ないわけではない / 〜ないものではない
    if (surf(i + 1, "わけ") || surf(i + 1, "もの")) && surf(i + 2, "で") && is_wa_mo(at(i + 3))
    {
        return closing_negation(tokens, i + 4);
    }
    // 〜ないとは限らない / 〜ないとも限らない / 〜ないとは言い切れない
    if surf(i + 1, "と") {
        let k = if is_wa_mo(at(i + 2)) { i + 3 } else { i + 2 };
        let base = |k: usize, b: &str| at(k).is_some_and(|t| t.base == b);
        if base(k, "限る") {
            return closing_negation(tokens, k + 1);
        }
        if (base(k, "言う") || base(k, "いう")) && (base(k + 1, "切れる") || base(k + 1, "きれる"))
        {
            return closing_negation(tokens, k + 2);
        }
    }
    None
}

impl Rule for NoDoubleNegative {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Block
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for s in ctx.prose() {
            let start = out.len();
            let tokens = ctx.tokens(s);
            for i in 0..tokens.len() {
                let Some(end) = double_negative(tokens, i) else {
                    continue;
                };
                let (Some(a), Some(b)) = (tokens.get(i), tokens.get(end - 1)) else {
                    continue;
                };
                let range = Span::new(a.range().start, b.range().end);
                let msg = self.meta.message.replace("{match}", range.slice(&s.text));
                out.push(finding(ctx, ID, s, range, msg, &self.meta.help));
            }
            cap(out, start);
        }
    }
}
