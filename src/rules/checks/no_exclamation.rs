//! `ja.no-exclamation`: ！ ？ ! ? in the title and body
//! (textlint's no-exclamation-question-mark, same options and defaults:
//! all four marks reported, `allow` for names such as Yahoo!). A press
//! release states facts; exclamation and question marks read as advertising.

use super::allow::{covered, AllowPattern};
use super::ja_common::finding;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Role;
use crate::rules::lazy_regex::LazyRegex;
use crate::rules::{Ctx, OptionDoc, Reach, Rule, RuleMeta};
use crate::span::Span;

pub struct NoExclamation {
    meta: RuleMeta,
    /// Compiled when a sentence first has an exclamation mark.
    url: LazyRegex,
}

/// Names that contain a mark as part of the name.
const BUILTIN_ALLOW: &[&str] = &["Yahoo!", "Yahoo！"];

impl NoExclamation {
    pub fn new() -> Self {
        let mut meta = RuleMeta::builtin("ja.no-exclamation", Severity::Warning);
        meta.summary = "感嘆符・疑問符があります".into();
        meta.message = "「{match}」は報道資料では使いません。".into();
        meta.help = "感嘆符・疑問符を削除し、文は「。」で終えてください。".into();
        meta.why = "報道資料は事実を伝える文書です。感嘆符や疑問符は広告のような印象を与え、記事への引用もしにくくなります（記者ハンドブックも原則として使いません）。".into();
        meta.how = "タイトル・リード・本文（見出しを含む）の ！ ？ ! ? を探します。textlint の no-exclamation-question-mark と同じく、既定では 4 種類とも報告します。".into();
        meta.exceptions = "ヘッダー行・問い合わせ先、URL の中、Yahoo! のような固有名詞（allow）は対象外です。インラインコードとコードブロックの中も調べません。".into();
        meta.bad = vec![
            "新サービスが始まります！ぜひご利用ください。".into(),
            "なぜ今なのでしょうか？その理由をご説明します。".into(),
        ];
        meta.good = vec![
            "新サービスを開始します。".into(),
            "Yahoo!ショッピングに出店します。".into(),
        ];
        let opt = |name: &str, default: &str, description: &str| OptionDoc {
            name: name.into(),
            default: default.into(),
            description: description.into(),
        };
        meta.options = vec![
            opt(
                "allow",
                "[]",
                "報告しない語（文字列、または /正規表現/）。Yahoo! は常に許可します。",
            ),
            opt(
                "allow-half-width-exclamation",
                "false",
                "半角の ! を許可します。",
            ),
            opt(
                "allow-full-width-exclamation",
                "false",
                "全角の ！ を許可します。",
            ),
            opt(
                "allow-half-width-question",
                "false",
                "半角の ? を許可します。",
            ),
            opt(
                "allow-full-width-question",
                "false",
                "全角の ？ を許可します。",
            ),
        ];
        NoExclamation {
            meta,
            url: LazyRegex::lazy(r"(?:https?|ftp)://[^\s　]+"),
        }
    }
}

impl Default for NoExclamation {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for NoExclamation {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Document
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let o = ctx.options;
        let allowed_mark = |c: char| match c {
            '!' => o.bool("allow-half-width-exclamation", false),
            '！' => o.bool("allow-full-width-exclamation", false),
            '?' => o.bool("allow-half-width-question", false),
            '？' => o.bool("allow-full-width-question", false),
            _ => true,
        };
        let allow: Vec<AllowPattern> = BUILTIN_ALLOW
            .iter()
            .map(|s| (*s).to_owned())
            .chain(o.strings("allow"))
            .filter_map(|s| AllowPattern::parse(&s))
            .collect();
        for s in ctx.sentences {
            if !matches!(s.role, Role::Title | Role::Lead | Role::Body) {
                continue;
            }
            let text = s.text.as_str();
            // Substring searches, not a `[char]` pattern that decodes
            // every character.
            if !['!', '！', '?', '？'].iter().any(|&c| text.contains(c)) {
                continue;
            }
            let mut skip = covered(&allow, text);
            skip.extend(
                self.url
                    .find_iter(text)
                    .map(|m| Span::new(m.start(), m.end())),
            );
            let mut run: Option<(usize, usize)> = None;
            let flush = |run: &mut Option<(usize, usize)>, out: &mut Vec<Diagnostic>| {
                if let Some((a, b)) = run.take() {
                    let range = Span::new(a, b);
                    let seen = range.slice(text);
                    let msg = self.meta.message.replace("{match}", seen);
                    out.push(finding(ctx, &self.meta.id, s, range, msg, &self.meta.help));
                }
            };
            for (i, c) in text.char_indices() {
                let end = i + c.len_utf8();
                let here = Span::new(i, end);
                let report = matches!(c, '!' | '！' | '?' | '？')
                    && !allowed_mark(c)
                    && !skip.iter().any(|r| r.contains(here));
                if report {
                    run = Some(run.map_or((i, end), |(a, _)| (a, end)));
                } else {
                    flush(&mut run, out);
                }
            }
            flush(&mut run, out);
        }
    }
}
