#!/bin/sh
# Gateway RSS under connection churn (issue #10 item 8): 12,000 connections, 400 at a time (past
# `gateway.maxConnections`, so some wait for a slot): each fetches the web chat page or
# `/api/status`, a tenth of them stall half-way through their headers until the header timeout
# closes them. Prints RSS idle, right after, and 6 and 12 s after.
#
#   scripts/bench-churn.sh [connections] [concurrency]
set -eu
cd "$(dirname "$0")/.."
CONNS=${1:-12000}
CONC=${2:-400}
[ -n "${BIN:-}" ] || { cargo build --release --quiet --bin openclaw; BIN=target/release/openclaw; }
TMP=$(mktemp -d)
HOME_DIR="$TMP/home"
cleanup() {
    "$BIN" --home "$HOME_DIR" gateway stop >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
mkdir -p "$HOME_DIR"
cat > "$HOME_DIR/gateway.json5" <<JSON
{
  agents: { main: {} },
  channels: { webchat: { enabled: true } },
  gateway: { listen: "127.0.0.1:0", headerTimeoutSeconds: 2 },
}
JSON
"$BIN" --home "$HOME_DIR" gateway start >/dev/null
PID=$(cat "$HOME_DIR/gateway/gateway.pid")
URL=$(sed -n 's/.*"url": "\(.*\)".*/\1/p' "$HOME_DIR/gateway/gateway.json")
TOKEN=$(cat "$HOME_DIR/gateway/token")
sleep 1
rss() { awk '/VmRSS/ {printf "%.1f MB", $2/1024}' "/proc/$PID/status"; }
echo "idle RSS: $(rss)"
python3 - "$URL" "$TOKEN" "$CONNS" "$CONC" <<'PY'
import asyncio, sys, time, urllib.parse
url, token, total, conc = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
u = urllib.parse.urlsplit(url)
host, port = u.hostname, u.port
done = {"ok": 0, "stalled": 0, "failed": 0}
async def one(i):
    try:
        r, w = await asyncio.open_connection(host, port)
        if i % 10 == 9:
            w.write(b"GET /api/status HTTP/1.1\r\nHost: x\r\n")
            await w.drain()
            await asyncio.wait_for(r.read(), 30)
            done["stalled"] += 1
        else:
            path = "/" if i % 2 else "/api/status"
            w.write(f"GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n".encode())
            await w.drain()
            data = await asyncio.wait_for(r.read(), 30)
            done["ok" if data.startswith(b"HTTP/1.1 200") else "failed"] += 1
        w.close()
    except Exception:
        done["failed"] += 1
async def main():
    sem = asyncio.Semaphore(conc)
    async def guarded(i):
        async with sem:
            await one(i)
    t = time.time()
    await asyncio.gather(*(guarded(i) for i in range(total)))
    print(f"{total} connections in {time.time()-t:.1f} s: {done}")
asyncio.run(main())
PY
echo "RSS right after: $(rss)"
sleep 6
echo "RSS 6 s after: $(rss)"
sleep 6
echo "RSS 12 s after: $(rss)"
