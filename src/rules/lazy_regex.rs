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

use regex::{Regex, RegexBuilder};

/// The compiled-size limit of rule regexes (the `regex` crate's default is
/// 10 MiB; a rule needing more is a mistake).
pub const SIZE_LIMIT: usize = 1 << 22;

/// Compile a rule regex with koho's limits.
pub fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern).size_limit(SIZE_LIMIT).build()
}

/// A regex that derefs to [`Regex`], compiling itself the first time.
#[derive(Clone)]
pub struct LazyRegex {
    pattern: Box<str>,
    compiled: OnceLock<Regex>,
}

impl LazyRegex {
    /// Compile now: the pattern comes from a user's file.
    pub fn eager(pattern: &str) -> Result<Self, regex::Error> {
        let compiled = OnceLock::new();
        let _ = compiled.set(compile(pattern)?);
        Ok(LazyRegex {
            pattern: pattern.into(),
            compiled,
        })
    }

    /// Compile on first use: the pattern is built in and known to compile.
    pub fn lazy(pattern: &str) -> Self {
        LazyRegex {
            pattern: pattern.into(),
            compiled: OnceLock::new(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// Compile it now, if no one has yet.
    pub fn warm_up(&self) {
        let _: &Regex = self;
    }

    /// Has it been compiled (by a use or a warm-up)?
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
    fn eager_reports_a_bad_pattern_and_lazy_never_panics() {
        assert!(LazyRegex::eager("(").is_err());
        let bad = LazyRegex::lazy("(");
        assert!(!bad.is_match("("));
        assert!(!never().is_match("anything\n"));
    }
}
