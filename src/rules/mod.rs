//! The rule engine: rule metadata, the [`Rule`] trait shared by data rules
//! (`rules/*.toml`, see [`spec`]) and code-backed checks ([`checks`]), and
//! the [`Registry`] that holds them all, built once per process.

pub mod checks;
pub mod kinds;
pub mod lazy_regex;
pub mod literals;
pub mod pattern;
pub mod spec;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::coverage::{Coverage, DocKind};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::input::Source;
use crate::sentence::Sentence;
use crate::span::Span;

/// Severity of a rule, possibly different per document kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SeverityByKind {
    pub incident: Severity,
    pub announcement: Severity,
}

impl SeverityByKind {
    pub fn all(s: Severity) -> Self {
        Self {
            incident: s,
            announcement: s,
        }
    }

    /// `error`, or `incident: error / announcement: warning` when they differ.
    pub fn describe(&self) -> String {
        if self.incident == self.announcement {
            self.incident.as_str().to_owned()
        } else {
            format!(
                "incident: {} / announcement: {}",
                self.incident.as_str(),
                self.announcement.as_str()
            )
        }
    }

    pub fn for_kind(&self, kind: DocKind) -> Severity {
        match kind {
            DocKind::Incident => self.incident,
            DocKind::Announcement => self.announcement,
        }
    }
}

/// How a rule can fix what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixAvailability {
    None,
    /// Applied by `--fix`.
    Safe,
    /// Offered as a suggestion only.
    Suggestion,
}

/// A documented option of a rule (`[rules."ID"] name = value` in koho.toml).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionDoc {
    pub name: String,
    pub default: String,
    pub description: String,
}

/// Everything `koho explain`, `koho rules`, SARIF and LSP hover show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleMeta {
    /// `family.kebab-name`, stable.
    pub id: String,
    pub severity: SeverityByKind,
    /// Document kinds the rule runs on.
    pub applies_to: Vec<DocKind>,
    /// One line, Japanese.
    pub summary: String,
    /// Why it matters (対応方法 の背景).
    pub why: String,
    /// How it decides (判定処理).
    pub how: String,
    /// Exceptions (例外).
    pub exceptions: String,
    /// The message of a finding (may contain `{placeholders}`).
    pub message: String,
    /// What to write instead (対応方法).
    pub help: String,
    pub bad: Vec<String>,
    pub good: Vec<String>,
    pub fix: FixAvailability,
    pub options: Vec<OptionDoc>,
    pub since: String,
    /// Where the rule was defined: `builtin` or a user rule file.
    pub origin: String,
    /// Rules that only exist to record coverage can be hidden from lists.
    pub default_enabled: bool,
    /// When this rule and one of these fire on overlapping text, only this
    /// one is reported (e.g. ja.no-hedging over ja.no-weak-phrase).
    pub supersedes: Vec<String>,
}

impl RuleMeta {
    /// A minimal meta for code-backed checks to fill in.
    pub fn builtin(id: &str, severity: Severity) -> Self {
        RuleMeta {
            id: id.to_owned(),
            severity: SeverityByKind::all(severity),
            applies_to: vec![DocKind::Incident, DocKind::Announcement],
            summary: String::new(),
            why: String::new(),
            how: String::new(),
            exceptions: String::new(),
            message: String::new(),
            help: String::new(),
            bad: Vec::new(),
            good: Vec::new(),
            fix: FixAvailability::None,
            options: Vec::new(),
            since: env!("CARGO_PKG_VERSION").to_owned(),
            origin: "builtin".to_owned(),
            default_enabled: true,
            supersedes: Vec::new(),
        }
    }

    /// A finding of this rule at `span` with its own message and help:
    /// what "something is missing" rules report.
    pub fn finding(&self, ctx: &Ctx<'_>, span: Span) -> Diagnostic {
        Diagnostic::new(&self.id, ctx.severity, span, self.message.clone())
            .with_help(self.help.clone())
    }

    pub fn family(&self) -> &str {
        self.id.split('.').next().unwrap_or("")
    }
}

/// Options given to one rule in koho.toml, with typed getters that fall back
/// to the rule's default. Types are validated when the config is loaded.
#[derive(Debug, Clone, Default)]
pub struct RuleOptions {
    pub table: toml::Table,
}

impl RuleOptions {
    pub fn int(&self, key: &str, default: i64) -> i64 {
        self.table
            .get(key)
            .and_then(|v| v.as_integer())
            .unwrap_or(default)
    }

    pub fn strings(&self, key: &str) -> Vec<String> {
        match self.table.get(key) {
            Some(toml::Value::Array(a)) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            Some(toml::Value::String(s)) => vec![s.clone()],
            _ => Vec::new(),
        }
    }

    pub fn bool(&self, key: &str, default: bool) -> bool {
        self.table
            .get(key)
            .and_then(|v| v.as_bool())
            .unwrap_or(default)
    }
}

/// What a rule sees of one file.
pub struct Ctx<'a> {
    pub source: &'a Source,
    pub doc: &'a Document,
    pub sentences: &'a [Sentence],
    pub kind: DocKind,
    pub coverage: &'a Coverage,
    pub options: &'a RuleOptions,
    /// Per-rule severity after config overrides.
    pub severity: Severity,
    /// Facts several rules need, computed once per file (shared by all
    /// rules' contexts of one [`crate::lint`] call).
    pub facts: &'a checks::facts::Facts,
    /// Tokenizes the sentences no rule has asked about yet ([`Ctx::tokens`]).
    pub tokenizer: &'a crate::token::Tokenizer,
}

impl<'a> Ctx<'a> {
    pub fn text(&self) -> &'a str {
        &self.source.text
    }

    /// The tokens of `s`, tokenized on first use (see
    /// [`Sentence::tokens`]).
    pub fn tokens<'s>(&self, s: &'s Sentence) -> &'s [crate::token::Token] {
        s.tokens(self.tokenizer)
    }

    /// Anchor for "something is missing" findings.
    pub fn anchor(&self) -> Span {
        self.doc.anchor()
    }

    pub fn prose(&self) -> impl Iterator<Item = &'a Sentence> {
        self.sentences.iter().filter(|s| s.prose)
    }

    /// The sentences of blocks `first..=last`, by binary search (sentences
    /// are in block order). Scanning all sentences once per block instead is
    /// quadratic and takes minutes on a 50 MB file.
    pub fn block_sentences(&self, first: usize, last: usize) -> &'a [Sentence] {
        let a = self.sentences.partition_point(|o| o.block() < first);
        let b = self.sentences.partition_point(|o| o.block() <= last);
        self.sentences.get(a..b).unwrap_or(&[])
    }
}

/// How far a rule looks, which decides how it runs when a huge file is
/// linted in windows (see [`crate::lint`]): each window of blocks is
/// tokenized, the rules of block reach run on it, and its tokens are
/// dropped; the other rules run once over the whole document afterwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// What the rule finds about a block depends only on that block's
    /// sentences (and on the document structure, which is always whole):
    /// it runs window by window, with tokens.
    Block,
    /// Looks across the document and reads no tokens, or reads them only
    /// through [`checks::facts::Facts`] (its token memo) and the patterns
    /// listed by [`Rule::token_seqs`].
    Document,
    /// Looks across the document and reads tokens directly. A file is
    /// then linted in one piece, as large as it is: the safe default for a
    /// new rule.
    DocumentTokens,
}

/// A lint rule: metadata plus a check over one file.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &RuleMeta;
    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>);
    /// See [`Reach`].
    fn reach(&self) -> Reach {
        Reach::DocumentTokens
    }
    /// Token sequences this rule matches at document reach: a windowed
    /// lint records their matches before it drops each window's tokens.
    fn token_seqs(&self) -> Vec<&pattern::TokenSeq> {
        Vec::new()
    }
    /// Coverage evidence this rule records (element rules only).
    fn element(&self) -> Option<crate::coverage::Element> {
        None
    }
    /// Find the evidence for this rule's element, if it has one.
    fn find_evidence(&self, _ctx: &Ctx<'_>) -> Option<Span> {
        None
    }
    /// Does [`Rule::check`] read `ctx.coverage`? Rules that do not run
    /// while the coverage is still being gathered, and see an empty one.
    /// Element rules do by default; a rule that reads another rule's
    /// element (like `release.lead-5w`) must say so.
    fn uses_coverage(&self) -> bool {
        self.element().is_some()
    }
}

/// All rules, keyed by id in a stable order.
#[derive(Clone, Default)]
pub struct Registry {
    rules: BTreeMap<String, Arc<dyn Rule>>,
}

/// Built-in rule files, embedded so the binary is self-contained.
/// (`rules/terms.toml` is not one: it is the dictionary of `ja.terms`.)
pub const BUILTIN_RULE_FILES: &[(&str, &str)] = &[
    (
        "rules/release.toml",
        include_str!("../../rules/release.toml"),
    ),
    ("rules/style.toml", include_str!("../../rules/style.toml")),
    (
        "rules/lexicon.toml",
        include_str!("../../rules/lexicon.toml"),
    ),
];

impl Registry {
    /// The built-in rules: embedded TOML files plus code-backed checks.
    pub fn builtin() -> Result<Self, spec::SpecError> {
        // Compiling the rules' regexes is most of koho's start-up: the rule
        // files and the code-backed checks compile in parallel.
        let (files, code) = rayon::join(
            || {
                BUILTIN_RULE_FILES
                    .par_iter()
                    .map(|(name, text)| spec::load_builtin(name, text))
                    .collect::<Result<Vec<_>, _>>()
            },
            checks::all,
        );
        let mut reg = Registry::default();
        for rule in files?.into_iter().flatten().chain(code) {
            reg.insert(rule)?;
        }
        Ok(reg)
    }

    pub fn insert(&mut self, rule: Arc<dyn Rule>) -> Result<(), spec::SpecError> {
        let id = rule.meta().id.clone();
        if self.rules.contains_key(&id) {
            return Err(spec::SpecError::duplicate(&id, &rule.meta().origin));
        }
        self.rules.insert(id, rule);
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Arc<dyn Rule>> {
        self.rules.get(id)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Arc<dyn Rule>> {
        self.rules.values()
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Does `pattern` (an id or a prefix such as `ja.` / `ja`) name any rule?
    pub fn matches_selector(&self, selector: &str) -> bool {
        self.rules.keys().any(|id| selector_matches(selector, id))
    }
}

/// `ja.` and `ja` select every `ja.*` rule; `ALL` selects everything.
pub fn selector_matches(selector: &str, id: &str) -> bool {
    selector == "ALL"
        || selector == id
        || (selector.ends_with('.') && id.starts_with(selector))
        || (!selector.contains('.') && id.split('.').next() == Some(selector))
        || (selector.ends_with('*') && id.starts_with(selector.trim_end_matches('*')))
}

/// Fill `{name}` placeholders.
pub fn render(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (k, v) in vars {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// Call `f` with the context of a rule checking `text` (an announcement,
/// no options), with `facts`.
#[cfg(test)]
pub(crate) fn with_test_ctx<R>(
    text: &str,
    facts: &checks::facts::Facts,
    f: impl FnOnce(&Ctx<'_>) -> R,
) -> R {
    let source = Source::new("t.md", text);
    let doc = Document::parse(text);
    let tokenizer = crate::token::Tokenizer::new().expect("IPADIC loads");
    let sentences = crate::sentence::sentences(&doc, &tokenizer);
    let coverage = Coverage::new(DocKind::Announcement);
    let options = RuleOptions::default();
    f(&Ctx {
        source: &source,
        doc: &doc,
        sentences: &sentences,
        kind: DocKind::Announcement,
        coverage: &coverage,
        options: &options,
        severity: Severity::Warning,
        facts,
        tokenizer: &tokenizer,
    })
}

#[cfg(test)]
mod block_sentence_tests {
    use super::*;

    #[test]
    fn every_warm_up_runs() {
        // Static patterns that failed to compile would panic here, not in
        // a user's background thread.
        crate::warm_up_reading();
        checks::warm_up();
        literals::index();
    }

    #[test]
    fn block_sentences_equal_a_scan_of_all_sentences() {
        let text = "# 題\n\n一文目。二文目。\n\n- 項目\n\n三文目。\n\n四文目。五文目。\n";
        with_test_ctx(text, &checks::facts::Facts::default(), |ctx| {
            let (doc, sentences) = (ctx.doc, ctx.sentences);
            let n = doc.blocks.len();
            assert!(n >= 4);
            for first in 0..=n {
                for last in 0..=n + 1 {
                    let fast: Vec<&str> = ctx
                        .block_sentences(first, last)
                        .iter()
                        .map(|s| s.text.as_str())
                        .collect();
                    let scan: Vec<&str> = sentences
                        .iter()
                        .filter(|s| (first..=last).contains(&s.block()))
                        .map(|s| s.text.as_str())
                        .collect();
                    assert_eq!(fast, scan, "blocks {first}..={last}");
                }
            }
        });
    }
}
