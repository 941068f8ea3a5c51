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
// Unbounded reads of user paths (see clippy.toml).
#![cfg_attr(not(test), deny(clippy::disallowed_methods))]

/// A regex compiled once per process, on first use, from a pattern written
/// in the source (a `&str` expression, evaluated once): built-in patterns
/// are valid, which the tests that run every rule show. It compiles as
/// [`rx::Regex::new`] does (lean in a one-shot run);
/// `static_regex!(prefiltered "…")` as [`rx::Regex::prefiltered`], for the
/// few regexes that run on nearly every sentence and start with words.
macro_rules! static_regex {
    (prefiltered $pattern:expr) => {
        static_regex!(@with $crate::rx::Regex::prefiltered, $pattern)
    };
    (@with $build:path, $pattern:expr) => {{
        static CELL: std::sync::OnceLock<$crate::rx::Regex> = std::sync::OnceLock::new();
        CELL.get_or_init(|| $build($pattern).unwrap_or_else(|_| unreachable!("static regex")))
    }};
    ($pattern:expr) => {
        static_regex!(@with $crate::rx::Regex::new, $pattern)
    };
}

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
pub mod rx;
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
use rules::checks::facts::Facts;
use rules::{selector_matches, Ctx, Reach, Registry, RuleOptions};
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
    /// A file with more text than this is linted in windows of about this
    /// much text (see [`lint`]).
    pub window_bytes: usize,
    /// Skip a rule's regexes (and words) on sentences without their
    /// literals ([`rules::literals`]). Off only to check that the filter
    /// changes no finding (tests/it/windowed.rs).
    pub literal_filter: bool,
}

/// Default [`Settings::window_bytes`]: a press release is a few KB, so
/// only files far beyond any release are windowed. A window's tokens take
/// about three times its text.
pub const WINDOW_BYTES: usize = 2 << 20;

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
            window_bytes: WINDOW_BYTES,
            literal_filter: true,
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

/// What every rule's [`Ctx`] of one [`lint`] call shares.
struct Env<'a> {
    source: &'a Source,
    doc: &'a Document,
    kind: DocKind,
    settings: &'a Settings,
    no_options: RuleOptions,
}

impl Env<'_> {
    fn options_of(&self, rule: &Arc<dyn rules::Rule>) -> &RuleOptions {
        self.settings
            .options
            .get(&rule.meta().id)
            .unwrap_or(&self.no_options)
    }

    fn severity_of(&self, rule: &Arc<dyn rules::Rule>) -> Severity {
        let meta = rule.meta();
        self.settings
            .severity_overrides
            .get(&meta.id)
            .copied()
            .unwrap_or_else(|| meta.severity.for_kind(self.kind))
    }

    /// The context of `rule` (its options and severity).
    fn ctx<'c>(
        &'c self,
        rule: &'c Arc<dyn rules::Rule>,
        sentences: &'c [sentence::Sentence],
        coverage: &'c Coverage,
        facts: &'c Facts,
    ) -> Ctx<'c> {
        Ctx {
            options: self.options_of(rule),
            severity: self.severity_of(rule),
            ..self.plain_ctx(sentences, coverage, facts)
        }
    }

    /// A context for no rule in particular (default options).
    fn plain_ctx<'c>(
        &'c self,
        sentences: &'c [sentence::Sentence],
        coverage: &'c Coverage,
        facts: &'c Facts,
    ) -> Ctx<'c> {
        Ctx {
            source: self.source,
            doc: self.doc,
            sentences,
            kind: self.kind,
            coverage,
            options: &self.no_options,
            severity: Severity::Info,
            facts,
            tokenizer: &self.settings.tokenizer,
        }
    }

    fn run(
        &self,
        rule: &Arc<dyn rules::Rule>,
        sentences: &[sentence::Sentence],
        coverage: &Coverage,
        facts: &Facts,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        rule.check(&self.ctx(rule, sentences, coverage, facts), &mut out);
        // Grown by doubling, and kept until every rule is done: on a huge
        // file each rule's list would hold up to twice its findings.
        out.shrink_to_fit();
        out
    }
}

/// Does `rule` run window by window in a windowed lint?
fn runs_per_window(rule: &Arc<dyn rules::Rule>) -> bool {
    rule.reach() == Reach::Block && rule.element().is_none() && !rule.uses_coverage()
}

/// Compile, on the calling thread, the regexes that reading and
/// classifying any release needs (its anatomy and kind). Linting one
/// release is mostly compiling regexes, and reading the file is
/// single-threaded: the CLI runs this on a spare core at start, so the
/// regexes are ready when the file is parsed.
pub fn warm_up_reading() {
    document::warm_up();
    coverage::warm_up();
}

/// Prepare, in the background, what the rules need on every file, while
/// the calling thread reads, parses and tokenizes the first file: the
/// literal filter of the rules' regexes ([`rules::literals`]) and the
/// regexes of the code-backed checks. Whoever asks first builds each, once.
/// The data rules' own regexes compile when a sentence has their literals:
/// most never do on a given release (compiling all of them took more CPU
/// than the rest of a one-release run, on the core the main thread needs
/// next).
pub fn warm_up_rules_in_background() {
    rayon::spawn(|| {
        // The literal filter first: the first file's rules need it at once.
        rules::literals::index();
        rules::checks::warm_up();
    });
}

/// Called with `true` when the first file bigger than one window
/// ([`Settings::window_bytes`]) starts being linted and with `false` when
/// the last such file is done. The `koho` binary uses it to make its
/// allocator hand freed memory back at once while a huge file is read
/// (see `src/main.rs`). Nothing is called unless a program sets it.
static LARGE_FILE_HOOK: std::sync::OnceLock<fn(bool)> = std::sync::OnceLock::new();

/// Files bigger than one window being linted now.
static LARGE_FILES: std::sync::Mutex<usize> = std::sync::Mutex::new(0);

/// Set the function told when huge files start and end (`true` when the
/// first file bigger than one window starts, `false` when the last one is
/// done); only the first call counts.
pub fn on_large_files(hook: fn(bool)) {
    let _ = LARGE_FILE_HOOK.set(hook);
}

/// Held while a file bigger than one window is linted.
struct LargeFile(fn(bool));

impl LargeFile {
    fn begin() -> Option<LargeFile> {
        let hook = *LARGE_FILE_HOOK.get()?;
        let mut n = LARGE_FILES
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if *n == 0 {
            hook(true);
        }
        *n += 1;
        Some(LargeFile(hook))
    }
}

impl Drop for LargeFile {
    fn drop(&mut self) {
        let mut n = LARGE_FILES
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *n = n.saturating_sub(1);
        if *n == 0 {
            (self.0)(false);
        }
    }
}

/// Lint one file.
///
/// A file with more than [`Settings::window_bytes`] of text is linted in
/// windows, so that its tokens (about three times its text) are never all
/// held at once: each window of blocks is tokenized, the rules of block
/// reach ([`Reach::Block`]) run on it, what the other rules will read from
/// its tokens is recorded in [`Facts`], and its tokens are dropped. The
/// other rules then run once over the whole document. The findings are
/// the same as linting in one piece. When an active rule reads tokens
/// across the document ([`Reach::DocumentTokens`]), the file is linted in
/// one piece.
pub fn lint(source: Source, settings: &Settings) -> FileReport {
    finish(prepare(source, settings), settings)
}

/// How many files [`lint_batch`] (and `koho check`) prepare before checking
/// them: see [`in_batches`]. The more files a batch holds, the longer each
/// rule's regexes stay in the processor's cache (100 files on one core, in
/// batches of 8 → 32 → 64 → 100 files: 100 % → 84 % → 80 % → 77 % of the
/// time); past 64, the gain is lost in the noise (10,000 files).
pub const BATCH_FILES: usize = 64;
/// ... and how much text at most, so that a batch of big files never holds
/// more than this (plus one file) prepared at once.
pub const BATCH_BYTES: usize = 2 << 20;

/// How many files each thread takes at a time when `n` files are linted on
/// `threads` threads: [`BATCH_FILES`], or fewer, so that a small run still
/// gives each thread at least two chunks to share (100 files on 2 threads:
/// 4 chunks of 25, not 64 files on one thread and 36 on the other).
pub fn chunk_files(n: usize, threads: usize) -> usize {
    (n / (2 * threads.max(1))).clamp(1, BATCH_FILES)
}

/// Lint several files: the same reports as [`lint`] on each, in order, but
/// in batches (see [`in_batches`]), which is faster.
pub fn lint_batch(sources: Vec<Source>, settings: &Settings) -> Vec<FileReport> {
    in_batches(
        sources,
        |s| {
            let size = s.text.len();
            (prepare(s, settings), size)
        },
        |batch| finish_batch(batch, settings),
    )
}

/// Run `first` on each item and `then` on the results of `first`, in
/// batches: `first` on up to [`BATCH_FILES`] items (or until their sizes,
/// the second value `first` returns, reach [`BATCH_BYTES`]), then `then`
/// on that batch, which returns one result for each, then the next batch.
/// The results keep the items' order.
///
/// This is how koho lints several files: `first` prepares a file (parses
/// it, splits it into sentences and tokenizes them: [`prepare`]) and
/// `then` runs the rules on the batch ([`finish_batch`]). Tokenizing files
/// back to back keeps the dictionary's busy parts in the processor's
/// cache, and checking them back to back keeps the rules' regexes there;
/// taken file by file, each phase evicts what the other needs (100 files
/// on one core: about a sixth faster).
pub fn in_batches<T, P, R>(
    items: impl IntoIterator<Item = T>,
    mut first: impl FnMut(T) -> (P, usize),
    mut then: impl FnMut(Vec<P>) -> Vec<R>,
) -> Vec<R> {
    let mut out = Vec::new();
    let mut pending = Vec::with_capacity(BATCH_FILES);
    let mut bytes = 0;
    for item in items {
        let (p, size) = first(item);
        pending.push(p);
        bytes += size;
        if pending.len() >= BATCH_FILES || bytes >= BATCH_BYTES {
            out.extend(then(std::mem::take(&mut pending)));
            bytes = 0;
        }
    }
    if !pending.is_empty() {
        out.extend(then(pending));
    }
    out
}

/// A file parsed, split into sentences, its kind decided and (unless it is
/// linted in windows) its prose tokenized: the first half of [`lint`].
pub struct Prepared {
    _large: Option<LargeFile>,
    source: Arc<Source>,
    doc: Document,
    sentences: Vec<sentence::Sentence>,
    kind: KindDecision,
    /// Empty unless the file is linted window by window.
    windows: Vec<std::ops::Range<usize>>,
}

impl Prepared {
    /// The file being linted.
    pub fn source(&self) -> &Arc<Source> {
        &self.source
    }
}

/// Does `rule` run on a file of this kind?
fn is_active(settings: &Settings, rule: &Arc<dyn rules::Rule>, kind: DocKind) -> bool {
    let meta = rule.meta();
    settings.is_enabled(&meta.id) && meta.applies_to.contains(&kind)
}

/// The first half of [`lint`]: parse the file, split it into sentences,
/// decide its kind and tokenize its prose (unless it is linted in windows).
pub fn prepare(source: Source, settings: &Settings) -> Prepared {
    let _large = if source.text.len() > settings.window_bytes {
        LargeFile::begin()
    } else {
        None
    };
    let source = Arc::new(source);
    let doc = Document::parse_shared(&text::Text::shared(source.clone()));
    let sentences = sentence::split_all(&doc);
    let kind = coverage::detect_kind(&doc, &sentences, settings.default_kind);
    // Every rule that runs, and every rule that looks for evidence of a
    // coverage element (enabled or not).
    let windowable = settings
        .registry
        .iter()
        .filter(|rule| is_active(settings, rule, kind.kind) || rule.element().is_some())
        .all(|rule| rule.reach() != Reach::DocumentTokens);
    // No windows (empty) when the file must be linted in one piece.
    let mut windows = if windowable {
        sentence::windows(&sentences, settings.window_bytes)
    } else {
        Vec::new()
    };
    if windows.len() <= 1 {
        windows.clear();
        sentence::tokenize(&sentences, &settings.tokenizer);
    }
    Prepared {
        _large,
        source,
        doc,
        sentences,
        kind,
        windows,
    }
}

/// The second half of [`lint`]: run the rules on a prepared file.
pub fn finish(prepared: Prepared, settings: &Settings) -> FileReport {
    let mut reports = finish_batch(vec![prepared], settings);
    match reports.pop() {
        Some(report) => report,
        None => unreachable!("one report per prepared file"),
    }
}

/// A prepared file while [`finish_batch`] runs the rules on it.
struct Open {
    prepared: Prepared,
    facts: Facts,
    /// Coverage with nothing found: what rules that find evidence see.
    blank: Coverage,
    /// Which rules of the registry (by index) run on this file.
    on: Vec<bool>,
    /// Findings by registry index.
    found: Vec<Vec<Diagnostic>>,
    /// Rules (by registry index) already run, window by window.
    done: Vec<bool>,
}

impl Open {
    fn env<'a>(&'a self, settings: &'a Settings) -> Env<'a> {
        Env {
            source: &self.prepared.source,
            doc: &self.prepared.doc,
            kind: self.prepared.kind.kind,
            settings,
            no_options: RuleOptions::default(),
        }
    }

    /// Does rule `r` (a registry index) still have to run on this file?
    fn runs(&self, r: usize) -> bool {
        self.on[r] && !self.done[r]
    }
}

/// Run `each` on every file of `files` that rule `r` still has to run on,
/// rule by rule (in parallel across the rules): one rule checks all the
/// files of a batch back to back, so its code and its regexes' state stay
/// in the processor's cache. `each` gets the rule's registry index and the
/// file's index in `files`. Returns, for each rule of `rules`, each file's
/// result (`None` where the rule does not run).
fn rule_by_rule<T: Send>(
    rules: &[usize],
    files: &[Open],
    each: impl Fn(usize, usize) -> T + Sync,
) -> Vec<Vec<Option<T>>> {
    rules
        .par_iter()
        .map(|&r| {
            files
                .iter()
                .enumerate()
                .map(|(i, f)| f.runs(r).then(|| each(r, i)))
                .collect()
        })
        .collect()
}

/// [`finish`] on several prepared files that share `settings`: the same
/// reports, in order. Each rule runs on all the files back to back, so its
/// code and its regexes' state stay in the processor's cache, which is
/// faster than file after file.
pub fn finish_batch(batch: Vec<Prepared>, settings: &Settings) -> Vec<FileReport> {
    let registry: Vec<&Arc<dyn rules::Rule>> = settings.registry.iter().collect();
    let mut files: Vec<Open> = batch
        .into_iter()
        .map(|prepared| {
            let kind = prepared.kind.kind;
            let on: Vec<bool> = registry
                .iter()
                .map(|rule| is_active(settings, rule, kind))
                .collect();
            let mut open = Open {
                facts: Facts::new(settings.literal_filter),
                blank: Coverage::new(kind),
                found: vec![Vec::new(); registry.len()],
                done: vec![false; registry.len()],
                on,
                prepared,
            };
            if open.prepared.windows.len() > 1 {
                run_windows(&mut open, &registry, settings);
            }
            open
        })
        .collect();
    // Every rule that looks for evidence of a coverage element, enabled or
    // not; the first (in registry order) that finds evidence for an element
    // provides it.
    let element_rules: Vec<(usize, coverage::Element)> = registry
        .iter()
        .enumerate()
        .filter_map(|(r, rule)| Some((r, rule.element()?)))
        .collect();
    let (later, sooner): (Vec<usize>, Vec<usize>) = (0..registry.len())
        .filter(|&r| files.iter().any(|f| f.runs(r)))
        .partition(|&r| registry[r].uses_coverage());

    // Rules run in parallel (rayon): with one file to lint, the second core
    // would otherwise idle while each rule compiles its lazy regexes. Each
    // rule writes to its own list and the lists are joined in registry
    // order, so the result does not depend on scheduling.
    //
    // Coverage first: rules that do not read the coverage run meanwhile.
    let (evidence, found_sooner) = rayon::join(
        || {
            element_rules
                .par_iter()
                .map(|&(r, _)| {
                    let rule = registry[r];
                    files
                        .iter()
                        .map(|f| {
                            let env = f.env(settings);
                            let ctx = Ctx {
                                options: env.options_of(rule),
                                ..env.plain_ctx(&f.prepared.sentences, &f.blank, &f.facts)
                            };
                            rule.find_evidence(&ctx)
                        })
                        .collect::<Vec<Option<Span>>>()
                })
                .collect::<Vec<_>>()
        },
        || {
            rule_by_rule(&sooner, &files, |r, i| {
                let f = &files[i];
                f.env(settings)
                    .run(registry[r], &f.prepared.sentences, &f.blank, &f.facts)
            })
        },
    );
    let coverages: Vec<Coverage> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut coverage = Coverage::new(f.prepared.kind.kind);
            for ((_, element), spans) in element_rules.iter().zip(&evidence) {
                if let (false, Some(span)) = (coverage.get(*element).found, spans[i]) {
                    coverage.set(*element, span);
                }
            }
            coverage
        })
        .collect();
    let found_later = rule_by_rule(&later, &files, |r, i| {
        let f = &files[i];
        f.env(settings)
            .run(registry[r], &f.prepared.sentences, &coverages[i], &f.facts)
    });
    for (rules, lists) in [(sooner, found_sooner), (later, found_later)] {
        for (r, per_file) in rules.into_iter().zip(lists) {
            for (f, list) in files.iter_mut().zip(per_file) {
                if let Some(list) = list {
                    f.found[r] = list;
                }
            }
        }
    }
    files
        .into_iter()
        .zip(coverages)
        .map(|(f, coverage)| assemble(f, coverage, settings))
        .collect()
}

/// Lint a file window by window (see [`lint`]): run the rules of block
/// reach on each window and record what the other rules will read from its
/// tokens in the file's facts.
fn run_windows(f: &mut Open, registry: &[&Arc<dyn rules::Rule>], settings: &Settings) {
    let windows = std::mem::take(&mut f.prepared.windows);
    let per_window: Vec<usize> = (0..registry.len())
        .filter(|&r| f.on[r] && runs_per_window(registry[r]))
        .collect();
    // Token sequences the other rules match: recorded per window.
    let seqs: Vec<&rules::pattern::TokenSeq> = (0..registry.len())
        .filter(|&r| (f.on[r] && !per_window.contains(&r)) || registry[r].element().is_some())
        .flat_map(|r| registry[r].token_seqs())
        .collect();
    let mut facts = Facts::new(settings.literal_filter);
    let mut found: Vec<Vec<Diagnostic>> = vec![Vec::new(); per_window.len()];
    let mut sentences = std::mem::take(&mut f.prepared.sentences);
    {
        let env = f.env(settings);
        for window in windows {
            sentence::tokenize_parallel(&sentences[window.clone()], &settings.tokenizer);
            // The window's rules index their facts by sentences of the
            // window, and the recording reads tokens, not the memo it
            // fills: each gets facts of its own.
            let window_facts = Facts::new(settings.literal_filter);
            let here = &sentences[window.clone()];
            let lists: Vec<Vec<Diagnostic>> = per_window
                .par_iter()
                .map(|&r| env.run(registry[r], here, &f.blank, &window_facts))
                .collect();
            for (all, list) in found.iter_mut().zip(lists) {
                all.extend(list);
            }
            let from_tokens = Facts::new(settings.literal_filter);
            facts.record(
                &env.plain_ctx(&sentences, &f.blank, &from_tokens),
                window.clone(),
                &seqs,
            );
            for s in &mut sentences[window] {
                s.drop_tokens();
            }
        }
    }
    facts.seal();
    token::release_caches();
    for (&r, mut list) in per_window.iter().zip(found) {
        list.shrink_to_fit();
        f.found[r] = list;
        f.done[r] = true;
    }
    f.facts = facts;
    f.prepared.sentences = sentences;
}

/// A file's report from its findings, rule by rule: suppressions applied,
/// superseded findings dropped, spans clamped, sorted.
fn assemble(f: Open, coverage: Coverage, settings: &Settings) -> FileReport {
    let Open {
        prepared, found, ..
    } = f;
    let Prepared {
        _large,
        source,
        doc,
        sentences,
        kind,
        windows: _,
    } = prepared;
    // Sentences and their tokens are the bulk of a huge file's memory:
    // free them before the findings are joined into one list, so the two
    // never peak together.
    drop(sentences);
    let total: usize = found.iter().map(Vec::len).sum();
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

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    /// A 50 MB file has half a million sentences, 300,000 blocks and
    /// 200,000 findings: these sizes are what keep its peak memory within
    /// four times its size plus the dictionary (README, 性能; docs/PERFORMANCE.md).
    #[test]
    fn per_item_structs_stay_small() {
        assert!(std::mem::size_of::<sentence::Sentence>() <= 64);
        assert!(std::mem::size_of::<document::Block>() <= 64);
        assert!(std::mem::size_of::<Diagnostic>() <= 80);
        assert!(std::mem::size_of::<token::Token>() <= 16);
    }

    /// Files are shared out in chunks of BATCH_FILES, smaller for a short
    /// run, so that each thread gets at least two; never empty.
    #[test]
    fn chunks_are_full_batches_or_shares_of_a_short_run() {
        assert_eq!(chunk_files(10_000, 2), BATCH_FILES);
        assert_eq!(chunk_files(100, 2), 25);
        assert_eq!(chunk_files(100, 1), 50);
        assert_eq!(chunk_files(1, 2), 1);
        assert_eq!(chunk_files(0, 0), 1);
        for n in [1, 7, 100, 257, 10_000] {
            for threads in [1, 2, 8] {
                let chunk = chunk_files(n, threads);
                assert!((1..=BATCH_FILES).contains(&chunk), "{n} {threads}");
                // Every thread gets two chunks, unless chunks are full or
                // there are too few files.
                assert!(
                    chunk == BATCH_FILES || chunk == 1 || n.div_ceil(chunk) >= 2 * threads,
                    "{n} {threads}"
                );
            }
        }
    }

    /// `first` runs on at most BATCH_FILES items, or until their sizes
    /// reach BATCH_BYTES, before `then` runs on them; results keep the
    /// items' order.
    #[test]
    fn batches_close_at_their_count_or_their_size() {
        let calls = std::cell::RefCell::new(Vec::new());
        // Empty items close batches by their count; then items of a third
        // of BATCH_BYTES (and a little more) close them by their size.
        let sizes: Vec<usize> = std::iter::repeat_n(0, 2 * BATCH_FILES + 5)
            .chain(std::iter::repeat_n(BATCH_BYTES / 3 + 1, 10))
            .collect();
        let n = sizes.len();
        let out = in_batches(
            sizes.iter().copied().enumerate(),
            |(i, size)| {
                calls.borrow_mut().push(('f', i));
                (i, size)
            },
            |batch: Vec<usize>| {
                let mut calls = calls.borrow_mut();
                batch
                    .into_iter()
                    .map(|i| {
                        calls.push(('t', i));
                        i * 2
                    })
                    .collect()
            },
        );
        assert_eq!(out, (0..n).map(|i| i * 2).collect::<Vec<_>>());
        // Split the calls into batches: runs of 'f' followed by runs of 't'.
        let calls = calls.into_inner();
        let mut batches: Vec<Vec<usize>> = Vec::new();
        let mut prev = 't';
        for &(c, i) in &calls {
            if c == 'f' {
                if prev == 't' {
                    batches.push(Vec::new());
                }
                batches.last_mut().expect("a batch").push(i);
            }
            prev = c;
        }
        // Every item prepared once, each batch checked right after it is
        // prepared, in order.
        let mut expected = Vec::new();
        for b in &batches {
            expected.extend(b.iter().map(|&i| ('f', i)));
            expected.extend(b.iter().map(|&i| ('t', i)));
        }
        assert_eq!(calls, expected);
        for b in &batches {
            let bytes: usize = b.iter().map(|&i| sizes[i]).sum();
            let last = *b.last().expect("non-empty");
            let before = bytes - sizes[last];
            assert!(b.len() <= BATCH_FILES, "{b:?}");
            // A batch closes only when full, over the size or at the end.
            assert!(
                b.len() == BATCH_FILES || bytes >= BATCH_BYTES || last == n - 1,
                "{b:?}"
            );
            // It did not close any earlier.
            assert!(b.len() == 1 || before < BATCH_BYTES, "{b:?}");
        }
        assert!(batches.iter().any(|b| b.len() == BATCH_FILES));
        assert!(batches.iter().any(|b| b.len() < BATCH_FILES && b.len() > 1));
        // A last batch that is neither full nor big is checked too.
        let small = in_batches(0..BATCH_FILES + 3, |i| (i, 0), |batch| batch);
        assert_eq!(small, (0..BATCH_FILES + 3).collect::<Vec<_>>());
    }

    /// The hook is told when a file bigger than one window starts and when
    /// it is done, and is not called for a small file. (The only test in
    /// this binary that lints a file bigger than a window.)
    #[test]
    fn the_large_file_hook_brackets_huge_files_only() {
        static CALLS: Mutex<Vec<bool>> = Mutex::new(Vec::new());
        fn record(on: bool) {
            CALLS
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(on);
        }
        let calls = || {
            CALLS
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .clone()
        };
        on_large_files(record);
        let mut settings = Settings::builtin().expect("built-in rules load");
        settings.window_bytes = 64;
        lint(Source::new("small.md", "短い本文です。"), &settings);
        assert_eq!(calls(), Vec::<bool>::new());
        let big = "本文です。\n\n".repeat(40);
        lint(Source::new("big.md", big), &settings);
        assert_eq!(calls(), vec![true, false]);
    }
}
