//! `ja.no-hankaku-kana`: half-width katakana (ｶﾀｶﾅ). Safe fix: the
//! full-width form (NFKC, which also joins ｶﾞ into ガ and turns ｡｢｣､･ into
//! 。「」、・).

use unicode_normalization::UnicodeNormalization;

use super::chars::{finding, runs};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, FixAvailability, Reach, Rule, RuleMeta};

pub struct NoHankakuKana {
    meta: RuleMeta,
}

pub(crate) fn is_hankaku(c: char) -> bool {
    ('\u{FF61}'..='\u{FF9F}').contains(&c)
}

impl NoHankakuKana {
    pub fn new() -> Self {
        let mut meta = RuleMeta::builtin("ja.no-hankaku-kana", Severity::Error);
        meta.summary = "半角カタカナがあります".into();
        meta.message = "半角カタカナ「{match}」があります。".into();
        meta.help = "全角の「{to}」で書いてください。".into();
        meta.why = "半角カタカナは配信システムや受け手の環境で文字化けしやすく、報道機関の表記基準でも使いません。".into();
        meta.how = "U+FF61〜U+FF9F の文字の並びを探し、NFKC で全角に直した形を修正案にします。見出し・ヘッダー行・問い合わせ先も対象です。".into();
        meta.exceptions = "インラインコードとコードブロックの中は調べません。".into();
        meta.bad = vec!["ｷｬﾝﾍﾟｰﾝを実施します。".into()];
        meta.good = vec!["キャンペーンを実施します。".into()];
        meta.fix = FixAvailability::Safe;
        NoHankakuKana { meta }
    }
}

impl Default for NoHankakuKana {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for NoHankakuKana {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Document
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for hit in runs(ctx, is_hankaku) {
            let full: String = hit.text.nfkc().collect();
            let message = self.meta.message.replace("{match}", &hit.text);
            let help = self.meta.help.replace("{to}", &full);
            out.push(finding(
                ctx,
                &self.meta.id,
                &hit,
                message,
                &help,
                Some((full, true)),
            ));
        }
    }
}
