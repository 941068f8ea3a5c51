//! `release.relative-date`: 昨日, 本日, 今朝, 先日, 昨夜, 来週 … change
//! meaning once a release is forwarded, quoted or read the next day. The
//! help gives the absolute date when the release date is known.
//!
//! Decision on 本日: 「本日」 in the title or lead of a dated release is the
//! press convention for "on the release date" and is allowed; anywhere else,
//! or when the release has no date, it is reported like the others.

use std::sync::Arc;

use crate::rx::Regex;

use super::element::span_of;
use super::jdate::{self, civil_from_days, days_from_civil, format_ja};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Role;
use crate::rules::{Ctx, OptionDoc, Reach, Rule, RuleMeta};
use crate::span::Span;

pub struct RelativeDate {
    meta: RuleMeta,
}

pub(super) fn words() -> &'static Regex {
    static_regex!(
        r"一昨日|昨日|本日|今日|今朝|今夜|今晩|昨夜|昨晩|先日|先週|今週|来週|明日|明朝|先月|今月|来月"
    )
}

/// A date in brackets right after a relative word: its day, or its month.
fn dated_after() -> &'static Regex {
    static_regex!(r"^\s*[（(]\s*(?:[0-9０-９]{4}\s*年\s*)?[0-9０-９]{1,2}\s*[日月]")
}

/// A day's date right after a word for a day, without brackets
/// (「本日11月19日(火)」「昨日4日」). (After a word for a month,
/// 「先月1日」 is a day of that month, still relative.)
fn day_after() -> &'static Regex {
    static_regex!(r"^\s*(?:[0-9０-９]{4}\s*年\s*)?(?:[0-9０-９]{1,2}\s*月\s*)?[0-9０-９]{1,2}\s*日")
}

/// The absolute date (or period) a word stands for, given the release date.
fn absolute(word: &str, (y, m, d): (i32, u32, u32)) -> Option<String> {
    let base = days_from_civil(y, m, d);
    let day = |off: i64| {
        let (y, m, d) = civil_from_days(base + off);
        format_ja(y, m, d)
    };
    let week = |off: i64| {
        let monday = base - i64::from((jdate::weekday(y, m, d) + 6) % 7) + off * 7;
        let (y1, m1, d1) = civil_from_days(monday);
        let (_, m2, d2) = civil_from_days(monday + 6);
        format!("{y1}年{m1}月{d1}日〜{m2}月{d2}日")
    };
    let month = |off: i32| {
        let idx = y * 12 + i32::try_from(m).unwrap_or(1) - 1 + off;
        format!("{}年{}月", idx.div_euclid(12), idx.rem_euclid(12) + 1)
    };
    Some(match word {
        "本日" | "今日" | "今朝" | "今夜" | "今晩" => day(0),
        "昨日" | "昨夜" | "昨晩" => day(-1),
        "一昨日" => day(-2),
        "明日" | "明朝" => day(1),
        "今週" => week(0),
        "先週" => week(-1),
        "来週" => week(1),
        "今月" => month(0),
        "先月" => month(-1),
        "来月" => month(1),
        _ => return None,
    })
}

impl Rule for RelativeDate {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Document
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let release = jdate::release_date(ctx);
        let lead_honjitsu = ctx.options.bool("allow-lead-honjitsu", true);
        for s in ctx.sentences {
            if !matches!(s.role, Role::Title | Role::Lead | Role::Body) {
                continue;
            }
            for m in words().find_iter(&s.text) {
                let word = m.as_str();
                let after = s.text.get(m.end()..).unwrap_or("");
                // 明日香, 今日的, 判明日時, 基本日程: part of another word.
                let before = s.text.get(..m.start()).and_then(|b| b.chars().next_back());
                if after.starts_with(['香', '的']) || before.is_some_and(super::ja_common::is_kanji)
                {
                    continue;
                }
                // 「本日(5日)」「昨日（4月3日）」「今月（4月）」「本日11月19日」:
                // the date is given right after the word.
                let day_word = ["一昨日", "昨日", "本日", "今日", "明日"].contains(&word);
                if dated_after().is_match(after) || (day_word && day_after().is_match(after)) {
                    continue;
                }
                if word == "本日"
                    && lead_honjitsu
                    && release.is_some()
                    && matches!(s.role, Role::Title | Role::Lead)
                {
                    continue;
                }
                let span = span_of(ctx, s, Span::new(m.start(), m.end()));
                let help = match release.and_then(|r| absolute(word, r)) {
                    Some(abs) => format!("発表日から数えると「{abs}」です。日付で書いてください。"),
                    None if word == "先日" => "「先日」ではなく、出来事の日付（例: 2025年4月1日）を書いてください。".to_owned(),
                    None => "「2025年4月1日」のように日付で書いてください（発表日が分かれば、ここに換算した日付を示します）。".to_owned(),
                };
                out.push(
                    Diagnostic::new(
                        &self.meta.id,
                        ctx.severity,
                        span,
                        format!("「{word}」は読む日によって指す日が変わります。"),
                    )
                    .with_help(help),
                );
            }
        }
    }
}

pub fn rule() -> Arc<dyn Rule> {
    let mut m = RuleMeta::builtin("release.relative-date", Severity::Warning);
    m.summary = "相対的な日付（昨日・先日・来週など）".into();
    m.message = "「昨日」は読む日によって指す日が変わります。".into();
    m.help =
        "「2025年4月1日」のように日付で書いてください。発表日が分かれば、換算した日付を示します。"
            .into();
    m.why = "リリースは転載・引用され、翌日以降にも読まれます。「昨日」「先日」「来週」では、いつのことか分からなくなります。".into();
    m.how = "タイトル・リード・本文から、昨日・一昨日・本日・今日・今朝・今夜・昨夜・先日・先週・今週・来週・明日・先月・来月を探します。発表日（front matter の date かヘッダーの日付）が分かれば、換算した日付をヘルプに示します。".into();
    m.exceptions = "日付のあるリリースのタイトル・リードの「本日」は、発表日を指す慣用として報告しません（本文の「本日」や、日付のないリリースの「本日」は報告します）。「昨年」「今年」は年の表記として許容します。すぐ後に日付を書いたもの（「本日(5日)」「昨日（4月3日）」「今月（4月）」「本日11月19日」。「先月1日」は先月のどの月かが分からないので報告します）や、「判明日時」「基本日程」のように漢字に続いてほかの語の一部になっているものは報告しません。ヘッダーと問い合わせ先の行は見ません。".into();
    m.options = vec![OptionDoc {
        name: "allow-lead-honjitsu".into(),
        default: "true".into(),
        description: "日付のあるリリースのタイトル・リードの「本日」を許すかどうか。false にすると、そこでも報告します。".into(),
    }];
    m.bad = vec![
        "# お知らせ\n\n当社は新サービスを開始しました。\n\n## 経緯\n\n昨日、システムに障害が発生しました。".into(),
        // A bracket after the word that is not its date; a date later on.
        "# お知らせ\n\n当社は新サービスを開始しました。\n\n## 経緯\n\n昨日（日曜日）、システムに障害が発生しました。".into(),
        "# お知らせ\n\n当社は新サービスを開始しました。\n\n## 経緯\n\n昨日、システムに障害が発生しました（5日に復旧）。".into(),
        "# お知らせ\n\n当社は新サービスを開始しました。\n\n## 経緯\n\n昨日4時に、システムに障害が発生しました。".into(),
        "# お知らせ\n\n当社は新サービスを開始しました。\n\n## 経緯\n\n先月1日に、システムに障害が発生しました。".into(),
    ];
    m.good = vec![
        "2025年4月1日\n\n# お知らせ\n\n当社は本日、新サービスを開始しました。".into(),
        "# お知らせ\n\n当社は2025年3月31日、新サービスを開始しました。".into(),
        "# 停電について\n\n市内で停電が発生しました。\n\n## 経緯\n\n昨日(4日)夕方に停電が発生し、本日（5日）4時に復旧しました。".into(),
        "# 停電について\n\n市内で停電が発生しました。\n\n## 経緯\n\n昨日（2025年4月4日）、停電が発生しました。".into(),
        "# 誤送信について\n\n当社でメールの誤送信が発生しました。\n\n## 対応状況\n\n本日11月19日(火) 18時までの対応をご報告します。判明日時は11月12日の10時です。".into(),
        "# 研修会について\n\n当会は研修会を開きます。\n\n## 日程\n\n基本日程は3日間です。".into(),
    ];
    Arc::new(RelativeDate { meta: m })
}

#[cfg(test)]
mod tests {
    use crate::rules::RuleOptions;
    use crate::{lint, Settings, Source};

    fn fired(text: &str, allow: Option<bool>) -> usize {
        let mut s = Settings::builtin().unwrap();
        s.select(&["release.relative-date".to_owned()]);
        if let Some(a) = allow {
            let mut table = toml::Table::new();
            table.insert("allow-lead-honjitsu".into(), toml::Value::Boolean(a));
            s.options
                .insert("release.relative-date".into(), RuleOptions { table });
        }
        lint(Source::new("t.md", text), &s)
            .diagnostics
            .iter()
            .filter(|d| d.rule == "release.relative-date")
            .count()
    }

    #[test]
    fn honjitsu_in_a_dated_lead_is_allowed_unless_configured() {
        let dated = "2025年4月1日\n\n# お知らせ\n\n当社は本日、新サービスを開始しました。";
        assert_eq!(fired(dated, None), 0);
        assert_eq!(fired(dated, Some(false)), 1);
        let undated = "# お知らせ\n\n当社は本日、新サービスを開始しました。";
        assert_eq!(fired(undated, None), 1);
        let body = "2025年4月1日\n\n# お知らせ\n\n当社は新サービスを開始しました。\n\n## 詳細\n\n本日から申し込めます。";
        assert_eq!(fired(body, None), 1);
    }

    #[test]
    fn absolute_dates_for_the_help() {
        assert_eq!(
            super::absolute("昨日", (2019, 7, 4)).as_deref(),
            Some("2019年7月3日（水）")
        );
        assert_eq!(
            super::absolute("明日", (2019, 12, 31)).as_deref(),
            Some("2020年1月1日（水）")
        );
        assert_eq!(
            super::absolute("来週", (2019, 7, 4)).as_deref(),
            Some("2019年7月8日〜7月14日")
        );
        assert_eq!(
            super::absolute("先月", (2019, 1, 15)).as_deref(),
            Some("2018年12月")
        );
        assert_eq!(super::absolute("先日", (2019, 1, 15)), None);
    }
}
