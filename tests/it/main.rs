//! koho's integration tests, one module per area, in one test binary.
//!
//! One binary, not one per file: each test binary links the library and
//! with it the 75 MB dictionary, so fifteen of them cost a clean
//! `cargo test` about 1.5 GB of disk and a link each. Run one area with
//! `cargo test --test it cli::` (or any part of a test's name).

mod common;

mod ci_gate;
mod cli;
mod examples;
mod fix;
mod format_variants;
mod kinds;
mod lexicon;
mod lsp;
mod properties;
mod release;
mod release_eval;
mod robustness;
mod spans;
mod style;
mod windowed;
