//! The `canvas` tool: the agent shows the user of the current session a panel — a table, a form,
//! a status board — beyond a chat bubble, and replaces or hides it later.
//!
//! Where it shows depends on the session's channel, and the tool result says which happened:
//! - the web chat shows it beside the conversation, live (the gateway's page listens to
//!   [`crate::canvas::publish`]);
//! - a chat without a canvas (Telegram, Discord, …) gets a read-only link to `/canvas/<id>` on
//!   the gateway (signed, expiring) when `gateway.publicUrl` says where the gateway is reachable
//!   from outside, and a plain-text rendering otherwise;
//! - a session with no chat (the command line, cron) only saves it.
//!
//! Every canvas is saved in the agent's state (`openclaw canvas ls/show`).

use std::sync::Arc;

use serde_json::{Value, json};

use super::{Args, Tool, ToolContext, ToolFuture, ToolResult, ToolSpec};
use crate::canvas::{self, Canvas, Change, Format};
use crate::channel::{ChatKind, ChatRef, Outbound, kind, outbox};
use crate::config::Config;
use crate::session::transcript::Origin;
use crate::session::{Scope, SessionKey};

/// `canvas {action: present|update|hide, title?, content?, format?, id?}` for one session.
pub struct CanvasTool {
    config: Arc<Config>,
    key: SessionKey,
    channel: String,
    from: Option<Origin>,
}

impl CanvasTool {
    /// The tool for the session `key`, whose message came in on `channel` from `from`.
    pub fn for_session(
        config: Arc<Config>,
        key: SessionKey,
        channel: &str,
        from: Option<Origin>,
    ) -> Arc<dyn Tool> {
        Arc::new(CanvasTool { config, key, channel: channel.to_string(), from })
    }

    /// The chat a link or text goes to: the group of a group session, else the sender.
    fn chat(&self) -> Option<(String, Option<String>, ChatRef)> {
        let from_channel = self.from.as_ref().map(|f| f.channel.as_str());
        let (channel, chat) = match &self.key.scope {
            Scope::Group { channel, group, thread } => (
                channel.clone(),
                ChatRef { id: group.clone(), kind: ChatKind::Group, thread: thread.clone() },
            ),
            Scope::Peer { channel, peer } => {
                let ch = channel.as_deref().or(from_channel)?;
                let id = self.from.as_ref().and_then(|f| f.peer.clone()).unwrap_or_else(|| peer.clone());
                (ch.to_string(), ChatRef { id, kind: ChatKind::Direct, thread: None })
            }
            Scope::Main => {
                let f = self.from.as_ref()?;
                (f.channel.clone(), ChatRef { id: f.peer.clone()?, kind: ChatKind::Direct, thread: None })
            }
            Scope::Subagent(_) | Scope::Cron(_) => return None,
        };
        kind::find(&channel)?;
        let account = self.from.as_ref().filter(|f| f.channel == channel).and_then(|f| f.account_id.clone());
        Some((channel, account, chat))
    }

    fn link(&self, ctx: &ToolContext, c: &Canvas) -> Result<Option<(String, String)>, String> {
        let Some(base) = &self.config.gateway.public_url else { return Ok(None) };
        let key = canvas::link::key(&ctx.home).map_err(|e| format!("cannot sign a link: {e}"))?;
        let minutes = ctx.config.tools.canvas.link_ttl_minutes.max(1);
        let exp = jiff::Timestamp::now().as_second().saturating_add((minutes * 60) as i64);
        let url = format!("{}{}", base.trim_end_matches('/'), canvas::link::path(&key, &c.agent, &c.id, exp));
        let until = jiff::Timestamp::from_second(exp).map(|t| t.strftime("%Y-%m-%d %H:%M UTC").to_string());
        Ok(Some((url, until.unwrap_or_default())))
    }

    /// Shows `c` where this session can see it; returns what happened, for the model.
    async fn show(&self, ctx: &ToolContext, c: &Canvas, update: bool) -> Result<(String, Value), String> {
        let what = format!("canvas {} \"{}\" (version {})", c.id, c.title, c.version);
        if self.channel == "webchat" {
            canvas::publish(Change::Shown(Arc::new(c.clone())));
            let pages = canvas::open_pages(&self.key.to_string());
            let text = match pages {
                0 => format!(
                    "{what} saved; the web chat shows it beside the conversation when the page is opened"
                ),
                _ => format!("{what} is shown in the web chat beside the conversation"),
            };
            return Ok((text, json!({"canvas": c.id, "delivery": "webchat", "openPages": pages})));
        }
        let link = self.link(ctx, c)?;
        let Some((channel, account, chat)) = self.chat() else {
            let mut text = format!(
                "{what} saved; this session (channel {}) has no screen to show it on: `openclaw canvas show {}` prints it",
                self.channel, c.id
            );
            if let Some((url, until)) = &link {
                text.push_str(&format!("; a read-only link, valid until {until}: {url}"));
            }
            return Ok((text, json!({"canvas": c.id, "delivery": "saved", "url": link.map(|l| l.0)})));
        };
        let (message, delivery) = match &link {
            // The link always shows the newest version: an update needs no second message.
            Some(_) if update => {
                let text = format!(
                    "{what} updated; the link sent to the {channel} chat before shows the new version"
                );
                return Ok((text, json!({"canvas": c.id, "delivery": "link", "resent": false})));
            }
            Some((url, _)) => (format!("{}\n{url}", c.title), "link"),
            None => (format!("{}\n\n{}", c.title, canvas::to_text(c)), "text"),
        };
        let req = outbox::Request {
            channel: channel.clone(),
            account,
            out: Outbound { chat, text: message, reply_to: None },
            origin: outbox::Origin::Message,
            session: None,
            inbound_id: None,
            skip_parts: 0,
        };
        let sent = outbox::send(&ctx.home, &self.config.channels, req)
            .await
            .map_err(|e| format!("{what} saved, but not sent to the {channel} chat: {e}"))?;
        let text = match &link {
            Some((url, until)) => format!(
                "{what}: sent the {channel} chat a read-only link, valid until {until} (this channel cannot show a canvas): {url}"
            ),
            None => format!(
                "{what}: sent to the {channel} chat as text (this channel cannot show a canvas, and gateway.publicUrl \
                 is not set, so there is no link it could open)"
            ),
        };
        let details = json!({"canvas": c.id, "delivery": delivery, "messageIds": sent.message_ids,
            "url": link.map(|l| l.0)});
        Ok((text, details))
    }

    async fn run(&self, ctx: &ToolContext, args: Value) -> Result<(String, Value), String> {
        let args = Args::parse("canvas", args).map_err(|e| e.to_string())?;
        let action = args.str("action").map_err(|e| e.to_string())?;
        let title = args.opt_str("title").map_err(|e| e.to_string())?;
        let content = args.opt_str("content").map_err(|e| e.to_string())?;
        let id = args.opt_str("id").map_err(|e| e.to_string())?;
        let format = match args.opt_str("format").map_err(|e| e.to_string())? {
            None => None,
            Some(f) => Some(
                Format::parse(f)
                    .ok_or_else(|| format!("format must be \"html\" or \"markdown\", not \"{f}\""))?,
            ),
        };
        if let Some(t) = title
            && t.chars().count() > canvas::MAX_TITLE
        {
            return Err(format!("title is longer than {} characters", canvas::MAX_TITLE));
        }
        if let Some(c) = content
            && c.len() > canvas::MAX_CONTENT
        {
            return Err(format!(
                "content is {} bytes; a canvas holds at most {}",
                c.len(),
                canvas::MAX_CONTENT
            ));
        }
        let key = self.key.to_string();
        let now = crate::time::rfc3339_ms(jiff::Timestamp::now());
        let io = |e: canvas::CanvasError| format!("the canvas could not be saved: {e}");
        match action {
            "present" => {
                let content = content.ok_or("present needs content")?;
                let c = Canvas {
                    id: canvas::new_id(),
                    agent: ctx.agent.clone(),
                    session_key: key,
                    title: title.filter(|t| !t.trim().is_empty()).unwrap_or("Canvas").to_string(),
                    format: format.unwrap_or(Format::Markdown),
                    content: content.to_string(),
                    version: 1,
                    hidden: false,
                    created_at: now.clone(),
                    updated_at: now,
                    shown_via: None,
                };
                canvas::save(&ctx.home, &c).map_err(io)?;
                self.shown(ctx, c, false).await
            }
            "update" => {
                let id = self.target(ctx, id)?;
                let changed = canvas::modify(&ctx.home, &ctx.agent, &id, |c| {
                    if let Some(t) = title.filter(|t| !t.trim().is_empty()) {
                        c.title = t.to_string();
                    }
                    if let Some(x) = content {
                        c.content = x.to_string();
                    }
                    if let Some(f) = format {
                        c.format = f;
                    }
                    c.version += 1;
                    c.hidden = false;
                    c.updated_at = now.clone();
                })
                .map_err(io)?;
                let (c, ()) = changed.ok_or_else(|| format!("there is no canvas {id}"))?;
                self.shown(ctx, c, true).await
            }
            "hide" => {
                let id = self.target(ctx, id)?;
                let hidden = canvas::modify(&ctx.home, &ctx.agent, &id, |c| {
                    c.hidden = true;
                    c.updated_at = now.clone();
                })
                .map_err(io)?;
                let (c, ()) = hidden.ok_or_else(|| format!("there is no canvas {id}"))?;
                canvas::publish(Change::Hidden { session_key: c.session_key.clone(), id: c.id.clone() });
                Ok((
                    format!("canvas {id} hidden; its links no longer open"),
                    json!({"canvas": id, "hidden": true}),
                ))
            }
            other => Err(format!("action must be present, update or hide, not \"{other}\"")),
        }
    }

    /// Shows `c` and records how it went out.
    async fn shown(&self, ctx: &ToolContext, c: Canvas, update: bool) -> Result<(String, Value), String> {
        let (text, details) = self.show(ctx, &c, update).await?;
        if let Some(via) = details["delivery"].as_str() {
            let via = via.to_string();
            let _ = canvas::modify(&ctx.home, &ctx.agent, &c.id, |c| c.shown_via = Some(via));
        }
        Ok((text, details))
    }

    /// The canvas `id` names, or this session's current one.
    fn target(&self, ctx: &ToolContext, id: Option<&str>) -> Result<String, String> {
        match id {
            Some(id) if canvas::valid_id(id) => Ok(id.to_string()),
            Some(id) => Err(format!("\"{id}\" is not a canvas id (cv-…)")),
            None => canvas::current(&ctx.home, &ctx.agent, &self.key.to_string())
                .map_err(|e| e.to_string())?
                .map(|c| c.id)
                .ok_or_else(|| {
                    "this session shows no canvas; present one first (or give its id)".to_string()
                }),
        }
    }
}

impl Tool for CanvasTool {
    fn name(&self) -> &str {
        "canvas"
    }

    fn spec(&self) -> ToolSpec {
        ToolSpec {
            name: "canvas".into(),
            description: "Show the user a panel beside the chat: a table, chart, form or status board. \
                present {title, content, format} shows a new one; update {content, title?, id?} replaces it; \
                hide {id?} takes it down. In html, a <button data-action=\"name\"> or a <form data-action=\"name\"> \
                sends you the action (with the form's fields) as a message. Chats without a panel get a link or text."
                .into(),
            parameters: json!({"type":"object","properties":{
                "action":{"type":"string","enum":["present","update","hide"]},
                "title":{"type":"string"},"content":{"type":"string"},
                "format":{"type":"string","enum":["html","markdown"]},
                "id":{"type":"string"}},"required":["action"]}),
        }
    }

    fn call<'a>(&'a self, ctx: &'a ToolContext, args: Value) -> ToolFuture<'a> {
        Box::pin(async move {
            match self.run(ctx, args).await {
                Ok((text, details)) => ToolResult::ok(text).with_details(details),
                Err(e) => ToolResult::error(e),
            }
        })
    }
}
