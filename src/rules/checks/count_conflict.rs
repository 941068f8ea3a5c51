//! `release.count-conflict`: the same quantity (victims in 人, damage in
//! 円, leaked records in 件) stated with two different exact values, with no
//! different as-of time (〜現在, or a date in the sentence) to explain it.
//! Both statements are labelled.

use std::collections::HashMap;
use std::sync::Arc;

use regex::Regex;

use super::counts::{as_of_re, key_re, normalize_key, Unit};
use super::element::{content, span_of};
use super::jdate::find_dates;
use crate::diagnostic::{Diagnostic, Severity};
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

fn unit_ja(u: Unit) -> &'static str {
    match u {
        Unit::People => "人数",
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
}

/// A quantity: what is counted, under which label, as of when.
type Quantity = (Unit, String, Option<String>);

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
            let row_label = ctx
                .doc
                .blocks
                .get(s.block())
                .filter(|b| b.kind == BlockKind::TableCell)
                .map(|_| {
                    s.block()
                        .checked_sub(1)
                        .and_then(|i| ctx.doc.blocks.get(i))
                        .filter(|p| p.kind == BlockKind::TableCell)
                        .map(|p| p.text.clone())
                        .unwrap_or_default()
                });
            for c in counts.iter() {
                let key = match &row_label {
                    Some(label) => {
                        if part_re().is_match(label) {
                            continue;
                        }
                        key_re().find(label).map(|m| {
                            let k = normalize_key(m.as_str());
                            if c.unit == Unit::People && k == "被害" {
                                "被害者".to_owned()
                            } else {
                                k
                            }
                        })
                    }
                    None => c.key.clone(),
                };
                let (Some(value), Some(key), false) = (c.value, key, c.approx) else {
                    continue;
                };
                let before = s.text.get(..c.range.start).unwrap_or("");
                if part_re().is_match(before) {
                    continue;
                }
                let span = span_of(ctx, s, c.range);
                let text = c.range.slice(&s.text).to_owned();
                let quantity = (c.unit, key, as_of.clone());
                match seen.get(&quantity) {
                    Some(other) if other.value != value => {
                        let (unit, key, _) = quantity;
                        out.push(
                            Diagnostic::new(
                                &self.meta.id,
                                ctx.severity,
                                span,
                                format!(
                                    "「{key}」の{}が「{}」と「{}」で食い違っています。",
                                    unit_ja(unit),
                                    other.text,
                                    text
                                ),
                            )
                            .with_help("どちらが正しいか確かめて統一してください。時点が違う数字なら「7月31日現在」のように時点を添えてください。")
                            .with_label(other.span, "先に書かれた数")
                            .with_label(span, "食い違う数"),
                        );
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(quantity, Stated { value, span, text });
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
    m.exceptions = "「約」「最大」「以上」などの概数、「うち」「内訳」などの内数、時点や日付が異なる数は比べません。".into();
    m.bad = vec![
        "被害に遭われたお客様は808人です。なお、被害に遭われたお客様は818人に上ります。".into(),
    ];
    m.good = vec![
        "7月4日時点の被害者は約900人です。7月31日現在の被害者は808人です。".into(),
        "被害者は808人で、被害額は3,861万円です。".into(),
    ];
    Arc::new(CountConflict { meta: m })
}
