//! Helpers shared by integration tests.

use std::sync::Arc;

use koho::coverage::DocKind;
use koho::rules::{spec, Registry};
use koho::token::Tokenizer;
use koho::Settings;

/// Settings with only the rules of `toml` (a user rule file), judged as an
/// incident.
pub fn user_rules(toml: &str) -> Settings {
    let mut reg = Registry::default();
    for r in spec::load("user.toml", toml, "test").expect("rules load") {
        reg.insert(r).expect("insert");
    }
    let mut s = Settings::new(
        Arc::new(reg),
        Arc::new(Tokenizer::new().expect("tokenizer")),
    );
    s.default_kind = Some(DocKind::Incident);
    s
}
