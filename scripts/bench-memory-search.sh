#!/usr/bin/env bash
# Benchmark `openclaw memory search` (BM25, no stored index) over ten years of daily logs.
#
#   scripts/bench-memory-search.sh [RUNS]
#
# Uses the same deterministic data as bench-memory-grep.sh (3,650 daily logs, ~50 MB under
# target/bench-memory/, made by scripts/gen-memory-logs.py), builds the release binary, then times
# four queries with hyperfine (mean wall time of the whole process): a rare word, a common word, a
# five-word question and a stop word that matches nearly every chunk. "cold" is one run right after
# evicting the memory files from the page cache (posix_fadvise DONTNEED on each file, so only
# these files are affected); "warm" is the hyperfine mean with the files cached. There is no index
# to warm: every search reads the files. This is a measurement, not a test.
set -euo pipefail

cd "$(dirname "$0")/.."
runs="${1:-10}"
source scripts/memory-bench-data.sh

evict() {
    python3 - "$ws" <<'PY'
import os, sys
root = sys.argv[1]
for d, _, names in os.walk(root):
    for n in names:
        fd = os.open(os.path.join(d, n), os.O_RDONLY)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        os.close(fd)
PY
}

ms_once() {
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    awk -v d=$(((t1 - t0) / 1000)) 'BEGIN { printf "%.0f", d / 1000 }'
}

warm_ms() {
    if command -v hyperfine >/dev/null; then
        local json
        json="$(mktemp)"
        hyperfine --ignore-failure --output=pipe --warmup 2 --runs "$runs" --export-json "$json" \
            -- "$(printf '%q ' "$@")" >/dev/null 2>&1
        python3 -c 'import json,sys; print("%.0f" % (json.load(open(sys.argv[1]))["results"][0]["mean"] * 1000))' "$json"
        rm -f "$json"
    else
        "$@" >/dev/null 2>&1 || true
        ms_once "$@"
    fi
}

files=$(find "$ws/memory" -name '*.md' | wc -l)
mb=$(du -sm --apparent-size "$ws/memory" | cut -f1)
echo "memory search benchmark: $files daily logs, ${mb} MB; $(nproc) cores; load $(cut -d' ' -f1 /proc/loadavg)"
echo
printf '%-40s %5s %10s %10s %10s\n' query hits cold warm "peak RSS"
for q in "Zanzibar" "meeting" "when did I call Ana about the invoice" "the"; do
    read -r -a words <<<"$q"
    cmd=("$bin" --home "$home" memory search -n 10 -- "${words[@]}")
    hits=$("${cmd[@]}" 2>/dev/null | wc -l)
    evict
    cold=$(ms_once "${cmd[@]}")
    warm=$(warm_ms "${cmd[@]}")
    rss=$( { /usr/bin/time -f '%M' "${cmd[@]}" >/dev/null; } 2>&1 | tail -1)
    printf '%-40s %5s %7s ms %7s ms %7s MB\n' "\"$q\"" "$hits" "$cold" "$warm" "$((rss / 1024))"
done
