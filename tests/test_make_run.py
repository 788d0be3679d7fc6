"""`make run` as a person uses it (issue 13): it sets up, serves, and Ctrl-C — SIGINT to the terminal's
foreground process group — stops the web server, the worker and beat in order, and nothing is left running.
make itself waits for the script's orderly stop and then ends as any program does on Ctrl-C (by SIGINT, which a
shell prints nothing for), or with 0; what must never be seen is make's own error line ("make: *** … Error 143"
or "Interrupt"), which is printed when the script is killed instead of stopping. Runs the real Makefile target
on a var folder of its own."""

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.production.servers import free_port

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="make run is the SQLite path: the SQLite pass runs it, the PostgreSQL pass leaves it out",
)
SERVER_ENV = ("DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE", "CSMA_TEST_EMAIL_URL")


def _wait_for(path: Path, text: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in path.read_text(errors="replace"):
            return
        assert process.poll() is None, f"make run ended early ({process.returncode}):\n{path.read_text()[-3000:]}"
        time.sleep(0.5)
    raise AssertionError(f"no {text!r} after {timeout} s:\n{path.read_text()[-3000:]}")


def _session_processes(session: int) -> list[str]:
    """The processes of the run's session still running (a zombie waiting for its reaper runs nothing). `-ww`:
    whole command lines, whatever COLUMNS or the terminal width say (ps cuts them to the width otherwise)."""
    listing = subprocess.run(["ps", "-ww", "-eo", "sid=,pid=,stat=,args="], capture_output=True, text=True).stdout
    rows = [line.split(None, 3) for line in listing.splitlines()]
    return [" ".join(row) for row in rows if row[0] == str(session) and not row[2].startswith("Z")]


def test_ctrl_c_stops_web_worker_and_beat_and_leaves_nothing_running(tmp_path):
    port, log = free_port(), tmp_path / "make-run.log"
    env = {key: value for key, value in os.environ.items() if key not in SERVER_ENV}
    env |= {"CSMA_VAR_DIR": str(tmp_path / "var"), "CSMA_PORT": str(port), "CSMA_DEMO_SCALE": "small"}
    with log.open("wb") as output:
        process = subprocess.Popen(
            ["make", "run"], cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own terminal-like process group, as in a shell
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # a terminal's Ctrl-C is not ignored
        )  # fmt: skip
    try:
        _wait_for(log, "Ctrl-C stops the web server", process, timeout=420)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz?scope=web", timeout=10) as response:
            assert response.status == 200
        assert any("celery" in line and "worker" in line for line in _session_processes(process.pid))

        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends to the foreground process group
        assert process.wait(timeout=90) in (0, -signal.SIGINT), log.read_text()[-3000:]
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        for line in _session_processes(process.pid):
            os.kill(int(line.split()[1]), signal.SIGKILL)
    text = log.read_text()
    assert "csma stopped." in text
    assert "make: ***" not in text
    assert _session_processes(process.pid) == []
    assert (tmp_path / "var" / "celery.log").exists()  # the worker's log in the run's own var folder
