//! `koho lsp`: a Language Server over stdio (to be filled by the LSP work).

use std::io;

use crate::cli::ExitStatus;

pub fn run() -> io::Result<ExitStatus> {
    Err(io::Error::other("koho lsp はまだ実装されていません"))
}
