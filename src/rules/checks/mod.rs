//! Code-backed checks: rules that data cannot express (calendars, phone
//! numbering, count conflicts, timelines). Each is one file named after its
//! rule id, implementing the same [`Rule`] trait as data rules.

use std::sync::Arc;

use super::Rule;

// Release checks and the helpers they share.
pub mod counts;
pub mod element;
pub mod jdate;
pub mod missing_as_of;
pub mod missing_hotline;
pub mod missing_victim_count;
pub mod missing_when;
pub mod missing_who;
pub mod phone;

/// Every code-backed check, registered once.
pub fn all() -> Vec<Arc<dyn Rule>> {
    vec![
        // release.*
        missing_as_of::rule(),
        missing_hotline::rule(),
        missing_victim_count::rule(),
        missing_when::rule(),
        missing_who::rule(),
    ]
}
