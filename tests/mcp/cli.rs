//! `openclaw mcp add/rm/probe` and the `mcp` config checks.

use serde_json::Value;

use crate::harness::Env;
use crate::*;

fn write_config(env: &Env, text: &str) {
    std::fs::write(env.home.join("gateway.json5"), text).unwrap();
}

#[test]
fn config_mistakes_are_errors_with_file_line_and_column() {
    let env = Env::init();
    let cases = [
        (
            "{\n  mcp: { servers: {\n    x: { command: \"a\", url: \"https://e.com/mcp\" },\n  } },\n}\n",
            "gateway.json5:3:29: mcp.servers.x has both \"command\" and \"url\"",
        ),
        (
            "{\n  mcp: { servers: {\n    x: { url: \"ftp://e.com/mcp\" },\n  } },\n}\n",
            "gateway.json5:3:15: mcp.servers.x.url must be an http:// or https:// URL, not \"ftp://e.com/mcp\"",
        ),
        (
            "{\n  mcp: { servers: {\n    x: { url: \"https://e.com/mcp\", transport: \"websocket\" },\n  } },\n}\n",
            "gateway.json5:3:47: mcp.servers.x.transport must be one of \"streamable-http\", \"sse\", not \"websocket\"",
        ),
        (
            "{\n  mcp: { servers: { x: { command: \"a\" } } },\n  agents: { main: { mcp: [\"x\", \"y\"] } },\n}\n",
            "gateway.json5:3:32: agents.main.mcp names MCP server \"y\", which is not in mcp.servers",
        ),
        ("{\n  mcp: { servers: { x: {} } },\n}\n", "mcp.servers.x has neither \"command\" nor \"url\""),
    ];
    for (config, want) in cases {
        write_config(&env, config);
        let r = env.run(&["config", "validate"]);
        assert_eq!(r.code, 1, "{config}\n{}", r.stderr);
        assert!(r.stderr.contains(want), "{config}\nwant: {want}\ngot:  {}", r.stderr);
    }
}

#[test]
fn add_probes_before_saving_keeps_comments_and_rm_removes() {
    let Some((node, js)) = everything() else { return };
    let env = Env::init();
    let before = std::fs::read_to_string(env.home.join("gateway.json5")).unwrap();
    assert!(before.contains("//"), "the template has comments");
    // A server that does not start is not saved.
    let r = env.run(&["mcp", "add", "nope", "--", "/nonexistent/server", "--flag"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("cannot start \"/nonexistent/server\""), "{}", r.stderr);
    assert!(r.stderr.contains("nothing was written"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(env.home.join("gateway.json5")).unwrap(), before);

    let (node, js) = (node.display().to_string(), js.display().to_string());
    let r = env.run(&["mcp", "add", "everything", "--", &node, &js, "stdio"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("added MCP server everything (stdio, mcp-servers/everything"), "{}", r.stdout);
    let after = std::fs::read_to_string(env.home.join("gateway.json5")).unwrap();
    for line in before.lines().filter(|l| l.trim_start().starts_with("//")) {
        assert!(after.contains(line), "comment lost: {line}");
    }
    let r = env.run(&["config", "get", "mcp.servers.everything", "--json"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["command"], node);
    assert_eq!(v["args"], serde_json::json!([js, "stdio"]));

    let r = env.run(&["mcp", "add", "everything", "--no-probe", "--", "x"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("already in gateway.json5"), "{}", r.stderr);
    let r = env.run(&["mcp", "add", "bad name", "--", "x"]);
    assert_eq!(r.code, 2, "{}", r.stderr);

    let r = env.run(&["mcp", "tools", "everything"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("everything__echo") && r.stdout.contains("Echoes back the input string"),
        "{}",
        r.stdout
    );
    let r = env.run(&["mcp", "probe", "everything"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("protocol:     2025-06-18"), "{}", r.stdout);
    assert!(r.stdout.contains("tools (listChanged)"), "{}", r.stdout);
    // With a model that can answer, the MCP server is all doctor looks at here.
    let r = env.run_with(&["doctor"], &[("OPENAI_API_KEY", "sk-test")]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);

    let r = env.run(&["mcp", "rm", "everything"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = env.run(&["mcp", "rm", "everything"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("MCP server \"everything\" is not defined"), "{}", r.stderr);
    let r = env.run(&["mcp", "ls"]);
    assert!(r.stdout.contains("no MCP servers configured") || r.stderr.contains("no MCP servers configured"));
}

#[test]
fn probe_of_an_unknown_server_is_a_usage_error() {
    let env = Env::init();
    let r = env.run(&["mcp", "probe", "ghost"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("MCP server \"ghost\" is not in mcp.servers (servers: none)"), "{}", r.stderr);
}
