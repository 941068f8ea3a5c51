//! `--format github`: GitHub Actions workflow commands
//! (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`),
//! which show as annotations on the pull request diff.

use std::io::{self, Write};

use super::{positions, Run};
use crate::diagnostic::Severity;
use crate::span::LineIndex;

/// Escape data per the workflow-command rules.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn write(run: &Run<'_>, w: &mut dyn Write) -> io::Result<()> {
    for e in run.errors {
        writeln!(
            w,
            "::error file={},title=koho.io::{}",
            property(&e.path),
            data(&e.message)
        )?;
    }
    for r in run.reports {
        let index = LineIndex::new(&r.source.text);
        for d in &r.diagnostics {
            let (s, e) = positions(&index, &r.source.text, d.span);
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut msg = d.message.to_string();
            if let Some(h) = &d.help {
                msg.push('\n');
                msg.push_str(h);
            }
            writeln!(
                w,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&r.source.name),
                s.line,
                s.column,
                e.line,
                e.column,
                property(&d.rule),
                data(&msg)
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_workflow_command_data() {
        assert_eq!(data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(property("x:y,z"), "x%3Ay%2Cz");
    }
}
