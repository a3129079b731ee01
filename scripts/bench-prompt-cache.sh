#!/usr/bin/env bash
# How much of the system prompt stays byte-identical between turns in different minutes, days
# and channels: the prefix a prompt cache (llama.cpp, Anthropic, OpenAI) reuses. Prints a table.
# Then the time a first and a second "hi" take against examples/fake_llama.rs, a llama.cpp-style
# server that reuses the longest common prefix with its last request and charges MS_PER_TOKEN
# (default 5) for every other prompt token; the second "hi" is sent after the minute turns, so
# the runtime line at the prompt's end differs. Takes up to a minute (it waits for that).
# Usage: scripts/bench-prompt-cache.sh [MS_PER_TOKEN]
set -euo pipefail
cd "$(dirname "$0")/.."
ms="${1:-5}"
cargo run --quiet --example bench_prompt_cache

# Debug builds are enough: the figure is the server's simulated prompt processing, which is
# seconds, against the few milliseconds of openclaw's own work.
cargo build --quiet --bin openclaw --example fake_llama
bin="$PWD/target/debug/openclaw"
work="$(mktemp -d)"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT

# One server and one home per template order: Qwen's (tools after the system text) and tools first.
for order in qwen tools-first; do
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    target/debug/examples/fake_llama "127.0.0.1:$port" "$ms" "$order" 2>>"$work/$order.log" &
    pids+=($!)
    for _ in $(seq 50); do grep -q "fake llama.cpp" "$work/$order.log" 2>/dev/null && break; sleep 0.1; done
    home="$work/$order"
    "$bin" --home "$home" init -q
    "$bin" --home "$home" config set models.providers.llama "{ api: \"openai\", baseUrl: \"http://127.0.0.1:$port/v1\", local: true }" >/dev/null
    "$bin" --home "$home" config set models.default llama/qwen2.5-1.5b >/dev/null
done

timed_hi() {
    local start end
    start=$(date +%s%N)
    "$bin" --home "$work/$1" send hi >/dev/null
    end=$(date +%s%N)
    printf '| %s | %s | %d ms | %s |\n' "$1" "$2" $(((end - start) / 1000000)) \
        "$(grep -a '^prompt:' "$work/$1.log" | tail -1)"
}

echo
echo "\"hi\" twice against a llama.cpp-style prefix cache, $ms ms per uncached prompt token:"
echo
echo "| template order | turn | openclaw send | server |"
echo "|---|---|---|---|"
for order in qwen tools-first; do timed_hi "$order" "first hi, $(date +%H:%M:%S)"; done
sleep $((61 - 10#$(date +%S)))
for order in qwen tools-first; do timed_hi "$order" "second hi, $(date +%H:%M:%S)"; done
