"""Production settings pass `manage.py check --deploy` with zero warnings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_CHECK = ("check", "--deploy", "--fail-level", "WARNING")


def prod_env(tmp_path, **variables) -> dict:
    """This process's environment with the production settings, a strong secret key and ``variables``."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "CACHE_URL")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "csma.settings.prod",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "csma.example.gov.tw",
        "CSMA_VAR_DIR": str(tmp_path),
    }
    return env | variables


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_check_deploy(tmp_path):
    result = manage(prod_env(tmp_path, CACHE_URL="rediscache://127.0.0.1:6379/1"), *DEPLOY_CHECK)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    env = prod_env(tmp_path)
    del env["DJANGO_SECRET_KEY"]
    result = manage(env, "check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_a_cache_kept_per_process_fails_the_deploy_check(tmp_path):
    """Each gunicorn worker would count the national figures itself and keep its own rate limits."""
    result = manage(prod_env(tmp_path, CELERY_BROKER_URL="filesystem://", CACHE_URL="locmemcache://"), *DEPLOY_CHECK)
    assert result.returncode != 0
    assert "(csma.W001) The default cache is kept per process" in result.stdout + result.stderr


def test_without_cache_url_production_shares_database_1_of_the_brokers_redis(tmp_path):
    code = "from django.conf import settings; c = settings.CACHES['default']; print(c['BACKEND'], c['LOCATION'])"
    env = prod_env(tmp_path, CELERY_BROKER_URL="redis://:secret@redis.internal:6379/0")
    result = manage(env, "shell", "--no-imports", "-c", code)
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache redis://:secret@redis.internal:6379/1"
