//! `release.missing-as-of`: a damage count must be dated (「7月31日現在」
//! 「14時時点」), because counts in an incident grow from release to release.
//! The 〜現在/〜時点 must sit with the count: in its sentence, its block, its
//! section heading, or a short label just before it in the same section;
//! or date a statement of the damage itself (「6月12日現在、不正利用の報告は
//! ございません」).

use std::collections::HashMap;
use std::sync::Arc;

use crate::rx::Regex;

use super::counts::{as_of_re, counts, Unit};
use super::element::{content, span_of, ElementRule};
use super::facts::index_of;
use crate::coverage::Element;
use crate::document::{BlockKind, Role};
use crate::rules::{Ctx, Rule};
use crate::sentence::Sentence;
use crate::span::Span;

fn find(ctx: &Ctx<'_>) -> Option<Span> {
    // The first block after a table cell that is not a table cell, found
    // by walking on from the cell; the answer holds for every cell up to
    // that block, so walks never overlap while the counts come in order.
    let mut table_end: Option<(usize, Option<usize>)> = None;
    let mut after_table = |cell: usize| -> Option<usize> {
        if let Some((from, end)) = table_end {
            if from <= cell && end.is_none_or(|e| cell < e) {
                return end;
            }
        }
        let end = ctx
            .doc
            .blocks
            .iter()
            .enumerate()
            .skip(cell + 1)
            .find(|(_, b)| b.kind != BlockKind::TableCell)
            .map(|(i, _)| i);
        table_end = Some((cell, end));
        end
    };
    // Where 〜現在 is in each sentence asked about, searched once: the
    // sentences near several counts (a table, a list of figures) are asked
    // many times. Only those are kept (not a slot per sentence of a huge
    // file).
    let mut as_of: HashMap<usize, Option<Span>> = HashMap::new();
    let mut as_of_in = |o: &Sentence| -> Option<Span> {
        let search = || {
            as_of_re()
                .find(&o.text)
                .map(|m| span_of(ctx, o, Span::new(m.start(), m.end())))
        };
        match index_of(ctx.sentences, o) {
            Some(i) => *as_of.entry(i).or_insert_with(search),
            None => search(),
        }
    };
    // The damage counts seen: a dated sentence that gives one of them
    // again (「10月14日午前10時現在、約2,300世帯のうち約2,050世帯で通水を
    // 再開」) dates it too.
    let mut seen: Vec<(u64, Unit)> = Vec::new();
    for s in content(ctx) {
        let damage = ctx.facts.damage_counts(ctx, s);
        if damage.is_empty() {
            continue;
        }
        seen.extend(damage.iter().filter_map(|c| Some((c.value?, c.unit))));
        let block = ctx.doc.blocks.get(s.block());
        let section = block.and_then(|b| b.section());
        // A table's as-of is often a note line just below it (※7月17日時点),
        // or a row of its own (| 集計日 | 6月26日時点 |).
        let in_table = block.is_some_and(|b| b.kind == BlockKind::TableCell);
        let below_table = in_table.then(|| after_table(s.block())).flatten();
        let table_rows = if in_table {
            let first = ctx
                .doc
                .blocks
                .get(..s.block())
                .unwrap_or(&[])
                .iter()
                .rposition(|b| b.kind != BlockKind::TableCell)
                .map_or(0, |i| i + 1);
            let last = below_table
                .unwrap_or(ctx.doc.blocks.len())
                .saturating_sub(1);
            ctx.block_sentences(first, last)
        } else {
            &[][..]
        };
        // Same sentence, then the same block, then nearby sentences of the section.
        // Sentences are in block order: look only at the blocks concerned,
        // not the whole document (which made this quadratic on huge files).
        let same_block = ctx.block_sentences(s.block(), s.block()).iter();
        let nearby = ctx
            .block_sentences(s.block().saturating_sub(4), s.block() + 1)
            .iter()
            .filter(|o| {
                let b = ctx.doc.blocks.get(o.block());
                b.and_then(|b| b.section()) == section || Some(o.block()) == section
            });
        let heading = section
            .map_or(&[][..], |h| ctx.block_sentences(h, h))
            .iter();
        let below = below_table
            .map_or(&[][..], |b| ctx.block_sentences(b, b))
            .iter();
        let hit = std::iter::once(s)
            .chain(same_block)
            .chain(heading)
            .chain(nearby)
            .chain(table_rows)
            .chain(below)
            .find_map(&mut as_of_in);
        if hit.is_some() {
            return hit;
        }
    }
    // A dated statement of the damage itself (「6月12日現在、不正利用の報告は
    // ございません」「容体は安定しています（9月29日現在）」) says as of when
    // the damage stands, where the counts are fixed facts (addresses sent,
    // boxes shipped, one patient).
    content(ctx)
        .filter(|s| {
            // Every as-of says 現在 or 時点: most sentences are passed over
            // by two substring searches.
            (s.text.contains("現在") || s.text.contains("時点"))
                && (damage_status_re().is_match(&s.text)
                    || (!seen.is_empty()
                        && counts(&s.text)
                            .iter()
                            .any(|c| c.value.is_some_and(|v| seen.contains(&(v, c.unit))))))
        })
        .find_map(&mut as_of_in)
        .or_else(|| {
            // A count given again under a dated heading (「◇ 復旧の状況（3月9日
            // 18時現在）⏎・1,164戸のうち1,102戸で…」) is dated by it. The
            // heading is looked at first: few sections have a dated one.
            let dated_heading = |h: usize| {
                ctx.doc.blocks.get(h).is_some_and(|b| {
                    b.text
                        .lines()
                        .next()
                        .is_some_and(|l| l.contains("現在") || l.contains("時点"))
                })
            };
            if seen.is_empty() {
                return None;
            }
            content(ctx)
                .filter_map(|s| {
                    let h = ctx.doc.blocks.get(s.block())?.section()?;
                    dated_heading(h).then_some((s, h))
                })
                .filter(|(s, _)| {
                    counts(&s.text)
                        .iter()
                        .any(|c| c.value.is_some_and(|v| seen.contains(&(v, c.unit))))
                })
                .find_map(|(_, h)| ctx.block_sentences(h, h).iter().find_map(&mut as_of_in))
        })
        .or_else(|| {
            // A 第1報 dates itself under its title (「2026年1月14日 15時00分
            // 現在」): everything it reports stands as of then.
            ctx.sentences
                .iter()
                .filter(|s| matches!(s.role, Role::Header | Role::Title))
                .filter(|s| dated_report_re().is_match(&s.text))
                .find_map(&mut as_of_in)
        })
}

/// A line that is only a date and 現在/時点: the time a report speaks for.
fn dated_report_re() -> &'static Regex {
    static_regex!(
        r"^[\s（(【]*(?:(?:[0-9０-９]{4}|令和\s*[0-9０-９元]{1,2})\s*年\s*)?[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日\s*(?:[（(][^）)]{1,3}[）)])?\s*(?:(?:午前|午後)?\s*[0-9０-９]{1,2}\s*(?:時\s*(?:[0-9０-９]{1,2}\s*分)?|[:：]\s*[0-9０-９]{2})\s*)?(?:現在|時点)[\s）)】]*$"
    )
}

/// The state of the damage: reports of harm, misuse, a patient's condition.
fn damage_status_re() -> &'static Regex {
    static_regex!(
        r"被害|不正(?:に|な)?(?:利用|使用|ログイン|使われ)|悪用|容体|容態|症状|体調|健康状態|安否|快方|回復|入院|断水|停電|不通|流出|漏えい|漏洩|油膜|汚染|お申し出|申し出|苦情|基準値|平常(?:時)?の(?:値|水準)|報告は(?:受けて|ございません|ありません|入って|届いて|寄せられて)|(?:見つかって|起きて|発生して|確認されて|広がって)(?:いません|おりません)"
    )
}

pub fn rule() -> Arc<dyn Rule> {
    let mut r = ElementRule::new("release.missing-as-of", Element::AsOf, false, find);
    r.without = Some((
        Element::VictimCount,
        "被害の数がなく、その時点（〜現在）も書かれていません。".into(),
    ));
    let m = &mut r.meta;
    m.summary = "被害の数に時点（〜現在）がありません".into();
    m.message = "被害の人数・金額がいつ時点の数字か書かれていません。".into();
    m.help = "「2019年7月31日現在」「7月4日14時時点」のように、数字の時点を添えてください。".into();
    m.why = "事故の被害数は日を追って変わります。時点のない数字は、続報と食い違ったときに訂正や隠蔽と受け取られます。".into();
    m.how = "被害の数を含む文・段落・表（の行と直後の注記）・見出しと、その直前の短い見出し行から「〇日現在」「〇時時点」のように日付か時刻を伴う表現を探します。見つからなければ、被害の状況そのものを述べた文（「6月12日現在、不正利用の報告はございません」「容体は安定しております（9月29日現在）」）の時点も数えます。被害の数と同じ数をもう一度挙げた日付つきの文（「10月14日午前10時現在、約2,300世帯のうち約2,050世帯で通水を再開」）や、日付つきの「〜のご報告は受けておりません」も被害の時点として数えます。".into();
    m.exceptions = "日付を伴わない「現時点では」は時点として数えません。第1報などでタイトルの下に日付と「現在」だけの行（「2026年1月14日 15時00分現在」）があれば、報告全体の時点として数えます。被害の数そのものがないときも、数と時点の両方が必要だと報告します。".into();
    m.bad = vec!["# 不正アクセスに関するお詫び\n\n株式会社サンプルのサービスで不正アクセスが発生し、被害に遭われたお客様は808人です。".into()];
    m.good = vec![
        // A count given again under a dated heading; a dated count of
        // complaints in a recall.
        "# ガス供給停止について（第3報）\n\n当社のガス供給が停止しました。\n\n◇ 供給停止の概要\n・供給を停止したお客さま：1,164戸\n\n◇ 復旧の状況（3月9日（火）18時現在）\n・1,164戸のうち1,102戸で、ガスをお使いいただけるようになりました。".into(),
        "# ラトル回収のお知らせ\n\n当社の木製ラトルでビーズが外れることが分かりました。回収の対象は約3,600個です。\n\n## お申し出の状況\n\n2027年2月26日時点で、同じようなお申し出を4件いただいています。".into(),
        // A dated state of pollution: the water is back to normal values.
        "# 汚水の流出について\n\n本市で汚水が流出し、約1,800立方メートルが川に流れ込みました。\n\n## 水質への影響\n\n2月6日正午現在、大腸菌の数は平常時の値に戻りつつあります。".into(),
        "# 不正アクセスに関するお詫び\n\n株式会社サンプルのサービスで不正アクセスが発生し、被害に遭われたお客様は7月31日現在で808人です。".into(),
        "# 不正アクセスに関するお詫び\n\n株式会社サンプルのサービスで不正アクセスが発生しました。\n\n## 被害の状況\n\n| 区分 | 人数 |\n|---|---|\n| 個人会員 | 500人 |\n| 法人会員 | 40人 |\n| 合計 | 540人 |\n\n※8月1日午前10時時点\n".into(),
        "# 着服に関するお詫び\n\nサンプル生活協同組合の職員が、集金した代金を着服していました。\n\n| 項目 | 内容 |\n|---|---|\n| 被害を受けた組合員 | 38名 |\n| 着服額 | 総額 4,126,300円 |\n| 集計日 | 2026年6月26日時点 |\n".into(),
        "# 誤送信に関するお詫び\n\nサンプル学園の教員が、保護者238名のメールアドレスを宛先に入れて送信しました。\n\n## 現在の状況\n\n現時点で、アドレスが不正に利用されたとの報告はございません（6月12日午前10時現在）。\n".into(),
    ];
    m.good.push("# 断水について\n\nサンプル町で配水管が破損し、約2,300世帯で断水しました。\n\n## 現在の状況\n\n10月14日午前10時現在、約2,300世帯のうち約2,050世帯で通水を再開しています。\n".into());
    m.good.push("# 共有フォルダの設定誤りについて\n\n株式会社サンプルで、登録者3,418名の書類が第三者から閲覧できる状態になっていました。\n\n## 現在の状況\n\n10月30日現在、情報が不正に使われたという報告は受けていません。\n".into());
    m.good.push("# 検査データの書き換えについて\n\n株式会社サンプルで、出荷した製品の検査データの書き換えが判明しました。対象の納入先は63社です。\n\n## 製品の安全性\n\n2025年11月14日時点で、納入先の皆様から不具合のご報告は受けておりません。\n".into());
    m.bad.push("# 誤送信に関するお詫び\n\nサンプル学園の教員が、保護者238名のメールアドレスを宛先に入れて送信しました。\n\n## 今後の対応\n\n6月12日午前10時現在、全員への連絡を終えております。\n".into());
    // A report dated under its title: as of then.
    m.good.push("# 【第1報】停電について\n\n2026年1月14日　15時00分現在\n\n本日午前6時40分ごろ、サンプル電力の北地区で停電が発生しました。\n".into());
    m.bad.push("# 【第1報】停電について\n\n2026年1月14日\n\n本日午前6時40分ごろ、サンプル電力の北地区で停電が発生しました。影響は約1,200戸です。\n".into());
    Arc::new(r)
}

#[cfg(test)]
mod tests {
    use super::damage_status_re;

    #[test]
    fn statements_of_the_damage_s_state() {
        for text in [
            "情報が不正に使われたという報告は受けていません。",
            "不正利用の報告はございません。",
            "入院された2名は、いずれも快方に向かっています。",
            "対象製品の漏れや破損などの不具合のご報告は受けておりません。",
            "約250世帯で断水が続いています。",
            "個人情報の不正な利用は確認されておりません。",
            "油膜は下流の堰の手前でほぼ食い止めております。",
            "ほかの場所では見つかっていません。",
            "同じ不具合は起きていません。",
        ] {
            assert!(damage_status_re().is_match(text), "{text}");
        }
        for text in ["全員への連絡を終えております。", "窓口を開設しました。"]
        {
            assert!(!damage_status_re().is_match(text), "{text}");
        }
    }
}
