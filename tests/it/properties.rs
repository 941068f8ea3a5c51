//! Property tests over generated inputs (Japanese prose fragments, Markdown
//! markup, CR/LF mixes, emoji, combining marks, arbitrary bytes): linting
//! never panics, every span lies within the source on char boundaries, and
//! fixing yields UTF-8 text that a second fix run leaves unchanged, and
//! linting in windows (as huge files are) finds exactly what linting in
//! one piece finds. Case
//! counts are bounded so `cargo test` stays fast; `PROPTEST_CASES=5000`
//! runs more.

use std::sync::OnceLock;

use koho::{lint, Settings, Source};
use proptest::prelude::*;

fn settings() -> &'static Settings {
    static S: OnceLock<Settings> = OnceLock::new();
    S.get_or_init(|| {
        let mut s = Settings::builtin().unwrap();
        let ids: Vec<String> = s.registry.iter().map(|r| r.meta().id.clone()).collect();
        s.select(&ids);
        s
    })
}

const FRAGMENTS: &[&str] = &[
    "報道関係者各位",
    "2025年4月1日",
    "株式会社テスト",
    "# ",
    "## ",
    "### ",
    "【お問い合わせ先】",
    "お詫び申し上げます",
    "不正アクセス",
    "ご確認下さい",
    "下さい",
    "。",
    "、",
    "！",
    "？",
    "「",
    "」",
    "『",
    "』",
    "（",
    "）",
    "(",
    ")",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "  \n",
    "> ",
    "- ",
    "* ",
    "1. ",
    "| a | b |\n|---|---|\n",
    "`",
    "```\n",
    "**",
    "_",
    "~~",
    "[リンク](https://example.jp)",
    "<!-- koho-disable -->",
    "<!-- koho-disable-next-line ja.terms -->",
    "<!-- koho-enable -->",
    "<br>",
    "---\n",
    "+++\n",
    "title: x\n",
    "\\",
    "&amp;",
    "&#x3042;",
    "\t",
    " ",
    "　",
    "🙇",
    "👨\u{200d}👩\u{200d}👧",
    "𠮷",
    "\u{3099}",
    "\u{309a}",
    "か\u{3099}",
    "\u{feff}",
    "ｱｲｳ",
    "〜",
    "ー",
    "です",
    "ます",
    "した",
    "ました",
    "被害",
    "調査",
    "aaaa",
    "1234",
    "https://x.jp/a",
];

fn fragment_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(FRAGMENTS).prop_map(str::to_owned),
            1 => any::<char>().prop_map(|c| c.to_string()),
            1 => "[ -~ぁ-んァ-ン一-龠\\r\\n]{0,12}",
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

fn check_spans(text: &str) -> Result<(), TestCaseError> {
    let r = lint(Source::new("p.md", text), settings());
    for d in &r.diagnostics {
        let spans = std::iter::once(d.span)
            .chain(d.labels.iter().map(|l| l.span))
            .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.span)));
        for s in spans {
            prop_assert!(
                s.start <= s.end && s.end <= text.len(),
                "{:?} in {:?}",
                d,
                text
            );
            prop_assert!(
                text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                "{:?} in {:?}",
                d,
                text
            );
        }
    }
    for (_, ev) in r.coverage.iter() {
        if let Some(s) = ev.span {
            prop_assert!(s.end <= text.len() && text.is_char_boundary(s.start));
            prop_assert!(text.is_char_boundary(s.end));
        }
    }
    Ok(())
}

/// Windows of one byte: every block is linted as a window of its own.
fn windowed() -> &'static Settings {
    static S: OnceLock<Settings> = OnceLock::new();
    S.get_or_init(|| {
        let mut s = settings().clone();
        s.window_bytes = 1;
        s
    })
}

fn check_windows(text: &str) -> Result<(), TestCaseError> {
    let one = lint(Source::new("p.md", text), settings());
    let win = lint(Source::new("p.md", text), windowed());
    prop_assert_eq!(
        format!("{:?}\n{:?}", win.diagnostics, win.coverage),
        format!("{:?}\n{:?}", one.diagnostics, one.coverage),
        "{:?}",
        text
    );
    Ok(())
}

fn check_fix(text: &str) -> Result<(), TestCaseError> {
    let source = Source::new("p.md", text);
    let (once, _) = koho::fix::fix_source(&source, settings());
    prop_assert!(std::str::from_utf8(once.as_bytes()).is_ok());
    let (twice, n) = koho::fix::fix_source(&Source::new("p.md", once.clone()), settings());
    prop_assert_eq!(&twice, &once, "second fix changed {:?}", text);
    prop_assert_eq!(n, 0);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(96),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn spans_stay_in_bounds_on_markup_and_japanese(text in fragment_text()) {
        check_spans(&text)?;
    }

    #[test]
    fn any_string_lints_without_panic(text in any::<String>()) {
        check_spans(&text)?;
    }

    #[test]
    fn windows_find_what_one_piece_finds(text in fragment_text()) {
        check_windows(&text)?;
    }

    #[test]
    fn fixing_is_utf8_and_idempotent(text in fragment_text()) {
        check_fix(&text)?;
    }

    #[test]
    fn any_bytes_decode_or_are_refused(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(source) = koho::input::decode("p.md", &bytes, 1 << 20) {
            check_spans(&source.text)?;
        }
    }
}

#[test]
fn fixes_apply_once_even_when_repeated_in_a_row() {
    // The shape the fix loop must converge on: adjacent, identical fixes.
    let text = "ご確認下さい下さい下さい。\r\nご確認下さい。";
    check_fix(text).unwrap();
    let (fixed, n) = koho::fix::fix_source(&Source::new("p.md", text), settings());
    assert_eq!(n, 4);
    assert!(!fixed.contains("下さい"));
}
