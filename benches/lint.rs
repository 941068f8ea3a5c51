//! Throughput benchmarks over a generated corpus (`benches/corpus`).
//!
//! `cargo bench --bench lint` first runs the divan micro-benchmarks, then
//! prints one summary table comparing, on the same text (every sentence
//! koho would tokenize), for 1, 100 and 10,000 files:
//! - (a) bare lindera tokenization: lindera's own `Tokenizer::tokenize`,
//!   segmentation only, the practical limit the target is judged against;
//! - (b) `koho::lint_batch` with every rule enabled (parse, split,
//!   tokenize, rules; in batches of files, as `koho check` lints them),
//!   with the ratio b/a, and (b) on 2 threads (batches spread over the
//!   threads, as `koho check` does);
//! - for reference, (a+) lindera with each token's features decoded as
//!   lindera offers them (`Token::get_details`), which a linter needs
//!   for parts of speech, and (t) koho's own tokenizer, the part of (b)
//!   that tokenizes: it reuses lindera's lattice and caches each word's
//!   features, and is faster than (a).
//!
//! `KOHO_BENCH_QUICK=1` skips the 10,000-file rows.
//!
//! `KOHO_BENCH_PASS=setup|lindera|tokenize|lint` instead runs one pass of
//! (a), (t) or (b) over the 100-file corpus (`KOHO_BENCH_FILES=N`: N files;
//! `KOHO_BENCH_TEXT=FILE`: that one file instead, to see how a cost
//! depends on the text, e.g. an almost empty file for the fixed cost)
//! on one thread (or only the set-up), for `scripts/bench-instructions.sh`, which counts instructions
//! under valgrind: a measure that other jobs on the machine do not disturb.
//! With `KOHO_BENCH_REPS=N` the pass runs N times and its wall time is
//! printed on stderr: a loop long enough for a sampling profiler
//! (`perf record`) to say where the time goes, and a quick A/B timing of
//! two builds run alternately.

#[path = "corpus/mod.rs"]
mod corpus;

use std::time::{Duration, Instant};

use divan::counter::BytesCount;
use divan::Bencher;
use koho::document::Document;
use koho::{Settings, Source};
use rayon::prelude::*;

// The allocator of the koho binary (src/main.rs), so that (b) measures what
// users run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn all_rules() -> Settings {
    let mut s = Settings::builtin().expect("built-in rules load");
    let ids: Vec<String> = s.registry.iter().map(|r| r.meta().id.clone()).collect();
    s.select(&ids);
    s
}

/// The sentence texts koho tokenizes for `text`, computed untimed.
fn sentence_texts(text: &str) -> Vec<String> {
    let doc = Document::parse(text);
    doc.blocks
        .iter()
        .flat_map(|b| {
            koho::sentence::split(&b.text)
                .into_iter()
                .map(|sp| sp.slice(&b.text).to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Call `f` on every sentence of every file, in order.
fn each_sentence(sentences: &[Vec<String>], mut f: impl FnMut(&str)) {
    for s in sentences.iter().flatten() {
        f(s);
    }
}

fn bytes(files: &[(String, String)]) -> usize {
    files.iter().map(|(_, t)| t.len()).sum()
}

#[divan::bench(args = [1, 100], sample_count = 10)]
fn tokenize(bencher: Bencher, files: usize) {
    let corpus = corpus::corpus(files);
    let sentences: Vec<Vec<String>> = corpus.iter().map(|(_, t)| sentence_texts(t)).collect();
    let tokenizer = koho::token::Tokenizer::new().expect("dictionary loads");
    bencher.counter(BytesCount::new(bytes(&corpus))).bench(|| {
        let mut n = 0;
        each_sentence(&sentences, |s| n += tokenizer.tokenize(s).len());
        n
    });
}

#[divan::bench(args = [1, 100], sample_count = 10)]
fn lint_all_rules(bencher: Bencher, files: usize) {
    let corpus = corpus::corpus(files);
    let settings = all_rules();
    bencher.counter(BytesCount::new(bytes(&corpus))).bench(|| {
        let sources: Vec<Source> = corpus
            .iter()
            .map(|(name, text)| Source::new(name.clone(), text.clone()))
            .collect();
        one_thread(|| {
            koho::lint_batch(sources, &settings)
                .iter()
                .map(|r| r.diagnostics.len())
                .sum::<usize>()
        })
    });
}

#[divan::bench(sample_count = 20)]
fn parse_document(bencher: Bencher) {
    let text = corpus::release(1, 6000);
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| Document::parse(&text).blocks.len());
}

/// Run `f` with rayon limited to the calling thread's core: `koho::lint`
/// spreads a file's rules over rayon's pool.
fn one_thread<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    let pool = POOL.get_or_init(|| rayon::ThreadPoolBuilder::new().num_threads(1).build().ok());
    match pool {
        Some(p) => p.install(f),
        None => f(),
    }
}

/// Each measure's best of `reps` rounds (the least disturbed by other
/// processes), the measures taken in turn within each round. With `warm`,
/// each timed run follows an untimed run of the same measure, so that it
/// finds the caches, allocator pages and regex caches as a run of its own
/// kind leaves them (as linting file after file does), not as the other
/// measures left them; a long pass (10,000 files) needs no warm-up.
fn best_interleaved<const N: usize>(
    reps: usize,
    warm: bool,
    measures: [&dyn Fn(); N],
) -> [Duration; N] {
    let mut best = [Duration::MAX; N];
    for _ in 0..reps.max(1) {
        for (f, b) in measures.iter().zip(best.iter_mut()) {
            if warm {
                f();
            }
            let t = Instant::now();
            f();
            *b = (*b).min(t.elapsed());
        }
    }
    best
}

fn mb_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64().max(1e-9)
}

fn summary() {
    let settings = all_rules();
    let tokenizer = koho::token::Tokenizer::new().expect("dictionary loads");
    let quick = std::env::var_os("KOHO_BENCH_QUICK").is_some();
    println!();
    println!("koho throughput summary (release build, best of N interleaved rounds, MB/s)");
    println!(
        "{:>6} {:>6} {:>11} {:>10} {:>6} {:>11} {:>8} {:>10} {:>7}",
        "files", "MB", "(a) lindera", "(b) lint", "b/a", "(b) 2 thr", "(a+) POS", "(t) koho", "b/t"
    );
    // `iters`: runs of the corpus per timed sample, all in one hand-off to
    // the pool's thread. One release lints in a few hundred microseconds,
    // about what waking the pool's thread and moving to its core costs:
    // timed once per hand-off, the 1-file row measured mostly that (and
    // swung from 32 % to 52 % between runs of the same build).
    for (files, reps, iters) in [(1usize, 20usize, 40usize), (100, 5, 1), (10_000, 2, 1)] {
        if quick && files > 100 {
            continue;
        }
        let corpus = corpus::corpus(files);
        let corpus_bytes = bytes(&corpus);
        // Bytes linted per timed sample.
        let size = corpus_bytes * iters;
        let sentences: Vec<Vec<String>> = corpus.iter().map(|(_, t)| sentence_texts(t)).collect();
        let sources: Vec<Source> = corpus
            .iter()
            .map(|(n, t)| Source::new(n.clone(), t.clone()))
            .collect();
        let lindera = |details: bool| {
            for _ in 0..iters {
                each_sentence(&sentences, |s| {
                    divan::black_box(tokenizer.bare_lindera(s, details));
                });
            }
        };
        let koho_tokens = || {
            for _ in 0..iters {
                each_sentence(&sentences, |s| {
                    divan::black_box(tokenizer.tokenize(s));
                });
            }
        };
        // `lint` runs a file's rules on rayon's pool: (b) gets a pool of one
        // thread, so that it is measured on one core like (a).
        let lint_one = || {
            one_thread(|| {
                for _ in 0..iters {
                    divan::black_box(koho::lint_batch(sources.clone(), &settings));
                }
            })
        };
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().ok();
        let lint_two = || {
            if let Some(pool) = &pool {
                pool.install(|| {
                    for _ in 0..iters {
                        let chunk = koho::chunk_files(sources.len(), 2);
                        sources.par_chunks(chunk).for_each(|c| {
                            divan::black_box(koho::lint_batch(c.to_vec(), &settings));
                        })
                    }
                })
            }
        };
        // Interleaved rounds, best of each: a slow spell on a shared machine
        // then slows (a) and (b) alike instead of only the one measured at
        // that moment, which made b/a swing by several points. Every
        // one-core measure runs on the same thread (the 1-thread pool's):
        // with (a) on the calling thread and (b) on the pool's, each started
        // on a core the other had just used, and the 1-file (b) lost a
        // quarter of its speed. Measured
        // back to back without the warm-up, (b) after three tokenizing
        // passes lost about a fifth of its speed at 100 files.
        let [a, a_pos, t, b, b2] = best_interleaved(
            reps,
            files <= 100,
            [
                &(|| one_thread(|| lindera(false))) as &dyn Fn(),
                &|| one_thread(|| lindera(true)),
                &|| one_thread(koho_tokens),
                &lint_one,
                &lint_two,
            ],
        );
        let b2 = pool.as_ref().map(|_| b2);
        let rate = |d| mb_s(size, d);
        println!(
            "{:>6} {:>6.2} {:>11.2} {:>10.2} {:>5.0}% {:>11} {:>8.2} {:>10.2} {:>6.0}%",
            files,
            corpus_bytes as f64 / 1e6,
            rate(a),
            rate(b),
            100.0 * rate(b) / rate(a),
            b2.map(|d| format!("{:.2}", rate(d)))
                .unwrap_or_else(|| "-".into()),
            rate(a_pos),
            rate(t),
            100.0 * rate(b) / rate(t),
        );
    }
}

/// One untimed pass for an instruction counter (see the module docs).
fn one_pass(which: &str) {
    let settings = all_rules();
    let tokenizer = koho::token::Tokenizer::new().expect("dictionary loads");
    let files: usize = std::env::var("KOHO_BENCH_FILES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100);
    let corpus = match std::env::var_os("KOHO_BENCH_TEXT") {
        Some(path) => vec![(
            "given.md".to_owned(),
            std::fs::read_to_string(path).expect("KOHO_BENCH_TEXT names a UTF-8 file"),
        )],
        None => corpus::corpus(files),
    };
    let sentences: Vec<Vec<String>> = corpus.iter().map(|(_, t)| sentence_texts(t)).collect();
    let sources: Vec<Source> = corpus
        .iter()
        .map(|(n, t)| Source::new(n.clone(), t.clone()))
        .collect();
    let lint_all = || {
        divan::black_box(koho::lint_batch(sources.clone(), &settings));
    };
    // Every pass starts with one lint of the corpus, as the timed (b) does
    // (best of N): the rules' regexes compile on first use, a one-off cost
    // that the set-up count then includes.
    one_thread(lint_all);
    let reps: usize = std::env::var("KOHO_BENCH_REPS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    let start = Instant::now();
    // All the runs in one hand-off to the pool's thread, as in `summary`.
    one_thread(|| {
        for _ in 0..reps {
            match which {
                "lindera" => each_sentence(&sentences, |s| {
                    divan::black_box(tokenizer.bare_lindera(s, false));
                }),
                "tokenize" => each_sentence(&sentences, |s| {
                    divan::black_box(tokenizer.tokenize(s));
                }),
                "lint" => lint_all(),
                _ => {}
            }
        }
    });
    if std::env::var_os("KOHO_BENCH_REPS").is_some() {
        eprintln!("wall {:.4}", start.elapsed().as_secs_f64());
    }
}

fn main() {
    if let Ok(which) = std::env::var("KOHO_BENCH_PASS") {
        one_pass(&which);
        return;
    }
    divan::main();
    // `cargo test --benches` runs this binary with `--test`: skip the table.
    if !std::env::args().any(|a| a == "--test" || a == "--list") {
        summary();
    }
}
