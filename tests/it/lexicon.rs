//! Fixtures of the lexicon rules (fixtures/style-lexicon/<rule>/): each
//! `bad-*.md` must fire its rule on exactly the listed source texts, each
//! `good-*.md` must not fire it at all. The fixtures are whole releases with
//! header and contact lines, a table, a list, a link and inline code.

use std::path::Path;

use koho::config::Config;
use koho::coverage::DocKind;
use koho::diagnostic::{Applicability, Severity};
use koho::rules::Registry;
use koho::{lint, FileReport, Settings, Source};

fn settings(rule: &str, kind: DocKind) -> Settings {
    let mut s = Settings::builtin().expect("builtin settings");
    s.select(&[rule.to_owned()]);
    s.default_kind = Some(kind);
    s
}

fn fixture(rel: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/style-lexicon")
        .join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn run(rule: &str, rel: &str, kind: DocKind) -> (String, FileReport) {
    let text = fixture(rel);
    let report = lint(Source::new(rel, &text), &settings(rule, kind));
    (text, report)
}

/// The source texts the rule flagged, in document order.
fn flagged(rule: &str, rel: &str, kind: DocKind) -> Vec<String> {
    let (text, report) = run(rule, rel, kind);
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| text[d.span.start..d.span.end].to_owned())
        .collect()
}

const I: DocKind = DocKind::Incident;
const A: DocKind = DocKind::Announcement;

#[test]
fn bad_fixtures_fire_on_exactly_these_texts() {
    let cases: &[(&str, &str, DocKind, &[&str])] = &[
        (
            "ja.no-nfd",
            "no-nfd/bad-decomposed.md",
            A,
            &["ク\u{3099}", "ヒ\u{3099}", "ハ\u{309A}"],
        ),
        (
            "ja.no-control-char",
            "no-control-char/bad-control.md",
            A,
            &["\u{8}", "\u{7}"],
        ),
        (
            "ja.no-zero-width",
            "no-zero-width/bad-zero-width.md",
            A,
            &["\u{200B}", "\u{200C}\u{200C}", "\u{2060}"],
        ),
        (
            "ja.no-hankaku-kana",
            "no-hankaku-kana/bad-hankaku.md",
            A,
            &["ｷｬﾝﾍﾟｰﾝ", "ｷｬﾝﾍﾟｰﾝ", "ｶﾞｲﾄﾞ", "ｺｰﾙｾﾝﾀｰ"],
        ),
        (
            "ja.no-exclamation",
            "no-exclamation/bad-marks.md",
            A,
            &["！", "？", "!!"],
        ),
        (
            "ja.unnatural-alphabet",
            "unnatural-alphabet/bad-ime-slip.md",
            A,
            &["s", "w", "k"],
        ),
        (
            "ja.terms",
            "terms/bad-terms.md",
            I,
            &["致し", "下さい", "頂き", "及び", "子供", "出来", "問合せ"],
        ),
        (
            "ja.term-consistency",
            "term-consistency/bad-mixed.md",
            I,
            &["サーバ", "お客さま"],
        ),
        (
            "ja.no-weak-phrase",
            "no-weak-phrase/bad-weak.md",
            A,
            &["と思い", "かもしれ"],
        ),
        (
            "ja.no-abusage",
            "no-abusage/bad-abusage.md",
            A,
            &["一同に会する", "を適応し", "危機一発"],
        ),
        (
            "ja.no-redundant-expression",
            "no-redundant-expression/bad-redundant.md",
            A,
            &["することができる", "点検を行い", "であると考えてい"],
        ),
        (
            "ja.no-hedging",
            "no-hedging/bad-hedging.md",
            I,
            &["と思われます", "ではないか", "おそらく"],
        ),
        (
            "ja.no-blame-customer",
            "no-blame-customer/bad-blame.md",
            I,
            &["お客様の管理不足", "自己責任"],
        ),
    ];
    let mut failures = Vec::new();
    for (rule, rel, kind, want) in cases {
        let got = flagged(rule, rel, *kind);
        if got != *want {
            failures.push(format!("{rule} {rel}: want {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn good_fixtures_stay_quiet() {
    let cases: &[(&str, &str, DocKind)] = &[
        ("ja.no-nfd", "no-nfd/good-composed.md", A),
        ("ja.no-control-char", "no-control-char/good-plain.md", A),
        ("ja.no-zero-width", "no-zero-width/good-emoji.md", A),
        ("ja.no-hankaku-kana", "no-hankaku-kana/good-zenkaku.md", A),
        ("ja.no-exclamation", "no-exclamation/good-plain.md", A),
        (
            "ja.unnatural-alphabet",
            "unnatural-alphabet/good-common.md",
            A,
        ),
        // Parity regression: textlint allows any single half-width capital.
        (
            "ja.unnatural-alphabet",
            "unnatural-alphabet/good-capital.md",
            A,
        ),
        ("ja.terms", "terms/good-terms.md", I),
        ("ja.term-consistency", "term-consistency/good-uniform.md", I),
        ("ja.no-weak-phrase", "no-weak-phrase/good-firm.md", A),
        ("ja.no-abusage", "no-abusage/good-usage.md", A),
        (
            "ja.no-redundant-expression",
            "no-redundant-expression/good-concise.md",
            A,
        ),
        ("ja.no-hedging", "no-hedging/good-facts.md", I),
        (
            "ja.no-blame-customer",
            "no-blame-customer/good-ownership.md",
            I,
        ),
    ];
    let mut failures = Vec::new();
    for (rule, rel, kind) in cases {
        let got = flagged(rule, rel, *kind);
        if !got.is_empty() {
            failures.push(format!("{rule} {rel}: fired on {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_lexicon_rule_has_fixtures_both_ways() {
    let registry = Registry::builtin().expect("rules");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/style-lexicon");
    for id in [
        "ja.no-nfd",
        "ja.no-control-char",
        "ja.no-zero-width",
        "ja.no-exclamation",
        "ja.no-hankaku-kana",
        "ja.no-weak-phrase",
        "ja.no-abusage",
        "ja.no-redundant-expression",
        "ja.unnatural-alphabet",
        "ja.terms",
        "ja.term-consistency",
        "ja.no-hedging",
        "ja.no-blame-customer",
    ] {
        assert!(registry.get(id).is_some(), "{id} is not registered");
        let sub = dir.join(id.trim_start_matches("ja."));
        let names: Vec<String> = std::fs::read_dir(&sub)
            .unwrap_or_else(|e| panic!("{}: {e}", sub.display()))
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().any(|n| n.starts_with("bad-")),
            "{id}: no bad fixture"
        );
        assert!(
            names.iter().any(|n| n.starts_with("good-")),
            "{id}: no good fixture"
        );
    }
}

#[test]
fn character_fixes_produce_the_normal_form() {
    let fixes = |rule: &str, rel: &str| -> Vec<(String, Applicability)> {
        let (_, report) = run(rule, rel, A);
        report
            .diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .map(|f| (f.edits[0].replacement.clone(), f.applicability))
            .collect()
    };
    let safe = Applicability::Safe;
    assert_eq!(
        fixes("ja.no-nfd", "no-nfd/bad-decomposed.md"),
        vec![
            ("グ".into(), safe),
            ("ビ".into(), safe),
            ("パ".into(), safe)
        ]
    );
    assert_eq!(
        fixes("ja.no-hankaku-kana", "no-hankaku-kana/bad-hankaku.md")[2],
        ("ガイド".into(), safe)
    );
    assert!(fixes("ja.no-zero-width", "no-zero-width/bad-zero-width.md")
        .iter()
        .all(|f| f == &(String::new(), safe)));
    // Removing a control character may lose a character: a suggestion only.
    assert!(
        fixes("ja.no-control-char", "no-control-char/bad-control.md")
            .iter()
            .all(|f| f.1 == Applicability::Unsafe)
    );
}

#[test]
fn terms_fixes_rewrite_only_the_kanji_part() {
    let (text, report) = run("ja.terms", "terms/bad-terms.md", I);
    let d = report
        .diagnostics
        .iter()
        .find(|d| &text[d.span.start..d.span.end] == "致し")
        .expect("致し flagged");
    assert_eq!(d.message, "「致し」は「いたし」と書きます。");
    let f = d.fix.as_ref().expect("fix");
    assert_eq!(f.applicability, Applicability::Safe);
    assert_eq!(f.edits[0].replacement, "いたし");
    let (fixed, _) = koho::fix::fix_source(&Source::new("t.md", &text), &settings("ja.terms", I));
    assert!(fixed.contains("ご連絡いたします。"));
    assert!(fixed.contains("ご確認ください。"));
    assert!(fixed.contains("ご案内をいただきました"));
    assert!(fixed.contains("【本件に関するお問い合わせ先】"));
    assert!(fixed.contains("交換は店頭でできます。"));
}

#[test]
fn term_consistency_suggests_the_majority_form() {
    let (text, report) = run("ja.term-consistency", "term-consistency/bad-mixed.md", I);
    let sugg: Vec<(&str, &str)> = report
        .diagnostics
        .iter()
        .map(|d| {
            let f = d.fix.as_ref().expect("suggestion");
            assert_eq!(f.applicability, Applicability::Unsafe);
            (
                &text[d.span.start..d.span.end],
                f.edits[0].replacement.as_str(),
            )
        })
        .collect();
    assert_eq!(sugg, vec![("サーバ", "サーバー"), ("お客さま", "お客様")]);
}

#[test]
fn hedging_is_a_warning_in_incidents_and_info_otherwise() {
    let sev = |kind| {
        run("ja.no-hedging", "no-hedging/bad-hedging.md", kind)
            .1
            .diagnostics
            .iter()
            .map(|d| d.severity)
            .collect::<Vec<_>>()
    };
    assert_eq!(sev(I), vec![Severity::Warning; 3]);
    assert_eq!(sev(A), vec![Severity::Info; 3]);
}

#[test]
fn blame_rule_runs_only_on_incidents() {
    assert!(flagged("ja.no-blame-customer", "no-blame-customer/bad-blame.md", A).is_empty());
}

#[test]
fn exclamation_options_allow_marks_and_words() {
    let text = fixture("no-exclamation/bad-marks.md");
    let dir = tempfile::tempdir().unwrap();
    let cfg_text = "[rules.\"ja.no-exclamation\"]\nallow-full-width-question = true\nallow = [\"/数量限定です!+/\"]\n";
    let cfg = Config::parse(&dir.path().join("koho.toml"), cfg_text.to_owned()).unwrap();
    let mut s = cfg.resolve(&Registry::builtin().unwrap()).unwrap();
    s.select(&["ja.no-exclamation".to_owned()]);
    s.default_kind = Some(A);
    let report = lint(Source::new("t.md", &text), &s);
    let got: Vec<&str> = report
        .diagnostics
        .iter()
        .map(|d| &text[d.span.start..d.span.end])
        .collect();
    assert_eq!(got, vec!["！"]);
}

#[test]
fn user_terms_from_config_are_fixed_safely() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = Config::parse(
        &dir.path().join("koho.toml"),
        "[terms]\n\"サンプル食品\" = \"サンプルフーズ\"\n".to_owned(),
    )
    .unwrap();
    let mut s = cfg.resolve(&Registry::builtin().unwrap()).unwrap();
    s.select(&["ja.terms".to_owned()]);
    s.default_kind = Some(A);
    let text = fixture("no-weak-phrase/good-firm.md");
    let report = lint(Source::new("t.md", &text), &s);
    let spans: Vec<&str> = report
        .diagnostics
        .iter()
        .map(|d| &text[d.span.start..d.span.end])
        .collect();
    // The header line and the contact line both carry the old name.
    assert_eq!(spans, vec!["サンプル食品", "サンプル食品"]);
    let (fixed, n) = koho::fix::fix_source(&Source::new("t.md", &text), &s);
    assert_eq!(n, 2);
    assert!(!fixed.contains("サンプル食品"));
}

#[test]
fn character_rules_never_look_inside_code() {
    let text = "# お知らせ\n\n当社は本日、新製品を発売しました。\n\n```\nｺｰﾄﾞ\u{200B}ト\u{3099}\u{8}\n```\n\n設定値は`ｶﾅ\u{200B}`です。\n";
    for rule in [
        "ja.no-hankaku-kana",
        "ja.no-zero-width",
        "ja.no-nfd",
        "ja.no-control-char",
    ] {
        let report = lint(Source::new("t.md", text), &settings(rule, A));
        assert!(
            report.diagnostics.is_empty(),
            "{rule}: {:?}",
            report.diagnostics
        );
    }
}

#[test]
fn dictionary_terms_skip_header_lines_but_user_terms_do_not() {
    let text = "報道関係者各位\n\n株式会社子供の森\n\n# お知らせ\n\n株式会社子供の森は、子供向けの絵本を発売しました。\n";
    let report = lint(Source::new("t.md", text), &settings("ja.terms", A));
    let at: Vec<usize> = report.diagnostics.iter().map(|d| d.span.start).collect();
    let body = text.find("株式会社子供の森は").unwrap();
    // Only the body: the issuer line in the header is a name.
    assert_eq!(at.len(), 2, "{:?}", report.diagnostics);
    assert!(at.iter().all(|a| *a > body));
}

#[test]
fn odd_inputs_do_not_panic_and_spans_stay_on_char_boundaries() {
    let mut s = Settings::builtin().expect("settings");
    s.select(&[
        "ja.no-nfd".to_owned(),
        "ja.no-control-char".to_owned(),
        "ja.no-zero-width".to_owned(),
        "ja.no-hankaku-kana".to_owned(),
        "ja.no-exclamation".to_owned(),
        "ja.unnatural-alphabet".to_owned(),
        "ja.terms".to_owned(),
        "ja.term-consistency".to_owned(),
    ]);
    let inputs = [
        "\u{3099}あ\u{309A}\u{3099}",
        "\u{200B}\u{200D}👨\u{200D}",
        "ｶﾞ\u{3099}ﾟ",
        "!?！？",
        "a",
        "あaい",
        "致",
        "頂",
        "*下さい*",
        "[致し](x)ます。",
        "サーバ\nサーバー\nサーバ",
        "\u{0}\u{1}\u{7F}\u{9F}",
        "| ｶ | \u{200B} |\n|---|---|\n| 致し | ﾃ |",
        "",
    ];
    for text in inputs {
        let report = lint(Source::new("t.md", text), &s);
        for d in &report.diagnostics {
            assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            if let Some(f) = &d.fix {
                for e in &f.edits {
                    assert!(
                        text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end)
                    );
                }
            }
        }
    }
}
