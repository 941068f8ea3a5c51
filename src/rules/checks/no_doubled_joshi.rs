//! `ja.no-doubled-joshi`: the same particle twice within a short distance
//! in one sentence (textlint-rule-no-doubled-joshi), with its defaults as
//! set by the ja-technical-writing preset.
//!
//! Particles in a row (「には」「では」) count as one particle. The distance
//! between two particles is counted in particles, and a 読点 or bracket
//! between them adds one, so 「右が赤、左が青」 is allowed. Outside strict
//! mode the ambiguous cases textlint allows are allowed: 連体化「の」,
//! 格助詞「を」, 接続助詞「て」, 並立助詞 pairs (〜たり〜たり) and 〜か
//! どうか; and, unlike textlint, two particles with a verb or adjective
//! between them that modifies a noun (「〜可能性があることが判明しました」:
//! the first belongs to that clause), the standard wording of releases.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::ja_common::{cap, finding, is_bracket, is_joshi, is_touten, opt};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, Reach, Rule, RuleMeta};
use crate::span::Span;
use crate::token::Token;

pub struct NoDoubledJoshi {
    meta: RuleMeta,
}

const ID: &str = "ja.no-doubled-joshi";

impl NoDoubledJoshi {
    pub fn new() -> Self {
        let mut m = RuleMeta::builtin(ID, Severity::Warning);
        m.summary = "同じ助詞が一文の中で近くに続いています".into();
        m.message = "一文の中で助詞「{match}」が続けて使われています。".into();
        m.help = "言い換えるか語順を変えて、同じ助詞が続かないようにしてください。".into();
        m.why = "「材料不足で代替品で作った」のように同じ助詞が続くと、文の係り受けがわかりにくくなります。".into();
        m.how = "形態素解析で助詞を取り出し、同じ助詞（品詞細分類も同じもの）の間隔が min-interval 以下なら報告します。連続する助詞（「には」など）は一つとして扱い、間にある読点（「、」「，」と、数の区切りでない「,」）や括弧は間隔を一つ広げます。".into();
        m.exceptions = "連体化の「の」、格助詞の「を」、接続助詞の「て」、一文に二つだけの並立助詞（〜たり〜たり）、「〜かどうか」、間に名詞を修飾する動詞・形容詞がある二つ（「漏えいした可能性があることが判明しました」の「が」と「が」。前の助詞はその節の中にあり、係り先が別です）は報告しません（strict = true で報告します）。また textlint と異なり、「ように」「ために」の「に」は格助詞の「に」と別に扱います。allow に書いた助詞も報告しません（既定は空で、「AもBも」は報告します）。".into();
        m.bad = vec![
            "システム障害で全店舗で営業を停止しました。".into(),
            "午後3時、火災の鎮火が確認がされました。".into(),
            "在庫が1,000個が残っています。".into(),
        ];
        m.good = vec![
            "障害の影響により、一部の店舗で営業を停止しました。".into(),
            "東京が晴れ、大阪が雨でした。".into(),
            "新製品の価格の詳細を発表しました。".into(),
            "異常を早期に検知できるようにします。".into(),
            "お客様の個人情報が漏えいした可能性があることが判明しました。".into(),
            "当社が開発したアプリが停止しました。".into(),
            "財産的被害が発生するおそれがある情報は含まれていません。".into(),
            "アクセス制限の設定が不完全だったことが原因です。".into(),
            "東京が晴れ,大阪が雨でした。".into(),
        ];
        m.options = vec![
            opt(
                "min-interval",
                "1",
                "同じ助詞の間隔がこの値以下のとき報告します。",
            ),
            opt("strict", "false", "true にすると例外の助詞も報告します。"),
            opt(
                "allow",
                "[]",
                "重なっても報告しない助詞（例: [\"も\", \"や\"]）。",
            ),
        ];
        NoDoubledJoshi { meta: m }
    }
}

impl Default for NoDoubledJoshi {
    fn default() -> Self {
        Self::new()
    }
}

/// FNV-1a: particle keys are a few bytes long, and SipHash (the std
/// default, built against hostile keys) cost more than the rest of the rule.
#[derive(Default)]
struct FnvHasher(u64);

impl Hasher for FnvHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Fnv = BuildHasherDefault<FnvHasher>;

type Key<'a> = (Cow<'a, str>, &'a str);

/// For each unit with a key: the index of the previous unit with the same
/// key, and how many units of the sentence have that key. Only a previous
/// unit at most `within` units back is ever reported, so most sentences (a
/// handful of particles) look only that far back, and count a key only when
/// such a unit exists; long ones use maps, so that they stay linear (there
/// the index may be of a unit further back, which the caller skips alike).
fn previous_and_count(
    keys: &[Option<Key<'_>>],
    within: usize,
    prev: &mut Vec<Option<usize>>,
    count: &mut Vec<usize>,
) {
    prev.clear();
    count.clear();
    prev.resize(keys.len(), None);
    count.resize(keys.len(), 0);
    const FEW: usize = 48;
    if keys.len() <= FEW {
        for (b, kb) in keys.iter().enumerate() {
            let Some(kb) = kb else { continue };
            prev[b] = (b.saturating_sub(within)..b)
                .rev()
                .find(|&a| keys[a].as_ref() == Some(kb));
            if prev[b].is_some() {
                count[b] = keys.iter().filter(|k| k.as_ref() == Some(kb)).count();
            }
        }
        return;
    }
    let mut last: HashMap<&Key<'_>, usize, Fnv> = HashMap::default();
    let mut counts: HashMap<&Key<'_>, usize, Fnv> = HashMap::default();
    for key in keys.iter().flatten() {
        *counts.entry(key).or_default() += 1;
    }
    for (b, key) in keys.iter().enumerate() {
        let Some(key) = key else { continue };
        count[b] = counts.get(key).copied().unwrap_or(0);
        prev[b] = last.insert(key, b);
    }
}

/// A particle, or several in a row joined into one, or a separator.
struct Unit<'t> {
    /// Index of the first token in the sentence.
    first: usize,
    tokens: &'t [Token],
    separator: bool,
    /// 「に」 after a dependent noun (よう・ため): part of ように／ために,
    /// not a case particle of its own.
    functional: bool,
}

impl Unit<'_> {
    fn surface(&self) -> String {
        self.tokens.iter().map(|t| t.surface.as_str()).collect()
    }

    /// Which particle this is: its surface and what kind of particle it
    /// is (the 品詞細分類, 機能語 or 連語). Borrowed for a single token,
    /// the common case, so that no string is built per particle.
    fn key(&self) -> (Cow<'_, str>, &str) {
        match self.tokens {
            [one] if self.functional => (Cow::Borrowed(one.surface.as_str()), "機能語"),
            [one] => (Cow::Borrowed(one.surface.as_str()), &*one.pos[1]),
            _ => (Cow::Owned(self.surface()), "連語"),
        }
    }

    fn range(&self) -> Span {
        match (self.tokens.first(), self.tokens.last()) {
            (Some(a), Some(b)) => Span::new(a.range().start, b.range().end),
            _ => Span::default(),
        }
    }
}

/// The units of `tokens`, into `out` (cleared first: one buffer serves
/// every sentence).
fn units<'t>(tokens: &'t [Token], strict: bool, out: &mut Vec<Unit<'t>>) {
    out.clear();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if is_joshi(t) {
            let mut j = i + 1;
            while tokens.get(j).is_some_and(is_joshi) {
                j += 1;
            }
            let functional = j == i + 1
                && t.surface == "に"
                && i.checked_sub(1)
                    .and_then(|k| tokens.get(k))
                    .is_some_and(|p| p.pos_starts_with(&["名詞", "非自立"]));
            out.push(Unit {
                first: i,
                tokens: &tokens[i..j],
                separator: false,
                functional,
            });
            i = j;
            continue;
        }
        if !strict && (is_touten(tokens, i) || is_bracket(t)) {
            out.push(Unit {
                first: i,
                tokens: &tokens[i..=i],
                separator: true,
                functional: false,
            });
        }
        i += 1;
    }
}

/// textlint's non-strict exceptions, judged on the pair; `count` is how
/// often the particle occurs in the sentence.
fn excepted(a: &Unit<'_>, b: &Unit<'_>, tokens: &[Token], count: usize) -> bool {
    let [t] = a.tokens else {
        return false;
    };
    if t.pos[1] == "連体化" || (t.pos[1] == "格助詞" && t.surface == "を") {
        return true;
    }
    if t.pos[1] == "接続助詞" && t.surface == "て" {
        return true;
    }
    // 登ったり降りたり: a pair is intended; a third one is not.
    if t.pos[1] == "並立助詞" && count == 2 {
        return true;
    }
    if t.surface == "か" && count == 2 {
        let dou = b.first.checked_sub(1).and_then(|k| tokens.get(k));
        return dou.is_some_and(|d| d.surface == "どう");
    }
    // 「漏えいした可能性があることが判明しました」「当社が開発したアプリが」:
    // a verb or adjective between them that modifies a noun closes the
    // first particle's clause, so the two do not compete for one predicate.
    let between = tokens.get(a.first + a.tokens.len()..b.first).unwrap_or(&[]);
    between.iter().enumerate().any(|(k, t)| {
        // (A copula closes a clause too: 「設定が不完全だったことが」.)
        let predicate = t.pos_starts_with(&["動詞", "自立"])
            || t.pos_starts_with(&["形容詞", "自立"])
            || t.pos[0] == "助動詞";
        predicate
            && between
                .get(k + 1..)
                .unwrap_or(&[])
                .iter()
                .find(|n| {
                    // (お|それ: a prefix before the noun.)
                    !(n.pos[0] == "助動詞"
                        || n.pos[0] == "接頭詞"
                        || n.pos_starts_with(&["動詞", "非自立"])
                        || n.pos_starts_with(&["動詞", "接尾"]))
                })
                .is_some_and(|n| n.pos[0] == "名詞" || n.pos[0] == "未知語")
    })
}

impl Rule for NoDoubledJoshi {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn reach(&self) -> Reach {
        Reach::Block
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let min_interval = ctx.options.int("min-interval", 1).max(0) as usize;
        let strict = ctx.options.bool("strict", false);
        let allow = ctx.options.strings("allow");
        // Buffers reused from sentence to sentence.
        let mut us: Vec<Unit<'_>> = Vec::new();
        let mut prev: Vec<Option<usize>> = Vec::new();
        let mut count: Vec<usize> = Vec::new();
        for s in ctx.prose() {
            let start = out.len();
            let tokens = ctx.tokens(s);
            units(tokens, strict, &mut us);
            // Each unit's key, computed once (separators have none).
            let keys: Vec<Option<(Cow<'_, str>, &str)>> =
                us.iter().map(|u| (!u.separator).then(|| u.key())).collect();
            previous_and_count(&keys, min_interval, &mut prev, &mut count);
            for (bi, b) in us.iter().enumerate() {
                let Some(&Some(ai)) = prev.get(bi) else {
                    continue;
                };
                let count = count.get(bi).copied().unwrap_or(0);
                if !allow.is_empty() && allow.contains(&b.surface()) {
                    continue;
                }
                let Some(a) = us.get(ai) else {
                    continue;
                };
                if bi - ai > min_interval || (!strict && excepted(a, b, tokens, count)) {
                    continue;
                }
                let msg = self.meta.message.replace("{match}", &b.surface());
                out.push(finding(ctx, ID, s, b.range(), msg, &self.meta.help));
            }
            cap(out, start);
        }
    }
}
