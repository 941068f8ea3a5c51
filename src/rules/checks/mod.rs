//! Code-backed checks: rules that data cannot express (calendars, phone
//! numbering, count conflicts, timelines). Each is one file named after its
//! rule id, implementing the same [`Rule`] trait as data rules.

use std::sync::Arc;

use super::Rule;

pub mod allow;
pub mod chars;
pub mod no_control_char;
pub mod no_exclamation;
pub mod no_hankaku_kana;
pub mod no_nfd;
pub mod no_zero_width;
pub mod term_consistency;
pub mod terms;
pub mod unnatural_alphabet;

// Release checks and the helpers they share.
pub mod count_conflict;
pub mod counts;
pub mod element;
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
