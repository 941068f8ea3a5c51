//! `ja.terms`: press-style spellings (報道・広報の表記) from the dictionary
//! in `rules/terms.toml`, plus the user's own `[terms]` from koho.toml, each
//! with a safe fix. Tokens tell an auxiliary use from a content use:
//! 「ご連絡致します」 is rewritten, 「不徳の致すところ」 is not.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::document::Role;
use crate::rules::lazy_regex::{self, LazyRegex};
use crate::rules::literals;
use crate::rules::{Ctx, FixAvailability, Reach, Rule, RuleMeta};
use crate::sentence::Sentence;
use crate::span::Span;
use crate::token::Token;

/// The built-in dictionary (also read by `ja.term-consistency`).
pub const DICTIONARY: &str = include_str!("../../../rules/terms.toml");

pub const TERMS_RULE_ID: &str = "ja.terms";

/// Key in the rule's options where koho.toml's `[terms]` table is placed.
pub const USER_TERMS_KEY: &str = "user-terms";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DictionaryFile {
    #[serde(default)]
    pub term: Vec<TermSpec>,
    #[serde(default)]
    pub variants: Vec<VariantsSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TermSpec {
    pub from: String,
    pub to: String,
    pub base: Option<String>,
    pub pos: Option<String>,
    #[serde(rename = "use")]
    pub use_: Option<String>,
    pub not_followed_by: Option<String>,
    pub why: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantsSpec {
    pub forms: Vec<String>,
}

/// The built-in dictionary, parsed once for both rules that read it.
/// It is not checked here: the test suite checks it with
/// [`parse_dictionary`] (which compiles every regex), and its regexes
/// compile on first use, so a start-up does not pay for them.
pub fn builtin_dictionary() -> &'static DictionaryFile {
    static D: OnceLock<DictionaryFile> = OnceLock::new();
    D.get_or_init(|| {
        toml::from_str(DICTIONARY).unwrap_or_else(|_| DictionaryFile {
            term: Vec::new(),
            variants: Vec::new(),
        })
    })
}

/// Parse and check a dictionary: every `from`/`to` non-empty and
/// different, regexes valid, `use` known.
pub fn parse_dictionary(text: &str) -> Result<DictionaryFile, String> {
    let d: DictionaryFile = toml::from_str(text).map_err(|e| e.to_string())?;
    for t in &d.term {
        if t.from.is_empty() || t.to.is_empty() || t.from == t.to {
            return Err(format!("term {:?}: from と to が不正です", t.from));
        }
        if let Some(u) = &t.use_ {
            if u != "auxiliary" {
                return Err(format!("term {:?}: use = {u:?} は使えません", t.from));
            }
        }
        for r in t
            .base
            .iter()
            .map(String::as_str)
            .chain(t.pos.iter().flat_map(|p| p.split(',')))
            .chain(t.not_followed_by.as_deref())
        {
            lazy_regex::compile(r).map_err(|e| format!("term {:?}: {e}", t.from))?;
        }
    }
    for v in &d.variants {
        if v.forms.len() < 2 || v.forms.iter().any(String::is_empty) {
            return Err(format!("variants {:?}: 二つ以上の表記が必要です", v.forms));
        }
    }
    Ok(d)
}

struct Term {
    from: String,
    to: String,
    base: Option<LazyRegex>,
    pos: Vec<LazyRegex>,
    auxiliary: bool,
    /// The rest of the sentence must not match (official names of laws).
    not_followed_by: Option<LazyRegex>,
    why: String,
    /// `from→to` for `koho explain`, on the base form when there is one
    /// (下さる→くださる rather than 下さ→くださ).
    label: String,
}

impl Term {
    /// The term with its regexes, compiled on first use (the built-in
    /// dictionary is checked by the test suite).
    fn compile(t: &TermSpec) -> Term {
        let full = |r: &str| LazyRegex::lazy(&format!("^(?:{})$", r.trim()));
        Term {
            from: t.from.clone(),
            to: t.to.clone(),
            base: t.base.as_deref().map(full),
            pos: match &t.pos {
                Some(p) => p.split(',').map(full).collect(),
                None => Vec::new(),
            },
            auxiliary: t.use_.as_deref() == Some("auxiliary"),
            not_followed_by: t.not_followed_by.as_deref().map(LazyRegex::lazy),
            why: t.why.clone().unwrap_or_default(),
            label: match t.base.as_deref().and_then(|b| b.split('|').next()) {
                Some(b) if b.starts_with(t.from.as_str()) => {
                    format!("{b}→{}", b.replacen(t.from.as_str(), &t.to, 1))
                }
                _ => format!("{}→{}", t.from, t.to),
            },
        }
    }

    fn needs_token(&self) -> bool {
        self.base.is_some() || !self.pos.is_empty() || self.auxiliary
    }
}

pub struct Terms {
    meta: RuleMeta,
    terms: Vec<Term>,
    /// Each built-in term's id in the literal filter: does a sentence
    /// have its `from`?
    gates: Vec<u32>,
    /// The built-in terms' `from`, built on first use.
    finder: OnceLock<Option<TermFinder>>,
}

/// One automaton over the built-in terms' `from` strings: a sentence is
/// scanned once, instead of once per term, to learn which terms occur.
struct TermFinder {
    ac: AhoCorasick,
    /// Automaton pattern → the terms spelled that way.
    terms: Vec<Vec<usize>>,
}

impl TermFinder {
    fn new(terms: &[Term]) -> Option<TermFinder> {
        let mut words: Vec<&str> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        for (i, t) in terms.iter().enumerate() {
            match words.iter().position(|w| *w == t.from.as_str()) {
                Some(k) => owners[k].push(i),
                None => {
                    words.push(&t.from);
                    owners.push(vec![i]);
                }
            }
        }
        let ac = AhoCorasick::new(&words).ok()?;
        Some(TermFinder { ac, terms: owners })
    }

    /// Mark in `present` (one flag per term) the terms whose `from` occurs in `text`.
    fn mark(&self, text: &str, present: &mut [bool]) {
        present.fill(false);
        for m in self.ac.find_overlapping_iter(text) {
            for &i in self.terms.get(m.pattern().as_usize()).into_iter().flatten() {
                if let Some(p) = present.get_mut(i) {
                    *p = true;
                }
            }
        }
    }
}

/// A noun of respect: お越し, ご案内 (one token or 接頭詞 + noun).
fn honorific_noun(tokens: &[Token], j: usize) -> bool {
    let Some(t) = tokens.get(j) else { return false };
    if t.pos[0] != "名詞" {
        return false;
    }
    t.surface.starts_with(['お', 'ご', '御'])
        || j.checked_sub(1)
            .and_then(|k| tokens.get(k))
            .is_some_and(|p| {
                p.pos[0] == "接頭詞" && matches!(p.surface.as_str(), "お" | "ご" | "御")
            })
}

/// Is the verb at `i` used as an auxiliary (補助動詞・謙譲の補助)?
fn is_auxiliary(tokens: &[Token], i: usize) -> bool {
    let Some(t) = tokens.get(i) else { return false };
    if t.pos[0] == "動詞" && t.pos[1] == "非自立" {
        return true;
    }
    let Some(p) = i.checked_sub(1).and_then(|j| tokens.get(j)) else {
        return false;
    };
    if p.pos[0] == "助詞" && p.pos[1] == "接続助詞" && matches!(p.surface.as_str(), "て" | "で")
    {
        return true;
    }
    if p.pos[0] == "名詞" && p.pos[1] == "サ変接続" {
        return true;
    }
    if honorific_noun(tokens, i - 1) {
        return true;
    }
    p.surface == "を" && p.pos[0] == "助詞" && i >= 2 && honorific_noun(tokens, i - 2)
}

impl Terms {
    pub fn new() -> Self {
        let mut meta = RuleMeta::builtin(TERMS_RULE_ID, Severity::Warning);
        meta.summary = "報道・広報の表記に合わない語".into();
        meta.message = "「{from}」は「{to}」と書きます。".into();
        meta.help = "「{to}」に置き換えてください。".into();
        meta.why = "記者は共同通信社『記者ハンドブック』などの表記基準で書きます。リリースの表記がそろっていると、そのまま記事に引用しやすくなります。補助動詞・接続詞・形式名詞を仮名で書くのは、公用文作成の考え方（2022年 文化審議会建議）とも共通です。".into();
        meta.how = "rules/terms.toml の辞書の語をタイトル・本文・見出し・問い合わせ先から、koho.toml の [terms] の語はヘッダー行（発信者名など）も含めた全文から探します。「致す」「頂く」「下さる」は形態素解析で補助的な用法（「ご連絡致します」「ご案内を頂く」「して下さい」）のときだけ報告します。".into();
        meta.exceptions = "本動詞の用法（「不徳の致すところ」「頂いた品」「資料を下さい」）、名詞の「出来事」、社名などが並ぶヘッダー行（辞書の語のみ）、インラインコードとコードブロックの中は対象外です。".into();
        meta.bad = vec![
            "ご不便をおかけし、お詫び申し上げます。詳細は追ってご連絡致します。".into(),
            "ご確認下さい。".into(),
            "お問合せは下記までお寄せください。".into(),
        ];
        meta.good = vec![
            "すべては私どもの不徳の致すところです。".into(),
            "ご確認ください。".into(),
            "頂いた品は大切に保管しています。".into(),
        ];
        meta.options = vec![super::ja_common::opt(
            "allow",
            "[]",
            "報告しない辞書の語。公用文の表記（「及び」「又は」）で書く官公庁は [\"及び\", \"又は\", \"並びに\", \"若しくは\"] と書きます。",
        )];
        meta.fix = FixAvailability::Safe;
        let terms: Vec<Term> = builtin_dictionary()
            .term
            .iter()
            .map(Term::compile)
            .collect();
        let listing: Vec<String> = terms.iter().map(|t: &Term| t.label.clone()).collect();
        if !listing.is_empty() {
            meta.how = format!("{} 辞書: {}。", meta.how, listing.join("、"));
        }
        let gates = terms
            .iter()
            .map(|t| literals::register_words(&[&t.from]))
            .collect();
        Terms {
            meta,
            terms,
            gates,
            finder: OnceLock::new(),
        }
    }

    fn user_terms(ctx: &Ctx<'_>) -> Vec<Term> {
        let Some(toml::Value::Table(t)) = ctx.options.table.get(USER_TERMS_KEY) else {
            return Vec::new();
        };
        t.iter()
            .filter_map(|(from, to)| {
                let to = to.as_str()?;
                (!from.is_empty() && from != to).then(|| Term {
                    from: from.clone(),
                    to: to.to_owned(),
                    base: None,
                    pos: Vec::new(),
                    auxiliary: false,
                    not_followed_by: None,
                    why: "koho.toml の [terms] で指定された表記です。".into(),
                    label: String::new(),
                })
            })
            .collect()
    }

    /// Matches of one term in a sentence: (range, shown from, shown to).
    fn find(term: &Term, s: &Sentence, tokens: &[Token]) -> Vec<(Span, String, String)> {
        let mut out = Vec::new();
        for (at, _) in s.text.match_indices(term.from.as_str()) {
            let range = Span::new(at, at + term.from.len());
            if let Some(re) = &term.not_followed_by {
                if re.is_match(s.text.get(range.end..).unwrap_or("")) {
                    continue;
                }
            }
            let (mut shown_from, mut shown_to) = (term.from.clone(), term.to.clone());
            if term.needs_token() {
                let Some(i) = tokens.iter().position(|t| t.range().start == at) else {
                    continue;
                };
                let t = &tokens[i];
                let ok = term.base.as_ref().is_none_or(|b| b.is_match(&t.base))
                    && term
                        .pos
                        .iter()
                        .zip(t.pos.iter())
                        .all(|(r, p)| r.is_match(p))
                    && (!term.auxiliary || is_auxiliary(tokens, i));
                if !ok {
                    continue;
                }
                // Report and fix the whole word (下さい → ください), not
                // just the kanji that changes.
                if t.surface.starts_with(term.from.as_str()) {
                    shown_to = t.surface.replacen(term.from.as_str(), &term.to, 1);
                    shown_from = t.surface.to_string();
                    out.push((t.range(), shown_from, shown_to));
                    continue;
                }
            }
            out.push((range, shown_from, shown_to));
        }
        out
    }
}

impl Default for Terms {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for Terms {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Block
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let user = Self::user_terms(ctx);
        // Dictionary words the user keeps (「及び」 in a government's 公用文).
        let allow = ctx.options.strings("allow");
        // User entries first: on an overlap the user's spelling wins.
        let all: Vec<&Term> = user.iter().chain(self.terms.iter()).collect();
        // Per built-in term: does its `from` occur in the current sentence?
        // The literal filter knows (it has read every sentence for the
        // rules' regexes); without it (a huge file), one automaton here.
        let mut present = vec![false; self.terms.len()];
        for s in ctx.sentences {
            let filter = ctx.facts.literal_bits(ctx, s);
            let finder = match filter {
                Some(_) => None,
                None => self
                    .finder
                    .get_or_init(|| TermFinder::new(&self.terms))
                    .as_ref(),
            };
            if let Some(f) = finder {
                f.mark(&s.text, &mut present);
            }
            // Header lines are mostly names (issuer, representative): only
            // the user's own entries, such as a new company name, apply.
            let all: &[&Term] = if s.role == Role::Header {
                &all[..user.len()]
            } else {
                &all
            };
            let mut found: Vec<(Span, &Term, String, String)> = Vec::new();
            for (k, term) in all.iter().enumerate() {
                // Built-in terms come after the user's: the literal filter (or,
                // without it, the automaton) answers for them, `contains` for
                // the user's own.
                let occurs = match (k.checked_sub(user.len()), filter, finder) {
                    (Some(b), Some((index, bits)), _) => self
                        .gates
                        .get(b)
                        .is_none_or(|&gate| index.may_match(gate, bits)),
                    (Some(b), None, Some(_)) => present.get(b).copied().unwrap_or(false),
                    _ => s.text.contains(term.from.as_str()),
                };
                if !occurs || (k >= user.len() && allow.contains(&term.from)) {
                    continue;
                }
                for (range, f, t) in Self::find(term, s, ctx.tokens(s)) {
                    if !found.iter().any(|(r, ..)| r.overlaps(range)) {
                        found.push((range, term, f, t));
                    }
                }
            }
            found.sort_by_key(|(r, ..)| (r.start, r.end));
            for (range, term, shown_from, shown_to) in found {
                let span = s.source_span(ctx.doc, range);
                let vars = [("from", shown_from.as_str()), ("to", shown_to.as_str())];
                let help = format!(
                    "{}{}",
                    crate::rules::render(&self.meta.help, &vars),
                    term.why
                );
                let mut d = Diagnostic::new(
                    &self.meta.id,
                    ctx.severity,
                    span,
                    crate::rules::render(&self.meta.message, &vars),
                )
                .with_help(help.trim());
                if ctx.text().get(span.start..span.end) == Some(shown_from.as_str()) {
                    d = d.with_fix(Fix::safe(span, shown_to.clone()));
                }
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_dictionary_is_valid() {
        let d = parse_dictionary(DICTIONARY).unwrap();
        assert!(d.term.len() >= 10);
        assert!(d.variants.len() >= 5);
        // The lazily compiled forms (anchored) compile too.
        for t in d.term.iter().map(Term::compile) {
            for re in t.base.iter().chain(&t.pos).chain(&t.not_followed_by) {
                assert!(lazy_regex::compile(re.as_str()).is_ok(), "{}", re.as_str());
            }
        }
        assert_eq!(builtin_dictionary().term.len(), d.term.len());
        assert_eq!(builtin_dictionary().variants.len(), d.variants.len());
    }

    #[test]
    fn dictionary_errors_are_reported() {
        assert!(parse_dictionary("[[term]]\nfrom = \"a\"\nto = \"a\"\n").is_err());
        assert!(parse_dictionary("[[term]]\nfrom = \"a\"\nto = \"b\"\nuse = \"x\"\n").is_err());
        assert!(parse_dictionary("[[term]]\nfrom = \"a\"\nto = \"b\"\nbase = \"(\"\n").is_err());
        assert!(
            parse_dictionary("[[term]]\nfrom = \"a\"\nto = \"b\"\nnot-followed-by = \"(\"\n")
                .is_err()
        );
        assert!(parse_dictionary("[[variants]]\nforms = [\"a\"]\n").is_err());
    }
}
