//! The release rules read what a draft says, not how it is typed: the
//! same release written with other, common house-style formatting must get
//! the same kind and the same found elements. Real drafts arrive converted
//! from Word, web pages and mail, with the title as a plain line, section
//! headings in bold, numbered or behind ■, paragraphs indented with a full-width space, full-width digits,
//! ・ bullets, CRLF line ends, hard line breaks, and paragraphs broken into
//! lines of a few dozen characters; the labelled evaluation releases
//! (`fixtures/release-eval*/`) are almost all typed one way.
//!
//! Each variant below rewrites every evaluation release; a difference is
//! printed per release and variant, and any fails the test.

use std::path::Path;

use koho::coverage::Element;
use koho::{lint, Settings, Source};

/// Sets whose releases are rewritten (every labelled evaluation set).
const SETS: &[&str] = &[
    "fixtures/release-eval",
    "fixtures/release-eval2",
    "fixtures/release-eval3",
    "fixtures/release-eval4",
    "fixtures/release-eval5",
    "fixtures/release-eval6",
    "fixtures/release-eval7",
    "fixtures/release-eval8",
    "fixtures/release-eval9",
    "fixtures/release-eval10",
    "fixtures/release-eval11",
    "fixtures/release-eval12",
    "fixtures/release-eval13",
    "fixtures/release-eval14",
    "fixtures/release-eval15",
];

/// A line of running text: not a heading, list item, table row, quote,
/// code fence or HTML.
fn prose(line: &str) -> bool {
    let t = line.trim_start();
    !t.is_empty()
        && !t.starts_with(['#', '|', '>', '*', '+', '-', '`', '<'])
        && !t
            .split_once(['.', '．'])
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

fn map_lines(text: &str, f: impl Fn(&str) -> String) -> String {
    text.split('\n').map(f).collect::<Vec<_>>().join("\n")
}

/// Headings below the title (`##`…) rewritten by `f` as plain lines. The
/// title and a subtitle heading just under it stay headings, whatever
/// their level (「### 〜を発見」⏎「#### ～…～」).
fn headings(text: &str, f: impl Fn(&str) -> String) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let title = lines.iter().position(|l| l.starts_with('#'));
    let subtitle = title
        .map(|t| t + 1)
        .filter(|&i| lines.get(i).is_some_and(|l| l.starts_with('#')));
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| match l.strip_prefix("##") {
            Some(rest) if Some(i) != title && Some(i) != subtitle => {
                f(rest.trim_start_matches('#').trim())
            }
            _ => (*l).to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn full_width_digits(line: &str) -> String {
    line.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32('０' as u32 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// Each line of running text cut every `width` characters (a draft typed
/// with manual line breaks, or converted from PDF): the breaks fall
/// anywhere, inside words and numbers.
fn hard_wrap(text: &str, width: usize) -> String {
    map_lines(text, |l| {
        if !prose(l) {
            return l.to_owned();
        }
        // The indentation stays in front of the first line (a line of
        // spaces would be a blank line).
        let text = l.trim_start();
        let indent = &l[..l.len() - text.len()];
        let chars: Vec<char> = text.chars().collect();
        let lines = chars
            .chunks(width)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n");
        format!("{indent}{lines}")
    })
}

type Variant = (&'static str, fn(&str) -> String);

const VARIANTS: &[Variant] = &[
    ("CRLF line ends", |t| t.replace('\n', "\r\n")),
    ("full-width space indent", |t| {
        map_lines(t, |l| {
            if prose(l) {
                format!("　{l}")
            } else {
                l.to_owned()
            }
        })
    }),
    ("■ headings", |t| headings(t, |h| format!("■{h}"))),
    ("【】 headings", |t| headings(t, |h| format!("【{h}】"))),
    ("bold headings", |t| headings(t, |h| format!("**{h}**"))),
    ("numbered headings (1．)", |t| {
        let n = std::cell::Cell::new(0);
        headings(t, |h| {
            n.set(n.get() + 1);
            format!("{}．{h}", n.get())
        })
    }),
    ("（１） headings", |t| {
        headings(t, |h| format!("（１）{h}"))
    }),
    ("title as a plain line", |t| {
        map_lines(t, |l| match l.strip_prefix("# ") {
            Some(title) => title.to_owned(),
            None => l.to_owned(),
        })
    }),
    ("hard line breaks", |t| {
        map_lines(t, |l| {
            if l.trim().is_empty() {
                l.to_owned()
            } else {
                format!("{l}  ")
            }
        })
    }),
    ("full-width digits in prose", |t| {
        map_lines(t, |l| {
            if prose(l) {
                full_width_digits(l)
            } else {
                l.to_owned()
            }
        })
    }),
    ("hard-wrapped every 40 characters", |t| hard_wrap(t, 40)),
    ("hard-wrapped every 45 characters", |t| hard_wrap(t, 45)),
    ("・ bullets", |t| {
        map_lines(t, |l| match l.strip_prefix("- ") {
            Some(rest) => format!("・{rest}"),
            None => l.to_owned(),
        })
    }),
];

/// Kind and found elements, as a comparable line.
fn reading(settings: &Settings, name: &str, text: &str) -> String {
    let report = lint(Source::new(name, text), settings);
    let found: Vec<&str> = Element::ALL
        .iter()
        .filter(|e| report.coverage.get(**e).found)
        .map(|e| e.key())
        .collect();
    format!("{:?}: {}", report.kind.kind, found.join(" "))
}

#[test]
fn formatting_does_not_change_what_is_found() {
    let settings = Settings::builtin().expect("builtin settings");
    let mut differences = Vec::new();
    let mut releases = 0;
    let mut rewritten_by = vec![0; VARIANTS.len()];
    for set in SETS {
        let mut files: Vec<_> = std::fs::read_dir(Path::new(set))
            .expect("evaluation set exists")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
            let name = path.display().to_string();
            let original = reading(&settings, &name, &text);
            releases += 1;
            for (i, (variant, rewrite)) in VARIANTS.iter().enumerate() {
                let rewritten = rewrite(&text);
                if rewritten == text {
                    continue;
                }
                rewritten_by[i] += 1;
                let got = reading(&settings, &name, &rewritten);
                if got != original {
                    differences.push(format!("{name} ({variant}):\n  {original}\n  {got}"));
                }
            }
        }
    }
    assert!(releases >= 128, "only {releases} releases read");
    for ((variant, _), n) in VARIANTS.iter().zip(&rewritten_by) {
        assert!(*n >= 10, "{variant} rewrote only {n} releases");
    }
    assert!(
        differences.is_empty(),
        "{} rewrites change what is found:\n{}",
        differences.len(),
        differences.join("\n")
    );
}
