#!/usr/bin/env bash
# npm run cluster:stop: stops what npm run cluster started, by the process ids it wrote
# (apps first, then the sandboxes, HAProxy, the Patroni nodes - each stops its PostgreSQL - and etcd).
# Data stays in CLUSTER_DIR; `--wipe` also deletes it.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CLUSTER_DIR="${CLUSTER_DIR:-$ROOT/.cluster}"
PIDS="$CLUSTER_DIR/pids"

stop() { # stop <name> <seconds before SIGKILL>
  local f="$PIDS/$1.pid"
  [ -f "$f" ] || return 0
  local pid; pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    echo "stopping $1 (pid $pid)"
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 $(($2 * 4))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then echo "  $1 still running: SIGKILL"; kill -KILL "$pid" 2>/dev/null; fi
  fi
  rm -f "$f"
}

# A PostgreSQL left behind by a Patroni that was killed (-9): its postmaster, by the pid in its data folder.
stop_postmaster() {
  local pidfile="$CLUSTER_DIR/$1/data/postmaster.pid"
  [ -f "$pidfile" ] || return 0
  local pid; pid=$(head -1 "$pidfile")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q postgres "/proc/$pid/comm" 2>/dev/null; then
    echo "stopping the PostgreSQL of $1 (pid $pid)"
    kill -INT "$pid" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  fi
}

stop app2 15
stop app1 15
stop sandboxes 10
stop haproxy 5
stop pg2 30
stop pg1 30
stop_postmaster pg2
stop_postmaster pg1
stop etcd 10
if [ "${1:-}" = "--wipe" ]; then echo "deleting $CLUSTER_DIR"; rm -rf "$CLUSTER_DIR"; fi
