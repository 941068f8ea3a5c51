//! [`Text`]: an immutable string that can be a slice of a shared buffer.
//! A block's plain text and the text of each of its sentences share one
//! buffer, so a document holds its plain text once, not twice (on a 50 MB
//! file that is 50 MB of peak memory). When a block's plain text is the
//! source text itself (prose without markup, the bulk of a release), it is
//! a slice of the source's buffer and holds no copy at all.

use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

/// The owner of a text's bytes: its own `String`, or a shared owner such
/// as the decoded source file (see [`Text::shared`]). Behind a thin `Arc`:
/// a huge file has hundreds of thousands of texts (blocks, sentences).
enum Owner {
    Own(String),
    Shared(Arc<dyn AsRef<str> + Send + Sync>),
}

impl Owner {
    fn as_str(&self) -> &str {
        match self {
            Owner::Own(s) => s,
            Owner::Shared(o) => (**o).as_ref(),
        }
    }
}

type Buf = Arc<Owner>;

/// Reads like a `&str` (`t.find(..)`, `&t[..]`, `t == "…"`, `t.as_str()`);
/// cloning it or taking a [`Text::slice`] copies no bytes. Use
/// `.to_string()` for an owned `String`.
#[derive(Clone)]
pub struct Text {
    buf: Buf,
    /// Byte range in `buf`, as `u32` like token offsets (see
    /// `token::offset`): a huge file has hundreds of thousands of texts, and
    /// a text of 4 GiB is refused as input (`input::HARD_MAX_BYTES`; were one
    /// built anyway, its offsets would saturate and it would read as empty
    /// rather than wrong).
    start: u32,
    end: u32,
}

fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

impl Default for Text {
    fn default() -> Self {
        static EMPTY: OnceLock<Buf> = OnceLock::new();
        Text {
            buf: EMPTY
                .get_or_init(|| Arc::new(Owner::Own(String::new())))
                .clone(),
            start: 0,
            end: 0,
        }
    }
}

impl Text {
    /// All of `owner`'s text, sharing it (no copy).
    pub fn shared<T: AsRef<str> + Send + Sync + 'static>(owner: Arc<T>) -> Text {
        let end = offset((*owner).as_ref().len());
        Text {
            buf: Arc::new(Owner::Shared(owner)),
            start: 0,
            end,
        }
    }

    pub fn as_str(&self) -> &str {
        // Built only by `From`/`shared` (whole buffer) and `slice`
        // (checked) over immutable owners, so the range is always on char
        // boundaries within `buf`.
        self.buf
            .as_str()
            .get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }

    /// `range` of this text as a `Text` sharing the same buffer; empty when
    /// the range is out of bounds or not on char boundaries.
    pub fn slice(&self, range: crate::span::Span) -> Text {
        match self.as_str().get(range.start..range.end) {
            Some(_) => Text {
                buf: self.buf.clone(),
                start: offset(self.start as usize + range.start),
                end: offset(self.start as usize + range.end),
            },
            None => Text::default(),
        }
    }

    /// Where this text starts in `outer`, when it is a slice of it (see
    /// [`Text::slice`]).
    pub fn offset_in(&self, outer: &Text) -> Option<usize> {
        (Arc::ptr_eq(&self.buf, &outer.buf) && outer.start <= self.start && self.end <= outer.end)
            .then(|| (self.start - outer.start) as usize)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        let end = offset(s.len());
        Text {
            buf: Arc::new(Owner::Own(s)),
            start: 0,
            end,
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::from(s.to_owned())
    }
}

impl From<&Text> for String {
    fn from(t: &Text) -> Self {
        t.as_str().to_owned()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

/// An immutable shared string: a token field, a finding's rule id or help. Cloning it is a reference
/// count increment, not a copy; it dereferences to `str` and compares
/// with `str`, `&str` and `String` in both directions.
///
/// A thin pointer (8 bytes) rather than `Arc<str>` (16): token features hold
/// nine of them, and a per-thread cache holds features of every word seen.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sym(Arc<String>);

impl Sym {
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl serde::Serialize for Sym {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.as_str())
    }
}

impl From<&str> for Sym {
    fn from(s: &str) -> Self {
        Sym(Arc::new(s.to_owned()))
    }
}

impl From<String> for Sym {
    fn from(s: String) -> Self {
        Sym(Arc::new(s))
    }
}

impl From<Sym> for String {
    fn from(s: Sym) -> Self {
        Arc::try_unwrap(s.0).unwrap_or_else(|shared| shared.as_str().to_owned())
    }
}

impl From<&Sym> for String {
    fn from(s: &Sym) -> Self {
        s.0.to_string()
    }
}

/// What makes `Text` and `Sym` read like a `&str`, through their
/// `as_str`: `Deref<Target = str>`, `AsRef<str>`, `Borrow<str>`, `Debug`,
/// `Display`, and `==` with `str`, `&str` and `String` both ways.
macro_rules! str_like {
    ($t:ty) => {
        impl Deref for $t {
            type Target = str;
            fn deref(&self) -> &str {
                self.as_str()
            }
        }
        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl std::borrow::Borrow<str> for $t {
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }
        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(self.as_str(), f)
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        str_like!(@eq $t, str);
        str_like!(@eq $t, &str);
        str_like!(@eq $t, String);
    };
    (@eq $t:ty, $other:ty) => {
        impl PartialEq<$other> for $t {
            fn eq(&self, other: &$other) -> bool {
                self.as_str() == AsRef::<str>::as_ref(other)
            }
        }
        impl PartialEq<$t> for $other {
            fn eq(&self, other: &$t) -> bool {
                AsRef::<str>::as_ref(self) == other.as_str()
            }
        }
    };
}
str_like!(Text);
str_like!(Sym);

impl<'a> FromIterator<&'a Sym> for String {
    fn from_iter<I: IntoIterator<Item = &'a Sym>>(iter: I) -> String {
        let mut s = String::new();
        s.extend(iter);
        s
    }
}

impl<'a> Extend<&'a Sym> for String {
    fn extend<I: IntoIterator<Item = &'a Sym>>(&mut self, iter: I) {
        for x in iter {
            self.push_str(x);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    #[test]
    fn slices_share_the_buffer_and_read_like_str() {
        let block = Text::from("被害を確認しました。調査中です。".to_owned());
        let s = block.slice(Span::new(30, 48));
        assert_eq!(s, "調査中です。");
        assert_eq!("調査中です。", s);
        assert_eq!(s.as_str(), "調査中です。");
        assert_eq!(s.find("です"), Some(9));
        assert_eq!(&s[..3], "調");
        assert_eq!(format!("{s}/{s:?}"), "調査中です。/\"調査中です。\"");
        assert!(Arc::ptr_eq(&block.buf, &s.buf));
        assert_eq!(s.as_ptr(), block[30..].as_ptr());
        // Off a char boundary: empty, never a panic.
        assert_eq!(block.slice(Span::new(1, 4)), "");
        assert_eq!(s.slice(Span::new(3, 9)), "査中");
        assert_eq!(Text::default(), "");
        // One thin pointer and a range: sentences and blocks each hold one.
        assert!(std::mem::size_of::<Text>() <= 24);
    }

    #[test]
    fn shared_text_slices_its_owner_without_a_copy() {
        let owner = Arc::new(crate::input::Source::new(
            "a.md",
            "# 見出し\n\n本文です。\n",
        ));
        let whole = Text::shared(owner.clone());
        assert_eq!(whole, owner.text);
        let body = whole.slice(Span::new(13, 28));
        assert_eq!(body, "本文です。");
        assert_eq!(body.as_ptr(), owner.text[13..].as_ptr());
    }

    #[test]
    fn sym_reads_like_a_str() {
        let s = Sym::from("名詞");
        // Each comparison direction the rules use must compile and hold.
        let owned = String::from("名詞");
        assert_eq!(s, "名詞");
        assert_eq!("名詞", s);
        assert_eq!(s, *"名詞");
        assert_eq!(s, owned);
        assert_eq!(owned, s);
        assert_eq!(s.as_str(), "名詞");
        assert!(s.starts_with('名'));
        assert_eq!(format!("{s}/{s:?}"), "名詞/\"名詞\"");
        let parts = [Sym::from("被害"), Sym::from("を")];
        assert_eq!(parts.iter().collect::<String>(), "被害を");
        let mut acc = String::new();
        acc.extend(&parts);
        assert_eq!(acc, "被害を");
        // `String + &String` still coerces: Sym adds no `Add` impl to String.
        assert_eq!(String::from("a") + &String::from("b"), "ab");
        let owned: String = parts[0].clone().into();
        assert_eq!(owned, "被害");
    }
}
