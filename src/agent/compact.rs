//! Compaction (DESIGN §11): when the context nears the model's window, the model first gets a
//! silent chance to save durable notes to today's memory log, then the older part of the
//! conversation is summarised into a `compaction` transcript line and the turn goes on from the
//! summary plus the most recent messages. Nothing is deleted: the transcript keeps every line.

use super::history::{self, History};
use super::turn::{Turn, TurnError};
use crate::config::CompactionConfig;
use crate::provider::{ChatRequest, Message};
use crate::session::transcript::{Compaction, Line, Message as TMessage, Role};

/// Bytes of one message kept in the text that is summarised.
const MAX_MESSAGE_BYTES: usize = 2_000;
/// Model calls the memory flush may take.
const FLUSH_STEPS: u32 = 3;

const FLUSH_PROMPT: &str = "The older part of this conversation is about to be summarised and dropped \
from your context. Save what is worth keeping long-term (facts about the user, decisions, \
commitments, open tasks) with memory_append, one short note per call. If nothing is worth saving, \
reply NO_REPLY. Do not answer the user.";

const SUMMARY_PROMPT: &str = "You compress conversations for an assistant's future self. Write a \
concise summary of the conversation below: who the user is, what was asked and decided, facts \
learned, files and commands touched, and anything still open. Use short bullet points. Output only \
the summary.";

/// Whether the estimated context (system prompt plus history) passes the threshold of a model
/// whose window is `window` tokens ([`crate::config::Config::context_window`]).
pub fn needed(cfg: &CompactionConfig, window: u64, system: &str, h: &History) -> bool {
    let tokens = history::estimate_tokens(system.len()) + h.estimate_tokens();
    tokens as f64 > window as f64 * cfg.threshold
}

/// Compacts `h` in place (and in the transcript). Returns false when there is too little history
/// to compact: fewer messages than `keepMessages` plus one exchange.
pub(crate) async fn compact(turn: &mut Turn<'_>, model: &str, h: &mut History) -> Result<bool, TurnError> {
    let cfg = turn.rt.config.session.compaction.clone();
    let Some(cut) = cut_point(h, cfg.keep_messages) else { return Ok(false) };
    let tokens_before = h.estimate_tokens();
    let older = &h.messages[..cut];
    if cfg.memory_flush {
        flush_memory(turn, model, older).await?;
    }
    let mut text = String::new();
    if let Some(previous) = &h.summary {
        text.push_str("Summary of what came before:\n");
        text.push_str(previous);
        text.push_str("\n\n");
    }
    text.push_str(&render(older));
    let req = ChatRequest {
        model: model.to_string(),
        system: SUMMARY_PROMPT.to_string(),
        messages: vec![Message::user(text)],
        ..ChatRequest::default()
    };
    turn.steps += 1;
    let response = turn.rt.models.chat(&req, &mut |_| {}).await?;
    turn.usage.add(response.usage);
    let summary = response.text.trim().to_string();
    let first_kept = h.ids.get(cut).filter(|id| !id.is_empty()).cloned();
    turn.append(&Line::Compaction(Compaction::new(summary.clone(), first_kept, tokens_before)))?;
    h.summary = Some(summary);
    h.messages.drain(..cut);
    h.ids.drain(..cut);
    turn.compacted = true;
    Ok(true)
}

/// Where the kept part starts: `keep` messages from the end, moved back (keeping more) to a user
/// message so a tool result is never separated from its call, or forward when there is none
/// before. `None` when nothing would be compacted.
fn cut_point(h: &History, keep: usize) -> Option<usize> {
    let len = h.messages.len();
    let start = len.checked_sub(keep.max(1))?;
    let is_user = |i: &usize| matches!(h.messages[*i], Message::User { .. });
    let cut = (1..=start).rev().find(is_user).or_else(|| (start..len).find(is_user))?;
    (cut > 0).then_some(cut)
}

/// Lets the model save notes with `memory_append` before older messages leave its context. The
/// exchange is not part of the conversation; a system line in the transcript records it.
async fn flush_memory(turn: &mut Turn<'_>, model: &str, older: &[Message]) -> Result<(), TurnError> {
    let (tools, ctx) = turn.tools()?;
    let Some(append) = tools.get("memory_append").cloned() else { return Ok(()) };
    let mut messages = older.to_vec();
    messages.push(Message::user("Save durable notes now, then reply NO_REPLY."));
    let mut saved = 0;
    for _ in 0..FLUSH_STEPS {
        let req = ChatRequest {
            model: model.to_string(),
            system: FLUSH_PROMPT.to_string(),
            messages: messages.clone(),
            tools: vec![append.spec()],
            ..ChatRequest::default()
        };
        turn.steps += 1;
        let response = turn.rt.models.chat(&req, &mut |_| {}).await?;
        turn.usage.add(response.usage);
        if response.tool_calls.is_empty() {
            break;
        }
        messages.push(response.to_message());
        for call in &response.tool_calls {
            let result = if call.name == "memory_append" {
                append.call(&ctx, call.arguments.clone()).await
            } else {
                crate::tool::ToolResult::error("only memory_append is available now")
            };
            saved += usize::from(!result.is_error);
            messages.push(Message::Tool {
                tool_call_id: call.id.clone(),
                name: call.name.clone(),
                content: result.content,
                is_error: result.is_error,
            });
        }
    }
    let note = format!("[compaction: memory flush saved {saved} note(s) to memory]");
    let line = TMessage { role: Role::System, ..TMessage::user(note, None) };
    turn.append(&Line::Message(line))
}

/// The older messages as plain text for the summariser.
fn render(messages: &[Message]) -> String {
    let mut out = String::new();
    for m in messages {
        let (who, text) = match m {
            Message::System { content } => ("system", content.clone()),
            Message::User { content } => ("user", content.clone()),
            Message::Assistant { content, tool_calls } => {
                let calls: Vec<String> =
                    tool_calls.iter().map(|c| format!("→ {} {}", c.name, c.arguments)).collect();
                (
                    "assistant",
                    format!("{content}{}{}", if calls.is_empty() { "" } else { "\n" }, calls.join("\n")),
                )
            }
            Message::Tool { name, content, is_error, .. } => {
                ("tool", format!("{name}{}: {content}", if *is_error { " (error)" } else { "" }))
            }
        };
        out.push_str(who);
        out.push_str(": ");
        out.push_str(cut(&text, MAX_MESSAGE_BYTES));
        out.push('\n');
    }
    out
}

fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn history(roles: &str) -> History {
        let messages: Vec<Message> = roles
            .chars()
            .map(|c| match c {
                'u' => Message::user("u"),
                'a' => Message::assistant("a"),
                _ => Message::Tool {
                    tool_call_id: "x".into(),
                    name: "exec".into(),
                    content: "t".into(),
                    is_error: false,
                },
            })
            .collect();
        let ids = (0..messages.len()).map(|i| i.to_string()).collect();
        History { summary: None, messages, ids }
    }

    #[test]
    fn cut_lands_on_a_user_message() {
        assert_eq!(cut_point(&history("uauatau"), 3), Some(2), "moved back to keep the tool pair");
        assert_eq!(cut_point(&history("uatttau"), 2), Some(6), "forward when none before");
        assert_eq!(cut_point(&history("atttaua"), 2), Some(5));
        assert_eq!(cut_point(&history("ua"), 8), None, "too short");
        assert_eq!(cut_point(&history("uaua"), 4), None, "would keep everything");
    }
}
