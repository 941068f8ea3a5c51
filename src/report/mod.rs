//! Reporters: each output format is one file with one function over the
//! whole run. Positions are computed here, at the edge, from byte spans.

pub mod compact;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::Severity;
use crate::span::{LineIndex, Position, Span};
use crate::{FileError, FileReport, Settings};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette diagnostics with the source excerpt and a coverage card.
    Human,
    /// The stable JSON contract (version 1).
    Json,
    /// SARIF 2.1.0 for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
    /// One line per finding: path:line:col: severity rule message.
    Compact,
}

/// Totals over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files that could not be read or decoded.
    #[serde(skip_serializing_if = "is_zero")]
    pub file_errors: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    pub fn of(reports: &[FileReport], errors: &[FileError]) -> Self {
        let mut s = Summary {
            files: reports.len() + errors.len(),
            file_errors: errors.len(),
            ..Summary::default()
        };
        for r in reports {
            s.errors += r.count(Severity::Error);
            s.warnings += r.count(Severity::Warning);
            s.infos += r.count(Severity::Info);
        }
        s
    }
}

/// What a reporter is given.
pub struct Run<'a> {
    pub reports: &'a [FileReport],
    pub errors: &'a [FileError],
    pub settings: &'a Settings,
    /// Human output: colours and width.
    pub color: bool,
    pub width: usize,
    /// Human output: only the coverage cards.
    pub summary_only: bool,
    pub quiet: bool,
}

pub fn write(format: Format, run: &Run<'_>, w: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => human::write(run, w),
        Format::Json => json::write(run, w),
        Format::Sarif => sarif::write(run, w),
        Format::Github => github::write(run, w),
        Format::Compact => compact::write(run, w),
    }
}

/// Start and end positions of a span in a report's source.
pub fn positions(index: &LineIndex, text: &str, span: Span) -> (Position, Position) {
    (
        index.position(text, span.start),
        index.position(text, span.end),
    )
}
