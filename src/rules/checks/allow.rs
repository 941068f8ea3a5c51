//! `allow` lists of the textlint-compatible rules (`ja.no-exclamation`,
//! `ja.unnatural-alphabet`): each entry is a literal string, or a regex
//! written as `/…/` (textlint's "RegExp-like String").

use crate::rx::{Options, Regex};

use crate::span::Span;

pub enum AllowPattern {
    Literal(String),
    Regex(Regex),
}

impl AllowPattern {
    /// `/re/` compiles as a regex; anything else (including a `/…/` that is
    /// not a valid regex) is taken literally, so a typo never panics.
    pub fn parse(s: &str) -> Option<AllowPattern> {
        if s.is_empty() {
            return None;
        }
        if s.len() > 2 && s.starts_with('/') && s.ends_with('/') {
            if let Some(re) = s.get(1..s.len() - 1).and_then(|body| {
                let options = Options {
                    size_limit: 1 << 20,
                    ..Options::default()
                };
                Regex::with(body, options).ok()
            }) {
                return Some(AllowPattern::Regex(re));
            }
        }
        Some(AllowPattern::Literal(s.to_owned()))
    }

    /// Ranges of `text` this entry covers.
    pub fn ranges(&self, text: &str) -> Vec<Span> {
        match self {
            AllowPattern::Literal(l) => text
                .match_indices(l.as_str())
                .map(|(i, m)| Span::new(i, i + m.len()))
                .collect(),
            AllowPattern::Regex(re) => re
                .find_iter(text)
                .filter(|m| !m.as_str().is_empty())
                .map(|m| Span::new(m.start(), m.end()))
                .collect(),
        }
    }
}

/// Ranges of `text` covered by any of `patterns`.
pub fn covered(patterns: &[AllowPattern], text: &str) -> Vec<Span> {
    patterns.iter().flat_map(|p| p.ranges(text)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_and_regex_entries() {
        let lit = AllowPattern::parse("Yahoo!").unwrap();
        assert_eq!(
            lit.ranges("Yahoo!とYahoo!"),
            vec![Span::new(0, 6), Span::new(9, 15)]
        );
        let re = AllowPattern::parse("/[A-Z]社/").unwrap();
        assert_eq!(re.ranges("取引先のB社"), vec![Span::new(12, 16)]);
        // An invalid regex is kept as a literal, not an error.
        let bad = AllowPattern::parse("/(/").unwrap();
        assert!(matches!(bad, AllowPattern::Literal(_)));
        assert!(AllowPattern::parse("").is_none());
    }
}
