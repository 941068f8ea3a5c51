//! `ja.arabic-kanji-numbers`: 算用数字と漢数字の使い分け after the JTF
//! style guide 2.2.2, the rule the ja-technical-writing preset uses. As in
//! textlint, kanji numerals before 万億兆, つ, 回, か月, 番目, 進法, 次元 and
//! in 第…章／第…節 should be Arabic (三つ → 3つ), and a fixed list of
//! idioms should be kanji (1時的 → 一時的, 第3者 → 第三者, 数10倍 → 数十倍),
//! plus IME slips such as 1般 and 統1.
//!
//! koho departs from textlint for precision: the numeral must start a word
//! (同一回線 and 統一つ are not 一回 and 一つ), approximations are left
//! alone (数十回, 二、三回, 二三か月), and so are 一つ一つ and 一回り. With
//! `counters = true`, kanji numerals before any counter (三件, 十五人) are
//! reported too, skipping idioms such as 十分, 二重 and 一日も早く.

use std::sync::OnceLock;

use regex::RegexSet;

use super::ja_common::{cap, finding, opt, with_fix_if_exact};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::lazy_regex::LazyRegex;
use crate::rules::{Ctx, FixAvailability, Reach, Rule, RuleMeta};
use crate::sentence::Sentence;
use crate::span::Span;
use crate::token::Token;

pub struct ArabicKanjiNumbers {
    meta: RuleMeta,
}

const ID: &str = "ja.arabic-kanji-numbers";
const KANJI_DIGITS: &str = "〇一二三四五六七八九十百千万億兆壱弐参拾";
/// The numeral class of the JTF patterns.
const K: &str = "[一二三四五六七八九十壱弐参拾百〇]+";
/// The characters of `K` (a test keeps them the same).
const K_CHARS: [char; 16] = [
    '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '壱', '弐', '参', '拾', '百', '〇',
];
/// Counters that make a word with the numeral, not a count: 二重,
/// 十分, 一方, 二次被害, 三角, 一流.
const IDIOM_COUNTERS: [&str; 14] = [
    "重", "分", "方", "面", "角", "様", "流", "次", "極", "元", "段", "端", "辺", "通り",
];
/// Counters after which a lone 一 is plainly a count, not an idiom.
const COUNTS_FOR_ONE: [&str; 12] = [
    "件", "個", "台", "名", "円", "社", "店", "枚", "歳", "才", "割", "点",
];

/// One finding: the numeral's range, the numeral and its replacement, and
/// the whole matched word before and after, for the message.
struct Found {
    range: Span,
    from: String,
    to: String,
    word: String,
    fixed_word: String,
}

/// Patterns run on every prose sentence, with a [`RegexSet`] of the same
/// regexes: one pass over the sentence tells which of them can match, and
/// only those are run for their captures (most sentences match none). The
/// regexes themselves compile the first time the set says they match: a
/// release usually needs none of them, and compiling all of them was a
/// noticeable part of linting one file.
struct Patterns<T> {
    set: RegexSet,
    items: Vec<T>,
}

impl<T> Patterns<T> {
    fn new(items: Vec<T>, pattern: impl Fn(&T) -> &str) -> Self {
        let set = RegexSet::new(items.iter().map(pattern)).unwrap_or_else(|_| RegexSet::empty());
        Patterns { set, items }
    }

    /// The patterns that match somewhere in `text`, in order.
    fn matching<'a>(&'a self, text: &str) -> impl Iterator<Item = &'a T> + 'a {
        let hits = self.set.matches(text);
        // An empty set (it failed to build, which static patterns never do)
        // filters nothing.
        let all = self.set.is_empty();
        self.items
            .iter()
            .enumerate()
            .filter(move |(i, _)| all || hits.matched(*i))
            .map(|(_, p)| p)
    }
}

/// Kanji numeral (group 1) that should be Arabic.
fn kanji_patterns() -> &'static Patterns<LazyRegex> {
    static P: OnceLock<Patterns<LazyRegex>> = OnceLock::new();
    P.get_or_init(|| {
        let res = [
            format!("({K})[兆億万]"),
            format!("({K})つ"),
            format!("({K})回"),
            format!("({K})か月"),
            format!("({K})番目"),
            format!("({K})進法"),
            format!("({K})次元"),
            format!("第({K})章"),
            format!("第({K})節"),
        ]
        .iter()
        .map(|p| LazyRegex::lazy(p))
        .collect();
        Patterns::new(res, |r| r.as_str())
    })
}

/// Arabic digits (group 1) inside a word written in kanji.
struct ArabicPattern {
    re: LazyRegex,
    /// The character before the match must not be a digit or one of these.
    not_before: &'static str,
    /// The character after the match must not be a digit or one of these.
    not_after: &'static str,
}

fn arabic_patterns() -> &'static Patterns<ArabicPattern> {
    static P: OnceLock<Patterns<ArabicPattern>> = OnceLock::new();
    P.get_or_init(|| {
        let table: [(&str, &str, &str); 14] = [
            // The JTF list, as textlint has it.
            ("世界(1)", "", ""),
            ("(1)時的", "", ""),
            ("(1)部分", "", ""),
            ("第(3)者", "", ""),
            ("(1)種", "", "類"),
            ("(1)部の", "第", ""),
            ("(1)番に", "第", ""),
            ("数([0-9]+)倍", "", ""),
            ("数([0-9]+)[兆億万]", "", ""),
            ("数([0-9]+)年", "", ""),
            ("([0-9]+)次関数", "", ""),
            ("(5)大陸", "", ""),
            // IME slips in idioms that only exist with 一.
            (
                "(1)(?:般|旦|応|律|緒|斉|層|切|貫|致|覧|環|生懸命|石二鳥)",
                "",
                "",
            ),
            ("(?:唯|統|同|均|随|万)(1)", "", "千百十"),
        ];
        let items = table
            .iter()
            .map(|(re, not_before, not_after)| ArabicPattern {
                re: LazyRegex::lazy(re),
                not_before,
                not_after,
            })
            .collect();
        Patterns::new(items, |p| p.re.as_str())
    })
}

impl ArabicKanjiNumbers {
    pub fn new() -> Self {
        let mut m = RuleMeta::builtin(ID, Severity::Warning);
        m.summary = "算用数字と漢数字の使い分けが不適切です".into();
        m.message = "「{from}」は「{to}」と書いてください。".into();
        m.help = "数えられる数量は算用数字（3つ、2回、5か月）、慣用表現や熟語は漢数字（一時的、第三者、数十倍）で書いてください。".into();
        m.why =
            "数量を漢数字で書くと読み取りにくく、熟語を算用数字で書くと変換ミスに見えます。".into();
        m.how = "JTF 日本語標準スタイルガイド 2.2.2 に沿って、漢数字の後に「つ」「回」「か月」「番目」「万・億・兆」などが続く数量と、「1時的」「第3者」「数10倍」「1般」のように算用数字が入った熟語を探します。".into();
        m.exceptions = "語の途中の漢数字（同一回線、統一）、概数（数十回、二、三回、二三か月）、「一つ一つ」「一回り」は報告しません。counters = true のときも「十分」「二重」「一日も早く」などの熟語や「3万人」の「万」は報告しません。".into();
        m.fix = FixAvailability::Suggestion;
        m.bad = vec![
            "新機能を三つ追加し、説明会を二回開催します。".into(),
            "1時的にサービスを停止し、第3者による調査を行います。".into(),
        ];
        m.good = vec![
            "新機能を3つ追加し、説明会を2回開催します。".into(),
            "同一回線の契約者に、数十回に分けて通知しました。".into(),
            "一時的にサービスを停止し、第三者による調査を行います。".into(),
        ];
        m.options = vec![opt(
            "counters",
            "false",
            "true にすると、助数詞の前の漢数字（三件、十五人など）も報告します。",
        )];
        ArabicKanjiNumbers { meta: m }
    }
}

impl Default for ArabicKanjiNumbers {
    fn default() -> Self {
        Self::new()
    }
}

/// The JTF kanji → Arabic patterns, on word boundaries only.
fn kanji_to_arabic(s: &Sentence, tokens: &[Token]) -> Vec<Found> {
    let text = &s.text;
    // Every pattern needs a numeral of `K`: most sentences have none, and
    // a scan for one is cheaper than the pattern set.
    if !text.contains(K_CHARS) {
        return Vec::new();
    }
    // Both ends on token boundaries: 同一回線 is 同|一|回線, not 一回.
    let starts_word = |at: usize| tokens.iter().any(|t| t.range().start == at);
    let ends_word = |at: usize| tokens.iter().any(|t| t.range().end == at);
    let mut out = Vec::new();
    for re in kanji_patterns().matching(text) {
        for caps in re.captures_iter(text) {
            let (Some(all), Some(num)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let before = text[..num.start()].chars().last();
            let after = &text[all.end()..];
            let approx = before.is_some_and(|c| c == '数' || c == '何')
                || (before == Some('、')
                    && text[..num.start()]
                        .chars()
                        .rev()
                        .nth(1)
                        .is_some_and(|c| KANJI_DIGITS.contains(c)))
                || approximate(num.as_str());
            let idiom = all.as_str() == "一つ"
                && (after.starts_with("一つ") || after.starts_with("ひとつ"));
            if approx || idiom || !starts_word(num.start()) || !ends_word(all.end()) {
                continue;
            }
            let Some(value) = kanji_value(num.as_str()) else {
                continue;
            };
            let to = value.to_string();
            out.push(Found {
                range: Span::new(num.start(), num.end()),
                from: num.as_str().to_owned(),
                word: all.as_str().to_owned(),
                fixed_word: all.as_str().replacen(num.as_str(), &to, 1),
                to,
            });
        }
    }
    out
}

fn arabic_to_kanji(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    // Every pattern needs an ASCII digit.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    for p in arabic_patterns().matching(text) {
        for caps in p.re.captures_iter(text) {
            let (Some(all), Some(num)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let before = text[..all.start()].chars().last();
            let after = text[all.end()..].chars().next();
            if before.is_some_and(|c| is_digit(c) || p.not_before.contains(c))
                || after.is_some_and(|c| is_digit(c) || p.not_after.contains(c))
            {
                continue;
            }
            let Some(to) = num.as_str().parse::<u64>().ok().and_then(kanji_of) else {
                continue;
            };
            out.push(Found {
                range: Span::new(num.start(), num.end()),
                from: num.as_str().to_owned(),
                word: all.as_str().to_owned(),
                fixed_word: all.as_str().replacen(num.as_str(), &to, 1),
                to,
            });
        }
    }
    out
}

/// 10 → 十, 300 → 三百, 1200 → 千二百, 30000 → 三万.
pub fn kanji_of(n: u64) -> Option<String> {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    const SMALL: [&str; 4] = ["", "十", "百", "千"];
    const BIG: [&str; 4] = ["", "万", "億", "兆"];
    if n == 0 {
        return Some("〇".into());
    }
    if n >= 10_000_u64.pow(4) {
        return None;
    }
    let mut out = String::new();
    for (b, big) in BIG.iter().enumerate().rev() {
        let section = (n / 10_000_u64.pow(b as u32)) % 10_000;
        if section == 0 {
            continue;
        }
        for (k, small) in SMALL.iter().enumerate().rev() {
            let d = (section / 10_u64.pow(k as u32)) % 10;
            if d == 0 {
                continue;
            }
            if !(d == 1 && k > 0) {
                out.push_str(DIGITS[d as usize]);
            }
            out.push_str(small);
        }
        out.push_str(big);
    }
    Some(out)
}

fn is_kanji_number(t: &Token) -> bool {
    t.pos_starts_with(&["名詞", "数"])
        && !t.surface.is_empty()
        && t.surface.chars().all(|c| KANJI_DIGITS.contains(c))
}

fn digit(c: char) -> Option<u64> {
    "〇一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u64)
}

/// Value of a kanji numeral, positional (二〇二五) or with 十百千万億兆.
pub fn kanji_value(s: &str) -> Option<u64> {
    if s.contains('〇') || (s.chars().count() > 1 && s.chars().all(|c| digit(c).is_some())) {
        return s
            .chars()
            .try_fold(0u64, |acc, c| acc.checked_mul(10)?.checked_add(digit(c)?));
    }
    let (mut total, mut section, mut cur) = (0u64, 0u64, None::<u64>);
    // Units must descend (二千三百, 三億五千万): 百千 or 万万 is no number.
    let (mut last_big, mut last_small) = (u64::MAX, u64::MAX);
    for c in s.chars() {
        if let Some(d) = digit(c) {
            if cur.is_some() {
                return None;
            }
            cur = Some(d);
            continue;
        }
        let unit = match c {
            '十' | '拾' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            '億' => 100_000_000,
            '兆' => 1_000_000_000_000,
            _ => return None,
        };
        if unit >= 10_000 {
            if unit >= last_big {
                return None;
            }
            (last_big, last_small) = (unit, u64::MAX);
            section = section.checked_add(cur.take().unwrap_or(0))?;
            total = total.checked_add(section.max(1).checked_mul(unit)?)?;
            section = 0;
        } else {
            if unit >= last_small {
                return None;
            }
            last_small = unit;
            section = section.checked_add(cur.take().unwrap_or(1) * unit)?;
        }
    }
    total.checked_add(section)?.checked_add(cur.unwrap_or(0))
}

/// 四五人 / 二三日: two plain digits side by side are an approximation.
fn approximate(run: &str) -> bool {
    let cs: Vec<char> = run.chars().collect();
    !run.contains('〇')
        && cs
            .windows(2)
            .any(|w| digit(w[0]).is_some_and(|d| d > 0) && digit(w[1]).is_some_and(|d| d > 0))
}

/// With `counters`: a kanji numeral token run before any 助数詞.
fn kanji_counts(tokens: &[Token]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !is_kanji_number(&tokens[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while tokens.get(i).is_some_and(is_kanji_number) {
            i += 1;
        }
        let run: String = tokens[start..i]
            .iter()
            .map(|t| t.surface.as_str())
            .collect();
        let Some(counter) = tokens
            .get(i)
            .filter(|t| t.pos_starts_with(&["名詞", "接尾", "助数詞"]))
        else {
            continue;
        };
        let prev = start.checked_sub(1).and_then(|k| tokens.get(k));
        let prev2 = start.checked_sub(2).and_then(|k| tokens.get(k));
        let next = tokens.get(i + 1);
        let ordinal = prev.is_some_and(|p| p.surface == "第");
        let approx = prev
            .is_some_and(|p| matches!(p.surface.as_str(), "数" | "何" | "幾" | "十数"))
            || (prev.is_some_and(|p| p.surface == "、") && prev2.is_some_and(is_kanji_number))
            || tokens.get(i + 1).is_some_and(|t| {
                t.surface == "、" && tokens.get(i + 2).is_some_and(is_kanji_number)
            })
            || approximate(&run);
        // 3万人: the digits are Arabic already; 万 is a unit.
        let after_digits = prev.is_some_and(|p| {
            p.surface
                .chars()
                .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || c == ',' || c == '.')
        });
        let units_only = run.chars().all(|c| "万億兆".contains(c));
        let idiom = IDIOM_COUNTERS.contains(&counter.surface.as_str())
            || after_digits
            || units_only
            || (run == "一" && !ordinal && !COUNTS_FOR_ONE.contains(&counter.surface.as_str()))
            || (run == "二" && counter.surface == "度" && next.is_some_and(|t| t.surface == "と"));
        if approx || idiom {
            continue;
        }
        let (Some(a), Some(b)) = (tokens.get(start), tokens.get(i - 1)) else {
            continue;
        };
        let Some(value) = kanji_value(&run) else {
            continue;
        };
        let to = value.to_string();
        out.push(Found {
            range: Span::new(a.range().start, b.range().end),
            word: format!("{run}{}", counter.surface),
            fixed_word: format!("{to}{}", counter.surface),
            from: run,
            to,
        });
    }
    out
}

impl Rule for ArabicKanjiNumbers {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Block
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let counters = ctx.options.bool("counters", false);
        for s in ctx.prose() {
            let start = out.len();
            let mut found = kanji_to_arabic(s, ctx.tokens(s));
            found.extend(arabic_to_kanji(&s.text));
            if counters {
                let extra: Vec<Found> = kanji_counts(ctx.tokens(s))
                    .into_iter()
                    .filter(|f| !found.iter().any(|g| g.range.overlaps(f.range)))
                    .collect();
                found.extend(extra);
            }
            found.sort_by_key(|f| f.range.start);
            found.dedup_by_key(|f| f.range);
            for f in found {
                let msg = self
                    .meta
                    .message
                    .replace("{from}", &f.word)
                    .replace("{to}", &f.fixed_word);
                let d = finding(ctx, ID, s, f.range, msg, &self.meta.help);
                out.push(with_fix_if_exact(ctx, d, &f.from, &f.to, false));
            }
            cap(out, start);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lazy_patterns_compile_and_the_sets_are_built() {
        use crate::rules::lazy_regex::compile;
        let kanji = kanji_patterns();
        let arabic = arabic_patterns();
        assert_eq!(kanji.set.len(), kanji.items.len());
        assert_eq!(arabic.set.len(), arabic.items.len());
        for re in kanji.items.iter().chain(arabic.items.iter().map(|p| &p.re)) {
            assert!(compile(re.as_str()).is_ok(), "{}", re.as_str());
        }
    }

    #[test]
    fn the_numeral_prefilter_has_the_characters_of_k() {
        assert_eq!(K, format!("[{}]+", K_CHARS.iter().collect::<String>()));
    }

    #[test]
    fn kanji_numerals_have_values() {
        assert_eq!(kanji_value("三"), Some(3));
        assert_eq!(kanji_value("十五"), Some(15));
        assert_eq!(kanji_value("二百三十"), Some(230));
        assert_eq!(kanji_value("一万二千"), Some(12000));
        assert_eq!(kanji_value("二〇二五"), Some(2025));
        assert_eq!(kanji_value("三億五千万"), Some(350_000_000));
        assert_eq!(kanji_value(&"兆".repeat(10_000)), None);
        assert_eq!(kanji_value(&"九".repeat(40)), None);
        assert_eq!(kanji_value("百十"), Some(110));
        assert_eq!(kanji_value("十百"), None);
    }

    #[test]
    fn arabic_digits_in_idioms() {
        let words: Vec<String> = arabic_to_kanji("1般と統1と1時的と数10倍と第3者")
            .into_iter()
            .map(|f| f.fixed_word)
            .collect();
        assert_eq!(words, vec!["一時的", "第三者", "数十倍", "一般", "統一"]);
        assert!(arabic_to_kanji("11般").is_empty());
        assert!(arabic_to_kanji("1時に").is_empty());
        assert!(arabic_to_kanji("1種類と第1部の").is_empty());
    }

    #[test]
    fn numbers_to_kanji() {
        assert_eq!(kanji_of(1).as_deref(), Some("一"));
        assert_eq!(kanji_of(10).as_deref(), Some("十"));
        assert_eq!(kanji_of(1200).as_deref(), Some("千二百"));
        assert_eq!(kanji_of(30_005).as_deref(), Some("三万五"));
        assert_eq!(kanji_of(100_000_000).as_deref(), Some("一億"));
    }
}
