//! Fuzz target: Markdown → document model and sentences. Reading the text
//! in pieces must give the same document as reading it whole; every block's
//! offset map must send plain-text ranges back into the source on char
//! boundaries, and sentence spans must lie within the source.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn tokenizer() -> &'static koho::token::Tokenizer {
    static T: OnceLock<koho::token::Tokenizer> = OnceLock::new();
    T.get_or_init(|| koho::token::Tokenizer::new().expect("dictionary"))
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks a piece size for the piecewise reading of long
    // bodies (1 MiB in use; small here so that short inputs are cut).
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    assert!(koho::document::markdown::pieces_read_like_the_whole(
        text,
        usize::from(first) + 1
    ));
    let doc = koho::document::Document::parse(text);
    for b in &doc.blocks {
        let all = b.source_span(koho::span::Span::new(0, b.text.len()));
        assert!(all.start <= all.end && all.end <= text.len());
    }
    for s in koho::sentence::sentences(&doc, tokenizer()) {
        assert!(s.span.start <= s.span.end && s.span.end <= text.len());
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        for t in s.tokens(tokenizer()) {
            assert!(s.text.get(t.range().start..t.range().end).is_some());
            let src = s.token_span(&doc, t);
            assert!(src.end <= text.len());
        }
    }
});
