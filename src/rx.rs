//! koho's regex type: the `regex` crate's engine and semantics (Unicode,
//! leftmost-first, empty matches only at character boundaries), built
//! with [`regex_automata::meta`] so that a one-shot run (one release, say)
//! can build its regexes lean.
//!
//! Compiling regexes is most of a one-release run. Built as the `regex`
//! crate builds them, each regex gets a reverse NFA for its lazy DFA and,
//! when it starts with words (`お詫び|おわび|謝罪|…`), a literal
//! prefilter (a Teddy searcher and an Aho–Corasick DFA); all of that pays
//! for itself over many files, not over the few sentences one release
//! gives each regex. After [`set_one_shot`], regexes are built without
//! them (but for a few marked ones, which keep their prefilter:
//! [`Regex::prefiltered`]); a regex that has searched 4 KiB is built again
//! in full. Either way the matches are the same: the engines differ, not
//! the regex.
//!
//! `\p{Han}` is compiled as [`fast_han`] writes it, and an error names the
//! pattern as written, with the `regex` crate's message.

use std::borrow::Cow;
use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use regex_automata::meta;
use regex_automata::util::syntax;
use regex_automata::{Input, PatternID};

/// The `regex` crate's default limits, which koho's built-in patterns are
/// written for.
const NFA_SIZE_LIMIT: usize = 10 * (1 << 20);
const DFA_CACHE: usize = 2 * (1 << 20);

/// A compiled regex. Clones share the compiled program.
#[derive(Clone)]
pub struct Regex {
    engines: Arc<Engines>,
    pattern: Arc<str>,
}

/// The compiled forms of a regex.
struct Engines {
    /// What searches use, unless `full` has been built.
    first: meta::Regex,
    /// When `first` was built lean (see [`set_one_shot`]): the full build,
    /// made once the regex has searched [`FULL_AFTER`] bytes.
    full: Option<Later>,
}

/// A full build, made once a lean regex has done enough work.
struct Later {
    /// The pattern as compiled (after [`fast_han`]).
    source: Box<str>,
    options: Options,
    /// Bytes searched so far with the lean build.
    searched: AtomicUsize,
    /// `None` inside if the full build failed (a pattern near the size
    /// limit: the reverse NFA can be bigger than the forward one); the
    /// lean build then goes on.
    built: OnceLock<Option<meta::Regex>>,
}

/// How many bytes a lean regex searches before it is built in full. Most
/// regexes search a few sentences of a release, and never get there. (On
/// one release, 4 and 8 KiB did about as well and 0.5 to 2 KiB worse; on a
/// 40 KB file, 4 KiB did clearly better than 8.)
const FULL_AFTER: usize = 4 * 1024;

/// Are regexes built from now on lean? See [`set_one_shot`].
static ONE_SHOT: AtomicBool = AtomicBool::new(false);

/// Say whether this process lints only a little text (one release, say):
/// then regexes compiled from now on are built lean, without the lazy DFA
/// and the reverse NFA it needs, and without a literal prefilter unless
/// [`Regex::prefiltered`]. On a one-release run that is a quarter of all
/// the work: compiling the reverse NFAs costs more than the handful of
/// searches they would speed up, and a lazy DFA builds most of its states
/// for the first time. Lean regexes search with the bounded backtracker or
/// the PikeVM, which find the same matches; a regex that has searched
/// 4 KiB is compiled again in full, so a long text or many
/// files never run long on the slow engines.
pub fn set_one_shot(on: bool) {
    ONE_SHOT.store(on, Ordering::Relaxed);
}

/// Was [`set_one_shot`] last called with `true`?
pub fn one_shot() -> bool {
    ONE_SHOT.load(Ordering::Relaxed)
}

/// How a [`Regex`] is built.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The compiled-size limit of the pattern's NFA, in bytes.
    pub size_limit: usize,
    /// Keep the literal prefilter in a lean build too: for a regex that
    /// runs on nearly every sentence and starts with words, which the
    /// lean engines (slower per byte than a lazy DFA) then skip to.
    pub prefilter: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            size_limit: NFA_SIZE_LIMIT,
            prefilter: false,
        }
    }
}

/// Build `pattern` (already through [`fast_han`]) lean, or in full as the
/// `regex` crate does.
fn build(pattern: &str, options: Options, lean: bool) -> Result<meta::Regex, meta::BuildError> {
    let config = meta::Config::new()
        .match_kind(regex_automata::MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(options.size_limit))
        .hybrid_cache_capacity(DFA_CACHE)
        .auto_prefilter(!lean || options.prefilter)
        .hybrid(!lean);
    meta::Builder::new()
        .configure(config)
        .syntax(syntax::Config::new().utf8(true))
        .build(pattern)
}

impl Regex {
    /// Compile `pattern` with the `regex` crate's limits: lean in a
    /// one-shot run, else as the crate does.
    pub fn new(pattern: &str) -> Result<Regex, regex::Error> {
        Regex::with(pattern, Options::default())
    }

    /// Compile `pattern` with a prefilter even when lean (see
    /// [`Options::prefilter`]).
    pub fn prefiltered(pattern: &str) -> Result<Regex, regex::Error> {
        let options = Options {
            prefilter: true,
            ..Options::default()
        };
        Regex::with(pattern, options)
    }

    /// Compile `pattern` with `options`.
    pub fn with(pattern: &str, options: Options) -> Result<Regex, regex::Error> {
        Regex::built(pattern, options, ONE_SHOT.load(Ordering::Relaxed))
    }

    /// Compile `pattern` with `options`, lean or in full.
    fn built(pattern: &str, options: Options, lean: bool) -> Result<Regex, regex::Error> {
        let fast = fast_han(pattern);
        let (source, first) = match build(&fast, options, lean) {
            Ok(first) => (fast, first),
            // An error names the pattern as written.
            Err(e) if matches!(fast, Cow::Borrowed(_)) => return Err(error(e)),
            Err(_) => (
                Cow::Borrowed(pattern),
                build(pattern, options, lean).map_err(error)?,
            ),
        };
        let full = lean.then(|| Later {
            source: source.into(),
            options,
            searched: AtomicUsize::new(0),
            built: OnceLock::new(),
        });
        Ok(Regex {
            engines: Arc::new(Engines { first, full }),
            pattern: pattern.into(),
        })
    }

    /// The build to search `len` bytes with.
    #[inline]
    fn engine(&self, len: usize) -> &meta::Regex {
        let e = &*self.engines;
        e.full.as_ref().and_then(|l| l.get(len)).unwrap_or(&e.first)
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.engine(haystack.len()).is_match(haystack)
    }

    /// The leftmost-first match.
    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        let m = self.engine(haystack.len()).find(haystack)?;
        Some(Match::new(haystack, m.start(), m.end()))
    }

    /// The first match that starts at or after `start`, with the text
    /// before `start` seen by assertions such as `^` and `\b`.
    pub fn find_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Match<'h>> {
        let input = Input::new(haystack).range(start..);
        let m = self
            .engine(haystack.len().saturating_sub(start))
            .find(input)?;
        Some(Match::new(haystack, m.start(), m.end()))
    }

    /// The successive non-overlapping matches.
    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        self.engine(haystack.len())
            .find_iter(haystack)
            .map(move |m| Match::new(haystack, m.start(), m.end()))
    }

    /// The groups of the leftmost-first match.
    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        let engine = self.engine(haystack.len());
        let mut caps = engine.create_captures();
        engine.captures(haystack, &mut caps);
        caps.is_match().then_some(Captures { haystack, caps })
    }

    /// The groups of the successive non-overlapping matches.
    pub fn captures_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + 'r
    where
        'h: 'r,
    {
        self.engine(haystack.len())
            .captures_iter(haystack)
            .map(move |caps| Captures { haystack, caps })
    }

    /// `haystack` with every match replaced by `with`, taken literally
    /// (no `$group` expansion, unlike the `regex` crate).
    pub fn replace_all<'h>(&self, haystack: &'h str, with: &str) -> Cow<'h, str> {
        let mut matches = self.find_iter(haystack).peekable();
        if matches.peek().is_none() {
            return Cow::Borrowed(haystack);
        }
        let mut out = String::with_capacity(haystack.len());
        let mut last = 0;
        for m in matches {
            out.push_str(haystack.get(last..m.start()).unwrap_or_default());
            out.push_str(with);
            last = m.end();
        }
        out.push_str(haystack.get(last..).unwrap_or_default());
        Cow::Owned(out)
    }

    /// The names of the groups, by index (group 0, the whole match, has
    /// none).
    pub fn capture_names(&self) -> impl Iterator<Item = Option<&str>> + '_ {
        self.engines
            .first
            .group_info()
            .pattern_names(PatternID::ZERO)
    }
}

/// The `regex` crate's error for a failed build, as it makes it.
fn error(e: meta::BuildError) -> regex::Error {
    if let Some(limit) = e.size_limit() {
        regex::Error::CompiledTooBig(limit)
    } else if let Some(syntax) = e.syntax_error() {
        regex::Error::Syntax(syntax.to_string())
    } else {
        regex::Error::Syntax(e.to_string())
    }
}

impl Later {
    /// The full build, once `len` more bytes bring the lean one past
    /// [`FULL_AFTER`].
    #[inline]
    fn get(&self, len: usize) -> Option<&meta::Regex> {
        if let Some(built) = self.built.get() {
            return built.as_ref();
        }
        let seen = self.searched.fetch_add(len, Ordering::Relaxed);
        if seen.saturating_add(len) < FULL_AFTER {
            return None;
        }
        self.built
            .get_or_init(|| build(&self.source, self.options, false).ok())
            .as_ref()
    }
}

impl fmt::Debug for Regex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.pattern, f)
    }
}

/// A match: where it is and its text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Match<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    fn new(haystack: &'h str, start: usize, end: usize) -> Match<'h> {
        Match {
            haystack,
            start,
            end,
        }
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn as_str(&self) -> &'h str {
        // Matches start and end on character boundaries (`utf8_empty`).
        self.haystack.get(self.range()).unwrap_or_default()
    }
}

impl fmt::Debug for Match<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Match")
            .field("start", &self.start)
            .field("end", &self.end)
            .field("string", &self.as_str())
            .finish()
    }
}

/// The groups of one match.
pub struct Captures<'h> {
    haystack: &'h str,
    caps: regex_automata::util::captures::Captures,
}

impl<'h> Captures<'h> {
    /// Group `i` (0 is the whole match), if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        let s = self.caps.get_group(i)?;
        Some(Match::new(self.haystack, s.start, s.end))
    }

    /// The group named `name`, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        let s = self.caps.get_group_by_name(name)?;
        Some(Match::new(self.haystack, s.start, s.end))
    }

    /// The number of groups, the whole match included.
    pub fn len(&self) -> usize {
        self.caps.group_len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl fmt::Debug for Captures<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries((0..self.len()).map(|i| self.get(i)))
            .finish()
    }
}

/// The class that `\p{Han}` is compiled as (see [`fast_han`]).
const HAN: &str = r"[[\p{Han}&&\x{0}-\x{1FFFF}]\x{20000}-\x{3FFFF}]";

/// `pattern` with each `\p{Han}` written as a class that matches the same
/// characters but compiles faster: the two planes of ideographs
/// (U+20000–U+3FFFF, CJK extensions B and beyond) are taken whole,
/// unassigned code points included. Every assigned character there is a
/// Han ideograph (a test checks this), so any text matches as before. The
/// regex compiler turns that one range into one UTF-8 sequence, where the
/// script's exact ranges there took dozens: koho's built-in regexes, most
/// of a one-release run's work, compile about a tenth faster.
///
/// The class is bracketed, so it stands alone or inside another class
/// alike. An escaped backslash before `p{Han}` is left alone.
pub fn fast_han(pattern: &str) -> Cow<'_, str> {
    const NAME: &str = r"\p{Han}";
    if !pattern.contains(NAME) {
        return Cow::Borrowed(pattern);
    }
    let mut out = String::with_capacity(pattern.len() + 64);
    let mut rest = pattern;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with(NAME) {
            out.push_str(HAN);
            rest = &rest[NAME.len()..];
        } else {
            // A backslash and the character it escapes.
            let escaped = rest[1..].chars().next().map_or(0, char::len_utf8);
            out.push_str(&rest[..1 + escaped]);
            rest = &rest[1 + escaped..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters of a class, as regex-syntax resolves it.
    fn class(pattern: &str) -> regex_syntax::hir::ClassUnicode {
        match regex_syntax::Parser::new()
            .parse(pattern)
            .unwrap()
            .into_kind()
        {
            regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(c)) => c,
            other => panic!("{pattern}: {other:?}"),
        }
    }

    #[test]
    fn fast_han_is_han_on_every_assigned_character() {
        let mut differ = class(r"\p{Han}");
        differ.symmetric_difference(&class(HAN));
        // Only code points of planes 2 and 3 that are not assigned.
        let mut outside = differ.clone();
        outside.difference(&class(r"[\x{20000}-\x{3FFFF}&&\p{Cn}]"));
        assert!(outside.ranges().is_empty(), "{outside:?}");
        assert!(!differ.ranges().is_empty());
        // Every assigned character of those planes is Han (Unicode as
        // regex-syntax knows it): otherwise HAN would take in more.
        let mut other = class(r"[\x{20000}-\x{3FFFF}&&\P{Cn}]");
        other.difference(&class(r"\p{Han}"));
        assert!(other.ranges().is_empty(), "{other:?}");
    }

    #[test]
    fn fast_han_rewrites_the_class_alone_or_in_a_class() {
        assert!(matches!(fast_han("被害|損害"), Cow::Borrowed(_)));
        assert_eq!(fast_han(r"\p{Han}{2}"), format!("{HAN}{{2}}"));
        assert_eq!(fast_han(r"[\p{Han}ー]+"), format!("[{HAN}ー]+"));
        // An escaped backslash, then the letters p{Han}.
        assert_eq!(fast_han(r"\\p{Han}|\p{Han}"), format!(r"\\p{{Han}}|{HAN}"));
        assert_eq!(fast_han(r"\p{Hiragana}\"), r"\p{Hiragana}\");
        for (pattern, texts) in [
            (
                r"^[\p{Han}ー]{1,3}$",
                &["𠮷野", "々", "〇〇", "カナ", "ー", "a"][..],
            ),
            (r"[^\p{Han}]", &["𠮷", "漢字", "かな"]),
            (
                r"[[\p{Han}\p{Katakana}]--[本当]]市",
                &["本市", "北市", "𪚲市", "ア市"],
            ),
        ] {
            let fast = Regex::new(pattern).unwrap();
            let exact = regex::Regex::new(pattern).unwrap();
            for text in texts {
                let (f, e) = (fast.find(text), exact.find(text));
                assert_eq!(
                    f.map(|m| m.range()),
                    e.map(|m| m.range()),
                    "{pattern} {text}"
                );
            }
        }
    }

    #[test]
    fn a_bad_pattern_is_reported_as_written() {
        let e = Regex::new(r"\p{Han}(").unwrap_err().to_string();
        assert!(e.contains(r"\p{Han}("), "{e}");
        assert!(!e.contains("20000"), "{e}");
    }

    impl Regex {
        /// Has this lean regex been built in full?
        fn promoted(&self) -> bool {
            let full = self.engines.full.as_ref();
            full.is_some_and(|l| l.built.get().is_some_and(Option::is_some))
        }
    }

    /// `pattern` built every way: in full, lean (with and without a
    /// prefilter), and lean then in full.
    fn every_build(pattern: &str) -> Vec<Regex> {
        let options = Options::default();
        let mut builds = Vec::new();
        for lean in [false, true] {
            builds.push(Regex::built(pattern, options, lean).unwrap());
        }
        let prefilter = Options {
            prefilter: true,
            ..options
        };
        builds.push(Regex::built(pattern, prefilter, true).unwrap());
        let promoted = Regex::built(pattern, options, true).unwrap();
        promoted.is_match(&" ".repeat(FULL_AFTER));
        assert!(promoted.promoted());
        builds.push(promoted);
        builds
    }

    #[test]
    fn a_lean_regex_is_built_in_full_after_enough_text() {
        let re = Regex::built("被害|損害", Options::default(), true).unwrap();
        let sentence = "被害額は調査中です。";
        let mut searched = 0;
        while searched + sentence.len() < FULL_AFTER {
            assert!(re.is_match(sentence) && !re.promoted());
            searched += sentence.len();
        }
        assert!(re.is_match(sentence) && re.promoted());
        assert!(re.find(sentence).is_some());
        // A full build stays as it is.
        let full = Regex::built("被害", Options::default(), false).unwrap();
        full.is_match(&" ".repeat(2 * FULL_AFTER));
        assert!(full.engines.full.is_none());
        // A long text is searched in full at once.
        let lean = Regex::built("被害", Options::default(), true).unwrap();
        assert!(!lean.is_match(&" ".repeat(FULL_AFTER)) && lean.promoted());
    }

    /// Every search of a [`Regex`], built every way, as the `regex`
    /// crate's.
    fn same_as_the_regex_crate(pattern: &str, text: &str) {
        let theirs = regex::Regex::new(pattern).unwrap();
        let spans = |m: Option<Match<'_>>| m.map(|m| (m.range(), m.as_str().to_owned()));
        let their_spans =
            |m: Option<regex::Match<'_>>| m.map(|m| (m.range(), m.as_str().to_owned()));
        for ours in every_build(pattern) {
            assert_eq!(ours.as_str(), pattern);
            assert_eq!(
                ours.is_match(text),
                theirs.is_match(text),
                "{pattern} {text:?}"
            );
            assert_eq!(spans(ours.find(text)), their_spans(theirs.find(text)));
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                assert_eq!(
                    spans(ours.find_at(text, at)),
                    their_spans(theirs.find_at(text, at)),
                    "{pattern} {text:?} at {at}"
                );
            }
            let a: Vec<_> = ours.find_iter(text).map(|m| spans(Some(m))).collect();
            let b: Vec<_> = theirs
                .find_iter(text)
                .map(|m| their_spans(Some(m)))
                .collect();
            assert_eq!(a, b, "{pattern} {text:?}");
            let names: Vec<_> = ours.capture_names().collect();
            assert_eq!(names, theirs.capture_names().collect::<Vec<_>>());
            let groups =
                |c: &Captures<'_>| -> Vec<_> { (0..c.len()).map(|i| spans(c.get(i))).collect() };
            let their_groups = |c: &regex::Captures<'_>| -> Vec<_> {
                (0..c.len()).map(|i| their_spans(c.get(i))).collect()
            };
            assert_eq!(
                ours.captures(text).as_ref().map(groups),
                theirs.captures(text).as_ref().map(their_groups)
            );
            let a: Vec<_> = ours.captures_iter(text).map(|c| groups(&c)).collect();
            let b: Vec<_> = theirs
                .captures_iter(text)
                .map(|c| their_groups(&c))
                .collect();
            assert_eq!(a, b, "{pattern} {text:?}");
            for c in ours.captures_iter(text).zip(theirs.captures_iter(text)) {
                assert_eq!(spans(c.0.name("at")), their_spans(c.1.name("at")));
            }
            assert_eq!(ours.replace_all(text, "<>"), theirs.replace_all(text, "<>"));
        }
    }

    #[test]
    fn searches_match_the_regex_crate_on_examples() {
        for (pattern, text) in [
            ("被害|損害", "被害額と損害、被害"),
            (r"(?P<at>\d+)件|x*", "全3件、計12件"),
            ("", "あい"),
            (r"\b\w+\b", "foo bar"),
            ("^あ|い$", "あいあい"),
            (r"(ア)(イ)?(?P<at>ウ)", "アウ アイウ"),
            ("[^\\s\\S]", "なし"),
        ] {
            same_as_the_regex_crate(pattern, text);
        }
        let re = Regex::built("x", Options::default(), true).unwrap();
        assert!(matches!(re.replace_all("abc", ""), Cow::Borrowed("abc")));
        assert_eq!(format!("{re:?}"), r#""x""#);
    }

    #[test]
    fn errors_are_the_regex_crates() {
        for pattern in ["(", r"\p{Nope}", "a{5000000}"] {
            for lean in [false, true] {
                let ours = Regex::built(pattern, Options::default(), lean);
                let theirs = regex::Regex::new(pattern).unwrap_err().to_string();
                assert_eq!(ours.unwrap_err().to_string(), theirs);
            }
        }
        let tight = Options {
            size_limit: 100,
            prefilter: false,
        };
        assert!(matches!(
            Regex::with("[a-z]{50}", tight),
            Err(regex::Error::CompiledTooBig(100))
        ));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 1000,
            failure_persistence: None,
            ..Default::default()
        })]
        #[test]
        fn searches_match_the_regex_crate(
            a in crate::rules::literals::tests::small_regex(),
            b in crate::rules::literals::tests::small_regex(),
            text in "[abcあいう1 ]{0,12}",
        ) {
            same_as_the_regex_crate(&format!("({a})|(?P<at>{b})"), &text);
            same_as_the_regex_crate(&a, &text);
        }
    }
}
