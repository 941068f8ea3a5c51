//! `release.missing-date`: a release states its date at the top (a header
//! line such as 2025年4月1日) or in front matter (`date:`). Without it,
//! 本日 and every relative reference lose their anchor.

use std::sync::Arc;

use super::jdate::{find_dates, release_date_sentence};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, Reach, Rule, RuleMeta};
use crate::span::Span;

pub struct MissingDate {
    meta: RuleMeta,
}

impl Rule for MissingDate {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Document
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let front = ctx
            .doc
            .front_matter
            .date
            .as_deref()
            .is_some_and(|d| !find_dates(d).is_empty());
        if front || release_date_sentence(ctx).is_some() {
            return;
        }
        // Anchored at the top of the draft, where the line belongs.
        let top = ctx
            .doc
            .blocks
            .first()
            .map(|b| Span::empty(b.span.start))
            .unwrap_or_default();
        out.push(self.meta.finding(ctx, top));
    }
}

pub fn rule() -> Arc<dyn Rule> {
    let mut m = RuleMeta::builtin("release.missing-date", Severity::Warning);
    m.summary = "発表日がありません".into();
    m.message = "冒頭（または front matter）に発表日が見つかりません。".into();
    m.help = "冒頭の宛名の下に「2025年4月1日」の行を置くか、front matter に `date: 2025-04-01` を書いてください。".into();
    m.why =
        "発表日のないリリースは、いつ時点の情報か分からず、本文の「本日」も意味を失います。".into();
    m.how = "front matter の date、またはタイトル・リードより前のヘッダー行に年月日だけの行があるかを確かめます。".into();
    m.exceptions = "本文中の日付は発表日とはみなしません。".into();
    m.bad = vec!["# 新サービスのお知らせ\n\n株式会社サンプルは新サービスを開始します。".into()];
    m.good = vec![
        "2025年4月1日\n\n# 新サービスのお知らせ\n\n株式会社サンプルは新サービスを開始します。".into(),
        "---\ndate: 2025-04-01\n---\n# 新サービスのお知らせ\n\n株式会社サンプルは新サービスを開始します。".into(),
    ];
    Arc::new(MissingDate { meta: m })
}
