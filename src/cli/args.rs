//! Command-line arguments (clap). Each flag documents itself; `--help` is
//! generated from these comments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::report::Format;

const EXIT_CODES: &str = "終了コード (exit codes):
  0  問題なし（エラーなし、警告は --max-warnings 以下）
  1  エラーがある、または警告が --max-warnings を超えた
  2  使い方・設定ファイル・ルールファイル・入力ファイルの問題";

/// koho（広報）: 日本語プレスリリース原稿のチェッカー / a linter for Japanese press-release drafts.
#[derive(Debug, Parser)]
#[command(name = "koho", version, after_help = EXIT_CODES, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 原稿をチェックする / Lint drafts (files, folders, or - for stdin).
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// ルールの一覧 / List every rule.
    Rules(RulesArgs),
    /// ルールの説明 / Explain one rule with examples.
    Explain(ExplainArgs),
    /// koho.toml のひな形を作る / Write a commented starter koho.toml.
    Init(InitArgs),
    /// エディター用の Language Server（stdio）/ Run the LSP server over stdio.
    Lsp,
    /// 原稿の構造（タイトル・ヘッダー・リード・本文・問い合わせ先）と文の区切りを表示する / Show how koho reads a draft.
    Inspect(InspectArgs),
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The draft to inspect.
    pub path: PathBuf,
    /// Also print each sentence's tokens (surface/POS/base).
    #[arg(long)]
    pub tokens: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Incident,
    Announcement,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders (Markdown *.md, *.markdown, *.txt; .gitignore is respected). `-` reads stdin.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Only these rules (ids or prefixes such as `ja.`), comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Add these rules to the configured set.
    #[arg(long, value_delimiter = ',')]
    pub extend_select: Vec<String>,
    /// Turn these rules off (ids or prefixes), comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Exit 1 when there are more warnings than this (errors always exit 1).
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Only report errors; no coverage cards or summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Human output: only the coverage card of each file.
    #[arg(long)]
    pub summary: bool,
    /// Use this koho.toml instead of searching upwards from each file.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Ignore every koho.toml.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Treat every file as this kind (overrides detection and config).
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Name to show (and to find koho.toml from) when reading stdin.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Apply safe fixes in place (atomically), then report what remains.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the safe fixes as a unified diff instead of writing them.
    #[arg(long)]
    pub diff: bool,
    /// Only files changed against a git base (default: merge base with main/master, else HEAD).
    #[arg(long, value_name = "BASE", num_args = 0..=1, default_missing_value = "")]
    pub changed: Option<String>,
    /// Colours in human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Refuse files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = crate::input::DEFAULT_MAX_BYTES, hide = true)]
    pub max_file_size: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Include rules from this koho.toml's rule files.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Rule id, e.g. release.missing-hotline.
    pub id: String,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Overwrite an existing koho.toml.
    #[arg(long)]
    pub force: bool,
    /// Folder to write koho.toml into.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}
