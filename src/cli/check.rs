//! `koho check`: collect files (folders walked with .gitignore respected,
//! `-` for stdin, `--changed` for files changed against git), resolve each
//! file's koho.toml, lint in parallel, optionally fix, report in the chosen
//! format, and decide the exit code. A file that cannot be read is
//! reported and the others are still linted.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use rayon::prelude::*;

use super::args::{CheckArgs, Color, KindArg};
use super::{print_error, ExitStatus};
use crate::config::{self, Config};
use crate::coverage::DocKind;
use crate::report::{self, Run};
use crate::rules::Registry;
use crate::{finish_batch, fix, input, lint, prepare, FileError, FileReport, Prepared, Settings};

const EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// One input: a path on disk or stdin.
#[derive(Debug, Clone)]
enum Input {
    File(PathBuf),
    Stdin(String),
}

impl Input {
    fn name(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin(n) => n.clone(),
        }
    }

    /// Folder to look for koho.toml from.
    fn dir(&self) -> PathBuf {
        let p = match self {
            Input::File(p) => p.clone(),
            Input::Stdin(n) => PathBuf::from(n),
        };
        let abs = if p.is_absolute() {
            p
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        abs.parent().map(Path::to_path_buf).unwrap_or(abs)
    }
}

fn has_lint_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

fn collect(paths: &[PathBuf], stdin_name: &str, errors: &mut Vec<FileError>) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin(stdin_name.to_owned()));
        } else if p.is_dir() {
            let walker = ignore::WalkBuilder::new(p)
                .hidden(true)
                .git_ignore(true)
                .require_git(false)
                .build();
            let mut found: Vec<PathBuf> = Vec::new();
            for entry in walker {
                match entry {
                    Ok(e) if !has_lint_extension(e.path()) => {}
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        found.push(e.into_path());
                    }
                    // A symlinked draft is checked like the file it points
                    // to (a symlinked folder is not followed: no loops, no
                    // file twice). A dangling one is an error: the CI gate
                    // would otherwise pass a draft it never read.
                    Ok(e) if e.path_is_symlink() => match std::fs::metadata(e.path()) {
                        Ok(m) if m.is_file() => found.push(e.into_path()),
                        Ok(_) => {}
                        Err(err) => errors.push(FileError {
                            path: e.path().display().to_string(),
                            message: format!("リンク先を読めません: {err}"),
                        }),
                    },
                    Ok(_) => {}
                    // A bad line in a .gitignore: the walk goes on.
                    Err(e) if e.is_partial() => {}
                    // A folder that cannot be read would otherwise pass a
                    // CI gate with its drafts unchecked.
                    Err(e) => errors.push(walk_error(p, &e)),
                }
            }
            found.sort();
            out.extend(found.into_iter().map(Input::File));
        } else {
            match std::fs::metadata(p) {
                Ok(_) => out.push(Input::File(p.clone())),
                Err(e) if e.kind() == io::ErrorKind::NotFound => errors.push(FileError {
                    path: p.display().to_string(),
                    message: "ファイルが見つかりません。".into(),
                }),
                Err(e) => errors.push(FileError {
                    path: p.display().to_string(),
                    message: format!("読み込めません: {e}"),
                }),
            }
        }
    }
    out
}

/// A folder walk's error as a file error, named by the path it is about
/// (else the folder that was asked for).
fn walk_error(root: &Path, e: &ignore::Error) -> FileError {
    fn path_of(e: &ignore::Error) -> Option<&Path> {
        match e {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::Loop { child, .. } => Some(child),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                path_of(err)
            }
            _ => None,
        }
    }
    let reason = e
        .io_error()
        .map_or_else(|| e.to_string(), io::Error::to_string);
    FileError {
        path: path_of(e).unwrap_or(root).display().to_string(),
        message: format!("フォルダーを読めません: {reason}"),
    }
}

/// Files changed against `base` (or the merge base with main/master):
/// changed, added, renamed and untracked (not ignored) drafts in the whole
/// repository, wherever in it koho runs. Paths under the current folder are
/// made relative to it, so reports name them the way a CI log expects.
fn changed_files(base: &str, errors: &mut Vec<FileError>) -> Vec<PathBuf> {
    let git = |dir: Option<&Path>, args: &[&str]| -> Option<String> {
        let mut cmd = Command::new("git");
        if let Some(d) = dir {
            cmd.arg("-C").arg(d);
        }
        let out = cmd.args(args).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let Some(root) = git(None, &["rev-parse", "--show-toplevel"]) else {
        errors.push(FileError {
            path: ".".into(),
            message: "--changed は git リポジトリの中で使ってください。".into(),
        });
        return Vec::new();
    };
    let root = PathBuf::from(root.trim_end_matches(['\n', '\r']));
    let base = if base.is_empty() {
        ["origin/main", "main", "origin/master", "master"]
            .iter()
            .find_map(|b| git(Some(&root), &["merge-base", "HEAD", b]))
            .map(|s| s.trim().to_owned())
            .unwrap_or_else(|| "HEAD".to_owned())
    } else {
        base.to_owned()
    };
    // -z: names are NUL-separated and never quoted (Japanese file names
    // would otherwise come back as "\347\231\272…").
    let mut names = Vec::new();
    match git(
        Some(&root),
        &[
            "diff",
            "-z",
            "--name-only",
            "--diff-filter=ACMR",
            &base,
            "--",
        ],
    ) {
        Some(list) => names.extend(list.split('\0').map(str::to_owned)),
        None => {
            errors.push(FileError {
                path: base.clone(),
                message: format!("git の比較元「{base}」が見つかりません。"),
            });
            return Vec::new();
        }
    }
    if let Some(untracked) = git(
        Some(&root),
        &[
            "ls-files",
            "-z",
            "--others",
            "--exclude-standard",
            "--full-name",
        ],
    ) {
        names.extend(untracked.split('\0').map(str::to_owned));
    }
    let cwd = std::env::current_dir().ok();
    let mut out: Vec<PathBuf> = names
        .into_iter()
        .filter(|n| !n.is_empty())
        .map(|n| root.join(n))
        .filter(|p| p.is_file() && has_lint_extension(p))
        .map(|p| {
            let rel = cwd.as_ref().and_then(|c| {
                let c = std::fs::canonicalize(c).ok()?;
                let abs = std::fs::canonicalize(&p).ok()?;
                abs.strip_prefix(&c).ok().map(Path::to_path_buf)
            });
            rel.unwrap_or(p)
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

struct Linted {
    input: Input,
    settings_key: Option<PathBuf>,
    result: Result<FileReport, FileError>,
}

/// Decode a file's bytes and prepare it ([`crate::prepare`]). `bytes`
/// become the source text without a copy (the changed-on-disk check of
/// --fix rebuilds them from it).
fn prepare_one(
    input: &Input,
    bytes: Vec<u8>,
    settings: &Settings,
    max: usize,
) -> Result<Prepared, FileError> {
    let name = input.name();
    let source = match input::decode_owned(&name, bytes, max) {
        Ok(s) => s,
        Err(e) => {
            return Err(FileError {
                path: name,
                message: e.to_string(),
            })
        }
    };
    guarded(&name, || prepare(source, settings))
}

/// Finish a batch of prepared files (errors pass through): the files that
/// share settings are finished together ([`finish_guarded`]). One result
/// for each, in order.
fn finish_grouped(
    batch: Vec<Result<(Prepared, &Settings), FileError>>,
) -> Vec<Result<FileReport, FileError>> {
    let mut results: Vec<Option<Result<FileReport, FileError>>> = Vec::new();
    // Files waiting to be finished, with their places in `results`, by
    // settings (a batch rarely has more than one).
    let mut groups: Vec<(&Settings, Vec<(usize, Prepared)>)> = Vec::new();
    for (i, item) in batch.into_iter().enumerate() {
        match item {
            Err(e) => results.push(Some(Err(e))),
            Ok((p, settings)) => {
                results.push(None);
                match groups.iter_mut().find(|(s, _)| std::ptr::eq(*s, settings)) {
                    Some((_, files)) => files.push((i, p)),
                    None => groups.push((settings, vec![(i, p)])),
                }
            }
        }
    }
    for (settings, files) in groups {
        let (places, prepared): (Vec<usize>, Vec<Prepared>) = files.into_iter().unzip();
        for (i, result) in places.into_iter().zip(finish_guarded(prepared, settings)) {
            results[i] = Some(result);
        }
    }
    results
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|| {
                Err(FileError {
                    path: String::new(),
                    message: "内部エラー: 結果がありません。".into(),
                })
            })
        })
        .collect()
}

/// [`crate::finish_batch`], but a panic (a bug in koho) fails only the file
/// that causes it: the batch is then linted again file by file, each
/// [`guarded`].
fn finish_guarded(batch: Vec<Prepared>, settings: &Settings) -> Vec<Result<FileReport, FileError>> {
    let sources: Vec<std::sync::Arc<crate::Source>> =
        batch.iter().map(|p| p.source().clone()).collect();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        finish_batch(batch, settings)
    })) {
        Ok(reports) => reports.into_iter().map(Ok).collect(),
        Err(_) => sources
            .iter()
            .map(|s| guarded(&s.name, || lint(crate::Source::clone(s), settings)))
            .collect(),
    }
}

/// `f`, or the file's error if it panics (a bug in koho): one file's
/// failure never stops the others.
fn guarded<T>(name: &str, f: impl FnOnce() -> T) -> Result<T, FileError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|_| FileError {
        path: name.to_owned(),
        message: "内部エラーでこのファイルをチェックできませんでした（koho の不具合です。原稿を添えて報告してください）。".into(),
    })
}

/// Up to this many files, of up to this many bytes in all, are linted
/// with lean regexes ([`crate::rx::set_one_shot`]). Measured in
/// instructions per run: one file of 5, 10, 20 or 40 KB takes 25, 18, 10
/// and 7 % fewer that way, two and three releases 16 and 7 % fewer, five
/// releases 4 % more.
const ONE_SHOT_FILES: usize = 3;
const ONE_SHOT_BYTES: u64 = 48 * 1024;

/// Is there so little to lint that regexes are best built lean? Standard
/// input counts as little: an editor pipes one draft (and a regex that
/// searches much is built in full anyway).
fn little_text(inputs: &[Input]) -> bool {
    if inputs.len() > ONE_SHOT_FILES {
        return false;
    }
    let mut total: u64 = 0;
    for i in inputs {
        if let Input::File(p) = i {
            let len = std::fs::metadata(p).map_or(0, |m| m.len());
            total = total.saturating_add(len);
        }
    }
    total <= ONE_SHOT_BYTES
}

pub fn run(a: &CheckArgs) -> io::Result<ExitStatus> {
    // The dictionary loads while the registry's regexes compile.
    crate::token::preload_in_background();
    let mut errors: Vec<FileError> = Vec::new();
    let stdin_name = a.stdin_filename.clone().unwrap_or_else(|| "<stdin>".into());
    let mut inputs = match &a.changed {
        Some(base) => {
            let mut v: Vec<Input> = changed_files(base, &mut errors)
                .into_iter()
                .map(Input::File)
                .collect();
            if !a.paths.is_empty() {
                let wanted = collect(&a.paths, &stdin_name, &mut errors);
                let keep: Vec<PathBuf> = wanted
                    .iter()
                    .filter_map(|i| match i {
                        Input::File(p) => std::fs::canonicalize(p).ok(),
                        Input::Stdin(_) => None,
                    })
                    .collect();
                v.retain(|i| matches!(i, Input::File(p) if std::fs::canonicalize(p).is_ok_and(|c| keep.iter().any(|k| c.starts_with(k)))));
            }
            v
        }
        None if a.paths.is_empty() => {
            writeln!(
                io::stderr(),
                "koho: チェックするファイルかフォルダーを指定してください（標準入力は -）。"
            )?;
            return Ok(ExitStatus::Error);
        }
        None => collect(&a.paths, &stdin_name, &mut errors),
    };
    let stdin_count = inputs
        .iter()
        .filter(|i| matches!(i, Input::Stdin(_)))
        .count();
    if stdin_count > 1 {
        inputs.retain(|i| matches!(i, Input::File(_)));
        inputs.push(Input::Stdin(stdin_name.clone()));
    }
    crate::rx::set_one_shot(little_text(&inputs));
    // Reading the first file needs a few regexes: a spare core compiles
    // them while the registry is built.
    rayon::spawn(crate::warm_up_reading);
    let builtin = match Registry::builtin() {
        Ok(r) => r,
        Err(e) => {
            print_error(&e);
            return Ok(ExitStatus::Error);
        }
    };

    // Resolve one Settings per koho.toml.
    let mut settings_by_config: BTreeMap<Option<PathBuf>, Settings> = BTreeMap::new();
    let mut key_of: Vec<Option<PathBuf>> = Vec::with_capacity(inputs.len());
    for input in &inputs {
        let key = if a.no_config {
            None
        } else if let Some(c) = &a.config {
            Some(c.clone())
        } else {
            config::discover(&input.dir())
        };
        if !settings_by_config.contains_key(&key) {
            let cfg = match &key {
                Some(p) => match Config::load(p) {
                    Ok(c) => c,
                    Err(e) => {
                        print_error(&e);
                        return Ok(ExitStatus::Error);
                    }
                },
                None => Config::empty(),
            };
            let mut s = match cfg.resolve(&builtin) {
                Ok(s) => s,
                Err(e) => {
                    print_error(&e);
                    return Ok(ExitStatus::Error);
                }
            };
            for list in [&a.select, &a.ignore, &a.extend_select] {
                let unknown = config::unknown_selectors(&s.registry, list);
                if !unknown.is_empty() {
                    writeln!(
                        io::stderr(),
                        "koho: ルール「{}」はありません。",
                        unknown.join("」「")
                    )?;
                    return Ok(ExitStatus::Error);
                }
            }
            if !a.select.is_empty() {
                // --select replaces the configured set, but a folder's
                // `ignore` still holds (it is usually there for a reason).
                s.select(&a.select);
                let ignored = s.config_ignored.clone();
                s.ignore(&ignored);
            }
            s.extend(&a.extend_select);
            s.ignore(&a.ignore);
            if let Some(k) = a.kind {
                s.default_kind = Some(match k {
                    KindArg::Incident => DocKind::Incident,
                    KindArg::Announcement => DocKind::Announcement,
                });
            }
            settings_by_config.insert(key.clone(), s);
        }
        key_of.push(key);
    }

    // While the first file is read, parsed and tokenized (one thread),
    // the spare core prepares what its rules need on every file.
    if !key_of.is_empty() {
        crate::warm_up_rules_in_background();
    }

    // Read stdin up front (it is not a file we can re-read), no further
    // than the size limit: an endless stream must not fill memory.
    let max = a.max_file_size;
    // There is at most one stdin input (see above): its lint takes the
    // bytes, rather than a copy, so a huge stream is not held twice.
    let stdin_bytes: std::sync::Mutex<Option<Result<Vec<u8>, String>>> =
        std::sync::Mutex::new(if inputs.iter().any(|i| matches!(i, Input::Stdin(_))) {
            Some(input::read_limited(io::stdin().lock(), max).map_err(|e| e.to_string()))
        } else {
            None
        });

    // Files are linted in batches (`crate::in_batches`): each core
    // prepares a few files, then runs the rules on them, which keeps the
    // dictionary and the rules' regexes in its cache longer.
    let jobs: Vec<(&Input, &Option<PathBuf>)> = inputs.iter().zip(key_of.iter()).collect();
    let mut linted: Vec<Linted> = jobs
        .par_chunks(crate::chunk_files(jobs.len(), rayon::current_num_threads()))
        .flat_map_iter(|chunk| {
            crate::in_batches(
                chunk,
                |&(input, key)| {
                    let settings = settings_by_config.get(key);
                    let bytes = match input {
                        Input::Stdin(_) => stdin_bytes
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .take()
                            .unwrap_or_else(|| Ok(Vec::new())),
                        Input::File(p) => input::read_file(p, max).map_err(|e| e.to_string()),
                    };
                    let size = bytes.as_ref().map_or(0, Vec::len);
                    let prepared = match (settings, bytes) {
                        (None, _) => Err(FileError {
                            path: input.name(),
                            message: "設定を解決できませんでした。".into(),
                        }),
                        (Some(settings), Ok(b)) => {
                            prepare_one(input, b, settings, max).map(|p| (p, settings))
                        }
                        (Some(_), Err(message)) => Err(FileError {
                            path: input.name(),
                            message,
                        }),
                    };
                    ((input, key, prepared), size)
                },
                |batch| {
                    let (heads, prepared): (Vec<_>, Vec<_>) = batch
                        .into_iter()
                        .map(|(input, key, p)| ((input, key), p))
                        .unzip();
                    heads
                        .into_iter()
                        .zip(finish_grouped(prepared))
                        .map(|((input, key), result)| Linted {
                            input: input.clone(),
                            settings_key: key.clone(),
                            result,
                        })
                        .collect()
                },
            )
        })
        .collect();

    // --fix / --diff.
    let mut out = io::stdout().lock();
    if a.fix || a.diff {
        for l in linted.iter_mut() {
            let Ok(report) = &l.result else { continue };
            let Some(settings) = settings_by_config.get(&l.settings_key) else {
                continue;
            };
            if !report.source.encoding.is_utf8() {
                continue;
            }
            let (fixed, n) = fix::fix_source(&report.source, settings);
            if n == 0 || fixed == report.source.text {
                continue;
            }
            if a.diff {
                write!(
                    out,
                    "{}",
                    fix::unified_diff(&report.source.name, &report.source.text, &fixed)
                )?;
                continue;
            }
            match &l.input {
                Input::Stdin(_) => {
                    // Fixing stdin writes the fixed text to stdout, nothing else.
                    out.write_all(fixed.as_bytes())?;
                    return Ok(ExitStatus::Success);
                }
                Input::File(path) => {
                    let mut bytes = Vec::new();
                    if report.source.encoding == input::Encoding::Utf8Bom {
                        bytes.extend_from_slice(b"\xEF\xBB\xBF");
                    }
                    bytes.extend_from_slice(fixed.as_bytes());
                    // UTF-8 (checked above): the bytes read are the text.
                    let read = report.source.original_bytes().unwrap_or_default();
                    match fix::write_atomic(path, &read, &bytes) {
                        Ok(()) => {
                            let source = input::Source {
                                name: report.source.name.clone(),
                                text: fixed,
                                encoding: report.source.encoding,
                            };
                            l.result = Ok(lint(source, settings));
                        }
                        Err(e) => errors.push(FileError {
                            path: path.display().to_string(),
                            message: e.to_string(),
                        }),
                    }
                }
            }
        }
        if a.diff {
            return Ok(ExitStatus::Success);
        }
    }

    let mut reports = Vec::new();
    for l in linted {
        match l.result {
            Ok(r) => reports.push(r),
            Err(e) => errors.push(e),
        }
    }
    reports.sort_by(|x, y| x.source.name.cmp(&y.source.name));
    errors.sort_by(|x, y| x.path.cmp(&y.path));

    let any_settings = settings_by_config.values().next().cloned();
    let settings = match any_settings {
        Some(s) => s,
        None => match Settings::new_from(&builtin) {
            Ok(s) => s,
            Err(e) => {
                writeln!(io::stderr(), "koho: {e}")?;
                return Ok(ExitStatus::Error);
            }
        },
    };
    let color = match a.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let run = Run {
        reports: &reports,
        errors: &errors,
        settings: &settings,
        color,
        width: 100,
        summary_only: a.summary,
        quiet: a.quiet,
    };
    // Streamed: the output of a huge file (JSON: about twice its size)
    // is never all in memory. A closed pipe surfaces as the first failed
    // write, which `cli::run` treats as the reader having seen enough.
    let mut buf = io::BufWriter::with_capacity(1 << 16, &mut out);
    report::write(a.format, &run, &mut buf)?;
    buf.flush()?;
    drop(buf);
    out.flush()?;

    let s = report::Summary::of(&reports, &errors);
    let warnings_over = a.max_warnings.is_some_and(|m| s.warnings > m);
    Ok(if !errors.is_empty() {
        ExitStatus::Error
    } else if s.errors > 0 || warnings_over {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_release_or_three_are_little_text_a_folder_of_them_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, bytes: usize| {
            let p = dir.path().join(name);
            std::fs::write(&p, "あ".repeat(bytes / 3)).unwrap();
            Input::File(p)
        };
        let release = || file("a.md", 6_000);
        assert!(little_text(&[release()]));
        assert!(little_text(&[Input::Stdin("-".into())]));
        assert!(little_text(&[
            release(),
            file("b.md", 6_000),
            file("c.md", 6_000)
        ]));
        assert!(!little_text(&[
            release(),
            file("b.md", 6_000),
            file("c.md", 6_000),
            file("d.md", 6_000)
        ]));
        assert!(!little_text(&[file("long.md", 60_000)]));
    }

    #[test]
    fn a_folder_walk_error_names_the_unreadable_path() {
        let denied = || ignore::Error::Io(io::Error::from(io::ErrorKind::PermissionDenied));
        let deep = ignore::Error::WithDepth {
            depth: 2,
            err: Box::new(ignore::Error::WithPath {
                path: PathBuf::from("drafts/locked"),
                err: Box::new(denied()),
            }),
        };
        let e = walk_error(Path::new("drafts"), &deep);
        assert_eq!(e.path, "drafts/locked");
        assert!(
            e.message.starts_with("フォルダーを読めません"),
            "{}",
            e.message
        );
        // No path in the error: the folder that was asked for.
        assert_eq!(walk_error(Path::new("drafts"), &denied()).path, "drafts");
    }

    /// A rule that panics on any file containing 「爆発」: a stand-in for a
    /// bug in koho.
    struct Bomb(crate::rules::RuleMeta);

    impl crate::rules::Rule for Bomb {
        fn meta(&self) -> &crate::rules::RuleMeta {
            &self.0
        }
        fn check(&self, ctx: &crate::rules::Ctx<'_>, _: &mut Vec<crate::diagnostic::Diagnostic>) {
            assert!(!ctx.source.text.contains("爆発"), "a test rule's bug");
        }
    }

    fn bomb_settings() -> Settings {
        let mut registry = Registry::builtin().expect("built-in rules load");
        let mut meta = registry
            .get("ja.sentence-length")
            .expect("a built-in rule")
            .meta()
            .clone();
        meta.id = "test.bomb".into();
        registry
            .insert(std::sync::Arc::new(Bomb(meta)))
            .expect("a new id");
        let mut settings = Settings::new_from(&registry).expect("dictionary loads");
        settings.extend(&["test.bomb".to_owned()]);
        settings
    }

    /// The findings of a report, comparable.
    fn findings(r: &FileReport) -> Vec<(String, usize, usize, String)> {
        r.diagnostics
            .iter()
            .map(|d| {
                (
                    d.rule.to_string(),
                    d.span.start,
                    d.span.end,
                    d.message.to_string(),
                )
            })
            .collect()
    }

    /// A panic in one file of a batch fails that file only; the others get
    /// the same reports as when linted alone, in order, and errors from
    /// preparing pass through in their places, also across settings.
    #[test]
    fn a_panic_in_a_batch_fails_only_its_file() {
        let bomb = bomb_settings();
        let mut plain = Settings::builtin().expect("built-in rules load");
        plain.ignore(&["release.missing-date".to_owned()]);
        let texts = [
            "# お知らせ\n\n本日、新しいサービスを開始しました。",
            "# お知らせ\n\n倉庫で爆発がありました。",
            "# 事故について\n\n当社の倉庫で火災が発生し、深くお詫び申し上げます。",
        ];
        let ok_source = |i: usize| crate::Source::new(format!("{i}.md"), texts[i]);
        let mut batch = Vec::new();
        for (i, settings) in [(0, &bomb), (1, &bomb), (2, &plain), (2, &bomb)] {
            batch.push(Ok((prepare(ok_source(i), settings), settings)));
        }
        batch.insert(
            1,
            Err(FileError {
                path: "unreadable.md".into(),
                message: "読めません".into(),
            }),
        );
        let results = finish_grouped(batch);
        assert_eq!(results.len(), 5);
        let alone = |i: usize, s: &Settings| findings(&lint(ok_source(i), s));
        let got = |k: usize| match &results[k] {
            Ok(r) => findings(r),
            Err(e) => panic!("file {k}: {}", e.message),
        };
        assert_eq!(got(0), alone(0, &bomb));
        assert!(matches!(&results[1], Err(e) if e.path == "unreadable.md"));
        match &results[2] {
            Err(e) => {
                assert_eq!(e.path, "1.md");
                assert!(e.message.starts_with("内部エラー"), "{}", e.message);
            }
            Ok(_) => panic!("the bomb went off silently"),
        }
        assert_eq!(got(3), alone(2, &plain));
        assert_eq!(got(4), alone(2, &bomb));
        assert_ne!(got(3), got(4), "the two settings give different findings");
    }
}
