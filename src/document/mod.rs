//! The document model: blocks of prose whose plain text maps back to the
//! original source bytes, the release anatomy (title, header lines, lead,
//! body, contact block) and the sentences inside each block.

pub mod anatomy;
pub mod front_matter;
pub mod markdown;
pub mod suppress;

use crate::span::Span;
use crate::text::Text;
pub use front_matter::FrontMatter;
pub use suppress::Suppressions;

/// What a block is in Markdown terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Heading(u8),
    Paragraph,
    ListItem,
    TableCell,
}

/// What a block is in press-release terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// The release's title (first level-1 heading, else first heading).
    Title,
    /// Addressee, date, issuer and representative lines at the top.
    Header,
    /// The first paragraph of prose: where 5W1H is expected.
    Lead,
    /// Headings and prose of the body.
    Body,
    /// The contact block (【本件に関するお問い合わせ先】, 受付時間 …).
    Contact,
}

/// One piece of the block's plain text and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Start in the block's plain text.
    pub plain: usize,
    pub plain_len: usize,
    /// The source bytes this piece stands for.
    pub src: Span,
    /// `true` when the plain bytes equal the source bytes one to one.
    pub exact: bool,
}

/// Plain-text offset → source offset map of one block: its segments in
/// plain-text order, in a boxed slice (a document keeps one per block).
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    segments: Box<[Segment]>,
}

impl From<Vec<Segment>> for OffsetMap {
    fn from(segments: Vec<Segment>) -> Self {
        OffsetMap {
            segments: segments.into_boxed_slice(),
        }
    }
}

/// Do `segments` map plain offsets one to one onto `span`, which has `len`
/// bytes (verbatim text: every segment exact, each where the previous one
/// ended)?
fn is_identity_from(segments: &[Segment], span: Span, len: usize) -> bool {
    span.len() == len
        && segments
            .iter()
            .all(|s| s.exact && s.src.start == span.start + s.plain && s.src.len() == s.plain_len)
}

impl OffsetMap {
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    fn find(&self, plain: usize) -> Option<&Segment> {
        let i = self
            .segments
            .partition_point(|s| s.plain + s.plain_len <= plain);
        self.segments.get(i).or_else(|| self.segments.last())
    }

    /// Source offset of a plain-text offset, for the start of a span.
    pub fn start(&self, plain: usize) -> usize {
        match self.find(plain) {
            Some(s) if s.exact => s.src.start + plain.saturating_sub(s.plain).min(s.src.len()),
            Some(s) if plain >= s.plain + s.plain_len => s.src.end,
            Some(s) => s.src.start,
            None => 0,
        }
    }

    /// Source offset of a plain-text offset, for the end of a span.
    pub fn end(&self, plain: usize) -> usize {
        if plain == 0 {
            return self.start(0);
        }
        match self.find(plain - 1) {
            Some(s) if s.exact => s.src.start + (plain - s.plain).min(s.src.len()),
            Some(s) => s.src.end,
            None => 0,
        }
    }

    pub fn span(&self, plain: Span) -> Span {
        let start = self.start(plain.start);
        Span::new(start, self.end(plain.end).max(start))
    }
}

/// A block of prose with its plain text.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub role: Role,
    /// Source range of the whole block.
    pub span: Span,
    /// Plain text: emphasis and link syntax removed, inline code replaced by
    /// [`CODE_PLACEHOLDER`], line breaks kept as `\n` except inside
    /// hard-wrapped prose, where they are removed. Its sentences'
    /// texts share its buffer.
    pub text: Text,
    /// Plain → source offsets; empty when the text is verbatim source
    /// (most blocks of a plain draft), which [`Block::source_span`] maps
    /// one to one.
    pub map: OffsetMap,
    /// Nesting levels (small numbers; `u16` keeps `Block` compact: a huge
    /// file has hundreds of thousands of blocks).
    pub quote_depth: u16,
    pub list_depth: u16,
    /// See [`Block::section`]; `u32::MAX` for none (a block is 64 bytes
    /// this way, and a huge file has hundreds of thousands).
    section: u32,
    /// A 【…】 or ■ line used as a section heading inside prose (or a
    /// short line that is all bold: see [`Block::bold_line`]).
    pub pseudo_heading: bool,
    /// A paragraph whose first line is entirely in bold (`**経緯**`): how
    /// drafts converted from Word or a web page often mark their headings.
    pub bold_line: bool,
}

fn label_number_re() -> &'static crate::rx::Regex {
    static_regex!(
        r"^\s*([0-9０-９]{1,2}\s*[．.、)）]|[0-9０-９]{1,2}[ 　]+[^\s0-9０-９]{2}|[（(][0-9０-９一二三四五六七八九十]{1,2}[）)]|第[0-9０-９一二三四五六七八九十]{1,2})"
    )
}

/// Compile the regexes that reading a release needs (see [`crate::warm_up_reading`]).
pub(crate) fn warm_up() {
    anatomy::warm_up();
    markdown::warm_up();
    let _ = label_number_re();
}

/// A short line of words alone in its paragraph that ends in what a
/// section heading names (「返還対象件数と金額」「内容と経緯」「対象となる方」
/// 「今後の対応について」): a heading typed without a mark, as a release
/// pasted from a web page has them. Not a person's name (「前田 翔」, over
/// a career) nor a header line.
fn plain_label(text: &str) -> bool {
    text.chars().count() <= 20
        && static_regex!(
            r"^[\p{Han}\p{Katakana}\p{Hiragana}ー・]+(?:について|概要|経緯|経過|原因|理由|対応|対策|措置|内容|状況|件数|金額|日時|場所|方法|範囲|期間|影響|結果|背景|詳細|補償|返金|返還|方|方々|情報)$"
        )
        .is_match(text)
        && !anatomy::ends_like_sentence(text)
        && !anatomy::is_header_line(text)
}

/// A one-line paragraph without 。 that reads as a label: numbered
/// (1．… / （2）… / 第3 …) or entirely bold in the source.
fn is_label_line(b: &Block) -> bool {
    let text = b.text.trim();
    let paragraph = b.kind == BlockKind::Paragraph
        && !text.is_empty()
        && !text.contains('。')
        && !text.contains('\n')
        && text.chars().count() <= 40
        && (b.bold_line || label_number_re().is_match(text) || plain_label(text));
    // 「1. 開催の趣旨⏎インボイス制度の…」: a numbered list item whose first
    // line names what its other lines say.
    let item = b.kind == BlockKind::ListItem
        && text.split_once('\n').is_some_and(|(first, _)| {
            let first = first.trim();
            !first.is_empty()
                && first.chars().count() <= 30
                && !first.contains(['。', '：', ':'])
                && !anatomy::ends_like_sentence(first)
        });
    paragraph || item
}

/// Stands in for inline code in plain text, so that code is never linted
/// as Japanese but sentences around it still read as one.
pub const CODE_PLACEHOLDER: &str = "＿";

impl Block {
    /// Index (into `Document::blocks`) of the heading or 【…】 line that
    /// opens the section this block is in.
    pub fn section(&self) -> Option<usize> {
        (self.section != u32::MAX).then_some(self.section as usize)
    }

    fn set_section(&mut self, section: Option<usize>) {
        // Blocks are fewer than the bytes of the input (under 4 GiB).
        self.section = section
            .and_then(|s| u32::try_from(s).ok())
            .unwrap_or(u32::MAX);
    }

    pub fn source_span(&self, plain: Span) -> Span {
        if self.map.segments().is_empty() {
            // Verbatim text (see `is_identity_from`): what one
            // exact segment over the whole block would give.
            let len = self.span.len();
            let start = self.span.start + plain.start.min(len);
            return Span::new(start, (self.span.start + plain.end.min(len)).max(start));
        }
        self.map.span(plain)
    }

    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading(_)) || self.pseudo_heading
    }
}

/// A parsed draft.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
    pub front_matter: FrontMatter,
    pub suppressions: Suppressions,
    /// For each block, the index of the heading or label line above it
    /// (see [`Document::label_heading`]); computed once on first use, so
    /// rules asking per sentence stay linear in the document.
    label_index: std::sync::OnceLock<Vec<Option<usize>>>,
}

impl Document {
    pub fn parse(text: &str) -> Document {
        let mut doc = markdown::parse(text, None);
        anatomy::assign_roles(&mut doc);
        doc
    }

    /// [`Document::parse`] of `text`, whose block texts share its buffer
    /// where they are verbatim source text (most prose): on a huge file
    /// that saves about its size in memory.
    pub fn parse_shared(text: &Text) -> Document {
        let mut doc = markdown::parse(text, Some(text));
        anatomy::assign_roles(&mut doc);
        doc
    }

    pub fn title(&self) -> Option<&Block> {
        self.blocks.iter().find(|b| b.role == Role::Title)
    }

    pub fn lead(&self) -> Option<&Block> {
        self.blocks.iter().find(|b| b.role == Role::Lead)
    }

    /// Where findings about something missing are anchored: the title, else
    /// the lead, else the first block, else the start of the file.
    pub fn anchor(&self) -> Span {
        self.title()
            .or_else(|| self.lead())
            .or_else(|| self.blocks.first())
            .map(|b| b.span)
            .unwrap_or_default()
    }

    /// Text of the section heading of `block` (empty when none).
    pub fn section_heading(&self, block: &Block) -> &str {
        block
            .section()
            .and_then(|i| self.blocks.get(i))
            // A 【…】, ■ or numbered line may carry its section's text on
            // the lines below it: the heading is the first line.
            .and_then(|b| b.text.lines().next())
            .unwrap_or("")
    }

    /// The heading a reader sees above block `index`: the nearest preceding
    /// heading, 【…】 line, or short label line (「1．異動の理由」
    /// 「（3）原因」, a paragraph that is all bold) — numbered labels open
    /// sections in many real releases without Markdown heading syntax.
    /// The title is not a section: blocks under it alone get "".
    pub fn label_heading(&self, index: usize) -> &str {
        // A heading (or a 【…】 paragraph that carries its own lines) is
        // in its own section.
        let labels = self.label_index.get_or_init(|| {
            let mut last = None;
            self.blocks
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    if b.is_heading() || is_label_line(b) {
                        last = Some(i);
                    }
                    last
                })
                .collect()
        });
        let at = index.min(self.blocks.len().saturating_sub(1));
        labels
            .get(at)
            .copied()
            .flatten()
            .and_then(|i| self.blocks.get(i))
            .filter(|b| b.role != Role::Title)
            // A 【…】 paragraph may carry its section's text on later lines.
            .and_then(|b| b.text.lines().next())
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The label heading above the block whose text is `needle`.
    fn heading_of(doc: &Document, needle: &str) -> String {
        let i = doc.blocks.iter().position(|b| b.text == needle).unwrap();
        doc.label_heading(i).to_owned()
    }

    #[test]
    fn label_heading_sees_numbered_and_bold_labels() {
        let src = "# お知らせ\n\nリードです。\n\n1．異動の理由\n\n理由です。\n\n**お客様への対応**\n\n対応です。\n\n## 原因\n\n原因です。\n\n前田 翔\n\n経歴です。\n\n1. 開催の趣旨\n   趣旨です。\n";
        let doc = Document::parse(src);
        assert_eq!(heading_of(&doc, "リードです。"), "");
        assert_eq!(heading_of(&doc, "理由です。"), "1．異動の理由");
        assert_eq!(heading_of(&doc, "対応です。"), "お客様への対応");
        assert_eq!(heading_of(&doc, "原因です。"), "原因");
        assert_eq!(heading_of(&doc, "原因"), "原因");
        // A short unnumbered line is not a label (a name over a career).
        assert_eq!(heading_of(&doc, "経歴です。"), "原因");
        // A numbered item's first line heads its other lines.
        assert_eq!(heading_of(&doc, "開催の趣旨\n趣旨です。"), "開催の趣旨");
        let src = "# お知らせ\n\nリードです。\n\n【当社の対応】\n連絡しました。\n";
        let doc = Document::parse(src);
        let last = doc.blocks.len() - 1;
        assert_eq!(doc.label_heading(last), "【当社の対応】");
        // A short unmarked line that names what a section says is one.
        let src = "# お知らせ\n\nリードです。\n\n返還対象件数と金額\n\n水道料金　1,902件\n\n今後の対応について\n\n確認します。\n\n株式会社サンプル\n\n末尾です。\n";
        let doc = Document::parse(src);
        assert_eq!(heading_of(&doc, "水道料金　1,902件"), "返還対象件数と金額");
        assert_eq!(heading_of(&doc, "確認します。"), "今後の対応について");
        assert_eq!(heading_of(&doc, "末尾です。"), "今後の対応について");
        // A number and a space before the label, as pages copied to text
        // give 「３　対象件数」; but a count with a space is not a label.
        let src = "# お知らせ\n\nリードです。\n\n3 対象件数及び金額\n\n約1,000件です。\n\n４　今後の対応\n\n支払います。\n\n2 名\n\n末尾です。\n";
        let doc = Document::parse(src);
        assert_eq!(heading_of(&doc, "約1,000件です。"), "3 対象件数及び金額");
        assert_eq!(heading_of(&doc, "支払います。"), "４　今後の対応");
        assert_eq!(heading_of(&doc, "末尾です。"), "４　今後の対応");
    }

    #[test]
    fn verbatim_blocks_map_offsets_one_to_one_without_segments() {
        let src =
            "# 見出し\n\n被害を**確認**しました。\n\n当社は\n本日、発表しました。\n\n- 項目です\n";
        let doc = Document::parse(src);
        let plain: Vec<bool> = doc
            .blocks
            .iter()
            .map(|b| b.map.segments().is_empty())
            .collect();
        // Emphasis changes the text, and a soft break is its own (inexact)
        // segment: those blocks keep their segments.
        assert_eq!(plain, [true, false, false, true]);
        for b in &doc.blocks {
            // The same spans as one exact segment over the whole block.
            let one = OffsetMap::from(vec![Segment {
                plain: 0,
                plain_len: b.text.len(),
                src: b.span,
                exact: true,
            }]);
            for (i, _) in b.text.char_indices().chain([(b.text.len(), ' ')]) {
                for (j, _) in b.text[i..].char_indices().chain([(b.text.len() - i, ' ')]) {
                    let r = Span::new(i, i + j);
                    if b.map.segments().is_empty() {
                        assert_eq!(b.source_span(r), one.span(r), "{r:?}");
                        assert_eq!(
                            &src[b.source_span(r).start..b.source_span(r).end],
                            &b.text[i..i + j]
                        );
                    }
                }
            }
            // Past the end, as the segment map clamps.
            if b.map.segments().is_empty() {
                let past = Span::new(b.text.len() + 3, b.text.len() + 9);
                assert_eq!(b.source_span(past), one.span(past));
            }
        }
    }

    #[test]
    fn offset_map_handles_exact_and_replaced_segments() {
        let m = OffsetMap::from(vec![
            Segment {
                plain: 0,
                plain_len: 3,
                src: Span::new(2, 5),
                exact: true,
            },
            Segment {
                plain: 3,
                plain_len: 3,
                src: Span::new(6, 15),
                exact: false,
            },
            Segment {
                plain: 6,
                plain_len: 2,
                src: Span::new(16, 18),
                exact: true,
            },
        ]);
        assert_eq!(m.span(Span::new(0, 3)), Span::new(2, 5));
        assert_eq!(m.span(Span::new(1, 4)), Span::new(3, 15));
        assert_eq!(m.span(Span::new(3, 6)), Span::new(6, 15));
        assert_eq!(m.span(Span::new(6, 8)), Span::new(16, 18));
        assert_eq!(m.span(Span::new(7, 8)), Span::new(17, 18));
    }
}
