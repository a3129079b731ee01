//! Editor tests: what an edit writes, what it refuses, and that nothing else moves.

use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::config::{DmScope, parse_with_env};

const COMMENTED: &str = "/* block */\n{\n  // line\n  defaultAgent: \"main\", // trailing\n\n  agents: {\n    main: {}, // default\n    jarvis: {\n      bindings: [\n        { channel: \"whatsapp\" }, // phone\n      ],\n    },\n  },\n}\n";
const SINGLE: &str = "{\n  agents: {\n    jarvis: {\n      bindings: [\n        { channel: 'telegram', peer: 'jonas_*' },  // globs\n      ],\n    },\n  },\n}\n";

fn doc(text: &str) -> (tempfile::TempDir, ConfigDoc) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("gateway.json5");
    std::fs::write(&p, text).unwrap();
    let d = ConfigDoc::open(&p).unwrap();
    (dir, d)
}

fn binding(channel: &str, peer: Option<&str>) -> Binding {
    Binding { channel: channel.into(), peer: peer.map(String::from), ..Default::default() }
}

fn reload(text: &str) -> crate::config::Config {
    parse_with_env(Path::new("gateway.json5"), text, &|_| Some("x".into())).unwrap().config
}

#[test]
fn add_and_remove_agent_keep_comments() {
    let (_d, mut d) = doc(COMMENTED);
    d.add_agent("bob", Some("openai/gpt-4o"), &[binding("irc", Some("#ops"))]).unwrap();
    assert_eq!(
        d.text(),
        "/* block */\n{\n  // line\n  defaultAgent: \"main\", // trailing\n\n  agents: {\n    main: {}, // default\n    jarvis: {\n      bindings: [\n        { channel: \"whatsapp\" }, // phone\n      ],\n    },\n    bob: {\n      model: \"openai/gpt-4o\",\n      bindings: [\n        { channel: \"irc\", peer: \"#ops\" },\n      ],\n    },\n  },\n}\n"
    );
    d.remove_agent("bob").unwrap();
    assert_eq!(d.text(), COMMENTED);
    d.add_agent("carol", None, &[]).unwrap();
    assert!(d.text().contains("    carol: {},\n  },"), "{}", d.text());
}

#[test]
fn add_agent_refuses_existing_and_invalid_ids() {
    let (_d, mut d) = doc(COMMENTED);
    let e = d.add_agent("jarvis", None, &[]).unwrap_err();
    assert_eq!(e.to_string(), "agent \"jarvis\" already exists in gateway.json5");
    let e = d.add_agent("Bad Id", None, &[]).unwrap_err();
    assert!(e.to_string().starts_with("invalid agent id \"Bad Id\""), "{e}");
    let e = d.remove_agent("nobody").unwrap_err();
    assert_eq!(e.to_string(), "agent \"nobody\" is not defined in gateway.json5");
    assert_eq!(e.hint(), Some("agents defined: main, jarvis"));
    assert_eq!(d.text(), COMMENTED);
}

#[test]
fn bindings_are_numbered_from_one() {
    let (_d, mut d) = doc(COMMENTED);
    assert_eq!(d.add_binding("jarvis", &binding("telegram", Some("a*"))).unwrap(), 2);
    assert_eq!(d.add_binding("jarvis", &binding("telegram", Some("b*"))).unwrap(), 3);
    assert_eq!(d.remove_binding("jarvis", 2).unwrap(), binding("telegram", Some("a*")));
    let e = d.remove_binding("jarvis", 3).unwrap_err();
    assert_eq!(e.to_string(), "agent \"jarvis\" has no binding 3 (it has 2, numbered 1 to 2)");
    let e = d.remove_binding("jarvis", 0).unwrap_err();
    assert!(e.to_string().contains("has no binding 0"), "{e}");
    let c = reload(d.text());
    assert_eq!(c.agents["jarvis"].bindings, [binding("whatsapp", None), binding("telegram", Some("b*"))]);
}

#[test]
fn set_replaces_creates_and_refuses() {
    let (_d, mut d) = doc(COMMENTED);
    d.set("session.dmScope", serde_json::json!("per-peer")).unwrap();
    d.set("agents.jarvis.bindings[0].peer", serde_json::json!("x*")).unwrap();
    d.set("agents.jarvis.bindings.0.channel", serde_json::json!("signal")).unwrap();
    let c = reload(d.text());
    assert_eq!(c.session.dm_scope, DmScope::PerPeer);
    assert_eq!(c.agents["jarvis"].bindings[0], binding("signal", Some("x*")));
    assert!(d.text().contains("{ channel: \"signal\", peer: \"x*\" }, // phone"), "{}", d.text());

    let e = d.set("defaultAgent.x", serde_json::json!(1)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "cannot set defaultAgent.x: defaultAgent holds a single value, not an object or list"
    );
    let e = d.set("agents.jarvis.bindings[5]", serde_json::json!({})).unwrap_err();
    assert_eq!(
        e.to_string(),
        "cannot set agents.jarvis.bindings[5]: agents.jarvis.bindings has 1 elements (indices start at 0)"
    );
    let e = d.set("a..b", serde_json::json!(1)).unwrap_err();
    assert!(e.to_string().starts_with("invalid key path \"a..b\""), "{e}");
}

#[test]
fn save_validates_first_and_writes_only_valid_text() {
    let text = "{\n  defaultAgent: \"jarvis\",\n  agents: { jarvis: {} },\n}\n";
    let (dir, mut d) = doc(text);
    d.remove_agent("jarvis").unwrap();
    let e = d.save().unwrap_err();
    assert!(
        e.to_string().ends_with(
            "gateway.json5:2:17: the change would make the file invalid: defaultAgent names agent \"jarvis\", which does not exist"
        ),
        "{e}"
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("gateway.json5")).unwrap(), text);
}

#[test]
fn env_references_stay_unexpanded_in_the_file() {
    let text = "{\n  gateway: { token: \"${PATH}\" },\n}\n";
    let (dir, mut d) = doc(text);
    d.set("cron.enabled", serde_json::json!(false)).unwrap();
    let loaded = d.save().unwrap();
    assert_eq!(loaded.config.gateway.token, std::env::var("PATH").ok());
    let written = std::fs::read_to_string(dir.path().join("gateway.json5")).unwrap();
    assert_eq!(written, "{\n  gateway: { token: \"${PATH}\" },\n  cron: { enabled: false },\n}\n");
}

#[test]
fn bom_and_crlf_survive() {
    let text = "\u{feff}{\r\n  agents: {\r\n    main: {},\r\n  },\r\n}\r\n";
    let (dir, mut d) = doc(text);
    d.add_binding("main", &binding("slack", None)).unwrap();
    d.save().unwrap();
    let written = std::fs::read_to_string(dir.path().join("gateway.json5")).unwrap();
    assert_eq!(
        written,
        "\u{feff}{\r\n  agents: {\r\n    main: {\r\n      bindings: [\r\n        { channel: \"slack\" },\r\n      ],\r\n    },\r\n  },\r\n}\r\n"
    );
}

#[test]
fn the_lock_is_held_until_save() {
    let (dir, mut d) = doc("{}");
    let p = dir.path().join("gateway.json5");
    assert!(crate::store::FileLock::try_exclusive(&p).unwrap().is_none());
    d.set("cron.enabled", serde_json::json!(true)).unwrap();
    d.save().unwrap();
    assert!(crate::store::FileLock::try_exclusive(&p).unwrap().is_some());
}

#[test]
fn open_refuses_a_malformed_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("gateway.json5");
    std::fs::write(&p, "{ a: 1 b: 2 }").unwrap();
    let e = ConfigDoc::open(&p).unwrap_err();
    assert!(e.to_string().ends_with("gateway.json5:1:7: expected a comma after this value"), "{e}");
}

fn text_value() -> impl Strategy<Value = String> {
    // Anything printable, quotes and backslashes included; `$` would start a `${VAR}`.
    "[^$\\p{C}]{0,12}"
}

fn any_binding() -> impl Strategy<Value = Binding> {
    ("[a-z]{1,8}", proptest::option::of(text_value()), proptest::option::of("[a-z0-9_*]{1,8}"))
        .prop_map(|(channel, account_id, peer)| Binding { channel, account_id, peer, group: None })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Adding a binding changes nothing but the list it goes into, reads back as the same
    /// binding, and removing it again restores the file byte for byte.
    #[test]
    fn add_then_remove_is_identity(b in any_binding(), single in any::<bool>()) {
        let base = if single { SINGLE } else { COMMENTED };
        let (_d, mut d) = doc(base);
        let n = d.add_binding("jarvis", &b).unwrap();
        prop_assert_eq!(n, 2);
        let c = reload(d.text());
        prop_assert_eq!(&c.agents["jarvis"].bindings[1], &b);
        for line in base.lines().filter(|l| l.contains("//") || l.contains("/*")) {
            prop_assert!(d.text().contains(line), "lost line {:?}", line);
        }
        prop_assert_eq!(d.remove_binding("jarvis", 2).unwrap(), b);
        prop_assert_eq!(d.text(), base);
    }

    /// `set` writes any JSON value so that it reads back equal, in either quote style.
    #[test]
    fn set_round_trips_values(s in text_value(), n in any::<i32>(), flag in any::<bool>(), single in any::<bool>()) {
        let base = if single { SINGLE } else { COMMENTED };
        let (_d, mut d) = doc(base);
        let value = serde_json::json!({ "s": s, "n": n, "list": [flag, s], "o": { "k": s } });
        d.set("channels.test", value.clone()).unwrap();
        let c = reload(d.text());
        prop_assert_eq!(&c.channels["test"], &value);
        let untouched = base.trim_end().trim_end_matches('}');
        prop_assert!(d.text().starts_with(untouched), "{}", d.text());
    }
}

#[test]
fn an_implicit_main_is_written_first() {
    let (_d, mut d) = doc("{\n  agents: {\n    jarvis: {},\n  },\n}\n");
    assert_eq!(d.add_binding("main", &binding("slack", None)).unwrap(), 1);
    assert_eq!(
        d.text(),
        "{\n  agents: {\n    main: {\n      bindings: [\n        { channel: \"slack\" },\n      ],\n    },\n    jarvis: {},\n  },\n}\n"
    );
    let (_d, mut d) = doc("{ agents: { jarvis: {} } }");
    d.add_binding("main", &binding("slack", None)).unwrap();
    assert_eq!(reload(d.text()).agent_ids(), ["main", "jarvis"]);
}

#[test]
fn removing_from_a_one_line_list_keeps_it_on_one_line() {
    let (_d, mut d) =
        doc("{ agents: { j: { bindings: [{ channel: 'a' }, { channel: 'b' }, { channel: 'c' }] } } }");
    assert_eq!(d.remove_binding("j", 2).unwrap(), binding("b", None));
    assert_eq!(d.text(), "{ agents: { j: { bindings: [{ channel: 'a' }, { channel: 'c' }] } } }");
    d.remove_binding("j", 2).unwrap();
    d.remove_binding("j", 1).unwrap();
    assert_eq!(d.text(), "{ agents: { j: { bindings: [] } } }");
}

#[test]
fn an_empty_file_gets_a_root_object() {
    for text in ["", "// nothing yet\n"] {
        let (_d, mut d) = doc(text);
        d.set("cron.enabled", serde_json::json!(false)).unwrap();
        assert!(!reload(d.text()).cron.enabled, "{text:?} -> {}", d.text());
        assert!(d.text().starts_with(text), "{}", d.text());
    }
}

/// The text parses as strict JSON5 and loads; what `set` writes must always pass this.
#[track_caller]
fn strict(text: &str) -> serde_json::Value {
    match crate::config::syntax::parse(text) {
        Ok(Some(v)) => ast_json(&v),
        other => panic!("not JSON5: {other:?}\n{text}"),
    }
}

#[test]
fn set_quotes_a_key_that_is_not_an_identifier() {
    let (_d, mut d) = doc(COMMENTED);
    d.set("channels[\"multi-word\"].enabled", serde_json::json!(true)).unwrap();
    // Under webchat: a channel's own value must be an object (the channel registry checks it).
    d.set("channels.webchat.ümlaut", serde_json::json!(1)).unwrap();
    d.set("channels.webchat[\"1st\"]", serde_json::json!(2)).unwrap();
    d.set("channels.webchat.plain_$1", serde_json::json!(3)).unwrap();
    let text = d.text().to_string();
    assert!(text.contains("\"multi-word\": { enabled: true }"), "{text}");
    assert!(
        text.contains("\"ümlaut\": 1") && text.contains("\"1st\": 2") && text.contains("plain_$1: 3"),
        "{text}"
    );
    assert_eq!(strict(&text)["channels"]["multi-word"]["enabled"], true);
    d.save().unwrap();
}

#[test]
fn set_escapes_line_breaks_in_strings() {
    for base in [COMMENTED, SINGLE] {
        let (_d, mut d) = doc(base);
        let value = "line 1\nline 2\r\n'quoted' \"double\" \\ \u{2028}\u{2029}\t\u{0}";
        d.set("channels.webchat.note", serde_json::json!(value)).unwrap();
        let text = d.text().to_string();
        assert!(!text.contains("line 1\n"), "{text}");
        assert!(text.contains("\\u2028\\u2029"), "{text}");
        assert_eq!(strict(&text)["channels"]["webchat"]["note"], value);
        d.save().unwrap();
    }
}

#[test]
fn a_file_that_is_not_json5_is_not_edited() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("gateway.json5");
    for (text, want) in [
        ("{\n  multi-word: 1,\n}\n", "gateway.json5:2:3: `multi-word` is not a valid unquoted key"),
        (
            "{\n  a: \"x\ny\",\n}\n",
            "gateway.json5:2:8: the string opened at 2:6 is not closed before the end of the line",
        ),
        ("{\n  agents: {\n", "gateway.json5:3:1: the object opened at 2:11 is not closed"),
    ] {
        std::fs::write(&p, text).unwrap();
        let e = ConfigDoc::open(&p).unwrap_err();
        assert!(e.to_string().ends_with(want), "{e}");
    }
}

/// Valid JSON5 that jsonc-parser (the editor) would read differently is loaded, but not edited.
#[test]
fn valid_json5_the_editor_would_misread_is_refused_for_editing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("gateway.json5");
    for text in ["{ \\u0063ron: { enabled: true } }", "{ // note\u{2028} cron: {} }", "{ cron:\u{feff}{} }"] {
        std::fs::write(&p, text).unwrap();
        crate::config::load(&p).unwrap();
        let e = ConfigDoc::open(&p).unwrap_err();
        assert!(
            e.to_string().contains(
                "is valid JSON5, but openclaw's comment-preserving editor would read it differently"
            ),
            "{e}"
        );
        assert_eq!(std::fs::read_to_string(&p).unwrap(), text);
    }
}

fn any_key() -> impl Strategy<Value = String> {
    prop_oneof!["[a-zA-Z_$][a-zA-Z0-9_$]{0,6}", "[^$]{1,8}", "[ -~]{1,8}"]
}

fn any_text() -> impl Strategy<Value = String> {
    // Any characters at all (line breaks, controls, U+2028), but no `$`, which starts `${VAR}`.
    "[^$]{0,16}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever key and string `set` is given, the file it leaves is strict JSON5 that reads back
    /// the same, and the editor can open it again.
    #[test]
    fn set_always_writes_json5(key in any_key(), s in any_text(), single in any::<bool>()) {
        let base = if single { SINGLE } else { COMMENTED };
        let (dir, mut d) = doc(base);
        let path = format!("channels[{}]", serde_json::Value::String(key.clone()));
        d.set(&path, serde_json::json!({ "s": s, "k": { key.as_str(): s } })).unwrap();
        let text = d.text().to_string();
        let v = strict(&text);
        prop_assert_eq!(&v["channels"][key.as_str()]["s"], &serde_json::json!(s));
        prop_assert_eq!(&v["channels"][key.as_str()]["k"][key.as_str()], &serde_json::json!(s));
        d.save().unwrap();
        let p = dir.path().join("gateway.json5");
        let mut again = ConfigDoc::open(&p).unwrap();
        again.set("cron.enabled", serde_json::json!(false)).unwrap();
        again.save().unwrap();
    }
}
