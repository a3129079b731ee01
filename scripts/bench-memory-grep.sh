#!/usr/bin/env bash
# Benchmark `openclaw memory grep` against `grep -rn` and `rg -n` over ten years of daily logs.
#
#   scripts/bench-memory-grep.sh [RUNS]
#
# Generates (once, deterministically) a home under target/bench-memory/ with 3,650 daily logs of
# ~14 kB each (~50 MB, scripts/gen-memory-logs.py), builds the release binary, then times three
# queries: a rare literal, a common word (~78,000 matching lines) and a case-insensitive regex.
# Uses hyperfine when installed (output to a pipe, so no tool can skip work because its stdout
# is /dev/null), else a loop over `date +%s%N` reporting the median. rg is skipped when absent.
# This is a measurement, not a test: it never fails because something is slow.
set -euo pipefail

cd "$(dirname "$0")/.."
runs="${1:-20}"
source scripts/memory-bench-data.sh

have_rg=false
command -v rg >/dev/null && have_rg=true
have_hyperfine=false
command -v hyperfine >/dev/null && have_hyperfine=true

# name ; openclaw args ; grep args ; rg args
queries=(
    "rare literal;Zanzibar;Zanzibar;Zanzibar"
    "common word;meeting;meeting;meeting"
    "-i regex;-i call(ed)? (ana|jonas);-i -E call(ed)? (ana|jonas);-i call(ed)? (ana|jonas)"
)

# Prints the mean (hyperfine) or median (fallback) wall time of a command, in milliseconds.
time_ms() {
    if $have_hyperfine; then
        local json
        json="$(mktemp)"
        hyperfine --shell=none --ignore-failure --output=pipe --warmup 3 --runs "$runs" \
            --export-json "$json" -- "$1" >/dev/null 2>&1
        python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["mean"] * 1000))' "$json"
        rm -f "$json"
    else
        local samples=() t0 t1
        for _ in 1 2 3; do bash -c "$1" >/dev/null 2>&1 || true; done
        for ((i = 0; i < runs; i++)); do
            t0=$(date +%s%N)
            bash -c "$1" | cat >/dev/null || true
            t1=$(date +%s%N)
            samples+=($(((t1 - t0) / 1000)))
        done
        printf '%s\n' "${samples[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f\n", a[int((NR+1)/2)]/1000}'
    fi
}

# Quotes each word of "-i call(ed)? (ana|jonas)" style specs: flags stay flags, the rest is one pattern.
cmdline() {
    local prog="$1" spec="$2" flags=() pattern=""
    read -r -a words <<<"$spec"
    for w in "${words[@]}"; do
        if [[ -z "$pattern" && "$w" == -* ]]; then flags+=("$w"); else pattern+="${pattern:+ }$w"; fi
    done
    printf '%s %s %q' "$prog" "${flags[*]}" "$pattern"
}

files=$(find "$ws/memory" -name '*.md' | wc -l)
mb=$(du -sm --apparent-size "$ws/memory" | cut -f1)
echo "memory grep benchmark: $files daily logs, ${mb} MB; $(nproc) cores; ${runs} runs each;" \
    "$($have_hyperfine && echo hyperfine mean || echo 'median of date +%s%N')"
$have_rg || echo "(rg not installed: skipping it; apt-get install ripgrep)"
echo
printf '%-12s %8s %12s %12s %12s %12s\n' query lines "openclaw" "grep -rn" "rg -n" "openclaw/rg"
for q in "${queries[@]}"; do
    IFS=';' read -r name oc gr rg_args <<<"$q"
    lines=$(bash -c "$(cmdline "$bin --home $home memory grep" "$oc")" | wc -l)
    grep_lines=$(bash -c "$(cmdline "grep -rn" "$gr") $ws/MEMORY.md $ws/memory" | wc -l)
    [[ "$lines" == "$grep_lines" ]] || echo "warning: $name: openclaw found $lines lines, grep $grep_lines" >&2
    t_oc=$(time_ms "$(cmdline "$bin --home $home memory grep" "$oc")")
    t_gr=$(time_ms "$(cmdline "grep -rn" "$gr") $ws/MEMORY.md $ws/memory")
    t_rg="-" ratio="-"
    if $have_rg; then
        t_rg=$(time_ms "$(cmdline "rg -n" "$rg_args") $ws/MEMORY.md $ws/memory")
        ratio=$(awk -v a="$t_oc" -v b="$t_rg" 'BEGIN { printf "%.2fx", a / b }')
    fi
    [[ "$t_rg" == "-" ]] || t_rg="$t_rg ms"
    printf '%-12s %8s %12s %12s %12s %12s\n' "$name" "$lines" "$t_oc ms" "$t_gr ms" "$t_rg" "$ratio"
done
