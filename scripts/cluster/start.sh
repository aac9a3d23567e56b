#!/usr/bin/env bash
# npm run cluster: the whole arrangement on one machine, for development and the fault test
# (docs/decisions-cluster.md). Starts, each only when it is not already running (so the script
# also brings back a part the fault test killed):
#   etcd (one member)            client 127.0.0.1:7660, peer 7661
#   Patroni + PostgreSQL 15 pg1  PostgreSQL 7640, Patroni REST 7650
#   Patroni + PostgreSQL 15 pg2  PostgreSQL 7641, Patroni REST 7651
#   HAProxy                      HTTP 7600 -> app1/app2; TCP 7601 -> the primary (REST /primary);
#                                TCP 7602 -> a standby (REST /replica; the primary when none); stats 7603
#   the sandboxes (one process)  VNeID 7621, eSign 7622, payment 7623, SMTP 7624, SMS 7625, Zalo 7626,
#                                national portal 7627, population 7628
#   app1, app2 (src/main.ts)     7610, 7611, database through HAProxy 7601 (stale reads 7602)
# Data, logs and process ids under CLUSTER_DIR (default <worktree>/.cluster, ignored by git).
# Patroni and PostgreSQL run as the `postgres` user. `npm run cluster:stop` stops what this started.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CLUSTER_DIR="${CLUSTER_DIR:-$ROOT/.cluster}"
PIDS="$CLUSTER_DIR/pids"
LOGS="$CLUSTER_DIR/logs"
PGBIN=/usr/lib/postgresql/15/bin
DB_NAME=dvc
PG_PASSWORD=cluster-dev-postgres
mkdir -p "$PIDS" "$LOGS" "$CLUSTER_DIR/run"

log() { printf '%s cluster: %s\n' "$(date -u +%H:%M:%S)" "$*"; }
alive() { [ -f "$PIDS/$1.pid" ] && kill -0 "$(cat "$PIDS/$1.pid")" 2>/dev/null; }
wait_for() { # wait_for <seconds> <description> <command...>
  local secs=$1 what=$2; shift 2
  for _ in $(seq 1 $((secs * 4))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  log "timed out waiting for $what"; return 1
}

install_packages() {
  local missing=()
  command -v patroni >/dev/null || missing+=(patroni)
  command -v etcd >/dev/null || missing+=(etcd-server)
  command -v haproxy >/dev/null || missing+=(haproxy)
  [ -x "$PGBIN/postgres" ] || missing+=(postgresql-15)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} (Debian packages)"
  # Another apt run may hold the dpkg lock: wait for it.
  for _ in $(seq 1 600); do
    fuser /var/lib/dpkg/lock-frontend >/dev/null 2>&1 || break
    sleep 1
  done
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

start_etcd() {
  alive etcd && return 0
  log "starting etcd on 7660"
  mkdir -p "$CLUSTER_DIR/etcd"
  setsid etcd --name e1 --data-dir "$CLUSTER_DIR/etcd" \
    --listen-client-urls http://127.0.0.1:7660 --advertise-client-urls http://127.0.0.1:7660 \
    --listen-peer-urls http://127.0.0.1:7661 --initial-advertise-peer-urls http://127.0.0.1:7661 \
    --initial-cluster e1=http://127.0.0.1:7661 --initial-cluster-state new \
    --listen-metrics-urls http://127.0.0.1:7662 \
    >>"$LOGS/etcd.log" 2>&1 </dev/null &
  echo $! >"$PIDS/etcd.pid"
  wait_for 20 etcd curl -sf http://127.0.0.1:7660/health
}

patroni_config() { # patroni_config <name> <pg port> <rest port>
  local name=$1 port=$2 rest=$3
  cat >"$CLUSTER_DIR/$name.yml" <<EOF
scope: dvc-cluster
namespace: /dvc/
name: $name
log:
  level: INFO
restapi:
  listen: 127.0.0.1:$rest
  connect_address: 127.0.0.1:$rest
etcd3:
  hosts: 127.0.0.1:7660
bootstrap:
  dcs:
    ttl: 10
    loop_wait: 2
    retry_timeout: 4
    maximum_lag_on_failover: 1048576
    # Only a synchronous standby may be promoted: a write the primary acknowledged is on it.
    synchronous_mode: true
    # The primary keeps its role when etcd is gone but it still reaches every member.
    failsafe_mode: true
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        wal_level: replica
        hot_standby: 'on'
        wal_log_hints: 'on'
        max_wal_senders: 10
        max_replication_slots: 10
        max_connections: 100
        synchronous_commit: 'on'
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - data-checksums
postgresql:
  listen: 127.0.0.1:$port
  connect_address: 127.0.0.1:$port
  data_dir: $CLUSTER_DIR/$name/data
  bin_dir: $PGBIN
  pgpass: $CLUSTER_DIR/$name/pgpass
  authentication:
    superuser: {username: postgres, password: $PG_PASSWORD}
    replication: {username: replicator, password: cluster-dev-replicator}
    rewind: {username: rewinder, password: cluster-dev-rewinder}
  parameters:
    unix_socket_directories: $CLUSTER_DIR/run
    shared_buffers: 64MB
    timezone: UTC
  pg_hba:
    - local all all trust
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
EOF
}

start_node() { # start_node <name> <pg port> <rest port>
  local name=$1
  alive "$name" && return 0
  log "starting Patroni $name (PostgreSQL $2, REST $3)"
  mkdir -p "$CLUSTER_DIR/$name"
  chown postgres:postgres "$CLUSTER_DIR/$name" "$CLUSTER_DIR/run"
  chmod 700 "$CLUSTER_DIR/$name"
  patroni_config "$@"
  chown postgres:postgres "$CLUSTER_DIR/$name.yml"
  touch "$LOGS/$name.log" && chown postgres:postgres "$LOGS/$name.log"
  # The subshell becomes Patroni (exec), with no descriptor of this script left open (a caller
  # reading this script's output through a pipe would otherwise wait for Patroni to end).
  (
    cd "$CLUSTER_DIR/$name" || exit 1
    if [ "$(id -u)" = 0 ]; then exec setpriv --reuid=postgres --regid=postgres --init-groups -- setsid patroni "$CLUSTER_DIR/$name.yml"; fi
    exec setsid patroni "$CLUSTER_DIR/$name.yml"
  ) >>"$LOGS/$name.log" 2>&1 </dev/null &
  sleep 0.5
  # Patroni's pid, found by its config file (the oldest match: Patroni forks helpers with the same command line).
  local pid
  pid=$(pgrep -o -f "patroni $CLUSTER_DIR/$name.yml" || true)
  [ -n "$pid" ] || { log "Patroni $name did not start (see $LOGS/$name.log)"; return 1; }
  echo "$pid" >"$PIDS/$name.pid"
}

primary_up() { curl -sf http://127.0.0.1:7650/primary || curl -sf http://127.0.0.1:7651/primary; }
replica_up() { curl -sf http://127.0.0.1:7650/replica || curl -sf http://127.0.0.1:7651/replica; }

start_haproxy() {
  alive haproxy && return 0
  log "starting HAProxy (HTTP 7600, primary 7601, standby 7602, stats 7603)"
  sed "s#@CLUSTER_DIR@#$CLUSTER_DIR#g" "$ROOT/scripts/cluster/haproxy.cfg" >"$CLUSTER_DIR/haproxy.cfg"
  haproxy -c -q -f "$CLUSTER_DIR/haproxy.cfg"
  setsid haproxy -W -f "$CLUSTER_DIR/haproxy.cfg" >>"$LOGS/haproxy.log" 2>&1 </dev/null &
  echo $! >"$PIDS/haproxy.pid"
}

create_database() {
  local exists
  exists=$(PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p 7601 -U postgres -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")
  if [ "$exists" != 1 ]; then
    log "creating database $DB_NAME"
    PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p 7601 -U postgres -d postgres -qc "CREATE DATABASE $DB_NAME"
  fi
}

app_env() {
  export NODE_ENV=development DEMO_SEED=true LOG_LEVEL="${CLUSTER_LOG_LEVEL:-warn}"
  export DATA_DIR="$CLUSTER_DIR/app-data" # shared by both instances (blobs, sandbox CA): a shared volume in production
  export DATABASE_URL="postgres://postgres:$PG_PASSWORD@127.0.0.1:7601/$DB_NAME"
  export DATABASE_READ_URL="postgres://postgres:$PG_PASSWORD@127.0.0.1:7602/$DB_NAME"
  export PUBLIC_URL=http://127.0.0.1:7600 TRUST_PROXY=127.0.0.1
  export SESSION_SECRET=cluster-development-session-secret-0123456789
  export SANDBOXES_IN_PROCESS=false HOST=127.0.0.1 PAYMENT_QUERY_AFTER_MIN=1
  export VNEID_SANDBOX_PORT=7621 VNEID_ISSUER=http://127.0.0.1:7621 ESIGN_SANDBOX_PORT=7622 PAYMENT_SANDBOX_PORT=7623
  export SMTP_SANDBOX_PORT=7624 SMS_SANDBOX_PORT=7625 ZALO_SANDBOX_PORT=7626 NATIONAL_PORTAL_SANDBOX_PORT=7627 POPULATION_SANDBOX_PORT=7628
}

start_sandboxes() {
  alive sandboxes && return 0
  log "starting the sandboxes (7621-7628)"
  (app_env; cd "$ROOT" && exec setsid node --import tsx scripts/cluster/sandboxes.ts >>"$LOGS/sandboxes.log" 2>&1 </dev/null) &
  echo $! >"$PIDS/sandboxes.pid"
  wait_for 60 "the sandboxes" curl -s -o /dev/null http://127.0.0.1:7625/_sandbox/counts
}

start_app() { # start_app <name> <port>
  local name=$1 port=$2
  alive "$name" && return 0
  log "starting $name on $port"
  (app_env; export PORT=$port; cd "$ROOT" && exec setsid node --import tsx src/main.ts >>"$LOGS/$name.log" 2>&1 </dev/null) &
  echo $! >"$PIDS/$name.pid"
  # The first instance migrates and loads the demo province; the second starts after it.
  wait_for 600 "$name to be ready" curl -sf "http://127.0.0.1:$port/readyz"
}

install_packages
start_etcd
start_node pg1 7640 7650
wait_for 90 "a primary" primary_up
start_node pg2 7641 7651
start_haproxy
wait_for 30 "HAProxy's primary port" "$PGBIN/pg_isready" -h 127.0.0.1 -p 7601
create_database
start_app app1 7610
start_sandboxes
start_app app2 7611
wait_for 120 "a streaming standby" replica_up || log "no standby yet: stale reads go to the primary"
log "ready: http://127.0.0.1:7600 (apps 7610, 7611), PostgreSQL primary 127.0.0.1:7601, standby 7602, HAProxy stats http://127.0.0.1:7603/"
