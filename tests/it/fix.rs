//! `koho check --fix` and `--diff` on temp copies of fixtures, through the
//! real binary: only safe fixes are applied, the write is atomic and keeps
//! permissions, bytes outside the fix spans are untouched, a second run
//! changes nothing, overlapping fixes resolve the same way every time, and
//! `--diff` writes nothing.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use koho::diagnostic::Applicability;
use koho::{lint, Settings, Source};

/// The rules whose fixes these tests exercise (other rules may add fixes of
/// their own; the expected files are written for exactly these).
const RULES: &str = "ja.terms,ja.no-nfd,ja.no-zero-width,ja.no-hankaku-kana,ja.no-abusage,ja.no-control-char,ja.term-consistency";

fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/style-lexicon/fix")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn copy_to(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn koho(args: &[&str], file: &Path) -> std::process::Output {
    let out = Command::cargo_bin("koho")
        .unwrap()
        .current_dir(file.parent().unwrap())
        .args([
            "check",
            "--no-config",
            "--select",
            RULES,
            "--color",
            "never",
        ])
        .args(args)
        .arg(file)
        .output()
        .unwrap();
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn settings() -> Settings {
    let mut s = Settings::builtin().unwrap();
    s.select(&RULES.split(',').map(str::to_owned).collect::<Vec<_>>());
    s
}

#[test]
fn fix_applies_exactly_the_safe_fixes() {
    let dir = tempfile::tempdir().unwrap();
    let p = copy_to(dir.path(), "release.md", &fixture("release.md"));
    koho(&["--fix"], &p);
    let got = std::fs::read_to_string(&p).unwrap();
    let want = String::from_utf8(fixture("release.fixed.md")).unwrap();
    assert_eq!(got, want);
    // The suggestion (一同に会する → 一堂に会する) was not applied.
    assert!(got.contains("一同に会する"));
}

#[test]
fn bytes_outside_the_fix_spans_are_untouched() {
    let original = fixture("release.md");
    let text = String::from_utf8(original.clone()).unwrap();
    let report = lint(Source::new("release.md", &text), &settings());
    let mut spans: Vec<(usize, usize)> = report
        .diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability == Applicability::Safe)
        .flat_map(|f| f.edits.iter().map(|e| (e.span.start, e.span.end)))
        .collect();
    spans.sort();
    assert!(spans.len() >= 7, "{spans:?}");

    let dir = tempfile::tempdir().unwrap();
    let p = copy_to(dir.path(), "release.md", &original);
    koho(&["--fix"], &p);
    let fixed = std::fs::read(&p).unwrap();

    // Walk the gaps between spans: each gap of the original must appear in
    // the fixed file, in order, with only replacements in between.
    let mut at = 0;
    let mut pos = 0;
    for (i, (s, e)) in spans.iter().enumerate() {
        let gap = &original[pos..*s];
        let found = fixed[at..]
            .windows(gap.len().max(1))
            .position(|w| gap.is_empty() || w == gap)
            .map(|k| k + at);
        let Some(k) = found else {
            panic!("gap {i} before byte {s} changed");
        };
        if i == 0 {
            assert_eq!(k, 0, "bytes before the first fix changed");
        }
        at = k + gap.len();
        pos = *e;
    }
    assert!(
        fixed.ends_with(&original[pos..]),
        "bytes after the last fix changed"
    );
}

#[test]
fn fix_is_idempotent_and_leaves_no_safe_fix() {
    let dir = tempfile::tempdir().unwrap();
    let p = copy_to(dir.path(), "release.md", &fixture("release.md"));
    koho(&["--fix"], &p);
    let once = std::fs::read(&p).unwrap();
    let mtime = std::fs::metadata(&p).unwrap().modified().unwrap();
    koho(&["--fix"], &p);
    assert_eq!(std::fs::read(&p).unwrap(), once);
    assert_eq!(
        std::fs::metadata(&p).unwrap().modified().unwrap(),
        mtime,
        "rewritten without change"
    );
    let report = lint(
        Source::new("release.md", String::from_utf8(once).unwrap()),
        &settings(),
    );
    assert!(koho::fix::safe_edits(&report).is_empty());
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions_and_leaves_no_temp_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = copy_to(dir.path(), "release.md", &fixture("release.md"));
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
    koho(&["--fix"], &p);
    assert_eq!(
        std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o640
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["release.md".to_owned()]);
}

#[cfg(unix)]
#[test]
fn fix_through_a_symlink_fixes_the_file_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = copy_to(dir.path(), "real.md", &fixture("release.md"));
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink("real.md", &link).unwrap();
    koho(&["--fix"], &link);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("real.md"));
    assert_eq!(
        String::from_utf8(std::fs::read(&real).unwrap()).unwrap(),
        String::from_utf8(fixture("release.fixed.md")).unwrap()
    );
}

#[test]
fn fix_keeps_bom_and_crlf() {
    let text = String::from_utf8(fixture("release.md")).unwrap();
    let want = String::from_utf8(fixture("release.fixed.md")).unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    let dir = tempfile::tempdir().unwrap();
    let p = copy_to(dir.path(), "crlf.md", &bytes);
    koho(&["--fix"], &p);
    let mut expected = b"\xEF\xBB\xBF".to_vec();
    expected.extend_from_slice(want.replace('\n', "\r\n").as_bytes());
    assert_eq!(
        String::from_utf8_lossy(&std::fs::read(&p).unwrap()),
        String::from_utf8_lossy(&expected)
    );
}

/// `--fix` the same draft with the same config in three fresh folders and
/// return the results, after checking they are identical.
fn fix_three_times(doc: &str, config: &str) -> Vec<String> {
    let mut results = Vec::new();
    for _ in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("koho.toml"), config).unwrap();
        let p = copy_to(dir.path(), "a.md", doc.as_bytes());
        let out = Command::cargo_bin("koho")
            .unwrap()
            .current_dir(dir.path())
            .args([
                "check",
                "--fix",
                "--select",
                "ja.terms,ja.no-hankaku-kana",
                "a.md",
            ])
            .output()
            .unwrap();
        assert_ne!(
            out.status.code(),
            Some(2),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        results.push(std::fs::read_to_string(&p).unwrap());
    }
    assert!(results.windows(2).all(|w| w[0] == w[1]), "{results:?}");
    results
}

#[test]
fn overlapping_fixes_resolve_the_same_way_every_time() {
    // ja.no-hankaku-kana and a user term both fix the same span ｷｬﾝﾍﾟｰﾝ.
    let doc = "# お知らせ\n\n当社は本日、秋のｷｬﾝﾍﾟｰﾝを始めました。\n";
    let config = "[terms]\n\"ｷｬﾝﾍﾟｰﾝ\" = \"販促企画\"\n";
    let results = fix_three_times(doc, config);
    // Same span: the fixes are ordered by rule id, so ja.no-hankaku-kana wins.
    assert_eq!(
        results[0],
        "# お知らせ\n\n当社は本日、秋のキャンペーンを始めました。\n"
    );
}

#[test]
fn partially_overlapping_fixes_resolve_the_same_way_every_time() {
    // A user term covers 秋のｷｬﾝ, ja.no-hankaku-kana covers ｷｬﾝﾍﾟｰﾝ: the
    // earlier span wins the first round, the rest of the run is fixed in
    // the next one.
    let doc = "# お知らせ\n\n当社は本日、秋のｷｬﾝﾍﾟｰﾝを始めました。\n";
    let config = "[terms]\n\"秋のｷｬﾝ\" = \"秋の販促\"\n";
    let results = fix_three_times(doc, config);
    assert_eq!(
        results[0],
        "# お知らせ\n\n当社は本日、秋の販促ペーンを始めました。\n"
    );
}

#[test]
fn suppressed_findings_are_not_fixed() {
    let doc = "# お知らせ\n\nご確認下さい。\n\n<!-- koho-disable-next-line ja.terms -->\n引用の「ご確認下さい」は原文のままです。\n";
    let dir = tempfile::tempdir().unwrap();
    let p = copy_to(dir.path(), "s.md", doc.as_bytes());
    koho(&["--fix"], &p);
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        "# お知らせ\n\nご確認ください。\n\n<!-- koho-disable-next-line ja.terms -->\n引用の「ご確認下さい」は原文のままです。\n"
    );
}

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let original = fixture("release.md");
    let p = copy_to(dir.path(), "release.md", &original);
    let out = koho(&["--diff"], &p);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("--- a/"), "{stdout}");
    assert!(stdout.contains("+++ b/"), "{stdout}");
    assert!(stdout.contains("@@"), "{stdout}");
    assert!(stdout.contains("-当社の配送に遅れが生じました。詳細は追ってご連絡致します。"));
    assert!(stdout.contains("+当社の配送に遅れが生じました。詳細は追ってご連絡いたします。"));
    assert!(
        !stdout.contains("一堂に会する"),
        "suggestions are not in the diff"
    );
    assert_eq!(std::fs::read(&p).unwrap(), original);
}

#[test]
fn fix_on_stdin_prints_the_fixed_text() {
    let original = fixture("release.md");
    let want = fixture("release.fixed.md");
    let out = Command::cargo_bin("koho")
        .unwrap()
        .args(["check", "--no-config", "--select", RULES, "--fix", "-"])
        .write_stdin(original)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&want)
    );
}

#[test]
fn human_output_names_a_deletion_fix() {
    let out = Command::cargo_bin("koho")
        .unwrap()
        .args([
            "check",
            "--no-config",
            "--select",
            "ja.no-zero-width",
            "--color",
            "never",
            "--stdin-filename",
            "z.md",
            "-",
        ])
        .write_stdin("# お知らせ\n\n新製品\u{200B}を発売しました。\n")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("修正: 削除（--fix で自動修正できます）"),
        "{stdout}"
    );
}
