//! `ja.unnatural-alphabet`: a single Latin letter between Japanese
//! characters, the typical IME slip (「リリーsす」「対応wします」), after
//! textlint's ja-unnatural-alphabet: same Japanese class around the letter,
//! same default `allow` (the vowels and n that romaji input leaves behind
//! harmlessly, and any single half-width capital, which an IME slip hardly
//! ever produces) and common cases (「C言語」「x軸」「Eメール」), plus press-release
//! cases textlint reports wrongly (「A社」「B型」, units after full-width digits).

use std::sync::OnceLock;

use super::allow::{covered, AllowPattern};
use super::ja_common::finding;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::lazy_regex::LazyRegex;
use crate::rules::{Ctx, OptionDoc, Reach, Rule, RuleMeta};
use crate::span::Span;

pub struct UnnaturalAlphabet {
    meta: RuleMeta,
    /// Compiled when a letter between Japanese characters is first found:
    /// most files have none.
    common: Vec<LazyRegex>,
}

// textlint's default: a capital needs Shift, so 「シリーズA」「プランB」 are
// meant, not slips. Full-width capitals stay reported, as in textlint.
const DEFAULT_ALLOW: &[&str] = &["a", "i", "u", "e", "o", "n", "/[A-Z]/"];

const COMMON_CASES: &[&str] = &[
    r"[a-zA-Zａ-ｚＡ-Ｚ]言語",
    r"[x-zX-Zｘ-ｚＸ-Ｚ](?:座標|軸)",
    r"[EＥ]メール",
    r"[A-ZＡ-Ｚ](?:社|氏|様|さん|型|組|班|棟|館|号|線|判|級|席|案|券|賞|シャツ|リーグ|ランク|プラン|コース|セット|評価|ブロック|エリア|ゾーン|グループ|チーム)",
    r"[0-9０-９][a-zA-Zａ-ｚＡ-Ｚ]",
    r"[A-ZＡ-Ｚ](?:世代|（|\()",
    r"[XＸ](?:アカウント|公式|の投稿|で発信|で配信)|公式[XＸ]",
];

fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || ('ａ'..='ｚ').contains(&c) || ('Ａ'..='Ｚ').contains(&c)
}

/// textlint's class of "Japanese" neighbours, minus full-width letters (so
/// a full-width word such as ＡＢＣ is not a slip) and the placeholder of
/// inline code.
fn is_japanese(c: char) -> bool {
    let u = c as u32;
    matches!(c, '々' | '〇' | '〻' | 'ー' | '。' | '、' | '・' | '−')
        || (0x3400..=0x4DBF).contains(&u)
        || (0x4E00..=0x9FFF).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || ('ぁ'..='ん').contains(&c)
        || ('ァ'..='ヶ').contains(&c)
        || ((0xFF00..=0xFFEF).contains(&u) && !is_letter(c) && c != '＿')
}

impl UnnaturalAlphabet {
    pub fn new() -> Self {
        let mut meta = RuleMeta::builtin("ja.unnatural-alphabet", Severity::Warning);
        meta.summary = "日本語の中に不自然なアルファベットがあります".into();
        meta.message = "不自然なアルファベット「{match}」があります。".into();
        meta.help = "変換ミスで残った文字なら削除するか、正しい語に直してください。".into();
        meta.why = "かな漢字変換の途中で確定した英字（「リリーsす」）は誤字として原稿に残りやすく、校正でも見落とされがちです。".into();
        meta.how = "前後を日本語の文字に挟まれた 1 文字の英字（半角・全角）を探します。textlint の ja-unnatural-alphabet と同じく、a i u e o n、半角の大文字 1 文字と「C言語」「x軸」「Eメール」は既定で許可します。".into();
        meta.exceptions = "半角の大文字 1 文字（「シリーズA」「プランB」。Shift を押さないと入らないので変換ミスでは残りにくいためで、textlint と同じ既定です）、「Ａ社」「Ｂ型」「Tシャツ」「Z世代」「公式Ｘ」のような全角大文字の定型表現、括弧が続く大文字（「X（旧Twitter）」）、全角数字の後の単位（５ｇ）、全角英字の語（ＡＢＣ）、allow に書いた語は対象外です。".into();
        meta.bad = vec!["新機能をリリーsすることになりました。".into()];
        meta.good = vec!["取引先のA社とC言語の教材を作りました。".into()];
        let opt = |name: &str, default: &str, description: &str| OptionDoc {
            name: name.into(),
            default: default.into(),
            description: description.into(),
        };
        meta.options = vec![
            opt(
                "allow",
                "[\"a\", \"i\", \"u\", \"e\", \"o\", \"n\", \"/[A-Z]/\"]",
                "報告しない英字・語（文字列、または /正規表現/）。書くと既定の一覧を置き換えます。",
            ),
            opt(
                "allow-common-case",
                "true",
                "「C言語」「A社」のような定型表現を許可します。",
            ),
        ];
        UnnaturalAlphabet {
            meta,
            common: COMMON_CASES.iter().map(|p| LazyRegex::lazy(p)).collect(),
        }
    }
}

impl Default for UnnaturalAlphabet {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for UnnaturalAlphabet {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Document
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        // The default list is compiled once per process, not once per file.
        static DEFAULT: OnceLock<Vec<AllowPattern>> = OnceLock::new();
        let configured_allow: Vec<AllowPattern>;
        let allow: &[AllowPattern] = if ctx.options.table.contains_key("allow") {
            configured_allow = ctx
                .options
                .strings("allow")
                .iter()
                .filter_map(|s| AllowPattern::parse(s))
                .collect();
            &configured_allow
        } else {
            DEFAULT.get_or_init(|| {
                DEFAULT_ALLOW
                    .iter()
                    .filter_map(|s| AllowPattern::parse(s))
                    .collect()
            })
        };
        let common = ctx.options.bool("allow-common-case", true);
        for s in ctx.sentences {
            let text = s.text.as_str();
            if !text.chars().any(is_letter) {
                continue;
            }
            let mut skip: Option<Vec<Span>> = None;
            // Each character with its neighbours, without collecting the
            // sentence's characters first.
            let mut chars = text.char_indices();
            let (Some(mut before), Some(mut middle)) = (chars.next(), chars.next()) else {
                continue;
            };
            for after in chars {
                let (prev, (at, c), next) = (before.1, middle, after.1);
                (before, middle) = (middle, after);
                if !(is_letter(c) && is_japanese(prev) && is_japanese(next)) {
                    continue;
                }
                let here = Span::new(at, at + c.len_utf8());
                let skip = skip.get_or_insert_with(|| {
                    let mut v = covered(allow, text);
                    if common {
                        for re in &self.common {
                            v.extend(re.find_iter(text).map(|m| Span::new(m.start(), m.end())));
                        }
                    }
                    v
                });
                if skip.iter().any(|r| r.contains(here)) {
                    continue;
                }
                let seen = here.slice(text);
                let msg = self.meta.message.replace("{match}", seen);
                out.push(finding(ctx, &self.meta.id, s, here, msg, &self.meta.help));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_cases_compile() {
        for p in COMMON_CASES {
            assert!(crate::rules::lazy_regex::compile(p).is_ok(), "{p}");
        }
    }
}
