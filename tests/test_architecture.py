"""The allowed import directions (.importlinter, docs/architecture.md) hold: between the apps, domain code
below the interfaces, PDF renderers pure.

Run by hand: `.venv/bin/lint-imports` (the same check, the same output).
"""

import subprocess
import sys
from pathlib import Path

from django.apps import apps
from importlinter.api import read_configuration

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".importlinter"


def _layer_modules(contract: dict) -> set[str]:
    return {name.strip() for layer in contract["layers"] for name in layer.replace(":", "|").split("|")}


def test_imports_point_down():
    """Fails naming each forbidden import as ``importer -> imported (l.N)``, with the chain that leads up."""
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--config", str(CONFIG), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = result.stdout.split("Contracts\n---------", 1)[-1]
    assert result.returncode == 0, (
        f"An import points the wrong way (see docs/architecture.md):\n{report}{result.stderr}"
    )
    assert "Contracts: 3 kept, 0 broken." in report


def test_every_project_app_is_in_a_layer():
    """A new app must be placed in the layers, or its imports would go unchecked."""
    configuration = read_configuration(str(CONFIG))
    (contract,) = [c for c in configuration["contracts_options"] if c["type"] == "layers"]
    project_apps = {config.name for config in apps.get_app_configs() if Path(config.path).parent == ROOT}
    assert project_apps, "no project apps found"
    assert project_apps | {"csma"} == _layer_modules(contract)
    assert set(configuration["session_options"]["root_packages"]) == project_apps | {"csma"}


def _service_modules() -> list[Path]:
    found = []
    for app in ROOT.iterdir():
        if not (app / "apps.py").exists():
            continue
        found += [app / "services.py"] if (app / "services.py").exists() else []
        found += sorted((app / "services").glob("*.py")) if (app / "services").is_dir() else []
    return found


def test_services_take_now_instead_of_reading_the_clock():
    """STYLE.md / issue 10: a service is given ``now`` (tests and replays choose the instant; one operation
    has one time across its rows and events); ``timezone.localdate(now)`` is fine, the bare clock is not."""
    import re

    clock = re.compile(r"timezone\.now\(\)|timezone\.localdate\(\)|date\.today\(\)|datetime\.now\(")
    modules = _service_modules()
    assert len(modules) > 20  # the scan sees the apps' service modules
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in modules
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if clock.search(line)
    ]
    assert offenders == []
