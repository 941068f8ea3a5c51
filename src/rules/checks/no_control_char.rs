//! `ja.no-control-char`: control characters other than tab and line breaks
//! (U+0000–U+001F, U+007F–U+009F), usually pasted from PDFs or old systems.
//! Removing one is offered as a suggestion only: a form feed or a stray
//! U+0008 may stand for a lost character a human should restore.

use super::chars::{code_point, finding, runs};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, FixAvailability, OptionDoc, Reach, Rule, RuleMeta};

pub struct NoControlChar {
    meta: RuleMeta,
}

pub(crate) fn is_invalid_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        && (c <= '\u{1F}' || ('\u{7F}'..='\u{9F}').contains(&c))
}

impl NoControlChar {
    pub fn new() -> Self {
        let mut meta = RuleMeta::builtin("ja.no-control-char", Severity::Error);
        meta.summary = "不正な制御文字があります".into();
        meta.message = "制御文字 {match} が含まれています。".into();
        meta.help = "制御文字を削除し、欠けた文字があれば補ってください。".into();
        meta.why = "PDF や古いシステムからの貼り付けで混入する制御文字は画面に見えず、配信先で文字化けや表示崩れの原因になります。".into();
        meta.how = "タブ・改行（\\t \\n \\r）以外の U+0000〜U+001F と U+007F〜U+009F を探します。見出し・ヘッダー行・問い合わせ先も対象です。".into();
        meta.exceptions =
            "インラインコードとコードブロックの中は調べません。allow に書いた文字は報告しません。"
                .into();
        meta.bad = vec!["本日\u{8}発表しました。".into()];
        meta.good = vec!["本日発表しました。".into()];
        meta.fix = FixAvailability::Suggestion;
        meta.options = vec![OptionDoc {
            name: "allow".into(),
            default: "[]".into(),
            description: "報告しない制御文字の一覧（例: [\"\\u000B\"]）。".into(),
        }];
        NoControlChar { meta }
    }
}

impl Default for NoControlChar {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for NoControlChar {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Document
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let allow: Vec<char> = ctx
            .options
            .strings("allow")
            .iter()
            .flat_map(|s| s.chars().collect::<Vec<_>>())
            .collect();
        for hit in runs(ctx, |c| is_invalid_control(c) && !allow.contains(&c)) {
            let names: Vec<String> = hit.text.chars().map(code_point).collect();
            let message = self.meta.message.replace("{match}", &names.join(" "));
            out.push(finding(
                ctx,
                &self.meta.id,
                &hit,
                message,
                &self.meta.help,
                Some((String::new(), false)),
            ));
        }
    }
}
