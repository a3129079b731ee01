//! The IRC adapter against a real IRC server (Debian's ngircd, see `irc_server.rs`) with a second,
//! plain client in the test playing the person; SASL and dead links against a scripted server,
//! since ngircd has no SASL. The adapter runs as a task, the test plays the gateway.

use std::sync::Arc;
use std::time::{Duration, Instant};

use openclaw::channel::irc::IrcChannel;
use openclaw::channel::{Channel, ChannelError, ChatKind, Health, Outbound, outbox};
use openclaw::home::Home;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::irc_server::{Client, PASSWORD, server, unique};
use crate::running::run;

fn adapter(settings: Value) -> Arc<IrcChannel> {
    Arc::new(IrcChannel::from_config("default", &json!({"accounts": {"default": settings}})).unwrap())
}

async fn healthy(ch: &IrcChannel) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while ch.health() != Health::Ok {
        assert!(Instant::now() < deadline, "not healthy: {:?}", ch.health());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn out(chat: &openclaw::channel::ChatRef, text: &str, reply_to: Option<&str>) -> outbox::Request {
    outbox::Request {
        channel: "irc".into(),
        account: Some("default".into()),
        out: Outbound { chat: chat.clone(), text: text.into(), reply_to: reply_to.map(str::to_string) },
        origin: outbox::Origin::Cli,
        session: None,
        inbound_id: None,
        skip_parts: 0,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dms_and_channel_mentions_come_in_and_long_replies_go_out_in_order_within_512_bytes() {
    let Some(srv) = server() else { return };
    let (bot, chan) = (unique("ocb"), format!("#{}", unique("t")));
    let ann = Client::connect(srv.port, &unique("ann")).await;
    ann.join(&chan).await;
    let ch = adapter(json!({"server": format!("127.0.0.1:{}", srv.port), "tls": false, "nick": bot,
        "password": PASSWORD, "channels": [chan]}));
    let mut r = run(&ch);
    healthy(&ch).await;
    ann.wait_line(|l| l.starts_with(&format!(":{bot}!")) && l.contains(" JOIN ")).await;

    ann.say(&bot, "hello there").await;
    let dm = r.take().await;
    assert_eq!(
        (dm.chat.kind, dm.chat.id.as_str(), dm.text.as_str()),
        (ChatKind::Direct, ann.nick.as_str(), "hello there")
    );
    assert!(dm.addressed);
    assert_eq!(dm.sender.name.as_deref(), Some(ann.nick.as_str()));

    ann.say(&chan, "just chatting").await;
    let quiet = r.take().await;
    assert_eq!((quiet.chat.kind, quiet.addressed), (ChatKind::Channel, false));
    ann.say(&chan, &format!("{}: are you there?", bot.to_uppercase())).await;
    let asked = r.take().await;
    assert_eq!(
        (asked.chat.id.as_str(), asked.text.as_str(), asked.addressed),
        (chan.as_str(), "are you there?", true)
    );
    assert_eq!(asked.message_id.as_deref(), Some(ann.nick.as_str()));

    // A long reply with an injection attempt: every line arrives, in order, none longer than
    // 512 bytes as relayed (prefix included), and no command gets through.
    let words: Vec<String> = (0..260).map(|i| format!("w{i:03}")).collect();
    let reply = format!("{}\r\nQUIT :pwned\0\r\nJOIN #evil\n\x01VERSION\x01", words.join(" "));
    let adapter: Arc<dyn Channel> = ch.clone();
    let home = Home::new(tempfile::tempdir().unwrap().path());
    let started = Instant::now();
    let sent =
        outbox::send_through(&home, &adapter, out(&asked.chat, &reply, Some(&ann.nick))).await.unwrap();
    assert!(!sent.message_ids.is_empty());
    let got = ann.wait_privmsgs(&bot, 1).await;
    let lines = ann.lines();
    let texts: Vec<String> = {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let t: Vec<String> = ann.privmsgs_from(&bot).into_iter().map(|(_, x)| x).collect();
            if t.last().is_some_and(|l| l == "VERSION") || Instant::now() > deadline {
                break t;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    };
    assert!(got.iter().all(|(target, _)| target == &chan));
    assert!(texts[0].starts_with(&format!("{}: w000 w001", ann.nick)), "{texts:?}");
    let n = texts.len();
    assert_eq!(
        &texts[n - 3..],
        ["QUIT :pwned", "JOIN #evil", "VERSION"],
        "control characters are gone, text kept"
    );
    let joined = texts[..n - 3].join(" ");
    assert_eq!(
        joined.strip_prefix(&format!("{}: ", ann.nick)).unwrap(),
        words.join(" "),
        "every word, in order"
    );
    let relayed: Vec<_> = lines.iter().filter(|l| l.privmsg().is_some_and(|(f, _, _)| f == bot)).collect();
    assert!(relayed.len() >= 3);
    for l in &relayed {
        assert!(l.wire_len <= 512, "{} bytes on the wire: {}", l.wire_len, l.raw);
    }
    // Flood control: after a burst of 4 lines, about one line a second.
    assert!(n > 5, "{n} lines");
    assert!(
        started.elapsed() >= Duration::from_millis(900 * (n as u64 - 4)),
        "{n} lines in {:?}",
        started.elapsed()
    );
    assert_eq!(ch.health(), Health::Ok, "still connected: nothing was injected and nothing flooded");
    // And the bot was not made to QUIT or JOIN: it still hears the channel.
    ann.say(&chan, &format!("{bot}, still there?")).await;
    assert_eq!(r.take().await.text, "still there?");
    assert!(
        !ann.lines()
            .iter()
            .any(|l| l.raw.contains(" QUIT ") || l.raw.contains("#evil") && l.raw.contains(" JOIN "))
    );
    r.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_taken_nick_moves_to_a_rising_suffix() {
    let Some(srv) = server() else { return };
    let bot = unique("nk");
    let squatter = Client::connect(srv.port, &bot).await;
    let _second = Client::connect(srv.port, &format!("{bot}1")).await;
    let ch = adapter(
        json!({"server": format!("127.0.0.1:{}", srv.port), "tls": false, "nick": bot, "password": PASSWORD,
            "pingIntervalSeconds": 3}),
    );
    let mut r = run(&ch);
    healthy(&ch).await;
    let ann = Client::connect(srv.port, &unique("ann")).await;
    ann.say(&format!("{bot}2"), "who are you?").await;
    let m = r.take().await;
    assert_eq!(m.text, "who are you?");
    let chat = m.chat.clone();
    let adapter: Arc<dyn Channel> = ch.clone();
    let home = Home::new(tempfile::tempdir().unwrap().path());
    outbox::send_through(&home, &adapter, out(&chat, "I am the bot", None)).await.unwrap();
    assert_eq!(
        ann.wait_privmsgs(&format!("{bot}2"), 1).await,
        [(ann.nick.clone(), "I am the bot".to_string())]
    );
    // Once the nick is free again, the bot takes it back (asked for at each of its PINGs).
    squatter.send("QUIT :bye").await;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        ann.say(&bot, "are you back?").await;
        if let Ok(m) = tokio::time::timeout(Duration::from_millis(500), r.take()).await {
            assert_eq!(m.text, "are you back?");
            break;
        }
        assert!(Instant::now() < deadline, "the bot never took its nick back");
    }
    r.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_password_or_missing_sasl_stops_the_account_with_a_clear_error() {
    let Some(srv) = server() else { return };
    let server_addr = format!("127.0.0.1:{}", srv.port);
    let ch = adapter(json!({"server": server_addr, "tls": false, "nick": unique("pw"), "password": "wrong"}));
    let err = run(&ch).ended().await.unwrap_err();
    assert!(matches!(err, ChannelError::Config { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("channels.irc.accounts.default.password was refused by 127.0.0.1"), "{text}");
    assert!(!text.contains("wrong"), "the password is not in the error: {text}");
    assert!(matches!(ch.health(), Health::Failing { .. }));

    let ch = adapter(json!({"server": server_addr, "tls": false, "nick": unique("sa"), "password": PASSWORD,
        "saslPassword": "s3cret"}));
    let err = run(&ch).ended().await.unwrap_err().to_string();
    assert!(
        err.contains("saslPassword is set but 127.0.0.1") && err.contains("does not offer SASL"),
        "{err}"
    );
}

/// A scripted server for what ngircd cannot do: SASL, and a link that goes silent.
struct Scripted {
    port: u16,
    log: Arc<std::sync::Mutex<Vec<String>>>,
    connections: Arc<std::sync::atomic::AtomicUsize>,
}

impl Scripted {
    /// Offers SASL; accepts `user`/`pass` (903) or refuses (904); then registers, sends a PING,
    /// and after its PONG goes silent without closing (a half-open link).
    async fn start(user: &'static str, pass: &'static str) -> Scripted {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(std::sync::Mutex::new(Vec::new()));
        let connections = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (l, c) = (log.clone(), connections.clone());
        tokio::spawn(async move {
            while let Ok((sock, _)) = listener.accept().await {
                c.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let l = l.clone();
                tokio::spawn(async move {
                    let (r, mut w) = sock.into_split();
                    let mut lines = BufReader::new(r).lines();
                    let want = b64(format!("{user}\0{user}\0{pass}").as_bytes());
                    while let Ok(Some(line)) = lines.next_line().await {
                        l.lock().unwrap().push(line.clone());
                        let reply = match line.as_str() {
                            "CAP LS 302" => "CAP * LS :multi-prefix sasl=PLAIN,EXTERNAL".to_string(),
                            "CAP REQ :sasl" => "CAP * ACK :sasl".to_string(),
                            "AUTHENTICATE PLAIN" => "AUTHENTICATE +".to_string(),
                            a if a.starts_with("AUTHENTICATE ") => match a[13..] == want {
                                true => ":srv 900 bot bot!u@h bot :You are now logged in as bot\r\n:srv 903 bot :SASL authentication successful".to_string(),
                                false => ":srv 904 bot :SASL authentication failed".to_string(),
                            },
                            "CAP END" => ":srv 001 bot :Welcome bot!u@h\r\n:srv 005 bot CASEMAPPING=rfc1459 :are supported\r\nPING :are-you-there".to_string(),
                            p if p.starts_with("PONG") => String::new(), // then silence
                            _ => String::new(),
                        };
                        if !reply.is_empty() && w.write_all(format!("{reply}\r\n").as_bytes()).await.is_err()
                        {
                            return;
                        }
                    }
                });
            }
        });
        Scripted { port, log, connections }
    }

    fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

fn b64(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::new();
    for c in bytes.chunks(3) {
        let v = (c[0] as u32) << 16 | (*c.get(1).unwrap_or(&0) as u32) << 8 | *c.get(2).unwrap_or(&0) as u32;
        s.push(A[(v >> 18) as usize & 63] as char);
        s.push(A[(v >> 12) as usize & 63] as char);
        s.push(if c.len() > 1 { A[(v >> 6) as usize & 63] as char } else { '=' });
        s.push(if c.len() > 2 { A[v as usize & 63] as char } else { '=' });
    }
    s
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sasl_plain_logs_in_pings_are_answered_and_a_silent_link_is_reconnected() {
    let fake = Scripted::start("bot", "hunter2").await;
    let ch = adapter(json!({"server": format!("127.0.0.1:{}", fake.port), "tls": false, "nick": "bot",
        "saslPassword": "hunter2", "pingIntervalSeconds": 1}));
    let r = run(&ch);
    healthy(&ch).await;
    let log = fake.log();
    let pos = |s: &str| log.iter().position(|l| l == s).unwrap_or_else(|| panic!("no {s:?} in {log:#?}"));
    assert!(pos("CAP LS 302") < pos("CAP REQ :sasl"));
    assert!(pos("AUTHENTICATE PLAIN") < pos("CAP END"));
    assert!(log.contains(&format!("AUTHENTICATE {}", b64(b"bot\0bot\0hunter2"))));
    assert!(pos("NICK bot") < pos("CAP END"), "registration waits for CAP END: {log:#?}");
    // The server's PING is answered; our own PING gets no answer, so the link is redialled.
    let deadline = Instant::now() + Duration::from_secs(15);
    while fake.connections.load(std::sync::atomic::Ordering::SeqCst) < 2 {
        assert!(Instant::now() < deadline, "no reconnect after a silent link: {:#?}", fake.log());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let log = fake.log();
    assert!(log.contains(&"PONG :are-you-there".to_string()), "{log:#?}");
    assert!(log.iter().any(|l| l.starts_with("PING :openclaw-")), "{log:#?}");
    r.stop().await.unwrap();

    let refused = Scripted::start("bot", "other").await;
    let ch = adapter(json!({"server": format!("127.0.0.1:{}", refused.port), "tls": false, "nick": "bot",
        "saslPassword": "hunter2"}));
    let err = run(&ch).ended().await.unwrap_err().to_string();
    assert!(err.contains("SASL login as bot failed") && err.contains("904"), "{err}");
    assert!(err.contains("channels.irc.accounts.default.saslPassword") && !err.contains("hunter2"), "{err}");
    assert_eq!(refused.connections.load(std::sync::atomic::Ordering::SeqCst), 1, "no reconnect loop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_is_spoken_when_asked_and_a_failed_handshake_is_retried_not_fatal() {
    let Some(srv) = server() else { return };
    // ngircd's port speaks plain IRC, so the TLS handshake the adapter starts fails.
    let ch = adapter(
        json!({"server": format!("127.0.0.1:{}", srv.port), "nick": unique("tl"), "password": PASSWORD}),
    );
    let r = run(&ch);
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Health::Failing { error } = ch.health() {
            assert!(error.contains(&format!("TLS handshake with 127.0.0.1:{}", srv.port)), "{error}");
            assert!(error.ends_with("reconnecting"), "{error}");
            break;
        }
        assert!(Instant::now() < deadline, "no TLS failure reported: {:?}", ch.health());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    r.stop().await.unwrap();
}
