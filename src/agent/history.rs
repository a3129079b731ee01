//! A session's transcript turned into the conversation a model sees: from the last compaction on
//! (its summary goes into the system prompt), with every tool call paired with a result so that
//! an interrupted turn never makes the next request invalid.

use std::collections::HashSet;

use crate::provider::{self, Message};
use crate::session::transcript::{Entry, Line, Role, Transcript};

/// What the model gets from the transcript.
#[derive(Debug, Default, Clone)]
pub struct History {
    /// The summary of the compacted part, if the session was compacted.
    pub summary: Option<String>,
    /// Messages after the summary, oldest first.
    pub messages: Vec<Message>,
    /// Transcript ids of `messages`, same order (for choosing a compaction cut).
    pub ids: Vec<String>,
}

/// Answer the model gets for a tool call whose result never made it into the transcript.
pub const INTERRUPTED: &str = "[no result: the turn was interrupted before this tool finished]";

impl History {
    /// Reads the conversation out of a transcript.
    pub fn from_transcript(t: &Transcript) -> Self {
        Self::from_lines(
            t.lines
                .iter()
                .filter_map(|l| match &l.entry {
                    Entry::Known(line) => Some(line.as_ref()),
                    Entry::Other(_) => None,
                })
                .collect(),
        )
    }

    /// The conversation in a transcript's known lines, oldest first.
    pub fn from_lines(lines: Vec<&Line>) -> Self {
        let last_compaction = lines.iter().rposition(|l| matches!(l, Line::Compaction(_)));
        let (summary, start) = match last_compaction {
            Some(c) => {
                let Line::Compaction(comp) = lines[c] else { unreachable!("position matched a compaction") };
                // Messages from firstKeptId up to the compaction line stay verbatim.
                let kept_from = comp.first_kept_id.as_ref().and_then(|id| {
                    lines[..c].iter().position(|l| matches!(l, Line::Message(m) if &m.id == id))
                });
                (Some(comp.summary.clone()), kept_from.unwrap_or(c + 1))
            }
            None => (None, 0),
        };
        let mut out = History { summary, ..History::default() };
        for line in &lines[start..] {
            let Line::Message(m) = line else { continue };
            let msg = match m.role {
                Role::User => Message::User { content: m.content.clone() },
                Role::Assistant => Message::Assistant {
                    content: m.content.clone(),
                    tool_calls: m
                        .tool_calls
                        .iter()
                        .map(|c| provider::ToolCall {
                            id: c.id.clone(),
                            name: c.name.clone(),
                            arguments: c.arguments.clone(),
                        })
                        .collect(),
                },
                Role::Tool => Message::Tool {
                    tool_call_id: m.tool_call_id.clone().unwrap_or_default(),
                    name: m.name.clone().unwrap_or_default(),
                    content: m.content.clone(),
                    is_error: m.is_error.unwrap_or(false),
                },
                Role::System => continue,
            };
            out.messages.push(msg);
            out.ids.push(m.id.clone());
        }
        out.pair_tool_calls();
        out
    }

    /// Makes every assistant tool call answered exactly once, in order: missing results get an
    /// [`INTERRUPTED`] error result, results without a call are dropped.
    fn pair_tool_calls(&mut self) {
        let mut messages = Vec::with_capacity(self.messages.len());
        let mut ids = Vec::with_capacity(self.ids.len());
        let mut pending: Vec<(String, String)> = Vec::new();
        let flush =
            |pending: &mut Vec<(String, String)>, messages: &mut Vec<Message>, ids: &mut Vec<String>| {
                for (id, name) in pending.drain(..) {
                    messages.push(Message::Tool {
                        tool_call_id: id,
                        name,
                        content: INTERRUPTED.to_string(),
                        is_error: true,
                    });
                    ids.push(String::new());
                }
            };
        for (msg, id) in self.messages.drain(..).zip(self.ids.drain(..)) {
            match &msg {
                Message::Tool { tool_call_id, .. } => {
                    let Some(i) = pending.iter().position(|(p, _)| p == tool_call_id) else { continue };
                    pending.remove(i);
                }
                Message::Assistant { tool_calls, .. } => {
                    flush(&mut pending, &mut messages, &mut ids);
                    let mut seen = HashSet::new();
                    pending = tool_calls
                        .iter()
                        .filter(|c| seen.insert(c.id.clone()))
                        .map(|c| (c.id.clone(), c.name.clone()))
                        .collect();
                }
                _ => flush(&mut pending, &mut messages, &mut ids),
            }
            messages.push(msg);
            ids.push(id);
        }
        flush(&mut pending, &mut messages, &mut ids);
        self.messages = messages;
        self.ids = ids;
    }

    /// A rough token count (bytes / 4) of the messages and the summary.
    pub fn estimate_tokens(&self) -> u64 {
        let mut bytes = self.summary.as_ref().map_or(0, String::len);
        for m in &self.messages {
            bytes += match m {
                Message::System { content } | Message::User { content } => content.len(),
                Message::Assistant { content, tool_calls } => {
                    content.len()
                        + tool_calls
                            .iter()
                            .map(|c| c.name.len() + c.arguments.to_string().len())
                            .sum::<usize>()
                }
                Message::Tool { content, .. } => content.len() + 16,
            };
        }
        estimate_tokens(bytes)
    }
}

/// Tokens for `bytes` of text: about four bytes a token for English and code.
pub fn estimate_tokens(bytes: usize) -> u64 {
    (bytes as u64).div_ceil(4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::transcript::{Compaction, Message as TMessage, ReadLine, ToolCall};

    fn transcript(lines: Vec<Line>) -> Transcript {
        Transcript {
            lines: lines
                .into_iter()
                .enumerate()
                .map(|(i, l)| ReadLine {
                    line: i + 1,
                    raw: serde_json::to_value(&l).unwrap(),
                    entry: Entry::Known(Box::new(l)),
                })
                .collect(),
            ..Transcript::default()
        }
    }

    fn call(id: &str) -> ToolCall {
        ToolCall { id: id.into(), name: "exec".into(), arguments: serde_json::json!({"command": "ls"}) }
    }

    #[test]
    fn interrupted_tool_calls_get_error_results_and_orphans_are_dropped() {
        let t = transcript(vec![
            Line::Message(TMessage::user("hi", None)),
            Line::Message(TMessage::assistant("", vec![call("a"), call("b")], None, None)),
            Line::Message(TMessage::tool_result("a", "exec", "ok", false)),
            Line::Message(TMessage::tool_result("zzz", "exec", "orphan", false)),
            Line::Message(TMessage::user("again", None)),
        ]);
        let h = History::from_transcript(&t);
        let roles: Vec<String> = h
            .messages
            .iter()
            .map(|m| match m {
                Message::Tool { tool_call_id, is_error, .. } => format!("tool:{tool_call_id}:{is_error}"),
                Message::User { content } => format!("user:{content}"),
                Message::Assistant { .. } => "assistant".into(),
                Message::System { .. } => "system".into(),
            })
            .collect();
        assert_eq!(roles, ["user:hi", "assistant", "tool:a:false", "tool:b:true", "user:again"]);
    }

    #[test]
    fn history_starts_at_the_last_compaction() {
        let first = TMessage::user("one", None);
        let kept = TMessage::user("three", None);
        let t = transcript(vec![
            Line::Message(first),
            Line::Message(TMessage::assistant("two", vec![], None, None)),
            Line::Message(kept.clone()),
            Line::Compaction(Compaction::new("they said one and two", Some(kept.id.clone()), 100)),
            Line::Message(TMessage::assistant("four", vec![], None, None)),
        ]);
        let h = History::from_transcript(&t);
        assert_eq!(h.summary.as_deref(), Some("they said one and two"));
        assert_eq!(h.messages, vec![Message::user("three"), Message::assistant("four")]);
    }
}
