//! Japanese dates for the release checks: finding 2019年7月4日（木）,
//! 令和元年七月四日, ７月４日, 7/4 and times (午前6時, 14:00) in text, era
//! conversion, the proleptic Gregorian calendar (weekdays, day arithmetic)
//! and the release date of a document. No dependency: the calendar is a few
//! lines of integer arithmetic.

use crate::rx::Regex;

use crate::document::Role;
use crate::rules::Ctx;
use crate::sentence::Sentence;
use crate::span::Span;

/// A calendar date mentioned in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateHit {
    /// Range of the whole mention (weekday included) in the text searched.
    pub range: Span,
    /// Year when the mention itself carries one (era converted).
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
    /// The weekday as written: its range (first character only) and 0 = 日 … 6 = 土.
    pub weekday: Option<(Span, u32)>,
}

const NUM: &str = r"[0-9０-９〇一二三四五六七八九十]";

pub(super) fn kanji_date_re() -> &'static Regex {
    static_regex!(&format!(
        r"(?:(?P<era>令和|平成|昭和)\s*(?P<ey>元|{NUM}{{1,3}})\s*年\s*|(?P<y>[0-9０-９]{{4}}|[〇一二三四五六七八九]{{4}})\s*年\s*)?(?P<m>{NUM}{{1,3}})\s*月\s*(?P<d>{NUM}{{1,3}})\s*日(?:\s*[（(]\s*(?P<w>[日月火水木金土])(?:曜日?)?\s*[）)])?"
    ))
}

pub(super) fn slash_date_re() -> &'static Regex {
    static_regex!(
        r"(?:(?P<y>[0-9０-９]{4})\s*[/／.\-－]\s*)?(?P<m>[0-9０-９]{1,2})\s*[/／]\s*(?P<d>[0-9０-９]{1,2})(?:\s*[（(]\s*(?P<w>[日月火水木金土])(?:曜日?)?\s*[）)])?"
    )
}

pub(super) fn iso_date_re() -> &'static Regex {
    static_regex!(
        r"(?P<y>[0-9０-９]{4})\s*[\-－.]\s*(?P<m>[0-9０-９]{1,2})\s*[\-－.]\s*(?P<d>[0-9０-９]{1,2})"
    )
}

/// Clock times: 午前6時, 14時30分, 14:00, 十四時. A bare 一時 is
/// 「一時停止」「一時保存」 (for a while), not one o'clock: it is a time
/// only with 午前/午後 before it or minutes after it (一時半, 一時十分).
pub fn time_re() -> &'static Regex {
    static_regex!(&format!(
        r"正午|(?:午前|午後)\s*{NUM}{{1,3}}\s*時|(?:[0-9０-９]{{1,3}}|[〇二三四五六七八九十]|[〇一二三四五六七八九十]{{2,3}})\s*時\s*(?:{NUM}{{1,3}}\s*分|半)?|一\s*時\s*(?:{NUM}{{1,3}}\s*分|半)|[0-9０-９]{{1,2}}\s*[:：]\s*[0-9０-９]{{2}}"
    ))
}

/// Value of a number written in ASCII, full-width or kanji digits
/// (一九, 二〇一九, 十二, 三十一, 元 = 1).
pub fn parse_num(s: &str) -> Option<u32> {
    let s = s.trim();
    if s == "元" {
        return Some(1);
    }
    if s.is_empty() {
        return None;
    }
    let digit = |c: char| -> Option<u32> {
        match c {
            '0'..='9' => c.to_digit(10),
            '０'..='９' => Some(c as u32 - '０' as u32),
            '〇' | '零' => Some(0),
            '一' => Some(1),
            '二' => Some(2),
            '三' => Some(3),
            '四' => Some(4),
            '五' => Some(5),
            '六' => Some(6),
            '七' => Some(7),
            '八' => Some(8),
            '九' => Some(9),
            _ => None,
        }
    };
    if s.chars().all(|c| digit(c).is_some()) {
        let mut v: u32 = 0;
        for c in s.chars() {
            v = v.checked_mul(10)?.checked_add(digit(c)?)?;
        }
        return Some(v);
    }
    // Kanji with units: 三十一, 千九百, 二千十九.
    let mut total: u32 = 0;
    let mut current: u32 = 0;
    for c in s.chars() {
        let unit = match c {
            '十' => Some(10),
            '百' => Some(100),
            '千' => Some(1000),
            _ => None,
        };
        match unit {
            Some(u) => {
                total =
                    total.checked_add(if current == 0 { 1 } else { current }.checked_mul(u)?)?;
                current = 0;
            }
            None => current = current.checked_mul(10)?.checked_add(digit(c)?)?,
        }
    }
    total.checked_add(current)
}

/// Gregorian year of an era year: 令和元年 = 2019, 平成31年 = 2019.
pub fn era_year(era: &str, n: u32) -> Option<i32> {
    let n = i32::try_from(n).ok()?;
    match era {
        "令和" => Some(2018 + n),
        "平成" => Some(1988 + n),
        "昭和" => Some(1925 + n),
        _ => None,
    }
}

fn weekday_index(c: &str) -> Option<u32> {
    "日月火水木金土"
        .chars()
        .position(|w| c.starts_with(w))
        .and_then(|i| u32::try_from(i).ok())
}

pub fn weekday_char(w: u32) -> char {
    "日月火水木金土".chars().nth(w as usize % 7).unwrap_or('日')
}

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

pub fn valid(y: i32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of [`days_from_civil`].
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    (
        i32::try_from(y).unwrap_or(1970),
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

/// 0 = Sunday … 6 = Saturday.
pub fn weekday(y: i32, m: u32, d: u32) -> u32 {
    // 1970-01-01 was a Thursday (4).
    u32::try_from((days_from_civil(y, m, d) + 4).rem_euclid(7)).unwrap_or(0)
}

/// Format as 2019年7月4日.
pub fn format_ja(y: i32, m: u32, d: u32) -> String {
    format!("{y}年{m}月{d}日（{}）", weekday_char(weekday(y, m, d)))
}

fn hit_from(c: &crate::rx::Captures<'_>, year: Option<i32>) -> Option<DateHit> {
    let whole = c.get(0)?;
    let month = parse_num(c.name("m")?.as_str())?;
    let day = parse_num(c.name("d")?.as_str())?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let weekday = c.name("w").and_then(|w| {
        weekday_index(w.as_str()).map(|i| {
            let start = w.start();
            (
                Span::new(
                    start,
                    start + w.as_str().chars().next().map_or(0, char::len_utf8),
                ),
                i,
            )
        })
    });
    Some(DateHit {
        range: Span::new(whole.start(), whole.end()),
        year,
        month,
        day,
        weekday,
    })
}

fn digit_before(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|s| s.chars().next_back())
        .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

fn digit_after(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '/')
}

/// Does `text` have 月 (a kanji date), - . or － (an ISO-like date), / or ／
/// (a slash date)? One pass over the bytes instead of six searches (a test
/// checks it against `str::contains`).
fn date_marks(text: &str) -> (bool, bool, bool) {
    let (mut kanji, mut iso, mut slash) = (false, false, false);
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'-' | b'.' => iso = true,
            b'/' => slash = true,
            // 月 is E6 9C 88; － and ／ are EF BC 8D and EF BC 8F.
            0xE6 if b.get(i + 1..i + 3) == Some(&[0x9C, 0x88]) => kanji = true,
            0xEF if b.get(i + 1) == Some(&0xBC) => match b.get(i + 2) {
                Some(0x8D) => iso = true,
                Some(0x8F) => slash = true,
                _ => {}
            },
            _ => {}
        }
        i += 1;
    }
    (kanji, iso, slash)
}

/// Every date mentioned in `text`, in order.
pub fn find_dates(text: &str) -> Vec<DateHit> {
    let mut out: Vec<DateHit> = Vec::new();
    // Each pattern needs one of a few characters (月; - or .; /): most
    // sentences lack them, and finding a character is far cheaper than a
    // regex scan with captures.
    let (kanji, iso, slash) = date_marks(text);
    if !(kanji || iso || slash) {
        return out;
    }
    if kanji {
        for c in kanji_date_re().captures_iter(text) {
            let year = match (c.name("era"), c.name("ey"), c.name("y")) {
                (Some(era), Some(ey), _) => {
                    parse_num(ey.as_str()).and_then(|n| era_year(era.as_str(), n))
                }
                (_, _, Some(y)) => parse_num(y.as_str()).and_then(|n| i32::try_from(n).ok()),
                _ => None,
            };
            if let Some(h) = hit_from(&c, year) {
                if !digit_before(text, h.range.start) {
                    out.push(h);
                }
            }
        }
    }
    for (re, may_match) in [(iso_date_re(), iso), (slash_date_re(), slash)] {
        if !may_match {
            continue;
        }
        for c in re.captures_iter(text) {
            let year = c
                .name("y")
                .and_then(|y| parse_num(y.as_str()))
                .and_then(|n| i32::try_from(n).ok());
            let Some(h) = hit_from(&c, year) else {
                continue;
            };
            if digit_before(text, h.range.start)
                || digit_after(text, h.range.end)
                || out.iter().any(|o| o.range.overlaps(h.range))
            {
                continue;
            }
            out.push(h);
        }
    }
    out.sort_by_key(|h| h.range.start);
    out
}

/// The clock times of `text` ([`time_re`]), left to right. Every time has
/// 時, a colon or 正午: a sentence without them is not scanned.
pub fn times(text: &str) -> impl Iterator<Item = crate::rx::Match<'_>> {
    let may =
        text.contains('時') || text.contains(':') || text.contains('：') || text.contains("正午");
    may.then(|| time_re().find_iter(text)).into_iter().flatten()
}

/// A year-month mention without a day (2019年7月, 令和元年7月).
pub fn has_year_month(text: &str) -> Option<Span> {
    if !text.contains('月') {
        return None;
    }
    let r = static_regex!(
        r"(?:令和|平成)\s*(?:元|[0-9０-９〇一二三四五六七八九十]{1,3})\s*年\s*[0-9０-９〇一二三四五六七八九十]{1,3}\s*月|[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月"
    );
    r.find(text).map(|m| Span::new(m.start(), m.end()))
}

/// The date of the release: front matter `date`, else a date line in the
/// header at the top of the document.
pub fn release_date(ctx: &Ctx<'_>) -> Option<(i32, u32, u32)> {
    if let Some(d) = ctx.doc.front_matter.date.as_deref() {
        if let Some(h) = find_dates(d).into_iter().next() {
            if let Some(y) = h.year {
                if valid(y, h.month, h.day) {
                    return Some((y, h.month, h.day));
                }
            }
        }
    }
    release_date_sentence(ctx).and_then(|(_, h)| h.year.map(|y| (y, h.month, h.day)))
}

/// The header sentence that states the release date, with its date.
pub fn release_date_sentence<'a>(ctx: &Ctx<'a>) -> Option<(&'a Sentence, DateHit)> {
    // Several rules ask: the header sentences' dates are found once per file
    // (`Facts::dates`).
    ctx.sentences
        .iter()
        .filter(|s| s.role == Role::Header)
        .find_map(|s| {
            let h = ctx.facts.dates(ctx, s).first()?.clone();
            let y = h.year?;
            // The date line itself, not a sentence that merely contains a date.
            let rest =
                s.text.chars().count() - s.text.get(h.range.start..h.range.end)?.chars().count();
            (valid(y, h.month, h.day) && rest <= 8).then_some((s, h))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_marks_are_the_characters_contained() {
        let chars = [
            '月', '-', '.', '－', '/', '／', 'a', '日', '＿', '\u{FF0D}', 'ｍ', '朋',
        ];
        let mut texts: Vec<String> = vec![String::new()];
        for a in chars {
            texts.push(a.to_string());
            for b in chars {
                texts.push(format!("年{a}x{b}"));
            }
        }
        for t in texts {
            let expected = (
                t.contains('月'),
                t.contains('-') || t.contains('.') || t.contains('－'),
                t.contains('/') || t.contains('／'),
            );
            assert_eq!(date_marks(&t), expected, "{t:?}");
        }
    }

    #[test]
    fn numbers_in_three_scripts() {
        assert_eq!(parse_num("31"), Some(31));
        assert_eq!(parse_num("３１"), Some(31));
        assert_eq!(parse_num("三十一"), Some(31));
        assert_eq!(parse_num("十二"), Some(12));
        assert_eq!(parse_num("二〇一九"), Some(2019));
        assert_eq!(parse_num("元"), Some(1));
        assert_eq!(parse_num("x"), None);
    }

    #[test]
    fn calendar() {
        // 2019-07-01 was a Monday, 2019-07-04 a Thursday, 2024-02-29 a Thursday.
        assert_eq!(weekday(2019, 7, 1), 1);
        assert_eq!(weekday(2019, 7, 4), 4);
        assert_eq!(weekday(2024, 2, 29), 4);
        assert_eq!(weekday(2000, 1, 1), 6);
        let d = days_from_civil(2019, 7, 31);
        assert_eq!(civil_from_days(d + 1), (2019, 8, 1));
        assert_eq!(
            civil_from_days(days_from_civil(2020, 1, 1) - 1),
            (2019, 12, 31)
        );
        assert!(!valid(2019, 2, 29));
        assert!(valid(2020, 2, 29));
    }

    #[test]
    fn finds_dates_in_many_forms() {
        let t = "令和元年7月4日（木）と２０１９年７月１日(月曜日)、七月三十一日、8/1に。";
        let hits = find_dates(t);
        assert_eq!(hits.len(), 4, "{hits:?}");
        assert_eq!(hits[0].year, Some(2019));
        assert_eq!((hits[0].month, hits[0].day), (7, 4));
        assert_eq!(hits[0].weekday.map(|w| w.1), Some(4));
        assert_eq!(hits[1].year, Some(2019));
        assert_eq!(hits[1].weekday.map(|w| w.0.slice(t)), Some("月"));
        assert_eq!((hits[2].month, hits[2].day), (7, 31));
        assert_eq!((hits[3].month, hits[3].day), (8, 1));
        assert_eq!(find_dates("2019-07-04")[0].year, Some(2019));
        // Not dates: fractions inside numbers, phone numbers.
        assert!(find_dates("03-1234-5678").is_empty());
        assert!(find_dates("平成31年4月30日")[0].year == Some(2019));
    }

    #[test]
    fn clock_times() {
        for t in [
            "午前6時",
            "14:00",
            "14時30分",
            "十四時",
            "十時",
            "午前一時",
            "一時半",
        ] {
            assert!(time_re().is_match(t), "{t}");
            assert_eq!(times(t).next().map(|m| m.as_str()), Some(t), "{t}");
        }
        for t in ["サービスを一時停止しました", "一時保存の対象", "一時的に"]
        {
            assert!(!time_re().is_match(t), "{t}");
            assert!(times(t).next().is_none(), "{t}");
        }
    }
}
