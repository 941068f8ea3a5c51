//! `ja.no-unmatched-pair`: an opening bracket or quote without its closing
//! partner (textlint-rule-no-unmatched-pair). Judged per
//! Markdown block, so a 「 opened in one paragraph and closed in the next is
//! reported, while code (already removed from the plain text) is not.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, Reach, Rule, RuleMeta};
use crate::span::Span;

pub struct NoUnmatchedPair {
    meta: RuleMeta,
}

const ID: &str = "ja.no-unmatched-pair";
const MAX_PER_BLOCK: usize = 10;

const PAIRS: [(char, char); 15] = [
    ('「', '」'),
    ('『', '』'),
    ('（', '）'),
    ('(', ')'),
    ('［', '］'),
    ('[', ']'),
    ('｛', '｝'),
    ('{', '}'),
    ('【', '】'),
    ('〚', '〛'),
    ('«', '»'),
    ('‹', '›'),
    ('〔', '〕'),
    ('“', '”'),
    ('《', '》'),
];

impl NoUnmatchedPair {
    pub fn new() -> Self {
        let mut m = RuleMeta::builtin(ID, Severity::Warning);
        m.summary = "括弧やかぎ括弧が閉じられていません".into();
        m.message = "「{match}」に対応する閉じ括弧がありません。".into();
        m.help = "対になる閉じ括弧を補うか、不要な開き括弧を削除してください。".into();
        m.why = "閉じ忘れた括弧は、どこまでが引用や補足なのかを読み手に誤解させます。".into();
        m.how = "段落・見出し・箇条書き・表のセルごとに 「」『』（）()［］[]｛｝{}【】〚〛«»‹›〔〕“”《》 の開き括弧が閉じられているかを調べます。".into();
        m.exceptions = "textlint と同じく、開き括弧のない閉じ括弧（「1)」のような番号など）は報告しません。コード（インラインコード・コードブロック）も対象外です。一つの段落で報告するのは最初の 10 個までです。".into();
        m.bad = vec!["社長は「再発防止に全力を尽くします。と述べました。".into()];
        m.good = vec![
            "社長は「再発防止に全力を尽くします」と述べました。".into(),
            "詳細は（別紙）をご覧ください。".into(),
        ];
        NoUnmatchedPair { meta: m }
    }
}

impl Default for NoUnmatchedPair {
    fn default() -> Self {
        Self::new()
    }
}

/// Opening marks (byte ranges) in a block's plain text that are never
/// closed. As in textlint, a closing mark without an opener is not
/// reported: 「1)」 numbers an item, 「補足）」 is at worst a stray.
/// A bit per `code point % 128` of every character in [`PAIRS`]: a
/// character whose bit is clear is in no pair, so most characters are
/// passed over with one test instead of thirty comparisons. Computed from
/// `PAIRS` itself.
const PAIR_BITS: u128 = {
    let mut bits = 0u128;
    let mut i = 0;
    while i < PAIRS.len() {
        bits |= 1 << (PAIRS[i].0 as u32 % 128);
        bits |= 1 << (PAIRS[i].1 as u32 % 128);
        i += 1;
    }
    bits
};

pub fn unmatched(text: &str) -> Vec<Span> {
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut bad = Vec::new();
    for (i, c) in text.char_indices() {
        if (PAIR_BITS >> (c as u32 % 128)) & 1 == 0 {
            continue;
        }
        if PAIRS.iter().any(|(o, _)| *o == c) {
            stack.push((c, i));
        } else if let Some(&(open, _)) = PAIRS.iter().find(|(_, cl)| *cl == c) {
            if let Some(k) = stack.iter().rposition(|(o, _)| *o == open) {
                // Openers above the partner were never closed.
                for &(o, at) in &stack[k + 1..] {
                    bad.push(Span::new(at, at + o.len_utf8()));
                }
                stack.truncate(k);
            }
        }
    }
    for (o, at) in stack {
        bad.push(Span::new(at, at + o.len_utf8()));
    }
    bad.sort_by_key(|s| s.start);
    bad
}

impl Rule for NoUnmatchedPair {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Document
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for block in &ctx.doc.blocks {
            // A run of unclosed openers is one mistake; a handful of
            // findings shows it without flooding the report.
            for span in unmatched(&block.text).into_iter().take(MAX_PER_BLOCK) {
                let ch = span.slice(&block.text);
                out.push(
                    Diagnostic::new(
                        ID,
                        ctx.severity,
                        block.source_span(span),
                        self.meta.message.replace("{match}", ch),
                    )
                    .with_help(self.meta.help.clone()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> Vec<&str> {
        unmatched(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn finds_unclosed_openers_only() {
        assert_eq!(chars("「引用です。"), vec!["「"]);
        assert_eq!(chars("「（注」です。"), vec!["（"]);
        assert!(chars("補足）です。").is_empty());
        assert!(chars("「『二重』の引用」と（補足）。").is_empty());
        assert!(chars("1) 最初の項目").is_empty());
    }
}
