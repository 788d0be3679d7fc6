#!/usr/bin/env bash
# Run a command against throw-away PostgreSQL and Redis servers (the production path), then stop them.
# Usage: scripts/with-servers.sh COMMAND [ARGS...]
set -euo pipefail
PG_PORT=${CSMA_TEST_PG_PORT:-55432}
REDIS_PORT=${CSMA_TEST_REDIS_PORT:-56379}
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$pgbin" ] || { scripts/apt.sh postgresql; pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); }
command -v redis-server >/dev/null || scripts/apt.sh redis-server

workdir=$(mktemp -d /tmp/csma-servers.XXXXXX)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$workdir"; as_pg=(runuser -u postgres --); fi
pg() { (cd "$workdir" && "${as_pg[@]}" "$@"); }  # from a folder the postgres user may enter
cleanup() {
  pg "$pgbin/pg_ctl" -D "$workdir/pg" -m immediate stop >/dev/null 2>&1 || true
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT INT TERM

pg "$pgbin/initdb" -D "$workdir/pg" -U csma --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
pg "$pgbin/pg_ctl" -D "$workdir/pg" -l "$workdir/pg.log" -w \
  -o "-p $PG_PORT -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --dir "$workdir" --logfile "$workdir/redis.log" >/dev/null
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
echo "PostgreSQL on 127.0.0.1:$PG_PORT and Redis on 127.0.0.1:$REDIS_PORT are up"

export DATABASE_URL="postgres://csma@127.0.0.1:$PG_PORT/csma"
export CELERY_BROKER_URL="redis://127.0.0.1:$REDIS_PORT/0"
"$@"
