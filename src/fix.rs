//! Applying fixes: edits are sorted, overlapping ones skipped (the earlier
//! wins), and linting is repeated until no safe fix remains (bounded).
//! Files are written atomically: a temp file in the same folder, fsync,
//! permissions copied, rename over the original, and only when the file on
//! disk is still the one that was read.

use std::io::Write;
use std::path::Path;

use crate::diagnostic::{Applicability, Edit};
use crate::{lint, Settings, Source};

/// Fixing stops after this many lint→fix rounds even if fixes remain.
pub const MAX_ITERATIONS: usize = 10;

/// Apply non-overlapping edits. Returns the new text and how many edits
/// were applied. Edits not on char boundaries are skipped.
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.replacement).cmp(&(b.span.start, b.span.end, &b.replacement))
    });
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    let mut applied = 0;
    for e in sorted {
        let (s, t) = (e.span.start, e.span.end);
        if s < pos || t > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(t) {
            continue;
        }
        out.push_str(&text[pos..s]);
        out.push_str(&e.replacement);
        pos = t;
        applied += 1;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}

/// The safe edits of a lint result, one fix at a time (a fix's edits are
/// applied together or not at all, so they are merged only when disjoint).
pub fn safe_edits(report: &crate::FileReport) -> Vec<Edit> {
    let mut edits: Vec<Edit> = Vec::new();
    for d in &report.diagnostics {
        let Some(f) = &d.fix else { continue };
        if f.applicability != Applicability::Safe {
            continue;
        }
        if f.edits.iter().any(|e| {
            edits
                .iter()
                .any(|x| x.span.overlaps(e.span) || x.span == e.span)
        }) {
            continue;
        }
        edits.extend(f.edits.iter().cloned());
    }
    edits
}

/// Lint and fix until stable. Returns the fixed text and the number of
/// edits applied in total.
pub fn fix_source(source: &Source, settings: &Settings) -> (String, usize) {
    let mut text = source.text.clone();
    let mut total = 0;
    for _ in 0..MAX_ITERATIONS {
        let report = lint(
            Source {
                name: source.name.clone(),
                text: text.clone(),
                encoding: source.encoding,
            },
            settings,
        );
        let edits = safe_edits(&report);
        if edits.is_empty() {
            break;
        }
        let (next, n) = apply_edits(&text, &edits);
        if n == 0 || next == text {
            break;
        }
        total += n;
        text = next;
    }
    (text, total)
}

/// A unified diff of the change, for `--diff`.
pub fn unified_diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(
        "{0} は読み込んだ後に変更されたため、上書きしませんでした。もう一度実行してください。"
    )]
    ChangedOnDisk(String),
    #[error("{path} に書き込めません: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Replace `path`'s contents with `contents` atomically, if the file still
/// holds `expected` (the bytes that were linted).
pub fn write_atomic(path: &Path, expected: &[u8], contents: &[u8]) -> Result<(), WriteError> {
    // Read no more than was linted: a file that grew has changed anyway.
    let current = match crate::input::read_file(path, expected.len()) {
        Ok(bytes) => bytes,
        Err(crate::input::ReadError::Io(e)) => return Err(io_error(path, e)),
        Err(crate::input::ReadError::Refused(_)) => {
            return Err(WriteError::ChangedOnDisk(path.display().to_string()))
        }
    };
    if current != expected {
        return Err(WriteError::ChangedOnDisk(path.display().to_string()));
    }
    let perms = std::fs::metadata(path)
        .map_err(|e| io_error(path, e))?
        .permissions();
    replace_file(path, contents, Some(perms))
}

/// Write a new file atomically (temp file + rename), replacing any old one.
/// New files get the usual 0644-style permissions, not the temp file's 0600.
pub fn write_new(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    #[cfg(unix)]
    let perms = {
        use std::os::unix::fs::PermissionsExt;
        Some(std::fs::Permissions::from_mode(0o644))
    };
    #[cfg(not(unix))]
    let perms = None;
    replace_file(path, contents, perms)
}

fn io_error(path: &Path, source: std::io::Error) -> WriteError {
    WriteError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Temp files of [`replace_file`] are `.koho-fix-` and six random letters.
const TEMP_PREFIX: &str = ".koho-fix-";

/// A temp file this old was left by a koho that was killed mid-write (a
/// running one renames its temp file within seconds).
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Remove koho's own temp files that a killed run left in `dir`, so that
/// they do not pile up next to the drafts (or get committed). Best effort:
/// anything unexpected is left alone.
fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let ours = name.to_str().is_some_and(|n| {
            n.strip_prefix(TEMP_PREFIX).is_some_and(|rest| {
                rest.len() == 6 && rest.chars().all(|c| c.is_ascii_alphanumeric())
            })
        });
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let stale = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if ours && meta.is_file() && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Temp file in the same folder, write, fsync, set permissions, rename over
/// `path` (over the file it links to, when it is a symlink), fsync the
/// folder. A crash at any point leaves either the old or
/// the new file, never a mix; the temp file is removed on failure.
fn replace_file(
    path: &Path,
    contents: &[u8],
    perms: Option<std::fs::Permissions>,
) -> Result<(), WriteError> {
    let io = |source| io_error(path, source);
    // A symlinked draft: write the file it points to and keep the link (a
    // rename over the link would replace it with a copy and leave the
    // real file unfixed).
    let resolved;
    let path = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            resolved = std::fs::canonicalize(path).map_err(io)?;
            resolved.as_path()
        }
        _ => path,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    remove_stale_temp_files(&dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(&dir)
        .map_err(io)?;
    tmp.write_all(contents).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    if let Some(p) = perms {
        std::fs::set_permissions(tmp.path(), p).map_err(io)?;
    }
    tmp.persist(path).map_err(|e| io(e.error))?;
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn edit(s: usize, e: usize, r: &str) -> Edit {
        Edit {
            span: Span::new(s, e),
            replacement: r.into(),
        }
    }

    #[test]
    fn writing_removes_only_stale_koho_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let old = std::time::SystemTime::now() - 2 * STALE_AFTER;
        let make = |name: &str, modified: Option<std::time::SystemTime>| {
            let p = dir.path().join(name);
            let f = std::fs::File::create(&p).unwrap();
            if let Some(m) = modified {
                f.set_modified(m).unwrap();
            }
            p
        };
        let stale = make(".koho-fix-Ab12Cd", Some(old));
        let fresh = make(".koho-fix-Zz99Yy", None);
        let not_ours = make(".koho-fix-notes.md", Some(old));
        let draft = make("draft.md", Some(old));
        write_new(&dir.path().join("out.md"), b"x").unwrap();
        assert!(!stale.exists());
        assert!(fresh.exists() && not_ours.exists() && draft.exists());
    }

    #[test]
    fn overlapping_edits_are_skipped_deterministically() {
        let (out, n) = apply_edits(
            "abcdef",
            &[edit(3, 5, "X"), edit(0, 2, "Y"), edit(1, 4, "Z")],
        );
        assert_eq!((out.as_str(), n), ("YcXf", 2));
    }

    #[test]
    fn edits_off_char_boundaries_are_ignored() {
        let (out, n) = apply_edits("あい", &[edit(1, 3, "x")]);
        assert_eq!((out.as_str(), n), ("あい", 0));
    }

    #[test]
    fn atomic_write_does_not_recreate_a_file_deleted_since_reading() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("gone.md");
        std::fs::write(&p, "old").unwrap();
        std::fs::remove_file(&p).unwrap();
        assert!(matches!(
            write_atomic(&p, b"old", b"new"),
            Err(WriteError::Io { .. })
        ));
        assert!(!p.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn atomic_write_refuses_changed_files_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "old").unwrap();
        assert!(matches!(
            write_atomic(&p, b"other", b"new"),
            Err(WriteError::ChangedOnDisk(_))
        ));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        // A file that grew past what was linted (read only that far).
        assert!(matches!(
            write_atomic(&p, b"ol", b"new"),
            Err(WriteError::ChangedOnDisk(_))
        ));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&p, b"old", b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
    }
}
