#!/usr/bin/env bash
# Check that a change to koho's internals (a speed-up, a refactor) leaves
# its findings byte-for-byte the same: lint a corpus with a reference
# binary and with the current release build, in JSON, and diff.
#
# Usage: scripts/same-output.sh REFERENCE_BINARY CORPUS_DIR...
#   e.g. cp target/release/koho /tmp/koho-before   (before the change)
#        scripts/same-output.sh /tmp/koho-before fixtures target/bench-corpus/c100
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
ref="$1"; shift
cd "$root"
cargo build --release --quiet
new="$root/target/release/koho"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
status=0
for dir in "$@"; do
  for bin in ref new; do
    exe="$ref"; [ "$bin" = new ] && exe="$new"
    # Exit 1 means findings, not failure; 2+ is an error worth showing.
    "$exe" check --no-config --format json "$dir" >"$tmp/$bin.json" 2>"$tmp/$bin.err" || [ $? -eq 1 ]
  done
  if cmp -s "$tmp/ref.json" "$tmp/new.json"; then
    echo "same: $dir ($(wc -c <"$tmp/new.json") bytes of JSON)"
  else
    echo "DIFFERENT: $dir"
    diff <(python3 -m json.tool "$tmp/ref.json") <(python3 -m json.tool "$tmp/new.json") | head -40 || true
    status=1
  fi
done
exit $status
