"""gunicorn's master imports every view and compiles csma's templates before forking (csma/warmup.py), so a
worker's first request is as fast as its later ones. Checked in a fresh interpreter: this test process has
imported everything already."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, runpy, sys
import django
django.setup()
before = "incidents.views.filing" in sys.modules
config = runpy.run_path("deploy/gunicorn.conf.py")
lines = []
class Log:
    def info(self, message, *args):
        lines.append(message % args)
class Server:
    log = Log()
config["when_ready"](Server())
from django.template import engines
loader = engines["django"].engine.template_loaders[0]
print(json.dumps({
    "before": before,
    "after": "incidents.views.filing" in sys.modules,
    "cached": sorted(name for name in loader.get_template_cache if not name.startswith(("admin/", "rest_framework/"))),
    "log": lines,
}))
"""


def test_the_master_imports_every_view_and_compiles_the_templates_before_forking(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {"DJANGO_SETTINGS_MODULE": "csma.settings.dev", "CSMA_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert (probe["before"], probe["after"]) == (False, True)
    own = sorted(
        path.relative_to(folder).as_posix()
        for folder in [ROOT / "templates", *ROOT.glob("*/templates")]
        if ".venv" not in folder.parts
        for path in folder.rglob("*")
        if path.suffix in (".html", ".txt") and path.is_file()
    )
    assert set(own) <= set(probe["cached"]) and len(own) > 50
    assert probe["log"] == [f"csma: {len(own)} templates compiled before forking the workers"]


def test_a_cache_that_does_not_answer_does_not_stop_the_web_from_starting(monkeypatch, caplog):
    from csma import warmup
    from reports import caching

    def unreachable():
        raise ConnectionError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(caching, "preload_warmed", unreachable)
    assert warmup.preload() > 50  # the templates are compiled all the same
    assert "report figures not preloaded: the cache did not answer" in caplog.text
