//! `--format sarif`: SARIF 2.1.0, one run with koho as the tool driver and
//! every enabled rule's metadata (id, summary, help text, default level),
//! results with regions (1-based lines and columns counted in Unicode
//! scalar values, `columnKind: unicodeCodePoints`) and fixes.

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

pub fn write(run: &Run<'_>, w: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = run
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
    let mut results = Vec::new();
    for r in run.reports {
        let text = &r.source.text;
        let index = LineIndex::new(text);
        let uri = r.source.name.replace('\\', "/");
        for d in &r.diagnostics {
            let (s, e) = positions(&index, text, d.span);
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push('\n');
                message.push_str(h);
            }
            let region = json!({"startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column,
                "charOffset": text.get(..d.span.start).map_or(0, |p| p.chars().count()),
                "charLength": d.span.slice(text).chars().count()});
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": {"text": message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
            });
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
                    "description": {"text": d.help.clone().unwrap_or_else(|| d.message.clone())},
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
    serde_json::to_writer_pretty(&mut *w, &doc).map_err(io::Error::other)?;
    writeln!(w)
}
