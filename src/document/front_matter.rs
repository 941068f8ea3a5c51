//! Front matter: YAML (`---`) or TOML (`+++`) at the very top of a draft.
//! Only the flat keys koho uses are read (`title`, `date`, `issuer`,
//! `kind`); anything else is ignored, and malformed front matter is treated
//! as absent rather than failing the lint.

use crate::span::Span;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
    pub issuer: Option<String>,
    pub kind: Option<String>,
    /// Source range of the whole front matter block, delimiters included.
    pub span: Option<Span>,
    /// Source range of each value read, for evidence.
    pub spans: Vec<(String, Span)>,
}

impl FrontMatter {
    pub fn value_span(&self, key: &str) -> Option<Span> {
        self.spans.iter().find(|(k, _)| k == key).map(|(_, s)| *s)
    }
}

/// Returns the front matter and the byte offset where the Markdown body
/// starts (0 when there is none).
pub fn parse(src: &str) -> (FrontMatter, usize) {
    let delim = if src.starts_with("---") {
        "---"
    } else if src.starts_with("+++") {
        "+++"
    } else {
        return (FrontMatter::default(), 0);
    };
    let first_nl = match src.find('\n') {
        Some(i) if src[..i].trim_end() == delim => i + 1,
        _ => return (FrontMatter::default(), 0),
    };
    let mut pos = first_nl;
    let mut fm = FrontMatter::default();
    for line in src[first_nl..].split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let trimmed = line.trim_end_matches(['\n', '\r']);
        if trimmed.trim_end() == delim {
            fm.span = Some(Span::new(0, pos));
            return (fm, pos);
        }
        let sep = if delim == "---" { ':' } else { '=' };
        let Some((key, value)) = trimmed.split_once(sep) else {
            continue;
        };
        let key = key.trim();
        let raw = value.trim();
        let value = raw.trim_matches(|c| c == '"' || c == '\'').trim();
        if value.is_empty() {
            continue;
        }
        let value_start = start + trimmed.len()
            - value.len()
            - (trimmed.len() - trimmed.trim_end().len())
            - (raw.len() - raw.trim_end_matches(['"', '\'']).len());
        let span = Span::new(value_start, value_start + value.len());
        let slot = match key {
            "title" => &mut fm.title,
            "date" => &mut fm.date,
            "issuer" | "company" => &mut fm.issuer,
            "kind" => &mut fm.kind,
            _ => continue,
        };
        *slot = Some(value.to_owned());
        fm.spans.push((key.to_owned(), span));
    }
    // No closing delimiter: not front matter after all.
    (FrontMatter::default(), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_toml_front_matter() {
        let src = "---\ntitle: \"不正アクセスに関するお詫び\"\ndate: 2019-07-04\nissuer: 株式会社セブン・ペイ\n---\n本文";
        let (fm, start) = parse(src);
        assert_eq!(fm.title.as_deref(), Some("不正アクセスに関するお詫び"));
        assert_eq!(fm.date.as_deref(), Some("2019-07-04"));
        assert_eq!(&src[start..], "本文");
        let s = fm.value_span("issuer").unwrap();
        assert_eq!(s.slice(src), "株式会社セブン・ペイ");
        let s = fm.value_span("title").unwrap();
        assert_eq!(s.slice(src), "不正アクセスに関するお詫び");

        let src = "+++\nkind = \"incident\"\n+++\n本文";
        let (fm, start) = parse(src);
        assert_eq!(fm.kind.as_deref(), Some("incident"));
        assert_eq!(&src[start..], "本文");
    }

    #[test]
    fn unclosed_front_matter_is_body() {
        let (fm, start) = parse("---\ntitle: x\n本文");
        assert_eq!((fm, start), (FrontMatter::default(), 0));
    }
}
