#!/usr/bin/env bash
# The browser tool with a warm Chromium (not part of CI): `open` + `snapshot` of a local page,
# and the memory the browser adds (RSS and PSS summed over its processes).
# Usage: scripts/bench-browser.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null ||
  { echo "no Chromium: apt-get install chromium" >&2; exit 1; }
cargo run --release --quiet --example bench_browser -- "${1:-30}"
