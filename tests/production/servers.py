"""Processes of the production path for tests: Redis on a free port, an SMTP server on loopback (aiosmtpd)
that can accept, refuse or stall, Celery worker/beat and gunicorn as separate processes sharing the test
database. Nothing here mocks: the processes talk over real sockets."""

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time
from email import message_from_bytes
from pathlib import Path

from aiosmtpd.controller import Controller
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, *, timeout: float = 60, interval: float = 0.25, message: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"not within {timeout:.0f} s: {message}")


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class RedisServer:
    """A private redis-server (no persistence: a restart loses what it held, like a crash)."""

    def __init__(self, workdir: Path):
        self.port, self.workdir = free_port(), workdir
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> "RedisServer":
        self.process = subprocess.Popen(
            [shutil.which("redis-server") or "redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self._answers, timeout=10, message="redis-server did not start")
        return self

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()  # as abruptly as a crashed server
            self.process.wait(timeout=10)
        self.process = None


class SmtpSink:
    """An SMTP server on a free loopback port. ``mode``: "accept", "refuse" (421 on DATA, as a server
    shedding load does) or "stall" (accepts the connection, then answers nothing for ``stall_seconds``)."""

    def __init__(self):
        self.mode, self.stall_seconds = "accept", 8.0
        self.messages: list = []
        self.attempts = 0
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.controller.port}"

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        if self.mode == "refuse":
            return "421 4.3.2 Service not available, try again later"
        if self.mode == "stall":
            await asyncio.sleep(self.stall_seconds)
            return "451 4.4.2 Timeout"
        message = message_from_bytes(envelope.content)
        self.messages.append({"to": sorted(envelope.rcpt_tos), "subject": str(message["Subject"] or "")})
        return "250 OK"

    def __enter__(self) -> "SmtpSink":
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()


def process_env(*, broker_url: str, smtp_url: str = "", **extra: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="csma.settings.test",
        CELERY_TASK_ALWAYS_EAGER="false",
        DATABASE_URL=database_url(),
        CELERY_BROKER_URL=broker_url,
        PYTHONUNBUFFERED="1",
        **extra,
    )
    if smtp_url:
        env["CSMA_TEST_EMAIL_URL"] = smtp_url
    return env


class Service:
    """A child process (worker, beat, gunicorn) with its output in a log file, stopped at the end."""

    def __init__(self, name: str, args: list[str], env: dict, logdir: Path):
        self.name, self.args, self.env = name, args, env
        self.log_path = logdir / f"{name}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> "Service":
        log = open(self.log_path, "ab")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(self.args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        return self

    def stop(self, *, timeout: float = 20) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path.exists() else ""


def celery_worker(
    env: dict, logdir: Path, *, name: str = "worker", queues: str = "clocks,default", concurrency: int = 2
) -> Service:
    args = [sys.executable, "-m", "celery", "-A", "csma", "worker", "--concurrency", str(concurrency), "-Q", queues]
    args += ["-n", f"{name}@%h", "--without-gossip", "--without-mingle", "--loglevel", "INFO"]
    return Service(name, args, env, logdir)


def celery_beat(env: dict, logdir: Path) -> Service:
    args = [sys.executable, "-m", "celery", "-A", "csma", "beat", "--max-interval", "1", "--loglevel", "INFO"]
    return Service("beat", args, env, logdir)


def gunicorn(env: dict, logdir: Path, *, port: int) -> Service:
    args = [sys.executable, "-m", "gunicorn", "csma.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    args += ["--preload", "--timeout", "60", "--access-logfile", "-"]
    return Service("gunicorn", args, env, logdir)


class PostgresCluster:
    """A fresh PostgreSQL cluster (initdb) on a free port, with an empty database ``csma``."""

    def __init__(self, workdir: Path):
        from glob import glob

        self.bin = sorted(glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[4]))[-1]
        self.dir, self.port = workdir, free_port()
        self.url = f"postgres://csma@127.0.0.1:{self.port}/csma"
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as, *args], cwd=self.dir, check=True, stdout=subprocess.DEVNULL)

    def start(self) -> "PostgresCluster":
        import psycopg

        if self._as:
            shutil.chown(self.dir, "postgres")
        self._run(f"{self.bin}/initdb", "-D", f"{self.dir}/pg", "-U", "csma", "--auth=trust", "-E", "UTF8")
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            f"{self.bin}/pg_ctl", "-D", f"{self.dir}/pg", "-l", f"{self.dir}/pg.log", "-w", "-o", options, "start"
        )
        with psycopg.connect(f"postgresql://csma@127.0.0.1:{self.port}/postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE csma")
        return self

    def stop(self) -> None:
        subprocess.run(
            [*self._as, f"{self.bin}/pg_ctl", "-D", f"{self.dir}/pg", "-m", "immediate", "stop"],
            cwd=self.dir,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
