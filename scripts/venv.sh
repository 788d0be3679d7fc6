#!/usr/bin/env bash
# Create .venv with the system python3 (3.11) and install a requirements file; re-run pip only when it changed.
set -euo pipefail
req=${1:-requirements.txt}
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv 2>/dev/null || { scripts/apt.sh python3-venv && python3 -m venv .venv; }
fi
stamp=.venv/.stamp-$(basename "$req" .txt)
hash=$(cat "$req" requirements.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$hash" ]; then
  echo "Installing Python packages from $req"
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$req"
  echo "$hash" > "$stamp"
fi
