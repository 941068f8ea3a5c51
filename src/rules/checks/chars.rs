//! Shared walk for the character rules (`ja.no-nfd`, `ja.no-control-char`,
//! `ja.no-zero-width`, `ja.no-hankaku-kana`): they read every block's plain
//! text — title, header and contact lines included, because a stray
//! character is wrong wherever it is — while inline code (already replaced by
//! a placeholder) and code blocks are never part of that text.

use crate::diagnostic::{Diagnostic, Fix};
use crate::rules::Ctx;
use crate::span::Span;

/// A run of characters found in a block: its source span and its text, and
/// the characters just before and after it in the block (rules that judge a
/// run by its neighbours: a zero-width joiner inside an emoji, a combining
/// mark after a kana). `prev_start` is the plain-text offset of `prev`.
pub struct Hit {
    pub span: Span,
    pub text: String,
    pub prev: Option<char>,
    pub next: Option<char>,
    block: usize,
    prev_start: Option<usize>,
    plain: Span,
}

impl Hit {
    /// The same run widened to include the character before it (the base
    /// character of combining marks); `None` at the start of a block.
    pub fn with_prev(&self, ctx: &Ctx<'_>) -> Option<Hit> {
        let start = self.prev_start?;
        let block = ctx.doc.blocks.get(self.block)?;
        let plain = Span::new(start, self.plain.end);
        Some(Hit {
            span: block.source_span(plain),
            text: block.text.get(plain.start..plain.end)?.to_owned(),
            prev: None,
            next: self.next,
            block: self.block,
            prev_start: None,
            plain,
        })
    }
}

/// Characters that none of the character rules looks for (printable ASCII,
/// tab and line breaks, CJK punctuation, kana without a combining mark,
/// common kanji, full-width forms before half-width katakana). A test checks
/// every caller's predicate against it.
pub fn ordinary(c: char) -> bool {
    matches!(
        c,
        ' '..='~'
            | '\t'
            | '\n'
            | '\r'
            | '\u{3000}'..='\u{3098}'
            | '\u{309B}'..='\u{30FF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{FF01}'..='\u{FF60}'
    )
}

/// Is every character of `text` [`ordinary`]? The same answer read from the
/// UTF-8 bytes, without decoding characters (a test compares the two on
/// every character).
pub fn all_ordinary(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            if !matches!(x, b' '..=b'~' | b'\t' | b'\n' | b'\r') {
                return false;
            }
            i += 1;
            continue;
        }
        let (y, z) = (b.get(i + 1).copied(), b.get(i + 2).copied());
        let ok = match x {
            // U+3000..U+30FF but the combining marks U+3099, U+309A.
            0xE3 => match y {
                Some(0x80 | 0x81 | 0x83) => true,
                Some(0x82) => !matches!(z, Some(0x99 | 0x9A)),
                _ => false,
            },
            // U+4E00..U+4FFF, then U+5000..U+9FFF.
            0xE4 => y.is_some_and(|y| y >= 0xB8),
            0xE5..=0xE9 => true,
            // U+FF01..U+FF3F, U+FF40..U+FF60.
            0xEF => match (y, z) {
                (Some(0xBC), Some(z)) => z >= 0x81,
                (Some(0xBD), Some(z)) => z <= 0xA0,
                _ => false,
            },
            _ => false,
        };
        if !ok {
            return false;
        }
        // Every ordinary non-ASCII character is three bytes long.
        i += 3;
    }
    true
}

/// Runs of consecutive characters satisfying `pred`, in document order.
/// `pred` must be false for every [`ordinary`] character: blocks with only
/// those are skipped.
pub fn runs(ctx: &Ctx<'_>, pred: impl Fn(char) -> bool) -> Vec<Hit> {
    let mut out = Vec::new();
    let unusual = ctx.facts.unusual_blocks(ctx);
    for (bi, block) in ctx.doc.blocks.iter().enumerate() {
        let text = block.text.as_str();
        // Most blocks have none of the characters a rule looks for: the
        // shared per-block fact (one pass for all character rules), then one
        // plain pass, say so without the run bookkeeping below.
        if !unusual.get(bi).copied().unwrap_or(true) || !text.chars().any(&pred) {
            continue;
        }
        let mut start: Option<usize> = None;
        let mut prev: Option<(usize, char)> = None;
        let mut before_run: Option<(usize, char)> = None;
        // One extra step past the end closes a run at the end of the block.
        let end = std::iter::once((text.len(), None));
        for (i, c) in text.char_indices().map(|(i, c)| (i, Some(c))).chain(end) {
            let inside = c.is_some_and(&pred);
            match (inside, start) {
                (true, None) => {
                    start = Some(i);
                    before_run = prev;
                }
                (false, Some(s)) => {
                    let plain = Span::new(s, i);
                    out.push(Hit {
                        span: block.source_span(plain),
                        text: text.get(s..i).unwrap_or("").to_owned(),
                        prev: before_run.map(|p| p.1),
                        next: c,
                        block: bi,
                        prev_start: before_run.map(|p| p.0),
                        plain,
                    });
                    start = None;
                }
                _ => {}
            }
            prev = c.map(|c| (i, c));
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

#[cfg(test)]
mod tests {
    use super::ordinary;
    use crate::rules::checks::{no_control_char, no_hankaku_kana, no_nfd, no_zero_width};

    #[test]
    fn the_byte_test_agrees_with_ordinary_on_every_character() {
        let mut all = String::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let one = c.to_string();
            assert_eq!(super::all_ordinary(&one), ordinary(c), "{c:?}");
            if ordinary(c) {
                all.push(c);
            }
        }
        assert!(super::all_ordinary(&all));
        assert!(!super::all_ordinary("かな\u{3099}です"));
        assert!(super::all_ordinary("お知らせ。ABC（株）"));
    }

    #[test]
    fn no_character_rule_looks_for_an_ordinary_character() {
        type Pred = fn(char) -> bool;
        let preds: [(&str, Pred); 4] = [
            ("control", no_control_char::is_invalid_control),
            ("hankaku", no_hankaku_kana::is_hankaku),
            ("nfd", no_nfd::is_kana_mark),
            ("zero-width", no_zero_width::is_zero_width),
        ];
        let mut ordinary_seen = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if !ordinary(c) {
                continue;
            }
            ordinary_seen += 1;
            for (name, pred) in preds {
                assert!(!pred(c), "{name} looks for ordinary {c:?}");
            }
        }
        assert!(ordinary_seen > 20_000);
        // The four rules are the only callers of `runs`.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/rules/checks");
        let mut callers: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| {
                let path = e.ok()?.path();
                let src = std::fs::read_to_string(&path).ok()?;
                let name = path.file_stem()?.to_str()?.to_owned();
                (name != "chars" && src.contains("runs(ctx")).then_some(name)
            })
            .collect();
        callers.sort();
        assert_eq!(
            callers,
            [
                "no_control_char",
                "no_hankaku_kana",
                "no_nfd",
                "no_zero_width"
            ]
        );
    }
}
