//! `ja.no-mixed-period`: a paragraph whose last sentence lacks the period
//! 「。」, or a sentence ending in another period mark (「．」「.」) than the
//! document's (textlint-rule-ja-no-mixed-period). As in textlint, lists are
//! not checked, and endings in ！？, closing brackets and quotes are
//! accepted, and a paragraph that ends in a link, emphasis or code is
//! skipped; labels, headers, headings, tables and the contact block are
//! never checked, nor a paragraph's closing line (「以上」「敬具」, a
//! signature, a date or a numbered heading typed without a blank line).

use super::ja_common::{opt, with_fix_if_exact};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{anatomy, BlockKind, Role};
use crate::rules::{Ctx, FixAvailability, Reach, Rule, RuleMeta};
use crate::sentence::Sentence;
use crate::span::Span;

pub struct NoMixedPeriod {
    meta: RuleMeta,
}

const ID: &str = "ja.no-mixed-period";
const CLASSIC: [char; 3] = ['。', '．', '.'];
const ACCEPTED_ENDINGS: &str = "！？!?」』）)】］]”〕》…‥：:＿";

impl NoMixedPeriod {
    pub fn new() -> Self {
        let mut m = RuleMeta::builtin(ID, Severity::Warning);
        m.summary = "文末に句点「。」がないか、別の句点が混ざっています".into();
        m.message = "文末に句点「{max}」がありません。".into();
        m.help = "文末に「。」を付けてください。".into();
        m.why = "句点の抜けや「．」との混在は、校正されていない資料という印象を与え、転載時の誤りの原因にもなります。".into();
        m.how = "本文の段落ごとに最後の文の末尾を調べ、句点がないものを報告します。また「．」「.」で終わる文は句点の混在として報告します。".into();
        m.exceptions = "箇条書き、表、見出し、ヘッダー行、問い合わせ先、段落の最後の「以上」「敬具」・署名（「院長　小田 一郎　拝」）・日付・番号付きの見出しの行、日本語を含まない段落は対象外です。「！」「？」や閉じ括弧・かぎ括弧で終わる文、「：」で終わり次に一覧が続く文、リンク・強調・コードで終わる段落も報告しません。".into();
        m.fix = FixAvailability::Safe;
        m.bad = vec![
            "当社は本日、新サービスを開始しました。詳細は当社ウェブサイトでお知らせします".into(),
            "新サービスを開始しました．詳細は後日お知らせします。".into(),
            "当院は11月11日から仮設の診察室で診療を続けます。\n12月下旬には新しい診察室で診療を再開します".into(),
        ];
        m.good = vec![
            "当社は本日、会員向けの新しい決済サービスを全国の直営店で開始したことをお知らせします。".into(),
            "「お客様の安全を最優先にします」".into(),
            "しばらくご不便をおかけしますが、よろしくお願いいたします。\n令和6年10月30日\n院長　小田 一郎　拝".into(),
            "臨時休業の日程は、当院の掲示板でもお知らせします。\n以　上".into(),
            "今年もよろしくお願いいたします。\n院長".into(),
            "改装中はご不便をおかけしますが、よろしくお願いいたします。\n令和6年10月30日".into(),
            "調査の結果を、以下のとおりご報告申し上げます。\n1.流出した可能性のある個人情報について".into(),
        ];
        m.options = vec![
            opt("period-mark", "\"。\"", "文末に使う句点。"),
            opt(
                "allow-period-marks",
                "[]",
                "句点の代わりに文末に置いてよい文字列。",
            ),
        ];
        NoMixedPeriod { meta: m }
    }
}

impl Default for NoMixedPeriod {
    fn default() -> Self {
        Self::new()
    }
}

fn has_japanese(s: &str) -> bool {
    s.chars().any(|c| {
        ('\u{3041}'..='\u{30FF}').contains(&c)
            || ('\u{4E00}'..='\u{9FFF}').contains(&c)
            || c == '々'
    })
}

impl NoMixedPeriod {
    fn report(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        mark: &str,
        allowed: &[String],
    ) -> Option<Diagnostic> {
        let text = s.text.trim_end();
        // The last line of a paragraph may close the letter (「以上」「敬具」,
        // a signature) or be a line of the header or a numbered heading
        // typed with no blank line before the next paragraph.
        if !has_japanese(text)
            || anatomy::closing_line(text)
            || (!s.prose && (anatomy::is_header_line(text) || anatomy::is_line_label(text)))
            || allowed.iter().any(|a| text.ends_with(a.as_str()))
        {
            return None;
        }
        let (at, last) = text.char_indices().last()?;
        let range = Span::new(at, at + last.len_utf8());
        if last.to_string() == mark || ACCEPTED_ENDINGS.contains(last) {
            return None;
        }
        let span = s.source_span(ctx.doc, range);
        if CLASSIC.contains(&last) {
            let before = text[..at].chars().last();
            // 「Inc.」「Ver.」: an English abbreviation, not a period.
            if last == '.' && before.is_some_and(|c| c.is_ascii()) {
                return None;
            }
            let d = Diagnostic::new(
                ID,
                ctx.severity,
                span,
                format!("句点に「{last}」が使われています。「{mark}」に統一してください。"),
            )
            .with_help(format!("文末の「{last}」を「{mark}」にしてください。"));
            return Some(with_fix_if_exact(ctx, d, &last.to_string(), mark, true));
        }
        Some(
            Diagnostic::new(
                ID,
                ctx.severity,
                span,
                self.meta.message.replace("{max}", mark),
            )
            .with_help(format!("文末に「{mark}」を付けてください。")),
        )
    }
}

impl Rule for NoMixedPeriod {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Document
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let mark = ctx
            .options
            .strings("period-mark")
            .into_iter()
            .next()
            .unwrap_or_else(|| "。".to_owned());
        let allowed = ctx.options.strings("allow-period-marks");
        for (bi, block) in ctx.doc.blocks.iter().enumerate() {
            if block.kind != BlockKind::Paragraph
                || block.is_heading()
                || !matches!(block.role, Role::Lead | Role::Body)
            {
                continue;
            }
            let sentences: Vec<&Sentence> = ctx.block_sentences(bi, bi).iter().collect();
            let Some((last, rest)) = sentences.split_last() else {
                continue;
            };
            // A short line without a period is a label unless the paragraph
            // around it is made of sentences.
            let in_prose = last.prose
                || rest
                    .iter()
                    .any(|s| s.prose && s.text.ends_with(mark.as_str()));
            for s in rest.iter().filter(|s| s.prose) {
                let ends_classic = s.text.trim_end().ends_with(|c: char| CLASSIC.contains(&c));
                if ends_classic {
                    out.extend(self.report(ctx, s, &mark, &allowed));
                }
            }
            // As in textlint, a paragraph that ends in a link, emphasis or
            // code (not in plain text) is not judged for a missing period.
            let end = last.span.end;
            let rest_of_line = ctx.text().get(end..).unwrap_or("").split('\n').next();
            let ends_in_text = rest_of_line.is_none_or(|r| r.trim().is_empty());
            if in_prose && ends_in_text {
                out.extend(self.report(ctx, last, &mark, &allowed));
            }
        }
    }
}
