//! Tool-call recovery: small local models often write a tool call as JSON text in the reply
//! instead of the API's tool-call field. When the *whole* reply is such a call (or a list of
//! them) to tools the request offered, [`tool_calls`] reads it back as calls.
//!
//! Accepted shapes, each alone in the reply apart from whitespace:
//! - `{"name": "read", "arguments": {…}}`, also with `"parameters"` for `"arguments"`, arguments
//!   given as a JSON string holding an object, or no arguments at all;
//! - the OpenAI wire shape `{"type": "function", "function": {"name": …, "arguments": …}}`;
//! - a list of such objects;
//! - any of these inside one ```` ``` ```` / ```` ```json ```` fence;
//! - Hermes/Qwen-style `<tool_call>{…}</tool_call>` blocks, one or more in a row.
//!
//! Nothing is recovered when there is other text around the call, when an object has keys a
//! call does not have, or when any call names a tool that was not offered: a model quoting JSON
//! to the user must stay text.

use serde_json::{Map, Value};

use super::{ToolCall, ToolSpec};

/// The keys a written tool call may have; any other key means the object is data, not a call.
const CALL_KEYS: &[&str] = &["name", "arguments", "parameters", "id", "type", "function"];

/// The tool calls `text` consists of, if it is nothing but calls to tools in `tools`.
pub fn tool_calls(text: &str, tools: &[ToolSpec]) -> Option<Vec<ToolCall>> {
    if tools.is_empty() {
        return None;
    }
    let body = text.trim();
    let objects = if body.starts_with("<tool_call>") {
        tagged(body)?
    } else {
        let inner = unfenced(body).unwrap_or(body);
        match serde_json::from_str::<Value>(inner).ok()? {
            Value::Array(items) if !items.is_empty() => items,
            obj @ Value::Object(_) => vec![obj],
            _ => return None,
        }
    };
    let stamp = &uuid::Uuid::new_v4().simple().to_string()[..8];
    let calls = objects
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let (name, arguments) = call(v)?;
            tools.iter().any(|t| t.name == name).then(|| ToolCall {
                id: format!("call_{stamp}_{i}"),
                name,
                arguments,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    (!calls.is_empty()).then_some(calls)
}

/// The text inside one fence that makes up all of `body`: ```` ```json\n…\n``` ````.
fn unfenced(body: &str) -> Option<&str> {
    let rest = body.strip_prefix("```")?.strip_suffix("```")?;
    let (info, inner) = rest.split_once('\n')?;
    let info = info.trim();
    if !(info.is_empty() || info.eq_ignore_ascii_case("json") || info.eq_ignore_ascii_case("tool_call")) {
        return None;
    }
    // A second fence inside means the reply was two blocks, with text between them.
    (!inner.contains("```")).then_some(inner.trim())
}

/// The JSON objects of `<tool_call>…</tool_call>` blocks that make up all of `body`.
fn tagged(mut body: &str) -> Option<Vec<Value>> {
    let mut out = Vec::new();
    while !body.is_empty() {
        let rest = body.strip_prefix("<tool_call>")?;
        let (inner, after) = rest.split_once("</tool_call>")?;
        out.push(serde_json::from_str::<Value>(inner.trim()).ok().filter(Value::is_object)?);
        body = after.trim_start();
    }
    (!out.is_empty()).then_some(out)
}

/// The name and arguments object of one written call.
fn call(v: Value) -> Option<(String, Value)> {
    let Value::Object(mut obj) = v else { return None };
    if obj.keys().any(|k| !CALL_KEYS.contains(&k.as_str())) {
        return None;
    }
    if obj.get("type").is_some_and(|t| t.as_str() != Some("function")) {
        return None;
    }
    if let Some(inner) = obj.remove("function") {
        // The wire shape: everything is inside `function`, and nothing else is beside it but
        // `id` and `type`.
        if obj.contains_key("name") || obj.contains_key("arguments") || obj.contains_key("parameters") {
            return None;
        }
        let Value::Object(inner) = inner else { return None };
        obj = inner;
        if obj.keys().any(|k| !matches!(k.as_str(), "name" | "arguments" | "parameters")) {
            return None;
        }
    }
    let name = match obj.remove("name")? {
        Value::String(n) if !n.trim().is_empty() => n.trim().to_owned(),
        _ => return None,
    };
    let args = match (obj.remove("arguments"), obj.remove("parameters")) {
        (Some(_), Some(_)) => return None,
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => Value::Object(Map::new()),
    };
    let args = match args {
        Value::Object(_) => args,
        Value::Null => Value::Object(Map::new()),
        Value::String(s) => serde_json::from_str::<Value>(&s).ok().filter(Value::is_object)?,
        _ => return None,
    };
    Some((name, args))
}

/// Whether streamed text that starts with `start` may still turn out to be a written tool
/// call, so the caller holds it back instead of showing it.
pub fn may_be_call(start: &str) -> bool {
    let s = start.trim_start();
    if s.is_empty() {
        return true;
    }
    let starts = |marker: &str| s.starts_with(marker) || marker.starts_with(s);
    s.starts_with('{') || s.starts_with('[') || starts("```") || starts("<tool_call>")
}

/// Holds back streamed text while it may be a written tool call (see [`may_be_call`]) and
/// passes it on once it cannot be.
#[derive(Debug, Default)]
pub(super) struct HoldBack {
    held: String,
    passing: bool,
}

impl HoldBack {
    /// A hold-back that passes everything on at once when `active` is false.
    pub(super) fn new(active: bool) -> Self {
        HoldBack { held: String::new(), passing: !active }
    }

    /// Take a delta: pass it on, or keep it while the reply may still be a call.
    pub(super) fn push(&mut self, delta: &str, on_text: &mut (dyn FnMut(&str) + Send)) {
        if self.passing {
            on_text(delta);
            return;
        }
        self.held.push_str(delta);
        if !may_be_call(&self.held) {
            self.passing = true;
            on_text(&std::mem::take(&mut self.held));
        }
    }

    /// The reply is complete and was not a call: pass on what is still held.
    pub(super) fn release(&mut self, on_text: &mut (dyn FnMut(&str) + Send)) {
        if !self.held.is_empty() {
            on_text(&std::mem::take(&mut self.held));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn tools() -> Vec<ToolSpec> {
        ["read", "exec", "memory_search"]
            .iter()
            .map(|n| ToolSpec { name: (*n).into(), description: String::new(), parameters: json!({}) })
            .collect()
    }

    /// `(name, arguments)` of each recovered call.
    fn got(text: &str) -> Option<Vec<(String, Value)>> {
        tool_calls(text, &tools()).map(|cs| cs.into_iter().map(|c| (c.name, c.arguments)).collect())
    }

    fn one(name: &str, args: Value) -> Option<Vec<(String, Value)>> {
        Some(vec![(name.to_owned(), args)])
    }

    #[test]
    fn the_shapes_small_models_write_are_recovered() {
        let read = json!({"path": "notes.txt"});
        assert_eq!(got(r#"{"name": "read", "arguments": {"path": "notes.txt"}}"#), one("read", read.clone()));
        assert_eq!(
            got(r#"  {"name":"read","parameters":{"path":"notes.txt"}}  "#),
            one("read", read.clone())
        );
        assert_eq!(
            got(r#"{"name":"read","arguments":"{\"path\":\"notes.txt\"}"}"#),
            one("read", read.clone())
        );
        assert_eq!(
            got("```json\n{\"name\": \"read\", \"arguments\": {\"path\": \"notes.txt\"}}\n```"),
            one("read", read.clone())
        );
        assert_eq!(
            got("```\n{\"name\": \"read\", \"arguments\": {\"path\": \"notes.txt\"}}\n```\n"),
            one("read", read.clone())
        );
        assert_eq!(
            got("<tool_call>\n{\"name\": \"read\", \"arguments\": {\"path\": \"notes.txt\"}}\n</tool_call>"),
            one("read", read.clone())
        );
        assert_eq!(
            got(r#"{"type":"function","function":{"name":"read","arguments":"{\"path\":\"notes.txt\"}"}}"#),
            one("read", read.clone())
        );
        assert_eq!(got(r#"{"name": "memory_search"}"#), one("memory_search", json!({})));
        let two =
            Some(vec![("read".to_owned(), read.clone()), ("exec".to_owned(), json!({"command": "ls"}))]);
        assert_eq!(
            got(
                r#"[{"name":"read","arguments":{"path":"notes.txt"}},{"name":"exec","arguments":{"command":"ls"}}]"#
            ),
            two
        );
        assert_eq!(
            got(
                "<tool_call>{\"name\":\"read\",\"arguments\":{\"path\":\"notes.txt\"}}</tool_call>\n<tool_call>{\"name\":\"exec\",\"arguments\":{\"command\":\"ls\"}}</tool_call>"
            ),
            two
        );
    }

    #[test]
    fn each_recovered_call_gets_its_own_id() {
        let calls = tool_calls(r#"[{"name":"read"},{"name":"read"}]"#, &tools()).unwrap();
        assert_ne!(calls[0].id, calls[1].id);
        let again = tool_calls(r#"{"name":"read"}"#, &tools()).unwrap();
        assert_ne!(calls[0].id, again[0].id);
    }

    #[test]
    fn text_around_a_call_or_a_tool_not_offered_keeps_the_reply_text() {
        for text in [
            r#"Sure! {"name": "read", "arguments": {"path": "a"}}"#,
            r#"{"name": "read", "arguments": {"path": "a"}} Let me know."#,
            "Here it is:\n```json\n{\"name\": \"read\", \"arguments\": {}}\n```",
            "```json\n{\"name\": \"read\"}\n```\nand\n```json\n{\"name\": \"exec\"}\n```",
            "<tool_call>{\"name\":\"read\"}</tool_call> done",
            "<tool_call>{\"name\":\"read\"}",
            r#"{"name": "write", "arguments": {"path": "a"}}"#,
            r#"[{"name": "read"}, {"name": "browser"}]"#,
            r#"{"name": "read", "arguments": {"path": "a"}, "note": "data, not a call"}"#,
            r#"{"name": "read", "arguments": {}, "parameters": {}}"#,
            r#"{"name": "read", "arguments": [1, 2]}"#,
            r#"{"name": "read", "arguments": "not json"}"#,
            r#"{"type": "tool", "name": "read"}"#,
            r#"{"name": 3}"#,
            r#"{"arguments": {"path": "a"}}"#,
            "[]",
            "{}",
            "\"read\"",
            "```python\n{\"name\": \"read\"}\n```",
            "",
        ] {
            assert_eq!(got(text), None, "{text}");
        }
        assert_eq!(tool_calls(r#"{"name": "read"}"#, &[]), None, "no tools offered");
    }

    #[test]
    fn streamed_text_is_held_only_while_it_may_still_be_a_call() {
        for s in ["", "  ", "{", " {\"na", "[", "`", "``", "```json", "<", "<tool", "<tool_call>{"] {
            assert!(may_be_call(s), "{s:?}");
        }
        for s in ["Hi", " Sure", "<b>", "`x`", "Here: {"] {
            assert!(!may_be_call(s), "{s:?}");
        }
        let mut shown = Vec::new();
        let mut hold = HoldBack::new(true);
        for d in ["", " ", "Hel", "lo"] {
            hold.push(d, &mut |t| shown.push(t.to_owned()));
        }
        hold.release(&mut |t| shown.push(t.to_owned()));
        assert_eq!(shown, [" Hel", "lo"]);
        let mut shown = Vec::new();
        let mut hold = HoldBack::new(true);
        for d in ["{\"name\"", ": 1}"] {
            hold.push(d, &mut |t| shown.push(t.to_owned()));
        }
        assert!(shown.is_empty());
        hold.release(&mut |t| shown.push(t.to_owned()));
        assert_eq!(shown, ["{\"name\": 1}"]);
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in "\\PC*") {
            let _ = tool_calls(&text, &tools());
            let _ = may_be_call(&text);
        }

        #[test]
        fn json_like_text_never_panics(text in "[\\[\\]{}\":,a-z0-9 <>/`\\n_]{0,80}") {
            let _ = tool_calls(&text, &tools());
            let _ = tool_calls(&format!("<tool_call>{text}</tool_call>"), &tools());
            let _ = tool_calls(&format!("```json\n{text}\n```"), &tools());
        }

        #[test]
        fn a_written_call_is_recovered_and_words_before_it_stop_that(
            path in "[a-z./]{0,12}",
            word in "[A-Za-z]{1,8}",
        ) {
            let text = json!({"name": "read", "arguments": {"path": path}}).to_string();
            prop_assert_eq!(got(&text), one("read", json!({"path": path})));
            prop_assert_eq!(got(&format!("{word} {text}")), None);
            prop_assert_eq!(got(&format!("{text} {word}")), None);
        }
    }
}
