//! Japanese tokenization. The only module that knows lindera (0.28 with the
//! embedded IPADIC, the last line that builds offline); an upgrade touches
//! this file alone.

use std::path::Path;
use std::sync::OnceLock;

use lindera_core::mode::Mode;
use lindera_dictionary::{DictionaryConfig, DictionaryKind, UserDictionaryConfig};
use lindera_tokenizer::tokenizer::Tokenizer as Lindera;

use crate::span::Span;

/// One morpheme. Offsets are relative to the text that was tokenized; the
/// sentence layer shifts them to source bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub surface: String,
    /// Offsets in the tokenized text.
    pub range: Span,
    /// 品詞, 品詞細分類1–3 (IPADIC). Unknown words: `["未知語", "*", "*", "*"]`.
    pub pos: [String; 4],
    /// 活用型 and 活用形 (`*` when not inflecting).
    pub conj_type: String,
    pub conj_form: String,
    /// 原形 (base form); the surface for unknown words.
    pub base: String,
    /// 読み in katakana; empty for unknown words.
    pub reading: String,
}

impl Token {
    pub fn is(&self, pos: &str) -> bool {
        self.pos[0] == pos
    }

    /// True when the first POS levels equal `levels` (e.g. `["名詞", "固有名詞", "組織"]`).
    pub fn pos_starts_with(&self, levels: &[&str]) -> bool {
        levels.iter().zip(self.pos.iter()).all(|(a, b)| a == b)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TokenizerError {
    #[error("辞書を読み込めません: {0}")]
    Dictionary(String),
    #[error("ユーザー辞書 {path} を読み込めません: {reason}")]
    UserDictionary { path: String, reason: String },
}

/// A loaded tokenizer: the embedded IPADIC plus an optional user dictionary.
/// Cheap to share across threads; build it once per process.
pub struct Tokenizer {
    inner: Lindera,
}

fn system_dictionary() -> Result<&'static lindera_core::dictionary::Dictionary, TokenizerError> {
    static DICT: OnceLock<Result<lindera_core::dictionary::Dictionary, String>> = OnceLock::new();
    DICT.get_or_init(|| {
        lindera_dictionary::load_dictionary_from_config(DictionaryConfig {
            kind: Some(DictionaryKind::IPADIC),
            path: None,
        })
        .map_err(|e| e.to_string())
    })
    .as_ref()
    .map_err(|e| TokenizerError::Dictionary(e.clone()))
}

impl Tokenizer {
    /// The embedded dictionary only.
    pub fn new() -> Result<Self, TokenizerError> {
        Self::with_user_dictionary(None)
    }

    /// With a user dictionary in lindera's simple CSV form
    /// (`surface,品詞,読み` per line), validated here first because lindera
    /// itself indexes CSV fields without checking them.
    pub fn with_user_dictionary(path: Option<&Path>) -> Result<Self, TokenizerError> {
        let dictionary = system_dictionary()?.clone();
        let user_dictionary = match path {
            None => None,
            Some(p) => Some(load_user_dictionary(p)?),
        };
        Ok(Self {
            inner: Lindera::new(dictionary, user_dictionary, Mode::Normal),
        })
    }

    /// Tokenize `text`. Never fails on any input: lindera errors (which it
    /// does not produce for valid UTF-8) yield one unknown token.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let Ok(tokens) = self.inner.tokenize(text) else {
            return vec![unknown(text, Span::new(0, text.len()))];
        };
        let mut out = Vec::with_capacity(tokens.len());
        for mut t in tokens {
            let range = Span::new(t.byte_start, t.byte_end);
            let surface = t.text.to_owned();
            let token = match t.get_details() {
                Some(d) if d.len() >= 7 => Token {
                    pos: [d[0].into(), d[1].into(), d[2].into(), d[3].into()],
                    conj_type: d[4].into(),
                    conj_form: d[5].into(),
                    base: if d[6] == "*" {
                        surface.clone()
                    } else {
                        d[6].into()
                    },
                    reading: d.get(7).map(|s| s.to_string()).unwrap_or_default(),
                    surface,
                    range,
                },
                _ => unknown(&surface, range),
            };
            out.push(token);
        }
        out
    }
}

fn unknown(surface: &str, range: Span) -> Token {
    Token {
        surface: surface.to_owned(),
        range,
        pos: ["未知語".into(), "*".into(), "*".into(), "*".into()],
        conj_type: "*".into(),
        conj_form: "*".into(),
        base: surface.to_owned(),
        reading: String::new(),
    }
}

fn load_user_dictionary(
    path: &Path,
) -> Result<lindera_core::dictionary::UserDictionary, TokenizerError> {
    let err = |reason: String| TokenizerError::UserDictionary {
        path: path.display().to_string(),
        reason,
    };
    let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            return Err(err(format!("{} 行目が空です（空行は置けません）", n + 1)));
        }
        let fields = line.split(',').count();
        if fields != 3 {
            return Err(err(format!(
                "{} 行目の列数が {fields} です。「表記,品詞,読み」の 3 列で書いてください",
                n + 1
            )));
        }
        if line.split(',').next().is_some_and(|s| s.trim().is_empty()) {
            return Err(err(format!("{} 行目の表記が空です", n + 1)));
        }
    }
    if text.trim().is_empty() {
        return Err(err("ユーザー辞書が空です".into()));
    }
    let path_buf = if path.extension().and_then(|e| e.to_str()) == Some("csv") {
        path.to_path_buf()
    } else {
        return Err(err("拡張子は .csv にしてください".into()));
    };
    let built = std::panic::catch_unwind(|| {
        lindera_dictionary::load_user_dictionary(UserDictionaryConfig {
            path: path_buf,
            kind: Some(DictionaryKind::IPADIC),
        })
    });
    match built {
        Ok(Ok(d)) => Ok(d),
        Ok(Err(e)) => Err(err(e.to_string())),
        Err(_) => Err(err("辞書の構築に失敗しました".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_pos_base_and_offsets() {
        let t = Tokenizer::new().unwrap();
        let toks = t.tokenize("被害を確認いたしました。");
        let surfaces: Vec<&str> = toks.iter().map(|t| t.surface.as_str()).collect();
        assert_eq!(surfaces.concat(), "被害を確認いたしました。");
        let higai = &toks[0];
        assert_eq!(higai.surface, "被害");
        assert_eq!(higai.pos[0], "名詞");
        assert_eq!(higai.range, Span::new(0, 6));
        let itashi = toks.iter().find(|t| t.surface == "いたし").unwrap();
        assert_eq!(itashi.base, "いたす");
        assert_eq!(itashi.pos[0], "動詞");
    }

    #[test]
    fn user_dictionary_makes_one_token_and_bad_csv_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("user.csv");
        std::fs::write(&p, "セブン・ペイ,カスタム名詞,セブンペイ\n").unwrap();
        let t = Tokenizer::with_user_dictionary(Some(&p)).unwrap();
        let toks = t.tokenize("セブン・ペイが発表");
        assert_eq!(toks[0].surface, "セブン・ペイ");
        std::fs::write(&p, "a,b\n").unwrap();
        assert!(Tokenizer::with_user_dictionary(Some(&p)).is_err());
        assert!(Tokenizer::with_user_dictionary(Some(&dir.path().join("none.csv"))).is_err());
    }
}
