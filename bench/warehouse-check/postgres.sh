#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: `start` initialises a cluster in $PGTEST_DIR (default
# /tmp/loyalty-test-postgres) and starts it on 127.0.0.1:$PGTEST_PORT (default 54329), trusting local
# connections; `stop` stops it and removes the folder. As root, the server runs as user postgres (initdb
# refuses root). Prints nothing on success; `start` waits until pg_isready answers (at most 30 s).
set -euo pipefail
DIR=${PGTEST_DIR:-/tmp/loyalty-test-postgres}
PORT=${PGTEST_PORT:-54329}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$BIN" ]; then echo "postgres.sh: no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)" >&2; exit 1; fi
as_owner() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-}" in
start)
    if [ -f "$DIR/data/postmaster.pid" ]; then as_owner "$BIN/pg_ctl" -D "$DIR/data" stop -m fast >/dev/null 2>&1 || true; fi
    rm -rf "$DIR"
    mkdir -p "$DIR"
    if [ "$(id -u)" = "0" ]; then chown postgres "$DIR"; fi
    as_owner "$BIN/initdb" -D "$DIR/data" -A trust -U postgres >/dev/null
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1" start >/dev/null
    for _ in $(seq 1 30); do
        if "$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" >/dev/null 2>&1; then exit 0; fi
        sleep 1
    done
    echo "postgres.sh: the server did not answer on 127.0.0.1:$PORT within 30 s (log: $DIR/log)" >&2
    exit 1
    ;;
stop)
    if [ -f "$DIR/data/postmaster.pid" ]; then as_owner "$BIN/pg_ctl" -D "$DIR/data" stop -m fast >/dev/null || true; fi
    rm -rf "$DIR"
    ;;
*)
    echo "usage: postgres.sh start|stop" >&2
    exit 2
    ;;
esac
