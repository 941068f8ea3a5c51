//! Code-backed checks: rules that data cannot express (calendars, phone
//! numbering, count conflicts, timelines). Each is one file named after its
//! rule id, implementing the same [`Rule`] trait as data rules.

use std::sync::Arc;

use super::Rule;

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
