#!/usr/bin/env bash
# Measure koho's agreement with textlint + preset-ja-technical-writing on a
# corpus neither side was tuned to (scripts/parity/corpus, written before
# either tool was run on it). Installs textlint from the npm registry into
# scripts/parity/node_modules on first use (node and npm are needed).
# Usage: scripts/parity/run.sh [corpus_dir]   — writes scripts/parity/out/
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus="${1:-$here/corpus}"
out="$here/out"
mkdir -p "$out"

if ! command -v npm >/dev/null 2>&1; then
  echo "SKIP: npm is not installed; textlint parity cannot be measured" >&2
  exit 3
fi
if [ ! -x "$here/node_modules/.bin/textlint" ]; then
  echo "== installing textlint (npm registry)"
  (cd "$here" && npm install --no-audit --no-fund --silent)
fi

echo "== textlint"
# textlint exits 1 when it finds problems; that is expected here.
(cd "$here" && ./node_modules/.bin/textlint --config .textlintrc.json --format json "$corpus"/*.md >"$out/textlint.json") || true

echo "== koho"
(cd "$root" && cargo build --release --quiet)
"$root/target/release/koho" check --no-config --select ja. --format json "$corpus"/*.md >"$out/koho.json" || true

echo "== compare"
python3 "$here/compare.py" "$out/textlint.json" "$out/koho.json" "$corpus" --markdown "$out/report.md"
