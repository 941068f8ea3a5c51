//! `--format compact`: `path:line:col: severity rule message` per finding,
//! for grep, editors' error lists and quick reading.

use std::io::{self, Write};

use super::{Run, Summary};
use crate::span::LineIndex;

pub fn write(run: &Run<'_>, w: &mut dyn Write) -> io::Result<()> {
    for e in run.errors {
        writeln!(w, "{}:1:1: error koho.io {}", e.path, e.message)?;
    }
    for r in run.reports {
        let index = LineIndex::new(&r.source.text);
        for d in &r.diagnostics {
            let p = index.position(&r.source.text, d.span.start);
            writeln!(
                w,
                "{}:{}:{}: {} {} {}",
                r.source.name,
                p.line,
                p.column,
                d.severity.as_str(),
                d.rule,
                d.message
            )?;
        }
    }
    let s = Summary::of(run.reports, run.errors);
    if !run.quiet {
        writeln!(
            w,
            "{} files, {} errors, {} warnings, {} infos",
            s.files, s.errors, s.warnings, s.infos
        )?;
    }
    Ok(())
}
