#!/usr/bin/env bash
# A throw-away PostgreSQL cluster from Debian's `postgresql` package, for tests. Never touches the system's.
#   scripts/pg-cluster.sh start DIR PORT [postgres -c options...]   initdb when new, start, wait until ready
#   scripts/pg-cluster.sh down DIR / up DIR                         an outage: pg_ctl stop -m fast, then start again
#   scripts/pg-cluster.sh stop DIR                                  stop and delete DIR
# Trust authentication for user postgres on 127.0.0.1 only. initdb refuses to run as root, so as root the
# cluster belongs to, and runs as, the `postgres` user.
set -euo pipefail
command=${1:?start, restart or stop}
dir=$(realpath -m "${2:?cluster folder}")
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL binaries not found under /usr/lib/postgresql (apt-get install postgresql)" >&2; exit 3; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case $command in
  start)
    port=${3:?port}
    shift 3
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
      # In postgresql.conf, so that a plain `pg_ctl start` after a stop comes back the same.
      {
        echo "port = $port"
        echo "listen_addresses = '127.0.0.1'"
        echo "unix_socket_directories = '$dir'"
        echo "max_connections = 200"
        for option in "$@"; do echo "$option"; done
      } | as_owner tee -a "$dir/data/postgresql.conf" >/dev/null
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
      || { tail -n 20 "$dir/server.log" >&2; exit 1; }
    ;;
  down)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
    ;;
  up)
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 60 stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "unknown command: $command" >&2
    exit 2
    ;;
esac
