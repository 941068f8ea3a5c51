//! `ja.no-nfd`: kana written in decomposed form (NFD: a kana followed by a
//! combining voiced or semi-voiced mark, as macOS file names and some PDF
//! copies produce). Looks the same, but breaks search and counting. Safe fix:
//! the composed (NFC) form.

use unicode_normalization::UnicodeNormalization;

use super::chars::{finding, runs};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, FixAvailability, Reach, Rule, RuleMeta};

pub struct NoNfd {
    meta: RuleMeta,
}

pub(crate) fn is_kana_mark(c: char) -> bool {
    matches!(c, '\u{3099}' | '\u{309A}')
}

impl NoNfd {
    pub fn new() -> Self {
        let mut meta = RuleMeta::builtin("ja.no-nfd", Severity::Error);
        meta.summary = "濁点・半濁点が分解された（NFD の）かながあります".into();
        meta.message = "「{match}」は濁点・半濁点が分解された文字です。".into();
        meta.help = "合成済みの文字（NFC）に置き換えてください。".into();
        meta.why = "Mac のファイル名や PDF からの貼り付けで生じる分解文字は、見た目が同じでも検索・置換・文字数の数え方が変わり、配信先で「ハ゛」のように崩れることがあります。".into();
        meta.how = "かなの直後に結合用の濁点（U+3099）・半濁点（U+309A）が続く箇所を探し、NFC に正規化して文字が変わるものを報告します。見出し・ヘッダー行・問い合わせ先も対象で、コードは対象外です。".into();
        meta.exceptions = "インラインコードとコードブロックの中は調べません。".into();
        meta.bad = vec!["新しいサーヒ\u{3099}スを開始します。".into()];
        meta.good = vec!["新しいサービスを開始します。".into()];
        meta.fix = FixAvailability::Safe;
        NoNfd { meta }
    }
}

impl Default for NoNfd {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for NoNfd {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Document
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for marks in runs(ctx, is_kana_mark) {
            // The finding covers the base character and its marks.
            let Some(hit) = marks.with_prev(ctx) else {
                continue;
            };
            let composed: String = hit.text.nfc().collect();
            if composed == hit.text {
                continue;
            }
            let message = self.meta.message.replace("{match}", &composed);
            out.push(finding(
                ctx,
                &self.meta.id,
                &hit,
                message,
                &self.meta.help,
                Some((composed, true)),
            ));
        }
    }
}
