//! `ja.no-successive-word`: the same word twice in a row, usually a typing
//! slip (textlint-rule-ja-no-successive-word). Onomatopoeia written as a
//! repeated kana word (ドキドキ, わくわく) is allowed by default.

use super::ja_common::{cap, finding, is_symbol, opt, with_fix_if_exact};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, FixAvailability, Reach, Rule, RuleMeta};
use crate::span::Span;
use crate::token::Token;

pub struct NoSuccessiveWord {
    meta: RuleMeta,
}

const ID: &str = "ja.no-successive-word";

impl NoSuccessiveWord {
    pub fn new() -> Self {
        let mut m = RuleMeta::builtin(ID, Severity::Warning);
        m.summary = "同じ語が続けて書かれています".into();
        m.message = "「{match}」が二回続いています。".into();
        m.help = "重複した語を一つ削除してください。".into();
        m.why = "同じ語の連続はほとんどが入力ミスで、資料の信頼性を損ないます。".into();
        m.how = "形態素解析で隣り合う二語の表記が同じものを探します。".into();
        m.exceptions = "記号・数字、インラインコード、カタカナ語の繰り返し（textlint と同じく擬音語・擬態語とみなします）や二文字のかなの繰り返し（「ぽこぽこ」など）は報告しません。allow に書いた語も報告しません。".into();
        m.fix = FixAvailability::Suggestion;
        m.bad = vec!["新サービスのの提供を開始しました。".into()];
        m.good = vec![
            "新サービスの提供を開始しました。".into(),
            "会場はわくわくする雰囲気に包まれました。".into(),
        ];
        m.options = vec![
            opt("allow", "[]", "続けて書いてもよい語。"),
            opt(
                "allow-onomatopoeia",
                "true",
                "カタカナ語などの繰り返し（擬音語・擬態語）を許すかどうか。",
            ),
        ];
        NoSuccessiveWord { meta: m }
    }
}

impl Default for NoSuccessiveWord {
    fn default() -> Self {
        Self::new()
    }
}

fn is_kana(s: &str) -> bool {
    s.chars()
        .all(|c| ('\u{3041}'..='\u{30FC}').contains(&c) && c != '・')
}

fn is_katakana(s: &str) -> bool {
    s.chars()
        .all(|c| ('\u{30A1}'..='\u{30FA}').contains(&c) || c == 'ー')
}

fn skipped(t: &Token) -> bool {
    is_symbol(t)
        || t.pos_starts_with(&["名詞", "数"])
        || t.surface.chars().all(|c| c.is_ascii_digit() || c == '＿')
}

impl Rule for NoSuccessiveWord {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Block
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let allow = ctx.options.strings("allow");
        let onomatopoeia = ctx.options.bool("allow-onomatopoeia", true);
        for s in ctx.prose() {
            let start = out.len();
            // A run 「当社当社当社」 is one slip: report where it starts.
            let mut run_end = 0;
            let tokens = ctx.tokens(s);
            for (i, pair) in tokens.windows(2).enumerate() {
                let [a, b] = pair else { continue };
                if i < run_end {
                    continue;
                }
                if a.surface != b.surface || skipped(a) || allow.iter().any(|w| *w == a.surface) {
                    continue;
                }
                // Adjacent in the text, not across a removed space or markup.
                if a.range().end != b.range().start {
                    continue;
                }
                let grammatical = a.is("助詞") || a.is("助動詞");
                // As textlint: a repeated katakana word is taken for
                // onomatopoeia (ドキ|ドキ); so are short kana halves the
                // dictionary lacks (ぽこ|ぽこ).
                let mimetic = is_katakana(&a.surface)
                    || (is_kana(&a.surface) && a.surface.chars().count() == 2);
                if onomatopoeia && !grammatical && mimetic {
                    continue;
                }
                run_end = i + 1;
                while tokens
                    .get(run_end + 1)
                    .is_some_and(|t| t.surface == a.surface)
                {
                    run_end += 1;
                }
                let range = Span::new(a.range().start, b.range().end);
                let msg = self.meta.message.replace("{match}", &a.surface);
                let d = finding(ctx, ID, s, range, msg, &self.meta.help);
                let both = format!("{}{}", a.surface, b.surface);
                out.push(with_fix_if_exact(ctx, d, &both, &a.surface, false));
            }
            cap(out, start);
        }
    }
}
