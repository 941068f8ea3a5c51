//! `release.missing-victim-count`: an incident release must say how many
//! people, cases or how much money were affected (808人, 約900名, 最大●万件,
//! 3,861万円), with damage words (被害, 流出, 影響, 対象 …) in the sentence,
//! its table row or its section heading.

use std::sync::Arc;

use super::counts::{context_text, damage_re, denied_damage, Unit};
use super::element::{content, heading_of, span_of, ElementRule};
use crate::coverage::Element;
use crate::rules::{Ctx, Rule};
use crate::span::Span;

/// Sections that explain the mechanism or the future, not the damage: a
/// count there (サーバーラック約400台) measures equipment or plans.
fn mechanism_section(heading: &str) -> bool {
    static_regex!(r"^[^経]*(原因|理由|背景|再発防止|防止策|今後の(対策|対応|取り?組)|会社概要|団体概要|略歴)[^経]*$|経歴")
    .is_match(heading)
}

/// A sentence about what will be done (今後は担当者2名で確認します): its
/// numbers size the measure, not the damage.
fn future_measure(text: &str) -> bool {
    static_regex!(prefiltered r"今後|再発防止|再発を防|[てで]まいります").is_match(text)
}

/// Items (台, 個, 点 …) are damage only as affected products (回収の対象
/// 約4万2千個), not as equipment.
fn product_context(text: &str) -> bool {
    static_regex!(r"対象|回収|販売|出荷|製造|交換|リコール|数量|台数|個数|荷物|焼失|全焼|破損|損傷|汚損|滅失|紛失")
    .is_match(text)
}

fn find(ctx: &Ctx<'_>) -> Option<Span> {
    content(ctx)
        .filter(|s| !mechanism_section(heading_of(ctx, s)) && !future_measure(&s.text))
        .find_map(|s| {
            let context = context_text(ctx.doc, s);
            if !damage_re().is_match(&denied_damage(&context)) {
                return None;
            }
            ctx.facts
                .damage_counts(ctx, s)
                .iter()
                .filter(|c| c.unit != Unit::Items || product_context(&context))
                // 「1個につき」「1人あたり」: a rate, not how many.
                .find(|c| {
                    let after = s.text.get(c.range.end..).unwrap_or("");
                    !["につき", "あたり", "当たり", "ごと", "毎"]
                        .iter()
                        .any(|w| after.starts_with(w))
                })
                .map(|c| span_of(ctx, s, c.range))
        })
}

pub fn rule() -> Arc<dyn Rule> {
    let mut r = ElementRule::new(
        "release.missing-victim-count",
        Element::VictimCount,
        true,
        find,
    );
    let m = &mut r.meta;
    m.summary = "被害の規模（人数・件数・金額）が書かれていません".into();
    m.message = "被害・影響の人数、件数または金額が見つかりません。".into();
    m.help = "「被害に遭われたお客様は808人、被害総額は3,861万円（7月31日現在）です。」のように、規模を数字で書いてください。確定していなければ「最大〇万件」「調査中」と書き、判明しだい公表すると添えてください。".into();
    m.why =
        "規模が書かれていないと、読者は事態の深刻さを判断できず、記者の問い合わせが殺到します。"
            .into();
    m.how = "タイトル・リード・本文から、人・名・件・円・台などの助数詞付きの数（全角数字・漢数字・万/億を含む）を探し、同じ文・表の行・見出し（段落の 1 行目の「■対象」「**被害の状況**」のような見出し行や、記号のない見出しの行（「返還対象件数と金額」）を含みます）に「被害」「流出」「影響」「対象」などの語があるもの、「件数：」「（3）件数等」のような項目の行の数を規模として数えます。一桁の漢数字は、「受験生七名」「うち三名」「お客様のお一人」のように人を数えるときだけ数えます。".into();
    m.exceptions = "日付・時刻・電話番号は数えません。被害と結びつかない数（従業員数、店舗数の紹介など）、原因・再発防止・会社概要の節の数（停止した機器の台数など）、「被害の報告はございません」のように被害を否定する文の数、回収・販売の対象でない機器の台数・個数、「1個につき」のような単価、「全48世帯にお知らせを配布」のように知らせた相手の数も数えません。".into();
    m.bad = vec![
        // A price is not money lost.
        "# 回収のお知らせ\n\n当社のラトルに不具合があり、回収します。\n\n| 項目 | 内容 |\n|---|---|\n| 販売価格 | 2,980円（税込） |".into(),
        // How many a place holds or held is not how many were harmed.
        "# 手すりの事故について\n\n株式会社サンプルの競技場で手すりが外れ、観客が転落しました。\n\n## 被害の状況\n\n・当日の入場者数　9,214人".into(),
        "# 高速船の事故について\n\n株式会社サンプルの高速船が海の生き物とぶつかり、けが人が出ました。船は定員260名です。".into(),
        "# 不正アクセスに関するお詫び\n\n株式会社サンプルのサービスで不正アクセスによる被害が発生しました。".into(),
        "# USBメモリの紛失について\n\n株式会社サンプルの社員が、会員の名簿を記録したUSBメモリ1本を紛失しました。".into(),
        "# 障害に関するお詫び\n\n株式会社サンプルのサービスで障害が発生しました。\n\n## 原因\n\nサーバー約400台への給電が停止したことが原因です。".into(),
        "# 異物混入に関するお詫び\n\n株式会社サンプルの商品に異物が混入しました。同様のお申し出は1件で、健康被害の報告はございません。".into(),
        "# 誤配信に関するお詫び\n\n株式会社サンプルでメールの誤配信が発生しました。今後は、配信の前に担当者2名で宛先を確認し、対象の全社員に研修を行います。".into(),
        "# 列車の運転停止に関するお詫び\n\nサンプル電鉄株式会社の列車が、北駅で停止位置を行き過ぎました。列車には約180名のお客様が乗車されていましたが、おけがはありませんでした。".into(),
        // A section number before a word that counts (「2　施設の被害」).
        "# 火災について（第2報）\n\n当社の工場で火災が発生しました。\n\n2　施設の被害\n\n倉庫が全焼しました。".into(),
        // Everyone told, not everyone harmed.
        "# エレベーター事故について\n\nサンプル住宅公社の団地で、エレベーターの事故が発生しました。3号棟の全48世帯に、事故のお知らせを配布しました。".into(),
    ];
    m.good = vec![
        // Benefits paid twice; records of N people (名分) under a heading
        // that names no damage; a customer count on a labelled line.
        "# 給付金の二重給付について\n\nサンプル市は、1世帯に給付金を二重に給付していました。".into(),
        // Points credited twice; households left without power.
        "# ポイントの二重付与について\n\n当社は、お客様294名様に、ポイントを二重に付与していました。".into(),
        "# 停電について\n\n本日11時05分頃、北区の一部で約490戸のお客さまが停電しました。".into(),
        // A label paragraph over the count's, from a page whose table lost its cells.
        "# 保育施設での不適切な対応について\n\n市内の保育施設で、園児を公園に残したまま帰る不適切な対応がありました。\n\n対象園児\n\n2歳児女児1人".into(),
        // Customers billed wrongly, named by the error alone.
        "# 通話料金の誤りについて\n\n当社は、通話料金の計算に誤りがあったことを公表します。誤請求したお客さまは126名です。".into(),
        // A count on the line under its label, in a text pasted without
        // blank lines.
        "# お知らせ\n\n水道料金を多く徴収していたことが判明しました。\n\n詳しくは次のとおりです。\n1.対象者\n1世帯\n2.経緯\n検針の誤りです。".into(),
        // How much personal data, stated as its number.
        "# お知らせ\n\n社内のファイルサーバーに不正アクセスがありました。\n\n個人情報の数としては、ご担当者様約1000名、ご受講者様約19000名になります。".into(),
        "# 不正アクセスについて\n\nサンプル大学のサーバーが不正アクセスを受けました。\n\n## 保存されていた情報\n\n学生と卒業生の氏名と住所、約8,000名分。".into(),
        "# 電気料金の誤りについて\n\nサンプル電力株式会社は、一部のお客さまの電気料金を誤って算定しました。\n\nお客さま件数：3,842件".into(),
        // Feeling ill (具合を悪くされた) is harm, named by the heading.
        "# 一酸化炭素中毒のおわび\n\n12月18日の夜、当店で一酸化炭素中毒の事故を起こしました。\n\n## 具合を悪くされた方\n\nお客様6名と従業員1名の、あわせて7名です。".into(),
        // Staff are people harmed; only 従業員数 is a head count.
        "# 工場火災について\n\n当社の工場で火災が発生しました。消火にあたった従業員2名が煙を吸うなどして軽傷を負いました。".into(),
        "# 手すりの事故について\n\n株式会社サンプルの競技場で手すりが外れ、観客が転落しました。\n\n## 被害の状況\n\n・けがをされた方　12人（当日の入場者数　9,214人）".into(),
        "# 不正アクセスに関するお詫び\n\n株式会社サンプルのサービスで不正アクセスが発生し、被害に遭われたお客様は808人です。".into(),
        "# 書類の誤送付に関するお詫び\n\n株式会社サンプルで書類の誤送付が発生しました。書類には会員様35名の氏名と住所が記載されていました。".into(),
        "# 倉庫火災に関するお詫び\n\n株式会社サンプルの倉庫で火災が発生しました。\n\n## 焼失した商品\n\n| 区分 | 数量 |\n|---|---|\n| 合計 | 1,250個 |\n".into(),
        "# 予約の重複に関するお詫び\n\n株式会社サンプルの予約システムで不具合が発生しました。重複した予約は合計18件ございました。".into(),
        "# 二重請求に関するお詫び\n\n株式会社サンプルのアプリで二重請求が発生しました。\n\n**対象となるお客様**\n5月18日にご購入されたお客様のうち1,204名".into(),
        "# 食中毒の発生について\n\n株式会社サンプルの店舗で食中毒が発生しました。\n\n- 発症されたお客様：23名\n".into(),
        "# 医療事故について\n\n当院の病棟において、入院中の患者様1名に薬剤を過量に投与する医療事故が発生しました。".into(),
        "# チケット販売についてのお詫び\n\n株式会社サンプルのチケットサイトで、二重決済が発生したお客様は1,842名です。".into(),
        "# 送迎バスでの事案について\n\nサンプル町の保育園で、送迎バスに園児1名が約40分間取り残されました。".into(),
        "# 給付金の過大支給について\n\nサンプル市は、システムの設定を誤り、子育て給付金を過大に支給しました。\n\n・過大に支給した世帯：1,263世帯".into(),
        "# 産地表示の誤りについて\n\n当店の蒲焼の一部に、表示と異なる産地のうなぎを使っていました。お買い上げのお客様は延べ約900名と見込んでおります。".into(),
        "# 健診結果の判定誤りについて\n\n当院の健診センターで、腎機能の判定に誤りがありました。\n\n- 判定に誤りのあった受診者：2,214名\n".into(),
        "# 予約の重複について\n\n当店の予約が重複し、お客様9組にお車をお渡しできませんでした。".into(),
        // A labelled line of the incident's figures; a count in kanji after who.
        "# 振込の処理について\n\n当行は、9月16日に受け付けた振込の一部を、二度実行していました。\n\n（1）発生日　9月16日\n（2）件数等　2,146件（お客さま1,389名）\n".into(),
        "# 採点の誤りについて\n\n本校の入学試験の採点に誤りがあり、本来合格とすべき受験生七名を不合格としていました。".into(),
        "# 手荷物の積み残しについて\n\n当社の321便で、お預かりした手荷物94個を積み残しました。".into(),
        // Organizations counted (2団体, 1法人); people wrongly sent
        // something (誤って) or admitted late (追加合格).
        "# 書類の送付について\n\n当課は、民間団体（2団体）に関する書面を、誤って別の方に送付しました。".into(),
        "# 料金の誤徴収について\n\n検針の入力誤りにより、1法人から本来と異なる料金を徴収していました。".into(),
        "# 入試の採点について\n\n当大学の入試の採点を見直した結果、計2名の追加合格者が生じました。".into(),
        "# 書類についてのお知らせ\n\n当課で、申請書の誤送付が3件ありました。".into(),
        "# 証明書についてのお知らせ\n\n当課の窓口で、住民票の写しの誤交付が1件ありました。".into(),
        // Facilities counted.
        "# 停電についてのお知らせ\n\n当社の設備の故障で、市内の3施設が停電しました。".into(),
        // Rows under a label line typed without a mark.
        "# 水道料金のお知らせ\n\nサンプル市は、水道料金を過大に徴収していました。\n\n返還対象件数と金額\n\n水道料金　1,902件　2,164,683円".into(),
    ];
    Arc::new(r)
}
