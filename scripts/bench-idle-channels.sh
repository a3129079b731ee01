#!/bin/sh
# Gateway idle RSS with every channel configured and connected (issue 16: "gateway idle RSS with
# every channel configured stays under 20 MB"): one account of each kind, each pointing at a
# minimal local counterpart on 127.0.0.1 that lets it connect and then stays silent.
#
#   web chat   enabled (in the gateway itself)
#   Telegram   a long-polling fake Bot API (as in bench-gateway.sh)
#   Discord    examples/fake_discord.rs (Gateway v10 + REST v10)
#   IRC        Debian's ngircd (/usr/sbin/ngircd), with a server password
#   Slack      auth.test + apps.connections.open + a Socket Mode WebSocket that says `hello`
#              and answers pings (RFC 6455 by hand, python's stdlib only)
#   Matrix     whoami, display name, m.direct, /sync long-polling empty batches
#   Signal     signal-cli's HTTP daemon: an SSE event stream with `:` keep-alives, JSON-RPC
#   WhatsApp   the Graph API's phone number lookup (inbound is a webhook on the gateway)
#   iMessage   BlueBubbles' server/info and an empty message/query
#
# The figure is taken once `channel ls --json` shows every account `ok` (waiting at most 30 s);
# accounts that never got there are named and the figure is still printed.
#
#   scripts/bench-idle-channels.sh
#   IDLE=60 scripts/bench-idle-channels.sh          # idle 60 s, past the keep-alives, not 2
#   PROFILE=debug scripts/bench-idle-channels.sh   # the debug build (not a figure to quote)
set -eu
cd "$(dirname "$0")/.."
PROFILE=${PROFILE:-release}
if [ "$PROFILE" = release ]; then
    cargo build --release --quiet --bin openclaw --example fake_discord
fi
BIN=target/$PROFILE/openclaw
TMP=$(mktemp -d)
HOME_DIR="$TMP/home"
mkdir -p "$HOME_DIR"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {
    python3 -c 'import socket, sys, time
for _ in range(200):
    try: socket.create_connection(("127.0.0.1", int(sys.argv[1]))).close(); break
    except OSError: time.sleep(0.05)
else: sys.exit("nothing listens on 127.0.0.1:%s" % sys.argv[1])' "$1"
}
PIDS=""
cleanup() {
    "$BIN" --home "$HOME_DIR" gateway stop >/dev/null 2>&1 || true
    # shellcheck disable=SC2086
    kill $PIDS 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

# Telegram: a Bot API that knows the bot and long-polls empty.
TG_PORT=$(port)
python3 - "$TG_PORT" <<'PY' &
import http.server, json, sys, time
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        if self.path.endswith("/getMe"):
            result = {"id": 1, "is_bot": True, "first_name": "bench", "username": "bench_bot"}
        else:
            if self.path.endswith("/getUpdates"):
                time.sleep(min(json.loads(body or b"{}").get("timeout", 0), 25))
            result = [] if self.path.endswith("/getUpdates") else True
        out = json.dumps({"ok": True, "result": result}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
PIDS="$PIDS $!"

# Discord: HELLO, READY and heartbeat ACKs.
DC_PORT=$(port)
"target/$PROFILE/examples/fake_discord" "127.0.0.1:$DC_PORT" 2>/dev/null &
PIDS="$PIDS $!"

# IRC: ngircd, no daemon, a server password.
IRC_PORT=$(port)
IRC_PASSWORD=letmein
cat > "$TMP/ngircd.conf" <<CONF
[Global]
Name = irc.bench
Info = openclaw bench
Listen = 127.0.0.1
Ports = $IRC_PORT
Password = $IRC_PASSWORD
MotdPhrase = bench server
PidFile = $TMP/ngircd.pid
[Limits]
MaxConnectionsIP = 0
MaxNickLength = 30
PingTimeout = 120
PongTimeout = 20
[Options]
PAM = no
Ident = no
DNS = no
CONF
chmod 755 "$TMP"
chmod 644 "$TMP/ngircd.conf"
NGIRCD=$(command -v ngircd || echo /usr/sbin/ngircd)
"$NGIRCD" -n -f "$TMP/ngircd.conf" >"$TMP/ngircd.log" 2>&1 &
PIDS="$PIDS $!"

# Slack, Matrix, Signal, WhatsApp, iMessage: one python process, a server thread each.
SLACK_PORT=$(port)
SLACK_WS_PORT=$(port)
MX_PORT=$(port)
SIG_PORT=$(port)
WA_PORT=$(port)
BB_PORT=$(port)
python3 - "$SLACK_PORT" "$SLACK_WS_PORT" "$MX_PORT" "$SIG_PORT" "$WA_PORT" "$BB_PORT" <<'PY' &
import base64, hashlib, http.server, json, socket, struct, sys, threading, time
from urllib.parse import parse_qs, urlparse

slack_port, ws_port, mx_port, sig_port, wa_port, bb_port = map(int, sys.argv[1:7])

class Base(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def body(self):
        return self.rfile.read(int(self.headers.get("content-length") or 0))
    def reply(self, obj, status=200):
        out = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

class Slack(Base):
    def do_POST(self):
        self.body()
        if self.path.endswith("/auth.test"):
            self.reply({"ok": True, "url": "https://bench.slack.com/", "team": "bench", "user": "bench",
                        "team_id": "T0TEAM", "user_id": "U0BOT", "bot_id": "B0BOT"})
        elif self.path.endswith("/apps.connections.open"):
            self.reply({"ok": True, "url": "ws://127.0.0.1:%d/link/?ticket=bench" % ws_port})
        else:
            self.reply({"ok": True})

def slack_socket(conn):
    """One Socket Mode connection: the handshake, `hello`, then pongs and a close answered."""
    def send(opcode, payload):
        n = len(payload)
        head = bytes([0x80 | opcode])
        head += bytes([n]) if n < 126 else (bytes([126]) + struct.pack("!H", n) if n < 65536
                                             else bytes([127]) + struct.pack("!Q", n))
        conn.sendall(head + payload)
    def exact(n):
        b = b""
        while len(b) < n:
            c = conn.recv(n - len(b))
            if not c:
                raise EOFError
            b += c
        return b
    try:
        req = b""
        while b"\r\n\r\n" not in req:
            c = conn.recv(4096)
            if not c:
                return
            req += c
        key = ""
        for line in req.decode("latin-1").split("\r\n"):
            k, _, v = line.partition(":")
            if k.strip().lower() == "sec-websocket-key":
                key = v.strip()
        accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest())
        conn.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     b"Sec-WebSocket-Accept: " + accept + b"\r\n\r\n")
        send(1, json.dumps({"type": "hello", "num_connections": 1,
                            "debug_info": {"host": "bench", "approximate_connection_time": 18060},
                            "connection_info": {"app_id": "A0APP"}}).encode())
        while True:
            b0, b1 = exact(2)
            opcode, n = b0 & 0x0F, b1 & 0x7F
            if n == 126:
                n = struct.unpack("!H", exact(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", exact(8))[0]
            mask = exact(4) if b1 & 0x80 else b"\0\0\0\0"
            data = bytes(x ^ mask[i % 4] for i, x in enumerate(exact(n)))
            if opcode == 9:
                send(10, data)
            elif opcode == 8:
                send(8, data[:2])
                return
    except (OSError, EOFError):
        pass
    finally:
        conn.close()

def slack_ws():
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", ws_port))
    s.listen(16)
    while True:
        c, _ = s.accept()
        threading.Thread(target=slack_socket, args=(c,), daemon=True).start()

class Matrix(Base):
    def do_GET(self):
        u = urlparse(self.path)
        q = parse_qs(u.query)
        if u.path.endswith("/account/whoami"):
            self.reply({"user_id": "@bench:localhost", "device_id": "BENCH"})
        elif "/displayname" in u.path:
            self.reply({"displayname": "bench"})
        elif "/account_data/" in u.path:
            self.reply({})
        elif u.path.endswith("/sync"):
            if "since" in q:
                time.sleep(min(int(q.get("timeout", ["0"])[0]) / 1000, 25))
            self.reply({"next_batch": "s1", "rooms": {"join": {}, "invite": {}, "leave": {}},
                        "account_data": {"events": []}, "presence": {"events": []}})
        else:
            self.reply({"errcode": "M_UNRECOGNIZED", "error": "bench"}, 404)
    def do_PUT(self):
        self.body()
        self.reply({})
    def do_POST(self):
        self.body()
        self.reply({})

class Signal(Base):
    def do_GET(self):
        u = urlparse(self.path)
        if u.path == "/api/v1/events":
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.send_header("cache-control", "no-cache")
            self.send_header("connection", "close")
            self.end_headers()
            self.close_connection = True
            try:
                self.wfile.flush()
                while True:
                    time.sleep(15)
                    self.wfile.write(b":\n\n")
                    self.wfile.flush()
            except OSError:
                return
        elif u.path == "/api/v1/check":
            self.send_response(200)
            self.send_header("content-length", "0")
            self.end_headers()
        else:
            self.reply({"error": "not found"}, 404)
    def do_POST(self):
        req = json.loads(self.body() or b"{}")
        self.reply({"jsonrpc": "2.0", "result": {"timestamp": int(time.time() * 1000)}, "id": req.get("id")})

class WhatsApp(Base):
    def do_GET(self):
        self.reply({"display_phone_number": "+31 6 1234 5678", "verified_name": "bench", "id": "1098765432"})
    def do_POST(self):
        self.body()
        self.reply({"success": True})

class BlueBubbles(Base):
    def do_GET(self):
        if urlparse(self.path).path == "/api/v1/server/info":
            self.reply({"status": 200, "message": "Successfully fetched server info",
                        "data": {"os_version": "14.0", "server_version": "1.9.9", "private_api": False,
                                 "helper_connected": False, "detected_icloud": "bench@icloud.com"}})
        else:
            self.reply({"status": 200, "message": "Ping received!", "data": "pong"})
    def do_POST(self):
        self.body()
        self.reply({"status": 200, "message": "Successfully fetched messages!", "data": [],
                    "metadata": {"count": 0, "total": 0, "offset": 0, "limit": 100}})

def serve(port, handler):
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()

threading.Thread(target=slack_ws, daemon=True).start()
for port, handler in [(slack_port, Slack), (mx_port, Matrix), (sig_port, Signal), (wa_port, WhatsApp),
                      (bb_port, BlueBubbles)]:
    threading.Thread(target=serve, args=(port, handler), daemon=True).start()
while True:
    time.sleep(3600)
PY
PIDS="$PIDS $!"
for p in "$TG_PORT" "$DC_PORT" "$IRC_PORT" "$SLACK_PORT" "$SLACK_WS_PORT" "$MX_PORT" "$SIG_PORT" "$WA_PORT" "$BB_PORT"; do
    wait_port "$p"
done

# The model is never called while idle; it points nowhere.
cat > "$HOME_DIR/gateway.json5" <<JSON
{
  defaultAgent: "main",
  models: {
    default: "fake/m",
    providers: { fake: { api: "openai", baseUrl: "http://127.0.0.1:9/v1", apiKey: "k" } },
  },
  agents: { main: {} },
  channels: {
    webchat: { enabled: true },
    telegram: { apiBase: "http://127.0.0.1:$TG_PORT", accounts: { default: { botToken: "1:bench" } } },
    discord: { apiBase: "http://127.0.0.1:$DC_PORT/api/v10", accounts: { default: { token: "bench" } } },
    slack: { apiBase: "http://127.0.0.1:$SLACK_PORT/api",
      accounts: { default: { appToken: "xapp-1-A0APP-1-benchapptoken", botToken: "xoxb-1-benchbottoken" } } },
    matrix: { accounts: { default: { homeserver: "http://127.0.0.1:$MX_PORT", userId: "@bench:localhost",
      accessToken: "bench-token" } } },
    signal: { accounts: { default: { account: "+31612345678", httpUrl: "http://127.0.0.1:$SIG_PORT" } } },
    whatsapp: { accounts: { "1098765432": { accessToken: "EAAG-bench", appSecret: "bench-secret",
      verifyToken: "bench-verify", apiBase: "http://127.0.0.1:$WA_PORT/v21.0" } } },
    imessage: { accounts: { default: { serverUrl: "http://127.0.0.1:$BB_PORT", password: "bench-password" } } },
    irc: { accounts: { default: { server: "127.0.0.1:$IRC_PORT", tls: false, nick: "benchbot",
      password: "$IRC_PASSWORD", channels: ["#bench"] } } },
  },
  gateway: { listen: "127.0.0.1:0" },
}
JSON
"$BIN" --home "$HOME_DIR" config validate >/dev/null
"$BIN" --home "$HOME_DIR" gateway start >/dev/null
PID=$(cat "$HOME_DIR/gateway/gateway.pid")
URL=$(sed -n 's/.*"url": "\(.*\)".*/\1/p' "$HOME_DIR/gateway/gateway.json")
# The web chat is the gateway's own page (not in `channel ls`): served means up.
webchat() {
    python3 -c 'import sys, urllib.request
sys.exit(0 if urllib.request.urlopen(sys.argv[1].rstrip("/") + "/", timeout=5).status == 200 else 1)' "$URL" 2>/dev/null
}
KINDS="telegram discord slack matrix signal whatsapp imessage irc"
health() {
    "$BIN" --home "$HOME_DIR" channel ls --json |
        python3 -c 'import json, sys; print(" ".join("%s=%s" % (r["channel"], r["health"]["state"]) for r in json.load(sys.stdin)))'
}
# The kinds not (yet) `ok`, or not listed at all.
not_ok() {
    h=" $(health) "
    out=""
    for k in $KINDS; do
        case "$h" in *" $k=ok "*) ;; *) out="$out $k" ;; esac
    done
    webchat || out="$out webchat"
    echo "$out"
}
for _ in $(seq 60); do
    [ -z "$(not_ok)" ] && break
    sleep 0.5
done
"$BIN" --home "$HOME_DIR" channel ls
MISSING=$(not_ok)
if [ -n "$MISSING" ]; then
    echo "NOT connected after 30 s:$MISSING" >&2
    "$BIN" --home "$HOME_DIR" channel ls --json |
        python3 -c 'import json, sys
for r in json.load(sys.stdin):
    if r["health"]["state"] != "ok": print("  %s: %s" % (r["channel"], json.dumps(r["health"])), file=sys.stderr)'
fi
sleep "${IDLE:-2}"
RSS=$(awk '/VmRSS/ {printf "%.1f MB", $2/1024}' "/proc/$PID/status")
THREADS=$(awk '/Threads/ {print $2}' "/proc/$PID/status")
if [ -z "$MISSING" ]; then
    echo "idle RSS, every channel configured and connected (webchat $KINDS): $RSS, $THREADS threads"
else
    echo "idle RSS, every channel configured, NOT connected:$MISSING: $RSS, $THREADS threads"
fi
AFTER=$(not_ok)
[ "$AFTER" = "$MISSING" ] || echo "health changed while idle; not ok now:${AFTER:- none}" >&2
"$BIN" --home "$HOME_DIR" channel ls --json |
    python3 -c 'import json, sys
r = [x for x in json.load(sys.stdin) if x.get("restarts")]
if r: print("restarted while idle: " + ", ".join("%s (%s)" % (x["channel"], x["restarts"]) for x in r), file=sys.stderr)'
