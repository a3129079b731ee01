#!/bin/sh
# Type-checks and lints the crate (all targets) for macOS from Linux, so Linux-only code that is
# not behind `cfg(target_os = "linux")` fails here rather than on a Mac. Nothing is linked: ring's
# build script gets a stub C compiler that writes empty objects (its C is only needed to link).
# Needs the target's std: `rustup target add x86_64-apple-darwin` (done here when missing).
set -eu
cd "$(dirname "$0")/.."
target=x86_64-apple-darwin
if ! rustup target list --installed | grep -qx "$target" && ! rustup target add "$target"; then
  echo "check-macos: skipped: the $target standard library cannot be installed here (rustup target add failed)" >&2
  exit 0
fi
stub=$(mktemp -d)
trap 'rm -rf "$stub"' EXIT
cat > "$stub/cc" <<'STUB'
#!/bin/sh
# cc-rs detects the compiler family with -E: let the host compiler preprocess.
case "$1" in -E) exec cc "$@" ;; -\?) exit 1 ;; esac
out=""
while [ $# -gt 0 ]; do
  [ "$1" = -o ] && { out="$2"; shift; }
  shift
done
[ -n "$out" ] && : > "$out"
exit 0
STUB
chmod +x "$stub/cc"
CC_x86_64_apple_darwin="$stub/cc" AR_x86_64_apple_darwin=ar \
  exec cargo clippy --locked --target "$target" --all-targets -- -D warnings
