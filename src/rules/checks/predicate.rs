//! The main predicate of a sentence, read from its tokens: the verb (or
//! サ変名詞 + する) that ends the sentence, with its auxiliaries, not one
//! inside a 連体修飾 clause. `release.missing-what` falls back to it when no
//! event word from its list is found, so 「テロップを表示しました」「締結を
//! 決議いたしました」 count as the event without listing every verb.

use crate::rx::Regex;

use super::missing_who::org_in;
use crate::coverage::{DocKind, Element};
use crate::document::Role;
use crate::rules::kinds::Unit;
use crate::rules::Ctx;
use crate::sentence::Sentence;
use crate::span::Span;
use crate::token::Token;

/// A code finder a data `require` rule falls back to for its element, run
/// on the same units (scope, section-not, prose-only) as its patterns.
pub type UnitFinder = fn(&Ctx<'_>, Unit<'_, '_>) -> Option<Span>;

/// The elements with a predicate finder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    What,
    How,
    Prevention,
}

impl Which {
    pub const ALL: [Which; 3] = [Which::What, Which::How, Which::Prevention];
}

pub fn fallback(element: Element) -> Option<UnitFinder> {
    fn first(ctx: &Ctx<'_>, unit: Unit<'_, '_>, which: Which) -> Option<Span> {
        unit.iter().find_map(|s| ctx.facts.predicate(ctx, which, s))
    }
    match element {
        Element::What => Some(|ctx, unit| first(ctx, unit, Which::What)),
        Element::How => Some(|ctx, unit| first(ctx, unit, Which::How)),
        Element::Prevention => Some(|ctx, unit| first(ctx, unit, Which::Prevention)),
        _ => None,
    }
}

/// The evidence one sentence gives for `which` (read from its tokens;
/// rules call it through [`crate::rules::checks::facts::Facts::predicate`]).
pub fn find_in(ctx: &Ctx<'_>, which: Which, s: &Sentence) -> Option<Span> {
    match which {
        Which::What => what_in(ctx, s),
        Which::How => how_in(ctx, s),
        Which::Prevention => prevention_in(ctx, s),
    }
}

/// The event sentence names its actor (株式会社〇〇は, 当塾は, the issuer
/// of the header by its name without the legal form), or opens
/// with the date of what it tells (「1月20日午前10時頃、〜が相次ぎました」,
/// the usual first line of an incident): a lead predicate with neither is
/// background or a request, not the event.
fn what_in(ctx: &Ctx<'_>, s: &Sentence) -> Option<Span> {
    let r = main_predicate(ctx.tokens(s))?;
    let actor = org_in(ctx, s)
        .map(|o| o.start)
        .into_iter()
        .chain(self_topic_re().find(&s.text).map(|m| m.start()))
        .chain(issuer_as_subject(ctx, s))
        .chain(opening_date(ctx, s))
        .min()?;
    (actor < r.start).then(|| s.source_span(ctx.doc, r))
}

/// Where the issuer, named as in the header, is the subject of the
/// sentence (「みなと台フードバンクは、」「北部保健所の職員が、」), not a
/// place or a name in it (「「まるやま珈琲 駿府公園前店」でご利用いただけます」).
fn issuer_as_subject(ctx: &Ctx<'_>, s: &Sentence) -> Option<usize> {
    let name = ctx.facts.issuer_name(ctx)?;
    s.text.match_indices(name).map(|(i, _)| i).find(|&i| {
        let after = &s.text[i + name.len()..];
        ["は", "が", "では", "において", "としては"]
            .iter()
            .any(|p| after.starts_with(p))
            || static_regex!(
                r"^の(?:職員|社員|従業員|教職員|教員|担当者|スタッフ|運転士|乗務員)(?:が|は)"
            )
            .is_match(after)
    })
}

/// Where a sentence that opens with an absolute date starts (0), unless the
/// date only dates a figure (「4月1日現在、」「14時時点で」). 「本日7月8日
/// （水）午後1時ごろ、」 opens with a date too.
fn opening_date(ctx: &Ctx<'_>, s: &Sentence) -> Option<usize> {
    let dates = ctx.facts.dates(ctx, s);
    let lead_in = static_regex!(r"^(?:本日|昨日|同日|去る)\s*[、,]?\s*")
        .find(&s.text)
        .map_or(0, |m| m.end());
    let first = dates.first().filter(|d| d.range.start == lead_in)?;
    let after = s.text.get(first.range.end..).unwrap_or("");
    let as_of = ["現在", "時点", "付"].iter().any(|w| after.starts_with(w));
    (!as_of).then_some(0)
}

/// A body sentence whose main predicate is an action done to something (〜を
/// 送付いたしました, 〜を手配しました) or, in an announcement, through a
/// channel (〜から受け付けます): what was done, or how an offer is taken
/// up. Passives (評価されました) and findings (判明, 発生) are not actions.
fn how_in(ctx: &Ctx<'_>, s: &Sentence) -> Option<Span> {
    // 「このたび〜を開始いたします」 announces the event itself (the what).
    if s.role != Role::Body
        || !s.prose
        || ["このたび", "この度", "さて"]
            .iter()
            .any(|w| s.text.contains(w))
    {
        return None;
    }
    let r = main_predicate(ctx.tokens(s))?;
    let head: Vec<&Token> = ctx
        .tokens(s)
        .iter()
        .filter(|t| t.range().start >= r.start && t.range().end <= r.end)
        .collect();
    let first = head.first()?;
    if finding(&first.base) || finding(&first.surface) || settling(&first.surface) {
        return None;
    }
    // Done, not planned or denied: 〜いたしました, not 〜いたします / 〜ません.
    let done = head
        .iter()
        .any(|t| t.base == "た" && t.pos[0].as_str() == "助動詞");
    let passive_or_negative = head
        .iter()
        .any(|t| ["れる", "られる", "ない", "ん", "ぬ"].contains(&&*t.base));
    // An announcement's how is often its plan (〜から受け付けます).
    let told = done || ctx.kind == DocKind::Announcement;
    if !told || passive_or_negative {
        return None;
    }
    let before = ctx
        .tokens(s)
        .iter()
        .take_while(|t| t.range().end <= r.start);
    // Done to something, or (an announcement's plan) reached through a
    // channel: 〜のフォームから受け付けます. A planned 〜を運行します
    // restates the what.
    let acted = before
        .filter(|t| t.pos[0].as_str() == "助詞" && t.pos[1].as_str() == "格助詞")
        .any(|t| (done && t.surface == "を") || t.surface == "から" || t.surface == "にて");
    acted.then(|| s.source_span(ctx.doc, r))
}

/// Paying back and completing are the compensation or the outcome, told by
/// their own elements.
fn settling(word: &str) -> bool {
    [
        "返金",
        "払い戻し",
        "払い戻",
        "支払い",
        "支払",
        "補償",
        "賠償",
        "完了",
        "終える",
        "終え",
    ]
    .contains(&word)
}

/// What was found, happened or begins, not done: the event itself (the
/// what).
fn finding(word: &str) -> bool {
    [
        "判明",
        "発生",
        "発覚",
        "確認",
        "検知",
        "検出",
        "発見",
        "把握",
        "認識",
        "起きる",
        "生じる",
        "分かる",
        "わかる",
        "見つかる",
        "及ぶ",
        "続く",
        "至る",
        "受ける",
        "含む",
        "超える",
        "上回る",
        "下回る",
        "減る",
        "増える",
        "かかる",
        "要する",
        "求める",
        "迎える",
        "開始",
        "終了",
        "発売",
        "開業",
        "開店",
    ]
    .contains(&word)
}

/// Under a 再発防止策 / 今後の対策 heading, any sentence whose main
/// predicate is an action (〜を導入し、〜を実施いたします) is a measure.
fn prevention_in(ctx: &Ctx<'_>, s: &Sentence) -> Option<Span> {
    let heading = static_regex!(
        r"再発防止|防止策|今後の(対策|対応|取り?組|方針|改善)|今後について|今後に向けて|改善策|これからの[^。\s]{0,10}?(こと|取り?組|対策|対応|決まり)|^\s*これからは\s*$"
    );
    if !heading.is_match(ctx.doc.label_heading(s.block())) {
        return None;
    }
    let r = main_predicate(ctx.tokens(s))?;
    let negative = ctx
        .tokens(s)
        .iter()
        .filter(|t| t.range().start >= r.start && t.range().end <= r.end)
        .any(|t| ["れる", "られる", "ない", "ん", "ぬ"].contains(&&*t.base));
    (!negative).then(|| s.source_span(ctx.doc, r))
}

/// 当社は, 弊社が, 当塾では, 本学は: the issuer speaking of itself (not
/// 当日は, 本数が).
fn self_topic_re() -> &'static Regex {
    static_regex!(
        r"(?:当|弊)(?:社|行|店|院|塾|園|校|館|庫|金庫|組合|協会|機構|法人|グループ|大学|学園|財団|会|局|所|市|町|村|県)(?:は|が|では|において)|(?:本学|本校|本院|本市|本町|本村|本県)(?:は|が|では)"
    )
}

/// Verbs that state, frame or greet rather than tell an event (ある,
/// お知らせする, 申し上げる, いただく).
fn framing_verb(base: &str) -> bool {
    [
        "ある",
        "いる",
        "おる",
        "なる",
        "できる",
        "する",
        "いたす",
        "致す",
        "思う",
        "考える",
        "存じる",
        "申し上げる",
        "申しあげる",
        "いただく",
        "頂く",
        "くださる",
        "下さる",
        "知らせる",
        "願う",
        "詫びる",
        "見込む",
        "言う",
        "いう",
    ]
    .contains(&base)
}

/// サ変名詞 that only frame the release (ご報告いたします, ご案内します).
fn framing_noun(surface: &str) -> bool {
    [
        "報告",
        "案内",
        "紹介",
        "説明",
        "連絡",
        "感謝",
        "期待",
        "予定",
        "検討",
        "知らせ",
        "お知らせ",
        "詫び",
        "お詫び",
        "公表",
        "発表",
        "陳謝",
        "お願い",
        "願い",
        "御礼",
        "礼",
    ]
    .contains(&surface)
}

/// お渡しする, ご用意する: a verb stem as a noun after お/ご.
fn honorific_prefix(ts: &[Token], i: usize) -> bool {
    i.checked_sub(1)
        .and_then(|p| ts.get(p))
        .is_some_and(|p| p.pos[0].as_str() == "接頭詞" && (p.surface == "お" || p.surface == "ご"))
}

fn is_suru(t: &Token) -> bool {
    let b = &*t.base;
    t.pos[0].as_str() == "動詞" && (b == "する" || b == "いたす" || b == "致す")
}

/// Auxiliary material after a predicate: ます, た, ている, ておる, しまう.
fn is_aux(t: &Token) -> bool {
    let p0 = t.pos[0].as_str();
    let p1 = t.pos[1].as_str();
    p0 == "助動詞"
        || (p0 == "動詞" && (p1 == "非自立" || p1 == "接尾"))
        || (p0 == "動詞"
            && [
                "する",
                "いたす",
                "致す",
                "おる",
                "いる",
                "いただく",
                "しまう",
            ]
            .contains(&&*t.base))
        || (p0 == "助詞" && p1 == "接続助詞" && (t.surface == "て" || t.surface == "で"))
}

/// Words announcing what comes before: 〜ことをお知らせします / 公表いたします.
fn announcing(rest: &[Token]) -> bool {
    let mut it = rest.iter().filter(|t| t.pos[0].as_str() != "接頭詞");
    let Some(first) = it.next() else { return false };
    if !(first.surface == "を" || first.surface == "、") {
        return false;
    }
    it.find(|t| t.surface != "、").is_some_and(|t| {
        ["知らせ", "お知らせ", "報告", "公表", "発表", "案内"].contains(&&*t.surface)
            || t.base == "知らせる"
    })
}

/// Range (in `s.text`) of the sentence's main predicate, if it tells an
/// action or event: a verb or サ変名詞 + する whose auxiliaries run to the
/// end of the sentence, to ので/ため before a closing お知らせ, or to
/// 「こと」 followed by 「をお知らせします」.
pub fn main_predicate(ts: &[Token]) -> Option<Span> {
    let mut found = None;
    for (i, t) in ts.iter().enumerate() {
        let p0 = t.pos[0].as_str();
        let p1 = t.pos[1].as_str();
        let verb = p0 == "動詞" && p1 == "自立" && !framing_verb(&t.base);
        // 〜を決議いたしました, お渡ししました: the する is part of the chain.
        let sahen = p0 == "名詞"
            && (p1 == "サ変接続" || honorific_prefix(ts, i))
            && !framing_noun(&t.surface)
            && ts.get(i + 1).is_some_and(is_suru);
        if !(verb || sahen) {
            continue;
        }
        let chain_from = i + 1;
        let mut j = chain_from;
        let mut polite = false;
        while let Some(a) = ts.get(j) {
            if !is_aux(a) {
                break;
            }
            if a.base == "ます" || a.base == "です" {
                polite = true;
            }
            // 〜していただきました: what others were asked to do (but
            // 〜させていただきます is the writer's own, humbly).
            let humble = a.base == "いただく"
                && j >= 2
                && ts.get(j - 1).is_some_and(|p| p.surface == "て")
                && ts
                    .get(j - 2)
                    .is_some_and(|p| p.base == "せる" || p.base == "させる");
            if (a.base == "いただく" || a.base == "くださる") && !humble {
                j = chain_from;
                break;
            }
            j += 1;
        }
        if j == chain_from {
            continue;
        }
        let rest = ts.get(j..).unwrap_or(&[]);
        let next = rest.first();
        let ends = match next {
            None => true,
            Some(n) if n.pos[0].as_str() == "記号" && (n.surface == "。" || n.surface == "．") => {
                true
            }
            Some(n) if n.surface == "ので" || n.surface == "ため" => polite,
            Some(n) if n.surface == "こと" => announcing(rest.get(1..).unwrap_or(&[])),
            _ => false,
        };
        if ends {
            let start = t.range().start;
            let end = ts.get(j - 1).map_or(t.range().end, |a| a.range().end);
            found = Some(Span::new(start, end));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::token::Tokenizer;

    fn predicate(text: &str) -> Option<String> {
        let doc = Document::parse(text);
        let tok = Tokenizer::new().unwrap();
        let ss = crate::sentence::sentences(&doc, &tok);
        let s = ss.first().unwrap();
        main_predicate(s.tokens(&tok)).map(|r| s.text[r.start..r.end].to_owned())
    }

    #[test]
    fn finds_the_sentence_final_predicate() {
        assert_eq!(
            predicate("当社は、昨夜の番組で誤った字幕を放送しました。").as_deref(),
            Some("放送しました")
        );
        assert_eq!(
            predicate("当社は、取締役会で新工場の建設を決議いたしましたので、お知らせいたします。")
                .as_deref(),
            Some("決議いたしました")
        );
        assert_eq!(
            predicate("当社の製品が、業界団体の賞に選ばれたことをお知らせします。").as_deref(),
            Some("選ばれた")
        );
        assert!(predicate("当社の会員様の住所を、別の会員様に送っておりました。").is_some());
        assert_eq!(
            predicate("係員の誘導で、お客様に隣の駅まで歩いていただきました。"),
            None
        );
        // The writer's own action, said humbly.
        assert_eq!(
            predicate("当社は、4月1日より配送料金を改定させていただきます。").as_deref(),
            Some("改定させていただきます")
        );
    }

    fn found(text: &str, kind: DocKind, element: Element) -> bool {
        let mut settings = crate::Settings::builtin().unwrap();
        settings.default_kind = Some(kind);
        let report = crate::lint(crate::Source::new("t.md", text), &settings);
        report.coverage.get(element).found
    }

    #[test]
    fn how_is_an_action_done_in_an_incident_or_offered_in_an_announcement() {
        let head = "# 部品の不具合について\n\n株式会社サンプルの製品で不具合が発生しました。\n\n";
        let inc = |body: &str| found(&format!("{head}{body}\n"), DocKind::Incident, Element::How);
        assert!(inc("対象のお客様には、代わりの部品を発送いたしました。"));
        // Planned, paid back, passive or negated: not what was done.
        assert!(!inc("対象のお客様には、代わりの部品を発送いたします。"));
        assert!(!inc("対象のお客様には、代金を全額返金いたしました。"));
        assert!(!inc("不具合は、お客様からのご連絡で確認されました。"));
        let ann = |body: &str| {
            found(
                &format!(
                    "# 説明会のお知らせ\n\n株式会社サンプルは、説明会を開きます。\n\n{body}\n"
                ),
                DocKind::Announcement,
                Element::How,
            )
        };
        assert!(ann(
            "参加の申し出は、特設ページの受付フォームから受け付けます。"
        ));
        assert!(!ann("当日は、会場の入口で参加者に記念品を配ります。"));
        let prevention = |body: &str| {
            found(
                &format!("{head}{body}\n"),
                DocKind::Incident,
                Element::Prevention,
            )
        };
        assert!(prevention(
            "## 今後の対策\n\n出荷前の検品を二重にし、担当者を増やします。"
        ));
        assert!(!prevention(
            "## 今後の対策\n\n詳しい内容は、決まり次第お知らせいたします。"
        ));
        assert!(!prevention(
            "## 対応\n\n出荷前の検品を二重にし、担当者を増やします。"
        ));
        // A heading in plain words, as a shop types it.
        assert!(prevention(
            "これからは\n仕上げたお洋服は、お渡しする前に明るい照明の下で一点ずつ確かめます。"
        ));
        assert!(!ann("このたび、新しい窓口での業務を開始いたします。"));
    }

    #[test]
    fn ignores_framing_and_relative_clauses() {
        // Only framing: no event.
        assert_eq!(predicate("下記のとおりご報告いたします。"), None);
        assert_eq!(predicate("心よりお詫び申し上げます。"), None);
        // The verb modifies a noun; the sentence ends in a copula.
        assert_eq!(predicate("当社が昨年開発した製品についてです。"), None);
        assert_eq!(
            predicate("ご迷惑をおかけしたことを深くお詫び申し上げます。"),
            None
        );
    }
}
