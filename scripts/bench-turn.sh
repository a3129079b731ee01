#!/usr/bin/env bash
# Benchmarks of one agent turn against a zero-latency fake model (not part of CI):
#   1. the runtime's own CPU per turn, in-process            target < 1 ms
#   2. a transcript append                                   target < 100 µs plus fsync
#   3. the whole `openclaw send "hi"` process: wall, peak RSS target < 30 ms, < 15 MB
#   4. bytes sent to the model for a "hi" turn, fresh workspace  target ≤ 15 KB
# Usage: scripts/bench-turn.sh [TURNS]
set -euo pipefail
cd "$(dirname "$0")/.."
turns="${1:-300}"
cargo build --release --quiet --bin openclaw --example fake_llm --example bench_turn
bin="$PWD/target/release/openclaw"
work="$(mktemp -d)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
target/release/examples/fake_llm "127.0.0.1:$port" 2>>"$work/fake.log" &
fake=$!
trap 'kill $fake 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q "fake LLM" "$work/fake.log" 2>/dev/null && break; sleep 0.1; done

home="$work/home"
"$bin" --home "$home" init -q
"$bin" --home "$home" config set models.providers.fake "{ api: \"openai\", baseUrl: \"http://127.0.0.1:$port/v1\" }" >/dev/null
"$bin" --home "$home" config set models.default fake/bench >/dev/null

echo "== bytes sent to the model for a \"hi\" turn (fresh workspace)"
: >"$work/fake.log"
"$bin" --home "$home" send hi >/dev/null
grep -a -m1 '^request:' "$work/fake.log"

echo "== in-process turns ($turns)"
target/release/examples/bench_turn "$home" "$turns"

echo "== openclaw send \"hi\" (whole process)"
if command -v hyperfine >/dev/null; then
    hyperfine --style basic --warmup 3 --runs 30 -N "$bin --home $home send hi"
fi
/usr/bin/time -f "peak RSS: %M KiB, wall %e s" "$bin" --home "$home" send hi >/dev/null
