//! The shared shape of code-backed coverage rules (`release.missing-who`,
//! `-when`, `-victim-count`, `-as-of`, `-hotline`): a finder that records
//! the element's evidence, and a check that reports when none was found.
//! Also the small helpers those finders share.

use crate::coverage::{DocKind, Element};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Role;
use crate::rules::{Ctx, Reach, Rule, RuleMeta, SeverityByKind};
use crate::sentence::Sentence;
use crate::span::Span;

pub type Finder = fn(&Ctx<'_>) -> Option<Span>;

pub struct ElementRule {
    pub meta: RuleMeta,
    pub element: Element,
    pub finder: Finder,
    /// When this other element is missing too, say so with this message
    /// (an as-of without any count to date).
    pub without: Option<(Element, String)>,
    /// When the element is missing, a closer look: a span that explains
    /// why (a press desk where the customers' line should be) and the
    /// message to give there instead of the general one.
    pub detail: Option<(Finder, String)>,
}

impl ElementRule {
    /// A rule for `element`, with the issue's severities: errors in
    /// incidents for the core elements, warnings otherwise; it runs on the
    /// kinds that require the element.
    pub fn new(id: &str, element: Element, incident_error: bool, finder: Finder) -> Self {
        let mut meta = RuleMeta::builtin(id, Severity::Warning);
        meta.severity = SeverityByKind {
            incident: if incident_error {
                Severity::Error
            } else {
                Severity::Warning
            },
            announcement: Severity::Warning,
        };
        if !element.required_for(DocKind::Announcement) {
            // Never runs on announcements: show one severity.
            meta.severity.announcement = meta.severity.incident;
        }
        meta.applies_to = [DocKind::Incident, DocKind::Announcement]
            .into_iter()
            .filter(|k| element.required_for(*k))
            .collect();
        ElementRule {
            meta,
            element,
            finder,
            without: None,
            detail: None,
        }
    }
}

impl Rule for ElementRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Document
    }

    fn element(&self) -> Option<Element> {
        Some(self.element)
    }

    fn find_evidence(&self, ctx: &Ctx<'_>) -> Option<Span> {
        (self.finder)(ctx)
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        if !ctx.coverage.get(self.element).found {
            let detail = self
                .detail
                .as_ref()
                .and_then(|(finder, m)| finder(ctx).map(|span| (span, m.clone())));
            let (span, message) = detail.unwrap_or_else(|| {
                let message = match &self.without {
                    Some((e, m)) if !ctx.coverage.get(*e).found => m.clone(),
                    _ => self.meta.message.clone(),
                };
                (ctx.anchor(), message)
            });
            out.push(
                Diagnostic::new(&self.meta.id, ctx.severity, span, message)
                    .with_help(self.meta.help.clone()),
            );
        }
    }
}

/// Sentences that speak about the event: title, lead and body (tables and
/// lists included), not the header lines or the contact block.
pub fn content<'a>(ctx: &Ctx<'a>) -> impl Iterator<Item = &'a Sentence> {
    ctx.sentences
        .iter()
        .filter(|s| matches!(s.role, Role::Title | Role::Lead | Role::Body))
}

/// The heading a reader sees above sentence `s` (see
/// [`crate::document::Document::label_heading`]); "" in the lead.
pub fn heading_of<'a>(ctx: &Ctx<'a>, s: &Sentence) -> &'a str {
    ctx.doc.label_heading(s.block())
}

/// Sections that follow the event rather than describe it: the response,
/// compensation, future measures, cause and background, and the company
/// profile. Dates and actions there are not the event's own.
pub fn after_event_section(heading: &str) -> bool {
    // 「（ご参考）〇〇荘の概要」: facts for reference, not the event.
    heading.contains("参考")
        || static_regex!(r"対応|対策|措置|補償|返金|払い?戻|再発防止|防止策|今後|これから|繰り返さない|原因|理由|なぜ|どうして|背景|目的|狙い|ねらい|会社概要|団体概要|法人概要|企業情報|略歴|経歴|プロフィール|料金|問い?合わ?せ|問合せ")
    .is_match(heading)
        && !event_section(heading)
}

/// Sections that tell the event itself (経緯, 時系列, 発生日時 …); a heading
/// like 「経緯と原因」 still tells it.
pub fn event_section(heading: &str) -> bool {
    static_regex!(r"経緯|時系列|発生|日時|状況|事案|概要").is_match(
        heading
            .replace("会社概要", "")
            .replace("団体概要", "")
            .replace("法人概要", "")
            .as_str(),
    )
}

/// Source span of `range` in sentence `s`.
pub fn span_of(ctx: &Ctx<'_>, s: &Sentence, range: Span) -> Span {
    s.source_span(ctx.doc, range)
}
