//! What a release says: its document kind (incident or announcement) and
//! the thirteen elements a release is judged by, each with the evidence
//! span that shows it is there. Evidence is found by the `require` rules
//! that name an `element` in `rules/release.toml` (and code-backed checks).

use crate::rx::Regex;
use serde::Serialize;

use crate::document::{Document, Role};
use crate::sentence::Sentence;
use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Incident,
    Announcement,
}

impl DocKind {
    pub fn parse(s: &str) -> Option<DocKind> {
        match s.trim() {
            "incident" => Some(DocKind::Incident),
            "announcement" => Some(DocKind::Announcement),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            DocKind::Incident => "incident",
            DocKind::Announcement => "announcement",
        }
    }

    pub fn label_ja(&self) -> &'static str {
        match self {
            DocKind::Incident => "不祥事・事故のお知らせ（incident）",
            DocKind::Announcement => "通常のお知らせ（announcement）",
        }
    }
}

/// The thirteen elements, in JSON key order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Element {
    Who,
    What,
    When,
    Where,
    Why,
    How,
    VictimCount,
    AsOf,
    Compensation,
    Hotline,
    HotlineHours,
    Apology,
    Prevention,
}

impl Element {
    pub const ALL: [Element; 13] = [
        Element::Who,
        Element::What,
        Element::When,
        Element::Where,
        Element::Why,
        Element::How,
        Element::VictimCount,
        Element::AsOf,
        Element::Compensation,
        Element::Hotline,
        Element::HotlineHours,
        Element::Apology,
        Element::Prevention,
    ];

    pub fn key(&self) -> &'static str {
        match self {
            Element::Who => "who",
            Element::What => "what",
            Element::When => "when",
            Element::Where => "where",
            Element::Why => "why",
            Element::How => "how",
            Element::VictimCount => "victim_count",
            Element::AsOf => "as_of",
            Element::Compensation => "compensation",
            Element::Hotline => "hotline",
            Element::HotlineHours => "hotline_hours",
            Element::Apology => "apology",
            Element::Prevention => "prevention",
        }
    }

    pub fn label_ja(&self) -> &'static str {
        match self {
            Element::Who => "誰が（主体）",
            Element::What => "何を（出来事）",
            Element::When => "いつ（日時）",
            Element::Where => "どこで（対象）",
            Element::Why => "なぜ（原因・目的）",
            Element::How => "どのように（対応）",
            Element::VictimCount => "被害の規模（人数・金額）",
            Element::AsOf => "時点（〜現在）",
            Element::Compensation => "補償",
            Element::Hotline => "問い合わせ窓口",
            Element::HotlineHours => "受付時間",
            Element::Apology => "お詫び",
            Element::Prevention => "再発防止策",
        }
    }

    pub fn parse(s: &str) -> Option<Element> {
        Element::ALL.into_iter().find(|e| e.key() == s)
    }

    /// Is this element required in a release of `kind`?
    pub fn required_for(&self, kind: DocKind) -> bool {
        match kind {
            DocKind::Incident => true,
            DocKind::Announcement => matches!(
                self,
                Element::Who
                    | Element::What
                    | Element::When
                    | Element::Where
                    | Element::Why
                    | Element::How
                    | Element::Hotline
            ),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub found: bool,
    pub required: bool,
    pub span: Option<Span>,
}

/// The coverage of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    items: [Evidence; 13],
}

impl Coverage {
    pub fn new(kind: DocKind) -> Self {
        let mut c = Coverage::default();
        for (i, e) in Element::ALL.iter().enumerate() {
            c.items[i].required = e.required_for(kind);
        }
        c
    }

    pub fn get(&self, e: Element) -> &Evidence {
        &self.items[e as usize]
    }

    pub fn set(&mut self, e: Element, span: Span) {
        let item = &mut self.items[e as usize];
        if !item.found {
            item.found = true;
            item.span = Some(span);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (Element, &Evidence)> {
        Element::ALL.into_iter().zip(self.items.iter())
    }
}

/// How the document kind was decided (shown in human output and JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindDecision {
    pub kind: DocKind,
    pub reason: String,
}

fn incident_words() -> &'static Regex {
    static_regex!(
        r"お詫び|おわび|謝罪|不正アクセス|不正利用|不正ログイン|不正送金|なりすまし|漏え?い|漏洩|流出|障害|自主回収|回収|リコール|被害|不具合|事故|紛失|盗難|誤送信|誤配信|誤表示|誤表記|誤発送|ランサムウェア|サイバー攻撃|マルウェア|ウイルス感染|不正プログラム|個人情報.{0,6}(可能性|おそれ)|閲覧(?:可能|でき)(?:な|る)状態|誤(?:公開|掲載)|停電|異物混入|食中毒|不適切|不祥事|改ざん|偽装|業務改善命令|行政処分|逮捕|火災|爆発|販売中止|出荷停止|運転見合わせ|訂正|誤り(?:が|に|について|による|の|を|$)|(?:入力|操作|採点|集計|計算|設定|確認|事務)ミス|誤(?:って|った|請求|徴収|送付|記載|登録|発注|配送)|(?:二重|重複|過大|過剰)に?(?:請求|課金|引き落とし|決済|徴収|収受|支給|支払)|過少に?(?:支給|支払|徴収)|過徴収|(?:税|料|金|費)?額が(?:過大|過少)|所在不明|所在が(?:不明|分からな|わからな)|不適合品|異臭|異味|陳謝|積み残し|着服|横領|詐取|窃取|背任|収賄|贈賄|懲戒|不正(?:行為|経理|会計|受給|請求|取得|使用|流用|事件)|水増し|架空(?:請求|計上|取引)|隠蔽|隠ぺい|捏造|ねつ造|ハラスメント|暴行|暴力|体罰|飲酒運転|集団(?:発生|感染)|(?:院内|施設内)感染|感染性胃腸炎|第\s*[0-9０-９一二三四五六七八九十]+\s*報|申し訳(?:ございません|ありません)でした|緊急メンテナンス|(?:事案|事象|トラブル|インシデント|「[^「」]{1,20}」)が(?:発生|判明|発覚)|重大インシデント|虐待(?:事案|事件|行為)|虐待が(?:発生|判明|発覚|あ)|(?:パソコン|PC|端末|サーバー?|コンピュータ|コンピューター)[^。、]{0,30}(?:ウイルス|ウィルス|マルウェア)[^。]{0,30}?に感染|(?:Emotet|エモテット)[^。]{0,30}?(?:に感染|の感染)|(?:菌|ウイルス|異物|金属片|破片|カビ|農薬|アレルゲン|有害物質)が?(?:検出|混入)|(?:本|今回の|当該)(?:事件|事案)|(?:天井|外壁|看板|照明|部材|ガラス|足場|クレーン|積荷|部品)(?:材|板)?が(?:一部)?(?:落下|倒壊|崩落)|無断で[^。]{0,20}?持ち出|(?:情報|データ)(?:等|など)?の(?:無断|不正)?持ち出し|(?:支払|支払い|支給|還付)(?:額|金)?(?:の)?不足|発生(?:しました|した)事件"
    )
}

/// Contexts in which an incident word names a product, a programme or a
/// kind of people rather than an incident (障害者雇用, 回収ボックス,
/// 情報漏えい対策サービス, 被害防止キャンペーン).
fn not_incident(before: &str, word: &str, after: &str) -> bool {
    let (after_re, before_re) = (not_incident_after(), not_incident_before());
    if is_apology(word) {
        return false;
    }
    let word_specific = match word {
        // 「新型コロナウイルス感染症の拡大防止のため、臨時休館します」: the
        // pandemic is the reason for a notice, not an incident of the issuer.
        "ウイルス感染" => static_regex!(
            r"^症?(?:の|が)?(?:感染)?(?:拡大|流行|まん延|蔓延|影響|防止|予防|対策|状況|終息|収束)|^症?に(?:伴|よる影響|罹患|り患|かかられ|感染され)"
        )
        .is_match(after),
        // 「固定資産の回収可能性」「回収不能」: accounting, not a recall.
        "回収" => after.starts_with("可能") || after.starts_with("不能"),
        // 「所在不明株主の株式の売却」: a company procedure.
        "所在不明" => after.starts_with("株主") || after.starts_with("土地"),
        // 「細菌は検出されませんでした」「事案が発生した場合は」「トラブルが
        // 発生しないよう」「ウイルスに感染しないための研修」: a negative
        // result, a supposition, prevention.
        w if ["発生", "判明", "発覚", "検出", "混入", "感染"]
            .iter()
            .any(|end| w.ends_with(end)) =>
        {
            static_regex!(
                r"^(?:し|さ|され|する|した|される|された)?(?:ない|ず|ません|なかった|場合|際|とき|時|おそれ|恐れ|可能性)|^(?:キット|試薬|センサー)"
            )
            .is_match(after)
        }
        _ => false,
    };
    if word_specific {
        return true;
    }
    // 「年齢や病気、障害などのために」: a disability among others.
    let disability = word == "障害"
        && (["者", "児", "福祉", "年金", "をお持ち", "のある"]
            .iter()
            .any(|w| after.starts_with(w))
            || ((before.ends_with('、') || before.ends_with('や')) && after.starts_with("など")));
    disability || after_re.is_match(after) || before_re.is_match(before)
}

/// The incident words that are an apology, not an event.
fn is_apology(word: &str) -> bool {
    matches!(word, "お詫び" | "おわび" | "謝罪") || word.starts_with("申し訳")
}

/// A change the issuer decided and announces: a price, a service's end,
/// hours, a closure, planned maintenance.
fn planned_change_re() -> &'static Regex {
    static_regex!(
        r"改定|値上げ|値下げ|価格の?変更|料金の?変更|(?:提供|販売|営業|サービス|取り扱い|取扱い?)(?:を)?終了|終了(?:いた|させていただ|と)|廃止|休止|休業|休館|閉店|閉館|閉園|営業時間|開館時間|短縮|縮小|移転|メンテナンス|工事"
    )
}

fn not_incident_after() -> &'static Regex {
    static_regex!(
        r"^(の|を)?(対策|防止|予防|を防|防ぐ|ゼロ|削減|軽減|保険|訓練|補償サービス|に強い|から守|検知サービス|BOX|ボックス|拠点|箱|率|量|活動|キャンペーン|プログラム|スキーム|サービスの提供|(?:させ|され)ない|(?:する|できる)?(?:技術|装置|設備|システム|工程|プロセス|手法)|[・と](?:再使用|再利用|リユース|リサイクル|再資源化))"
    )
}

fn not_incident_before() -> &'static Regex {
    static_regex!(
        r"(資源|古紙|リサイクル|使用済み?|衣類|ペットボトル|空き?缶|廃|不用品|人口|人材|防犯|交通安全)$|(?:空き?瓶|一升瓶|瓶|びん|ビン|容器|ボトル|トナー|カートリッジ)の?$"
    )
}

/// Compile the regexes of kind detection (see [`crate::warm_up_reading`]).
pub(crate) fn warm_up() {
    let _ = (
        relief_re(),
        planned_change_re(),
        incident_words(),
        not_incident_after(),
        not_incident_before(),
    );
}

/// The first incident word in `text` that is used as one.
pub fn incident_word(text: &str) -> Option<&str> {
    first_incident_word(text, false)
}

/// [`incident_word`]; with `apology_is_courtesy`, an apology alone does
/// not count.
fn first_incident_word(text: &str, apology_is_courtesy: bool) -> Option<&str> {
    incident_words().find_iter(text).find_map(|m| {
        let before = text.get(..m.start()).unwrap_or("");
        let after = text.get(m.end()..).unwrap_or("");
        let word = m.as_str();
        // 「大雨により被害を受けられた地域の支援のため、義援金を寄付いたします」:
        // the damage is a disaster's, and the news is the help.
        let relief = word == "被害" && relief_re().is_match(text);
        let courtesy = apology_is_courtesy && is_apology(word);
        (!relief && !courtesy && !not_incident(before, word, after)).then_some(word)
    })
}

/// The title, or a header line that reads as one (a plain-text release
/// has its title among the header lines: 「【重要】サービス終了のお知らせ」).
fn is_title(s: &Sentence) -> bool {
    s.role == Role::Title
        || (s.role == Role::Header && crate::document::anatomy::title_line(&s.text))
}

/// Does a title announce a planned change? An emergency one
/// (「緊急メンテナンス終了のお知らせ」) was not planned.
fn announces_planned_change(title: &str) -> bool {
    planned_change_re()
        .find_iter(title)
        .any(|m| !title[..m.start()].ends_with("緊急"))
}

/// Help for people hit by a disaster: a donation, relief supplies.
fn relief_re() -> &'static Regex {
    static_regex!(r"義援金|義捐金|寄付|寄附|寄贈|支援物資|救援物資|募金|復興支援")
}

/// Decide the kind: front matter `kind:`, else the configured default,
/// else incident words in the title, the header lines above the lead (a
/// plain-text release has its title there) or the lead.
pub fn detect_kind(
    doc: &Document,
    sentences: &[Sentence],
    default: Option<DocKind>,
) -> KindDecision {
    if let Some(k) = doc.front_matter.kind.as_deref().and_then(DocKind::parse) {
        return KindDecision {
            kind: k,
            reason: "front matter の kind で指定".into(),
        };
    }
    if let Some(k) = default {
        return KindDecision {
            kind: k,
            reason: "設定ファイルの default-kind で指定".into(),
        };
    }
    // (text, is a title)
    let title = doc.front_matter.title.iter().map(|t| (t.as_str(), true));
    // The anatomy passes over a courtesy opener (「平素は…ありがとうございます。」)
    // when it picks the lead, so the lead is the paragraph with the news.
    let top = sentences
        .iter()
        .filter(|s| matches!(s.role, Role::Title | Role::Lead | Role::Header))
        .map(|s| (s.text.as_str(), is_title(s)));
    // Under a title that announces a planned change (「配送料金改定のお知らせ」),
    // an apology in the lead for the trouble it causes is a courtesy. (An
    // apology in the title itself, 「メンテナンス延長のお詫び」, still counts.)
    let planned = title
        .clone()
        .chain(top.clone())
        .any(|(t, is_title)| is_title && announces_planned_change(t));
    for (text, is_title) in title.chain(top) {
        if let Some(word) = first_incident_word(text, planned && !is_title) {
            return KindDecision {
                kind: DocKind::Incident,
                reason: format!("タイトル・リードに「{word}」"),
            };
        }
    }
    KindDecision {
        kind: DocKind::Announcement,
        reason: "タイトル・リードに事故・不祥事を示す語がない".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::Tokenizer;

    fn kind(src: &str) -> KindDecision {
        let doc = Document::parse(src);
        let tok = Tokenizer::new().unwrap();
        let ss = crate::sentence::sentences(&doc, &tok);
        detect_kind(&doc, &ss, None)
    }

    #[test]
    fn incidents_are_detected_from_title_and_lead() {
        for src in [
            "# 不正アクセスによる個人情報流出に関するお詫び\n\n当社サーバーへの不正アクセスが判明しました。",
            "# 一部サービスの障害について\n\n2025年4月1日、システムに障害が発生しました。",
            "# 製品の自主回収のお知らせ\n\n当社製品の一部に異物が混入した可能性があります。",
            "# お知らせ\n\n当社アプリで不正ログインが確認されました。",
            "# 被害者の皆様へのお知らせ\n\n当社は補償を開始しました。",
            "# 入学試験の採点誤りについて\n\n当大学は、入学試験の採点に誤りがあったことを公表します。",
            "# ご案内状の誤送付について\n\n当社は、会員様あてのご案内状を別の会員様に送付しておりました。",
            "# 検針時の入力ミスによる料金の誤請求について\n\n当社は、料金を多く請求しておりました。",
            "# 職員による組合員代金の着服について\n\n当組合の職員が、集金した代金を着服していたことが判明しました。",
            "# 元社員の横領について\n\n当社の元社員が、会社の資金を私的に使っていました。",
            "# 選手の暴力行為について\n\n当クラブの選手が、飲食店で客に暴力をふるいました。",
            "# 給食による感染性胃腸炎の集団発生について（第２報）\n\n11月5日にお知らせした件の、その後の状況をお知らせします。",
            "# 施設での集団感染について\n\n当施設の入所者と職員が発熱しました。",
            "# システムの停止について（第3報）\n\n現在の状況をお知らせします。",
            "# 大雨による当社工場の被害について\n\n当社の工場が浸水の被害を受け、生産を停止しました。",
            "# 子会社における保険料の過大徴収に関するお知らせ\n\n当社の子会社で、保険料を本来より高く計算していたことが判明いたしました。",
            "# 路線バスにおけるICカード運賃の過大収受について\n\n当社の路線バスで、運賃を本来より多く引き落としていました。",
            "# お知らせ\n\n当社を装って不正プログラムを添付したメールが送られています。",
            "# 固定資産税の課税について\n\n一部の家屋で課税額が過大となっていることが判明しました。",
            "# 文書の所在不明について\n\n個人情報を含む文書が所在不明となっています。",
            "# 当社子会社における不適合品について\n\n当社の子会社が、検査データを書き換えていました。",
            "# システムメンテナンス延長のお詫び\n\n予定していたメンテナンスが終わらず、サービスを再開できませんでした。",
            "# システム障害による臨時休業について\n\nシステム障害のため臨時休業いたしました。ご迷惑をおかけしたことをお詫び申し上げます。",
            "# 321便 お預かり手荷物の積み残しについて\n\n当社の321便で、お預かりした手荷物の一部を積まないまま出発いたしました。",
            "# 緊急メンテナンス終了のお知らせ\n\n大変お待たせしました。メンテナンスは2時に終わりました。",
            "# 市営バスの運行について\n\n運転士がシートベルトを着けずにバスを運行する事案が発生しました。",
            "# 保育施設における「園児の置き去り」の発生について\n\n市内の保育施設で、「園児の置き去り」が発生しました。",
            "# 入浴施設の利用休止について\n\n定期検査で、浴槽の水からレジオネラ属菌が検出されました。",
            "# ガス供給支障事故の報告漏れについて\n\n当社は、国に報告すべき供給支障事故を報告していませんでした。",
            "# 緊急工事のお知らせ\n\n水道管の破損により、ご迷惑をおかけしておりますことをお詫び申し上げます。",
            "# 乗務員の対応について\n\n当社の乗務員が、お客様に不適当な言葉を使いました。誠に申し訳ございませんでした。",
            "# 路面電車の重大インシデントについて\n\n当社の路面電車で、手続きを忘れて単線の区間に進入しました。",
            "# お知らせ\n\n当社の電車で、信号の確認を怠るインシデントが発生いたしました。",
            "# 第三者委員会の報告書の公表について\n\n当法人の施設で昨年発生した虐待事案について、報告書を受け取りました。",
            "# 元役員の不正事件の調査結果について\n\n調査委員会から報告書を受け取りました。",
            "# お知らせ\n\n当社のパソコン1台がコンピュータウイルス「Emotet」に感染したことを確認しました。",
            "# お知らせ\n\n弊社の端末がエモテットに感染し、不審なメールが送られています。",
            "# お知らせ\n\n当施設で、職員による入所者への虐待があったことが判明しました。",
            "# 最終報告について\n\n本事件の対応について、調査チームから最終報告がありました。",
            "# 臨時休館の延長について\n\n天井が一部落下したことによる臨時休館を延長いたします。",
            "# 元社員による顧客データの持ち出しについて\n\n当社の元社員が、顧客の名簿を無断で自宅に持ち帰っていました。",
            "# お知らせ\n\n退職した社員が、取引先の情報を無断で社外に持ち出していたことが分かりました。",
            "# 介護保険料の還付加算金の支払不足について\n\n本市の計算方法を確かめたところ、一部の方への支払いが少なかったことが分かりました。",
            "# 調査報告書について\n\n昨年8月に当園で発生しました事件について、第三者委員会から報告を受けました。",
        ] {
            let k = kind(src);
            assert_eq!(k.kind, DocKind::Incident, "{src}");
            assert!(k.reason.contains('「'), "{}", k.reason);
        }
    }

    #[test]
    fn announcements_with_incident_looking_words_stay_announcements() {
        for src in [
            "# 障害者雇用の取り組みについて\n\n当社は障害者雇用を推進しています。",
            "# 本の宅配を始めます\n\nサンプル市立図書館は、年齢や病気、障害などのために来館が難しい方へ、本をお届けします。",
            "# 使用済み小型家電の回収ボックスの設置について\n\n当社は全店舗に回収ボックスを設置します。",
            "# 情報漏えい対策サービスの提供開始\n\n当社は新しい情報漏えい対策サービスを開始します。",
            "# 特殊詐欺の被害防止キャンペーンを実施\n\n当社は被害防止のための啓発を行います。",
            "# 新サービス「サンプルペイ」提供開始のお知らせ\n\n当社は決済サービスを開始します。",
            "# 誤りやすい敬語をまとめた冊子の発行について\n\n当社は、敬語の冊子を発行します。",
            "# 一升瓶の回収・再使用の取り組みを県内全域へ\n\n当社は、空き瓶の回収を全取扱店に広げます。",
            "# インクカートリッジ回収のお知らせ\n\n当社は使い終わったカートリッジの回収を始めます。",
            "# 制服の回収・リユースを始めます\n\n当校は、卒業生の制服の回収・リユースを始めます。",
            "# 配送料金改定のお知らせ\n\nこのたび、物流費の高騰により配送料金を改定いたします。お客様のご負担が増えますことを心よりお詫び申し上げます。",
            "# 臨時休館の延長について\n\n新型コロナウイルス感染症の拡大防止のため、臨時休館を5月31日まで延長します。",
            "# セキュリティ強化のお知らせ\n\n当店は、カードの不正利用をさせないため、本人認証を導入しました。",
            "# 業績予想の修正について\n\n固定資産の回収可能性を検討した結果、減損損失を計上します。",
            "# 所在不明株主の株式売却について\n\n当社は、所在不明株主の株式を売却します。",
            "# 大雨災害に対する義援金の寄付について\n\n当社は、大雨により被害を受けられた地域の支援のため、義援金1,000万円を寄付いたします。",
            "# 水質検査の結果について\n\n市内の全ての浄水場で、大腸菌は検出されませんでした。",
            "# 臨時休業のお知らせ\n\n新型コロナウイルス感染症に罹患された方に、お見舞い申し上げます。今後の新型コロナウイルス感染症の感染状況により、休業を延ばすことがあります。",
            "# 細菌検出キットの発売について\n\n当社は、食品の細菌を15分で調べる菌検出キットを発売します。",
            "# 営業時間変更のお知らせ\n\n営業時間の変更のお知らせが遅くなり、申し訳ございませんでした。",
            "# 防災訓練の実施について\n\n事案が発生した場合の連絡の流れを確かめる訓練を行います。",
            "2025年4月1日\n\n株式会社サンプル\n\n【重要】サービス終了のお知らせ\n\nこのたびのサービス終了について、突然のご案内となりましたことをお詫び申し上げます。",
            "# 当社からのお知らせ\n\n【重要】サービス終了のお知らせ\n\nこのたびのサービス終了について、突然のご案内となりましたことをお詫び申し上げます。",
            "# セキュリティ研修のご案内\n\nパソコンがコンピュータウイルスに感染しないための研修を開きます。",
            "# 虐待防止の研修について\n\n職員向けに虐待防止の研修を行います。",
            "# インシデント管理サービスの提供開始\n\n当社は、インシデント管理のクラウドサービスを始めます。",
            "# 外壁の改修工事について\n\n外壁の落下を防ぐため、改修工事を行います。",
            "# 情報漏えい対策ソフトの新版について\n\nデータの持ち出しを防ぐ機能を加えた新版を発売します。",
            "# 防災用品の配布について\n\n非常用の持ち出し袋を全世帯に配ります。",
            "# 推理劇の上演について\n\n館内で起きた事件を解く参加型の推理劇を上演します。",
        ] {
            assert_eq!(kind(src).kind, DocKind::Announcement, "{src}");
        }
    }

    #[test]
    fn plain_text_title_in_the_header_counts() {
        let k = kind("2025年4月1日\n\n株式会社サンプル\n\n個人情報漏えいに関するお詫び\n\n詳細は以下のとおりです。");
        assert_eq!(k.kind, DocKind::Incident, "{}", k.reason);
    }

    #[test]
    fn front_matter_and_default_win() {
        let doc =
            Document::parse("---\nkind: announcement\n---\n# 障害のお詫び\n\n障害が発生しました。");
        let tok = Tokenizer::new().unwrap();
        let ss = crate::sentence::sentences(&doc, &tok);
        assert_eq!(detect_kind(&doc, &ss, None).kind, DocKind::Announcement);
        let doc = Document::parse("# 障害のお詫び\n\n障害が発生しました。");
        let ss = crate::sentence::sentences(&doc, &tok);
        let k = detect_kind(&doc, &ss, Some(DocKind::Announcement));
        assert_eq!(k.kind, DocKind::Announcement);
        assert!(k.reason.contains("default-kind"));
    }

    #[test]
    fn greeting_lead_defers_to_the_next_paragraph() {
        let tok = crate::token::Tokenizer::new().unwrap();
        let src = "# 一部のお客様への請求について\n\nいつも当社のサービスをご利用いただき、ありがとうございます。\n\n5月18日の更新以降、一部のお客様に二重請求が発生していました。\n";
        let doc = Document::parse(src);
        let sentences = crate::sentence::sentences(&doc, &tok);
        assert_eq!(detect_kind(&doc, &sentences, None).kind, DocKind::Incident);
        // Without the greeting, a later paragraph does not decide the kind.
        let src = "# 新機能のお知らせ\n\n当社は新機能を公開しました。\n\n過去に二重請求が起きた決済方法は対象外です。\n";
        let doc = Document::parse(src);
        let sentences = crate::sentence::sentences(&doc, &tok);
        assert_eq!(
            detect_kind(&doc, &sentences, None).kind,
            DocKind::Announcement
        );
    }

    #[test]
    fn recovering_materials_is_not_a_recall() {
        assert_eq!(incident_word("汚泥からリンを回収する技術の共同研究"), None);
        assert_eq!(
            incident_word("対象商品を自主回収いたします"),
            Some("自主回収")
        );
        assert_eq!(incident_word("水道水に異臭があるとの連絡"), Some("異臭"));
    }

    #[test]
    fn information_left_open_to_view_is_an_incident() {
        assert_eq!(
            incident_word("送信された情報が、閲覧可能な状態になっていたことが判明しました"),
            Some("閲覧可能な状態")
        );
        assert_eq!(
            incident_word("名簿が外部から閲覧できる状態でした"),
            Some("閲覧できる状態")
        );
        assert_eq!(incident_word("議事録はどなたでも閲覧できます"), None);
    }
}
