//! `release.missing-when`: the event needs an absolute date or time
//! (2019年7月4日, 令和元年7月4日, ７月４日, 七月四日, 7/4, 午前6時, 14:00).
//! The release date in the header does not count: it says when the release
//! was issued, not when the event happened, unless the lead dates the event
//! by it (「本日、〜を公開しました」).

use std::sync::Arc;

use crate::rx::Regex;

use super::counts::as_of_re;
use super::element::{after_event_section, content, heading_of, span_of, ElementRule};
use super::jdate;
use super::phone::first_channel;
use crate::coverage::{DocKind, Element};
use crate::document::Role;
use crate::rules::{Ctx, Rule};
use crate::sentence::Sentence;
use crate::span::Span;

/// Reception-hours lines say when a desk is open, not when something
/// happened; so do 「貸し出しは朝8時から夜7時までです」 and, in a sentence
/// without a day, 「10時から19時までは店員がいます」.
fn hours_line(s: &Sentence) -> bool {
    let range = static_regex!(
        r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*[時:：][^。]{0,6}(?:から|〜|～|-|－)[^。]{0,6}(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*[時:：][^。]{0,6}まで(?P<end>です|となります|でございます|営業|は)"
    );
    let day = static_regex!(r"[0-9０-９〇一二三四五六七八九十]\s*日");
    range
        .captures(&s.text)
        .and_then(|c| c.name("end"))
        .is_some_and(|end| end.as_str() != "は" || !day.is_match(&s.text))
        || static_regex!(r"受付時間|受付日時|受付[：:]|営業時間|対応時間|窓口時間|(?:開館|開所|開園|診療|運営|利用)時間|土日祝|土・日・祝|祝日を除|祝日除|年末年始を除|(24|２４)時間|平日|生まれ|土日・祝|祝日を含|祝日も|毎(?:日|朝|夕|晩|週|月)[^。]{0,12}?(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*[時:：]|^\s*(設立|創業|創立|資本金|所在地|本社|代表者?|従業員数?|事業内容|URL)\s*[：:]")
    .is_match(&s.text)
}

/// A sentence that ends by telling what happened (〜ました。〜でした。):
/// not a contact line, which asks or offers (〜ください、〜承ります).
fn reports_past(s: &Sentence) -> bool {
    let t = s.text.trim_end().trim_end_matches(['。', '．']);
    crate::document::anatomy::PAST_ENDINGS
        .iter()
        .any(|end| t.ends_with(end))
}

/// First absolute date or clock time in the sentence.
pub fn when_in(ctx: &Ctx<'_>, s: &Sentence) -> Option<Span> {
    // 「7月31日現在」 dates a count (as_of), not the event. Found only for
    // a sentence with a date or time to judge.
    let as_of_spans = std::cell::OnceCell::new();
    let as_of = |r: &Span| {
        as_of_spans
            .get_or_init(|| {
                as_of_re()
                    .find_iter(&s.text)
                    .map(|m| Span::new(m.start(), m.end()))
                    .collect::<Vec<Span>>()
            })
            .iter()
            .any(|a| a.overlaps(*r))
    };
    let dates = ctx.facts.dates(ctx, s);
    // 「2月13日までに」 is a deadline or completion, not when it happened;
    // 「2026年2月期」 is a fiscal year, 「9月分」 a month billed, and
    // 「3月末現在」 dates a figure.
    let deadline = |r: &Span| {
        let after = s.text.get(r.end..).unwrap_or("");
        after.starts_with("までに")
            || after.starts_with("まで に")
            || after.starts_with('期')
            || after.starts_with('分')
            || month_end_re().is_match(after)
    };
    // 「2024年9月〜2025年3月に販売した製品」「キャンペーン」（11月1日〜）: who
    // or what is concerned, not when it happened.
    let scope = |r: &Span| {
        let after = s.text.get(r.end..).unwrap_or("");
        let before = s.text.get(..r.start).unwrap_or("");
        scope_after_re().is_match(after)
            || founding_after_re().is_match(after)
            || (ctx.kind == DocKind::Incident && campaign_before_re().is_match(before))
    };
    // In an incident, a date whose clause is still to come (「11月1日の
    // ホームゲームでも、最前列の席は販売しません」「12月1日の職員会議で
    // 確かめ合います」) dates a measure, not the event.
    let planned = |r: &Span| {
        ctx.kind == DocKind::Incident && planned_after(s.text.get(r.end..).unwrap_or(""))
    };
    let date = dates
        .iter()
        .map(|h| h.range)
        .find(|r| !as_of(r) && !deadline(r) && !scope(r) && !planned(r));
    let ym = jdate::has_year_month(&s.text).filter(|ym| {
        !dates.iter().any(|h| h.range.overlaps(*ym)) && !scope(ym) && !deadline(ym) && !planned(ym)
    });
    let time = jdate::times(&s.text)
        .find(|m| {
            let after = s.text.get(m.end()..).unwrap_or("");
            !after.starts_with('間')
                && !after.starts_with("以内")
                && !as_of(&Span::new(m.start(), m.end()))
                && !deadline(&Span::new(m.start(), m.end()))
                && !planned(&Span::new(m.start(), m.end()))
                && !m.as_str().trim().is_empty()
        })
        .map(|m| Span::new(m.start(), m.end()));
    [date, ym, time]
        .into_iter()
        .flatten()
        .min_by_key(|r| r.start)
}

/// After a date (or the first date of a range): what was sold, bought or
/// booked then (「〜2025年3月に販売した製品」「〜までに出発したツアー」);
/// a range's sales period (「3月1日から7月10日まで、全店舗で販売しました」);
/// the people or papers of a period (「2024年4月から2026年3月までに当院で
/// 手術を受けた患者さん」「3月16日から3月31日までに提出された申告分」).
fn scope_after_re() -> &'static Regex {
    static_regex!(
        r"(?x)
        ^\s*(?:[（(][^）)]{1,3}[）)])?\s*
        (?:
          (?:(?:〜|～|から|より)[^、。]{0,24}?(?:日|月|年度?)\s*(?:[（(][^）)]{1,3}[）)])?\s*(?:まで)?)?(?:の間)?(?:に|までに|の間に)\s*(?:当社が|当社で|当店で|弊社が)?(?:製造|販売|出荷|購入|ご購入|出発|お申し?込み|申し?込み|ご注文|注文|ご契約|契約|ご予約|予約)(?:(?:し|され|いただい|頂い|になっ|になられ|いたし|致し)(?:た|ていた|ました|ておりました)|が?あった)
        | (?:(?:〜|～|から|より)[^、。]{0,24}?(?:日|月)\s*(?:[（(][^）)]{1,3}[）)])?\s*)?まで(?:の間)?[、,]\s*[^。]{0,30}?(?:製造|販売|出荷)(?:し|いたし|され)(?:ました|ておりました|ていました)
        | (?:(?:〜|～|から|より)[^、。]{0,24}?(?:日|月|年度?)\s*(?:[（(][^）)]{1,3}[）)])?\s*)?(?:までに|までの間に|の間に)[^、。]{0,20}?(?:受け|受診|入院|提出|申告|登録|加入)(?:し|され|られ)?た
        )"
    )
}

/// The rest of a sentence after a date: it tells something still to come
/// (ends 「〜ます」「〜ません」「〜予定です」) and nothing that has happened
/// or is going on (no 「〜た」「〜ました」「〜ている」「〜ており」, no
/// 発生・判明 …, no incident word and no report of one (「〜障害について
/// お知らせいたします」「〜の製造分について、お知らせいたします」);
/// 「いたします」「いただきます」 are not past).
fn planned_after(after: &str) -> bool {
    static_regex!(r"(?:ます|ません|予定です|見込みです|予定|見込み)[。．.\s]*$").is_match(after)
        && !static_regex!(
            r"(?x)
            ました|でした|だった|ませんでした
            | [しっんれけえきせめちびみげねべじ]た(?:[^\p{Hiragana}]|$|の|こと|もの|と|が|ら|り|ため|ので|ところ|まま|あと)
            | いた(?:[^しだ\p{Hiragana}]|$|の|こと|もの|と|が)
            | [てで](?:い(?:る|ま|て|な)|お(?:り|ります))
            | 発生|判明|起き|起こ|生じ|見つか|分かり|分かっ|わかり|わかっ|ござい|続け|中です
            | について[、,]?\s*(?:お知らせ|ご報告|ご説明|お詫び|おわび)
            | 障害|事故|不具合|トラブル|火災|漏え?い|漏洩|流出|故障|停電|断水|誤り"
        )
        .is_match(after)
}

/// After a month: its end as the date of a figure (「令和8年3月末現在の合計」).
fn month_end_re() -> &'static Regex {
    static_regex!(r"^\s*末\s*(?:日\s*)?(?:の\s*)?(?:現在|時点)")
}

/// After a date: a founding or an opening counted from (「昭和51年7月18日の
/// 開館から本年で50周年」「1968年の創業以来」), not the news.
fn founding_after_re() -> &'static Regex {
    static_regex!(
        r"^\s*(?:[（(][^）)]{1,3}[）)])?\s*の?(?:開館|開業|創業|設立|創立|開園|開校|開設|開店|竣工|発足)(?:して)?(?:から|以来|以降)"
    )
}

/// Before a date: the bracket after a campaign's name (「冬のり換え
/// キャンペーン」（2025年11月1日〜）), in an incident its period, not the event's.
fn campaign_before_re() -> &'static Regex {
    static_regex!(r"(?:キャンペーン|セール|フェア)」?\s*[（(][^（）()。]{0,24}$")
}

/// Dates that label a product or a person, not an event: 賞味期限,
/// 製造日, 生年月日 (on the line, in the row label of a table cell, or in
/// the heading of its section), and when the press may report (解禁).
fn dated_label(text: &str) -> bool {
    static_regex!(r"解禁|生年月日|誕生日|賞味期限|消費期限|使用期限|有効期限|製造日|製造年月日|製造年月|ロット|JANコード|締切|締め切り|(?:申込|申し込み|応募|申請|提出|支払|納付)(?:期限|期間)|工期|契約期間")
    .is_match(text)
}

/// A table row label for hours (「| 営業時間 | 7:00〜19:00 |」).
fn hours_label(text: &str) -> bool {
    static_regex!(r"時間|営業日|定休|休業日|開館日").is_match(text)
}

/// The label cell before a table cell (the first cell of its row, in a
/// two-column table), if `s` is a cell.
fn row_label<'a>(ctx: &Ctx<'a>, s: &Sentence) -> Option<&'a str> {
    let cell = |b: usize| {
        ctx.doc
            .blocks
            .get(b)
            .is_some_and(|b| b.kind == crate::document::BlockKind::TableCell)
    };
    let before = s.block().checked_sub(1)?;
    (cell(s.block()) && cell(before)).then_some(())?;
    ctx.block_sentences(before, before)
        .first()
        .map(|o| o.text.as_ref())
}

fn find(ctx: &Ctx<'_>) -> Option<Span> {
    content(ctx)
        // A contact line's hours are not the event's date; but a sentence
        // that reports what happened names a channel only as part of the
        // story (「市ホームページの「お問い合わせ」画面より送信された情報が
        // 閲覧可能な状態になっていたことが5月13日に判明しました」).
        //
        // The date is looked for first: most sentences have none, and the
        // checks of what the sentence is cost more.
        .find_map(|s| {
            let when = when_in(ctx, s)?;
            let heading = heading_of(ctx, s);
            let dated = !hours_line(s)
                && (reports_past(s) || first_channel(&s.text).is_none())
                && !dated_label(&s.text)
                && !row_label(ctx, s).is_some_and(|l| dated_label(l) || hours_label(l))
                && !dated_label(heading)
                && !after_event_section(heading);
            dated.then(|| span_of(ctx, s, when))
        })
        .or_else(|| today_in_lead(ctx))
}

/// 「株式会社〇〇は本日、〜を公開しました」: the lead dates the event by the
/// release date, so the header date (or front matter `date`) is its when.
fn today_in_lead(ctx: &Ctx<'_>) -> Option<Span> {
    let today = ctx.sentences.iter().any(|s| {
        s.role == Role::Lead
            && s.prose
            && s.text.match_indices("本日").any(|(i, w)| {
                let after = s.text.get(i + w.len()..).unwrap_or("");
                !["現在", "時点", "付"].iter().any(|x| after.starts_with(x))
            })
    });
    if !today {
        return None;
    }
    if let Some(span) = ctx.doc.front_matter.value_span("date") {
        return Some(span);
    }
    jdate::release_date_sentence(ctx).map(|(s, h)| span_of(ctx, s, h.range))
}

pub fn rule() -> Arc<dyn Rule> {
    let mut r = ElementRule::new("release.missing-when", Element::When, true, find);
    let m = &mut r.meta;
    m.summary = "日時（いつ）が書かれていません".into();
    m.message = "出来事の日付・時刻が本文に見つかりません。".into();
    m.help =
        "「2025年4月1日午前10時ごろ」のように、発生・判明・開始の日時を具体的に書いてください。"
            .into();
    m.why = "いつの出来事かが分からないと、読者は自分が影響を受けたか判断できず、記者も経緯を再構成できません。".into();
    m.how = "タイトル・リード・本文から、年月日（西暦・令和・平成、全角数字・漢数字を含む）、月日、7/4 形式、年月、時刻（午前6時、14:00）を探します。".into();
    m.exceptions = "ヘッダーの発表日、受付時間や連絡先の行、会社概要（設立・所在地など）や生年月日の行、開館時間・診療時間などの行、賞味期限・製造日などの商品の日付や申込の締切・工期・契約期間（表の行見出しや節の見出しにあるものも）、報道の解禁日時、「昭和51年7月18日の開館から」のように数え始める開館・創業などの日付、「9月分」のような料金の月、「2026年2月期」のような決算期、「〜現在」「〜時点」「3月末現在」の日付、「〜までに」の期限、「2024年9月から2025年3月までに販売した製品」のように対象の製品やお客様を示す日付、事故・不祥事でのキャンペーンの期間（「〇〇キャンペーン」（3月1日〜））、対応・補償・再発防止・原因（「なぜ〜」の見出しを含みます）・背景・会社概要・略歴・問い合わせの節の日付は数えません（出来事の日時ではなく、その後の対応や経歴の日付です）。「24時間」のような時間の長さも日時ではありません。リードが「本日、〜しました」と書いている場合は、ヘッダー（または front matter）の発表日を出来事の日付とみなします。".into();
    m.bad = vec![
        "# システム障害について\n\n株式会社サンプルのシステムで障害が発生しました。".into(),
        "# システム障害について\n\n株式会社サンプルのシステムで障害が発生しました。4月30日までに原因を公表します。".into(),
        "# 自主回収のお知らせ\n\n株式会社サンプルの焼菓子に、卵の表示漏れがありました。\n\n| 項目 | 内容 |\n|---|---|\n| 対象賞味期限 | 2026年7月6日〜2026年7月15日 |\n".into(),
        "# システム障害について\n\n株式会社サンプルのシステムで障害が発生しました。\n\n## 当社の対応\n\n4月2日に全てのお客様へ連絡しました。".into(),
    ];
    m.good = vec![
        "# システム障害について\n\n株式会社サンプルのシステムで、２０２５年４月１日午前６時ごろ障害が発生しました。".into(),
        "# システム障害について\n\n株式会社サンプルのシステムで、令和七年四月一日に障害が発生しました。".into(),
        "2025年4月1日\n\n# 新アプリ公開のお知らせ\n\n株式会社サンプルは本日、家計簿アプリを公開しました。".into(),
    ];
    m.bad.push(
        "# 新アプリ公開のお知らせ\n\n株式会社サンプルは本日、家計簿アプリを公開しました。".into(),
    );
    // Dates that say which products or customers, or a campaign's period.
    m.bad.push("# 製品回収のお知らせ\n\n株式会社サンプルは、2024年9月から2025年3月までに販売した電気ケトルに発火のおそれがあることから、製品を回収します。".into());
    m.bad.push("# 製品回収のお知らせ\n\n株式会社サンプルのマグカップから鉛が溶け出すことが分かりました。2026年3月1日から7月10日まで、全店舗で販売しました。".into());
    m.bad.push("# USBメモリ紛失のお詫び\n\nサンプル市立病院で、USBメモリを紛失しました。2024年4月から2026年3月までに当院で手術を受けた患者さんの情報が入っていました。".into());
    m.bad.push("# 通話障害のお詫び\n\n株式会社サンプルで通話障害が発生しました。「春の乗り換えキャンペーン」（2025年3月1日〜3月31日）は予定どおり実施します。".into());
    // A fiscal year, a deadline, a cause section's times.
    m.bad.push("# 賃金の未払いについて\n\n株式会社サンプルで賃金の未払いが判明しました。未払い賃金は、2026年2月期に特別損失として計上する見込みです。".into());
    m.bad.push("# 説明会のお知らせ\n\n株式会社サンプルは、オンライン説明会を開催します。\n\n申込締切：2025年12月8日（月）正午".into());
    m.bad.push("# 無料Wi-Fiのお知らせ\n\nサンプル町は、町内の施設で無料Wi-Fiを提供します。\n\n※各施設の開館時間内（例：図書館は10時～18時）にご利用いただけます。".into());
    // A date in a reference section.
    m.bad.push("# 浴槽水の不備について\n\n株式会社サンプルの旅館で、浴槽の湯を入れ替えていませんでした。\n\n（ご参考）当館の概要\n当館は2025年12月1日に客室を改装し、全国から多くのお客様をお迎えしています。".into());
    // Hours in a table row; the day the affected customers had booked.
    m.bad.push("# 開店のお知らせ\n\n株式会社サンプルは、駅前に新しい店を開きます。\n\n| 項目 | 内容 |\n|---|---|\n| 営業時間 | 7:00〜19:00 |".into());
    m.bad.push("# SMS誤送信のお詫び\n\nサンプル病院で、予約のお知らせを別の患者様に送っていました。対象は、2月5日（金）に予約があった患者様のうち、512名様です。".into());
    m.bad.push("# 予約の重複について\n\nサンプルレンタカーで予約の重複がありました。\n\nお車の貸し出しは朝8時から夜7時までです。".into());
    m.bad.push("# 予約の重複について\n\nサンプルレンタカーで予約の重複がありました。\n\nお車の貸し出しは午前八時から午後七時までです。".into());
    m.bad.push("# 無人営業のお知らせ\n\nサンプル書店は、夜間の無人営業を試します。これまでどおり、10時から19時までは店員がいます。".into());
    m.bad.push("# 酒気帯び運転について\n\n株式会社サンプルの運転士が、酒気を帯びた状態でバスを運転しました。\n\n● なぜ見逃されたのか\n\n運転士は、前夜から午前1時頃まで飲酒していました。".into());
    // A founding counted from, a month billed, a figure's month-end, what
    // was made then, and when the press may report.
    m.bad.push("# 記念イベントのお知らせ\n\nサンプル水族館は、昭和51年7月18日の開館から本年で50周年を迎えます。".into());
    m.bad.push("# 提供終了のお知らせ\n\n株式会社サンプルはアプリの提供を終了します。有料プランは2026年9月分までご利用いただけます。".into());
    m.bad.push("# 合併のお知らせ\n\nサンプル信用金庫は合併します。預金量は約1兆円（令和8年3月末現在）です。".into());
    m.bad.push("# 回収のお知らせ\n\n株式会社サンプルは、2024年10月から2025年3月までに製造いたしましたヒーターを回収いたします。".into());
    m.bad.push("# 研究成果のお知らせ\n\nサンプル大学は、新しい細菌を見つけました。\n\n## 報道解禁日時\n\nテレビ・ラジオ・インターネット：2026年2月13日（金）午前1時".into());
    // In an incident, a date of something still to come (a briefing, a
    // measure) is not the event's; nor a daily hour, nor a date under
    // 「これからの取り組み」.
    m.bad.push("# 園児の事故について\n\n株式会社サンプル保育園で、園児がけがをしました。\n\n十二月三日（木）午後六時三十分から、園のホールで説明会を開きます。".into());
    m.bad.push("# 手すりの事故について\n\n株式会社サンプルの競技場で、手すりが外れました。\n\n・点検が終わるまで、最前列の座席は使いません。11月1日（日）の次の試合でも、最前列の席は販売しません。".into());
    m.bad.push("# 手すりの事故について\n\n株式会社サンプルの競技場で、手すりが外れました。\n\n## これからの取り組み\n\n11月1日に、すべての手すりを点検しました。".into());
    m.bad.push("# 予報の配信について\n\nサンプル研究所は、赤潮の予報を始めました。予報の配信は毎朝6時です。".into());
    m.bad.push("# 避難施設の指定について\n\nサンプル県は、避難施設を指定しました。\n\n電話の受付は、毎日（土日・祝日を含む）8時30分～19時です。".into());
    m.good.push("# 障害のお詫び\n\n株式会社サンプルで障害が発生しました。\n\n12月3日午後2時ごろから、サービスに接続しにくい状態が続いております。".into());
    m.good.push("# 障害のお詫び\n\n株式会社サンプルは、11月19日（火）午前8時15分から午後2時40分まで、インターネットバンキングにログインできない障害についてお知らせいたします。".into());
    m.good.push("# 障害のお詫び\n\n株式会社サンプルのサービスがご利用いただけなくなりました。\n\n12月3日に起きた障害について、経緯をご説明いたします。".into());
    m.good.push("# 食中毒の発生について\n\n株式会社サンプルの店舗で、6月9日にご来店されたお客様5名が体調不良を訴えられました。".into());
    // A channel named in the story, not given to call.
    m.good.push("# 情報の閲覧について\n\nサンプル市のホームページの「お問い合わせ」画面より送信された情報が、閲覧できる状態になっていたことが5月13日に判明しました。".into());
    // A day's hours are when it happened.
    m.good.push("# 停止のお詫び\n\n株式会社サンプルは、7月1日の10時から19時までは、サービスを停止しました。".into());
    Arc::new(r)
}
