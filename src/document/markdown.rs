//! Markdown → [`Document`] with pulldown-cmark's offset iterator. The only
//! module that knows pulldown-cmark. Every piece of prose keeps the byte
//! range it came from, so diagnostics point at the original source even
//! inside emphasis, links, lists and tables.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{
    front_matter, suppress, Block, BlockKind, Document, OffsetMap, Role, Segment, CODE_PLACEHOLDER,
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
    quote_depth: usize,
    list_depth: usize,
    /// Inside a code block, image alt text or metadata: not prose.
    skip_depth: usize,
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
            section: None,
            pseudo_heading: false,
        });
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.text);
        if let Some(mut b) = self.current.take() {
            if !text.trim().is_empty() {
                b.text = match self.shared {
                    Some(shared) if self.src.get(b.span.start..b.span.end) == Some(&*text) => {
                        shared.slice(b.span)
                    }
                    _ => Text::from(text),
                };
                if b.map.is_identity_from(b.span, b.text.len()) {
                    // Verbatim text: offsets map one to one (no segments).
                    b.map = OffsetMap::default();
                } else {
                    // Appending grew it by doubling; a document keeps all
                    // its blocks, and a huge one would keep up to twice its map.
                    b.map.shrink_to_fit();
                }
                self.blocks.push(b);
            }
        }
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
            b.map.push(Segment {
                plain: self.text.len(),
                plain_len: plain.len(),
                src,
                exact,
            });
            self.text.push_str(plain);
            b.span = b.span.cover(src);
        }
    }

    fn text(&mut self, text: &str, range: Span) {
        let exact = self.src.get(range.start..range.end) == Some(text);
        self.append(text, range, exact);
    }
}

/// A nesting depth as a block stores it (saturating: only zero or not
/// matters beyond a few levels).
fn depth(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Parse a draft. Never fails: any input is a valid Markdown document.
/// `shared`, when given, holds the same text as `src`: block texts that
/// are verbatim source text share its buffer instead of copying it.
pub fn parse(src: &str, shared: Option<&Text>) -> Document {
    let shared = shared.filter(|t| t.as_str() == src);
    let (front_matter, body_start) = front_matter::parse(src);
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_TASKLISTS);
    let body = src.get(body_start..).unwrap_or("");
    let mut b = Builder {
        src,
        shared,
        blocks: Vec::new(),
        current: None,
        text: String::new(),
        quote_depth: 0,
        list_depth: 0,
        skip_depth: 0,
    };
    let mut directives = Vec::new();
    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        let range = Span::new(range.start + body_start, range.end + body_start);
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => b.begin(BlockKind::Heading(level as u8), range.start),
                Tag::Paragraph => {
                    let kind = if b.list_depth > 0 {
                        BlockKind::ListItem
                    } else {
                        BlockKind::Paragraph
                    };
                    b.begin(kind, range.start);
                }
                Tag::Item => b.begin(BlockKind::ListItem, range.start),
                Tag::List(_) => {
                    b.flush();
                    b.list_depth += 1;
                }
                Tag::TableCell => b.begin(BlockKind::TableCell, range.start),
                Tag::BlockQuote(_) => {
                    b.flush();
                    b.quote_depth += 1;
                }
                Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_) | Tag::HtmlBlock => {
                    if matches!(tag, Tag::CodeBlock(_)) {
                        b.flush();
                    }
                    b.skip_depth += 1;
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell => {
                    b.flush()
                }
                TagEnd::List(_) => {
                    b.flush();
                    b.list_depth = b.list_depth.saturating_sub(1);
                }
                TagEnd::BlockQuote(_) => {
                    b.flush();
                    b.quote_depth = b.quote_depth.saturating_sub(1);
                }
                TagEnd::CodeBlock
                | TagEnd::Image
                | TagEnd::MetadataBlock(_)
                | TagEnd::HtmlBlock => {
                    b.skip_depth = b.skip_depth.saturating_sub(1);
                }
                _ => {}
            },
            Event::Text(t) => b.text(&t, range),
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                b.append(CODE_PLACEHOLDER, range, false)
            }
            Event::SoftBreak | Event::HardBreak => b.append("\n", range, false),
            Event::Html(h) | Event::InlineHtml(h) => {
                directives.extend(suppress::parse_directive(&h, range));
            }
            Event::FootnoteReference(_) | Event::Rule | Event::TaskListMarker(_) => {}
        }
    }
    b.flush();
    b.blocks.shrink_to_fit();
    Document {
        blocks: b.blocks,
        front_matter,
        suppressions: suppress::Suppressions::build(src, directives),
        ..Document::default()
    }
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
        let at = p.text.find("重要").unwrap();
        let span = p.source_span(Span::new(at, at + "重要".len()));
        assert_eq!(span.slice(src), "重要");
        let at = p.text.find("リンク").unwrap();
        let span = p.source_span(Span::new(at, at + "リンクです".len()));
        assert_eq!(span.slice(src), "リンク](https://example.com)です");
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

    #[test]
    fn front_matter_is_skipped() {
        let src = "---\ntitle: テスト\nkind: incident\n---\n本文です。\n";
        let doc = parse(src, None);
        assert_eq!(doc.front_matter.kind.as_deref(), Some("incident"));
        assert_eq!(texts(&doc), vec![("本文です。", BlockKind::Paragraph)]);
        assert_eq!(doc.blocks[0].span.slice(src), "本文です。");
    }
}
