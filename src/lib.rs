//! koho (広報): a linter for Japanese press-release drafts.
//!
//! [`lint`] takes one decoded [`Source`] and the resolved [`Settings`] and
//! returns a [`FileReport`]; it does no I/O and never prints. The CLI, the
//! reporters and the LSP server are layers on top.
//!
//! Pipeline: Markdown → [`document::Document`] (blocks with source spans and
//! release anatomy) → [`sentence`]s tokenized once by [`token`] → the
//! [`rules::Registry`] (data rules from `rules/*.toml` plus code-backed
//! checks) → [`diagnostic::Diagnostic`]s with byte spans.

#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod cli;
pub mod config;
pub mod coverage;
pub mod diagnostic;
pub mod document;
pub mod fix;
pub mod input;
pub mod lsp;
pub mod report;
pub mod rules;
pub mod sentence;
pub mod span;
pub mod text;
pub mod token;

use std::collections::BTreeMap;
use std::sync::Arc;

use coverage::{Coverage, DocKind, KindDecision};
use diagnostic::{Diagnostic, Severity};
use document::Document;
pub use input::Source;
use rayon::prelude::*;
use rules::{selector_matches, Ctx, Registry, RuleOptions};
use span::Span;
use token::Tokenizer;

/// Everything that decides how a file is linted, resolved from the rule
/// registry, koho.toml and command-line flags. Built once and shared.
#[derive(Clone)]
pub struct Settings {
    pub registry: Arc<Registry>,
    pub tokenizer: Arc<Tokenizer>,
    /// Enabled rule ids.
    pub enabled: Vec<String>,
    pub severity_overrides: BTreeMap<String, Severity>,
    pub options: BTreeMap<String, RuleOptions>,
    pub default_kind: Option<DocKind>,
    /// Rules the config file turned off (`ignore`, `enabled = false`);
    /// kept so that a command-line `--select` does not turn them back on.
    pub config_ignored: Vec<String>,
}

impl Settings {
    /// Built-in rules with their default enablement, no config.
    pub fn builtin() -> Result<Self, String> {
        let registry = Registry::builtin().map_err(|e| e.to_string())?;
        let tokenizer = Tokenizer::new().map_err(|e| e.to_string())?;
        Ok(Self::new(Arc::new(registry), Arc::new(tokenizer)))
    }

    /// `registry` with the embedded dictionary only.
    pub fn new_from(registry: &Registry) -> Result<Self, String> {
        let tokenizer = Tokenizer::new().map_err(|e| e.to_string())?;
        Ok(Self::new(Arc::new(registry.clone()), Arc::new(tokenizer)))
    }

    pub fn new(registry: Arc<Registry>, tokenizer: Arc<Tokenizer>) -> Self {
        let enabled = registry
            .iter()
            .filter(|r| r.meta().default_enabled)
            .map(|r| r.meta().id.clone())
            .collect();
        Settings {
            registry,
            tokenizer,
            enabled,
            severity_overrides: BTreeMap::new(),
            options: BTreeMap::new(),
            default_kind: None,
            config_ignored: Vec::new(),
        }
    }

    /// Keep only rules matched by one of `selectors` (ids or prefixes).
    pub fn select(&mut self, selectors: &[String]) {
        let all: Vec<String> = self.registry.iter().map(|r| r.meta().id.clone()).collect();
        self.enabled = all
            .into_iter()
            .filter(|id| selectors.iter().any(|s| selector_matches(s, id)))
            .collect();
    }

    /// Turn off rules matched by one of `selectors`.
    pub fn ignore(&mut self, selectors: &[String]) {
        self.enabled
            .retain(|id| !selectors.iter().any(|s| selector_matches(s, id)));
    }

    /// Turn on rules matched by one of `selectors`, in addition.
    pub fn extend(&mut self, selectors: &[String]) {
        for r in self.registry.iter() {
            let id = &r.meta().id;
            if selectors.iter().any(|s| selector_matches(s, id)) && !self.enabled.contains(id) {
                self.enabled.push(id.clone());
            }
        }
        self.enabled.sort();
    }

    pub fn is_enabled(&self, id: &str) -> bool {
        self.enabled.iter().any(|e| e == id)
    }
}

/// The result of linting one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub source: Arc<Source>,
    pub kind: KindDecision,
    pub coverage: Coverage,
    /// Sorted by span, then rule id.
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    pub fn count(&self, sev: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == sev)
            .count()
    }
}

/// A problem with the file itself (cannot read, not text), reported in
/// place of a lint result. The run goes on with the other files.
#[derive(Debug, Clone)]
pub struct FileError {
    pub path: String,
    pub message: String,
}

/// Lint one file.
pub fn lint(source: Source, settings: &Settings) -> FileReport {
    let source = Arc::new(source);
    let doc = Document::parse_shared(&text::Text::shared(source.clone()));
    let sentences = sentence::sentences(&doc, &settings.tokenizer);
    let kind = coverage::detect_kind(&doc, &sentences, settings.default_kind);

    // Facts several rules need, computed once for this file.
    let facts = rules::checks::facts::Facts::default();

    // Rules run in parallel (rayon): with one file to lint, the second core
    // would otherwise idle while each rule compiles its lazy regexes. Each
    // rule writes to its own list and the lists are joined in registry
    // order, so the result does not depend on scheduling.
    //
    // Coverage first: every element rule, enabled or not, records evidence.
    // The first rule (in registry order) that finds evidence for an element
    // provides it. Rules that do not read the coverage run meanwhile.
    let blank = Coverage::new(kind.kind);
    let no_options = RuleOptions::default();
    let options_of =
        |rule: &Arc<dyn rules::Rule>| settings.options.get(&rule.meta().id).unwrap_or(&no_options);
    let run = |rule: &Arc<dyn rules::Rule>, coverage: &Coverage| {
        let meta = rule.meta();
        let severity = settings
            .severity_overrides
            .get(&meta.id)
            .copied()
            .unwrap_or_else(|| meta.severity.for_kind(kind.kind));
        let ctx = Ctx {
            source: &source,
            doc: &doc,
            sentences: &sentences,
            kind: kind.kind,
            coverage,
            options: options_of(rule),
            severity,
            facts: &facts,
        };
        let mut out = Vec::new();
        rule.check(&ctx, &mut out);
        // Grown by doubling, and kept until every rule is done: on a huge
        // file each rule's list would hold up to twice its findings.
        out.shrink_to_fit();
        out
    };
    let active: Vec<&Arc<dyn rules::Rule>> = settings
        .registry
        .iter()
        .filter(|rule| {
            let meta = rule.meta();
            settings.is_enabled(&meta.id) && meta.applies_to.contains(&kind.kind)
        })
        .collect();
    let (later, sooner): (Vec<usize>, Vec<usize>) =
        (0..active.len()).partition(|&i| active[i].uses_coverage());
    let element_rules: Vec<_> = settings
        .registry
        .iter()
        .filter_map(|rule| Some((rule, rule.element()?)))
        .collect();
    let (evidence, found_sooner) = rayon::join(
        || {
            element_rules
                .par_iter()
                .map(|(rule, _)| {
                    let ctx = Ctx {
                        source: &source,
                        doc: &doc,
                        sentences: &sentences,
                        kind: kind.kind,
                        coverage: &blank,
                        options: options_of(rule),
                        severity: Severity::Info,
                        facts: &facts,
                    };
                    rule.find_evidence(&ctx)
                })
                .collect::<Vec<Option<Span>>>()
        },
        || {
            sooner
                .par_iter()
                .map(|&i| run(active[i], &blank))
                .collect::<Vec<_>>()
        },
    );
    let mut coverage = Coverage::new(kind.kind);
    for ((_, element), span) in element_rules.iter().zip(evidence) {
        if let (false, Some(span)) = (coverage.get(*element).found, span) {
            coverage.set(*element, span);
        }
    }
    let found_later: Vec<Vec<Diagnostic>> = later
        .par_iter()
        .map(|&i| run(active[i], &coverage))
        .collect();

    // Sentences and their tokens are the bulk of a huge file's memory:
    // free them before the findings are joined into one list, so the two
    // never peak together.
    drop(sentences);
    let total: usize = found_sooner.iter().chain(&found_later).map(Vec::len).sum();
    let mut diagnostics = Vec::with_capacity(total + 1);
    if source.encoding != input::Encoding::Utf8 && source.encoding != input::Encoding::Utf8Bom {
        diagnostics.push(
            Diagnostic::new(
                "koho.encoding",
                Severity::Info,
                Span::empty(0),
                format!(
                    "文字コードを {} と判定して読み込みました。",
                    source.encoding.name()
                ),
            )
            .with_help("UTF-8 で保存すると、--fix による自動修正も使えます。"),
        );
    }
    // Registry order, as if the rules had run one after another.
    let mut found: Vec<Vec<Diagnostic>> = vec![Vec::new(); active.len()];
    for (i, f) in sooner.into_iter().zip(found_sooner) {
        found[i] = f;
    }
    for (i, f) in later.into_iter().zip(found_later) {
        found[i] = f;
    }
    for f in found {
        // Each rule's list is freed as soon as it is copied.
        diagnostics.extend(f);
    }
    let text = &source.text;
    diagnostics.retain(|d| !doc.suppressions.is_suppressed(&d.rule, d.span));
    drop_superseded(&settings.registry, &mut diagnostics);
    for d in diagnostics.iter_mut() {
        d.span = d.span.clamp_to(text);
        for l in d.labels.iter_mut() {
            l.span = l.span.clamp_to(text);
        }
        if let Some(f) = d.fix.as_mut() {
            for e in f.edits.iter_mut() {
                e.span = e.span.clamp_to(text);
            }
        }
    }
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            &b.rule,
            &b.message,
        ))
    });
    diagnostics.dedup_by(|a, b| a.rule == b.rule && a.span == b.span && a.message == b.message);
    FileReport {
        source,
        kind,
        coverage,
        diagnostics,
    }
}

/// Remove findings that a more specific rule reported on overlapping text
/// (`supersedes` in the winning rule's definition), unless the loser is the
/// more severe of the two: a finding is never demoted this way.
fn drop_superseded(registry: &Registry, diagnostics: &mut Vec<Diagnostic>) {
    let winners: Vec<(Span, Severity, &[String])> = diagnostics
        .iter()
        .filter_map(|d| {
            let meta = registry.get(&d.rule)?.meta();
            (!meta.supersedes.is_empty()).then_some((
                d.span,
                d.severity,
                meta.supersedes.as_slice(),
            ))
        })
        .collect();
    if winners.is_empty() {
        return;
    }
    diagnostics.retain(|d| {
        !winners.iter().any(|(span, severity, losers)| {
            losers.iter().any(|l| *l == d.rule) && span.overlaps(d.span) && *severity >= d.severity
        })
    });
}
