#!/bin/sh
# The release binary's size, as built (with line tables, `profile.release.debug`) and stripped
# (what a package would ship).
#
#   scripts/bench-size.sh [out]   # the stripped copy goes to out (default /tmp/openclaw-stripped)
set -eu
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/openclaw-stripped}
cargo build --release --quiet --bin openclaw
strip -o "$OUT" target/release/openclaw
size() { stat -c %s "$1" | awk -v f="$1" '{printf "%s: %d bytes (%.1f MB, %.1f MiB)\n", f, $1, $1/1e6, $1/1048576}'; }
size target/release/openclaw
size "$OUT"
ls -l "$OUT"
