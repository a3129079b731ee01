//! The HTML document a canvas is served as, and the Content-Security-Policy it is served under.
//!
//! The agent's HTML is untrusted. It runs in an opaque origin (`sandbox` without
//! `allow-same-origin`, in the CSP header and on the web chat's iframe), so it cannot read the
//! gateway's cookies, storage (the web chat keeps its token in sessionStorage) or the chat page;
//! `default-src 'none'` gives it no network (no fetch, images, fonts or frames from anywhere but
//! `data:`); without `allow-top-navigation` and `allow-popups` it cannot move the page it sits in
//! or open windows; `form-action 'none'` stops form posts. Its own scripts run only with
//! `tools.canvas.allowScripts`; otherwise the one script allowed (by hash) is [`BRIDGE`], which
//! turns clicks on `[data-action]` elements and form submits into a `postMessage` to the web chat
//! (which checks it and sends it to the agent) and keeps links from navigating the frame away.

use super::{Canvas, Format, link, markdown};

/// The script every canvas document carries (see the module doc).
pub const BRIDGE: &str = r##""use strict";
(() => {
  const embedded = window.parent !== window;
  const post = (action, values) => {
    if (embedded) parent.postMessage({ type: "openclaw.canvas", action: String(action), values }, "*");
  };
  document.addEventListener("click", (e) => {
    const t = e.target instanceof Element ? e.target : null;
    if (!t) return;
    const a = t.closest("a[href]");
    if (a && embedded && !(a.getAttribute("href") || "").startsWith("#")) e.preventDefault();
    const el = t.closest("[data-action]");
    if (!el || el.tagName === "FORM" || (el.form && el.type === "submit")) return;
    e.preventDefault();
    post(el.dataset.action, el.value ? { value: String(el.value) } : {});
  }, true);
  document.addEventListener("submit", (e) => {
    e.preventDefault();
    const form = e.target, by = e.submitter;
    const action = (by && by.dataset.action) || form.dataset.action || form.getAttribute("name") || "submit";
    const values = {};
    for (const [k, v] of new FormData(form, by || undefined)) if (typeof v === "string") values[k] = v;
    post(action, values);
  }, true);
})();
"##;

const STYLE: &str = "\
:root{color-scheme:light dark;font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif}\
body{margin:0;padding:.8rem 1rem}\
table{border-collapse:collapse;margin:.5rem 0}\
th,td{border:1px solid #8884;padding:.3rem .6rem;text-align:left}\
th{background:#8881}\
pre{padding:.5rem;background:#8882;border-radius:.3rem;overflow-x:auto}\
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}\
button{font:inherit;padding:.3rem .8rem;cursor:pointer}\
.oc-bar{margin:-.8rem -1rem .8rem;padding:.5rem 1rem;border-bottom:1px solid #8884;font-size:.85rem}\
.oc-bar span{opacity:.7}";

/// The Content-Security-Policy a canvas is served under.
pub fn csp(allow_scripts: bool) -> String {
    let scripts = if allow_scripts {
        // A hash next to 'unsafe-inline' would switch 'unsafe-inline' off.
        "'unsafe-inline'".to_string()
    } else {
        format!("'sha256-{}'", bridge_hash())
    };
    format!(
        "default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; img-src data:; font-src data:; \
         media-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'; \
         sandbox allow-scripts allow-forms"
    )
}

/// The CSP hash of [`BRIDGE`] (base64 of its SHA-256).
pub fn bridge_hash() -> String {
    link::base64(ring::digest::digest(&ring::digest::SHA256, BRIDGE.as_bytes()).as_ref())
}

/// The canvas as a whole document. `standalone` (opened from a link, not inside the web chat)
/// adds a bar with the title and "read-only".
pub fn document(canvas: &Canvas, standalone: bool) -> String {
    let body = match canvas.format {
        Format::Markdown => markdown::to_html(&canvas.content),
        Format::Html => neutralize_meta(&canvas.content),
    };
    let title = markdown::escape(&canvas.title);
    let bar = if standalone {
        let when = canvas.updated_at.get(..16).unwrap_or(&canvas.updated_at).replace('T', " ");
        format!(
            "<header class=\"oc-bar\"><b>{title}</b> <span>· read-only · updated {when} UTC</span></header>\n"
        )
    } else {
        String::new()
    };
    format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\"><title>{title}</title>\
         <style>{STYLE}</style><script>{BRIDGE}</script></head>\n<body>\n{bar}{body}\n</body></html>\n"
    )
}

/// A short page saying why a canvas is not shown.
pub fn refusal(message: &str) -> String {
    format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>canvas</title><style>{STYLE}</style></head>\
         <body><p>{}</p></body></html>\n",
        markdown::escape(message)
    )
}

/// `<meta http-equiv=refresh>` would navigate the frame away once scripts are allowed (the
/// bridge needs them), so every `<meta` tag of the agent's HTML becomes an inert `<x-meta`.
fn neutralize_meta(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for (i, _) in lower.match_indices("<meta") {
        out.push_str(&html[last..i]);
        out.push_str("<x-meta");
        last = i + "<meta".len();
    }
    out.push_str(&html[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canvas(format: Format, content: &str) -> Canvas {
        super::super::sample(format, "<Disk> & co", content)
    }

    #[test]
    fn the_policy_allows_the_bridge_alone_unless_scripts_are_allowed() {
        let strict = csp(false);
        assert!(strict.contains(&format!("script-src 'sha256-{}';", bridge_hash())), "{strict}");
        assert!(
            strict.starts_with("default-src 'none';") && strict.contains("sandbox allow-scripts allow-forms")
        );
        assert!(!strict.contains("allow-same-origin") && !strict.contains("allow-top-navigation"));
        assert!(csp(true).contains("script-src 'unsafe-inline';"));
    }

    #[test]
    fn documents_escape_the_title_and_defuse_meta_refresh() {
        let doc = document(
            &canvas(Format::Html, "<META http-equiv=refresh content=0;url=https://x><p>hi</p>"),
            true,
        );
        assert!(doc.contains("<title>&lt;Disk&gt; &amp; co</title>"), "{doc}");
        assert!(doc.contains("<x-meta http-equiv=refresh") && doc.contains("<p>hi</p>"), "{doc}");
        assert!(doc.contains("read-only · updated 2026-12-05 06:00 UTC"), "{doc}");
        assert!(doc.contains(&format!("<script>{BRIDGE}</script>")));
        let md = document(&canvas(Format::Markdown, "<script>x</script>"), false);
        assert!(md.contains("&lt;script&gt;x&lt;/script&gt;") && !md.contains("oc-bar\">"), "{md}");
    }
}
