//! `release.missing-who`: the acting organization must be named. Evidence:
//! a company in 株式会社… / …ホールディングス form, another organization
//! form (…大学, …機構, …省), a proper noun IPADIC tags 組織, or 当社/弊社
//! when the issuer is given in the header or front matter.

use std::sync::Arc;

use crate::rx::Regex;

use super::element::{content, span_of, ElementRule};
use super::phone::first_channel;
use crate::coverage::Element;
use crate::document::anatomy::government_units;
use crate::document::Role;
use crate::rules::{Ctx, Rule};
use crate::sentence::Sentence;
use crate::span::Span;

/// The legal forms written before a name (株式会社〇〇, 特定非営利活動法人
/// 〇〇): one list for [`org_re`] and [`issuer_name`].
macro_rules! legal_forms {
    () => {
        "株式会社|有限会社|合同会社|合資会社|(?:一般|公益)(?:社団|財団)法人|独立行政法人|国立研究開発法人|国立大学法人|学校法人|医療法人|社会福祉法人|特定非営利活動法人|NPO法人"
    };
}

/// A local government's bodies after its name (〇〇市長, 〇〇県警察).
macro_rules! municipal_bodies {
    () => {
        "長|役所|役場|庁|教育委員会|警察|警察本部|消防本部|消防局|水道局|交通局|企業局"
    };
}

/// Organization names in their written forms.
pub fn org_re() -> &'static Regex {
    static_regex!(concat!(
        r"(?x)
            (?:",
        legal_forms!(),
        r")
              \s*[\p{Han}\p{Katakana}\p{Hiragana}A-Za-zＡ-Ｚａ-ｚ0-9０-９・&＆ー－‐\-]{1,25}
            | [\p{Han}\p{Katakana}A-Za-zＡ-Ｚａ-ｚ0-9０-９&＆][\p{Han}\p{Katakana}A-Za-zＡ-Ｚａ-ｚ0-9０-９・&＆ー－‐\-]{0,24}
              (?:株式会社|合同会社|有限会社|合資会社|合名会社|ホールディングス|\(株\)|（株）|㈱|銀行|信用金庫|信用組合|生命保険|損害保険|証券|大学|機構|協会|財団|研究所|市役所|区役所|病院|公社|組合)
            # A ministry or agency has a name of two kanji or more: not 猛省,
            # 反省, 来庁 or a bare 県庁.
            | [\p{Han}\p{Katakana}]{2,12}(?:省|庁)
            | (?:\(株\)|（株）|㈱)[\p{Han}\p{Katakana}A-Za-zＡ-Ｚａ-ｚー・]{1,25}
            | [\p{Han}\p{Katakana}]{1,8}(?:市|町|村|県|府|都|区)(?:",
        municipal_bodies!(),
        r"|議会)?(?:は|が)
            # 「北方町において、料金を過大に徴収していた」: the town acting (not
            # 本市／当町, which are self-references, nor 〜地区, a place).
            | [\p{Han}\p{Katakana}--[本当同]][\p{Han}\p{Katakana}]{0,7}(?:市|町|村|県)(?:",
        municipal_bodies!(),
        r")?において
            | [\p{Han}\p{Katakana}]{2,10}事務所(?:は|が|において)
            # 「建設部建築住宅課において」: a government's department acting.
            | [\p{Han}\p{Katakana}]{1,8}(?:部|局)[\p{Han}\p{Katakana}]{1,10}(?:課|室)(?:において|では|は|が)
            # (The place before 立 has no particle: not 「書類を市立小学校」.)
            | [[\p{Han}\p{Katakana}\p{Hiragana}ー]--[をがにはでとのへもや]]{1,8}(?:都|道|府|県|市|区|町|村)立の?[\p{Han}\p{Katakana}\p{Hiragana}ー]{0,15}?(?:保育園|保育所|幼稚園|こども園|小学校|中学校|高等学校|高校|学校|大学|病院|診療所|図書館|美術館|博物館|体育館|センター)
            | [A-Za-z0-9&.\-\s]{2,30}(?:Inc\.?|Co\.,?\s*Ltd\.?|Corporation|Corp\.|LLC|K\.K\.)
            "
    ))
}

pub(super) fn self_reference_re() -> &'static Regex {
    static_regex!(
        r"当社|弊社|当行|弊行|当店|弊店|当グループ|弊グループ|当法人|本学|当院|当機構|当協会|当組合|本市|当市|当町|当村|当県|本県|当区|当庫|当金庫|当塾|当園|当校|本校|当館|当事務所|当クリニック|当ホテル|当工房|当施設|当財団|当センター|当モール"
    )
}

/// Is an issuer given in front matter or a header line?
pub fn issuer_span(ctx: &Ctx<'_>) -> Option<Span> {
    if let Some(s) = ctx.doc.front_matter.value_span("issuer") {
        return Some(s);
    }
    let header = || masthead(ctx);
    header()
        .find_map(|s| org_in(ctx, s).map(|r| span_of(ctx, s, r)))
        .or_else(|| header().find_map(|s| named_line(ctx, s)))
}

/// Where the issuer's name is written as the body writes it, without its
/// legal form (「特定非営利活動法人　みなと台フードバンク」 →
/// 「みなと台フードバンク」) or, for a government's office line, its last
/// unit (「千早県 健康福祉部 北部保健所」 → 「北部保健所」), if the header
/// gives one. Rules read it through
/// [`crate::rules::checks::facts::Facts::issuer_name`], found once.
pub fn issuer_name(ctx: &Ctx<'_>) -> Option<Span> {
    let text = ctx.text();
    let mut name = trimmed(text, issuer_span(ctx)?);
    if government_line(name.slice(text)).is_some() {
        if let Some((i, c)) = name
            .slice(text)
            .char_indices()
            .rev()
            .find(|(_, c)| *c == ' ' || *c == '\u{3000}')
        {
            name = Span::new(name.start + i + c.len_utf8(), name.end);
        }
    }
    let legal = static_regex!(concat!(
        "^(?:",
        legal_forms!(),
        ")|(?:株式会社|有限会社|合同会社|合資会社)$"
    ));
    while let Some(m) = legal.find(name.slice(text)) {
        name = if m.start() == 0 {
            Span::new(name.start + m.end(), name.end)
        } else {
            Span::new(name.start, name.start + m.start())
        };
        name = trimmed(text, name);
    }
    (name.slice(text).chars().count() >= 2).then_some(name)
}

/// `span` without the white space at its ends.
fn trimmed(text: &str, span: Span) -> Span {
    let t = span.slice(text);
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    Span::new(span.start + lead, (span.end - trail).max(span.start + lead))
}

/// A header line that is a government's or an establishment's name.
fn named_line(ctx: &Ctx<'_>, s: &Sentence) -> Option<Span> {
    (establishment_line(&s.text) || government_line(&s.text).is_some())
        .then(|| span_of(ctx, s, Span::new(0, s.text.len())))
}

/// The issuer's name written out in the header lines, above the lead or
/// as a closing signature below the body (「２０２５年１２月３日⏎北嶺酒造
/// 株式会社　代表取締役…」): a legal form, a government or an
/// establishment, not a word IPADIC tags 組織 (a stock exchange's
/// 「東証」 in a code line).
fn issuer_written(ctx: &Ctx<'_>) -> Option<Span> {
    if let Some(s) = ctx.doc.front_matter.value_span("issuer") {
        return Some(s);
    }
    // The signature: header lines (or other lines that are not prose)
    // after the last sentence of prose, except contact lines
    // (「問い合わせ：株式会社サンプル 03-…」 names a desk).
    let last_prose = ctx
        .sentences
        .iter()
        .filter(|s| s.prose && matches!(s.role, Role::Lead | Role::Body))
        .map(Sentence::block)
        .max();
    let contact = static_regex!(r"問い?合わ?せ|問合せ|連絡先|担当|窓口|受付");
    let signature = ctx.sentences.iter().filter(move |s| {
        (s.role == Role::Header || (s.role == Role::Body && !s.prose))
            && last_prose.is_some_and(|b| s.block() > b)
            && !s.text.starts_with(['・', '-', '*', '●', '■'])
            && first_channel(&s.text).is_none()
            && !contact.is_match(&s.text)
    });
    masthead(ctx).chain(signature).find_map(|s| {
        org_re()
            .find(&s.text)
            .map(|m| {
                // The whole name (あおぞら銀行株式会社), which the pattern
                // sees only from its kanji (銀行株式会社).
                let whole = whole_name(&s.text)
                    .filter(|w| w.contains(m.as_str()))
                    .and_then(|w| {
                        let at = (w.as_ptr() as usize).checked_sub(s.text.as_ptr() as usize)?;
                        Some(Span::new(at, at + w.len()))
                    });
                span_of(ctx, s, whole.unwrap_or(Span::new(m.start(), m.end())))
            })
            .or_else(|| named_line(ctx, s))
            .or_else(|| {
                signed_name(&s.text).map(|n| span_of(ctx, s, Span::new(n.start(), n.end())))
            })
    })
}

/// A line signed with a name, a title and a person (「クリーニングのまるやま
/// 店主　丸山 和夫」「みどり歯科　院長　佐藤 一郎」): the name before the title.
fn signed_name(text: &str) -> Option<crate::rx::Match<'_>> {
    static_regex!(&format!(
        r"^\s*(?P<name>[^\s、。：:]{{2,24}})[ 　]+(?:{}|代表者|会長|代表取締役(?:社長)?)[ 　]+[\p{{Han}}\p{{Hiragana}}\p{{Katakana}}ー]{{1,6}}(?:[ 　][\p{{Han}}\p{{Hiragana}}\p{{Katakana}}ー]{{1,6}})?\s*$",
        crate::document::anatomy::OWNER_TITLES
    ))
    .captures(text)
    .and_then(|c| c.name("name"))
    // Not a label (「代表者名　代表取締役社長　佐々木 亮」) or a date.
    .filter(|n| {
        let n = n.as_str();
        !n.ends_with('名') && !n.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
    })
}

/// A header line that names a local government, alone or with one of its
/// offices (さいたま市, 〇〇県健康福祉部医療政策課, にしき町 上下水道課):
/// the issuer of a municipal release. Returns the government's name.
/// Names may have hiragana (さいたま市, つくば市, 南あわじ市), which the
/// in-sentence pattern of [`org_re`] leaves out; a whole header line ending
/// in a government or office is clear enough.
fn government_line(text: &str) -> Option<&str> {
    let re = static_regex!(concat!(
        r"^(?P<gov>[\p{Han}\p{Katakana}\p{Hiragana}ー]{1,12}?(?:都|道|府|県|市|区|町|村))(?:役所|役場|庁)?(?:[ 　]*[（(]?[\p{Han}\p{Katakana}\p{Hiragana}ー・]{1,12}?(?:",
        government_units!(),
        r")[）)]?)*$"
    ));
    // 「担当　南峰県教育委員会 高校教育課（課長　吉岡 真理子）」: a label
    // before the name and the person in brackets after it.
    let label =
        static_regex!(r"^(?:担当(?:課|部署|部局)?|発表者?|発信者?|提供者?|所管課?)[\s：:]+");
    let person = static_regex!(r"[（(][^（）()]*(?:長|担当|係|主査|主任)[\s　][^（）()]*[）)]$");
    let mut line = text.trim();
    line = label.find(line).map_or(line, |m| &line[m.end()..]);
    line = person
        .find(line)
        .map_or(line, |m| &line[..m.start()])
        .trim_end();
    re.captures(line)
        .and_then(|c| c.name("gov"))
        .map(|m| m.as_str())
}

/// A header line that is the name of a school, shop or office without a
/// legal form (学習塾 明星ゼミナール, 森の木工房, 山田屋): it ends in the
/// kind of establishment and is short; or a shop named after its trade
/// (うなぎ処 川瀬, ベーカリー こむぎ).
fn establishment_line(text: &str) -> bool {
    let re = static_regex!(
        r"^[\p{Han}\p{Katakana}\p{Hiragana}ー・A-Za-z0-9 　]{1,24}(ゼミナール|塾|学園|学院|スクール|工房|商店|商会|事務所|クリニック|医院|薬局|旅館|ホテル|農園|教室|屋|亭|堂|庵|本舗|酒造|食堂|ベーカリー|カフェ|書店|水族館|動物園|植物園|美術館|博物館|科学館|資料館|記念館|保育園|幼稚園|こども園|小学校|中学校|高等学校|高校|センター|会)$|^[\p{Han}\p{Katakana}\p{Hiragana}ー]{0,8}(処|屋|亭|庵|食堂|ベーカリー|カフェ|美容室|寿司|鮨|そば|蕎麦)[ 　][\p{Han}\p{Katakana}\p{Hiragana}ー・A-Za-z]{1,12}$"
    );
    re.is_match(text.trim())
}

/// First organization name in a sentence (pattern or 組織 token).
pub fn org_in(ctx: &Ctx<'_>, s: &Sentence) -> Option<Span> {
    let by_re = org_re().find(&s.text).map(|m| {
        // 株式会社こもれびは → 株式会社こもれび: drop a trailing particle.
        let t = m.as_str();
        let trimmed = t.trim_end_matches(['は', 'が', 'の', 'と', 'を', 'に', 'で', 'も', 'や']);
        let end = if trimmed.chars().count() >= 5 {
            m.start() + trimmed.len()
        } else {
            m.end()
        };
        Span::new(m.start(), end)
    });
    // 「毎日」 is tagged as a newspaper's name; in a release it means daily.
    let by_token = ctx
        .facts
        .org_token(ctx, s)
        .filter(|r| s.text.get(r.start..r.end) != Some("毎日"));
    earlier(by_re, by_token)
}

/// The one of two spans that starts first (`a` on a tie), or whichever exists.
fn earlier(a: Option<Span>, b: Option<Span>) -> Option<Span> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.start < a.start { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// The first token IPADIC tags as an organization's name (read through
/// [`crate::rules::checks::facts::Facts::org_token`]).
pub fn org_token(tokens: &[crate::token::Token]) -> Option<Span> {
    tokens
        .iter()
        .find(|t| t.pos_starts_with(&["名詞", "固有名詞", "組織"]))
        .map(|t| t.range())
}

/// The last field of a header line (after a 「会社名」 label, a colon or
/// spaces), when an organization name found in it lies inside it: the
/// whole name 「やまなみ物流株式会社」 where [`org_re`], which keeps hiragana out
/// of names before 株式会社 (they are particles in prose), sees only
/// 「物流株式会社」.
fn whole_name(line: &str) -> Option<&str> {
    let field = line
        .trim()
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '：' | ':'))
        .next()?;
    org_re()
        .find(field)
        .is_some_and(|m| m.start() > 0 || m.end() < field.len())
        .then_some(field)
}

/// A name and the alias it gives in brackets: 「株式会社さざなみスポーツクラブ
/// （さざなみFC）」 is also called 「さざなみFC」 in the text.
fn name_and_alias(full: &str) -> Vec<&str> {
    match full.split_once(['（', '(']) {
        Some((name, rest)) => {
            let alias = rest.split([')', '）']).next().unwrap_or_default();
            vec![name, alias]
        }
        None => vec![full],
    }
}

/// Short names of the issuer (株式会社テスト商事 → テスト商事), so that a
/// lead which drops the legal form still names the actor.
fn issuer_names(ctx: &Ctx<'_>) -> Vec<String> {
    let form = static_regex!(r"株式会社|有限会社|合同会社|\(株\)|（株）|㈱|\s");
    let mut names = Vec::new();
    let mut add = |full: &str| {
        for part in name_and_alias(full) {
            let short = form.replace_all(part, "").to_string();
            if short.chars().count() >= 2 && !names.contains(&short) {
                names.push(short);
            }
        }
    };
    if let Some(i) = ctx.doc.front_matter.issuer.as_deref() {
        add(i);
    }
    for s in masthead(ctx) {
        let whole = whole_name(&s.text);
        for m in org_re().find_iter(&s.text) {
            match whole {
                Some(w) if w.contains(m.as_str()) => add(w),
                _ => add(m.as_str()),
            }
        }
        if let Some(gov) = government_line(&s.text) {
            add(s.text.trim());
            add(gov);
        }
    }
    names
}

/// A bare name acts as a subject (テスト商事は / が / と / では), and is not
/// a quoted product named after the company (「ナナペイ」, こもれび帳).
fn acts(text: &str, r: Span) -> bool {
    let before = text.get(..r.start).and_then(|t| t.chars().next_back());
    let after = text.get(r.end..).unwrap_or("");
    before != Some('「')
        && ["は", "が", "と", "では", "として", "（", "(", "、"]
            .iter()
            .any(|p| after.starts_with(p))
}

/// An organization named as the object of a report or a request (警察へ,
/// 金融庁に, 委託先から) is not the actor.
fn object_of_action(text: &str, r: Span) -> bool {
    let after = text.get(r.end..).unwrap_or("");
    // 「環境省の地方環境事務所へ送りました」: one of its offices.
    static_regex!(r"^の[\p{Han}\p{Katakana}ー]{1,12}(?:へ|から|より)").is_match(after)
        || [
            "へ",
            "に",
            "から",
            "より",
            "を",
            "および",
            "及び",
            "など",
            "等",
        ]
        .iter()
        .any(|p| after.starts_with(p) && !after.starts_with("において"))
}

/// A local government's bare word for itself (「町で調べたところ」「市では」)
/// at the start of a sentence or clause: municipal releases say 「町」 as
/// companies say 「当社」. Counted only when the header names a government.
fn government_self_reference(text: &str) -> Option<Span> {
    static_regex!(r"(?:^|[、，])(?P<me>(?:市|町|村|県|区|都|府)(?:では|は|で|が|として|も|から))")
        .captures(text)
        .and_then(|c| c.name("me"))
        .map(|m| {
            Span::new(
                m.start(),
                m.start() + m.as_str().chars().next().map_or(0, char::len_utf8),
            )
        })
}

/// Does a header line (before the lead) name a local government?
fn government_issuer(ctx: &Ctx<'_>) -> bool {
    masthead(ctx).any(|s| government_line(&s.text).is_some())
}

/// The header lines above the lead (date, issuer, representative), not the
/// issuer lines repeated as a signature at the end. They end at the first
/// sentence: a draft whose lead the anatomy missed has its body read as
/// header lines too.
fn masthead<'a>(ctx: &Ctx<'a>) -> impl Iterator<Item = &'a Sentence> + 'a {
    let blocks = &ctx.doc.blocks;
    let lead = blocks.iter().position(|b| b.role == Role::Lead);
    let first_prose = ctx
        .sentences
        .iter()
        .find(|s| s.role != Role::Title && s.text.trim_end().ends_with('。'))
        .map(Sentence::block);
    let end = match (lead, first_prose) {
        (Some(l), Some(p)) => Some(l.min(p)),
        (l, p) => l.or(p),
    };
    ctx.sentences
        .iter()
        .filter(move |s| s.role == Role::Header && end.is_none_or(|l| s.block() < l))
}

fn find(ctx: &Ctx<'_>) -> Option<Span> {
    let issuer = issuer_written(ctx);
    let backed = issuer.is_some() || issuer_span(ctx).is_some();
    let government = government_issuer(ctx);
    let names = issuer_names(ctx);
    // Contact lines (a phone number or address on the line) name a desk.
    content(ctx)
        .filter(|s| first_channel(&s.text).is_none())
        .find_map(|s| {
            let by_name = names
                .iter()
                .flat_map(|n| {
                    s.text
                        .match_indices(n.as_str())
                        .map(|(i, m)| Span::new(i, i + m.len()))
                })
                .filter(|r| acts(&s.text, *r))
                .min_by_key(|r| r.start);
            let own = earlier(
                org_in(ctx, s).filter(|r| !object_of_action(&s.text, *r)),
                by_name,
            );
            let selfref = if backed {
                let word = self_reference_re()
                    .find(&s.text)
                    .map(|m| Span::new(m.start(), m.end()));
                let bare = government
                    .then(|| government_self_reference(&s.text))
                    .flatten();
                earlier(word, bare)
            } else {
                None
            };
            let intro = crate::document::anatomy::self_introduction_re()
                .find(&s.text)
                .map(|m| Span::new(m.start(), m.end()));
            let first = earlier(earlier(own, selfref), intro);
            first.map(|r| span_of(ctx, s, r))
        })
        // A short release may name its issuer only in the header lines
        // (「2025年10月3日⏎東央電鉄株式会社」 under the title, then what
        // happened on its line): the reader knows who speaks.
        .or(issuer)
}

pub fn rule() -> Arc<dyn Rule> {
    let mut r = ElementRule::new("release.missing-who", Element::Who, true, find);
    let m = &mut r.meta;
    m.summary = "主体（誰が）が書かれていません".into();
    m.message = "発表・事案の主体となる組織名が、本文にもヘッダーにも見つかりません。".into();
    m.help = "リードの冒頭に「株式会社〇〇（本社：東京都…、代表取締役社長：…）は、」のように正式な組織名を書いてください。".into();
    m.why = "誰の発表か、誰が当事者かが曖昧なリリースは、記者が記事にできず、責任の所在も伝わりません。".into();
    m.how = "タイトル・リード・本文（ヘッダーと問い合わせ先を除く）から、株式会社〇〇・〇〇合同会社・〇〇ホールディングス・〇〇大学などの組織名、形態素解析で「組織」とされる固有名詞、ヘッダーの発表者名から法人格を除いた名前を探します。「当社」「弊社」は、ヘッダーや front matter に発表者の組織名があるときだけ主体として数えます。自治体の発表では、ヘッダーの自治体名（「さいたま市 環境局」なら「さいたま市」）と「当市」「当町」「当県」、文や節の頭の「町で調べたところ」「市では」なども同じように数えます。「建設部住宅課において」のように部・局と課・室の名前で行為を述べる文も主体として数えます。ヘッダーの発表者名が「株式会社〇〇（〇〇FC）」のように括弧で別名を添えていれば、その別名も探します。「店主の村瀬です」のように書き手が役職と名前を名乗る文も主体として数えます。本文に見つからなければ、ヘッダーや末尾の署名の発表者名を主体とします。".into();
    m.exceptions = "本文に名前がなくても、ヘッダーの発表者名（タイトルの上か下の「2025年10月3日」「〇〇株式会社」の行、または末尾の署名。「学習塾 みどり進学ゼミナール」「うなぎ処 川瀬」「さくら福祉会」「みなと台小学校」のような店・教室・団体・学校の名前の行も含みます）があれば主体として数えます（リードで主体を名乗るのが報道発表の型なので、リードにないことは release.lead-5w が知らせます）。問い合わせ先の行の名前は窓口の名前として扱い、数えません。".into();
    m.bad = vec![
        "# サービス停止のお知らせ\n\nサービスを停止しました。".into(),
        "# 断水について\n\n北地区で断水が発生しました。市では、給水車を出しています。\n\n問い合わせ：株式会社サンプル 03-0000-0000".into(),
        "# 資料の誤送付について\n\n当塾は、生徒の資料を別のご家庭に送付しておりました。".into(),
        // A district is a place, and 本市 needs a header naming the city.
        "# 水道水の濁りについて\n\nみなと町北部の高台地区において、水道水が濁っているとの連絡がありました。".into(),
        "# 納税通知書の誤送付について\n\n本市において、納税通知書を別の方に送付しました。".into(),
        // A bare 「研究所」 is no one's name; an office of a ministry sent to
        // is not the actor.
        "# アリの発見について\n\n港のコンテナ置き場で、外来のアリが見つかりました。\n\n・研究所のウェブサイトでも、地図を見られます。".into(),
        "# アリの発見について\n\n港のコンテナ置き場で、外来のアリが見つかりました。同日夕方、環境省の地方環境事務所へ送りました。".into(),
        // 反省 is no ministry (省), and a place before 市立 has no particle.
        "# 置き去りについて\n\n送迎車の中に、ご利用者様を残してしまいました。深く反省しております。".into(),
        "# 書類の紛失について\n\n転入関係書類を市立小学校で紛失しました。".into(),
        // 「毎日」 is not a newspaper here.
        "# ひまわり祭りのお知らせ\n\nひまわり迷路を開きます。\n\n・ひまわり迷路（期間中毎日）".into(),
    ];
    m.good = vec![
        "# サービス停止のお知らせ\n\n株式会社サンプルは、2025年4月1日にサービスを停止しました。".into(),
        // A government's department acting in the lead.
        "# 書類の誤送付について\n\n建設部住宅課において、使用料の明細書を別の方に送付しました。".into(),
        // An association's name alone on a header line backs 当法人.
        "令和3年10月5日\nさくら福祉会\n\n# 送迎中の事故について\n\n当法人の送迎車両が交通事故を起こしました。".into(),
        "令和3年10月5日\nみなと台小学校\n\n# 書類の紛失について\n\n当校で、生徒の書類を紛失しました。".into(),
        // A town, a prefecture's police, a prefectural office and a city's
        // library acting in the lead, without a header.
        "# 水道料金の過大徴収について\n\nみなみ川町において、水道料金を過大に徴収していたことが判明しました。".into(),
        "# 個人情報の漏えいについて\n\n西岬県警察が受理した届出の書類を、誤って別の方に送付しました。".into(),
        "# 納入通知書の誤送付について\n\n北浜土木事務所において、納入通知書を別の方あてに送付しました。".into(),
        "# 返却期限の延長について\n\nみどり市立図書館は、貸出中の本の返却期限を延長します。".into(),
        "# 個人情報の漏えいについて\n\n東山町立の中学校において、生徒の個人情報が漏えいしました。".into(),
        // A shop's signature line: name, title, person.
        "# お知らせとおわび\n\n当店でお預かりした衣類に事故がありました。\n\n令和9年3月3日\nクリーニングのまるやま　店主　丸山 和夫".into(),
        // A shop's closing signature, below its contact lines and a closing remark.
        "# 産地表示の誤りについて\n\n当店の蒲焼の一部に、表示と異なる産地のうなぎを使っていました。\n\n【お問い合わせ】\n電話：0564-00-7028\n\n誠実な商いに努めてまいります。\n\n2025年11月4日\nうなぎ処 川瀬\n店主　川瀬 進".into(),
        "2025年4月1日\n\n株式会社サンプル\n\n# サービス停止のお知らせ\n\n当社は、本日サービスを停止しました。".into(),
        "2025年4月1日\n\n学習塾 みどり進学ゼミナール\n\n# 資料の誤送付について\n\n当塾は、生徒の資料を別のご家庭に送付しておりました。".into(),
        "令和8年3月2日\n\nみなと町 上下水道課\n\n# 断水のお知らせ\n\n3月1日夜、配水管の破損により北地区で断水が発生しました。当町は給水車を出しています。".into(),
        "2026年8月9日\n\n株式会社サンプル\n\n# 当施設エスカレーターにおける事故について\n\n8月8日、エスカレーターが急停止し、お客様3名が転倒されました。".into(),
        "令和8年1月22日\n\nにしき町上下水道課\n\n# 濁り水について\n\n1月20日、北部の地区で水道水に濁りが出ました。町で調べたところ、弁の操作の誤りがわかりました。".into(),
        "2025年10月15日\n\n株式会社サンプルスポーツクラブ（サンプルFC）\n\n# 出場停止処分について\n\nサンプルFCは、所属選手を出場停止処分としました。".into(),
        "令和8年3月2日\n\nさいたま市 環境局\n\n# 収集日の変更について\n\nさいたま市では、4月から資源ごみの収集日を変更します。".into(),
        "令和8年10月6日\n\nにしき町（総務課）\n\n# 誤配信について\n\n10月5日、防災メールで訓練用の文面が配信されました。".into(),
        // A prefecture's health centre: an office (所) of a government.
        "令和9年3月4日\n千早県 健康福祉部 北部保健所\n\n# ファクシミリの誤送信について\n\n3月2日、職員が書類を誤った番号へ送信しました。".into(),
        "# 製品回収のお知らせ\n\nSample Japan合同会社（東京都港区）は、当社が販売した充電器を回収します。".into(),
        "# 列車の停止位置の行き過ぎについて\n\n2025年10月3日\nサンプル電鉄株式会社\n\n10月2日、北駅で列車が停止位置を行き過ぎて停車しました。".into(),
        "# 瓶の回収について\n\n当社は、4月から空き瓶の回収を始めます。\n\n2025年12月3日\nサンプル酒造株式会社　代表取締役　山田 太郎".into(),
        "# 送迎バスでの事案について\n\n7月23日、サンプル市立みなと保育園の送迎バスに、園児1名が取り残されました。".into(),
        // A first-person release: the writer says who they are.
        "# 金属片混入のお詫び\n\nいつも当店をご利用いただき、ありがとうございます。店主の山田です。\n\n10月15日に販売した食パンに、金属片が入っていました。".into(),
    ];
    Arc::new(r)
}

#[cfg(test)]
mod tests {
    use super::{
        establishment_line, government_line, government_self_reference, name_and_alias,
        signed_name, whole_name,
    };

    #[test]
    fn shop_and_school_lines_are_establishments() {
        for (line, named) in [
            ("学習塾 明星ゼミナール", true),
            ("森の木工房", true),
            ("うなぎ処 川瀬", true),
            ("ベーカリー こむぎ", true),
            ("老舗 山田屋", true),
            ("しおさい水族館", true),
            ("店主　川瀬 進", false),
            ("報道関係者各位", false),
            ("2025年11月4日", false),
            ("店の営業時間：11:00～14:30", false),
            ("代表取締役社長 山田 太郎", false),
        ] {
            assert_eq!(establishment_line(line), named, "{line}");
        }
    }

    #[test]
    fn a_name_line_gives_the_whole_name() {
        for (line, name) in [
            ("会社名　やまなみ物流株式会社", Some("やまなみ物流株式会社")),
            ("みなと瓦斯株式会社", Some("みなと瓦斯株式会社")),
            ("発表者: あおば電機株式会社", Some("あおば電機株式会社")),
            // The pattern already sees all of it.
            ("株式会社いろは精機", None),
            ("代表取締役社長 山田 太郎", None),
            ("2025年4月1日", None),
        ] {
            assert_eq!(whole_name(line), name, "{line}");
        }
    }

    #[test]
    fn a_signed_line_names_the_issuer() {
        assert_eq!(
            signed_name("クリーニングのまるやま　店主　丸山 和夫").map(|m| m.as_str()),
            Some("クリーニングのまるやま")
        );
        assert_eq!(
            signed_name("みどり歯科　院長　佐藤 一郎").map(|m| m.as_str()),
            Some("みどり歯科")
        );
        // A label, a date, or a line without a person are not signatures.
        assert!(signed_name("代表者名　代表取締役社長　佐々木 亮").is_none());
        assert!(signed_name("2025年11月4日　店主　川瀬").is_none());
        assert!(signed_name("クリーニングのまるやま").is_none());
    }

    #[test]
    fn a_bracketed_alias_is_a_name_too() {
        assert_eq!(
            name_and_alias("株式会社さざなみスポーツクラブ（さざなみFC）"),
            ["株式会社さざなみスポーツクラブ", "さざなみFC"]
        );
        assert_eq!(name_and_alias("ABC Inc.(ABC)"), ["ABC Inc.", "ABC"]);
        assert_eq!(name_and_alias("株式会社サンプル"), ["株式会社サンプル"]);
    }

    #[test]
    fn a_government_s_bare_self_reference_starts_a_clause() {
        for (text, found) in [
            ("町で調べたところ、弁の操作の誤りがわかりました。", true),
            ("原因を調べた結果、市では手順を改めます。", true),
            ("県は、対策本部を設けました。", true),
            ("にしき町北部の高台地区で濁りが出ました。", false),
            ("町内の全域で断水しました。", false),
            ("市場で販売された商品です。", false),
        ] {
            assert_eq!(government_self_reference(text).is_some(), found, "{text}");
        }
    }

    #[test]
    fn government_lines_name_the_government() {
        // A labelled header line with its person in brackets.
        assert_eq!(
            government_line("担当　南峰県教育委員会 高校教育課（課長　吉岡 真理子）"),
            Some("南峰県")
        );
        for (line, gov) in [
            ("さいたま市", "さいたま市"),
            ("にしき町上下水道課", "にしき町"),
            ("みなと町 上下水道課", "みなと町"),
            ("北海道", "北海道"),
            ("山川県健康福祉部医療政策課", "山川県"),
            ("東山市役所 総務部 広報課", "東山市"),
            ("南あわじ市教育委員会", "南あわじ市"),
            ("ニセコ町", "ニセコ町"),
            ("東浜市こども未来部保育課", "東浜市"),
        ] {
            assert_eq!(government_line(line), Some(gov), "{line}");
        }
    }

    #[test]
    fn other_header_lines_are_not_governments() {
        for line in [
            "報道関係者各位",
            "2025年4月1日",
            "株式会社サンプル",
            "代表取締役社長 山田 太郎",
            "総務部 広報課",
            "ABC町工場",
            "東京都千代田区丸の内1-1-1",
            "担当：上下水道課",
        ] {
            assert_eq!(government_line(line), None, "{line}");
        }
    }
}
