#!/usr/bin/env bash
# `make run`: migrate, collect static files, load demo data once, then start the web server and an embedded
# Celery worker + beat (filesystem broker, results and schedule in SQLite: no other server). The
# application is served as users meet it (DEBUG off); CSMA_DEBUG=1 asks for Django's DEBUG pages.
# Ctrl-C (or SIGTERM) stops web, worker and beat and ends with status 0.
set -euo pipefail
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-csma.settings.dev}
HOST=${CSMA_HOST:-127.0.0.1}
PORT=${CSMA_PORT:-8000}
VAR=${CSMA_VAR_DIR:-var}  # the settings' var folder (database, uploads, broker folders, logs)
mkdir -p "$VAR"
if [ -z "${DJANGO_ALLOWED_HOSTS:-}" ]; then
  hosts="localhost,127.0.0.1,[::1]"
  case "$HOST" in
    localhost | 127.0.0.1 | ::1 | "[::1]") ;;
    0.0.0.0 | ::) hosts="$hosts,$(hostname)$(hostname -I 2>/dev/null | tr ' ' '\n' | sed '/^$/d; s/^/,/' | tr -d '\n')" ;;
    *) hosts="$hosts,$HOST" ;;
  esac
  export DJANGO_ALLOWED_HOSTS=$hosts
fi
$PY manage.py migrate --no-input -v 0
$PY manage.py collectstatic --no-input -v 0
$PY manage.py seed_demo --scale "${CSMA_DEMO_SCALE:-national}" --if-empty

pids=()
stopping=
stop() {
  [ -n "$stopping" ] && return
  stopping=1
  trap '' INT TERM
  echo
  echo "  Stopping csma (web server, worker and beat)…"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  # Celery's warm shutdown lets the running task finish and beat save its state (a few seconds);
  # whatever still runs after 30 s is killed with its process group, so nothing is left behind.
  for _ in $(seq 60); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.5
  done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "  csma stopped."
  exit 0
}
trap stop INT TERM
# The children run in their own process groups: Ctrl-C reaches this script only, which stops them in order
# (the worker finishes its current task: Celery's warm shutdown).
set -m
.venv/bin/celery -A csma worker -B --concurrency 2 --loglevel WARNING \
  --schedule "$VAR/celerybeat-schedule" >"$VAR/celery.log" 2>&1 &
pids+=($!)
$PY manage.py runserver "$HOST:$PORT" --noreload &
pids+=($!)
set +m
sleep 2
cat <<MSG

  csma is running at  http://$HOST:$PORT/
  Celery worker + beat log: $VAR/celery.log

$($PY manage.py seed_demo --print-logins)

  Ctrl-C stops the web server, the worker and beat.
MSG
# Either child ending on its own ends the run (and stops the other).
wait -n "${pids[@]}" || true
stop
