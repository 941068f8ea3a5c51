//! Shared helpers for the Japanese style checks (`ja.*` rules written in
//! code): option docs, the finding builder, and token predicates that
//! several rules need. Kept here so each rule file holds only its decision.

use crate::diagnostic::{Diagnostic, Fix};
use crate::rules::{Ctx, OptionDoc};
use crate::sentence::Sentence;
use crate::span::Span;
use crate::token::Token;

/// An option as `koho explain` lists it; `default` is a TOML literal so the
/// config loader can check the user's value has the same type.
pub fn opt(name: &str, default: &str, description: &str) -> OptionDoc {
    OptionDoc {
        name: name.to_owned(),
        default: default.to_owned(),
        description: description.to_owned(),
    }
}

/// A finding at `range` (relative to the sentence text).
pub fn finding(
    ctx: &Ctx<'_>,
    id: &str,
    s: &Sentence,
    range: Span,
    message: String,
    help: &str,
) -> Diagnostic {
    Diagnostic::new(id, ctx.severity, s.source_span(ctx.doc, range), message).with_help(help)
}

/// Attach a fix only when the source bytes under `span` are exactly
/// `expected`, so a fix never rewrites markup it did not see.
pub fn with_fix_if_exact(
    ctx: &Ctx<'_>,
    d: Diagnostic,
    expected: &str,
    replacement: &str,
    safe: bool,
) -> Diagnostic {
    let span = d.span;
    if ctx.text().get(span.start..span.end) != Some(expected) {
        return d;
    }
    let fix = if safe {
        Fix::safe(span, replacement)
    } else {
        Fix::suggestion(span, replacement)
    };
    d.with_fix(fix)
}

/// Most findings one rule reports in one sentence. Real sentences stay far
/// below it; a pathological line (thousands of repeats) stays readable.
pub const MAX_PER_SENTENCE: usize = 10;

/// Drop a sentence's findings beyond [`MAX_PER_SENTENCE`]; `start` is the
/// length of `out` before the sentence was checked.
pub fn cap(out: &mut Vec<Diagnostic>, start: usize) {
    out.truncate(start + MAX_PER_SENTENCE);
}

pub fn is_symbol(t: &Token) -> bool {
    t.is("記号") || t.surface.trim().is_empty()
}

pub fn is_joshi(t: &Token) -> bool {
    t.is("助詞")
}

/// 読点 as no-doubled-joshi's commaCharacters: some releases write `，`
/// in place of 、, and some universities and offices a half-width comma
/// (「〜賞は,〜教授,〜賞は,」); but not the comma that groups the digits of
/// a number (1,000).
pub fn is_touten(tokens: &[Token], i: usize) -> bool {
    let Some(t) = tokens.get(i) else {
        return false;
    };
    let digit = |k: Option<usize>, end: bool| {
        k.and_then(|k| tokens.get(k)).is_some_and(|n| {
            let c = if end {
                n.surface.chars().next_back()
            } else {
                n.surface.chars().next()
            };
            c.is_some_and(|c| c.is_ascii_digit())
        })
    };
    match t.surface.as_str() {
        "、" | "，" => true,
        "," => !(digit(i.checked_sub(1), true) && digit(Some(i + 1), false)),
        _ => false,
    }
}

/// A kanji (or 々), as textlint counts them.
pub fn is_kanji(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || ('\u{3400}'..='\u{4DBF}').contains(&c)
        || ('\u{F900}'..='\u{FAFF}').contains(&c)
        || c == '々'
}

pub fn is_bracket(t: &Token) -> bool {
    t.pos[1] == "括弧開" || t.pos[1] == "括弧閉"
}
