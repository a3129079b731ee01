//! `openclaw config …`, and the in/out fixture runner shared with `bind`.

use std::path::PathBuf;

use crate::harness::{Env, snapshot_tree};

const DESIGN: &str = include_str!("../fixtures/config/design.json5");

/// The variables the DESIGN example references.
const DESIGN_ENV: &[&str] = &[
    "OPENAI_API_KEY",
    "ANTHROPIC_API_KEY",
    "TELEGRAM_BOT_TOKEN",
    "DISCORD_BOT_TOKEN",
    "SLACK_APP_TOKEN",
    "SLACK_BOT_TOKEN",
    "OPENCLAW_GATEWAY_TOKEN",
];

/// Runs `args` against `tests/fixtures/config/<case>/in/gateway.json5` and compares the result
/// with `out/gateway.json5` byte for byte (`OVERWRITE_FIXTURES=1` writes the expected file).
#[track_caller]
pub fn fixture_case(case: &str, args: &[&str]) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config").join(case);
    let input = std::fs::read(dir.join("in/gateway.json5")).expect("fixture input");
    let env = Env::new();
    std::fs::create_dir_all(&env.home).unwrap();
    std::fs::write(env.path("gateway.json5"), &input).unwrap();
    let stdout = env.ok(args);
    let actual = std::fs::read(env.path("gateway.json5")).unwrap();
    let expected_path = dir.join("out/gateway.json5");
    if std::env::var_os("OVERWRITE_FIXTURES").is_some() {
        std::fs::create_dir_all(dir.join("out")).unwrap();
        std::fs::write(&expected_path, &actual).unwrap();
    }
    let expected = std::fs::read(&expected_path).expect("fixture output (run with OVERWRITE_FIXTURES=1)");
    assert_eq!(
        String::from_utf8_lossy(&actual),
        String::from_utf8_lossy(&expected),
        "{case}: result differs from out/gateway.json5"
    );
    // Whatever the edit, the result loads again.
    env.ok(&["config", "validate"]);
    stdout
}

fn design_env() -> Env {
    let env = Env::new();
    env.write("gateway.json5", DESIGN);
    env
}

fn with_design_vars(env: &Env, args: &[&str]) -> crate::harness::Run {
    let mut cmd = env.command(args);
    for v in DESIGN_ENV {
        cmd.env(v, format!("secret-{}", v.to_lowercase()));
    }
    env.run_cmd(cmd)
}

#[test]
fn path_prints_the_file_even_before_init() {
    let env = Env::new();
    let out = env.ok(&["config", "path"]);
    assert_eq!(env.redact(&out), "[HOME]/gateway.json5\n");
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["--json", "config", "path"])).unwrap();
    assert_eq!(json["exists"], false);
}

#[test]
fn commands_need_a_home() {
    let env = Env::new();
    let err = env.fails(&["config", "validate"], 1);
    assert!(err.contains("openclaw init"), "{err}");
}

#[test]
fn validate_design_example_with_and_without_env() {
    let env = design_env();
    let run = with_design_vars(&env, &["config", "validate"]);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "ok\n", ""));
    let err = env.fails(&["config", "validate"], 1);
    assert_eq!(
        env.redact(&err),
        "error: [HOME]/gateway.json5:7:85: environment variable OPENAI_API_KEY is not set\n\
         hint: export OPENAI_API_KEY=… before starting openclaw, or write $${ for a literal ${\n"
    );
}

#[test]
fn validate_says_per_agent_whether_a_model_can_answer() {
    let env = crate::harness::Env::init();
    let run = env.run(&["config", "validate"]);
    assert_eq!(run.code, 0, "the file is valid");
    assert_eq!(run.stdout, "ok (1 warning); no model can answer for agent main\n");
    assert_eq!(
        run.stderr,
        "warning: agent main: no model can answer: model openai/gpt-4o-mini needs OPENAI_API_KEY, which is not set\n\
         hint: Export OPENAI_API_KEY in the gateway's environment and restart the gateway, or run `openclaw onboard` to set up another provider.\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.run(&["--json", "config", "validate"]).stdout).unwrap();
    assert_eq!((json["ok"].as_bool(), json["ready"].as_bool()), (Some(true), Some(false)));
    assert_eq!(json["agents"][0]["agent"], "main");
    assert_eq!(json["agents"][0]["problems"][0]["command"], "export OPENAI_API_KEY=…");

    let run = env.run_with(&["config", "validate"], &[("OPENAI_API_KEY", "sk-test")]);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "ok\n", ""));

    // An agent of its own naming a provider nobody configured.
    let text = env.read("gateway.json5").replace("main: {", "ops: { model: \"acme/m1\" },\n    main: {");
    env.write("gateway.json5", &text);
    let run = env.run_with(&["config", "validate"], &[("OPENAI_API_KEY", "sk-test")]);
    assert_eq!(run.stdout, "ok (1 warning); no model can answer for agent ops\n");
    assert!(
        run.stderr
            .starts_with("warning: agent ops: no model can answer: model acme/m1 names provider \"acme\""),
        "{}",
        run.stderr
    );
}

#[test]
fn validate_reports_warnings_and_errors() {
    let env = Env::new();
    env.write("gateway.json5", "{\n  session: { dmScop: \"main\" },\n}\n");
    let run = env.run(&["config", "validate"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "ok (2 warnings); no model can answer for agent main\n");
    assert_eq!(
        env.redact(&run.stderr),
        "warning: [HOME]/gateway.json5:2:14: unknown key \"dmScop\" in session (did you mean \"dmScope\"?)\n\
         warning: agent main: no model can answer: no model is configured\n\
         hint: Set models.default in gateway.json5 (e.g. \"openai/gpt-4o-mini\" with OPENAI_API_KEY exported), or run `openclaw onboard`, which sets up a provider and checks it.\n"
    );

    env.write("gateway.json5", "{\n  defaultAgent: \"jarvs\",\n  agents: { jarvis: {} },\n}\n");
    let err = env.fails(&["config", "validate"], 1);
    assert_eq!(
        env.redact(&err),
        "error: [HOME]/gateway.json5:2:17: defaultAgent names agent \"jarvs\", which does not exist\n\
         hint: agents defined: main, jarvis\n"
    );
    let run = env.run(&["--json", "config", "validate"]);
    assert_eq!(run.code, 1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["ok"], false);
    assert_eq!((json["error"]["line"].as_u64(), json["error"]["col"].as_u64()), (Some(2), Some(17)));
}

#[test]
fn malformed_file_blocks_writers_but_not_readers_and_changes_nothing() {
    let env = Env::new();
    env.write("gateway.json5", "{\n  agents: {\n    main: {}\n    jarvis: {},\n  },\n}\n");
    let before = snapshot_tree(&env.home);
    let error = "gateway.json5:3:13: expected a comma after this value";
    // Commands that write the config or act on it refuse, naming the place.
    for args in [
        &["config", "validate"][..],
        &["config", "set", "cron.enabled", "false"],
        &["config", "unset", "cron.enabled"],
        &["bind", "add", "main", "--channel", "telegram"],
        &["bind", "rm", "main", "1"],
        &["agent", "new", "work"],
        &["send", "hello"],
        // Without a copy that once loaded there is nothing true to show.
        &["config", "show"],
        &["config", "get", "agents"],
    ] {
        let run = env.run(args);
        assert_eq!(run.code, 1, "{args:?}: {run:?}");
        assert!(
            run.stderr.contains(
                &format!("error: [TMP]/home/{error}").replace("[TMP]", &env.dir.path().display().to_string())
            ),
            "{args:?}: {}",
            run.stderr
        );
    }
    // Commands that only look still work, with the error as a warning on stderr.
    for args in [&["bind", "ls"][..], &["agent", "ls"], &["session", "ls"], &["channel", "ls"]] {
        let run = env.run(args);
        assert_eq!(run.code, 0, "{args:?}: {run:?}");
        assert!(
            run.stderr.starts_with("warning: ") && run.stderr.contains(error),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("using the defaults (agent main only)"), "{args:?}: {}", run.stderr);
    }
    assert_eq!(snapshot_tree(&env.home), before);
}

#[test]
fn read_only_commands_use_the_last_good_config_while_the_file_has_an_error() {
    let env = Env::init();
    env.ok(&["agent", "new", "jarvis"]);
    env.ok(&["memory", "append", "--agent", "jarvis", "Anniversary: 14 March"]);
    // What the gateway keeps when it loads a config (see tests/gateway lifecycle).
    env.write("gateway/last-good.json5", &env.read("gateway.json5"));
    let broken = env.read("gateway.json5").replacen("defaultAgent: \"main\",", "defaultAgent: \"main\"", 1);
    assert_ne!(broken, env.read("gateway.json5"), "the template sets defaultAgent");
    env.write("gateway.json5", &broken);
    let line = broken.lines().position(|l| l.contains("defaultAgent")).unwrap() + 1;
    let place = format!("gateway.json5:{line}:");

    let run = env.run(&["agent", "ls"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("jarvis"), "the last good config knows jarvis: {}", run.stdout);
    assert!(run.stderr.contains(&place) && run.stderr.contains("expected a comma"), "{}", run.stderr);
    assert!(run.stderr.contains("using the last config that loaded"), "{}", run.stderr);

    let run = env.run(&["memory", "grep", "--agent", "jarvis", "Anniversary"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("Anniversary: 14 March"), "{}", run.stdout);
    assert!(run.stderr.contains(&place), "{}", run.stderr);

    let run = env.run(&["config", "get", "agents.jarvis"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("showing the last config that loaded"), "{}", run.stderr);

    let run = env.run(&["mcp", "ls"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains(&place) && run.stderr.contains("showing the last config"), "{}", run.stderr);

    // Writers still refuse: acting on a config the file no longer says would surprise.
    let err = env.fails(&["bind", "add", "jarvis", "--channel", "telegram"], 1);
    assert!(err.contains(&place), "{err}");
    let err = env.fails(&["config", "validate"], 1);
    assert!(err.contains(&place), "{err}");
}

#[test]
fn show_redacts_secrets_unless_asked() {
    let env = design_env();
    let run = with_design_vars(&env, &["config", "show"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("secret-"), "{}", run.stdout);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["models"]["providers"]["openai"]["apiKey"], "***");
    assert_eq!(json["channels"]["telegram"]["accounts"]["default"]["botToken"], "***");
    assert_eq!(json["session"]["reset"]["atHour"], 4);

    let run = with_design_vars(&env, &["config", "show", "--show-secrets"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["gateway"]["token"], "secret-openclaw_gateway_token");
}

#[test]
fn get_prints_strings_raw_and_the_rest_as_json() {
    let env = Env::new();
    env.write(
        "gateway.json5",
        "{ agents: { jarvis: { bindings: [{ channel: 'telegram', peer: 'jonas_*' }] } } }",
    );
    assert_eq!(env.ok(&["config", "get", "session.dmScope"]), "per-channel-peer\n");
    assert_eq!(env.ok(&["--json", "config", "get", "session.dmScope"]), "\"per-channel-peer\"\n");
    assert_eq!(env.ok(&["config", "get", "session.reset.atHour"]), "4\n");
    assert_eq!(env.ok(&["config", "get", "agents.jarvis.bindings[0].peer"]), "jonas_*\n");
    assert_eq!(env.ok(&["config", "get", "agents.jarvis.bindings.0.channel"]), "telegram\n");
    assert_eq!(
        env.ok(&["config", "get", "agents.jarvis.bindings"]),
        "[\n  {\n    \"channel\": \"telegram\",\n    \"peer\": \"jonas_*\"\n  }\n]\n"
    );
    let err = env.fails(&["config", "get", "session.dmScop"], 1);
    assert_eq!(
        err,
        "error: gateway.json5 has no key session.dmScop\nhint: did you mean \"dmScope\"? keys under session: dmScope, reset, resetTriggers, compaction\n"
    );
    env.fails(&["config", "get", "session..x"], 2);
}

#[test]
fn get_redacts_secrets() {
    let env = Env::new();
    env.write("gateway.json5", "{ gateway: { token: 'abc' } }");
    assert_eq!(env.ok(&["config", "get", "gateway.token"]), "***\n");
    assert_eq!(env.ok(&["config", "get", "gateway.token", "--show-secrets"]), "abc\n");
}

#[test]
fn set_parses_json5_literals_and_falls_back_to_strings() {
    let env = Env::new();
    env.write("gateway.json5", "{}\n");
    env.ok(&["config", "set", "session.reset.atHour", "5"]);
    env.ok(&["config", "set", "cron.enabled", "false"]);
    env.ok(&["config", "set", "session.dmScope", "per-peer"]);
    env.ok(&["config", "set", "models.default", "'openai/gpt-4o'"]);
    env.ok(&["config", "set", "models.fallbacks", "[\"anthropic/claude-sonnet-4-5\"]"]);
    env.ok(&["config", "set", "session.reset.timezone", "Europe/Amsterdam"]);
    assert_eq!(
        env.read("gateway.json5"),
        "{\n  session: {\n    reset: { atHour: 5, timezone: \"Europe/Amsterdam\" },\n    dmScope: \"per-peer\",\n  },\n  \
         cron: { enabled: false },\n  \
         models: { default: \"openai/gpt-4o\", fallbacks: [\"anthropic/claude-sonnet-4-5\"] },\n}\n"
    );
    assert_eq!(env.ok(&["config", "get", "cron.enabled"]), "false\n");
}

#[test]
fn set_refuses_an_invalid_result_and_leaves_the_file_alone() {
    let env = Env::new();
    env.write("gateway.json5", "{\n  // keep me\n  session: { reset: { atHour: 4 } },\n}\n");
    let before = snapshot_tree(&env.home);
    let err = env.fails(&["config", "set", "session.reset.atHour", "25"], 1);
    assert!(
        err.contains("gateway.json5:3:31: the change would make the file invalid: session.reset.atHour must be an hour from 0 to 23, not 25"),
        "{err}"
    );
    let err = env.fails(&["config", "set", "session.dmScope", "per-chat"], 1);
    assert!(
        err.contains("must be one of \"main\", \"per-peer\", \"per-channel-peer\", not \"per-chat\""),
        "{err}"
    );
    let err = env.fails(&["config", "set", "session.reset.atHour.x", "1"], 1);
    assert!(err.contains("session.reset.atHour holds a single value"), "{err}");
    let err = env.fails(&["config", "set", "defaultAgent", "nobody"], 1);
    assert!(err.contains("defaultAgent names agent \"nobody\""), "{err}");
    assert_eq!(snapshot_tree(&env.home), before);
}

#[test]
fn set_writes_env_references_unexpanded() {
    let env = Env::new();
    env.write("gateway.json5", "{}\n");
    let run = env.run_with(&["config", "set", "gateway.token", "${GW_TOKEN}"], &[("GW_TOKEN", "s3cret")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(env.read("gateway.json5").contains("token: \"${GW_TOKEN}\""));
    let err = env.fails(&["config", "get", "gateway.token"], 1);
    assert!(err.contains("environment variable GW_TOKEN is not set"), "{err}");
}

#[test]
fn set_keeps_comments() {
    fixture_case("set-keeps-comments", &["config", "set", "session.reset.atHour", "6"]);
}

#[test]
fn set_refuses_unknown_keys_with_the_closest_one_unless_forced() {
    let env = Env::init();
    let before = env.read("gateway.json5");
    for (args, wanted) in [
        (&["config", "set", "session.dmScop", "per-peer"][..], "session.dmScop is not a key openclaw knows"),
        (&["config", "set", "session", "{ dmScope: 'main', resett: 1 }"], "session.resett is not a key"),
        (&["config", "set", "channels.telegarm.botToken", "x"], "channels.telegarm is not a key"),
    ] {
        let err = env.fails(args, 1);
        assert!(err.contains(&format!("error: {wanted}")), "{args:?}: {err}");
        assert_eq!(env.read("gateway.json5"), before, "{args:?} wrote the file");
    }
    let err = env.fails(&["config", "set", "session.dmScop", "per-peer"], 1);
    assert!(
        err.contains("hint: did you mean session.dmScope? (--force writes session.dmScop anyway)"),
        "{err}"
    );
    let err = env.fails(&["config", "set", "channels.telegarm.botToken", "x"], 1);
    assert!(err.contains("did you mean channels.telegram?"), "{err}");
    // Known keys, and keys below a known channel (free-form), are written as before.
    env.ok(&["config", "set", "session.dmScope", "per-peer"]);
    env.ok(&["config", "set", "channels.telegram.dmPolicy", "open"]);
    // --force writes a key this version does not know; loading still warns about it.
    let run = env.run(&["config", "set", "session.dmScop", "main", "--force"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("unknown key \"dmScop\" in session"), "{}", run.stderr);
    assert!(env.read("gateway.json5").contains("dmScop: \"main\""));
    // A key already unknown in the file does not block setting another one.
    env.ok(&["config", "set", "session.reset.atHour", "5"]);
}

#[test]
fn unset_removes_a_key_and_keeps_comments() {
    let out = fixture_case("unset-keeps-comments", &["config", "unset", "session.reset.atHour"]);
    assert_eq!(out, "unset session.reset.atHour\n");
}

#[test]
fn unset_of_a_missing_key_is_an_error_that_names_the_closest() {
    let env = Env::init();
    env.ok(&["bind", "add", "main", "--channel", "telegram"]);
    let before = env.read("gateway.json5");
    let err = env.fails(&["config", "unset", "session.dmScpe"], 1);
    assert!(err.contains("error: gateway.json5 has no key session.dmScpe: nothing to unset"), "{err}");
    assert!(err.contains("hint: did you mean session.dmScope?"), "{err}");
    let err = env.fails(&["config", "unset", "agents.main.bindings[3]"], 1);
    assert!(err.contains("agents.main.bindings has 1 elements"), "{err}");
    env.fails(&["config", "unset", "session..x"], 1);
    assert_eq!(env.read("gateway.json5"), before);
    // A list element, then a whole section: defaults come back.
    env.ok(&["config", "unset", "agents.main.bindings[0]"]);
    assert_eq!(env.ok(&["config", "get", "agents.main.bindings"]), "[]\n");
    env.ok(&["config", "unset", "session"]);
    assert_eq!(env.ok(&["config", "get", "session.dmScope"]), "per-channel-peer\n");
    assert!(!env.read("gateway.json5").contains("session:"));
    // An unset that would leave the file invalid is refused: defaultAgent names jarvis.
    env.ok(&["agent", "new", "jarvis"]);
    env.ok(&["config", "set", "defaultAgent", "jarvis"]);
    let err = env.fails(&["config", "unset", "agents.jarvis"], 1);
    assert!(err.contains("the change would make the file invalid"), "{err}");
}

#[test]
fn set_creates_objects_in_the_file_style() {
    let out = fixture_case("set-creates-objects", &["config", "set", "session.reset.mode", "idle"]);
    assert_eq!(out, "set session.reset.mode = \"idle\"\n");
}

#[test]
fn gateway_json5_is_written_0600() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.write("gateway.json5", "{}\n");
    env.ok(&["config", "set", "cron.enabled", "true"]);
    let mode = std::fs::metadata(env.path("gateway.json5")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn secrets_are_never_echoed() {
    let env = Env::new();
    env.write("gateway.json5", "{}\n");
    let out = env.ok(&["config", "set", "gateway.token", "hunter2"]);
    assert_eq!(out, "set gateway.token = \"***\"\n");
    let out = env.ok(&[
        "config",
        "set",
        "channels.slack.accounts.default",
        "{ appToken: 'xapp-1', botToken: 'xoxb-1', name: 'ops' }",
    ]);
    assert_eq!(
        out,
        "set channels.slack.accounts.default = {\"appToken\":\"***\",\"botToken\":\"***\",\"name\":\"ops\"}\n"
    );
    env.write("gateway.json5", "{ models: { providers: { openai: { apiKey: 123456 } } } }\n");
    let err = env.fails(&["config", "validate"], 1);
    assert!(err.contains("models.providers.openai.apiKey must be a string, not a number"), "{err}");
    assert!(!err.contains("123456"), "{err}");
}

#[test]
fn unset_variables_block_validate_but_not_maintenance_commands() {
    let env = crate::harness::Env::init();
    let text = env.read("gateway.json5").replace(
        "webchat: { enabled: true },",
        "telegram: { accounts: { default: { botToken: \"${TELEGRAM_BOT_TOKEN}\" } } },\n    webchat: { enabled: true },",
    );
    env.write("gateway.json5", &text);
    // What cron runs, with a minimal environment, must not need the gateway's secrets.
    env.ok(&["session", "reset", "--stale", "--all"]);
    env.ok(&["bind", "add", "main", "--channel", "telegram"]);
    env.ok(&["agent", "ls"]);
    let err = env.fails(&["config", "validate"], 1);
    assert!(err.contains("environment variable TELEGRAM_BOT_TOKEN is not set"), "{err}");
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("TELEGRAM_BOT_TOKEN"), "{}", run.stderr);
    // The variable reference itself is kept in the file by edits.
    assert!(env.read("gateway.json5").contains("${TELEGRAM_BOT_TOKEN}"));
}

/// Every case of the official JSON5 suite through `config validate`: a valid object loads, an
/// invalid text fails with exit 1 and `gateway.json5:line:col`.
#[test]
fn validate_agrees_with_the_json5_suite() {
    let suite = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/json5-tests");
    let env = Env::new();
    std::fs::create_dir_all(&env.home).unwrap();
    let (mut loaded, mut refused) = (0, 0);
    for entry in walkdir::WalkDir::new(&suite).sort_by_file_name() {
        let entry = entry.unwrap();
        let valid = match entry.path().extension().and_then(|e| e.to_str()) {
            Some("json" | "json5") if entry.file_name() != "expected.json" => true,
            Some("js" | "txt") => false,
            _ => continue,
        };
        let text = std::fs::read(entry.path()).unwrap();
        let is_object = String::from_utf8_lossy(&text).trim_start().starts_with('{');
        std::fs::write(env.path("gateway.json5"), &text).unwrap();
        let run = env.run(&["config", "validate"]);
        let name = entry.path().strip_prefix(&suite).unwrap().display().to_string();
        if valid && is_object {
            assert_eq!(run.code, 0, "{name}: {}", run.stderr);
            loaded += 1;
        } else if !valid {
            assert_eq!(run.code, 1, "{name}: {}", run.stderr);
            let located = run.stderr.split("gateway.json5:").nth(1).is_some_and(|rest| {
                let mut parts = rest.splitn(3, ':');
                parts.next().is_some_and(|l| l.parse::<usize>().is_ok())
                    && parts.next().is_some_and(|c| c.parse::<usize>().is_ok())
            });
            assert!(located, "{name}: no file:line:col in {:?}", run.stderr);
            refused += 1;
        }
    }
    assert_eq!((loaded, refused), (18, 31));
}

#[test]
fn validate_refuses_what_json5_refuses() {
    let env = Env::new();
    for (text, error, hint) in [
        (
            "{\n  multi-word: 1,\n}\n",
            "2:3: `multi-word` is not a valid unquoted key",
            "quote it: \"multi-word\"",
        ),
        (
            "{\n  defaultAgent: \"foo\nbar\",\n}\n",
            "2:21: the string opened at 2:17 is not closed before the end of the line",
            "close it with `\"`; a line break inside a string is written `\\n`, or end the line with `\\` to continue the string",
        ),
        (
            "{\n  agents: {\n    main: {},\n\n",
            "5:1: the object opened at 2:11 is not closed",
            "add the missing `}`",
        ),
    ] {
        env.write("gateway.json5", text);
        let err = env.fails(&["config", "validate"], 1);
        assert_eq!(env.redact(&err), format!("error: [HOME]/gateway.json5:{error}\nhint: {hint}\n"));
    }
    env.write("gateway.json5", "{ \\u0063ron: { enabled: false } }");
    env.ok(&["config", "validate"]);
    assert_eq!(env.ok(&["config", "get", "cron.enabled"]), "false\n");
}

#[test]
fn set_writes_only_json5() {
    let env = Env::new();
    env.write("gateway.json5", "{\n  // keep me\n  cron: { enabled: true },\n}\n");
    // No channel is called "multi-word": --force, as this is about quoting.
    env.ok(&["config", "set", "channels[\"multi-word\"].note", "line 1\nline 2", "--force"]);
    assert_eq!(
        env.read("gateway.json5"),
        "{\n  // keep me\n  cron: { enabled: true },\n  channels: {\n    \"multi-word\": { note: \"line 1\\nline 2\" },\n  },\n}\n"
    );
    env.ok(&["config", "validate"]);
    assert_eq!(env.ok(&["config", "get", "channels[\"multi-word\"].note"]), "line 1\nline 2\n");
}

#[test]
fn slack_token_mistakes_are_found_by_validate_with_their_place() {
    let env = Env::new();
    env.write(
        "gateway.json5",
        "{\n  channels: {\n    slack: {\n      accounts: {\n        ops: { appToken: \"xoxb-SECRET\", botToken: \"xoxb-2\" },\n      },\n    },\n  },\n}\n",
    );
    let err = env.fails(&["config", "validate"], 1);
    assert!(
        err.contains("gateway.json5:5:26: channels.slack.accounts.ops.appToken holds a bot or user token"),
        "{err}"
    );
    assert!(!err.contains("SECRET"), "{err}");
    env.write("gateway.json5", "{ channels: { slack: { botToken: \"xoxb-2\" } } }\n");
    let err = env.fails(&["config", "validate"], 1);
    assert!(err.contains("gateway.json5:1:22: channels.slack.accounts.default.appToken is not set"), "{err}");
}
