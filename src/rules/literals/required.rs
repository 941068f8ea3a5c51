//! Which literals every match of a regex contains (see the parent
//! module). This file is shared with the build script (`build.rs`), which
//! works out the built-in rules' literals ahead of time: it depends on
//! `regex_syntax` alone.

use regex_syntax::hir::{Class, Hir, HirKind};

/// At most this many literals stand for one alternation (a list of words
/// is fine; beyond this, a regex is not worth filtering).
const MAX_LITERALS: usize = 512;
/// At most this many literals come of joining neighbours
/// (「(ウェブ|公式)(サイト|ページ)」 makes 4): past this, the run of
/// neighbours is cut instead.
const MAX_JOINED: usize = 64;
/// A class of at most this many characters stands for its characters.
const MAX_CLASS_CHARS: u32 = 8;

/// Strings of which every match of a sub-expression contains one.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Needs {
    strings: Vec<String>,
    /// Each match *is* one of `strings` (a literal, an alternation of
    /// literals, a small class): two exact neighbours in a concatenation
    /// join into longer literals.
    exact: bool,
}

impl Needs {
    fn exact(strings: Vec<String>) -> Needs {
        Needs {
            strings,
            exact: true,
        }
    }

    /// How well the literals filter: the shortest one's length in
    /// characters first (「、」 is everywhere, 「教育委員会」 is not), then
    /// fewer literals.
    fn score(&self) -> (usize, std::cmp::Reverse<usize>) {
        let shortest = self
            .strings
            .iter()
            .map(|s| s.chars().count())
            .min()
            .unwrap_or(0);
        (shortest, std::cmp::Reverse(self.strings.len()))
    }
}

/// The literals every match of `pattern` (compiled with `regex`'s default
/// flags) contains one of, or `None` when there is no such list worth
/// using: a match may be empty, or may consist of class characters only
/// (「[\p{Han}]{2,}」), or would need too many literals.
pub fn required(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let needs = needs(&hir)?;
    if needs.strings.is_empty() || needs.strings.iter().any(String::is_empty) {
        return None;
    }
    Some(needs.strings)
}

fn needs(hir: &Hir) -> Option<Needs> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(Needs::exact(vec![String::new()])),
        HirKind::Literal(lit) => Some(Needs::exact(vec![std::str::from_utf8(&lit.0)
            .ok()?
            .to_owned()])),
        HirKind::Class(Class::Unicode(class)) => {
            let count: u32 = class
                .ranges()
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            if count == 0 || count > MAX_CLASS_CHARS {
                return None;
            }
            let chars = class
                .ranges()
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .map(String::from)
                .collect();
            Some(Needs::exact(chars))
        }
        HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Capture(cap) => needs(&cap.sub),
        HirKind::Repetition(rep) => {
            if rep.min == 0 {
                return None;
            }
            let mut inner = needs(&rep.sub)?;
            inner.exact &= rep.min == 1 && rep.max == Some(1);
            Some(inner)
        }
        HirKind::Alternation(alts) => {
            let mut strings: Vec<String> = Vec::new();
            let mut exact = true;
            for alt in alts {
                let n = needs(alt)?;
                exact &= n.exact;
                strings.extend(n.strings);
            }
            strings.sort();
            strings.dedup();
            (strings.len() <= MAX_LITERALS).then_some(Needs { strings, exact })
        }
        HirKind::Concat(parts) => concat(parts),
    }
}

/// A concatenation needs what any one part needs; runs of exact parts
/// join into longer literals (「(ウェブ|公式)(サイト|ページ)」). The best
/// filter of these is kept.
fn concat(parts: &[Hir]) -> Option<Needs> {
    let mut best: Option<Needs> = None;
    let mut keep = |n: Needs| {
        if best.as_ref().is_none_or(|b| n.score() > b.score()) {
            best = Some(n);
        }
    };
    let mut run: Option<Vec<String>> = None;
    let mut all_exact = true;
    let mut whole = true;
    for part in parts {
        match needs(part) {
            Some(n) if n.exact => {
                let joined = match run.take() {
                    None => Some(n.strings),
                    Some(prev) if prev.len() * n.strings.len() <= MAX_JOINED => Some(
                        prev.iter()
                            .flat_map(|a| n.strings.iter().map(move |b| format!("{a}{b}")))
                            .collect(),
                    ),
                    Some(prev) => {
                        // Too many combinations: the run ends here.
                        whole = false;
                        keep(Needs::exact(prev));
                        Some(n.strings)
                    }
                };
                run = joined;
            }
            other => {
                all_exact = false;
                if let Some(prev) = run.take() {
                    keep(Needs::exact(prev));
                }
                if let Some(n) = other {
                    keep(n);
                }
            }
        }
    }
    if let Some(prev) = run.take() {
        if all_exact && whole {
            return Some(Needs::exact(prev));
        }
        keep(Needs::exact(prev));
    }
    best.map(|mut b| {
        b.exact = false;
        b
    })
}
