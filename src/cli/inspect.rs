//! `koho inspect FILE`: how koho reads a draft — each block's role in the
//! release anatomy (title, header, lead, body, contact), its sentences and
//! whether each counts as prose for style rules, optionally the tokens.
//! For writers wondering why a rule did or did not fire, and for rule authors.

use std::io::{self, Write};

use super::args::InspectArgs;
use super::ExitStatus;
use crate::document::Document;
use crate::input;
use crate::span::LineIndex;
use crate::token::Tokenizer;

pub fn run(a: &InspectArgs) -> io::Result<ExitStatus> {
    let name = a.path.display().to_string();
    let bytes = match input::read_file(&a.path, input::DEFAULT_MAX_BYTES) {
        Ok(b) => b,
        Err(e) => {
            writeln!(io::stderr(), "koho: {name}: {e}")?;
            return Ok(ExitStatus::Error);
        }
    };
    let source = match input::decode(&name, &bytes, input::DEFAULT_MAX_BYTES) {
        Ok(s) => s,
        Err(e) => {
            writeln!(io::stderr(), "koho: {name}: {e}")?;
            return Ok(ExitStatus::Error);
        }
    };
    let tokenizer = match Tokenizer::new() {
        Ok(t) => t,
        Err(e) => {
            writeln!(io::stderr(), "koho: {e}")?;
            return Ok(ExitStatus::Error);
        }
    };
    let doc = Document::parse(&source.text);
    let sentences = crate::sentence::sentences(&doc, &tokenizer);
    let kind = crate::coverage::detect_kind(&doc, &sentences, None);
    let index = LineIndex::new(&source.text);
    let mut out = io::stdout().lock();
    writeln!(out, "{name}: {}（{}）", kind.kind.label_ja(), kind.reason)?;
    for (bi, b) in doc.blocks.iter().enumerate() {
        let p = index.position(&source.text, b.span.start);
        writeln!(
            out,
            "\n[{bi}] {}行目 {:?} {:?}{}",
            p.line,
            b.role,
            b.kind,
            if b.pseudo_heading {
                " (【】見出し)"
            } else {
                ""
            }
        )?;
        for s in sentences.iter().filter(|s| s.block() == bi) {
            writeln!(
                out,
                "  {} {}",
                if s.prose { "文" } else { "行" },
                s.text.replace('\n', "⏎")
            )?;
            if a.tokens {
                let toks: Vec<String> = s
                    .tokens(&tokenizer)
                    .iter()
                    .map(|t| format!("{}/{},{}/{}", t.surface, t.pos[0], t.pos[1], t.base))
                    .collect();
                writeln!(out, "     {}", toks.join(" "))?;
            }
        }
    }
    Ok(ExitStatus::Success)
}
