//! Contact channels in text: Japanese phone numbers (with their digits
//! normalized), e-mail addresses, URLs and web forms. Shared by
//! `release.missing-hotline` and `release.phone-invalid`.

use crate::rx::Regex;

use crate::span::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    pub range: Span,
    /// Digits only, domestic form (+81 3… becomes 03…).
    pub digits: String,
    /// Written with separators (03-1234-5678, (03)1234-5678).
    pub separated: bool,
    /// Digits of the first group when separated (03 in 03-1234-5678).
    pub first_group: Option<String>,
}

pub(super) fn phone_re() -> &'static Regex {
    static_regex!(
        r"(?:\+81[\-‐－ ]?(?:\(0\))?|[(（]?[0０])[0-9０-９]{1,4}(?:[)）][ 　]?)?(?:[\-‐－―−ー]?[0-9０-９]{2,4}){1,3}"
    )
}

/// Words that say a number is a phone number.
pub fn phone_word_re() -> &'static Regex {
    static_regex!(
        r"(?i)TEL|電話|ダイヤル|フリーコール|℡|☎|FAX|ファックス|ファクス|携帯|コールセンター"
    )
}

fn to_ascii_digits(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_digit(c as u32 - '０' as u32, 10),
            _ => None,
        })
        .collect()
}

/// Phone-number-like sequences in `text`.
pub fn phones(text: &str) -> Vec<Phone> {
    let mut out = Vec::new();
    // Every number the pattern takes starts with +81 or has a zero (0 or
    // ０): most sentences have neither, and substring searches are cheaper
    // than the regex.
    if !(text.contains('0') || text.contains('０') || text.contains("+81")) {
        return out;
    }
    for m in phone_re().find_iter(text) {
        let before = text.get(..m.start()).and_then(|s| s.chars().next_back());
        let after = text.get(m.end()..).and_then(|s| s.chars().next());
        let is_digitish = |c: char| {
            c.is_ascii_alphanumeric() || ('０'..='９').contains(&c) || c == '.' || c == '/'
        };
        let hyphen = |c: char| matches!(c, '-' | '‐' | '－' | '―' | '−');
        // A bracketed area code is delimited by its bracket (TEL(03)…).
        let bracketed = m.as_str().starts_with(['(', '（']);
        if before.is_some_and(|c| (is_digitish(c) && !bracketed) || hyphen(c))
            || after.is_some_and(|c| is_digitish(c) && c != '.')
        {
            continue;
        }
        let raw = m.as_str();
        let mut digits = to_ascii_digits(raw);
        if raw.starts_with("+81") {
            digits = digits.get(2..).unwrap_or("").to_owned();
            if !digits.starts_with('0') {
                digits.insert(0, '0');
            }
        }
        let separated = raw.chars().any(|c| {
            matches!(
                c,
                '-' | '‐' | '－' | '―' | '−' | 'ー' | '(' | ')' | '（' | '）'
            )
        });
        let first_group = separated
            .then(|| {
                let body = raw.trim_start_matches(['(', '（']);
                let end = body
                    .find(|c: char| !(c.is_ascii_digit() || ('０'..='９').contains(&c)))
                    .unwrap_or(body.len());
                to_ascii_digits(body.get(..end).unwrap_or(""))
            })
            .filter(|g| !raw.starts_with("+81") && !g.is_empty());
        out.push(Phone {
            range: Span::new(m.start(), m.end()),
            digits,
            separated,
            first_group,
        });
    }
    out
}

/// A problem with a phone number under the Japanese numbering plan.
/// `first_group` is the written first group (03 of 03-0000-0000): a
/// three-digit prefix such as 030 is only impossible when written as one.
pub fn phone_problem(digits: &str, first_group: Option<&str>) -> Option<String> {
    let written = |p: &str| first_group.is_none_or(|g| g == p);
    let n = digits.len();
    let expect = |len: usize, what: &str| -> Option<String> {
        (n != len).then(|| format!("{what}は{len}桁ですが、{n}桁あります"))
    };
    if digits.starts_with("0120") {
        expect(10, "0120 のフリーダイヤル")
    } else if digits.starts_with("0800") {
        expect(11, "0800 のフリーダイヤル")
    } else if digits.starts_with("0570") {
        expect(10, "0570 のナビダイヤル")
    } else if digits.starts_with("0990") || digits.starts_with("0180") || digits.starts_with("0170")
    {
        expect(10, "この番号")
    } else if digits.starts_with("050") {
        expect(11, "050 の IP 電話番号")
    } else if ["070", "080", "090"].iter().any(|p| digits.starts_with(p)) {
        expect(11, "携帯電話の番号")
    } else if (digits.starts_with("020") && written("020"))
        || (digits.starts_with("060") && written("060"))
    {
        expect(11, "この番号")
    } else if digits.starts_with("00") || digits.starts_with("010") {
        Some(format!(
            "「{}」で始まる番号は国内の電話番号ではありません",
            digits.get(..3).unwrap_or(digits)
        ))
    } else if first_group.is_some_and(|g| g == "030" || g == "040") {
        Some(format!(
            "「{}」で始まる電話番号は割り当てられていません",
            digits.get(..3).unwrap_or(digits)
        ))
    } else if digits.starts_with('0') {
        expect(10, "固定電話の番号（市外局番から）")
    } else {
        Some("国内の電話番号は 0 で始まります".into())
    }
}

pub fn email_re() -> &'static Regex {
    static_regex!(r"[A-Za-z0-9._%+\-]+[@＠][A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
}

pub fn url_re() -> &'static Regex {
    static_regex!(
        prefiltered r"https?://[^\s）)」、。<>]+|www\.[A-Za-z0-9\-]+\.[^\s）)」、。<>]+|(?:お問い?合わ?せ|問合せ|専用|ウェブ|WEB|Web|受付|相談)フォーム|チャット(?:窓口|サポート)|LINE\s*(?:公式)?\s*アカウント|「[^」]{0,10}(?:お問い?合わ?せ|問合せ|サポート|ヘルプ)[^」]{0,10}」(?:画面|ページ|メニュー|ボタン)?(?:から|より)"
    )
}

/// The first contact channel (phone, mail, URL, form) in a text.
pub fn first_channel(text: &str) -> Option<Span> {
    let phone = phones(text)
        .into_iter()
        .find(|p| p.digits.len() >= 9)
        .map(|p| p.range);
    // Every address has an at sign; a scan for it is cheaper than the
    // regex, which has no literal to look for first. (Two substring
    // searches: a `[char]` pattern would decode every character.)
    let at_sign = text.contains('@') || text.contains('＠');
    let mail = at_sign
        .then(|| email_re().find(text))
        .flatten()
        .map(|m| Span::new(m.start(), m.end()));
    let url = url_re().find(text).map(|m| Span::new(m.start(), m.end()));
    // 「【電話】32-1247」: a city's local number, without its area code,
    // right after a phone label.
    // (Substring tests first: this runs on every sentence without a number.)
    let labelled = || {
        text.contains("電話")
            || text.contains('℡')
            || text.contains('☎')
            || text
                .as_bytes()
                .windows(3)
                .any(|w| w.eq_ignore_ascii_case(b"tel"))
    };
    let local = (phone.is_none() && labelled())
        .then(|| {
            static_regex!(
                prefiltered r"(?i)(?:TEL|電話|℡|☎)(?:番号)?[\s　]*[】\]）)]?[\s　]*[：:]?[\s　]*(?P<n>[0-9０-９]{1,4}[\-‐－―−ー][0-9０-９]{4})(?:[^0-9０-９\-‐－―−ー]|$)"
            )
            .captures(text)
        })
        .flatten()
        .and_then(|c| c.name("n"))
        .map(|m| Span::new(m.start(), m.end()));
    [phone, mail, url, local]
        .into_iter()
        .flatten()
        .min_by_key(|s| s.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(t: &str) -> Vec<String> {
        phones(t).into_iter().map(|p| p.digits).collect()
    }

    #[test]
    fn finds_phone_numbers() {
        assert_eq!(digits("TEL：03-1234-5678（平日）"), vec!["0312345678"]);
        assert_eq!(digits("０１２０－１２３－４５６"), vec!["0120123456"]);
        assert_eq!(digits("(03)1234-5678"), vec!["0312345678"]);
        assert_eq!(digits("TEL (03) 1234-5678"), vec!["0312345678"]);
        assert_eq!(digits("TEL（03）　1234-5678"), vec!["0312345678"]);
        assert_eq!(digits("+81-3-1234-5678"), vec!["0312345678"]);
        assert!(digits("2019-07-04").is_empty());
        assert!(digits("〒100-0001").is_empty());
        assert!(digits("受付時間 9:00〜17:00").is_empty());
    }

    #[test]
    fn a_local_number_after_a_phone_label_is_a_channel() {
        for text in ["【電話】32-1247", "電話：32-1247（平日）", "TEL 123-4567"] {
            assert!(first_channel(text).is_some(), "{text}");
        }
        // A count or a date range is not a number to call.
        for text in [
            "電話での問い合わせは32件",
            "電話受付は12-2025まで",
            "32-1247",
        ] {
            assert!(first_channel(text).is_none(), "{text}");
        }
    }

    #[test]
    fn an_app_menu_item_is_a_channel() {
        for text in [
            "ゲーム内メニュー「サポート」＞「お問い合わせ」よりご連絡ください。",
            "アプリの「お問い合わせ」画面からお送りください。",
            "当社サイトの「よくあるご質問・お問い合わせ」ページより",
        ] {
            assert!(first_channel(text).is_some(), "{text}");
        }
        // Naming the topic of inquiries is not a way to reach anyone.
        assert!(first_channel("「お問い合わせ」が多く寄せられています。").is_none());
    }

    #[test]
    fn a_line_account_is_a_channel() {
        for text in [
            "LINE公式アカウント「サンプル サポート」（ID：@sample_support）",
            "LINE 公式アカウント：「サンプルランド」",
        ] {
            assert!(first_channel(text).is_some(), "{text}");
        }
        assert!(first_channel("LINEでのお問い合わせは受け付けておりません。").is_none());
    }

    #[test]
    fn numbering_plan() {
        assert_eq!(phone_problem("0120123456", None), None);
        assert_eq!(phone_problem("08001234567", None), None);
        assert_eq!(phone_problem("0570123456", None), None);
        assert_eq!(phone_problem("09012345678", None), None);
        assert_eq!(phone_problem("0312345678", None), None);
        assert!(phone_problem("01201234567", None).is_some());
        assert!(phone_problem("0901234567", None).is_some());
        assert!(phone_problem("031234567", None).is_some());
        assert!(phone_problem("0101234567", None).is_some());
        assert!(phone_problem("0401234567", Some("040")).is_some());
        // 03-0000-0000 is a Tokyo number (a common placeholder), not 030.
        assert_eq!(phone_problem("0300000000", Some("03")), None);
        assert_eq!(phone_problem("0660001234", Some("06")), None);
        assert_eq!(phone_problem("0600001234", Some("06")), None);
        assert!(phone_problem("0600001234", Some("060")).is_some());
        let p = phones("TEL：03-0000-0000");
        assert_eq!(p[0].first_group.as_deref(), Some("03"));
    }
}
