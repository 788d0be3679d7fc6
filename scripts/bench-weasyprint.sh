#!/usr/bin/env bash
# WeasyPrint for bench/bench_reports.py only (the comparison engine, not a csma dependency): its own venv
# under var/ so it never touches the project's packages. Debian's pango (libpango-1.0-0) is what it needs.
set -euo pipefail
VENV=var/bench-venv
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import weasyprint" 2>/dev/null; then exit 0; fi
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || scripts/apt.sh libpango-1.0-0 libpangoft2-1.0-0
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check "weasyprint==70.0"
