//! The `koho` binary: parse arguments, run, turn the result into an exit
//! code. Nothing else lives here.

use std::process::ExitCode;

use clap::Parser;

// Rule compilation and tokenization allocate many small objects; mimalloc
// makes start-up and linting measurably faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match koho::cli::args::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    koho::cli::run(cli).into()
}
