//! Inline control comments:
//! `<!-- koho-disable [ID…] -->` … `<!-- koho-enable [ID…] -->` and
//! `<!-- koho-disable-next-line [ID…] -->`. No ID means every rule; an ID may
//! be a prefix such as `ja.`.

use crate::span::{LineIndex, Span};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive {
    Disable(Vec<String>),
    Enable(Vec<String>),
    DisableNextLine(Vec<String>),
}

/// Extract directives from one HTML event (it may hold several comments).
pub fn parse_directive(html: &str, range: Span) -> Vec<(Directive, Span)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<!--") {
        let after = &rest[open + 4..];
        let Some(close) = after.find("-->") else {
            break;
        };
        let body = after[..close].trim();
        let mut words = body.split_whitespace();
        let ids = |w: std::str::SplitWhitespace| {
            w.map(|s| s.trim_matches(',').to_owned())
                .filter(|s| !s.is_empty())
                .collect()
        };
        match words.next() {
            Some("koho-disable") => out.push((Directive::Disable(ids(words)), range)),
            Some("koho-enable") => out.push((Directive::Enable(ids(words)), range)),
            Some("koho-disable-next-line") => {
                out.push((Directive::DisableNextLine(ids(words)), range))
            }
            _ => {}
        }
        rest = &after[close + 3..];
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Range {
    span: Span,
    /// Empty: every rule.
    ids: Vec<String>,
}

/// Byte ranges in which some or all rules are silenced.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    ranges: Vec<Range>,
}

fn matches(ids: &[String], rule: &str) -> bool {
    ids.is_empty()
        || ids
            .iter()
            .any(|id| rule == id || (id.ends_with('.') && rule.starts_with(id.as_str())))
}

impl Suppressions {
    pub fn build(src: &str, directives: Vec<(Directive, Span)>) -> Self {
        // Most drafts have no directive: skip indexing their lines.
        if directives.is_empty() {
            return Self::default();
        }
        let lines = LineIndex::new(src);
        let mut ranges = Vec::new();
        let mut open: Vec<(Vec<String>, usize)> = Vec::new();
        for (d, span) in directives {
            match d {
                Directive::Disable(ids) => open.push((ids, span.end)),
                Directive::Enable(ids) => {
                    let (closing, keep): (Vec<_>, Vec<_>) = open.into_iter().partition(|(o, _)| {
                        ids.is_empty() || o == &ids || o.iter().all(|i| ids.contains(i))
                    });
                    open = keep;
                    for (ids, start) in closing {
                        ranges.push(Range {
                            span: Span::new(start, span.start),
                            ids,
                        });
                    }
                }
                Directive::DisableNextLine(ids) => {
                    // The next line that has any text after the comment's line.
                    let mut line = lines.line_of(span.end.saturating_sub(1)) + 1;
                    while let Some(start) = lines.line_start(line) {
                        let end = lines.line_start(line + 1).unwrap_or(src.len());
                        if !src.get(start..end).unwrap_or("").trim().is_empty() {
                            ranges.push(Range {
                                span: Span::new(start, end),
                                ids,
                            });
                            break;
                        }
                        line += 1;
                    }
                }
            }
        }
        for (ids, start) in open {
            ranges.push(Range {
                span: Span::new(start, src.len()),
                ids,
            });
        }
        Self { ranges }
    }

    /// Is a finding of `rule` at `span` silenced?
    pub fn is_suppressed(&self, rule: &str, span: Span) -> bool {
        self.ranges.iter().any(|r| {
            r.span.start <= span.start
                && span.start < r.span.end.max(r.span.start + 1)
                && matches(&r.ids, rule)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(src: &str) -> Suppressions {
        let mut ds = Vec::new();
        let mut at = 0;
        while let Some(i) = src[at..].find("<!--") {
            let s = at + i;
            let e = s + src[s..].find("-->").unwrap() + 3;
            ds.extend(parse_directive(&src[s..e], Span::new(s, e)));
            at = e;
        }
        Suppressions::build(src, ds)
    }

    #[test]
    fn disable_enable_ranges_and_prefixes() {
        let src = "あ\n<!-- koho-disable ja. -->\nい\n<!-- koho-enable ja. -->\nう\n";
        let s = build(src);
        let b = src.find('い').unwrap();
        let c = src.find('う').unwrap();
        assert!(s.is_suppressed("ja.max-ten", Span::new(b, b + 1)));
        assert!(!s.is_suppressed("release.missing-hotline", Span::new(b, b + 1)));
        assert!(!s.is_suppressed("ja.max-ten", Span::new(c, c + 1)));
        assert!(!s.is_suppressed("ja.max-ten", Span::new(0, 1)));
    }

    #[test]
    fn next_line_only() {
        let src = "<!-- koho-disable-next-line -->\n\nえ\nお\n";
        let s = build(src);
        let x = src.find('え').unwrap();
        let y = src.find('お').unwrap();
        assert!(s.is_suppressed("any.rule", Span::new(x, x + 1)));
        assert!(!s.is_suppressed("any.rule", Span::new(y, y + 1)));
    }
}
