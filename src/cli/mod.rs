//! The `koho` command line: argument types in [`args`], one file per
//! subcommand. Every command returns an [`ExitStatus`]; only `main` exits.

pub mod args;
pub mod check;
pub mod explain;
pub mod init;
pub mod inspect;
pub mod list;

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use args::{Cli, Command};

use crate::config::Config;
use crate::rules::Registry;
use crate::Settings;

/// 0 clean, 1 lint errors (or too many warnings), 2 usage/config/IO failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    Success,
    Failure,
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> ExitCode {
        match s {
            ExitStatus::Success => ExitCode::from(0),
            ExitStatus::Failure => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}

/// Print a miette diagnostic (config or rule-file error) to stderr.
pub fn print_error(err: &dyn miette::Diagnostic) {
    let theme = if io::stderr().is_terminal() {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let mut out = String::new();
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_width(100);
    if handler.render_report(&mut out, err).is_err() {
        out = format!("{err}\n");
    }
    let _ = writeln!(io::stderr(), "{out}");
}

/// Built-in registry, or a config-resolved one when `config` is given.
pub fn settings_for(config: Option<&Path>) -> Result<Settings, ExitStatus> {
    let builtin = Registry::builtin().map_err(|e| {
        print_error(&e);
        ExitStatus::Error
    })?;
    let cfg = match config {
        Some(p) => Config::load(p).map_err(|e| {
            print_error(&e);
            ExitStatus::Error
        })?,
        None => Config::empty(),
    };
    cfg.resolve(&builtin).map_err(|e| {
        print_error(&e);
        ExitStatus::Error
    })
}

pub fn run(cli: Cli) -> ExitStatus {
    let result = match cli.command {
        Command::Check(a) => check::run(&a),
        Command::Rules(a) => list::run(&a),
        Command::Explain(a) => explain::run(&a),
        Command::Init(a) => init::run(&a),
        Command::Lsp => crate::lsp::run(),
        Command::Inspect(a) => inspect::run(&a),
    };
    match result {
        Ok(s) => s,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitStatus::Success,
        Err(e) => {
            let _ = writeln!(io::stderr(), "koho: {e}");
            ExitStatus::Error
        }
    }
}
