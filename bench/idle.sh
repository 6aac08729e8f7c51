#!/usr/bin/env bash
# Idle cost of the daemon (BENCHMARKS.md item 5): CPU and RSS of `cddh-sync run`
# polling a simulator every 10 s when nothing changes, measured after the first
# sync. Usage: bench/idle.sh [DURATION_SECONDS] (default 600).
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-600}
WORK=$(mktemp -d /tmp/cddh-idle.XXXX); chmod 755 "$WORK"
go build -o "$WORK/cddh-sync" ./cmd/cddh-sync
PORT=$((20000 + RANDOM % 10000))
"$WORK/cddh-sync" sim --listen 127.0.0.1:$PORT --docs 200 --auto-clerk=false >"$WORK/sim.log" 2>&1 &
SIM=$!
trap 'kill $DAEMON $SIM 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
sleep 1
export CDDH_PORTAL_BASE_URL=http://127.0.0.1:$PORT CDDH_PORTAL_PASSWORD=cddh-demo CDDH_STORE_DATA_DIR=$WORK/data \
  CDDH_SYNC_INTERVAL=10s CDDH_HTTP_LISTEN=127.0.0.1:0 CDDH_LOG_FORMAT=json CDDH_LOG_LEVEL=warn CDDH_SIGNING_OFFLINE=true
"$WORK/cddh-sync" run >"$WORK/daemon.log" 2>&1 &
DAEMON=$!
# Wait for the first sync to end (the first cycle reads everything).
for _ in $(seq 1 120); do grep -q sync.cycle_done "$WORK/daemon.log" 2>/dev/null && break; sleep 1; done
sleep 15
tick=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' /proc/$DAEMON/stat; }
c0=$(cpu); t0=$(date +%s.%N)
sleep "$DUR"
c1=$(cpu); t1=$(date +%s.%N)
rss=$(awk '/VmRSS/{print $2}' /proc/$DAEMON/status); hwm=$(awk '/VmHWM/{print $2}' /proc/$DAEMON/status)
awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v tick="$tick" -v rss="$rss" -v hwm="$hwm" 'BEGIN {
  wall = t1 - t0; cpu = (c1 - c0) / tick
  printf "idle %.0f s: CPU %.2f s = %.3f%% of one core; RSS %.1f MB (peak %.1f MB)\n", wall, cpu, 100 * cpu / wall, rss / 1024, hwm / 1024 }'
