#!/usr/bin/env bash
# Benchmarks of the session store (not part of CI; figures go in the README):
#   1. `openclaw session ls` (table and --json) on an agent with 100,000 sessions   target < 0.3 s
#   2. `openclaw session reset --stale --all` over 10,000 stale sessions with transcripts  < 2 s
# Uses hyperfine when installed, else a date-based timer. Usage: scripts/bench-sessions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/openclaw"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

time_cmd() { # label, prepare-command (may be empty), command
    local label="$1" prepare="$2" cmd="$3"
    if command -v hyperfine >/dev/null; then
        if [ -n "$prepare" ]; then
            hyperfine --style basic --warmup 1 --runs 5 --prepare "$prepare" -n "$label" "$cmd"
        else
            hyperfine --style basic --warmup 2 --runs 10 -n "$label" "$cmd"
        fi
    else
        [ -n "$prepare" ] && bash -c "$prepare"
        local t0 t1
        t0=$(date +%s%N); bash -c "$cmd"; t1=$(date +%s%N)
        echo "$label: $(( (t1 - t0) / 1000000 )) ms"
    fi
}

echo "== session ls, 100,000 sessions"
python3 scripts/gen-sessions.py "$work/ls" bench 100000
ls -l "$work/ls/agents/bench/state/sessions.json" | awk '{print "sessions.json:", $5, "bytes"}'
time_cmd "session ls (table)" "" "$bin --home $work/ls session ls >/dev/null"
time_cmd "session ls --json" "" "$bin --home $work/ls --json session ls >/dev/null"
time_cmd "session ls --stale --channel telegram" "" "$bin --home $work/ls session ls --stale --channel telegram >/dev/null"

echo "== session reset --stale --all, 10,000 stale of 20,000 sessions, each with a transcript"
python3 scripts/gen-sessions.py "$work/seed" bench 20000 --stale 10000 --transcripts
prepare="rm -rf $work/reset && cp -a $work/seed $work/reset"
time_cmd "session reset --stale --all" "$prepare" "$bin --home $work/reset session reset --stale --all >/dev/null"
bash -c "$prepare"
"$bin" --home "$work/reset" session reset --stale --all | tail -1
echo "archived: $(ls "$work/reset/agents/bench/state/transcripts/archive" | wc -l) transcripts"
