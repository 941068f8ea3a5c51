//! `release.count-conflict`: the same quantity (victims in 人, damage in
//! 円, leaked records in 件) stated with two different exact values, with no
//! different as-of time (〜現在, or a date in the sentence) to explain it.
//! Both statements are labelled.

use std::collections::HashMap;
use std::sync::Arc;

use crate::rx::Regex;

use super::counts::{as_of_re, key_re, normalize_key, Unit};
use super::element::{content, span_of};
use super::jdate::find_dates;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::anatomy::{HEADING_MARKS, ITEM_MARKS};
use crate::document::BlockKind;
use crate::rules::{Ctx, Reach, Rule, RuleMeta};
use crate::span::Span;

pub struct CountConflict {
    meta: RuleMeta,
}

/// Clauses that state a part or a breakdown, not the total.
pub(super) fn part_re() -> &'static Regex {
    static_regex!(r"うち|内訳|以外|ほか|それぞれ|各|平均|あたり|当たり|1人|一人|1件")
}

/// A label of its own right before a count (「過大請求：」).
fn label_re() -> &'static Regex {
    static_regex!(r"([^\s：:、。（）()]{1,12})\s*[：:]\s*$")
}

/// What the message calls the quantity: by its unit, and for the counters
/// of people's group (戸, 世帯, アカウント…) by the counter written.
fn unit_ja(u: Unit, written: &str) -> &'static str {
    match u {
        Unit::People if written.ends_with(['人', '名']) => "人数",
        Unit::People if written.ends_with(['戸', '軒']) => "戸数",
        Unit::People if written.ends_with("世帯") => "世帯数",
        Unit::People => "数",
        Unit::Cases => "件数",
        Unit::Yen => "金額",
        Unit::Items => "数量",
        Unit::Other => "数",
    }
}

/// The first statement of a quantity: what later statements are compared
/// with.
struct Stated {
    value: u64,
    span: Span,
    text: String,
    /// The table it was stated in (its first cell's block).
    table: Option<usize>,
    /// A table gives this quantity different values in different cells
    /// (「返金を終えたお客様」「返金の手続き中のお客様」 are both 返金): rows
    /// and columns are different things, and the prose cannot be checked
    /// against any one of them.
    ambiguous: bool,
}

/// The first cell of the table that block `b` (a table cell) is in.
/// `memo` is the last answer: sentences come in order, so the walk back
/// stops there and the whole pass stays linear in the document.
fn table_start(ctx: &Ctx<'_>, b: usize, memo: &mut Option<(usize, usize)>) -> usize {
    let mut i = b;
    while i > 0
        && ctx
            .doc
            .blocks
            .get(i - 1)
            .is_some_and(|p| p.kind == BlockKind::TableCell)
    {
        if let Some((at, start)) = *memo {
            if at == i - 1 {
                i = start;
                break;
            }
        }
        i -= 1;
    }
    *memo = Some((b, i));
    i
}

/// The words a line gives before a count's label (「■青森県内 」 before
/// 「現在停電戸数：13戸」), list marks and spaces left out: whose count it is.
/// Text with a comma or a full stop is prose leading into the label
/// (「なお、」), not a row's name.
fn row_qualifier(head: &str) -> &str {
    let line = head.rsplit('\n').next().unwrap_or("");
    let words = line.trim_matches(|c: char| c.is_whitespace() || is_list_mark(c));
    if words.contains(['、', '。', ',', '，']) || words.chars().count() > 20 {
        ""
    } else {
        words
    }
}

/// A mark that opens a line of a list or a heading (「・過大請求：58件」
/// 「■青森県内」): not part of what the line names.
fn is_list_mark(c: char) -> bool {
    HEADING_MARKS.contains(c) || ITEM_MARKS.contains(c) || matches!(c, '-' | '*' | '＊' | '－')
}

/// A quantity: what is counted, under which label, as of when, and (for a
/// count under a label of its own, 「過大請求：58件」) in which section.
type Quantity = (Unit, String, Option<String>, Option<String>);

impl Rule for CountConflict {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Document
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        // A statement that agrees with the first one of its quantity is not
        // kept, and one that disagrees is reported and not kept either: so
        // each quantity keeps only its first statement, and a later one is
        // compared with that (one lookup, not a scan of all earlier counts,
        // which was quadratic on a huge file).
        let mut seen: HashMap<Quantity, Stated, foldhash::fast::FixedState> = HashMap::default();
        let mut table_memo = None;
        for s in content(ctx) {
            let counts = ctx.facts.damage_counts(ctx, s);
            // Most sentences state no count: skip their dates and labels.
            if counts.is_empty() {
                continue;
            }
            let as_of = as_of_re()
                .find(&s.text)
                .map(|m| m.as_str().to_owned())
                .or_else(|| {
                    ctx.facts
                        .dates(ctx, s)
                        .first()
                        .map(|h| format!("{}-{}", h.month, h.day))
                });
            let as_of = as_of.map(|a| {
                find_dates(&a)
                    .first()
                    .map(|h| format!("{}-{}", h.month, h.day))
                    .unwrap_or(a)
            });
            // In a table, a count is read against its row label (the cell
            // before it); rows without a damage label are not compared.
            let in_table = ctx
                .doc
                .blocks
                .get(s.block())
                .is_some_and(|b| b.kind == BlockKind::TableCell);
            let table = in_table.then(|| table_start(ctx, s.block(), &mut table_memo));
            let row_label = in_table.then(|| {
                s.block()
                    .checked_sub(1)
                    .and_then(|i| ctx.doc.blocks.get(i))
                    .filter(|p| p.kind == BlockKind::TableCell)
                    .map(|p| p.text.clone())
                    .unwrap_or_default()
            });
            // This sentence's statements, compared with earlier sentences
            // once all are read: different values of one quantity in a
            // single sentence list different things (「カード情報(18,746名分)
            // と個人情報(60,350名分)」「22件(町内20件、町外2件)」), not two
            // versions of one number.
            let mut here: Vec<(Quantity, u64, Span, String)> = Vec::new();
            for c in counts.iter() {
                let before = s.text.get(..c.range.start).unwrap_or("");
                // 「姓(2名分)」: how many of the thing just named.
                if before.ends_with(['(', '（']) {
                    continue;
                }
                // 「過大請求：58件」: a labelled line counts what its label says.
                let label = label_re()
                    .captures(before)
                    .and_then(|m| m.get(1))
                    .filter(|l| !key_re().is_match(l.as_str()));
                // 「■青森県内 現在停電戸数：13戸」: what the line names before
                // the label says whose count it is (a row of a list).
                let row = label.map(|l| row_qualifier(before.get(..l.start()).unwrap_or("")));
                let label = label.map(|l| l.as_str().trim_start_matches(is_list_mark));
                let (key, section) = match (&row_label, label) {
                    (Some(row), _) => {
                        if part_re().is_match(row) {
                            continue;
                        }
                        let key = key_re().find(row).map(|m| {
                            let k = normalize_key(m.as_str());
                            if c.unit == Unit::People && k == "被害" {
                                "被害者".to_owned()
                            } else {
                                k
                            }
                        });
                        (key, None)
                    }
                    // Such a label repeats from section to section (「過大請求」
                    // under each rate plan): the section is part of the quantity.
                    // So is a short line just above the labelled lines
                    // (「【関西エリア 従量電灯A】 をご契約のお客様」), a heading
                    // in all but its markup.
                    (None, Some(label)) => {
                        let block = s.block();
                        let heading = ctx
                            .doc
                            .blocks
                            .get(block)
                            .map(|b| ctx.doc.section_heading(b))
                            .unwrap_or_default();
                        let above = block
                            .checked_sub(1)
                            .and_then(|i| ctx.doc.blocks.get(i))
                            .filter(|b| b.kind == BlockKind::Paragraph)
                            .map(|b| b.text.trim())
                            .filter(|t| {
                                !t.is_empty()
                                    && !t.contains(['\n', '。', '：', ':'])
                                    && t.chars().count() <= 40
                            })
                            .unwrap_or_default();
                        let row = row.unwrap_or_default();
                        (
                            Some(label.to_owned()),
                            Some(format!("{heading}\n{above}\n{row}")),
                        )
                    }
                    // What a heading names is a weak guess at what a
                    // count under it counts (「対象者及び影響額」 over a
                    // breakdown whose lines name no damage): not compared.
                    (None, None) if c.key_from_heading => continue,
                    (None, None) => (c.key.clone(), None),
                };
                let (Some(value), Some(key), false) = (c.value, key, c.approx) else {
                    continue;
                };
                if part_re().is_match(before) {
                    continue;
                }
                let span = span_of(ctx, s, c.range);
                let text = c.range.slice(&s.text).to_owned();
                here.push(((c.unit, key, as_of.clone(), section), value, span, text));
            }
            // Kept: a quantity's first statement in the sentence, unless the
            // sentence gives it another value too.
            // (Linear: a huge one-line file may be a single sentence.)
            let mut first: HashMap<&Quantity, (usize, u64, bool), foldhash::fast::FixedState> =
                HashMap::default();
            for (i, (q, v, ..)) in here.iter().enumerate() {
                let entry = first.entry(q).or_insert((i, *v, true));
                entry.2 &= entry.1 == *v;
            }
            let kept: Vec<bool> = here
                .iter()
                .enumerate()
                .map(|(i, (q, ..))| first.get(q).is_some_and(|&(j, _, same)| i == j && same))
                .collect();
            drop(first);
            for ((quantity, value, span, text), kept) in here.into_iter().zip(kept) {
                if !kept {
                    continue;
                }
                match seen.get_mut(&quantity) {
                    Some(other) if other.ambiguous || other.value == value => {}
                    Some(other) if table.is_some() && other.table == table => {
                        other.ambiguous = true;
                    }
                    Some(other) => {
                        let (unit, key, ..) = quantity;
                        out.push(
                            Diagnostic::new(
                                &self.meta.id,
                                ctx.severity,
                                span,
                                format!(
                                    "「{key}」の{}が「{}」と「{}」で食い違っています。",
                                    unit_ja(unit, &text),
                                    other.text,
                                    text
                                ),
                            )
                            .with_help("どちらが正しいか確かめて統一してください。時点が違う数字なら「7月31日現在」のように時点を添えてください。")
                            .with_label(other.span, "先に書かれた数")
                            .with_label(span, "食い違う数"),
                        );
                    }
                    None => {
                        seen.insert(
                            quantity,
                            Stated {
                                value,
                                span,
                                text,
                                table,
                                ambiguous: false,
                            },
                        );
                    }
                }
            }
        }
    }
}

pub fn rule() -> Arc<dyn Rule> {
    let mut m = RuleMeta::builtin("release.count-conflict", Severity::Error);
    m.summary = "同じ数量が異なる値で書かれています".into();
    m.message = "被害者の人数が「808人」と「818人」で食い違っています。".into();
    m.help =
        "どちらが正しいか確かめて統一してください。時点が違う数字なら時点を添えてください。".into();
    m.why =
        "被害者数や被害額が文書の中で食い違うと、どちらも信用されず、訂正と追加の取材を招きます。"
            .into();
    m.how = "被害・流出・対象などの語に続く人数・件数・金額を集め、同じ語と単位（人と名は同じ）で値が違い、時点（〜現在、文中の日付）も同じものを報告します。".into();
    m.exceptions = "「約」「最大」「以上」などの概数、「うち」「内訳」などの内数、時点や日付が異なる数は比べません。一つの文に同じ語の違う数が並ぶとき（「カード情報(18,746名分)と個人情報(60,350名分)」「22件(町内20件、町外2件)」）は別々のものの数として比べず、「姓(2名分)」のように括弧で添えた数も比べません。「過大請求：58件」のようにラベルの付いた数は、そのラベルの数として、同じ見出し（すぐ上の短い行も見出しとみなします）の中でだけ比べます。行がラベルの前に名前を書いているとき（「■青森県内　現在停電戸数：13戸」）は、その名前の数として比べます。「対象」「該当」「影響」は何の数かを言わないので、後に続く語までを含めて比べます（「対象の会員情報 310件」と「対象の会員宛：295件」は別の数）。一つの表の中の違うセルの数は別々のものの数として比べず、表が同じ語に違う数を並べているとき（「返金を終えたお客様」と「返金の手続き中のお客様」）は、その語の数を本文とも比べません。文の中に被害などの語がなく、見出しの語（「対象者及び影響額」）しか手がかりのない数は比べません。".into();
    m.bad = vec![
        "被害に遭われたお客様は808人です。なお、被害に遭われたお客様は818人に上ります。".into(),
        "被害に遭われたお客様は808人です。\n\n| 区分 | 人数 |\n|---|---|\n| 被害者 | 818人 |".into(),
        "# お知らせ\n\n料金の誤りがありました。\n\n## 誤請求の件数\n\n過大請求：68件\n\n過大請求：58件".into(),
        "対象となるお客様は808名です。\n\n## 今後の対応\n\n対象となるお客様818名には、書面でお知らせします。".into(),
        "料金の誤りがありました。\n\n・過大請求：68件\n\n誤りの内容は次のとおりです。\n\n・ 過大請求：58件".into(),
    ];
    m.good = vec![
        "7月4日時点の被害者は約900人です。7月31日現在の被害者は808人です。".into(),
        "被害者は808人で、被害額は3,861万円です。".into(),
        "不正アクセスにより、カード情報(18,746名分)と個人情報(60,350名分)が漏えいしたおそれがあります。".into(),
        "誤って送付した対象は22件です。\n\n- 送付数 22件（町内20件、町外2件）".into(),
        "請求額に誤りがあった対象は68件です。\n\n- 過大請求：40件\n- 過小請求：28件".into(),
        "# メールの誤送信について\n\n会員情報を含むファイルを誤って添付し、送信しました。\n\n## 1. 流出した件数\n\n対象の会員情報 310件\n\n## 2. 送信した件数\n\n対象の会員宛：295件".into(),
        "# 固定資産税の課税誤りについて\n\n固定資産税の税額に誤りがありました。\n\n## 対象者及び影響額\n\n課税誤りの対象者 1,500名\n\n税額が減る方 400名\n\n記載のみ誤った方 1,100名".into(),
        "# 二重の引き落としについて\n\n料金を二重に引き落としていました。\n\n| 区分 | 10月末 | 11月末 |\n|---|---|---|\n| 返金を終えたお客様 | 5,200名 | 1,900名 |\n| 返金の手続き中のお客様 | 310名 | 3,610名 |\n\n返金の手続き中の310名のお客様にも、12月中に返金します。".into(),
        "料金の誤りは二つのプランにありました。\n\n【プランA】をご契約のお客様\n\n過大請求：68件\n\n【プランB】をご契約のお客様\n\n過大請求：58件".into(),
        "料金の誤りは二つのプランにありました。\n\n## プランA\n\n過大請求：68件\n\n## プランB\n\n過大請求：58件".into(),
        "台風の影響で停電が発生しました。\n\n■青森県内　現在停電戸数：13戸\n■岩手県内　現在停電戸数：126戸".into(),
    ];
    Arc::new(CountConflict { meta: m })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_names_what_is_counted() {
        assert_eq!(unit_ja(Unit::People, "808人"), "人数");
        assert_eq!(unit_ja(Unit::People, "808名"), "人数");
        assert_eq!(unit_ja(Unit::People, "13戸"), "戸数");
        assert_eq!(unit_ja(Unit::People, "20世帯"), "世帯数");
        assert_eq!(unit_ja(Unit::People, "3アカウント"), "数");
        assert_eq!(unit_ja(Unit::Cases, "58件"), "件数");
    }

    #[test]
    fn a_row_is_named_by_the_words_before_its_label() {
        assert_eq!(row_qualifier("■青森県内　"), "青森県内");
        assert_eq!(row_qualifier("前の行\n・岩手県内 "), "岩手県内");
        assert_eq!(row_qualifier("・"), "");
        // Prose leading into a label names no row.
        assert_eq!(row_qualifier("なお、"), "");
    }
}
