"""compose.yaml, checked without a Docker engine (none on the development machines): the services an
operations team expects, every Celery queue consumed, exactly one beat, one shared cache, and the environment
it gives the csma containers passes `manage.py check --deploy` with the production settings."""

import re
import secrets
from pathlib import Path

import yaml
from django.conf import settings

from tests.test_deploy_check import DEPLOY_CHECK, manage, prod_env

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
CSMA_SERVICES = ("migrate", "web", "worker-clocks", "worker", "beat")


def _queues(command: list[str]) -> set[str]:
    return set(command[command.index("-Q") + 1].split(",")) if "-Q" in command else set()


def test_the_services_an_operations_team_expects():
    assert set(COMPOSE["services"]) == {"db", "redis", *CSMA_SERVICES}
    assert COMPOSE["services"]["db"]["image"].startswith("postgres:15")
    assert COMPOSE["services"]["redis"]["image"].startswith("redis:7")
    for name in CSMA_SERVICES:
        assert COMPOSE["services"][name]["image"] == "csma:latest"  # one image (the Dockerfile) for all
        assert COMPOSE["services"][name]["volumes"] == ["uploads:/srv/csma/var/private"]


def test_every_queue_is_consumed_and_there_is_exactly_one_beat():
    commands = [COMPOSE["services"][name].get("command", []) for name in CSMA_SERVICES]
    workers = [command for command in commands if command[:4] == ["celery", "-A", "csma", "worker"]]
    consumed = set().union(*(_queues(command) for command in workers))
    assert consumed == set(settings.CELERY_TASK_QUEUES)
    assert _queues(workers[0]) == {"clocks"}  # the legal clocks never wait behind a report
    assert sum(command[:4] == ["celery", "-A", "csma", "beat"] for command in commands) == 1


def test_only_the_web_container_runs_the_images_web_health_check():
    for name in ("migrate", "beat"):
        assert COMPOSE["services"][name]["healthcheck"] == {"disable": True}
    for name, node in (("worker-clocks", "clocks"), ("worker", "default")):
        assert f"inspect ping -d {node}@$$HOSTNAME" in COMPOSE["services"][name]["healthcheck"]["test"][1]
    assert "healthcheck" not in COMPOSE["services"]["web"]  # the Dockerfile's /healthz?scope=web


def test_the_containers_environment_passes_the_deploy_check(tmp_path):
    """The variables compose gives every csma container, with .env's secrets filled in."""
    given = {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "POSTGRES_PASSWORD": "secret",
        "DJANGO_ALLOWED_HOSTS": "csma.example",
    }

    def fill(value: str) -> str:  # ${NAME}, ${NAME:-default}, ${NAME:?error} as compose reads them
        def one(match):
            name, how, rest = match.group(1), match.group(2) or "", match.group(3) or ""
            return given.get(name, rest if how == ":-" else "")

        return re.sub(r"\$\{(\w+)(:[-?])?([^}]*)\}", one, str(value))

    environment = {key: fill(value) for key, value in COMPOSE["x-csma"]["environment"].items()}
    assert environment["CACHE_URL"] == "rediscache://redis:6379/1"  # one cache for every web process
    assert environment["DATABASE_URL"] == "postgres://csma:secret@db:5432/csma"
    result = manage(prod_env(tmp_path, **environment), *DEPLOY_CHECK)
    assert result.returncode == 0, result.stdout + result.stderr
