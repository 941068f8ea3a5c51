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
    ]
}
