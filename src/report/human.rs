//! `--format human`: each finding rendered by miette with the source
//! excerpt, the Japanese message and the help line; then a coverage card per
//! file (each of the thirteen elements ✓/✗/–, with evidence); then a
//! one-line summary. Colours only on a terminal (or `--color always`).

use std::fmt;
use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use rayon::prelude::*;
use unicode_width::UnicodeWidthStr;

use super::{Run, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::{LineIndex, Span};
use crate::FileReport;

/// The file's text under a name that carries the finding's position.
/// miette computes columns in bytes; koho shows character columns, so the
/// handler's own position is turned off and this name is shown instead.
struct Located<'a> {
    text: &'a str,
    index: &'a LineIndex,
    name: String,
}

impl SourceCode for Located<'_> {
    /// miette's own `read_span` for `str` scans from the start of the text,
    /// which makes rendering quadratic in the number of findings on large
    /// files; only the lines around the span are handed to it here, and its
    /// answer is shifted back to whole-file offsets and line numbers.
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let start = span.offset().min(self.text.len());
        let end = (span.offset() + span.len()).min(self.text.len());
        let first_line = self.index.line_of(start).saturating_sub(before);
        let last_line = self.index.line_of(end) + after + 1;
        let from = self.index.line_start(first_line).unwrap_or(0);
        let to = self
            .index
            .line_start(last_line)
            .unwrap_or(self.text.len())
            .max(end);
        // On very long lines (a file that is one 10 MB line) show only the
        // text around the span, not the whole line for every finding.
        let (from, to) = clip(self.text, self.index, from, to, start, end);
        let first_line = self.index.line_of(from);
        let window = self.text.get(from..to).unwrap_or("");
        let local = SourceSpan::new((start - from).into(), end - start);
        let c = window.read_span(&local, before, after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            c.data(),
            SourceSpan::new((c.span().offset() + from).into(), c.span().len()),
            c.line() + first_line,
            c.column(),
            c.line_count(),
        )))
    }
}

/// A line longer than this is shown only around the finding.
const LONG_LINE_BYTES: usize = 4096;
/// Bytes of context kept on each side of a finding on a long line.
const CONTEXT_BYTES: usize = 240;

/// `from..to` cut to at most [`CONTEXT_BYTES`] before `start` and after
/// `end`, on char boundaries, when the lines of the finding are longer than
/// [`LONG_LINE_BYTES`]; unchanged otherwise (every ordinary draft).
fn clip(
    text: &str,
    index: &LineIndex,
    from: usize,
    to: usize,
    start: usize,
    end: usize,
) -> (usize, usize) {
    let line_from = index.line_start(index.line_of(start)).unwrap_or(0);
    let line_to = index
        .line_start(index.line_of(end) + 1)
        .unwrap_or(text.len());
    if line_to - line_from <= LONG_LINE_BYTES + (end - start) {
        return (from, to);
    }
    let mut a = start.saturating_sub(CONTEXT_BYTES).max(from);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (end + CONTEXT_BYTES).min(to);
    while !text.is_char_boundary(b) {
        b += 1;
    }
    (a, b)
}

/// A finding spanning more lines than this (a missing element anchored on
/// a title or lead that is one huge paragraph) is drawn on its first line
/// only: the machine formats keep the whole span.
const MAX_SHOWN_LINES: usize = 8;

/// `span` as drawn: whole, or its first line when it spans more than
/// [`MAX_SHOWN_LINES`] lines.
fn shown_span(text: &str, index: &LineIndex, span: Span) -> Span {
    let span = span.clamp_to(text);
    let first = index.line_of(span.start);
    if index.line_of(span.end) - first <= MAX_SHOWN_LINES {
        return span;
    }
    let line_end = index
        .line_start(first + 1)
        .map_or(span.end, |next| next.saturating_sub(1))
        .clamp(span.start, span.end);
    Span::new(span.start, line_end)
}

struct Rendered<'a> {
    d: &'a Diagnostic,
    src: &'a Located<'a>,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.d.message)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.d.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.d.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let mut help = self.d.help.as_deref().unwrap_or_default().to_owned();
        if let Some(f) = &self.d.fix {
            if let Some(e) = f.edits.first() {
                let how = match f.applicability {
                    crate::diagnostic::Applicability::Safe => "（--fix で自動修正できます）",
                    crate::diagnostic::Applicability::Unsafe => "（修正候補）",
                };
                if !help.is_empty() {
                    help.push('\n');
                }
                if e.replacement.is_empty() {
                    help.push_str(&format!("修正: 削除{how}"));
                } else {
                    help.push_str(&format!("修正: 「{}」{how}", e.replacement));
                }
            }
        }
        (!help.is_empty()).then(|| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.src)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let shown = |span: Span| shown_span(self.src.text, self.src.index, span);
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(self.d.severity.label_ja().to_owned()),
            shown(self.d.span),
        )];
        labels.extend(
            self.d
                .labels
                .iter()
                .map(|l| LabeledSpan::new_with_span(Some(l.text.clone()), shown(l.span))),
        );
        Some(Box::new(labels.into_iter()))
    }
}

fn handler(run: &Run<'_>) -> GraphicalReportHandler {
    let theme = if run.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(run.width)
        .with_links(false)
        .with_context_lines(1)
        .without_primary_span_start()
}

/// One file's findings and, when it is shown, its coverage card.
fn file(
    run: &Run<'_>,
    h: &GraphicalReportHandler,
    r: &FileReport,
    release_rules: bool,
    single: bool,
    w: &mut dyn Write,
) -> io::Result<()> {
    if !run.summary_only {
        // Built on the first finding shown: with --quiet most files
        // show none.
        let mut index: Option<LineIndex> = None;
        let mut out = String::new();
        for d in &r.diagnostics {
            if run.quiet && d.severity != Severity::Error {
                continue;
            }
            let index = index.get_or_insert_with(|| LineIndex::new(&r.source.text));
            let p = index.position(&r.source.text, d.span.start);
            let src = Located {
                text: &r.source.text,
                index,
                name: format!("{}:{}:{}", r.source.name, p.line, p.column),
            };
            out.clear();
            if h.render_report(&mut out, &Rendered { d, src: &src })
                .is_err()
            {
                out = format!("{}: {} {}\n", r.source.name, d.rule, d.message);
            }
            writeln!(w, "{out}")?;
        }
    }
    // The card is about release content: shown when release rules run
    // (or when asked for with --summary). Over many files (a hook, a CI
    // gate) only the cards of files that miss a required element are
    // shown, so complete releases do not bury the findings.
    let incomplete = r.coverage.iter().any(|(_, ev)| ev.required && !ev.found);
    if !run.quiet && (run.summary_only || (release_rules && (single || incomplete))) {
        coverage_card(r, w)?;
    }
    Ok(())
}

/// Pad `s` to `width` display columns (CJK counts as two).
fn pad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn one_line(s: &str, max_chars: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > max_chars {
        format!("{}…", flat.chars().take(max_chars).collect::<String>())
    } else {
        flat
    }
}

pub fn coverage_card(r: &FileReport, w: &mut dyn Write) -> io::Result<()> {
    let text = &r.source.text;
    let index = LineIndex::new(text);
    writeln!(
        w,
        "{}  種別: {}（{}）",
        r.source.name,
        r.kind.kind.label_ja(),
        r.kind.reason
    )?;
    for (element, ev) in r.coverage.iter() {
        let mark = match (ev.found, ev.required) {
            (true, _) => "✓",
            (false, true) => "✗",
            (false, false) => "–",
        };
        let evidence = match ev.span {
            Some(span) => {
                let p = index.position(text, span.start);
                format!("{}行目「{}」", p.line, one_line(span.slice(text), 30))
            }
            None if ev.required => "見つかりません".to_owned(),
            None => "（この種別では必須ではありません）".to_owned(),
        };
        writeln!(w, "  {mark} {} {evidence}", pad(element.label_ja(), 26))?;
    }
    writeln!(w)
}

pub fn write(run: &Run<'_>, w: &mut dyn Write) -> io::Result<()> {
    for e in run.errors {
        writeln!(w, "  × {}: {}\n", e.path, e.message)?;
    }
    // Files are rendered independently, in parallel (miette's layout is
    // most of the time of a run with many findings), and written in order.
    let h = handler(run);
    let release_rules = run
        .settings
        .enabled
        .iter()
        .any(|id| id.starts_with("release."));
    let single = run.reports.len() + run.errors.len() == 1;
    // A batch at a time, so that only a batch's output is held twice.
    for batch in run.reports.chunks(64) {
        if let [r] = batch {
            // Nothing to run beside it: no copy (one huge file).
            file(run, &h, r, release_rules, single, w)?;
            continue;
        }
        let rendered: Vec<Vec<u8>> = batch
            .par_iter()
            .map(|r| {
                let mut out = Vec::new();
                // Writing to a Vec cannot fail.
                let _ = file(run, &h, r, release_rules, single, &mut out);
                out
            })
            .collect();
        for r in &rendered {
            w.write_all(r)?;
        }
    }
    let s = Summary::of(run.reports, run.errors);
    writeln!(
        w,
        "{} ファイル: エラー {} 件、警告 {} 件、情報 {} 件{}",
        s.files,
        s.errors,
        s.warnings,
        s.infos,
        if s.file_errors > 0 {
            format!("、読めないファイル {} 件", s.file_errors)
        } else {
            String::new()
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_over_many_lines_is_drawn_on_its_first() {
        let text = "タイトル\n\n".to_owned() + &"長い段落の一行です\n".repeat(20);
        let index = LineIndex::new(&text);
        let start = text.find("長い").unwrap();
        let whole = Span::new(start, text.len() - 1);
        let shown = shown_span(&text, &index, whole);
        assert_eq!(shown.slice(&text), "長い段落の一行です");
        // A few lines are drawn whole.
        let short = Span::new(start, start + "長い段落の一行です\n".len() * 3);
        assert_eq!(shown_span(&text, &index, short), short);
    }
}
