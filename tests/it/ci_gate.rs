//! koho as a CI gate, against the real binary: `--format github` workflow
//! commands and their escaping, `--format sarif` checked by a structural
//! validator for the parts of SARIF 2.1.0 that code-scanning tools require,
//! `--format json` per the version-1 contract, the exit codes (0 / 1 / 2),
//! and `--changed [BASE]` in a temporary git repository.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

/// A plain announcement with one 下さい (a ja.terms finding with a safe fix)
/// on a line that starts with a surrogate pair and an emoji.
const BAD: &str = "# 新サービス開始のお知らせ\n\
\n\
株式会社テストは2026年4月1日、新サービスを開始しました。\n\
\n\
𠮷野家😀の件もご確認下さい。\n";

const GOOD: &str = "# 新サービス開始のお知らせ\n\
\n\
株式会社テストは2026年4月1日、新サービスを開始しました。\n";

/// Only ja.terms, so other rules cannot change these tests' exit codes.
const ONLY_TERMS: &str = "select = [\"ja.terms\"]\n";
const TERMS_AS_ERROR: &str =
    "select = [\"ja.terms\"]\n[rules.\"ja.terms\"]\nseverity = \"error\"\n";

fn koho(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("koho").unwrap();
    c.current_dir(dir).env("NO_COLOR", "1");
    c
}

fn run(dir: &Path, args: &[&str]) -> Output {
    koho(dir).args(args).output().unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(p, text).unwrap();
}

fn json_of(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&o.stdout)))
}

// ---------------------------------------------------------------- github

#[test]
fn github_format_emits_escaped_workflow_commands() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "koho.toml", ONLY_TERMS);
    // Commas and colons end a property, so they must be escaped in file=.
    let name = "発表,第1:版.md";
    write(dir.path(), name, BAD);
    let o = run(dir.path(), &["check", "--format", "github", name]);
    assert_eq!(code(&o), 0, "warnings only");
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    // 1-based line and column in characters: 下 is the 11th character.
    // The message and help (from the JSON output) follow, the line break as %0A.
    let help = json_of(&run(dir.path(), &["check", "--format", "json", name]))["files"][0]
        ["diagnostics"][0]["help"]
        .as_str()
        .unwrap()
        .replace('%', "%25");
    assert_eq!(
        lines[0],
        format!(
            "::warning file=発表%2C第1%3A版.md,line=5,col=11,endLine=5,endColumn=14,\
             title=ja.terms::「下さい」は「ください」と書きます。%0A{help}"
        )
    );
}

#[test]
fn github_format_escapes_percent_and_reports_unreadable_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "koho.toml", TERMS_AS_ERROR);
    write(dir.path(), "100%.md", BAD);
    std::fs::write(dir.path().join("bin.md"), b"\x00\x01\x02binary").unwrap();
    let o = run(
        dir.path(),
        &["check", "--format", "github", "100%.md", "bin.md"],
    );
    assert_eq!(code(&o), 2, "an unreadable file is exit 2");
    let out = stdout(&o);
    assert!(
        out.lines()
            .any(|l| l.starts_with("::error file=bin.md,title=koho.io::")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("::error file=100%25.md,line=5,col=11,")),
        "{out}"
    );
    for l in out.lines() {
        assert!(l.starts_with("::"), "every line is a workflow command: {l}");
    }
}

// ----------------------------------------------------------------- sarif

/// Collects violations of the SARIF 2.1.0 rules that consumers (GitHub code
/// scanning, the SARIF viewer) rely on. Written from the 2.1.0 spec: these
/// are its required properties and value constraints, not koho's output.
struct Sarif {
    problems: Vec<String>,
}

impl Sarif {
    fn check(doc: &Value) -> Vec<String> {
        let mut s = Sarif {
            problems: Vec::new(),
        };
        s.document(doc);
        s.problems
    }

    fn fail(&mut self, at: &str, what: &str) {
        self.problems.push(format!("{at}: {what}"));
    }

    fn string<'v>(&mut self, v: &'v Value, at: &str) -> Option<&'v str> {
        match v.as_str() {
            Some(s) if !s.is_empty() => Some(s),
            _ => {
                self.fail(at, "must be a non-empty string");
                None
            }
        }
    }

    fn array<'v>(&mut self, v: &'v Value, at: &str, min: usize) -> &'v [Value] {
        match v.as_array() {
            Some(a) if a.len() >= min => a,
            _ => {
                self.fail(at, &format!("must be an array with at least {min} items"));
                &[]
            }
        }
    }

    fn int(&mut self, v: &Value, at: &str, min: i64) -> Option<i64> {
        match v.as_i64() {
            Some(n) if n >= min => Some(n),
            _ => {
                self.fail(at, &format!("must be an integer >= {min}"));
                None
            }
        }
    }

    fn message(&mut self, v: &Value, at: &str) {
        // §3.11: a message object has text (or an id, which koho never uses).
        self.string(&v["text"], &format!("{at}.text"));
    }

    fn uri(&mut self, v: &Value, at: &str) {
        // §3.4.3 / RFC 3986: a URI reference; no spaces, non-ASCII or bare %.
        let Some(u) = self.string(v, at) else { return };
        let bytes = u.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'%' {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
                if !hex {
                    self.fail(at, &format!("bad percent-encoding in {u:?}"));
                    return;
                }
                i += 3;
                continue;
            }
            let ok = b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b);
            if !ok {
                self.fail(at, &format!("{u:?} is not a valid URI reference"));
                return;
            }
            i += 1;
        }
    }

    fn region(&mut self, r: &Value, at: &str) {
        let sl = self.int(&r["startLine"], &format!("{at}.startLine"), 1);
        let sc = self.int(&r["startColumn"], &format!("{at}.startColumn"), 1);
        let el = self.int(&r["endLine"], &format!("{at}.endLine"), 1);
        let ec = self.int(&r["endColumn"], &format!("{at}.endColumn"), 1);
        if let (Some(sl), Some(sc), Some(el), Some(ec)) = (sl, sc, el, ec) {
            if el < sl || (el == sl && ec < sc) {
                self.fail(at, "region ends before it starts");
            }
        }
        for key in ["charOffset", "charLength"] {
            if !r[key].is_null() {
                self.int(&r[key], &format!("{at}.{key}"), 0);
            }
        }
    }

    fn level(&mut self, v: &Value, at: &str) {
        if !matches!(v.as_str(), Some("none" | "note" | "warning" | "error")) {
            self.fail(at, "level must be none, note, warning or error");
        }
    }

    fn document(&mut self, doc: &Value) {
        if doc["version"] != "2.1.0" {
            self.fail("version", "must be \"2.1.0\"");
        }
        for (i, run) in self.array(&doc["runs"], "runs", 1).iter().enumerate() {
            self.run(run, &format!("runs[{i}]"));
        }
    }

    fn run(&mut self, run: &Value, at: &str) {
        let driver = &run["tool"]["driver"];
        self.string(&driver["name"], &format!("{at}.tool.driver.name"));
        let mut ids = Vec::new();
        for (i, rule) in driver["rules"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let rat = format!("{at}.tool.driver.rules[{i}]");
            if let Some(id) = self.string(&rule["id"], &format!("{rat}.id")) {
                if ids.contains(&id.to_owned()) {
                    self.fail(&rat, "duplicate rule id");
                }
                ids.push(id.to_owned());
            }
            self.message(
                &rule["shortDescription"],
                &format!("{rat}.shortDescription"),
            );
            self.message(&rule["help"], &format!("{rat}.help"));
            if !rule["defaultConfiguration"].is_null() {
                self.level(
                    &rule["defaultConfiguration"]["level"],
                    &format!("{rat}.defaultConfiguration.level"),
                );
            }
        }
        if let Some(kind) = run.get("columnKind") {
            if !matches!(kind.as_str(), Some("utf16CodeUnits" | "unicodeCodePoints")) {
                self.fail(&format!("{at}.columnKind"), "unknown column kind");
            }
        }
        for (i, inv) in run["invocations"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            if !inv["executionSuccessful"].is_boolean() {
                self.fail(
                    &format!("{at}.invocations[{i}].executionSuccessful"),
                    "is required and boolean",
                );
            }
        }
        let results = self.array(&run["results"], &format!("{at}.results"), 0);
        for (i, r) in results.iter().enumerate() {
            let rat = format!("{at}.results[{i}]");
            self.message(&r["message"], &format!("{rat}.message"));
            if let Some(id) = self.string(&r["ruleId"], &format!("{rat}.ruleId")) {
                if !ids.iter().any(|x| x == id) {
                    self.fail(&rat, &format!("ruleId {id} has no rule metadata"));
                }
                if let Some(idx) = r.get("ruleIndex") {
                    let ok = idx
                        .as_u64()
                        .and_then(|n| ids.get(n as usize))
                        .is_some_and(|x| x == id);
                    if !ok {
                        self.fail(&rat, "ruleIndex does not point at ruleId");
                    }
                }
            }
            if !r["level"].is_null() {
                self.level(&r["level"], &format!("{rat}.level"));
            }
            for (j, loc) in self
                .array(&r["locations"], &format!("{rat}.locations"), 1)
                .iter()
                .enumerate()
            {
                let pat = format!("{rat}.locations[{j}].physicalLocation");
                let pl = &loc["physicalLocation"];
                self.uri(
                    &pl["artifactLocation"]["uri"],
                    &format!("{pat}.artifactLocation.uri"),
                );
                self.region(&pl["region"], &format!("{pat}.region"));
            }
            for (j, fix) in r["fixes"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .enumerate()
            {
                let fat = format!("{rat}.fixes[{j}]");
                if !fix["description"].is_null() {
                    self.message(&fix["description"], &format!("{fat}.description"));
                }
                for (k, ch) in self
                    .array(
                        &fix["artifactChanges"],
                        &format!("{fat}.artifactChanges"),
                        1,
                    )
                    .iter()
                    .enumerate()
                {
                    let cat = format!("{fat}.artifactChanges[{k}]");
                    self.uri(
                        &ch["artifactLocation"]["uri"],
                        &format!("{cat}.artifactLocation.uri"),
                    );
                    for (m, rep) in self
                        .array(&ch["replacements"], &format!("{cat}.replacements"), 1)
                        .iter()
                        .enumerate()
                    {
                        let rp = format!("{cat}.replacements[{m}]");
                        self.region(&rep["deletedRegion"], &format!("{rp}.deletedRegion"));
                        if !rep["insertedContent"].is_null()
                            && !rep["insertedContent"]["text"].is_string()
                        {
                            self.fail(&rp, "insertedContent needs text");
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn the_sarif_validator_rejects_broken_documents() {
    // The validator must be able to fail, or the tests below prove nothing.
    let broken = serde_json::json!({
        "version": "2.0.0",
        "runs": [{"tool": {"driver": {"rules": [{"id": "a"}]}},
                  "results": [{"ruleId": "b", "message": {},
                               "locations": [{"physicalLocation": {
                                   "artifactLocation": {"uri": "発 表.md"},
                                   "region": {"startLine": 0, "startColumn": 1, "endLine": 1, "endColumn": 1}}}],
                               "fixes": [{"artifactChanges": []}]}]}]
    });
    let p = Sarif::check(&broken).join("\n");
    for expected in [
        "version",
        "driver.name",
        "rules[0].help",
        "ruleId b has no rule metadata",
        "results[0].message.text",
        "not a valid URI reference",
        "startLine",
        "artifactChanges",
    ] {
        assert!(p.contains(expected), "missing {expected:?} in:\n{p}");
    }
}

#[test]
fn sarif_output_is_valid_and_carries_rules_help_and_fixes() {
    let dir = tempfile::tempdir().unwrap();
    // A name that needs percent-encoding in a URI.
    let name = "発表 第1版.md";
    write(dir.path(), name, BAD);
    // Shift_JIS input adds koho.encoding, which is not a registry rule.
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(GOOD);
    std::fs::write(dir.path().join("sjis.md"), &sjis).unwrap();
    let o = run(
        dir.path(),
        &["check", "--no-config", "--format", "sarif", name, "sjis.md"],
    );
    assert!(code(&o) == 0 || code(&o) == 1, "{o:?}");
    let doc = json_of(&o);
    let problems = Sarif::check(&doc);
    assert!(problems.is_empty(), "{problems:#?}");

    let run = &doc["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "koho");
    let results = run["results"].as_array().unwrap();
    let terms: Vec<&Value> = results
        .iter()
        .filter(|r| r["ruleId"] == "ja.terms")
        .collect();
    assert_eq!(terms.len(), 1, "{results:#?}");
    let t = terms[0];
    let loc = &t["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "%E7%99%BA%E8%A1%A8%20%E7%AC%AC1%E7%89%88.md"
    );
    assert_eq!(loc["region"]["startLine"], 5);
    assert_eq!(loc["region"]["startColumn"], 11);
    assert_eq!(loc["region"]["endColumn"], 14);
    let rep = &t["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(rep["insertedContent"]["text"], "ください");
    assert_eq!(rep["deletedRegion"]["startColumn"], 11);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let help = rules
        .iter()
        .find(|r| r["id"] == "ja.terms")
        .map(|r| r["help"]["text"].as_str().unwrap())
        .unwrap();
    assert!(help.contains("悪い例"), "{help}");
    assert!(results.iter().any(|r| r["ruleId"] == "koho.encoding"));
}

// ------------------------------------------------------------------ json

const ELEMENTS: [&str; 13] = [
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
    "prevention",
];

#[test]
fn json_output_follows_the_version_1_contract() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "koho.toml", ONLY_TERMS);
    write(dir.path(), "a.md", BAD);
    write(dir.path(), "b.md", GOOD);
    let o = run(
        dir.path(),
        &["check", "--format", "json", "b.md", "a.md", "missing.md"],
    );
    assert_eq!(code(&o), 2, "a missing file is exit 2");
    let doc = json_of(&o);
    assert_eq!(doc["version"], 1);
    let files = doc["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["a.md", "b.md"], "sorted by path");
    for f in files {
        assert!(matches!(
            f["kind"].as_str(),
            Some("incident" | "announcement")
        ));
        let cov = f["coverage"].as_object().unwrap();
        let mut keys: Vec<&str> = cov.keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut want = ELEMENTS.to_vec();
        want.sort_unstable();
        assert_eq!(keys, want);
        for (k, e) in cov {
            assert!(e["found"].is_boolean() && e["required"].is_boolean(), "{k}");
            if e["found"] == true {
                assert!(e["line"].as_u64().unwrap() >= 1, "{k}");
                assert!(e["column"].as_u64().unwrap() >= 1, "{k}");
            }
        }
    }
    let d = &files[0]["diagnostics"].as_array().unwrap()[0];
    assert_eq!(d["rule"], "ja.terms");
    assert_eq!(d["severity"], "warning");
    assert!(d["message"].as_str().unwrap().contains("ください"));
    assert!(d["help"].is_string());
    assert_eq!(
        (&d["line"], &d["column"], &d["end_line"], &d["end_column"]),
        (&5.into(), &11.into(), &5.into(), &14.into())
    );
    let (s, e) = (
        d["byte_start"].as_u64().unwrap() as usize,
        d["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&BAD[s..e], "下さい");
    let edit = &d["fix"]["edits"][0];
    assert_eq!(edit["replacement"], "ください");
    assert_eq!(edit["byte_start"], d["byte_start"]);
    assert!(files[1]["diagnostics"].as_array().unwrap().is_empty());
    assert_eq!(doc["errors"][0]["path"], "missing.md");
    assert!(doc["errors"][0]["message"].is_string());
    let s = &doc["summary"];
    assert_eq!(
        (&s["errors"], &s["warnings"], &s["infos"]),
        (&0.into(), &1.into(), &0.into())
    );
    assert_eq!(
        s["files"], 3,
        "two linted files and one that could not be read"
    );
}

// ------------------------------------------------------------ exit codes

#[test]
fn exit_codes_are_0_clean_1_findings_2_usage_config_io() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "warn/koho.toml", ONLY_TERMS);
    write(d, "warn/bad.md", BAD);
    write(d, "warn/good.md", GOOD);
    write(d, "err/koho.toml", TERMS_AS_ERROR);
    write(d, "err/bad.md", BAD);
    write(d, "broken/koho.toml", "select = 3\n");
    write(d, "broken/good.md", GOOD);

    let cases: &[(&[&str], i32)] = &[
        (&["check", "warn/good.md"], 0),
        (&["check", "warn/bad.md"], 0),
        (&["check", "--max-warnings", "1", "warn/bad.md"], 0),
        (&["check", "--max-warnings", "0", "warn/bad.md"], 1),
        (&["check", "err/bad.md"], 1),
        (&["check", "--format", "json", "err/bad.md"], 1),
        (&["check", "--quiet", "err"], 1),
        (&["check", "broken/good.md"], 2),
        (&["check", "warn/good.md", "nope.md"], 2),
        (&["check", "err/bad.md", "nope.md"], 2),
        (&["check", "--select", "no.such-rule", "warn/good.md"], 2),
        (&["check", "--format", "xml", "warn/good.md"], 2),
        (&["check"], 2),
        (&["frobnicate"], 2),
    ];
    for (args, want) in cases {
        let o = run(d, args);
        assert_eq!(
            code(&o),
            *want,
            "koho {}\nstdout: {}\nstderr: {}",
            args.join(" "),
            stdout(&o),
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let o = run(d, &["check", "broken/good.md"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("select"));
}

// --------------------------------------------------------------- changed

fn git(dir: &Path, args: &[&str]) {
    let o = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .expect("git runs");
    assert!(o.status.success(), "git {args:?}: {o:?}");
}

fn linted_paths(o: &Output) -> Vec<String> {
    let doc = json_of(o);
    let mut v: Vec<String> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().replace('\\', "/"))
        .collect();
    v.sort();
    v
}

#[test]
fn changed_lints_only_changed_and_untracked_drafts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    git(d, &["config", "commit.gpgsign", "false"]);
    write(d, "koho.toml", ONLY_TERMS);
    write(d, ".gitignore", "ignored.md\n");
    write(d, "old.md", BAD);
    write(d, "docs/edited.md", GOOD);
    write(d, "docs/削除.md", GOOD);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "base"]);
    git(d, &["checkout", "-q", "-b", "feature"]);
    write(d, "docs/edited.md", BAD);
    git(d, &["commit", "-q", "-am", "edit"]);
    // Untracked: a draft with a Japanese name, a non-draft, an ignored draft.
    write(d, "docs/新製品.md", BAD);
    write(d, "notes.rs", BAD);
    write(d, "ignored.md", BAD);
    git(d, &["rm", "-q", "docs/削除.md"]);

    // Default base: the merge base with main.
    let o = run(d, &["check", "--changed", "--format", "json"]);
    assert_eq!(code(&o), 0, "{o:?}");
    let paths = linted_paths(&o);
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths[0].ends_with("docs/edited.md"), "{paths:?}");
    assert!(paths[1].ends_with("docs/新製品.md"), "{paths:?}");

    // From a subfolder, the whole repository is still considered.
    let o = run(
        &d.join("docs"),
        &["check", "--changed", "main", "--format", "json"],
    );
    assert_eq!(linted_paths(&o).len(), 2, "{o:?}");

    // A path narrows the changed set.
    let o = run(
        d,
        &[
            "check",
            "--changed",
            "main",
            "--format",
            "json",
            "docs/edited.md",
        ],
    );
    let paths = linted_paths(&o);
    assert_eq!(paths.len(), 1, "{paths:?}");

    // Against HEAD only the untracked draft remains; once committed, nothing.
    let o = run(d, &["check", "--changed", "HEAD", "--format", "json"]);
    let paths = linted_paths(&o);
    assert_eq!(paths.len(), 1, "{paths:?}");
    git(d, &["add", "docs/新製品.md"]);
    git(d, &["commit", "-q", "-m", "new"]);
    let o = run(d, &["check", "--changed", "HEAD", "--format", "json"]);
    assert_eq!(code(&o), 0);
    assert!(linted_paths(&o).is_empty());

    // Findings in changed files still decide the exit code.
    write(d, "koho.toml", TERMS_AS_ERROR);
    let o = run(d, &["check", "--changed", "main", "--quiet"]);
    assert_eq!(code(&o), 1, "{o:?}");

    // A base that does not exist, or no git repository, is exit 2.
    let o = run(d, &["check", "--changed", "no-such-branch"]);
    assert_eq!(code(&o), 2, "{o:?}");
    let outside = tempfile::tempdir().unwrap();
    let o = run(outside.path(), &["check", "--changed"]);
    assert_eq!(code(&o), 2, "{o:?}");
}
