#!/usr/bin/env bash
# Whole-process benchmarks of the release binary over the generated corpus
# (examples/gen_corpus.rs): one typical release end to end (process start
# and dictionary load included), 10,000 files on 1 and 2 threads, and the
# peak RSS of one 50 MB file. Uses hyperfine when available (installs the
# Debian package when running as root), else /usr/bin/time.
#
# Usage: scripts/bench.sh [CORPUS_DIR]   (default: target/bench-corpus)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$root/target/bench-corpus}"
koho="$root/target/release/koho"

cd "$root"
cargo build --release --quiet
cargo build --release --quiet --example gen_corpus
if [ ! -f "$corpus/big/big.md" ]; then
  "$root/target/release/examples/gen_corpus" "$corpus" 50
fi

if ! command -v hyperfine >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get install -y hyperfine >/dev/null 2>&1 || true
fi

# koho exits 1 when it finds lint errors; that is not a benchmark failure.
run_koho() { "$koho" check --no-config --quiet "$@" >/dev/null || [ $? -eq 1 ]; }
export -f run_koho
export koho

one="$corpus/one/release.md"
echo "== one release ($(wc -c <"$one") bytes), end to end"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N --warmup 3 --min-runs 30 -i "$koho check --no-config --quiet $one"
  for t in 1 2; do
    echo "== 10,000 files, RAYON_NUM_THREADS=$t"
    RAYON_NUM_THREADS=$t hyperfine --runs 3 -i \
      "$koho check --no-config --quiet $corpus/c10000"
  done
else
  for i in 1 2 3 4 5 6 7 8 9 10; do /usr/bin/time -f "%e s wall, %M KB max RSS" bash -c "run_koho '$one'" ; done
  for t in 1 2; do
    echo "== 10,000 files, RAYON_NUM_THREADS=$t"
    RAYON_NUM_THREADS=$t /usr/bin/time -f "%e s wall, %M KB max RSS" bash -c "run_koho '$corpus/c10000'"
  done
fi

big="$corpus/big/big.md"
size=$(wc -c <"$big")
echo "== peak RSS, one file of $size bytes"
/usr/bin/time -f "%e s wall, %M KB max RSS" "$koho" check --no-config --quiet "$big" >/dev/null 2>/tmp/koho-bench-time.txt || true
tail -1 /tmp/koho-bench-time.txt
rss_kb=$(tail -1 /tmp/koho-bench-time.txt | sed -E 's/.*, ([0-9]+) KB.*/\1/')
echo "peak RSS / file size = $(awk "BEGIN { printf \"%.2f\", $rss_kb * 1024 / $size }")"
echo "== dictionary-only baseline (empty file)"
empty="$(mktemp --suffix=.md)"
/usr/bin/time -f "%e s wall, %M KB max RSS" "$koho" check --no-config --quiet "$empty" >/dev/null 2>/tmp/koho-bench-time.txt || true
tail -1 /tmp/koho-bench-time.txt
rm -f "$empty"
