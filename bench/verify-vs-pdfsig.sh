#!/usr/bin/env bash
# `cddh-sync verify --offline` beside poppler's pdfsig, in one run (BENCHMARKS.md,
# issue 17): the 27 public PDFs of ../shared/testdata/signatures, each ROUNDS times.
# `cddh-sync` is built as `make build` builds it: the light front binary
# (./cmd/cddh-sync-light), which runs verify itself, with the full binary
# (./cmd/cddh-sync) beside it as cddh-sync-full.
#   1. one process per file, both tools, rounds interleaved so that both see the
#      same machine load: per-process ratio (target >= 2x pdfsig);
#   2. one `cddh-sync verify` process over the same 27 files x ROUNDS (--jobs default
#      = all cores), start-up included, run once in every round, against pdfsig's
#      per-file rate of step 1 (target >= 10x).
#   3. in the same rounds, the full binary's verify (cddh-sync-full, every command
#      linked in), one process per file: what the light binary saves;
#   4. the floor of any process of this toolchain: a static hello-world Go binary
#      built with the same flags, one process per file;
#   5. with BASELINE=<git revision>, that revision's `cddh-sync` (as its own
#      Makefile's build target builds it), one process per file, so that a change is
#      measured side by side with what it replaced;
#   6. with VERIFY_ONLY=1, the light binary without the online revocation fetcher
#      (cmd/internal/verifycli and the light main in one package, the fetcher cut
#      out): what linking the fetcher (net/http) costs a verify process.
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
# As `make build` does: the light front as cddh-sync, the full binary beside it.
CGO_ENABLED=0 go build -trimpath -o "$WORK/cddh-sync-full" ./cmd/cddh-sync
CGO_ENABLED=0 go build -trimpath -o "$WORK/cddh-sync" ./cmd/cddh-sync-light
BIN=$WORK/cddh-sync
FULL=$WORK/cddh-sync-full
mkdir "$WORK/hello"
printf 'package main\n\nimport "os"\n\nfunc main() { os.Stdout.WriteString("{}\\n") }\n' >"$WORK/hello/main.go"
printf 'module hello\n' >"$WORK/hello/go.mod"
(cd "$WORK/hello" && CGO_ENABLED=0 go build -trimpath -o "$WORK/hello-bin" .)
VONLY=
if [ -n "${VERIFY_ONLY:-}" ]; then
  mkdir -p cmd/.verify-only.$$ && trap 'rm -rf "$WORK" cmd/.verify-only.$$' EXIT
  cp cmd/cddh-sync-light/main.go cmd/internal/verifycli/verify.go cmd/.verify-only.$$/
  perl -0pi -e 's/\n\t"cddh-sync\/cmd\/internal\/verifycli"//; s/verifycli\.Run\(/Run(/' cmd/.verify-only.$$/main.go
  perl -0pi -e 's/^package verifycli/package main/m; s/\n\t"cddh-sync\/cmd\/internal\/revocation"//; s/opt\.Fetcher = revocation\.New\(nil\)/return cli.UsageErrorf("this build verifies --offline only")/' cmd/.verify-only.$$/verify.go
  CGO_ENABLED=0 go build -trimpath -o "$WORK/cddh-sync-vonly" ./cmd/.verify-only.$$ ||
    { echo "VERIFY_ONLY: could not cut the online fetcher out of the light binary" >&2; exit 2; }
  rm -rf cmd/.verify-only.$$
  VONLY=$WORK/cddh-sync-vonly
fi
BASE=
if [ -n "${BASELINE:-}" ]; then
  mkdir "$WORK/base"
  git archive "$BASELINE" | tar -x -C "$WORK/base"
  # That revision's `make build` (one binary before the light front, two after).
  (cd "$WORK/base" && make -s build GO=go VERSION=base >/dev/null)
  mv "$WORK/base/bin" "$WORK/base-bin"
  BASE=$WORK/base-bin/cddh-sync
fi
mapfile -t FILES < <(find "$CORPUS/public" -name '*.pdf' | sort)
TRUST=()
while IFS= read -r p; do TRUST+=(--trust "$p"); done < <(find "$CORPUS/public" -name '*.pem' | sort)
N=${#FILES[@]}
now() { date +%s.%N; }
# CPU time (user + system, clock ticks) of this script's finished children.
cpu() { awk '{print $16 + $17}' /proc/$$/stat; }
TICK=$(getconf CLK_TCK)

# Warm the page cache and the binaries once.
for f in "${FILES[@]}"; do pdfsig "$f" >/dev/null 2>&1 || true; "$BIN" verify --offline "${TRUST[@]}" --format json "$f" >/dev/null 2>&1 || true; "$FULL" verify --offline "${TRUST[@]}" --format json "$f" >/dev/null 2>&1 || true; done

ALL=()
for ((r = 1; r <= ROUNDS; r++)); do ALL+=("${FILES[@]}"); done
NA=${#ALL[@]}

# Each round runs them all, one after the other, so that all see the same load.
tp=0 to=0 tb=0 tf=0 th=0 tz=0 tv=0 cp=0 co=0 cb=0 cf=0 ch=0 cz=0 cv=0
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
  for f in "${FILES[@]}"; do "$FULL" verify --offline "${TRUST[@]}" --format json "$f" >/dev/null 2>&1 || true; done
  t3f=$(now); c3f=$(cpu)
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
  tf=$(echo "$tf + $t3f - $t3" | bc -l); th=$(echo "$th + $t4 - $t3f" | bc -l); tz=$(echo "$tz + $t5 - $t4" | bc -l); tv=$(echo "$tv + $t6 - $t5" | bc -l)
  cp=$((cp + c1 - c0)); co=$((co + c2 - c1)); cb=$((cb + c3 - c2)); cf=$((cf + c3f - c3)); ch=$((ch + c4 - c3f)); cz=$((cz + c5 - c4)); cv=$((cv + c6 - c5))
done

total=$((N * ROUNDS))
awk -v n="$total" -v nb="$((NA * ROUNDS))" -v tp="$tp" -v to="$to" -v tb="$tb" -v tf="$tf" -v cf="$cf" -v th="$th" -v tz="$tz" -v cp="$cp" -v co="$co" -v cb="$cb" -v ch="$ch" -v cz="$cz" -v tv="$tv" -v cv="$cv" -v vonly="$VONLY" -v base="${BASELINE:-}" -v tick="$TICK" -v cores="$(nproc)" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  rp = n / tp; ro = n / to; rb = nb / tb
  printf "%d files (%d PDFs x %d rounds), %d cores, load average %s\n", n, n / '"$ROUNDS"', '"$ROUNDS"', cores, load
  printf "wall time (the rate a user sees):\n"
  printf "  pdfsig, one process per file:                      %7.1f files/s (%6.2f ms/file)\n", rp, 1000 / rp
  printf "  cddh-sync verify --offline, one process per file:  %7.1f files/s (%6.2f ms/file): %5.2fx pdfsig\n", ro, 1000 / ro, ro / rp
  printf "  cddh-sync verify --offline, one process for all:   %7.1f files/s (%6.2f ms/file): %5.2fx pdfsig\n", rb, 1000 / rb, rb / rp
  printf "CPU time (user + system, %d Hz ticks):\n", tick
  printf "  pdfsig %.2f ms/file; verify one process per file %.2f ms/file (%.2fx less); one process for all %.2f ms/file (%.2fx less)\n",
    1000 * cp / tick / n, 1000 * co / tick / n, cp / co, 1000 * cb / tick / nb, (cb > 0 ? (cp / n) / (cb / nb) : 0)
  printf "full binary (cddh-sync-full) verify, one process per file: %.1f files/s (%.2f ms/file): %.2fx pdfsig; %.2f ms CPU/file (%.2fx less than pdfsig)\n",
    n / tf, 1000 * tf / n, (n / tf) / rp, 1000 * cf / tick / n, (cf > 0 ? cp / cf : 0)
  printf "the floor, a static hello-world Go binary, one process per file: %.2f ms/file wall, %.2f ms/file CPU\n", 1000 * th / n, 1000 * ch / tick / n
  if (vonly != "")
    printf "light binary without the online fetcher, one process per file: %.1f files/s (%.2f ms/file): %.2fx pdfsig; %.2f ms CPU/file (%.2fx less than pdfsig)\n",
      n / tv, 1000 * tv / n, (n / tv) / rp, 1000 * cv / tick / n, (cv > 0 ? cp / cv : 0)
  if (base != "")
    printf "baseline %s, verify one process per file: %.1f files/s (%.2f ms/file): %.2fx pdfsig; %.2f ms CPU/file (%.2fx less than pdfsig)\n",
      base, n / tz, 1000 * tz / n, (n / tz) / rp, 1000 * cz / tick / n, (cz > 0 ? cp / cz : 0)
}'
tail -n 1 "$WORK/batch.err"
