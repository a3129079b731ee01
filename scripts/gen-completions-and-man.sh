#!/bin/sh
# Regenerates the shipped shell completions (completions/) and man pages (man/) from the CLI
# definition. Run it after changing any command or flag; `cargo test --test cli generated` fails
# until the committed files match.
set -eu
cd "$(dirname "$0")/.."
exec cargo run --quiet --example gen_docs -- "$PWD"
