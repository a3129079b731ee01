//! The IRC adapter: one TCP (or TLS) connection per account, RFC 1459/2812 lines with the IRCv3
//! pieces bots need (CAP negotiation, SASL PLAIN).
//!
//! Registration: `CAP LS 302`, `PASS` (when `password` is set), `NICK`, `USER`; with
//! `saslPassword`, `CAP REQ :sasl` → `AUTHENTICATE PLAIN` → 903 → `CAP END` (a server without SASL,
//! or a 902/904/905/906 answer, stops the account with a health error naming the key instead of
//! reconnecting in a loop; so does 464, a refused server password). A nick in use (433/436)
//! during registration moves to the configured nick with a rising number (`bot1`, `bot2`, …,
//! cut to fit the server's nick length), never the same fallback twice, and the configured nick
//! is asked for again at each of our PINGs until it is free. After 001 the
//! configured channels are joined, one JOIN per line, through the flood limiter.
//!
//! Liveness: a server `PING` is answered at once; our own `PING` goes out every
//! `pingIntervalSeconds` (60), and a link that sent nothing at all since the previous one is dead
//! and is reconnected with capped, jittered backoff (1 s → 60 s, reset after a registration).
//!
//! Inbound: a `PRIVMSG` to our nick is a DM (`irc:peer:<nick>`, the nick case-folded by the
//! server's CASEMAPPING); to a channel it is `irc:channel:<#channel>` and counts as addressed when
//! it names our current nick as a word (`bot: hi`, `hi bot`), the `bot:` prefix removed. NOTICEs
//! are never answered (the RFC's rule for bots), CTCP other than ACTION is ignored, formatting
//! codes are stripped.
//!
//! Outbound: model output is hostile here, so CR, LF, NUL and every other control character
//! (CTCP's `\x01` too) can never reach the wire: each line of a reply becomes its own `PRIVMSG`,
//! cut so that the line the server relays — `:nick!user@host PRIVMSG <target> :<text>\r\n` —
//! stays within 512 bytes (the mask is learned from 001). In a channel the first line is addressed
//! to the asker (`ann: …`). Lines go out through a token bucket (`floodBurst` 4 lines, then one per
//! `floodIntervalMs` 1000): servers kill a client that floods ("Excess Flood").
//!
//! Without a running gateway (`openclaw send --channel irc`), each part goes over a connection
//! of its own that registers, joins the configured channels, sends and QUITs.
//!
//! Durability: IRC has none. There is no ack and no server-side buffer, so a message sent to the
//! bot while it is disconnected (gateway down, reconnecting) is gone. What was received is
//! journaled before anything else happens to it, so a crash after that (even `kill -9` in the
//! middle of the turn) answers it once after the restart. Ids are the IRCv3 `msgid` tag when the
//! server sends one, else a fresh UUID (there is no redelivery to de-duplicate).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::{mpsc, oneshot, watch};
use tokio::time::Instant;

use super::kind::{AccountConfig, Kind, Limits, SettingError};
use super::{
    BoxFuture, Channel, ChannelError, ChatKind, ChatRef, Health, HealthCell, InboundMessage, Inbox, Part,
    Sender, Unit, chunk, config_error, lock, stopped, transport_error,
};
use crate::net::Backoff;

/// Channel name in the config and in messages.
pub const NAME: &str = "irc";
/// The size of one outbox part, in bytes; each part is cut again to the exact line budget.
pub const PART_LEN: usize = 400;
/// The longest line (tags included) read from a server before the link is called broken.
const MAX_LINE: u64 = 16 * 1024;
/// How long registration may take.
const REGISTRATION_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a send waits for a connection that is being (re)established.
const SEND_WAIT: Duration = Duration::from_secs(15);
/// Nick alternatives tried during one registration before giving up on the connection.
const MAX_NICK_TRIES: u32 = 30;

/// The IRC kind: 400-byte parts (each line is then cut to the server's exact budget).
pub static KIND: Kind = Kind {
    name: NAME,
    limits: Limits { max_len: PART_LEN, unit: Unit::Bytes, min_interval: Duration::ZERO },
    token_key: "nick",
    target,
    check: |account| Settings::read(account).map(drop),
    connect: |account, _cx| Ok(Arc::new(IrcChannel::from_account(account)?) as Arc<dyn Channel>),
};

/// `#chan` (any of `#&+!`) or `channel:#chan` is a channel; `nick` or `user:nick` a DM.
fn target(to: &str) -> ChatRef {
    let to = to.trim();
    let to = to.strip_prefix("channel:").unwrap_or(to);
    if let Some(nick) = to.strip_prefix("user:") {
        return ChatRef { id: nick.to_string(), kind: ChatKind::Direct, thread: None };
    }
    let kind = if to.starts_with(['#', '&', '+', '!']) { ChatKind::Channel } else { ChatKind::Direct };
    ChatRef { id: to.to_string(), kind, thread: None }
}

/// An account's settings, typed. `server` is `host:port` (OpenClaw's `host` + `port` work too);
/// `tls` (default true; port 6697, else 6667); `nick` (required); `username` (default the nick);
/// `realname` (default `openclaw`); `password` (the server password, `PASS`); `saslPassword`
/// with `saslUsername` (default the nick): SASL PLAIN, required when set; `channels` to join;
/// `pingIntervalSeconds` (60); `floodBurst` (4) and `floodIntervalMs` (1000).
#[derive(Clone)]
struct Settings {
    host: String,
    port: u16,
    tls: bool,
    nick: String,
    username: String,
    realname: String,
    password: Option<String>,
    password_key: String,
    sasl: Option<(String, String)>,
    sasl_key: String,
    channels: Vec<String>,
    ping_interval: Duration,
    flood_burst: u32,
    flood_interval: Duration,
}

/// Characters IRC allows in a nick (RFC 2812 §2.3.1, plus what servers accept in practice).
fn nick_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "[]\\`_^{|}-".contains(c)
}

impl Settings {
    fn read(a: &AccountConfig) -> Result<Settings, SettingError> {
        let tls = a.flag("tls", true)?;
        let default_port = if tls { 6697 } else { 6667 };
        let (host, port) = match a.string("server")? {
            Some(s) => parse_server(s, default_port).ok_or_else(|| {
                a.error("server", format_args!("is not host:port (e.g. irc.libera.chat:6697): {s:?}"))
            })?,
            None => match a.string("host")? {
                Some(h) if !h.trim().is_empty() && !h.contains(char::is_whitespace) => {
                    let port = a.number("port", 1..=65535, "port", u64::from(default_port))?;
                    (h.trim().to_string(), port as u16)
                }
                Some(h) => return Err(a.error("host", format_args!("is not a host name: {h:?}"))),
                None => return Err(a.error("server", "is not set (host:port, e.g. irc.libera.chat:6697)")),
            },
        };
        let nick = match a.string("nick")? {
            Some(n) if valid_nick(n) => n.to_string(),
            Some(n) => {
                return Err(a.error(
                    "nick",
                    format_args!(
                        "is not an IRC nick: {n:?} (letters, digits and []\\`_^{{|}}-, not starting with a digit or -)"
                    ),
                ));
            }
            None => return Err(a.error("nick", "is not set")),
        };
        let word = |key: &str, default: &str| -> Result<String, SettingError> {
            match a.string(key)? {
                None => Ok(default.to_string()),
                Some(s)
                    if !s.is_empty()
                        && !s.contains(|c: char| c.is_whitespace() || c.is_control() || c == '@') =>
                {
                    Ok(s.to_string())
                }
                Some(s) => Err(a.error(key, format_args!("must be one word without spaces or @: {s:?}"))),
            }
        };
        let username = word("username", &nick)?;
        let realname = match a.string("realname")? {
            None => "openclaw".to_string(),
            Some(s) if !s.is_empty() && !s.contains(|c: char| c.is_control()) => s.to_string(),
            Some(s) => return Err(a.error("realname", format_args!("must be one line of text: {s:?}"))),
        };
        let line_secret = |key: &str| -> Result<Option<String>, SettingError> {
            if a.get(key).is_none_or(Value::is_null) {
                return Ok(None);
            }
            let s = a.secret(key)?;
            if s.contains(['\r', '\n', '\0']) {
                return Err(a.error(key, "must be one line"));
            }
            Ok(Some(s))
        };
        let password = line_secret("password")?;
        let sasl = match line_secret("saslPassword")? {
            Some(p) => Some((word("saslUsername", &nick)?, p)),
            None => None,
        };
        let channels = match a.get("channels") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(list)) => {
                let mut out = Vec::new();
                for v in list {
                    match v.as_str() {
                        Some(c) if valid_channel(c) => out.push(c.to_string()),
                        _ => {
                            return Err(a.error(
                                "channels",
                                format_args!(
                                    "must list channel names such as \"#ops\" (starting with # & + or !, no spaces or commas), not {v}"
                                ),
                            ));
                        }
                    }
                }
                out
            }
            Some(_) => return Err(a.error("channels", "must be a list of channel names, e.g. [\"#ops\"]")),
        };
        Ok(Settings {
            host,
            port,
            tls,
            nick,
            username,
            realname,
            password,
            password_key: a.dotted("password"),
            sasl,
            sasl_key: a.dotted("saslPassword"),
            channels,
            ping_interval: Duration::from_secs(a.number("pingIntervalSeconds", 1..=3600, "seconds", 60)?),
            flood_burst: a.number("floodBurst", 1..=100, "lines", 4)? as u32,
            flood_interval: Duration::from_millis(a.number(
                "floodIntervalMs",
                0..=60_000,
                "milliseconds",
                1000,
            )?),
        })
    }
}

/// `host:port`, `host` (the default port) or `[v6]:port`.
fn parse_server(s: &str, default_port: u16) -> Option<(String, u16)> {
    let s = s.trim();
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let (h, after) = rest.split_once(']')?;
        match after.strip_prefix(':') {
            Some(p) => (h, p.parse().ok()?),
            None if after.is_empty() => (h, default_port),
            None => return None,
        }
    } else {
        match s.rsplit_once(':') {
            Some((h, p)) => (h, p.parse().ok()?),
            None => (s, default_port),
        }
    };
    let ok = !host.is_empty() && port != 0 && !host.contains(|c: char| c.is_whitespace() || c == '/');
    ok.then(|| (host.to_string(), port))
}

fn valid_nick(n: &str) -> bool {
    !n.is_empty()
        && n.len() <= 64
        && n.chars().all(nick_char)
        && !n.starts_with(|c: char| c.is_ascii_digit() || c == '-')
}

fn valid_channel(c: &str) -> bool {
    c.len() > 1
        && c.len() <= 200
        && c.starts_with(['#', '&', '+', '!'])
        && !c.contains(|ch: char| ch.is_whitespace() || ch.is_control() || ch == ',')
}

/// How the server compares nicks and channel names (ISUPPORT `CASEMAPPING`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseMapping {
    Ascii,
    /// `[]\~` are the upper case of `{}|^` (the RFC's Scandinavian heritage; the default).
    Rfc1459,
    /// As rfc1459 without `~`/`^`.
    StrictRfc1459,
}

impl CaseMapping {
    fn fold(self, s: &str) -> String {
        s.chars()
            .map(|c| match (self, c) {
                (_, 'A'..='Z') => c.to_ascii_lowercase(),
                (CaseMapping::Ascii, _) => c,
                (_, '[') => '{',
                (_, ']') => '}',
                (_, '\\') => '|',
                (CaseMapping::Rfc1459, '~') => '^',
                _ => c,
            })
            .collect()
    }
}

/// One line from the server, split (tags, prefix, command, parameters).
#[derive(Debug, PartialEq, Eq)]
struct Line<'a> {
    tags: Option<&'a str>,
    prefix: Option<&'a str>,
    command: &'a str,
    params: Vec<&'a str>,
}

impl<'a> Line<'a> {
    fn parse(raw: &'a str) -> Option<Line<'a>> {
        let mut rest = raw.trim_end_matches(['\r', '\n']);
        let word = |rest: &mut &'a str| -> &'a str {
            let s = rest.trim_start_matches(' ');
            let (w, r) = s.split_once(' ').unwrap_or((s, ""));
            *rest = r;
            w
        };
        let tags = match rest.starts_with('@') {
            true => Some(&word(&mut rest)[1..]),
            false => None,
        };
        let prefix = match rest.trim_start_matches(' ').starts_with(':') {
            true => Some(&word(&mut rest)[1..]),
            false => None,
        };
        let command = word(&mut rest);
        if command.is_empty() {
            return None;
        }
        let mut params = Vec::new();
        loop {
            let s = rest.trim_start_matches(' ');
            if s.is_empty() {
                break;
            }
            if let Some(trailing) = s.strip_prefix(':') {
                params.push(trailing);
                break;
            }
            rest = s;
            params.push(word(&mut rest));
        }
        Some(Line { tags, prefix, command, params })
    }

    fn param(&self, i: usize) -> &'a str {
        self.params.get(i).copied().unwrap_or("")
    }

    /// The nick of the prefix (`nick!user@host`).
    fn nick(&self) -> &'a str {
        let p = self.prefix.unwrap_or("");
        p.split(['!', '@']).next().unwrap_or(p)
    }

    fn tag(&self, name: &str) -> Option<&'a str> {
        self.tags?.split(';').find_map(|t| match t.split_once('=') {
            Some((k, v)) if k == name => Some(v),
            None if t == name => Some(""),
            _ => None,
        })
    }
}

/// Removes mIRC formatting (bold, colours, italics, …) and every other control character.
fn strip_formatting(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x03' => {
                // \x03[fg[,bg]], each one or two digits.
                for _ in 0..2 {
                    chars.next_if(char::is_ascii_digit);
                }
                if chars.peek() == Some(&',') {
                    let mut probe = chars.clone();
                    probe.next();
                    if probe.peek().is_some_and(char::is_ascii_digit) {
                        chars.next();
                        for _ in 0..2 {
                            chars.next_if(char::is_ascii_digit);
                        }
                    }
                }
            }
            '\x04' => {
                for _ in 0..6 {
                    chars.next_if(char::is_ascii_hexdigit);
                }
            }
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One line of model output made safe for the wire: no CR, LF, NUL, CTCP delimiters or other
/// control characters (a tab becomes a space).
fn sanitize(line: &str) -> String {
    line.chars().filter_map(|c| if c == '\t' { Some(' ') } else { (!c.is_control()).then_some(c) }).collect()
}

/// Whether `text` names `nick` as a whole word (compared under `map`).
fn mentions(text: &str, nick: &str, map: CaseMapping) -> bool {
    let (t, n) = (map.fold(text), map.fold(nick));
    if n.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(i) = t[from..].find(&n) {
        let (start, end) = (from + i, from + i + n.len());
        let before = t[..start].chars().next_back().is_none_or(|c| !nick_char(c));
        let after = t[end..].chars().next().is_none_or(|c| !nick_char(c));
        if before && after {
            return true;
        }
        from = end;
    }
    false
}

/// `bot: hi` / `bot, hi` → `hi`; anything else unchanged.
fn strip_address(text: &str, nick: &str, map: CaseMapping) -> String {
    let t = text.trim_start();
    if t.len() > nick.len() && t.is_char_boundary(nick.len()) && map.fold(&t[..nick.len()]) == map.fold(nick)
    {
        let rest = &t[nick.len()..];
        if let Some(r) = rest.strip_prefix([':', ',']) {
            return r.trim().to_string();
        }
    }
    text.trim().to_string()
}

/// The `n`th alternative of `base`: `base` + `n`, the base cut so the whole fits `limit`.
fn alt_nick(base: &str, n: u32, limit: usize) -> String {
    let suffix = n.to_string();
    let keep = limit.saturating_sub(suffix.len()).max(1).min(base.len());
    format!("{}{suffix}", &base[..keep])
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let b = [group[0], *group.get(1).unwrap_or(&0), *group.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            out.push(if i <= group.len() { ABC[((n >> shift) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

/// The `AUTHENTICATE` lines carrying a SASL PLAIN response: 400-byte pieces, and a lone `+`
/// after a last piece of exactly 400 (IRCv3 sasl-3.1).
fn sasl_plain(user: &str, password: &str) -> Vec<String> {
    let payload = base64(format!("{user}\0{user}\0{password}").as_bytes());
    let mut lines: Vec<String> = payload
        .as_bytes()
        .chunks(400)
        .map(|c| format!("AUTHENTICATE {}", String::from_utf8_lossy(c)))
        .collect();
    if payload.len().is_multiple_of(400) {
        lines.push("AUTHENTICATE +".to_string());
    }
    lines
}

trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

/// A line to write on the live connection; `done` is answered once it is on the wire.
struct Out {
    line: String,
    done: oneshot::Sender<()>,
}

/// What senders need of the live connection.
#[derive(Clone)]
struct Link {
    epoch: u64,
    tx: mpsc::Sender<Out>,
    nick: String,
    /// `user@host` as the server relays us (from 001), for the line budget.
    user_host: Option<String>,
}

/// How one connection ended.
enum End {
    Shutdown,
    Reconnect(String),
    Fatal(String),
}

/// One IRC account.
pub struct IrcChannel {
    account: String,
    settings: Settings,
    health: HealthCell,
    link: Mutex<Option<Link>>,
    running: Mutex<bool>,
    epoch: Mutex<u64>,
}

impl std::fmt::Debug for IrcChannel {
    /// Without the passwords.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IrcChannel")
            .field("account", &self.account)
            .field("server", &format!("{}:{}", self.settings.host, self.settings.port))
            .field("nick", &self.settings.nick)
            .finish_non_exhaustive()
    }
}

/// Writes one line (CRLF added); the caller made sure it holds no CR or LF.
async fn write_line(w: &mut (impl AsyncWrite + Unpin), line: &str) -> std::io::Result<()> {
    let mut bytes = Vec::with_capacity(line.len() + 2);
    bytes.extend_from_slice(line.as_bytes());
    bytes.extend_from_slice(b"\r\n");
    w.write_all(&bytes).await?;
    w.flush().await
}

impl IrcChannel {
    /// Builds the adapter of one resolved account. Nothing is contacted until it runs.
    pub fn from_account(account: &AccountConfig) -> Result<Self, ChannelError> {
        let settings = Settings::read(account).map_err(|e| config_error(NAME, e.message))?;
        Ok(IrcChannel {
            account: account.id.clone(),
            settings,
            health: HealthCell::default(),
            link: Mutex::new(None),
            running: Mutex::new(false),
            epoch: Mutex::new(0),
        })
    }

    /// Builds the adapter for `channels.irc.accounts.<account_id>`; `channel` is the value of
    /// `channels.irc`.
    pub fn from_config(account_id: &str, channel: &Value) -> Result<Self, ChannelError> {
        Self::from_account(&AccountConfig::resolve(&KIND, account_id, channel))
    }

    fn server(&self) -> String {
        format!("{}:{}", self.settings.host, self.settings.port)
    }

    async fn connect(&self) -> Result<Box<dyn Io>, String> {
        let addr = (self.settings.host.as_str(), self.settings.port);
        let tcp = tokio::time::timeout(Duration::from_secs(10), tokio::net::TcpStream::connect(addr))
            .await
            .map_err(|_| format!("connecting to {}: timed out", self.server()))?
            .map_err(|e| format!("connecting to {}: {e}", self.server()))?;
        let _ = tcp.set_nodelay(true);
        if !self.settings.tls {
            return Ok(Box::new(tcp));
        }
        let config = crate::net::tls_config()?;
        let name = rustls::pki_types::ServerName::try_from(self.settings.host.clone())
            .map_err(|e| format!("{} is not a TLS server name: {e}", self.settings.host))?;
        let tls = tokio::time::timeout(
            Duration::from_secs(10),
            tokio_rustls::TlsConnector::from(Arc::new(config)).connect(name, tcp),
        )
        .await
        .map_err(|_| format!("TLS handshake with {}: timed out", self.server()))?
        .map_err(|e| format!("TLS handshake with {}: {e}", self.server()))?;
        Ok(Box::new(tls))
    }

    async fn run_loop(&self, inbox: Inbox, mut shutdown: watch::Receiver<bool>) -> Result<(), ChannelError> {
        let mut backoff = Backoff::new(Duration::from_secs(1), Duration::from_secs(60));
        loop {
            if *shutdown.borrow() {
                return Ok(());
            }
            let end = match self.connect().await {
                Ok(stream) => self.session(stream, &inbox, &mut shutdown, &mut backoff).await,
                Err(e) => End::Reconnect(e),
            };
            match end {
                End::Shutdown => return Ok(()),
                End::Fatal(why) => return Err(config_error(NAME, why)),
                End::Reconnect(why) => {
                    self.health.set(Health::Failing { error: format!("{NAME}: {why}; reconnecting") });
                    tokio::select! {
                        _ = tokio::time::sleep(backoff.next_wait()) => {}
                        _ = stopped(&mut shutdown) => return Ok(()),
                    }
                }
            }
        }
    }

    /// One connection, from registration to its end.
    async fn session(
        &self,
        stream: Box<dyn Io>,
        inbox: &Inbox,
        shutdown: &mut watch::Receiver<bool>,
        backoff: &mut Backoff,
    ) -> End {
        let epoch = {
            let mut e = lock(&self.epoch);
            *e += 1;
            *e
        };
        let (read, mut write) = tokio::io::split(stream);
        let (line_tx, mut lines) = mpsc::channel::<std::io::Result<Option<String>>>(64);
        let reader = tokio::spawn(async move {
            let mut reader = BufReader::new(read);
            loop {
                let mut buf = Vec::new();
                let got = (&mut reader).take(MAX_LINE).read_until(b'\n', &mut buf).await;
                let item = match got {
                    Ok(0) => Ok(None),
                    Ok(_) if !buf.ends_with(b"\n") && buf.len() as u64 >= MAX_LINE => {
                        Err(std::io::Error::other("the server sent a line longer than 16 KiB"))
                    }
                    Ok(_) => Ok(Some(String::from_utf8_lossy(&buf).into_owned())),
                    Err(e) => Err(e),
                };
                let end = !matches!(item, Ok(Some(_)));
                if line_tx.send(item).await.is_err() || end {
                    return;
                }
            }
        });
        let end = self.converse(&mut write, &mut lines, epoch, inbox, shutdown, backoff).await;
        reader.abort();
        {
            let mut link = lock(&self.link);
            if link.as_ref().is_some_and(|l| l.epoch == epoch) {
                *link = None;
            }
        }
        end
    }

    #[allow(clippy::too_many_arguments)]
    async fn converse(
        &self,
        w: &mut (impl AsyncWrite + Unpin),
        lines: &mut mpsc::Receiver<std::io::Result<Option<String>>>,
        epoch: u64,
        inbox: &Inbox,
        shutdown: &mut watch::Receiver<bool>,
        backoff: &mut Backoff,
    ) -> End {
        let s = &self.settings;
        macro_rules! send {
            ($line:expr) => {
                if let Err(e) = write_line(w, $line.as_ref()).await {
                    return End::Reconnect(format!("writing to {}: {e}", self.server()));
                }
            };
        }
        send!("CAP LS 302");
        if let Some(p) = &s.password {
            send!(format!("PASS {p}"));
        }
        send!(format!("NICK {}", s.nick));
        send!(format!("USER {} 0 * :{}", s.username, s.realname));

        let (out_tx, mut out_rx) = mpsc::channel::<Out>(16);
        let mut nick = s.nick.clone();
        let mut nick_tries = 0u32;
        let mut nick_len = s.nick.len().max(9);
        let mut map = CaseMapping::Rfc1459;
        let mut chantypes = "#&".to_string();
        let mut caps = String::new();
        let mut registered = false;
        let mut queue: VecDeque<(String, Option<oneshot::Sender<()>>)> = VecDeque::new();
        let mut tat = Instant::now();
        // A token bucket kept as a theoretical arrival time (GCRA): `floodBurst` lines at once, then
        // one per `floodIntervalMs`.
        let burst_span = s.flood_interval * (s.flood_burst - 1);
        let deadline = Instant::now() + REGISTRATION_TIMEOUT;
        let mut next_ping = Instant::now() + s.ping_interval;
        let mut ping_out = false;
        let mut pings = 0u64;

        loop {
            let next_free = tat.checked_sub(burst_span).unwrap_or(tat);
            let tick = if registered { next_ping } else { deadline };
            tokio::select! {
                got = lines.recv() => {
                    let raw = match got {
                        Some(Ok(Some(raw))) => raw,
                        Some(Ok(None)) | None => return End::Reconnect(format!("{} closed the connection", self.server())),
                        Some(Err(e)) => return End::Reconnect(format!("reading from {}: {e}", self.server())),
                    };
                    ping_out = false;
                    let Some(line) = Line::parse(&raw) else { continue };
                    match line.command {
                        "PING" => send!(format!("PONG :{}", line.param(0))),
                        "CAP" => match line.param(1) {
                            "LS" => {
                                let more = line.params.len() > 3 && line.param(2) == "*";
                                caps.push(' ');
                                caps.push_str(line.params.last().copied().unwrap_or(""));
                                if more {
                                    continue;
                                }
                                let offers_sasl = caps.split_whitespace().any(|c| c == "sasl" || c.starts_with("sasl="));
                                match (&s.sasl, offers_sasl) {
                                    (Some(_), true) => send!("CAP REQ :sasl"),
                                    (Some((user, _)), false) => {
                                        return End::Fatal(format!(
                                            "{} is set but {} does not offer SASL (it offers: {}); SASL login as {user} is impossible there",
                                            s.sasl_key, self.server(), caps.trim()
                                        ));
                                    }
                                    (None, _) => send!("CAP END"),
                                }
                            }
                            "ACK" if line.params.last().is_some_and(|c| c.split_whitespace().any(|c| c == "sasl")) => {
                                send!("AUTHENTICATE PLAIN");
                            }
                            "NAK" if s.sasl.is_some() => {
                                return End::Fatal(format!(
                                    "{} is set but {} refused the SASL capability", s.sasl_key, self.server()
                                ));
                            }
                            _ => {}
                        },
                        "AUTHENTICATE" if line.param(0) == "+" => {
                            if let Some((user, pass)) = &s.sasl {
                                for l in sasl_plain(user, pass) {
                                    send!(l);
                                }
                            }
                        }
                        "903" | "907" => send!("CAP END"),
                        "902" | "904" | "905" | "906" => {
                            let user = s.sasl.as_ref().map(|(u, _)| u.as_str()).unwrap_or(&nick);
                            return End::Fatal(format!(
                                "SASL login as {user} failed on {} ({} {}); check {}",
                                self.server(), line.command, line.params.last().copied().unwrap_or(""), s.sasl_key
                            ));
                        }
                        "464" => {
                            return End::Fatal(match &s.password {
                                Some(_) => format!("{} was refused by {} (464 {})", s.password_key, self.server(), line.params.last().copied().unwrap_or("")),
                                None => format!("{} wants a server password (464); set {}", self.server(), s.password_key),
                            });
                        }
                        "465" => {
                            return End::Fatal(format!(
                                "{} refuses this client (465 {})", self.server(), line.params.last().copied().unwrap_or("")
                            ));
                        }
                        "432" | "433" | "436" | "437" if !registered => {
                            nick_tries += 1;
                            if nick_tries > MAX_NICK_TRIES {
                                return End::Reconnect(format!("every nick tried on {} is taken", self.server()));
                            }
                            if line.command == "432" {
                                // Erroneous: most likely too long; the server's NICKLEN is not known yet.
                                nick_len = nick_len.saturating_sub(1).max(2);
                            }
                            nick = alt_nick(&s.nick, nick_tries, nick_len);
                            send!(format!("NICK {nick}"));
                        }
                        "001" => {
                            registered = true;
                            next_ping = Instant::now() + s.ping_interval;
                            if !line.param(0).is_empty() {
                                nick = line.param(0).to_string();
                            }
                            let user_host = line.params.last().and_then(|t| t.split_whitespace().last())
                                .and_then(|mask| mask.split_once('!')).map(|(_, uh)| uh.to_string());
                            *lock(&self.link) = Some(Link { epoch, tx: out_tx.clone(), nick: nick.clone(), user_host });
                            for c in &s.channels {
                                queue.push_back((format!("JOIN {c}"), None));
                            }
                            self.health.set(Health::Ok);
                            backoff.reset();
                        }
                        "005" => {
                            for token in &line.params[1..line.params.len().saturating_sub(1)] {
                                match token.split_once('=') {
                                    Some(("CASEMAPPING", "ascii")) => map = CaseMapping::Ascii,
                                    Some(("CASEMAPPING", "strict-rfc1459")) => map = CaseMapping::StrictRfc1459,
                                    Some(("CASEMAPPING", _)) => map = CaseMapping::Rfc1459,
                                    Some(("CHANTYPES", t)) => chantypes = t.to_string(),
                                    Some(("NICKLEN", n)) => nick_len = n.parse().unwrap_or(nick_len),
                                    _ => {}
                                }
                            }
                        }
                        "NICK" if map.fold(line.nick()) == map.fold(&nick) => {
                            nick = line.param(0).to_string();
                            if let Some(l) = lock(&self.link).as_mut().filter(|l| l.epoch == epoch) {
                                l.nick = nick.clone();
                            }
                        }
                        // ngircd refuses a bad PASS with only `ERROR :Access denied: Bad password?`.
                        "ERROR" if !registered && line.param(0).to_ascii_lowercase().contains("password") => {
                            return End::Fatal(match &s.password {
                                Some(_) => format!("{} was refused by {} ({})", s.password_key, self.server(), line.param(0)),
                                None => format!("{} wants a server password ({}); set {}", self.server(), line.param(0), s.password_key),
                            });
                        }
                        "ERROR" => {
                            return End::Reconnect(format!("{} closed the link: {}", self.server(), line.param(0)));
                        }
                        "PRIVMSG" if registered => {
                            let Some(msg) = self.inbound(&line, &nick, map, &chantypes) else { continue };
                            match inbox.deliver(msg).await {
                                Ok(()) => {}
                                Err(ChannelError::Closed) => {
                                    let _ = write_line(w, "QUIT :shutting down").await;
                                    return End::Shutdown;
                                }
                                // IRC cannot resend it: the loss is reported, the link kept.
                                Err(e) => self.health.set(Health::Failing { error: format!("{NAME}: a message was not journaled: {e}") }),
                            }
                        }
                        _ => {}
                    }
                }
                Some(out) = out_rx.recv(), if registered => queue.push_back((out.line, Some(out.done))),
                _ = tokio::time::sleep_until(next_free), if registered && !queue.is_empty() => {
                    if let Some((l, done)) = queue.pop_front() {
                        send!(l);
                        if let Some(d) = done {
                            let _ = d.send(());
                        }
                        tat = tat.max(Instant::now()) + s.flood_interval;
                    }
                }
                _ = tokio::time::sleep_until(tick) => {
                    if !registered && Instant::now() >= deadline {
                        return End::Reconnect(format!("{} did not finish registration within {} s", self.server(), REGISTRATION_TIMEOUT.as_secs()));
                    }
                    if registered && Instant::now() >= next_ping {
                        if ping_out {
                            return End::Reconnect(format!(
                                "no answer from {} to a PING within {} s; the link is dead", self.server(), s.ping_interval.as_secs()
                            ));
                        }
                        pings += 1;
                        send!(format!("PING :openclaw-{pings}"));
                        if map.fold(&nick) != map.fold(&s.nick) {
                            // Try for the configured nick again; a 433 now changes nothing.
                            send!(format!("NICK {}", s.nick));
                        }
                        ping_out = true;
                        next_ping = Instant::now() + s.ping_interval;
                    }
                }
                _ = stopped(shutdown) => {
                    let _ = write_line(w, "QUIT :shutting down").await;
                    return End::Shutdown;
                }
            }
        }
    }

    /// Maps a PRIVMSG; `None` for what is not for the agent (our own lines, CTCP requests, empty text).
    fn inbound(
        &self,
        line: &Line<'_>,
        me: &str,
        map: CaseMapping,
        chantypes: &str,
    ) -> Option<InboundMessage> {
        let from = line.nick();
        if from.is_empty()
            || map.fold(from) == map.fold(me)
            || (from.contains('.') && !line.prefix?.contains('!'))
        {
            // Ourselves (echo-message), or a server.
            return None;
        }
        let to = line.param(0);
        let mut text = line.param(1).to_string();
        if let Some(ctcp) = text.strip_prefix('\x01') {
            let ctcp = ctcp.trim_end_matches('\x01');
            text = format!("/me {}", ctcp.strip_prefix("ACTION ")?);
        }
        let text = strip_formatting(&text);
        let in_channel = to.starts_with(|c: char| chantypes.contains(c));
        let (chat, addressed, text) = if in_channel {
            let chat = ChatRef { id: map.fold(to), kind: ChatKind::Channel, thread: None };
            (chat, mentions(&text, me, map), strip_address(&text, me, map))
        } else {
            (
                ChatRef { id: map.fold(from), kind: ChatKind::Direct, thread: None },
                true,
                text.trim().to_string(),
            )
        };
        if text.is_empty() {
            return None;
        }
        let id = match line.tag("msgid").filter(|m| !m.is_empty()) {
            Some(m) => format!("{NAME}:{}:{m}", self.account),
            None => format!("{NAME}:{}:{}", self.account, uuid::Uuid::new_v4().simple()),
        };
        Some(InboundMessage {
            id,
            channel: NAME.into(),
            account_id: self.account.clone(),
            addressed,
            sender: Sender {
                id: map.fold(from),
                name: Some(from.to_string()),
                username: Some(from.to_string()),
            },
            text,
            // IRC has no message ids; a channel reply is addressed to the asker instead.
            message_id: in_channel.then(|| from.to_string()),
            chat,
        })
    }

    /// Writes one part over the live connection.
    async fn write_part(&self, part: Part<'_>) -> Result<String, ChannelError> {
        let target = part.chat.id.as_str();
        let link = self.link().await?;
        let mask_len = link.nick.len() + 1 + link.user_host.as_ref().map_or(1 + 10 + 1 + 63, |uh| uh.len());
        let address = match part.chat.kind {
            ChatKind::Direct => None,
            _ => part.reply_to.filter(|who| valid_nick(who)),
        };
        let lines = privmsg_lines(target, part.text, address, mask_len);
        let n = lines.len();
        for line in lines {
            let (done, written) = oneshot::channel();
            link.tx
                .send(Out { line, done })
                .await
                .map_err(|_| transport_error(NAME, format!("the connection to {} closed", self.server())))?;
            written.await.map_err(|_| {
                transport_error(
                    NAME,
                    format!("the connection to {} closed before the line went out", self.server()),
                )
            })?;
        }
        let at = jiff::Timestamp::now().as_millisecond();
        Ok(format!("{at}-{n}"))
    }

    /// Without a running gateway (`send --channel`): a connection of its own for this part,
    /// which registers, joins the configured channels, sends, and QUITs.
    async fn one_shot(&self, part: Part<'_>) -> Result<String, ChannelError> {
        let (stop, shutdown) = watch::channel(false);
        let (inbox, mut rx) = Inbox::channel(4);
        *lock(&self.running) = true;
        let run = self.run_loop(inbox, shutdown);
        tokio::pin!(run);
        let send = self.write_part(part);
        tokio::pin!(send);
        let mut ran = None;
        let result = loop {
            tokio::select! {
                r = &mut send => break r,
                r = &mut run, if ran.is_none() => ran = Some(r),
                Some(d) = rx.recv() => {
                    // Nobody answers on a connection that only sends.
                    let _ = d.ack.send(Err(transport_error(NAME, "a send-only connection takes no messages")));
                }
            }
            if let Some(r) = &ran {
                break Err(match r {
                    Err(e) => e.clone(),
                    Ok(()) => transport_error(NAME, format!("the connection to {} ended", self.server())),
                });
            }
        };
        let _ = stop.send(true);
        if ran.is_none() {
            let _ = tokio::time::timeout(Duration::from_secs(3), &mut run).await;
        }
        *lock(&self.running) = false;
        result
    }

    /// The live connection, waiting (bounded) while one is being set up.
    async fn link(&self) -> Result<Link, ChannelError> {
        let until = Instant::now() + SEND_WAIT;
        loop {
            if let Some(l) = lock(&self.link).clone() {
                return Ok(l);
            }
            if !*lock(&self.running) {
                return Err(transport_error(NAME, format!("not connected to {}", self.server())));
            }
            if Instant::now() >= until {
                return Err(transport_error(
                    NAME,
                    format!("not connected to {} (reconnecting)", self.server()),
                ));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// The wire lines of one part to `target`: one PRIVMSG per line of text, each cut so that the
/// line as the server relays it (`:mask PRIVMSG target :text\r\n`) fits 512 bytes.
fn privmsg_lines(target: &str, text: &str, address: Option<&str>, mask_len: usize) -> Vec<String> {
    let overhead = 1 + mask_len + " PRIVMSG ".len() + target.len() + " :".len() + 2;
    let budget = 512usize.saturating_sub(overhead).max(16);
    let mut out = Vec::new();
    let mut first = true;
    for raw in text.split('\n') {
        let clean = sanitize(raw);
        if clean.trim().is_empty() {
            continue;
        }
        let clean = match (first, address) {
            (true, Some(who)) => format!("{who}: {}", clean.trim()),
            _ => clean.trim_end().to_string(),
        };
        first = false;
        for piece in chunk::split(&clean, budget, Unit::Bytes) {
            if !piece.is_empty() {
                out.push(format!("PRIVMSG {target} :{piece}"));
            }
        }
    }
    out
}

impl Channel for IrcChannel {
    fn kind(&self) -> &'static Kind {
        &KIND
    }

    fn account(&self) -> &str {
        &self.account
    }

    fn run(&self, inbox: Inbox, shutdown: watch::Receiver<bool>) -> BoxFuture<'_, Result<(), ChannelError>> {
        Box::pin(async move {
            *lock(&self.running) = true;
            let result = super::run_with_health(&self.health, self.run_loop(inbox, shutdown)).await;
            *lock(&self.running) = false;
            result
        })
    }

    fn send_part<'a>(&'a self, part: Part<'a>) -> BoxFuture<'a, Result<String, ChannelError>> {
        Box::pin(async move {
            let target = part.chat.id.as_str();
            let ok_target = !target.is_empty()
                && !target.starts_with(':')
                && !target.contains(|c: char| c.is_whitespace() || c.is_control() || c == ',');
            if !ok_target {
                return Err(ChannelError::Api {
                    channel: NAME.into(),
                    message: format!("{target:?} is not an IRC nick or channel"),
                    retry_after: None,
                });
            }
            if *lock(&self.running) {
                return self.write_part(part).await;
            }
            self.one_shot(part).await
        })
    }

    fn typing<'a>(&'a self, _chat: &'a ChatRef) -> BoxFuture<'a, ()> {
        // IRCv3 typing needs message-tags, which few servers (and no RFC one) carry: nothing.
        Box::pin(async {})
    }

    fn health(&self) -> Health {
        self.health.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lines_parse_with_tags_prefix_and_trailing() {
        let l = Line::parse("@msgid=abc;time=x :ann!~a@host PRIVMSG #ops :hi there: you\r\n").unwrap();
        assert_eq!(l.tag("msgid"), Some("abc"));
        assert_eq!(
            (l.nick(), l.command, l.params.clone()),
            ("ann", "PRIVMSG", vec!["#ops", "hi there: you"])
        );
        let p = Line::parse("PING :irc.test").unwrap();
        assert_eq!((p.prefix, p.command, p.param(0)), (None, "PING", "irc.test"));
        let c = Line::parse(":srv CAP * LS * :multi-prefix sasl").unwrap();
        assert_eq!(c.params, ["*", "LS", "*", "multi-prefix sasl"]);
        assert!(Line::parse("").is_none());
    }

    #[test]
    fn mentions_are_whole_words_under_the_casemapping() {
        let m = CaseMapping::Rfc1459;
        assert!(mentions("OpenClaw: hi", "openclaw", m));
        assert!(mentions("hey openclaw, you there", "openclaw", m));
        assert!(!mentions("openclaws are sharp", "openclaw", m));
        assert!(mentions("ask b{o}t", "b[o]t", m));
        assert!(!mentions("ask b{o}t", "b[o]t", CaseMapping::Ascii));
        assert_eq!(strip_address("OpenClaw: what time is it", "openclaw", m), "what time is it");
        assert_eq!(strip_address("openclaw2 hi", "openclaw", m), "openclaw2 hi");
    }

    #[test]
    fn model_output_cannot_inject_commands_and_lines_fit_512_bytes() {
        let lines = privmsg_lines("#ops", "hi\r\nQUIT :bye\0\x01DCC SEND x\x01", Some("ann"), 30);
        assert_eq!(lines, ["PRIVMSG #ops :ann: hi", "PRIVMSG #ops :QUIT :byeDCC SEND x"]);
        let long = "word ".repeat(300) + &"é".repeat(300);
        let mask = "openclaw!~openclaw@127.0.0.1";
        for l in privmsg_lines("#ops", &long, None, mask.len()) {
            let relayed = format!(":{mask} {l}\r\n");
            assert!(relayed.len() <= 512, "{} bytes: {relayed}", relayed.len());
            assert!(!l.contains(['\r', '\n', '\0']));
        }
        assert_eq!(strip_formatting("\x02bold\x02 \x0304,12red\x03 \x1Dit\x1D"), "bold red it");
    }

    #[test]
    fn nick_alternatives_rise_and_fit() {
        assert_eq!(alt_nick("openclaw", 1, 9), "openclaw1");
        assert_eq!(alt_nick("openclaw", 12, 9), "opencla12");
        assert_eq!(alt_nick("bot", 2, 30), "bot2");
    }

    #[test]
    fn sasl_plain_is_base64_in_400_byte_pieces() {
        assert_eq!(sasl_plain("jilles", "sesame"), ["AUTHENTICATE amlsbGVzAGppbGxlcwBzZXNhbWU="]);
        let long = sasl_plain("u", &"p".repeat(600));
        assert!(long.len() >= 2 && long.iter().all(|l| l.len() <= "AUTHENTICATE ".len() + 400));
        assert_eq!(base64(b"ab"), "YWI=");
    }

    #[test]
    fn settings_name_their_keys() {
        let err = |v: Value| Settings::read(&AccountConfig::resolve(&KIND, "x", &v)).err().map(|e| e.message);
        assert_eq!(
            err(json!({"nick": "bot"})).unwrap(),
            "channels.irc.accounts.x.server is not set (host:port, e.g. irc.libera.chat:6697)"
        );
        assert!(
            err(json!({"server": "h:6697", "nick": "9bot"}))
                .unwrap()
                .contains("channels.irc.nick is not an IRC nick")
        );
        assert!(
            err(json!({"server": "h:6697", "nick": "b", "channels": ["ops"]}))
                .unwrap()
                .contains("channels must list")
        );
        assert!(err(json!({"server": "h:x", "nick": "b"})).unwrap().contains("server is not host:port"));
        let ok = Settings::read(&AccountConfig::resolve(
            &KIND,
            "x",
            &json!({"host": "irc.example", "nick": "b", "tls": false}),
        ))
        .unwrap();
        assert_eq!((ok.host.as_str(), ok.port, ok.tls), ("irc.example", 6667, false));
        assert_eq!(parse_server("[::1]:7000", 1), Some(("::1".into(), 7000)));
        assert_eq!(target("#ops").kind, ChatKind::Channel);
        assert_eq!(target("user:ann"), ChatRef { id: "ann".into(), kind: ChatKind::Direct, thread: None });
    }
}
