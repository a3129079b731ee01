//! `web_fetch {url, maxChars?}` and `web_search {query, count?}`.
//!
//! `web_fetch` refuses private, loopback, link-local and other non-public addresses unless the
//! agent sets `tools.web.allowPrivate`: IP-literal hosts are checked before each request, and host
//! names go through a resolver that refuses the name when *any* of its addresses is not public.
//! The connection then uses exactly the addresses that were checked (no second lookup, so DNS
//! rebinding cannot swap them), and redirects are followed by hand, each hop checked the same way.
//! `web_search` calls the owner's configured endpoint (Brave Search or SearXNG JSON); it is not
//! address-checked, since the owner chose it.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Once};

use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use serde_json::{Value, json};

use super::fs::{floor_char_boundary, try_tool};
use super::{Args, Limits, Tool, ToolContext, ToolFuture, ToolResult, ToolSpec};

/// Redirects `web_fetch` follows at most.
const MAX_REDIRECTS: usize = 5;
/// Results `web_search` returns at most.
const MAX_RESULTS: u64 = 10;

/// Whether `ip` is a public unicast address (not loopback, private, link-local, shared, reserved,
/// multicast, documentation, or an IPv6 form embedding such an IPv4 address).
pub fn is_public_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240) // reserved
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let seg = ip.segments();
    let embedded_v4 = |hi: u16, lo: u16| Ipv4Addr::from(((hi as u32) << 16) | lo as u32);
    if seg[0] == 0x64 && seg[1] == 0xff9b {
        return is_public_v4(embedded_v4(seg[6], seg[7])); // NAT64
    }
    if seg[0] == 0x2002 {
        return is_public_v4(embedded_v4(seg[1], seg[2])); // 6to4
    }
    if seg[..6] == [0; 6] {
        return false; // ::, ::1 and IPv4-compatible forms
    }
    !(ip.is_multicast()
        || (seg[0] & 0xfe00) == 0xfc00 // unique local
        || (seg[0] & 0xffc0) == 0xfe80 // link-local
        || (seg[0] & 0xffc0) == 0xfec0 // site-local (deprecated)
        || (seg[0] == 0x2001 && seg[1] == 0x0db8)) // documentation
}

/// Resolves host names and refuses those with any non-public address.
struct GuardedResolver {
    allow_private: bool,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        let host = name.as_str().to_string();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if let Some(bad) = addrs.iter().find(|a| !allow_private && !is_public_ip(a.ip())) {
                return Err(Box::new(Refused(format!(
                    "{host} resolves to the non-public address {}",
                    bad.ip()
                ))) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

/// A refusal by the address guard, recognisable in reqwest's error chain.
#[derive(Debug)]
struct Refused(String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Fails only when another part of the process installed one first: that one is used.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

fn client(limits: &Limits, allow_private: bool) -> Result<reqwest::Client, String> {
    install_crypto_provider();
    reqwest::Client::builder()
        .user_agent(concat!("openclaw/", env!("CARGO_PKG_VERSION")))
        .timeout(limits.web_timeout)
        .connect_timeout(limits.web_timeout.min(std::time::Duration::from_secs(10)))
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .dns_resolver(Arc::new(GuardedResolver { allow_private }))
        .build()
        .map_err(|e| format!("cannot build the HTTP client: {e}"))
}

/// The sentence for a failed request, naming a guard refusal when that was the cause.
fn describe(e: &reqwest::Error) -> String {
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(s) = source {
        if let Some(r) = s.downcast_ref::<Refused>() {
            return format!("refused: {r}; private addresses are blocked (tools.web.allowPrivate is off)");
        }
        source = s.source();
    }
    if e.is_timeout() {
        return "the request timed out".into();
    }
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

/// Checks scheme and IP-literal hosts before a request.
fn check_url(url: &Url, allow_private: bool) -> Result<(), String> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("refused: only http and https URLs can be fetched, not {url}"));
    }
    let Some(host) = url.host_str() else {
        return Err(format!("refused: {url} has no host"));
    };
    let Ok(ip) = host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() else {
        return Ok(()); // a name: the resolver checks its addresses
    };
    if !allow_private && !is_public_ip(ip) {
        return Err(format!(
            "refused: {ip} is a non-public address; private addresses are blocked \
             (tools.web.allowPrivate is off)"
        ));
    }
    Ok(())
}

/// The `web_fetch` tool.
#[derive(Debug, Clone, Copy, Default)]
pub struct WebFetchTool;

impl Tool for WebFetchTool {
    fn name(&self) -> &str {
        "web_fetch"
    }

    fn spec(&self) -> ToolSpec {
        ToolSpec {
            name: "web_fetch".into(),
            description: "Fetch a URL (GET) and return its readable text.".into(),
            parameters: json!({"type":"object","properties":{
                "url":{"type":"string"},
                "maxChars":{"type":"integer"}},"required":["url"]}),
        }
    }

    fn call<'a>(&'a self, ctx: &'a ToolContext, args: Value) -> ToolFuture<'a> {
        Box::pin(web_fetch(ctx, args))
    }
}

async fn web_fetch(ctx: &ToolContext, args: Value) -> ToolResult {
    let args = try_tool!(Args::parse("web_fetch", args));
    let raw = try_tool!(args.str("url"));
    let max_chars = try_tool!(args.opt_u64("maxChars")).map_or(ctx.limits.web_max_chars, |n| n as usize);
    let mut url = match Url::parse(raw.trim()) {
        Ok(u) => u,
        Err(e) => return ToolResult::error(format!("web_fetch: bad url \"{raw}\": {e}")),
    };
    let allow_private = ctx.config.tools.web.allow_private;
    let client = try_tool!(client(&ctx.limits, allow_private));
    let mut hops = 0;
    let mut resp = loop {
        try_tool!(check_url(&url, allow_private));
        let resp = match client.get(url.clone()).send().await {
            Ok(r) => r,
            Err(e) => return ToolResult::error(format!("web_fetch {url}: {}", describe(&e))),
        };
        if !resp.status().is_redirection() {
            break resp;
        }
        let Some(next) = resp
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .and_then(|l| url.join(l).ok())
        else {
            break resp;
        };
        hops += 1;
        if hops > MAX_REDIRECTS {
            return ToolResult::error(format!("web_fetch {raw}: more than {MAX_REDIRECTS} redirects"));
        }
        url = next;
    };
    let status = resp.status();
    let content_type = resp
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut body = Vec::new();
    let mut cut = false;
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                let room = ctx.limits.web_max_bytes.saturating_sub(body.len());
                body.extend_from_slice(&chunk[..chunk.len().min(room)]);
                if chunk.len() > room {
                    cut = true;
                    break;
                }
            }
            Ok(None) => break,
            Err(e) => return ToolResult::error(format!("web_fetch {url}: {}", describe(&e))),
        }
    }
    let texty = content_type.is_empty()
        || content_type.starts_with("text/")
        || content_type.contains("json")
        || content_type.contains("xml")
        || content_type.contains("javascript");
    if !texty {
        return ToolResult::error(format!(
            "web_fetch {url}: {content_type} content ({} bytes) is not text",
            body.len()
        ));
    }
    let raw_text = String::from_utf8_lossy(&body);
    let looks_html =
        content_type.contains("html") || (content_type.is_empty() && raw_text.trim_start().starts_with('<'));
    let mut text = if looks_html { html_to_text(&raw_text) } else { raw_text.into_owned() };
    let total_chars = text.chars().count();
    if total_chars > max_chars {
        let end = text.char_indices().nth(max_chars).map_or(text.len(), |(i, _)| i);
        text.truncate(end);
        text.push_str(&format!("\n[cut at {max_chars} of {total_chars} characters]"));
    } else if cut {
        text.push_str(&format!("\n[download cut at {} bytes]", ctx.limits.web_max_bytes));
    }
    let content = format!("{url} ({})\n\n{text}", status.as_u16());
    let details = json!({"url": url.as_str(), "status": status.as_u16(), "contentType": content_type});
    let result = if status.is_success() { ToolResult::ok(content) } else { ToolResult::error(content) };
    result.with_details(details)
}

/// The `web_search` tool.
#[derive(Debug, Clone, Copy, Default)]
pub struct WebSearchTool;

impl Tool for WebSearchTool {
    fn name(&self) -> &str {
        "web_search"
    }

    fn spec(&self) -> ToolSpec {
        ToolSpec {
            name: "web_search".into(),
            description: "Search the web; returns titles, URLs and snippets.".into(),
            parameters: json!({"type":"object","properties":{
                "query":{"type":"string"},
                "count":{"type":"integer"}},"required":["query"]}),
        }
    }

    fn call<'a>(&'a self, ctx: &'a ToolContext, args: Value) -> ToolFuture<'a> {
        Box::pin(web_search(ctx, args))
    }
}

async fn web_search(ctx: &ToolContext, args: Value) -> ToolResult {
    let args = try_tool!(Args::parse("web_search", args));
    let query = try_tool!(args.str("query"));
    let count = try_tool!(args.opt_u64("count")).unwrap_or(5).clamp(1, MAX_RESULTS);
    let Some(search) = ctx.config.tools.web.search.as_ref().filter(|s| !s.url.is_empty()) else {
        return ToolResult::error(format!(
            "web_search is not configured: set agents.{}.tools.web.search.url (a Brave Search or \
             SearXNG JSON endpoint) in gateway.json5",
            ctx.agent
        ));
    };
    let mut url = match Url::parse(&search.url) {
        Ok(u) => u,
        Err(e) => {
            return ToolResult::error(format!(
                "web_search: tools.web.search.url \"{}\" is not a URL: {e}",
                search.url
            ));
        }
    };
    url.query_pairs_mut().append_pair("q", query).append_pair("count", &count.to_string());
    // The owner chose this endpoint, so a local SearXNG is fine.
    let client = try_tool!(client(&ctx.limits, true));
    let mut req = client.get(url.clone()).header(reqwest::header::ACCEPT, "application/json");
    if let Some(key) = &search.api_key {
        req = req.header("X-Subscription-Token", key);
    }
    let resp = match req.send().await {
        Ok(r) => r,
        Err(e) => return ToolResult::error(format!("web_search: {}", describe(&e))),
    };
    let status = resp.status();
    let body = match resp.bytes().await {
        Ok(b) => b,
        Err(e) => return ToolResult::error(format!("web_search: {}", describe(&e))),
    };
    if !status.is_success() {
        let snippet = String::from_utf8_lossy(&body[..body.len().min(300)]).into_owned();
        return ToolResult::error(format!("web_search: the endpoint answered {status}: {snippet}"));
    }
    let json: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return ToolResult::error(format!("web_search: the endpoint's answer is not JSON: {e}")),
    };
    let results = json
        .pointer("/web/results")
        .or_else(|| json.get("results"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if results.is_empty() {
        return ToolResult::ok(format!("no results for \"{query}\""));
    }
    let field = |r: &Value, keys: &[&str]| -> String {
        keys.iter()
            .find_map(|k| r.get(*k).and_then(Value::as_str))
            .map(|s| html_to_text(s).replace('\n', " "))
            .unwrap_or_default()
    };
    let mut out = String::new();
    for (i, r) in results.iter().take(count as usize).enumerate() {
        out.push_str(&format!("{}. {}\n   {}\n", i + 1, field(r, &["title"]), field(r, &["url", "link"])));
        let snippet = field(r, &["description", "content", "snippet"]);
        if !snippet.is_empty() {
            out.push_str(&format!("   {snippet}\n"));
        }
    }
    ToolResult::ok(out)
}

/// Crude but decent HTML → text: drops scripts, styles and comments, turns block elements into
/// line breaks and list items into `- `, keeps link text, decodes entities and collapses
/// whitespace (except inside `<pre>`). The `<title>` becomes a `# ` first line.
pub fn html_to_text(html: &str) -> String {
    const SKIP: &[&str] = &["script", "style", "noscript", "svg", "template", "iframe", "object"];
    const BLOCK: &[&str] = &[
        "p",
        "div",
        "br",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "main",
        "aside",
        "ul",
        "ol",
        "table",
        "blockquote",
        "pre",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dt",
        "dd",
        "figure",
        "figcaption",
        "form",
        "details",
        "summary",
    ];
    let lower = html.to_ascii_lowercase();
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut title = String::new();
    let mut pre = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            let end = lower[i..].find('<').map_or(bytes.len(), |j| i + j);
            let text = decode_entities(&html[i..end]);
            if pre > 0 {
                out.push_str(&text);
            } else {
                for c in text.chars() {
                    out.push(if c.is_whitespace() { ' ' } else { c });
                }
            }
            i = end;
            continue;
        }
        if lower[i..].starts_with("<!--") {
            i = lower[i..].find("-->").map_or(bytes.len(), |j| i + j + 3);
            continue;
        }
        let Some(close) = lower[i..].find('>').map(|j| i + j) else {
            break;
        };
        let tag = &lower[i + 1..close];
        let closing = tag.starts_with('/');
        let name: String =
            tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        i = close + 1;
        if !closing && (SKIP.contains(&name.as_str()) || name == "title") {
            let end_tag = format!("</{name}");
            let end = lower[i..].find(&end_tag).map_or(bytes.len(), |j| i + j);
            if name == "title" && title.is_empty() {
                title = decode_entities(&html[i..end]).split_whitespace().collect::<Vec<_>>().join(" ");
            }
            i = lower[end..].find('>').map_or(bytes.len(), |j| end + j + 1);
            continue;
        }
        if name == "pre" {
            pre = if closing { pre.saturating_sub(1) } else { pre + 1 };
        }
        if name == "li" && !closing {
            out.push_str("\n- ");
        } else if matches!(name.as_str(), "td" | "th") && !closing {
            out.push_str(" | ");
        } else if BLOCK.contains(&name.as_str()) {
            out.push('\n');
        }
    }
    let mut text = String::new();
    if !title.is_empty() {
        text.push_str("# ");
        text.push_str(&title);
        text.push_str("\n\n");
    }
    let mut blank = true;
    for line in out.lines() {
        let line = line.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        let line = line.trim_start_matches("| ").to_string();
        if line.is_empty() {
            if !blank {
                text.push('\n');
            }
            blank = true;
        } else {
            text.push_str(&line);
            text.push('\n');
            blank = false;
        }
    }
    text.trim_end().to_string()
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[..floor_char_boundary(rest, 12).min(rest.len())].find(';');
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                "mdash" => Some('—'),
                "ndash" => Some('–'),
                "hellip" => Some('…'),
                "copy" => Some('©'),
                _ => ent
                    .strip_prefix("#x")
                    .or_else(|| ent.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_and_private_addresses() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
            "2002:7f00:1::",
            "ff02::1",
        ] {
            assert!(!is_public_ip(private.parse().unwrap()), "{private} must be refused");
        }
        for public in ["1.1.1.1", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"] {
            assert!(is_public_ip(public.parse().unwrap()), "{public} is public");
        }
    }

    #[test]
    fn html_becomes_readable_text() {
        let html = "<html><head><title>The  Page</title><style>p{color:red}</style>\
            <script>alert('x')</script></head><body><!-- hidden --><h1>Hello &amp; welcome</h1>\
            <p>Some   <b>bold</b>\n text with a <a href=\"/x\">link</a>.</p>\
            <ul><li>one</li><li>two &#x263A;</li></ul><pre>a\n  b</pre></body></html>";
        let text = html_to_text(html);
        assert_eq!(
            text,
            "# The Page\n\nHello & welcome\n\nSome bold text with a link.\n\n- one\n- two ☺\n\na\nb"
        );
        assert!(!text.contains("alert") && !text.contains("color") && !text.contains("hidden"));
    }

    #[test]
    fn entities_that_are_not_entities_stay() {
        assert_eq!(decode_entities("a & b &amp c &#99999999; &lt;"), "a & b &amp c &#99999999; <");
    }
}
