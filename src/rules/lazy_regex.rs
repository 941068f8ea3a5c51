//! Regexes of data rules that compile on first use.
//!
//! Compiling the built-in rules' regexes is most of koho's start-up time,
//! and many are never needed: `koho explain` and `koho rules` need none, and
//! a check needs an exclusion or context pattern only once its rule has
//! matched something. Built-in patterns are therefore compiled lazily (a
//! test compiles every one of them eagerly, so a typo cannot hide). Patterns
//! from user rule files are compiled when the file is loaded, so that a bad
//! regex is reported with its place in the TOML before anything is linted.

use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

use crate::rx::{Options, Regex};

use crate::span::Span;

/// The compiled-size limit of rule regexes (the `regex` crate's default is
/// 10 MiB; a rule needing more is a mistake).
pub const SIZE_LIMIT: usize = 1 << 22;

/// Compile a rule regex with koho's limits (see [`crate::rx`]).
pub fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::with(
        pattern,
        Options {
            size_limit: SIZE_LIMIT,
            ..Options::default()
        },
    )
}

/// A regex that derefs to [`Regex`], compiling itself the first time.
#[derive(Clone)]
pub struct LazyRegex {
    pattern: Box<str>,
    compiled: OnceLock<Regex>,
    /// The index of the group named `at`, if the pattern has one.
    at: OnceLock<Option<usize>>,
}

impl LazyRegex {
    /// Compile now: the pattern comes from a user's file.
    pub fn eager(pattern: &str) -> Result<Self, regex::Error> {
        let compiled = OnceLock::new();
        let _ = compiled.set(compile(pattern)?);
        Ok(LazyRegex {
            pattern: pattern.into(),
            compiled,
            at: OnceLock::new(),
        })
    }

    /// Compile on first use: the pattern is built in and known to compile.
    pub fn lazy(pattern: &str) -> Self {
        LazyRegex {
            pattern: pattern.into(),
            compiled: OnceLock::new(),
            at: OnceLock::new(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// The ranges this regex points at in `text`, left to right, empty ones
    /// left out: each match's, or, when the pattern names a group `at`, that
    /// group's. The group lets a rule require context around what it points
    /// at, as a look-behind would (`regex` has none): with
    /// `(アプリ|サイト)(?P<at>「[^」]+」)`, 「決済アプリ「サンプルペイ」」
    /// points at 「サンプルペイ」, so an exclusion of the bare word
    /// 「決済アプリ」 does not overlap it. A match in which the group takes
    /// no part (another branch of an alternation) points at the whole match.
    pub fn spans<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Span> + 't {
        let at = *self
            .at
            .get_or_init(|| self.capture_names().position(|n| n == Some("at")));
        let mut whole = at.is_none().then(|| self.find_iter(text));
        let mut groups = at.map(|i| (i, self.captures_iter(text)));
        std::iter::from_fn(move || loop {
            let m = match (&mut whole, &mut groups) {
                (Some(it), _) => it.next()?,
                (None, Some((i, it))) => {
                    let c = it.next()?;
                    c.get(*i).or_else(|| c.get(0))?
                }
                (None, None) => return None,
            };
            if !m.as_str().is_empty() {
                return Some(Span::new(m.start(), m.end()));
            }
        })
    }

    /// Has it been compiled (by a use)?
    pub fn is_compiled(&self) -> bool {
        self.compiled.get().is_some()
    }
}

impl Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            // Only built-in patterns are lazy, and `builtin_patterns_compile`
            // (src/rules/spec.rs) compiles each of them in the test suite.
            // Should one still fail, it matches nothing rather than panic.
            compile(&self.pattern).unwrap_or_else(|_| never())
        })
    }
}

/// A regex that matches nothing.
fn never() -> Regex {
    static_regex!(r"[^\s\S]").clone()
}

impl fmt::Debug for LazyRegex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.pattern, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lazy_and_eager_regexes_match_alike() {
        let lazy = LazyRegex::lazy("被害|損害");
        let eager = LazyRegex::eager("被害|損害").unwrap();
        assert!(!lazy.is_compiled() && eager.is_compiled());
        for text in ["被害額", "損害", "なし"] {
            assert_eq!(lazy.is_match(text), eager.is_match(text), "{text}");
        }
        assert_eq!(lazy.as_str(), "被害|損害");
    }

    #[test]
    fn a_group_named_at_is_where_a_match_points() {
        let re = LazyRegex::lazy("(アプリ|サイト)(?P<at>「[^」]+」)|「[^」]+店」");
        let text = "決済アプリ「サンプルペイ」と「駅前店」、製品「ミニ」";
        let got: Vec<&str> = re.spans(text).map(|r| r.slice(text)).collect();
        assert_eq!(got, ["「サンプルペイ」", "「駅前店」"]);
        let plain = LazyRegex::lazy("「[^」]+」|x*");
        let got: Vec<&str> = plain.spans(text).map(|r| r.slice(text)).collect();
        assert_eq!(got, ["「サンプルペイ」", "「駅前店」", "「ミニ」"]);
    }

    #[test]
    fn eager_reports_a_bad_pattern_and_lazy_never_panics() {
        assert!(LazyRegex::eager("(").is_err());
        let bad = LazyRegex::lazy("(");
        assert!(!bad.is_match("("));
        assert!(!never().is_match("anything\n"));
    }
}
