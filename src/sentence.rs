//! Sentences: each block's plain text cut at 。！？!? (never inside 「」『』（）
//! or quotes) and at line breaks that end a line-like unit, then tokenized
//! once. Every rule shares these sentences and their tokens.

use std::ops::Range;
use std::sync::OnceLock;

use crate::document::{Block, BlockKind, Document, Role};
use crate::span::Span;
use crate::text::Text;
use crate::token::{Token, Tokenizer};

/// Above this many bytes a sentence stops honouring open brackets, so an
/// unclosed 「 cannot swallow the rest of a huge paragraph.
const BRACKET_LIMIT: usize = 1500;

#[derive(Debug, Clone)]
pub struct Sentence {
    /// Index of the block in `Document::blocks` (see [`Sentence::block`]):
    /// `u32` keeps a sentence at 64 bytes (a huge file has half a million).
    block: u32,
    /// The sentence's plain text (leading/trailing white space trimmed):
    /// a slice of the block's text, sharing its buffer (where it lies in
    /// the block's text is read from the slice: see [`Sentence::source_span`]).
    pub text: Text,
    /// Source range.
    pub span: Span,
    /// A sentence of running prose (lead or body, not a label, header or
    /// contact line, not a heading). Sentence-style rules look only at these.
    pub prose: bool,
    pub role: Role,
    /// Tokens with `range` relative to `text`: prose sentences are
    /// tokenized before the rules run ([`tokenize`]); the others (header,
    /// contact and table lines, headings) when a rule first asks
    /// ([`Sentence::tokens`]), as most of them are never asked about.
    /// (A boxed slice, not a `Vec`: a sentence stays at 64 bytes.)
    tokens: OnceLock<Box<[Token]>>,
}

impl Sentence {
    /// Index of the sentence's block in `Document::blocks`.
    pub fn block(&self) -> usize {
        self.block as usize
    }

    /// Source span of a range in `text`.
    pub fn source_span(&self, doc: &Document, range: Span) -> Span {
        match doc.blocks.get(self.block()) {
            Some(b) => match self.text.offset_in(&b.text) {
                Some(at) => b.source_span(Span::new(at + range.start, at + range.end)),
                None => self.span,
            },
            None => self.span,
        }
    }

    /// The sentence's tokens, tokenized with `tokenizer` on first use
    /// (rules read them through [`crate::rules::Ctx::tokens`]). Empty once
    /// a windowed lint has dropped them ([`Sentence::drop_tokens`]).
    pub fn tokens(&self, tokenizer: &Tokenizer) -> &[Token] {
        self.tokens
            .get_or_init(|| tokenizer.tokenize(&self.text).into_boxed_slice())
    }

    /// Tokenize now (a no-op when already done).
    fn tokenize_now(&self, tokenizer: &Tokenizer) {
        let _ = self.tokens(tokenizer);
    }

    /// Free the tokens; from then on the sentence reads as having none
    /// (see `lint`'s windows: later rules read what was recorded).
    pub fn drop_tokens(&mut self) {
        self.tokens = OnceLock::from(Box::default());
    }

    pub fn token_span(&self, doc: &Document, token: &Token) -> Span {
        self.source_span(doc, token.range())
    }
}

fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '．')
}

fn opens(c: char) -> bool {
    matches!(c, '「' | '『' | '（' | '(' | '“' | '【' | '〔' | '［')
}

fn closes(c: char) -> bool {
    matches!(c, '」' | '』' | '）' | ')' | '”' | '】' | '〕' | '］')
}

/// Whether `c` is one that [`split`] looks at: a terminator, a bracket or
/// a line break (a quick test of a few ranges that holds them all).
fn may_cut(c: char) -> bool {
    matches!(
        c,
        '\n' | '!'..=')' | '?' | '\u{201C}'..='\u{201D}' | '\u{3002}'..='\u{3015}' | '\u{FF01}'..='\u{FF3D}'
    )
}

/// A line that continues on the next one (hard-wrapped prose) ends with a
/// comma or in the middle of a phrase (hiragana).
fn continues(before: &str) -> bool {
    match before.trim_end().chars().last() {
        Some(c) => matches!(c, '、' | '，' | ',') || ('\u{3041}'..='\u{3096}').contains(&c),
        None => false,
    }
}

/// The number of a numbered label (「1．」「Ⅲ．」「十.」), whose period
/// does not end a sentence.
fn numeral_only(before: &str) -> bool {
    let t = before.trim_start();
    !t.is_empty()
        && t.chars().count() <= 3
        && t.chars().all(|c| {
            c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || ('Ⅰ'..='ⅻ').contains(&c)
                || "一二三四五六七八九十".contains(c)
        })
}

/// A line that opens an item of its own (① …, ・…, ※…, (2) …), whatever
/// the line before ends with: hard-wrapped prose does not go on that way.
pub(crate) fn opens_item(line: &str) -> bool {
    let line = line.trim_start_matches([' ', '\u{3000}']);
    let Some(first) = line.chars().next() else {
        return false;
    };
    ('\u{2460}'..='\u{2473}').contains(&first)
        || crate::document::anatomy::opens_with_mark(line)
        || static_regex!(r"^[(（][0-9０-９]{1,2}[)）]").is_match(line)
}

/// Cut a block's plain text into sentence ranges.
pub fn split(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth: usize = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !may_cut(c) {
            // Most characters: nothing below applies to them.
            continue;
        }
        if opens(c) {
            depth += 1;
        } else if closes(c) {
            depth = depth.saturating_sub(1);
        }
        let free = depth == 0 || i.saturating_sub(start) > BRACKET_LIMIT;
        let end = if is_terminator(c)
            && free
            && !(matches!(c, '．' | '.') && numeral_only(text.get(start..i).unwrap_or("")))
        {
            // Keep 。」 and ！？ together with their sentence.
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if is_terminator(d) || (closes(d) && depth > 0) {
                    if closes(d) {
                        depth = depth.saturating_sub(1);
                    }
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            Some(end)
        } else if c == '\n'
            // Inside brackets a line break is a hard wrap (「…2025年10月31日⏎時点の集計）」).
            && free
            && (!continues(text.get(start..i).unwrap_or(""))
                || opens_item(text.get(i + 1..).unwrap_or(""))
                // A numbered heading line (「一　どのようなことが起きたのか」),
                // or one in plain words over a sentence (「何があったのか」).
                || {
                    let line = text
                        .get(start..i)
                        .and_then(|t| t.rsplit('\n').next())
                        .unwrap_or("");
                    let next = text
                        .get(i + 1..)
                        .and_then(|t| t.split('\n').next())
                        .unwrap_or("");
                    crate::document::anatomy::is_line_label(line)
                        || crate::document::anatomy::plain_heading_pair(line, next)
                        // A masthead's date under a title (「〜に関するお詫び⏎
                        // 2018年(平成30年)2月22日」).
                        || crate::document::anatomy::date_line(next)
                })
        {
            depth = 0;
            Some(i)
        } else {
            None
        };
        if let Some(end) = end {
            push_trimmed(text, start, end, &mut out);
            // Depth is above zero only when BRACKET_LIMIT forced this cut:
            // that bracket is unclosed, so forget it and cut the rest of
            // the paragraph sentence by sentence, not in BRACKET_LIMIT slabs.
            depth = 0;
            start = end;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

/// A short `ラベル：値` or `■見出し` line, not a sentence; a line that
/// opens an item and ends in a predicate (「① 検知器を全営業所へ導入します」)
/// is a sentence without its 。.
fn is_label(text: &str) -> bool {
    let mut head = text.chars().take(16);
    let ended = text.ends_with(|c: char| is_terminator(c) || c == '」' || c == '）');
    let item_sentence = opens_item(text) && crate::document::anatomy::ends_like_sentence(text);
    !ended
        && !item_sentence
        && (head.any(|c| c == '：' || c == ':') || text.chars().nth(40).is_none())
}

fn is_prose(block: &Block, text: &str) -> bool {
    match block.role {
        Role::Lead | Role::Body => {}
        _ => return false,
    }
    if block.is_heading() && text == block.text.lines().next().unwrap_or("").trim() {
        return false;
    }
    match block.kind {
        BlockKind::Heading(_) => false,
        BlockKind::TableCell => text.ends_with(is_terminator) || !is_label(text),
        // A list item that ends in a predicate is a sentence without its 。
        // (「- 検知器を全営業所へ導入します」).
        BlockKind::ListItem => {
            text.ends_with(is_terminator)
                || crate::document::anatomy::ends_like_sentence(text)
                || !is_label(text)
        }
        BlockKind::Paragraph => !is_label(text),
    }
}

/// Split every block into sentences and tokenize the prose ones (the
/// others are tokenized on first use: [`Sentence::tokens`]).
pub fn sentences(doc: &Document, tokenizer: &Tokenizer) -> Vec<Sentence> {
    let out = split_all(doc);
    tokenize(&out, tokenizer);
    out
}

/// Split every block into sentences, not yet tokenized (see [`tokenize`]).
pub fn split_all(doc: &Document) -> Vec<Sentence> {
    // Cut first, then allocate the list once at its final size: grown by
    // doubling, a huge file's list (half a million sentences) would
    // briefly take twice its size.
    let cuts: Vec<Vec<Span>> = doc.blocks.iter().map(|b| split(&b.text)).collect();
    let mut out = Vec::with_capacity(cuts.iter().map(Vec::len).sum());
    for ((bi, block), cuts) in doc.blocks.iter().enumerate().zip(cuts) {
        for plain in cuts {
            let text = block.text.slice(plain);
            out.push(Sentence {
                // Blocks are far fewer than bytes, and input is capped at
                // 4 GiB (`input::HARD_MAX_BYTES`).
                block: u32::try_from(bi).unwrap_or(u32::MAX),
                span: block.source_span(plain),
                prose: is_prose(block, &text),
                role: block.role,
                text,
                tokens: OnceLock::new(),
            });
        }
    }
    out
}

/// Tokenize the prose sentences of `sentences`, which the sentence rules
/// all read, in one pass while the dictionary is warm; the others are
/// tokenized when a rule asks ([`Sentence::tokens`]).
pub fn tokenize(sentences: &[Sentence], tokenizer: &Tokenizer) {
    for s in sentences.iter().filter(|s| s.prose) {
        s.tokenize_now(tokenizer);
    }
}

/// [`tokenize`] on all cores: for a window of a huge file, where the
/// sentences are many (a small file is one task of a run over many files,
/// and is tokenized on one).
pub fn tokenize_parallel(sentences: &[Sentence], tokenizer: &Tokenizer) {
    use rayon::prelude::*;
    sentences
        .par_iter()
        .with_min_len(256)
        .for_each(|s| s.tokenize_now(tokenizer));
}

/// Cut the sentence list into windows of about `bytes` of text each
/// (ranges of indices), only between blocks: a block is never split.
pub fn windows(sentences: &[Sentence], bytes: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, s) in sentences.iter().enumerate() {
        if size >= bytes && i > start && sentences[i - 1].block != s.block {
            out.push(start..i);
            (start, size) = (i, 0);
        }
        size += s.text.len();
    }
    if start < sentences.len() || out.is_empty() {
        out.push(start..sentences.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn every_character_split_looks_at_passes_the_quick_test() {
        for c in
            ('\0'..=char::MAX).filter(|&c| is_terminator(c) || opens(c) || closes(c) || c == '\n')
        {
            assert!(may_cut(c), "{c:?}");
        }
    }

    #[test]
    fn splits_at_terminators_not_inside_quotes() {
        assert_eq!(
            parts("被害を確認しました。「調査中です。詳細は後日。」と述べました！本当？"),
            vec![
                "被害を確認しました。",
                "「調査中です。詳細は後日。」と述べました！",
                "本当？"
            ]
        );
        assert_eq!(parts("え！？そうです。"), vec!["え！？", "そうです。"]);
    }

    #[test]
    fn line_breaks_split_lines_but_not_wrapped_prose() {
        assert_eq!(
            parts("報道関係者各位\n2025年4月1日"),
            vec!["報道関係者各位", "2025年4月1日"]
        );
        assert_eq!(
            parts("当社は本日、\n発表しました。"),
            vec!["当社は本日、\n発表しました。"]
        );
        // A line that opens an item is a unit of its own, even after a
        // line that ends in hiragana.
        assert_eq!(
            parts("① 伝票を照らし合わせます\n② 産地を掲示します\n・表示を改めます\n（3）報告いたします"),
            vec!["① 伝票を照らし合わせます", "② 産地を掲示します", "・表示を改めます", "（3）報告いたします"]
        );
        // A line break inside brackets is a hard wrap.
        assert_eq!(
            parts("対象者数 1,874名（2025年10月31日\n時点の集計）\n対象店舗 41店舗"),
            vec![
                "対象者数 1,874名（2025年10月31日\n時点の集計）",
                "対象店舗 41店舗"
            ]
        );
        // A numbered label's period does not end it.
        assert_eq!(
            parts("Ⅲ．防げなかった理由\n1．異動の理由\n価格は1.5倍です。"),
            vec!["Ⅲ．防げなかった理由", "1．異動の理由", "価格は1.5倍です。"]
        );
        assert_eq!(
            parts("当社は本日、新しい\nサービスを始めます。"),
            vec!["当社は本日、新しい\nサービスを始めます。"]
        );
        // A heading numbered in kanji ends its line, even in hiragana.
        assert_eq!(
            parts("一　どのようなことが起きたのか\n令和七年十一月に誤りました。"),
            vec![
                "一　どのようなことが起きたのか",
                "令和七年十一月に誤りました。"
            ]
        );
    }

    /// A list item or an item line that ends in a predicate is a sentence
    /// without its 。; a short label line is not.
    #[test]
    fn items_that_end_in_a_predicate_are_prose() {
        let doc = Document::parse("# お知らせ\n\n当社で障害が発生しました。\n\n- 検知器を導入します\n- 対象店舗\n\n① 点呼を2名体制とします\n② 研修\n");
        let ss = split_all(&doc);
        let prose = |t: &str| ss.iter().find(|s| &*s.text == t).map(|s| s.prose);
        assert_eq!(prose("検知器を導入します"), Some(true));
        assert_eq!(prose("対象店舗"), Some(false));
        assert_eq!(prose("① 点呼を2名体制とします"), Some(true));
        assert_eq!(prose("② 研修"), Some(false));
    }

    #[test]
    fn windows_cut_between_blocks_only() {
        let doc = Document::parse("一つ目。二つ目。\n\n三つ目。\n\n四つ目。五つ目。\n");
        let ss = split_all(&doc);
        assert_eq!(ss.len(), 5);
        // One byte per window: every block is a window of its own.
        assert_eq!(windows(&ss, 1), vec![0..2, 2..3, 3..5]);
        // Big windows: the whole document is one.
        assert_eq!(windows(&ss, 1 << 20), vec![0..5]);
        assert_eq!(windows(&[], 1), vec![0..0]);
        // A window closes at the first block end after its size is reached.
        let size = ss[0].text.len() + ss[1].text.len() + ss[2].text.len();
        assert_eq!(windows(&ss, size), vec![0..3, 3..5]);
    }

    #[test]
    fn unclosed_bracket_does_not_swallow_everything() {
        let long = format!("「{}。次の文。", "あ".repeat(600));
        assert!(split(&long).len() >= 2);
        // After the limit the open bracket is dropped: later sentences are
        // cut one by one, not in BRACKET_LIMIT-sized slabs.
        let text = format!("「{}", "被害を確認しました。".repeat(200));
        let parts = parts(&text);
        assert_eq!(parts.last(), Some(&"被害を確認しました。"));
        assert!(parts.len() >= 140, "{}", parts.len());
        // Closed brackets still hold their sentences together.
        assert_eq!(split("「調査中です。詳細は後日。」と述べました。").len(), 1);
    }
}
