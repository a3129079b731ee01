#!/bin/sh
# MCP figures for the README: the latency an MCP tool call over stdio adds beyond the server's own
# time (openclaw's tool path against a bare JSON-RPC client, same reference server), and the
# gateway's RSS (its own process) with three stdio servers connected. Needs what .ci/run installs
# under target/mcp-node.
#
#   scripts/bench-mcp.sh
set -eu
cd "$(dirname "$0")/.."
cargo test --release --quiet --test mcp bench_ -- --ignored --nocapture --test-threads 1 2>&1 | grep -E 'MCP|RSS|SKIP'
