//! `web_fetch` and `web_search` against a real HTTP server on 127.0.0.1.

use serde_json::json;

use crate::common::{Fixture, http_server};

const PAGE: &str = "<html><head><title>Test page</title><script>var leak = 1;</script></head>\
<body><h1>Welcome</h1><p>Read the <a href=\"/docs\">documentation</a> first.</p></body></html>";

fn private_ok(mut fx: Fixture) -> Fixture {
    fx.config.tools.web.allow_private = true;
    fx
}

#[tokio::test]
async fn fetches_readable_text_when_private_addresses_are_allowed() {
    let base = http_server(vec![
        ("/page", "200 OK", "text/html; charset=utf-8", PAGE.into()),
        ("/moved", "302 Found", "text/plain", "/page".into()),
        ("/data", "200 OK", "application/json", "{\"a\":1}".into()),
        ("/img", "200 OK", "image/png", "PNG".into()),
    ]);
    let fx = private_ok(Fixture::new());
    let r = fx.call("web_fetch", json!({"url": format!("{base}/page")})).await;
    assert!(!r.is_error, "{}", r.content);
    assert_eq!(
        r.content,
        format!("{base}/page (200)\n\n# Test page\n\nWelcome\n\nRead the documentation first.")
    );
    let r = fx.call("web_fetch", json!({"url": format!("{base}/moved")})).await;
    assert!(r.content.starts_with(&format!("{base}/page (200)")), "{}", r.content);
    let r = fx.call("web_fetch", json!({"url": format!("{base}/data")})).await;
    assert!(r.content.ends_with("{\"a\":1}"));
    let r = fx.call("web_fetch", json!({"url": format!("{base}/page"), "maxChars": 12})).await;
    assert!(r.content.ends_with("# Test page\n\n[cut at 12 of 51 characters]"), "{}", r.content);
    let r = fx.call("web_fetch", json!({"url": format!("{base}/img")})).await;
    assert!(r.is_error && r.content.contains("image/png content (3 bytes) is not text"), "{}", r.content);
    let r = fx.call("web_fetch", json!({"url": format!("{base}/missing")})).await;
    assert!(r.is_error && r.content.contains("(404)"), "{}", r.content);
}

#[tokio::test]
async fn private_and_loopback_addresses_are_refused_by_default() {
    let base = http_server(vec![("/page", "200 OK", "text/html", PAGE.into())]);
    let port = base.rsplit(':').next().unwrap().to_string();
    let fx = Fixture::new();
    for url in [
        format!("{base}/page"),
        format!("http://localhost:{port}/page"),
        format!("http://[::1]:{port}/page"),
        format!("http://[::ffff:127.0.0.1]:{port}/page"),
        "http://169.254.169.254/latest/meta-data/".to_string(),
        "http://10.0.0.1/".to_string(),
        "http://2130706433/".to_string(), // 127.0.0.1 as one number
        "file:///etc/passwd".to_string(),
    ] {
        let r = fx.call("web_fetch", json!({"url": url})).await;
        assert!(r.is_error, "{url} was fetched: {}", r.content);
        assert!(r.content.contains("refused"), "{url}: {}", r.content);
        assert!(!r.content.contains("Welcome"));
    }
}

#[tokio::test]
async fn web_search_reads_brave_and_searxng_answers() {
    let brave = "{\"web\":{\"results\":[{\"title\":\"Rust\",\"url\":\"https://rust-lang.org\",\
        \"description\":\"A <strong>language</strong>\"},{\"title\":\"Two\",\"url\":\"https://two.example\"}]}}";
    let searx =
        "{\"results\":[{\"title\":\"S\",\"url\":\"https://s.example\",\"content\":\"query was {query}\"}]}";
    let base = http_server(vec![
        ("/brave", "200 OK", "application/json", brave.into()),
        ("/searx", "200 OK", "application/json", searx.into()),
    ]);
    let mut fx = Fixture::new();
    fx.config.tools.web.search =
        Some(openclaw::config::WebSearchConfig { url: format!("{base}/brave"), api_key: Some("k".into()) });
    let r = fx.call("web_search", json!({"query": "rust lang", "count": 1})).await;
    assert_eq!(
        (r.content.as_str(), r.is_error),
        ("1. Rust\n   https://rust-lang.org\n   A language\n", false)
    );
    fx.config.tools.web.search =
        Some(openclaw::config::WebSearchConfig { url: format!("{base}/searx?format=json"), api_key: None });
    let r = fx.call("web_search", json!({"query": "a&b"})).await;
    assert_eq!(r.content, "1. S\n   https://s.example\n   query was /searx?format=json&q=a%26b&count=5\n");
}

#[tokio::test]
async fn web_search_says_how_to_configure_it() {
    let r = Fixture::new().call("web_search", json!({"query": "x"})).await;
    assert!(r.is_error);
    assert_eq!(
        r.content,
        "web_search is not configured: set agents.main.tools.web.search.url (a Brave Search or SearXNG JSON endpoint) in gateway.json5"
    );
}
