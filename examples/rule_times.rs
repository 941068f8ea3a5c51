//! Where `koho::lint` spends its time, rule by rule, on one core.
//!
//! `cargo run --release --example rule_times -- DIR [--all]` parses and
//! tokenizes every `.md` file under DIR once (timed as "parse+tokenize"),
//! then times each rule's `find_evidence` (element rules) and `check` over
//! all files, and prints the rules by total time. `--all` enables every
//! rule (as `benches/lint.rs` does); by default the default rules run.
//! Times are of single calls, not best of N: run it twice and compare.

use std::time::{Duration, Instant};

use koho::coverage::{self, Coverage};
use koho::document::Document;
use koho::rules::checks::facts::Facts;
use koho::rules::Ctx;
use koho::{sentence, Settings, Source};

// The allocator of the koho binary, so that allocation costs are those users see.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().expect("usage: rule_times DIR [--all]");
    let mut settings = Settings::builtin().expect("built-in rules load");
    if args.iter().any(|a| a == "--all") {
        let ids: Vec<String> = settings
            .registry
            .iter()
            .map(|r| r.meta().id.clone())
            .collect();
        settings.select(&ids);
    }
    let mut paths = Vec::new();
    files(std::path::Path::new(dir), &mut paths);
    paths.sort();
    let sources: Vec<Source> = paths
        .iter()
        .map(|p| {
            Source::new(
                p.display().to_string(),
                std::fs::read_to_string(p).expect("utf-8 file"),
            )
        })
        .collect();
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();

    let t = Instant::now();
    let parsed: Vec<_> = sources
        .iter()
        .map(|s| {
            let doc = Document::parse(&s.text);
            let sentences = sentence::sentences(&doc, &settings.tokenizer);
            let kind = coverage::detect_kind(&doc, &sentences, None).kind;
            (doc, sentences, kind)
        })
        .collect();
    let parse = t.elapsed();

    // `KOHO_RULE=part[,part…]` times only rules whose id contains one of
    // the parts (to profile a few rules with `perf record`).
    let only = std::env::var("KOHO_RULE").unwrap_or_default();
    let rules: Vec<_> = settings
        .registry
        .iter()
        .filter(|r| only.split(',').any(|p| r.meta().id.contains(p)))
        .collect();
    let mut times: Vec<(String, Duration)> = Vec::new();
    let no_options = Default::default();
    // Several passes, keeping each rule's best: the first pass also
    // compiles lazy regexes and fills caches.
    let mut best_evidence = vec![Duration::MAX; rules.len()];
    let mut best_check = vec![Duration::MAX; rules.len()];
    for _pass in 0..3 {
        let mut evidence = vec![Duration::ZERO; rules.len()];
        let mut check = vec![Duration::ZERO; rules.len()];
        for (src, (doc, sentences, kind)) in sources.iter().zip(&parsed) {
            let facts = Facts::default();
            let mut cov = Coverage::new(*kind);
            let blank = Coverage::new(*kind);
            for (i, r) in rules.iter().enumerate() {
                if let Some(e) = r.element() {
                    let ctx = Ctx {
                        source: src,
                        doc,
                        sentences,
                        kind: *kind,
                        coverage: &blank,
                        options: &no_options,
                        severity: koho::diagnostic::Severity::Info,
                        facts: &facts,
                        tokenizer: &settings.tokenizer,
                    };
                    let t = Instant::now();
                    let found = r.find_evidence(&ctx);
                    evidence[i] += t.elapsed();
                    if let (false, Some(span)) = (cov.get(e).found, found) {
                        cov.set(e, span);
                    }
                }
            }
            for (i, r) in rules.iter().enumerate() {
                let meta = r.meta();
                if !settings.is_enabled(&meta.id) || !meta.applies_to.contains(kind) {
                    continue;
                }
                let ctx = Ctx {
                    source: src,
                    doc,
                    sentences,
                    kind: *kind,
                    coverage: &cov,
                    options: settings.options.get(&meta.id).unwrap_or(&no_options),
                    severity: koho::diagnostic::Severity::Info,
                    facts: &facts,
                    tokenizer: &settings.tokenizer,
                };
                let mut out = Vec::new();
                let t = Instant::now();
                r.check(&ctx, &mut out);
                check[i] += t.elapsed();
            }
        }
        for i in 0..rules.len() {
            best_evidence[i] = best_evidence[i].min(evidence[i]);
            best_check[i] = best_check[i].min(check[i]);
        }
    }
    for (i, r) in rules.iter().enumerate() {
        if !best_evidence[i].is_zero() {
            times.push((format!("{} (evidence)", r.meta().id), best_evidence[i]));
        }
        if !best_check[i].is_zero() {
            times.push((r.meta().id.clone(), best_check[i]));
        }
    }
    times.sort_by_key(|t| std::cmp::Reverse(t.1));
    let total: Duration = times.iter().map(|t| t.1).sum();
    println!(
        "{} files, {:.2} MB; parse+tokenize {:.0} ms; rules {:.0} ms",
        sources.len(),
        bytes as f64 / 1e6,
        parse.as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3
    );
    for (id, d) in times.iter().take(40) {
        println!("{:8.1} ms  {id}", d.as_secs_f64() * 1e3);
    }
}
