use std::os::unix::fs::PermissionsExt;

use openclaw::home::Home;
use openclaw::session::{SessionEntry, SessionKey, SessionStore, transcript};

use crate::harness::{Env, snapshot_tree};

fn chmod(path: &std::path::Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A session of agent main with `messages` messages and a live transcript.
fn session(env: &Env, peer: &str, messages: u64) -> SessionKey {
    let home = Home::new(&env.home);
    let key = SessionKey::parse(&format!("agent:main:telegram:peer:{peer}")).unwrap();
    let mut entry = SessionEntry::new(jiff::Timestamp::now().as_millisecond());
    entry.message_count = messages;
    transcript::create(&home, &key, &entry.session_id, jiff::Timestamp::now()).unwrap();
    SessionStore::open(&home, "main").upsert(&key, entry).unwrap();
    key
}

/// A home whose model can answer: `openclaw init`, with the default model on a local server
/// (which takes no key), so the checks below are about what they break and nothing else.
fn ready() -> Env {
    let env = Env::init();
    let text = env.read("gateway.json5").replace("\"openai/gpt-4o-mini\"", "\"local/test-model\"");
    env.write("gateway.json5", &text);
    env
}

#[test]
fn a_fresh_home_is_healthy_once_its_model_has_a_key() {
    let env = Env::init();
    session(&env, "anna", 2);
    // Nothing can answer yet: the template's model wants OPENAI_API_KEY.
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        env.redact(&run.stderr),
        "error: gateway.json5: agent main: no model can answer: model openai/gpt-4o-mini needs OPENAI_API_KEY, which is not set. \
         Export OPENAI_API_KEY in the gateway's environment and restart the gateway, or run `openclaw onboard` to set up another provider\n"
    );
    assert_eq!(run.stdout, "1 error(s), 0 warning(s), 0 fixed\n");
    let run = env.run_with(&["doctor"], &[("OPENAI_API_KEY", "sk-test")]);
    assert_eq!((run.code, env.redact(&run.stdout)), (0, "ok: [HOME] is healthy\n".to_string()));
    let run = env.run_with(&["--json", "doctor"], &[("OPENAI_API_KEY", "sk-test")]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["ok"], true);
}

#[test]
fn an_agent_whose_provider_is_unknown_is_an_error_and_a_broken_fallback_a_warning() {
    let env = ready();
    let text = env
        .read("gateway.json5")
        .replace("fallbacks: []", "fallbacks: [\"anthropic/claude-x\"]")
        .replace("main: {", "jarvis: { model: \"mistral/large\" },\n    main: {");
    env.write("gateway.json5", &text);
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().filter(|l| l.contains("agent ")).collect();
    assert!(lines.iter().any(|l| l.starts_with("warning: gateway.json5: agent main: fallback anthropic/claude-x: model anthropic/claude-x needs ANTHROPIC_API_KEY")), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("error: gateway.json5: agent jarvis: no model can answer: model mistral/large names provider \"mistral\", which is neither in models.providers nor built in")), "{lines:?}");
}

#[test]
fn every_unset_variable_of_the_config_is_named_at_once() {
    let env = ready();
    let text = env.read("gateway.json5").replacen(
        "channels: {",
        "channels: {\n    telegram: { accounts: { default: { botToken: \"${TG_TOKEN}\" } } },\n    discord: { accounts: { default: { token: \"${DC_TOKEN}\" } } },",
        1,
    );
    assert!(text.contains("${DC_TOKEN}"), "{text}");
    env.write("gateway.json5", &text);
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("environment variable TG_TOKEN is not set"), "{}", run.stderr);
    assert!(
        run.stderr.contains("2 environment variables the config uses are not set: TG_TOKEN, DC_TOKEN"),
        "{}",
        run.stderr
    );
    let run = env.run_with(&["doctor"], &[("TG_TOKEN", "1:t"), ("DC_TOKEN", "d")]);
    assert!(!run.stderr.contains("is not set"), "{}", run.stderr);
}

#[test]
fn loose_permissions_are_errors_until_fixed() {
    let env = ready();
    chmod(&env.home, 0o755);
    chmod(&env.path("gateway.json5"), 0o644);
    chmod(&env.path("agents/main/state/sessions.json"), 0o644);
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    // The problems on stderr, the report on stdout.
    insta::assert_snapshot!(env.redact(&run.stderr), @r"
    error: [HOME]: permissions are 755; others can read it (should be 700) (--fix repairs this)
    error: gateway.json5: permissions are 644; others can read it (should be 600) (--fix repairs this)
    error: agents/main/state/sessions.json: permissions are 644; others can read it (should be 600) (--fix repairs this)
    ");
    assert_eq!(run.stdout, "3 error(s), 0 warning(s), 0 fixed\n");
    let run = env.run(&["doctor", "--fix"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!(env.redact(&run.stdout), @r"
    fixed: [HOME]: permissions are 755; others can read it (should be 700)
    fixed: gateway.json5: permissions are 644; others can read it (should be 600)
    fixed: agents/main/state/sessions.json: permissions are 644; others can read it (should be 600)
    0 error(s), 0 warning(s), 3 fixed
    ");
    assert_eq!(mode(&env.home), 0o700);
    assert_eq!(mode(&env.path("gateway.json5")), 0o600);
    assert_eq!(mode(&env.path("agents/main/state/sessions.json")), 0o600);
    env.ok(&["doctor"]);
}

#[test]
fn a_missing_state_directory_is_recreated_without_touching_the_workspace() {
    let env = ready();
    env.write("agents/main/workspace/MEMORY.md", "keep me\n");
    std::fs::remove_dir_all(env.path("agents/main/state")).unwrap();
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("agents/main/state: agent \"main\" has no complete state directory"),
        "{}",
        run.stderr
    );
    env.ok(&["doctor", "--fix"]);
    assert_eq!(env.read("agents/main/state/sessions.json").trim(), "{}");
    assert!(env.path("agents/main/state/transcripts").is_dir());
    assert_eq!(env.read("agents/main/workspace/MEMORY.md"), "keep me\n");
}

#[test]
fn an_entry_whose_transcript_is_missing_gets_a_fresh_session() {
    let env = ready();
    let key = session(&env, "bob", 4);
    let home = Home::new(&env.home);
    let old_id = SessionStore::open(&home, "main").get(&key.to_string()).unwrap().unwrap().session_id;
    std::fs::remove_file(home.transcript_path("main", &key.to_string())).unwrap();
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("session agent:main:telegram:peer:bob has messages but its transcript"),
        "{}",
        run.stderr
    );
    env.ok(&["doctor", "--fix"]);
    let entry = SessionStore::open(&home, "main").get(&key.to_string()).unwrap().unwrap();
    assert_ne!(entry.session_id, old_id);
    assert_eq!(entry.message_count, 0);
    env.ok(&["doctor"]);
}

#[test]
fn broken_files_are_reported_with_their_position_and_left_alone() {
    let env = ready();
    let key = session(&env, "carl", 1);
    let home = Home::new(&env.home);
    let tpath = home.transcript_path("main", &key.to_string());
    let mut text = std::fs::read_to_string(&tpath).unwrap();
    text.push_str("{not json\n");
    std::fs::write(&tpath, text).unwrap();
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stderr.contains("warning:") && run.stderr.contains(":2: skipped an unreadable line"),
        "{run:?}"
    );

    env.write("agents/main/state/sessions.json", "{\n  \"agent:main:main\": {\"sessionId\": 5,\n");
    let before = snapshot_tree(&env.home);
    let run = env.run(&["doctor", "--fix"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("sessions.json:2:36: cannot read the session store"), "{}", run.stderr);
    assert_eq!(snapshot_tree(&env.home), before, "doctor --fix never rewrites a corrupt store");

    env.write("gateway.json5", "{ agents: { main: {}, }, session: { dmScope: 3 } }");
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("gateway.json5:1:"), "{}", run.stderr);
}

#[test]
fn temporary_files_of_interrupted_writes_are_removed_once_no_write_can_own_them() {
    let env = ready();
    session(&env, "anna", 2);
    let old = env.path("agents/main/state/.tmp-Ab12Cd");
    let fresh = env.path("agents/main/state/.tmp-Ef34Gh");
    let config_tmp = env.path(".tmp-Ij56Kl");
    for p in [&old, &fresh, &config_tmp] {
        std::fs::write(p, "{\n  \"agent:main:main\": {").unwrap();
        chmod(p, 0o600);
    }
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for p in [&old, &config_tmp] {
        std::fs::File::options().write(true).open(p).unwrap().set_modified(hour_ago).unwrap();
    }
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 0, "{run:?}");
    insta::assert_snapshot!(env.redact(&run.stderr), @r"
    warning: .tmp-Ij56Kl: a temporary file left behind by an interrupted write (--fix repairs this)
    warning: agents/main/state/.tmp-Ab12Cd: a temporary file left behind by an interrupted write (--fix repairs this)
    ");
    assert_eq!(run.stdout, "0 error(s), 2 warning(s), 0 fixed\n");
    let out = env.ok(&["doctor", "--fix"]);
    assert!(out.contains("2 fixed"), "{out}");
    assert!(!old.exists() && !config_tmp.exists());
    assert!(fresh.exists(), "a write may still own a fresh one");
    assert_eq!(env.redact(&env.ok(&["doctor"])), "ok: [HOME] is healthy\n");
}

/// Writes `content` at `rel` (0600, in 0700 directories) as openclaw would.
fn write_private(env: &Env, rel: &str, content: &str) {
    env.write(rel, content);
    chmod(&env.path(rel), 0o600);
    chmod(env.path(rel).parent().unwrap(), 0o700);
}

#[test]
fn corrupt_cron_credentials_and_offset_files_are_reported_and_the_safe_ones_set_aside() {
    let env = ready();
    write_private(&env, "cron/jobs.json", "{\"jobs\": [");
    write_private(&env, "credentials/telegram-pairing.json", "not json");
    write_private(&env, "credentials/telegram-allowFrom.json", "{\"allowFrom\": 3}");
    write_private(&env, "credentials/telegram.default.offset", "12x\n");
    write_private(&env, "credentials/discord.default.cursor.json", "{\"sessionId\": \"ab");
    write_private(&env, "credentials/discord.ops.cursor.json", "{\"seq\": 7}");
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let out = env.redact(&run.stderr);
    let line =
        |file: &str| out.lines().find(|l| l.contains(file)).unwrap_or_else(|| panic!("{file}:\n{out}"));
    assert!(line("cron/jobs.json").starts_with("error:"), "{out}");
    assert!(line("telegram-pairing.json").ends_with("(--fix repairs this)"), "{out}");
    assert!(line("telegram-allowFrom.json").contains("locked out"), "{out}");
    assert!(!line("telegram-allowFrom.json").contains("--fix"), "{out}");
    assert!(line("telegram.default.offset").contains("Telegram channel stops"), "{out}");
    assert!(line("discord.default.cursor.json").contains("discord channel stops"), "{out}");
    assert!(!out.contains("discord.ops"), "a sound cursor passes: {out}");
    assert_eq!(run.stdout, "5 error(s), 0 warning(s), 0 fixed\n");

    let run = env.run(&["doctor", "--fix"]);
    assert!(run.stdout.ends_with("2 error(s), 0 warning(s), 3 fixed\n"), "{}", run.stdout);
    assert!(!env.path("credentials/discord.default.cursor.json").exists());
    assert!(!env.path("credentials/telegram-pairing.json").exists());
    assert!(!env.path("credentials/telegram.default.offset").exists());
    let kept: Vec<String> = std::fs::read_dir(env.path("credentials"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains(".corrupt-"))
        .collect();
    assert_eq!(kept.len(), 3, "all set aside, not deleted: {kept:?}");
    assert_eq!(env.read("cron/jobs.json"), "{\"jobs\": [", "user data is never touched");
}

#[test]
fn a_half_created_agent_is_set_aside_so_agent_new_works_again() {
    let env = ready();
    // What a full disk left behind: a workspace with some templates, no state, no config entry.
    write_private(&env, "agents/jarvis/workspace/AGENTS.md", "# Agents\n");
    chmod(&env.path("agents/jarvis"), 0o700);
    let run = env.run(&["agent", "new", "jarvis"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stderr.contains("half-created agent \"jarvis\""), "{}", run.stderr);
    let out = env.ok(&["doctor", "--fix"]);
    assert!(out.contains("1 fixed"), "{out}");
    env.ok(&["agent", "new", "jarvis"]);
    env.ok(&["doctor"]);
    assert!(env.path("agents/jarvis/state/sessions.json").is_file());
}

#[test]
fn an_agent_with_conversations_is_never_taken_for_a_half_created_one() {
    let env = ready();
    // An agent that talked once, then was taken out of gateway.json5 by hand.
    let before = env.read("gateway.json5");
    env.ok(&["agent", "new", "jarvis"]);
    write_private(&env, "agents/jarvis/workspace/memory/2026-01-01.md", "- a note\n");
    env.write("gateway.json5", &before);
    chmod(&env.path("gateway.json5"), 0o600);
    let run = env.run(&["doctor", "--fix"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("warning: agents/jarvis: directory of agent"), "{}", run.stderr);
    assert!(env.path("agents/jarvis/workspace/memory/2026-01-01.md").is_file());
}
