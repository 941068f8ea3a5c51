//! `release.missing-victim-count`: an incident release must say how many
//! people, cases or how much money were affected (808人, 約900名, 最大●万件,
//! 3,861万円), with damage words (被害, 流出, 影響, 対象 …) in the sentence,
//! its table row or its section heading.

use std::sync::Arc;

use super::counts::damage_counts;
use super::element::{content, span_of, ElementRule};
use crate::coverage::Element;
use crate::rules::{Ctx, Rule};
use crate::span::Span;

fn find(ctx: &Ctx<'_>) -> Option<Span> {
    content(ctx).find_map(|s| {
        damage_counts(ctx.doc, s)
            .first()
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
    m.how = "タイトル・リード・本文から、人・名・件・円・台などの助数詞付きの数（全角数字・漢数字・万/億を含む）を探し、同じ文・表の行・見出しに「被害」「流出」「影響」「対象」などの語があるものを規模として数えます。".into();
    m.exceptions = "日付・時刻・電話番号は数えません。被害と結びつかない数（従業員数、店舗数の紹介など）も数えません。".into();
    m.bad = vec!["# 不正アクセスに関するお詫び\n\n株式会社サンプルのサービスで不正アクセスによる被害が発生しました。".into()];
    m.good = vec!["# 不正アクセスに関するお詫び\n\n株式会社サンプルのサービスで不正アクセスが発生し、被害に遭われたお客様は808人です。".into()];
    Arc::new(r)
}
