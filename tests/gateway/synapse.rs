//! A real Matrix homeserver for the tests: Synapse from `target/synapse-venv` (installed by
//! `.ci/run`), started once per test binary on a free 127.0.0.1 port with SQLite, registration
//! by shared secret and high rate limits, and killed when the test process exits. Users are
//! plain Client-Server API clients over HTTP.
//!
//! Without the venv, [`synapse`] prints why and returns `None`; the tests then skip.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The shared secret for registrations.
const SECRET: &str = "openclaw-test-secret";
/// The server name: user ids are `@name:localhost`.
pub const SERVER: &str = "localhost";

/// A running homeserver.
pub struct Synapse {
    pub base: String,
}

/// A registered user, talking to the homeserver as a client would.
#[derive(Clone)]
pub struct User {
    pub id: String,
    pub token: String,
    base: String,
    http: reqwest::Client,
}

fn venv_python() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/synapse-venv/bin/python")
}

/// The shared homeserver, started on first use; `None` (with the reason printed) when Synapse
/// is not installed here.
pub fn synapse() -> Option<&'static Synapse> {
    static SYNAPSE: OnceLock<Option<Synapse>> = OnceLock::new();
    let s = SYNAPSE.get_or_init(|| {
        let python = venv_python();
        let ok = std::process::Command::new(&python)
            .args(["-c", "import synapse"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!(
                "SKIP: the Matrix tests need Synapse in {}; run .ci/run, or: python3 -m venv target/synapse-venv && target/synapse-venv/bin/pip install matrix-synapse",
                python.display()
            );
            return None;
        }
        Some(start(&python))
    });
    s.as_ref()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

fn start(python: &Path) -> Synapse {
    // Under the cargo target's temp dir, one folder per test process; folders of processes
    // that are gone (the homeserver dies with its test binary) are cleared first.
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
    for entry in std::fs::read_dir(root).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(pid) = name.strip_prefix("synapse-")
            && !Path::new(&format!("/proc/{pid}")).exists()
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    let dir = root.join(format!("synapse-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("synapse dir");
    let port = free_port();
    let d = dir.display();
    let limit = "{per_second: 1000, burst_count: 1000}";
    let config = format!(
        r#"server_name: "{SERVER}"
pid_file: {d}/homeserver.pid
listeners:
  - port: {port}
    bind_addresses: ['127.0.0.1']
    type: http
    tls: false
    x_forwarded: false
    resources: [{{names: [client], compress: false}}]
database: {{name: sqlite3, args: {{database: {d}/homeserver.db}}}}
log_config: {d}/log.yaml
media_store_path: {d}/media
signing_key_path: {d}/signing.key
registration_shared_secret: "{SECRET}"
report_stats: false
trusted_key_servers: []
suppress_key_server_warning: true
bcrypt_rounds: 4
enable_registration: false
presence: {{enabled: false}}
url_preview_enabled: false
rc_message: {limit}
rc_registration: {limit}
rc_login: {{address: {limit}, account: {limit}, failed_attempts: {limit}}}
rc_joins: {{local: {limit}, remote: {limit}}}
rc_invites: {{per_room: {limit}, per_user: {limit}, per_issuer: {limit}}}
rc_room_creation: {limit}
rc_admin_redaction: {limit}
"#
    );
    std::fs::write(dir.join("homeserver.yaml"), config).expect("config");
    let log = format!(
        "version: 1\nformatters: {{precise: {{format: '%(asctime)s %(levelname)s %(name)s %(message)s'}}}}\nhandlers: {{file: {{class: logging.FileHandler, formatter: precise, filename: {d}/homeserver.log}}}}\nroot: {{level: WARNING, handlers: [file]}}\ndisable_existing_loggers: false\n"
    );
    std::fs::write(dir.join("log.yaml"), log).expect("log config");
    let cfg = dir.join("homeserver.yaml");
    let keys = std::process::Command::new(python)
        .args(["-m", "synapse.app.homeserver", "-c"])
        .arg(&cfg)
        .arg("--generate-keys")
        .output()
        .expect("synapse --generate-keys");
    assert!(keys.status.success(), "synapse --generate-keys: {}", String::from_utf8_lossy(&keys.stderr));
    // Spawned from a thread that lives as long as the process, with a parent-death signal:
    // the homeserver goes when the test binary does, however it ends.
    let (tx, rx) = std::sync::mpsc::channel();
    let python = python.to_path_buf();
    let out = dir.join("stderr.log");
    std::thread::spawn(move || {
        let mut cmd = std::process::Command::new(python);
        cmd.args(["-m", "synapse.app.homeserver", "-c"])
            .arg(&cfg)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(out).expect("stderr file"));
        // SAFETY: prctl is async-signal-safe; it only sets this child's parent-death signal.
        #[cfg(target_os = "linux")]
        unsafe {
            use std::os::unix::process::CommandExt;
            cmd.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
        let mut child = cmd.spawn().expect("spawn synapse");
        tx.send(child.id()).expect("report");
        // This thread lives as long as the homeserver (its parent-death signal is tied to it).
        let status = child.wait();
        eprintln!("synapse exited early: {status:?}");
    });
    rx.recv().expect("synapse spawned");
    let base = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let up = std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() && ureq_versions(&base);
        if up {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "synapse did not start:\n{}",
            std::fs::read_to_string(dir.join("stderr.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Synapse { base }
}

/// Whether `/versions` answers, with a blocking one-shot request (no runtime needed here).
fn ureq_versions(base: &str) -> bool {
    use std::io::{Read, Write};
    let addr = base.trim_start_matches("http://");
    let Ok(mut s) = std::net::TcpStream::connect(addr) else { return false };
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    let req = format!("GET /_matrix/client/versions HTTP/1.0\r\nHost: {addr}\r\n\r\n");
    if s.write_all(req.as_bytes()).is_err() {
        return false;
    }
    let mut text = String::new();
    let _ = s.read_to_string(&mut text);
    text.starts_with("HTTP/1.0 200") || text.starts_with("HTTP/1.1 200")
}

impl Synapse {
    /// Registers a new user (a unique name starting with `prefix`) through the shared secret.
    pub async fn register(&self, prefix: &str, admin: bool) -> User {
        static N: AtomicUsize = AtomicUsize::new(0);
        let name = format!("{prefix}{}", N.fetch_add(1, Ordering::SeqCst));
        self.register_named(&name, "pw-secret", admin).await
    }

    /// Registers `name` with `password`.
    pub async fn register_named(&self, name: &str, password: &str, admin: bool) -> User {
        // A client per user, made in the test's own runtime: pooled connections die with the
        // runtime that opened them, and each test has its own.
        let http = openclaw::net::channel_client().expect("http client");
        let url = format!("{}/_synapse/admin/v1/register", self.base);
        let nonce: Value = http.get(&url).send().await.expect("nonce").json().await.expect("json");
        let nonce = nonce["nonce"].as_str().expect("nonce").to_string();
        let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, SECRET.as_bytes());
        let role = if admin { "admin" } else { "notadmin" };
        let mac = ring::hmac::sign(&key, format!("{nonce}\0{name}\0{password}\0{role}").as_bytes());
        let hex: String = mac.as_ref().iter().map(|b| format!("{b:02x}")).collect();
        let body =
            json!({"nonce": nonce, "username": name, "password": password, "admin": admin, "mac": hex});
        let v: Value =
            http.post(&url).json(&body).send().await.expect("register").json().await.expect("json");
        User {
            id: v["user_id"].as_str().unwrap_or_else(|| panic!("register {name}: {v}")).to_string(),
            token: v["access_token"].as_str().expect("token").to_string(),
            base: self.base.clone(),
            http,
        }
    }
}

/// Percent-encodes a path segment.
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

impl User {
    /// A C-S API call; (status, JSON).
    pub async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = self
            .http
            .request(method, format!("{}/_matrix/client/v3{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().await.expect("request");
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    async fn ok(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let (status, v) = self.call(method, path, body).await;
        assert_eq!(status, 200, "{path}: {v}");
        v
    }

    /// Creates a room inviting `invite`; a DM (`is_direct`) or a private group.
    pub async fn create_room(&self, invite: &[&str], direct: bool, extra: Value) -> String {
        let mut body = json!({"invite": invite, "is_direct": direct, "preset": "private_chat"});
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        let v = self.ok(reqwest::Method::POST, "/createRoom", Some(body)).await;
        v["room_id"].as_str().expect("room_id").to_string()
    }

    pub async fn join(&self, room: &str) {
        self.ok(reqwest::Method::POST, &format!("/join/{}", enc(room)), Some(json!({}))).await;
    }

    /// Sends an event of `kind` with `content`; its event id.
    pub async fn send_event(&self, room: &str, kind: &str, content: Value) -> String {
        static TXN: AtomicUsize = AtomicUsize::new(0);
        let txn = format!("t{}-{}", std::process::id(), TXN.fetch_add(1, Ordering::SeqCst));
        let path = format!("/rooms/{}/send/{kind}/{txn}", enc(room));
        let v = self.ok(reqwest::Method::PUT, &path, Some(content)).await;
        v["event_id"].as_str().expect("event_id").to_string()
    }

    /// Sends a plain text message.
    pub async fn say(&self, room: &str, text: &str) -> String {
        self.send_event(room, "m.room.message", json!({"msgtype": "m.text", "body": text})).await
    }

    /// The members who joined `room`.
    pub async fn members(&self, room: &str) -> Vec<String> {
        let (_, v) =
            self.call(reqwest::Method::GET, &format!("/rooms/{}/joined_members", enc(room)), None).await;
        v["joined"].as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default()
    }

    /// The `m.room.message` events of `sender` in `room`, oldest first (the last 1,000).
    pub async fn messages_from(&self, room: &str, sender: &str) -> Vec<Value> {
        let path = format!("/rooms/{}/messages?dir=b&limit=1000", enc(room));
        let (_, v) = self.call(reqwest::Method::GET, &path, None).await;
        let mut out: Vec<Value> = v["chunk"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["sender"] == sender && e["type"] == "m.room.message")
            .cloned()
            .collect();
        out.reverse();
        out
    }

    /// The bodies of [`User::messages_from`].
    pub async fn bodies_from(&self, room: &str, sender: &str) -> Vec<String> {
        self.messages_from(room, sender)
            .await
            .iter()
            .map(|e| e["content"]["body"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// Sets `user`'s own message rate limit (an admin's call).
    pub async fn override_ratelimit(&self, user: &str, per_second: u64, burst: u64) {
        let url = format!("{}/_synapse/admin/v1/users/{}/override_ratelimit", self.base, enc(user));
        let r = self
            .http
            .post(url)
            .bearer_auth(&self.token)
            .json(&json!({"messages_per_second": per_second, "burst_count": burst}))
            .send()
            .await
            .expect("override_ratelimit");
        assert!(r.status().is_success(), "override_ratelimit: {}", r.text().await.unwrap_or_default());
    }
}
