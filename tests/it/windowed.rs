//! A huge file is linted in windows (its tokens are dropped window by
//! window; see `koho::lint`). The findings must be exactly those of
//! linting it in one piece. Windows of one byte make every block a window
//! of its own, so every fixture and every rule example is linted both ways
//! and compared, with all rules on. The same comparison shows that the
//! literal filter (`koho::rules::literals`: a regex or word runs only on
//! sentences with its literals) changes no finding.

use crate::common;

use std::path::{Path, PathBuf};

use koho::coverage::DocKind;
use koho::rules::Reach;
use koho::{lint, FileReport, Settings, Source};

fn all_rules(mut s: Settings) -> Settings {
    let ids: Vec<String> = s.registry.iter().map(|r| r.meta().id.clone()).collect();
    s.select(&ids);
    s
}

fn windowed(s: &Settings) -> Settings {
    let mut w = s.clone();
    w.window_bytes = 1;
    w
}

/// Everything a report says, as text: findings with labels, help and
/// fixes, the document kind and the coverage card.
fn summary(r: &FileReport) -> String {
    format!("{:#?}\n{:?}\n{:?}", r.diagnostics, r.kind, r.coverage)
}

/// Without the literal filter (`koho::rules::literals`): every regex and
/// word of every rule looked for in every sentence.
fn unfiltered(s: &Settings) -> Settings {
    let mut w = s.clone();
    w.literal_filter = false;
    w
}

fn same_both_ways(s: &Settings, name: &str, text: &str) -> usize {
    same_with(s, windowed, name, text)
}

/// Lint `text` with `s` and with `other(s)`: the same report.
fn same_with(s: &Settings, other: fn(&Settings) -> Settings, name: &str, text: &str) -> usize {
    let one = lint(Source::new(name, text), s);
    let two = lint(Source::new(name, text), &other(s));
    assert_eq!(summary(&two), summary(&one), "{name}");
    one.diagnostics.len()
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("fixtures dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            markdown_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

#[test]
fn no_builtin_rule_keeps_a_file_in_one_piece() {
    // Otherwise the comparisons below would compare one piece with itself.
    let s = Settings::builtin().unwrap();
    for r in s.registry.iter() {
        assert_ne!(r.reach(), Reach::DocumentTokens, "{}", r.meta().id);
    }
}

/// Every fixture linted with the settings and with `other` of them,
/// with all rules and with the default ones.
fn every_fixture_the_same_with(other: fn(&Settings) -> Settings) {
    let mut files = Vec::new();
    markdown_files(Path::new("fixtures"), &mut files);
    files.sort();
    assert!(files.len() > 100, "{}", files.len());
    let all = all_rules(Settings::builtin().unwrap());
    let default = Settings::builtin().unwrap();
    let mut findings = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).expect("fixture is UTF-8");
        let name = f.display().to_string();
        findings += same_with(&all, other, &name, &text);
        same_with(&default, other, &name, &text);
    }
    // The fixtures do make the rules fire: the comparison is not of empty lists.
    assert!(findings > 1000, "{findings}");
}

/// Every rule example linted as an incident and as an announcement, with
/// all rules, with the settings and with `other` of them.
fn every_rule_example_the_same_with(other: fn(&Settings) -> Settings) {
    let all = all_rules(Settings::builtin().unwrap());
    for kind in [DocKind::Incident, DocKind::Announcement] {
        let mut s = all.clone();
        s.default_kind = Some(kind);
        for r in all.registry.iter() {
            let m = r.meta();
            for (i, text) in m.bad.iter().chain(&m.good).enumerate() {
                same_with(&s, other, &format!("{} #{i}", m.id), text);
            }
        }
    }
}

#[test]
fn every_fixture_gives_the_same_findings_in_windows() {
    every_fixture_the_same_with(windowed);
}

#[test]
fn every_rule_example_gives_the_same_findings_in_windows() {
    every_rule_example_the_same_with(windowed);
}

#[test]
fn every_fixture_gives_the_same_findings_without_the_literal_filter() {
    every_fixture_the_same_with(unfiltered);
}

#[test]
fn every_rule_example_gives_the_same_findings_without_the_literal_filter() {
    every_rule_example_the_same_with(unfiltered);
}

/// `lint_batch` (how `koho check` lints several files: each file of a
/// batch prepared, then each checked) gives every file the report `lint`
/// gives it, in order, also when a batch mixes files linted in windows
/// with files linted in one piece.
#[test]
fn a_batch_of_files_gives_each_file_its_own_findings() {
    let mut files = Vec::new();
    markdown_files(Path::new("fixtures"), &mut files);
    files.sort();
    let mut s = all_rules(Settings::builtin().unwrap());
    s.window_bytes = 2048;
    let sources: Vec<Source> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).expect("fixture is UTF-8");
            Source::new(f.display().to_string(), text)
        })
        .collect();
    let batch = koho::lint_batch(sources.clone(), &s);
    assert_eq!(batch.len(), sources.len());
    let mut windowed = 0;
    for (source, got) in sources.iter().zip(&batch) {
        assert_eq!(got.source.name, source.name);
        let alone = lint(source.clone(), &s);
        assert_eq!(summary(got), summary(&alone), "{}", source.name);
        windowed += usize::from(source.text.len() > s.window_bytes);
    }
    assert!(windowed > 10 && windowed + 10 < sources.len(), "{windowed}");
}

const DRAFT: &str = "# 不正アクセスについて\n\n株式会社テスト商事は、東京都の本社で不正アクセスを確認しました。\n\n## 経緯\n\n大阪の拠点で障害が起きたかもしれません。\n\n## 対応\n\n原因は調査中です。福岡でも確認しました。\n";

#[test]
fn user_rules_of_document_scope_with_token_patterns_read_recorded_matches() {
    // Token patterns in `patterns`, `context` and `exclude` of rules that
    // look across sections: their matches are recorded before the tokens go.
    let s = common::user_rules(
        r#"[[rule]]
id = "t.place-with-hedge"
kind = "existence"
scope = "document"
message = "{match}"
patterns = [{ tokens = [{ pos = "名詞,固有名詞,地域" }] }]
context = [{ tokens = [{ surface = "かも" }, { base = "しれる" }] }]
exclude = [{ tokens = [{ surface = "東京" }] }]

[[rule]]
id = "t.needs-place"
kind = "require"
scope = "section"
message = "地名がありません。"
patterns = [{ tokens = [{ pos = "名詞,固有名詞,地域" }, { surface = "の" }] }]

[[rule]]
id = "t.if-place-then-cause"
kind = "conditional"
scope = "section"
message = "{match}"
if = [{ tokens = [{ pos = "名詞,固有名詞,地域" }] }]
then = [{ tokens = [{ base = "原因" }] }]
"#,
    );
    let n = same_both_ways(&s, "draft.md", DRAFT);
    // 大阪 and 福岡 (東京 excluded), and the 経緯 section's place without a cause.
    assert!(n >= 3, "{n}");
    let missing = format!("{DRAFT}\n## 補足\n\n詳細は後日お知らせします。\n");
    same_both_ways(&s, "missing.md", &missing);
}

#[test]
fn a_rule_that_reads_tokens_across_the_document_keeps_the_file_whole() {
    // swap-pos reads the token under each match; at document scope with a
    // context, it is not recorded, so the file is linted in one piece.
    let s = common::user_rules(
        r#"[[rule]]
id = "t.itadaku"
kind = "substitution"
scope = "document"
message = "{from}→{to}"
swap = { "頂き" = "いただき" }
swap-pos = "動詞,非自立"
context = [{ regex = "不正アクセス" }]
"#,
    );
    let r = s.registry.get("t.itadaku").expect("rule");
    assert_eq!(r.reach(), Reach::DocumentTokens);
    let text = format!("{DRAFT}\nご覧になって頂きました。山の頂きです。\n");
    assert_eq!(same_both_ways(&s, "swap.md", &text), 1);
}
