//! `ja.max-kanji-run`: too many kanji in a row (textlint-rule-max-kanji-
//! continuous-len, max 6 as in the ja-technical-writing preset). Unlike
//! textlint, a run made only of proper nouns and their suffixes
//! (東京都千代田区, a company name in the dictionary) is not reported:
//! releases must name places and organisations exactly; nor is a law, an
//! address or a facility by its name (個人情報保護法, 〇〇区立葉一丁目,
//! 〇〇市〇〇保健所), nor a term quoted whole (「容量拠出金反映額」), and a
//! number's counter (2018年度) does not open a run.

use super::ja_common::{cap, finding, is_kanji, opt};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, Reach, Rule, RuleMeta};
use crate::span::Span;

pub struct MaxKanjiRun {
    meta: RuleMeta,
}

const ID: &str = "ja.max-kanji-run";
/// Job titles and regulators every release names; they are fixed terms,
/// not a style choice, and must be written exactly.
const FIXED_NAMES: [&str; 17] = [
    "代表取締役社長",
    "代表取締役会長",
    "代表取締役副社長",
    "代表取締役社長執行役員",
    "代表執行役社長",
    "代表執行役会長",
    "取締役副社長",
    "取締役専務執行役員",
    "個人情報保護委員会",
    "公正取引委員会",
    "証券取引等監視委員会",
    "東京証券取引所",
    "独立行政法人情報処理推進機構",
    "独立行政法人国民生活センター",
    // Terms of the law and of public health that incident releases quote.
    "要配慮個人情報",
    "第三者調査機関",
    "腸管出血性大腸菌",
];

impl MaxKanjiRun {
    pub fn new() -> Self {
        let mut m = RuleMeta::builtin(ID, Severity::Warning);
        m.summary = "漢字が長く続いています".into();
        m.message = "漢字が {value} 文字続いています（上限 {max} 文字）:「{match}」。".into();
        m.help = "助詞を補うか、ひらがなに開いて読みやすくしてください（例:「顧客情報漏洩事案発生」→「顧客情報の漏洩事案が発生」）。".into();
        m.why = "漢字が長く続くと語の切れ目がわからず、読み間違いの原因になります。".into();
        m.how =
            "文ごとに連続する漢字（々を含む）の並びを数え、上限を超えるものを報告します。".into();
        m.exceptions = "地名・組織名などの固有名詞とその接尾語（都・区・市など）だけでできた並び、「代表取締役社長」などの役職名や「個人情報保護委員会」などの機関名、組織・部署・役職の名前（株式会社・有限会社・法人・協会・機構・組合・事務局・委員会などを含む並び、「〜部」「〜課」「〜室」「〜局」「〜本部長」「〜部長」「〜社長」などで終わる並び。例:「設計事務所株式会社」「一般社団法人北陸」「当院事務局総務課」「海外事業本部長」）、法令・条例の名前（「個人情報保護法」）、「〜丁目」で終わる住所、施設の名前（「〜保健所」「〜高等学校」「〜駅前店」「〜高速道路」、「センター」「ホール」などの前の漢字）、「要配慮個人情報」「腸管出血性大腸菌」などの用語、かぎ括弧で丸ごと囲んだ語（「容量拠出金反映額」）、allow に書いた語は報告しません。数字のあとの「年度」「月」「日」「件」などの単位（「日間」「週間」のような期間も）は数に含め、漢字の並びには数えません（「2018年度入学予定者」は「入学予定者」の 5 文字、「3日間営業停止処分」は「営業停止処分」の 6 文字）。見出し、ヘッダー行、問い合わせ先、ラベル行も対象外です。".into();
        m.bad = vec!["本日、顧客個人情報漏洩事案が発生しました。".into()];
        m.good = vec![
            "本日、お客様の個人情報が漏洩する事案が発生しました。".into(),
            "当社（本社：東京都千代田区）は本日、新製品を発表しました。".into(),
            "当社は本件を個人情報保護委員会に報告しました。".into(),
            "報道機関の方は、当院事務局総務課までご連絡ください。".into(),
            "当社は、個人情報保護法に基づき、本件を届け出ました。".into(),
            "患者様の便から腸管出血性大腸菌が検出されました。".into(),
            "第三者調査機関の調べでは、要配慮個人情報は含まれていません。".into(),
            "2018年度入学予定者の一部に、メールを誤って送信しました。".into(),
            "「容量拠出金反映額」を誤って請求していました。".into(),
            "当日は、市立中央体育館で開会式を行います。".into(),
            "詳しくは、北浜市中央保健センターにお問い合わせください。".into(),
        ];
        m.options = vec![
            opt("max", "6", "続けてよい漢字の数。これを超えると報告します。"),
            opt("allow", "[]", "長くても報告しない語（正式名称など）。"),
        ];
        MaxKanjiRun { meta: m }
    }
}

impl Default for MaxKanjiRun {
    fn default() -> Self {
        Self::new()
    }
}

/// Byte ranges of kanji runs longer than `max` chars. The counter of a
/// number is read with the number, not with the words after it:
/// 「2018年度入学予定者」 is 「入学予定者」 after a year, and 「6ヶ月以上」
/// starts its run at 「以上」.
fn long_runs(text: &str, max: usize) -> Vec<(Span, usize)> {
    let mut out = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    let mut close = |run: &mut Option<(usize, usize)>, end: usize| {
        if let Some((mut start, mut n)) = run.take() {
            if n > max {
                if let Some(counter) = counter_after_number(text, start, end) {
                    start += counter.len();
                    n -= counter.chars().count();
                }
                if n > max {
                    out.push((Span::new(start, end), n));
                }
            }
        }
    };
    for (i, c) in text.char_indices() {
        if is_kanji(c) {
            match run.as_mut() {
                Some((_, n)) => *n += 1,
                None => run = Some((i, 1)),
            }
        } else {
            close(&mut run, i);
        }
    }
    close(&mut run, text.len());
    out
}

/// The counter (年度, 月, 日, 件 …) that opens the run `start..end` right
/// after a number (「2024年」「6ヶ月」), if any.
fn counter_after_number(text: &str, start: usize, end: usize) -> Option<&str> {
    let before = text
        .get(..start)?
        .trim_end_matches(['ヶ', 'ケ', 'か', 'カ', 'ヵ']);
    let digit = before.chars().next_back()?;
    if !(digit.is_ascii_digit() || ('０'..='９').contains(&digit)) {
        return None;
    }
    // A length of time keeps its 間 (「3日間営業停止処分」 is 「営業停止処分」
    // after three days).
    static_regex!(r"^(?:年度|年間|年|箇月間|箇月|月間|月|日間|日|時間|時|分間|分|秒|人|名|件|円|回|個|台|枚|歳|週間|週|号|番|階|期)")
        .find(text.get(start..end)?)
        .map(|m| m.as_str())
}

/// A run that names a law (「個人情報保護法」「電気通信事業法」), a place
/// by its address (「浪速区立葉一丁目」) or a facility (「川崎市川崎保健所」
/// 「京急川崎駅前店」「県立三浦初声高等学校」, or 「砺波厚生」 before
/// 「センター」): names and titles must be written exactly.
fn named_thing(word: &str, after: &str) -> bool {
    (static_regex!(
        r"(?:法|法律|条例|施行令|施行規則|省令|政令)$|(?:都|道|府|県|市|区|町|村|郡)\p{Han}*(?:丁目|番地)$|(?:保健所|学校|大学|病院|医院|診療所|工場|営業所|事業所|支社|本店|店|駅|空港|道路|会館|公民館|図書館|博物館|美術館|体育館|庁舎)$"
    )
    .is_match(word)
        && !static_regex!(r"(?:方|手|用|製|違|合|不|療|工|技|作|文|寸|論|算|商|戦|司)法$").is_match(word))
        || static_regex!(
            r"^(?:センター|ホール|ビル|プラザ|クリニック|ホテル|ステーション|ターミナル|ストア|モール|パーク|アリーナ|スタジアム|キャンパス)"
        )
        .is_match(after)
}

fn proper_nouns_only(tokens: &[crate::token::Token], range: Span) -> bool {
    tokens
        .iter()
        .filter(|t| t.range().overlaps(range))
        .all(|t| {
            t.pos_starts_with(&["名詞", "固有名詞"])
                || (t.pos_starts_with(&["名詞", "接尾"])
                    && (t.pos[2] == "地域" || t.pos[2] == "人名"))
        })
}

/// A run that names an organisation, a department or a post
/// (設計事務所株式会社, 一般社団法人北陸, 当院事務局総務課, 海外事業本部長):
/// names must be written exactly, and IPADIC knows few of them as proper
/// nouns. A legal form or body word anywhere in the run, or a department or
/// title word at its end, marks it as a name.
fn organisation_name(word: &str) -> bool {
    const BODY: [&str; 17] = [
        "株式会社",
        "有限会社",
        "合同会社",
        "合資会社",
        "法人",
        "協会",
        "機構",
        "組合",
        "連合会",
        "事務局",
        "事務所",
        "委員会",
        "研究所",
        "財団",
        "社団",
        "信用金庫",
        "銀行",
    ];
    const TAIL: [&str; 18] = [
        "本部長",
        "部長",
        "課長",
        "室長",
        "局長",
        "所長",
        "支店長",
        "社長",
        "会長",
        "理事長",
        "院長",
        "本部",
        "事業部",
        "部",
        "課",
        "室",
        "局",
        "支店",
    ];
    // 一部・全部・内部 … end many prose runs and are not departments.
    const NOT_DEPARTMENT: [&str; 8] = [
        "一部", "全部", "内部", "外部", "細部", "上部", "下部", "大部",
    ];
    if BODY.iter().any(|b| word.contains(b)) {
        return true;
    }
    TAIL.iter().any(|t| word.ends_with(t)) && !NOT_DEPARTMENT.iter().any(|n| word.ends_with(n))
}

impl Rule for MaxKanjiRun {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Block
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let max = ctx.options.int("max", 6).max(0) as usize;
        let allow = ctx.options.strings("allow");
        for s in ctx.prose() {
            let start = out.len();
            for (range, n) in long_runs(&s.text, max) {
                let word = range.slice(&s.text);
                let allowed = allow.iter().any(|a| a.contains(word))
                    || FIXED_NAMES.iter().any(|a| a.contains(word));
                let after = s.text.get(range.end..).unwrap_or("");
                // 「容量拠出金反映額」: a term quoted whole is quoted exactly.
                let quoted = s
                    .text
                    .get(..range.start)
                    .is_some_and(|b| b.ends_with(['「', '『']))
                    && after.starts_with(['」', '』']);
                if allowed
                    || quoted
                    || proper_nouns_only(ctx.tokens(s), range)
                    || organisation_name(word)
                    || named_thing(word, after)
                {
                    continue;
                }
                let msg = self
                    .meta
                    .message
                    .replace("{value}", &n.to_string())
                    .replace("{max}", &max.to_string())
                    .replace("{match}", word);
                out.push(finding(ctx, ID, s, range, msg, &self.meta.help));
            }
            cap(out, start);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_longer_than_max() {
        let text = "個人情報保護体制と再発防止";
        let runs = long_runs(text, 6);
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].0.slice(text), "個人情報保護体制");
        assert_eq!(runs[0].1, 8);
        assert!(long_runs("再発防止策", 6).is_empty());
    }

    #[test]
    fn a_numbers_counter_does_not_open_a_run() {
        let run = |t: &str| {
            long_runs(t, 6)
                .first()
                .map(|(r, n)| (r.slice(t).to_owned(), *n))
        };
        assert_eq!(run("2018年度入学予定者の一部"), None);
        assert_eq!(run("６ヶ月以上長期滞在"), None);
        assert_eq!(run("2024年6月請求電気料金"), None);
        assert_eq!(run("3日間営業停止処分"), None);
        assert_eq!(run("2週間臨時休業期間"), None);
        assert_eq!(run("6ヶ月間利用停止措置"), None);
        assert_eq!(run("1年間保存期間満了"), None);
        assert_eq!(run("24時間監視体制強化"), None);
        assert_eq!(run("30分間列車運転停止"), None);
        // Without a number before it, the counter is a kanji of the run.
        assert_eq!(
            run("年度入学予定者"),
            Some(("年度入学予定者".to_owned(), 7))
        );
        // What is left after the counter is still reported when too long.
        assert_eq!(
            run("3月顧客情報漏洩事案"),
            Some(("顧客情報漏洩事案".to_owned(), 8))
        );
    }

    #[test]
    fn laws_addresses_and_facilities_are_names() {
        assert!(named_thing("個人情報保護法", "に基づき"));
        assert!(named_thing("電気通信事業法", ""));
        assert!(!named_thing("顧客情報管理方法", "を"));
        assert!(named_thing("大阪市浪速区立葉一丁目", "2番"));
        assert!(named_thing("川崎市川崎保健所", "は"));
        assert!(named_thing("県立三浦初声高等学校", "の"));
        assert!(named_thing("新名神高速道路", "で"));
        assert!(named_thing("富山県砺波厚生", "センターより"));
        assert!(!named_thing("顧客情報漏洩事案", "が"));
        assert!(!named_thing("当該住民協定区域内", "の"));
    }

    #[test]
    fn organisation_names_are_names() {
        assert!(organisation_name("設計事務所株式会社"));
        assert!(organisation_name("一般社団法人北陸"));
        assert!(organisation_name("当院事務局総務課"));
        assert!(organisation_name("海外事業本部長"));
        assert!(!organisation_name("営業部門業務効率化計画"));
        assert!(!organisation_name("対象製品出荷分一部"));
        assert!(!organisation_name("個人情報保護管理体制強化策"));
    }
}
