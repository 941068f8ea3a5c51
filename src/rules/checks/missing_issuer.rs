//! `release.missing-issuer`: the issuing organization is named at the top
//! (a header line such as 株式会社サンプル) or in front matter (`issuer:`).

use std::sync::Arc;

use super::missing_who::issuer_span;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, Reach, Rule, RuleMeta};
use crate::span::Span;

pub struct MissingIssuer {
    meta: RuleMeta,
}

impl Rule for MissingIssuer {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Document
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        if issuer_span(ctx).is_some() {
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
    let mut m = RuleMeta::builtin("release.missing-issuer", Severity::Warning);
    m.summary = "発表者（発信元）がありません".into();
    m.message = "冒頭（または front matter）に発表者の組織名が見つかりません。".into();
    m.help = "日付の下に「株式会社サンプル」「〇〇市 総務課」のような発表者名の行を置くか、front matter に `issuer: 株式会社サンプル` を書いてください。連名なら各社を並べてください。".into();
    m.why = "発信元の分からない文書は報道発表として扱われず、「当社」が誰を指すのかも分からなくなります。".into();
    m.how = "front matter の issuer、またはリードより前のヘッダー行に組織名（株式会社〇〇、〇〇ホールディングスなど）や自治体とその部署の名前（〇〇市、〇〇町 上下水道課など）があるかを確かめます。".into();
    m.exceptions = "本文末尾の署名だけでは冒頭の発表者とはみなしません。".into();
    m.bad = vec!["2025年4月1日\n\n# 新サービスのお知らせ\n\n当社は新サービスを開始します。".into()];
    m.good = vec![
        "2025年4月1日\n\n株式会社サンプル\n\n# 新サービスのお知らせ\n\n当社は新サービスを開始します。".into(),
        "---\nissuer: 株式会社サンプル\n---\n# 新サービスのお知らせ\n\n当社は新サービスを開始します。".into(),
        "令和8年3月2日\n\nみなと町 上下水道課\n\n# 断水のお知らせ\n\n当町は給水車を出しています。".into(),
    ];
    Arc::new(MissingIssuer { meta: m })
}
