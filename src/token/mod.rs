//! Japanese tokenization. The only module that knows lindera (0.28 with the
//! embedded IPADIC, the last line that builds offline); an upgrade touches
//! this module alone. Segmentation runs on koho's own lattice
//! (`lattice.rs`), which searches lindera's dictionary data exactly as
//! lindera does (the tests compare every word with lindera's `tokenize`);
//! after an upgrade that changes the dictionary's layout, calling
//! lindera's `tokenize` in `Tokenizer::segment` is the fallback.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use lindera_core::mode::Mode;
use lindera_core::word_entry::WordId;
use lindera_dictionary::{DictionaryConfig, DictionaryKind, UserDictionaryConfig};
use lindera_tokenizer::tokenizer::Tokenizer as Lindera;

use crate::span::Span;
pub use crate::text::Sym;

mod lattice;

/// One morpheme. Offsets are relative to the text that was tokenized; the
/// sentence layer shifts them to source bytes.
///
/// A token is its range plus a shared pointer to the word's [`Features`];
/// it dereferences to them, so rules read `t.surface`, `t.pos[0]`,
/// `t.base` as fields. A dictionary word's features are decoded once per
/// thread and shared by every occurrence: a 50 MB file has ten million
/// tokens, and their size bounds its peak RSS. Hence 16 bytes: `u32`
/// offsets (a tokenized text is a sentence, far below 4 GiB; see
/// `offset`) and one pointer.
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    features: Arc<Features>,
    start: u32,
    end: u32,
}

/// What the dictionary says about a word. The string fields are [`Sym`]s:
/// shared strings that read like `&str` (`t.pos[0] == "名詞"`,
/// `t.surface.as_str()`, `&*t.base`). Use `.to_string()` for an owned
/// `String`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Features {
    pub surface: Sym,
    /// 品詞, 品詞細分類1–3 (IPADIC). Unknown words: `["未知語", "*", "*", "*"]`.
    pub pos: [Sym; 4],
    /// 活用型 and 活用形 (`*` when not inflecting).
    pub conj_type: Sym,
    pub conj_form: Sym,
    /// 原形 (base form); the surface for unknown words.
    pub base: Sym,
    /// 読み in katakana; empty for unknown words.
    pub reading: Sym,
}

impl std::ops::Deref for Token {
    type Target = Features;
    fn deref(&self) -> &Features {
        &self.features
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("surface", &self.surface)
            .field("range", &self.range())
            .field("pos", &self.pos)
            .field("conj_type", &self.conj_type)
            .field("conj_form", &self.conj_form)
            .field("base", &self.base)
            .field("reading", &self.reading)
            .finish()
    }
}

/// A byte offset as stored in a [`Token`]. Texts of 4 GiB and more are
/// far beyond the input size limit; their offsets saturate rather than wrap.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

impl Token {
    fn new(range: Span, features: Arc<Features>) -> Self {
        Token {
            features,
            start: offset(range.start),
            end: offset(range.end),
        }
    }

    /// Offsets in the tokenized text.
    pub fn range(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

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
/// Cheap to share across threads; tokenizers without a user dictionary
/// share one process-wide lindera instance (the dictionary is loaded once
/// and never copied).
pub struct Tokenizer {
    inner: Arc<Lindera>,
    /// Whether `inner` has a user dictionary: its word ids are not cached
    /// in the process-wide table, which belongs to IPADIC alone.
    has_user_dictionary: bool,
}

fn load_system_dictionary() -> Result<lindera_core::dictionary::Dictionary, TokenizerError> {
    lindera_dictionary::load_dictionary_from_config(DictionaryConfig {
        kind: Some(DictionaryKind::IPADIC),
        path: None,
    })
    .map_err(|e| TokenizerError::Dictionary(e.to_string()))
}

/// The lindera instance with IPADIC only, built on first use.
fn shared_lindera() -> Result<Arc<Lindera>, TokenizerError> {
    static SHARED: OnceLock<Result<Arc<Lindera>, String>> = OnceLock::new();
    SHARED
        .get_or_init(|| {
            load_system_dictionary()
                .map(|d| Arc::new(Lindera::new(d, None, Mode::Normal)))
                .map_err(|e| e.to_string())
        })
        .clone()
        .map_err(TokenizerError::Dictionary)
}

/// A dictionary word's features, decoded once per thread and word id
/// (decoding allocates a `Vec<String>` in lindera for every token).
struct Cached {
    features: Arc<Features>,
    /// IPADIC has `*` for the base form: it is the surface.
    base_is_surface: bool,
}

impl Cached {
    fn from_details(surface: &str, d: &[&str]) -> Option<Self> {
        if d.len() < 7 {
            return None;
        }
        let surface = Sym::from(surface);
        let base_is_surface = d[6] == "*";
        Some(Cached {
            features: Arc::new(Features {
                pos: [d[0].into(), d[1].into(), d[2].into(), d[3].into()],
                conj_type: d[4].into(),
                conj_form: d[5].into(),
                base: if base_is_surface {
                    surface.clone()
                } else {
                    d[6].into()
                },
                reading: d.get(7).map(|s| Sym::from(*s)).unwrap_or_default(),
                surface,
            }),
            base_is_surface,
        })
    }

    fn token(&self, surface: &str, range: Span) -> Token {
        if surface == self.features.surface {
            return Token::new(range, self.features.clone());
        }
        // A word id always has the same surface in IPADIC; stay correct
        // if lindera ever hands another one.
        let surface = Sym::from(surface);
        let f = &self.features;
        Token::new(
            range,
            Arc::new(Features {
                pos: f.pos.clone(),
                conj_type: f.conj_type.clone(),
                conj_form: f.conj_form.clone(),
                base: if self.base_is_surface {
                    surface.clone()
                } else {
                    f.base.clone()
                },
                reading: f.reading.clone(),
                surface,
            }),
        )
    }
}

/// Word id → features of IPADIC words seen by this thread. Bounded by the
/// dictionary's size; word ids are dense, so a trivial hasher does.
type FeatureCache = HashMap<u32, Option<Cached>, BuildHasherDefault<IdHasher>>;

/// Surface → features of unknown words seen by this thread, so repeated
/// unknown words (numbers, names, Latin words) share one allocation too.
/// Unlike the dictionary, the set of unknown words is open: the cache is
/// emptied when it reaches [`UNKNOWN_CACHE_LIMIT`] entries (tokens keep
/// their features alive on their own).
type UnknownCache = HashMap<Box<str>, Arc<Features>>;

const UNKNOWN_CACHE_LIMIT: usize = 1 << 16;

thread_local! {
    static SYSTEM_FEATURES: RefCell<FeatureCache> = RefCell::new(FeatureCache::default());
    static UNKNOWN_FEATURES: RefCell<UnknownCache> = RefCell::new(UnknownCache::default());
}

/// Empty this thread's word caches and free its lattices.
fn clear_caches() {
    SYSTEM_FEATURES.with(|c| *c.borrow_mut() = FeatureCache::default());
    UNKNOWN_FEATURES.with(|c| *c.borrow_mut() = UnknownCache::default());
    LATTICE.with(|l| *l.borrow_mut() = lattice::Lattice::default());
}

/// Empty the word caches of this thread and, soon after (without waiting
/// for them), of every thread of rayon's pool. A huge file fills them with
/// tens of thousands of words (15 MB on a 50 MB file) that its rules, run
/// after its last window is tokenized, no longer need.
pub fn release_caches() {
    rayon::spawn_broadcast(|_| clear_caches());
    clear_caches();
}

#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8 | u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Start loading the embedded dictionary on another thread, so that the
/// caller's own start-up work (compiling the rule registry) overlaps it.
/// The first [`Tokenizer::new`] then waits only for what is left.
pub fn preload_in_background() {
    std::thread::spawn(|| {
        let _ = shared_lindera();
    });
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
        let Some(p) = path else {
            return Ok(Self {
                inner: shared_lindera()?,
                has_user_dictionary: false,
            });
        };
        let user_dictionary = load_user_dictionary(p)?;
        let dictionary = load_system_dictionary()?;
        Ok(Self {
            inner: Arc::new(Lindera::new(
                dictionary,
                Some(user_dictionary),
                Mode::Normal,
            )),
            has_user_dictionary: true,
        })
    }

    /// Tokenize `text`. Never fails: every byte of any text belongs to a
    /// token (a dictionary word or an unknown word).
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        if text.len() <= MAX_RUN {
            let mut out = Vec::new();
            self.tokenize_into(text, 0, &mut out);
            return out;
        }
        let mut out = Vec::with_capacity(text.len() / 4);
        for (at, run) in runs(text) {
            self.tokenize_into(run, at, &mut out);
        }
        out
    }

    fn tokenize_into(&self, text: &str, offset: usize, out: &mut Vec<Token>) {
        let lindera = &*self.inner;
        let dict = &lindera.dictionary;
        let user = lindera.user_dictionary.as_ref();
        let path = self.segment(text);
        // One reservation for the whole text: tokens are most of a huge
        // file's memory, and growing piece by piece leaves slack.
        out.reserve(path.len());
        SYSTEM_FEATURES.with_borrow_mut(|cache| {
            for (i, &(start, word_id)) in path.iter().enumerate() {
                let end = path.get(i + 1).map_or(text.len(), |next| next.0);
                let Some(surface) = text.get(start..end) else {
                    continue;
                };
                let range = Span::new(offset + start, offset + end);
                let details = || {
                    lindera_tokenizer::token::Token::new(
                        surface, start, end, i, word_id, dict, user,
                    )
                    .get_details()
                    .and_then(|d| Cached::from_details(surface, &d))
                };
                let token = if word_id.is_unknown() {
                    None
                } else if word_id.is_system() {
                    cache
                        .entry(word_id.0)
                        .or_insert_with(details)
                        .as_ref()
                        .map(|f| f.token(surface, range))
                } else if self.has_user_dictionary {
                    details().map(|f| f.token(surface, range))
                } else {
                    None
                };
                out.push(token.unwrap_or_else(|| unknown(surface, range)));
            }
        });
    }

    /// The words of `text` as lindera segments it: (byte start, word id)
    /// per word, in order; a word ends where the next one starts. Same
    /// cuts as `lindera_tokenizer::Tokenizer::tokenize` and the same
    /// lattice search ([`lattice`]), on a lattice reused from call to call.
    fn segment(&self, text: &str) -> Vec<(usize, WordId)> {
        let lindera = &*self.inner;
        let dict = lattice::Dict {
            system: &lindera.dictionary,
            user: lindera.user_dictionary.as_ref().map(|u| &u.dict),
        };
        let mut path = Vec::new();
        LATTICE.with_borrow_mut(|lattice| {
            let mut at = 0;
            // lindera's own cut: each piece is a lattice of its own.
            for piece in text.split_inclusive(LINDERA_CUTS) {
                lattice.segment(&dict, piece, at, &mut path);
                at += piece.len();
            }
        });
        path
    }
}

/// Where lindera cuts a text into the pieces it builds one lattice for
/// (`lindera_tokenizer::Tokenizer::tokenize`); koho cuts at the same
/// characters so that its tokens are lindera's.
const LINDERA_CUTS: &[char] = &['。', '、', '\n', '\t'];

thread_local! {
    /// This thread's lattice: its buffers grow to the longest piece seen
    /// (at most [`MAX_RUN`] bytes) and are reused.
    static LATTICE: RefCell<lattice::Lattice> = RefCell::new(lattice::Lattice::default());
}

impl Tokenizer {
    /// Benchmark baseline: tokenize `text` with lindera's own API, without
    /// koho's word caches, and return the number of tokens. With `details`,
    /// each token's features are also decoded the way lindera offers them
    /// (`Token::get_details`, a `Vec` of strings per token): what a linter
    /// built on bare lindera pays to learn each word's POS. Not used by
    /// the lint; `benches/lint.rs` compares koho with it.
    #[doc(hidden)]
    pub fn bare_lindera(&self, text: &str, details: bool) -> usize {
        let mut count = 0;
        for (_, run) in runs(text) {
            if let Ok(mut tokens) = self.inner.tokenize(run) {
                count += tokens.len();
                if details {
                    for t in &mut tokens {
                        count += usize::from(t.get_details().is_some());
                    }
                }
            }
        }
        count
    }
}

/// The longest text searched as one lattice. Lindera cuts its input
/// after 。、 line breaks and tabs; a longer run without any of them is cut
/// here, because path costs are `i32` (lindera's overflow, a panic in
/// debug builds, on runs of about 100k characters) and a lattice grows
/// with the run. Cuts after lindera's own cut characters change nothing.
const MAX_RUN: usize = 4096;

/// The pieces `text` is handed to lindera in (see [`MAX_RUN`]), each with
/// its byte offset in `text`.
fn runs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = text.get(at..).filter(|r| !r.is_empty())?;
        let run = &rest[..run_end(rest)];
        let start = at;
        at += run.len();
        Some((start, run))
    })
}

/// Length of the next piece of `rest` to tokenize: all of it when short,
/// else up to the last lindera cut character within `MAX_RUN` bytes, else
/// after the last space or closing bracket, else at a char boundary.
fn run_end(rest: &str) -> usize {
    if rest.len() <= MAX_RUN {
        return rest.len();
    }
    let mut limit = MAX_RUN;
    while !rest.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &rest[..limit];
    let after = |pred: fn(char) -> bool| {
        window
            .char_indices()
            .rev()
            .find(|&(_, c)| pred(c))
            .map(|(i, c)| i + c.len_utf8())
    };
    after(|c| matches!(c, '。' | '、' | '\n' | '\t'))
        .or_else(|| after(|c| c.is_whitespace() || matches!(c, '」' | '』' | '）' | ')')))
        .filter(|&i| i > 0)
        .unwrap_or(limit.max(rest.chars().next().map_or(1, char::len_utf8)))
}

fn unknown(surface: &str, range: Span) -> Token {
    let features = UNKNOWN_FEATURES.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(f) = cache.get(surface) {
            return f.clone();
        }
        if cache.len() >= UNKNOWN_CACHE_LIMIT {
            cache.clear();
        }
        let f = Arc::new(unknown_features(surface));
        cache.insert(surface.into(), f.clone());
        f
    });
    Token::new(range, features)
}

fn unknown_features(surface: &str) -> Features {
    thread_local! {
        static UNKNOWN: (Sym, Sym) = (Sym::from("未知語"), Sym::from("*"));
    }
    let surface = Sym::from(surface);
    let (unk, star) = UNKNOWN.with(|(u, s)| (u.clone(), s.clone()));
    Features {
        base: surface.clone(),
        surface,
        pos: [unk, star.clone(), star.clone(), star.clone()],
        conj_type: star.clone(),
        conj_form: star,
        reading: Sym::default(),
    }
}

fn load_user_dictionary(
    path: &Path,
) -> Result<lindera_core::dictionary::UserDictionary, TokenizerError> {
    let err = |reason: String| TokenizerError::UserDictionary {
        path: path.display().to_string(),
        reason,
    };
    let text = crate::input::read_settings_file(path).map_err(err)?;
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
        assert_eq!(higai.range(), Span::new(0, 6));
        let itashi = toks.iter().find(|t| t.surface == "いたし").unwrap();
        assert_eq!(itashi.base, "いたす");
        assert_eq!(itashi.pos[0], "動詞");
    }

    #[test]
    fn the_bare_lindera_baseline_tokenizes_what_koho_tokenizes() {
        let t = Tokenizer::new().unwrap();
        let long = "被害を確認しました".repeat(MAX_RUN / 9 + 50);
        for text in [
            "被害を確認いたしました。お問い合わせは0120-000-000まで。",
            "ＡＢＣ株式会社（東京都）",
            "",
            long.as_str(),
        ] {
            let tokens = t.tokenize(text).len();
            assert_eq!(t.bare_lindera(text, false), tokens, "{text:.20}");
            // Every token has details (unknown words too), counted once more.
            assert_eq!(t.bare_lindera(text, true), 2 * tokens, "{text:.20}");
        }
    }

    /// lindera's own words for `text`: (byte start, word id) each.
    fn lindera_words(t: &Tokenizer, text: &str) -> Vec<(usize, u32)> {
        t.inner
            .tokenize(text)
            .unwrap()
            .iter()
            .map(|w| (w.byte_start, w.word_id.0))
            .collect()
    }

    fn koho_words(t: &Tokenizer, text: &str) -> Vec<(usize, u32)> {
        t.segment(text).iter().map(|&(at, id)| (at, id.0)).collect()
    }

    #[test]
    fn reused_lattices_give_lindera_words_whatever_came_before() {
        // The thread's lattice keeps what a longer piece left in it:
        // pieces of many lengths, longest first and then shorter, in one
        // thread; with and without a user dictionary (searched first).
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("user.csv");
        std::fs::write(
            &p,
            "株式会社テスト,カスタム名詞,カブシキガイシャテスト\nｶﾀｶﾅ,カスタム名詞,カタカナ\n",
        )
        .unwrap();
        let unit = "東京都の株式会社テストは2025年4月1日ＡＢＣabc😀ｶﾀｶﾅ";
        for t in [
            Tokenizer::new().unwrap(),
            Tokenizer::with_user_dictionary(Some(&p)).unwrap(),
        ] {
            for n in [40, 20, 9, 5, 3, 2, 1, 0, 1, 7, 13, 40] {
                let piece = unit.repeat(n);
                for text in [piece.clone(), format!("{piece}、被害を確認しました。\n")] {
                    assert_eq!(koho_words(&t, &text), lindera_words(&t, &text), "{n}");
                }
            }
            // Cases the proptest below once shrank to: a tab is a cut, and
            // of equally cheap paths the first found wins.
            for text in ["\t\t", "0ま\t"] {
                assert_eq!(koho_words(&t, text), lindera_words(&t, text), "{text:?}");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        #[test]
        fn segments_like_lindera(text in "[東京都被害確認のはをがしたまア-ンｱ-ﾝa-zA-Z0-9０-９ 、。\n\t「」（）😀-]{0,400}") {
            let t = Tokenizer::new().unwrap();
            proptest::prop_assert_eq!(koho_words(&t, &text), lindera_words(&t, &text));
        }
    }

    #[test]
    fn released_caches_are_empty_and_refill_the_same() {
        let cached = || {
            let known = SYSTEM_FEATURES.with(|c| c.borrow().len());
            let unknown = UNKNOWN_FEATURES.with(|c| c.borrow().len());
            (known, unknown)
        };
        let t = Tokenizer::new().unwrap();
        let text = "ＸＹＺ社の被害は808人です。";
        let before = t.tokenize(text);
        let (known, unknown) = cached();
        assert!(known > 0 && unknown > 0, "{known} {unknown}");
        release_caches();
        assert_eq!(cached(), (0, 0));
        assert_eq!(t.tokenize(text), before);
    }

    #[test]
    fn cached_features_equal_lindera_details() {
        // Repeated words come from the per-thread cache: they must be the
        // tokens a direct decode of lindera's details gives.
        let text = "被害を確認いたしました。被害を確認いたしました。ＡＢＣ社の𠮷田が〜発表";
        let t = Tokenizer::new().unwrap();
        let first = t.tokenize(text);
        assert_eq!(first, t.tokenize(text));
        let raw = t.inner.tokenize(text).unwrap();
        assert_eq!(raw.len(), first.len());
        for (mut r, ours) in raw.into_iter().zip(&first) {
            assert_eq!(ours.surface, r.text);
            assert_eq!(ours.range(), Span::new(r.byte_start, r.byte_end));
            let d: Vec<String> = r
                .get_details()
                .unwrap()
                .iter()
                .map(|s| s.to_string())
                .collect();
            if d.len() < 7 {
                assert_eq!(ours.pos[0], "未知語");
                continue;
            }
            assert_eq!(
                ours.pos,
                [d[0].clone(), d[1].clone(), d[2].clone(), d[3].clone()]
            );
            assert_eq!(ours.conj_type, d[4]);
            assert_eq!(ours.conj_form, d[5]);
            let base = if d[6] == "*" { r.text } else { d[6].as_str() };
            assert_eq!(ours.base, base);
            assert_eq!(ours.reading, d.get(7).cloned().unwrap_or_default());
        }
    }

    #[test]
    fn preloading_races_safely_with_first_use() {
        preload_in_background();
        preload_in_background();
        let t = Tokenizer::new().unwrap();
        assert_eq!(t.tokenize("被害")[0].pos[0], "名詞");
        assert!(Arc::ptr_eq(&t.inner, &Tokenizer::new().unwrap().inner));
    }

    #[test]
    fn token_stays_small() {
        // Two u32 offsets and one shared pointer: memory per token bounds
        // the peak RSS on huge files.
        assert!(std::mem::size_of::<Token>() <= 16);
    }

    #[test]
    fn long_text_is_cut_only_where_lindera_cuts() {
        let t = Tokenizer::new().unwrap();
        let text = "被害を確認いたしました、調査を進めます。\n".repeat(500);
        assert!(text.len() > 4 * MAX_RUN);
        let mut whole = Vec::new();
        t.tokenize_into(&text, 0, &mut whole);
        assert_eq!(t.tokenize(&text), whole);
    }

    #[test]
    fn huge_runs_without_punctuation_are_tokenized_in_pieces() {
        // One lattice over this run overflows lindera's i32 path costs.
        let t = Tokenizer::new().unwrap();
        for text in [
            "あ".repeat(120_000),
            "ab c".repeat(30_000),
            "𠮷".repeat(5000),
        ] {
            let toks = t.tokenize(&text);
            let mut at = 0;
            for tok in &toks {
                assert_eq!(tok.range().start, at);
                assert_eq!(tok.surface, &text[tok.range().start..tok.range().end]);
                at = tok.range().end;
            }
            assert_eq!(at, text.len());
        }
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
