//! Markdown → [`Document`] with pulldown-cmark's offset iterator. The only
//! module that knows pulldown-cmark. Every piece of prose keeps the byte
//! range it came from, so diagnostics point at the original source even
//! inside emphasis, links, lists and tables.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::{
    front_matter, is_identity_from, suppress, Block, BlockKind, Document, OffsetMap, Role, Segment,
    CODE_PLACEHOLDER,
};
use crate::span::Span;
use crate::text::Text;

struct Builder<'s> {
    src: &'s str,
    /// `src` as a shared buffer, when the caller has one: blocks whose
    /// plain text is their source text verbatim become slices of it.
    shared: Option<&'s Text>,
    blocks: Vec<Block>,
    current: Option<Block>,
    /// Plain text of `current`, moved into it (as a [`Text`]) by `flush`.
    text: String,
    /// Offset map of `current`, the same way (emptied, not freed: most
    /// blocks need none).
    segments: Vec<Segment>,
    /// Indexes in `segments` of `current`'s line breaks (soft, or hard
    /// with two trailing spaces): where a hard-wrapped paragraph may be
    /// joined again (see [`wrapped`]).
    line_breaks: Vec<usize>,
    quote_depth: usize,
    list_depth: usize,
    /// Inside a code block, image alt text or metadata: not prose.
    skip_depth: usize,
    /// Inside an indented code block, read as a paragraph (see `event`).
    indented: bool,
    /// `koho-disable` comments seen so far.
    directives: Vec<(suppress::Directive, Span)>,
}

/// Is the first line of a paragraph whose text starts at `start` wrapped
/// in one `**…**` or `__…__` and nothing else?
fn bold_first_line(src: &str, start: usize) -> bool {
    let (Some(before), Some(rest)) = (src.get(..start), src.get(start..)) else {
        return false;
    };
    let line = rest.split('\n').next().unwrap_or("").trim_end();
    ["**", "__"].iter().any(|mark| {
        line.strip_suffix(mark)
            .is_some_and(|inner| before.ends_with(mark) && !inner.contains(mark))
    })
}

/// `text` with the line breaks of a hard-wrapped paragraph removed
/// (「お詫び申し⏎上げます」 reads as one word again, for every rule and the
/// tokenizer), and `segments` updated to match: a removed break's source
/// byte then maps to no plain text. `line_breaks` are the indexes in
/// `segments` of the breaks; `bold_first` says the first line is a bold
/// heading, which stays a line of its own.
fn join_wrapped(
    text: String,
    segments: &mut Vec<Segment>,
    line_breaks: &[usize],
    bold_first: bool,
) -> String {
    if line_breaks.is_empty() {
        return text;
    }
    // Prose has a 。 or a line that ends like a sentence (a list of
    // 「・〜しました」 lines); header lines, contact lines and lists of
    // labels have neither, and their lines are joined only inside brackets.
    let prose = text.contains('。') || text.lines().any(super::anatomy::ends_like_sentence);
    let at = |k: usize| segments.get(k).map(|s| s.plain);
    let breaks: Vec<usize> = line_breaks.iter().filter_map(|&k| at(k)).collect();
    let join: Vec<Wrap> = breaks
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            let line_start = text
                .get(..p)
                .and_then(|t| t.rfind('\n'))
                .map_or(0, |n| n + 1);
            let next_end = text
                .get(p + 1..)
                .and_then(|t| t.find('\n'))
                .map_or(text.len(), |n| p + 1 + n);
            let prev = text.get(line_start..p).unwrap_or("");
            let next = text.get(p + 1..next_end).unwrap_or("");
            // A pasted title above its lead (「〜の不祥事について⏎4月20日、…」).
            let title_above = || {
                super::anatomy::title_line(prev)
                    && !next.starts_with(|c: char| matches!(c, '\u{3041}'..='\u{3096}'))
            };
            if i == 0 && (bold_first || title_above()) {
                Wrap::No
            } else {
                wrapped(prev, next, prose)
            }
        })
        .collect();
    if join.iter().all(|j| *j == Wrap::No) {
        return text;
    }
    // Both lists are in text order: walk them together (a paragraph may
    // have a million lines).
    let mut decided = line_breaks.iter().zip(&join).peekable();
    let mut how = |k: usize| match decided.next_if(|(b, _)| **b == k) {
        Some((_, j)) => *j,
        None => Wrap::No,
    };
    let mut out = String::with_capacity(text.len());
    let mut kept = Vec::with_capacity(segments.len());
    // Just after a joined break: the next line's indent (a full-width
    // space, which Markdown keeps) goes with the break.
    let mut after_join = false;
    for (k, seg) in segments.iter().enumerate() {
        let mut seg = *seg;
        let mut piece = match how(k) {
            Wrap::Join => {
                after_join = true;
                continue;
            }
            Wrap::Space => " ",
            Wrap::No => text.get(seg.plain..seg.plain + seg.plain_len).unwrap_or(""),
        };
        if std::mem::take(&mut after_join) && seg.exact {
            let rest = piece.trim_start();
            let indent = piece.len() - rest.len();
            piece = rest;
            seg.plain_len -= indent;
            seg.src = Span::new(seg.src.start + indent, seg.src.end);
        }
        if piece.is_empty() {
            continue;
        }
        kept.push(Segment {
            plain: out.len(),
            ..seg
        });
        out.push_str(piece);
    }
    *segments = kept;
    out
}

/// 「〜20回記念、巨大迷路とスタンプラリー〜」: a subtitle under a title.
pub(super) fn subtitle(line: &str) -> bool {
    let wave = |c: Option<char>| c.is_some_and(|c| "〜～―－-".contains(c));
    wave(line.chars().next()) && wave(line.chars().next_back())
}

/// What a line break in prose stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wrap {
    /// A line break: the lines are separate.
    No,
    /// Nothing: the line was wrapped inside Japanese text.
    Join,
    /// A space: the line was wrapped between two words of Latin script.
    Space,
}

/// Compile the regexes that joining wrapped lines needs (see
/// [`crate::warm_up_reading`]): any paragraph with a line break asks
/// [`whole_number_end_re`].
pub(super) fn warm_up() {
    let _ = (whole_number_end_re(), label_value_re());
}

/// A 「label：value」 line (「受付：月～金 9:00-17:00（土曜は9:00-12:00）」):
/// ending in a closed bracket, it stands on its own, whatever its length.
fn label_value_re() -> &'static crate::rx::Regex {
    static_regex!(r"^[\p{Han}\p{Katakana}ーA-Za-z]{1,6}\s*[：:]")
}

/// A whole phone number at the end of a line (「専用電話　03-0000-2525」).
fn whole_number_end_re() -> &'static crate::rx::Regex {
    static_regex!(r"[0-9０-９]{2,5}[-－‐−][0-9０-９]{1,4}[-－‐−][0-9０-９]{3,4}$")
}

/// Does the line `prev` run on into `next` (a paragraph typed or converted
/// with a line break every few dozen characters), rather than end a
/// sentence, a label or a heading? Japanese has no space between words, so
/// a wrap can fall anywhere, even inside a word (個人情⏎報).
fn wrapped(prev: &str, next: &str, prose: bool) -> Wrap {
    // A numbered item wrapped onto indented lines (「（1）配信ボタンを押した
    // 後に、内容と配信先を確⏎　　かめる画面が…」): a clause (、) on the
    // numbered line and a deeper indent on the next say the item goes on.
    // (A label and its value, 「（2）対象　同日…」, is a line of its own.)
    let indent = |l: &str| l.chars().take_while(|c| c.is_whitespace()).count();
    let item_goes_on = indent(next) > indent(prev)
        && prev.contains(['、', '，'])
        && !prev.trim().contains(char::is_whitespace);
    let (prev, next) = (prev.trim(), next.trim());
    let (Some(last), Some(first)) = (prev.chars().next_back(), next.chars().next()) else {
        return Wrap::No;
    };
    // A bracket left open (「…無償交換（リコ⏎ール）のお知らせ」, 「TEL 03-0000-0000
    // （受付時間 9:00〜18:⏎00）」) closes on the next line.
    let open = prev
        .chars()
        .filter(|c| "（(「『【［〔".contains(*c))
        .count()
        > prev
            .chars()
            .filter(|c| "）)」』】］〕".contains(*c))
            .count();
    // A number cut at a hyphen (「03-⏎5411-2800」「053-415⏎-2600」).
    let dash = |c: char| "-－‐−".contains(c);
    let cut_number = (dash(last) && first.is_ascii_digit())
        || (last.is_ascii_digit()
            && dash(first)
            && next.chars().nth(1).is_some_and(|c| c.is_ascii_digit()));
    if cut_number {
        return Wrap::Join;
    }
    // A line that ends in a whole phone number (「専用電話　03-0000-2525」)
    // is a contact line, whatever follows it.
    if whole_number_end_re().is_match(prev) {
        return Wrap::No;
    }
    if !prose && !open {
        return Wrap::No;
    }
    if "。．！？!?：:".contains(last)
        || super::anatomy::opens_with_mark(next)
        || "【［〈＜<＊*＃#→⇒-－―".contains(first)
        || (!open && "）)".contains(last) && label_value_re().is_match(prev))
        // A date alone on the next line is a masthead's, not the rest of
        // a wrapped sentence (「〜に関するお詫び⏎2018年(平成30年)2月22日」).
        || super::anatomy::date_line(next)
        || super::anatomy::date_line(prev)
        // 「対象期間：2018年7月～2019年9月⏎過大請求：68件」: a list of fields.
        || (!open && label_value_re().is_match(prev) && label_value_re().is_match(next))
        || subtitle(next)
        || (super::anatomy::is_line_label(prev) && !item_goes_on)
        || super::anatomy::plain_heading_pair(prev, next)
        || super::anatomy::is_line_label(next)
    {
        return Wrap::No;
    }
    // After 、 or in the middle of a phrase (hiragana), the sentence goes
    // on; after other characters, only a full-width line is a wrap (a
    // short line is a label, a name or a heading).
    let runs_on = open
        || "、，,".contains(last)
        || ('\u{3041}'..='\u{3096}').contains(&last)
        || prev.chars().count() >= 16;
    if !runs_on {
        Wrap::No
    } else if last.is_ascii_alphanumeric()
        && first.is_ascii_alphanumeric()
        && !(last.is_ascii_digit() && first.is_ascii_digit())
    {
        // Latin words wrap at a space. (Digits on both sides are a number
        // cut in two: 197⏎8年.)
        Wrap::Space
    } else {
        Wrap::Join
    }
}

impl<'s> Builder<'s> {
    fn begin(&mut self, kind: BlockKind, at: usize) {
        self.flush();
        self.current = Some(Block {
            kind,
            role: Role::Body,
            span: Span::empty(at),
            text: Text::default(),
            map: OffsetMap::default(),
            quote_depth: depth(self.quote_depth),
            list_depth: depth(self.list_depth),
            section: u32::MAX,
            pseudo_heading: false,
            bold_line: false,
        });
    }

    fn flush(&mut self) {
        let mut text = std::mem::take(&mut self.text);
        let line_breaks = std::mem::take(&mut self.line_breaks);
        if let Some(mut b) = self.current.take() {
            // Lines of sentences with a line of 「-」 or 「=」 under them (a
            // separator in a pasted text) are a setext heading to
            // Markdown, but a paragraph to a reader. (Only a setext heading
            // can span lines.)
            if matches!(b.kind, BlockKind::Heading(_)) && text.contains('\n') && text.contains('。')
            {
                b.kind = BlockKind::Paragraph;
            }
            let prose_block = matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem);
            let bold = prose_block && bold_first_line(self.src, b.span.start);
            if prose_block {
                text = join_wrapped(text, &mut self.segments, &line_breaks, bold);
            }
            if !text.trim().is_empty() {
                b.text = match self.shared {
                    Some(shared) if self.src.get(b.span.start..b.span.end) == Some(&*text) => {
                        shared.slice(b.span)
                    }
                    _ => Text::from(text),
                };
                b.bold_line = b.kind == BlockKind::Paragraph && bold;
                // Verbatim text maps offsets one to one (no segments).
                if !is_identity_from(&self.segments, b.span, b.text.len()) {
                    b.map = OffsetMap::from(self.segments.clone());
                }
                self.blocks.push(b);
            }
        }
        self.segments.clear();
    }

    fn append(&mut self, plain: &str, src: Span, exact: bool) {
        if self.skip_depth > 0 || plain.is_empty() {
            return;
        }
        if self.current.is_none() {
            let kind = if self.list_depth > 0 {
                BlockKind::ListItem
            } else {
                BlockKind::Paragraph
            };
            self.begin(kind, src.start);
        }
        if let Some(b) = self.current.as_mut() {
            if self.text.is_empty() {
                b.span = src;
            }
            self.segments.push(Segment {
                plain: self.text.len(),
                plain_len: plain.len(),
                src,
                exact,
            });
            self.text.push_str(plain);
            b.span = b.span.cover(src);
        }
    }

    /// Text of an indented code block: its lines, each ending in a line
    /// break like a paragraph's, and a new paragraph after each blank line
    /// (see `event`).
    fn indented_text(&mut self, text: &str, range: Span) {
        let mut at = range.start;
        for line in text.split_inclusive('\n') {
            let body = line.strip_suffix('\n').unwrap_or(line);
            let body_span = Span::new(at, at + body.len());
            if body.trim().is_empty() {
                // A blank line ends a paragraph (an indented block runs on
                // over blank lines).
                if !self.text.is_empty() {
                    self.flush();
                }
            } else {
                if self.current.is_some() && !self.text.is_empty() && !self.text.ends_with('\n') {
                    self.line_breaks.push(self.segments.len());
                    self.append("\n", Span::empty(at), false);
                }
                self.text(body, body_span);
            }
            at += line.len();
        }
    }

    fn text(&mut self, text: &str, range: Span) {
        let exact = self.src.get(range.start..range.end) == Some(text);
        self.append(text, range, exact);
    }

    /// Take one parser event; `range` is in `src`.
    fn event(&mut self, event: Event, range: Span) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    self.begin(BlockKind::Heading(level as u8), range.start)
                }
                Tag::Paragraph => {
                    let kind = if self.list_depth > 0 {
                        BlockKind::ListItem
                    } else {
                        BlockKind::Paragraph
                    };
                    self.begin(kind, range.start);
                }
                Tag::Item => self.begin(BlockKind::ListItem, range.start),
                Tag::List(_) => {
                    self.flush();
                    self.list_depth += 1;
                }
                Tag::TableCell => self.begin(BlockKind::TableCell, range.start),
                Tag::BlockQuote(_) => {
                    self.flush();
                    self.quote_depth += 1;
                }
                // Lines indented by four spaces are a code block in
                // Markdown, but in a release they are layout: a date
                // pushed to the right, a paragraph indented in a word
                // processer. They are read as a paragraph. (Fenced code
                // blocks are skipped.)
                Tag::CodeBlock(CodeBlockKind::Indented) if self.skip_depth == 0 => {
                    let kind = if self.list_depth > 0 {
                        BlockKind::ListItem
                    } else {
                        BlockKind::Paragraph
                    };
                    self.begin(kind, range.start);
                    self.indented = true;
                }
                Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_) | Tag::HtmlBlock => {
                    if matches!(tag, Tag::CodeBlock(_)) {
                        self.flush();
                    }
                    self.skip_depth += 1;
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell => {
                    self.flush()
                }
                TagEnd::List(_) => {
                    self.flush();
                    self.list_depth = self.list_depth.saturating_sub(1);
                }
                TagEnd::BlockQuote(_) => {
                    self.flush();
                    self.quote_depth = self.quote_depth.saturating_sub(1);
                }
                TagEnd::CodeBlock if self.indented => {
                    self.flush();
                    self.indented = false;
                }
                TagEnd::CodeBlock
                | TagEnd::Image
                | TagEnd::MetadataBlock(_)
                | TagEnd::HtmlBlock => {
                    self.skip_depth = self.skip_depth.saturating_sub(1);
                }
                _ => {}
            },
            Event::Text(t) if self.indented => self.indented_text(&t, range),
            Event::Text(t) => self.text(&t, range),
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                self.append(CODE_PLACEHOLDER, range, false)
            }
            // A hard break (two trailing spaces) inside a sentence is a
            // layout artefact too (text pasted from a PDF keeps its lines).
            Event::SoftBreak | Event::HardBreak => {
                if self.skip_depth == 0 && self.current.is_some() {
                    self.line_breaks.push(self.segments.len());
                }
                self.append("\n", range, false)
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                self.directives.extend(suppress::parse_directive(&h, range));
            }
            Event::FootnoteReference(_) | Event::Rule | Event::TaskListMarker(_) => {}
        }
    }
}

/// A nesting depth as a block stores it (saturating: only zero or not
/// matters beyond a few levels).
fn depth(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// A body longer than this is parsed piece by piece (see [`parse_in_pieces`]).
const PIECE_BYTES: usize = 1 << 20;

fn options() -> Options {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_TASKLISTS);
    opts
}

/// Parse a draft. Never fails: any input is a valid Markdown document.
/// `shared`, when given, holds the same text as `src`: block texts that
/// are verbatim source text share its buffer instead of copying it.
pub fn parse(src: &str, shared: Option<&Text>) -> Document {
    parse_in_pieces(src, shared, PIECE_BYTES)
}

/// For the `markdown` fuzz target: reading `src` in pieces of about
/// `piece` bytes gives the same blocks and suppressions as reading it whole.
#[doc(hidden)]
pub fn pieces_read_like_the_whole(src: &str, piece: usize) -> bool {
    read_in(src, piece) == read_in(src, usize::MAX)
}

/// What a reading of `src` in pieces of `piece` bytes produced, as text.
fn read_in(src: &str, piece: usize) -> String {
    let doc = parse_in_pieces(src, None, piece);
    format!("{:?}\n{:?}", doc.blocks, doc.suppressions)
}

/// [`parse`], reading a long body in pieces of about `piece` bytes.
///
/// pulldown-cmark builds the block tree of all the text it is given before
/// it yields the first event: about twice the text's size, so on a 50 MB
/// file a transient 90 MB that the allocator then keeps. Each piece ends
/// after a blank line; its last top-level block (a list or fence may go on
/// past the piece) is parsed again as the start of the next piece, so every
/// block is parsed with all the lines that decide where it ends. Link
/// reference and footnote definitions apply to the whole document: a body
/// that may contain one (any `]:`) is parsed in one piece.
fn parse_in_pieces(src: &str, shared: Option<&Text>, piece: usize) -> Document {
    let shared = shared.filter(|t| t.as_str() == src);
    let (front_matter, body_start) = front_matter::parse(src);
    let opts = options();
    let body = src.get(body_start..).unwrap_or("");
    let mut b = Builder {
        src,
        shared,
        blocks: Vec::new(),
        current: None,
        text: String::new(),
        segments: Vec::new(),
        line_breaks: Vec::new(),
        quote_depth: 0,
        list_depth: 0,
        skip_depth: 0,
        indented: false,
        directives: Vec::new(),
    };
    // (A body of one piece is read whole anyway: no need to look.)
    let mut whole = body.len() > piece && body.contains("]:");
    let mut at = 0;
    let mut len = piece;
    while at < body.len() {
        let rest = &body[at..];
        let offset = body_start + at;
        let end = if whole { None } else { end_of_piece(rest, len) };
        let Some(end) = end else {
            for (event, range) in Parser::new_ext(rest, opts).into_offset_iter() {
                b.event(event, Span::new(range.start + offset, range.end + offset));
            }
            break;
        };
        let events: Vec<_> = Parser::new_ext(&rest[..end], opts)
            .into_offset_iter()
            .collect();
        match resume_point(rest, &events) {
            Some((keep, resume)) => {
                for (event, range) in events.into_iter().take(keep) {
                    b.event(event, Span::new(range.start + offset, range.end + offset));
                }
                at += resume;
                len = piece;
            }
            // One block fills the piece: read on until it ends, up to a
            // few pieces (a piece's events are held in memory, about twice
            // its text); past that (a document that is one long list) the
            // rest is read in one piece, as it would be without pieces.
            None if end < piece.saturating_mul(8) => len = end.saturating_mul(2),
            None => whole = true,
        }
    }
    b.flush();
    b.blocks.shrink_to_fit();
    Document {
        blocks: b.blocks,
        front_matter,
        suppressions: suppress::Suppressions::build(src, b.directives),
        ..Document::default()
    }
}

/// End (exclusive) of the first blank line of `text` that starts at or
/// after `len`; `None` when there is none (the rest is one piece).
fn end_of_piece(text: &str, len: usize) -> Option<usize> {
    if len >= text.len() {
        return None;
    }
    // The line after the one `len` falls in (`len` need not be on a char
    // boundary: search the bytes; `\n` is never inside a UTF-8 character).
    let mut line = text
        .as_bytes()
        .get(len..)?
        .iter()
        .position(|&c| c == b'\n')?
        + len
        + 1;
    while line < text.len() {
        let end = text[line..].find('\n').map_or(text.len(), |i| line + i + 1);
        if is_blank(&text[line..end]) {
            return (end < text.len()).then_some(end);
        }
        line = end;
    }
    None
}

/// Where the next piece starts: the line of the last top-level block of
/// `events` (parsed from the start of `text`), and how many events come
/// before it. `None` unless there is an earlier block and only blank text
/// lies between the two.
fn resume_point(text: &str, events: &[(Event, std::ops::Range<usize>)]) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut last = None;
    for (i, (event, _)) in events.iter().enumerate() {
        if depth == 0 && i > 0 {
            last = Some(i);
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let keep = last?;
    let block = events[keep].1.start;
    let resume = text.get(..block)?.rfind('\n').map_or(0, |i| i + 1);
    let before = events[..keep].iter().map(|(_, r)| r.end).max()?;
    // (No gap when the earlier block ends past that line: `get` is None.)
    let gap = text.get(before..resume)?;
    (resume > 0 && is_blank(gap)).then_some((keep, resume))
}

/// Only spaces, tabs and line breaks: a blank line, or the blank lines
/// between two blocks.
fn is_blank(text: &str) -> bool {
    text.trim_matches([' ', '\t', '\r', '\n']).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &Document) -> Vec<(&str, BlockKind)> {
        doc.blocks
            .iter()
            .map(|b| (b.text.as_str(), b.kind))
            .collect()
    }

    /// The source text that the first `plain` in `b`'s text comes from.
    fn source_of<'s>(src: &'s str, b: &Block, plain: &str) -> &'s str {
        let at = b.text.find(plain).unwrap();
        b.source_span(Span::new(at, at + plain.len())).slice(src)
    }

    #[test]
    fn blocks_keep_source_spans_through_inline_markup() {
        let src = "# 見出し\n\n本文は**重要**で[リンク](https://example.com)です。\n";
        let doc = parse(src, None);
        assert_eq!(
            texts(&doc),
            vec![
                ("見出し", BlockKind::Heading(1)),
                ("本文は重要でリンクです。", BlockKind::Paragraph)
            ]
        );
        let p = &doc.blocks[1];
        assert_eq!(source_of(src, p, "重要"), "重要");
        assert_eq!(
            source_of(src, p, "リンクです"),
            "リンク](https://example.com)です"
        );
    }

    #[test]
    fn sentences_over_a_separator_line_are_a_paragraph() {
        // 「-」 under lines of sentences: a separator, not a setext heading.
        let doc = parse(
            "事故が発生しました。\nお詫び申し上げます。\n-\n経緯\n",
            None,
        );
        assert_eq!(doc.blocks[0].kind, BlockKind::Paragraph);
        // A setext heading proper stays one, as does a one-line heading
        // with a full stop.
        for src in [
            "お知らせ\n---\n",
            "事故が発生しました。\n===\n",
            "## 事故が発生しました。\n",
        ] {
            assert!(parse(src, None).blocks[0].is_heading(), "{src}");
        }
    }

    #[test]
    fn hard_wrapped_prose_reads_as_one_line() {
        let text = |src: &str| parse(src, None).blocks[0].text.to_string();
        // Japanese wraps anywhere, even inside a word; spans still point at
        // the source, across the break.
        // The first block's text, and the source that `needle` in it came from.
        let source_of = |src: &'static str, needle: &str| {
            let doc = parse(src, None);
            let p = &doc.blocks[0];
            let at = p.text.find(needle).unwrap();
            let span = p.source_span(Span::new(at, at + needle.len()));
            (p.text.to_string(), span.slice(src).to_owned())
        };
        let src = "当社が管理しておりましたお客様の個人情\n報が流出したことを深くお詫び申し\n上げます。\n";
        let (joined, from) = source_of(src, "申し上げ");
        assert_eq!(
            joined,
            "当社が管理しておりましたお客様の個人情報が流出したことを深くお詫び申し上げます。"
        );
        assert_eq!(from, "申し\n上げ");
        assert_eq!(source_of(src, "上げます").1, "上げます");
        // The next line's full-width indent goes with the break.
        let src = "当社が管理しておりましたお客様の個人情\n　報が流出しました。\n";
        let (joined, from) = source_of(src, "報が");
        assert_eq!(
            joined,
            "当社が管理しておりましたお客様の個人情報が流出しました。"
        );
        assert_eq!(from, "報が");
        // Latin words wrap at a space; a number cut at its hyphen or in its
        // digits is one number; a bracket left open closes on the next line,
        // in a title or a contact line too.
        assert_eq!(
            text("Veltra Japan合同会社（代表：James\nWhitfield）は、製品を回収します。"),
            "Veltra Japan合同会社（代表：James Whitfield）は、製品を回収します。"
        );
        assert_eq!(
            text("株式会社サンプル（本社：静岡県、代表取締役：丸山 洋平）は、197\n8年の創業以来の店を閉じます。"),
            "株式会社サンプル（本社：静岡県、代表取締役：丸山 洋平）は、1978年の創業以来の店を閉じます。"
        );
        assert_eq!(
            text("サンプル乳業株式会社　広報部　03-\n5411-2800"),
            "サンプル乳業株式会社　広報部　03-5411-2800"
        );
        assert_eq!(
            text("セラミックファンヒーター無償交換（リコ\nール）のお知らせ"),
            "セラミックファンヒーター無償交換（リコール）のお知らせ"
        );
        // A numbered item wrapped onto an indented line.
        assert_eq!(
            text("（1）配信ボタンを押した後に、内容と配信先を確\n　　かめる画面が必ず出るよう設定を改めました。\n（2）訓練用の文面は別のパソコンで作ります。"),
            "（1）配信ボタンを押した後に、内容と配信先を確かめる画面が必ず出るよう設定を改めました。\n（2）訓練用の文面は別のパソコンで作ります。"
        );
        // A hard break (two trailing spaces) in mid-sentence too.
        assert_eq!(
            text("当社の個人情報が流出したことを深くお詫び申し  \n上げます。"),
            "当社の個人情報が流出したことを深くお詫び申し上げます。"
        );
        // Lines that stand on their own stay lines.
        for src in [
            // A masthead and a contact block: no sentence, no open bracket.
            "会社名　サンプル精機株式会社\n代表者名　代表取締役社長　大西 正和\n問合せ先　経営企画部長　北村 亮",
            "受付時間：平日9時〜17時（土日祝日を除く）\nTEL：03-0000-0000",
            // Sentences, labels, headings, bullets and subtitles.
            "障害が発生しました。\n現在は復旧しております。",
            "【今後の対応】\n全店舗で点検を行い、結果を公表いたします。",
            "◎ 何があったか\n5月26日の夕方、酒屋さんから電話をもらいました。",
            "〇 お問い合わせ\n北陽学院大学 入試センター",
            "対象となる方は、次のとおりです\n〇 市内に住む小学生",
            "受付：月～金 9:00-17:00（土曜は9:00-12:00）\nオープンキャンパス（9月6日 10:00-15:00）でも学部の説明を行います。",
            "1．経緯\n4月1日に障害が発生し、4月2日に復旧しました。",
            "対象の製品は次のとおりです\n・ファンヒーター（型番：CF-12）",
            "「第20回 ひまわりフェスタ」を開催します\n〜20回記念、約30万本のひまわり畑で巨大迷路〜",
            // A short line is a name or a label, not a wrap.
            "株式会社サンプル 広報部\n担当者から折り返しご連絡いたします。",
            // A line that ends in a whole phone number, and a heading
            // numbered in kanji, in a letter.
            "　　専用電話　03-0000-2525\n　　午前八時から午後八時まで（日曜・祝日も受け付けます）",
            "一　どのようなことが起きたのか\n　令和七年十一月十七日から五日間、接種量を誤りました。",
            // A numbered label with a value, then an indented paragraph.
            "（2）対象　同日午前0時から午前8時までに予約された振込のうち、午前9時の処理分\n　対象のお客さまには、順次ご連絡しております。",
            // A title over a date with its era in brackets.
            "メールアドレス流出に関するお詫び\n2018年(平成30年)2月22日\n上智大学",
            // A list of fields, each 「label：value」.
            "対象期間:2018年7月~2019年9月\n過大請求:68件(最大1円)",
        ] {
            assert!(text(src).contains('\n'), "{src}");
        }
        // A bold first line is a heading of its own.
        assert_eq!(
            text("**今後の再発防止策として当社が取り組むこと**\n全店舗で点検を行い、結果を公表いたします。"),
            "今後の再発防止策として当社が取り組むこと\n全店舗で点検を行い、結果を公表いたします。"
        );
    }

    #[test]
    fn code_is_not_prose_and_lists_tables_are_blocks() {
        let src = "- 一つ目の`code`項目\n- 二つ目\n\n```\nコード。\n```\n\n| 列 | 値 |\n|---|---|\n| 件数 | 808人 |\n";
        let doc = parse(src, None);
        let t = texts(&doc);
        assert_eq!(t[0], ("一つ目の＿項目", BlockKind::ListItem));
        assert_eq!(t[1], ("二つ目", BlockKind::ListItem));
        assert!(t.iter().all(|(s, _)| !s.contains("コード")));
        assert!(t.contains(&("808人", BlockKind::TableCell)));
        let cell = doc.blocks.iter().find(|b| b.text == "808人").unwrap();
        assert_eq!(cell.span.slice(src), "808人");
    }

    /// Lines indented by four spaces (a date pushed right, an indented
    /// paragraph) are a paragraph, not code, with spans into the source;
    /// a fenced block is still code.
    #[test]
    fn indented_lines_are_text_not_code() {
        let src = "                    2026年2月13日\n\n    当社は、新製品を\n      発売しました。\n\n```\nコード。\n```\n";
        let doc = parse(src, None);
        let t = texts(&doc);
        assert_eq!(t.len(), 2, "{t:?}");
        assert_eq!(t[0].0.trim(), "2026年2月13日");
        // Hard-wrapped lines join as in any paragraph.
        assert_eq!(
            t[1],
            ("当社は、新製品を発売しました。", BlockKind::Paragraph)
        );
        for word in ["発売", "新製品"] {
            assert_eq!(source_of(src, &doc.blocks[1], word), word);
        }
    }

    #[test]
    fn front_matter_is_skipped() {
        let src = "---\ntitle: テスト\nkind: incident\n---\n本文です。\n";
        let doc = parse(src, None);
        assert_eq!(doc.front_matter.kind.as_deref(), Some("incident"));
        assert_eq!(texts(&doc), vec![("本文です。", BlockKind::Paragraph)]);
        assert_eq!(doc.blocks[0].span.slice(src), "本文です。");
    }

    /// Reading `src` in pieces of each size in `pieces` gives the blocks
    /// and suppressions of reading it whole.
    fn assert_pieces_read_like_the_whole(src: &str, pieces: impl Iterator<Item = usize>) {
        let whole = read_in(src, usize::MAX);
        for piece in pieces {
            assert_eq!(read_in(src, piece), whole, "piece {piece} of {src:?}");
        }
    }

    /// Blocks that a blank line does not end (fences, loose lists, HTML
    /// comments, indented code) and blocks decided by their next line
    /// (setext headings, tables): read in pieces of any size, each is the
    /// same as when the file is read whole.
    #[test]
    fn pieces_read_like_the_whole() {
        let docs = [
            "# 見出し\n\n一段落目です。\n\n```\nコード\n\nまだコード\n```\n\n二段落目。\n\n三段落目。\n",
            "- 項目一\n\n- 項目二\n\n  続き\n\n本文です。\n\n1. 番号\n2. 番号\n\n終わり。\n",
            "<!-- koho-disable ja.max-ten\n\n説明 -->\n\n本文、です。\n\n<!-- koho-enable -->\n\n後の本文。\n",
            "段落\n見出しになる\n===\n\n表の前。\n| 列 | 値 |\n|---|---|\n| 件数 | 808人 |\n\n後。\n",
            "> 引用一\n\n> 引用二\n\n    インデントコード\n\n    続き\n\n本文。\n\n---\n\n本文二。\n",
            "本文。\r\n\r\n二つ目。\r\n\r\n~~~\r\nコード\r\n\r\n~~~\r\n\r\n三つ目。\r\n",
            "---\nkind: incident\n---\n本文です。\n\n二段落目です。\n",
            "一行目\n\n\n\n\n二行目\n\n   \n\t\n三行目\n",
        ];
        for src in docs {
            assert_pieces_read_like_the_whole(src, 1..=src.len() + 1);
        }
        // One loose list longer than eight pieces, then more blocks.
        let list = format!("{}本文。\n\n後の本文。\n", "- 項目\n\n".repeat(40));
        assert_pieces_read_like_the_whole(&list, 1..=64);
    }

    /// Every fixture (real release layouts) reads the same in small pieces.
    #[test]
    fn fixtures_read_the_same_in_pieces() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "md") {
                    out.push(p);
                }
            }
        }
        let mut files = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
            &mut files,
        );
        assert!(files.len() > 50, "{}", files.len());
        for f in files {
            let Ok(src) = std::fs::read_to_string(&f) else {
                continue;
            };
            assert_pieces_read_like_the_whole(&src, [1, 7, 64, 512].into_iter());
        }
    }

    #[test]
    fn a_long_body_is_read_in_several_pieces() {
        let src = "本文です。\n\n".repeat(10);
        let events = Parser::new_ext(&src, options())
            .into_offset_iter()
            .collect::<Vec<_>>();
        // Cut after the last full paragraph before the tenth.
        let (keep, resume) = resume_point(&src, &events).expect("a cut");
        assert!(keep > 0 && resume > 0 && resume < src.len());
        assert!(src[resume..].starts_with("本文です。"));
        // Pieces of one byte still move on.
        assert_eq!(end_of_piece(&src, 1), Some("本文です。\n\n".len()));
        assert_eq!(end_of_piece(&src, src.len()), None);
    }

    /// Link reference definitions apply to the whole document: a body with
    /// one is read in one piece, so links before it still resolve.
    #[test]
    fn reference_definitions_keep_the_body_whole() {
        let src = "[お知らせ][a]を見てください。\n\n本文。\n\n[a]: https://example.com\n";
        assert_pieces_read_like_the_whole(src, 1..src.len());
        let doc = parse_in_pieces(src, None, 1);
        assert_eq!(doc.blocks[0].text.as_str(), "お知らせを見てください。");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 2000,
            failure_persistence: None,
            ..Default::default()
        })]
        /// Any mix of block syntax reads the same in pieces as whole.
        #[test]
        fn any_markdown_reads_the_same_in_pieces(
            lines in proptest::collection::vec(proptest::sample::select(vec![
                "", "", "", "本文です。", "本文、続き", "# 見出し", "見出し", "===", "---", "- 項目",
                "  続き", "1. 番号", "2) 番号", "> 引用", ">", "```", "~~~", "    コード",
                "<!-- koho-disable -->", "<!--", "-->", "<div>", "</div>", "| 列 | 値 |",
                "|---|---|", "* * *", "[^1]", "\t字下げ", "　全角空白",
            ]), 0..60),
            piece in 1usize..120,
        ) {
            let src = lines.join("\n");
            proptest::prop_assert_eq!(read_in(&src, piece), read_in(&src, usize::MAX));
        }
    }
}
