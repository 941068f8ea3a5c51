//! `release.missing-hotline`: people affected need a place to ask. Evidence
//! is a phone number, e-mail address, URL or web form whose surroundings
//! (its sentence, the lines before it in its section, the section heading)
//! name a contact point (問い合わせ, 窓口, ダイヤル, サポートセンター …).
//! In an incident the contact must be for customers: a desk labelled for
//! the press (報道関係者, 取材, 広報) does not count.

use std::sync::Arc;

use crate::rx::Regex;

use super::element::{span_of, ElementRule};
use super::phone::first_channel;
use crate::coverage::{DocKind, Element};
use crate::document::Role;
use crate::rules::{Ctx, Rule};
use crate::span::Span;

pub(super) fn contact_words() -> &'static Regex {
    static_regex!(
        r"問い?合わ?せ|問合せ|窓口|連絡先|ダイヤル|サポートセンター|コールセンター|お客様センター|お客さまセンター|相談|受付|照会|フリーコール|カスタマー|ヘルプデスク|専用電話|お電話の場合は|お電話では|(?:下記|以下)(?:まで|へ|に)[^。]{0,6}(?:ご連絡|お電話|お知らせ)ください"
    )
}

pub(super) fn customer_words() -> &'static Regex {
    static_regex!(
        r"お客様|お客さま|ご利用|利用者|会員|ユーザー|相談|専用|フリーダイヤル|フリーコール|コールセンター|サポート|カスタマー|被害|ご心配|ご不安|消費者|患者|保護者|受験生|受験者|視聴者|聴取者|一般の方|購入者"
    )
}

/// A named desk whose channel follows in brackets: 「視聴者センター（052-…」
/// 「入試課（電話：011-…」.
pub(super) fn named_desk() -> &'static Regex {
    static_regex!(
        r"[\p{Han}\p{Katakana}ー]{1,12}(センター|窓口|デスク|係|課|室)\s*[（(]?\s*(?:(?:電話|TEL|Tel|tel|メール|E-?mail)\s*[：:]?\s*)?$"
    )
}

pub(super) fn press_words() -> &'static Regex {
    // IR and Press as words of their own, not inside CIRCUIT or Express;
    // 広報 but not a school's 入試広報 or a city's 広報広聴, which answer
    // applicants and residents.
    static_regex!(
        r"報道|プレス|取材|メディア|(?P<desk>(?:^|[^試])広報(?:[^広]|$))|記者|投資家|(?:^|[^A-Za-z])(?:IR|Press|PRESS)(?:[^A-Za-z]|$)"
    )
}

/// Does the label name its audience as the press (報道関係者, 取材, IR),
/// not only the desk that answers (広報係)?
fn names_the_press(label: &str) -> bool {
    press_words()
        .captures_iter(label)
        .any(|c| c.name("desk").is_none())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Audience {
    Customer,
    Press,
    Unknown,
}

fn find(ctx: &Ctx<'_>) -> Option<Span> {
    scan(ctx).0
}

/// An incident with a press desk only: where that desk is written.
fn press_only(ctx: &Ctx<'_>) -> Option<Span> {
    match scan(ctx) {
        (None, press) => press,
        (Some(_), _) => None,
    }
}

/// The first contact channel readers can use, and the first one passed
/// over because it is the press desk of an incident.
fn scan(ctx: &Ctx<'_>) -> (Option<Span>, Option<Span>) {
    let ss = ctx.sentences;
    let mut press = None;
    // A 広報 desk that no label gives to the press (「【問い合わせ先】⏎
    // 〇〇大学 総務部 広報係⏎電話 …」) answers whoever calls: the hotline
    // when the release gives no other.
    let mut desk = None;
    // Header-looking lines after the lead are a contact block written as
    // bare lines (「問い合わせ先　〇〇工房　0265-…」), not the masthead.
    let first_content = ss
        .iter()
        .find(|s| matches!(s.role, Role::Lead | Role::Body))
        .map(|s| s.block());
    for (i, s) in ss.iter().enumerate() {
        let Some(channel) = first_channel(&s.text) else {
            continue;
        };
        if s.role == Role::Header && first_content.is_none_or(|b| s.block() < b) {
            // The masthead of a timely disclosure names its desk
            // (問合せ先　経営企画部長 …／（TEL．03-…）): where to ask about an
            // announcement. Other masthead numbers are the office's.
            let labelled = |o: &crate::sentence::Sentence| {
                o.block() == s.block() && contact_words().is_match(&o.text)
            };
            let desk = labelled(s)
                || i.checked_sub(1)
                    .and_then(|j| ss.get(j))
                    .is_some_and(labelled);
            if ctx.kind == DocKind::Announcement && desk {
                return (Some(span_of(ctx, s, channel)), press);
            }
            if desk {
                press.get_or_insert_with(|| span_of(ctx, s, channel));
            }
            continue;
        }
        let section = ctx.doc.blocks.get(s.block()).and_then(|b| b.section());
        let same_section = |j: usize| {
            ss.get(j)
                .is_some_and(|o| ctx.doc.blocks.get(o.block()).and_then(|b| b.section()) == section)
        };
        // Label lines from nearest to farthest: this sentence, the ones
        // before it in the section (up to six), the section heading.
        let mut labels: Vec<&str> = vec![s.text.get(..channel.start).unwrap_or(&s.text)];
        for j in (i.saturating_sub(6)..i).rev() {
            if same_section(j) {
                if let Some(o) = ss.get(j) {
                    labels.push(&o.text);
                }
            }
        }
        let heading = ctx
            .doc
            .blocks
            .get(s.block())
            .map(|b| ctx.doc.section_heading(b))
            .unwrap_or("");
        labels.push(heading);
        let is_contact = s.role == Role::Contact
            || labels.iter().any(|l| contact_words().is_match(l))
            || labels.first().is_some_and(|l| named_desk().is_match(l))
            || contact_words().is_match(&s.text);
        if !is_contact {
            continue;
        }
        let audience = labels
            .iter()
            .find_map(|l| {
                // The later mention in a label line is the nearer one.
                let c = customer_words().find_iter(l).last().map(|m| m.start());
                let p = press_words().find_iter(l).last().map(|m| m.start());
                match (c, p) {
                    (Some(c), Some(p)) => Some(if c > p {
                        Audience::Customer
                    } else {
                        Audience::Press
                    }),
                    (Some(_), None) => Some(Audience::Customer),
                    (None, Some(_)) => Some(Audience::Press),
                    (None, None) => None,
                }
            })
            .unwrap_or(Audience::Unknown);
        if ctx.kind == DocKind::Incident && audience == Audience::Press {
            let slot = if labels.iter().any(|l| names_the_press(l)) {
                &mut press
            } else {
                &mut desk
            };
            slot.get_or_insert_with(|| span_of(ctx, s, channel));
            continue;
        }
        return (Some(span_of(ctx, s, channel)), press);
    }
    (desk, press)
}

pub fn rule() -> Arc<dyn Rule> {
    let mut r = ElementRule::new("release.missing-hotline", Element::Hotline, true, find);
    r.detail = Some((
        press_only,
        "報道関係者向けの窓口しかありません。被害に遭われた方やお客様が問い合わせる窓口が見つかりません。".into(),
    ));
    let m = &mut r.meta;
    m.summary = "問い合わせ窓口が書かれていません".into();
    m.message = "読者が問い合わせる窓口（電話番号・メール・フォーム）が見つかりません。".into();
    m.help = "「【お客様からのお問い合わせ先】〇〇サポートセンター フリーダイヤル：0120-000-000」のように、窓口名と連絡手段を書いてください。事故・不祥事では報道関係者向けとは別に、お客様向けの窓口が必要です。".into();
    m.why = "被害に遭ったかもしれない人が問い合わせ先を見つけられないと、不安と苦情が SNS や報道窓口に向かいます。".into();
    m.how = "電話番号（「【電話】32-1247」のように「電話」「TEL」のすぐ後にある市内局番だけの番号も含みます）・メールアドレス・URL・問い合わせフォームを探し、その文、同じ節の直前の行、節の見出しに「問い合わせ」「窓口」「ダイヤル」「サポートセンター」などがあるものを窓口とみなします。事故・不祥事では、最も近いラベルが「報道関係者」「取材」「広報」のものを数えません（それしかないときは、その番号の位置で「報道関係者向けの窓口しかありません」と知らせます）。".into();
    m.exceptions = "ヘッダーの会社所在地の電話番号は窓口とみなしません。通常のお知らせでは報道関係者向けの問い合わせ先も窓口として数え、適時開示のようにヘッダーに「問合せ先」と書かれた電話番号も窓口とみなします（事故・不祥事では数えません）。".into();
    m.bad = vec!["# 不正アクセスに関するお詫び\n\n株式会社サンプルで不正アクセスが発生しました。\n\n## 報道関係者からのお問い合わせ先\n\n広報部 TEL：03-1234-5678\n".into()];
    m.bad.push("# 不正アクセスに関するお詫び\n\n株式会社サンプルで不正アクセスが発生しました。本社の所在地は下記のとおりです。\n\n東京都千代田区一番町1-1 電話 03-1234-5678\n".into());
    // A masthead contact of an incident is the press desk, not the customers'.
    m.bad.push("2026年5月14日\n各位\n\n会社名　サンプル精機株式会社\n問合せ先　経営企画部長　佐藤 一郎\n（TEL．03-1234-5678）\n\n不正アクセスに関するお詫び\n\n当社のサーバーに不正アクセスがあり、お客様の情報が流出しました。\n".into());
    m.good = vec![
        "# 給付金の二重振込について\n\nサンプル市は、給付金を二重に振り込みました。\n\n問合せ：会計課会計係\n【電話】32-1247\n".into(),
        "# 不正アクセスに関するお詫び\n\n株式会社サンプルで不正アクセスが発生しました。\n\n## お客様からのお問い合わせ先\n\nサンプル専用ダイヤル フリーダイヤル：0120-123-456\n".into(),
        "# 不正アクセスに関するお詫び\n\n株式会社サンプルで不正アクセスが発生しました。ご不明な点は、会員センター（0120-123-456、平日9時〜17時）で承ります。\n".into(),
        "# 不正アクセスに関するお詫び\n\n株式会社サンプルで不正アクセスが発生しました。\n\nお問い合わせ先　株式会社サンプル　0120-123-456\n".into(),
        // A letter's plain request, then the number on a line of its own.
        // A letter's 「お電話の場合は、園（…）まで」, in full-width digits.
        "# 園児の外出についてのご報告\n\nサンプル保育園で、お子さんが門から外へ出てしまいました。お電話の場合は、園（０７５－０００－６６１２）までお願いいたします。\n".into(),
        // A school's admissions office (入試広報室) answers applicants.
        "# 採点の誤りについて\n\n学校法人サンプル学園で、入学試験の採点に誤りがありました。\n\n## お問い合わせ\n\nサンプル高等学校　入試広報室\n電話　048-000-0000\n".into(),
        // A 広報 desk that no label gives to the press answers whoever calls.
        "# 研究費の不適切な経理について\n\nサンプル大学で、研究費の不適切な経理が判明しました。\n\n【問い合わせ先】\nサンプル大学 総務部 総務課 広報係\n電話　092-000-1138\n".into(),
        "# 接種量の誤りについて\n\nサンプルこどもクリニックで接種量の誤りがありました。\n\nご心配なことがございましたら、どうぞ下記までご連絡ください。\n\n　　専用電話　03-0000-2525\n　　午前八時から午後八時まで\n".into(),
    ];
    Arc::new(r)
}

#[cfg(test)]
mod tests {
    use crate::coverage::{DocKind, Element};

    #[test]
    fn a_press_desk_alone_is_pointed_at() {
        let text = "# 投薬事故のお詫び\n\n医療法人サンプル会で投薬事故が発生しました。\n\n**本件に関するお問い合わせ**\nサンプル病院 総務課（報道関係者の方）\nTEL (03) 0000-5520\n";
        let mut settings = crate::Settings::builtin().unwrap();
        settings.default_kind = Some(DocKind::Incident);
        let report = crate::lint(crate::Source::new("t.md", text), &settings);
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.rule == "release.missing-hotline")
            .unwrap();
        assert!(d.message.starts_with("報道関係者向けの窓口しかありません"));
        assert_eq!(d.span.slice(text), "(03) 0000-5520");
        // Letters inside a name are not the press: CIRCUIT has no IR.
        let event = "# 公演中止のお詫び\n\n株式会社サンプルは、本日の公演を中止しました。\n\n▼ お問い合わせ\n\nMINATO SOUND CIRCUIT 事務局\n電話：050-0000-8815\n";
        let report = crate::lint(crate::Source::new("t.md", event), &settings);
        assert!(report.coverage.get(Element::Hotline).found);
        // With a customers' line too, nothing is missing.
        let both = format!("{text}\nお客様窓口 0120-000-000\n");
        let report = crate::lint(crate::Source::new("t.md", both.as_str()), &settings);
        assert!(!report
            .diagnostics
            .iter()
            .any(|d| d.rule == "release.missing-hotline"));
    }

    #[test]
    fn a_timely_disclosure_s_masthead_desk_is_the_contact_of_an_announcement_only() {
        let text = "2026年5月14日\n各位\n\n会社名　サンプル精機株式会社\n代表者名　代表取締役社長　山田 太郎\n問合せ先　経営企画部長　佐藤 一郎\n（TEL．03-1234-5678）\n\n代表取締役の異動に関するお知らせ\n\n当社は、本日開催の取締役会において、代表取締役の異動を内定いたしましたので、お知らせいたします。\n";
        let found = |kind| {
            let mut settings = crate::Settings::builtin().unwrap();
            settings.default_kind = Some(kind);
            let report = crate::lint(crate::Source::new("t.md", text), &settings);
            report.coverage.get(Element::Hotline).found
        };
        assert!(found(DocKind::Announcement));
        assert!(!found(DocKind::Incident));
        // A masthead number without a desk label is the office's.
        let office = text.replace("問合せ先　経営企画部長　佐藤 一郎\n", "");
        let mut settings = crate::Settings::builtin().unwrap();
        settings.default_kind = Some(DocKind::Announcement);
        let report = crate::lint(crate::Source::new("t.md", office), &settings);
        assert!(!report.coverage.get(Element::Hotline).found);
    }
}
