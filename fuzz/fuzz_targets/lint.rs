//! Fuzz target: arbitrary bytes through the whole pipeline as the CLI runs
//! it (decode → lint with every rule → fix loop), checking the span and fix
//! invariants that the reporters and `--fix` rely on.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn settings() -> &'static koho::Settings {
    static S: OnceLock<koho::Settings> = OnceLock::new();
    S.get_or_init(|| {
        let mut s = koho::Settings::builtin().expect("built-in rules");
        let ids: Vec<String> = s.registry.iter().map(|r| r.meta().id.clone()).collect();
        s.select(&ids);
        s
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(source) = koho::input::decode("fuzz.md", data, 1 << 20) else {
        return;
    };
    let text = source.text.clone();
    let report = koho::lint(source.clone(), settings());
    for d in &report.diagnostics {
        for s in std::iter::once(d.span)
            .chain(d.labels.iter().map(|l| l.span))
            .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.span)))
        {
            assert!(s.start <= s.end && s.end <= text.len());
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }
    let (fixed, _) = koho::fix::fix_source(&source, settings());
    let again = koho::Source::new("fuzz.md", fixed.clone());
    let (twice, n) = koho::fix::fix_source(&again, settings());
    assert_eq!(twice, fixed);
    assert_eq!(n, 0);
});
