//! Counts and amounts tied to damage (808人, 約900名, 最大●万件, 3,861万円,
//! 三千八百万円) and the 〜現在 / 〜時点 that dates them. Shared by
//! `release.missing-victim-count`, `release.missing-as-of` and
//! `release.count-conflict`.

use crate::rx::Regex;

use super::jdate::parse_num;
use crate::document::anatomy::ITEM_MARKS;
use crate::document::{BlockKind, Document};
use crate::sentence::Sentence;
use crate::span::Span;

/// What a count measures, after normalizing counters (人 and 名 are both people).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    People,
    Cases,
    Yen,
    Items,
    Other,
}

#[derive(Debug, Clone)]
pub struct Count {
    /// Range in the sentence text.
    pub range: Span,
    /// Value in base units (yen, people …); `None` for placeholders (●万件).
    pub value: Option<u64>,
    pub unit: Unit,
    /// 約, 最大, 以上, 程度 …: not an exact statement.
    pub approx: bool,
    /// The damage word right before the number (被害, 流出 …), if any.
    pub key: Option<String>,
    /// The key was read from the section heading or a label line above the
    /// sentence, not from the sentence itself: a weak guess at what is
    /// counted (「対象者及び影響額」 over a breakdown).
    pub key_from_heading: bool,
}

pub(super) fn count_re() -> &'static Regex {
    static_regex!(
        r"(?x)
            (?P<q>(?:最大で?|少なくとも|合計で?|計)?\s*(?:約|およそ)?|延べ|累計|総計)?\s*
            (?P<n>[0-9０-９●○〇][0-9０-９,，●○]*(?:[.．][0-9０-９]+)?|[〇一二三四五六七八九十百千]+)\s*
            (?P<m1>億|万|千)?(?P<n2>[0-9０-９,，〇一二三四五六七八九十百千]*)(?P<m2>万|千)?\s*
            (?P<u>人|名|件|円|世帯|台|個|点|アカウント|口座|社|店舗|枚|本|袋|箱|缶|食|ドル|ユーザー|回線|契約|戸|軒|便|ID|パック|ケース|セット|冊|通|瓶|組|団体|法人|施設)
            (?P<a>以上|超|程度|余り|あまり|強|弱|前後|ほど|近く)?"
    )
}

/// Words that tie a number to damage or to the people affected.
pub fn damage_re() -> &'static Regex {
    static_regex!(
        r"被害|不正|流出|漏え?い|漏洩|影響|対象|該当|不審|感染|暗号化|持ち出|負傷|けが|怪我|傷を負|切り傷|やけど|火傷|骨折|死亡|損害|損失|なりすまし|閲覧|可能性|停止|遅延|不通|障害|不具合|回収|返金|補償|誤送信|紛失|盗難|積み残|窃取|搾取|詐取|焼失|全焼|破損|損傷|汚損|滅失|重複|二重(?:決済|請求|課金|引き落とし)|二重に?(?:給付|支給|振込|振り込|支払|付与)|停電|断水|[0-9０-９]\s*(?:名|人)分|取り残|置き去り|閉じ込め|事故|誤投与|過量投与|発症|症状|食中毒|体調不良|体調を崩|具合(?:を|が)悪く|気分(?:が悪く|不良)|救急搬送|着服|横領|過大(?:に)?(?:支給|支払|請求|徴収)|過払い|未払い|誤(?:支給|徴収|請求|課金|引き落とし|発送|配送|配信)|お買い上げ(?:いただいた|の)|ご?購入(?:いただいた|された)(?:お客様|方)|誤りの(?:あった|ある)|誤りが(?:あった|ある|あり)|(?:お渡し|ご提供|ご利用いただくこと)(?:でき|ができ)(?:ず|なかった|ませんでした)|二重予約|誤送付|誤交付|誤って|追加合格|(?:人|名|件)分?の(?:氏名|個人情報|住所|成績|メールアドレス|電話番号|カード情報)|(?:^|[\s）)])(?:件数|人数|被害件数|対象件数|対象者数)等?\s*[：:\s]|(?:お客様|お客さま|利用者|対象者?)の?(?:件数|人数|数)\s*[|｜：:\s]|(?:個人)?情報の(?:件数|人数|数)(?:は|としては|[：:\s])"
    )
}

pub fn key_re() -> &'static Regex {
    static_regex!(
        r"被害(?:者|額|総額|金額|件数|人数)?|不正(?:利用|アクセス|ログイン)?|流出|漏え?い|漏洩|影響|対象|該当|回収|返金|補償"
    )
}

fn digits(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_digit(c as u32 - '０' as u32, 10),
            _ => None,
        })
        .collect()
}

fn number(s: &str) -> Option<u64> {
    if s.is_empty() {
        return Some(0);
    }
    if s.contains(['●', '○']) {
        return None;
    }
    if s.chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        if s.contains(['.', '．']) {
            return None;
        }
        return digits(s).parse().ok();
    }
    parse_num(s).map(u64::from)
}

fn mult(m: Option<crate::rx::Match<'_>>) -> u64 {
    match m.map(|m| m.as_str()) {
        Some("億") => 100_000_000,
        Some("万") => 10_000,
        Some("千") => 1_000,
        _ => 1,
    }
}

fn unit_of(u: &str) -> Unit {
    match u {
        "人" | "名" | "世帯" | "アカウント" | "口座" | "ユーザー" | "回線" | "契約" | "戸"
        | "軒" | "ID" | "組" => Unit::People,
        "件" | "通" => Unit::Cases,
        "円" => Unit::Yen,
        "台" | "個" | "点" | "枚" | "本" | "袋" | "箱" | "缶" | "食" | "パック" | "ケース"
        | "セット" | "冊" | "瓶" => Unit::Items,
        _ => Unit::Other,
    }
}

/// Can `c` begin the numeral of a count (group `n` of [`count_re`])? A
/// test checks this against the regex itself.
fn starts_numeral(c: char) -> bool {
    matches!(
        c,
        '0'..='9' | '０'..='９' | '●' | '○' | '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千'
    )
}

/// Every count in a text, with its value and qualifiers.
pub fn counts(text: &str) -> Vec<Count> {
    let mut out = Vec::new();
    // Every count has a numeral (group `n`): a scan for one is cheaper than
    // the regex, which has no literal to look for first.
    if !text.contains(starts_numeral) {
        return out;
    }
    for c in count_re().captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let Some(n) = c.name("n") else { continue };
        // Package sizes (6個入, 12本セット) describe a product, not damage.
        let after = text.get(whole.end()..).unwrap_or("");
        if ["入", "セット", "パック", "組", "分の1"]
            .iter()
            .any(|w| after.starts_with(w))
        {
            continue;
        }
        // A number glued to a preceding digit or letter is part of something else.
        let before = text
            .get(..whole.start())
            .and_then(|s| s.chars().next_back());
        if before.is_some_and(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '第') {
            continue;
        }
        // A section number at the start of a line (「2　施設の被害」), not a
        // count: the numeral stands apart from the word after it.
        let line_start = head_of_line(text, whole.start());
        let spaced = c.name("u").is_some_and(|u| {
            text.get(n.end()..u.start())
                .is_some_and(|between| between.contains(char::is_whitespace))
        });
        if line_start && spaced && c.name("q").is_none_or(|q| q.as_str().trim().is_empty()) {
            continue;
        }
        // A flight named by its number (羽田発きたかぜ空港行き 321便), not flights counted.
        let head = text.get(..whole.start()).unwrap_or("").trim_end();
        if c.name("u").is_some_and(|u| u.as_str() == "便")
            && (head.ends_with("行き") || head.ends_with('発') || head.ends_with('着'))
        {
            continue;
        }
        // A bare kanji numeral (三点, 一件) is usually prose, not a statistic;
        // but people counted right after who they are (受験生七名, 乗客二人,
        // うち三名, お客様のお一人) are a count.
        let kanji_only = !n.as_str().chars().any(|ch| {
            ch.is_ascii_digit() || ('０'..='９').contains(&ch) || matches!(ch, '●' | '○')
        });
        if kanji_only
            && c.name("m1").is_none()
            && !n.as_str().contains(['十', '百', '千'])
            && !counted_people(text, whole.start(), whole.end(), c.name("u"))
        {
            continue;
        }
        let value = (|| {
            let head = number(n.as_str())?;
            let m1 = mult(c.name("m1"));
            let tail = c.name("n2").map(|m| m.as_str()).unwrap_or("");
            let tail_v = number(tail)?;
            let m2 = mult(c.name("m2"));
            head.checked_mul(m1)?.checked_add(tail_v.checked_mul(m2)?)
        })();
        let prefix_start = whole.start().saturating_sub(60);
        let prefix = floor_boundary(text, prefix_start, whole.start());
        let clause = prefix.rsplit(['、', '。', '，']).next().unwrap_or("");
        let key = key_re()
            .find_iter(clause)
            .last()
            .map(|m| qualified_key(m.as_str(), clause.get(m.end()..).unwrap_or("")));
        out.push(Count {
            range: Span::new(whole.start(), whole.end()),
            value,
            unit: c
                .name("u")
                .map(|u| unit_of(u.as_str()))
                .unwrap_or(Unit::Other),
            approx: c.name("q").is_some_and(|q| {
                ["約", "およそ", "最大", "少なくとも"]
                    .iter()
                    .any(|w| q.as_str().contains(w))
            }) || c.name("a").is_some()
                || prefix.ends_with("うち")
                || prefix.ends_with("うち、"),
            key,
            key_from_heading: false,
        });
    }
    out
}

/// Does only white space stand between the start of its line and `at`?
fn head_of_line(text: &str, at: usize) -> bool {
    text.get(..at)
        .unwrap_or("")
        .rsplit('\n')
        .next()
        .is_none_or(|line| line.trim().is_empty())
}

/// The key of a count: its damage word, normalized. 対象, 該当 and 影響 say
/// only that something is counted, so the words after them up to the
/// number are part of the key: 「対象のお客様情報 253件」 and 「対象のお客様宛：233件」
/// count different things.
fn qualified_key(word: &str, rest: &str) -> String {
    if !matches!(word, "対象" | "該当" | "影響") {
        return normalize_key(word);
    }
    let rest = rest
        .trim()
        .trim_end_matches(|c: char| c.is_whitespace() || "：:は数等".contains(c));
    format!("{word}{rest}")
}

/// A one-digit kanji count of people written as a statistic: right after
/// a noun for the people (受験生七名, お子さん一人), after うち, or as お一人 (not お一人様,
/// a price per person, nor お一人お一人, everyone).
fn counted_people(
    text: &str,
    start: usize,
    end: usize,
    unit: Option<crate::rx::Match<'_>>,
) -> bool {
    if !unit.is_some_and(|u| matches!(u.as_str(), "人" | "名")) {
        return false;
    }
    let before = text.get(..start).unwrap_or("");
    let after = text.get(end..).unwrap_or("");
    if before.ends_with("人お") {
        return false;
    }
    let per_person = [
        "様",
        "さま",
        "当たり",
        "あたり",
        "につき",
        "ずつ",
        "一人",
        "お一人",
        "ひとり",
        "で",
    ]
    .iter()
    .any(|w| after.starts_with(w));
    if per_person {
        return false;
    }
    before.ends_with("うち")
        || before.ends_with('お')
        || before.ends_with("さん")
        || before
            .chars()
            .next_back()
            .is_some_and(|ch| matches!(ch, '者' | '生' | '員' | '客' | '児' | '様'))
}

pub fn normalize_key(k: &str) -> String {
    match k {
        "被害者" | "被害人数" => "被害者".into(),
        "被害額" | "被害総額" | "被害金額" => "被害額".into(),
        "不正アクセス" | "不正ログイン" | "不正利用" | "不正" => "不正".into(),
        "漏えい" | "漏洩" | "漏い" | "流出" => "漏えい".into(),
        other => other.into(),
    }
}

/// `text[from..to]` moved forward onto a char boundary.
fn floor_boundary(text: &str, mut from: usize, to: usize) -> &str {
    while from < to && !text.is_char_boundary(from) {
        from += 1;
    }
    text.get(from..to).unwrap_or("")
}

/// The text a count is read against: its sentence and, for a table cell,
/// the cells before it in the table and the section heading.
pub fn context_text(doc: &Document, s: &Sentence) -> String {
    let mut t = s.text.to_string();
    if let Some(b) = doc.blocks.get(s.block()) {
        if b.kind == BlockKind::TableCell {
            for prev in doc.blocks[..s.block()].iter().rev().take(3) {
                if prev.kind == BlockKind::TableCell {
                    t.push(' ');
                    t.push_str(&prev.text);
                }
            }
        }
        let section = doc.section_heading(b);
        t.push(' ');
        t.push_str(section);
        // A label line above it (「返還対象件数と金額」 over the rows), when
        // it is not the section's heading.
        let label = doc.label_heading(s.block());
        if label != section {
            t.push(' ');
            t.push_str(label);
        }
        // A label on the block's own first line heads the lines below it
        // (「**対象となるお客様**」「■被害の状況」 without a blank line after).
        let at = s.text.offset_in(&b.text);
        let mut first_label = "";
        if let Some(end) = b.text.find('\n') {
            let label = b.text[..end].trim();
            let below = at.is_some_and(|at| at > end);
            if below && !label.contains('。') && label.chars().count() <= 40 {
                t.push(' ');
                t.push_str(label);
                first_label = label;
            }
        }
        // So does a label line right above the count's line, further down
        // a block of lines (「1.対象者⏎1世帯」 in a text pasted without blank
        // lines): a short line of one phrase, not an item of a list that
        // gives a value of its own (「・対象　市内の中学校8校の制服」).
        // The same goes for a one-line paragraph right above a count on the
        // first line of its own: a page whose table lost its cells
        // (「対象園児⏎⏎2歳児女児1人」).
        let line_above = at
            .and_then(|at| b.text.get(..at))
            .and_then(|before| {
                before
                    .trim_end_matches([' ', '　', '\t'])
                    .strip_suffix('\n')
            })
            .map(|before| before.rsplit('\n').next().unwrap_or(before).trim());
        let paragraph_above = || {
            let prev = doc.blocks.get(s.block().checked_sub(1)?)?;
            (prev.kind == BlockKind::Paragraph && !prev.text.contains('\n'))
                .then(|| prev.text.trim())
        };
        let above = line_above
            .or_else(paragraph_above)
            .filter(|l| {
                !l.is_empty()
                    && l.chars().count() <= 20
                    && !l.contains(['。', '、'])
                    && !l.contains(char::is_whitespace)
                    && !l.starts_with(|c| ITEM_MARKS.contains(c) || matches!(c, '-' | '*'))
            })
            .filter(|l| *l != first_label);
        if let Some(label) = above {
            t.push(' ');
            t.push_str(label);
        }
    }
    t
}

/// Counts in a sentence that are about damage.
pub fn damage_counts(doc: &Document, s: &Sentence) -> Vec<Count> {
    // Counts first: most sentences have none (a cheap prefilter says so),
    // and then the gift pattern need not run.
    let mut cs = counts(&s.text);
    if cs.is_empty() {
        return cs;
    }
    // 「1,000円分のポイント」「お詫びとして」: what is given back, not the damage.
    if gift_re().is_match(&s.text) {
        return Vec::new();
    }
    // 「約180名のお客様が乗車されていましたが、おけがはありませんでした」:
    // a sentence that names damage only to deny it counts no damage, even
    // under a heading that names some. The denial must follow the damage
    // word itself: [`denied_damage`], which drops any clause that ends in a
    // negative, would also drop 「サーバーが停止または応答しない状態」.
    let denial = static_regex!(
        r"^(?:など)?(?:は|も)(?:一切|いずれも|全く)?(?:ありません|ございません|ない|なく|なかった|出ていません|出ておりません|確認されていません|確認されておりません)"
    );
    let mut damage = damage_re().find_iter(&s.text).peekable();
    if damage.peek().is_some()
        && damage.all(|m| denial.is_match(s.text.get(m.end()..).unwrap_or("")))
    {
        return Vec::new();
    }
    let context = context_text(doc, s);
    if !damage_re().is_match(&context) {
        return Vec::new();
    }
    // 「USBメモリ1本を紛失」「ノートパソコン1台」: the lost or stolen medium,
    // not the people or records affected.
    // 「全48世帯に、事故のお知らせを配布しました」: everyone told, not
    // everyone harmed. 「（定員260名）」「当日の入場者数　9,214人」: how many
    // a place holds or held, not how many were harmed.
    cs.retain(|c| {
        let before = s.text.get(..c.range.start).unwrap_or("");
        let after = s.text.get(c.range.end..).unwrap_or("");
        let told = before.ends_with('全') && told_re().is_match(after);
        // 「2,980円（税込）」: a price, not money lost.
        let price = static_regex!(r"^\s*[（(]?\s*(?:税込|税抜|税別|本体|消費税)|^\s*[+＋]\s*税")
            .is_match(after);
        !medium_re().is_match(before) && !told && !capacity_re().is_match(before) && !price
    });
    // A count without a damage word before it takes the sentence's
    // (「808名の被害者」), else the heading's (a table cell's row).
    let in_sentence = key_re().find(&s.text).map(|m| normalize_key(m.as_str()));
    let from_heading = in_sentence.is_none();
    let fallback =
        in_sentence.or_else(|| key_re().find(&context).map(|m| normalize_key(m.as_str())));
    for c in cs.iter_mut() {
        if c.key.is_none() {
            c.key.clone_from(&fallback);
            c.key_from_heading = from_heading;
        }
        if c.unit == Unit::People && c.key.as_deref() == Some("被害") {
            c.key = Some("被害者".into());
        }
    }
    cs
}

/// `text` without its clauses that deny something (健康被害の報告は
/// ございません): a damage word there does not make the numbers around it
/// damage.
pub(super) fn denied_damage(text: &str) -> String {
    static_regex!(r"[^、。]*(ございません|ありません|おりません|いません|ない)")
        .replace_all(text, "")
        .into_owned()
}

/// A storage medium or container just before a count (its end anchored).
fn medium_re() -> &'static Regex {
    static_regex!(
        r"(USBメモリー?|USB|メモリー?カード|SDカード|パソコン|PC|端末|スマートフォン|スマホ|タブレット|書類|CD-?R?|DVD|ハードディスク|HDD|鞄|かばん|カバン|バッグ|封筒|名簿|台帳)\s*$"
    )
}

/// A capacity or a head count of a place or a body just before a count
/// (its end anchored).
fn capacity_re() -> &'static Regex {
    static_regex!(
        r"(?:定員|入場者数?|来場者数?|観客数?|観衆|収容(?:人数|人員|能力)?|座席数?|席数|従業員数|職員数|社員数|在籍者?数|全校生徒|生徒数|児童数|園児数|会員数)[\s　:：はがのでを約およそ最大]*$"
    )
}

/// After a count of all of a group: what they were sent or told.
fn told_re() -> &'static Regex {
    static_regex!(
        r"^(?:の方)?(?:に|へ)[^。]{0,20}(?:配布|配付|送付|郵送|通知|お知らせ|ご連絡|連絡|ご案内|説明|お配り)"
    )
}

pub(super) fn gift_re() -> &'static Regex {
    static_regex!(r"円分|円相当|お詫びとして|進呈|プレゼント|割引|クーポン")
}

/// 7月31日現在, 2019年7月31日(水)時点, 14時時点, 本日午前10時現在,
/// 1月15日正午の時点.
pub fn as_of_re() -> &'static Regex {
    static_regex!(
        r"(?:[0-9０-９〇一二三四五六七八九十]+\s*(?:日|時|分)|[0-9０-９]{1,2}\s*[:：]\s*[0-9０-９]{2}|[0-9０-９]{1,2}\s*/\s*[0-9０-９]{1,2}|本日|同日)\s*(?:[（(][^）)]{1,4}[）)])?\s*(?:(?:午前|午後)?\s*[0-9０-９〇一二三四五六七八九十]+\s*(?:時|分)\s*|[0-9０-９]{1,2}\s*[:：]\s*[0-9０-９]{2}\s*|正午\s*)*(?:の\s*)?(?:現在|時点|[\p{Han}\p{Katakana}ー]{1,6}時点)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_numeral_prefilter_accepts_every_char_that_starts_a_count() {
        // "c人" is a count exactly when c can begin the numeral.
        let starts: Vec<char> = ('\0'..='\u{FFFF}')
            .filter(|c| count_re().is_match(&format!("{c}人")))
            .collect();
        assert!(
            starts.contains(&'8') && starts.contains(&'三'),
            "{starts:?}"
        );
        for c in starts {
            assert!(starts_numeral(c), "{c:?}");
        }
    }

    #[test]
    fn a_label_line_above_a_count_heads_it_but_a_list_item_does_not() {
        let context = |src: &str, count: &str| {
            let doc = Document::parse(src);
            let tok = crate::token::Tokenizer::new().expect("dictionary loads");
            let ss = crate::sentence::sentences(&doc, &tok);
            let s = ss.iter().find(|s| s.text.contains(count)).expect("count");
            context_text(&doc, s)
        };
        let src = "詳しくは次のとおりです。\n1.対象者\n1世帯\n2.経緯\n検針の誤りです。\n";
        assert!(context(src, "1世帯").contains("1.対象者"));
        // Indented, the same.
        let src = "詳しくは次のとおりです。\n1.対象者\n　1世帯\n";
        assert!(context(src, "1世帯").contains("1.対象者"));
        // An item of a list gives a value of its own: not a label.
        for src in [
            "概要は次のとおりです。\n・対象　市内の中学校8校の制服\n・お渡しの条件　1人1セットまで\n",
            "概要は次のとおりです。\n・対象は中学校の制服\n1人1セットまで\n",
            "概要は次のとおりです。\n対象　市内の中学校8校の制服\nお渡しの条件　1人1セットまで\n",
        ] {
            assert!(!context(src, "1人").contains("対象"), "{src}");
        }
    }

    #[test]
    fn values_and_units() {
        let c = counts("被害者は808人、被害額は3,861万円です。");
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].value, Some(808));
        assert_eq!(c[0].unit, Unit::People);
        assert_eq!(c[0].key.as_deref(), Some("被害者"));
        assert_eq!(c[1].value, Some(38_610_000));
        assert_eq!(c[1].unit, Unit::Yen);
        assert_eq!(counts("三千八百万円")[0].value, Some(38_000_000));
        assert_eq!(counts("1億2,000万円")[0].value, Some(120_000_000));
        assert!(counts("約900名")[0].approx);
        assert_eq!(counts("販売数量は312パックです。")[0].value, Some(312));
        assert_eq!(counts("誤送付は1,200通です。")[0].unit, Unit::Cases);
        assert!(counts("1,000件以上")[0].approx);
        assert!(!counts("808人")[0].approx);
        assert!(!counts("合計808人")[0].approx);
        let c = counts("最大約48万回線");
        assert!(c[0].approx);
        assert_eq!(c[0].value, Some(480_000));
        assert_eq!(c[0].unit, Unit::People);
        assert_eq!(counts("最大●万件")[0].value, None);
        // One-digit kanji: people counted after who they are, not prose.
        assert_eq!(counts("受験生七名を不合格としていました")[0].value, Some(7));
        assert_eq!(counts("うち三名が入院しました")[0].value, Some(3));
        assert_eq!(
            counts("お客様のお一人が、けがをされました")[0].value,
            Some(1)
        );
        assert_eq!(
            counts("年中組のお子さん一人が外へ出ました")[0].value,
            Some(1)
        );
        assert!(counts("羽田発きたかぜ空港行き 321便").is_empty());
        assert_eq!(counts("計12便が欠航しました")[0].value, Some(12));
        for prose in [
            "お一人様二点まで",
            "お客様お一人お一人に",
            "一人で作業していました",
            "三点を見直します",
        ] {
            assert!(counts(prose).is_empty(), "{prose}");
        }
    }

    #[test]
    fn as_of_needs_a_date_or_time() {
        assert!(as_of_re().is_match("2019年7月31日現在"));
        assert!(as_of_re().is_match("7月31日（水）時点"));
        assert!(as_of_re().is_match("本日午前10時現在"));
        assert!(as_of_re().is_match("14:00時点"));
        assert!(!as_of_re().is_match("現時点では"));
        assert!(as_of_re().is_match("11月7日午後5時現在"));
        assert!(as_of_re().is_match("10月15日正午時点"));
        assert!(as_of_re().is_match("1月15日正午の時点で"));
        assert!(as_of_re().is_match("9月9日の終車時点の集計"));
        assert!(as_of_re().is_match("10日の営業終了時点"));
        // The whole date and clock time, so the date is not read as the event's.
        let m = as_of_re()
            .find("（8月3日18:00時点の調査結果）")
            .map(|m| m.as_str());
        assert_eq!(m, Some("3日18:00時点"));
        assert!(counts("6個入").iter().all(|c| c.unit != Unit::Items));
    }
}
