//! `ja.arabic-kanji-numbers`: kanji numerals where Arabic digits are the
//! rule (counts with a counter: 三件 → 3件) and Arabic digits inside idioms
//! that are written in kanji (1般 → 一般), after the JTF style guide 2.2.2
//! that textlint-rule-arabic-kanji-numbers follows.
//!
//! Approximate numbers (数十人, 二、三日, 四五人), idioms built on 一
//! (一度, 一日も早く, 一人ひとり) and 十分 are left alone.

use super::ja_common::{finding, with_fix_if_exact};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, FixAvailability, Rule, RuleMeta};
use crate::span::Span;
use crate::token::Token;

pub struct ArabicKanjiNumbers {
    meta: RuleMeta,
}

const ID: &str = "ja.arabic-kanji-numbers";
const KANJI_DIGITS: &str = "〇一二三四五六七八九十百千万億兆";
/// Counters after which a lone 一 is plainly a count, not an idiom.
/// Counters that make a word with the numeral, not a count: 二重,
/// 十分, 一方, 二次被害, 三角, 一流.
const IDIOM_COUNTERS: [&str; 14] = [
    "重", "分", "方", "面", "角", "様", "流", "次", "極", "元", "段", "端", "辺", "通り",
];
const COUNTS_FOR_ONE: [&str; 12] = [
    "件", "個", "台", "名", "円", "社", "店", "枚", "歳", "才", "割", "点",
];
/// Idioms written with 一 that a slip of the IME turns into 1.
const ONE_BEFORE: [&str; 15] = [
    "般",
    "時的",
    "旦",
    "応",
    "律",
    "緒",
    "斉",
    "層",
    "切",
    "貫",
    "致",
    "覧",
    "環",
    "生懸命",
    "石二鳥",
];
const ONE_AFTER: [&str; 6] = ["唯", "統", "同", "均", "万", "随"];

impl ArabicKanjiNumbers {
    pub fn new() -> Self {
        let mut m = RuleMeta::builtin(ID, Severity::Warning);
        m.summary = "算用数字と漢数字の使い分けが不適切です".into();
        m.message = "「{from}」は「{to}」と書いてください。".into();
        m.help = "数えられる数量は算用数字（3件、10人）、熟語や慣用表現は漢数字（一般、一旦）で書いてください。".into();
        m.why =
            "数量を漢数字で書くと読み取りにくく、熟語を算用数字で書くと変換ミスに見えます。".into();
        m.how = "漢数字の後に助数詞（件・人・台など）が続く数量と、「1般」「統1」のように算用数字が入った熟語を探します。".into();
        m.exceptions = "概数（数十人、十数件、二、三日、四五人）、「一度」「一日も早く」「一人ひとり」など一を使う慣用表現、「十分」「二重」「二次被害」「一方」のような熟語、「3万人」の「万」のような位の漢字は報告しません。".into();
        m.fix = FixAvailability::Suggestion;
        m.bad = vec![
            "不正アクセスの被害は三件確認されています。".into(),
            "1般のお客様向けの窓口を設けました。".into(),
        ];
        m.good = vec![
            "不正アクセスの被害は3件確認されています。".into(),
            "一日も早い復旧に向けて十分な体制を整えます。".into(),
            "数十人の社員が対応にあたっています。".into(),
            "約3万人のお客様に二重に請求していました。".into(),
        ];
        ArabicKanjiNumbers { meta: m }
    }
}

impl Default for ArabicKanjiNumbers {
    fn default() -> Self {
        Self::new()
    }
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
            '十' => 10,
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

impl ArabicKanjiNumbers {
    fn kanji_counts(&self, tokens: &[Token]) -> Vec<(Span, String, String)> {
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
                p.surface.chars().all(|c| {
                    c.is_ascii_digit() || ('０'..='９').contains(&c) || c == ',' || c == '.'
                })
            });
            let units_only = run.chars().all(|c| "万億兆".contains(c));
            let idiom = IDIOM_COUNTERS.contains(&counter.surface.as_str())
                || after_digits
                || units_only
                || (run == "一" && !ordinal && !COUNTS_FOR_ONE.contains(&counter.surface.as_str()))
                || (run == "二"
                    && counter.surface == "度"
                    && next.is_some_and(|t| t.surface == "と"));
            if approx || idiom {
                continue;
            }
            let (Some(a), Some(b)) = (tokens.get(start), tokens.get(i - 1)) else {
                continue;
            };
            let Some(value) = kanji_value(&run) else {
                continue;
            };
            out.push((
                Span::new(a.range.start, b.range.end),
                run.clone(),
                value.to_string(),
            ));
        }
        out
    }
}

/// 「1」 written inside an idiom that takes 一.
fn arabic_idioms(text: &str) -> Vec<(Span, String, String)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c != '1' && c != '１' {
            continue;
        }
        let is_num = |j: Option<&(usize, char)>| {
            j.is_some_and(|(_, d)| {
                d.is_ascii_digit() || ('０'..='９').contains(d) || *d == '.' || *d == ','
            })
        };
        if (k > 0 && is_num(chars.get(k - 1))) || is_num(chars.get(k + 1)) {
            continue;
        }
        let end = i + c.len_utf8();
        let after = text.get(end..).unwrap_or("");
        let before = text.get(..i).unwrap_or("");
        if ONE_BEFORE.iter().any(|w| after.starts_with(w))
            || ONE_AFTER.iter().any(|w| before.ends_with(w))
        {
            out.push((Span::new(i, end), c.to_string(), "一".to_owned()));
        }
    }
    out
}

impl Rule for ArabicKanjiNumbers {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for s in ctx.prose() {
            let mut found = self.kanji_counts(&s.tokens);
            found.extend(arabic_idioms(&s.text));
            for (range, from, to) in found {
                let shown = |w: &str| {
                    // Show the counter too, so the message reads as a word.
                    let tail: String = s
                        .text
                        .get(range.end..)
                        .unwrap_or("")
                        .chars()
                        .take(1)
                        .collect();
                    format!("{w}{tail}")
                };
                let msg = self
                    .meta
                    .message
                    .replace("{from}", &shown(&from))
                    .replace("{to}", &shown(&to));
                let d = finding(ctx, ID, s, range, msg, &self.meta.help);
                out.push(with_fix_if_exact(ctx, d, &from, &to, false));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn idioms_with_arabic_one() {
        let found = arabic_idioms("1般と統1と1時的");
        assert_eq!(found.len(), 3);
        assert!(arabic_idioms("11般").is_empty());
        assert!(arabic_idioms("1時に").is_empty());
    }
}
