#!/usr/bin/env bash
# The whole suite: first on SQLite with the embedded broker (incl. the browser journeys), then the same
# tests without the browser on PostgreSQL + Redis (the production path).
set -euo pipefail
PY=.venv/bin/python
mkdir -p test-artifacts
echo "== pytest on SQLite =="
$PY -m pytest -q -p no:randomly "$@"
echo "== pytest on PostgreSQL + Redis =="
scripts/with-servers.sh $PY -m pytest -q -m "not browser" "$@"
