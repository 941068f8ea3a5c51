//! Code-backed checks: rules that data cannot express (calendars, phone
//! numbering, count conflicts, timelines). Each is one file named after its
//! rule id, implementing the same [`Rule`] trait as data rules.

use std::sync::Arc;

use super::Rule;

/// Every code-backed check, registered once.
pub fn all() -> Vec<Arc<dyn Rule>> {
    vec![]
}
