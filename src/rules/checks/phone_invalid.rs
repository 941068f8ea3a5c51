//! `release.phone-invalid`: a wrong digit in a hotline number sends callers
//! to a stranger. Numbers are checked against the Japanese numbering plan:
//! 0120 free dial (10 digits), 0800 (11), 0570 (10), 050 / 070 / 080 / 090
//! (11), fixed lines (10), and prefixes that are never domestic numbers.

use std::sync::Arc;

use super::element::span_of;
use super::phone::{phone_problem, phone_word_re, phones};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, Reach, Rule, RuleMeta};

pub struct PhoneInvalid {
    meta: RuleMeta,
}

impl Rule for PhoneInvalid {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Document
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for s in ctx.sentences {
            // Asked only about a number that needs it (most sentences have none).
            let mut worded = None;
            for p in phones(&s.text) {
                // Only what is clearly meant as a phone number.
                let looks_like_phone = (p.separated && p.digits.len() >= 8)
                    || (p.digits.len() >= 6
                        && *worded.get_or_insert_with(|| phone_word_re().is_match(&s.text)));
                if !looks_like_phone {
                    continue;
                }
                let Some(problem) = phone_problem(&p.digits, p.first_group.as_deref()) else {
                    continue;
                };
                let written = p.range.slice(&s.text);
                out.push(
                    Diagnostic::new(
                        &self.meta.id,
                        ctx.severity,
                        span_of(ctx, s, p.range),
                        format!("電話番号「{written}」は正しくありません（{problem}）。"),
                    )
                    .with_help("番号を確認してください。フリーダイヤル 0120 は「0120-XXX-XXX」の10桁、携帯電話・050 は11桁、固定電話は市外局番から10桁です。"),
                );
            }
        }
    }
}

pub fn rule() -> Arc<dyn Rule> {
    let mut m = RuleMeta::builtin("release.phone-invalid", Severity::Error);
    m.summary = "電話番号の桁数・番号帯が正しくありません".into();
    m.message = "電話番号「0120-123-4567」は正しくありません。".into();
    m.help = "番号を確認してください。フリーダイヤル 0120 は10桁、携帯電話・050 は11桁、固定電話は市外局番から10桁です。".into();
    m.why = "問い合わせ窓口の番号の誤りは、被害者を無関係の相手につなぎ、訂正リリースが必要になります。".into();
    m.how = "ハイフンや括弧で区切られた番号、または「TEL」「電話」「ダイヤル」などと同じ文にある0始まりの数字列を電話番号とみなし、日本の電話番号計画（0120・0800・0570・050・070/080/090・固定電話）に照らして桁数と番号帯を確かめます。+81 は 0 に読み替えます。".into();
    m.exceptions = "区切りがなく電話を示す語もない数字列（会員番号など）は確かめません。0990・0180 などの特殊番号は10桁として扱います。「03-0000-0000」のような仮の番号も桁数が正しければ報告しません（030・040 は「030-」と書かれたときだけ番号帯の誤りとします）。".into();
    m.bad = vec![
        "お問い合わせは専用ダイヤル（0120-123-4567）までお願いいたします。".into(),
        "携帯電話からは090-1234-567におかけください。".into(),
    ];
    m.good = vec![
        "お問い合わせは専用ダイヤル（0120-123-456）までお願いいたします。".into(),
        "電話は03-1234-5678、携帯電話からは050-1234-5678におかけください。".into(),
    ];
    Arc::new(PhoneInvalid { meta: m })
}
