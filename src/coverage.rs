//! What a release says: its document kind (incident or announcement) and
//! the thirteen elements a release is judged by, each with the evidence
//! span that shows it is there. Evidence is found by the `require` rules
//! that name an `element` in `rules/release.toml` (and code-backed checks).

use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use crate::document::Document;
use crate::sentence::Sentence;
use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Incident,
    Announcement,
}

impl DocKind {
    pub fn parse(s: &str) -> Option<DocKind> {
        match s.trim() {
            "incident" => Some(DocKind::Incident),
            "announcement" => Some(DocKind::Announcement),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            DocKind::Incident => "incident",
            DocKind::Announcement => "announcement",
        }
    }

    pub fn label_ja(&self) -> &'static str {
        match self {
            DocKind::Incident => "不祥事・事故のお知らせ（incident）",
            DocKind::Announcement => "通常のお知らせ（announcement）",
        }
    }
}

/// The thirteen elements, in JSON key order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Element {
    Who,
    What,
    When,
    Where,
    Why,
    How,
    VictimCount,
    AsOf,
    Compensation,
    Hotline,
    HotlineHours,
    Apology,
    Prevention,
}

impl Element {
    pub const ALL: [Element; 13] = [
        Element::Who,
        Element::What,
        Element::When,
        Element::Where,
        Element::Why,
        Element::How,
        Element::VictimCount,
        Element::AsOf,
        Element::Compensation,
        Element::Hotline,
        Element::HotlineHours,
        Element::Apology,
        Element::Prevention,
    ];

    pub fn key(&self) -> &'static str {
        match self {
            Element::Who => "who",
            Element::What => "what",
            Element::When => "when",
            Element::Where => "where",
            Element::Why => "why",
            Element::How => "how",
            Element::VictimCount => "victim_count",
            Element::AsOf => "as_of",
            Element::Compensation => "compensation",
            Element::Hotline => "hotline",
            Element::HotlineHours => "hotline_hours",
            Element::Apology => "apology",
            Element::Prevention => "prevention",
        }
    }

    pub fn label_ja(&self) -> &'static str {
        match self {
            Element::Who => "誰が（主体）",
            Element::What => "何を（出来事）",
            Element::When => "いつ（日時）",
            Element::Where => "どこで（対象）",
            Element::Why => "なぜ（原因・目的）",
            Element::How => "どのように（対応）",
            Element::VictimCount => "被害の規模（人数・金額）",
            Element::AsOf => "時点（〜現在）",
            Element::Compensation => "補償",
            Element::Hotline => "問い合わせ窓口",
            Element::HotlineHours => "受付時間",
            Element::Apology => "お詫び",
            Element::Prevention => "再発防止策",
        }
    }

    pub fn parse(s: &str) -> Option<Element> {
        Element::ALL.into_iter().find(|e| e.key() == s)
    }

    /// Is this element required in a release of `kind`?
    pub fn required_for(&self, kind: DocKind) -> bool {
        match kind {
            DocKind::Incident => true,
            DocKind::Announcement => matches!(
                self,
                Element::Who
                    | Element::What
                    | Element::When
                    | Element::Where
                    | Element::Why
                    | Element::How
                    | Element::Hotline
            ),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub found: bool,
    pub required: bool,
    pub span: Option<Span>,
}

/// The coverage of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    items: [Evidence; 13],
}

impl Coverage {
    pub fn new(kind: DocKind) -> Self {
        let mut c = Coverage::default();
        for (i, e) in Element::ALL.iter().enumerate() {
            c.items[i].required = e.required_for(kind);
        }
        c
    }

    pub fn get(&self, e: Element) -> &Evidence {
        &self.items[e as usize]
    }

    pub fn set(&mut self, e: Element, span: Span) {
        let item = &mut self.items[e as usize];
        if !item.found {
            item.found = true;
            item.span = Some(span);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (Element, &Evidence)> {
        Element::ALL.into_iter().zip(self.items.iter())
    }
}

/// How the document kind was decided (shown in human output and JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindDecision {
    pub kind: DocKind,
    pub reason: String,
}

fn incident_words() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"お詫び|おわび|謝罪|不正アクセス|不正利用|不正ログイン|なりすまし|漏え?い|漏洩|流出|障害|回収|リコール|被害|不具合|事故|紛失|誤送信|誤配信|ランサムウェア|サイバー攻撃|個人情報.{0,6}(可能性|おそれ)|停電|異物混入|食中毒|不適切",
        )
        .unwrap_or_else(|_| unreachable!("static regex"))
    })
}

/// Decide the kind: front matter `kind:`, else the configured default,
/// else incident words in the title or lead.
pub fn detect_kind(
    doc: &Document,
    sentences: &[Sentence],
    default: Option<DocKind>,
) -> KindDecision {
    if let Some(k) = doc.front_matter.kind.as_deref().and_then(DocKind::parse) {
        return KindDecision {
            kind: k,
            reason: "front matter の kind で指定".into(),
        };
    }
    if let Some(k) = default {
        return KindDecision {
            kind: k,
            reason: "設定ファイルの default-kind で指定".into(),
        };
    }
    let title = doc.front_matter.title.iter().map(String::as_str);
    let top = sentences
        .iter()
        .filter(|s| {
            matches!(
                s.role,
                crate::document::Role::Title | crate::document::Role::Lead
            )
        })
        .map(|s| s.text.as_str());
    for text in title.chain(top) {
        if let Some(m) = incident_words().find(text) {
            return KindDecision {
                kind: DocKind::Incident,
                reason: format!("タイトル・リードに「{}」", m.as_str()),
            };
        }
    }
    KindDecision {
        kind: DocKind::Announcement,
        reason: "タイトル・リードに事故・不祥事を示す語がない".into(),
    }
}
