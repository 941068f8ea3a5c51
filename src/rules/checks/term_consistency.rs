//! `ja.term-consistency`: one word written two ways in the same document
//! (お客様／お客さま, サーバー／サーバ). The form used most often is taken as
//! the document's choice (on a tie, the one used first); every other form
//! is reported with the majority form as a suggestion.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::terms::builtin_dictionary;
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::rules::literals;
use crate::rules::{render, Ctx, Reach, Rule, RuleMeta};
use crate::span::Span;

pub struct TermConsistency {
    meta: RuleMeta,
    groups: Vec<Vec<String>>,
    /// Every form of every group, built on first use.
    finder: OnceLock<Option<Finder>>,
    /// Every form of every group, in the literal filter: most sentences
    /// have none, and are not searched.
    gate: u32,
}

/// One automaton over all forms, so each sentence is scanned once instead
/// of once per form.
struct Finder {
    ac: AhoCorasick,
    /// Automaton pattern → the (group, form) pairs spelled that way.
    owners: Vec<Vec<(usize, usize)>>,
}

impl Finder {
    fn new(groups: &[Vec<String>]) -> Option<Finder> {
        let mut words: Vec<&str> = Vec::new();
        let mut owners: Vec<Vec<(usize, usize)>> = Vec::new();
        for (gi, group) in groups.iter().enumerate() {
            for (fi, form) in group.iter().enumerate() {
                match words.iter().position(|w| *w == form.as_str()) {
                    Some(k) => owners[k].push((gi, fi)),
                    None => {
                        words.push(form);
                        owners.push(vec![(gi, fi)]);
                    }
                }
            }
        }
        let ac = AhoCorasick::new(&words).ok()?;
        Some(Finder { ac, owners })
    }
}

impl TermConsistency {
    pub fn new() -> Self {
        let mut meta = RuleMeta::builtin("ja.term-consistency", Severity::Warning);
        meta.summary = "同じ語の表記が文書内でそろっていません".into();
        meta.message = "「{minority}」と「{majority}」が混在しています。".into();
        meta.help = "文書内で多く使われている「{majority}」にそろえてください。".into();
        meta.why = "一つのリリースの中で表記が揺れると、校正が行き届いていない印象を与え、記者が引用するときにも迷わせます。".into();
        meta.how = "rules/terms.toml の [[variants]] にある表記の組を全文（見出し・ヘッダー行・問い合わせ先を含む）で数え、二つ以上の表記が使われていれば、少ないほうの各出現を報告します。同数なら先に出た表記にそろえます。".into();
        meta.exceptions = "長い表記や別の語の一部（「サーバー」の中の「サーバ」、「ユーザビリティ」の中の「ユーザ」）は数えません。インラインコードとコードブロックの中も対象外です。".into();
        meta.bad = vec![
            "お客様の情報を保護します。お客様にはご迷惑をおかけしました。お客さまへの連絡を始めました。".into(),
        ];
        meta.good = vec!["お客様の情報を保護します。お客様にはご迷惑をおかけしました。".into()];
        meta.fix = crate::rules::FixAvailability::Suggestion;
        let groups: Vec<Vec<String>> = builtin_dictionary()
            .variants
            .iter()
            .map(|v| v.forms.clone())
            .collect();
        let gate = literals::register_words(&groups.concat());
        TermConsistency {
            meta,
            groups,
            finder: OnceLock::new(),
            gate,
        }
    }
}

fn is_katakana(c: char) -> bool {
    ('ァ'..='ヺ').contains(&c) || c == 'ー'
}

/// Does the match continue into a longer word (ユーザ in ユーザビリティ,
/// Web in Website)? Then it is not this word.
fn runs_on(pair: (Option<char>, Option<char>)) -> bool {
    match pair {
        (Some(a), Some(b)) => {
            (is_katakana(a) && is_katakana(b))
                || (a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric())
        }
        _ => false,
    }
}

impl Default for TermConsistency {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for TermConsistency {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Document
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let Some(finder) = self.finder.get_or_init(|| Finder::new(&self.groups)) else {
            return;
        };
        // Per group: form index → source spans, in document order.
        let mut seen: Vec<BTreeMap<usize, Vec<Span>>> = vec![BTreeMap::new(); self.groups.len()];
        // Per group and form: where its last occurrence in this sentence
        // ended (occurrences of one form do not overlap, as with
        // `str::match_indices`).
        let mut last_end: Vec<Vec<usize>> = self.groups.iter().map(|g| vec![0; g.len()]).collect();
        for s in ctx.sentences {
            if let Some((index, bits)) = ctx.facts.literal_bits(ctx, s) {
                if !index.may_match(self.gate, bits) {
                    continue;
                }
            }
            let mut fresh = true;
            for m in finder.ac.find_overlapping_iter(s.text.as_str()) {
                if fresh {
                    last_end.iter_mut().for_each(|g| g.fill(0));
                    fresh = false;
                }
                let at = m.start();
                let Some(owners) = finder.owners.get(m.pattern().as_usize()) else {
                    continue;
                };
                for &(gi, fi) in owners {
                    let (Some(group), Some(end)) = (
                        self.groups.get(gi),
                        last_end.get_mut(gi).and_then(|g| g.get_mut(fi)),
                    ) else {
                        continue;
                    };
                    if at < *end {
                        continue;
                    }
                    *end = m.end();
                    let form = &group[fi];
                    let rest = s.text.get(at..).unwrap_or("");
                    let longer = group.iter().any(|other| {
                        other.len() > form.len()
                            && other.starts_with(form.as_str())
                            && rest.starts_with(other.as_str())
                    });
                    let before_next = (
                        form.chars().last(),
                        rest.get(form.len()..).and_then(|r| r.chars().next()),
                    );
                    if longer || runs_on(before_next) {
                        continue;
                    }
                    let span = s.source_span(ctx.doc, Span::new(at, at + form.len()));
                    seen[gi].entry(fi).or_default().push(span);
                }
            }
        }
        for (group, seen) in self.groups.iter().zip(seen) {
            if seen.len() < 2 {
                continue;
            }
            let Some(majority) = seen
                .iter()
                .max_by_key(|(_, spans)| {
                    let first = spans.iter().map(|s| s.start).min().unwrap_or(usize::MAX);
                    (spans.len(), std::cmp::Reverse(first))
                })
                .map(|(fi, _)| *fi)
            else {
                continue;
            };
            let Some(major) = group.get(majority) else {
                continue;
            };
            for (fi, spans) in &seen {
                if *fi == majority {
                    continue;
                }
                let Some(minor) = group.get(*fi) else {
                    continue;
                };
                let vars = [("minority", minor.as_str()), ("majority", major.as_str())];
                for span in spans {
                    let mut d = Diagnostic::new(
                        &self.meta.id,
                        ctx.severity,
                        *span,
                        render(&self.meta.message, &vars),
                    )
                    .with_help(render(&self.meta.help, &vars));
                    if ctx.text().get(span.start..span.end) == Some(minor.as_str()) {
                        d = d.with_fix(Fix::suggestion(*span, major.clone()));
                    }
                    out.push(d);
                }
            }
        }
    }
}
