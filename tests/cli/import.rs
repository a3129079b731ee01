//! `openclaw import openclaw` against a copy of a file-era OpenClaw home (`import_fixture/`,
//! built around the transcript and store the Node OpenClaw 2026.9.6 wrote in
//! /work/shared/openclaw-sample-state): dry run, full import, doctor, session show, send with
//! the imported history, idempotence, conflicts, a corrupt source file, and the JSON report.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::cron::Model;
use crate::harness::{Env, Run, snapshot_tree};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cli/import_fixture");

/// Secrets the fixture holds in files that must never be copied or printed.
const SECRETS: &[&str] = &["sk-ant-SECRET-should-not-appear", "SECRETNOISE", "sk-secret", "123:abc"];

/// Copies the fixture to `<tmp>/oc` and returns that path.
fn source(env: &Env) -> PathBuf {
    let to = env.dir.path().join("oc");
    for e in walkdir::WalkDir::new(FIXTURE).into_iter().filter_map(Result::ok) {
        let rel = e.path().strip_prefix(FIXTURE).unwrap();
        let target = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
    to
}

/// Every entry below `dir` (directories and lock files too) with its mode, size, mtime and bytes.
fn exact_tree(dir: &Path) -> Vec<(PathBuf, u32, i64, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let m = e.metadata().unwrap();
            let bytes = if m.is_file() { std::fs::read(e.path()).unwrap() } else { Vec::new() };
            let mtime = if m.is_file() { m.mtime_nsec() + m.mtime() * 1_000_000_000 } else { 0 };
            (e.path().to_path_buf(), m.mode(), mtime, bytes)
        })
        .collect()
}

fn import(env: &Env, src: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["import", "openclaw", "--from", src.to_str().unwrap()];
    args.extend_from_slice(extra);
    env.run(&args)
}

fn with_secrets(env: &Env, args: &[&str]) -> Run {
    let vars = [
        ("TELEGRAM_BOT_TOKEN", "1:t"),
        ("DISCORD_OPS_TOKEN", "d"),
        ("FAKE_API_KEY", "k"),
        ("ANTHROPIC_API_KEY", "a"),
    ];
    env.run_with(args, &vars)
}

#[test]
fn a_dry_run_changes_nothing_in_either_home() {
    let env = Env::init();
    let src = source(&env);
    let before_src = exact_tree(&src);
    let before_home = snapshot_tree(&env.home);
    let run = import(&env, &src, &["--dry-run"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("create    session     agent:main:main"), "{}", run.stdout);
    assert!(run.stdout.contains("Dry run, nothing written"), "{}", run.stdout);
    assert_eq!(exact_tree(&src), before_src, "the source changed");
    assert_eq!(snapshot_tree(&env.home), before_home, "the home changed");
    // A home that does not exist yet is not created by a dry run.
    let fresh = Env::new();
    let run = import(&fresh, &src, &["--dry-run"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!fresh.home.exists());
}

#[test]
fn a_full_import_is_healthy_shows_its_sessions_and_leaves_the_source_alone() {
    let env = Env::new();
    let src = source(&env);
    let before_src = exact_tree(&src);
    let run = import(&env, &src, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("Done:"), "{}", run.stdout);
    assert_eq!(exact_tree(&src), before_src, "the source changed");

    let doctor = with_secrets(&env, &["doctor"]);
    assert_eq!(doctor.code, 0, "{doctor:?}");
    assert!(doctor.stdout.contains("healthy"), "{doctor:?}");

    // Config: agents, bindings with OpenClaw's account semantics, secrets as references.
    let cfg = env.read("gateway.json5");
    assert!(cfg.starts_with("// Imported from the OpenClaw home"), "{cfg}");
    assert!(cfg.contains(r#"botToken: "${TELEGRAM_BOT_TOKEN}""#), "{cfg}");
    assert!(cfg.contains(r#""${DISCORD_OPS_TOKEN}""#), "{cfg}");
    let explain = with_secrets(
        &env,
        &["bind", "explain", "--channel", "discord", "--account", "ops", "--group", "123456"],
    );
    assert!(explain.stdout.contains("work"), "{explain:?}");
    let literal = with_secrets(&env, &["bind", "explain", "--channel", "telegram", "--peer", "weXXird"]);
    assert!(!literal.stdout.contains("agent:work"), "an escaped peer id must not act as a glob: {literal:?}");
    let exact = with_secrets(&env, &["bind", "explain", "--channel", "telegram", "--peer", "we*ird"]);
    assert!(exact.stdout.contains("work"), "{exact:?}");

    // Sessions under the same keys, `direct` spelled `peer`; transcripts readable.
    let show = env.run(&["session", "show", "agent:main:main"]);
    assert_eq!(show.code, 0, "{show:?}");
    assert!(show.stdout.contains("my favourite colour is teal"), "{}", show.stdout);
    assert!(show.stdout.contains("[image image/png"), "{}", show.stdout);
    let show = env.run(&["session", "show", "agent:main:telegram:peer:4242"]);
    assert!(show.stdout.contains("→ read"), "{}", show.stdout);
    let ls = env.run(&["session", "ls", "--agent", "work"]);
    assert!(ls.stdout.contains("agent:work:discord:channel:123456"), "{ls:?}");

    // The originals are kept untouched in the archive.
    let orig =
        std::fs::read(src.join("agents/main/sessions/11111111-2222-4333-8444-555555555555.jsonl")).unwrap();
    let archived = std::fs::read(
        env.path("agents/main/state/transcripts/archive/agent:main:main.20261123T232000.000Z.jsonl"),
    )
    .unwrap();
    assert_eq!(orig, archived);

    // Workspaces byte for byte; the first-run bootstrap is not run again.
    assert_eq!(env.read("agents/main/workspace/SOUL.md"), "# Soul\nI am Molty.\n");
    assert_eq!(
        env.read("agents/main/workspace/memory/2026-11-23.md"),
        "# 2026-11-23\n- talked about colours\n"
    );
    assert!(env.path("agents/main/workspace/skills/shared-skill/SKILL.md").is_file());
    assert!(!env.path("agents/main/workspace/BOOTSTRAP.md").exists());
    assert_eq!(env.read("agents/work/workspace/SOUL.md"), "# Soul\nI am the work agent.\n");

    // Approved senders and cron jobs.
    let approved: Value = serde_json::from_str(&env.read("credentials/telegram-allowFrom.json")).unwrap();
    let ids: Vec<&str> =
        approved["allowFrom"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["4242", "777", "555"]);
    let jobs: Value = serde_json::from_str(&env.read("cron/jobs.json")).unwrap();
    assert_eq!(jobs["job-morning"]["deliver"], "telegram:4242");

    // Nothing secret was copied or printed.
    for s in SECRETS {
        assert!(!run.stdout.contains(s) && !run.stderr.contains(s), "{s} printed");
        for (path, bytes) in snapshot_tree(&env.home) {
            assert!(!String::from_utf8_lossy(&bytes).contains(s), "{s} copied into {}", path.display());
        }
    }
}

#[test]
fn send_continues_an_imported_session_with_its_history() {
    let model = Model::replying("It is teal.");
    let env = Env::new();
    let src = source(&env);
    let cfg = std::fs::read_to_string(src.join("openclaw.json")).unwrap();
    std::fs::write(src.join("openclaw.json"), cfg.replace("http://127.0.0.1:9", &model.base)).unwrap();
    assert_eq!(import(&env, &src, &[]).code, 0);
    let run = with_secrets(&env, &["send", "--session", "agent:main:main", "what is my favourite colour?"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout.trim(), "It is teal.");
    let said = model.user_messages();
    assert!(said.iter().any(|m| m.contains("my favourite colour is teal")), "{said:?}");
    assert!(said.iter().any(|m| m.contains("what is my favourite colour?")), "{said:?}");
    let show = env.run(&["session", "show", "agent:main:main"]);
    assert!(show.stdout.contains("It is teal."), "{}", show.stdout);
}

#[test]
fn a_second_run_changes_nothing_and_says_so() {
    let env = Env::new();
    let src = source(&env);
    assert_eq!(import(&env, &src, &[]).code, 0);
    let after_first = snapshot_tree(&env.home);
    let run = import(&env, &src, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("Nothing to do: everything is already imported."), "{}", run.stdout);
    assert_eq!(snapshot_tree(&env.home), after_first);
}

#[test]
fn something_different_in_the_home_is_refused_unless_merge() {
    let env = Env::init();
    let src = source(&env);
    env.ok(&["config", "set", "models.default", "openai/mine"]);
    env.write("agents/main/workspace/SOUL.md", "# Mine\n");
    let before = snapshot_tree(&env.home);
    let run = import(&env, &src, &[]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("already exist here with different content"), "{}", run.stderr);
    assert!(run.stderr.contains("--merge"), "{}", run.stderr);
    assert_eq!(snapshot_tree(&env.home), before, "a refused run wrote something");
    let run = import(&env, &src, &["--merge"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("kept      config      models.default"), "{}", run.stdout);
    assert!(env.read("gateway.json5").contains(r#""openai/mine""#));
    assert_eq!(env.read("agents/main/workspace/SOUL.md"), "# Mine\n");
    // The rest came over.
    assert!(env.read("agents/main/workspace/MEMORY.md").contains("teal"));
}

#[test]
fn a_corrupt_source_file_is_reported_and_the_rest_imported() {
    let env = Env::new();
    let src = source(&env);
    std::fs::write(src.join("agents/work/sessions/sessions.json"), "{ not json").unwrap();
    let t = src.join("agents/main/sessions/11111111-2222-4333-8444-555555555555.jsonl");
    let mut text = std::fs::read_to_string(&t).unwrap();
    text.push_str("{\"type\":\"message\",\"id\":\"torn");
    std::fs::write(&t, text).unwrap();
    let run = import(&env, &src, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("agents/work/sessions/sessions.json:1:3"), "{}", run.stderr);
    assert!(run.stderr.contains("1 unreadable transcript line(s) skipped"), "{}", run.stderr);
    let show = env.run(&["session", "show", "agent:main:main"]);
    assert!(show.stdout.contains("teal"), "{show:?}");
    assert!(env.read("agents/work/workspace/SOUL.md").contains("work agent"));
    assert_eq!(with_secrets(&env, &["doctor"]).code, 0);
}

#[test]
fn the_json_report_lists_items_and_what_was_not_imported() {
    let env = Env::new();
    let src = source(&env);
    let run = import(&env, &src, &["--dry-run", "--json"]);
    assert_eq!(run.code, 0, "{run:?}");
    let r: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(r["dryRun"], true);
    assert_eq!(r["eras"], serde_json::json!(["file"]));
    let items = r["items"].as_array().unwrap();
    let session = items.iter().find(|i| i["kind"] == "session" && i["target"] == "agent:main:main").unwrap();
    assert_eq!(session["action"], "create");
    let unmapped = r["unmapped"].as_array().unwrap();
    let reason = |item: &str| {
        unmapped
            .iter()
            .find(|u| u["item"].as_str().unwrap().contains(item))
            .map(|u| u["reason"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("{item} not reported: {unmapped:#?}"))
    };
    assert!(reason("credentials/whatsapp").contains("Baileys"));
    assert!(reason("auth-profiles.json").contains("anthropic:default"));
    assert!(reason(".env").contains("TELEGRAM_BOT_TOKEN"));
    assert!(reason("bindings[2]").contains("guildId"));
    assert!(reason("openclaw.json: hooks").contains("no equivalent"));
    assert!(reason("session \"agent:main:sample\"").contains("no form here"));
    for s in SECRETS {
        assert!(!run.stdout.contains(s), "{s} in the report");
    }
}

/// A real home of the Node OpenClaw (tests/fixtures/openclaw, made by
/// scripts/make-openclaw-fixtures.sh), copied to `<tmp>/real`.
pub(crate) fn real_home(env: &Env, era: &str) -> PathBuf {
    let from =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/openclaw").join(era).join(".openclaw");
    let to = env.dir.path().join("real");
    for e in walkdir::WalkDir::new(&from).into_iter().filter_map(Result::ok) {
        let target = to.join(e.path().strip_prefix(&from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else if e.file_type().is_file() {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
    to
}

/// Imports a real home and checks what a user would: it is healthy, the conversations show,
/// the source is untouched, and a second run does nothing.
pub(crate) fn imports_a_real_home(era: &str) {
    let env = Env::new();
    let src = real_home(&env, era);
    let before = exact_tree(&src);
    let run = import(&env, &src, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(exact_tree(&src), before, "the source changed");
    let doctor =
        env.run_with(&["doctor"], &[("TELEGRAM_BOT_TOKEN", "1:t"), ("TELEGRAM_ALERTS_BOT_TOKEN", "2:t")]);
    assert_eq!(doctor.code, 0, "{doctor:?}");
    let ls = env.run(&["session", "ls"]);
    for key in ["agent:main:main", "agent:main:telegram:peer:555000111", "agent:work:telegram:peer:424242"] {
        assert!(ls.stdout.contains(key), "{key} missing: {}", ls.stdout);
    }
    let show = env.run(&["session", "show", "agent:main:main"]);
    assert!(show.stdout.contains("Hello, who are you?"), "{}", show.stdout);
    assert!(env.read("credentials/telegram-allowFrom.json").contains("555000111"));
    assert!(env.read("gateway.json5").contains("${TELEGRAM_BOT_TOKEN}"));
    // Memory and the workspace come over byte for byte, though the config names the folder
    // where the home was made (another machine, as far as this import can tell).
    let memory = "agents/main/workspace/memory/2026-11-20.md";
    assert_eq!(
        std::fs::read(env.path(memory)).unwrap(),
        std::fs::read(src.join("workspace/memory/2026-11-20.md")).unwrap()
    );
    assert_eq!(
        env.read("agents/main/workspace/MEMORY.md"),
        std::fs::read_to_string(src.join("workspace/MEMORY.md")).unwrap()
    );
    assert_eq!(
        env.read("agents/work/workspace/SOUL.md"),
        std::fs::read_to_string(src.join("workspace-work/SOUL.md")).unwrap()
    );
    assert!(run.stderr.contains("is not there; read"), "{run:?}");
    let again = import(&env, &src, &[]);
    assert!(again.stdout.contains("Nothing to do"), "{again:?}");
}

#[test]
fn a_real_file_era_home_is_imported() {
    imports_a_real_home("file-era");
}
