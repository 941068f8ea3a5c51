//! `ja.no-unmatched-pair`: an opening bracket or quote without its closing
//! partner, or the reverse (textlint-rule-no-unmatched-pair). Judged per
//! Markdown block, so a 「 opened in one paragraph and closed in the next is
//! reported, while code (already removed from the plain text) is not.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::span::Span;

pub struct NoUnmatchedPair {
    meta: RuleMeta,
}

const ID: &str = "ja.no-unmatched-pair";

const PAIRS: [(char, char); 10] = [
    ('「', '」'),
    ('『', '』'),
    ('（', '）'),
    ('(', ')'),
    ('［', '］'),
    ('[', ']'),
    ('【', '】'),
    ('〔', '〕'),
    ('“', '”'),
    ('《', '》'),
];

impl NoUnmatchedPair {
    pub fn new() -> Self {
        let mut m = RuleMeta::builtin(ID, Severity::Warning);
        m.summary = "括弧やかぎ括弧が対になっていません".into();
        m.message = "「{match}」に対応する括弧がありません。".into();
        m.help = "対になる括弧を補うか、不要な括弧を削除してください。".into();
        m.why = "閉じ忘れた括弧は、どこまでが引用や補足なのかを読み手に誤解させます。".into();
        m.how = "段落・見出し・箇条書き・表のセルごとに 「」『』（）()［］[]【】〔〕“”《》 の対応を調べます。".into();
        m.exceptions = "行頭の「1)」「a)」のような番号の閉じ括弧、コード（インラインコード・コードブロック）は対象外です。".into();
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

/// A closing bracket right after a short line-initial label like 「1)」「a）」
/// numbers an item and has no opening partner by design.
fn is_item_number(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let label = text[line_start..at].trim_start();
    let n = label.chars().count();
    (1..=3).contains(&n) && label.chars().all(|c| c.is_alphanumeric() && !is_cjk(c))
}

fn is_cjk(c: char) -> bool {
    ('\u{3040}'..='\u{30FF}').contains(&c) || ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Unmatched bracket positions (byte ranges) in a block's plain text.
pub fn unmatched(text: &str) -> Vec<Span> {
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut bad = Vec::new();
    for (i, c) in text.char_indices() {
        if PAIRS.iter().any(|(o, _)| *o == c) {
            stack.push((c, i));
        } else if let Some(&(open, _)) = PAIRS.iter().find(|(_, cl)| *cl == c) {
            match stack.iter().rposition(|(o, _)| *o == open) {
                Some(k) => {
                    // Openers above the partner were never closed.
                    for &(o, at) in &stack[k + 1..] {
                        bad.push(Span::new(at, at + o.len_utf8()));
                    }
                    stack.truncate(k);
                }
                None if c == ')' || c == '）' => {
                    if !is_item_number(text, i) {
                        bad.push(Span::new(i, i + c.len_utf8()));
                    }
                }
                None => bad.push(Span::new(i, i + c.len_utf8())),
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

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for block in &ctx.doc.blocks {
            for span in unmatched(&block.text) {
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
    fn finds_unclosed_and_stray_brackets() {
        assert_eq!(chars("「引用です。"), vec!["「"]);
        assert_eq!(chars("補足）です。"), vec!["）"]);
        assert_eq!(chars("「（注」です。"), vec!["（"]);
        assert!(chars("「『二重』の引用」と（補足）。").is_empty());
        assert!(chars("1) 最初の項目").is_empty());
        assert!(chars("a）次の項目").is_empty());
    }
}
