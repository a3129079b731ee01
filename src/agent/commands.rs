//! Chat commands answered by the runtime, never by the model: the reset triggers (`/new`,
//! `/reset` by default), `/status`, `/compact`, `/model [ref|default]` and `/help`. Anything else
//! starting with `/` is an ordinary message (people paste paths).

use jiff::Timestamp;

use super::compact;
use super::history::{self, History};
use super::turn::{Event, Turn, TurnError, TurnOutput, Usage, reset_session};
use crate::session::transcript;

/// Key in a session entry holding the `/model` choice for that session.
pub const MODEL_OVERRIDE: &str = "modelOverride";

const HELP: &str = "Commands:
/new, /reset     start a new session (the old one is archived); text after it starts the new one
/status          this session: model, messages, tokens, context use
/compact         summarise older messages now to free context
/model [ref]     show or set this session's model (provider/model); /model default clears it
/help            this list";

/// Answers a chat command, or returns `None` when the message is for the model. A reset trigger
/// followed by text resets and then lets the text through as the new session's first message.
pub(crate) async fn handle(
    turn: &mut Turn<'_>,
    on_event: &mut (dyn FnMut(Event<'_>) + Send),
) -> Result<Option<TurnOutput>, TurnError> {
    let text = turn.inbound.text.trim();
    if !text.starts_with('/') {
        return Ok(None);
    }
    let (word, rest) = match text.split_once(char::is_whitespace) {
        Some((w, r)) => (w.to_ascii_lowercase(), r.trim().to_string()),
        None => (text.to_ascii_lowercase(), String::new()),
    };
    let triggers = &turn.rt.config.session.reset_triggers;
    let reply = if triggers.iter().any(|t| t.eq_ignore_ascii_case(&word)) {
        turn.close_transcript()?;
        reset_session(turn.rt, &turn.key, crate::session::ResetReason::Manual)?;
        reload(turn)?;
        if !rest.is_empty() {
            turn.inbound.text = rest;
            return Ok(None);
        }
        format!("Started a new session ({}).", turn.entry.session_id)
    } else {
        match word.as_str() {
            "/status" => status(turn).await?,
            "/help" => HELP.to_string(),
            "/model" => model(turn, &rest)?,
            "/compact" => {
                let model = turn.model()?;
                let mut h = History::from_transcript(&transcript::read(&turn.rt.home, &turn.key)?);
                let before = h.estimate_tokens();
                if compact::compact(turn, &model, &mut h).await? {
                    turn.finish().await?;
                    format!("Compacted: about {before} tokens of history became {}.", h.estimate_tokens())
                } else {
                    "Nothing to compact yet.".to_string()
                }
            }
            _ => return Ok(None),
        }
    };
    turn.sync()?;
    on_event(Event::Text(&reply));
    Ok(Some(TurnOutput {
        reply,
        session_key: turn.key_str.clone(),
        session_id: turn.entry.session_id.clone(),
        model: None,
        usage: turn.usage,
        steps: turn.steps,
        tool_calls: 0,
        command: Some(word),
        compacted: turn.compacted,
        stopped_at_max_steps: false,
    }))
}

/// Re-reads the entry after a reset and starts its transcript.
fn reload(turn: &mut Turn<'_>) -> Result<(), TurnError> {
    let now = Timestamp::now();
    let entry = match turn.store.get(&turn.key_str)? {
        Some(e) => e,
        None => {
            let e = crate::session::SessionEntry::new(now.as_millisecond());
            turn.store.upsert(&turn.key, e.clone())?;
            e
        }
    };
    transcript::create(&turn.rt.home, &turn.key, &entry.session_id, now)?;
    turn.entry = entry;
    Ok(())
}

async fn status(turn: &Turn<'_>) -> Result<String, TurnError> {
    let e = &turn.entry;
    let model = turn.model().unwrap_or_else(|err| format!("(none: {err})"));
    let h = History::from_transcript(&transcript::read(&turn.rt.home, &turn.key)?);
    let super::turn::Window { tokens: window, source } = turn.rt.context_window(&model).await;
    let used = h.estimate_tokens() + history::estimate_tokens(4096);
    let started = crate::time::rfc3339_ms(crate::time::from_ms(e.session_started_at));
    let overridden = if e.extra.contains_key(MODEL_OVERRIDE) { " (set by /model)" } else { "" };
    let children: Vec<String> = super::subagent::running(&turn.key_str)
        .into_iter()
        .map(|(key, r)| r.label.map_or(key.clone(), |l| format!("{l} ({key})")))
        .collect();
    let children = if children.is_empty() {
        String::new()
    } else {
        format!("\nsub-agents running: {}", children.join(", "))
    };
    Ok(format!(
        "Session {}\nid {} · started {started}{}\nmodel {model}{overridden}\nmessages {} · tokens {} in / {} out\ncontext about {used} of {window} tokens ({:.0}%)\nwindow {window} tokens, from {source}{children}",
        turn.key_str,
        e.session_id,
        e.reset_reason.map(|r| format!(" · last reset: {r}")).unwrap_or_default(),
        e.message_count,
        e.input_tokens,
        e.output_tokens,
        used as f64 * 100.0 / window.max(1) as f64,
    ))
}

fn model(turn: &mut Turn<'_>, arg: &str) -> Result<String, TurnError> {
    if arg.is_empty() {
        let current = turn.model().unwrap_or_else(|err| format!("(none: {err})"));
        return Ok(format!(
            "This session uses {current}. Change it with /model provider/model, or /model default."
        ));
    }
    let value = if matches!(arg, "default" | "reset") {
        None
    } else {
        if let Err(e) = turn.rt.models.resolve(arg) {
            return Ok(format!("Cannot use {arg}: {e}"));
        }
        Some(arg.to_string())
    };
    let key = turn.key_str.clone();
    let v = value.clone();
    let entry = turn.store.update(|sessions| {
        let entry = sessions.get_mut(&key)?;
        match &v {
            Some(m) => entry.extra.insert(MODEL_OVERRIDE.into(), serde_json::Value::String(m.clone())),
            None => entry.extra.remove(MODEL_OVERRIDE),
        };
        Some(entry.clone())
    })?;
    if let Some(entry) = entry {
        turn.entry = entry;
    }
    Ok(match value {
        Some(m) => format!("This session now uses {m}."),
        None => format!("This session uses the agent's model again ({}).", turn.model().unwrap_or_default()),
    })
}

impl Usage {
    /// Adds another call's usage.
    pub fn add(&mut self, u: crate::provider::Usage) {
        self.input += u.input;
        self.output += u.output;
    }
}
