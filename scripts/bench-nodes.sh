#!/bin/sh
# Node benchmarks: the round trip of a `system.info` invoke through the gateway (HTTP client →
# POST /api/nodes/invoke → gateway → node WebSocket → node → back), measured over keep-alive
# connections from one Python client, and the idle RSS of a connected `openclaw node run`.
# Both processes are the release binary, each with its own home, on 127.0.0.1.
#
#   scripts/bench-nodes.sh [invokes]
set -eu
cd "$(dirname "$0")/.."
N=${1:-2000}
cargo build --release --quiet --bin openclaw
BIN=$PWD/target/release/openclaw
TMP=$(mktemp -d)
GW="$TMP/gateway"
NODE="$TMP/node"
cleanup() {
    [ -n "${NODE_PID:-}" ] && kill "$NODE_PID" 2>/dev/null || true
    "$BIN" --home "$GW" gateway stop >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap cleanup EXIT
"$BIN" --home "$GW" init >/dev/null
cat > "$GW/gateway.json5" <<'JSON'
{ agents: { main: { nodes: ["bench"] } }, gateway: { listen: "127.0.0.1:0" } }
JSON
"$BIN" --home "$GW" gateway start >/dev/null
URL=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["url"])' "$GW/gateway/gateway.json")
WS=$(echo "$URL" | sed 's/^http/ws/')
OUT=$("$BIN" --home "$NODE" --json node run --gateway "$WS" --name bench)
NODE_PID=$(echo "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pid"])')
CODE=$(echo "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["code"])')
"$BIN" --home "$GW" node approve "$CODE" >/dev/null
python3 - "$URL" "$(cat "$GW/gateway/token")" "$N" <<'PY'
import http.client, json, sys, time, urllib.parse
url, token, n = urllib.parse.urlparse(sys.argv[1]), sys.argv[2], int(sys.argv[3])
conn = http.client.HTTPConnection(url.hostname, url.port)
headers = {"authorization": "Bearer " + token, "content-type": "application/json"}
body = json.dumps({"node": "bench", "command": "system.info"})
def invoke():
    conn.request("POST", "/api/nodes/invoke", body, headers)
    r = conn.getresponse()
    data = r.read()
    return r.status, data
for _ in range(200):                      # wait until the node is welcomed
    status, data = invoke()
    if status == 200: break
    time.sleep(0.05)
else:
    sys.exit("the node never connected: %s" % data)
for _ in range(100): invoke()             # warm up
times = []
for _ in range(n):
    t = time.perf_counter(); status, data = invoke(); times.append(time.perf_counter() - t)
    assert status == 200 and json.loads(data)["ok"], data
times.sort()
ms = lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000
print(f"system.info invoke round trip over {n} calls: median {ms(0.5):.2f} ms, p90 {ms(0.9):.2f} ms, p99 {ms(0.99):.2f} ms")
PY
sleep 2
RSS=$(awk '/VmRSS/ {print $2}' "/proc/$NODE_PID/status")
echo "node process idle RSS (connected, after the invokes): $((RSS / 1024)).$(( (RSS % 1024) * 10 / 1024 )) MiB ($RSS KiB)"
grep -E '^(Rss|Pss_Anon|Pss_File|Anonymous)' "/proc/$NODE_PID/smaps_rollup" | tr -s ' ' | paste -sd ' ' -
