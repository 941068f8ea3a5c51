//! `metric`: a number per sentence (length in characters, a count of
//! matches, the longest run of matching characters) compared to `max`,
//! which users can change with `[rules."ID"] max = N`. For `length`,
//! characters inside matches of `exclude` (URLs, say) are not counted.

use crate::rules::lazy_regex::LazyRegex;

use super::Common;
use crate::diagnostic::Diagnostic;
use crate::rules::pattern::TokenSeq;
use crate::rules::{render, Ctx, Reach, Rule, RuleMeta};
use crate::span::Span;

pub enum Measure {
    /// Characters in the sentence.
    Length,
    /// Matches of a regex in the sentence.
    Count(LazyRegex),
    /// Longest run of consecutive characters matching a one-character regex.
    Run(LazyRegex),
}

pub struct Metric {
    pub meta: RuleMeta,
    pub common: Common,
    pub measure: Measure,
    pub max: i64,
}

/// The longest run and its byte range.
fn longest_run(re: &crate::rx::Regex, text: &str) -> (usize, Span) {
    let mut best = (0, Span::default());
    let mut cur = (0, 0usize);
    let mut buf = [0u8; 4];
    for (i, c) in text.char_indices() {
        if re.is_match(c.encode_utf8(&mut buf)) {
            if cur.0 == 0 {
                cur.1 = i;
            }
            cur.0 += 1;
            if cur.0 > best.0 {
                best = (cur.0, Span::new(cur.1, i + c.len_utf8()));
            }
        } else {
            cur.0 = 0;
        }
    }
    best
}

impl Rule for Metric {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        self.common.reach()
    }

    fn token_seqs(&self) -> Vec<&TokenSeq> {
        self.common.token_seqs()
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let max = ctx.options.int("max", self.max).max(0) as usize;
        for unit in self.common.units(ctx).iter() {
            for s in unit {
                let (value, range) = match &self.measure {
                    Measure::Length => {
                        // Excluded text only lowers the length: a sentence
                        // within `max` as it stands needs no exclusion search.
                        let chars = s.text.chars().count();
                        if chars <= max {
                            continue;
                        }
                        let mut ranges = Vec::new();
                        for p in &self.common.exclude.patterns {
                            p.push_ranges(ctx, s, &mut ranges);
                        }
                        let excluded: usize = ranges
                            .iter()
                            .map(|r| r.slice(&s.text).chars().count())
                            .sum();
                        let n = chars.saturating_sub(excluded);
                        (n, Span::new(0, s.text.len()))
                    }
                    Measure::Count(re) => {
                        let ms: Vec<_> = re.find_iter(&s.text).collect();
                        let range = ms.get(max).map_or(Span::new(0, s.text.len()), |m| {
                            Span::new(m.start(), m.end())
                        });
                        (ms.len(), range)
                    }
                    Measure::Run(re) => longest_run(re, &s.text),
                };
                if value > max {
                    let v = value.to_string();
                    let m = max.to_string();
                    let text = range.slice(&s.text);
                    let vars = [("value", v.as_str()), ("max", m.as_str()), ("match", text)];
                    out.push(
                        Diagnostic::new(
                            &self.meta.id,
                            ctx.severity,
                            s.source_span(ctx.doc, range),
                            render(&self.meta.message, &vars),
                        )
                        .with_help(render(&self.meta.help, &vars)),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::coverage::DocKind;
    use crate::rules::{spec, Registry};
    use crate::token::Tokenizer;
    use crate::{lint, Settings, Source};

    #[test]
    fn length_does_not_count_excluded_text() {
        let rule = "[[rule]]\nid = \"t.len\"\nkind = \"metric\"\nmeasure = \"length\"\nmax = 20\nmessage = \"{value}\"\nexclude = [{ regex = \"https?://[!-~]+\" }]\n";
        let mut reg = Registry::default();
        for r in spec::load("t.toml", rule, "test").unwrap() {
            reg.insert(r).unwrap();
        }
        let mut s = Settings::new(Arc::new(reg), Arc::new(Tokenizer::new().unwrap()));
        s.default_kind = Some(DocKind::Announcement);
        let count = |text: &str| {
            lint(Source::new("t.md", text), &s)
                .diagnostics
                .into_iter()
                .map(|d| d.message)
                .collect::<Vec<_>>()
        };
        let url =
            "# t\n\n詳細は https://example.com/a/very/long/path/index.html をご覧ください。\n";
        assert!(count(url).is_empty());
        let long = "# t\n\n詳細は当社のウェブサイトにある製品紹介のページをご覧ください。\n";
        assert_eq!(count(long), vec!["31".to_owned()]);
    }
}
