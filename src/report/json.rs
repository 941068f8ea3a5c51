//! `--format json`: the stable machine contract (version 1). Tools depend on
//! it; fields are only ever added, never renamed or removed.
//!
//! ```text
//! {"version": 1,
//!  "files": [{"path", "kind": "incident"|"announcement", "kind_reason",
//!             "encoding",
//!             "coverage": {"who": {"found", "required", "line", "column", "text"}, … all 13 keys},
//!             "diagnostics": [{"rule", "severity", "message", "help",
//!                              "line", "column", "end_line", "end_column",
//!                              "byte_start", "byte_end",
//!                              "fix": null | {"applicability", "edits": [{"byte_start", "byte_end", "replacement"}]}}]}],
//!  "errors": [{"path", "message"}],
//!  "summary": {"files", "errors", "warnings", "infos"}}
//! ```
//! Lines and columns are 1-based; columns count Unicode scalar values;
//! byte offsets are into the decoded UTF-8 text. Output is one JSON document
//! followed by a newline.

use std::io::{self, Write};

use serde_json::{json, Map, Value};

use super::{positions, Run, Summary};
use crate::span::LineIndex;
use crate::FileReport;

pub fn file_value(r: &FileReport) -> Value {
    let text = &r.source.text;
    let index = LineIndex::new(text);
    let mut coverage = Map::new();
    for (element, ev) in r.coverage.iter() {
        let (line, column, snippet) = match ev.span {
            Some(span) => {
                let p = index.position(text, span.start);
                (json!(p.line), json!(p.column), json!(span.slice(text)))
            }
            None => (Value::Null, Value::Null, Value::Null),
        };
        coverage.insert(
            element.key().to_owned(),
            json!({"found": ev.found, "required": ev.required, "line": line, "column": column, "text": snippet}),
        );
    }
    let diagnostics: Vec<Value> = r
        .diagnostics
        .iter()
        .map(|d| {
            let (s, e) = positions(&index, text, d.span);
            let fix = match &d.fix {
                None => Value::Null,
                Some(f) => json!({
                    "applicability": f.applicability,
                    "edits": f.edits.iter().map(|e| json!({
                        "byte_start": e.span.start, "byte_end": e.span.end, "replacement": e.replacement
                    })).collect::<Vec<_>>()
                }),
            };
            json!({
                "rule": d.rule,
                "severity": d.severity,
                "message": d.message,
                "help": d.help,
                "line": s.line,
                "column": s.column,
                "end_line": e.line,
                "end_column": e.column,
                "byte_start": d.span.start,
                "byte_end": d.span.end,
                "fix": fix,
            })
        })
        .collect();
    json!({
        "path": r.source.name,
        "kind": r.kind.kind,
        "kind_reason": r.kind.reason,
        "encoding": r.source.encoding.name(),
        "coverage": coverage,
        "diagnostics": diagnostics,
    })
}

pub fn write(run: &Run<'_>, w: &mut dyn Write) -> io::Result<()> {
    let files: Vec<Value> = run.reports.iter().map(file_value).collect();
    let errors: Vec<Value> = run
        .errors
        .iter()
        .map(|e| json!({"path": e.path, "message": e.message}))
        .collect();
    let s = Summary::of(run.reports, run.errors);
    let doc = json!({
        "version": 1,
        "files": files,
        "errors": errors,
        "summary": {"files": s.files, "errors": s.errors, "warnings": s.warnings, "infos": s.infos},
    });
    serde_json::to_writer_pretty(&mut *w, &doc).map_err(io::Error::other)?;
    writeln!(w)
}
