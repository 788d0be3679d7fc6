#!/usr/bin/env bash
# `make run`: migrate, load demo data once, then start the web server and an embedded Celery worker + beat
# (filesystem broker, results and schedule in SQLite: no other server). Ctrl-C stops everything.
set -euo pipefail
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-csma.settings.dev}
HOST=${CSMA_HOST:-127.0.0.1}
PORT=${CSMA_PORT:-8000}
mkdir -p var/celery/queue var/celery/processed var/private
$PY manage.py migrate --no-input -v 0
$PY manage.py collectstatic --no-input -v 0
$PY manage.py seed_demo --scale "${CSMA_DEMO_SCALE:-national}" --if-empty

pids=()
stop() { trap - EXIT INT TERM; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM
.venv/bin/celery -A csma worker -B --concurrency 2 --loglevel WARNING \
  --schedule var/celerybeat-schedule >var/celery.log 2>&1 &
pids+=($!)
$PY manage.py runserver "$HOST:$PORT" --noreload &
pids+=($!)
sleep 2
cat <<MSG

  csma is running at  http://$HOST:$PORT/
  Celery worker + beat log: var/celery.log

$($PY manage.py seed_demo --print-logins)

  Ctrl-C stops the web server and the worker.
MSG
wait -n "${pids[@]}"
