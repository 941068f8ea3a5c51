//! Diagnostics point at the original source bytes, whatever Markdown sits
//! around the prose: emphasis, links, lists, tables, block quotes, headings,
//! CRLF line endings and multi-byte text. Inline code, code blocks, HTML
//! and front matter are never linted.

use std::sync::Arc;

use koho::rules::{spec, Registry};
use koho::token::Tokenizer;
use koho::{lint, Settings, Source};

/// A registry with one test rule flagging 「被害」 (and one token rule
/// flagging the verb 判明する in any inflection).
fn settings() -> Settings {
    let toml = r#"
[[rule]]
id = "test.higai"
kind = "existence"
prose-only = false
message = "「{match}」"
help = "h"
patterns = [{ regex = "被害" }]

[[rule]]
id = "test.hanmei"
kind = "existence"
prose-only = false
message = "「{match}」"
help = "h"
patterns = [{ tokens = [{ base = "判明", pos = "名詞" }, { base = "する" }] }]
"#;
    let mut reg = Registry::default();
    for r in spec::load("test.toml", toml, "test").expect("test rules") {
        reg.insert(r).expect("insert");
    }
    Settings::new(
        Arc::new(reg),
        Arc::new(Tokenizer::new().expect("tokenizer")),
    )
}

fn flagged(src: &str) -> Vec<(String, String)> {
    let report = lint(Source::new("t.md", src), &settings());
    report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.to_string(),
                src.get(d.span.start..d.span.end)
                    .expect("span on char boundaries")
                    .to_owned(),
            )
        })
        .collect()
}

fn texts(src: &str, rule: &str) -> Vec<String> {
    flagged(src)
        .into_iter()
        .filter(|(r, _)| r == rule)
        .map(|(_, t)| t)
        .collect()
}

#[test]
fn spans_through_inline_markup() {
    assert_eq!(
        texts("大きな**被害**が出ました。\n", "test.higai"),
        ["被害"]
    );
    assert_eq!(texts("大きな*被*害が出ました。\n", "test.higai"), ["被*害"]);
    assert_eq!(
        texts(
            "[被害の状況](https://example.com/被害)をご覧ください。\n",
            "test.higai"
        ),
        ["被害"]
    );
    assert_eq!(texts("~~被害~~はありません。\n", "test.higai"), ["被害"]);
}

#[test]
fn spans_in_block_structures() {
    let src = "# 被害の概要\n\n- 一次被害\n  - 二次被害\n\n> 引用の被害。\n\n| 項目 | 内容 |\n|---|---|\n| 被害額 | 3,861万円 |\n";
    let got = texts(src, "test.higai");
    assert_eq!(got.len(), 5, "{got:?}");
    assert!(got.iter().all(|t| t == "被害"));
    let report = lint(Source::new("t.md", src), &settings());
    let lines: Vec<usize> = report
        .diagnostics
        .iter()
        .map(|d| src[..d.span.start].matches('\n').count() + 1)
        .collect();
    assert_eq!(lines, [1, 3, 4, 6, 10]);
}

#[test]
fn code_html_and_front_matter_are_not_prose() {
    let src = "---\ntitle: 被害\n---\n\n`被害`は対象外です。\n\n```\n被害\n```\n\n<div>被害</div>\n\n<!-- 被害 -->\n";
    assert!(texts(src, "test.higai").is_empty(), "{:?}", flagged(src));
}

#[test]
fn token_patterns_match_inflections_and_keep_spans() {
    let src = "不正利用が判明しました。\n\n被害が**判明**した。\n";
    assert_eq!(texts(src, "test.hanmei"), ["判明し", "判明**し"]);
}

#[test]
fn crlf_and_lone_cr_line_endings() {
    let src = "一行目です。\r\n\r\n二行目の被害です。\r\r三行目の被害。\r\n";
    let report = lint(Source::new("t.md", src), &settings());
    let index = koho::span::LineIndex::new(src);
    let pos: Vec<(usize, usize)> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "test.higai")
        .map(|d| {
            let p = index.position(src, d.span.start);
            (p.line, p.column)
        })
        .collect();
    assert_eq!(pos, [(3, 5), (5, 5)]);
}

#[test]
fn multibyte_and_astral_characters() {
    let src = "𠮷野家と🍣の被害。\n";
    let report = lint(Source::new("t.md", src), &settings());
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "test.higai")
        .expect("found");
    let p = koho::span::LineIndex::new(src).position(src, d.span.start);
    assert_eq!((p.line, p.column, p.utf16_column), (1, 7, 8));
}
