//! `ja.no-dropping-ra`: ら抜き言葉 such as 見れる, 来れる, 食べれる
//! (textlint-rule-no-dropping-the-ra). A 一段 or カ変 verb in 未然形
//! followed by the suffix れる lacks its ら; IPADIC also lists 見れる and
//! 来れる as single words, which are caught by name as textlint does.

use super::ja_common::{cap, finding, with_fix_if_exact};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, FixAvailability, Reach, Rule, RuleMeta};
use crate::span::Span;
use crate::token::Token;

pub struct NoDroppingRa {
    meta: RuleMeta,
}

const ID: &str = "ja.no-dropping-ra";

impl NoDroppingRa {
    pub fn new() -> Self {
        let mut m = RuleMeta::builtin(ID, Severity::Warning);
        m.summary = "ら抜き言葉が使われています".into();
        m.message = "ら抜き言葉「{from}」が使われています。「{to}」としてください。".into();
        m.help =
            "可能の意味では「見られる」「来られる」「食べられる」のように「ら」を入れてください。"
                .into();
        m.why =
            "ら抜き言葉は話し言葉として広まっていますが、報道資料では誤りと受け取られます。".into();
        m.how = "一段活用またはカ変の動詞の未然形に助動詞的な接尾語「れる」が続く形を、形態素解析で探します。".into();
        m.exceptions = "「入れる」「触れる」のように、それ自体が一語の動詞は対象外です。".into();
        m.fix = FixAvailability::Safe;
        m.bad = vec![
            "会場ではどなたでも新製品を見れる予定です。".into(),
            "当日は誰でも試食を食べれるようにいたします。".into(),
        ];
        m.good = vec![
            "会場ではどなたでも新製品を見られる予定です。".into(),
            "申込書に必要事項を入れる必要があります。".into(),
        ];
        NoDroppingRa { meta: m }
    }
}

impl Default for NoDroppingRa {
    fn default() -> Self {
        Self::new()
    }
}

/// Byte range in the sentence and the corrected text.
fn dropped_ra(tokens: &[Token], i: usize) -> Option<(Span, String)> {
    let t = tokens.get(i)?;
    if t.is("動詞") && matches!(t.base.as_str(), "見れる" | "来れる") {
        let mut chars = t.surface.chars();
        let head = chars.next()?;
        return Some((t.range(), format!("{head}ら{}", chars.as_str())));
    }
    if !(t.pos_starts_with(&["動詞", "接尾"]) && t.base == "れる") {
        return None;
    }
    let prev = tokens.get(i.checked_sub(1)?)?;
    let ichidan_or_kuru = prev.conj_type.starts_with("一段") || prev.conj_type.starts_with("カ変");
    if prev.is("動詞") && ichidan_or_kuru && prev.conj_form == "未然形" {
        let range = Span::new(prev.range().start, t.range().end);
        return Some((range, format!("{}ら{}", prev.surface, t.surface)));
    }
    None
}

impl Rule for NoDroppingRa {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Block
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for s in ctx.prose() {
            let start = out.len();
            let tokens = ctx.tokens(s);
            for i in 0..tokens.len() {
                let Some((range, fixed)) = dropped_ra(tokens, i) else {
                    continue;
                };
                let from = range.slice(&s.text);
                let msg = self
                    .meta
                    .message
                    .replace("{from}", from)
                    .replace("{to}", &fixed);
                let d = finding(ctx, ID, s, range, msg, &self.meta.help);
                out.push(with_fix_if_exact(ctx, d, from, &fixed, true));
            }
            cap(out, start);
        }
    }
}
