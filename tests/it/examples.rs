//! Every rule's documented examples are its tests (harper's weir rules,
//! ruff's fixtures): each rule must have docs, at least one `bad` example
//! that fires it and one `good` example that does not.

use koho::rules::Registry;
use koho::{lint, Settings, Source};

fn settings_for(rule: &str) -> Settings {
    let mut s = Settings::builtin().expect("builtin settings");
    s.select(&[rule.to_owned()]);
    let kind = s.registry.get(rule).expect("rule").meta().applies_to[0];
    s.default_kind = Some(kind);
    s
}

fn fired(settings: &Settings, rule: &str, text: &str) -> Vec<String> {
    lint(Source::new("example.md", text), settings)
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == rule)
        .map(|d| d.message.to_string())
        .collect()
}

#[test]
fn every_rule_is_documented_and_its_examples_hold() {
    let registry = Registry::builtin().expect("builtin rules load");
    assert!(!registry.is_empty());
    let mut failures = Vec::new();
    for rule in registry.iter() {
        let m = rule.meta();
        if m.summary.trim().is_empty() || m.message.trim().is_empty() || m.help.trim().is_empty() {
            failures.push(format!("{}: summary, message and help are required", m.id));
        }
        if m.bad.is_empty() || m.good.is_empty() {
            failures.push(format!(
                "{}: needs at least one bad and one good example",
                m.id
            ));
            continue;
        }
        let settings = settings_for(&m.id);
        for bad in &m.bad {
            if fired(&settings, &m.id, bad).is_empty() {
                failures.push(format!("{}: bad example did not fire: {bad:?}", m.id));
            }
        }
        for good in &m.good {
            let got = fired(&settings, &m.id, good);
            if !got.is_empty() {
                failures.push(format!("{}: good example fired {got:?}: {good:?}", m.id));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rule_ids_are_stable_family_kebab_case() {
    let registry = Registry::builtin().expect("builtin rules load");
    for rule in registry.iter() {
        let id = &rule.meta().id;
        assert!(
            id.starts_with("release.") || id.starts_with("ja.") || id.starts_with("koho."),
            "unexpected family: {id}"
        );
        assert!(
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'),
            "{id}"
        );
    }
}
