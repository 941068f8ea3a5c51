//! Shared walk for the character rules (`ja.no-nfd`, `ja.no-control-char`,
//! `ja.no-zero-width`, `ja.no-hankaku-kana`): they read every block's plain
//! text — title, header and contact lines included, because a stray
//! character is wrong wherever it is — while inline code (already replaced by
//! a placeholder) and code blocks are never part of that text.

use crate::diagnostic::{Diagnostic, Fix};
use crate::rules::Ctx;
use crate::span::Span;

/// A run of characters found in a block: its source span and its text.
pub struct Hit {
    pub span: Span,
    pub text: String,
}

/// Runs of consecutive characters satisfying `pred`, in document order.
pub fn runs(ctx: &Ctx<'_>, pred: impl Fn(char) -> bool) -> Vec<Hit> {
    let mut out = Vec::new();
    for block in &ctx.doc.blocks {
        let text = block.text.as_str();
        let mut start: Option<usize> = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), '\0')))
        {
            let inside = i < text.len() && pred(c);
            match (inside, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push(Hit {
                        span: block.source_span(Span::new(s, i)),
                        text: text.get(s..i).unwrap_or("").to_owned(),
                    });
                    start = None;
                }
                _ => {}
            }
        }
    }
    out
}

/// A finding with `replacement` as its fix, offered only when the source
/// bytes at the span are exactly the text that was seen (so a fix can never
/// rewrite markup), safe or as a suggestion.
pub fn finding(
    ctx: &Ctx<'_>,
    id: &str,
    hit: &Hit,
    message: String,
    help: &str,
    replacement: Option<(String, bool)>,
) -> Diagnostic {
    let mut d = Diagnostic::new(id, ctx.severity, hit.span, message).with_help(help);
    if let Some((rep, safe)) = replacement {
        if ctx.text().get(hit.span.start..hit.span.end) == Some(hit.text.as_str()) {
            d = d.with_fix(if safe {
                Fix::safe(hit.span, rep)
            } else {
                Fix::suggestion(hit.span, rep)
            });
        }
    }
    d
}

/// `U+200B` style name of a character, for messages.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}
