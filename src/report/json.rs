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

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::{json, Map, Value};

use super::{positions, Run, Summary};
use crate::diagnostic::Diagnostic;
use crate::span::LineIndex;
use crate::FileReport;

pub fn file_value(r: &FileReport) -> Value {
    let index = LineIndex::new(&r.source.text);
    let mut v = file_head(r, &index);
    let diagnostics: Vec<Value> = r
        .diagnostics
        .iter()
        .map(|d| diagnostic_value(d, &index, &r.source.text))
        .collect();
    v.insert("diagnostics".into(), Value::Array(diagnostics));
    Value::Object(v)
}

/// A file's object without its diagnostics, in the contract's key order.
fn file_head(r: &FileReport, index: &LineIndex) -> Map<String, Value> {
    let text = &r.source.text;
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
    let head = json!({
        "path": r.source.name,
        "kind": r.kind.kind,
        "kind_reason": r.kind.reason,
        "encoding": r.source.encoding.name(),
        "coverage": coverage,
    });
    match head {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn diagnostic_value(d: &Diagnostic, index: &LineIndex, text: &str) -> Value {
    let (s, e) = positions(index, text, d.span);
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
}

/// One file's object, serialized as [`file_value`] would be but with each
/// diagnostic built only while it is written: a huge file's findings as a
/// `Value` tree took several times the memory of the file itself.
struct FileJson<'a>(&'a FileReport);

impl Serialize for FileJson<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let text = &r.source.text;
        let index = LineIndex::new(text);
        let head = file_head(r, &index);
        let mut map = ser.serialize_map(Some(head.len() + 1))?;
        for (k, v) in &head {
            map.serialize_entry(k, v)?;
        }
        map.serialize_entry("diagnostics", &Diagnostics(r, &index))?;
        map.end()
    }
}

struct Diagnostics<'a>(&'a FileReport, &'a LineIndex);

impl Serialize for Diagnostics<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let Diagnostics(r, index) = *self;
        ser.collect_seq(
            r.diagnostics
                .iter()
                .map(|d| diagnostic_value(d, index, &r.source.text)),
        )
    }
}

/// The top-level document, in the contract's key order.
struct Doc<'a> {
    run: &'a Run<'a>,
}

impl Serialize for Doc<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let run = self.run;
        let errors: Vec<Value> = run
            .errors
            .iter()
            .map(|e| json!({"path": e.path, "message": e.message}))
            .collect();
        let s = Summary::of(run.reports, run.errors);
        let mut map = ser.serialize_map(Some(4))?;
        map.serialize_entry("version", &json!(1))?;
        map.serialize_entry("files", &Files(run.reports))?;
        map.serialize_entry("errors", &Value::Array(errors))?;
        map.serialize_entry(
            "summary",
            &json!({"files": s.files, "errors": s.errors, "warnings": s.warnings, "infos": s.infos}),
        )?;
        map.end()
    }
}

struct Files<'a>(&'a [FileReport]);

impl Serialize for Files<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.collect_seq(self.0.iter().map(FileJson))
    }
}

pub fn write(run: &Run<'_>, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &Doc { run }).map_err(io::Error::from)?;
    writeln!(w)
}
