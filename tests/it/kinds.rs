//! One test rule per data-rule kind, each with a case that fires and one
//! that must not: existence, substitution (with fix), require (with
//! context and coverage element), conditional, metric (length, count, run,
//! and the `max` option from config), plus scopes and token patterns.

use crate::common;

use koho::coverage::{DocKind, Element};
use koho::rules::RuleOptions;
use koho::{lint, Settings, Source};

fn settings(toml: &str) -> Settings {
    common::user_rules(toml)
}

fn hits(s: &Settings, text: &str) -> Vec<(String, String)> {
    let r = lint(Source::new("t.md", text), s);
    r.diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.to_string(),
                text.get(d.span.start..d.span.end).unwrap_or("?").to_owned(),
            )
        })
        .collect()
}

#[test]
fn existence_with_exclude() {
    let s = settings(
        r#"[[rule]]
id = "t.weak"
kind = "existence"
message = "{match}"
patterns = [{ regex = "かもしれ(ない|ません)" }]
exclude = [{ regex = "かもしれませんが、" }]
"#,
    );
    assert_eq!(
        hits(&s, "遅れるかもしれません。\n"),
        [("t.weak".into(), "かもしれません".into())]
    );
    assert!(hits(&s, "遅れるかもしれませんが、対応します。\n").is_empty());
    assert!(hits(&s, "予定どおり進めます。\n").is_empty());
}

#[test]
fn substitution_offers_fix_only_on_exact_source() {
    let s = settings(
        r#"[[rule]]
id = "t.oyobi"
kind = "substitution"
fix = "safe"
message = "{from}→{to}"
swap = { "及び" = "および" }
"#,
    );
    let r = lint(Source::new("t.md", "東京及び大阪です。\n"), &s);
    let d = &r.diagnostics[0];
    assert_eq!(d.message, "及び→および");
    let fix = d.fix.as_ref().expect("fix");
    assert_eq!(fix.edits[0].replacement, "および");
    // Split by emphasis: still reported, but no fix that would eat markup.
    let r = lint(Source::new("t.md", "東京**及**び大阪です。\n"), &s);
    assert_eq!(r.diagnostics.len(), 1);
    assert!(r.diagnostics[0].fix.is_none());
    assert!(hits(&s, "東京および大阪です。\n").is_empty());
}

#[test]
fn substitution_swap_pos_tells_auxiliary_from_content_use() {
    let s = settings(
        r#"[[rule]]
id = "t.itadaku"
kind = "substitution"
message = "{from}→{to}"
swap = { "頂き" = "いただき" }
swap-pos = "動詞,非自立"
"#,
    );
    assert_eq!(
        hits(&s, "ご覧になって頂きました。\n").len(),
        1,
        "auxiliary use"
    );
    assert!(hits(&s, "山の頂きに立ちました。\n").is_empty(), "noun use");
}

#[test]
fn require_records_coverage_and_reports_when_missing() {
    let s = settings(
        r#"[[rule]]
id = "t.missing-hotline"
kind = "require"
element = "hotline"
scope = "section"
prose-only = false
message = "窓口がありません。"
patterns = [{ regex = "0120-?[0-9]{3}-?[0-9]{3}" }]
context = [{ regex = "窓口|お問い合わせ" }]
context-not = [{ regex = "報道関係" }]
"#,
    );
    let with = "# お知らせ\n\n本文です。\n\n## お客様窓口\n\n電話：0120-000-111\n";
    let r = lint(Source::new("t.md", with), &s);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let ev = r.coverage.get(Element::Hotline);
    assert!(ev.found);
    assert_eq!(
        ev.span.map(|sp| &with[sp.start..sp.end]),
        Some("0120-000-111")
    );

    // A number under a press-contact heading, or with no contact words, is not it.
    for text in [
        "# お知らせ\n\n本文です。\n\n## 報道関係者のお問い合わせ先\n\n電話：0120-000-111\n",
        "# お知らせ\n\n本文です。\n\n## 会社概要\n\n電話：0120-000-111\n",
    ] {
        let r = lint(Source::new("t.md", text), &s);
        assert!(!r.coverage.get(Element::Hotline).found, "{text}");
        assert_eq!(r.diagnostics.len(), 1);
        // Anchored at the title.
        assert_eq!(
            &text[r.diagnostics[0].span.start..r.diagnostics[0].span.end],
            "お知らせ"
        );
    }
}

#[test]
fn conditional_requires_then_in_the_same_unit() {
    let s = settings(
        r#"[[rule]]
id = "t.count-as-of"
kind = "conditional"
scope = "block"
message = "時点がありません: {match}"
if = [{ regex = "[0-9,]+人" }]
then = [{ regex = "現在|時点" }]
"#,
    );
    assert_eq!(
        hits(&s, "被害者は808人です。\n"),
        [("t.count-as-of".into(), "808人".into())]
    );
    assert!(hits(&s, "7月31日現在、被害者は808人です。\n").is_empty());
    assert!(hits(&s, "被害はありません。\n").is_empty());
}

#[test]
fn metric_length_count_run_and_max_option() {
    let mut s = settings(
        r#"[[rule]]
id = "t.len"
kind = "metric"
measure = "length"
max = 10
message = "{value}/{max}"

[[rule]]
id = "t.ten"
kind = "metric"
measure = { count = "、" }
max = 1
message = "{value}"

[[rule]]
id = "t.kanji"
kind = "metric"
measure = { run = "\\p{Han}" }
max = 4
message = "{match}"
"#,
    );
    let got = hits(&s, "個人情報保護委員会へ、すぐ、報告しました。\n");
    let rules: Vec<&str> = got.iter().map(|(r, _)| r.as_str()).collect();
    // Sorted by span: the kanji run starts where the sentence does but ends first.
    assert_eq!(rules, ["t.kanji", "t.len", "t.ten"], "{got:?}");
    assert_eq!(got[0].1, "個人情報保護委員会");
    assert_eq!(got[2].1, "、", "points at the first comma over the limit");
    assert!(hits(&s, "短い文です。\n").is_empty());
    // `max` from config.
    let mut t = toml::Table::new();
    t.insert("max".into(), toml::Value::Integer(100));
    s.options.insert("t.len".into(), RuleOptions { table: t });
    let got = hits(&s, "個人情報保護委員会へ、すぐ、報告しました。\n");
    assert!(!got.iter().any(|(r, _)| r == "t.len"), "{got:?}");
}

#[test]
fn sentence_rules_skip_header_and_contact_lines_but_document_scope_sees_them() {
    let s = settings(
        r#"[[rule]]
id = "t.prose"
kind = "existence"
message = "{match}"
patterns = [{ regex = "株式会社" }]

[[rule]]
id = "t.anywhere"
kind = "existence"
prose-only = false
message = "{match}"
patterns = [{ regex = "株式会社" }]
"#,
    );
    let text = "報道関係者各位\n\n株式会社サンプル\n\n# お知らせ\n\n株式会社サンプルは本日発表しました。\n\n【お問い合わせ先】\n株式会社サンプル 広報部\n";
    let got = hits(&s, text);
    let prose: Vec<_> = got.iter().filter(|(r, _)| r == "t.prose").collect();
    let any: Vec<_> = got.iter().filter(|(r, _)| r == "t.anywhere").collect();
    assert_eq!(prose.len(), 1, "only the lead sentence: {got:?}");
    assert_eq!(any.len(), 3, "{got:?}");
}

#[test]
fn applies_to_limits_rules_to_a_document_kind() {
    let mut s = settings(
        r#"[[rule]]
id = "t.incident-only"
kind = "existence"
applies-to = ["incident"]
message = "{match}"
patterns = [{ regex = "思われます" }]
"#,
    );
    assert_eq!(hits(&s, "原因と思われます。\n").len(), 1);
    s.default_kind = Some(DocKind::Announcement);
    assert!(hits(&s, "原因と思われます。\n").is_empty());
}

#[test]
fn supersedes_drops_the_weaker_duplicate_but_never_demotes() {
    let mut s = settings(
        r#"[[rule]]
id = "t.weak"
kind = "existence"
severity = "warning"
message = "{match}"
patterns = [{ regex = "かもしれ" }]

[[rule]]
id = "t.hedge"
kind = "existence"
severity = { incident = "warning", announcement = "info" }
supersedes = ["t.weak"]
message = "{match}"
patterns = [{ regex = "かもしれません" }]
"#,
    );
    let rules = |s: &Settings| -> Vec<String> {
        hits(s, "遅れるかもしれません。\n")
            .into_iter()
            .map(|(r, _)| r)
            .collect()
    };
    assert_eq!(rules(&s), ["t.hedge"]);
    s.default_kind = Some(DocKind::Announcement);
    assert_eq!(rules(&s), ["t.weak", "t.hedge"]);
}
