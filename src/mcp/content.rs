//! An MCP `CallToolResult` as text for the model: text parts as they are; images, audio,
//! embedded resources and resource links described in one bracketed line each (binary data is
//! never pasted in, and never dropped without a word); `structuredContent` as JSON when there is
//! nothing else; `isError` kept. The text is capped like `exec` output.

use serde_json::Value;

/// Characters of text kept from one result.
pub const MAX_CHARS: usize = 64 * 1024;

/// The model's text for `result`, and whether the tool reported an error.
pub fn render(result: &Value) -> (String, bool) {
    let is_error = result.get("isError").and_then(Value::as_bool).unwrap_or(false);
    let mut parts: Vec<String> = Vec::new();
    for item in result.get("content").and_then(Value::as_array).into_iter().flatten() {
        parts.push(part(item));
    }
    if parts.is_empty()
        && let Some(structured) = result.get("structuredContent").filter(|v| !v.is_null())
    {
        parts.push(structured.to_string());
    }
    let mut text = parts.join("\n");
    if text.is_empty() {
        text = if is_error { "the tool failed without saying why".into() } else { "(no output)".into() };
    }
    if text.chars().count() > MAX_CHARS {
        let total = text.chars().count();
        text = text.chars().take(MAX_CHARS).collect();
        text.push_str(&format!("\n[output truncated: {MAX_CHARS} of {total} characters shown]"));
    }
    (text, is_error)
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Bytes a base64 string decodes to (about).
fn decoded_len(b64: &str) -> usize {
    let len = b64.trim_end_matches('=').len();
    len * 3 / 4
}

fn part(item: &Value) -> String {
    match str_of(item, "type") {
        "text" => str_of(item, "text").to_string(),
        kind @ ("image" | "audio") => format!(
            "[{kind}: {}, {} bytes; not shown to you as text]",
            or_unknown(str_of(item, "mimeType")),
            decoded_len(str_of(item, "data"))
        ),
        "resource" => {
            let r = item.get("resource").unwrap_or(&Value::Null);
            let (uri, mime) = (str_of(r, "uri"), str_of(r, "mimeType"));
            match r.get("text").and_then(Value::as_str) {
                Some(text) => format!("[resource {uri}{}]\n{text}", mime_suffix(mime)),
                None => format!(
                    "[resource {uri}: {}, {} bytes of binary data; not shown]",
                    or_unknown(mime),
                    decoded_len(str_of(r, "blob"))
                ),
            }
        }
        "resource_link" => {
            let mut s = format!("[resource link: {}", str_of(item, "uri"));
            for key in ["name", "description", "mimeType"] {
                let v = str_of(item, key);
                if !v.is_empty() {
                    s.push_str(&format!("; {key}: {v}"));
                }
            }
            s.push(']');
            s
        }
        other => format!("[content of type \"{other}\": {}]", item),
    }
}

fn or_unknown(mime: &str) -> &str {
    if mime.is_empty() { "unknown type" } else { mime }
}

fn mime_suffix(mime: &str) -> String {
    if mime.is_empty() { String::new() } else { format!(" ({mime})") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_kind_of_content_is_rendered() {
        let result = json!({"content": [
            {"type": "text", "text": "hello"},
            {"type": "image", "data": "aGVsbG8=", "mimeType": "image/png"},
            {"type": "resource", "resource": {"uri": "file:///a.txt", "mimeType": "text/plain", "text": "inside"}},
            {"type": "resource", "resource": {"uri": "file:///b.bin", "blob": "AAAA"}},
            {"type": "resource_link", "uri": "file:///c", "name": "c"},
        ]});
        let (text, err) = render(&result);
        assert!(!err);
        assert_eq!(
            text,
            "hello\n[image: image/png, 5 bytes; not shown to you as text]\n[resource file:///a.txt (text/plain)]\ninside\n[resource file:///b.bin: unknown type, 3 bytes of binary data; not shown]\n[resource link: file:///c; name: c]"
        );
    }

    #[test]
    fn errors_and_structured_content() {
        let (text, err) = render(&json!({"content": [{"type": "text", "text": "nope"}], "isError": true}));
        assert_eq!((text.as_str(), err), ("nope", true));
        let (text, _) = render(&json!({"content": [], "structuredContent": {"a": 1}}));
        assert_eq!(text, "{\"a\":1}");
        let (text, err) = render(&json!({"isError": true}));
        assert!(err && text.contains("without saying why"));
    }

    #[test]
    fn long_output_is_capped() {
        let (text, _) = render(&json!({"content": [{"type": "text", "text": "x".repeat(MAX_CHARS + 10)}]}));
        assert!(
            text.ends_with(&format!(
                "[output truncated: {MAX_CHARS} of {} characters shown]",
                MAX_CHARS + 10
            ))
        );
    }
}
