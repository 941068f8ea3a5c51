//! `koho rules`: every rule with its default severity, whether it is on by
//! default, whether it can fix, and its one-line summary.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::args::{ListFormat, RulesArgs};
use super::{settings_for, ExitStatus};
use crate::rules::FixAvailability;

pub fn run(a: &RulesArgs) -> io::Result<ExitStatus> {
    let settings = match settings_for(a.config.as_deref()) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let mut out = io::stdout().lock();
    match a.format {
        ListFormat::Json => {
            let metas: Vec<_> = settings.registry.iter().map(|r| r.meta()).collect();
            serde_json::to_writer_pretty(&mut out, &metas).map_err(io::Error::other)?;
            writeln!(out)?;
        }
        ListFormat::Text => {
            let width = settings
                .registry
                .iter()
                .map(|r| r.meta().id.width())
                .max()
                .unwrap_or(0);
            for r in settings.registry.iter() {
                let m = r.meta();
                let sev = m
                    .severity
                    .describe()
                    .replace("incident: ", "")
                    .replace(" / announcement: ", "/");
                let flags = format!(
                    "{}{}",
                    if m.fix == FixAvailability::Safe {
                        "fix"
                    } else {
                        "   "
                    },
                    if m.default_enabled { "" } else { " (off)" }
                );
                writeln!(out, "{:width$}  {:15} {} {}", m.id, sev, flags, m.summary)?;
            }
            writeln!(
                out,
                "\n{} rules. `koho explain <ID>` で詳しい説明を表示します。",
                settings.registry.len()
            )?;
        }
    }
    Ok(ExitStatus::Success)
}
