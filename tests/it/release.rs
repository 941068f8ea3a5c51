//! Release rules end to end: the real `koho` binary on the fixtures in
//! `fixtures/release/` (JSON `kind`, `coverage.<element>.found`, rule ids),
//! plus a generalization measurement that deletes the block holding each
//! element's evidence and checks that the element is then reported missing.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use koho::coverage::{DocKind, Element};
use koho::document::Document;
use koho::{lint, Settings, Source};
use serde_json::Value;

const ROOT: &str = "fixtures/release";

fn check_json(path: &Path) -> Value {
    let out = Command::cargo_bin("koho")
        .expect("binary")
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .expect("run koho");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: not JSON ({e}): {}",
            path.display(),
            String::from_utf8_lossy(&out.stdout)
        )
    });
    v["files"][0].clone()
}

fn rules(file: &Value) -> BTreeSet<String> {
    file["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["rule"].as_str().unwrap_or("").to_owned())
        .collect()
}

fn rule_count(file: &Value, rule: &str) -> usize {
    file["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == rule)
        .count()
}

fn found(file: &Value, el: &str) -> bool {
    file["coverage"][el]["found"].as_bool().expect("found")
}

/// Fixture directories: (directory, expected kind).
fn fixture_dirs() -> Vec<(PathBuf, &'static str)> {
    let mut out = Vec::new();
    for kind in ["incident", "announcement"] {
        let mut dirs: Vec<PathBuf> = fs::read_dir(Path::new(ROOT).join(kind))
            .expect("fixture dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        out.extend(dirs.into_iter().map(|d| (d, kind)));
    }
    assert!(out.len() >= 6, "expected the six release fixtures");
    out
}

/// Every complete release: `complete.md` of each fixture directory, plus
/// the plain-text style releases in `plain/` (【】 and ■ sections, no
/// Markdown title), named `<kind>-<name>.md`.
fn complete_fixtures() -> Vec<(PathBuf, &'static str)> {
    let mut out: Vec<(PathBuf, &'static str)> = fixture_dirs()
        .into_iter()
        .map(|(d, k)| (d.join("complete.md"), k))
        .collect();
    let mut plain: Vec<PathBuf> = fs::read_dir(Path::new(ROOT).join("plain"))
        .expect("plain dir")
        .map(|e| e.expect("entry").path())
        .collect();
    plain.sort();
    for p in plain {
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_owned();
        let kind = if name.starts_with("incident-") {
            "incident"
        } else {
            "announcement"
        };
        out.push((p, kind));
    }
    out
}

fn required(kind: &str) -> Vec<Element> {
    let k = DocKind::parse(kind).expect("kind");
    Element::ALL
        .into_iter()
        .filter(|e| e.required_for(k))
        .collect()
}

#[test]
fn complete_releases_cover_every_required_element() {
    for (dir, kind) in fixture_dirs() {
        let path = dir.join("complete.md");
        let f = check_json(&path);
        assert_eq!(f["kind"], kind, "{}: {}", path.display(), f["kind_reason"]);
        for el in required(kind) {
            assert!(
                found(&f, el.key()),
                "{}: {} not found",
                path.display(),
                el.key()
            );
            assert!(
                f["coverage"][el.key()]["line"].as_u64().is_some(),
                "{}: {} has no evidence line",
                path.display(),
                el.key()
            );
        }
        let noisy: Vec<String> = rules(&f)
            .into_iter()
            .filter(|r| r.starts_with("release."))
            .collect();
        assert!(noisy.is_empty(), "{}: {noisy:?}", path.display());
    }
}

#[test]
fn plain_text_releases_are_covered_too() {
    for (path, kind) in complete_fixtures() {
        let f = check_json(&path);
        assert_eq!(f["kind"], kind, "{}: {}", path.display(), f["kind_reason"]);
        for el in required(kind) {
            assert!(
                found(&f, el.key()),
                "{}: {} not found",
                path.display(),
                el.key()
            );
        }
        let missing: Vec<String> = rules(&f)
            .into_iter()
            .filter(|r| r.starts_with("release.missing-"))
            .collect();
        assert!(missing.is_empty(), "{}: {missing:?}", path.display());
    }
}

#[test]
fn each_removed_element_is_reported_and_nothing_else_goes_missing() {
    let mut seen = 0;
    for (dir, kind) in fixture_dirs() {
        for el in required(kind) {
            let path = dir.join(format!("missing-{}.md", el.key().replace('_', "-")));
            assert!(path.exists(), "missing fixture {}", path.display());
            seen += 1;
            let f = check_json(&path);
            assert_eq!(f["kind"], kind, "{}", path.display());
            assert!(
                !found(&f, el.key()),
                "{}: still found: {}",
                path.display(),
                f["coverage"][el.key()]
            );
            let id = format!("release.missing-{}", el.key().replace('_', "-"));
            assert!(
                rules(&f).contains(&id),
                "{}: {id} not reported",
                path.display()
            );
            for other in required(kind) {
                // Without a count there is nothing for an as-of to date.
                if other == el || (el == Element::VictimCount && other == Element::AsOf) {
                    continue;
                }
                assert!(
                    found(&f, other.key()),
                    "{}: {} went missing too",
                    path.display(),
                    other.key()
                );
            }
        }
    }
    assert_eq!(seen, 4 * 13 + 2 * 7);
}

#[test]
fn missing_as_of_without_a_count_says_both_are_missing() {
    let f = check_json(&Path::new(ROOT).join("incident/account-takeover/missing-victim-count.md"));
    assert!(rules(&f).contains("release.missing-victim-count"));
    let d = f["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "release.missing-as-of")
        .expect("as-of finding")
        .clone();
    assert!(
        d["message"]
            .as_str()
            .unwrap_or("")
            .contains("被害の数がなく"),
        "{d}"
    );
    let f = check_json(&Path::new(ROOT).join("incident/account-takeover/missing-as-of.md"));
    let d = f["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "release.missing-as-of")
        .expect("as-of finding")
        .clone();
    assert!(
        !d["message"]
            .as_str()
            .unwrap_or("")
            .contains("被害の数がなく"),
        "{d}"
    );
}

#[test]
fn severities_follow_the_kind() {
    let f = check_json(&Path::new(ROOT).join("incident/recall/missing-hotline.md"));
    let d = f["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "release.missing-hotline")
        .expect("finding")
        .clone();
    assert_eq!(d["severity"], "error");
    let f = check_json(&Path::new(ROOT).join("incident/recall/missing-prevention.md"));
    let d = f["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "release.missing-prevention")
        .expect("finding")
        .clone();
    assert_eq!(d["severity"], "warning");
    let f = check_json(&Path::new(ROOT).join("announcement/launch/missing-hotline.md"));
    let d = f["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "release.missing-hotline")
        .expect("finding")
        .clone();
    assert_eq!(d["severity"], "warning");
    // Incident-only elements are not required of an announcement.
    assert_eq!(f["coverage"]["victim_count"]["required"], false);
}

#[test]
fn press_contact_alone_is_no_hotline_for_an_incident() {
    // account-takeover/missing-hotline keeps the 報道関係者 desk with its phone number.
    let path = Path::new(ROOT).join("incident/account-takeover/missing-hotline.md");
    let text = fs::read_to_string(&path).expect("read");
    assert!(text.contains("報道関係者") && text.contains("TEL"));
    let f = check_json(&path);
    assert!(!found(&f, "hotline"));
}

/// The hours a reader is shown as evidence are the whole range
/// (「9:00~17:00」, 「九時から五時半」), not cut after the last hour.
#[test]
fn hotline_hours_evidence_is_the_whole_range() {
    let settings = Settings::builtin().expect("settings");
    for (hours, expected) in [
        ("平日9:00~17:00", "9:00~17:00"),
        ("平日9時〜17時30分", "9時〜17時30分"),
        ("平日九時から五時半", "九時から五時半"),
    ] {
        let text = format!("# お知らせ\n\n当社は新製品を発売します。\n\n## お問い合わせ\n\nお客様相談室\n0120-000-000 {hours}\n");
        let report = lint(Source::new("hours.md", text.as_str()), &settings);
        let span = report
            .coverage
            .get(Element::HotlineHours)
            .span
            .expect("hours found");
        assert_eq!(&text[span.start..span.end], expected, "{hours}");
    }
}

#[test]
fn demo_draft_shows_the_instructive_problems() {
    let f = check_json(&Path::new(ROOT).join("demo/7pay-draft.md"));
    assert_eq!(f["kind"], "incident");
    let r = rules(&f);
    for id in [
        "release.missing-hotline-hours",
        "release.weekday-mismatch",
        "release.relative-date",
        "release.missing-as-of",
        "release.cause-under-investigation",
    ] {
        assert!(r.contains(id), "demo lacks {id}: {r:?}");
    }
    assert!(found(&f, "hotline") && found(&f, "victim_count") && found(&f, "why"));
    let wd = f["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "release.weekday-mismatch")
        .expect("weekday finding")
        .clone();
    assert_eq!(wd["fix"]["edits"][0]["replacement"], "水");
    assert_eq!(wd["fix"]["applicability"], "safe");
    let rel = f["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "release.relative-date")
        .expect("relative finding")
        .clone();
    assert!(
        rel["help"].as_str().unwrap_or("").contains("2019年7月3日"),
        "{rel}"
    );
}

fn checks(name: &str) -> Value {
    check_json(&Path::new(ROOT).join("checks").join(name))
}

#[test]
fn weekday_mismatch_fixtures() {
    let bad = checks("weekday-bad.md");
    assert_eq!(rule_count(&bad, "release.weekday-mismatch"), 3);
    let good = checks("weekday-good.md");
    assert_eq!(rule_count(&good, "release.weekday-mismatch"), 0);
}

#[test]
fn weekday_fix_rewrites_only_the_weekday() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("draft.md");
    fs::copy(Path::new(ROOT).join("checks/weekday-bad.md"), &path).expect("copy");
    Command::cargo_bin("koho")
        .expect("binary")
        .args(["check", "--fix"])
        .arg(&path)
        .output()
        .expect("run");
    let fixed = fs::read_to_string(&path).expect("read");
    assert!(fixed.contains("令和元年7月8日（月）"), "{fixed}");
    assert!(fixed.contains("2019年7月9日（火曜日）"), "{fixed}");
    let f = check_json(&path);
    assert_eq!(rule_count(&f, "release.weekday-mismatch"), 0);
}

#[test]
fn relative_date_fixtures() {
    let bad = checks("relative-date-bad.md");
    assert_eq!(rule_count(&bad, "release.relative-date"), 3, "{bad}");
    let helps: Vec<String> = bad["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "release.relative-date")
        .map(|d| d["help"].as_str().unwrap_or("").to_owned())
        .collect();
    // Release date 2025-04-02: 昨日 = 4月1日（火）.
    assert!(
        helps.iter().any(|h| h.contains("2025年4月1日（火）")),
        "{helps:?}"
    );
    let good = checks("relative-date-good.md");
    assert_eq!(rule_count(&good, "release.relative-date"), 0, "{good}");
}

#[test]
fn timeline_order_fixtures() {
    let bad = checks("timeline-bad.md");
    assert_eq!(rule_count(&bad, "release.timeline-order"), 2, "{bad}");
    let good = checks("timeline-good.md");
    assert_eq!(rule_count(&good, "release.timeline-order"), 0, "{good}");
}

#[test]
fn count_conflict_fixtures() {
    let bad = checks("count-conflict-bad.md");
    assert_eq!(rule_count(&bad, "release.count-conflict"), 2, "{bad}");
    let good = checks("count-conflict-good.md");
    assert_eq!(rule_count(&good, "release.count-conflict"), 0, "{good}");
}

#[test]
fn phone_invalid_fixtures() {
    let bad = checks("phone-bad.md");
    assert_eq!(rule_count(&bad, "release.phone-invalid"), 5, "{bad}");
    let good = checks("phone-good.md");
    assert_eq!(rule_count(&good, "release.phone-invalid"), 0, "{good}");
}

#[test]
fn missing_date_and_issuer_fixtures() {
    let bad = checks("missing-header-bad.md");
    let r = rules(&bad);
    assert!(r.contains("release.missing-date") && r.contains("release.missing-issuer"));
    let good = checks("missing-header-good.md");
    let r = rules(&good);
    assert!(!r.contains("release.missing-date") && !r.contains("release.missing-issuer"));
    // Front matter counts too.
    let f = check_json(&Path::new(ROOT).join("incident/data-breach/complete.md"));
    let r = rules(&f);
    assert!(!r.contains("release.missing-date") && !r.contains("release.missing-issuer"));
}

#[test]
fn lead_5w_fixtures() {
    let bad = checks("lead-5w-bad.md");
    assert_eq!(rule_count(&bad, "release.lead-5w"), 1, "{bad}");
    let good = checks("missing-header-good.md");
    assert_eq!(rule_count(&good, "release.lead-5w"), 0);
}

#[test]
fn announcements_with_incident_looking_words() {
    for name in [
        "kind-announcement-disability.md",
        "kind-announcement-collection.md",
    ] {
        let f = checks(name);
        assert_eq!(f["kind"], "announcement", "{name}: {}", f["kind_reason"]);
    }
    let f = check_json(&Path::new(ROOT).join("incident/recall/complete.md"));
    assert!(f["kind_reason"].as_str().unwrap_or("").contains("回収"));
}

/// Delete the source lines of the block that holds `span`.
fn delete_block(text: &str, evidence_start: usize) -> Option<String> {
    let doc = Document::parse(text);
    let block = doc.blocks.iter().find(|b| {
        b.span.start <= evidence_start && evidence_start < b.span.end.max(b.span.start + 1)
    })?;
    let start = text
        .get(..block.span.start)?
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let end = text
        .get(block.span.end..)?
        .find('\n')
        .map_or(text.len(), |i| block.span.end + i + 1);
    Some(format!("{}{}", text.get(..start)?, text.get(end..)?))
}

#[test]
fn generalization_delete_the_evidence_block() {
    let settings = Settings::builtin().expect("settings");
    let (mut present, mut found_n) = (0usize, 0usize);
    let (mut removed, mut reported, mut first_try) = (0usize, 0usize, 0usize);
    let mut elsewhere: Vec<String> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    for (path, kind) in complete_fixtures() {
        let text = fs::read_to_string(&path).expect("read");
        let report = lint(Source::new(path.display().to_string(), &text), &settings);
        for el in required(kind) {
            present += 1;
            let Some(span) = report.coverage.get(el).span else {
                failures.push(format!("{}: {} not found", path.display(), el.key()));
                continue;
            };
            found_n += 1;
            removed += 1;
            // Delete the evidence block; when the element is found again in
            // another block, that is another real mention: delete it too.
            let mut current = text.clone();
            let mut start = span.start;
            let mut outcome = false;
            for round in 0..8 {
                let Some(next) = delete_block(&current, start) else {
                    break;
                };
                let r = lint(Source::new("gen.md", &next), &settings);
                let id = format!("release.missing-{}", el.key().replace('_', "-"));
                let is_reported = r.diagnostics.iter().any(|d| d.rule == id);
                match r.coverage.get(el).span {
                    None if is_reported => {
                        outcome = true;
                        if round == 0 {
                            first_try += 1;
                        }
                        break;
                    }
                    None => break,
                    Some(s) => {
                        elsewhere.push(format!(
                            "{} {}: 「{}」",
                            path.display(),
                            el.key(),
                            s.slice(&next)
                        ));
                        current = next;
                        start = s.start;
                    }
                }
            }
            if outcome {
                reported += 1;
            } else {
                failures.push(format!("{}: {} never reported", path.display(), el.key()));
            }
        }
    }
    let found_rate = found_n as f64 / present as f64;
    let reported_rate = reported as f64 / removed as f64;
    println!(
        "present elements found: {found_n}/{present} = {:.1}%",
        found_rate * 100.0
    );
    println!(
        "removed elements reported: {reported}/{removed} = {:.1}% (on the first deletion: {first_try})",
        reported_rate * 100.0
    );
    println!("found again in another block ({}):", elsewhere.len());
    for e in &elsewhere {
        println!("  {e}");
    }
    for f in &failures {
        println!("  FAIL {f}");
    }
    assert!(found_rate >= 0.9, "found rate {found_rate}");
    assert!(reported_rate >= 0.9, "reported rate {reported_rate}");
}

mod no_panics {
    use super::*;
    use proptest::prelude::*;

    /// Pieces that exercise the release parsers: dates, eras, weekdays,
    /// counts, phone numbers, headings, tables and odd characters.
    const PIECES: &[&str] = &[
        "2019年",
        "令和元年",
        "平成31年",
        "十二月",
        "7月",
        "31日",
        "（月）",
        "(水曜日)",
        "7/4",
        "0120-",
        "123-",
        "4567",
        "+81-",
        "（03）",
        "被害",
        "約",
        "最大",
        "●万件",
        "808人",
        "3,861万円",
        "三千八百万円",
        "現在",
        "時点",
        "本日",
        "昨日",
        "来週",
        "当社",
        "株式会社",
        "ホールディングス",
        "「",
        "」",
        "。",
        "、",
        "\n",
        "\n\n",
        "# ",
        "## 経緯\n",
        "- ",
        "| ",
        " |",
        "\n| --- |",
        "【お問い合わせ先】\n",
        "受付時間：",
        "9:00〜17:00",
        "報道関係者",
        "---\n",
        "date: ",
        "issuer: ",
        "午前",
        "14:00",
        "999999999999999999999",
        "０１２０",
        "\u{0}",
        "\u{200B}",
        "𠮷",
        "é",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn release_rules_never_panic(idx in proptest::collection::vec(0..PIECES.len(), 0..60)) {
            let text: String = idx.iter().map(|i| PIECES[*i]).collect();
            let settings = Settings::builtin().expect("settings");
            let report = lint(Source::new("p.md", &text), &settings);
            for d in &report.diagnostics {
                prop_assert!(text.get(d.span.start..d.span.end).is_some());
                if let Some(f) = &d.fix {
                    for e in &f.edits {
                        prop_assert!(text.get(e.span.start..e.span.end).is_some());
                    }
                }
            }
        }
    }
}
