//! The TOML schema of data rules (`rules/*.toml` and user rule files), its
//! validation, and compilation into [`Rule`]s. Errors point into the TOML
//! file: an unknown key, a wrong type, a bad regex, an unknown kind.
//!
//! ```toml
//! [[rule]]
//! id = "ja.kudasai"               # family.kebab-name, never reused
//! kind = "substitution"           # existence | substitution | require | conditional | metric
//! scope = "sentence"              # sentence | block | section | lead | title | document
//!                                 # (a section: the blocks under one heading;
//!                                 # a block before the first heading is its own unit)
//! severity = "warning"            # or { incident = "error", announcement = "warning" }
//! applies-to = ["incident"]       # default: both kinds
//! summary = "…"; message = "…"; help = "…"; why = "…"; how = "…"; exceptions = "…"
//! bad = ["ご確認下さい。"]; good = ["ご確認ください。"]   # examples are tests
//! ```
//! Kind-specific keys: `patterns`, `exclude`, `context`, `context-not` (lists
//! of `{ regex = "…" }` or `{ tokens = [{ surface, base, pos, not }] }`),
//! `swap` and `fix` (substitution), `if`/`then` (conditional), `measure` and
//! `max` (metric), `element` (require: a coverage element it records).
//! A regex with a group named `at` points at that group instead of its
//! whole match (`アプリ(?P<at>「[^」]+」)`: the context before the name is
//! required but not reported, as a look-behind would be).
//! `section-not = "再発防止|会社概要"` skips every sentence in a section whose
//! heading matches (the element lives elsewhere, e.g. not in future measures).
//! `section = "理由|目的"` (require) takes the first sentence the rule looks
//! at in a section whose heading matches as evidence, when no pattern
//! matches: the heading says what the section's sentences are.
//! `field = "場所|発生場所"` (require) takes the value of a labelled line of
//! the lead or body (「・場所：第1グラウンド」) or of a table row whose label
//! cell is the field as evidence, when no pattern matches, prose or not.

use std::collections::BTreeMap;
use std::sync::Arc;

use miette::{NamedSource, SourceSpan};
use serde::Deserialize;
use toml::Spanned;

use super::kinds::{self, Scope};
use super::lazy_regex::LazyRegex;
use super::pattern::{Pattern, PatternSet, TokenMatcher, TokenSeq};
use super::{FixAvailability, OptionDoc, Rule, RuleMeta, SeverityByKind};
use crate::coverage::{DocKind, Element};
use crate::diagnostic::Severity;

/// A problem in a rule file, with the place in the TOML it concerns.
#[derive(Debug, Clone, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
#[diagnostic(code(koho::rule_file))]
pub struct SpecError {
    pub message: String,
    #[source_code]
    pub src: NamedSource<String>,
    #[label("ここ")]
    pub span: Option<SourceSpan>,
    #[help]
    pub help: Option<String>,
}

impl SpecError {
    fn at(
        file: &str,
        text: &str,
        span: Option<std::ops::Range<usize>>,
        message: String,
        help: Option<String>,
    ) -> Self {
        SpecError {
            message,
            src: NamedSource::new(file, text.to_owned()),
            span: span.map(|r| SourceSpan::new(r.start.into(), r.end.saturating_sub(r.start))),
            help,
        }
    }

    pub fn duplicate(id: &str, origin: &str) -> Self {
        SpecError {
            message: format!("ルール ID「{id}」が重複しています（{origin}）"),
            src: NamedSource::new(origin, String::new()),
            span: None,
            help: Some("ID は一つのルールにだけ付けてください。".into()),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    rule: Vec<Spanned<RuleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum SeveritySpec {
    One(String),
    ByKind {
        incident: Option<String>,
        announcement: Option<String>,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenSpec {
    surface: Option<Spanned<String>>,
    base: Option<Spanned<String>>,
    pos: Option<Spanned<String>>,
    #[serde(default)]
    not: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternSpec {
    regex: Option<Spanned<String>>,
    tokens: Option<Vec<TokenSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum MeasureSpec {
    Named(String),
    Count { count: String },
    Run { run: String },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RuleSpec {
    id: Spanned<String>,
    kind: Spanned<String>,
    #[serde(default)]
    scope: Option<Spanned<String>>,
    severity: Option<SeveritySpec>,
    #[serde(default)]
    applies_to: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    enabled: Option<bool>,
    summary: Option<String>,
    message: Option<Spanned<String>>,
    help: Option<String>,
    why: Option<String>,
    how: Option<String>,
    exceptions: Option<String>,
    #[serde(default)]
    bad: Vec<String>,
    #[serde(default)]
    good: Vec<String>,
    since: Option<String>,
    #[serde(default)]
    patterns: Vec<PatternSpec>,
    #[serde(default)]
    exclude: Vec<PatternSpec>,
    #[serde(default)]
    context: Vec<PatternSpec>,
    #[serde(default)]
    context_not: Vec<PatternSpec>,
    /// Skip sentences in sections whose heading matches this regex.
    section_not: Option<Spanned<String>>,
    /// Require: a sentence in a section whose heading matches this regex
    /// is evidence, whatever its wording.
    section: Option<Spanned<String>>,
    /// Require: the value of a line or table row labelled with a field
    /// name matching this regex is evidence.
    field: Option<Spanned<String>>,
    #[serde(default)]
    swap: BTreeMap<String, String>,
    /// Substitution: the first token of the match must have this POS.
    swap_pos: Option<Spanned<String>>,
    fix: Option<Spanned<String>>,
    #[serde(default, rename = "if")]
    if_: Vec<PatternSpec>,
    #[serde(default)]
    then: Vec<PatternSpec>,
    measure: Option<MeasureSpec>,
    max: Option<i64>,
    element: Option<Spanned<String>>,
    /// Rule ids this one wins over when both flag overlapping text.
    #[serde(default)]
    supersedes: Vec<String>,
    /// Only report when the evidence is missing from the whole document
    /// (require) — the unit is still used to judge context.
    #[serde(default)]
    prose_only: Option<bool>,
}

struct Loader<'a> {
    file: &'a str,
    text: &'a str,
    /// Compile regexes on first use (built-in rule files only; see
    /// [`LazyRegex`]).
    lazy: bool,
}

impl Loader<'_> {
    fn err(
        &self,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
        help: Option<&str>,
    ) -> SpecError {
        SpecError::at(
            self.file,
            self.text,
            Some(span),
            message.into(),
            help.map(str::to_owned),
        )
    }

    fn regex(&self, s: &Spanned<String>) -> Result<LazyRegex, SpecError> {
        if self.lazy {
            return Ok(LazyRegex::lazy(s.get_ref()));
        }
        LazyRegex::eager(s.get_ref()).map_err(|e| {
            self.err(
                s.span(),
                format!("正規表現が不正です: {}", first_line(&e.to_string())),
                Some("Rust の regex 構文で書いてください（後方参照・先読み・後読みは使えません。前後の文脈を条件にするときは、指したい部分を (?P<at>…) で囲みます）。"),
            )
        })
    }

    fn full(&self, s: &Spanned<String>) -> Result<LazyRegex, SpecError> {
        self.wrapped(s, format!("^(?:{})$", s.get_ref()))
    }

    /// `pattern`, built around the user's regex `s`, compiled; an error
    /// points at `s` in the rule file.
    fn wrapped(&self, s: &Spanned<String>, pattern: String) -> Result<LazyRegex, SpecError> {
        self.regex(&Spanned::new(s.span(), pattern))
            .map_err(|mut e| {
                e.span = Some(SourceSpan::new(s.span().start.into(), s.span().len()));
                e
            })
    }

    /// A `field` regex: a line that starts with the field name (after a
    /// bullet or a number such as 「（2）」), then 「：」 or a space and the
    /// value (group `value`), or is the field name alone (a table's label
    /// cell).
    fn field(&self, s: &Spanned<String>) -> Result<LazyRegex, SpecError> {
        self.wrapped(
            s,
            format!(
                r"^(?:[\s・\-*＊●○◎■□◆◇]|[（(][0-9０-９]{{1,2}}[）)]|[0-9０-９]{{1,2}}[.．、])*(?:{})\s*(?:(?:[：:]|\s)\s*(?P<value>\S.*?))?\s*$",
                s.get_ref()
            ),
        )
    }

    fn pattern(
        &self,
        p: &PatternSpec,
        rule_span: std::ops::Range<usize>,
    ) -> Result<Pattern, SpecError> {
        match (&p.regex, &p.tokens) {
            (Some(r), None) => Ok(Pattern::Regex(self.regex(r)?)),
            (None, Some(ts)) if !ts.is_empty() => {
                let mut seq = Vec::new();
                for t in ts {
                    seq.push(TokenMatcher::new(
                        t.surface.as_ref().map(|s| self.full(s)).transpose()?,
                        t.base.as_ref().map(|s| self.full(s)).transpose()?,
                        match &t.pos {
                            None => Vec::new(),
                            Some(p) => p
                                .get_ref()
                                .split(',')
                                .map(|lvl| {
                                    self.full(&Spanned::new(p.span(), lvl.trim().to_owned()))
                                })
                                .collect::<Result<_, _>>()?,
                        },
                        t.not,
                    ));
                }
                Ok(Pattern::Tokens(TokenSeq::new(seq)))
            }
            _ => Err(self.err(
                rule_span,
                "パターンには regex か tokens のどちらか一つを書いてください",
                Some("例: { regex = \"下さい\" } または { tokens = [{ base = \"できる\" }] }"),
            )),
        }
    }

    fn patterns(
        &self,
        ps: &[PatternSpec],
        rule_span: &std::ops::Range<usize>,
    ) -> Result<PatternSet, SpecError> {
        Ok(PatternSet::new(
            ps.iter()
                .map(|p| self.pattern(p, rule_span.clone()))
                .collect::<Result<_, _>>()?,
        ))
    }

    fn severity(&self, s: &str, span: &std::ops::Range<usize>) -> Result<Severity, SpecError> {
        Severity::parse(s).ok_or_else(|| {
            self.err(
                span.clone(),
                format!("重大度「{s}」は使えません"),
                Some("error / warning / info のいずれかにしてください。"),
            )
        })
    }
}

fn first_line(s: &str) -> String {
    s.lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .to_owned()
}

/// Parse and compile one rule file. `origin` is `builtin` or the file path.
pub fn load(file: &str, text: &str, origin: &str) -> Result<Vec<Arc<dyn Rule>>, SpecError> {
    load_with(file, text, origin, false)
}

/// A built-in rule file: regexes compile on first use. `Registry::builtin`
/// uses this; the test `builtin_patterns_compile` loads the same files with
/// [`load`] so that every built-in regex is compiled at least once.
pub fn load_builtin(file: &str, text: &str) -> Result<Vec<Arc<dyn Rule>>, SpecError> {
    load_with(file, text, "builtin", true)
}

fn load_with(
    file: &str,
    text: &str,
    origin: &str,
    lazy: bool,
) -> Result<Vec<Arc<dyn Rule>>, SpecError> {
    let parsed: RuleFile = toml::from_str(text).map_err(|e| {
        SpecError::at(
            file,
            text,
            e.span(),
            format!("ルールファイルを読めません: {}", e.message()),
            Some("[[rule]] の表ごとに id・kind・message などを書いてください（`koho explain` の例を参照）。".into()),
        )
    })?;
    let ld = Loader { file, text, lazy };
    let mut out: Vec<Arc<dyn Rule>> = Vec::new();
    for spanned in &parsed.rule {
        let rule_span = spanned.span();
        let r = spanned.get_ref();
        let id = r.id.get_ref();
        if !valid_id(id) {
            return Err(ld.err(
                r.id.span(),
                format!("ルール ID「{id}」の形式が不正です"),
                Some("「family.kebab-name」の形にしてください（例: acme.no-old-product-name）。"),
            ));
        }
        let severity = match &r.severity {
            None => SeverityByKind::all(Severity::Warning),
            Some(SeveritySpec::One(s)) => SeverityByKind::all(ld.severity(s, &rule_span)?),
            Some(SeveritySpec::ByKind {
                incident,
                announcement,
            }) => SeverityByKind {
                incident: incident
                    .as_deref()
                    .map(|s| ld.severity(s, &rule_span))
                    .transpose()?
                    .unwrap_or(Severity::Warning),
                announcement: announcement
                    .as_deref()
                    .map(|s| ld.severity(s, &rule_span))
                    .transpose()?
                    .unwrap_or(Severity::Warning),
            },
        };
        let applies_to = match &r.applies_to {
            None => vec![DocKind::Incident, DocKind::Announcement],
            Some(list) => list
                .get_ref()
                .iter()
                .map(|k| {
                    DocKind::parse(k).ok_or_else(|| {
                        ld.err(
                            list.span(),
                            format!("文書種別「{k}」は使えません"),
                            Some("incident か announcement を指定してください。"),
                        )
                    })
                })
                .collect::<Result<_, _>>()?,
        };
        let scope = match &r.scope {
            None => Scope::Sentence,
            Some(s) => Scope::parse(s.get_ref()).ok_or_else(|| {
                ld.err(
                    s.span(),
                    format!("スコープ「{}」は使えません", s.get_ref()),
                    Some("sentence / block / section / lead / title / document のいずれかにしてください。"),
                )
            })?,
        };
        let message = match &r.message {
            Some(m) if !m.get_ref().trim().is_empty() => m.get_ref().clone(),
            _ => {
                return Err(ld.err(
                    rule_span,
                    format!("ルール「{id}」に message がありません"),
                    Some("利用者に見せる日本語のメッセージを message に書いてください。"),
                ))
            }
        };
        let fix = match &r.fix {
            None => FixAvailability::None,
            Some(f) => match f.get_ref().as_str() {
                "safe" => FixAvailability::Safe,
                "suggestion" => FixAvailability::Suggestion,
                "none" => FixAvailability::None,
                other => {
                    return Err(ld.err(
                        f.span(),
                        format!("fix「{other}」は使えません"),
                        Some("safe / suggestion / none のいずれかにしてください。"),
                    ))
                }
            },
        };
        let mut options = Vec::new();
        let mut meta = RuleMeta {
            id: id.clone(),
            severity,
            applies_to,
            summary: r.summary.clone().unwrap_or_else(|| message.clone()),
            why: r.why.clone().unwrap_or_default(),
            how: r.how.clone().unwrap_or_default(),
            exceptions: r.exceptions.clone().unwrap_or_default(),
            message,
            help: r.help.clone().unwrap_or_default(),
            bad: r.bad.clone(),
            good: r.good.clone(),
            fix,
            options: Vec::new(),
            since: r
                .since
                .clone()
                .unwrap_or_else(|| env!("CARGO_PKG_VERSION").to_owned()),
            origin: origin.to_owned(),
            default_enabled: r.enabled.unwrap_or(true),
            supersedes: r.supersedes.clone(),
        };
        let section_not = r.section_not.as_ref().map(|t| ld.regex(t)).transpose()?;
        let common = kinds::Common {
            scope,
            section_not,
            patterns: ld.patterns(&r.patterns, &rule_span)?,
            exclude: ld.patterns(&r.exclude, &rule_span)?,
            context: ld.patterns(&r.context, &rule_span)?,
            context_not: ld.patterns(&r.context_not, &rule_span)?,
            prose_only: r.prose_only.unwrap_or(matches!(scope, Scope::Sentence)),
        };
        let kind = r.kind.get_ref().as_str();
        // Keys only a require rule takes.
        for (key, given) in [("section", &r.section), ("field", &r.field)] {
            if let (Some(t), false) = (given, kind == "require") {
                return Err(ld.err(
                    t.span(),
                    format!(
                        "{key} は kind = \"require\" のルールでしか使えません（ルール「{id}」）"
                    ),
                    None,
                ));
            }
        }
        let section = r.section.as_ref().map(|t| ld.regex(t)).transpose()?;
        let field = r.field.as_ref().map(|t| ld.field(t)).transpose()?;
        let need_patterns = |what: &str| -> Result<(), SpecError> {
            if common.patterns.is_empty() {
                Err(ld.err(
                    rule_span.clone(),
                    format!("kind = \"{what}\" のルール「{id}」には patterns が必要です"),
                    None,
                ))
            } else {
                Ok(())
            }
        };
        let rule: Arc<dyn Rule> = match kind {
            "existence" => {
                need_patterns(kind)?;
                Arc::new(kinds::existence::Existence { meta, common })
            }
            "substitution" => {
                if r.swap.is_empty() {
                    return Err(ld.err(rule_span, format!("substitution のルール「{id}」には swap が必要です"), Some("swap = { \"下さい\" = \"ください\" } のように書いてください。")));
                }
                let swap_pos = match &r.swap_pos {
                    None => Vec::new(),
                    Some(p) => p.get_ref().split(',').map(|lvl| ld.full(&Spanned::new(p.span(), lvl.trim().to_owned()))).collect::<Result<_, _>>()?,
                };
                if meta.fix == FixAvailability::None && r.fix.is_none() {
                    meta.fix = FixAvailability::Suggestion;
                }
                Arc::new(kinds::substitution::Substitution::new(meta, common, &r.swap, swap_pos))
            }
            "require" => {
                need_patterns(kind)?;
                let element = match &r.element {
                    None => None,
                    Some(e) => Some(Element::parse(e.get_ref()).ok_or_else(|| {
                        ld.err(e.span(), format!("要素「{}」はありません", e.get_ref()), Some("who / what / when / where / why / how / victim_count / as_of / compensation / hotline / hotline_hours / apology / prevention のいずれかです。"))
                    })?),
                };
                Arc::new(kinds::require::Require {
                    meta,
                    common,
                    element,
                    section,
                    field,
                })
            }
            "conditional" => {
                let when = ld.patterns(&r.if_, &rule_span)?;
                let then = ld.patterns(&r.then, &rule_span)?;
                if when.is_empty() || then.is_empty() {
                    return Err(ld.err(rule_span, format!("conditional のルール「{id}」には if と then が必要です"), None));
                }
                Arc::new(kinds::conditional::Conditional { meta, common, when, then })
            }
            "metric" => {
                let measure = match &r.measure {
                    None => return Err(ld.err(rule_span, format!("metric のルール「{id}」には measure が必要です"), Some("measure = \"length\"、{ count = \"、\" }、{ run = \"\\\\p{Han}\" } のいずれかです。"))),
                    Some(MeasureSpec::Named(n)) if n == "length" => kinds::metric::Measure::Length,
                    Some(MeasureSpec::Named(n)) => return Err(ld.err(rule_span, format!("measure「{n}」はありません"), Some("measure = \"length\"、{ count = \"、\" }、{ run = \"\\\\p{Han}\" } のいずれかです。"))),
                    Some(MeasureSpec::Count { count }) => kinds::metric::Measure::Count(ld.regex(&Spanned::new(rule_span.clone(), count.clone()))?),
                    Some(MeasureSpec::Run { run }) => kinds::metric::Measure::Run(ld.regex(&Spanned::new(rule_span.clone(), run.clone()))?),
                };
                let max = r.max.unwrap_or(100);
                options.push(OptionDoc {
                    name: "max".into(),
                    default: max.to_string(),
                    description: "これを超えると報告します。".into(),
                });
                meta.options = options;
                Arc::new(kinds::metric::Metric { meta, common, measure, max })
            }
            other => {
                return Err(ld.err(
                    r.kind.span(),
                    format!("kind「{other}」はありません"),
                    Some("existence / substitution / require / conditional / metric のいずれかにしてください。"),
                ))
            }
        };
        out.push(rule);
    }
    Ok(out)
}

fn valid_id(id: &str) -> bool {
    let mut parts = id.splitn(2, '.');
    let (Some(family), Some(name)) = (parts.next(), parts.next()) else {
        return false;
    };
    let ok = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !s.starts_with('-')
    };
    ok(family) && ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_err(text: &str) -> SpecError {
        match load("t.toml", text, "t.toml") {
            Err(e) => e,
            Ok(_) => panic!("expected an error for {text}"),
        }
    }

    #[test]
    fn builtin_patterns_compile() {
        // Built-in regexes are compiled lazily at run time; loading the
        // files eagerly here is what guarantees each one compiles.
        for (name, text) in super::super::BUILTIN_RULE_FILES {
            let eager = match load(name, text, "builtin") {
                Ok(rules) => rules.len(),
                Err(e) => panic!("{name}: {}", e.message),
            };
            let lazy = load_builtin(name, text).map(|r| r.len()).ok();
            assert_eq!(lazy, Some(eager), "{name}");
        }
    }

    #[test]
    fn a_bad_regex_in_a_builtin_file_matches_nothing_instead_of_panicking() {
        let text = "[[rule]]\nid = \"x.bad\"\nkind = \"existence\"\nmessage = \"m\"\npatterns = [{ regex = \"(a\" }]\n";
        let Ok(rules) = load_builtin("t.toml", text) else {
            panic!("a lazy load does not compile, so cannot fail on a regex");
        };
        let source = crate::Source::new("t.md", "(a を含む文です。\n");
        let registry = {
            let mut r = super::super::Registry::default();
            for rule in rules {
                assert!(r.insert(rule).is_ok());
            }
            std::sync::Arc::new(r)
        };
        let tokenizer = std::sync::Arc::new(crate::token::Tokenizer::new().unwrap());
        let mut settings = crate::Settings::new(registry, tokenizer);
        settings.select(&["x.bad".to_string()]);
        assert!(crate::lint(source, &settings).diagnostics.is_empty());
    }

    #[test]
    fn errors_point_into_the_toml() {
        let text = "[[rule]]\nid = \"x.bad\"\nkind = \"existence\"\nmessage = \"m\"\npatterns = [{ regex = \"(a\" }]\n";
        let e = load_err(text);
        assert!(e.message.contains("正規表現"), "{}", e.message);
        let span = e.span.unwrap();
        assert_eq!(&text[span.offset()..span.offset() + span.len()], "\"(a\"");

        let e = load_err("[[rule]]\nid = \"x.bad\"\nkind = \"nope\"\nmessage = \"m\"\n");
        assert!(e.message.contains("kind"));
        let e = load_err(
            "[[rule]]\nid = \"x.bad\"\nkind = \"existence\"\nmessage = \"m\"\ncolour = 1\n",
        );
        assert!(e.message.contains("colour"), "{}", e.message);
        let e = load_err("[[rule]]\nid = \"Bad\"\nkind = \"existence\"\nmessage = \"m\"\n");
        assert!(e.message.contains("ID"));
        let e = load_err("[[rule]]\nid = \"x.y\"\nkind = \"existence\"\n");
        assert!(e.message.contains("message"));
    }

    #[test]
    fn valid_rule_loads() {
        let rules = load(
            "t.toml",
            "[[rule]]\nid = \"x.kudasai\"\nkind = \"substitution\"\nmessage = \"{from} → {to}\"\nswap = { \"下さい\" = \"ください\" }\nfix = \"safe\"\n",
            "t.toml",
        )
        .unwrap();
        assert_eq!(rules[0].meta().id, "x.kudasai");
        assert_eq!(rules[0].meta().fix, FixAvailability::Safe);
    }

    /// Lint with only the one rule that `text` (a rule file) defines, as
    /// `id`: how many findings it gives on a draft.
    fn findings_of(text: &str, id: &str) -> impl Fn(&str) -> usize {
        let rules = load("t.toml", text, "t.toml").unwrap();
        let mut registry = crate::rules::Registry::default();
        for r in rules {
            registry.insert(r).unwrap();
        }
        let mut settings = crate::Settings::new_from(&registry).unwrap();
        settings.enabled = vec![id.to_owned()];
        let id = id.to_owned();
        move |src: &str| {
            crate::lint(crate::Source::new("t.md", src), &settings)
                .diagnostics
                .iter()
                .filter(|d| d.rule == id)
                .count()
        }
    }

    #[test]
    fn section_takes_a_sentence_under_a_matching_heading_as_evidence() {
        let text = "[[rule]]\nid = \"x.need\"\nkind = \"require\"\nscope = \"document\"\nprose-only = false\nmessage = \"m\"\nsection = \"理由\"\npatterns = [{ regex = \"原因\" }]\n";
        let findings = findings_of(text, "x.need");
        let missing = |src: &str| findings(src) > 0;
        assert!(!missing(
            "# 題\n\nリードです。\n\n## 見直しの理由\n\nごみを減らせます。\n"
        ));
        assert!(missing(
            "# 題\n\nリードです。\n\n## 見直しの内容\n\nごみを減らせます。\n"
        ));
        // The heading alone is not evidence (even for a rule that reads
        // more than prose).
        assert!(missing("# 題\n\nリードです。\n\n【見直しの理由】\n"));
        // Only a require rule takes it.
        let e = load_err("[[rule]]\nid = \"x.bad\"\nkind = \"existence\"\nmessage = \"m\"\nsection = \"理由\"\npatterns = [{ regex = \"a\" }]\n");
        assert!(e.message.contains("require"), "{}", e.message);
    }

    #[test]
    fn field_takes_the_value_of_a_labelled_line_or_row_as_evidence() {
        let text = "[[rule]]\nid = \"x.need\"\nkind = \"require\"\nscope = \"document\"\nprose-only = true\nmessage = \"m\"\nsection-not = \"概要\"\nfield = \"(?:発生)?場所\"\npatterns = [{ regex = \"グラウンド\" }]\n";
        let findings = findings_of(text, "x.need");
        let missing = |src: &str| findings(src) > 0;
        for src in [
            "# 題\n\nリードです。\n\n・場所：体育館の東側\n",
            "# 題\n\nリードです。\n\n（2）発生場所　市民ホール前の歩道橋\n",
            "# 題\n\nリードです。\n\n| 項目 | 内容 |\n|---|---|\n| 場所 | 市民ホール |\n",
        ] {
            assert!(!missing(src), "{src}");
        }
        for src in [
            // No value, another label, a value cell under another label.
            "# 題\n\nリードです。\n\n・場所：\n",
            "# 題\n\nリードです。\n\n・日時：4月1日\n",
            "# 題\n\nリードです。\n\n| 項目 | 内容 |\n|---|---|\n| 日時 | 4月1日 |\n",
            // Not in the header, nor in a section the rule skips.
            "場所：東京都千代田区\n\n# 題\n\nリードです。\n",
            "# 題\n\nリードです。\n\n## 会社概要\n\n場所：東京都千代田区\n",
        ] {
            assert!(missing(src), "{src}");
        }
        let e = load_err("[[rule]]\nid = \"x.bad\"\nkind = \"existence\"\nmessage = \"m\"\nfield = \"場所\"\npatterns = [{ regex = \"a\" }]\n");
        assert!(e.message.contains("require"), "{}", e.message);
        let e = load_err("[[rule]]\nid = \"x.bad\"\nkind = \"require\"\nmessage = \"m\"\nfield = \"(\"\npatterns = [{ regex = \"a\" }]\n");
        assert!(e.message.contains("正規表現"), "{}", e.message);
    }

    #[test]
    fn section_not_skips_sentences_under_matching_headings() {
        let text = "[[rule]]\nid = \"x.word\"\nkind = \"existence\"\nmessage = \"m\"\nsection-not = \"再発防止\"\npatterns = [{ regex = \"実施\" }]\n";
        let fired = findings_of(text, "x.word");
        assert_eq!(fired("# 題\n\n## 対応\n\n点検を実施しました。\n"), 1);
        assert_eq!(fired("# 題\n\n## 再発防止策\n\n点検を実施しました。\n"), 0);
        // Numbered label lines open sections too.
        assert_eq!(fired("# 題\n\n3．再発防止策\n\n点検を実施しました。\n"), 0);
        let e = load_err("[[rule]]\nid = \"x.bad\"\nkind = \"existence\"\nmessage = \"m\"\nsection-not = \"(\"\npatterns = [{ regex = \"a\" }]\n");
        assert!(e.message.contains("正規表現"), "{}", e.message);
    }
}
