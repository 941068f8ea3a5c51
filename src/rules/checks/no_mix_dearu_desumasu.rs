//! `ja.no-mix-dearu-desumasu`: です/ます調 and だ/である調 mixed
//! (textlint-rule-no-mix-dearu-desumasu). As in textlint, body paragraphs,
//! list items and headings are judged separately; a group is reported only
//! when both styles occur in it, and then the sentences of the style most
//! of it does not use (or not the one set in the options) are reported.
//! Header and contact lines and tables are not judged. Only the sentence end counts,
//! and words inside 「」『』 (quoted speech) are ignored.

use super::ja_common::{is_symbol, opt};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{BlockKind, Role};
use crate::rules::{Ctx, Reach, Rule, RuleMeta};
use crate::sentence::Sentence;
use crate::span::Span;
use crate::token::Token;

pub struct NoMixDearuDesumasu {
    meta: RuleMeta,
}

const ID: &str = "ja.no-mix-dearu-desumasu";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Desumasu,
    Dearu,
}

impl Style {
    fn name(self) -> &'static str {
        match self {
            Style::Desumasu => "ですます",
            Style::Dearu => "である",
        }
    }

    fn parse(s: &str) -> Option<Style> {
        match s {
            "ですます" => Some(Style::Desumasu),
            "である" => Some(Style::Dearu),
            _ => None,
        }
    }
}

impl NoMixDearuDesumasu {
    pub fn new() -> Self {
        let mut m = RuleMeta::builtin(ID, Severity::Warning);
        m.summary = "「ですます」調と「である」調が混在しています".into();
        m.message = "{from}では「{to}」調が使われていますが、この文は「{match}」調です。".into();
        m.help = "文体をどちらかに統一してください。報道資料の本文は「です・ます」調が一般的です。"
            .into();
        m.why = "文体の混在は、複数の原稿を継ぎはぎした印象を与え、資料の信頼性を下げます。".into();
        m.how = "本文の段落、箇条書き、見出しをそれぞれ一つのまとまりとして、各文の文末（です・ます／だ・である）を形態素解析で判定します。まとまりの中で両方の文体が使われているとき、少ない方（オプションで優先する文体を決めたときはそれ以外）の文を報告します。同数なら「ですます」を優先します。".into();
        m.exceptions = "本文と箇条書きのように別のまとまりの間での違いは報告しません。ヘッダー行、問い合わせ先、表、「」『』の中の引用、文末に「です・ます」「だ・である」のない文（体言止め・「〜した。」など）は判定しません。".into();
        m.bad = vec!["当社は新製品を発表しました。発売日は来月である。価格は未定です。".into()];
        m.good = vec![
            "当社は新製品を発表しました。発売日は来月です。".into(),
            "社長は「安全が第一だ」と述べました。".into(),
        ];
        m.options = vec![
            opt(
                "prefer-in-body",
                "\"\"",
                "本文で優先する文体（\"ですます\" または \"である\"）。空なら多い方に合わせます。",
            ),
            opt(
                "prefer-in-header",
                "\"\"",
                "見出しで優先する文体（\"ですます\" または \"である\"）。空なら多い方に合わせます。",
            ),
            opt(
                "prefer-in-list",
                "\"\"",
                "箇条書きで優先する文体（\"ですます\" または \"である\"）。空なら多い方に合わせます。",
            ),
        ];
        NoMixDearuDesumasu { meta: m }
    }
}

impl Default for NoMixDearuDesumasu {
    fn default() -> Self {
        Self::new()
    }
}

/// Tokens outside 「」『』 quotes.
fn outside_quotes(tokens: &[Token]) -> Vec<&Token> {
    let mut depth = 0usize;
    // Room for every token: most are outside quotes, and growing the list
    // token by token reallocated it several times per sentence.
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        match t.surface.as_str() {
            "「" | "『" => depth += 1,
            "」" | "』" => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(t),
            _ => {}
        }
    }
    out
}

/// The style of the sentence end and the range of the words that show it
/// (read through [`crate::rules::checks::facts::Facts::sentence_end`]).
pub fn sentence_end(tokens: &[Token]) -> Option<(Style, Span)> {
    let toks = outside_quotes(tokens);
    let mut end = toks.len();
    while end > 0
        && toks
            .get(end - 1)
            .is_some_and(|t| is_symbol(t) || t.pos_starts_with(&["助詞", "終助詞"]))
    {
        end -= 1;
    }
    // The closing quote itself ended the sentence: the style is the quote's.
    let last_real = tokens
        .iter()
        .rev()
        .find(|t| !is_symbol(t) || t.surface == "」" || t.surface == "』")?;
    if last_real.surface == "」" || last_real.surface == "』" {
        return None;
    }
    let mut start = end;
    while start > 0 && toks.get(start - 1).is_some_and(|t| t.is("助動詞")) {
        start -= 1;
    }
    let chain = toks.get(start..end)?;
    let (first, last) = (chain.first()?, chain.last()?);
    let range = Span::new(first.range().start, last.range().end);
    if chain.iter().any(|t| t.base == "です" || t.base == "ます") {
        return Some((Style::Desumasu, range));
    }
    let copula = chain.iter().any(|t| {
        t.conj_type == "特殊・ダ" || (t.base == "ある" && t.conj_type.starts_with("五段・ラ行アル"))
    });
    copula.then_some((Style::Dearu, range))
}

impl NoMixDearuDesumasu {
    fn judge(
        &self,
        ctx: &Ctx<'_>,
        group: &[(&Sentence, Style, Span)],
        prefer: Option<Style>,
        place: &str,
        out: &mut Vec<Diagnostic>,
    ) {
        let desu = group
            .iter()
            .filter(|(_, st, _)| *st == Style::Desumasu)
            .count();
        let dearu = group.len() - desu;
        // Only a mixed group is reported; the preference picks the side.
        if desu == 0 || dearu == 0 {
            return;
        }
        let expected = match prefer {
            Some(p) => p,
            None if dearu > desu => Style::Dearu,
            None => Style::Desumasu,
        };
        for (s, st, range) in group {
            if *st == expected {
                continue;
            }
            let msg = self
                .meta
                .message
                .replace("{from}", place)
                .replace("{to}", expected.name())
                .replace("{match}", st.name());
            out.push(
                Diagnostic::new(ID, ctx.severity, s.source_span(ctx.doc, *range), msg)
                    .with_help(self.meta.help.clone()),
            );
        }
    }
}

impl Rule for NoMixDearuDesumasu {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Document
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let pref = |k: &str| ctx.options.strings(k).first().and_then(|s| Style::parse(s));
        let mut body = Vec::new();
        let mut list = Vec::new();
        let mut headings = Vec::new();
        for s in ctx.sentences {
            let Some(block) = ctx.doc.blocks.get(s.block()) else {
                continue;
            };
            if !matches!(block.role, Role::Lead | Role::Body) {
                continue;
            }
            let group = if block.is_heading() {
                &mut headings
            } else if !s.prose {
                continue;
            } else {
                match block.kind {
                    BlockKind::Paragraph => &mut body,
                    BlockKind::ListItem => &mut list,
                    _ => continue,
                }
            };
            if let Some((style, range)) = ctx.facts.sentence_end(ctx, s) {
                group.push((s, style, range));
            }
        }
        self.judge(ctx, &body, pref("prefer-in-body"), "本文", out);
        self.judge(ctx, &list, pref("prefer-in-list"), "箇条書き", out);
        self.judge(ctx, &headings, pref("prefer-in-header"), "見出し", out);
    }
}
