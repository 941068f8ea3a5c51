//! Turning the bytes of a file into a [`Source`]: UTF-8 (with or without a
//! BOM) as is; Shift_JIS/CP932 or EUC-JP decoded with a note; binary,
//! undecodable or oversized input refused with a file-level error.

use std::fmt;
use std::io::{self, Read};
use std::path::Path;

/// Files larger than this are refused (a release is a few KB; 64 MiB is far
/// beyond any real draft but keeps memory bounded). Configurable in tests.
pub const DEFAULT_MAX_BYTES: usize = 64 * 1024 * 1024;

/// The limit no setting can raise: offsets inside texts and tokens are
/// `u32` (a huge file has millions of them), so a decoded text must stay
/// below 4 GiB.
pub const HARD_MAX_BYTES: usize = u32::MAX as usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    ShiftJis,
    EucJp,
}

impl Encoding {
    pub fn name(&self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::ShiftJis => "Shift_JIS",
            Encoding::EucJp => "EUC-JP",
        }
    }

    /// Only UTF-8 files can be rewritten by `--fix` without changing bytes
    /// outside the fixed spans.
    pub fn is_utf8(&self) -> bool {
        matches!(self, Encoding::Utf8 | Encoding::Utf8Bom)
    }
}

/// One decoded input file. All spans in koho are byte offsets into `text`.
#[derive(Debug, Clone)]
pub struct Source {
    /// Display name (path as given, or the `--stdin-filename`).
    pub name: String,
    pub text: String,
    pub encoding: Encoding,
}

/// The text, so that block texts can share a source's buffer
/// ([`crate::text::Text::shared`]).
impl AsRef<str> for Source {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl Source {
    /// The bytes of the file this was decoded from, when it was UTF-8
    /// (the only files `--fix` rewrites): rebuilt from the text instead of
    /// kept, so a huge file is not held twice.
    pub fn original_bytes(&self) -> Option<Vec<u8>> {
        match self.encoding {
            Encoding::Utf8 => Some(self.text.as_bytes().to_vec()),
            Encoding::Utf8Bom => {
                let mut b = Vec::with_capacity(BOM.len() + self.text.len());
                b.extend_from_slice(BOM);
                b.extend_from_slice(self.text.as_bytes());
                Some(b)
            }
            Encoding::ShiftJis | Encoding::EucJp => None,
        }
    }

    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
            encoding: Encoding::Utf8,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// NUL bytes or a large share of control bytes: not a text file.
    Binary,
    /// Neither UTF-8, Shift_JIS nor EUC-JP.
    Undecodable,
    /// More than `limit` bytes; `size` when known (a stream is not read
    /// to its end).
    TooLarge { size: Option<u64>, limit: usize },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Binary => write!(
                f,
                "バイナリファイルのようです（NUL バイトを含みます）。テキストの原稿を指定してください。"
            ),
            InputError::Undecodable => write!(
                f,
                "文字コードを判定できません（UTF-8・Shift_JIS・EUC-JP のいずれでもありません）。UTF-8 で保存し直してください。"
            ),
            InputError::TooLarge {
                size: Some(size),
                limit,
            } => write!(
                f,
                "ファイルが大きすぎます（{size} バイト、上限 {limit} バイト）。原稿を分割してください。"
            ),
            InputError::TooLarge { size: None, limit } => write!(
                f,
                "ファイルが大きすぎます（上限 {limit} バイトを超えています）。原稿を分割してください。"
            ),
        }
    }
}

/// Why the bytes of an input could not be read.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    /// Refused before it was read to its end (too large).
    Refused(InputError),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "読み込めません: {e}"),
            ReadError::Refused(e) => e.fmt(f),
        }
    }
}

/// Read at most `max_bytes` from `reader` (a file, stdin). An input that
/// holds more is refused without reading the rest, so that an endless
/// stream (`/dev/zero`, `yes | koho check -`) or a file of many gigabytes
/// never fills memory.
pub fn read_limited(reader: impl Read, max_bytes: usize) -> Result<Vec<u8>, ReadError> {
    read_at_most(reader, max_bytes.min(HARD_MAX_BYTES), 0)
}

/// [`read_limited`] for a file: a regular file whose size is already over
/// the limit is refused without reading it at all.
pub fn read_file(path: &Path, max_bytes: usize) -> Result<Vec<u8>, ReadError> {
    let limit = max_bytes.min(HARD_MAX_BYTES);
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let size = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    if let Some(size) = size.filter(|&s| s > limit as u64) {
        return Err(ReadError::Refused(InputError::TooLarge {
            size: Some(size),
            limit,
        }));
    }
    let expected = size.and_then(|s| usize::try_from(s).ok()).unwrap_or(0);
    read_at_most(file, limit, expected)
}

/// Settings files (`koho.toml`, rule files, user dictionaries) are read no
/// further than this: a real one is a few kilobytes.
pub const MAX_SETTINGS_BYTES: usize = 16 * 1024 * 1024;

/// A UTF-8 settings file, read no further than [`MAX_SETTINGS_BYTES`]. The
/// error is a message for the caller's own error type.
pub fn read_settings_file(path: &Path) -> Result<String, String> {
    let bytes = match read_file(path, MAX_SETTINGS_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadError::Io(e)) => return Err(e.to_string()),
        Err(ReadError::Refused(_)) => {
            return Err(format!("大きすぎます（上限 {MAX_SETTINGS_BYTES} バイト）"))
        }
    };
    String::from_utf8(bytes).map_err(|_| "UTF-8 ではありません".to_owned())
}

fn read_at_most(reader: impl Read, limit: usize, expected: usize) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(expected.min(limit));
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() > limit {
        return Err(ReadError::Refused(InputError::TooLarge {
            size: None,
            limit,
        }));
    }
    Ok(bytes)
}

/// Decode `bytes` as a draft. `name` is only carried along for reporting.
pub fn decode(name: &str, bytes: &[u8], max_bytes: usize) -> Result<Source, InputError> {
    refuse_early(bytes, max_bytes)?;
    decode_owned(name, bytes.to_vec(), max_bytes)
}

/// [`decode`] taking the buffer: UTF-8 text keeps the very same buffer
/// (no copy), so a huge file is never held twice.
pub fn decode_owned(name: &str, bytes: Vec<u8>, max_bytes: usize) -> Result<Source, InputError> {
    refuse_early(&bytes, max_bytes)?;
    let (text, encoding) = if bytes.starts_with(BOM) {
        let mut rest = bytes;
        rest.drain(..BOM.len());
        match String::from_utf8(rest) {
            Ok(t) => (t, Encoding::Utf8Bom),
            Err(_) => return Err(InputError::Undecodable),
        }
    } else {
        match String::from_utf8(bytes) {
            Ok(t) => (t, Encoding::Utf8),
            Err(e) => decode_legacy(e.as_bytes()).ok_or(InputError::Undecodable)?,
        }
    };
    if looks_binary(&text) {
        return Err(InputError::Binary);
    }
    // A legacy encoding can grow when decoded (two bytes of Shift_JIS are
    // three of UTF-8).
    if text.len() > HARD_MAX_BYTES {
        return Err(InputError::TooLarge {
            size: Some(text.len() as u64),
            limit: HARD_MAX_BYTES,
        });
    }
    Ok(Source {
        name: name.to_owned(),
        text,
        encoding,
    })
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn refuse_early(bytes: &[u8], max_bytes: usize) -> Result<(), InputError> {
    let max_bytes = max_bytes.min(HARD_MAX_BYTES);
    if bytes.len() > max_bytes {
        return Err(InputError::TooLarge {
            size: Some(bytes.len() as u64),
            limit: max_bytes,
        });
    }
    if bytes.contains(&0) {
        return Err(InputError::Binary);
    }
    Ok(())
}

/// Try the Japanese legacy encodings. Both often decode without errors, so
/// the one that reads more like Japanese prose wins (kana and kanji count
/// for, half-width katakana and private-use characters against); Shift_JIS
/// (CP932, what Windows editors write) wins ties.
fn decode_legacy(bytes: &[u8]) -> Option<(String, Encoding)> {
    let mut best: Option<(i64, String, Encoding)> = None;
    for (enc, kind) in [
        (encoding_rs::SHIFT_JIS, Encoding::ShiftJis),
        (encoding_rs::EUC_JP, Encoding::EucJp),
    ] {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if had_errors {
            continue;
        }
        let score = japanese_score(&text);
        if best.as_ref().is_none_or(|(b, _, _)| score > *b) {
            best = Some((score, text.into_owned(), kind));
        }
    }
    best.map(|(_, t, k)| (t, k))
}

fn japanese_score(text: &str) -> i64 {
    text.chars()
        .map(|c| match c {
            '\u{3040}'..='\u{30ff}'
            | '\u{4e00}'..='\u{9fff}'
            | '\u{3000}'..='\u{303f}'
            | '\u{ff01}'..='\u{ff5e}' => 2,
            '\u{ff61}'..='\u{ff9f}' | '\u{e000}'..='\u{f8ff}' => -3,
            _ => 0,
        })
        .sum()
}

/// Text made mostly of C0 controls other than tab/newline/CR/FF is binary
/// even without NUL bytes.
fn looks_binary(text: &str) -> bool {
    let sample: Vec<char> = text.chars().take(4096).collect();
    if sample.is_empty() {
        return false;
    }
    let controls = sample
        .iter()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
        .count();
    controls * 10 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let s = decode("a.md", "お詫び".as_bytes(), 1000).unwrap();
        assert_eq!(s.encoding, Encoding::Utf8);
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice("お詫び".as_bytes());
        let s = decode("a.md", &b, 1000).unwrap();
        assert_eq!((s.text.as_str(), s.encoding), ("お詫び", Encoding::Utf8Bom));
        assert_eq!(s.original_bytes(), Some(b.clone()));
        let owned = decode_owned("a.md", b, 1000).unwrap();
        assert_eq!(owned.text, "お詫び");
    }

    #[test]
    fn shift_jis_and_euc_jp_are_decoded() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("不正アクセスに関するお詫び");
        let s = decode("a.md", &sjis, 1000).unwrap();
        assert_eq!(s.encoding, Encoding::ShiftJis);
        assert_eq!(s.text, "不正アクセスに関するお詫び");
        let (euc, _, _) = encoding_rs::EUC_JP.encode("漏えい");
        let s = decode("a.md", &euc, 1000).unwrap();
        assert_eq!(s.text, "漏えい");
    }

    #[test]
    fn reading_stops_at_the_limit() {
        let read = |bytes: &[u8], max| read_limited(bytes, max);
        assert_eq!(read(b"abcdef", 6).unwrap(), b"abcdef");
        assert!(matches!(
            read(b"abcdef", 5),
            Err(ReadError::Refused(InputError::TooLarge {
                size: None,
                limit: 5
            }))
        ));
        // An endless stream is refused after limit + 1 bytes.
        assert!(matches!(
            read_limited(std::io::repeat(b'a'), 1000),
            Err(ReadError::Refused(InputError::TooLarge { size: None, .. }))
        ));
        // A file over the limit is refused by its size, unread.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.md");
        std::fs::write(&p, "あ".repeat(100)).unwrap();
        assert!(matches!(
            read_file(&p, 299),
            Err(ReadError::Refused(InputError::TooLarge {
                size: Some(300),
                limit: 299
            }))
        ));
        assert_eq!(read_file(&p, 300).unwrap().len(), 300);
        assert!(matches!(
            read_file(&dir.path().join("missing.md"), 300),
            Err(ReadError::Io(_))
        ));
        std::fs::write(&p, b"\xff\xfe").unwrap();
        assert!(read_settings_file(&p).is_err_and(|e| e.contains("UTF-8")));
        std::fs::write(&p, "a = 1\n").unwrap();
        assert_eq!(read_settings_file(&p).as_deref(), Ok("a = 1\n"));
        let message = ReadError::Refused(InputError::TooLarge {
            size: None,
            limit: 5,
        })
        .to_string();
        assert!(message.contains("上限 5 バイトを超えています"), "{message}");
    }

    #[test]
    fn binary_and_oversized_are_refused() {
        assert_eq!(decode("a", b"ab\0cd", 100).unwrap_err(), InputError::Binary);
        assert_eq!(
            decode("a", b"\x01\x02\x03\x04\x05\x06", 100).unwrap_err(),
            InputError::Binary
        );
        assert!(matches!(
            decode("a", b"abcdef", 3).unwrap_err(),
            InputError::TooLarge { .. }
        ));
        assert_eq!(
            decode("a", b"\xff\xfe\xff\xfe\x80\x80", 100).unwrap_err(),
            InputError::Undecodable
        );
    }
}
