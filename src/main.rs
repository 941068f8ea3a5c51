//! The `koho` binary: parse arguments, run, turn the result into an exit
//! code; and the allocator (mimalloc) with how it behaves while a huge
//! file is linted. Nothing else lives here.

use std::process::ExitCode;

use clap::Parser;

// Rule compilation and tokenization allocate many small objects; mimalloc
// makes start-up and linting measurably faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    koho::on_large_files(allocator::favour_footprint);
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

/// mimalloc's defaults favour speed: it keeps freed memory for a while
/// before handing it back, and its memory may be backed by transparent
/// huge pages, which the kernel hands out in 2 MiB pieces. On a 50 MB file
/// that is about 60 MB of resident memory holding nothing. While a file
/// bigger than one window is linted, koho asks for freed memory to go back
/// at once and for ordinary pages; a release-sized file never pays for that.
mod allocator {
    use std::sync::Mutex;

    use libmimalloc_sys::{mi_option_get, mi_option_set, mi_option_t};

    /// `mi_option_purge_delay` in mimalloc's `mi_option_t`
    /// (`include/mimalloc.h`), which libmimalloc-sys does not name. The
    /// numbers are mimalloc's ABI: options are appended or renamed
    /// `deprecated_*`, never renumbered (v2 and v3 agree on 15). A test
    /// checks it against the option's environment variable.
    pub(crate) const PURGE_DELAY: mi_option_t = 15;

    /// The settings to restore when the last huge file is done.
    static SAVED: Mutex<Option<Saved>> = Mutex::new(None);

    struct Saved {
        purge_delay: std::ffi::c_long,
        thp_disabled: bool,
    }

    pub fn favour_footprint(on: bool) {
        let mut saved = SAVED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if on {
            // SAFETY: reading and setting an option are plain loads and
            // stores into mimalloc's option table, safe from any thread;
            // purges read the new delay from then on.
            let purge_delay = unsafe { mi_option_get(PURGE_DELAY) };
            unsafe { mi_option_set(PURGE_DELAY, 0) };
            *saved = Some(Saved {
                purge_delay,
                thp_disabled: thp::set_disabled(true),
            });
        } else if let Some(s) = saved.take() {
            // SAFETY: as above.
            unsafe { mi_option_set(PURGE_DELAY, s.purge_delay) };
            thp::set_disabled(s.thp_disabled);
        }
    }

    #[cfg(target_os = "linux")]
    mod thp {
        /// Turn transparent huge pages off or on for this process (for
        /// later page faults); returns whether they were off before.
        pub fn set_disabled(off: bool) -> bool {
            // SAFETY: PR_GET/SET_THP_DISABLE take integers, no pointers,
            // and only change how the kernel backs this process's pages.
            let was = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) } == 1;
            unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, libc::c_ulong::from(off), 0, 0, 0) };
            was
        }
    }

    #[cfg(not(target_os = "linux"))]
    mod thp {
        pub fn set_disabled(_off: bool) -> bool {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use std::process::Command;

    use super::allocator;

    const CHILD: &str = "KOHO_TEST_ALLOCATOR_CHILD";

    /// `PURGE_DELAY` is the option that `MIMALLOC_PURGE_DELAY` sets: run
    /// this test again in a process started with that variable.
    #[test]
    fn purge_delay_is_the_option_its_variable_sets() {
        if std::env::var_os(CHILD).is_some() {
            // SAFETY: reading an option (see `allocator`).
            let got = unsafe { libmimalloc_sys::mi_option_get(allocator::PURGE_DELAY) };
            assert_eq!(got, 4321);
            return;
        }
        let exe = std::env::current_exe().expect("test binary path");
        let out = Command::new(exe)
            .args([
                "--exact",
                "tests::purge_delay_is_the_option_its_variable_sets",
            ])
            .env(CHILD, "1")
            .env("MIMALLOC_PURGE_DELAY", "4321")
            .output()
            .expect("test binary runs");
        let log = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{log}");
        assert!(log.contains("1 passed"), "{log}");
    }

    /// Huge-file mode sets the delay to zero and puts it back after.
    #[test]
    fn footprint_mode_is_undone() {
        if std::env::var_os(CHILD).is_some() {
            return;
        }
        // SAFETY: reading an option (see `allocator`).
        let get = || unsafe { libmimalloc_sys::mi_option_get(allocator::PURGE_DELAY) };
        let before = get();
        allocator::favour_footprint(true);
        assert_eq!(get(), 0);
        allocator::favour_footprint(false);
        assert_eq!(get(), before);
    }
}
