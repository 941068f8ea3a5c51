//! `koho explain ID`: one rule's documentation — summary, why (背景),
//! how it decides (判定処理), exceptions (例外), what to write (対応方法),
//! bad and good examples, options, fix availability, `since`. The same text
//! is SARIF's rule help and the LSP hover.

use std::io::{self, Write};

use super::args::{ExplainArgs, ListFormat};
use super::{settings_for, ExitStatus};
use crate::coverage::DocKind;
use crate::rules::{FixAvailability, RuleMeta};

pub fn render_text(m: &RuleMeta) -> String {
    let mut s = String::new();
    let sev = m.severity.describe();
    let kinds: Vec<&str> = m.applies_to.iter().map(DocKind::as_str).collect();
    s.push_str(&format!("{}\n\n{}\n\n", m.id, m.summary));
    s.push_str(&format!(
        "重大度 (severity): {sev}\n対象 (applies to): {}\n",
        kinds.join(", ")
    ));
    s.push_str(&format!(
        "自動修正 (fix): {}\n既定で有効 (default): {}\n追加バージョン (since): {}\n定義 (origin): {}\n",
        match m.fix {
            FixAvailability::Safe => "あり（--fix で適用）",
            FixAvailability::Suggestion => "候補のみ（エディターで選んで適用）",
            FixAvailability::None => "なし",
        },
        if m.default_enabled { "はい" } else { "いいえ（select / extend-select で有効化）" },
        m.since,
        m.origin
    ));
    let section = |s: &mut String, title: &str, body: &str| {
        if !body.trim().is_empty() {
            s.push_str(&format!("\n## {title}\n{}\n", body.trim()));
        }
    };
    section(&mut s, "なぜ問題か (why)", &m.why);
    section(&mut s, "判定処理 (how it decides)", &m.how);
    section(&mut s, "例外 (exceptions)", &m.exceptions);
    section(&mut s, "対応方法 (what to write)", &m.help);
    if !m.bad.is_empty() {
        s.push_str("\n## 悪い例 (fires)\n");
        for b in &m.bad {
            s.push_str(&format!("  ✗ {}\n", b.replace('\n', "\n    ")));
        }
    }
    if !m.good.is_empty() {
        s.push_str("\n## 良い例 (does not fire)\n");
        for g in &m.good {
            s.push_str(&format!("  ✓ {}\n", g.replace('\n', "\n    ")));
        }
    }
    if !m.options.is_empty() {
        s.push_str(&format!(
            "\n## オプション (options: [rules.\"{}\"] in koho.toml)\n",
            m.id
        ));
        for o in &m.options {
            s.push_str(&format!(
                "  {} = {}  {}\n",
                o.name, o.default, o.description
            ));
        }
    }
    s
}

pub fn run(a: &ExplainArgs) -> io::Result<ExitStatus> {
    let settings = match settings_for(a.config.as_deref()) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let Some(rule) = settings.registry.get(&a.id) else {
        let mut near: Vec<&str> = settings
            .registry
            .iter()
            .map(|r| r.meta().id.as_str())
            .filter(|id| {
                id.contains(
                    a.id.trim_start_matches("release.")
                        .trim_start_matches("ja."),
                )
            })
            .collect();
        near.truncate(5);
        let mut err = io::stderr();
        writeln!(
            err,
            "koho: ルール「{}」はありません。`koho rules` で一覧を表示できます。",
            a.id
        )?;
        if !near.is_empty() {
            writeln!(err, "候補: {}", near.join(", "))?;
        }
        return Ok(ExitStatus::Error);
    };
    let mut out = io::stdout().lock();
    match a.format {
        ListFormat::Text => write!(out, "{}", render_text(rule.meta()))?,
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, rule.meta()).map_err(io::Error::other)?;
            writeln!(out)?;
        }
    }
    Ok(ExitStatus::Success)
}
