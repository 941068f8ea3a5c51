//! `ja.max-kanji-run`: too many kanji in a row (textlint-rule-max-kanji-
//! continuous-len, max 6 as in the ja-technical-writing preset). Unlike
//! textlint, a run made only of proper nouns and their suffixes
//! (東京都千代田区, a company name in the dictionary) is not reported:
//! releases must name places and organisations exactly.

use super::ja_common::{cap, finding, opt};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::sentence::Sentence;
use crate::span::Span;

pub struct MaxKanjiRun {
    meta: RuleMeta,
}

const ID: &str = "ja.max-kanji-run";
/// Job titles and regulators every release names; they are fixed terms,
/// not a style choice, and must be written exactly.
const FIXED_NAMES: [&str; 14] = [
    "代表取締役社長",
    "代表取締役会長",
    "代表取締役副社長",
    "代表取締役社長執行役員",
    "代表執行役社長",
    "代表執行役会長",
    "取締役副社長",
    "取締役専務執行役員",
    "個人情報保護委員会",
    "公正取引委員会",
    "証券取引等監視委員会",
    "東京証券取引所",
    "独立行政法人情報処理推進機構",
    "独立行政法人国民生活センター",
];

impl MaxKanjiRun {
    pub fn new() -> Self {
        let mut m = RuleMeta::builtin(ID, Severity::Warning);
        m.summary = "漢字が長く続いています".into();
        m.message = "漢字が {value} 文字続いています（上限 {max} 文字）:「{match}」。".into();
        m.help = "助詞を補うか、ひらがなに開いて読みやすくしてください（例:「顧客情報漏洩事案発生」→「顧客情報の漏洩事案が発生」）。".into();
        m.why = "漢字が長く続くと語の切れ目がわからず、読み間違いの原因になります。".into();
        m.how =
            "文ごとに連続する漢字（々を含む）の並びを数え、上限を超えるものを報告します。".into();
        m.exceptions = "地名・組織名などの固有名詞とその接尾語（都・区・市など）だけでできた並び、「代表取締役社長」などの役職名や「個人情報保護委員会」などの機関名、allow に書いた語は報告しません。見出し、ヘッダー行、問い合わせ先、ラベル行も対象外です。".into();
        m.bad = vec!["本日、顧客個人情報漏洩事案が発生しました。".into()];
        m.good = vec![
            "本日、お客様の個人情報が漏洩する事案が発生しました。".into(),
            "当社（本社：東京都千代田区）は本日、新製品を発表しました。".into(),
            "当社は本件を個人情報保護委員会に報告しました。".into(),
        ];
        m.options = vec![
            opt("max", "6", "続けてよい漢字の数。これを超えると報告します。"),
            opt("allow", "[]", "長くても報告しない語（正式名称など）。"),
        ];
        MaxKanjiRun { meta: m }
    }
}

impl Default for MaxKanjiRun {
    fn default() -> Self {
        Self::new()
    }
}

fn is_kanji(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || ('\u{3400}'..='\u{4DBF}').contains(&c)
        || ('\u{F900}'..='\u{FAFF}').contains(&c)
        || c == '々'
}

/// Byte ranges of kanji runs longer than `max` chars.
fn long_runs(text: &str, max: usize) -> Vec<(Span, usize)> {
    let mut out = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    let mut close = |run: &mut Option<(usize, usize)>, end: usize| {
        if let Some((start, n)) = run.take() {
            if n > max {
                out.push((Span::new(start, end), n));
            }
        }
    };
    for (i, c) in text.char_indices() {
        if is_kanji(c) {
            match run.as_mut() {
                Some((_, n)) => *n += 1,
                None => run = Some((i, 1)),
            }
        } else {
            close(&mut run, i);
        }
    }
    close(&mut run, text.len());
    out
}

fn proper_nouns_only(s: &Sentence, range: Span) -> bool {
    s.tokens
        .iter()
        .filter(|t| t.range.overlaps(range))
        .all(|t| {
            t.pos_starts_with(&["名詞", "固有名詞"])
                || (t.pos_starts_with(&["名詞", "接尾"])
                    && (t.pos[2] == "地域" || t.pos[2] == "人名"))
        })
}

impl Rule for MaxKanjiRun {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let max = ctx.options.int("max", 6).max(0) as usize;
        let allow = ctx.options.strings("allow");
        for s in ctx.prose() {
            let start = out.len();
            for (range, n) in long_runs(&s.text, max) {
                let word = range.slice(&s.text);
                let allowed = allow.iter().any(|a| a.contains(word))
                    || FIXED_NAMES.iter().any(|a| a.contains(word));
                if allowed || proper_nouns_only(s, range) {
                    continue;
                }
                let msg = self
                    .meta
                    .message
                    .replace("{value}", &n.to_string())
                    .replace("{max}", &max.to_string())
                    .replace("{match}", word);
                out.push(finding(ctx, ID, s, range, msg, &self.meta.help));
            }
            cap(out, start);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_longer_than_max() {
        let text = "個人情報保護体制と再発防止";
        let runs = long_runs(text, 6);
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].0.slice(text), "個人情報保護体制");
        assert_eq!(runs[0].1, 8);
        assert!(long_runs("再発防止策", 6).is_empty());
    }
}
