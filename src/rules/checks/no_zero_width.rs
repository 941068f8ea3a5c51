//! `ja.no-zero-width`: invisible zero-width characters (U+200B, U+200C,
//! U+2060, U+FEFF inside the text, and U+200D outside emoji sequences) that
//! split words for search and counting. Safe fix: remove them.

use super::chars::{code_point, finding, runs};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, FixAvailability, Reach, Rule, RuleMeta};

pub struct NoZeroWidth {
    meta: RuleMeta,
}

pub(crate) fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Pictographs and the variation selector that a zero-width joiner legitimately
/// glues into one emoji (👨‍👩‍👧).
fn is_emoji_part(c: char) -> bool {
    let u = c as u32;
    (0x1F000..=0x1FAFF).contains(&u) || (0x2600..=0x27BF).contains(&u) || u == 0xFE0F
}

impl NoZeroWidth {
    pub fn new() -> Self {
        let mut meta = RuleMeta::builtin("ja.no-zero-width", Severity::Error);
        meta.summary = "ゼロ幅文字があります".into();
        meta.message = "目に見えないゼロ幅文字（{match}）があります。".into();
        meta.help = "ゼロ幅文字を削除してください。".into();
        meta.why = "ゼロ幅スペースなどは画面に見えませんが、語の途中にあると検索や置換にかからず、記者が社名や製品名で検索しても原稿が見つからなくなります。".into();
        meta.how = "U+200B・U+200C・U+2060・U+FEFF（文書の先頭の BOM を除く）と、絵文字の連結に使われていない U+200D を探します。見出し・ヘッダー行・問い合わせ先も対象です。".into();
        meta.exceptions = "絵文字の連結に使うゼロ幅接合子（U+200D）と、インラインコード・コードブロックの中は対象外です。".into();
        meta.bad = vec!["新製品\u{200B}を発売します。".into()];
        meta.good = vec!["新製品を発売します。".into()];
        meta.fix = FixAvailability::Safe;
        NoZeroWidth { meta }
    }
}

impl Default for NoZeroWidth {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for NoZeroWidth {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Document
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for hit in runs(ctx, is_zero_width) {
            let joins_emoji = hit.text.chars().all(|c| c == '\u{200D}')
                && hit.prev.is_some_and(is_emoji_part)
                && hit.next.is_some_and(is_emoji_part);
            if joins_emoji {
                continue;
            }
            let names: Vec<String> = hit.text.chars().map(code_point).collect();
            let message = self.meta.message.replace("{match}", &names.join(" "));
            out.push(finding(
                ctx,
                &self.meta.id,
                &hit,
                message,
                &self.meta.help,
                Some((String::new(), true)),
            ));
        }
    }
}
