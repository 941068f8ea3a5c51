//! Fixtures of the Japanese style rules (part 1). Every
//! `fixtures/style/<rule>/bad-*.md` must fire `ja.<rule>` exactly at the
//! source text listed in its `<!-- expect: TEXT -->` lines, and every
//! `good-*.md` must stay silent; `clean-release.md` is a realistic release
//! on which none of these rules fire. Options and fixes are tested below.

use std::path::Path;

use koho::coverage::DocKind;
use koho::rules::RuleOptions;
use koho::{lint, Settings, Source};

const RULES: [&str; 14] = [
    "ja.sentence-length",
    "ja.max-comma",
    "ja.max-ten",
    "ja.max-kanji-run",
    "ja.arabic-kanji-numbers",
    "ja.no-mix-dearu-desumasu",
    "ja.no-mixed-period",
    "ja.no-double-negative",
    "ja.no-dropping-ra",
    "ja.no-doubled-ga",
    "ja.no-doubled-conjunction",
    "ja.no-doubled-joshi",
    "ja.no-successive-word",
    "ja.no-unmatched-pair",
];

fn settings(rules: &[&str]) -> Settings {
    let mut s = Settings::builtin().expect("builtin settings");
    s.select(&rules.iter().map(|r| r.to_string()).collect::<Vec<_>>());
    s.default_kind = Some(DocKind::Announcement);
    s
}

/// (rule, flagged source text) in document order.
fn flagged(settings: &Settings, name: &str, text: &str) -> Vec<(String, String)> {
    let report = lint(Source::new(name, text), settings);
    report
        .diagnostics
        .iter()
        .map(|d| {
            let t = text.get(d.span.start..d.span.end).unwrap_or("<bad span>");
            (d.rule.to_string(), t.to_owned())
        })
        .collect()
}

fn expectations(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("<!-- expect: "))
        .filter_map(|l| l.strip_suffix(" -->"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_rule_has_fixtures_that_fire_and_that_stay_quiet() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/style");
    let mut failures = Vec::new();
    for rule in RULES {
        let dir = root.join(rule.trim_start_matches("ja."));
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let bad = files
            .iter()
            .filter(|p| file_name(p).starts_with("bad-"))
            .count();
        let good = files
            .iter()
            .filter(|p| file_name(p).starts_with("good-"))
            .count();
        assert!(
            bad >= 2 && good >= 2,
            "{rule}: needs 2 bad and 2 good fixtures"
        );
        let s = settings(&[rule]);
        for path in files {
            let name = file_name(&path);
            let text = std::fs::read_to_string(&path).unwrap();
            let got: Vec<String> = flagged(&s, &name, &text)
                .into_iter()
                .filter(|(r, _)| r == rule)
                .map(|(_, t)| t)
                .collect();
            let want = if name.starts_with("bad-") {
                let w = expectations(&text);
                assert!(!w.is_empty(), "{name}: a bad fixture needs expect lines");
                w
            } else {
                Vec::new()
            };
            if got != want {
                failures.push(format!("{rule} {name}: expected {want:?}, got {got:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn file_name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn clean_release_fires_none_of_the_style_rules() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/style/clean-release.md");
    let text = std::fs::read_to_string(path).unwrap();
    let mut s = settings(&RULES);
    s.default_kind = None;
    let got = flagged(&s, "clean-release.md", &text);
    assert!(got.is_empty(), "{got:?}");
}

fn with_option(rule: &str, key: &str, value: toml::Value) -> Settings {
    let mut s = settings(&[rule]);
    let mut table = toml::Table::new();
    table.insert(key.to_owned(), value);
    s.options.insert(rule.to_owned(), RuleOptions { table });
    s
}

fn texts(s: &Settings, text: &str) -> Vec<String> {
    flagged(s, "t.md", text)
        .into_iter()
        .map(|(_, t)| t)
        .collect()
}

#[test]
fn options_change_the_limits() {
    let doc = "# お知らせ\n\n当社は、昨日から、全国の店舗で、営業を再開しました。\n";
    assert!(texts(&settings(&["ja.max-ten"]), doc).is_empty());
    let strict = with_option("ja.max-ten", "max", toml::Value::Integer(2));
    assert_eq!(texts(&strict, doc), vec!["、"]);

    let doc = "# お知らせ\n\n当社は本日、札幌、仙台、東京、名古屋の店舗を開きました。\n";
    assert!(texts(&settings(&["ja.max-ten"]), doc).is_empty());
    let strict = with_option("ja.max-ten", "strict", toml::Value::Boolean(true));
    assert_eq!(texts(&strict, doc), vec!["、"]);

    let doc = "# お知らせ\n\n新サービスの料金を本日発表しました。\n";
    let short = with_option("ja.sentence-length", "max", toml::Value::Integer(10));
    assert_eq!(
        texts(&short, doc),
        vec!["新サービスの料金を本日発表しました。"]
    );

    // の is allowed by default (連体化); strict reports it.
    let doc = "# お知らせ\n\n新製品の価格の詳細を発表しました。\n";
    assert!(texts(&settings(&["ja.no-doubled-joshi"]), doc).is_empty());
    let strict = with_option("ja.no-doubled-joshi", "strict", toml::Value::Boolean(true));
    assert_eq!(texts(&strict, doc), vec!["の"]);

    // 「が」 separated by a 読点 is two apart: reported only with a wider interval.
    let doc = "# お知らせ\n\n東京が晴れ、大阪が雨でした。\n";
    assert!(texts(&settings(&["ja.no-doubled-joshi"]), doc).is_empty());
    let wide = with_option(
        "ja.no-doubled-joshi",
        "min-interval",
        toml::Value::Integer(2),
    );
    assert_eq!(texts(&wide, doc), vec!["が"]);

    // 「AもBも」 is reported as in textlint; `allow` lets a particle repeat.
    let doc = "# お知らせ\n\n大人も子どもも楽しめます。\n";
    assert_eq!(texts(&settings(&["ja.no-doubled-joshi"]), doc), vec!["も"]);
    let mo = with_option(
        "ja.no-doubled-joshi",
        "allow",
        toml::Value::Array(vec![toml::Value::String("も".into())]),
    );
    assert!(texts(&mo, doc).is_empty());

    // A government keeps 公用文's 「及び」 with `allow`; other words still count.
    let doc = "# お知らせ\n\n市及び県は、ご確認下さい。\n";
    assert_eq!(texts(&settings(&["ja.terms"]), doc), vec!["及び", "下さい"]);
    let kouyou = with_option(
        "ja.terms",
        "allow",
        toml::Value::Array(vec![toml::Value::String("及び".into())]),
    );
    assert_eq!(texts(&kouyou, doc), vec!["下さい"]);

    // The preference picks the side of a mixed body; an unmixed body is fine.
    let doc = "# お知らせ\n\n当社は新製品を発表しました。価格は未定である。\n";
    assert_eq!(
        texts(&settings(&["ja.no-mix-dearu-desumasu"]), doc),
        vec!["である"]
    );
    let only_desu = "# お知らせ\n\n当社は新製品を発表しました。価格は未定です。\n";
    let prefer_dearu = with_option(
        "ja.no-mix-dearu-desumasu",
        "prefer-in-body",
        toml::Value::String("である".into()),
    );
    assert!(texts(&prefer_dearu, only_desu).is_empty());
    let dearu = with_option(
        "ja.no-mix-dearu-desumasu",
        "prefer-in-body",
        toml::Value::String("である".into()),
    );
    assert_eq!(texts(&dearu, doc), vec!["ました"]);

    // Counts with any counter are JTF-silent; `counters` reports them.
    let doc = "# お知らせ\n\n被害は五件、対象は約二千人です。十分な体制で二重の確認をします。\n";
    assert!(texts(&settings(&["ja.arabic-kanji-numbers"]), doc).is_empty());
    let counters = with_option(
        "ja.arabic-kanji-numbers",
        "counters",
        toml::Value::Boolean(true),
    );
    assert_eq!(texts(&counters, doc), vec!["五", "二千"]);
}

#[test]
fn safe_fixes_apply_and_are_idempotent() {
    let s = settings(&["ja.no-dropping-ra", "ja.no-mixed-period"]);
    let text = "# 展示\n\n会場では誰でも試作品を見れるほか、新商品を**食べれる**コーナーもあります．詳細は後日お知らせします。\n";
    let (fixed, n) = koho::fix::fix_source(&Source::new("t.md", text), &s);
    assert_eq!(n, 3, "{fixed}");
    assert_eq!(
        fixed,
        "# 展示\n\n会場では誰でも試作品を見られるほか、新商品を**食べられる**コーナーもあります。詳細は後日お知らせします。\n"
    );
    let (again, n2) = koho::fix::fix_source(&Source::new("t.md", &fixed), &s);
    assert_eq!((again.as_str(), n2), (fixed.as_str(), 0));
}

#[test]
fn odd_inputs_neither_panic_nor_give_bad_spans() {
    let s = settings(&RULES);
    let inputs = [
        String::new(),
        "。。。、、、，，，".repeat(50),
        "「".repeat(5000),
        "）」』".repeat(3000),
        "漢".repeat(20_000),
        format!("# 見出し\n\n{}。", "、".repeat(3000)),
        format!("{}。", "がのにでを".repeat(4000)),
        "一二三四五六七八九十百千万億兆".repeat(200) + "人。",
        "兆兆兆件。万万人。〇〇〇円。".into(),
        "`code`．`code`\n\n| a | b |\n|---|---|\n| 「 | ） |\n".into(),
        "1,2,3,4,5,6,7,8。1,000,000,000。,,,,,,".into(),
        "見れる見れる見れる。来れ\u{0}る。\u{FEFF}です。だ。".into(),
        "- です。\n- である。\n  - だ。\n\n> である。ですます。\n".into(),
    ];
    for text in inputs {
        let report = lint(Source::new("odd.md", &text), &s);
        for d in &report.diagnostics {
            assert!(
                text.get(d.span.start..d.span.end).is_some(),
                "{}: span {:?} is not on char boundaries",
                d.rule,
                d.span
            );
        }
    }
}

#[test]
fn floods_are_capped() {
    // A run of repeats is one slip, and no rule reports more than ten
    // findings in one sentence, so a pathological line stays readable.
    let s = settings(&["ja.no-successive-word"]);
    let text = format!("# t\n\n当社{}です。\n", "のの".repeat(3000));
    assert_eq!(texts(&s, &text).len(), 1);
    let s = settings(&["ja.arabic-kanji-numbers"]);
    let text = format!("# t\n\n{}です。\n", "三つ、".repeat(500));
    assert_eq!(texts(&s, &text).len(), 10);
    let s = settings(&["ja.no-unmatched-pair"]);
    let text = format!("# t\n\n{}です。\n", "「".repeat(500));
    assert_eq!(texts(&s, &text).len(), 10);
}
