//! `koho init`: write the commented starter koho.toml, never overwriting an
//! existing one unless `--force`.

use std::io::{self, Write};

use super::args::InitArgs;
use super::ExitStatus;
use crate::config::STARTER;

pub fn run(a: &InitArgs) -> io::Result<ExitStatus> {
    let path = a.dir.join("koho.toml");
    if path.exists() && !a.force {
        writeln!(
            io::stderr(),
            "koho: {} はすでにあります。上書きするには --force を付けてください。",
            path.display()
        )?;
        return Ok(ExitStatus::Error);
    }
    if let Err(e) = crate::fix::write_new(&path, STARTER.as_bytes()) {
        writeln!(io::stderr(), "koho: {e}")?;
        return Ok(ExitStatus::Error);
    }
    writeln!(io::stdout(), "{} を作成しました。", path.display())?;
    Ok(ExitStatus::Success)
}
