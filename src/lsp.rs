//! `koho lsp`: a Language Server over stdio for editors.
//!
//! Open Markdown documents are linted with [`crate::lint`] and published as
//! diagnostics (rule id as `code`, positions in UTF-16 code units). Each
//! finding with a fix becomes a quick fix, and a `source.fixAll.koho` action
//! applies every safe fix at once; hovering a finding shows `koho explain`.
//!
//! koho.toml is resolved per document (walking up from its folder) and cached
//! per config file; saving or changing a koho.toml drops the cache so the new
//! settings apply without a restart. A broken koho.toml is reported with
//! `window/showMessage` and the document is linted with the defaults.
//!
//! Stale work is skipped rather than queued: messages are handled in
//! batches (everything already waiting, plus a short quiet period after an
//! edit), and only the latest text of each changed document is linted once
//! per batch.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, RegisterCapability, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, Diagnostic as LspDiagnostic, DiagnosticRelatedInformation,
    DiagnosticSeverity, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern, Hover,
    HoverContents, HoverParams, HoverProviderCapability, InitializeParams, InitializeResult,
    Location, MarkupContent, MarkupKind, MessageType, NumberOrString, Position,
    PublishDiagnosticsParams, Range, Registration, RegistrationParams, ServerCapabilities,
    ServerInfo, ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, TextEdit, Url, WorkspaceEdit,
};

use crate::cli::ExitStatus;
use crate::config::{self, Config, ConfigError};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity};
use crate::fix::safe_edits;
use crate::rules::Registry;
use crate::span::{LineIndex, Span};
use crate::{lint, FileReport, Settings, Source};

/// After an edit, wait this long for more edits before linting.
const QUIET: Duration = Duration::from_millis(15);
/// ...but never delay a lint longer than this while edits keep coming.
const MAX_DELAY: Duration = Duration::from_millis(150);
/// Code action kind of "apply every safe fix".
pub const FIX_ALL_KIND: &str = "source.fixAll.koho";

/// Run the server on stdin/stdout until the client says `exit`.
pub fn run() -> io::Result<ExitStatus> {
    let (connection, io_threads) = Connection::stdio();
    let status = serve(&connection);
    drop(connection);
    io_threads.join()?;
    status
}

/// The server loop over any connection (stdio in production, in-memory in
/// unit tests).
pub fn serve(connection: &Connection) -> io::Result<ExitStatus> {
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(FIX_ALL_KIND),
            ]),
            ..CodeActionOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let (init_id, init_params) = connection.initialize_start().map_err(io::Error::other)?;
    let init_params: InitializeParams = serde_json::from_value(init_params).unwrap_or_default();
    let result = InitializeResult {
        capabilities,
        server_info: Some(ServerInfo {
            name: "koho".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    let result = serde_json::to_value(result).map_err(io::Error::other)?;
    connection
        .initialize_finish(init_id, result)
        .map_err(io::Error::other)?;

    rayon::spawn(crate::warm_up_reading);
    let registry = Registry::builtin().map_err(|e| io::Error::other(e.to_string()))?;
    let base = Settings::new_from(&registry).map_err(io::Error::other)?;
    // The first document opened finds the rules' literal filter built.
    crate::warm_up_rules_in_background();
    let mut server = Server {
        connection,
        builtin: registry,
        base,
        configs: HashMap::new(),
        docs: BTreeMap::new(),
        shutdown: false,
    };
    let watch = init_params
        .capabilities
        .workspace
        .and_then(|w| w.did_change_watched_files)
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    if watch {
        server.register_config_watcher();
    }
    server.main_loop()
}

/// One open document.
struct Doc {
    version: i32,
    text: String,
    /// Text changed (or settings changed) since the last lint.
    dirty: bool,
    last: Option<Linted>,
}

/// The result of linting one version of a document.
struct Linted {
    report: FileReport,
    index: LineIndex,
    settings: Settings,
}

struct Server<'c> {
    connection: &'c Connection,
    builtin: Registry,
    /// Built-in settings: used when no koho.toml applies (shares the tokenizer).
    base: Settings,
    /// Resolved settings per koho.toml (None: no config file).
    configs: HashMap<Option<PathBuf>, Settings>,
    docs: BTreeMap<Url, Doc>,
    shutdown: bool,
}

enum Flow {
    Continue,
    Exit(ExitStatus),
}

impl Server<'_> {
    fn main_loop(&mut self) -> io::Result<ExitStatus> {
        loop {
            let Ok(first) = self.connection.receiver.recv() else {
                // The client went away without `exit`.
                return Ok(ExitStatus::Error);
            };
            let batch = self.gather(first);
            let cancelled: HashSet<RequestId> = batch
                .iter()
                .filter_map(|m| match m {
                    Message::Notification(n) if n.method == "$/cancelRequest" => n
                        .params
                        .get("id")
                        .and_then(|id| serde_json::from_value::<RequestId>(id.clone()).ok()),
                    _ => None,
                })
                .collect();
            for msg in batch {
                let flow = match msg {
                    Message::Request(req) if cancelled.contains(&req.id) => {
                        self.reply_err(
                            req.id,
                            ErrorCode::RequestCanceled,
                            "リクエストは取り消されました。".into(),
                        );
                        Flow::Continue
                    }
                    Message::Request(req) => self.on_request(req),
                    Message::Notification(n) => self.on_notification(n),
                    // Answers to our own requests (registerCapability): nothing to do.
                    Message::Response(_) => Flow::Continue,
                };
                if let Flow::Exit(status) = flow {
                    return Ok(status);
                }
            }
            self.publish_dirty();
        }
    }

    /// Collect `first` and everything already waiting; after an edit, keep
    /// collecting while edits keep arriving (bounded by [`MAX_DELAY`]).
    fn gather(&self, first: Message) -> Vec<Message> {
        let started = Instant::now();
        let mut batch = vec![first];
        while let Ok(m) = self.connection.receiver.try_recv() {
            batch.push(m);
        }
        let is_edit = |m: &Message| matches!(m, Message::Notification(n) if n.method == DidChangeTextDocument::METHOD);
        if !batch.iter().any(is_edit) {
            return batch;
        }
        while started.elapsed() < MAX_DELAY {
            match self.connection.receiver.recv_timeout(QUIET) {
                Ok(m) => {
                    let stop = !is_edit(&m);
                    batch.push(m);
                    if stop {
                        // A request or save wants an answer now.
                        while let Ok(m) = self.connection.receiver.try_recv() {
                            batch.push(m);
                        }
                        break;
                    }
                }
                Err(_) => break,
            }
        }
        batch
    }

    fn send(&self, msg: Message) {
        // A closed channel means the client is gone; the loop ends on recv.
        let _ = self.connection.sender.send(msg);
    }

    fn reply_ok<R: serde::Serialize>(&self, id: RequestId, result: R) {
        self.send(Message::Response(Response::new_ok(id, result)));
    }

    fn reply_err(&self, id: RequestId, code: ErrorCode, message: String) {
        self.send(Message::Response(Response::new_err(
            id,
            code as i32,
            message,
        )));
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Message::Notification(Notification::new(
            N::METHOD.to_owned(),
            params,
        )));
    }

    fn show_error(&self, message: String) {
        self.notify::<ShowMessage>(ShowMessageParams {
            typ: MessageType::ERROR,
            message,
        });
    }

    fn register_config_watcher(&self) {
        let watchers = config::FILE_NAMES
            .iter()
            .map(|name| FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{name}")),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "koho-config-watcher".into(),
                method: DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.send(Message::Request(Request::new(
            RequestId::from("koho-register-watcher".to_owned()),
            RegisterCapability::METHOD.to_owned(),
            params,
        )));
    }

    fn on_request(&mut self, req: Request) -> Flow {
        if self.shutdown {
            self.reply_err(
                req.id,
                ErrorCode::InvalidRequest,
                "サーバーは終了処理中です。".into(),
            );
            return Flow::Continue;
        }
        match req.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                self.reply_ok(req.id, ());
            }
            CodeActionRequest::METHOD => match serde_json::from_value(req.params) {
                Ok(p) => {
                    let actions = self.code_actions(p);
                    self.reply_ok(req.id, actions);
                }
                Err(e) => self.invalid_params(req.id, &e),
            },
            HoverRequest::METHOD => match serde_json::from_value(req.params) {
                Ok(p) => {
                    let hover = self.hover(p);
                    self.reply_ok(req.id, hover);
                }
                Err(e) => self.invalid_params(req.id, &e),
            },
            other => self.reply_err(
                req.id,
                ErrorCode::MethodNotFound,
                format!("koho は {other} に対応していません。"),
            ),
        }
        Flow::Continue
    }

    fn invalid_params(&self, id: RequestId, e: &serde_json::Error) {
        self.reply_err(
            id,
            ErrorCode::InvalidParams,
            format!("パラメーターが正しくありません: {e}"),
        );
    }

    fn on_notification(&mut self, n: Notification) -> Flow {
        match n.method.as_str() {
            "exit" => {
                return Flow::Exit(if self.shutdown {
                    ExitStatus::Success
                } else {
                    ExitStatus::Failure
                })
            }
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    if is_lintable(&d.uri, &d.language_id) {
                        self.docs.insert(
                            d.uri,
                            Doc {
                                version: d.version,
                                text: d.text,
                                dirty: true,
                                last: None,
                            },
                        );
                    }
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) {
                    if let Some(doc) = self.docs.get_mut(&p.text_document.uri) {
                        for change in p.content_changes {
                            apply_change(&mut doc.text, change.range, &change.text);
                        }
                        doc.version = p.text_document.version;
                        doc.dirty = true;
                    }
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(n.params) {
                    if affects_config(&p.text_document.uri) {
                        self.drop_config_cache();
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    if self.docs.remove(&uri).is_some() {
                        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
                            uri,
                            diagnostics: Vec::new(),
                            version: None,
                        });
                    }
                }
            }
            DidChangeWatchedFiles::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(n.params) {
                    if p.changes.iter().any(|c| affects_config(&c.uri)) {
                        self.drop_config_cache();
                    }
                }
            }
            // initialized, $/cancelRequest (handled per batch), $/setTrace, …
            _ => {}
        }
        Flow::Continue
    }

    /// Forget every resolved koho.toml and relint what is open.
    fn drop_config_cache(&mut self) {
        self.configs.clear();
        for doc in self.docs.values_mut() {
            doc.dirty = true;
        }
    }

    /// Settings for a document: its koho.toml (cached), or the defaults.
    fn settings_for(&mut self, uri: &Url) -> Settings {
        let key = uri
            .to_file_path()
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .and_then(|dir| config::discover(&dir));
        if let Some(s) = self.configs.get(&key) {
            return s.clone();
        }
        let settings = match &key {
            None => self.base.clone(),
            Some(path) => match Config::load(path).and_then(|c| c.resolve(&self.builtin)) {
                Ok(s) => s,
                Err(e) => {
                    // Cached too, so the message appears once per change of the file.
                    self.show_error(config_error_message(path, &e));
                    self.base.clone()
                }
            },
        };
        self.configs.insert(key, settings.clone());
        settings
    }

    fn publish_dirty(&mut self) {
        let dirty: Vec<Url> = self
            .docs
            .iter()
            .filter(|(_, d)| d.dirty)
            .map(|(u, _)| u.clone())
            .collect();
        for uri in dirty {
            self.lint_and_publish(&uri);
        }
    }

    /// Lint the latest text of `uri` if it changed, and publish.
    fn lint_and_publish(&mut self, uri: &Url) {
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        if !doc.dirty {
            return;
        }
        let text = doc.text.clone();
        let version = doc.version;
        let settings = self.settings_for(uri);
        let name = uri
            .to_file_path()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| uri.to_string());
        let source = Source::new(name, text);
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lint(source, &settings)));
        let linted = match result {
            Ok(report) => Some(Linted {
                index: LineIndex::new(&report.source.text),
                report,
                settings,
            }),
            Err(_) => {
                self.show_error(format!(
                    "内部エラーで {uri} をチェックできませんでした（koho の不具合です。原稿を添えて報告してください）。"
                ));
                None
            }
        };
        let diagnostics = linted
            .as_ref()
            .map(|l| {
                l.report
                    .diagnostics
                    .iter()
                    .map(|d| to_lsp(d, l, uri))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(doc) = self.docs.get_mut(uri) {
            doc.dirty = false;
            doc.last = linted;
        }
        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version: Some(version),
        });
    }

    /// The lint result for the current text of `uri`.
    fn current(&mut self, uri: &Url) -> Option<&Linted> {
        self.lint_and_publish(uri);
        self.docs.get(uri).and_then(|d| d.last.as_ref())
    }

    fn code_actions(&mut self, p: CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = p.text_document.uri;
        let only = p.context.only;
        let wants = |kind: &str| match &only {
            None => true,
            Some(kinds) => kinds.iter().any(|k| {
                let k = k.as_str();
                kind == k || kind.starts_with(&format!("{k}."))
            }),
        };
        let (want_quick, want_all) = (wants("quickfix"), wants(FIX_ALL_KIND));
        let Some(l) = self.current(&uri) else {
            return Vec::new();
        };
        let text = &l.report.source.text;
        let start = l.index.offset_of_utf16(
            text,
            p.range.start.line as usize,
            p.range.start.character as usize,
        );
        let end = l
            .index
            .offset_of_utf16(
                text,
                p.range.end.line as usize,
                p.range.end.character as usize,
            )
            .max(start);
        let mut actions = Vec::new();
        if want_quick {
            for d in &l.report.diagnostics {
                let Some(fix) = &d.fix else { continue };
                // Touching counts: a cursor right after the word still offers the fix.
                if d.span.start > end || d.span.end < start || fix.edits.is_empty() {
                    continue;
                }
                let safe = fix.applicability == Applicability::Safe;
                let title = fix_title(d, &fix.edits, text, safe);
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![to_lsp(d, l, &uri)]),
                    edit: Some(workspace_edit(&uri, &fix.edits, l)),
                    is_preferred: Some(safe),
                    ..CodeAction::default()
                }));
            }
        }
        if want_all {
            let edits = safe_edits(&l.report);
            if !edits.is_empty() {
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("koho: 安全な修正をすべて適用（{} 件）", edits.len()),
                    kind: Some(CodeActionKind::new(FIX_ALL_KIND)),
                    edit: Some(workspace_edit(&uri, &edits, l)),
                    ..CodeAction::default()
                }));
            }
        }
        actions
    }

    fn hover(&mut self, p: HoverParams) -> Option<Hover> {
        let uri = p.text_document_position_params.text_document.uri;
        let pos = p.text_document_position_params.position;
        let l = self.current(&uri)?;
        let text = &l.report.source.text;
        let at = l
            .index
            .offset_of_utf16(text, pos.line as usize, pos.character as usize);
        let mut seen = HashSet::new();
        let mut parts = Vec::new();
        let mut range = None;
        for d in &l.report.diagnostics {
            // Empty spans (something missing) answer only at their exact spot.
            let inside = d.span.start <= at
                && (at < d.span.end || (d.span.is_empty() && at == d.span.start));
            if !inside || !seen.insert(d.rule.clone()) {
                continue;
            }
            range.get_or_insert_with(|| lsp_range(l, d.span));
            let doc = l
                .settings
                .registry
                .get(&d.rule)
                .map(|r| explain_markdown(&crate::cli::explain::render_text(r.meta())))
                .unwrap_or_default();
            parts.push(format!("**{}** `{}`\n\n{doc}", d.message, d.rule));
        }
        if parts.is_empty() {
            return None;
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range,
        })
    }
}

/// Documents koho lints: Markdown and plain text, never koho.toml itself.
fn is_lintable(uri: &Url, language_id: &str) -> bool {
    if affects_config(uri) {
        return false;
    }
    let ext = Path::new(uri.path())
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    matches!(language_id, "markdown" | "plaintext" | "text")
        || matches!(ext.as_deref(), Some("md" | "markdown" | "txt"))
}

/// koho.toml, or a file it may name (rule files, user dictionary).
fn affects_config(uri: &Url) -> bool {
    let path = Path::new(uri.path());
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    config::FILE_NAMES.contains(&name) || ext.eq_ignore_ascii_case("toml") || ext == "csv"
}

/// Apply one content change; a range is in UTF-16 code units of the
/// current text. Out-of-range positions are clamped, never a panic.
pub fn apply_change(text: &mut String, range: Option<Range>, new_text: &str) {
    let Some(r) = range else {
        *text = new_text.to_owned();
        return;
    };
    let index = LineIndex::new(text);
    let start = index.offset_of_utf16(text, r.start.line as usize, r.start.character as usize);
    let end = index.offset_of_utf16(text, r.end.line as usize, r.end.character as usize);
    let (start, end) = (start.min(end), start.max(end));
    if text.is_char_boundary(start) && text.is_char_boundary(end) {
        text.replace_range(start..end, new_text);
    }
}

fn lsp_position(l: &Linted, offset: usize) -> Position {
    let p = l.index.position(&l.report.source.text, offset);
    Position {
        line: u32::try_from(p.line.saturating_sub(1)).unwrap_or(u32::MAX),
        character: u32::try_from(p.utf16_column).unwrap_or(u32::MAX),
    }
}

fn lsp_range(l: &Linted, span: Span) -> Range {
    Range {
        start: lsp_position(l, span.start),
        end: lsp_position(l, span.end),
    }
}

fn to_lsp(d: &Diagnostic, l: &Linted, uri: &Url) -> LspDiagnostic {
    let mut message = d.message.to_string();
    if let Some(h) = &d.help {
        message.push('\n');
        message.push_str(h);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: lsp_range(l, label.span),
            },
            message: label.text.clone(),
        })
        .collect();
    LspDiagnostic {
        range: lsp_range(l, d.span),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.rule.to_string())),
        source: Some("koho".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..LspDiagnostic::default()
    }
}

fn workspace_edit(uri: &Url, edits: &[Edit], l: &Linted) -> WorkspaceEdit {
    let edits = edits
        .iter()
        .map(|e| TextEdit {
            range: lsp_range(l, e.span),
            new_text: e.replacement.clone(),
        })
        .collect();
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

fn fix_title(d: &Diagnostic, edits: &[Edit], text: &str, safe: bool) -> String {
    let what = match edits {
        [e] if e.span.is_empty() => format!("「{}」を挿入", e.replacement),
        [e] if e.replacement.is_empty() => format!("「{}」を削除", e.span.slice(text)),
        [e] => format!(
            "「{}」を「{}」に置き換え",
            e.span.slice(text),
            e.replacement
        ),
        _ => "修正を適用".to_owned(),
    };
    if safe {
        format!("{what}（{}）", d.rule)
    } else {
        format!("修正候補: {what}（{}、内容を確認してください）", d.rule)
    }
}

/// `koho explain` text as Markdown: the id line becomes a heading and the
/// example lines list items, so editors keep the line breaks.
fn explain_markdown(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if i == 0 {
            out.push_str(&format!("### {line}\n"));
        } else if let Some(rest) = line.strip_prefix("  ") {
            out.push_str(&format!("- {}\n", rest.trim_start()));
        } else if line.starts_with("##") || line.is_empty() {
            out.push_str(line);
            out.push('\n');
        } else {
            // A Markdown hard line break keeps "key: value" lines apart.
            out.push_str(line);
            out.push_str("  \n");
        }
    }
    out
}

/// One line for `window/showMessage`: where koho.toml is broken and why.
fn config_error_message(path: &Path, e: &ConfigError) -> String {
    let mut msg = format!("koho.toml を読み込めませんでした（{}", path.display());
    if let ConfigError::Invalid {
        src,
        span: Some(span),
        ..
    } = e
    {
        let text = src.inner();
        let p = LineIndex::new(text).position(text, span.offset());
        msg.push_str(&format!(":{}:{}", p.line, p.column));
    }
    msg.push_str(&format!("）: {e}"));
    if let ConfigError::Invalid {
        help: Some(help), ..
    } = e
    {
        msg.push_str(&format!(" {help}"));
    }
    msg.push_str(" 直すまでは既定の設定でチェックします。");
    msg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(l1: u32, c1: u32, l2: u32, c2: u32) -> Option<Range> {
        Some(Range {
            start: Position {
                line: l1,
                character: c1,
            },
            end: Position {
                line: l2,
                character: c2,
            },
        })
    }

    #[test]
    fn incremental_changes_use_utf16_columns() {
        let mut t = "𠮷野家\nご確認下さい。\n".to_owned();
        // 𠮷 is two UTF-16 units: column 2 is just before 野.
        apply_change(&mut t, range(0, 2, 0, 3), "屋");
        assert_eq!(t, "𠮷屋家\nご確認下さい。\n");
        apply_change(&mut t, range(1, 3, 1, 6), "ください");
        assert_eq!(t, "𠮷屋家\nご確認ください。\n");
        apply_change(&mut t, None, "全文");
        assert_eq!(t, "全文");
    }

    #[test]
    fn out_of_range_changes_do_not_panic() {
        let mut t = "あい".to_owned();
        apply_change(&mut t, range(9, 9, 0, 1), "x");
        assert_eq!(t, "あx");
        // Inside a surrogate pair: snapped to the character boundary.
        let mut t = "😀a".to_owned();
        apply_change(&mut t, range(0, 1, 0, 1), "b");
        assert_eq!(t, "😀ba");
    }

    fn note(method: &str, params: serde_json::Value) -> Message {
        Message::Notification(Notification::new(method.to_owned(), params))
    }

    fn req(id: i32, method: &str, params: serde_json::Value) -> Message {
        Message::Request(Request::new(id.into(), method.to_owned(), params))
    }

    /// Edits that arrive together are linted once, at their latest version:
    /// the whole conversation is queued before the server starts, so this
    /// does not depend on timing.
    #[test]
    fn queued_edits_are_linted_once_at_the_latest_version() {
        use serde_json::json;
        let (server, client) = Connection::memory();
        let uri = "file:///tmp/koho-lsp-unit/a.md";
        let mut msgs = vec![
            req(1, "initialize", json!({"capabilities": {}})),
            note("initialized", json!({})),
            note(
                "textDocument/didOpen",
                json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                       "text": "ご確認下さい。\n"}}),
            ),
        ];
        for v in 2..=20 {
            // Each edit appends one more finding; only the last text counts.
            msgs.push(note(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": v},
                       "contentChanges": [{"range": range(0, 0, 0, 0), "text": "ご確認下さい。"}]}),
            ));
        }
        msgs.push(req(
            2,
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range(0, 0, 0, 0),
                   "context": {"diagnostics": [], "only": [FIX_ALL_KIND]}}),
        ));
        msgs.push(req(3, "shutdown", serde_json::Value::Null));
        msgs.push(note("exit", serde_json::Value::Null));
        for m in msgs {
            client.sender.send(m).unwrap();
        }
        let status = serve(&server).unwrap();
        assert_eq!(status, ExitStatus::Success);
        let out: Vec<Message> = client.receiver.try_iter().collect();
        let published: Vec<&Notification> = out
            .iter()
            .filter_map(|m| match m {
                Message::Notification(n) if n.method == PublishDiagnostics::METHOD => Some(n),
                _ => None,
            })
            .collect();
        assert_eq!(published.len(), 1, "{published:#?}");
        assert_eq!(published[0].params["version"], 20);
        let terms = published[0].params["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "ja.terms")
            .count();
        assert_eq!(terms, 20);
        let fix_all = out
            .iter()
            .find_map(|m| match m {
                Message::Response(r) if r.id == 2.into() => r.result.clone(),
                _ => None,
            })
            .unwrap();
        assert_eq!(fix_all[0]["title"], "koho: 安全な修正をすべて適用（20 件）");
    }

    #[test]
    fn clients_that_can_watch_files_are_asked_to_watch_koho_toml() {
        use serde_json::json;
        let (server, client) = Connection::memory();
        let caps = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
        for m in [
            req(1, "initialize", json!({ "capabilities": caps })),
            note("initialized", json!({})),
            req(2, "shutdown", serde_json::Value::Null),
            note("exit", serde_json::Value::Null),
        ] {
            client.sender.send(m).unwrap();
        }
        assert_eq!(serve(&server).unwrap(), ExitStatus::Success);
        let register = client
            .receiver
            .try_iter()
            .find_map(|m| match m {
                Message::Request(r) if r.method == RegisterCapability::METHOD => Some(r),
                _ => None,
            })
            .unwrap();
        let globs: Vec<&str> = register.params["registrations"][0]["registerOptions"]["watchers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["globPattern"].as_str().unwrap())
            .collect();
        assert_eq!(globs, ["**/koho.toml", "**/.koho.toml"]);
    }

    #[test]
    fn config_files_are_not_linted_and_trigger_reload() {
        let toml = Url::parse("file:///w/koho.toml").unwrap();
        let md = Url::parse("file:///w/a.md").unwrap();
        assert!(affects_config(&toml));
        assert!(!is_lintable(&toml, "toml"));
        assert!(is_lintable(&md, "markdown"));
        assert!(!affects_config(&md));
        assert!(!is_lintable(
            &Url::parse("file:///w/main.rs").unwrap(),
            "rust"
        ));
    }
}
