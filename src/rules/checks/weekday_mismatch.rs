//! `release.weekday-mismatch`: 7月1日（月）must fall on a Monday. The year
//! comes from the date itself, else the release date, else the nearest
//! explicit year before it; 令和/平成 are converted. A wrong weekday gets a
//! safe fix to the right one.

use std::sync::Arc;

use super::element::span_of;
use super::jdate::{self, weekday, weekday_char};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::rules::kinds::source_is;
use crate::rules::{Ctx, FixAvailability, Reach, Rule, RuleMeta};

pub struct WeekdayMismatch {
    meta: RuleMeta,
}

impl Rule for WeekdayMismatch {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Document
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let release_year = jdate::release_date(ctx).map(|d| d.0);
        let mut last_year: Option<i32> = None;
        for s in ctx.sentences {
            for h in ctx.facts.dates(ctx, s).iter() {
                let (year, explicit) = match (h.year, release_year, last_year) {
                    (Some(y), _, _) => (y, true),
                    (None, Some(y), _) | (None, None, Some(y)) => (y, false),
                    (None, None, None) => continue,
                };
                if explicit {
                    last_year = Some(year);
                }
                let Some((wspan, written)) = h.weekday else {
                    continue;
                };
                if !jdate::valid(year, h.month, h.day) {
                    continue;
                }
                let actual = weekday(year, h.month, h.day);
                if actual == written {
                    continue;
                }
                // An inferred year may be off by one around New Year; stay
                // quiet when a neighbouring year makes the weekday right.
                if !explicit
                    && [year - 1, year + 1].iter().any(|y| {
                        jdate::valid(*y, h.month, h.day) && weekday(*y, h.month, h.day) == written
                    })
                {
                    continue;
                }
                let span = span_of(ctx, s, wspan);
                let right = weekday_char(actual).to_string();
                let date_span = span_of(ctx, s, h.range);
                let mut d = Diagnostic::new(
                    &self.meta.id,
                    ctx.severity,
                    span,
                    format!(
                        "{}年{}月{}日は{}曜日ですが、「{}」と書かれています。",
                        year,
                        h.month,
                        h.day,
                        right,
                        weekday_char(written)
                    ),
                )
                .with_help(format!(
                    "曜日を「{right}」に直すか、日付が正しいか確認してください。{}",
                    if explicit {
                        String::new()
                    } else {
                        format!("（年は{year}年とみなしました）")
                    }
                ))
                .with_label(date_span, "この日付");
                let written_char = weekday_char(written).to_string();
                if source_is(ctx, span, &written_char) {
                    d = d.with_fix(Fix::safe(span, right));
                }
                out.push(d);
            }
        }
    }
}

pub fn rule() -> Arc<dyn Rule> {
    let mut m = RuleMeta::builtin("release.weekday-mismatch", Severity::Error);
    m.summary = "日付と曜日が合っていません".into();
    m.message = "2019年7月4日は木曜日ですが、「水」と書かれています。".into();
    m.help = "曜日を暦どおりに直してください。".into();
    m.why =
        "日付と曜日の食い違いは、どちらが正しいのか読者に分からず、訂正リリースの原因になります。"
            .into();
    m.how = "「7月1日（月）」「2019年7月1日（月曜日）」「令和元年7月1日(月)」などの日付と曜日を読み、暦で曜日を計算して比べます。年は、その日付の年、なければ発表日（front matter の date かヘッダーの日付）の年、なければ直前に書かれた年を使います。".into();
    m.exceptions = "年を推定した日付で、前後の年なら曜日が合う場合は報告しません（年末年始をまたぐ記述のため）。年がまったく分からない日付は確かめません。".into();
    m.fix = FixAvailability::Safe;
    m.bad = vec!["2019年7月1日（火）にサービスを開始しました。".into()];
    m.good = vec![
        "2019年7月1日（月）にサービスを開始しました。".into(),
        "令和元年7月4日（木）に記者会見を開きました。".into(),
    ];
    Arc::new(WeekdayMismatch { meta: m })
}
