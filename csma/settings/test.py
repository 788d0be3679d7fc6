"""Test run: fast hashing, in-memory mail, eager Celery (the real worker path has its own tests)."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Worker processes of the production-path tests (tests/production/) send to an SMTP server on loopback.
if env("CSMA_TEST_EMAIL_URL", default=""):  # noqa: F405
    vars().update(env.email_url("CSMA_TEST_EMAIL_URL"))  # noqa: F405
    EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=5)  # noqa: F405
AXES_ENABLED = False  # the lockout test enables it; the test client logs in without a request
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)  # noqa: F405
CELERY_TASK_EAGER_PROPAGATES = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# pytest-xdist (`make test` runs two worker processes): each has its own uploads, broker folders and SQLite
# file; pytest-django gives each its own PostgreSQL test database (suffix _gw0, _gw1). A child process a test
# starts (a Celery worker) inherits PYTEST_XDIST_WORKER, so it finds the same folders.
_XDIST = env("PYTEST_XDIST_WORKER", default="")  # noqa: F405
TEST_SUFFIX = f"-{_XDIST}" if _XDIST else ""
MEDIA_ROOT = VAR_DIR / f"test-private{TEST_SUFFIX}"  # noqa: F405

VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405

# A file (not in-memory) test database, so a real Celery worker process can share it in worker tests.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-csma{TEST_SUFFIX}.sqlite3")}  # noqa: F405
# Under pytest-xdist each test process (and the worker processes its tests start, which inherit
# PYTEST_XDIST_WORKER) uses a Redis database of its own, so a worker never takes another process's task.
if _XDIST and CELERY_BROKER_URL.startswith("redis"):  # noqa: F405
    _base, _sep, _db = CELERY_BROKER_URL.rpartition("/")  # noqa: F405
    CELERY_BROKER_URL = f"{_base}/{10 + int(_XDIST.removeprefix('gw') or 0)}"
# Keep test messages away from a `make run` worker's queue.
if CELERY_BROKER_URL.startswith("filesystem"):  # noqa: F405
    CELERY_BROKER_TRANSPORT_OPTIONS = {  # noqa: F405
        "data_folder_in": str(VAR_DIR / f"test-celery{TEST_SUFFIX}" / "queue"),  # noqa: F405
        "data_folder_out": str(VAR_DIR / f"test-celery{TEST_SUFFIX}" / "queue"),  # noqa: F405
        "processed_folder": str(VAR_DIR / f"test-celery{TEST_SUFFIX}" / "processed"),  # noqa: F405
        "control_folder": str(VAR_DIR / f"test-celery{TEST_SUFFIX}" / "control"),  # noqa: F405
        "store_processed": False,
    }
