//! `koho.toml`: found by walking up from each linted file (or given with
//! `--config`), validated with spans into the TOML, and resolved into
//! [`Settings`]. Unknown keys, wrong types, bad rule files and a missing
//! user dictionary are errors (exit 2), never silently ignored.
//!
//! ```toml
//! default-kind = "incident"            # incident | announcement (else detected)
//! select = ["release", "ja"]           # replaces the default rule set
//! extend-select = ["ja.no-hedging"]    # adds to it
//! ignore = ["ja.max-kanji-run"]        # turns rules off
//! rule-files = ["koho-rules/acme.toml"]
//! user-dictionary = "koho-dict.csv"    # surface,品詞,読み
//!
//! [rules."ja.sentence-length"]
//! severity = "error"                   # error | warning | info
//! max = 120                            # a rule option
//!
//! [rules."release.relative-date"]
//! enabled = false
//!
//! [terms]                              # own spellings for ja.terms (safe fix)
//! "旧社名" = "新社名"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{NamedSource, SourceSpan};
use serde::Deserialize;
use toml::Spanned;

use crate::coverage::DocKind;
use crate::diagnostic::Severity;
use crate::rules::{selector_matches, spec, Registry, RuleOptions};
use crate::token::Tokenizer;
use crate::Settings;

pub const FILE_NAMES: &[&str] = &["koho.toml", ".koho.toml"];

/// A problem in koho.toml (or in something it names).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ConfigError {
    #[error("{message}")]
    #[diagnostic(code(koho::config))]
    Invalid {
        message: String,
        #[source_code]
        src: NamedSource<String>,
        #[label("ここ")]
        span: Option<SourceSpan>,
        #[help]
        help: Option<String>,
    },
    #[error("設定ファイル {path} を読めません: {reason}")]
    #[diagnostic(code(koho::config))]
    Unreadable { path: String, reason: String },
    #[error(transparent)]
    #[diagnostic(transparent)]
    RuleFile(#[from] spec::SpecError),
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    default_kind: Option<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    extend_select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    rule_files: Vec<Spanned<String>>,
    user_dictionary: Option<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<String, Spanned<toml::Table>>,
    /// Extra entries for `ja.terms`: written form → form to use.
    terms: Option<Spanned<BTreeMap<String, Spanned<String>>>>,
}

/// A loaded config file, not yet applied.
#[derive(Debug)]
pub struct Config {
    pub path: Option<PathBuf>,
    text: String,
    raw: RawConfig,
}

impl Config {
    pub fn empty() -> Self {
        Config {
            path: None,
            text: String::new(),
            raw: RawConfig::default(),
        }
    }

    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text =
            crate::input::read_settings_file(path).map_err(|reason| ConfigError::Unreadable {
                path: path.display().to_string(),
                reason,
            })?;
        Self::parse(path, text)
    }

    pub fn parse(path: &Path, text: String) -> Result<Self, ConfigError> {
        let raw: RawConfig = toml::from_str(&text).map_err(|e| ConfigError::Invalid {
            message: format!(
                "設定ファイルの書き方が正しくありません: {}",
                e.message().trim()
            ),
            span: e.span().map(|r| SourceSpan::new(r.start.into(), r.len())),
            src: NamedSource::new(path.display().to_string(), text.clone()),
            help: Some("`koho init` で作られるひな形と見比べてください。".into()),
        })?;
        Ok(Config {
            path: Some(path.to_owned()),
            text,
            raw,
        })
    }

    fn err(&self, span: std::ops::Range<usize>, message: String, help: &str) -> ConfigError {
        ConfigError::Invalid {
            message,
            src: NamedSource::new(self.display_path(), self.text.clone()),
            span: Some(SourceSpan::new(span.start.into(), span.len())),
            help: Some(help.to_owned()),
        }
    }

    fn display_path(&self) -> String {
        self.path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "koho.toml".into())
    }

    fn base_dir(&self) -> PathBuf {
        self.path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// Resolve into settings: load user rule files and the user dictionary,
    /// check every rule id and option against the registry.
    pub fn resolve(&self, builtin: &Registry) -> Result<Settings, ConfigError> {
        let mut registry = builtin.clone();
        for f in &self.raw.rule_files {
            let path = self.base_dir().join(f.get_ref());
            let text = crate::input::read_settings_file(&path).map_err(|e| {
                self.err(
                    f.span(),
                    format!("ルールファイル {} を読めません: {e}", path.display()),
                    "パスは koho.toml のあるフォルダーからの相対パスです。",
                )
            })?;
            let name = path.display().to_string();
            for rule in spec::load(&name, &text, &name)? {
                registry.insert(rule)?;
            }
        }
        let tokenizer = match &self.raw.user_dictionary {
            None => Tokenizer::new().map_err(|e| ConfigError::Unreadable {
                path: "IPADIC".into(),
                reason: e.to_string(),
            })?,
            Some(p) => {
                let path = self.base_dir().join(p.get_ref());
                Tokenizer::with_user_dictionary(Some(&path)).map_err(|e| {
                    self.err(p.span(), e.to_string(), "1 行に「表記,品詞,読み」を書いた CSV ファイル（拡張子 .csv）を指定してください。例: セブン・ペイ,カスタム名詞,セブンペイ")
                })?
            }
        };
        let mut settings = Settings::new(Arc::new(registry), Arc::new(tokenizer));
        let check_selectors = |list: &[Spanned<String>]| -> Result<Vec<String>, ConfigError> {
            list.iter()
                .map(|s| {
                    if settings.registry.matches_selector(s.get_ref()) {
                        Ok(s.get_ref().clone())
                    } else {
                        Err(self.err(
                            s.span(),
                            format!("ルール「{}」はありません", s.get_ref()),
                            "`koho rules` でルール ID の一覧を確認してください。",
                        ))
                    }
                })
                .collect()
        };
        let select = self
            .raw
            .select
            .as_deref()
            .map(check_selectors)
            .transpose()?;
        let extend = check_selectors(&self.raw.extend_select)?;
        let ignore = check_selectors(&self.raw.ignore)?;
        if let Some(k) = &self.raw.default_kind {
            settings.default_kind = Some(DocKind::parse(k.get_ref()).ok_or_else(|| {
                self.err(
                    k.span(),
                    format!("default-kind「{}」は使えません", k.get_ref()),
                    "incident か announcement を指定してください。",
                )
            })?);
        }
        if let Some(sel) = select {
            settings.select(&sel);
        }
        settings.extend(&extend);
        settings.ignore(&ignore);
        settings.config_ignored = ignore;
        for (id, table) in &self.raw.rules {
            let Some(rule) = settings.registry.get(id).cloned() else {
                return Err(self.err(
                    table.span(),
                    format!("ルール「{id}」はありません"),
                    "`koho rules` でルール ID の一覧を確認してください。",
                ));
            };
            let mut options = toml::Table::new();
            for (key, value) in table.get_ref() {
                match key.as_str() {
                    "enabled" => match value.as_bool() {
                        Some(true) => settings.extend(std::slice::from_ref(id)),
                        Some(false) => {
                            settings.ignore(std::slice::from_ref(id));
                            settings.config_ignored.push(id.clone());
                        }
                        None => {
                            return Err(self.err(
                                table.span(),
                                format!("rules.\"{id}\".enabled は true か false です"),
                                "enabled = false のように書いてください。",
                            ))
                        }
                    },
                    "severity" => {
                        let sev = value.as_str().and_then(Severity::parse).ok_or_else(|| {
                            self.err(
                                table.span(),
                                format!("rules.\"{id}\".severity が不正です"),
                                "error / warning / info のいずれかにしてください。",
                            )
                        })?;
                        settings.severity_overrides.insert(id.clone(), sev);
                    }
                    _ => {
                        let Some(doc) = rule.meta().options.iter().find(|o| &o.name == key) else {
                            let known: Vec<&str> = rule
                                .meta()
                                .options
                                .iter()
                                .map(|o| o.name.as_str())
                                .collect();
                            return Err(self.err(
                                table.span(),
                                format!("ルール「{id}」にオプション「{key}」はありません"),
                                &if known.is_empty() {
                                    "このルールに設定できるのは enabled と severity だけです。"
                                        .to_owned()
                                } else {
                                    format!(
                                        "使えるオプション: enabled, severity, {}",
                                        known.join(", ")
                                    )
                                },
                            ));
                        };
                        if !same_type(&doc.default, value) {
                            return Err(self.err(
                                table.span(),
                                format!(
                                    "rules.\"{id}\".{key} の型が違います（既定値は {}）",
                                    doc.default
                                ),
                                "既定値と同じ型（数値・文字列・真偽値・配列）で書いてください。",
                            ));
                        }
                        options.insert(key.clone(), value.clone());
                    }
                }
            }
            if !options.is_empty() {
                settings
                    .options
                    .insert(id.clone(), RuleOptions { table: options });
            }
        }
        self.apply_terms(&mut settings)?;
        Ok(settings)
    }

    /// Validate `[terms]` and hand the entries to `ja.terms` as an option.
    fn apply_terms(&self, settings: &mut Settings) -> Result<(), ConfigError> {
        let Some(spanned) = &self.raw.terms else {
            return Ok(());
        };
        let terms = spanned.get_ref();
        if terms.is_empty() {
            return Ok(());
        }
        let id = crate::rules::checks::terms::TERMS_RULE_ID;
        if settings.registry.get(id).is_none() {
            return Ok(());
        }
        let mut table = toml::Table::new();
        for (from, to) in terms {
            let help =
                "[terms] には「\"書いてしまう表記\" = \"正しい表記\"」を 1 行ずつ書いてください。";
            if from.trim().is_empty() || from.contains('\n') {
                return Err(self.err(
                    spanned.span(),
                    "[terms] に空の語や改行を含む語があります".into(),
                    help,
                ));
            }
            let t = to.get_ref();
            if t.contains('\n') {
                return Err(self.err(
                    to.span(),
                    format!("[terms] の「{from}」の置き換え先に改行があります"),
                    help,
                ));
            }
            if t == from {
                return Err(self.err(
                    to.span(),
                    format!("[terms] の「{from}」は置き換え先が同じ語です"),
                    help,
                ));
            }
            table.insert(from.clone(), toml::Value::String(t.clone()));
        }
        settings
            .options
            .entry(id.to_owned())
            .or_default()
            .table
            .insert(
                crate::rules::checks::terms::USER_TERMS_KEY.to_owned(),
                toml::Value::Table(table),
            );
        Ok(())
    }
}

/// Does `value` have the type of the documented default (as TOML text)?
fn same_type(default: &str, value: &toml::Value) -> bool {
    let parsed: Option<toml::Value> = format!("v = {default}")
        .parse::<toml::Table>()
        .ok()
        .and_then(|mut t| t.remove("v"));
    match parsed {
        Some(d) => std::mem::discriminant(&d) == std::mem::discriminant(value),
        // Undocumented or free-form default: accept strings and arrays.
        None => matches!(value, toml::Value::String(_) | toml::Value::Array(_)),
    }
}

/// The nearest koho.toml at or above `dir`.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    let mut cur = Some(dir);
    while let Some(d) = cur {
        for name in FILE_NAMES {
            let p = d.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
        cur = d.parent();
    }
    None
}

/// Is `selector` valid against the registry? (for CLI flags)
pub fn unknown_selectors<'a>(registry: &Registry, selectors: &'a [String]) -> Vec<&'a str> {
    selectors
        .iter()
        .filter(|s| !registry.iter().any(|r| selector_matches(s, &r.meta().id)))
        .map(String::as_str)
        .collect()
}

/// The commented starter written by `koho init`.
pub const STARTER: &str = r#"# koho.toml — koho（広報リリース原稿チェッカー）の設定
# このファイルのあるフォルダーとその下の原稿に適用されます。

# 文書の種類を固定する場合: "incident"（お詫び・事故・障害など）か "announcement"（通常のお知らせ）
# 書かなければ、タイトルとリード文から自動で判定します。
# default-kind = "incident"

# 使うルールを絞る（ID か "release" "ja" などの接頭辞）。書かなければ既定のルールすべて。
# select = ["release", "ja"]

# 既定に加えて使うルール
# extend-select = ["ja.no-hedging"]

# 使わないルール
# ignore = ["ja.max-kanji-run"]

# 自社用のルールファイル（書き方は `koho explain` と README を参照）
# rule-files = ["koho-rules/acme.toml"]

# 社名・サービス名を 1 語として扱うユーザー辞書（1 行に「表記,品詞,読み」）
# user-dictionary = "koho-dict.csv"

# ルールごとの設定
# [rules."ja.sentence-length"]
# severity = "error"   # error / warning / info
# max = 120

# [rules."release.relative-date"]
# enabled = false

# 自社の表記（ja.terms が自動修正します）: "書いてしまう表記" = "正しい表記"
# [terms]
# "旧社名" = "新社名"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_parses() {
        assert!(Config::parse(Path::new("koho.toml"), STARTER.to_owned()).is_ok());
    }

    #[test]
    fn terms_table_reaches_ja_terms_and_is_validated() {
        let builtin = Registry::builtin().unwrap();
        let cfg = Config::parse(
            Path::new("koho.toml"),
            "[terms]\n\"旧社名\" = \"新社名\"\n".to_owned(),
        )
        .unwrap();
        let settings = cfg.resolve(&builtin).unwrap();
        let opts = &settings.options["ja.terms"].table;
        let user = opts["user-terms"].as_table().unwrap();
        assert_eq!(user["旧社名"].as_str(), Some("新社名"));

        let text = "[terms]\n\"同じ\" = \"同じ\"\n".to_owned();
        let cfg = Config::parse(Path::new("koho.toml"), text.clone()).unwrap();
        let Err(ConfigError::Invalid { message, span, .. }) = cfg.resolve(&builtin) else {
            panic!("expected invalid")
        };
        assert!(message.contains("同じ"), "{message}");
        let span = span.unwrap();
        assert_eq!(&text[span.offset()..span.offset() + span.len()], "\"同じ\"");

        let cfg = Config::parse(Path::new("koho.toml"), "[terms]\n\"a\" = 1\n".to_owned());
        assert!(cfg.is_err());
    }

    #[test]
    fn unknown_key_points_at_it() {
        let text = "defalt-kind = \"incident\"\n".to_owned();
        let Err(ConfigError::Invalid { message, span, .. }) =
            Config::parse(Path::new("koho.toml"), text.clone())
        else {
            panic!("expected invalid")
        };
        assert!(message.contains("defalt-kind"), "{message}");
        let span = span.unwrap();
        assert_eq!(
            &text[span.offset()..span.offset() + span.len()],
            "defalt-kind"
        );
    }
}
