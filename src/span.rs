//! Byte spans into the original source, and the conversion of byte offsets
//! to human line/column positions (done only at the edges: reporters, LSP).

use serde::Serialize;

/// A half-open byte range `[start, end)` into the decoded source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub const fn empty(at: usize) -> Self {
        Self { start: at, end: at }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Clamp to `text` and move both ends back onto char boundaries, so the
    /// span can always be sliced and rendered without panicking.
    pub fn clamp_to(&self, text: &str) -> Span {
        let mut start = self.start.min(text.len());
        let mut end = self.end.min(text.len()).max(start);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        while !text.is_char_boundary(end) {
            end += 1;
        }
        Span::new(start, end)
    }

    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(s: Span) -> Self {
        miette::SourceSpan::new(s.start.into(), s.len())
    }
}

/// A position for humans: 1-based line, 1-based column in characters, and
/// the 0-based UTF-16 column LSP clients want.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub utf16_column: usize,
}

/// Line start offsets of a text, built once per file, plus checkpoints of
/// (byte offset, chars so far, UTF-16 units so far) every
/// 1 KiB (`CHECKPOINT_BYTES`), so a position on a very long line costs at most a
/// checkpoint's worth of counting, not the whole line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    checkpoints: Vec<(usize, usize, usize)>,
}

const CHECKPOINT_BYTES: usize = 1024;

impl LineIndex {
    /// Lines end at `\n`, `\r\n` or a lone `\r`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        let mut checkpoints = vec![(0, 0, 0)];
        let (mut chars, mut units, mut next) = (0, 0, CHECKPOINT_BYTES);
        for (i, c) in text.char_indices() {
            if i >= next {
                checkpoints.push((i, chars, units));
                next = i + CHECKPOINT_BYTES;
            }
            chars += 1;
            units += c.len_utf16();
        }
        Self {
            starts,
            checkpoints,
        }
    }

    /// Characters in `text[..offset]`: SARIF's `charOffset`.
    pub fn char_offset(&self, text: &str, offset: usize) -> usize {
        self.counts_before(text, Span::empty(offset).clamp_to(text).start)
            .0
    }

    /// Characters and UTF-16 units in `text[..offset]` (`offset` on a char
    /// boundary).
    fn counts_before(&self, text: &str, offset: usize) -> (usize, usize) {
        let i = self.checkpoints.partition_point(|c| c.0 <= offset);
        let (at, chars, units) = self
            .checkpoints
            .get(i.saturating_sub(1))
            .copied()
            .unwrap_or((0, 0, 0));
        let rest = text.get(at..offset).unwrap_or("");
        (
            chars + rest.chars().count(),
            units + rest.chars().map(char::len_utf16).sum::<usize>(),
        )
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// 0-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l.saturating_sub(1),
        }
    }

    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = Span::empty(offset).clamp_to(text).start;
        let line = self.line_of(offset);
        let start = self.starts.get(line).copied().unwrap_or(0).min(offset);
        let (line_chars, line_units) = self.counts_before(text, start);
        let (chars, units) = self.counts_before(text, offset);
        Position {
            line: line + 1,
            column: chars - line_chars + 1,
            utf16_column: units - line_units,
        }
    }

    /// Byte offset of a 0-based line and UTF-16 column (for LSP input).
    pub fn offset_of_utf16(&self, text: &str, line: usize, utf16_col: usize) -> usize {
        let Some(start) = self.starts.get(line).copied() else {
            return text.len();
        };
        let end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let mut units = 0;
        for (i, c) in text.get(start..end).unwrap_or("").char_indices() {
            if units >= utf16_col || c == '\n' || c == '\r' {
                return start + i;
            }
            units += c.len_utf16();
        }
        end.min(text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_chars_and_utf16() {
        let text = "一行目\r\n二𠮷目\rx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        let p = idx.position(text, text.find('目').unwrap_or(0));
        assert_eq!((p.line, p.column), (1, 3));
        let off = text.find("目\rx").unwrap_or(0);
        let p = idx.position(text, off);
        assert_eq!((p.line, p.column, p.utf16_column), (2, 3, 3));
        let p = idx.position(text, text.len() - 1);
        assert_eq!((p.line, p.column), (3, 1));
        assert_eq!(idx.offset_of_utf16(text, 1, 3), off);
    }

    #[test]
    fn positions_on_a_long_line_match_a_plain_count() {
        let text = format!(
            "{}\n{}𠮷{}",
            "あ".repeat(3000),
            "い".repeat(2000),
            "x".repeat(5000)
        );
        let idx = LineIndex::new(&text);
        for offset in (0..text.len())
            .step_by(997)
            .filter(|o| text.is_char_boundary(*o))
        {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let prefix = &text[line_start..offset];
            let p = idx.position(&text, offset);
            assert_eq!(p.column, prefix.chars().count() + 1, "at {offset}");
            assert_eq!(
                p.utf16_column,
                prefix.chars().map(char::len_utf16).sum::<usize>()
            );
        }
    }

    #[test]
    fn clamp_moves_to_char_boundaries() {
        let text = "あいう";
        let s = Span::new(1, 4).clamp_to(text);
        assert_eq!(s, Span::new(0, 6));
        assert_eq!(Span::new(2, 100).clamp_to(text).end, 9);
    }
}
