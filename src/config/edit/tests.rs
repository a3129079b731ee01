use super::*;

fn doc(text: &str) -> (tempfile::TempDir, ConfigDoc) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("gateway.json5");
    std::fs::write(&p, text).unwrap();
    let d = ConfigDoc::open(&p).unwrap();
    (dir, d)
}

fn b(channel: &str, peer: Option<&str>) -> Binding {
    Binding { channel: channel.into(), peer: peer.map(String::from), ..Default::default() }
}

#[test]
fn scratch() {
    let cases = [
        "{\n  // top\n  agents: {\n    main: {}, // the default\n    jarvis: {\n      bindings: [\n        { channel: \"whatsapp\" },\n        { channel: \"telegram\", peer: \"jonas_*\" },          // globs\n      ],\n    },\n  },\n}\n",
        "{\n  agents: {},\n}\n",
        "{\n  \"cron\": { \"enabled\": true }\n}\n",
        "{}",
        "{\r\n\tagents: {\r\n\t\tjarvis: { bindings: [] },\r\n\t},\r\n}\r\n",
    ];
    for c in cases {
        let (_d, mut d) = doc(c);
        let r = d.add_binding("jarvis", &b("discord", Some("x*")));
        println!("--- add_binding jarvis: {r:?}\n{}", d.text());
        let r = d.add_binding("main", &b("slack", None));
        println!("--- add_binding main: {r:?}\n{}", d.text());
        let r = d.add_agent("bob", Some("openai/gpt-4o"), &[b("irc", None)]);
        println!("--- add_agent bob: {r:?}\n{}", d.text());
        let r = d.set("session.reset.atHour", serde_json::json!(5));
        println!("--- set: {r:?}\n{}", d.text());
        let r = d.remove_binding("main", 1);
        println!("--- rm main 1: {r:?}\n{}", d.text());
        let r = d.remove_agent("bob");
        println!("--- rm bob: {r:?}\n{}", d.text());
    }
}
