//! Writes the benchmark corpus to disk for `scripts/bench.sh`:
//! `DIR/one/release.md` (one typical release), `DIR/c100/` and
//! `DIR/c10000/` (3–8 KB releases) and `DIR/big/big.md` (about 50 MB).
//! The text comes from `benches/corpus`, so it is identical on every run.
//!
//! Usage: `cargo run --release --example gen_corpus -- DIR [BIG_MB]`

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::path::Path;

fn write_set(dir: &Path, count: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in corpus::corpus(count) {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: gen_corpus DIR [BIG_MB]");
        std::process::exit(2);
    };
    let big_mb: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(50);
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir.join("one"))?;
    std::fs::write(dir.join("one/release.md"), corpus::release(1, 5000))?;
    write_set(&dir.join("c100"), 100)?;
    write_set(&dir.join("c10000"), 10_000)?;
    std::fs::create_dir_all(dir.join("big"))?;
    std::fs::write(
        dir.join("big/big.md"),
        corpus::big_file(big_mb * 1024 * 1024),
    )?;
    println!("corpus written to {}", dir.display());
    Ok(())
}
