//! `release.timeline-order`: in a 経緯 / 時系列 section, dated items (list
//! items, table rows, one-date-per-line paragraphs) must run forward in
//! time. Years carry over from the item before, else the release date; a
//! month that drops by six or more without a year is read as New Year.

use std::sync::Arc;

use crate::rx::Regex;

use super::element::span_of;
use super::jdate::{self, parse_num};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::BlockKind;
use crate::rules::{Ctx, Reach, Rule, RuleMeta};
use crate::span::Span;

/// Year, month, day and minutes after midnight when a time is given.
type When = (i32, u32, u32, Option<u32>);

pub struct TimelineOrder {
    meta: RuleMeta,
}

pub(super) fn timeline_heading() -> &'static Regex {
    static_regex!(prefiltered r"経緯|時系列|経過|これまでの(対応|流れ)|タイムライン|対応状況")
}

pub(super) fn time_after() -> &'static Regex {
    static_regex!(
        r"^\s*(?:午前|午後)?\s*([0-9０-９〇一二三四五六七八九十]{1,3})\s*(?:時|[:：])\s*([0-9０-９〇一二三四五六七八九十]{1,2})?"
    )
}

/// Minutes after midnight of a time written right after a date, if any.
fn minutes(after: &str) -> Option<u32> {
    let c = time_after().captures(after)?;
    let mut h = parse_num(c.get(1)?.as_str())?;
    if after.trim_start().starts_with("午後") && h < 12 {
        h += 12;
    }
    let m = c.get(2).and_then(|m| parse_num(m.as_str())).unwrap_or(0);
    Some(h * 60 + m)
}

impl Rule for TimelineOrder {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Document
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let release_year = jdate::release_date(ctx).map(|d| d.0);
        let mut current_section: Option<usize> = None;
        // (year, month, day, minutes), span of the previous item.
        let mut prev: Option<(When, Span)> = None;
        let mut year = release_year;
        for s in ctx.sentences {
            let Some(block) = ctx.doc.blocks.get(s.block()) else {
                continue;
            };
            if block.section() != current_section {
                current_section = block.section();
                prev = None;
                year = release_year;
            }
            let in_timeline = block
                .section()
                .and_then(|i| ctx.doc.blocks.get(i))
                .is_some_and(|h| timeline_heading().is_match(&h.text));
            if !in_timeline || Some(s.block()) == block.section() {
                continue;
            }
            // In a table only the first column dates a row.
            if block.kind == BlockKind::TableCell {
                let line_start = ctx
                    .text()
                    .get(..block.span.start)
                    .and_then(|t| t.rfind('\n'))
                    .map_or(0, |i| i + 1);
                let prefix = ctx.text().get(line_start..block.span.start).unwrap_or("");
                if prefix.trim().trim_start_matches('|').trim() != "" {
                    continue;
                }
            }
            let Some(h) = ctx.facts.dates(ctx, s).first().cloned() else {
                continue;
            };
            // Only items that open with their date; a note under the items
            // (「※3月31日に、誤って処分した可能性が高い」) is not one.
            let lead = s.text.get(..h.range.start).unwrap_or("");
            if lead.chars().count() > 2 || lead.contains(['※', '＊', '*']) {
                continue;
            }
            let y = match (h.year, year) {
                (Some(y), _) => y,
                (None, Some(y)) => match prev {
                    Some(((py, pm, _, _), _)) if py == y && pm >= h.month + 6 => y + 1,
                    _ => y,
                },
                (None, None) => 0,
            };
            year = Some(y).filter(|y| *y != 0).or(year);
            let mins = minutes(s.text.get(h.range.end..).unwrap_or(""));
            let key = (y, h.month, h.day, mins);
            let span = span_of(ctx, s, h.range);
            if let Some((pkey, pspan)) = prev {
                let (d, pd) = ((key.0, key.1, key.2), (pkey.0, pkey.1, pkey.2));
                // Times are compared only when both items give one.
                let earlier =
                    d < pd || (d == pd && matches!((key.3, pkey.3), (Some(a), Some(b)) if a < b));
                if earlier {
                    out.push(
                        Diagnostic::new(
                            &self.meta.id,
                            ctx.severity,
                            span,
                            format!(
                                "経緯の項目が時系列になっていません（{}月{}日の項目が、それより後の日時の項目（{}月{}日）の後に書かれています）。",
                                h.month, h.day, pkey.1, pkey.2
                            ),
                        )
                        .with_help("経緯は古い順に並べてください。日付の誤記でないかも確かめてください。")
                        .with_label(pspan, "直前の項目の日付"),
                    );
                }
            }
            prev = Some((key, span));
        }
    }
}

pub fn rule() -> Arc<dyn Rule> {
    let mut m = RuleMeta::builtin("release.timeline-order", Severity::Warning);
    m.summary = "経緯が時系列順になっていません".into();
    m.message = "経緯の項目が時系列になっていません。".into();
    m.help = "経緯は古い順に並べてください。日付の誤記でないかも確かめてください。".into();
    m.why =
        "経緯の順序が乱れていると、対応の遅れや隠蔽を疑われ、日付の誤記も見落とされます。".into();
    m.how = "見出しに「経緯」「時系列」「経過」「これまでの対応」を含む節で、日付で始まる項目（箇条書き、表の行、日付ごとの行）を読み、前の項目より前の日時があれば報告します。年のない日付は直前の項目か発表日の年を使い、月が6か月以上戻るときは年をまたいだとみなします。".into();
    m.exceptions = "日付で始まらない項目（「同日」「その後」など）や、「※」で始まる注記（「※3月31日に処分した可能性があります」）は比べません。経緯の節以外の日付の順序は問いません。".into();
    m.bad = vec!["# 不正利用について\n\n当社サービスで不正利用が発生しました。\n\n## 経緯\n\n- 7月3日：不正なアクセスを遮断しました。\n- 7月2日：お客様から問い合わせがありました。\n".into()];
    m.good = vec![
        "# 不正利用について\n\n当社サービスで不正利用が発生しました。\n\n## 経緯\n\n- 7月2日：お客様から問い合わせがありました。\n- 7月3日：不正なアクセスを遮断しました。\n- 7月3日 15時：記者会見を開きました。\n".into(),
        "# 書類の紛失について\n\n当課で書類の紛失が判明しました。\n\n## 経緯\n\n3月10日\n\n書類を借り受けました。\n\n4月12日\n\n返却期限が過ぎていると連絡を受けました。\n\n※3月31日に、不要な文書と一緒に処分した可能性があります。\n".into(),
    ];
    Arc::new(TimelineOrder { meta: m })
}
