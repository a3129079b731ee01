//! Routing (DESIGN §5): which agent gets an inbound message, through which binding, and in which
//! session. Pure functions over a loaded [`Config`]: nothing here reads files, prints or knows
//! about channel adapters; the gateway describes a message as an [`Inbound`] and asks a [`Router`].
//!
//! A binding matches when every field it gives matches the message:
//! - `channel`: equal, ignoring ASCII case;
//! - `accountId`: equal (account ids are opaque, so case counts);
//! - `peer`: a glob over the sender id, display name **or** handle (e.g. a Telegram username),
//!   tried in that order; [`Matched::matched_on`] says which one matched;
//! - `group`: a glob over the group/channel id.
//!
//! Globs are [globset] globs (`*`, `?`, `[abc]`, `{a,b}`), matched ignoring case because people
//! write `jonas_*` for a user who shows up as `Jonas_K`.
//!
//! Precedence is the binding's [`Specificity`]: a bit set where `peer` (4) > `group` (2) >
//! `accountId` (1), so a binding with a peer beats any binding without one, a group beats an
//! accountId, and an accountId beats a channel-only binding; among bindings with the same most
//! specific field, the one that also gives the lesser fields wins. Remaining ties go to file order
//! (agents in file order, bindings in list order). No match → `defaultAgent`.

use std::cmp::Reverse;
use std::fmt;

use globset::{Candidate as GlobCandidate, GlobBuilder, GlobMatcher};

use crate::config::{Binding, Config, DmScope};
use crate::session::SessionKey;

/// An inbound message, as far as routing cares. Borrowed, so describing a message costs nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Inbound<'a> {
    /// Channel name, e.g. `telegram` (any case).
    pub channel: &'a str,
    /// The channel account (bot) that received the message.
    pub account_id: Option<&'a str>,
    /// Who sent it.
    pub peer: Option<Peer<'a>>,
    /// The group or channel it was posted in; `None` for a direct message.
    pub group: Option<&'a str>,
    /// The thread within the group, if any (ignored for direct messages).
    pub thread: Option<&'a str>,
}

/// The sender of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Peer<'a> {
    /// The channel's id for the sender (what session keys use).
    pub id: &'a str,
    /// The display name (`Jonas`), which `peer` globs may match too.
    pub name: Option<&'a str>,
    /// The handle (`jonas_phone`, a Telegram username, without `@`), which `peer` globs may
    /// match too.
    pub handle: Option<&'a str>,
}

impl<'a> Peer<'a> {
    /// The handle without a leading `@`, if there is one.
    pub fn bare_handle(&self) -> Option<&'a str> {
        self.handle.map(|h| h.strip_prefix('@').unwrap_or(h)).filter(|h| !h.is_empty())
    }

    /// The id, name or handle (without `@`).
    pub fn field(&self, field: PeerField) -> Option<&'a str> {
        match field {
            PeerField::Id => Some(self.id),
            PeerField::Name => self.name,
            PeerField::Handle => self.bare_handle(),
        }
    }
}

/// Which part of the sender a `peer` glob matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeerField {
    /// The sender id.
    Id,
    /// The display name.
    Name,
    /// The handle (username).
    Handle,
}

impl PeerField {
    /// `id`, `name` or `handle`.
    pub fn as_str(self) -> &'static str {
        match self {
            PeerField::Id => "id",
            PeerField::Name => "name",
            PeerField::Handle => "handle",
        }
    }
}

impl fmt::Display for PeerField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How specific a binding is: bit 4 peer, 2 group, 1 accountId; higher wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Specificity(u8);

impl Specificity {
    const PEER: u8 = 4;
    const GROUP: u8 = 2;
    const ACCOUNT: u8 = 1;

    /// The specificity of a binding, from the fields it gives.
    pub fn of(binding: &Binding) -> Self {
        let bit = |present: bool, bit: u8| if present { bit } else { 0 };
        Self(
            bit(binding.peer.is_some(), Self::PEER)
                | bit(binding.group.is_some(), Self::GROUP)
                | bit(binding.account_id.is_some(), Self::ACCOUNT),
        )
    }

    /// The score, 0 (channel only) to 7 (peer + group + accountId).
    pub fn score(self) -> u8 {
        self.0
    }
}

impl fmt::Display for Specificity {
    /// `peer + accountId`, `group`, `channel only`, …
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == 0 {
            return f.write_str("channel only");
        }
        let mut sep = "";
        for (bit, name) in [(Self::PEER, "peer"), (Self::GROUP, "group"), (Self::ACCOUNT, "accountId")] {
            if self.0 & bit != 0 {
                write!(f, "{sep}{name}")?;
                sep = " + ";
            }
        }
        Ok(())
    }
}

/// A binding that cannot be compiled.
#[derive(Debug, thiserror::Error)]
pub enum RouterError {
    /// A `peer` or `group` pattern is not a valid glob.
    #[error("agent {agent:?} binding #{n}: invalid {field} glob {pattern:?}: {reason}")]
    Glob {
        /// The agent the binding belongs to.
        agent: String,
        /// 1-based position in the agent's `bindings`.
        n: usize,
        /// `peer` or `group`.
        field: &'static str,
        /// The pattern as written.
        pattern: String,
        /// What globset says is wrong.
        reason: String,
    },
    /// A binding without a channel.
    #[error("agent {agent:?} binding #{n}: channel is missing or empty")]
    NoChannel {
        /// The agent the binding belongs to.
        agent: String,
        /// 1-based position in the agent's `bindings`.
        n: usize,
    },
}

/// A binding, compiled.
#[derive(Debug, Clone)]
struct Rule {
    agent: String,
    n: usize,
    binding: Binding,
    peer: Option<PeerGlob>,
    group: Option<GlobMatcher>,
    specificity: Specificity,
}

/// A compiled `peer` pattern. A leading `@` is the handle sigil (`@jonas_*`, as `allowFrom`
/// accepts), so handles, which are offered without it, are matched against the rest.
#[derive(Debug, Clone)]
struct PeerGlob {
    whole: GlobMatcher,
    /// For the handle, when the pattern starts with `@`.
    handle: Option<GlobMatcher>,
}

impl Rule {
    fn matches(&self, s: &Subject<'_>) -> bool {
        self.binding.channel.eq_ignore_ascii_case(s.msg.channel) && self.matches_beyond_channel(s)
    }

    fn matches_beyond_channel(&self, s: &Subject<'_>) -> bool {
        self.binding.account_id.as_deref().is_none_or(|a| s.msg.account_id == Some(a))
            && self.peer.as_ref().is_none_or(|g| s.peer_match(g).is_some())
            && self.group.as_ref().is_none_or(|g| s.group.as_ref().is_some_and(|c| g.is_match_candidate(c)))
    }

    /// Every field of this binding that the message does not satisfy, in field order.
    fn mismatches(&self, s: &Subject<'_>) -> Vec<Mismatch> {
        let (b, msg) = (&self.binding, s.msg);
        let mut out = Vec::new();
        if !b.channel.eq_ignore_ascii_case(msg.channel) {
            out.push(Mismatch::Channel { want: b.channel.clone(), got: msg.channel.to_string() });
        }
        if let Some(want) = &b.account_id
            && msg.account_id != Some(want.as_str())
        {
            out.push(Mismatch::Account { want: want.clone(), got: msg.account_id.map(str::to_string) });
        }
        if let (Some(glob), Some(pattern)) = (&self.peer, &b.peer)
            && s.peer_match(glob).is_none()
        {
            out.push(Mismatch::Peer {
                pattern: pattern.clone(),
                got: msg.peer.map(|p| p.id.to_string()),
                name: msg.peer.and_then(|p| p.name).map(str::to_string),
                handle: s.handle.map(str::to_string),
            });
        }
        if let (Some(glob), Some(pattern)) = (&self.group, &b.group)
            && !s.group.as_ref().is_some_and(|c| glob.is_match_candidate(c))
        {
            out.push(Mismatch::Group { pattern: pattern.clone(), got: msg.group.map(str::to_string) });
        }
        out
    }
}

/// A message prepared for glob matching once, instead of once per binding.
struct Subject<'a> {
    msg: &'a Inbound<'a>,
    /// The sender's handle without a leading `@`, if it has one.
    handle: Option<&'a str>,
    peer_id: Option<GlobCandidate<'a>>,
    peer_name: Option<GlobCandidate<'a>>,
    peer_handle: Option<GlobCandidate<'a>>,
    group: Option<GlobCandidate<'a>>,
}

impl<'a> Subject<'a> {
    fn new(msg: &'a Inbound<'a>) -> Self {
        let candidate = |s: &'a str| GlobCandidate::from_bytes(s.as_bytes());
        let handle = msg.peer.and_then(|p| p.bare_handle());
        Self {
            msg,
            handle,
            peer_id: msg.peer.map(|p| candidate(p.id)),
            peer_name: msg.peer.and_then(|p| p.name).map(candidate),
            peer_handle: handle.map(candidate),
            group: msg.group.map(candidate),
        }
    }

    /// Which of the sender id, name and handle a peer glob matches, trying them in that order.
    fn peer_match(&self, glob: &PeerGlob) -> Option<PeerField> {
        let hit = |c: &Option<GlobCandidate<'_>>, g: &GlobMatcher| {
            c.as_ref().is_some_and(|c| g.is_match_candidate(c))
        };
        if hit(&self.peer_id, &glob.whole) {
            Some(PeerField::Id)
        } else if hit(&self.peer_name, &glob.whole) {
            Some(PeerField::Name)
        } else if hit(&self.peer_handle, &glob.whole)
            || glob.handle.as_ref().is_some_and(|g| hit(&self.peer_handle, g))
        {
            Some(PeerField::Handle)
        } else {
            None
        }
    }
}

/// Bindings compiled once from a [`Config`]; route messages with [`Router::route`].
#[derive(Debug, Clone)]
pub struct Router {
    /// In file order: agents in file order, bindings in list order.
    rules: Vec<Rule>,
    /// Per channel (as first spelled in the file): indices into `rules`, most specific first,
    /// file order among equals, so the first match wins and other channels are never looked at.
    by_channel: Vec<(String, Vec<usize>)>,
    default_agent: String,
    dm_scope: DmScope,
}

/// The binding a message matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Matched<'r> {
    /// The agent the binding belongs to.
    pub agent: &'r str,
    /// 1-based position in the agent's `bindings` (what `bind rm <agent> <n>` takes).
    pub n: usize,
    /// The binding as configured.
    pub binding: &'r Binding,
    /// How specific it is.
    pub specificity: Specificity,
    /// Which part of the sender its `peer` glob matched; `None` when it has no `peer`.
    pub matched_on: Option<PeerField>,
}

/// Where a message goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route<'r> {
    /// The agent that gets the message.
    pub agent: &'r str,
    /// The winning binding; `None` when the message went to `defaultAgent`.
    pub matched: Option<Matched<'r>>,
    /// The session the message lands in. `None` only for a direct message without a sender
    /// (which channels never deliver) under a `dmScope` that needs one.
    pub session_key: Option<SessionKey>,
}

impl Route<'_> {
    /// One sentence: which binding matched, or that `defaultAgent` got it.
    pub fn reason(&self) -> String {
        match &self.matched {
            Some(m) => format!("{} #{} matched ({})", m.agent, m.n, m.specificity),
            None => format!("no binding matched; defaultAgent {}", self.agent),
        }
    }
}

/// A field of a binding that a message did not satisfy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// The channel differs.
    Channel {
        /// The binding's channel.
        want: String,
        /// The message's channel.
        got: String,
    },
    /// The account differs or the message names none.
    Account {
        /// The binding's accountId.
        want: String,
        /// The message's account, if any.
        got: Option<String>,
    },
    /// None of the sender id, name and handle matches, or there is no sender.
    Peer {
        /// The binding's glob.
        pattern: String,
        /// The sender id, if any.
        got: Option<String>,
        /// The sender's name, if given.
        name: Option<String>,
        /// The sender's handle (without `@`), if given.
        handle: Option<String>,
    },
    /// The group id does not match, or the message is not in a group.
    Group {
        /// The binding's glob.
        pattern: String,
        /// The group id, if any.
        got: Option<String>,
    },
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mismatch::Channel { want, got } => write!(f, "channel {got:?} is not {want:?}"),
            Mismatch::Account { want, got: Some(got) } => write!(f, "accountId {got:?} is not {want:?}"),
            Mismatch::Account { want, got: None } => write!(f, "no accountId given (wants {want:?})"),
            Mismatch::Peer { pattern, got: Some(got), name, handle } => {
                let tried: Vec<String> =
                    [("peer", Some(got)), ("name", name.as_ref()), ("handle", handle.as_ref())]
                        .into_iter()
                        .filter_map(|(field, value)| value.map(|v| format!("{field} {v:?}")))
                        .collect();
                match tried.as_slice() {
                    [one] => write!(f, "{one} does not match {pattern:?}"),
                    [a, b] => write!(f, "neither {a} nor {b} matches {pattern:?}"),
                    all => write!(f, "none of {} matches {pattern:?}", all.join(", ")),
                }
            }
            Mismatch::Peer { pattern, got: None, .. } => write!(f, "no peer given (wants {pattern:?})"),
            Mismatch::Group { pattern, got: Some(got) } => {
                write!(f, "group {got:?} does not match {pattern:?}")
            }
            Mismatch::Group { pattern, got: None } => write!(f, "no group given (wants {pattern:?})"),
        }
    }
}

/// Why a binding did or did not win.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It matched and won.
    Won,
    /// It did not match; the fields at fault, in field order.
    NoMatch(Vec<Mismatch>),
    /// It matched, but the winner is more specific.
    LessSpecific {
        /// This binding's specificity.
        mine: Specificity,
        /// The winner's.
        winner: Specificity,
    },
    /// It matched and is as specific as the winner, which comes first in the file.
    LaterInFile,
}

impl Verdict {
    /// Whether the binding matched the message (won or not).
    pub fn matched(&self) -> bool {
        !matches!(self, Verdict::NoMatch(_))
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::Won => f.write_str("matched; most specific and first in the file"),
            Verdict::NoMatch(fields) => {
                let mut sep = "";
                for m in fields {
                    write!(f, "{sep}{m}")?;
                    sep = "; ";
                }
                Ok(())
            }
            Verdict::LessSpecific { mine, winner } => {
                write!(f, "matched, but less specific ({mine} < {winner})")
            }
            Verdict::LaterInFile => f.write_str("matched and as specific, but later in the file"),
        }
    }
}

/// One binding's part in a routing decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate<'r> {
    /// The agent the binding belongs to.
    pub agent: &'r str,
    /// 1-based position in the agent's `bindings`.
    pub n: usize,
    /// The binding as configured.
    pub binding: &'r Binding,
    /// How specific it is.
    pub specificity: Specificity,
    /// Which part of the sender its `peer` glob matched; `None` when it has no `peer` or did
    /// not match.
    pub matched_on: Option<PeerField>,
    /// Why it won or lost.
    pub verdict: Verdict,
}

/// A routing decision with every binding's part in it, for `openclaw bind explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation<'r> {
    /// The decision, exactly as [`Router::route`] makes it.
    pub route: Route<'r>,
    /// Every binding, in file order.
    pub candidates: Vec<Candidate<'r>>,
}

impl Router {
    /// Compiles every binding of `config`; fails on the first invalid glob or missing channel.
    pub fn new(config: &Config) -> Result<Self, RouterError> {
        let mut rules = Vec::new();
        for (agent, agent_cfg) in &config.agents {
            for (i, binding) in agent_cfg.bindings.iter().enumerate() {
                let n = i + 1;
                if binding.channel.trim().is_empty() {
                    return Err(RouterError::NoChannel { agent: agent.clone(), n });
                }
                let compile = |field: &'static str, pattern: &str| {
                    GlobBuilder::new(pattern)
                        .case_insensitive(true)
                        .build()
                        .map(|g| g.compile_matcher())
                        .map_err(|e| RouterError::Glob {
                            agent: agent.clone(),
                            n,
                            field,
                            pattern: pattern.to_string(),
                            reason: e.kind().to_string(),
                        })
                };
                let peer = match binding.peer.as_deref() {
                    Some(p) => Some(PeerGlob {
                        whole: compile("peer", p)?,
                        // `@` is no glob syntax, so the rest of a valid glob is valid too.
                        handle: p.strip_prefix('@').map(|rest| compile("peer", rest)).transpose()?,
                    }),
                    None => None,
                };
                rules.push(Rule {
                    agent: agent.clone(),
                    n,
                    binding: binding.clone(),
                    peer,
                    group: binding.group.as_deref().map(|g| compile("group", g)).transpose()?,
                    specificity: Specificity::of(binding),
                });
            }
        }
        let mut by_channel: Vec<(String, Vec<usize>)> = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            let channel = &rule.binding.channel;
            match by_channel.iter_mut().find(|(c, _)| c.eq_ignore_ascii_case(channel)) {
                Some((_, list)) => list.push(i),
                None => by_channel.push((channel.clone(), vec![i])),
            }
        }
        for (_, list) in &mut by_channel {
            // Stable sort: file order survives among equally specific bindings.
            list.sort_by_key(|&i| Reverse(rules[i].specificity));
        }
        Ok(Self {
            rules,
            by_channel,
            default_agent: config.default_agent.clone(),
            dm_scope: config.session.dm_scope,
        })
    }

    /// The `dmScope` session keys are built under.
    pub fn dm_scope(&self) -> DmScope {
        self.dm_scope
    }

    /// Decides where `msg` goes: the most specific matching binding, else `defaultAgent`.
    pub fn route(&self, msg: &Inbound<'_>) -> Route<'_> {
        let subject = Subject::new(msg);
        let winner =
            self.by_channel.iter().find(|(channel, _)| channel.eq_ignore_ascii_case(msg.channel)).and_then(
                |(_, list)| list.iter().map(|&i| &self.rules[i]).find(|r| r.matches_beyond_channel(&subject)),
            );
        let matched = winner.map(|r| Matched {
            agent: &r.agent,
            n: r.n,
            binding: &r.binding,
            specificity: r.specificity,
            matched_on: r.peer.as_ref().and_then(|g| subject.peer_match(g)),
        });
        let agent = matched.map_or(self.default_agent.as_str(), |m| m.agent);
        Route { agent, matched, session_key: self.session_key(agent, msg) }
    }

    /// Routes `msg` and says, for every binding, why it won or lost.
    pub fn explain(&self, msg: &Inbound<'_>) -> Explanation<'_> {
        let route = self.route(msg);
        let winner = route.matched.map(|m| (m.agent, m.n, m.specificity));
        let subject = Subject::new(msg);
        let candidates = self
            .rules
            .iter()
            .map(|r| {
                let verdict = match winner {
                    _ if !r.matches(&subject) => Verdict::NoMatch(r.mismatches(&subject)),
                    Some((agent, n, _)) if agent == r.agent && n == r.n => Verdict::Won,
                    Some((_, _, best)) if r.specificity < best => {
                        Verdict::LessSpecific { mine: r.specificity, winner: best }
                    }
                    // A match with no winner cannot happen; equal specificity means later in file.
                    _ => Verdict::LaterInFile,
                };
                let matched_on = if verdict.matched() {
                    r.peer.as_ref().and_then(|g| subject.peer_match(g))
                } else {
                    None
                };
                Candidate {
                    agent: &r.agent,
                    n: r.n,
                    binding: &r.binding,
                    specificity: r.specificity,
                    matched_on,
                    verdict,
                }
            })
            .collect();
        Explanation { route, candidates }
    }

    /// The session key for `msg` once it is routed to `agent`.
    pub fn session_key(&self, agent: &str, msg: &Inbound<'_>) -> Option<SessionKey> {
        match (msg.group, msg.peer) {
            (Some(group), _) => Some(SessionKey::group(agent, msg.channel, group, msg.thread)),
            (None, Some(peer)) => Some(SessionKey::direct(agent, self.dm_scope, msg.channel, peer.id)),
            (None, None) if self.dm_scope == DmScope::Main => Some(SessionKey::main(agent)),
            (None, None) => None,
        }
    }
}

/// Shows a binding the way it is written in `gateway.json5`: `{ channel: "telegram", peer: "jonas_*" }`.
pub fn display_binding(binding: &Binding) -> impl fmt::Display + '_ {
    struct Shown<'a>(&'a Binding);
    impl fmt::Display for Shown<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            let b = self.0;
            write!(f, "{{ channel: {:?}", b.channel)?;
            for (key, value) in [("accountId", &b.account_id), ("peer", &b.peer), ("group", &b.group)] {
                if let Some(v) = value {
                    write!(f, ", {key}: {v:?}")?;
                }
            }
            f.write_str(" }")
        }
    }
    Shown(binding)
}

#[cfg(test)]
mod tests;
