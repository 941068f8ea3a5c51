//! `ja.max-ten`: too many 読点 in one sentence (textlint-rule-max-ten).
//! A 、 between two nouns lists items (「東京、大阪、名古屋」) and is not
//! counted unless `strict` is set, as in textlint.

use super::ja_common::{finding, is_bracket, opt};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, Reach, Rule, RuleMeta};
use crate::token::Token;

pub struct MaxTen {
    meta: RuleMeta,
}

const ID: &str = "ja.max-ten";

impl MaxTen {
    pub fn new() -> Self {
        let mut m = RuleMeta::builtin(ID, Severity::Warning);
        m.summary = "一文の読点「、」が多すぎます".into();
        m.message = "一文に読点「、」が {value} 個あります（上限 {max} 個）。".into();
        m.help = "文を二つに分けるか、読点がなくても読める語順にしてください。".into();
        m.why = "読点が多い文は係り受けがわかりにくく、記者や読者が誤読する原因になります。".into();
        m.how = "文中の「、」を数え、上限を超えた読点の位置を示します（「，」は ja.max-comma が数えます）。".into();
        m.exceptions = "名詞と名詞の間の読点（「東京、大阪、名古屋」のような列挙）は数えません（strict = true で数えます）。".into();
        m.bad = vec!["当社は、本日、新しいサービスを、全国の店舗で、開始しました。".into()];
        m.good = vec![
            "当社は本日、新しいサービスを全国の店舗で開始しました。".into(),
            "対象は東京、大阪、名古屋、福岡、札幌の各店舗です。".into(),
        ];
        m.options = vec![
            opt(
                "max",
                "3",
                "一文に使える読点の数。これを超えると報告します。",
            ),
            opt(
                "strict",
                "false",
                "true にすると名詞の列挙の読点も数えます。",
            ),
        ];
        MaxTen { meta: m }
    }
}

impl Default for MaxTen {
    fn default() -> Self {
        Self::new()
    }
}

/// Nouns, unknown words (ASCII names) and inline code stand for a noun.
fn noun_like(t: Option<&Token>) -> bool {
    t.is_some_and(|t| t.is("名詞") || t.is("未知語") || t.surface == "＿")
}

/// 「名詞、名詞」: brackets around the nouns are skipped, as in
/// 「(1)小麦粉、(2)牛乳」.
fn sandwiched(tokens: &[Token], i: usize) -> bool {
    let before = tokens[..i].iter().rev().find(|t| !is_bracket(t));
    let after = tokens
        .get(i + 1..)
        .and_then(|rest| rest.iter().find(|t| !is_bracket(t)));
    noun_like(before) && noun_like(after)
}

impl Rule for MaxTen {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Block
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let max = ctx.options.int("max", 3).max(0) as usize;
        let strict = ctx.options.bool("strict", false);
        for s in ctx.prose() {
            let tokens = ctx.tokens(s);
            let counted: Vec<usize> = tokens
                .iter()
                .enumerate()
                .filter(|(i, t)| t.surface == "、" && (strict || !sandwiched(tokens, *i)))
                .map(|(i, _)| i)
                .collect();
            if counted.len() <= max {
                continue;
            }
            let Some(t) = counted.get(max).and_then(|&i| tokens.get(i)) else {
                continue;
            };
            let msg = self
                .meta
                .message
                .replace("{value}", &counted.len().to_string())
                .replace("{max}", &max.to_string());
            out.push(finding(ctx, ID, s, t.range(), msg, &self.meta.help));
        }
    }
}
