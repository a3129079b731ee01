//! Loader tests: every error names `line:col` of the offending key or value.

use std::path::Path;

use super::*;

const DESIGN: &str = include_str!("../../tests/fixtures/config/design.json5");

fn env(name: &str) -> Option<String> {
    (name.ends_with("_KEY") || name.ends_with("_TOKEN")).then(|| format!("value-of-{name}"))
}

fn load(text: &str) -> Result<Loaded, ConfigError> {
    parse_with_env(Path::new("gateway.json5"), text, &env)
}

/// The error as `line:col: message`, for exact assertions.
#[track_caller]
fn err(text: &str) -> String {
    match load(text) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(ConfigError::Invalid { line, col, message, .. }) => format!("{line}:{col}: {message}"),
        Err(other) => panic!("unexpected error kind: {other}"),
    }
}

#[track_caller]
fn hint(text: &str) -> String {
    load(text).err().and_then(|e| e.hint().map(String::from)).unwrap_or_default()
}

#[test]
fn design_example_loads_without_warnings() {
    let loaded = load(DESIGN).unwrap();
    assert_eq!(loaded.warnings, Vec::<String>::new());
    let c = &loaded.config;
    assert_eq!(c.agent_ids(), ["main", "jarvis"]);
    assert_eq!(c.agents["jarvis"].bindings.len(), 3);
    assert_eq!(c.agents["jarvis"].bindings[2].peer.as_deref(), Some("jonas_*"));
    assert_eq!(c.models.providers["openai"].api_key.as_deref(), Some("value-of-OPENAI_API_KEY"));
    assert_eq!(c.channels["telegram"]["accounts"]["default"]["botToken"], "value-of-TELEGRAM_BOT_TOKEN");
    assert_eq!(c.session.dm_scope, DmScope::PerChannelPeer);
    assert_eq!(c.gateway.token.as_deref(), Some("value-of-OPENCLAW_GATEWAY_TOKEN"));
}

#[test]
fn design_example_names_the_first_missing_variable() {
    let e = parse_with_env(Path::new("gateway.json5"), DESIGN, &|_| None).unwrap_err();
    assert_eq!(e.to_string(), "gateway.json5:7:85: environment variable OPENAI_API_KEY is not set");
    assert!(e.hint().unwrap().contains("export OPENAI_API_KEY="));
}

#[test]
fn defaults_and_implicit_main() {
    for text in ["{}", "// nothing yet\n{}\n"] {
        let c = load(text).unwrap().config;
        assert_eq!(c.default_agent, "main");
        assert_eq!(c.agent_ids(), ["main"]);
        assert_eq!(c.session.reset.at_hour, 4);
        assert_eq!(c.gateway.listen, "127.0.0.1:18789");
    }
}

#[test]
fn json5_syntax_is_accepted() {
    let text = "{\n  // line\n  /* block */ 'session': { dmScope: 'per-peer', },\n  \"cron\": { enabled: false },\n  models: { fallbacks: [], },\n}\n";
    let c = load(text).unwrap().config;
    assert_eq!(c.session.dm_scope, DmScope::PerPeer);
    assert!(!c.cron.enabled);
    let numbers = "{ session: { reset: { atHour: 0x10, idleMinutes: +30 } } }";
    let c = load(numbers).unwrap().config;
    assert_eq!((c.session.reset.at_hour, c.session.reset.idle_minutes), (16, 30));
}

#[test]
fn syntax_errors_have_positions() {
    assert_eq!(
        err("{\n  session: {\n    dmScope: \"main\"\n    reset: {},\n  },\n}"),
        "3:20: expected a comma after this value"
    );
    assert_eq!(err("{\n  cron: { enabled: yes },\n}"), "2:20: unexpected word `yes`");
    assert_eq!(hint("{\n  cron: { enabled: yes },\n}"), "strings must be quoted: \"yes\"");
    assert_eq!(err("{\n  cron: {\n"), "3:1: the object opened at 2:9 is not closed");
    assert_eq!(
        err("{\n  agents: { 'multi-word': {}, multi-word: {} },\n}"),
        "2:31: `multi-word` is not a valid unquoted key"
    );
    assert_eq!(
        err("{\n  defaultAgent: \"ma\nin\",\n}"),
        "2:20: the string opened at 2:17 is not closed before the end of the line"
    );
    assert_eq!(err("{ a: 1 }}"), "1:9: unexpected text after the configuration object");
    assert_eq!(err("{\r\n  a: 1,\r\n  b 2\r\n}"), "3:5: expected a colon after the key");
    assert_eq!(err("{ /* open"), "1:10: the comment opened at 1:3 is not closed");
}

/// JSON5 has no empty document: a file with nothing but comments is refused, not read as `{}`.
#[test]
fn an_empty_file_is_refused() {
    for (text, at) in [("", "1:1"), ("// nothing yet\n", "2:1"), ("  /* nothing */", "1:16")] {
        assert_eq!(
            err(text),
            format!("{at}: the file holds no configuration object (JSON5 needs one value)")
        );
        assert_eq!(hint(text), "write `{}` to use the defaults");
    }
}

#[test]
fn an_unquoted_key_with_unicode_escapes_loads() {
    let c = load("{ \\u0063ron: { en\\u0061bled: false } }").unwrap();
    assert!(!c.config.cron.enabled);
    assert_eq!(c.warnings, Vec::<String>::new());
}

#[test]
fn type_errors_name_path_and_value() {
    assert_eq!(
        err("{\n  session: {\n    reset: { atHour: \"four\" },\n  },\n}"),
        "3:22: session.reset.atHour must be an hour from 0 to 23, not the string \"four\""
    );
    assert_eq!(err("{\n  agents: [],\n}"), "2:11: agents must be an object, not a list");
    assert_eq!(err("[]"), "1:1: the configuration must be an object, not a list");
    assert_eq!(err("{ cron: { enabled: 1 } }"), "1:20: cron.enabled must be true or false, not 1");
    assert_eq!(
        err("{ agents: { jarvis: { bindings: [{ channel: 'x', peer: 7 }] } } }"),
        "1:56: agents.jarvis.bindings[0].peer must be a string, not 7"
    );
    assert_eq!(
        err("{ models: { fallbacks: 'x' } }"),
        "1:24: models.fallbacks must be a list, not the string \"x\""
    );
}

#[test]
fn enum_errors_list_the_allowed_values() {
    assert_eq!(
        err("{\n  session: { dmScope: \"per-chat\" },\n}"),
        "2:23: session.dmScope must be one of \"main\", \"per-peer\", \"per-channel-peer\", not \"per-chat\""
    );
    assert_eq!(
        err("{ session: { reset: { mode: 3 } } }"),
        "1:29: session.reset.mode must be one of \"daily\", \"idle\", \"none\", not 3"
    );
}

#[test]
fn value_errors() {
    assert_eq!(
        err("{ session: { reset: { atHour: 24 } } }"),
        "1:31: session.reset.atHour must be an hour from 0 to 23, not 24"
    );
    assert_eq!(
        err("{ session: { reset: { atHour: -1 } } }"),
        "1:31: session.reset.atHour must be an hour from 0 to 23, not -1"
    );
    assert_eq!(
        err("{ session: { reset: { atHour: 300 } } }"),
        "1:31: session.reset.atHour must be an hour from 0 to 23, not 300"
    );
    assert_eq!(
        err("{ session: { reset: { idleMinutes: \"30m\" } } }"),
        "1:36: session.reset.idleMinutes must be a whole number of minutes (0 turns idle reset off), not the string \"30m\""
    );
    assert_eq!(
        err("{\n  session: {\n    reset: { timezone: \"Europe/Amsterdm\" },\n  },\n}"),
        "3:24: unknown time zone \"Europe/Amsterdm\" in session.reset.timezone"
    );
    assert!(load("{ session: { reset: { timezone: 'Europe/Amsterdam' } } }").is_ok());
    assert_eq!(
        err("{ models: { default: 'gpt-4o' } }"),
        "1:22: models.default must be \"provider/model\", not \"gpt-4o\""
    );
    assert_eq!(
        err("{ gateway: { listen: 'localhost' } }"),
        "1:22: gateway.listen must be \"host:port\", not \"localhost\""
    );
    assert_eq!(
        err("{ gateway: { publicUrl: 'claw.example.com' } }"),
        "1:25: gateway.publicUrl must be an http(s) address such as \"https://claw.example.com\", not \"claw.example.com\""
    );
    assert!(load("{ gateway: { publicUrl: 'https://claw.example.com/openclaw' } }").is_ok());
    assert_eq!(
        err("{ agents: { main: { tools: { canvas: { allowScripts: 'yes' } } } } }"),
        "1:54: agents.main.tools.canvas.allowScripts must be true or false, not the string \"yes\""
    );
    assert_eq!(
        err("{ models: { providers: { x: { api: 'openia' } } } }"),
        "1:36: models.providers.x.api must be one of \"openai\", \"anthropic\", not \"openia\""
    );
}

#[test]
fn agent_and_binding_errors() {
    assert_eq!(
        err("{\n  agents: {\n    Jarvis: {},\n  },\n}"),
        "3:5: invalid agent id \"Jarvis\": use 1–64 lower-case letters, digits, '-' or '_', starting with a letter or digit"
    );
    assert_eq!(err("{ agents: { a: {}, a: {} } }"), "1:20: agent \"a\" is defined twice");
    let no_channel = "{\n  agents: {\n    jarvis: {\n      bindings: [\n        { peer: \"x\" },\n      ],\n    },\n  },\n}";
    assert_eq!(err(no_channel), "5:9: binding 1 of agent \"jarvis\" has no channel");
    assert_eq!(
        err("{ agents: { j: { bindings: [{ channel: 'telegram', group: 'team-[' }] } } }"),
        "1:59: invalid group glob \"team-[\" in binding 1 of agent \"j\": unclosed character class; missing ']'"
    );
    assert_eq!(
        err("{ agents: { j: { tools: { deny: ['ok', 'a{b'] } } } }"),
        "1:40: invalid glob \"a{b\" in agents.j.tools.deny: unclosed alternate group; missing '}' (maybe escape '{' with '[{]'?)"
    );
}

#[test]
fn default_agent_must_exist() {
    let text = "{\n  defaultAgent: \"jarvs\",\n  agents: { main: {}, jarvis: {} },\n}";
    assert_eq!(err(text), "2:17: defaultAgent names agent \"jarvs\", which does not exist");
    assert_eq!(hint(text), "agents defined: main, jarvis");
    assert!(load("{ defaultAgent: 'main', agents: { jarvis: {} } }").is_ok());
}

#[test]
fn top_level_bindings_are_refused() {
    let text = "{\n  bindings: [{ agent: \"main\", channel: \"telegram\" }],\n}";
    assert_eq!(err(text), "2:3: a top-level \"bindings\" list is not supported");
}

#[test]
fn duplicate_keys_are_errors() {
    assert_eq!(err("{\n  cron: {},\n  cron: {},\n}"), "3:3: duplicate key \"cron\"");
    assert_eq!(
        err("{ session: { dmScope: 'main', dmScope: 'main' } }"),
        "1:31: duplicate key \"dmScope\" in session"
    );
}

#[test]
fn env_errors_point_at_the_reference() {
    let text =
        "{\n  channels: { telegram: { accounts: { default: { botToken: \"${TELEGRAM_BOT_TOKN}\" } } } },\n}";
    assert_eq!(err(text), "2:61: environment variable TELEGRAM_BOT_TOKN is not set");
    assert_eq!(err("{ gateway: { token: 'x${OOPS' } }"), "1:23: `${` without a closing `}`");
    let escaped = load("{ gateway: { token: '$${NOT_A_VAR}' } }").unwrap();
    assert_eq!(escaped.config.gateway.token.as_deref(), Some("${NOT_A_VAR}"));
}

#[test]
fn unknown_keys_are_warnings_with_suggestions() {
    let text = "{\n  session: {\n    dmScop: \"main\",\n  },\n  colour: 1,\n  channels: { telegram: { anything: 1 } },\n  agents: { main: { modle: 'a/b' } },\n}";
    let loaded = load(text).unwrap();
    assert_eq!(
        loaded.warnings,
        [
            "gateway.json5:3:5: unknown key \"dmScop\" in session (did you mean \"dmScope\"?)",
            "gateway.json5:5:3: unknown key \"colour\"",
            "gateway.json5:7:21: unknown key \"modle\" in agents.main (did you mean \"model\"?)",
        ]
    );
    assert_eq!(loaded.config.session.dm_scope, DmScope::PerChannelPeer);
}

#[test]
fn secrets_are_redacted() {
    let c = load(DESIGN).unwrap().config;
    let shown = c.to_json(false);
    assert_eq!(shown["models"]["providers"]["openai"]["apiKey"], "***");
    assert_eq!(shown["channels"]["slack"]["accounts"]["default"]["appToken"], "***");
    assert_eq!(shown["gateway"]["token"], "***");
    assert_eq!(shown["models"]["providers"]["openai"]["baseUrl"], "https://api.openai.com/v1");
    let text = serde_json::to_string(&shown).unwrap();
    assert!(!text.contains("value-of-"), "{text}");
    assert_eq!(c.to_json(true)["gateway"]["token"], "value-of-OPENCLAW_GATEWAY_TOKEN");
}

#[test]
fn prompt_limits_default_and_validate() {
    let c = load("{ agents: { main: {}, tiny: { prompt: { maxFileBytes: 800 } } } }").unwrap().config;
    assert_eq!(c.agents["main"].prompt, PromptConfig { max_file_bytes: 6_000, max_total_bytes: 20_000 });
    assert_eq!(c.agents["tiny"].prompt.max_file_bytes, 800);
    assert_eq!(c.agents["tiny"].prompt.max_total_bytes, 20_000);
    assert_eq!(
        err("{ agents: {\n  main: { prompt: { maxTotalBytes: 10 } } } }"),
        "2:36: agents.main.prompt.maxTotalBytes must be at least 500 bytes, not 10"
    );
    let warned = load("{ agents: { main: { prompt: { maxFileByte: 800 } } } }").unwrap().warnings;
    assert!(warned[0].contains("did you mean \"maxFileBytes\""), "{warned:?}");
}

#[test]
fn secrets_are_every_value_under_a_secret_key_and_come_out_of_text() {
    let config = load(
        r#"{
  models: { default: "p/m", providers: { p: { api: "openai", apiKey: "sk-live-123456" } } },
  channels: { telegram: { botToken: "123:abcdef", accounts: { work: { botToken: "456:ghijkl" } } } },
  gateway: { token: "tok" },
}"#,
    )
    .unwrap()
    .config;
    let secrets = Secrets::of(&config);
    assert_eq!(
        secrets.redact("401: Incorrect key Bearer sk-live-123456; bot 123:abcdef, 456:ghijkl"),
        "401: Incorrect key Bearer ***; bot ***, ***"
    );
    // Too short to be a real secret: left alone rather than cut out of every word.
    assert_eq!(secrets.redact("a token"), "a token");
    assert!(!format!("{secrets:?}").contains("sk-live"));
}

#[test]
fn context_windows_come_from_the_model_then_the_provider_then_compaction() {
    let c = load(
        r#"{ models: { providers: { local: { api: "openai", baseUrl: "http://127.0.0.1:8080/v1",
             contextWindow: 16384, models: [{ id: "qwen", contextWindow: 8192 }] } } },
             session: { compaction: { contextTokens: 64000 } } }"#,
    )
    .unwrap()
    .config;
    assert_eq!(c.context_window("local/qwen"), 8192);
    assert_eq!(c.context_window("local/other"), 16384);
    assert_eq!(c.context_window("openai/gpt-4o"), 64000);
    assert_eq!(
        err(
            r#"{ models: { providers: { local: { api: "openai", models: [{ id: "q", contextWindow: 512 }] } } } }"#
        ),
        "1:59: models.providers.local.models[0].contextWindow must be at least 1024, not 512"
    );
}
