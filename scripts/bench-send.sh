#!/bin/sh
# `openclaw send "hi"` through a running gateway (the CLI finds it and posts to /api/send),
# against a zero-latency fake model: median and fastest of 50 calls, whole process each.
#
#   scripts/bench-send.sh [calls]
set -eu
cd "$(dirname "$0")/.."
CALLS=${1:-50}
cargo build --release --quiet --bin openclaw --example fake_llm
BIN=target/release/openclaw
TMP=$(mktemp -d)
H="$TMP/home"
mkdir -p "$H"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
target/release/examples/fake_llm "127.0.0.1:$PORT" 2>/dev/null &
LLM=$!
cleanup() {
    "$BIN" --home "$H" gateway stop >/dev/null 2>&1 || true
    kill "$LLM" 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
cat > "$H/gateway.json5" <<JSON
{
  models: { default: "fake/m", providers: { fake: { api: "openai", baseUrl: "http://127.0.0.1:$PORT/v1", apiKey: "k" } } },
  agents: { main: {} },
  gateway: { listen: "127.0.0.1:0" },
}
JSON
"$BIN" --home "$H" gateway start >/dev/null
"$BIN" --home "$H" send warm-up >/dev/null
python3 - "$BIN" "$H" "$CALLS" <<'PY'
import subprocess, sys, time
b, h, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
ts = []
for i in range(n):
    t = time.perf_counter()
    subprocess.run([b, "--home", h, "send", f"hi {i}"], capture_output=True, check=True)
    ts.append((time.perf_counter() - t) * 1000)
ts.sort()
print(f"openclaw send via the gateway: median {ts[n // 2]:.1f} ms, fastest {ts[0]:.1f} ms ({n} calls)")
PY
