//! Heartbeat (issue 5): a periodic turn that hands the agent its HEARTBEAT.md checklist. An
//! empty checklist skips the run without a model call; a reply of `HEARTBEAT_OK` means "nothing
//! to report" and is dropped; anything else goes to the channel the agent last talked on.

use jiff::civil::Time;

use crate::home::Home;
use crate::session::SessionStore;

/// The file in the workspace.
pub const FILE: &str = "HEARTBEAT.md";
/// The reply that means nothing needs saying.
pub const OK: &str = "HEARTBEAT_OK";

/// The turn's message: HEARTBEAT.md with an instruction, or `None` when the file is missing or
/// holds nothing but blank lines and headings.
pub fn message(home: &Home, agent: &str) -> Option<String> {
    let text = std::fs::read_to_string(home.workspace(agent).join(FILE)).ok()?;
    let has_content = text.lines().any(|l| {
        let l = l.trim();
        !l.is_empty() && !l.starts_with('#')
    });
    has_content.then(|| {
        format!("[heartbeat] Go through HEARTBEAT.md below. If nothing needs the user's attention, reply exactly {OK}.\n\n{text}")
    })
}

/// Whether a reply is the "nothing to report" answer.
pub fn is_ok(reply: &str) -> bool {
    let r = reply.trim().trim_matches(|c: char| c == '*' || c == '`' || c == '.');
    r.starts_with(OK) || r.ends_with(OK)
}

/// Parses `HH:MM-HH:MM`.
pub fn parse_hours(spec: &str) -> Option<(Time, Time)> {
    let (a, b) = spec.split_once('-')?;
    let t = |s: &str| -> Option<Time> {
        let (h, m) = s.trim().split_once(':')?;
        Time::new(h.parse().ok()?, m.parse().ok()?, 0, 0).ok()
    };
    Some((t(a)?, t(b)?))
}

/// Whether `now` falls in `spec` (a window that ends before it starts wraps midnight).
pub fn within(spec: Option<&str>, now: Time) -> bool {
    let Some((start, end)) = spec.and_then(parse_hours) else { return true };
    if start <= end { start <= now && now < end } else { now >= start || now < end }
}

/// Where the agent's most recent direct conversation on a channel that can send took place: the
/// channel, the account and the chat (see [`super::session_chat`]). Groups are left out: a
/// heartbeat is for the person, not for everyone in a group they wrote in.
pub fn last_channel(home: &Home, agent: &str) -> Option<(String, Option<String>, crate::channel::ChatRef)> {
    let sessions = SessionStore::open(home, agent).load().ok()?;
    sessions
        .iter()
        .filter(|(_, e)| e.channel.as_deref().is_some_and(crate::channel::deliver::can_send))
        .filter_map(|(k, e)| Some((e, super::session_chat(&crate::session::SessionKey::parse(k).ok()?, e)?)))
        .filter(|(_, chat)| chat.kind == crate::channel::ChatKind::Direct)
        .max_by_key(|(e, _)| e.last_interaction_at)
        .and_then(|(e, chat)| Some((e.channel.clone()?, e.account_id.clone(), chat)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ok_replies_and_hours() {
        assert!(is_ok("HEARTBEAT_OK") && is_ok(" `HEARTBEAT_OK`. ") && is_ok("All quiet. HEARTBEAT_OK"));
        assert!(!is_ok("Your flight leaves in 2 hours."));
        let t = |h, m| Time::new(h, m, 0, 0).unwrap();
        assert!(within(Some("08:00-22:00"), t(8, 0)) && !within(Some("08:00-22:00"), t(22, 0)));
        assert!(within(Some("22:00-06:00"), t(23, 30)) && within(Some("22:00-06:00"), t(5, 59)));
        assert!(!within(Some("22:00-06:00"), t(12, 0)));
        assert!(within(None, t(3, 0)));
        assert!(parse_hours("8-22").is_none() && parse_hours("25:00-26:00").is_none());
    }

    #[test]
    fn empty_checklists_skip() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        std::fs::create_dir_all(home.workspace("main")).unwrap();
        assert!(message(&home, "main").is_none(), "missing file");
        std::fs::write(home.workspace("main").join(FILE), "# Heartbeat\n\n  \n").unwrap();
        assert!(message(&home, "main").is_none(), "headings only");
        std::fs::write(home.workspace("main").join(FILE), "# Heartbeat\n- check the backups\n").unwrap();
        assert!(message(&home, "main").unwrap().contains("- check the backups"));
    }
}
