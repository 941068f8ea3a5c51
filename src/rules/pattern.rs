//! Patterns of data rules, compiled once when the registry is built:
//! regexes over a unit's plain text, and token sequences matched on
//! surface, base form and POS.

use super::lazy_regex::LazyRegex;
use super::literals;

use super::Ctx;
use crate::sentence::Sentence;
use crate::span::Span;
use crate::token::Token;

/// How one token field is compared. Rules mostly name plain words or
/// alternations of words (`できる|出来る`); those are compared as strings,
/// which is several times cheaper than running an anchored regex per token.
#[derive(Debug, Clone)]
pub enum TokenField {
    /// The value must equal one of these.
    Words(Vec<String>),
    /// The value must match this (anchored) regex.
    Regex(LazyRegex),
}

impl TokenField {
    /// `re` must match a whole value (`^(?:…)$`, as `spec.rs` builds it).
    /// When its body is plain words joined by `|`, compare strings instead:
    /// the same values match.
    pub fn new(re: LazyRegex) -> Self {
        let words = re
            .as_str()
            .strip_prefix("^(?:")
            .and_then(|b| b.strip_suffix(")$"))
            .filter(|b| !b.chars().any(is_regex_meta))
            .map(|b| b.split('|').map(str::to_owned).collect());
        match words {
            Some(words) => TokenField::Words(words),
            None => TokenField::Regex(re),
        }
    }

    #[inline]
    pub fn matches(&self, value: &str) -> bool {
        match self {
            TokenField::Words(ws) => ws.iter().any(|w| same(w, value)),
            TokenField::Regex(re) => re.is_match(value),
        }
    }
}

/// String equality that rejects most unequal token fields without a call
/// to `memcmp`: Japanese words of one length are common, so the last byte
/// is compared before the rest.
#[inline]
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().last() == b.as_bytes().last() && a == b
}

/// Characters with a meaning in regex syntax (`regex_syntax::is_meta_character`
/// plus `|`, which [`TokenField::new`] splits on itself). Whitespace is
/// literal: rules are compiled without the `x` flag.
fn is_regex_meta(c: char) -> bool {
    matches!(
        c,
        '\\' | '.'
            | '+'
            | '*'
            | '?'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '^'
            | '$'
            | '#'
            | '&'
            | '-'
            | '~'
    )
}

/// One token matcher. Each field must match the whole value; `pos` is
/// comma-separated levels matched from the top (`名詞,固有名詞` matches
/// 名詞/固有名詞/組織).
#[derive(Debug, Clone)]
pub struct TokenMatcher {
    /// The fields to check, word fields before regex fields: a token is
    /// rejected by a string comparison before any regex runs
    /// (`{ pos = "名詞,固有名詞,地域", surface = ".{2,}" }`). The answer is
    /// the same conjunction in any order.
    checks: Vec<(TokenPart, TokenField)>,
    /// Matches any token that does NOT satisfy the fields above.
    pub negate: bool,
}

/// Which value of a token a field is compared with.
#[derive(Debug, Clone, Copy)]
enum TokenPart {
    Surface,
    Base,
    /// A POS level (0 = 品詞).
    Pos(usize),
}

impl TokenMatcher {
    /// A matcher from whole-value regexes (see [`TokenField::new`]).
    pub fn new(
        surface: Option<LazyRegex>,
        base: Option<LazyRegex>,
        pos: Vec<LazyRegex>,
        negate: bool,
    ) -> Self {
        let mut checks: Vec<(TokenPart, TokenField)> = surface
            .map(|r| (TokenPart::Surface, TokenField::new(r)))
            .into_iter()
            .chain(base.map(|r| (TokenPart::Base, TokenField::new(r))))
            .chain(
                pos.into_iter()
                    .enumerate()
                    .map(|(i, r)| (TokenPart::Pos(i), TokenField::new(r))),
            )
            .collect();
        // Stable: word fields first, each group in its written order.
        checks.sort_by_key(|(_, f)| matches!(f, TokenField::Regex(_)));
        TokenMatcher { checks, negate }
    }

    /// How rarely this matcher is expected to match, lower = rarer: the
    /// one a sequence tests first. A matcher naming words on the surface
    /// or base form is rarer than a POS-only one, longer words rarer than
    /// short particles, and a negated matcher matches almost everything.
    /// Only speed depends on it: a window matches when all matchers do.
    fn rarity(&self) -> (bool, bool, std::cmp::Reverse<usize>) {
        let longest_word = self
            .checks
            .iter()
            .filter_map(|(part, f)| match (part, f) {
                (TokenPart::Surface | TokenPart::Base, TokenField::Words(ws)) => {
                    ws.iter().map(String::len).min()
                }
                _ => None,
            })
            .max();
        (
            self.negate,
            longest_word.is_none(),
            std::cmp::Reverse(longest_word.unwrap_or(0)),
        )
    }

    /// The words a matching token's surface is one of, when the matcher
    /// names them (and is not negated).
    fn surface_words(&self) -> Option<&[String]> {
        if self.negate {
            return None;
        }
        self.checks.iter().find_map(|(part, f)| match (part, f) {
            (TokenPart::Surface, TokenField::Words(ws)) => Some(ws.as_slice()),
            _ => None,
        })
    }

    #[inline]
    pub fn matches(&self, t: &Token) -> bool {
        let ok = self.checks.iter().all(|(part, f)| match part {
            TokenPart::Surface => f.matches(&t.surface),
            TokenPart::Base => f.matches(&t.base),
            // Levels past the token's last one are not compared.
            TokenPart::Pos(i) => t.pos.get(*i).is_none_or(|p| f.matches(p)),
        });
        ok != self.negate
    }
}

/// A sequence of token matchers, matched on consecutive tokens.
#[derive(Debug, Clone)]
pub struct TokenSeq {
    matchers: Vec<TokenMatcher>,
    /// Indexes into `matchers`, the rarest first (see
    /// [`TokenMatcher::rarity`]): most windows are rejected by one test
    /// of a rare word instead of a test of a common first token
    /// (`{ pos = "名詞" }`, `{ base = "する" }`).
    order: Vec<usize>,
    /// A sentence can only match when its text contains one of these
    /// (see [`TokenSeq::required_text`]); empty when nothing is required.
    /// Each search is built once (`str::contains` sets one up on every
    /// call, for every sentence).
    required: Vec<memchr::memmem::Finder<'static>>,
}

impl TokenSeq {
    pub fn new(matchers: Vec<TokenMatcher>) -> Self {
        let mut order: Vec<usize> = (0..matchers.len()).collect();
        order.sort_by_key(|&i| matchers[i].rarity());
        let required = Self::required_text(&matchers)
            .iter()
            .map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned())
            .collect();
        TokenSeq {
            matchers,
            order,
            required,
        }
    }

    /// Text that every match contains: a sentence whose text has none of
    /// it is skipped without looking at its tokens (most sentences).
    ///
    /// A token's surface is its slice of the sentence text, and a
    /// sentence's tokens cover its text without gaps, so consecutive
    /// matchers that each name surface words match one of the
    /// concatenations of those words (`{ surface = "か" }, { surface = "も" }`
    /// needs 「かも」). The longest such run is used; a run with too many
    /// combinations is not.
    fn required_text(matchers: &[TokenMatcher]) -> Vec<String> {
        const MAX_ALTERNATIVES: usize = 16;
        let mut best: Vec<String> = Vec::new();
        let shortest = |v: &[String]| v.iter().map(String::len).min().unwrap_or(0);
        let mut run: Vec<String> = Vec::new();
        for m in matchers.iter().map(Some).chain(std::iter::once(None)) {
            match m.and_then(TokenMatcher::surface_words) {
                Some(words) if run.is_empty() => run = words.to_vec(),
                Some(words) if run.len() * words.len() <= MAX_ALTERNATIVES => {
                    run = run
                        .iter()
                        .flat_map(|a| words.iter().map(move |w| format!("{a}{w}")))
                        .collect();
                }
                Some(words) => {
                    // Too many combinations: keep what the run has so far
                    // and start a new run here.
                    if shortest(&run) > shortest(&best) {
                        best = std::mem::take(&mut run);
                    }
                    run = words.to_vec();
                }
                None => {
                    if shortest(&run) > shortest(&best) {
                        best = std::mem::take(&mut run);
                    }
                    run.clear();
                }
            }
        }
        best
    }

    /// `false` only when no window of `text`'s tokens can match.
    fn may_occur(&self, text: &str) -> bool {
        self.required.is_empty()
            || self
                .required
                .iter()
                .any(|f| f.find(text.as_bytes()).is_some())
    }

    pub fn len(&self) -> usize {
        self.matchers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.matchers.is_empty()
    }

    /// Does the sequence match `window` (of the sequence's length)?
    fn matches(&self, window: &[Token]) -> bool {
        self.order
            .iter()
            .all(|&i| match (self.matchers.get(i), window.get(i)) {
                (Some(m), Some(t)) => m.matches(t),
                _ => false,
            })
    }
}

#[derive(Debug, Clone)]
pub enum Pattern {
    Regex(LazyRegex),
    Tokens(TokenSeq),
}

/// A match inside one sentence: its range in the sentence text and, for
/// regexes, the named/numbered captures needed by message templates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub range: Span,
    pub text: String,
}

impl Match {
    /// The match at `range` of `text`.
    pub fn at(range: Span, text: &str) -> Match {
        Match {
            range,
            text: range.slice(text).to_owned(),
        }
    }
}

impl Pattern {
    /// Append the ranges of the pattern's non-overlapping matches in a
    /// sentence to `out`, in order (no copy of the text: an exclusion list
    /// needs only where they are).
    pub fn push_ranges(&self, ctx: &Ctx<'_>, s: &Sentence, out: &mut Vec<Span>) {
        match self {
            Pattern::Regex(re) => out.extend(re.spans(&s.text)),
            Pattern::Tokens(seq) => match ctx.facts.seq_ranges(ctx, seq, s) {
                Some(recorded) => out.extend_from_slice(recorded),
                None => out.extend(token_seq_ranges(seq, ctx.tokens(s), &s.text)),
            },
        }
    }

    pub fn find_first(&self, ctx: &Ctx<'_>, s: &Sentence) -> Option<Match> {
        match self {
            Pattern::Regex(re) => re.spans(&s.text).next().map(|r| Match::at(r, &s.text)),
            Pattern::Tokens(seq) => match ctx.facts.seq_ranges(ctx, seq, s) {
                Some(recorded) => recorded.first().map(|r| Match::at(*r, &s.text)),
                None => token_seq_ranges(seq, ctx.tokens(s), &s.text)
                    .next()
                    .map(|r| Match::at(r, &s.text)),
            },
        }
    }

    pub fn is_match_text(&self, ctx: &Ctx<'_>, s: &Sentence) -> bool {
        self.find_first(ctx, s).is_some()
    }

    /// The token sequence of this pattern, if it is one.
    pub fn token_seq(&self) -> Option<&TokenSeq> {
        match self {
            Pattern::Tokens(seq) => Some(seq),
            Pattern::Regex(_) => None,
        }
    }
}

/// Ranges of the non-overlapping matches of a token sequence in the tokens
/// of `text`, left to right. (Once a windowed lint has dropped a
/// sentence's tokens, its matches are read from the token memo instead:
/// see [`crate::rules::checks::facts::Facts::seq_ranges`].)
#[inline]
pub fn token_seq_ranges<'a>(
    seq: &'a TokenSeq,
    tokens: &'a [Token],
    text: &str,
) -> impl Iterator<Item = Span> + 'a {
    let tokens: &[Token] = if seq.may_occur(text) { tokens } else { &[] };
    let mut i = 0;
    // The rarest matcher and its place in the window: a window it rejects
    // (most) is skipped by one inlined test, without a call to
    // `TokenSeq::matches`, which tests it again on the rest.
    let rarest = seq
        .order
        .first()
        .and_then(|&at| Some((at, seq.matchers.get(at)?)));
    std::iter::from_fn(move || {
        if seq.is_empty() {
            return None;
        }
        while i + seq.len() <= tokens.len() {
            if let Some((at, m)) = rarest {
                if tokens.get(i + at).is_some_and(|t| !m.matches(t)) {
                    i += 1;
                    continue;
                }
            }
            let window = &tokens[i..i + seq.len()];
            if seq.matches(window) {
                i += seq.len();
                return Some(Span::new(
                    window[0].range().start,
                    window[seq.len() - 1].range().end,
                ));
            }
            i += 1;
        }
        None
    })
}

/// Any of several patterns.
#[derive(Debug, Clone, Default)]
pub struct PatternSet {
    pub patterns: Vec<Pattern>,
    /// Each regex pattern's id in the literal filter
    /// ([`crate::rules::literals`]); `None` for token sequences.
    gates: Vec<Option<u32>>,
}

impl PatternSet {
    pub fn new(patterns: Vec<Pattern>) -> Self {
        let gates = patterns
            .iter()
            .map(|p| match p {
                Pattern::Regex(re) => Some(literals::register(re.as_str())),
                Pattern::Tokens(_) => None,
            })
            .collect();
        PatternSet { patterns, gates }
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The patterns worth running on `s`: a regex only when the sentence
    /// has one of its literals (see [`crate::rules::literals`]).
    fn candidates<'a>(
        &'a self,
        ctx: &Ctx<'a>,
        s: &Sentence,
    ) -> impl Iterator<Item = &'a Pattern> + 'a {
        let filter = ctx.facts.literal_bits(ctx, s);
        // (By index, not zipped: a pattern without a gate always runs.)
        self.patterns
            .iter()
            .enumerate()
            .filter(move |(i, _)| match (filter, self.gates.get(*i)) {
                (Some((index, bits)), Some(Some(id))) => index.may_match(*id, bits),
                _ => true,
            })
            .map(|(_, p)| p)
    }

    /// The token sequences of this set's patterns.
    pub fn token_seqs(&self) -> impl Iterator<Item = &TokenSeq> {
        self.patterns.iter().filter_map(Pattern::token_seq)
    }

    /// The ranges of all matches of all patterns, sorted by position,
    /// overlaps removed (the earlier, then longer, match wins).
    pub fn find_ranges(&self, ctx: &Ctx<'_>, s: &Sentence) -> Vec<Span> {
        let mut all: Vec<Span> = Vec::new();
        for p in self.candidates(ctx, s) {
            p.push_ranges(ctx, s, &mut all);
        }
        // Equal ranges are the same match: their order does not matter.
        all.sort_unstable_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        // Keep each match that starts at or after the end of the last kept.
        let mut end: Option<usize> = None;
        all.retain(|r| {
            let keep = end.is_none_or(|e| e <= r.start);
            if keep {
                end = Some(r.end);
            }
            keep
        });
        all
    }

    pub fn find_first(&self, ctx: &Ctx<'_>, s: &Sentence) -> Option<Match> {
        self.candidates(ctx, s)
            .filter_map(|p| p.find_first(ctx, s))
            .min_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)))
    }

    pub fn matches(&self, ctx: &Ctx<'_>, s: &Sentence) -> bool {
        self.candidates(ctx, s).any(|p| p.is_match_text(ctx, s))
    }

    /// Does any match overlap `range`?
    pub fn overlaps(&self, ctx: &Ctx<'_>, s: &Sentence, range: Span) -> bool {
        self.excluded_in(ctx, s).covers(range)
    }

    /// This set's matches in `s`, found once, to ask [`Excluded::covers`]
    /// about each of several ranges (an `exclude` list and the matches of
    /// a rule's patterns in one sentence).
    pub fn excluded_in(&self, ctx: &Ctx<'_>, s: &Sentence) -> Excluded {
        let mut ranges = Vec::new();
        for p in self.candidates(ctx, s) {
            p.push_ranges(ctx, s, &mut ranges);
        }
        Excluded { ranges }
    }
}

/// A sentence's text with its line breaks taken out, and where each byte
/// of it came from: a hard-wrapped paragraph (「深くお詫び申し⏎上げます」)
/// is one phrase to a reader.
struct Joined {
    text: String,
    /// Original offset of each byte of `text`, and of its end.
    origin: Vec<usize>,
}

impl Joined {
    fn new(text: &str) -> Self {
        let mut joined = Joined {
            text: String::with_capacity(text.len()),
            origin: Vec::with_capacity(text.len() + 1),
        };
        for (i, c) in text.char_indices() {
            if c == '\n' || c == '\r' {
                continue;
            }
            joined.text.push(c);
            joined.origin.extend(i..i + c.len_utf8());
        }
        joined.origin.push(text.len());
        joined
    }

    /// The original range of `start..end` of the joined text.
    fn span(&self, start: usize, end: usize) -> Span {
        let at = |i: usize| self.origin.get(i).copied().unwrap_or(0);
        // The end is just past the last byte taken.
        let last = end.checked_sub(1).map_or(at(start), |e| at(e) + 1);
        Span::new(at(start), last.max(at(start)))
    }
}

/// The regexes among `patterns` (token sequences left out).
fn regexes(patterns: &[Pattern]) -> impl Iterator<Item = &LazyRegex> {
    patterns.iter().filter_map(|p| match p {
        Pattern::Regex(re) => Some(re),
        Pattern::Tokens(_) => None,
    })
}

impl PatternSet {
    /// The first regex match that crosses a line break of `text` (a
    /// hard-wrapped paragraph), not inside an `exclude` match across the
    /// same breaks: what [`PatternSet::find_first`] misses in such text.
    /// Token patterns are not tried (tokens stop at line breaks). Reading
    /// the document already joins most wrapped lines (see
    /// `document::markdown::join_wrapped`); this finds evidence across the
    /// breaks it keeps, such as after a short line (「お詫び申し⏎上げます」).
    pub fn find_first_across_lines(&self, text: &str, exclude: &PatternSet) -> Option<Match> {
        // A vectorized search for either break (most text has neither):
        // this runs on every sentence without evidence, for each rule that
        // requires some.
        memchr::memchr2(b'\n', b'\r', text.as_bytes())?;
        let joined = Joined::new(text);
        let excluded: Vec<Span> = regexes(&exclude.patterns)
            .flat_map(|re| re.spans(&joined.text))
            .collect();
        regexes(&self.patterns)
            .filter_map(|re| {
                re.spans(&joined.text)
                    .find(|r| !excluded.iter().any(|x| x.overlaps(*r)))
            })
            .min_by_key(|r| (r.start, std::cmp::Reverse(r.end)))
            .map(|r| Match {
                range: joined.span(r.start, r.end),
                text: r.slice(&joined.text).to_owned(),
            })
    }
}

/// The match ranges of an exclusion list in one sentence.
pub struct Excluded {
    ranges: Vec<Span>,
}

impl Excluded {
    /// Does an excluded match overlap `range` (or, when empty, sit inside it)?
    pub fn covers(&self, range: Span) -> bool {
        self.ranges
            .iter()
            .any(|r| r.overlaps(range) || (r.is_empty() && range.contains(*r)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_match_across_a_line_break_maps_back_to_the_original_text() {
        let text = "深くお詫び申し\n上げます。";
        let set = PatternSet::new(vec![Pattern::Regex(LazyRegex::lazy("お詫び申し上げ"))]);
        let none = PatternSet::default();
        let m = set
            .find_first_across_lines(text, &none)
            .expect("found across the break");
        assert_eq!(m.range.slice(text), "お詫び申し\n上げ");
        assert_eq!(m.text, "お詫び申し上げ");
        // An exclusion across the same break holds; text without a break is
        // left to the ordinary search.
        let except = PatternSet::new(vec![Pattern::Regex(LazyRegex::lazy("深くお詫び"))]);
        assert!(set.find_first_across_lines(text, &except).is_none());
        assert!(set
            .find_first_across_lines("深くお詫び申し上げます。", &none)
            .is_none());
        // CRLF, and a match at the very end.
        let m = PatternSet::new(vec![Pattern::Regex(LazyRegex::lazy("上げます。"))])
            .find_first_across_lines("申し\r\n上げ\r\nます。", &none)
            .expect("found");
        assert_eq!(m.range.slice("申し\r\n上げ\r\nます。"), "上げ\r\nます。");
    }

    #[test]
    fn a_regex_runs_and_compiles_only_where_its_literals_are() {
        let set = PatternSet::new(vec![
            Pattern::Regex(LazyRegex::lazy("被害(?:額|者)")),
            Pattern::Regex(LazyRegex::lazy("[\\p{Han}]{1,8}教育委員会へ報告")),
            Pattern::Regex(LazyRegex::lazy("[0-9]+件")),
        ]);
        let compiled = |set: &PatternSet| -> Vec<bool> {
            set.patterns
                .iter()
                .map(|p| matches!(p, Pattern::Regex(re) if re.is_compiled()))
                .collect()
        };
        let text = "被害者は3件の被害額を届けました。";
        let facts = crate::rules::checks::facts::Facts::default();
        let found: Vec<String> = crate::rules::with_test_ctx(text, &facts, |ctx| {
            set.find_ranges(ctx, &ctx.sentences[0])
                .iter()
                .map(|r| r.slice(text).to_owned())
                .collect()
        });
        assert_eq!(found, ["被害者", "3件", "被害額"]);
        // The sentence has no 「教育委員会へ報告」: that regex never ran.
        assert_eq!(compiled(&set), [true, false, true]);
    }

    fn anchored(body: &str) -> LazyRegex {
        LazyRegex::eager(&format!("^(?:{body})$")).unwrap()
    }

    #[test]
    fn plain_words_compare_as_strings_with_the_regex_answer() {
        let values = ["できる", "出来る", "できるか", "る", "", "名詞", "a|b", "."];
        for body in [
            "できる|出来る",
            "名詞",
            "",
            "不?可能",
            ".{2,}",
            "a\\|b",
            "る|",
        ] {
            let field = TokenField::new(anchored(body));
            let literal = !body.chars().any(is_regex_meta);
            assert_eq!(matches!(field, TokenField::Words(_)), literal, "{body}");
            for v in values {
                assert_eq!(
                    field.matches(v),
                    anchored(body).is_match(v),
                    "{body} on {v:?}"
                );
            }
        }
    }

    #[test]
    fn a_regex_not_built_by_spec_stays_a_regex() {
        let field = TokenField::new(LazyRegex::eager("でき").unwrap());
        assert!(matches!(field, TokenField::Regex(_)));
        assert!(field.matches("できる"));
    }

    fn words(surface: Option<&str>, base: Option<&str>, negate: bool) -> TokenMatcher {
        TokenMatcher::new(
            surface.map(anchored),
            base.map(anchored),
            Vec::new(),
            negate,
        )
    }

    fn required(seq: &TokenSeq) -> Vec<&str> {
        seq.required
            .iter()
            .map(|f| std::str::from_utf8(f.needle()).unwrap())
            .collect()
    }

    #[test]
    fn a_token_sequence_requires_the_text_of_its_longest_surface_run() {
        let seq = TokenSeq::new(vec![
            words(Some("か"), None, false),
            words(Some("も"), None, false),
            words(None, Some("しれる|知れる"), false),
        ]);
        assert_eq!(required(&seq), ["かも"]);
        let seq = TokenSeq::new(vec![
            words(Some("と"), None, false),
            words(None, Some("思う"), false),
            words(Some("ので|から"), None, false),
            words(Some("は"), None, false),
        ]);
        assert_eq!(required(&seq), ["のでは", "からは"]);
        // Negated and regex surfaces require nothing.
        let seq = TokenSeq::new(vec![
            words(Some("と"), None, true),
            words(Some("不?可能"), None, false),
        ]);
        assert!(seq.required.is_empty());
        // The rarest matcher is tested first.
        let seq = TokenSeq::new(vec![
            words(None, None, false),
            words(Some("を"), None, false),
            words(None, Some("行う"), false),
        ]);
        assert_eq!(seq.order, [2, 1, 0]);
    }

    #[test]
    fn tokens_cover_the_sentence_text_without_gaps() {
        // `TokenSeq::required_text` relies on it.
        let tokenizer = crate::token::Tokenizer::new().unwrap();
        for text in [
            "弊社のサーバーが不正アクセスを受けたかもしれません。",
            "ＡＢＣ　株式会社 は 2024年7月4日（木）に発表。😀\t終わり",
        ] {
            let tokens = tokenizer.tokenize(text);
            let mut at = 0;
            for t in &tokens {
                assert_eq!(t.range().start, at, "{text}");
                assert_eq!(&text[t.range().start..t.range().end], t.surface.as_str());
                at = t.range().end;
            }
            assert_eq!(at, text.len(), "{text}");
        }
    }
}
