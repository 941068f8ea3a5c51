//! The real `koho` binary end to end: output formats (snapshotted with
//! insta, temp paths filtered), exit codes, rule selection, config files,
//! stdin, and the `rules` / `explain` / `init` subcommands.

use std::path::Path;

use assert_cmd::Command;

fn koho() -> Command {
    let mut c = Command::cargo_bin("koho").expect("binary");
    c.env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// Rules whose output the snapshots pin down; other rules evolve freely.
const SELECT: &str = "--select=ja.terms,release.missing-apology";

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(c: &mut Command) -> Out {
    let o = c.output().expect("run koho");
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

#[test]
fn human_output_shows_span_message_help_and_coverage_card() {
    let o = run(koho().args(["check", "--no-config", SELECT, "fixtures/cli/sample.md"]));
    assert_eq!(o.code, 0, "warnings only: {}", o.stderr);
    insta::assert_snapshot!("human_sample", o.stdout);
}

#[test]
fn json_output_follows_the_contract() {
    let o = run(koho().args([
        "check",
        "--no-config",
        SELECT,
        "--format",
        "json",
        "fixtures/cli/sample.md",
    ]));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).expect("valid json");
    assert_eq!(v["version"], 1);
    let file = &v["files"][0];
    assert_eq!(file["kind"], "incident");
    let cov = file["coverage"].as_object().expect("coverage object");
    let keys: Vec<&str> = cov.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "who",
            "what",
            "when",
            "where",
            "why",
            "how",
            "victim_count",
            "as_of",
            "compensation",
            "hotline",
            "hotline_hours",
            "apology",
            "prevention"
        ]
    );
    // The two 下さい in prose are found, the suppressed one and the one in
    // inline code are not; byte offsets slice back to the flagged text.
    let src = std::fs::read_to_string("fixtures/cli/sample.md").expect("fixture");
    let terms: Vec<&serde_json::Value> = file["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["rule"] == "ja.terms")
        .collect();
    assert_eq!(terms.len(), 2, "{terms:?}");
    for d in &terms {
        let (s, e) = (
            d["byte_start"].as_u64().unwrap_or(0) as usize,
            d["byte_end"].as_u64().unwrap_or(0) as usize,
        );
        assert_eq!(&src[s..e], "下さい");
        assert_eq!(d["fix"]["edits"][0]["replacement"], "ください");
        assert_eq!(d["severity"], "warning");
    }
    assert_eq!(terms[0]["line"], 7);
    insta::assert_json_snapshot!("json_sample", v);
}

#[test]
fn compact_and_github_formats() {
    let o = run(koho().args([
        "check",
        "--no-config",
        SELECT,
        "--format",
        "compact",
        "fixtures/cli/sample.md",
    ]));
    insta::assert_snapshot!("compact_sample", o.stdout);
    let o = run(koho().args([
        "check",
        "--no-config",
        SELECT,
        "--format",
        "github",
        "fixtures/cli/sample.md",
    ]));
    insta::assert_snapshot!("github_sample", o.stdout);
}

#[test]
fn exit_codes() {
    // Warnings only → 0; over --max-warnings → 1.
    assert_eq!(
        run(koho().args(["check", "--no-config", SELECT, "fixtures/cli/sample.md"])).code,
        0
    );
    assert_eq!(
        run(koho().args([
            "check",
            "--no-config",
            SELECT,
            "--max-warnings",
            "0",
            "fixtures/cli/sample.md"
        ]))
        .code,
        1
    );
    // A configured error → 1.
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg = dir.path().join("koho.toml");
    std::fs::write(&cfg, "[rules.\"ja.terms\"]\nseverity = \"error\"\n").expect("write");
    let o = run(koho()
        .args(["check", SELECT, "--config"])
        .arg(&cfg)
        .arg("fixtures/cli/sample.md"));
    assert_eq!(o.code, 1, "{}", o.stdout);
    // Usage errors → 2.
    assert_eq!(
        run(koho().args([
            "check",
            "--no-config",
            "--select",
            "no.such-rule",
            "fixtures/cli/clean.md"
        ]))
        .code,
        2
    );
    assert_eq!(run(koho().args(["check", "--bogus-flag"])).code, 2);
    assert_eq!(
        run(koho().args(["check", "--no-config", "fixtures/cli/does-not-exist.md"])).code,
        2
    );
}

#[test]
fn missing_file_is_reported_and_others_still_linted() {
    let o = run(koho().args([
        "check",
        "--no-config",
        SELECT,
        "--format",
        "json",
        "fixtures/cli/nope.md",
        "fixtures/cli/sample.md",
    ]));
    assert_eq!(o.code, 2);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).expect("json");
    assert_eq!(v["files"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["errors"][0]["path"], "fixtures/cli/nope.md");
}

#[test]
fn stdin_with_filename() {
    let o = run(koho()
        .args([
            "check",
            "--no-config",
            SELECT,
            "--format",
            "compact",
            "--stdin-filename",
            "draft.md",
            "-",
        ])
        .write_stdin("ご確認下さい。\n"));
    assert!(
        o.stdout.starts_with("draft.md:1:4: warning ja.terms"),
        "{}",
        o.stdout
    );
}

#[test]
fn directories_are_walked_sorted_and_gitignore_respected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("sub")).expect("mkdir");
    std::fs::write(root.join("b.md"), "ご確認下さい。\n").expect("write");
    std::fs::write(root.join("sub/a.markdown"), "ご確認下さい。\n").expect("write");
    std::fs::write(root.join("ignored.md"), "ご確認下さい。\n").expect("write");
    std::fs::write(root.join("image.png"), [0u8, 1, 2]).expect("write");
    std::fs::write(root.join(".gitignore"), "ignored.md\n").expect("write");
    let o = run(koho()
        .args(["check", "--no-config", SELECT, "--format", "compact"])
        .arg(root));
    let files: Vec<&str> = o
        .stdout
        .lines()
        .filter(|l| l.contains("ja.terms"))
        .collect();
    assert_eq!(files.len(), 2, "{}", o.stdout);
    assert!(
        files[0].contains("b.md") && files[1].contains("sub/a.markdown"),
        "{files:?}"
    );
}

#[test]
fn nearest_koho_toml_applies_to_each_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("quiet")).expect("mkdir");
    std::fs::write(root.join("loud.md"), "ご確認下さい。\n").expect("write");
    std::fs::write(root.join("quiet/q.md"), "ご確認下さい。\n").expect("write");
    std::fs::write(root.join("quiet/koho.toml"), "ignore = [\"ja.terms\"]\n").expect("write");
    let o = run(koho()
        .args(["check", SELECT, "--format", "compact"])
        .arg(root));
    assert!(o.stdout.contains("loud.md:1:4"), "{}", o.stdout);
    assert!(!o.stdout.contains("q.md:1:4"), "{}", o.stdout);
}

#[test]
fn broken_config_points_into_the_toml() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg = dir.path().join("koho.toml");
    for (text, needle) in [
        ("ignore = [\"ja.nope\"]\n", "ja.nope"),
        ("[rules.\"ja.terms\"]\nseverity = \"fatal\"\n", "severity"),
        ("default-kind = 3\n", "default-kind"),
        ("rule-files = [\"missing.toml\"]\n", "missing.toml"),
        ("user-dictionary = \"nope.csv\"\n", "nope.csv"),
    ] {
        std::fs::write(&cfg, text).expect("write");
        let o = run(koho()
            .args(["check", "--config"])
            .arg(&cfg)
            .arg("fixtures/cli/clean.md"));
        assert_eq!(o.code, 2, "{text}: {}", o.stderr);
        assert!(o.stderr.contains(needle), "{text}: {}", o.stderr);
        assert!(o.stderr.contains("koho.toml"), "{}", o.stderr);
    }
}

#[test]
fn user_rule_file_fires_and_bad_regex_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = dir.path().join("acme.toml");
    std::fs::write(
        &rules,
        "[[rule]]\nid = \"acme.old-name\"\nkind = \"existence\"\nseverity = \"error\"\nmessage = \"旧社名「{match}」が使われています。\"\nhelp = \"新社名に直してください。\"\npatterns = [{ regex = \"旧サンプル社\" }]\nbad = [\"旧サンプル社です。\"]\ngood = [\"新サンプル社です。\"]\n",
    )
    .expect("write");
    let cfg = dir.path().join("koho.toml");
    std::fs::write(&cfg, "rule-files = [\"acme.toml\"]\n").expect("write");
    let draft = dir.path().join("d.md");
    std::fs::write(&draft, "本日、旧サンプル社が発表しました。\n").expect("write");
    let o = run(koho()
        .args(["check", "--select", "acme.", "--format", "compact"])
        .arg(&draft));
    assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
    assert!(
        o.stdout
            .contains("error acme.old-name 旧社名「旧サンプル社」"),
        "{}",
        o.stdout
    );
    let o = run(koho()
        .args(["explain", "acme.old-name", "--config"])
        .arg(&cfg));
    assert!(o.stdout.contains("旧サンプル社です。"), "{}", o.stdout);

    std::fs::write(&rules, "[[rule]]\nid = \"acme.bad\"\nkind = \"existence\"\nmessage = \"m\"\npatterns = [{ regex = \"(旧\" }]\n")
        .expect("write");
    let o = run(koho().arg("check").arg(&draft));
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("正規表現が不正です") && o.stderr.contains("acme.toml"),
        "{}",
        o.stderr
    );
}

#[test]
fn rules_explain_and_init() {
    let o = run(koho().args(["rules"]));
    assert_eq!(o.code, 0);
    assert!(o.stdout.contains("ja.terms") && o.stdout.contains("release.missing-apology"));
    let o = run(koho().args(["rules", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&o.stdout).expect("json");
    assert!(v.as_array().is_some_and(|a| a.len() >= 2));

    let o = run(koho().args(["explain", "ja.terms"]));
    assert_eq!(o.code, 0);
    for section in ["悪い例", "良い例", "対応方法", "自動修正"] {
        assert!(
            o.stdout.contains(section),
            "missing {section}: {}",
            o.stdout
        );
    }
    let o = run(koho().args(["explain", "ja.no-such"]));
    assert_eq!(o.code, 2);

    let dir = tempfile::tempdir().expect("tempdir");
    assert_eq!(run(koho().arg("init").arg(dir.path())).code, 0);
    let written = std::fs::read_to_string(dir.path().join("koho.toml")).expect("written");
    assert!(written.contains("default-kind"));
    // Never overwrites without --force.
    assert_eq!(run(koho().arg("init").arg(dir.path())).code, 2);
    assert_eq!(
        run(koho().arg("init").arg("--force").arg(dir.path())).code,
        0
    );
    // The starter is a valid config.
    let o = run(koho()
        .args(["check", "--config"])
        .arg(dir.path().join("koho.toml"))
        .arg("fixtures/cli/clean.md"));
    assert_ne!(o.code, 2, "{}", o.stderr);
    assert!(Path::new(&dir.path().join("koho.toml")).exists());
}

#[test]
fn inspect_shows_anatomy_and_prose_flags() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("r.md");
    std::fs::write(
        &p,
        "報道関係者各位\n\n2025年4月1日\n株式会社サンプル\n\n# 新サービスのお知らせ\n\n当社は本日、新サービスを開始しました。\n\n【お問い合わせ先】\n電話：03-0000-0000\n",
    )
    .expect("write");
    let o = run(koho().arg("inspect").arg(&p));
    assert_eq!(o.code, 0, "{}", o.stderr);
    for needle in [
        "Header",
        "Title",
        "Lead",
        "Contact",
        "文 当社は本日",
        "行 2025年4月1日",
        "行 電話：03-0000-0000",
    ] {
        assert!(o.stdout.contains(needle), "missing {needle}: {}", o.stdout);
    }
}

#[test]
fn every_listed_rule_can_be_explained() {
    let o = run(koho().args(["rules", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&o.stdout).expect("json");
    let ids: Vec<String> = v
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["id"].as_str().map(str::to_owned))
        .collect();
    assert!(ids.len() >= 50, "{} rules", ids.len());
    for id in ids {
        let o = run(koho().args(["explain", &id]));
        assert_eq!(o.code, 0, "{id}: {}", o.stderr);
        assert!(o.stdout.starts_with(&id), "{id}");
        assert!(
            o.stdout.contains("悪い例") && o.stdout.contains("良い例"),
            "{id} lacks examples"
        );
    }
}
