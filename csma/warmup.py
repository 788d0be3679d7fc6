"""Work a web process would otherwise do on its first requests, done once in gunicorn's master before it
forks the workers (deploy/gunicorn.conf.py, ``when_ready``; the app is preloaded): importing every view (the
URLconf: ~2 s, pandas and openpyxl among them), loading the translation catalogues and compiling csma's own
templates into the cached loader, and reading the report figures beat counted last. The forked workers
share the result, so no visitor waits for it, and a worker recycled after ``max_requests`` starts warm too."""

import logging
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import engines
from django.urls import get_resolver
from django.utils import translation

from reports import caching

TEMPLATE_SUFFIXES = (".html", ".txt")
logger = logging.getLogger(__name__)


def preload() -> int:
    """Import the URLconf, load the catalogues, read the kept report figures and compile csma's templates;
    return how many templates."""
    get_resolver().url_patterns  # noqa: B018 — imports every view module
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Dashboard")  # loads the catalogue of ``code``
    try:
        caching.preload_warmed()  # the regulators' figures, if beat has counted them (reports.warming)
    except Exception:  # noqa: BLE001 — the cache unreachable: the web starts all the same, pages read it later
        logger.warning("report figures not preloaded: the cache did not answer", exc_info=True)
    engine = engines["django"]
    compiled = 0
    for folder in _own_template_folders():
        for path in sorted(folder.rglob("*")):
            if path.suffix in TEMPLATE_SUFFIXES and path.is_file():
                engine.get_template(path.relative_to(folder).as_posix())
                compiled += 1
    return compiled


def _own_template_folders() -> list[Path]:
    """The project's templates folder and csma's apps' (not Django's or third-party packages')."""
    base = Path(settings.BASE_DIR)
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    for config in apps.get_app_configs():
        path = Path(config.path)
        if path.is_relative_to(base) and ".venv" not in path.parts and (path / "templates").is_dir():
            folders.append(path / "templates")
    return folders
