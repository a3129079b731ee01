//! The `message` tool: the agent sends text to a peer on a configured channel and gets the
//! channel's answer back (the message id, or the channel's error — never a silent "sent").

use std::sync::Arc;

use serde_json::{Value, json};

use super::{Args, Tool, ToolContext, ToolFuture, ToolResult, ToolSpec};
use crate::config::Config;

/// `message {channel, to, text, accountId?}`.
pub struct MessageTool {
    config: Arc<Config>,
}

impl MessageTool {
    /// The tool, when at least one channel that can send is configured; `None` otherwise (so
    /// the model is not offered a tool that cannot work).
    pub fn for_config(config: Arc<Config>) -> Option<Arc<dyn Tool>> {
        let usable = !crate::channel::kind::accounts(&config.channels).enabled.is_empty();
        usable.then(|| Arc::new(MessageTool { config }) as Arc<dyn Tool>)
    }
}

impl Tool for MessageTool {
    fn name(&self) -> &str {
        "message"
    }

    fn spec(&self) -> ToolSpec {
        ToolSpec {
            name: "message".into(),
            description: "Send text to a peer (chat id) on a channel such as telegram.".into(),
            parameters: json!({"type":"object","properties":{
                "channel":{"type":"string"},"to":{"type":"string"},"text":{"type":"string"},
                "accountId":{"type":"string"}},"required":["channel","to","text"]}),
        }
    }

    fn call<'a>(&'a self, ctx: &'a ToolContext, args: Value) -> ToolFuture<'a> {
        Box::pin(async move {
            let args = match Args::parse("message", args) {
                Ok(a) => a,
                Err(e) => return ToolResult::error(e.to_string()),
            };
            let fields = (args.str("channel"), args.str("to"), args.str("text"), args.opt_str("accountId"));
            let (channel, to, text, account) = match fields {
                (Ok(c), Ok(t), Ok(x), Ok(a)) => (c, t, x, a),
                (Err(e), ..) | (_, Err(e), ..) | (_, _, Err(e), _) | (.., Err(e)) => {
                    return ToolResult::error(e.to_string());
                }
            };
            let origin = crate::channel::outbox::Origin::Message;
            let channels = &self.config.channels;
            match crate::channel::deliver::to_target(
                &ctx.home, channels, channel, account, to, text, origin, None,
            )
            .await
            {
                Ok(sent) => ToolResult::ok(format!(
                    "sent to {channel}:{to} from account {} (message id {})",
                    sent.account,
                    sent.message_ids.join(", ")
                ))
                .with_details(json!({"messageIds": sent.message_ids})),
                Err(e) => ToolResult::error(format!("not sent: {e}")),
            }
        })
    }
}
