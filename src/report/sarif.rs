//! `--format sarif`: SARIF 2.1.0, one run with koho as the tool driver and
//! every enabled rule's metadata (id, summary, help text, default level),
//! results with regions (1-based lines and columns counted in Unicode
//! scalar values, `columnKind: unicodeCodePoints`) and fixes.
//!
//! Every result's `ruleId` has an entry in `tool.driver.rules` (findings
//! from outside the registry, such as `koho.encoding`, get one too), and
//! artifact URIs are percent-encoded RFC 3986 references: relative paths
//! stay relative (GitHub resolves them against the repository root),
//! absolute ones become `file://` URIs.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{positions, Run};
use crate::diagnostic::Severity;
use crate::span::LineIndex;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encode a path as a URI reference: unreserved characters, `/`
/// and sub-delimiters stay, everything else (spaces, `%`, `#`, `?`,
/// non-ASCII as UTF-8 bytes) is encoded.
pub fn path_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let absolute = path.starts_with('/')
        || (path.len() > 2 && path.as_bytes()[1] == b':' && path.as_bytes()[2] == b'/');
    let mut out = String::with_capacity(path.len());
    if absolute {
        out.push_str("file://");
        if !path.starts_with('/') {
            out.push('/');
        }
    }
    for (i, b) in path.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || b"-._~/!$&'()*+,;=@".contains(&b)
            // A drive letter's colon (C:/…) stays; elsewhere a colon could read as a scheme.
            || (b == b':' && absolute && i == 1);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Metadata for a finding that no registry rule produced (koho.encoding).
fn builtin_rule(id: &str) -> Value {
    let (summary, help) = match id {
        "koho.encoding" => (
            "UTF-8 以外の文字コードで読み込んだファイル",
            "koho.encoding\n\nShift_JIS や EUC-JP と判定して読み込んだことを知らせます。UTF-8 で保存すると --fix による自動修正も使えます。",
        ),
        _ => ("koho が報告した問題", "koho が報告した問題です。"),
    };
    json!({
        "id": id,
        "name": id,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": summary},
        "help": {"text": help},
        "defaultConfiguration": {"level": "note", "enabled": true},
    })
}

pub fn write(run: &Run<'_>, w: &mut dyn Write) -> io::Result<()> {
    let mut rules: Vec<Value> = run
        .settings
        .registry
        .iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "id": m.id,
                "name": m.id,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": if m.why.is_empty() { m.summary.clone() } else { m.why.clone() }},
                "help": {"text": crate::cli::explain::render_text(m)},
                "defaultConfiguration": {"level": level(m.severity.incident), "enabled": run.settings.is_enabled(&m.id)},
            })
        })
        .collect();
    for r in run.reports {
        for d in &r.diagnostics {
            if !rules.iter().any(|x| x["id"] == d.rule.as_str()) {
                rules.push(builtin_rule(&d.rule));
            }
        }
    }
    let rule_index = |id: &str| rules.iter().position(|x| x["id"] == id);
    let mut results = Vec::new();
    for r in run.reports {
        let text = &r.source.text;
        let index = LineIndex::new(text);
        let uri = path_uri(&r.source.name);
        for d in &r.diagnostics {
            let (s, e) = positions(&index, text, d.span);
            let mut message = d.message.to_string();
            if let Some(h) = &d.help {
                message.push('\n');
                message.push_str(h);
            }
            let region = json!({"startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column,
                "charOffset": index.char_offset(text, d.span.start),
                "charLength": index.char_offset(text, d.span.end) - index.char_offset(text, d.span.start)});
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": {"text": message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
            });
            if let Some(i) = rule_index(&d.rule) {
                result["ruleIndex"] = json!(i);
            }
            if let Some(f) = &d.fix {
                let replacements: Vec<Value> = f
                    .edits
                    .iter()
                    .map(|ed| {
                        let (a, b) = positions(&index, text, ed.span);
                        json!({"deletedRegion": {"startLine": a.line, "startColumn": a.column, "endLine": b.line, "endColumn": b.column},
                               "insertedContent": {"text": ed.replacement}})
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": {"text": d.help.as_deref().unwrap_or(&d.message)},
                    "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}]
                }]);
            }
            results.push(result);
        }
    }
    let notifications: Vec<Value> = run
        .errors
        .iter()
        .map(|e| json!({"level": "error", "message": {"text": format!("{}: {}", e.path, e.message)}}))
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "koho",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": run.errors.is_empty(), "toolExecutionNotifications": notifications}],
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *w, &doc).map_err(io::Error::from)?;
    writeln!(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_uri("docs/a-1_b.md"), "docs/a-1_b.md");
        assert_eq!(path_uri("発表 100%.md"), "%E7%99%BA%E8%A1%A8%20100%25.md");
        assert_eq!(path_uri("a#b?.md"), "a%23b%3F.md");
        assert_eq!(path_uri("/tmp/x y.md"), "file:///tmp/x%20y.md");
        assert_eq!(path_uri("C:\\w\\a.md"), "file:///C:/w/a.md");
        assert_eq!(path_uri("x:y.md"), "x%3Ay.md");
    }
}
