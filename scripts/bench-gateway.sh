#!/bin/sh
# Gateway benchmarks: idle RSS with the web chat, Telegram and Discord connected, messages per second through the whole
# path (POST /api/send → session queue → agent turn → zero-latency fake model → transcript and
# session store) over many sessions, the latency the gateway adds per message, and the gateway's
# CPU time per message (a figure that holds on a loaded machine). The fake model and the load
# generator run on the same cores; their CPU is reported too. Telegram is a long-polling fake Bot
# API, Discord `examples/fake_discord.rs` (Gateway v10 + REST v10, no traffic); the idle figure is
# taken only once `channel ls` shows the Discord account connected.
#
#   scripts/bench-gateway.sh [sessions] [messages] [concurrency]
#   BENCH_DIR=/dev/shm scripts/bench-gateway.sh   # the home on tmpfs: the disk's fsyncs left out
set -eu
cd "$(dirname "$0")/.."
SESSIONS=${1:-1000}
MESSAGES=${2:-20000}
CONCURRENCY=${3:-64}
cargo build --release --quiet --bin openclaw --example fake_llm --example fake_discord --example gateway_load
BIN=target/release/openclaw
TMP=$(mktemp -d ${BENCH_DIR:+-p "$BENCH_DIR"})
HOME_DIR="$TMP/home"
LLM_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
target/release/examples/fake_llm "127.0.0.1:$LLM_PORT" 2>/dev/null &
LLM_PID=$!
# A Bot API that knows the bot and long-polls empty: Telegram enabled, no traffic.
TG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
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
TG_PID=$!
python3 -c 'import socket, sys, time
for _ in range(100):
    try: socket.create_connection(("127.0.0.1", int(sys.argv[1]))).close(); break
    except OSError: time.sleep(0.05)' "$TG_PORT"
# A Discord that says HELLO, READY and ACKs heartbeats: Discord connected, no traffic.
DC_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
target/release/examples/fake_discord "127.0.0.1:$DC_PORT" 2>/dev/null &
DC_PID=$!
python3 -c 'import socket, sys, time
for _ in range(100):
    try: socket.create_connection(("127.0.0.1", int(sys.argv[1]))).close(); break
    except OSError: time.sleep(0.05)' "$DC_PORT"
cleanup() {
    "$BIN" --home "$HOME_DIR" gateway stop >/dev/null 2>&1 || true
    kill "$LLM_PID" "$TG_PID" "$DC_PID" 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
mkdir -p "$HOME_DIR"
cat > "$HOME_DIR/gateway.json5" <<JSON
{
  defaultAgent: "main",
  models: {
    default: "fake/m",
    providers: { fake: { api: "openai", baseUrl: "http://127.0.0.1:$LLM_PORT/v1", apiKey: "k" } },
  },
  agents: { main: {} },
  channels: {
    webchat: { enabled: true },
    telegram: { apiBase: "http://127.0.0.1:$TG_PORT", accounts: { default: { botToken: "1:bench" } } },
    discord: { apiBase: "http://127.0.0.1:$DC_PORT/api/v10", accounts: { default: { token: "bench" } } },
  },
  gateway: { listen: "127.0.0.1:0", maxConcurrentTurns: ${MAX_TURNS:-64} },
}
JSON
"$BIN" --home "$HOME_DIR" gateway start >/dev/null
PID=$(cat "$HOME_DIR/gateway/gateway.pid")
URL=$(sed -n 's/.*"url": "\(.*\)".*/\1/p' "$HOME_DIR/gateway/gateway.json")
TOKEN=$(cat "$HOME_DIR/gateway/token")
# Telegram and Discord connected (getMe answered, READY received) before the idle figure; give
# up after 20 s.
health() {
    "$BIN" --home "$HOME_DIR" channel ls --json |
        python3 -c 'import json, sys; print(" ".join("%s=%s" % (r["channel"], r["health"]["state"]) for r in json.load(sys.stdin)))'
}
connected() {
    case " $(health) " in *" telegram=ok "*) ;; *) return 1 ;; esac
    case " $(health) " in *" discord=ok "*) ;; *) return 1 ;; esac
}
for _ in $(seq 40); do
    connected && break
    sleep 0.5
done
"$BIN" --home "$HOME_DIR" channel ls
connected || { echo "Telegram or Discord did not connect (channel ls --json: $(health))" >&2; exit 1; }
sleep 2
rss() { awk '/VmRSS/ {printf "%.1f MB", $2/1024}' "/proc/$PID/status"; }
cpu() { awk '{print $14 + $15}' "/proc/${1:-$PID}/stat"; }
echo "idle RSS (web chat, Telegram and Discord connected): $(rss), $(awk '/Threads/ {print $2}' "/proc/$PID/status") threads"
"$BIN" --home "$HOME_DIR" gateway status | grep -i -E "telegram|web ?chat|discord" || true
TICKS=$(getconf CLK_TCK)
CPU0=$(cpu)
LLM0=$(cpu "$LLM_PID")
START=$(date +%s.%N)
target/release/examples/gateway_load "$URL" "$TOKEN" "$SESSIONS" "$MESSAGES" "$CONCURRENCY" "http://127.0.0.1:$LLM_PORT/v1"
CPU1=$(cpu)
LLM1=$(cpu "$LLM_PID")
WALL=$(awk -v a="$START" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')
TOTAL=$((MESSAGES + 500))
awk -v c=$((CPU1 - CPU0)) -v t="$TICKS" -v n="$TOTAL" \
    'BEGIN {printf "gateway CPU: %.2f s for %d messages = %.3f ms/message (%.0f messages per CPU-second)\n", c/t, n, c/t*1000/n, n/(c/t)}'
awk -v c=$((LLM1 - LLM0)) -v t="$TICKS" -v n="$TOTAL" \
    'BEGIN {printf "fake model CPU: %.3f ms/message\n", c/t*1000/n}'
awk -v g=$((CPU1 - CPU0)) -v l=$((LLM1 - LLM0)) -v t="$TICKS" -v w="$WALL" -v c="$(nproc)" \
    'BEGIN {printf "cores busy during the run: gateway %.2f, fake model %.2f (of %d)\n", g/t/w, l/t/w, c}'
echo "RSS after load: $(rss)"
echo "transcripts on disk: $(ls "$HOME_DIR/agents/main/state/transcripts" | grep -c jsonl)"
