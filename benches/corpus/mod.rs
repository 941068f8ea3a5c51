//! Deterministic generator of Japanese Markdown press releases for the
//! benchmarks and the whole-process script. Nothing is stored in the
//! repository: the same seed always yields the same bytes, so numbers are
//! comparable between runs and machines.

#![allow(dead_code)]

/// splitmix64: tiny, fast and stable across platforms and Rust versions.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const COMPANIES: &[&str] = &[
    "株式会社みなと情報システム",
    "さくらネット株式会社",
    "株式会社北斗ペイメント",
    "あおば食品株式会社",
    "株式会社いろはトラベル",
    "ひかり電機株式会社",
];
const SERVICES: &[&str] = &[
    "会員向けオンラインストア",
    "スマートフォン決済アプリ",
    "ポイントサービス",
    "予約サイト",
    "社内ファイル共有システム",
    "ネット通販サイト",
];
const DATA: &[&str] = &[
    "氏名、住所、電話番号",
    "メールアドレスとログインID",
    "クレジットカード番号の下4桁と有効期限",
    "生年月日と性別",
    "購入履歴",
];
const CAUSES: &[&str] = &[
    "第三者による不正アクセス",
    "委託先の設定不備",
    "システム改修時の誤操作",
    "ランサムウェアへの感染",
    "従業員によるメールの誤送信",
];
const ACTIONS: &[&str] = &[
    "該当サーバーをネットワークから切り離しました",
    "全会員のパスワードを初期化しました",
    "外部の専門機関に調査を依頼しました",
    "個人情報保護委員会へ報告しました",
    "所轄の警察署に相談しております",
    "専用の問い合わせ窓口を設置しました",
];
const PRODUCTS: &[&str] = &[
    "新型ロボット掃除機",
    "法人向けクラウド会計サービス",
    "季節限定の焼き菓子",
    "電気自動車用の充電器",
    "学習アプリの新機能",
];

/// One release of roughly `target` bytes (3–8 KB is typical). Odd `n`
/// gives an incident report, even `n` an announcement; some sentences
/// carry issues the built-in rules report (下さい, over-long sentences).
pub fn release(n: u64, target: usize) -> String {
    let mut r = Rng::new(n.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0x6b6f686f);
    let company = r.pick(COMPANIES);
    let service = r.pick(SERVICES);
    let incident = n % 2 == 1;
    let mut s = String::with_capacity(target + 1024);
    s.push_str("報道関係者各位\n\n");
    s.push_str(&format!(
        "2025年{}月{}日  \n{company}  \n代表取締役社長 山田 太郎\n\n",
        1 + r.below(12),
        1 + r.below(28)
    ));
    if incident {
        s.push_str(&format!(
            "# {service}への不正アクセスによる個人情報漏えいに関するお詫びとお知らせ\n\n"
        ));
        s.push_str(&format!(
            "このたび、当社が運営する「{service}」において、{}により、お客様の{}が外部に流出した可能性があることが判明いたしました。お客様ならびに関係者の皆様に多大なるご迷惑とご心配をおかけしますことを、深くお詫び申し上げます。\n\n",
            r.pick(CAUSES),
            r.pick(DATA)
        ));
    } else {
        let product = r.pick(PRODUCTS);
        s.push_str(&format!("# {company}、{product}を発売\n\n"));
        s.push_str(&format!(
            "{company}は、{product}を2025年{}月{}日から全国の販売店とオンラインストアで発売します。価格は税込{},{}00円です。\n\n",
            1 + r.below(12),
            1 + r.below(28),
            1 + r.below(90),
            r.below(10)
        ));
    }
    let mut section = 0;
    while s.len() < target.saturating_sub(600) {
        section += 1;
        let heading = r.pick(&[
            "経緯",
            "原因",
            "対象となるお客様",
            "当社の対応",
            "今後の対策",
            "製品の特長",
            "背景",
        ]);
        if section % 2 == 0 {
            s.push_str(&format!("## {section}. {heading}\n\n"));
        } else {
            s.push_str(&format!("【{heading}】\n\n"));
        }
        for _ in 0..1 + r.below(3) {
            paragraph(&mut r, service, &mut s);
        }
        match r.below(4) {
            0 => {
                for _ in 0..2 + r.below(3) {
                    s.push_str(&format!("- {}。\n", r.pick(ACTIONS)));
                }
                s.push('\n');
            }
            1 => {
                s.push_str("| 項目 | 件数 | 備考 |\n| --- | ---: | --- |\n");
                for _ in 0..2 + r.below(3) {
                    s.push_str(&format!(
                        "| {} | {} | 調査中 |\n",
                        r.pick(DATA),
                        r.below(100_000)
                    ));
                }
                s.push('\n');
            }
            2 => s.push_str("詳細は `https://example.jp/news/` をご覧下さい。\n\n"),
            _ => {}
        }
    }
    s.push_str("【本件に関するお問い合わせ先】\n");
    s.push_str(&format!(
        "{company} 広報部  \n電話：03-{:04}-{:04}（受付時間 平日9:00〜18:00）  \nメール：press@example.jp\n",
        r.below(10_000),
        r.below(10_000)
    ));
    s
}

fn paragraph(r: &mut Rng, service: &str, s: &mut String) {
    for _ in 0..2 + r.below(4) {
        let sentence = match r.below(7) {
            0 => format!(
                "2025年{}月{}日{}時頃、{service}の監視システムが通常と異なる通信を検知したため、当社は直ちに調査を開始しました。",
                1 + r.below(12),
                1 + r.below(28),
                r.below(24)
            ),
            1 => format!(
                "調査の結果、{}が原因であることが判明し、{}。",
                r.pick(CAUSES),
                r.pick(ACTIONS)
            ),
            2 => format!(
                "対象となる可能性があるのは{}名分の{}です。",
                1 + r.below(500_000),
                r.pick(DATA)
            ),
            3 => "不審なメールや電話にはご注意下さい。".to_owned(),
            4 => format!(
                "なお、現時点で{}を悪用した被害は確認されておりませんが、引き続き外部の専門機関と連携して調査を進めるとともに、判明した事実については当社ウェブサイトで速やかにお知らせし、再発防止に向けて{}ほか、全社的な管理体制の見直しを進めてまいります。",
                r.pick(DATA),
                r.pick(ACTIONS)
            ),
            5 => format!(
                "当社は、{}と{}を柱に、お客様に安心してご利用いただける環境づくりに努めてまいります。",
                r.pick(&["情報セキュリティの強化", "品質管理の徹底", "社員教育"]),
                r.pick(&["監視体制の拡充", "第三者による点検", "手順の見直し"])
            ),
            _ => format!("{}。", r.pick(ACTIONS)),
        };
        s.push_str(&sentence);
    }
    s.push_str("\n\n");
}

/// `count` releases of 3–8 KB each, as (file name, text).
pub fn corpus(count: usize) -> Vec<(String, String)> {
    (0..count)
        .map(|i| {
            let size = 3000 + (i * 7919) % 5000;
            (format!("release-{i:05}.md"), release(i as u64, size))
        })
        .collect()
}

/// One file of about `bytes` bytes: releases joined with a thematic break.
pub fn big_file(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 8192);
    let mut i = 0u64;
    while s.len() < bytes {
        s.push_str(&release(i, 3000 + (i as usize * 7919) % 5000));
        s.push_str("\n---\n\n");
        i += 1;
    }
    s
}
