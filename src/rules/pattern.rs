//! Patterns of data rules, compiled once when the registry is built:
//! regexes over a unit's plain text, and token sequences matched on
//! surface, base form and POS.

use super::lazy_regex::LazyRegex;

use crate::sentence::Sentence;
use crate::span::Span;
use crate::token::Token;

/// One token matcher. Each field is a regex that must match the whole
/// value; `pos` is comma-separated levels matched from the top
/// (`名詞,固有名詞` matches 名詞/固有名詞/組織).
#[derive(Debug, Clone)]
pub struct TokenMatcher {
    pub surface: Option<LazyRegex>,
    pub base: Option<LazyRegex>,
    pub pos: Vec<LazyRegex>,
    /// Matches any token that does NOT satisfy the fields above.
    pub negate: bool,
}

impl TokenMatcher {
    pub fn matches(&self, t: &Token) -> bool {
        let ok = self.surface.as_ref().is_none_or(|r| r.is_match(&t.surface))
            && self.base.as_ref().is_none_or(|r| r.is_match(&t.base))
            && self
                .pos
                .iter()
                .zip(t.pos.iter())
                .all(|(r, p)| r.is_match(p));
        ok != self.negate
    }
}

#[derive(Debug, Clone)]
pub enum Pattern {
    Regex(LazyRegex),
    Tokens(Vec<TokenMatcher>),
}

/// A match inside one sentence: its range in the sentence text and, for
/// regexes, the named/numbered captures needed by message templates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub range: Span,
    pub text: String,
}

/// A non-empty regex match as a [`Match`].
fn regex_match(m: regex::Match<'_>) -> Option<Match> {
    (!m.as_str().is_empty()).then(|| Match {
        range: Span::new(m.start(), m.end()),
        text: m.as_str().to_owned(),
    })
}

impl Pattern {
    /// All non-overlapping matches in a sentence.
    pub fn find_all(&self, s: &Sentence) -> Vec<Match> {
        match self {
            Pattern::Regex(re) => re.find_iter(&s.text).filter_map(regex_match).collect(),
            Pattern::Tokens(seq) => find_token_seq(seq, &s.tokens, &s.text),
        }
    }

    pub fn find_first(&self, s: &Sentence) -> Option<Match> {
        match self {
            Pattern::Regex(re) => re.find_iter(&s.text).find_map(regex_match),
            Pattern::Tokens(seq) => find_token_seq(seq, &s.tokens, &s.text).into_iter().next(),
        }
    }

    pub fn is_match_text(&self, s: &Sentence) -> bool {
        self.find_first(s).is_some()
    }
}

fn find_token_seq(seq: &[TokenMatcher], tokens: &[Token], text: &str) -> Vec<Match> {
    let mut out = Vec::new();
    if seq.is_empty() || tokens.len() < seq.len() {
        return out;
    }
    let mut i = 0;
    while i + seq.len() <= tokens.len() {
        let window = &tokens[i..i + seq.len()];
        if seq.iter().zip(window).all(|(m, t)| m.matches(t)) {
            let range = Span::new(window[0].range.start, window[seq.len() - 1].range.end);
            out.push(Match {
                range,
                text: range.slice(text).to_owned(),
            });
            i += seq.len();
        } else {
            i += 1;
        }
    }
    out
}

/// Any of several patterns.
#[derive(Debug, Clone, Default)]
pub struct PatternSet {
    pub patterns: Vec<Pattern>,
}

impl PatternSet {
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// All matches of all patterns, sorted by position, overlaps removed
    /// (the earlier, then longer, match wins).
    pub fn find_all(&self, s: &Sentence) -> Vec<Match> {
        let mut all: Vec<Match> = self.patterns.iter().flat_map(|p| p.find_all(s)).collect();
        all.sort_by(|a, b| {
            a.range
                .start
                .cmp(&b.range.start)
                .then(b.range.end.cmp(&a.range.end))
        });
        let mut out: Vec<Match> = Vec::with_capacity(all.len());
        for m in all {
            if out.last().is_some_and(|l| l.range.end > m.range.start) {
                continue;
            }
            out.push(m);
        }
        out
    }

    pub fn find_first(&self, s: &Sentence) -> Option<Match> {
        self.patterns
            .iter()
            .filter_map(|p| p.find_first(s))
            .min_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)))
    }

    pub fn matches(&self, s: &Sentence) -> bool {
        self.patterns.iter().any(|p| p.is_match_text(s))
    }

    /// Does any match overlap `range`?
    pub fn overlaps(&self, s: &Sentence, range: Span) -> bool {
        self.patterns
            .iter()
            .flat_map(|p| p.find_all(s))
            .any(|m| m.range.overlaps(range) || (m.range.is_empty() && range.contains(m.range)))
    }
}
