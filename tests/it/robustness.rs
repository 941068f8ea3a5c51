//! Adversarial inputs, through the library and the real binary: huge and
//! deeply nested documents, broken encodings and line endings, hostile user
//! rules and configs, unreadable and oversized files. Each failure mode must
//! end in a clear message and the documented exit code (0 clean, 1 lint
//! errors, 2 file/config/usage failure), and the other files of the run are
//! still linted.

use std::path::Path;

use assert_cmd::Command;
use koho::span::LineIndex;
use koho::{lint, Settings, Source};
use serde_json::Value;

fn settings() -> Settings {
    let mut s = Settings::builtin().unwrap();
    let ids: Vec<String> = s.registry.iter().map(|r| r.meta().id.clone()).collect();
    s.select(&ids);
    s
}

/// Lint with every rule and check the invariants every report must keep.
fn lint_checked(text: &str) -> koho::FileReport {
    let r = lint(Source::new("t.md", text), &settings());
    for d in &r.diagnostics {
        let spans = std::iter::once(d.span)
            .chain(d.labels.iter().map(|l| l.span))
            .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.span)));
        for s in spans {
            assert!(s.start <= s.end && s.end <= text.len(), "{d:?}");
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }
    r
}

fn koho() -> Command {
    let mut c = Command::cargo_bin("koho").unwrap();
    c.env("NO_COLOR", "1");
    c
}

/// Run `koho check --format json` and return (exit code, parsed stdout, stderr).
fn check_json(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = koho()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (
        out.status.code().unwrap_or(-1),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn rules_of(file: &Value) -> Vec<String> {
    file["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|d| d["rule"].as_str())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

const FIXABLE: &str = "# お知らせ\n\n不審なメールにはご注意下さい。\n";

#[test]
fn ten_megabyte_single_line_is_linted() {
    // One 10 MB line: a 3 MB run with no punctuation at all (one lattice
    // over it overflowed lindera's path costs), then comma-separated prose
    // with a single 。 at the very end.
    let mut text = "あ".repeat(1024 * 1024);
    while text.len() < 10 * 1024 * 1024 {
        text.push_str("当社は本日、新製品を発表し、");
    }
    text.push_str("ご確認下さい。");
    let r = lint_checked(&text);
    let d = r.diagnostics.iter().find(|d| d.rule == "ja.terms").unwrap();
    assert_eq!(d.span.slice(&text), "下さい");
}

#[test]
fn human_output_on_a_huge_line_shows_only_the_text_around_each_finding() {
    // Three findings on one 3 MB line: each is shown with a few hundred
    // bytes of context, not with the whole line.
    let filler = "当社は本日、新製品を発表し、".repeat(70_000);
    let line = format!("{filler}ご確認下さい、{filler}ご確認下さい、{filler}ご確認下さい。");
    assert!(line.len() > 3_000_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.md");
    std::fs::write(&path, format!("# お知らせ\n\n{line}\n")).unwrap();
    let out = koho()
        .args(["check", "--no-config", "--select", "ja.terms"])
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.matches("下さい").count() >= 3, "{stdout:.2000}");
    assert!(stdout.len() < 20_000, "{} bytes of output", stdout.len());
    // The position in the file name is still the real one: line 3.
    assert!(stdout.contains("long.md:3:"), "{stdout:.2000}");
}

#[test]
fn hundred_thousand_nesting_levels_do_not_overflow_the_stack() {
    let quotes = format!("{}ご確認下さい。\n", "> ".repeat(100_000));
    lint_checked(&quotes);
    let lists = format!("{}ご確認下さい。\n", "- ".repeat(100_000));
    lint_checked(&lists);
    let mixed = format!("{}ご確認下さい。\n", "> - 1. ".repeat(35_000));
    lint_checked(&mixed);
}

#[test]
fn unclosed_bracket_spanning_the_whole_file_still_splits_sentences() {
    let body = "「当社は調査を進めております。".to_owned()
        + &"被害の拡大を防ぐため、対策を講じました。".repeat(2000)
        + "ご確認下さい。";
    let text = format!("# お知らせ\n\n{body}\n");
    let r = lint_checked(&text);
    // The 下さい at the very end is still found in its own sentence: the
    // open 「 did not turn 100 KB into one sentence.
    let d = r.diagnostics.iter().find(|d| d.rule == "ja.terms").unwrap();
    assert_eq!(d.span.slice(&text), "下さい");
    let doc = koho::document::Document::parse(&text);
    let tok = koho::token::Tokenizer::new().unwrap();
    assert!(koho::sentence::sentences(&doc, &tok).len() > 100);
}

#[test]
fn crlf_and_lone_cr_keep_spans_and_line_numbers() {
    for nl in ["\r\n", "\r", "\n"] {
        let text = [
            "# お知らせ",
            "",
            "本日発表しました。",
            "",
            "ご確認下さい。",
            "",
        ]
        .join(nl);
        let r = lint_checked(&text);
        let d = r.diagnostics.iter().find(|d| d.rule == "ja.terms").unwrap();
        assert_eq!(d.span.slice(&text), "下さい", "line ending {nl:?}");
        let p = LineIndex::new(&text).position(&text, d.span.start);
        assert_eq!((p.line, p.column), (5, 4), "line ending {nl:?}");
        let (fixed, n) = koho::fix::fix_source(&Source::new("t.md", text.clone()), &settings());
        assert_eq!(n, 1);
        assert_eq!(
            fixed,
            text.replace("下さい", "ください"),
            "line endings kept"
        );
    }
}

#[test]
fn bom_nfd_emoji_and_astral_characters() {
    // NFD: ご written as こ + U+3099 (combining dakuten), as macOS file names are.
    let nfd = "# お知らせ\n\n\u{3053}\u{3099}確認下さい。\n";
    let r = lint_checked(nfd);
    let d = r.diagnostics.iter().find(|d| d.rule == "ja.terms").unwrap();
    assert_eq!(d.span.slice(nfd), "下さい");
    // Emoji, a ZWJ sequence and CJK Extension B (surrogate pairs in UTF-16).
    let astral = "# お知らせ🙇\u{200d}♂️\n\n𠮷野家の👨\u{200d}👩\u{200d}👧件で、ご確認下さい。\n";
    let r = lint_checked(astral);
    let d = r.diagnostics.iter().find(|d| d.rule == "ja.terms").unwrap();
    assert_eq!(d.span.slice(astral), "下さい");
    let p = LineIndex::new(astral).position(astral, d.span.start);
    let line_start = astral[..d.span.start].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &astral[line_start..d.span.start];
    assert_eq!(p.column, prefix.chars().count() + 1);
    assert_eq!(p.utf16_column, prefix.encode_utf16().count());

    // Through the binary: the BOM is not part of the text, spans and the
    // fixed file keep it.
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(FIXABLE.as_bytes());
    std::fs::write(dir.path().join("bom.md"), &bytes).unwrap();
    let (code, json, _) = check_json(dir.path(), &["--no-config", "bom.md"]);
    assert_eq!(code, 0);
    let f = &json["files"][0];
    assert_eq!(f["encoding"], "UTF-8 (BOM)");
    let d = f["diagnostics"]
        .as_array()
        .and_then(|a| a.iter().find(|d| d["rule"] == "ja.terms"))
        .unwrap();
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(12))
    );
    let start = d["byte_start"].as_u64().unwrap() as usize;
    assert_eq!(&FIXABLE[start..start + 9], "下さい");
    koho()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--fix", "bom.md"])
        .assert()
        .code(0);
    let after = std::fs::read(dir.path().join("bom.md")).unwrap();
    assert!(after.starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(
        &after[3..],
        FIXABLE.replace("下さい", "ください").as_bytes()
    );
}

#[test]
fn legacy_encodings_are_decoded_reported_and_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(FIXABLE);
    let (euc, _, _) = encoding_rs::EUC_JP.encode(FIXABLE);
    std::fs::write(dir.path().join("sjis.md"), &sjis).unwrap();
    std::fs::write(dir.path().join("euc.md"), &euc).unwrap();
    let (code, json, _) = check_json(dir.path(), &["--no-config", "--fix", "."]);
    assert_eq!(code, 0);
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    for (f, enc) in files.iter().zip(["EUC-JP", "Shift_JIS"]) {
        assert_eq!(f["encoding"], enc);
        let rules = rules_of(f);
        assert!(rules.contains(&"koho.encoding".to_owned()), "{rules:?}");
        assert!(
            rules.contains(&"ja.terms".to_owned()),
            "decoded text is linted"
        );
    }
    assert_eq!(std::fs::read(dir.path().join("sjis.md")).unwrap(), &*sjis);
    assert_eq!(std::fs::read(dir.path().join("euc.md")).unwrap(), &*euc);
}

#[test]
fn binary_undecodable_and_oversized_files_exit_2_but_others_are_linted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-good.md"), FIXABLE).unwrap();
    std::fs::write(dir.path().join("b-nul.md"), b"# title\n\0\0\0binary").unwrap();
    std::fs::write(
        dir.path().join("c-latin.md"),
        b"\xff\xfe\xff\xfe\x80\x80 caf\xe9",
    )
    .unwrap();
    std::fs::write(dir.path().join("d-big.md"), "あ".repeat(400)).unwrap();
    let (code, json, _) = check_json(dir.path(), &["--no-config", "--max-file-size", "1000", "."]);
    assert_eq!(code, 2);
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert!(rules_of(&files[0]).contains(&"ja.terms".to_owned()));
    let errors = json["errors"].as_array().unwrap();
    let msg = |name: &str| {
        errors
            .iter()
            .find(|e| e["path"].as_str().unwrap_or("").ends_with(name))
            .and_then(|e| e["message"].as_str())
            .unwrap_or("")
            .to_owned()
    };
    assert!(msg("b-nul.md").contains("バイナリ"), "{errors:?}");
    assert!(msg("c-latin.md").contains("文字コード"), "{errors:?}");
    assert!(msg("d-big.md").contains("大きすぎます"), "{errors:?}");

    // Human output names the failing file too.
    let out = koho()
        .current_dir(dir.path())
        .args(["check", "--no-config", "b-nul.md", "a-good.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let all =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        all.contains("b-nul.md") && all.contains("バイナリ"),
        "{all}"
    );
}

/// Wait for `child`, killing it and failing if it has not exited within a
/// minute: the inputs below made koho read forever before it stopped at the
/// size limit (a hang guard, not a speed target).
fn exit_within_a_minute(mut child: std::process::Child, what: &str) -> (Option<i32>, String) {
    use std::io::Read as _;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("koho still reading {what} after a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut all = String::new();
    if let Some(mut out) = child.stdout.take() {
        let _ = out.read_to_string(&mut all);
    }
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_string(&mut all);
    }
    (status.code(), all)
}

/// `yes | koho check -` and `koho check /dev/zero`: an endless input is
/// refused at the size limit (exit 2), not read until memory runs out.
#[test]
fn endless_stdin_and_device_files_are_refused_at_the_limit() {
    use std::io::Write as _;
    use std::process::{Command as StdCommand, Stdio};

    let koho_at = |args: &[&str], stdin: Stdio| {
        StdCommand::new(assert_cmd::cargo::cargo_bin("koho"))
            .args(args)
            .env("NO_COLOR", "1")
            .stdin(stdin)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut child = koho_at(
        &["check", "--no-config", "--max-file-size", "100000", "-"],
        Stdio::piped(),
    );
    let mut stdin = child.stdin.take().unwrap();
    // Twenty times the limit and no end of input: the pipe stays open
    // until koho has exited (koho reading to the end would wait for ever,
    // and fail the deadline, rather than fill memory).
    let writer = std::thread::spawn(move || {
        let chunk = "被害を確認しました。\n".repeat(1000);
        for _ in 0..64 {
            if stdin.write_all(chunk.as_bytes()).is_err() {
                break;
            }
        }
        stdin
    });
    let (code, all) = exit_within_a_minute(child, "an endless stdin");
    drop(writer.join().unwrap());
    assert_eq!(code, Some(2));
    assert!(
        all.contains("<stdin>") && all.contains("上限 100000 バイトを超えています"),
        "{all}"
    );

    if Path::new("/dev/zero").exists() {
        let child = koho_at(
            &[
                "check",
                "--no-config",
                "--max-file-size",
                "1000",
                "/dev/zero",
            ],
            Stdio::null(),
        );
        let (code, all) = exit_within_a_minute(child, "/dev/zero");
        assert_eq!(code, Some(2));
        assert!(
            all.contains("/dev/zero") && all.contains("大きすぎます"),
            "{all}"
        );
    }
}

#[test]
fn unreadable_and_missing_files_are_reported_and_the_rest_linted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.md"), FIXABLE).unwrap();
    let locked = dir.path().join("locked.md");
    std::fs::write(&locked, FIXABLE).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    // root reads anything: then only the missing file is an error.
    let locked_readable = std::fs::read(&locked).is_ok();
    let (code, json, _) = check_json(dir.path(), &["--no-config", ".", "missing.md"]);
    assert_eq!(code, 2);
    let errors = json["errors"].as_array().unwrap();
    assert!(errors
        .iter()
        .any(|e| e["path"] == "missing.md"
            && e["message"].as_str().unwrap().contains("見つかりません")));
    if !locked_readable {
        assert!(errors
            .iter()
            .any(|e| e["path"].as_str().unwrap().ends_with("locked.md")
                && e["message"].as_str().unwrap().contains("読み込めません")));
    }
    let files = json["files"].as_array().unwrap();
    assert!(files
        .iter()
        .any(|f| f["path"].as_str().unwrap().ends_with("ok.md")));

    // A folder koho cannot enter is an error, not silently skipped (a CI
    // gate would pass with its drafts unchecked). root enters anything.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let closed = dir.path().join("closed");
        std::fs::create_dir(&closed).unwrap();
        std::fs::write(closed.join("inside.md"), FIXABLE).unwrap();
        std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read_dir(&closed).is_err() {
            let (code, json, _) = check_json(dir.path(), &["--no-config", "."]);
            assert_eq!(code, 2);
            assert!(json["errors"].as_array().unwrap().iter().any(|e| {
                e["path"].as_str().unwrap().ends_with("closed")
                    && e["message"]
                        .as_str()
                        .unwrap()
                        .contains("フォルダーを読めません")
            }));
        }
        std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

/// In a folder walk, a symlinked draft is checked like its file, a
/// dangling one is an error (exit 2, not silently passed), a link to
/// something that is not a file is skipped, and a symlinked folder is not
/// followed (no loops, no draft twice).
#[cfg(unix)]
#[test]
fn folder_walks_check_symlinked_drafts_and_report_dangling_ones() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("drafts")).unwrap();
    std::fs::write(root.join("drafts/real.md"), FIXABLE).unwrap();
    std::fs::create_dir(root.join("docs")).unwrap();
    std::os::unix::fs::symlink("../drafts/real.md", root.join("docs/linked.md")).unwrap();
    std::os::unix::fs::symlink("../drafts", root.join("docs/folder.md")).unwrap();
    std::os::unix::fs::symlink("../drafts", root.join("docs/drafts")).unwrap();
    let (code, json, _) = check_json(root, &["--no-config", "docs"]);
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, vec!["docs/linked.md"], "{json}");
    assert_ne!(code, 2, "{json}");

    std::os::unix::fs::symlink("../drafts/gone.md", root.join("docs/gone.md")).unwrap();
    let (code, json, _) = check_json(root, &["--no-config", "docs"]);
    assert_eq!(code, 2);
    let errors = json["errors"].as_array().unwrap();
    assert!(
        errors.iter().any(|e| e["path"] == "docs/gone.md"
            && e["message"]
                .as_str()
                .unwrap()
                .starts_with("リンク先を読めません")),
        "{errors:?}"
    );
}

/// A path that is a symbolic link to itself is reported as unreadable
/// with the system's reason, not as missing.
#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("loop.md", dir.path().join("loop.md")).unwrap();
    let (code, json, _) = check_json(dir.path(), &["--no-config", "loop.md"]);
    assert_eq!(code, 2);
    let errors = json["errors"].as_array().unwrap();
    assert!(
        errors.iter().any(|e| e["path"] == "loop.md"
            && e["message"].as_str().unwrap().starts_with("読み込めません")),
        "{errors:?}"
    );
}

fn write_config(dir: &Path, config: &str, rules: Option<&str>) {
    std::fs::write(dir.join("koho.toml"), config).unwrap();
    if let Some(r) = rules {
        std::fs::write(dir.join("acme.toml"), r).unwrap();
    }
    std::fs::write(dir.join("a.md"), FIXABLE).unwrap();
}

/// Exit 2 and a message that names the file and quotes the offending line.
fn assert_config_error(dir: &Path, file: &str, quoted: &str) {
    let out = koho()
        .current_dir(dir)
        .args(["check", "a.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no report on config failure");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(file), "names {file}: {err}");
    assert!(err.contains(quoted), "quotes {quoted}: {err}");
}

#[test]
fn broken_configs_exit_2_and_point_into_the_toml() {
    let d = tempfile::tempdir().unwrap();
    write_config(d.path(), "user-dictionary = \"nai.csv\"\n", None);
    assert_config_error(d.path(), "koho.toml", "user-dictionary = \"nai.csv\"");

    let d = tempfile::tempdir().unwrap();
    write_config(d.path(), "rule-files = [\"nai.toml\"]\n", None);
    assert_config_error(d.path(), "koho.toml", "rule-files = [\"nai.toml\"]");

    let d = tempfile::tempdir().unwrap();
    write_config(
        d.path(),
        "rule-files = [\"acme.toml\"]\n",
        Some("[[rule]]\nid = \"acme.x\"\nkind = \"existence\"\nmessage = \"x\"\npatterns = [{ regex = \"(unclosed\" }]\n"),
    );
    assert_config_error(d.path(), "acme.toml", "(unclosed");

    let d = tempfile::tempdir().unwrap();
    write_config(
        d.path(),
        "rule-files = [\"acme.toml\"]\n",
        Some("[[rule]\nid = 3\n"),
    );
    assert_config_error(d.path(), "acme.toml", "[[rule]");

    let d = tempfile::tempdir().unwrap();
    write_config(d.path(), "selct = [\"ja\"]\n", None);
    assert_config_error(d.path(), "koho.toml", "selct");
}

#[test]
fn catastrophic_looking_user_regex_finishes() {
    // `(a+)+$` takes exponential time in backtracking engines on a run of
    // a's that fails at the end. The regex crate is linear: this test
    // passes by completing at all (a backtracking engine would not finish
    // 2^100000 steps).
    let dir = tempfile::tempdir().unwrap();
    write_config(
        dir.path(),
        "rule-files = [\"acme.toml\"]\nselect = [\"acme\"]\n",
        Some(concat!(
            "[[rule]]\nid = \"acme.evil\"\nkind = \"existence\"\nseverity = \"error\"\nprose-only = false\n",
            "summary = \"x\"\nmessage = \"「{match}」\"\n",
            "patterns = [{ regex = \"(a+)+$\" }, { regex = \"(x+x+)+y\" }, { regex = \"(.*b){20}\" }]\n",
        )),
    );
    // Each paragraph fails its pattern only at the very end.
    let long = format!(
        "{}!\n\n{}\n\n{}{}\n",
        "a".repeat(100_000),
        "x".repeat(100_000),
        "bx".repeat(19),
        "x".repeat(50_000)
    );
    std::fs::write(dir.path().join("a.md"), &long).unwrap();
    std::fs::write(dir.path().join("b.md"), "本日は晴天なり aaaa\n").unwrap();
    let (code, json, err) = check_json(dir.path(), &["a.md", "b.md"]);
    assert_eq!(code, 1, "{err}");
    let files = json["files"].as_array().unwrap();
    assert!(
        rules_of(&files[0]).is_empty(),
        "no match on the hostile input"
    );
    assert_eq!(rules_of(&files[1]), vec!["acme.evil"], "the rule does work");
}

/// `koho check --fix` killed with SIGKILL at different points while fixing
/// 100 files: every file is byte for byte the original or the fully fixed
/// version (writes are temp file + fsync + rename). A kill between creating
/// the temp file and the rename can leave a hidden `.koho-fix-XXXXXX` file
/// next to the draft: it has no Markdown extension and is hidden, so koho
/// never lints it, and it never replaces the draft. Nothing else may remain.
#[cfg(unix)]
#[test]
fn killing_fix_midway_leaves_each_file_original_or_fixed() {
    use std::time::Instant;

    let original = format!(
        "報道関係者各位\n\n# 会員サイトへの不正アクセスに関するお詫び\n\n{}\n",
        "当社が運営する会員サイトにおいて、不正アクセスが確認されました。不審なメールにはご注意下さい。\n\n"
            .repeat(10)
    );
    let files = 100;
    let setup = || {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..files {
            std::fs::write(dir.path().join(format!("r{i:03}.md")), &original).unwrap();
        }
        dir
    };
    let bin = assert_cmd::cargo::cargo_bin("koho");
    let spawn = |dir: &Path| {
        std::process::Command::new(&bin)
            .args(["check", "--no-config", "--fix", "--quiet", "."])
            .current_dir(dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };

    // A full run: how long it takes, and what "fully fixed" looks like.
    let dir = setup();
    let t = Instant::now();
    assert!(spawn(dir.path()).wait().unwrap().code().is_some());
    let full = t.elapsed();
    let fixed = std::fs::read(dir.path().join("r000.md")).unwrap();
    assert_ne!(fixed, original.as_bytes(), "the draft is fixable");
    assert_eq!(fixed, original.replace("下さい", "ください").as_bytes());

    let mut saw_partial = false;
    for step in 1..=5u32 {
        let dir = setup();
        let mut child = spawn(dir.path());
        std::thread::sleep(full.mul_f64(f64::from(step) / 6.0));
        let _ = child.kill();
        let _ = child.wait();
        let mut counts = (0, 0);
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(".koho-fix-") {
                continue;
            }
            assert!(name.ends_with(".md"), "stray file {name}");
            let bytes = std::fs::read(entry.path()).unwrap();
            if bytes == original.as_bytes() {
                counts.0 += 1;
            } else if bytes == fixed {
                counts.1 += 1;
            } else {
                panic!(
                    "{name} is neither the original nor the fixed version ({} bytes)",
                    bytes.len()
                );
            }
        }
        assert_eq!(counts.0 + counts.1, files);
        saw_partial |= counts.0 > 0 && counts.1 > 0;
        eprintln!(
            "kill after {step}/6 of a full run: {} original, {} fixed",
            counts.0, counts.1
        );
    }
    // Not asserted (timing decides), but logged: whether a kill landed
    // between two files.
    eprintln!("a kill landed mid-run: {saw_partial}");
}

/// Twenty thousand short paragraphs through every rule and the human
/// reporter: guards against per-sentence work that scans the whole document
/// (a quadratic rule or reporter would not finish in the CI time budget).
#[test]
fn twenty_thousand_paragraphs_are_linted_and_rendered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("many.md");
    let text: String = (0..20_000)
        .map(|i| format!("ご確認下さい。これは{i}番目の段落です。\n\n"))
        .collect();
    std::fs::write(&path, text).expect("write");
    let out = koho()
        .args(["check", "--no-config", "--format", "compact"])
        .arg(&path)
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches(" ja.terms ").count(), 20_000);
    let out = koho()
        .args(["check", "--no-config", "--select", "ja.terms"])
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .matches("ja.terms")
            .count(),
        20_000
    );
}
