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
        let late: Vec<Element> = [Element::Who, Element::What, Element::When]
            .into_iter()
            .filter(|e| {
                ctx.coverage
                    .get(*e)
                    .span
                    .is_some_and(|s| s.start >= lead.span.end)
            })
            .collect();
        if late.is_empty() {
            return;
        }
        let names: Vec<&str> = late.iter().map(|e| e.label_ja()).collect();
        let mut d = Diagnostic::new(
            &self.meta.id,
            ctx.severity,
            lead.span,
            format!("リードに{}が書かれていません（本文で初めて出てきます）。", names.join("・")),
        )
        .with_help("リードの一文目で「誰が・いつ・何を」を言い切ってください。例:「株式会社〇〇は、2025年4月1日、〜を開始しました。」");
        for e in &late {
            if let Some(span) = ctx.coverage.get(*e).span {
                d = d.with_label(span, format!("{}はここで初めて出てきます", e.label_ja()));
            }
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
    m.how = "網羅性の判定で見つかった主体・出来事・日時の最初の出現が、リード段落より後にしかないものを報告します。".into();
    m.exceptions = "タイトルに書かれていれば、リードにあるものとみなします。要素そのものがない場合は release.missing-* が報告します。".into();
    m.bad = vec!["# お知らせ\n\nサービスで障害が発生しました。\n\n## 詳細\n\n株式会社サンプルのサービスで、2025年4月1日に障害が発生しました。".into()];
    m.good = vec![
        "# お知らせ\n\n株式会社サンプルのサービスで、2025年4月1日に障害が発生しました。".into(),
    ];
    Arc::new(Lead5w { meta: m })
}
