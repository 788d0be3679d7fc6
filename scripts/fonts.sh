#!/usr/bin/env bash
# The PDF fonts (reports/pdf/fonts.py): Noto Sans TC from the PyPI wheel justmytype-intl-cjk, instanced once
# to fixed Regular (400) and Bold (700) TrueType weights with fontTools (ReportLab ignores variations and
# would draw the Thin master), into var/fonts/ (ignored). Rare characters fall back to Debian's
# AR PL UMing TW (fonts-arphic-uming). Runs in a few seconds when the fonts are already there.
set -euo pipefail
PY=.venv/bin/python
DEST=${CSMA_FONT_DIR:-var/fonts}
WHEEL_VERSION=0.1.0
mkdir -p "$DEST"
if [ ! -f /usr/share/fonts/truetype/arphic/uming.ttc ]; then scripts/apt.sh fonts-arphic-uming; fi
if [ -f "$DEST/NotoSansTC-Regular.ttf" ] && [ -f "$DEST/NotoSansTC-Bold.ttf" ]; then exit 0; fi
echo "Preparing the PDF fonts in $DEST (about 20 s, once)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$PY -m pip download -q --disable-pip-version-check --no-deps -d "$work" "justmytype-intl-cjk==$WHEEL_VERSION"
$PY - "$work" <<'PYCODE'
import sys, zipfile, pathlib
work = pathlib.Path(sys.argv[1])
wheel = next(work.glob("justmytype_intl_cjk-*.whl"))
with zipfile.ZipFile(wheel) as archive:
    for name in ("NotoSansTC[wght].ttf", "OFL.txt"):
        member = f"justmytype_intl_cjk/fonts/ofl/notosanstc/{name}"
        (work / name).write_bytes(archive.read(member))
PYCODE
cp "$work/OFL.txt" "$DEST/NotoSansTC-OFL.txt"
$PY -m fontTools.varLib.instancer -q --update-name-table "$work/NotoSansTC[wght].ttf" wght=400 -o "$work/Regular.ttf"
$PY -m fontTools.varLib.instancer -q --update-name-table "$work/NotoSansTC[wght].ttf" wght=700 -o "$work/Bold.ttf"
mv "$work/Regular.ttf" "$DEST/NotoSansTC-Regular.ttf"
mv "$work/Bold.ttf" "$DEST/NotoSansTC-Bold.ttf"
