//! Code-backed checks: rules that data cannot express (calendars, phone
//! numbering, count conflicts, timelines). Each is one file named after its
//! rule id, implementing the same [`Rule`] trait as data rules.

use std::sync::Arc;

use super::Rule;

pub mod allow;
pub mod arabic_kanji_numbers;
pub mod chars;
mod ja_common;
pub mod max_comma;
pub mod max_kanji_run;
pub mod max_ten;
pub mod no_control_char;
pub mod no_double_negative;
pub mod no_doubled_conjunction;
pub mod no_doubled_ga;
pub mod no_doubled_joshi;
pub mod no_dropping_ra;
pub mod no_exclamation;
pub mod no_hankaku_kana;
pub mod no_mix_dearu_desumasu;
pub mod no_mixed_period;
pub mod no_nfd;
pub mod no_successive_word;
pub mod no_unmatched_pair;
pub mod no_zero_width;
pub mod term_consistency;
pub mod terms;
pub mod unnatural_alphabet;

// Release checks and the helpers they share.
pub mod count_conflict;
pub mod counts;
pub mod element;
pub mod facts;
pub mod jdate;
pub mod lead_5w;
pub mod missing_as_of;
pub mod missing_date;
pub mod missing_hotline;
pub mod missing_issuer;
pub mod missing_victim_count;
pub mod missing_when;
pub mod missing_who;
pub mod phone;
pub mod phone_invalid;
pub mod predicate;
pub mod relative_date;
pub mod timeline_order;
pub mod weekday_mismatch;

/// Every code-backed check, registered once.
pub fn all() -> Vec<Arc<dyn Rule>> {
    vec![
        Arc::new(no_control_char::NoControlChar::new()),
        Arc::new(no_exclamation::NoExclamation::new()),
        Arc::new(no_hankaku_kana::NoHankakuKana::new()),
        Arc::new(no_nfd::NoNfd::new()),
        Arc::new(no_zero_width::NoZeroWidth::new()),
        Arc::new(term_consistency::TermConsistency::new()),
        Arc::new(terms::Terms::new()),
        Arc::new(unnatural_alphabet::UnnaturalAlphabet::new()),
        // ja.* (grammar and punctuation)
        Arc::new(arabic_kanji_numbers::ArabicKanjiNumbers::new()),
        Arc::new(max_comma::MaxComma::new()),
        Arc::new(max_kanji_run::MaxKanjiRun::new()),
        Arc::new(max_ten::MaxTen::new()),
        Arc::new(no_double_negative::NoDoubleNegative::new()),
        Arc::new(no_doubled_conjunction::NoDoubledConjunction::new()),
        Arc::new(no_doubled_ga::NoDoubledGa::new()),
        Arc::new(no_doubled_joshi::NoDoubledJoshi::new()),
        Arc::new(no_dropping_ra::NoDroppingRa::new()),
        Arc::new(no_mix_dearu_desumasu::NoMixDearuDesumasu::new()),
        Arc::new(no_mixed_period::NoMixedPeriod::new()),
        Arc::new(no_successive_word::NoSuccessiveWord::new()),
        Arc::new(no_unmatched_pair::NoUnmatchedPair::new()),
        // release.*
        count_conflict::rule(),
        lead_5w::rule(),
        missing_as_of::rule(),
        missing_date::rule(),
        missing_hotline::rule(),
        missing_issuer::rule(),
        missing_victim_count::rule(),
        missing_when::rule(),
        missing_who::rule(),
        phone_invalid::rule(),
        relative_date::rule(),
        timeline_order::rule(),
        weekday_mismatch::rule(),
    ]
}

/// Compile the regexes that the code-backed release checks need on
/// every file (see [`crate::warm_up_rules_in_background`]), costliest first: the
/// organisation-name pattern alone takes about 2.5 ms (bounded repeats of
/// large Unicode classes). Regexes needed only once a rule has found
/// something stay lazy.
pub fn warm_up() {
    let _ = missing_who::org_re();
    let _ = (counts::count_re(), counts::damage_re(), counts::key_re());
    let _ = (counts::gift_re(), counts::as_of_re());
    let _ = (jdate::kanji_date_re(), jdate::time_re());
    let _ = (jdate::slash_date_re(), jdate::iso_date_re());
    let _ = (phone::phone_re(), phone::phone_word_re());
    let _ = (phone::email_re(), phone::url_re());
    let _ = (
        missing_hotline::contact_words(),
        missing_hotline::customer_words(),
    );
    let _ = (
        missing_hotline::named_desk(),
        missing_hotline::press_words(),
    );
    let _ = (missing_who::self_reference_re(), count_conflict::part_re());
    let _ = (relative_date::words(), timeline_order::timeline_heading());
    let _ = timeline_order::time_after();
}
