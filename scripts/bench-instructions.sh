#!/usr/bin/env bash
# The throughput ratio b/a of benches/lint.rs, counted in instructions
# instead of time: (a) bare lindera tokenization and (b) `koho::lint` with
# every rule, plus (t) koho's own tokenizer (the part of (b) that
# tokenizes), one pass each over the 100-file corpus on one thread, minus the
# set-up they share (dictionary, rules, corpus, and a first lint that
# compiles the rules' regexes, as the timed bench warms up too). Instruction counts do not
# move when other jobs share the machine, so this compares two versions
# where wall-clock benchmarks cannot. Instructions are not time (lindera
# and the rules run at different instructions per cycle): the timed
# `cargo bench` remains the measure of the target.
#
# Usage: scripts/bench-instructions.sh   (installs valgrind from Debian
# when missing and running as root)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if ! command -v valgrind >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get install -y valgrind >/dev/null 2>&1 || true
fi
command -v valgrind >/dev/null 2>&1 || { echo "valgrind is needed" >&2; exit 2; }
cargo bench --bench lint --no-run --quiet
bin=$(cargo bench --bench lint --no-run --message-format=json 2>/dev/null |
  grep '"kind":\["bench"\]' | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
[ -x "$bin" ] || { echo "bench binary not found" >&2; exit 2; }
count() {
  KOHO_BENCH_PASS=$1 RAYON_NUM_THREADS=1 valgrind --tool=cachegrind --cache-sim=no \
    --cachegrind-out-file=/dev/null "$bin" 2>&1 >/dev/null |
    sed -n 's/.*I *refs: *\([0-9,]*\).*/\1/p' | tr -d ,
}
setup=$(count setup)
lindera=$(count lindera)
tok=$(count tokenize)
lint=$(count lint)
a=$((lindera - setup))
t=$((tok - setup))
b=$((lint - setup))
echo "instructions over 100 files, set-up ($setup) subtracted:"
echo "  (a) lindera tokenize  $a"
echo "  (b) lint              $b"
echo "  (t) koho tokenizer    $t   (the tokenizing part of (b))"
awk -v a="$a" -v b="$b" -v t="$t" 'BEGIN {
  printf "  b/a                   %.0f %%   (lint costs %.2f× bare lindera tokenization)\n", 100 * a / b, b / a
  printf "  b/t                   %.0f %%\n", 100 * t / b
}'
