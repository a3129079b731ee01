#!/usr/bin/env bash
# How much of the system prompt stays byte-identical between turns in different minutes, days
# and channels: the prefix a prompt cache (llama.cpp, Anthropic, OpenAI) reuses. Prints a table.
# Usage: scripts/bench-prompt-cache.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --example bench_prompt_cache
