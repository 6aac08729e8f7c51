#!/usr/bin/env bash
# `cddh-sync verify --offline` beside poppler's pdfsig, in one run (BENCHMARKS.md,
# issue 17): the 27 public PDFs of ../shared/testdata/signatures, each ROUNDS times.
#   1. one process per file, both tools, rounds interleaved so that both see the
#      same machine load: per-process ratio (target >= 2x pdfsig);
#   2. one `cddh-sync verify` process over the same 27 files x ROUNDS (--jobs default
#      = all cores), start-up included, run once in every round, against pdfsig's
#      per-file rate of step 1 (target >= 10x).
#   3. in the same rounds, the floor of any process of this toolchain: a static
#      hello-world Go binary built with the same flags, one process per file;
#   4. with BASELINE=<git revision>, that revision's binary too, one process per
#      file, so that a change is measured side by side with what it replaced;
#   5. with VERIFY_ONLY=1, a binary of the same verify code with no other command
#      linked in (cmd/cddh-sync's main.go, verify.go and flags.go, the command table
#      cut to verify, no online fetcher): what the rest of the binary costs a
#      verify process at start-up.
# Usage: [BASELINE=rev] [VERIFY_ONLY=1] bench/verify-vs-pdfsig.sh [ROUNDS] (default 5).
# Needs pdfsig (poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
CORPUS=${CORPUS:-../shared/testdata/signatures}
command -v pdfsig >/dev/null || { echo "pdfsig not found (apt-get install poppler-utils)" >&2; exit 2; }
[ -d "$CORPUS/public" ] || { echo "corpus not found: $CORPUS/public" >&2; exit 2; }
WORK=$(mktemp -d /tmp/cddh-verify-bench.XXXX)
trap 'rm -rf "$WORK"' EXIT
CGO_ENABLED=0 go build -trimpath -o "$WORK/cddh-sync" ./cmd/cddh-sync  # as `make build` does
BIN=$WORK/cddh-sync
mkdir "$WORK/hello"
printf 'package main\n\nimport "os"\n\nfunc main() { os.Stdout.WriteString("{}\\n") }\n' >"$WORK/hello/main.go"
printf 'module hello\n' >"$WORK/hello/go.mod"
(cd "$WORK/hello" && CGO_ENABLED=0 go build -trimpath -o "$WORK/hello-bin" .)
VONLY=
if [ -n "${VERIFY_ONLY:-}" ]; then
  mkdir "$WORK/vonly"
  cp cmd/cddh-sync/main.go cmd/cddh-sync/verify.go cmd/cddh-sync/flags.go "$WORK/vonly/"
  perl -0pi -e 's/var commands = map\[string\]command\{.*?\n\}\n/var commands = map[string]command{"verify": {"verify", cmdVerify}}\n/s' "$WORK/vonly/main.go"
  perl -0pi -e 's/opt\.Fetcher = newRevocationFetcher\(nil\)/return usageErrorf("this build verifies --offline only")/' "$WORK/vonly/verify.go"
  mkdir -p cmd/.verify-only.$$ && trap 'rm -rf "$WORK" cmd/.verify-only.$$' EXIT
  cp "$WORK"/vonly/*.go cmd/.verify-only.$$/
  CGO_ENABLED=0 go build -trimpath -o "$WORK/cddh-sync-vonly" ./cmd/.verify-only.$$ ||
    { echo "VERIFY_ONLY: could not cut cmd/cddh-sync down to verify" >&2; exit 2; }
  rm -rf cmd/.verify-only.$$
  VONLY=$WORK/cddh-sync-vonly
fi
BASE=
if [ -n "${BASELINE:-}" ]; then
  mkdir "$WORK/base"
  git archive "$BASELINE" | tar -x -C "$WORK/base"
  (cd "$WORK/base" && CGO_ENABLED=0 go build -trimpath -o "$WORK/cddh-sync-base" ./cmd/cddh-sync)
  BASE=$WORK/cddh-sync-base
fi
mapfile -t FILES < <(find "$CORPUS/public" -name '*.pdf' | sort)
TRUST=()
while IFS= read -r p; do TRUST+=(--trust "$p"); done < <(find "$CORPUS/public" -name '*.pem' | sort)
N=${#FILES[@]}
now() { date +%s.%N; }
# CPU time (user + system, clock ticks) of this script's finished children.
cpu() { awk '{print $16 + $17}' /proc/$$/stat; }
TICK=$(getconf CLK_TCK)

# Warm the page cache and both binaries once.
for f in "${FILES[@]}"; do pdfsig "$f" >/dev/null 2>&1 || true; "$BIN" verify --offline "${TRUST[@]}" --format json "$f" >/dev/null 2>&1 || true; done

ALL=()
for ((r = 1; r <= ROUNDS; r++)); do ALL+=("${FILES[@]}"); done
NA=${#ALL[@]}

# Each round runs them all, one after the other, so that all see the same load.
tp=0 to=0 tb=0 th=0 tz=0 tv=0 cp=0 co=0 cb=0 ch=0 cz=0 cv=0
for ((r = 1; r <= ROUNDS; r++)); do
  c0=$(cpu); t0=$(now)
  for f in "${FILES[@]}"; do pdfsig "$f" >/dev/null 2>&1 || true; done
  t1=$(now); c1=$(cpu)
  for f in "${FILES[@]}"; do "$BIN" verify --offline "${TRUST[@]}" --format json "$f" >/dev/null 2>&1 || true; done
  t2=$(now); c2=$(cpu)
  "$BIN" verify --offline "${TRUST[@]}" --format json "${ALL[@]}" >"$WORK/batch.jsonl" 2>"$WORK/batch.err" || true
  t3=$(now); c3=$(cpu)
  lines=$(wc -l <"$WORK/batch.jsonl")
  [ "$lines" -eq "$NA" ] || { echo "batch wrote $lines lines for $NA files:" >&2; cat "$WORK/batch.err" >&2; exit 1; }
  for f in "${FILES[@]}"; do "$WORK/hello-bin" "$f" >/dev/null 2>&1 || true; done
  t4=$(now); c4=$(cpu)
  if [ -n "$BASE" ]; then
    for f in "${FILES[@]}"; do "$BASE" verify --offline "${TRUST[@]}" --format json "$f" >/dev/null 2>&1 || true; done
  fi
  t5=$(now); c5=$(cpu)
  if [ -n "$VONLY" ]; then
    for f in "${FILES[@]}"; do "$VONLY" verify --offline "${TRUST[@]}" --format json "$f" >/dev/null 2>&1 || true; done
  fi
  t6=$(now); c6=$(cpu)
  tp=$(echo "$tp + $t1 - $t0" | bc -l); to=$(echo "$to + $t2 - $t1" | bc -l); tb=$(echo "$tb + $t3 - $t2" | bc -l)
  th=$(echo "$th + $t4 - $t3" | bc -l); tz=$(echo "$tz + $t5 - $t4" | bc -l); tv=$(echo "$tv + $t6 - $t5" | bc -l)
  cp=$((cp + c1 - c0)); co=$((co + c2 - c1)); cb=$((cb + c3 - c2)); ch=$((ch + c4 - c3)); cz=$((cz + c5 - c4)); cv=$((cv + c6 - c5))
done

total=$((N * ROUNDS))
awk -v n="$total" -v nb="$((NA * ROUNDS))" -v tp="$tp" -v to="$to" -v tb="$tb" -v th="$th" -v tz="$tz" -v cp="$cp" -v co="$co" -v cb="$cb" -v ch="$ch" -v cz="$cz" -v tv="$tv" -v cv="$cv" -v vonly="$VONLY" -v base="${BASELINE:-}" -v tick="$TICK" -v cores="$(nproc)" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  rp = n / tp; ro = n / to; rb = nb / tb
  printf "%d files (%d PDFs x %d rounds), %d cores, load average %s\n", n, n / '"$ROUNDS"', '"$ROUNDS"', cores, load
  printf "wall time (the rate a user sees):\n"
  printf "  pdfsig, one process per file:                      %7.1f files/s (%6.2f ms/file)\n", rp, 1000 / rp
  printf "  cddh-sync verify --offline, one process per file:  %7.1f files/s (%6.2f ms/file): %5.2fx pdfsig\n", ro, 1000 / ro, ro / rp
  printf "  cddh-sync verify --offline, one process for all:   %7.1f files/s (%6.2f ms/file): %5.2fx pdfsig\n", rb, 1000 / rb, rb / rp
  printf "CPU time (user + system, %d Hz ticks):\n", tick
  printf "  pdfsig %.2f ms/file; verify one process per file %.2f ms/file (%.2fx less); one process for all %.2f ms/file (%.2fx less)\n",
    1000 * cp / tick / n, 1000 * co / tick / n, cp / co, 1000 * cb / tick / nb, (cb > 0 ? (cp / n) / (cb / nb) : 0)
  printf "the floor, a static hello-world Go binary, one process per file: %.2f ms/file wall, %.2f ms/file CPU\n", 1000 * th / n, 1000 * ch / tick / n
  if (vonly != "")
    printf "verify-only binary, one process per file: %.1f files/s (%.2f ms/file): %.2fx pdfsig; %.2f ms CPU/file (%.2fx less than pdfsig)\n",
      n / tv, 1000 * tv / n, (n / tv) / rp, 1000 * cv / tick / n, (cv > 0 ? cp / cv : 0)
  if (base != "")
    printf "baseline %s, verify one process per file: %.1f files/s (%.2f ms/file): %.2fx pdfsig; %.2f ms CPU/file (%.2fx less than pdfsig)\n",
      base, n / tz, 1000 * tz / n, (n / tz) / rp, 1000 * cz / tick / n, (cz > 0 ? cp / cz : 0)
}'
tail -n 1 "$WORK/batch.err"
