//! `ja.no-doubled-ga`: the conjunctive particle 「が」 twice in one sentence
//! (textlint-rule-no-doubled-conjunctive-particle-ga). Only 接続助詞 が
//! counts; the case particle 「が」 (「原因が判明」) does not.

use super::ja_common::finding;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, Reach, Rule, RuleMeta};

pub struct NoDoubledGa {
    meta: RuleMeta,
}

const ID: &str = "ja.no-doubled-ga";

impl NoDoubledGa {
    pub fn new() -> Self {
        let mut m = RuleMeta::builtin(ID, Severity::Warning);
        m.summary = "逆接の「が」が一文に二回以上あります".into();
        m.message = "一文に接続助詞「が」が {value} 回使われています。".into();
        m.help = "「が」の位置で文を分けてください。".into();
        m.why = "「〜が、〜が」と続く文は論理の向きが読み取りにくく、説明が曖昧になります。".into();
        m.how = "形態素解析で接続助詞の「が」を数え、二つ目の位置を示します。".into();
        m.exceptions = "格助詞の「が」（「原因が判明しました」）は数えません。".into();
        m.bad = vec!["調査を進めましたが、原因は不明ですが、対策を講じました。".into()];
        m.good = vec![
            "調査を進めましたが、原因は特定できていません。".into(),
            "原因が判明し、担当者が対応を始めました。".into(),
        ];
        NoDoubledGa { meta: m }
    }
}

impl Default for NoDoubledGa {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for NoDoubledGa {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Block
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for s in ctx.prose() {
            let ga: Vec<_> = ctx
                .tokens(s)
                .iter()
                .filter(|t| t.surface == "が" && t.pos_starts_with(&["助詞", "接続助詞"]))
                .collect();
            if let Some(second) = ga.get(1) {
                let msg = self.meta.message.replace("{value}", &ga.len().to_string());
                out.push(finding(ctx, ID, s, second.range(), msg, &self.meta.help));
            }
        }
    }
}
