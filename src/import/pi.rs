//! OpenClaw's transcripts (the pi session format, versions 1–4) turned into ours.
//!
//! A pi transcript is a header line and entries that form a tree through `id`/`parentId`
//! (version 1 is a plain list, read as a chain). The conversation is the path from the last
//! entry (the leaf) back to the root; entries on abandoned branches stay only in the original,
//! which the importer keeps untouched in the archive. A `reset` entry (2026.9 keeps resets inside
//! the transcript) starts a new session: only what follows the last one becomes the live
//! conversation. This module converts; it reads and writes no files.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use crate::session::transcript::{Compaction, Line, Message, Role, ToolCall, Usage};

/// One transcript, converted.
#[derive(Debug, Default)]
pub struct Converted {
    /// Our lines after the header, oldest first.
    pub lines: Vec<Line>,
    /// The pi format version of the header (1 when it names none).
    pub version: u64,
    /// The session id in the header.
    pub session_id: Option<String>,
    /// The header's start time.
    pub started: Option<String>,
    /// The last model (`provider/model`) of the active branch.
    pub model: Option<String>,
    /// The name a `session_info` entry gave the session.
    pub name: Option<String>,
    /// User and assistant messages in `lines`.
    pub message_count: u64,
    /// Lines that are not JSON (skipped).
    pub unreadable: usize,
    /// Entries not on the active branch, or before the last reset (kept in the original only).
    pub off_branch: usize,
    /// Entry types (or message roles) this version has no place for, with how many.
    pub dropped: Vec<(String, usize)>,
}

/// Converts the lines of a pi transcript (a `.jsonl` file's text).
pub fn convert_text(text: &str, original: &str) -> Converted {
    let values = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<Value>(l).unwrap_or(Value::Null))
        .collect();
    convert(values, original)
}

/// Converts pi entries (the header first, when there is one; anything but an object counts as an
/// unreadable line). `original` names where the untouched original is kept, for the references
/// that replace images.
pub fn convert(values: Vec<Value>, original: &str) -> Converted {
    let mut out = Converted { version: 1, ..Converted::default() };
    let mut entries: Vec<Value> = Vec::with_capacity(values.len());
    for v in values {
        if !v.is_object() {
            out.unreadable += 1;
            continue;
        }
        if v.get("type").and_then(Value::as_str) == Some("session") && out.session_id.is_none() {
            out.version = v.get("version").and_then(Value::as_u64).unwrap_or(1);
            out.session_id = v.get("id").and_then(Value::as_str).map(str::to_string);
            out.started = v.get("timestamp").and_then(Value::as_str).map(str::to_string);
            continue;
        }
        entries.push(v);
    }
    let path = active_path(&mut entries);
    out.off_branch = entries.len() - path.len();
    // Only what follows the last reset on the path is the live session.
    let start = path.iter().rposition(|&i| is_reset(&entries[i])).map_or(0, |r| r + 1);
    out.off_branch += start;
    let mut dropped: HashMap<String, usize> = HashMap::new();
    for &i in &path[start..] {
        convert_entry(&entries[i], original, &mut out, &mut dropped);
    }
    out.message_count = out
        .lines
        .iter()
        .filter(|l| matches!(l, Line::Message(m) if matches!(m.role, Role::User | Role::Assistant)))
        .count() as u64;
    let mut dropped: Vec<(String, usize)> = dropped.into_iter().collect();
    dropped.sort();
    out.dropped = dropped;
    out
}

fn is_reset(e: &Value) -> bool {
    let t = e.get("type").and_then(Value::as_str).unwrap_or("");
    t == "reset"
        || t == "session_reset"
        || (t == "custom"
            && e.get("customType").and_then(Value::as_str).is_some_and(|c| c.ends_with("session-reset")))
}

/// Indices of the entries from the root to the leaf. Version 1 entries (no ids) are a chain.
fn active_path(entries: &mut [Value]) -> Vec<usize> {
    if entries.is_empty() {
        return Vec::new();
    }
    let has_ids = entries.iter().any(|e| e.get("id").and_then(Value::as_str).is_some());
    if !has_ids {
        // Version 1: a list. Give each entry an id so compactions can name the first kept one.
        for (i, e) in entries.iter_mut().enumerate() {
            if let Some(o) = e.as_object_mut() {
                o.insert("id".into(), json!(format!("v1-{i:06}")));
            }
        }
        for e in entries.iter_mut() {
            let index = e.get("firstKeptEntryIndex").and_then(Value::as_u64);
            if let (Some(index), Some(o)) = (index, e.as_object_mut()) {
                o.insert("firstKeptEntryId".into(), json!(format!("v1-{index:06}")));
            }
        }
        return (0..entries.len()).collect();
    }
    let by_id: HashMap<&str, usize> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.get("id").and_then(Value::as_str).map(|id| (id, i)))
        .collect();
    // The leaf is the last entry written that is part of the tree.
    let Some(leaf) = entries.iter().rposition(|e| e.get("id").and_then(Value::as_str).is_some()) else {
        return Vec::new();
    };
    let mut path = vec![leaf];
    let mut at = leaf;
    while let Some(parent) = entries[at].get("parentId").and_then(Value::as_str) {
        match by_id.get(parent) {
            // A cycle (a corrupt file) ends the walk instead of looping.
            Some(&p) if !path.contains(&p) => {
                path.push(p);
                at = p;
            }
            _ => break,
        }
    }
    path.reverse();
    path
}

fn ts_of(e: &Value, message: Option<&Value>) -> String {
    if let Some(t) = e.get("timestamp").and_then(Value::as_str)
        && let Ok(ts) = t.parse::<jiff::Timestamp>()
    {
        return crate::time::rfc3339_ms(ts);
    }
    let ms = message.and_then(|m| m.get("timestamp")).and_then(Value::as_i64).unwrap_or(0);
    crate::time::rfc3339_ms(crate::time::from_ms(ms))
}

fn id_of(e: &Value) -> String {
    e.get("id")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(crate::session::transcript::short_id)
}

fn blank(role: Role, id: String, ts: String, content: String) -> Message {
    Message { id, ts, ..Message::new(role, content) }
}

/// Text of a pi content value (a string or a list of parts); images become a marker in the
/// text and a reference in `images`, thinking goes to `thinking`, tool calls to `calls`.
struct Parts {
    text: String,
    images: Vec<Value>,
    thinking: Vec<String>,
    calls: Vec<ToolCall>,
}

fn parts(content: Option<&Value>, original: &str, entry_id: &str) -> Parts {
    let mut p = Parts { text: String::new(), images: Vec::new(), thinking: Vec::new(), calls: Vec::new() };
    let push = |p: &mut Parts, s: &str| {
        if !p.text.is_empty() {
            p.text.push('\n');
        }
        p.text.push_str(s);
    };
    match content {
        Some(Value::String(s)) => p.text = s.clone(),
        Some(Value::Array(items)) => {
            for item in items {
                match item.get("type").and_then(Value::as_str) {
                    Some("text") => push(&mut p, item.get("text").and_then(Value::as_str).unwrap_or("")),
                    Some("image") => {
                        let mime = item.get("mimeType").and_then(Value::as_str).unwrap_or("image");
                        let bytes = item.get("data").and_then(Value::as_str).map_or(0, |d| d.len() * 3 / 4);
                        push(&mut p, &format!("[image {mime}, kept in the archived original]"));
                        p.images.push(json!({
                            "mimeType": mime,
                            "bytes": bytes,
                            "original": original,
                            "entryId": entry_id,
                        }));
                    }
                    Some("thinking") => {
                        if let Some(t) = item.get("thinking").and_then(Value::as_str) {
                            p.thinking.push(t.to_string());
                        }
                    }
                    Some("toolCall") => p.calls.push(ToolCall {
                        id: item.get("id").and_then(Value::as_str).unwrap_or_default().to_string(),
                        name: item.get("name").and_then(Value::as_str).unwrap_or_default().to_string(),
                        arguments: item.get("arguments").cloned().unwrap_or(Value::Object(Map::new())),
                    }),
                    _ => push(&mut p, &item.to_string()),
                }
            }
        }
        Some(other) if !other.is_null() => p.text = other.to_string(),
        _ => {}
    }
    p
}

fn with_parts(mut m: Message, p: Parts) -> Message {
    if !p.images.is_empty() {
        m.extra.insert("images".into(), Value::Array(p.images));
    }
    if !p.thinking.is_empty() {
        m.extra.insert("thinking".into(), Value::String(p.thinking.join("\n\n")));
    }
    m
}

fn convert_entry(e: &Value, original: &str, out: &mut Converted, dropped: &mut HashMap<String, usize>) {
    let kind = e.get("type").and_then(Value::as_str).unwrap_or("(no type)");
    let id = id_of(e);
    match kind {
        "message" => {
            let Some(msg) = e.get("message") else {
                *dropped.entry("message without a body".into()).or_default() += 1;
                return;
            };
            let ts = ts_of(e, Some(msg));
            convert_message(msg, id, ts, original, out, dropped);
        }
        "compaction" => out.lines.push(Line::Compaction(Compaction {
            id,
            ts: ts_of(e, None),
            summary: e.get("summary").and_then(Value::as_str).unwrap_or_default().to_string(),
            first_kept_id: e.get("firstKeptEntryId").and_then(Value::as_str).map(str::to_string),
            tokens_before: e.get("tokensBefore").and_then(Value::as_u64).unwrap_or(0),
        })),
        "branch_summary" => {
            let summary = e.get("summary").and_then(Value::as_str).unwrap_or_default();
            out.lines.push(Line::Message(blank(
                Role::User,
                id,
                ts_of(e, None),
                format!("The following is a summary of a branch that this conversation came back from:\n\n{summary}"),
            )));
        }
        "custom_message" => {
            let p = parts(e.get("content"), original, &id);
            let mut m = blank(Role::User, id.clone(), ts_of(e, None), String::new());
            m.content = p.text.clone();
            m = with_parts(m, p);
            if let Some(t) = e.get("customType") {
                m.extra.insert("customType".into(), t.clone());
            }
            out.lines.push(Line::Message(m));
        }
        "model_change" => {
            let provider = e.get("provider").and_then(Value::as_str).unwrap_or("");
            let model = e.get("modelId").and_then(Value::as_str).unwrap_or("");
            let reference =
                if provider.is_empty() { model.to_string() } else { format!("{provider}/{model}") };
            let mut m = blank(Role::System, id, ts_of(e, None), format!("model changed to {reference}"));
            m.model = Some(reference.clone());
            m.extra.insert("event".into(), json!("model_change"));
            out.model = Some(reference);
            out.lines.push(Line::Message(m));
        }
        "thinking_level_change" => {
            let level = e.get("thinkingLevel").and_then(Value::as_str).unwrap_or("");
            let mut m = blank(Role::System, id, ts_of(e, None), format!("thinking level set to {level}"));
            m.extra.insert("event".into(), json!("thinking_level_change"));
            out.lines.push(Line::Message(m));
        }
        "session_info" => {
            if let Some(name) = e.get("name").and_then(Value::as_str) {
                out.name = Some(name.to_string());
            }
        }
        // Extension state and bookmarks: not conversation; kept in the original.
        "custom" | "label" => {}
        other => *dropped.entry(format!("entry type {other:?}")).or_default() += 1,
    }
}

fn convert_message(
    msg: &Value,
    id: String,
    ts: String,
    original: &str,
    out: &mut Converted,
    dropped: &mut HashMap<String, usize>,
) {
    let role = msg.get("role").and_then(Value::as_str).unwrap_or("");
    match role {
        "user" | "custom" | "hookMessage" => {
            let p = parts(msg.get("content"), original, &id);
            let mut m = blank(Role::User, id, ts, p.text.clone());
            m = with_parts(m, p);
            if role != "user"
                && let Some(t) = msg.get("customType")
            {
                m.extra.insert("customType".into(), t.clone());
            }
            out.lines.push(Line::Message(m));
        }
        "assistant" => {
            let p = parts(msg.get("content"), original, &id);
            let mut m = blank(Role::Assistant, id, ts, p.text.clone());
            m.tool_calls = p.calls.clone();
            let provider = msg.get("provider").and_then(Value::as_str).unwrap_or("");
            if let Some(model) = msg.get("model").and_then(Value::as_str) {
                let reference =
                    if provider.is_empty() { model.to_string() } else { format!("{provider}/{model}") };
                out.model = Some(reference.clone());
                m.model = Some(reference);
            }
            if let Some(u) = msg.get("usage") {
                m.usage = Some(Usage {
                    input: u.get("input").and_then(Value::as_u64).unwrap_or(0),
                    output: u.get("output").and_then(Value::as_u64).unwrap_or(0),
                });
            }
            for key in ["stopReason", "errorMessage"] {
                if let Some(v) = msg.get(key).filter(|v| !v.is_null()) {
                    m.extra.insert(key.into(), v.clone());
                }
            }
            out.lines.push(Line::Message(with_parts(m, p)));
        }
        "toolResult" => {
            let p = parts(msg.get("content"), original, &id);
            let mut m = blank(Role::Tool, id, ts, p.text.clone());
            m.tool_call_id = msg.get("toolCallId").and_then(Value::as_str).map(str::to_string);
            m.name = msg.get("toolName").and_then(Value::as_str).map(str::to_string);
            m.is_error = Some(msg.get("isError").and_then(Value::as_bool).unwrap_or(false));
            out.lines.push(Line::Message(with_parts(m, p)));
        }
        "bashExecution" => {
            if msg.get("excludeFromContext").and_then(Value::as_bool) == Some(true) {
                return;
            }
            let command = msg.get("command").and_then(Value::as_str).unwrap_or("");
            let output = msg.get("output").and_then(Value::as_str).unwrap_or("");
            out.lines.push(Line::Message(blank(
                Role::User,
                id,
                ts,
                format!("Ran `{command}`\n```\n{output}\n```"),
            )));
        }
        "branchSummary" => {
            let summary = msg.get("summary").and_then(Value::as_str).unwrap_or_default();
            out.lines.push(Line::Message(blank(
                Role::User,
                id,
                ts,
                format!("The following is a summary of a branch that this conversation came back from:\n\n{summary}"),
            )));
        }
        "compactionSummary" => out.lines.push(Line::Compaction(Compaction {
            id,
            ts,
            summary: msg.get("summary").and_then(Value::as_str).unwrap_or_default().to_string(),
            first_kept_id: None,
            tokens_before: msg.get("tokensBefore").and_then(Value::as_u64).unwrap_or(0),
        })),
        other => *dropped.entry(format!("message role {other:?}")).or_default() += 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_active_branch_is_converted_in_order() {
        let text = r#"{"type":"session","version":3,"id":"s1","timestamp":"2026-01-01T00:00:00.000Z"}
{"type":"message","id":"a","parentId":null,"timestamp":"2026-01-01T00:00:01.000Z","message":{"role":"user","content":"hi"}}
{"type":"message","id":"b","parentId":"a","timestamp":"2026-01-01T00:00:02.000Z","message":{"role":"assistant","content":[{"type":"text","text":"abandoned"}]}}
{"type":"message","id":"c","parentId":"a","timestamp":"2026-01-01T00:00:03.000Z","message":{"role":"assistant","content":[{"type":"thinking","thinking":"hm"},{"type":"toolCall","id":"t1","name":"read","arguments":{"path":"x"}}],"provider":"p","model":"m","usage":{"input":5,"output":2}}}
{"type":"message","id":"d","parentId":"c","timestamp":"2026-01-01T00:00:04.000Z","message":{"role":"toolResult","toolCallId":"t1","toolName":"read","content":[{"type":"text","text":"data"},{"type":"image","mimeType":"image/png","data":"AAAA"}],"isError":false}}
not json
{"type":"compaction","id":"e","parentId":"d","timestamp":"2026-01-01T00:00:05.000Z","summary":"sum","firstKeptEntryId":"c","tokensBefore":99}
"#;
        let c = convert_text(text, "orig.jsonl");
        assert_eq!(c.version, 3);
        assert_eq!(c.session_id.as_deref(), Some("s1"));
        assert_eq!(c.unreadable, 1);
        assert_eq!(c.off_branch, 1);
        assert_eq!(c.lines.len(), 4);
        let Line::Message(a) = &c.lines[1] else { panic!() };
        assert_eq!(a.tool_calls[0].name, "read");
        assert_eq!(a.model.as_deref(), Some("p/m"));
        assert_eq!(a.extra["thinking"], "hm");
        let Line::Message(t) = &c.lines[2] else { panic!() };
        assert!(t.content.starts_with("data\n[image image/png"));
        assert_eq!(t.extra["images"][0]["entryId"], "d");
        let Line::Compaction(k) = &c.lines[3] else { panic!() };
        assert_eq!(k.first_kept_id.as_deref(), Some("c"));
        assert_eq!(c.message_count, 2);
    }

    #[test]
    fn version_one_is_a_chain_and_a_reset_starts_over() {
        let text = r#"{"type":"session","id":"s","timestamp":"2025-01-01T00:00:00Z"}
{"type":"message","timestamp":"2025-01-01T00:00:01Z","message":{"role":"user","content":"one"}}
{"type":"message","timestamp":"2025-01-01T00:00:02Z","message":{"role":"hookMessage","content":"two"}}
"#;
        let c = convert_text(text, "o");
        assert_eq!(c.version, 1);
        assert_eq!(c.lines.len(), 2);
        let reset = r#"{"type":"session","version":4,"id":"s"}
{"type":"message","id":"a","parentId":null,"message":{"role":"user","content":"old"}}
{"type":"reset","id":"r","parentId":"a"}
{"type":"message","id":"b","parentId":"r","message":{"role":"user","content":"new"}}
"#;
        let c = convert_text(reset, "o");
        assert_eq!(c.lines.len(), 1);
        assert_eq!(c.off_branch, 2);
    }
}
