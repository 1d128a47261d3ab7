#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server for the tests:
#
#   bash scripts/with-postgres.sh npm test
#
# If QUIRE_TEST_POSTGRES_URL is already set, the command just runs against that server. Otherwise
# this finds initdb/pg_ctl (PATH, then /usr/lib/postgresql/*/bin; as root with apt-get it installs
# the "postgresql" package if neither has them), creates a cluster in a temporary folder, starts it
# on a free loopback port with trust authentication, exports
#
#   QUIRE_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:PORT/postgres
#
# (an admin URL: the tests CREATE DATABASE for each app they build), runs the command, and stops the
# server and deletes the folder when the command ends, whatever its outcome. The command's exit
# status is this script's exit status.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 64
fi

if [ -n "${QUIRE_TEST_POSTGRES_URL:-}" ]; then
  exec "$@"
fi

log() { echo "with-postgres: $*" >&2; }

# --- Find the server binaries ------------------------------------------------------------------
find_pg_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  local dir
  # Newest major version first.
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

if ! PG_BIN="$(find_pg_bin)"; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "PostgreSQL is not installed; installing it with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
    # Debian's package creates and starts a "main" cluster on port 5432; we don't use it.
  fi
  if ! PG_BIN="$(find_pg_bin)"; then
    log "cannot find initdb and pg_ctl. Install PostgreSQL (apt-get install postgresql) or set" \
      "QUIRE_TEST_POSTGRES_URL to a server where the tests may create databases."
    exit 1
  fi
fi
INITDB="$PG_BIN/initdb"
PG_CTL="$PG_BIN/pg_ctl"

# --- Who runs the server ---------------------------------------------------------------------
# PostgreSQL refuses to run as root, so as root the server runs as the "postgres" user.
as_pg() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    log "creating the system user postgres"
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres 2>/dev/null \
      || adduser --system --group --home /var/lib/postgresql --shell /bin/bash postgres >&2
  fi
  if command -v runuser >/dev/null 2>&1; then
    as_pg() { runuser -u postgres -- "$@"; }
  else
    as_pg() {
      local quoted
      quoted="$(printf '%q ' "$@")"
      su -s /bin/sh postgres -c "$quoted"
    }
  fi
fi

# --- A free loopback port --------------------------------------------------------------------
free_port() {
  if command -v node >/dev/null 2>&1; then
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'
  else
    echo $((20000 + RANDOM % 20000))
  fi
}

# --- Create and start the cluster ------------------------------------------------------------
# As root the folder must be reachable by the postgres user, so it goes in /tmp, not $TMPDIR.
tmp_base="${TMPDIR:-/tmp}"
if [ "$(id -u)" -eq 0 ]; then tmp_base=/tmp; fi
PG_TMP="$(mktemp -d "$tmp_base/quire-pg.XXXXXX")"
PG_DATA="$PG_TMP/data"
PG_LOG="$PG_TMP/server.log"
started=0

cleanup() {
  local status=$?
  if [ "$started" -eq 1 ]; then
    as_pg "$PG_CTL" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

chmod 700 "$PG_TMP"
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$PG_TMP"; fi

as_pg "$INITDB" -D "$PG_DATA" --username=postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$PG_TMP/initdb.log" 2>&1 \
  || as_pg "$INITDB" -D "$PG_DATA" --username=postgres --auth=trust --encoding=UTF8 --no-locale >"$PG_TMP/initdb.log" 2>&1 \
  || { log "initdb failed:"; cat "$PG_TMP/initdb.log" >&2; exit 1; }

# Settings for a disposable test server: quick, not durable, loopback only.
server_opts="-c listen_addresses=127.0.0.1 -c unix_socket_directories=$PG_TMP -c fsync=off"
server_opts="$server_opts -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"

# A port can be taken between choosing it and binding it; try a few times.
for attempt in 1 2 3 4 5; do
  PG_PORT="$(free_port)"
  if as_pg "$PG_CTL" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 -o "-p $PG_PORT $server_opts" start >/dev/null 2>&1; then
    started=1
    break
  fi
  log "start on port $PG_PORT failed (attempt $attempt)"
  tail -n 5 "$PG_LOG" >&2 || true
done
if [ "$started" -ne 1 ]; then
  log "could not start PostgreSQL; server log:"
  cat "$PG_LOG" >&2 || true
  exit 1
fi

export QUIRE_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
log "PostgreSQL $("$PG_CTL" --version | awk '{print $3}') running at $QUIRE_TEST_POSTGRES_URL"

# Run the command (not exec: the trap must stop the server afterwards). It runs in the background
# so that SIGINT/SIGTERM reach this script at once; they are passed on to the command.
child=0
forward() {
  if [ "$child" -ne 0 ]; then kill "-$1" "$child" 2>/dev/null || true; fi
}
# (A background command ignores SIGINT when job control is off, so Ctrl-C is passed on as SIGTERM.)
trap 'forward TERM' INT TERM
set +e
"$@" <&0 &
child=$!
while :; do
  wait "$child"
  status=$?
  # wait returns early (status > 128) when a trapped signal arrives; keep waiting for the command.
  kill -0 "$child" 2>/dev/null || break
done
set -e
exit "$status"
