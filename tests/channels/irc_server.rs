//! A real IRC server for the IRC tests: Debian's `ngircd`, started once per test binary on a
//! free 127.0.0.1 port (with a server password, so a refused login can be tested), and a plain
//! TCP client that speaks to the bot the way a person's IRC client would.
//!
//! When `ngircd` is not installed, [`server`] prints why and returns `None`, and the test skips.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// The server password every client must send (`PASS`).
pub const PASSWORD: &str = "letmein";

/// The running server.
pub struct Ngircd {
    pub port: u16,
}

fn find_ngircd() -> Option<std::path::PathBuf> {
    let path = std::env::var("PATH").unwrap_or_default();
    path.split(':')
        .chain(["/usr/sbin", "/usr/local/sbin"])
        .map(|d| std::path::Path::new(d).join("ngircd"))
        .find(|p| p.is_file())
}

/// The server of this test binary; `None` (after printing SKIP) when ngircd is missing.
pub fn server() -> Option<&'static Ngircd> {
    static SERVER: OnceLock<Option<Ngircd>> = OnceLock::new();
    let s = SERVER.get_or_init(start).as_ref();
    if s.is_none() {
        eprintln!("SKIP: ngircd is not installed (apt-get install ngircd; .ci/run installs it)");
    }
    s
}

fn start() -> Option<Ngircd> {
    let bin = find_ngircd()?;
    let dir = tempfile::Builder::new().prefix("ngircd").tempdir().expect("temp dir").keep();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let conf = dir.join("ngircd.conf");
    std::fs::write(
        &conf,
        format!(
            "[Global]\nName = irc.test\nInfo = openclaw tests\nListen = 127.0.0.1\nPorts = {port}\n\
             Password = {PASSWORD}\nMotdPhrase = test server\nPidFile = {}/ngircd.pid\n\
             [Limits]\nMaxConnectionsIP = 0\nMaxNickLength = 30\nPingTimeout = 120\nPongTimeout = 20\n\
             [Options]\nPAM = no\nIdent = no\nDNS = no\n",
            dir.display()
        ),
    )
    .expect("write ngircd.conf");
    // ngircd drops root for `nobody`, which clears a parent-death signal; instead a shell holds
    // it and kills it when this test binary exits and the shell's stdin closes.
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(r#""$1" -n -f "$2" >"$3" 2>&1 & p=$!; read _; kill $p"#)
        .arg("sh")
        .arg(&bin)
        .arg(&conf)
        .arg(dir.join("ngircd.log"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start ngircd");
    let stdin = child.stdin.take().expect("stdin");
    std::mem::forget(stdin);
    std::mem::forget(child);
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "ngircd did not start: {}",
            std::fs::read_to_string(dir.join("ngircd.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = std::io::stderr().flush();
    Some(Ngircd { port })
}

/// A unique name for this test binary's run (nicks and channels are shared on one server).
pub fn unique(prefix: &str) -> String {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    format!("{prefix}{}{n}", std::process::id() % 1000)
}

/// One line a client received, as it came (without CRLF), and its length on the wire.
#[derive(Debug, Clone)]
pub struct Received {
    pub raw: String,
    pub wire_len: usize,
    pub at: Instant,
}

impl Received {
    /// `(from nick, target, text)` when it is a PRIVMSG.
    pub fn privmsg(&self) -> Option<(String, String, String)> {
        let rest = self.raw.strip_prefix(':')?;
        let (prefix, rest) = rest.split_once(' ')?;
        let rest = rest.strip_prefix("PRIVMSG ")?;
        let (target, text) = rest.split_once(" :")?;
        let nick = prefix.split('!').next()?;
        Some((nick.to_string(), target.to_string(), text.to_string()))
    }
}

/// A person's IRC client: registers, answers PINGs, records everything it receives.
pub struct Client {
    pub nick: String,
    tx: mpsc::Sender<String>,
    got: Arc<Mutex<Vec<Received>>>,
}

impl Client {
    pub async fn connect(port: u16, nick: &str) -> Client {
        let stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.expect("connect to ngircd");
        let (read, mut write) = stream.into_split();
        let (tx, mut rx) = mpsc::channel::<String>(64);
        tokio::spawn(async move {
            while let Some(line) = rx.recv().await {
                if write.write_all(format!("{line}\r\n").as_bytes()).await.is_err() {
                    return;
                }
            }
        });
        let got = Arc::new(Mutex::new(Vec::new()));
        let (sink, pong) = (got.clone(), tx.clone());
        tokio::spawn(async move {
            let mut r = BufReader::new(read);
            loop {
                let mut buf = Vec::new();
                match r.read_until(b'\n', &mut buf).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => {
                        let raw = String::from_utf8_lossy(&buf).trim_end_matches(['\r', '\n']).to_string();
                        if let Some(token) = raw.strip_prefix("PING ") {
                            let _ = pong.send(format!("PONG {token}")).await;
                        }
                        sink.lock().unwrap().push(Received { raw, wire_len: n, at: Instant::now() });
                    }
                }
            }
        });
        let c = Client { nick: nick.to_string(), tx, got };
        c.send(&format!("PASS {PASSWORD}")).await;
        c.send(&format!("NICK {nick}")).await;
        c.send(&format!("USER {nick} 0 * :{nick}")).await;
        c.wait_line(|l| l.contains(" 001 ")).await;
        c
    }

    pub async fn send(&self, line: &str) {
        self.tx.send(line.to_string()).await.expect("client writer");
    }

    pub async fn join(&self, channel: &str) {
        self.send(&format!("JOIN {channel}")).await;
        self.wait_line(|l| l.contains(" 366 ") && l.contains(channel)).await;
    }

    pub async fn say(&self, target: &str, text: &str) {
        self.send(&format!("PRIVMSG {target} :{text}")).await;
    }

    pub fn lines(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    /// Every PRIVMSG received from `from`, in order: (target, text).
    pub fn privmsgs_from(&self, from: &str) -> Vec<(String, String)> {
        self.lines()
            .iter()
            .filter_map(Received::privmsg)
            .filter(|(n, _, _)| n.eq_ignore_ascii_case(from))
            .map(|(_, t, x)| (t, x))
            .collect()
    }

    /// Waits (bounded) for a line matching `f` and returns it.
    pub async fn wait_line(&self, f: impl Fn(&str) -> bool) -> Received {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(l) = self.lines().into_iter().find(|l| f(&l.raw)) {
                return l;
            }
            assert!(Instant::now() < deadline, "{}: no matching line; got:\n{:#?}", self.nick, self.lines());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits (bounded) until `n` PRIVMSGs from `from` arrived; returns them.
    pub async fn wait_privmsgs(&self, from: &str, n: usize) -> Vec<(String, String)> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let got = self.privmsgs_from(from);
            if got.len() >= n {
                return got;
            }
            assert!(
                Instant::now() < deadline,
                "{}: {} of {n} messages from {from}: {got:#?}",
                self.nick,
                got.len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}
