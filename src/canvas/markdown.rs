//! A small Markdown → HTML renderer for canvases: headings, paragraphs, emphasis, code spans and
//! fenced blocks, lists, block quotes, rules, pipe tables and http(s) links.
//!
//! Model output is untrusted: every character of the source reaches the HTML escaped, raw HTML
//! included (`<b>` shows as `<b>`), and only http(s) URLs become links.

/// `&`, `<`, `>`, `"` and `'` as entities.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Renders `source` to an HTML fragment.
pub fn to_html(source: &str) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let mut out = String::with_capacity(source.len() * 2);
    let mut para: Vec<&str> = Vec::new();
    let mut i = 0;
    let flush = |para: &mut Vec<&str>, out: &mut String| {
        if !para.is_empty() {
            out.push_str("<p>");
            out.push_str(&inline(&para.join("\n")).replace('\n', "<br>\n"));
            out.push_str("</p>\n");
            para.clear();
        }
    };
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim();
        if t.is_empty() {
            flush(&mut para, &mut out);
            i += 1;
            continue;
        }
        if let Some(fence) = ["```", "~~~"].into_iter().find(|f| t.starts_with(f)) {
            flush(&mut para, &mut out);
            let mut code = Vec::new();
            i += 1;
            while i < lines.len() && !lines[i].trim().starts_with(fence) {
                code.push(lines[i]);
                i += 1;
            }
            i += 1;
            out.push_str("<pre><code>");
            out.push_str(&escape(&code.join("\n")));
            out.push_str("</code></pre>\n");
            continue;
        }
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            flush(&mut para, &mut out);
            out.push_str(&format!(
                "<h{hashes}>{}</h{hashes}>\n",
                inline(t[hashes..].trim().trim_end_matches('#').trim())
            ));
            i += 1;
            continue;
        }
        if t.len() >= 3 && ["-", "*", "_"].iter().any(|c| t.chars().all(|x| x.to_string() == *c || x == ' '))
        {
            flush(&mut para, &mut out);
            out.push_str("<hr>\n");
            i += 1;
            continue;
        }
        if t.starts_with('>') {
            flush(&mut para, &mut out);
            let mut quoted = Vec::new();
            while i < lines.len() && lines[i].trim().starts_with('>') {
                let q = lines[i].trim().trim_start_matches('>');
                quoted.push(q.strip_prefix(' ').unwrap_or(q));
                i += 1;
            }
            out.push_str("<blockquote>\n");
            out.push_str(&to_html(&quoted.join("\n")));
            out.push_str("</blockquote>\n");
            continue;
        }
        if let Some(kind) = list_item(t).map(|(k, _)| k) {
            flush(&mut para, &mut out);
            out.push_str(if kind == "ol" { "<ol>\n" } else { "<ul>\n" });
            while i < lines.len() {
                match list_item(lines[i].trim()) {
                    Some((k, text)) if k == kind => {
                        out.push_str(&format!("<li>{}</li>\n", inline(text)));
                        i += 1;
                    }
                    _ => break,
                }
            }
            out.push_str(if kind == "ol" { "</ol>\n" } else { "</ul>\n" });
            continue;
        }
        if t.contains('|') && lines.get(i + 1).is_some_and(|next| is_table_rule(next)) {
            flush(&mut para, &mut out);
            let align: Vec<&str> = cells(lines[i + 1])
                .iter()
                .map(|c| match (c.starts_with(':'), c.ends_with(':')) {
                    (true, true) => " style=\"text-align:center\"",
                    (false, true) => " style=\"text-align:right\"",
                    _ => "",
                })
                .collect();
            out.push_str("<table>\n<thead><tr>");
            for (n, c) in cells(t).iter().enumerate() {
                out.push_str(&format!("<th{}>{}</th>", align.get(n).unwrap_or(&""), inline(c)));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            i += 2;
            while i < lines.len() && lines[i].contains('|') && !lines[i].trim().is_empty() {
                out.push_str("<tr>");
                for (n, c) in cells(lines[i]).iter().enumerate() {
                    out.push_str(&format!("<td{}>{}</td>", align.get(n).unwrap_or(&""), inline(c)));
                }
                out.push_str("</tr>\n");
                i += 1;
            }
            out.push_str("</tbody>\n</table>\n");
            continue;
        }
        para.push(t);
        i += 1;
    }
    flush(&mut para, &mut out);
    out
}

/// `("ul", text)` for `- x`, `* x`, `+ x`; `("ol", text)` for `1. x` / `1) x`.
fn list_item(t: &str) -> Option<(&'static str, &str)> {
    for bullet in ["- ", "* ", "+ "] {
        if let Some(rest) = t.strip_prefix(bullet) {
            return Some(("ul", rest));
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &t[digits..];
        if let Some(text) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(("ol", text));
        }
    }
    None
}

fn is_table_rule(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.contains(['|', '-'])
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
        && cells(t).iter().all(|c| c.contains('-'))
}

fn cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(|c| c.trim().to_string()).collect()
}

/// Inline Markdown: `code`, **strong**, *em* / _em_, [text](http…), bare http(s) URLs.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('`')
            && let Some(end) = r.find('`')
        {
            out.push_str(&format!("<code>{}</code>", escape(&r[..end])));
            rest = &r[end + 1..];
            continue;
        }
        let emphasis = [("**", "strong"), ("__", "strong"), ("*", "em"), ("_", "em")].into_iter().find_map(
            |(mark, tag)| {
                // `snake_case` is not emphasis.
                let prev = text[..text.len() - rest.len()].chars().last();
                if mark.starts_with('_') && prev.is_some_and(char::is_alphanumeric) {
                    return None;
                }
                let r = rest.strip_prefix(mark).filter(|r| !r.starts_with(' '))?;
                let end = r.find(mark).filter(|&e| e > 0)?;
                Some((format!("<{tag}>{}</{tag}>", inline(&r[..end])), &r[end + mark.len()..]))
            },
        );
        if let Some((html, after)) = emphasis {
            out.push_str(&html);
            rest = after;
            continue;
        }
        if let Some(r) = rest.strip_prefix('[')
            && let Some(close) = r.find("](")
            && let Some(end) = r[close + 2..].find(')')
        {
            let url = &r[close + 2..close + 2 + end];
            if is_http(url) {
                out.push_str(&format!(
                    "<a href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">{}</a>",
                    escape(url),
                    inline(&r[..close])
                ));
                rest = &r[close + 3 + end..];
                continue;
            }
        }
        if is_http(rest) {
            let end = rest.find(|c: char| c.is_whitespace() || c == '<' || c == '>').unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
            out.push_str(&format!(
                "<a href=\"{0}\" target=\"_blank\" rel=\"noopener noreferrer\">{0}</a>",
                escape(url)
            ));
            rest = &rest[url.len()..];
            continue;
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.push_str(&escape(c.encode_utf8(&mut [0; 4])));
        }
        rest = chars.as_str();
    }
    out
}

fn is_http(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://")) && s.len() > 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_in_markdown_is_shown_not_run() {
        let html = to_html("# Hi <script>alert(1)</script>\n\n<img src=x onerror=alert(2)> & \"q\"\n\n`<b>`");
        assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(2)&gt; &amp; &quot;q&quot;"), "{html}");
        assert!(html.contains("<code>&lt;b&gt;</code>"), "{html}");
    }

    #[test]
    fn only_http_links_become_links() {
        let html =
            to_html("[a](javascript:alert(1)) [b](https://example.com/x?a=1&b=\"2\") see http://x.org.");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(html.contains("<a href=\"https://example.com/x?a=1&amp;b=&quot;2&quot;\""), "{html}");
        assert!(html.contains(">http://x.org</a>."), "{html}");
    }

    #[test]
    fn blocks() {
        let html = to_html(
            "## Disks\n\n| Mount | Use |\n|:--|--:|\n| / | **41%** |\n| /home | 7% |\n\n- one\n- *two*\n\n1. first\n2. second\n\n> quoted\n\n---\n\n```\n<x>\n```\nend",
        );
        assert_eq!(
            html,
            "<h2>Disks</h2>\n<table>\n<thead><tr><th>Mount</th><th style=\"text-align:right\">Use</th></tr></thead>\n<tbody>\n\
             <tr><td>/</td><td style=\"text-align:right\"><strong>41%</strong></td></tr>\n\
             <tr><td>/home</td><td style=\"text-align:right\">7%</td></tr>\n</tbody>\n</table>\n\
             <ul>\n<li>one</li>\n<li><em>two</em></li>\n</ul>\n<ol>\n<li>first</li>\n<li>second</li>\n</ol>\n\
             <blockquote>\n<p>quoted</p>\n</blockquote>\n<hr>\n<pre><code>&lt;x&gt;</code></pre>\n<p>end</p>\n"
        );
    }
}
