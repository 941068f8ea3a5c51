//! The anatomy of a press release: which blocks are the title, the header
//! lines (報道関係者各位, date, issuer, representative), the lead paragraph,
//! the body and the contact block. Style rules for sentences skip header and
//! contact lines; release rules look for 5W1H in the lead first.

use crate::rx::Regex;

use super::{Block, BlockKind, Document, Role, Segment};
use crate::span::Span;

fn contact_heading_re() -> &'static Regex {
    static_regex!(r"問い?合わ?せ|問合せ|連絡先|照会先|窓口|ご相談先|Contact|CONTACT")
}

/// A way to reach someone: a phone number, a mail or web address, a desk,
/// reception hours.
fn contact_cue_re() -> &'static Regex {
    static_regex!(
        r"[0-9０-９]{2,5}\s*[-－‐ー−(（)）]\s*[0-9０-９]{1,4}\s*[-－‐ー−)）]\s*[0-9０-９]{3,4}|@|＠|https?://|www\.|問い?合わ?せ|問合せ|連絡|照会|窓口|受付|電話|TEL|ＴＥＬ|Tel|FAX|ＦＡＸ|メール|フォーム|ダイヤル|担当|広報|センター|LINE|時間|相談"
    )
}

/// Headings that open the contact block.
pub fn is_contact_heading(text: &str) -> bool {
    contact_heading_re().is_match(text)
}

/// A 【…】 / ■ / ◆ line used as a heading inside prose.
fn pseudo_heading_line(line: &str) -> bool {
    let line = line.trim();
    line.chars().count() <= 40 && !line.contains('。') && pseudo_heading_re().is_match(line)
}

/// Marks that open a heading line in a draft without Markdown headings
/// (「■概要」「◎ どうしてこうなったか」).
/// (「〇 お問い合わせ」 too: the kanji zero typed as a circle, before a
/// space.)
pub(crate) const HEADING_MARKS: &str = "■◆◇□●○◎▼▽▶►★☆";
/// Marks that open an item of a list typed as text (「・」「※」).
pub(crate) const ITEM_MARKS: &str = "・※•";

/// Does `line` open with a mark of an item or a heading line of its own
/// (・…, ※…, ■…, 「〇 」): hard-wrapped prose does not go on that way.
pub(crate) fn opens_with_mark(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('〇') => chars.next().is_some_and(char::is_whitespace),
        Some(c) => HEADING_MARKS.contains(c) || ITEM_MARKS.contains(c),
        None => false,
    }
}

fn pseudo_heading_re() -> &'static Regex {
    static_regex!(&format!(
        r"^(【[^】]+】|[{HEADING_MARKS}〈<＜][^。]*|〇\s[^。]*|［[^］]+］)\s*$"
    ))
}

/// A short bold line that is not a sentence (`**経緯**`,
/// `**■ 対象のお客様**`): a heading (the title, when it is where a title
/// goes: see `plain_title`).
fn bold_heading(b: &Block) -> bool {
    let text = b.text.lines().next().unwrap_or("").trim();
    b.bold_line && text.chars().count() <= 40 && !text.contains('。') && !ends_like_sentence(text)
}

/// A line that stands on its own in a paragraph, never a piece of a
/// wrapped sentence: a 【…】 or ■ heading, or a numbered label
/// (「1．経緯」「（2）原因」). (Header lines are not asked about: a wrapped
/// sentence may well start with the issuer's name.)
pub(crate) fn is_line_label(line: &str) -> bool {
    pseudo_heading_line(line) || numbered_label_re().is_match(line.trim())
}

/// A short line over a longer sentence, in one paragraph (「何があったのか⏎
/// 2月の第2週に…が出ていました。」「これからは⏎・フィルターは…」): a
/// heading typed as plain words. The lines of a hard-wrapped paragraph are
/// all about as long, so a short line before a line twice as long ends a
/// heading, not a wrap. Header lines, labels and greetings are not
/// headings; nor is a line with 、 or 。 (a clause that goes on).
pub(crate) fn plain_heading_pair(line: &str, next: &str) -> bool {
    let (line, next) = (line.trim(), next.trim());
    let len = line.chars().count();
    (3..=16).contains(&len)
        // (A hard-wrapped sentence below need not end on that line.)
        && (next.ends_with('。')
            || opens_with_mark(next)
            || (next.chars().count() >= 24
                && !next.contains(['：', ':'])
                && !contact_cue_re().is_match(next)))
        && next.chars().count() >= 2 * len
        && line.chars().any(|c| ('\u{3041}'..='\u{3096}').contains(&c))
        && !line.contains(['。', '、', '，', '：', ':', '」', '「'])
        && !ends_like_sentence(line)
        && !is_header_line(line)
        && !is_line_label(line)
        && !is_greeting(line)
}

/// The end of a letter or notice, not a sentence: 「以上」 (also 「以　上」),
/// 「敬具」 and the like, a bare title (「院長」) or a signature that ends in
/// 「拝」 (「院長　小田 一郎　拝」).
pub(crate) fn closing_line(line: &str) -> bool {
    static_regex!(&format!(
        r"^(?:以\s*上|敬\s*具|敬\s*白|謹\s*白|草\s*々|早\s*々|拝\s*具|かしこ|{OWNER_TITLES})$|\S\s+拝$"
    ))
    .is_match(line.trim())
}

/// 「1．対象商品」「（2）原因」 on a line of its own: a section heading in a
/// draft typed without Markdown headings. (A numbered line that is a
/// sentence, 「1．4月1日に障害が発生しました」, is not.)
fn numbered_heading(line: &str) -> bool {
    let line = line.trim();
    line.chars().count() <= 30
        && !line.contains('。')
        && !ends_like_sentence(line)
        && numbered_label_re().is_match(line)
}

/// Lines that belong to the header of a release.
pub fn is_header_line(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() {
        return true;
    }
    if line.contains('。') || ends_like_sentence(line) {
        return false;
    }
    date_line(line) || header_line_re().is_match(line)
}

/// A line that is a date and nothing else (「2025年4月1日」「令和9年（2027年）
/// 7月5日」「2018年(平成30年)2月22日」): the release date of a masthead.
pub(crate) fn date_line(line: &str) -> bool {
    static_regex!(
        r"^([0-9０-９]{4}|令和|平成)\s*[元0-9０-９一二三四五六七八九十]*\s*年\s*(?:[（(]\s*(?:[0-9０-９]{4}|令和|平成|昭和)\s*[元0-9０-９一二三四五六七八九十]*\s*年?\s*[）)]\s*)?[0-9０-９一二三四五六七八九十]+\s*月\s*[0-9０-９一二三四五六七八九十]+\s*日\s*(\(.\)|（.）)?$"
    )
    .is_match(line.trim())
}

/// The units of a local government's office line (「〇〇県 健康福祉部
/// 北部保健所」「〇〇市 教育委員会 学校教育課」): one list for the header
/// line test here and the issuer in `release.missing-who`.
macro_rules! government_units {
    () => {
        "局|部|課|室|係|所|館|センター|本部|委員会|病院|学校"
    };
}
pub(crate) use government_units;

fn header_line_re() -> &'static Regex {
    static_regex!(prefiltered concat!(
        r"(?x)
        各\s*位$ | ^報道関係者 | ^(プレスリリース|ニュースリリース|PRESS\s*RELEASE|News\s*Release)
        | ^[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}$
        | (株式会社|有限会社|合同会社|ホールディングス|Inc\.?|Co\.,?\s*Ltd\.?|Corporation|銀行|協会|機構|財団|法人|省|庁|大学)
        | (代表取締役|取締役|社長|会長|代表執行役|CEO|理事長|頭取|学長|市長|知事)
        | ^(院長|園長|校長|館長|所長|組合長|町長|村長|区長|店主)\s
        | ^[（(]?\s*(証券コード|コード番号|URL|https?://|TEL|ＴＥＬ|Tel|電話)
        | ^[（(][^（()）]{0,30}(コード|東証|名証|福証|札証|JASDAQ|ＪＡＳＤＡＱ|マザーズ|プライム|スタンダード|グロース)[^（()）]{0,30}[）)]$
        | ^[\p{Han}\p{Katakana}\p{Hiragana}ー]{1,12}?(都|道|府|県|市|区|町|村)(役所|役場|庁)?([\x20\x{3000}]+[\p{Han}\p{Katakana}\p{Hiragana}ー・]{1,12}?(",
        government_units!(),
        r"))+$
        | ^(会\s*社\s*名|代\s*表\s*者\s*名?|問\s*い?\s*合\s*わ?\s*せ\s*先|本\s*社\s*所\s*在\s*地|上\s*場\s*取\s*引\s*所)[\s:：]
        | ^(代表連絡先|連絡先|担当者?|ダイヤルイン|直通|内線|FAX|ＦＡＸ|Fax|E-?mail|e-?mail|Ｅメール|メールアドレス|電子メール)(番号)?\s*[:：]
        "
    ))
}

/// A courtesy opener rather than news: 「平素は格別のご高配を賜り、厚く御礼申し上げます。」
/// 「いつも〜をご利用いただき、ありがとうございます。」「拝啓　時下ますますご清栄のこととお慶び申し上げます。」
/// A small shop's owner introducing themself (「〜の店主、比嘉です。」) too,
/// and a first-person letter's opening (「こんにちは。」「この文章を書いています。」).
fn is_greeting(text: &str) -> bool {
    greeting_re().is_match(text) || self_introduction_re().is_match(text)
}

fn greeting_re() -> &'static Regex {
    static_regex!(
        r"ありがとうございます|(?:暑中|残暑|寒中|余寒)お?見舞い申し(?:上|あ)げます|^本年も残すところ|いかがお過ごしでしょうか|御礼申し(?:上|あ)げます|お礼申し(?:上|あ)げます|お引き立て|ご愛顧|ご高配|お慶び申し(?:上|あ)げます|お喜び申し(?:上|あ)げます|^(?:こんにちは|こんばんは|はじめまして)[。！!]?$|(?:この|本)(?:文章|手紙|お手紙|文書)を(?:書いて|お送りして|お届けして)(?:います|おります)。?$"
    )
}

/// The writer saying who they are, by role or by what they run
/// (「店主の村瀬です」「店主、比嘉です」「醸造所「〇〇」を営んでいる坂本です」
/// 「〜と申します」): a courtesy opener for the lead, and who speaks for
/// `release.missing-who`.
pub(crate) fn self_introduction_re() -> &'static Regex {
    static_regex!(&format!(
        r"(?:(?:{OWNER_TITLES})(?:を(?:しております|務めております))?[、\s]*|を(?:営んで|経営して|運営して|管理して|やって)(?:いる|おります)[、\s]*(?:[^\s、。]{{1,12}}の)?)[^\s、。的][^\s、。]{{0,7}}(?:です|でございます|と申します)。?$|と申します。?$"
    ))
}

/// The titles of the person who runs a shop, a school or a clinic, as the
/// writer introduces themself (「店主の村瀬です」) or signs
/// (「〇〇　店主　丸山 和夫」).
pub(crate) const OWNER_TITLES: &str =
    "店主|店長|代表|オーナー|院長|園長|校長|館長|所長|塾長|社長|理事長|組合長|女将|主人|住職|蔵元|園主";

/// A paragraph of courtesy openers only. Many releases, letters to 各位
/// and notices to customers above all, open with one; the news is in the
/// paragraph after it, which is then the lead.
fn is_greeting_paragraph(b: &Block) -> bool {
    let sentences = crate::sentence::split(&b.text);
    !sentences.is_empty() && sentences.iter().all(|s| is_greeting(s.slice(&b.text)))
}

/// The text of a block that may be a title: with its 「～subtitle～」 on the
/// next line, in one paragraph, the title line alone (it decides);
/// otherwise the whole text.
fn headline_line(b: &Block) -> &str {
    let mut lines = b.text.trim().lines();
    let first = lines.next().unwrap_or("");
    if lines.clone().next().is_some() && lines.all(|l| super::markdown::subtitle(l.trim())) {
        first.trim()
    } else {
        b.text.trim()
    }
}

/// A title written as a plain line (often bold, which the plain text no
/// longer shows) in the header of a release without a Markdown heading:
/// 「当金庫元職員による不祥事件の発生について」 between the date and the
/// issuer. A header line naming a company is a title only when it ends like
/// one (「株式会社サンプル、新工場稼働のお知らせ」); dates, issuer names,
/// addresses, notes in brackets and sentences are not. `Some(true)` when
/// the line ends like a title (「〜のお知らせ」), `Some(false)` for another
/// title-like line (a tagline, a subtitle), `None` for no title.
fn plain_title(b: &Block) -> Option<bool> {
    let whole = headline_line(b);
    // 【プレスリリース】2026年8月3日: a label in brackets, then the rest.
    let text = match whole.strip_prefix('【').and_then(|r| r.split_once('】')) {
        Some((_, rest)) => rest.trim(),
        None => whole,
    };
    let len = text.chars().count();
    let ends_like_title = title_ending_re().is_match(text);
    // A line with its 「～subtitle～」 below is a title even when it is
    // worded as a sentence (「〜できるようになります⏎～1月5日受付開始～」).
    let subtitled = whole.len() < b.text.trim().len() && !whole.contains('。');
    // A catchphrase, then a headline stated as what will be done
    // (「夜も本が買える。〜で無人営業の試行を始めます」): short, with no 、
    // and no closing 。, unlike a lead sentence. (Without the catchphrase
    // such a line is read as before: a bold line or a heading is a title,
    // a plain one is not.)
    let headline = text.contains('。')
        && len <= 50
        && !text.contains(['、', '，'])
        && !text.ends_with('。')
        && headline_predicate_re().is_match(text);
    let title = b.kind == BlockKind::Paragraph
        && (!b.pseudo_heading || b.bold_line)
        && !text.contains('\n')
        && (6..=100).contains(&len)
        // A catchphrase may stop inside a title that ends like one:
        // 「ひとり分をおいしく、すばやく。小型炊飯器を3月5日に発売」.
        && (!text.contains('。') || ((ends_like_title || headline) && !text.ends_with('。')))
        && (!ends_like_sentence(text) || headline || subtitled)
        && !text.starts_with(['(', '（', '〒', '※'])
        && !numbered_label_re().is_match(text)
        && text.contains(|c: char| matches!(c, '\u{3041}'..='\u{30ff}'))
        && !is_greeting(text)
        && (!is_header_line(text) || ends_like_title);
    title.then_some(ends_like_title || headline || subtitled)
}

/// A paragraph that is one short line stating what will be done, with no
/// 、 and no 。 (「「ゆのきはら商品券」を発行します」): the title when no other
/// line reads as one. (Where another line does, a bare headline is a
/// subtitle or a line of the body.)
fn bare_headline(b: &Block) -> bool {
    let text = headline_line(b);
    b.kind == BlockKind::Paragraph
        && !b.pseudo_heading
        && !text.contains(['\n', '。', '、', '，'])
        && (6..=60).contains(&text.chars().count())
        && headline_predicate_re().is_match(text)
        && !is_header_line(text)
}

/// 「1．提携の目的」「(2) 今後の対応」「③経緯」: a numbered section label.
fn numbered_label_re() -> &'static Regex {
    static_regex!(
        r"^([0-9０-９]{1,2}\s*[.．、)）:：]|[0-9０-９]{1,2}　+[^\s0-9０-９]|[0-9０-９]{1,2} +[^\s0-9０-９]{2}|[0-9０-９]{1,2}\p{Han}{2,8}\s*[:：]|第[0-9０-９一二三四五六七八九十]{1,3}[\s　]|[(（][0-9０-９一二三四五六七八九十]+[)）]|[①-⑳]|[一二三四五六七八九十]+[、．.]|[一二三四五六七八九十]{1,3}[\s]|[Ⅰ-Ⅻⅰ-ⅻ]{1,3}\s*[.．、)）:：]?)"
    )
}

/// A headline's predicate: an object, then what is done to it.
fn headline_predicate_re() -> &'static Regex {
    static_regex!(
        r"[をにで][^。、]{0,12}(?:します|いたします|始めます|開きます|設けます|下げます|上げます|迎えます)$"
    )
}

fn title_ending_re() -> &'static Regex {
    static_regex!(
        r"(お知らせ|について|につきまして|に関して|ご報告|ご案内|お詫び|おわび|を発表|発売|開始|公開|決定|締結|受賞|就任|設立|開設|オープン|開催)\s*([(（][^)）]*[)）])?$"
    )
}

/// Compile the regexes that reading a release needs (see [`crate::warm_up_reading`]).
pub(crate) fn warm_up() {
    let _ = (
        pseudo_heading_re(),
        contact_heading_re(),
        contact_cue_re(),
        header_line_re(),
        greeting_re(),
        self_introduction_re(),
        title_ending_re(),
        headline_predicate_re(),
        numbered_label_re(),
    );
}

/// A line that ends in a です/ます predicate (possibly inside closing
/// brackets) is a sentence that lost its 。, not an issuer or date label:
/// 「2025年6月26日（株主総会後の取締役会で決定する予定です）」 must stay prose even
/// though it mentions 取締役.
pub(crate) fn ends_like_sentence(line: &str) -> bool {
    let core = line.trim_end_matches(|c: char| c.is_whitespace() || "）)」』】".contains(c));
    PAST_ENDINGS
        .iter()
        .chain(&["です", "ます", "ません"])
        .any(|end| core.ends_with(end))
}

/// The polite past (〜ました／〜でした): a sentence that reports what
/// happened. Part of [`ends_like_sentence`]'s endings.
pub(crate) const PAST_ENDINGS: [&str; 2] = ["でした", "ました"];

/// A paragraph of sentences, not of header lines: the block of a timely
/// disclosure (会社名 / 代表者名 / （コード番号：…） / 問合せ先 / （TEL…）) is
/// long but is the header, not the lead.
fn is_prose_paragraph(b: &Block) -> bool {
    b.kind == BlockKind::Paragraph
        && !b.pseudo_heading
        // (Spaces do not count: a right-aligned masthead is mostly spaces.)
        && (b.text.contains('。') || b.text.chars().filter(|c| !c.is_whitespace()).count() > 80)
        && !(b.text.contains('\n') && b.text.lines().all(is_header_line))
}

/// A block of header lines under a bracketed label (「【ニュースリリース】⏎
/// 2025年4月1日⏎株式会社サンプル」): the masthead, not a section.
fn masthead_block(b: &Block) -> bool {
    b.text.lines().all(|l| {
        is_header_line(l.trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '【' | '】' | '■' | '◆' | '●' | '［' | '］')
        }))
    })
}

/// A plain-text release pasted with no blank lines (「本学教員の不祥事について⏎
/// 4月20日、本学の教授が…逮捕されました。⏎…」) is one Markdown paragraph,
/// which read as header lines from top to bottom: no rule saw its
/// sentences. Its first line, when it ends like a title (「〜について」
/// 「〜のお知らせ」) and the lines below it hold sentences, becomes a block of
/// its own, so that the title and the lead are read as such. Only when no
/// level-1 heading is the title, only among the first blocks before any
/// prose paragraph.
fn split_pasted_title(blocks: &mut Vec<Block>) {
    if blocks.iter().any(|b| b.kind == BlockKind::Heading(1)) {
        return;
    }
    let Some(i) = blocks
        .iter()
        .take(6)
        .position(|b| is_prose_paragraph(b) || pasted_title_line(b).is_some())
    else {
        return;
    };
    // A text that starts right at its first numbered section (「1.経緯⏎
    // 2021年11月4日朝、…確認しました。⏎…」: a page's body without its
    // title) has that heading pasted onto its lead the same way.
    let Some(k) = pasted_title_line(&blocks[i])
        .or_else(|| (i == 0).then(|| pasted_first_line(&blocks[0], numbered_heading))?)
    else {
        return;
    };
    let b = &blocks[i];
    let rest_start = k + b.text[k..].find('\n').map_or(0, |n| n + 1);
    let part = |from: usize, to: usize| Block {
        span: b.source_span(Span::new(from, to)),
        text: b.text.slice(Span::new(from, to)),
        map: sub_map(&b.map, from, to),
        ..b.clone()
    };
    let (title, rest) = (part(0, k), part(rest_start, b.text.len()));
    blocks.splice(i..=i, [title, rest]);
}

/// The part `from..to` of a block's offset map, with plain offsets from
/// `from` (empty stays empty: verbatim text).
fn sub_map(map: &super::OffsetMap, from: usize, to: usize) -> super::OffsetMap {
    let segments: Vec<Segment> = map
        .segments()
        .iter()
        .filter(|s| s.plain < to && s.plain + s.plain_len > from)
        .map(|s| {
            let start = s.plain.max(from);
            let end = (s.plain + s.plain_len).min(to);
            let src = if s.exact {
                let at = s.src.start + (start - s.plain);
                Span::new(at, at + (end - start))
            } else {
                s.src
            };
            Segment {
                plain: start - from,
                plain_len: end - start,
                src,
                exact: s.exact,
            }
        })
        .collect();
    segments.into()
}

/// The length of the title line a pasted paragraph starts with (see
/// [`split_pasted_title`]), if it does.
fn pasted_title_line(b: &Block) -> Option<usize> {
    pasted_first_line(b, title_line)
}

/// The length of the first line of a paragraph whose lines below it hold
/// sentences, when `heading` says that line is a heading.
fn pasted_first_line(b: &Block, heading: fn(&str) -> bool) -> Option<usize> {
    if b.kind != BlockKind::Paragraph || b.quote_depth > 0 {
        return None;
    }
    let (first, rest) = b.text.split_once('\n')?;
    let first = first.trim_end_matches('\r');
    (heading(first) && rest.contains('。')).then_some(first.len())
}

/// A line that ends like a title, with no 、 or 。 (「本学教員の不祥事に
/// ついて」「【重要】サービス終了のお知らせ」): not the start of a wrapped
/// sentence, nor a header line of names and dates.
pub(crate) fn title_line(line: &str) -> bool {
    let len = line.chars().count();
    (6..=100).contains(&len)
        && !line.contains(['。', '、', '，'])
        && title_ending_re().is_match(line.trim())
        && line.contains(|c: char| matches!(c, '\u{3041}'..='\u{30ff}'))
}

/// Fill in `role`, `section` and `pseudo_heading` for every block.
pub fn assign_roles(doc: &mut Document) {
    split_pasted_title(&mut doc.blocks);
    let blocks = &mut doc.blocks;
    for b in blocks.iter_mut() {
        if b.kind == BlockKind::Paragraph {
            let mut lines = b.text.lines();
            let first = lines.next().unwrap_or("");
            b.pseudo_heading = pseudo_heading_line(first)
                || bold_heading(b)
                || numbered_heading(first)
                || lines
                    .next()
                    .is_some_and(|next| plain_heading_pair(first, next));
        }
    }
    // Sections.
    let mut section: Option<usize> = None;
    for (i, b) in blocks.iter_mut().enumerate() {
        if b.is_heading() && b.quote_depth == 0 {
            section = Some(i);
        }
        b.set_section(section);
    }
    // Title: first level-1 heading, else a heading among the first blocks
    // with no prose before it (after the lead, a heading opens a section:
    // a draft whose title is a plain line has its lead above 「## 対象商品」).
    let title = blocks
        .iter()
        .position(|b| b.kind == BlockKind::Heading(1))
        .or_else(|| {
            blocks
                .iter()
                .take(6)
                .position(|b| matches!(b.kind, BlockKind::Heading(_)))
                .filter(|&h| {
                    !blocks
                        .iter()
                        .take(h)
                        .any(|b| is_prose_paragraph(b) && !is_greeting_paragraph(b))
                })
        });
    // Contact: blocks in a section opened by a contact heading.
    let contact_sections: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(i, b)| Some(*i) != title && b.is_heading())
        .filter(|(_, b)| is_contact_heading(b.text.lines().next().unwrap_or("")))
        .map(|(i, _)| i)
        .collect();
    // A contact section ends with its last block that gives a way to reach
    // someone (a number, an address, a desk, hours): a closing remark and
    // a signature below it (「一からやり直す気持ちで、…努めてまいります。」
    // 「2025年11月4日⏎うなぎ処 川瀬」) are not contact lines.
    let mut last_cue: Vec<(usize, usize)> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if let Some(s) = b.section().filter(|s| contact_sections.contains(s)) {
            if i == s || contact_cue_re().is_match(&b.text) {
                match last_cue.iter_mut().find(|(sec, _)| *sec == s) {
                    Some(entry) => entry.1 = i,
                    None => last_cue.push((s, i)),
                }
            }
        }
    }
    for (i, b) in blocks.iter_mut().enumerate() {
        if let Some(s) = b.section().filter(|s| contact_sections.contains(s)) {
            if last_cue.iter().any(|&(sec, last)| sec == s && i <= last) {
                b.role = Role::Contact;
            }
        }
    }
    // A list item under a contact label (「4) 問い合わせ先⏎〇〇大学 学生支援課⏎
    // 電話：…」) is contact too.
    for b in blocks.iter_mut() {
        if b.kind == BlockKind::ListItem
            && b.text.contains('\n')
            && is_contact_heading(b.text.lines().next().unwrap_or(""))
        {
            b.role = Role::Contact;
        }
    }
    // Lead: first prose paragraph that is not contact (after the title if
    // there is one), passing over courtesy openers; a release whose only
    // prose is a greeting keeps it as its lead.
    let after_title = title.map_or(0, |t| t + 1);
    // The first block from `from` on that is not contact and is `wanted`.
    let first_from = |from: usize, wanted: &dyn Fn(&Block) -> bool| {
        blocks
            .iter()
            .enumerate()
            .skip(from)
            .find(|(_, b)| b.role != Role::Contact && wanted(b))
            .map(|(i, _)| i)
    };
    // A line that ends like a title is not the lead, even with a 。 in it
    // (「ひとり分をおいしく、すばやく。小型炊飯器を発売」).
    // Nor is a paragraph of bullet lines (「・〜を見つけました」 under
    // 「ポイント」): a summary list.
    let first_prose = |from: usize, skip_greetings: bool| {
        first_from(from, &|b| {
            is_prose_paragraph(b)
                && !b.text.lines().all(crate::sentence::opens_item)
                && !(skip_greetings && is_greeting_paragraph(b))
                && (title.is_some() || plain_title(b) != Some(true))
        })
    };
    let lead = first_prose(after_title, true)
        .or_else(|| first_prose(0, true))
        .or_else(|| first_prose(after_title, false))
        .or_else(|| first_prose(0, false));
    // No heading to be the title: a title-like line of the header (before
    // the lead, or among the first blocks when there is none); one that
    // ends like a title (「〜のお知らせ」) before a tagline or subtitle.
    // Without a lead, the header ends at the first section (「１　概要」
    // under a table of header cells: the title may be block 9).
    let first_section = blocks
        .iter()
        .position(|b| b.is_heading() && !masthead_block(b));
    let before_lead = lead.or(first_section).unwrap_or(6);
    let title = title.or_else(|| {
        let candidates: Vec<(usize, bool)> = blocks
            .iter()
            .take(before_lead)
            .enumerate()
            .filter(|(_, b)| b.role != Role::Contact)
            .filter_map(|(i, b)| Some((i, plain_title(b)?)))
            .collect();
        candidates
            .iter()
            .find(|(_, ends_like_title)| *ends_like_title)
            .or(candidates.first())
            .map(|&(i, _)| i)
            // Nothing else reads as a title: a headline stated as what will
            // be done, alone on its line (「「〇〇商品券」を発行します」 above
            // 「［概要］」).
            .or_else(|| {
                blocks
                    .iter()
                    .take(before_lead)
                    .position(|b| b.role != Role::Contact && bare_headline(b))
            })
    });
    // A release without a lead paragraph (「■概要⏎当社は、…開始します。」
    // under a plain title): the first labelled section with sentences
    // stands in for the lead, and the header ends at the first label after
    // the title. Otherwise every later paragraph would read as a header
    // line, and no rule would read the body.
    // It stands in too when the first plain paragraph comes only after such
    // sections (an acknowledgement under 「■論文情報」 at the end).
    let labelled = title.and_then(|t| {
        first_from(t + 1, &|b| {
            b.kind == BlockKind::Paragraph
                && b.pseudo_heading
                && b.text.lines().skip(1).any(|l| l.contains('。'))
        })
    });
    let lead = match (lead, labelled) {
        (Some(l), Some(p)) if p < l => Some(p),
        (l, p) => l.or(p),
    };
    // A release whose body is a numbered list of sentences (「1.　本学の助手に
    // 対して、3月1日付けで懲戒処分を行いました。」 right under the title):
    // its first item with a sentence stands in for the lead, for the same
    // reason.
    let lead = lead.or_else(|| {
        first_from(after_title, &|b| {
            b.kind == BlockKind::ListItem
                && b.text.contains('。')
                && !b.text.lines().all(is_header_line)
        })
    });
    let first_heading_after_title = blocks
        .iter()
        .enumerate()
        .find(|(i, b)| {
            Some(*i) != title
                && (matches!(b.kind, BlockKind::Heading(_))
                    || (b.pseudo_heading && title.is_some_and(|t| *i > t) && !masthead_block(b)))
        })
        .map(|(i, _)| i);
    let header_end = match (lead, first_heading_after_title) {
        (Some(l), Some(h)) => l.min(h),
        (Some(l), None) => l,
        (None, Some(h)) => h,
        (None, None) => blocks.len(),
    };
    // The last paragraph of prose: a date alone on its line before it is
    // a timeline's entry (「令和2年8月13日」 over what happened that day),
    // not a signature's date.
    let last_prose = blocks.iter().rposition(is_prose_paragraph);
    for (i, b) in blocks.iter_mut().enumerate() {
        if Some(i) == title {
            b.role = Role::Title;
        } else if Some(i) == lead {
            b.role = Role::Lead;
        } else if b.role == Role::Contact {
            continue;
        } else if i < header_end && is_prose_paragraph(b) && is_greeting_paragraph(b) {
            // A courtesy opener passed over for the lead is still a
            // sentence: style rules read it, as any body text.
            b.role = Role::Body;
        } else if i < header_end && !matches!(b.kind, BlockKind::Heading(_)) {
            b.role = Role::Header;
        } else if b.kind == BlockKind::Paragraph
            && b.text.lines().all(is_header_line)
            && !(last_prose.is_some_and(|l| i < l) && b.text.lines().all(date_line))
        {
            // Issuer/representative lines repeated at the end (signatures).
            b.role = Role::Header;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(src: &str) -> Vec<(String, Role)> {
        Document::parse(src)
            .blocks
            .iter()
            .map(|b| (b.text.to_string(), b.role))
            .collect()
    }

    /// The text of the first block of `src` with `role`.
    /// The role of the first block whose text starts with `start`.
    fn role_of(src: &str, start: &str) -> Option<Role> {
        roles(src)
            .into_iter()
            .find(|(t, _)| t.trim_start().starts_with(start))
            .map(|(_, role)| role)
    }

    fn text_of(src: &str, role: Role) -> Option<String> {
        roles(src)
            .into_iter()
            .find(|(_, r)| *r == role)
            .map(|(text, _)| text)
    }

    #[test]
    fn release_anatomy() {
        let src = "報道関係者各位\n\n2019年7月4日\n\n株式会社セブン・ペイ\n\n# 不正アクセスに関するお詫び\n\n株式会社セブン・ペイは、本日、不正利用の被害を公表しました。\n\n## 経緯\n\n7月2日に判明しました。\n\n【本件に関するお問い合わせ先】\n広報部 TEL：03-0000-0000\n\n受付時間 9:00〜18:00\n";
        let r = roles(src);
        let role = |t: &str| r.iter().find(|(x, _)| x.starts_with(t)).map(|(_, r)| *r);
        assert_eq!(role("報道関係者各位"), Some(Role::Header));
        assert_eq!(role("2019年7月4日"), Some(Role::Header));
        // The issuer line comes first; the lead starting with the same name
        // is checked below.
        assert_eq!(role("株式会社セブン・ペイ"), Some(Role::Header));
        assert_eq!(role("不正アクセスに関する"), Some(Role::Title));
        assert_eq!(role("株式会社セブン・ペイは"), Some(Role::Lead));
        assert_eq!(role("7月2日"), Some(Role::Body));
        assert_eq!(role("【本件"), Some(Role::Contact));
        assert_eq!(role("受付時間"), Some(Role::Contact));
    }

    #[test]
    fn bold_lines_are_headings() {
        // Drafts converted from Word mark the title and sections in bold.
        let src = "報道関係者各位\n\n**配送センター火災に伴うお荷物の焼失について**\n\n7月15日、当社の配送センターで火災が発生しました。\n\n**焼失したお荷物**\n\n| 区分 | 個数 |\n|---|---|\n| 個人 | 2,310個 |\n\n**今後の対策**\n全センターで点検します。\n\n**本件に関するお問い合わせ先**\n\n広報部 TEL：03-0000-0000\n";
        let doc = Document::parse(src);
        let block = |needle: &str| {
            let i = doc
                .blocks
                .iter()
                .position(|b| b.text.starts_with(needle))
                .unwrap();
            (i, &doc.blocks[i])
        };
        assert_eq!(block("配送センター").1.role, Role::Title);
        assert_eq!(block("7月15日").1.role, Role::Lead);
        let (heading, b) = block("焼失したお荷物");
        assert!(b.is_heading());
        assert_eq!(block("2,310個").1.section(), Some(heading));
        // A bold first line heads the text on the lines after it.
        let (i, b) = block("今後の対策");
        assert!(b.is_heading());
        assert_eq!(doc.label_heading(i), "今後の対策");
        assert_eq!(block("広報部").1.role, Role::Contact);
        // Bold emphasis that is a sentence, or only part of a line, is not a heading.
        for src in [
            "# お知らせ\n\nリードです。\n\n**本日より販売を開始します。**\n",
            "# お知らせ\n\nリードです。\n\n**本日より販売を開始します**\n",
            "# お知らせ\n\nリードです。\n\n**新商品**を本日発売\n",
            "# お知らせ\n\nリードです。\n\n**新商品**と**旧商品**\n",
        ] {
            let doc = Document::parse(src);
            assert!(doc.blocks.iter().all(|b| !b.pseudo_heading), "{src}");
        }
    }

    #[test]
    fn a_plain_title_line_keeps_its_lead_above_the_first_section() {
        // Without `#`, the title is a plain line; the `##` below the lead
        // opens a section, it is not the title.
        let src = "「ちらし寿司」アレルギー表示欠落のお詫びと商品回収のお知らせ\n\n2026年6月2日\n株式会社サンプル\n\n当社が販売した惣菜で、えびの表示が欠落していました。\n\n## 対象商品\n\nちらし寿司（税込498円）\n";
        assert!(text_of(src, Role::Title).is_some_and(|t| t.starts_with("「ちらし寿司」")));
        assert!(text_of(src, Role::Lead).is_some_and(|t| t.starts_with("当社が販売した")));
        // A bold title with its 「～subtitle～」 on the next line, even indented.
        let src = "2026年9月30日\n株式会社サンプル\n\n**サンプル、地元のバスケットボールクラブとトップパートナー契約を締結**\n　～ユニホームの胸に社名ロゴ、地元の中学生をホームゲームに招待します～\n\n株式会社サンプルは、地元のクラブと契約を結びました。\n";
        assert!(text_of(src, Role::Title).is_some_and(|t| t.starts_with("サンプル、地元")));
        assert!(text_of(src, Role::Lead).is_some_and(|t| t.starts_with("株式会社サンプルは")));
        // A headline that says what will be done, with a catchphrase before it.
        let src = "夜も本が買える。「サンプル書店 駅前店」で無人営業の試行を始めます\n\n株式会社サンプル書店は、12月15日から、夜の無人営業を試します。\n";
        assert!(text_of(src, Role::Title).is_some_and(|t| t.starts_with("夜も本が")));
        assert!(text_of(src, Role::Lead).is_some_and(|t| t.starts_with("株式会社サンプル書店は")));
        // A right-aligned masthead (mostly full-width spaces) naming a
        // hospital is the header, not the lead, above a plain title.
        let pad = "\u{3000}".repeat(40);
        let src = format!("報道関係者各位\n\n2027年5月10日\n\n{pad}社会医療法人　青葉会\n{pad}あおば台記念病院\n{pad}院長　村越 恭平\n\n「もの忘れ外来」を6月から開設します\n\nあおば台記念病院は、6月7日に「もの忘れ外来」を開設します。\n");
        assert!(text_of(&src, Role::Title).is_some_and(|t| t.starts_with("「もの忘れ外来」")));
        assert!(text_of(&src, Role::Lead).is_some_and(|t| t.starts_with("あおば台記念病院は")));
        // The same with a shop's name that no header pattern knows: its
        // spaces do not make it a paragraph of prose.
        let src = format!("2027年5月10日\n\n{pad}みどり台ベーカリー\n{pad}店主　山田 花子\n\n新しいパンを6月から売り出します\n\nみどり台ベーカリーは、6月1日から新しいパンを売り出します。\n");
        assert!(text_of(&src, Role::Lead).is_some_and(|t| t.starts_with("みどり台ベーカリーは")));
        // With only header lines above it, a `##` is still the title.
        let src = "報道関係者各位\n\n2026年6月2日\n\n## 新製品発売のお知らせ\n\n当社は、新製品を発売します。\n";
        assert_eq!(
            text_of(src, Role::Title).as_deref(),
            Some("新製品発売のお知らせ")
        );
    }

    #[test]
    fn a_date_alone_is_a_masthead_date() {
        for line in [
            "2025年4月1日",
            "令和9年（2027年）7月5日",
            "2018年(平成30年)2月22日",
            "　２０２５年１２月３日（水）",
        ] {
            assert!(date_line(line), "{line}");
            assert!(is_header_line(line), "{line}");
        }
        for line in ["2018年度入学予定者", "2025年4月1日に発売します", "4月1日"] {
            assert!(!date_line(line), "{line}");
        }
    }

    /// The first block of `doc` whose text contains `needle`.
    fn block_with<'d>(doc: &'d Document, needle: &str) -> &'d crate::document::Block {
        doc.blocks
            .iter()
            .find(|b| b.text.contains(needle))
            .unwrap_or_else(|| panic!("no block with {needle}"))
    }

    #[test]
    fn numbered_lines_are_section_headings() {
        let src = "# 運転見合わせについて\n\n当社線で架線が断線しました。\n\n1．影響\n運休：86本\n\n（２）お客さまへの対応\n近隣の鉄道4社で振替輸送を実施しました。遅延証明書を発行します。\n\n3．4月1日に全線で再開しました\n";
        let doc = Document::parse(src);
        let block = |needle: &str| block_with(&doc, needle);
        assert!(block("1．影響").is_heading());
        assert!(block("（２）").is_heading());
        // The heading of a section is its first line, not the text below it.
        assert_eq!(
            doc.section_heading(block("振替輸送")),
            "（２）お客さまへの対応"
        );
        // A numbered sentence is not a heading.
        assert!(!block("全線で再開").is_heading());
        // Kanji numbering with a full-width space, as in a letter.
        let letter = Document::parse("# 接種量の誤りについて\n\n当院で誤りがありました。\n\n三　誤りが起きた経緯\n　一覧表を取り違えました。\n");
        assert!(block_with(&letter, "経緯").is_heading());
        // An Arabic numeral and a full-width space, as in a government notice.
        let notice = Document::parse("# 汚水の流出について\n\n本市で汚水が流出しました。\n\n1　発生日時\n　2月5日午前6時20分頃\n\n５　水質と健康への影響\n　水質は平常時の値に戻りつつあります。\n\n第５　再発防止策\n　点検を増やします。\n");
        for needle in ["発生日時", "水質と健康", "第５　再発防止策"] {
            assert!(block_with(&notice, needle).is_heading(), "{needle}");
        }
        // The same with an ASCII space, as a page copied to text gives it;
        // but a count with a space (「2 名」) opens no section.
        let copied = Document::parse("# 料金の誤りについて\n\n当社で料金の誤りがありました。\n\n1 発生事象\n一部の通話の料金を誤って計算していました。\n\n2 名\n該当者の数です。\n");
        assert!(block_with(&copied, "発生事象").is_heading());
        assert!(!block_with(&copied, "2 名").is_heading());
    }

    #[test]
    fn a_short_plain_line_over_a_sentence_is_a_heading() {
        // A shop's notice typed without marks: each section opens with a
        // question or a phrase on its own line.
        let src = "# お知らせとおわび\n\n当店でお預かりした衣類に事故がありました。\n\n何があったのか\n2月にお預かりしたお洋服のうち38点に、色むらが出ていました。\n\nこれからは\n・フィルターは、決まった日に必ず取り替えます。\n";
        let doc = Document::parse(src);
        let block = |needle: &str| block_with(&doc, needle);
        assert!(block("何があったのか").is_heading());
        assert!(block("これからは").is_heading());
        assert_eq!(doc.section_heading(block("色むら")), "何があったのか");
        let text = block("何があったのか").text.to_string();
        let sentences: Vec<&str> = crate::sentence::split(&text)
            .iter()
            .filter_map(|r| text.get(r.start..r.end))
            .collect();
        assert_eq!(
            sentences.first().map(|s| s.trim()),
            Some("何があったのか"),
            "the heading is not joined to the sentence: {sentences:?}"
        );
        // A name over a contact line is not a heading.
        let doc = Document::parse("# お知らせ\n\n当店は移転します。\n\n## お問い合わせ\n\nこむぎ堂 駅前店\n電話　049-000-2316（7:00～19:00、水曜定休）\n");
        assert!(doc
            .blocks
            .iter()
            .filter(|b| b.text.contains("こむぎ堂"))
            .all(|b| !b.is_heading()));
        // A bracketed label over a sentence is a heading too (the rules
        // read a 「（ご参考）」 section as reference, not as the event).
        let doc = Document::parse("# お知らせ\n\n当館で浴槽の湯を入れ替えていませんでした。\n\n（ご参考）当館の概要\n当館は1952年に創業し、全国から多くのお客様をお迎えしています。\n");
        assert!(block_with(&doc, "ご参考").is_heading());
        // Over a hard-wrapped sentence too.
        let doc = Document::parse("# お知らせとおわび\n\n当店でお預かりした衣類に事故がありました。\n\nなぜ起きたのか\nドライクリーニングの機械で使う溶剤をきれいにするフィルターが、\n古くなっていました。\n");
        let b = block_with(&doc, "なぜ");
        assert!(b.is_heading());
        // The lines of a hard-wrapped paragraph are about as long, and a
        // line with 、 goes on; neither is a heading.
        for para in [
            "当店では、2月にお預かりしたお洋服の一部に、色むらが出て\nいたことが分かりました。",
            "当店では、\n2月にお預かりしたお洋服の一部に、色むらが出ていたことが分かりました。",
        ] {
            let doc = Document::parse(&format!("# お知らせ\n\n{para}\n"));
            assert!(
                doc.blocks
                    .iter()
                    .all(|b| b.kind == BlockKind::Heading(1) || !b.is_heading()),
                "{para}"
            );
        }
    }

    #[test]
    fn a_courtesy_opener_is_not_the_lead() {
        let lead = |src: &str| text_of(src, Role::Lead);
        // Customer notice and business letter openers: the news is next.
        let src = "# お詫び\n\nいつも当社アプリをご利用いただき、ありがとうございます。\n\n5月18日、決済の不具合が発生しました。\n";
        assert_eq!(
            lead(src).as_deref(),
            Some("5月18日、決済の不具合が発生しました。")
        );
        let src = "各位\n\n【移転のお知らせ】\n\n拝啓　時下ますますご清栄のこととお慶び申し上げます。平素は格別のご高配を賜り、厚く御礼申し上げます。\n\nさて、当社は本社を移転します。\n";
        assert_eq!(lead(src).as_deref(), Some("さて、当社は本社を移転します。"));
        // A first-person letter: hello, who writes, why they write; then the news.
        let src = "# 回収のお願い\n\nこんにちは。小さな醸造所「サンプルブルワリー」を営んでいる山田です。今日は、お客さんにお知らせがあって、この文章を書いています。\n\n5月に出荷したビールの瓶が割れるおそれがあることが分かりました。\n";
        assert!(
            lead(src).is_some_and(|l| l.starts_with("5月に出荷")),
            "{:?}",
            lead(src)
        );
        assert!(is_greeting(
            "コーポ桜ヶ丘を管理しております、まるやま住宅管理の丸山です。"
        ));
        // A product called typical is not a person introduced.
        assert!(!is_greeting("当社の代表的な商品です。"));
        // Courtesy openers with 申しあげ in kana, as many issuers write it,
        // and seasonal ones.
        for opener in [
            "本年も大変お世話になり、厚く御礼申しあげます。",
            "日頃のご厚情に、厚くお礼申しあげます。",
            "時下ますますご清栄のこととお慶び申しあげます。",
            "貴社ますますご発展のこととお喜び申しあげます。",
            "暑中お見舞い申し上げます。",
            "本年も残すところあとわずかになりました。",
            "連日暑い日が続いておりますが、いかがお過ごしでしょうか。",
        ] {
            assert!(is_greeting(opener), "{opener}");
        }
        // A paragraph that goes on to the news after its thanks is the lead.
        let src = "# お知らせ\n\nいつもご利用いただきありがとうございます。本日、新機能を公開しました。\n\n詳細は次のとおりです。\n";
        assert!(lead(src).is_some_and(|l| l.starts_with("いつも")));
        // The opener passed over is body text (style rules read it), not a header line.
        let src = "# お詫び\n\nいつもご利用いただき、ありがとうございます。\n\n本日、障害が発生しました。\n";
        let doc = Document::parse(src);
        let opener = doc.blocks.iter().find(|b| b.text.starts_with("いつも"));
        assert_eq!(opener.map(|b| b.role), Some(Role::Body));
        // A release whose only prose is a greeting keeps it as the lead.
        let src = "# ご挨拶\n\n平素は格別のお引き立てを賜り、厚く御礼申し上げます。\n";
        assert!(lead(src).is_some_and(|l| l.starts_with("平素")));
        // A shop owner introducing themself, in the first person.
        let src = "予約の重複についてのお詫び\n\n島のレンタカー屋「しまかぜ」の店主、比嘉です。\n\n5月3日、お客様にお車をお渡しできませんでした。\n";
        assert!(lead(src).is_some_and(|l| l.starts_with("5月3日")));
        let src = "# お詫び\n\n青葉食堂を営んでおります、山田と申します。\n\n6月1日、食中毒が発生しました。\n";
        assert!(lead(src).is_some_and(|l| l.starts_with("6月1日")));
        // A sentence that goes on is no introduction.
        let src =
            "# お知らせ\n\n当店の店主は比嘉です。本日、新しい車を入れました。\n\n詳細です。\n";
        assert!(lead(src).is_some_and(|l| l.starts_with("当店")));
    }

    #[test]
    fn a_title_line_without_a_heading_is_the_title() {
        let title = |src: &str| text_of(src, Role::Title);
        let lead = "当社は本日、新しいサービスを開始しました。";
        // Between the date and the issuer, bold or not.
        let src = format!("令和7年9月26日\n\n当金庫元職員による不祥事件の発生について\n\nしらかわ信用金庫\n理事長　小林 正和\n\n{lead}\n");
        assert_eq!(
            title(&src).as_deref(),
            Some("当金庫元職員による不祥事件の発生について")
        );
        let src = format!("報道関係者各位\n\n2025年4月1日\n株式会社サンプル\n\n**都市ガスの供給停止について（最終報）**\n\n{lead}\n");
        assert_eq!(
            title(&src).as_deref(),
            Some("都市ガスの供給停止について（最終報）")
        );
        // A tagline above the title does not take its place.
        let src = format!("〜くらしに安心をとどける会社〜\n\n2025年4月1日\n株式会社サンプル\n\n新サービス開始のお知らせ\n\n{lead}\n");
        assert_eq!(title(&src).as_deref(), Some("新サービス開始のお知らせ"));
        // A company name in a title that ends like one.
        let src = format!("株式会社サンプル、新工場稼働のお知らせ\n\n{lead}\n");
        assert_eq!(
            title(&src).as_deref(),
            Some("株式会社サンプル、新工場稼働のお知らせ")
        );
        // Header lines, labels and notes are not titles.
        for line in [
            "株式会社サンプル",
            "代表取締役社長 山田 太郎",
            "【プレスリリース】2026年8月3日",
            "1．提携の目的",
            "（証券コード：1234 東証プライム）",
            "〒100-0001 東京都千代田区千代田1-1",
            "いつもご利用いただきありがとうございます",
            // A sentence that stops, even one that ends like a title.
            "当社は本日、新工場を公開しました。見学会を開催。",
        ] {
            let src = format!("{line}\n\n{lead}\n");
            assert_eq!(title(&src), None, "{line}");
        }
        // A catchphrase that stops inside a title.
        let src = format!("2026年2月18日\n株式会社サンプル\n\nひとり分をおいしく、すばやく。小型炊飯器を3月5日に発売\n\n{lead}\n");
        assert_eq!(
            title(&src).as_deref(),
            Some("ひとり分をおいしく、すばやく。小型炊飯器を3月5日に発売")
        );
        // A bare headline stated as what will be done, when no other line
        // reads as a title; the labelled section below it is read as the
        // lead, not as header lines.
        let src = "報道関係各位\n２０２７年８月２日\n柚木原商工会議所　地域振興課\n\n「にぎわい商品券」を発行します\n\n［概要］\n　当所は、市内の登録店で使える商品券を発行します。\n";
        assert_eq!(
            title(src).as_deref(),
            Some("「にぎわい商品券」を発行します")
        );
        assert_eq!(
            role_of(src, "［概要］"),
            Some(Role::Lead),
            "the section under a bare headline"
        );
        // Under a table of header cells, with a 「～subtitle～」, above a
        // numbered 「１　概要」: the header ends at the first section.
        let src = "資料提供\n\n| 提供日 | 令和8年6月23日（火） |\n|---|---|\n| 担当課 | 東浜県 健康づくり課 |\n| 担当者 | 課長 森本 |\n| 電話 | 0297-00-5521 |\n\n暑さをしのげる施設を県内412か所に指定します\n～7月1日から一休みできます～\n\n１　概要\n　東浜県は、412か所を避難施設に指定します。\n";
        assert_eq!(
            title(src).as_deref(),
            Some("暑さをしのげる施設を県内412か所に指定します\n～7月1日から一休みできます～")
        );
        assert_eq!(role_of(src, "１　概要"), Some(Role::Lead));
        // A line worded as a sentence, with its 「～subtitle～」 below.
        let src = "市政記者クラブ 各位\nR8.12.18\nあさひ野市 環境部 ごみ減量課\n\n粗大ごみの申し込みがインターネットで24時間できるようになります\n～令和9年1月5日（火）受付開始～\n\n第1　概要\n　あさひ野市は、粗大ごみの申し込みをインターネットでも受け付けます。\n";
        assert_eq!(
            title(src).as_deref(),
            Some("粗大ごみの申し込みがインターネットで24時間できるようになります\n～令和9年1月5日（火）受付開始～")
        );
        assert_eq!(role_of(src, "第1　概要"), Some(Role::Lead));
        // Where a line ends like a title, a bare headline is not preferred.
        let src = format!("新サービス開始のお知らせ\n\n家計簿アプリを公開します\n\n{lead}\n");
        assert_eq!(title(&src).as_deref(), Some("新サービス開始のお知らせ"));
        // A Markdown heading stays the title.
        let src = format!("新サービスについて\n\n# 新サービス開始のお知らせ\n\n{lead}\n");
        assert_eq!(title(&src).as_deref(), Some("新サービス開始のお知らせ"));
    }

    #[test]
    fn a_pasted_release_without_blank_lines_has_its_title_split_off() {
        // Emphasis makes the text differ from the source: the offsets of
        // both parts must still point at their own lines.
        let src = "報道関係者各位\n\n本学教員の*不祥事*について\n4月20日、本学の教授が逮捕されました。\n深くお詫び申し上げます。\n";
        let doc = Document::parse(src);
        let title = doc.title().unwrap();
        assert_eq!(title.text.as_str(), "本学教員の不祥事について");
        assert_eq!(
            &src[title.span.start..title.span.end],
            "本学教員の*不祥事*について"
        );
        let lead = doc.lead().unwrap();
        assert!(lead.text.starts_with("4月20日、"), "{}", lead.text.as_str());
        let at = lead.source_span(Span::new(0, "4月20日".len()));
        assert_eq!(&src[at.start..at.end], "4月20日");
        // A text that starts at its first numbered section: the heading is
        // split off the same way, and the sentences under it are the lead.
        let src = "1.経緯
11月4日朝、当社の社員が異常に気付きました。
調査の結果、不正アクセスと判明しました。
2.対応
警察に相談しました。
";
        let doc = Document::parse(src);
        assert_eq!(doc.blocks[0].text.as_str(), "1.経緯");
        let lead = doc.lead().unwrap();
        assert!(
            lead.text.starts_with("11月4日朝、"),
            "{}",
            lead.text.as_str()
        );
        // Not a line that does not end like a title, nor under a heading,
        // nor a wrapped sentence (a 、 in it, a phrase going on below it).
        for (src, blocks) in [
            ("株式会社サンプル\n当社は、新製品を発売します。\n", 1),
            ("当社は、不正アクセスについて\n調査を進めています。\n", 1),
            (
                "株式会社サンプルは新しい冷凍食品を発売\nいたしました。\n",
                1,
            ),
            (
                "# お知らせ\n\n本学教員の不祥事について\n4月20日、本学の教授が逮捕されました。\n",
                2,
            ),
            // A numbered section below the top keeps its heading line.
            (
                "報道関係者各位\n\n1.経緯\n4月20日、本学の教授が逮捕されました。\n",
                2,
            ),
        ] {
            let doc = Document::parse(src);
            assert_eq!(doc.blocks.len(), blocks, "{src}");
        }
    }

    /// A plain title with no lead paragraph under it, the body in 「■」
    /// sections: the first section with sentences is the lead, the rest is
    /// body, not header lines.
    #[test]
    fn labelled_sections_without_a_lead_paragraph_are_not_the_header() {
        let src = "2025年4月1日\n株式会社サンプル\n\n新サービス開始のお知らせ\n\n■概要\n当社は、4月1日から家計簿アプリの提供を開始します。\n\n■背景\nお客様から、紙の家計簿は続かないとの声をいただいていました。\n\n■お問い合わせ\n広報部 03-0000-0000\n";
        // Sections of labels only (no sentence to be the lead) are body too.
        let labels = "2025年4月1日\n株式会社サンプル\n\n春の陶器市のご案内\n\n■日時\n2025年5月10日（土）10時～16時\n\n■会場\n市民ホール\n";
        // A bracketed masthead under the title stays header.
        let masthead = "# 新製品のお知らせ\n\n【ニュースリリース】\n2025年4月1日\n株式会社サンプル\n\n当社は、新製品を発売します。\n";
        // A plain paragraph only after the sections (an acknowledgement) is
        // not the lead: the first section with sentences is.
        let late = "### 細菌を発見\n\n■概要\n研究グループは、細菌を発見しました。\n\n■論文情報\n- 掲載誌：サンプル学会誌\n\n本研究は、サンプル財団の支援を受けました。\n";
        // Nor is a paragraph of bullet lines (a summary under 「ポイント」).
        let points = "# 細菌を発見\n\n## ポイント\n\n・湖の泥から細菌を見つけました。\n・分解が速いです。\n\n## 概要\n\n研究グループは、細菌を発見しました。\n";
        // A body that is a numbered list of sentences under the title.
        let numbered = "# 職員の懲戒処分について\n\n1. 本学の助手に対して、3月1日付けで懲戒処分を行いました。\n2. 助手は、2月13日に逮捕されました。\n\n問い合わせ先　総務課\n";
        let numbered_contact = "# 奨学金の創設について\n\n1) 目的\n本学は、奨学金を創設します。\n\n2) 問い合わせ先\n学生支援課\n電話：0263-00-0000\n";
        for (doc, start, role) in [
            (numbered, "本学の助手", Role::Lead),
            (numbered_contact, "問い合わせ先", Role::Contact),
            (numbered, "助手は", Role::Body),
            (points, "・湖の泥", Role::Body),
            (points, "研究グループは", Role::Lead),
            (late, "■概要", Role::Lead),
            (late, "本研究は", Role::Body),
            (src, "2025年4月1日", Role::Header),
            (src, "新サービス", Role::Title),
            (src, "■概要", Role::Lead),
            (src, "■背景", Role::Body),
            (src, "■お問い合わせ", Role::Contact),
            (labels, "2025年4月1日", Role::Header),
            (labels, "■日時", Role::Body),
            (labels, "■会場", Role::Body),
            (masthead, "【ニュースリリース】", Role::Header),
        ] {
            assert_eq!(role_of(doc, start), Some(role), "{start}");
        }
    }

    #[test]
    fn a_closing_remark_after_the_contact_lines_is_not_contact() {
        let src = "# 表示の誤りについて\n\n当店の商品の表示に誤りがありました。\n\n【お問い合わせ】\nうなぎ処 川瀬\n電話：0564-00-7028\n\n一からやり直す気持ちで、誠実な商いに努めてまいります。\n\n2025年11月4日\nうなぎ処 川瀬\n店主　川瀬 進\n";
        for (start, role) in [
            ("【お問い合わせ】", Role::Contact),
            ("一からやり直す", Role::Body),
            ("2025年11月4日", Role::Body),
        ] {
            assert_eq!(role_of(src, start), Some(role), "{start}");
        }
        // Without a closing remark, everything under the heading is contact.
        let r = roles("# お知らせ\n\n当社で障害が発生しました。\n\n## お問い合わせ先\n\n株式会社サンプル\n\nTEL：03-0000-0000\n");
        assert!(r
            .iter()
            .filter(|(t, _)| t.starts_with("株式会社") || t.starts_with("TEL"))
            .all(|(_, role)| *role == Role::Contact));
    }

    #[test]
    fn header_lines() {
        assert!(is_header_line("2025年4月1日"));
        assert!(is_header_line("令和7年4月1日（火）"));
        // The Western year in brackets; a government's office line.
        assert!(is_header_line("令和9年（2027年）7月5日"));
        assert!(is_header_line("朝比奈市 都市整備部 都市交通政策課"));
        assert!(is_header_line("　　　　朝比奈市　都市整備部"));
        assert!(!is_header_line("朝比奈市は、実証実験を行います"));
        assert!(is_header_line("代表取締役社長 山田 太郎"));
        assert!(!is_header_line("当社は本日、新サービスを開始しました。"));
        // Parity regression (scripts/parity corpus 17): a date followed by a
        // sentence in brackets that mentions 取締役 is body text.
        assert!(!is_header_line(
            "2025年6月26日（定時株主総会後の取締役会で正式に決定する予定です）"
        ));
        assert!(!is_header_line("取締役会で決定する予定です"));
        assert!(is_header_line("株式会社ますや"));
        // A letter's closing, dated in kanji numerals and signed by the head.
        assert!(is_header_line("令和七年十一月二十八日"));
        assert!(is_header_line("院長　小野寺 和人"));
        assert!(!is_header_line("院長が診察いたしました。"));
        // A timely disclosure's header block.
        for line in [
            "会社名　東洋精機株式会社",
            "代表者名　代表取締役社長　大西 正和",
            "（コード番号：0000　東証スタンダード）",
            "問合せ先　取締役経営企画部長　北村 亮",
            "（TEL．03-0000-6610）",
            // Spaced out as in the PDF, and a listing line without 「コード番号」.
            "問 合 せ 先 I R 広 報 部 長 北 村 亮",
            "上 場 取 引 所 東",
            "（JASDAQ・コード 0000）",
            "(東証プライム 0000)",
        ] {
            assert!(is_header_line(line), "{line}");
        }
        // A prefecture's press page: the desk's contact lines.
        for line in [
            "代表連絡先 教育庁 私学課",
            "ダイヤルイン番号:06-0000-0000",
            "メールアドレス：koho@example.jp",
            "FAX：03-0000-0000",
        ] {
            assert!(is_header_line(line), "{line}");
        }
        assert!(!is_header_line("メールアドレスが外部に流出しました。"));
        assert!(!is_header_line("担当の職員が確認しています"));
        assert!(!is_header_line(
            "（スタンダードプランの料金表）は別紙のとおり"
        ));
        assert!(!is_header_line(
            "（電話でのお問い合わせは平日のみ受け付けます）"
        ));
    }

    #[test]
    fn a_timely_disclosure_header_block_is_not_the_lead() {
        let src = "2026年5月14日\n各位\n\n会社名　サンプル精機株式会社\n代表者名　代表取締役社長　大西 正和\n（コード番号：0000　東証スタンダード）\n問合せ先　取締役経営企画部長　北村 亮\n（TEL．03-0000-0000）\n\n代表取締役の異動に関するお知らせ\n\n当社は、本日開催の取締役会において、代表取締役の異動を内定いたしましたので、お知らせいたします。\n";
        assert_eq!(
            text_of(src, Role::Title).as_deref(),
            Some("代表取締役の異動に関するお知らせ")
        );
        assert!(text_of(src, Role::Lead).is_some_and(|t| t.starts_with("当社は、本日")));
    }

    /// A timeline typed as a date alone on its line over what happened that
    /// day is body text; a date under the last sentence is a signature's.
    #[test]
    fn a_date_line_inside_the_body_is_a_timeline_entry() {
        let src = "# 書類の誤送付について\n\n2020年8月14日\n\n当課で、書類を別の方に送付したことが判明しました。\n\n記\n\n令和2年8月13日\n\n受け取った方から連絡を受けました。\n\n令和2年8月14日\n\n書類の返却をお願いしました。\n\n令和2年8月20日\n\n株式会社サンプル\n";
        assert_eq!(role_of(src, "2020年8月14日"), Some(Role::Header));
        assert_eq!(role_of(src, "令和2年8月13日"), Some(Role::Body));
        assert_eq!(role_of(src, "令和2年8月14日"), Some(Role::Body));
        assert_eq!(role_of(src, "令和2年8月20日"), Some(Role::Header));
        assert_eq!(role_of(src, "株式会社サンプル"), Some(Role::Header));
    }

    /// A numbered label glued to its number (「1発生日時 :…」, the 「．」 lost
    /// in pasting) stands on its line: the next label is not joined to it.
    #[test]
    fn a_number_glued_to_a_label_with_a_colon_is_a_label() {
        assert!(is_line_label("1発生日時 :2019年2月20日(水) 1:10頃"));
        assert!(is_line_label("２発生場所：北駅"));
        assert!(!is_line_label("10月1日に発生しました"));
        assert!(!is_line_label("3名が発生時刻に"));
    }

    /// The same header typeset as in the PDF: the date pushed right with
    /// spaces (an indented code block in Markdown), 「各　位」 and
    /// 「会 社 名」 spaced out.
    #[test]
    fn a_spaced_out_disclosure_header_is_header() {
        let src = "                              2026年5月14日\n各　位\n                会 社 名　サンプル精機株式会社\n                代表者名　代表取締役社長　大西 正和\n                （コード番号：0000　東証スタンダード）\n\n　　代表取締役の異動に関するお知らせ\n\n　当社は、本日開催の取締役会において、代表取締役の異動を内定いたしましたので、お知らせいたします。\n";
        assert_eq!(role_of(src, "2026年5月14日"), Some(Role::Header));
        assert_eq!(role_of(src, "各　位\n会 社 名"), Some(Role::Header));
        assert_eq!(
            text_of(src, Role::Title).as_deref().map(str::trim),
            Some("代表取締役の異動に関するお知らせ")
        );
        assert!(text_of(src, Role::Lead).is_some_and(|t| t.contains("当社は、本日")));
    }
}
