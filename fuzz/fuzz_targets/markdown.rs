//! Fuzz target: Markdown → document model and sentences. Every block's
//! offset map must send plain-text ranges back into the source on char
//! boundaries, and sentence spans must lie within the source.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn tokenizer() -> &'static koho::token::Tokenizer {
    static T: OnceLock<koho::token::Tokenizer> = OnceLock::new();
    T.get_or_init(|| koho::token::Tokenizer::new().expect("dictionary"))
}

fuzz_target!(|text: &str| {
    let doc = koho::document::Document::parse(text);
    for b in &doc.blocks {
        let all = b.source_span(koho::span::Span::new(0, b.text.len()));
        assert!(all.start <= all.end && all.end <= text.len());
    }
    for s in koho::sentence::sentences(&doc, tokenizer()) {
        assert!(s.span.start <= s.span.end && s.span.end <= text.len());
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        for t in &s.tokens {
            assert!(s.text.get(t.range().start..t.range().end).is_some());
            let src = s.token_span(&doc, t);
            assert!(src.end <= text.len());
        }
    }
});
