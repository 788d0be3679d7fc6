#!/usr/bin/env bash
# The whole suite on SQLite with the embedded broker (incl. the browser journeys), then again on
# PostgreSQL + Redis (the production path) without the browser journeys and the role × action
# permission matrices: those exercise views over the same ORM filters that the selector and service
# tests already run on PostgreSQL, and would double the run time; likewise the hostile-input walker and the
# page-text walker (every URL as every role), which test the views' input handling and rendering.
set -euo pipefail
PY=.venv/bin/python
mkdir -p test-artifacts
echo "== pytest on SQLite (two processes: pytest-xdist) =="
$PY -m pytest -q -p no:randomly -n 2 --durations=25 "$@"
echo "== pytest on PostgreSQL + Redis =="
scripts/with-servers.sh $PY -m pytest -q --durations=25 -m "not browser" --ignore-glob="*test_permission_matrix.py" \
  --ignore=tests/test_hostile_walk.py --ignore=tests/pages "$@"
