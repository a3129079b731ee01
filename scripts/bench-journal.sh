#!/usr/bin/env bash
# Cost per inbound message of the gateway's journal with a 100,000-line history (not part of CI):
# CPU time and bytes written per message, and how long the journal is at the end. The cost must
# not grow with the history. Usage: scripts/bench-journal.sh [HISTORY_LINES] [MESSAGES]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release --quiet --example bench_journal -- "${1:-100000}" "${2:-1000}"
