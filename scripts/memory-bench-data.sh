# Sourced by scripts/bench-memory-grep.sh and scripts/bench-memory-search.sh: generates (once per
# version of scripts/gen-memory-logs.py) ten years of daily logs under target/bench-memory and
# builds the release binary. Sets $data, $home, $ws and $bin.
data="target/bench-memory"
home="$data/home"
ws="$home/agents/main/workspace"
stamp="$data/.generated-by-$(sha256sum scripts/gen-memory-logs.py | cut -c1-16)"

if [[ ! -e "$stamp" ]]; then
    rm -rf "$data"
    mkdir -p "$data"
    python3 scripts/gen-memory-logs.py "$home"
    touch "$stamp"
fi
cargo build --release --quiet
bin="target/release/openclaw"
