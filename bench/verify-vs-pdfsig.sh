#!/usr/bin/env bash
# `cddh-sync verify --offline` beside poppler's pdfsig, in one run (BENCHMARKS.md,
# issue 17): the 27 public PDFs of ../shared/testdata/signatures, each ROUNDS times.
#   1. one process per file, both tools, rounds interleaved so that both see the
#      same machine load: per-process ratio (target >= 2x pdfsig);
#   2. one `cddh-sync verify` process over the 27 files (--jobs default = all cores),
#      once per round, start-up included, against pdfsig's per-file rate of step 1
#      (target >= 10x).
# Usage: bench/verify-vs-pdfsig.sh [ROUNDS] (default 5). Needs pdfsig (poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
CORPUS=${CORPUS:-../shared/testdata/signatures}
command -v pdfsig >/dev/null || { echo "pdfsig not found (apt-get install poppler-utils)" >&2; exit 2; }
[ -d "$CORPUS/public" ] || { echo "corpus not found: $CORPUS/public" >&2; exit 2; }
WORK=$(mktemp -d /tmp/cddh-verify-bench.XXXX)
trap 'rm -rf "$WORK"' EXIT
go build -o "$WORK/cddh-sync" ./cmd/cddh-sync
BIN=$WORK/cddh-sync
mapfile -t FILES < <(find "$CORPUS/public" -name '*.pdf' | sort)
TRUST=()
while IFS= read -r p; do TRUST+=(--trust "$p"); done < <(find "$CORPUS/public" -name '*.pem' | sort)
N=${#FILES[@]}
now() { date +%s.%N; }

# Warm the page cache and both binaries once.
for f in "${FILES[@]}"; do pdfsig "$f" >/dev/null 2>&1 || true; "$BIN" verify --offline "${TRUST[@]}" --format json "$f" >/dev/null 2>&1 || true; done

# Each round runs the three, one after the other, so that all see the same load.
tp=0 to=0 tb=0
for ((r = 1; r <= ROUNDS; r++)); do
  t0=$(now)
  for f in "${FILES[@]}"; do pdfsig "$f" >/dev/null 2>&1 || true; done
  t1=$(now)
  for f in "${FILES[@]}"; do "$BIN" verify --offline "${TRUST[@]}" --format json "$f" >/dev/null 2>&1 || true; done
  t2=$(now)
  "$BIN" verify --offline "${TRUST[@]}" --format json "${FILES[@]}" >"$WORK/batch.jsonl" 2>"$WORK/batch.err" || true
  t3=$(now)
  lines=$(wc -l <"$WORK/batch.jsonl")
  [ "$lines" -eq "$N" ] || { echo "batch wrote $lines lines for $N files:" >&2; cat "$WORK/batch.err" >&2; exit 1; }
  tp=$(echo "$tp + $t1 - $t0" | bc -l); to=$(echo "$to + $t2 - $t1" | bc -l); tb=$(echo "$tb + $t3 - $t2" | bc -l)
done

total=$((N * ROUNDS))
awk -v n="$total" -v tp="$tp" -v to="$to" -v tb="$tb" -v cores="$(nproc)" 'BEGIN {
  rp = n / tp; ro = n / to; rb = n / tb
  printf "%d files (%d PDFs x %d rounds), %d cores\n", n, n / '"$ROUNDS"', '"$ROUNDS"', cores
  printf "pdfsig, one process per file:                %8.1f files/s (%.2f ms/file)\n", rp, 1000 / rp
  printf "cddh-sync verify --offline, one per file:    %8.1f files/s (%.2f ms/file): %.2fx pdfsig\n", ro, 1000 / ro, ro / rp
  printf "cddh-sync verify --offline, one process per round: %.1f files/s (%.2f ms/file): %.2fx pdfsig\n", rb, 1000 / rb, rb / rp
}'
tail -n 1 "$WORK/batch.err"
