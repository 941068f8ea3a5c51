//! Findings: rule id, severity, Japanese message and help, a primary byte
//! span, optional evidence labels and an optional fix. Rendering happens in
//! `report/`; this is plain data.

use std::collections::HashSet;
use std::sync::{OnceLock, RwLock};

use serde::{Deserialize, Serialize};

use crate::span::Span;
use crate::text::Sym;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    pub fn label_ja(&self) -> &'static str {
        match self {
            Severity::Error => "エラー",
            Severity::Warning => "警告",
            Severity::Info => "情報",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// Whether a fix may be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// `koho check --fix` applies it.
    Safe,
    /// Shown as a suggestion (LSP code action, `--diff`), never applied by `--fix`.
    Unsafe,
}

/// Replace the bytes of `span` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(span: Span, replacement: impl Into<String>) -> Self {
        Fix {
            applicability: Applicability::Safe,
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        }
    }

    pub fn suggestion(span: Span, replacement: impl Into<String>) -> Self {
        Fix {
            applicability: Applicability::Unsafe,
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        }
    }
}

/// A secondary span shown with the primary one (the other of two
/// conflicting counts, the date of a weekday).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

/// A finding. The rule id, the message and the help are shared strings
/// ([`Sym`], read like `&str`): they repeat from finding to finding (a
/// rule's id and help always, its message mostly), and a huge file has
/// hundreds of thousands of findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: Sym,
    pub severity: Severity,
    pub message: Sym,
    pub help: Option<Sym>,
    pub span: Span,
    pub labels: Vec<Label>,
    /// Boxed: most findings have none, and a huge file has hundreds of
    /// thousands of findings (104 → 80 bytes each).
    pub fix: Option<Box<Fix>>,
}

impl Diagnostic {
    pub fn new(
        rule: impl AsRef<str>,
        severity: Severity,
        span: Span,
        message: impl AsRef<str>,
    ) -> Self {
        Diagnostic {
            rule: intern(rule.as_ref()),
            severity,
            message: intern(message.as_ref()),
            help: None,
            span,
            labels: Vec::new(),
            fix: None,
        }
    }

    pub fn with_help(mut self, help: impl AsRef<str>) -> Self {
        let h = help.as_ref();
        self.help = (!h.is_empty()).then(|| intern(h));
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(Box::new(fix));
        self
    }

    pub fn with_label(mut self, span: Span, text: impl Into<String>) -> Self {
        // Findings have one or two labels: a first push would reserve four.
        self.labels.reserve_exact(1);
        self.labels.push(Label {
            span,
            text: text.into(),
        });
        self
    }
}

/// The one shared copy of `s` among the rule ids, messages and help texts
/// seen so far in this process. The table stops growing at [`INTERN_LIMIT`]
/// entries (help texts made per finding could otherwise fill it in a
/// long-running `koho lsp`); later strings are simply not shared.
fn intern(s: &str) -> Sym {
    // foldhash, not SipHash: every finding looks up three strings here,
    // and nothing outside koho chooses what the table holds.
    type Table = HashSet<Sym, foldhash::fast::FixedState>;
    static TABLE: OnceLock<RwLock<Table>> = OnceLock::new();
    let table = TABLE.get_or_init(RwLock::default);
    if let Some(shared) = table.read().ok().and_then(|t| t.get(s).cloned()) {
        return shared;
    }
    let Ok(mut t) = table.write() else {
        return Sym::from(s);
    };
    if let Some(shared) = t.get(s) {
        return shared.clone();
    }
    let sym = Sym::from(s);
    if t.len() < INTERN_LIMIT {
        t.insert(sym.clone());
    }
    sym
}

const INTERN_LIMIT: usize = 4096;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_messages_and_help_are_shared_between_findings() {
        let d = |at| {
            Diagnostic::new("ja.test-rule", Severity::Info, Span::empty(at), "m")
                .with_help(String::from("ヘルプです。"))
        };
        let (a, b) = (d(0), d(1));
        assert_eq!(a.rule, "ja.test-rule");
        assert_eq!(a.help.as_deref(), Some("ヘルプです。"));
        assert_eq!(a.rule.as_str().as_ptr(), b.rule.as_str().as_ptr());
        assert_eq!(a.message.as_str().as_ptr(), b.message.as_str().as_ptr());
        let (ha, hb) = (a.help.unwrap_or_default(), b.help.unwrap_or_default());
        assert_eq!(ha.as_str().as_ptr(), hb.as_str().as_ptr());
        assert_eq!(d(2).with_help("").help, None);
    }
}
