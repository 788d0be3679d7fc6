"""The embedded fonts of every report, registered once (idempotent), and the per-character fallback.

Noto Sans TC (Regular/Bold, instanced by scripts/fonts.sh into var/fonts/) prints the text; ReportLab has
no glyph fallback, so every run of characters the primary font lacks is printed in AR PL UMing TW (Debian
fonts-arphic-uming), which covers many rare characters of agency names. ``CSMA_FONT_DIR`` overrides the
folder (the set-up script honours the same variable).
"""

import os
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics import shapes
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

SANS = "CSMA-Sans"
SANS_BOLD = "CSMA-Sans-Bold"
FALLBACK = "CSMA-Fallback"
FALLBACK_FILE = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
FALLBACK_SUBFONT = 2  # AR PL UMing TW
MISSING = "〓"
SET_UP_HINT = "run `make fonts` (scripts/fonts.sh) to install the PDF fonts"


class FontsMissing(RuntimeError):
    pass


def font_dir() -> Path:
    configured = os.environ.get("CSMA_FONT_DIR")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "var" / "fonts"


@cache
def register_fonts() -> None:
    folder = font_dir()
    files = {SANS: folder / "NotoSansTC-Regular.ttf", SANS_BOLD: folder / "NotoSansTC-Bold.ttf"}
    missing = [str(path) for path in (*files.values(), FALLBACK_FILE) if not path.is_file()]
    if missing:
        raise FontsMissing(f"{', '.join(missing)} not found: {SET_UP_HINT}")
    for name, path in files.items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFont(TTFont(FALLBACK, str(FALLBACK_FILE), subfontIndex=FALLBACK_SUBFONT))
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS)
    addMapping(SANS, 1, 1, SANS_BOLD)
    addMapping(FALLBACK, 0, 0, FALLBACK)
    addMapping(FALLBACK, 1, 0, FALLBACK)
    # ReportLab graphics start every drawing in the default state font (Helvetica, never embedded): make
    # the default ours, so no PDF refers to a font it does not carry.
    shapes.STATE_DEFAULTS["fontName"] = SANS


@cache
def _cmap(font_name: str) -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def has_glyph(font_name: str, char: str) -> bool:
    return char.isspace() or ord(char) in _cmap(font_name)


def runs(text: str, font_name: str = SANS) -> list[tuple[str, str]]:
    """Split ``text`` into (font, text) runs: the primary font where it has the glyph, else the fallback."""
    found: list[tuple[str, str]] = []
    for char in text:
        if has_glyph(font_name, char):
            font = font_name
        elif has_glyph(FALLBACK, char):
            font = FALLBACK
        else:  # in neither font: the customary 〓 (geta mark) rather than a silent empty box
            font, char = font_name, MISSING
        if found and found[-1][0] == font:
            found[-1] = (font, found[-1][1] + char)
        else:
            found.append((font, char))
    return found


def needs_fallback(text: str, font_name: str = SANS) -> bool:
    cmap = _cmap(font_name)
    return any(ord(char) not in cmap and not char.isspace() for char in text)


def markup(text: str, font_name: str = SANS) -> str:
    """Paragraph markup of ``text`` (escaped), with fallback runs in ``<font name=…>``."""
    if not needs_fallback(text, font_name):
        return escape(text)
    return "".join(
        escape(part) if font == font_name else f'<font name="{font}">{escape(part)}</font>'
        for font, part in runs(text, font_name)
    )


def draw_string(canvas, x: float, y: float, text: str, *, font_name: str, size: float, anchor: str = "left") -> None:
    """canvas.drawString with per-character fallback (headers, footers, table of contents)."""
    parts = runs(text, font_name)
    width = sum(pdfmetrics.stringWidth(part, font, size) for font, part in parts)
    x -= {"left": 0, "centre": width / 2, "right": width}[anchor]
    for font, part in parts:
        canvas.setFont(font, size)
        canvas.drawString(x, y, part)
        x += pdfmetrics.stringWidth(part, font, size)
