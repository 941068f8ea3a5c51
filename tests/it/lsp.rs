//! `koho lsp` end to end: start the real binary, speak JSON-RPC with
//! Content-Length framing over its stdio, and check what an editor would
//! see — diagnostics with UTF-16 ranges (after 𠮷 and emoji too), updates
//! after edits, quick fixes and "fix all" that really remove the problem,
//! hover docs, koho.toml reloads, error replies, and a clean exit.
//! Every read has a deadline, so a hung server fails instead of hanging CI.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const TIMEOUT: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Messages read while waiting for something else.
    backlog: Vec<Value>,
}

fn read_frame(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_koho"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start koho lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, incoming) = channel();
        thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(v) = read_frame(&mut r) {
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            next_id: 1,
            backlog: Vec::new(),
        }
    }

    fn send(&mut self, msg: Value) {
        let body = serde_json::to_string(&msg).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(&format!("response to {method}"), |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        })
    }

    /// The first message (backlog first) matching `pred`; panics after TIMEOUT.
    fn wait(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(m) if pred(&m) => return m,
                Ok(m) => self.backlog.push(m),
                Err(_) => panic!("timed out waiting for {what}; got {:#?}", self.backlog),
            }
        }
    }

    /// Diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait(&format!("diagnostics v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn initialize(&mut self, root: &str) -> Value {
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": root, "capabilities": {}}),
        );
        self.notify("initialized", json!({}));
        r
    }

    fn shutdown_and_exit(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "koho lsp exited with {status}");
                return;
            }
            assert!(Instant::now() < deadline, "koho lsp did not exit");
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn terms(diags: &[Value]) -> Vec<&Value> {
    diags.iter().filter(|d| d["code"] == "ja.terms").collect()
}

fn range(l1: u32, c1: u32, l2: u32, c2: u32) -> Value {
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

/// Byte offset of an LSP position, counted independently of koho.
fn offset(text: &str, line: u64, character: u64) -> usize {
    let mut start = 0;
    for _ in 0..line {
        start += text[start..].find('\n').unwrap() + 1;
    }
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units == character {
            return start + i;
        }
        units += c.len_utf16() as u64;
    }
    text.len()
}

/// Apply a list of LSP TextEdits (non-overlapping) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let pos = |p: &Value| {
                offset(
                    text,
                    p["line"].as_u64().unwrap(),
                    p["character"].as_u64().unwrap(),
                )
            };
            (
                pos(&r["start"]),
                pos(&r["end"]),
                e["newText"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    spans.sort();
    let mut out = text.to_owned();
    for (s, e, t) in spans.into_iter().rev() {
        out.replace_range(s..e, &t);
    }
    out
}

const RELEASE: &str = "# 新サービス開始のお知らせ\n\
\n\
株式会社テストは2026年4月1日、新サービスを開始しました。詳細をご確認下さい。\n\
\n\
𠮷野家😀の件もご確認下さい。\n";

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn diagnostics_edits_and_code_actions_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("release.md");
    std::fs::write(&path, RELEASE).unwrap();
    let uri = file_uri(&path);
    let mut c = Client::start(dir.path());

    let init = c.initialize(&file_uri(dir.path()));
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["textDocumentSync"]["change"], 2, "{caps}");
    assert_eq!(caps["hoverProvider"], true);
    let kinds = caps["codeActionProvider"]["codeActionKinds"].to_string();
    assert!(kinds.contains("quickfix") && kinds.contains("source.fixAll.koho"));

    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": RELEASE}}),
    );
    let diags = c.diagnostics(&uri, 1);
    let t = terms(&diags);
    assert_eq!(t.len(), 2, "{diags:#?}");
    let line2 = RELEASE.lines().nth(2).unwrap();
    let col = line2[..line2.find("下さい").unwrap()]
        .encode_utf16()
        .count() as u32;
    assert_eq!(t[0]["range"], range(2, col, 2, col + 3));
    // 𠮷 and 😀 are two UTF-16 units each: 下 starts at unit 12 (char 10).
    assert_eq!(t[1]["range"], range(4, 12, 4, 15));
    assert_eq!(t[1]["severity"], 2);
    assert_eq!(t[1]["source"], "koho");
    let msg = t[1]["message"].as_str().unwrap();
    assert!(msg.contains("「下さい」は「ください」") && msg.contains("置き換えて"));

    // Hover on the finding shows the rule's `koho explain` text.
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 4, "character": 13}}),
    );
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("ja.terms") && value.contains("悪い例"),
        "{value}"
    );
    assert_eq!(hover["result"]["range"], range(4, 12, 4, 15));
    let nothing = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}),
    );
    assert!(nothing["result"].is_null(), "{nothing}");

    // Incremental edit: another emoji at the start of line 4 shifts the range by two units.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": range(4, 0, 4, 0), "text": "🎉"}]}),
    );
    let mut text = RELEASE.replace("𠮷野家", "🎉𠮷野家");
    let diags = c.diagnostics(&uri, 2);
    let t = terms(&diags);
    assert_eq!(t.len(), 2);
    assert_eq!(t[1]["range"], range(4, 14, 4, 17));

    // Quick fix at the cursor, applied by the "editor".
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range(4, 15, 4, 15),
               "context": {"diagnostics": []}}),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    let quick: Vec<&Value> = actions.iter().filter(|a| a["kind"] == "quickfix").collect();
    assert_eq!(quick.len(), 1, "{actions:#?}");
    assert_eq!(quick[0]["isPreferred"], true);
    assert_eq!(quick[0]["diagnostics"][0]["code"], "ja.terms");
    let edits = quick[0]["edit"]["changes"][&uri].as_array().unwrap();
    text = apply(&text, edits);
    assert!(text.contains("🎉𠮷野家😀の件もご確認ください。"), "{text}");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": text}]}),
    );
    let diags = c.diagnostics(&uri, 3);
    let t = terms(&diags);
    assert_eq!(t.len(), 1, "{diags:#?}");
    assert_eq!(t[0]["range"]["start"]["line"], 2);

    // "Fix all" as a source action over the whole document.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range(0, 0, 0, 0),
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.koho");
    text = apply(
        &text,
        actions[0]["edit"]["changes"][&uri].as_array().unwrap(),
    );
    assert!(!text.contains("下さい"));
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": text}]}),
    );
    let diags = c.diagnostics(&uri, 4);
    assert!(terms(&diags).is_empty(), "{diags:#?}");

    // Closing clears the document's diagnostics.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let m = c.wait("cleared diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"] == json!([])
    });
    assert!(m["params"]["version"].is_null());
    c.shutdown_and_exit();
}

#[test]
fn koho_toml_changes_apply_without_restart_and_bad_input_is_answered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("release.md");
    let config = dir.path().join("koho.toml");
    let uri = file_uri(&path);
    let config_uri = file_uri(&config);
    let mut c = Client::start(dir.path());
    c.initialize(&file_uri(dir.path()));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": RELEASE}}),
    );
    assert_eq!(terms(&c.diagnostics(&uri, 1)).len(), 2);

    // The editor reports a new koho.toml that turns ja.terms off.
    std::fs::write(&config, "ignore = [\"ja.terms\"]\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 1}]}),
    );
    let diags = c.diagnostics(&uri, 1);
    assert!(terms(&diags).is_empty(), "{diags:#?}");

    // A broken koho.toml, saved in the editor: an error message, no crash,
    // and the defaults apply again.
    std::fs::write(&config, "ignore = [\"ja.terms\"]\nnot-a-key = 1\n").unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": config_uri}}),
    );
    let shown = c.wait("showMessage", |m| m["method"] == "window/showMessage");
    assert_eq!(shown["params"]["type"], 1);
    let text = shown["params"]["message"].as_str().unwrap();
    assert!(text.contains("koho.toml:2:"), "{text}");
    assert_eq!(terms(&c.diagnostics(&uri, 1)).len(), 2);

    // Unknown methods and malformed params get JSON-RPC errors.
    let r = c.request("koho/doesNotExist", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    let r = c.request("textDocument/codeAction", json!({"textDocument": 42}));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    // Unknown documents and positions far outside the text are not errors.
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": "file:///nowhere.md"}, "range": range(0, 0, 0, 0),
               "context": {"diagnostics": []}}),
    );
    assert_eq!(r["result"], json!([]));
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": range(99, 99, 120, 0), "text": "追記。"}]}),
    );
    let diags = c.diagnostics(&uri, 2);
    assert_eq!(terms(&diags).len(), 2);
    c.shutdown_and_exit();
}
