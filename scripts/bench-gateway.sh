#!/bin/sh
# Gateway benchmarks: idle RSS with the web chat enabled, messages per second through the whole
# path (POST /api/send → session queue → agent turn → zero-latency fake model → transcript and
# session store) over many sessions, the latency the gateway adds per message, and the gateway's
# CPU time per message (a figure that holds on a loaded machine).
#
#   scripts/bench-gateway.sh [sessions] [messages] [concurrency]
set -eu
cd "$(dirname "$0")/.."
SESSIONS=${1:-1000}
MESSAGES=${2:-20000}
CONCURRENCY=${3:-64}
cargo build --release --quiet --bin openclaw --example fake_llm --example gateway_load
BIN=target/release/openclaw
TMP=$(mktemp -d)
HOME_DIR="$TMP/home"
LLM_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
target/release/examples/fake_llm "127.0.0.1:$LLM_PORT" 2>/dev/null &
LLM_PID=$!
cleanup() {
    "$BIN" --home "$HOME_DIR" gateway stop >/dev/null 2>&1 || true
    kill "$LLM_PID" 2>/dev/null || true
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
  channels: { webchat: { enabled: true } },
  gateway: { listen: "127.0.0.1:0", maxConcurrentTurns: 64 },
}
JSON
"$BIN" --home "$HOME_DIR" gateway start >/dev/null
PID=$(cat "$HOME_DIR/gateway/gateway.pid")
URL=$(sed -n 's/.*"url": "\(.*\)".*/\1/p' "$HOME_DIR/gateway/gateway.json")
TOKEN=$(cat "$HOME_DIR/gateway/token")
sleep 2
rss() { awk '/VmRSS/ {printf "%.1f MB", $2/1024}' "/proc/$PID/status"; }
cpu() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
echo "idle RSS (web chat enabled): $(rss)"
TICKS=$(getconf CLK_TCK)
CPU0=$(cpu)
target/release/examples/gateway_load "$URL" "$TOKEN" "$SESSIONS" "$MESSAGES" "$CONCURRENCY" "http://127.0.0.1:$LLM_PORT/v1"
CPU1=$(cpu)
TOTAL=$((MESSAGES + 500))
awk -v c=$((CPU1 - CPU0)) -v t="$TICKS" -v n="$TOTAL" \
    'BEGIN {printf "gateway CPU: %.2f s for %d messages = %.3f ms/message (%.0f messages per CPU-second)\n", c/t, n, c/t*1000/n, n/(c/t)}'
echo "RSS after load: $(rss)"
echo "transcripts on disk: $(ls "$HOME_DIR/agents/main/state/transcripts" | grep -c jsonl)"
