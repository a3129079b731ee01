//! `openclaw import openclaw`: bringing a Node OpenClaw home over, losing nothing.
//!
//! [`plan`] reads the source (never writing to it) and compares every item with what the home
//! already holds: each becomes `create`, `replace` (a starting template we wrote), `unchanged`,
//! `conflict` (something different is there) or, with `--merge`, `kept` (ours stays). What has no
//! place here is listed with the reason in [`Report::unmapped`]. [`apply`] carries the plan out
//! through the same writers and locks as everything else (config editor, session store, access
//! lists, cron jobs), refusing when there are conflicts and no `--merge`. A second run finds
//! everything `unchanged` and writes nothing.
//!
//! Both eras of OpenClaw state are read: the file era (`openclaw.json`, `sessions.json` and pi
//! transcripts) and, with the `import-sqlite` feature, the SQLite era (2026.7+). The original
//! transcripts are copied untouched into `transcripts/archive/`, so whatever the conversion
//! cannot carry (other branches, extension entries, image data) is still there.

pub mod config;
mod files;
pub mod pi;
mod sessions;
#[cfg(feature = "import-sqlite")]
mod sqlite;

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

pub use config::Unmapped;

use crate::channel::access::{self, ApprovedSender};
use crate::config::{Binding, ConfigDoc, KeyPath, PathSeg};
use crate::home::Home;
use crate::session::transcript::Line;
use crate::session::{SessionEntry, SessionStore};
use crate::store::IoError;

/// What to import and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// The OpenClaw state directory.
    pub from: PathBuf,
    /// Only report what would happen.
    pub dry_run: bool,
    /// Go ahead where the home already holds something different (ours is kept).
    pub merge: bool,
    /// Only these agents (empty: all).
    pub agents: Vec<String>,
}

/// What happens to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// It is new here.
    Create,
    /// It replaces a starting template openclaw wrote (nothing of the user's).
    Replace,
    /// It is already here, identical.
    Unchanged,
    /// Something different is here; a real run refuses without `--merge`.
    Conflict,
    /// Something different is here and stays (`--merge`); the source keeps the other version.
    Kept,
}

impl Action {
    /// The word shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Replace => "replace",
            Action::Unchanged => "unchanged",
            Action::Conflict => "conflict",
            Action::Kept => "kept",
        }
    }
}

/// One item of the plan.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// What happens.
    pub action: Action,
    /// `config`, `binding`, `agent`, `workspace`, `session`, `archive`, `credentials`, `cron`.
    pub kind: &'static str,
    /// What it is here: a config key, a session key, a path relative to the home.
    pub target: String,
    /// More about it (values are shown with secrets hidden).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The whole plan (or what was done), as `--json` prints it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The OpenClaw directory.
    pub source: String,
    /// Our home.
    pub target: String,
    /// `file`, `sqlite`: which kinds of OpenClaw state were found.
    pub eras: Vec<&'static str>,
    /// Whether this only planned.
    pub dry_run: bool,
    /// Whether `--merge` was given.
    pub merge: bool,
    /// Every item, in the order it is written.
    pub items: Vec<Item>,
    /// What has no place here, and why.
    pub unmapped: Vec<Unmapped>,
    /// Problems reading the source (a corrupt file is reported here and the rest imported).
    pub warnings: Vec<String>,
}

impl Report {
    /// How many items have `action`.
    pub fn count(&self, action: Action) -> usize {
        self.items.iter().filter(|i| i.action == action).count()
    }

    /// Items that write something.
    pub fn changes(&self) -> usize {
        self.count(Action::Create) + self.count(Action::Replace)
    }
}

/// Why an import could not run.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The source is not there.
    #[error("no OpenClaw home at {}: it has no openclaw.json and no agents/ directory", .0.display())]
    NoSource(PathBuf),
    /// Source and target are one directory.
    #[error("{} is both the OpenClaw home and the openclaw home", .0.display())]
    SameDirectory(PathBuf),
    /// The home already holds different items and `--merge` was not given.
    #[error(
        "{count} item(s) already exist here with different content (first: {first}); nothing was written"
    )]
    Conflicts {
        /// How many.
        count: usize,
        /// The first one, as `kind target`.
        first: String,
    },
    /// A SQLite-era home, and this build cannot read SQLite.
    #[error(
        "{} holds SQLite-era OpenClaw state ({}), which this build cannot read",
        .root.display(),
        .file.display()
    )]
    NoSqlite {
        /// The source.
        root: PathBuf,
        /// The first database found.
        file: PathBuf,
    },
    /// Reading or writing a file failed.
    #[error(transparent)]
    Io(#[from] IoError),
    /// The target config cannot be read or edited.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    /// A session store cannot be read or written.
    #[error(transparent)]
    Store(#[from] crate::session::StoreError),
    /// An approvals file cannot be read or written.
    #[error(transparent)]
    Access(#[from] access::AccessError),
    /// The cron jobs cannot be read or written.
    #[error(transparent)]
    Cron(#[from] crate::cron::CronError),
    /// The home could not be created.
    #[error(transparent)]
    Init(#[from] crate::setup::InitError),
}

/// One session to write.
#[derive(Debug)]
pub(crate) struct NewSession {
    agent: String,
    key: String,
    entry: SessionEntry,
    /// The converted transcript (header first), or `None` when only the original is archived.
    transcript: Option<Vec<Line>>,
}

/// One write of the plan.
#[derive(Debug)]
enum Op {
    /// `agents.<id>`, a setting, or the header comment.
    Setting {
        path: KeyPath,
        value: Value,
    },
    Binding {
        agent: String,
        binding: Binding,
    },
    /// The agent's directories (and starting workspace) via `agent::workspace::create`.
    Agent {
        id: String,
        model: Option<String>,
    },
    /// A file copied from the source (or made from it), new or over a template of ours.
    File {
        path: PathBuf,
        from: FileFrom,
    },
    /// BOOTSTRAP.md of a workspace that already had its first run, when it is our template.
    DropBootstrap {
        agent: String,
    },
    Session(Box<NewSession>),
    Approved {
        channel: String,
        senders: Vec<ApprovedSender>,
    },
    Cron(Box<crate::cron::jobs::Job>),
}

/// Where a file's bytes come from.
#[derive(Debug)]
pub(crate) enum FileFrom {
    Path(PathBuf),
    /// Made from database rows (SQLite era).
    #[cfg_attr(not(feature = "import-sqlite"), allow(dead_code))]
    Bytes(Vec<u8>),
}

/// A computed plan: the report, and the writes that carry it out.
#[derive(Debug)]
pub struct Plan {
    /// What would happen.
    pub report: Report,
    ops: Vec<Op>,
}

/// State shared by the planning steps.
pub(crate) struct Planner<'a> {
    pub(crate) src: &'a Path,
    pub(crate) home: &'a Home,
    pub(crate) opts: &'a Options,
    report: Report,
    ops: Vec<Op>,
    /// The target config as written (unexpanded), or our template when there is none.
    existing: Value,
}

impl Planner<'_> {
    pub(crate) fn item(
        &mut self,
        action: Action,
        kind: &'static str,
        target: String,
        detail: Option<String>,
    ) {
        self.report.items.push(Item { action, kind, target, detail });
    }

    /// `Conflict`, or `Kept` under `--merge`.
    pub(crate) fn differs(&self) -> Action {
        if self.opts.merge { Action::Kept } else { Action::Conflict }
    }

    pub(crate) fn unmapped(&mut self, item: impl Into<String>, reason: impl Into<String>) {
        self.report.unmapped.push(Unmapped { item: item.into(), reason: reason.into() });
    }

    pub(crate) fn warn(&mut self, w: impl Into<String>) {
        self.report.warnings.push(w.into());
    }

    pub(crate) fn wanted(&self, agent: &str) -> bool {
        self.opts.agents.is_empty() || self.opts.agents.iter().any(|a| a == agent)
    }

    /// The home-relative display of a path.
    pub(crate) fn rel(&self, p: &Path) -> String {
        p.strip_prefix(self.home.root()).unwrap_or(p).display().to_string()
    }

    /// Plans a file: compared with what is there (a template of ours may be replaced).
    pub(crate) fn file(&mut self, kind: &'static str, target: PathBuf, from: FileFrom, template: bool) {
        let rel = self.rel(&target);
        let action = match std::fs::read(&target) {
            Err(_) => Action::Create,
            Ok(have) => {
                let same = match &from {
                    FileFrom::Bytes(b) => *b == have,
                    FileFrom::Path(p) => std::fs::read(p).is_ok_and(|b| b == have),
                };
                let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if same {
                    Action::Unchanged
                } else if template && crate::agent::workspace::is_pristine(name, &have) {
                    Action::Replace
                } else {
                    self.differs()
                }
            }
        };
        if matches!(action, Action::Create | Action::Replace) {
            self.ops.push(Op::File { path: target, from });
        }
        self.item(action, kind, rel, None);
    }
}

/// The value at `path` in `root`.
fn lookup<'v>(root: &'v Value, path: &KeyPath) -> Option<&'v Value> {
    let mut at = root;
    for seg in &path.0 {
        at = match seg {
            PathSeg::Key(k) => at.get(k)?,
            PathSeg::Index(i) => at.get(i)?,
        };
    }
    Some(at)
}

/// A setting's value for the report: secrets hidden unless they are `${VAR}` references.
fn shown(path: &KeyPath, value: &Value) -> String {
    let secret = matches!(path.0.last(), Some(PathSeg::Key(k)) if crate::config::is_secret_key(k));
    let mut v = value.clone();
    if secret {
        if v.as_str().is_some_and(|s| !s.starts_with("${")) {
            v = Value::String("(secret)".into());
        }
    } else {
        hide_secrets(&mut v);
    }
    v.to_string()
}

fn hide_secrets(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, x) in map.iter_mut() {
                if crate::config::is_secret_key(k) && x.as_str().is_some_and(|s| !s.starts_with("${")) {
                    *x = Value::String("(secret)".into());
                } else {
                    hide_secrets(x);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(hide_secrets),
        _ => {}
    }
}

/// Reads the OpenClaw home at `opts.from` and plans the import into `home`. Writes nothing.
pub fn plan(home: &Home, opts: &Options) -> Result<Plan, ImportError> {
    let src = &opts.from;
    let has_config = src.join("openclaw.json").is_file();
    if !src.is_dir() || (!has_config && !src.join("agents").is_dir()) {
        return Err(ImportError::NoSource(src.clone()));
    }
    let same = match (src.canonicalize(), home.root().canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(ImportError::SameDirectory(src.clone()));
    }
    let existing_text = match std::fs::read_to_string(home.config_path()) {
        Ok(t) => t,
        Err(_) => crate::config::TEMPLATE.to_string(),
    };
    let existing = crate::config::parse_json5(&home.config_path(), &existing_text)?;
    let databases = sqlite_files(src);
    let mut eras = Vec::new();
    if has_config || files::has_file_sessions(src) {
        eras.push("file");
    }
    if !databases.is_empty() {
        eras.push("sqlite");
    }
    let report = Report {
        source: src.display().to_string(),
        target: home.root().display().to_string(),
        eras,
        dry_run: opts.dry_run,
        merge: opts.merge,
        items: Vec::new(),
        unmapped: Vec::new(),
        warnings: Vec::new(),
    };
    let mut p = Planner { src, home, opts, report, ops: Vec::new(), existing };

    // The configuration.
    let cfg_path = src.join("openclaw.json");
    let cfg = match std::fs::read_to_string(&cfg_path) {
        Ok(text) => match crate::config::parse_json5(&cfg_path, &text) {
            Ok(v) => v,
            Err(e) => {
                p.warn(format!("{e}; the configuration is not imported, the rest is"));
                Value::Object(Default::default())
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Value::Object(Default::default()),
        Err(e) => {
            p.warn(format!("reading {}: {e}; the configuration is not imported", cfg_path.display()));
            Value::Object(Default::default())
        }
    };
    let mut mapped = config::map(&cfg, &opts.agents);
    p.report.unmapped.append(&mut mapped.unmapped);
    // Agents with state but not in the config come along too.
    for id in files::agent_dirs(src) {
        if p.wanted(&id) && !mapped.agents.iter().any(|a| a.id == id) {
            mapped.agents.push(config::SourceAgent { id, default: false, workspace: None });
        }
    }
    plan_config(&mut p, &mapped);
    for agent in &mapped.agents {
        if !p.home.agent_dir(&agent.id).is_dir() {
            let model = mapped
                .settings
                .iter()
                .find(|s| s.path.to_string() == format!("agents.{}.model", agent.id))
                .or_else(|| mapped.settings.iter().find(|s| s.path.to_string() == "models.default"))
                .and_then(|s| s.value.as_str().map(str::to_string));
            p.ops.push(Op::Agent { id: agent.id.clone(), model });
            p.item(Action::Create, "agent", format!("agents/{}", agent.id), None);
        }
    }
    files::plan_workspaces(&mut p, &mapped);
    for agent in &mapped.agents {
        // A SQLite-era agent's sessions.json (if one is left) is superseded by its database.
        let in_db = databases.iter().any(|d| d.starts_with(src.join("agents").join(&agent.id)));
        if cfg!(feature = "import-sqlite") && in_db {
            if src.join("agents").join(&agent.id).join("sessions").join("sessions.json").is_file() {
                p.unmapped(
                    format!("agents/{}/sessions/sessions.json", agent.id),
                    "superseded by the agent's SQLite database, which is imported instead",
                );
            }
            continue;
        }
        sessions::plan_file_sessions(&mut p, &agent.id);
    }
    #[cfg(feature = "import-sqlite")]
    for db in &databases {
        sqlite::plan(&mut p, db, &mapped);
    }
    #[cfg(not(feature = "import-sqlite"))]
    if let Some(db) = databases.first() {
        if !files::has_file_sessions(src) {
            return Err(ImportError::NoSqlite { root: src.clone(), file: db.clone() });
        }
        p.warn(format!(
            "{} holds SQLite-era state that this build cannot read; rebuild with `cargo build --features import-sqlite` to import it",
            db.display()
        ));
    }
    files::plan_credentials(&mut p);
    files::plan_cron(&mut p, &mapped);
    files::report_leftovers(&mut p);
    Ok(Plan { report: p.report, ops: p.ops })
}

/// SQLite databases of a SQLite-era home: per-agent ones and the state database.
pub(crate) fn sqlite_files(src: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for id in files::agent_dirs(src) {
        let db = src.join("agents").join(&id).join("agent").join("openclaw-agent.sqlite");
        if db.is_file() {
            out.push(db);
        }
    }
    // The state database: `state/openclaw.sqlite` (2026.9); quarantined copies are not state.
    for e in std::fs::read_dir(src.join("state")).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".sqlite") && !name.contains("quarantine") {
            out.push(e.path());
        }
    }
    out
}

fn plan_config(p: &mut Planner<'_>, mapped: &config::Mapped) {
    let agents_in_target: Vec<String> = p
        .existing
        .get("agents")
        .and_then(Value::as_object)
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    for agent in &mapped.agents {
        if !agents_in_target.contains(&agent.id) {
            let path = KeyPath(vec![PathSeg::Key("agents".into()), PathSeg::Key(agent.id.clone())]);
            p.ops.push(Op::Setting { path: path.clone(), value: Value::Object(Default::default()) });
            p.item(Action::Create, "config", path.to_string(), None);
        }
    }
    // A value still as our template wrote it is a default, not the user's: it may be replaced.
    let template =
        crate::config::parse_json5(Path::new("template"), crate::config::TEMPLATE).unwrap_or_default();
    for s in &mapped.settings {
        let action = match lookup(&p.existing, &s.path) {
            None => Action::Create,
            Some(v) if *v == s.value => Action::Unchanged,
            Some(v) if lookup(&template, &s.path) == Some(v) => Action::Replace,
            Some(_) => p.differs(),
        };
        if matches!(action, Action::Create | Action::Replace) {
            p.ops.push(Op::Setting { path: s.path.clone(), value: s.value.clone() });
        }
        p.item(action, "config", s.path.to_string(), Some(shown(&s.path, &s.value)));
    }
    for (agent, bindings) in &mapped.bindings {
        let have: Vec<Binding> = p
            .existing
            .get("agents")
            .and_then(|a| a.get(agent))
            .and_then(|a| a.get("bindings"))
            .and_then(|b| serde_json::from_value(b.clone()).ok())
            .unwrap_or_default();
        if !mapped.agents.iter().any(|a| a.id == *agent) && !agents_in_target.contains(agent) {
            p.unmapped(
                format!("openclaw.json: bindings of agent {agent:?}"),
                "the agent does not exist in openclaw.json; the binding would fail to load",
            );
            continue;
        }
        for b in bindings {
            let action = if have.contains(b) { Action::Unchanged } else { Action::Create };
            if action == Action::Create {
                p.ops.push(Op::Binding { agent: agent.clone(), binding: b.clone() });
            }
            p.item(action, "binding", format!("agents.{agent}.bindings"), Some(b.to_json5()));
        }
    }
}

/// The header comment of an imported `gateway.json5`.
fn header(src: &str) -> Vec<String> {
    vec![
        format!("Imported from the OpenClaw home {src} by `openclaw import openclaw`."),
        "What could not be mapped is listed by `openclaw import openclaw --dry-run` (run it again to see)."
            .to_string(),
    ]
}

/// Carries out `plan` (nothing when it has conflicts and `--merge` was not given).
pub fn apply(home: &Home, plan: Plan) -> Result<Report, ImportError> {
    let Plan { report, ops } = plan;
    if report.dry_run {
        return Ok(report);
    }
    if let Some(first) = report.items.iter().find(|i| i.action == Action::Conflict) {
        return Err(ImportError::Conflicts {
            count: report.count(Action::Conflict),
            first: format!("{} {}", first.kind, first.target),
        });
    }
    if report.changes() == 0 {
        return Ok(report);
    }
    if !home.config_path().is_file() {
        crate::setup::init(home)?;
    }
    // The config first: if the result does not validate, nothing else is written.
    let config_ops = ops.iter().any(|o| matches!(o, Op::Setting { .. } | Op::Binding { .. }));
    if config_ops {
        let mut doc = ConfigDoc::open(&home.config_path())?;
        doc.prepend_comment(&header(&report.source));
        for op in &ops {
            match op {
                Op::Setting { path, value } => doc.set(&path.to_string(), value.clone())?,
                Op::Binding { agent, binding } => drop(doc.add_binding(agent, binding)?),
                _ => {}
            }
        }
        doc.save()?;
    }
    let mut sessions: Vec<NewSession> = Vec::new();
    let mut jobs = Vec::new();
    for op in ops {
        match op {
            Op::Setting { .. } | Op::Binding { .. } => {}
            Op::Agent { id, model } => {
                let identity = crate::agent::workspace::Identity {
                    name: crate::agent::workspace::default_name(&id),
                    model: model.unwrap_or_else(|| "(not set)".into()),
                };
                crate::agent::workspace::create(home, &id, &identity)?;
            }
            Op::File { path, from } => files::write(&path, &from)?,
            Op::DropBootstrap { agent } => files::drop_bootstrap(home, &agent)?,
            Op::Session(s) => sessions.push(*s),
            Op::Approved { channel, senders } => drop(access::add_approved(home, &channel, &senders)?),
            Op::Cron(job) => jobs.push(*job),
        }
    }
    sessions::write(home, sessions)?;
    if !jobs.is_empty() {
        crate::cron::jobs::update(home, |all| {
            for job in jobs {
                all.entry(job.id.clone()).or_insert(job);
            }
            Ok(())
        })?;
    }
    Ok(report)
}

/// The store of `agent` in the home, loaded (an unreadable store is an error: it is never
/// overwritten).
pub(crate) fn target_sessions(home: &Home, agent: &str) -> Result<crate::session::Sessions, ImportError> {
    Ok(SessionStore::open(home, agent).load()?)
}
