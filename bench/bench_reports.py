"""Bench: the largest sector PDF at national scale (every government agency, 8,000 rows) against
(a) the floor — a bare ReportLab document with the same table rows, no charts, no TOC, no page furniture —
and (b) WeasyPrint rendering the same content as HTML (the engine peer systems use).

Runs standalone: `.venv/bin/python bench/bench_reports.py [--rows 8000]`. Each engine runs in its own
process (time and peak RSS of that process). The report is rendered from frozen synthetic data of the
national size (reports.samples), which is what the renderer sees after the builder: no database.
WeasyPrint is not a dependency of csma: `make bench` installs it into its own venv, var/bench-venv
(scripts/bench-weasyprint.sh, PyPI weasyprint 70.0 + Debian pango); it is skipped if absent. It takes
about 11 minutes and 1.5 GB for the 8,000 rows on a loaded 2-core machine.
Goals: ≤ 1.5× the floor, ≥ 8× faster than WeasyPrint, peak memory ≤ 300 MB.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WEASY_PYTHON = ROOT / "var" / "bench-venv" / "bin" / "python"
GOALS = {"floor_ratio": 1.5, "weasy_speedup": 8.0, "peak_mb": 300.0}


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csma.settings.test")
    import django

    django.setup()
    from django.utils import translation

    translation.activate("zh-hant")


def run_one(engine: str, rows: int, out: Path) -> dict:
    """In this process: render, write ``out``, report seconds and peak RSS."""
    _django()
    from reports.pdf import fonts
    from reports.samples import sector_summary

    fonts.register_fonts()
    data = sector_summary(rows=rows, overdue=300)
    started = time.perf_counter()
    if engine == "report":
        from reports.pdf.sector import render_sector_summary_pdf

        pdf = render_sector_summary_pdf(data)
    elif engine == "floor":
        from bench.pdf_floor import floor_rows, render_floor_pdf
        from reports.pdf.agency_table import headers

        pdf = render_floor_pdf(headers(), floor_rows(data.agencies))
    else:
        html = out.with_suffix(".html")
        html.write_text(weasy_html(data), encoding="utf-8")
        return {"html": str(html)}
    seconds = time.perf_counter() - started
    out.write_bytes(pdf)
    return {"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "bytes": len(pdf)}


def weasy_html(data) -> str:
    """The same content as HTML: the key-figure and compliance tables, the agency table with a repeated
    header (thead), page counters, the same embedded font."""
    from html import escape

    from reports.pdf import fonts

    font = fonts.font_dir() / "NotoSansTC-Regular.ttf"
    head = "".join(
        f"<th>{escape(h)}</th>"
        for h in ("機關", "等級", "應辦項目", "已達成", "逾期", "事件 L1/L2/L3/L4", "逾時", "最近稽核", "未結發現")
    )
    body = "".join(
        f"<tr><td>{escape(r.name)}</td><td>{r.level}</td><td>{r.due}</td><td>{r.rate} %</td><td>{r.overdue}</td>"
        f"<td>{'/'.join(map(str, r.incidents_by_level))}</td><td>{r.clocks_missed}</td><td>—</td><td>—</td></tr>"
        for r in data.agencies
    )
    levels = "".join(
        f"<tr><td>{c.label}</td><td>{c.due}</td><td>{c.on_time}</td><td>{c.late}</td><td>{c.exempt}</td><td>{c.rate} %</td></tr>"
        for c in data.current.compliance_by_level
    )
    return f"""<!doctype html><html lang="zh-Hant"><head><meta charset="utf-8"><style>
@font-face {{ font-family: csma; src: url("file://{font}"); }}
@page {{ size: A4; margin: 22mm 18mm; @top-center {{ content: "限閱"; }} @bottom-right {{ content: "第 " counter(page) " 頁／共 " counter(pages) " 頁"; }} }}
body {{ font-family: csma; font-size: 7.5pt; }} table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border: 0.3pt solid grey; padding: 1pt 2pt; }} thead {{ display: table-header-group; }}
</style></head><body><h1>{escape(data.header.subject)} 115年度</h1><h2>執行摘要</h2>
<table><tr><th>等級</th><th>應辦</th><th>準時</th><th>逾期</th><th>豁免</th><th>達成率</th></tr>{levels}</table>
<h2>各機關明細</h2><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>"""


WEASY_SCRIPT = """
import resource, sys, time, weasyprint
html, out = sys.argv[1], sys.argv[2]
started = time.perf_counter()
pdf = weasyprint.HTML(filename=html).write_pdf()
seconds = time.perf_counter() - started
open(out, "wb").write(pdf)
print({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "bytes": len(pdf)})
"""


def measure(engine: str, rows: int, folder: Path) -> dict | None:
    out = folder / f"{engine}.pdf"
    if engine == "weasyprint":
        if not WEASY_PYTHON.exists():
            return None
        prepared = json.loads(
            subprocess.check_output([sys.executable, __file__, "--one", "html", "--rows", str(rows), "--out", str(out)])
        )
        result = subprocess.check_output([str(WEASY_PYTHON), "-c", WEASY_SCRIPT, prepared["html"], str(out)], text=True)
        return eval(result.strip().splitlines()[-1])  # noqa: S307 — our own child's dict literal
    return json.loads(
        subprocess.check_output([sys.executable, __file__, "--one", engine, "--rows", str(rows), "--out", str(out)])
    )


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return int(next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "0"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=8000)
    parser.add_argument("--one")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.rows, args.out)))
        return 0
    folder = Path(tempfile.mkdtemp(prefix="csma-bench-reports-"))
    results = {engine: measure(engine, args.rows, folder) for engine in ("report", "floor", "weasyprint")}
    print(f"Sector PDF, {args.rows} agency rows (one process per engine, 2 shared cores)")
    print(f"{'engine':<28}{'seconds':>9}{'peak MB':>9}{'pages':>7}{'KB':>8}")
    labels = {"report": "csma sector summary", "floor": "floor: bare ReportLab", "weasyprint": "WeasyPrint (same HTML)"}
    for engine, result in results.items():
        if result is None:
            print(f"{labels[engine]:<28}  not installed (var/bench-venv): skipped")
            continue
        print(
            f"{labels[engine]:<28}{result['seconds']:>9.1f}{result['peak_mb']:>9.0f}{pages(folder / f'{engine}.pdf'):>7}{result['bytes'] / 1024:>8.0f}"
        )
    report, floor, weasy = results["report"], results["floor"], results["weasyprint"]
    ratio = report["seconds"] / floor["seconds"]
    ok = ratio <= GOALS["floor_ratio"] and report["peak_mb"] <= GOALS["peak_mb"]
    print(
        f"report / floor = {ratio:.2f}× (goal ≤ {GOALS['floor_ratio']}×); peak {report['peak_mb']:.0f} MB (goal ≤ {GOALS['peak_mb']:.0f} MB)"
    )
    if weasy:
        speedup = weasy["seconds"] / report["seconds"]
        ok = ok and speedup >= GOALS["weasy_speedup"]
        print(f"WeasyPrint / report = {speedup:.1f}× (goal ≥ {GOALS['weasy_speedup']}×)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
