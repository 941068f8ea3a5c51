//! `ja.max-comma`: too many commas 「,」「，」 in one sentence
//! (textlint-rule-max-comma). Digit group separators (1,000) are not commas
//! of the sentence and are not counted.

use super::ja_common::{finding, opt};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, Reach, Rule, RuleMeta};
use crate::span::Span;

pub struct MaxComma {
    meta: RuleMeta,
}

const ID: &str = "ja.max-comma";

impl MaxComma {
    pub fn new() -> Self {
        let mut m = RuleMeta::builtin(ID, Severity::Warning);
        m.summary = "一文のカンマ「,」が多すぎます".into();
        m.message = "一文にカンマが {value} 個あります（上限 {max} 個）。".into();
        m.help = "文を分けるか、箇条書きにしてください。".into();
        m.why =
            "カンマで区切った要素が多い文は、どこまでが一つの要素か読み取りにくくなります。".into();
        m.how = "文中の「,」と「，」を数え、上限を超えたカンマの位置を示します。".into();
        m.exceptions = "数字の桁区切り（1,000 など）は数えません。".into();
        m.bad = vec!["対応製品はA,B,C,D,E,Fの6種類です。".into()];
        m.good = vec![
            "対応製品はA,B,Cの3種類です。".into(),
            "売上高は1,234,567,890,123円となりました。".into(),
        ];
        m.options = vec![opt(
            "max",
            "4",
            "一文に使えるカンマの数。これを超えると報告します。",
        )];
        MaxComma { meta: m }
    }
}

impl Default for MaxComma {
    fn default() -> Self {
        Self::new()
    }
}

/// Byte ranges of the commas that separate parts of the sentence.
fn commas(text: &str) -> Vec<Span> {
    // Most sentences have no comma (Japanese uses 、): two byte searches
    // say so without collecting the characters.
    if !text.contains(',') && !text.contains('，') {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c != ',' && c != '，' {
            continue;
        }
        let digit = |j: Option<&(usize, char)>| j.is_some_and(|(_, d)| d.is_ascii_digit());
        let grouping = c == ','
            && k > 0
            && digit(chars.get(k - 1))
            && digit(chars.get(k + 1))
            && digit(chars.get(k + 2))
            && digit(chars.get(k + 3))
            && !digit(chars.get(k + 4));
        if !grouping {
            out.push(Span::new(i, i + c.len_utf8()));
        }
    }
    out
}

impl Rule for MaxComma {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Document
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let max = ctx.options.int("max", 4).max(0) as usize;
        for s in ctx.prose() {
            let found = commas(&s.text);
            let Some(&at) = found.get(max) else {
                continue;
            };
            let msg = self
                .meta
                .message
                .replace("{value}", &found.len().to_string())
                .replace("{max}", &max.to_string());
            out.push(finding(ctx, ID, s, at, msg, &self.meta.help));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_grouping_is_not_a_comma() {
        assert_eq!(commas("1,000円と2,500円").len(), 0);
        assert_eq!(commas("A,B，C").len(), 2);
        // 「1,2,3」 lists numbers: not a thousands group.
        assert_eq!(commas("1,2,3").len(), 2);
    }
}
