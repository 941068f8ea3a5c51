//! `release.lead-5w`: who, what and when belong in the lead paragraph (or
//! the title). Coverage evidence is the first mention in document order, so
//! evidence after the lead means the lead does not say it.

use std::sync::Arc;

use crate::coverage::Element;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, Reach, Rule, RuleMeta};

pub struct Lead5w {
    meta: RuleMeta,
}

impl Rule for Lead5w {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Document
    }

    /// It reads where the who/what/when evidence was found.
    fn uses_coverage(&self) -> bool {
        true
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let Some(lead) = ctx.doc.lead() else {
            return;
        };
        let title = ctx.doc.title().map(|b| b.span);
        // Evidence after the lead, or before it outside the title: the
        // issuer's name in the header lines (「2025年10月3日⏎株式会社〇〇」)
        // names who speaks, but the lead does not say who acted.
        let outside = |s: crate::span::Span| {
            s.start >= lead.span.end
                || (s.end <= lead.span.start && !title.is_some_and(|t| t.contains(s)))
        };
        let late: Vec<(Element, crate::span::Span)> = [Element::Who, Element::What, Element::When]
            .into_iter()
            .filter_map(|e| Some((e, ctx.coverage.get(e).span.filter(|s| outside(*s))?)))
            .collect();
        if late.is_empty() {
            return;
        }
        let names: Vec<&str> = late.iter().map(|(e, _)| e.label_ja()).collect();
        let only_header = late.iter().all(|(_, s)| s.end <= lead.span.start);
        let message = if only_header {
            format!(
                "リードに{}が書かれていません（ヘッダーにしかありません）。",
                names.join("・")
            )
        } else {
            format!(
                "リードに{}が書かれていません（本文で初めて出てきます）。",
                names.join("・")
            )
        };
        let mut d = Diagnostic::new(&self.meta.id, ctx.severity, lead.span, message)
        .with_help("リードの一文目で「誰が・いつ・何を」を言い切ってください。例:「株式会社〇〇は、2025年4月1日、〜を開始しました。」");
        for (e, span) in &late {
            let label = if span.end <= lead.span.start {
                format!("{}はヘッダーのここにしかありません", e.label_ja())
            } else {
                format!("{}はここで初めて出てきます", e.label_ja())
            };
            d = d.with_label(*span, label);
        }
        out.push(d);
    }
}

pub fn rule() -> Arc<dyn Rule> {
    let mut m = RuleMeta::builtin("release.lead-5w", Severity::Warning);
    m.summary = "リードに誰が・いつ・何をがありません".into();
    m.message = "リードに誰が（主体）・いつ（日時）が書かれていません。".into();
    m.help = "リードの一文目で「誰が・いつ・何を」を言い切ってください。".into();
    m.why = "記者や読者の多くはタイトルとリードしか読みません。主体・日時・出来事がリードにないと、要点が伝わりません。".into();
    m.how = "網羅性の判定で見つかった主体・出来事・日時の最初の出現が、リード段落より後にしかないもの、またはヘッダー（発表者名の行）にしかないものを報告します。".into();
    m.exceptions = "タイトルに書かれていれば、リードにあるものとみなします。要素そのものがない場合は release.missing-* が報告します。".into();
    m.bad = vec![
        "# お知らせ\n\nサービスで障害が発生しました。\n\n## 詳細\n\n株式会社サンプルのサービスで、2025年4月1日に障害が発生しました。".into(),
        "# 障害のお知らせ\n\n2025年4月2日\n株式会社サンプル\n\n2025年4月1日、サービスで障害が発生しました。".into(),
    ];
    m.good = vec![
        "# お知らせ\n\n株式会社サンプルのサービスで、2025年4月1日に障害が発生しました。".into(),
    ];
    Arc::new(Lead5w { meta: m })
}
