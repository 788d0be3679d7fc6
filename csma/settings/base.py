"""Settings shared by every environment; deployment differences are read from the environment.

Only values that differ between deployments live here. Law and policy (deadlines, levels, roles)
live in each app's ``rules.py`` / ``policy.py`` or in versioned rule data.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

VAR_DIR = Path(env("CSMA_VAR_DIR", default=str(BASE_DIR / "var")))
# The database, uploads and broker folders live here: create it, so any command works on a bare clone.
VAR_DIR.mkdir(parents=True, exist_ok=True)

# GENERAL ----------------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/ref/settings/
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
ROOT_URLCONF = "csma.urls"
WSGI_APPLICATION = "csma.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "guardian",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "axes",
    "auditlog",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_celery_results",
    "django_celery_beat",
    "common",
    "infrastructure",
    "access",
    "obligations",
    "incidents",
    "audits",
    "reports",
    "opendata",
    "api",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "access.sessions.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "common.request_context.RequestContextMiddleware",
    "common.logs.RequestIdMiddleware",
    "common.middleware.NoStoreMiddleware",
    "common.middleware.BoundedIntegerMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "access.mfa.RequireMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "access.context_processors.navigation",
            ],
        },
    },
]

# DATABASES --------------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/ref/databases/#sqlite-notes
# SQLite by default (web, worker and beat share it: WAL + IMMEDIATE transactions + a busy timeout);
# DATABASE_URL=postgres://user:pass@host:port/name selects PostgreSQL (production path).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'csma.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)

# AUTHENTICATION ---------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # lockout after repeated failures (django-axes)
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
GUARDIAN_RAISE_403 = False

# Sessions end after this much inactivity (every request renews the cookie) and with the browser.
SESSION_COOKIE_AGE = env.int("CSMA_SESSION_IDLE_MINUTES", default=30) * 60
# The idle expiry moves with the requests, at most once a minute (access/sessions.py), not a write per request.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# django-axes: lock a username (from one address) after repeated failures.
AXES_FAILURE_LIMIT = env.int("CSMA_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("CSMA_LOGIN_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "access/locked_out.html"
# The client address behind the reverse proxies (CSMA_PROXY_COUNT, CSMA_TRUST_X_FORWARDED_FOR): one rule for the
# lockout and the audit trail (django-ipware is not needed).
CSMA_PROXY_COUNT = env.int("CSMA_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "common.request_context.client_ip_of_request"

# django-two-factor-auth / django-otp (TOTP; required for administrators and regulators, see access/mfa.py).
TWO_FACTOR_PATCH_ADMIN = False
OTP_TOTP_ISSUER = env("CSMA_OTP_ISSUER", default="csma")

# django-auditlog: field-level history of registry and access models (who, when, before/after, IP).
AUDITLOG_INCLUDE_ALL_MODELS = False
# Years the audit trail is kept; nothing is purged automatically (see `manage.py trail_retention`).
CSMA_TRAIL_RETENTION_YEARS = env.int("CSMA_TRAIL_RETENTION_YEARS", default=10)

# Content-Security-Policy (django-csp): only our own scripts, styles and images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
ANONYMOUS_USER_NAME = None

# INTERNATIONALISATION ---------------------------------------------------------------------------
# Stored in UTC, shown in Asia/Taipei; zh-Hant by default with English available.
LANGUAGE_CODE = "zh-hant"
LANGUAGES = [("zh-hant", "繁體中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Taipei"
USE_I18N = True
USE_TZ = True

# STATIC AND UPLOADED FILES ----------------------------------------------------------------------
# Uploads (import files, later evidence) live outside the web root and are never served directly.
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
CSMA_INVITATION_VALID_DAYS = env.int("CSMA_INVITATION_VALID_DAYS", default=7)
CSMA_TRUST_X_FORWARDED_FOR = env.bool("CSMA_TRUST_X_FORWARDED_FOR", default=False)
CSMA_IMPORT_MAX_BYTES = env.int("CSMA_IMPORT_MAX_BYTES", default=50 * 1024 * 1024)
# Uploads larger than this are read and checked in Celery (the preview page follows), not in the request.
CSMA_IMPORT_SYNC_MAX_BYTES = env.int("CSMA_IMPORT_SYNC_MAX_BYTES", default=1024 * 1024)
# Imports with more rows than this run in Celery with a progress bar; smaller ones run in the request.
CSMA_IMPORT_SYNC_MAX_ROWS = env.int("CSMA_IMPORT_SYNC_MAX_ROWS", default=500)

# E-MAIL -----------------------------------------------------------------------------------------
# EMAIL_URL=smtp+tls://user:pass@host:587 (django-environ); console output by default.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="csma@localhost")
# Seconds before a silent mail server counts as failed (the outbox retries later); never wait forever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=EMAIL_CONFIG.get("OPTIONS", {}).get("TIMEOUT", 30))

# CELERY -----------------------------------------------------------------------------------------
# https://docs.celeryq.dev/en/stable/userguide/configuration.html
# Default needs no server: kombu's filesystem transport, results and beat schedule in the database.
# CELERY_BROKER_URL=redis://127.0.0.1:6379/0 selects Redis (production path).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem"):
    for _folder in ("queue", "processed", "control"):
        (VAR_DIR / "celery" / _folder).mkdir(parents=True, exist_ok=True)
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {}
)
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SYNC_EVERY = 1  # record each run at once (the "beat" check of /healthz reads it)
# Queues per kind of work (docs/deploy.md): legal clocks and their e-mail first, reports apart, the rest
# (imports, reminders, assignment) on "default". A worker started without -Q consumes all three.
CELERY_TASK_QUEUES = {name: {"routing_key": name} for name in ("clocks", "default", "reports")}
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "incidents.tasks.*": {"queue": "clocks"},
    "common.tasks.*": {"queue": "clocks"},
    "reports.*": {"queue": "reports"},
}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # long tasks (reports, imports) do not hold short ones back
# One clock-sweep run stops starting batches after this many seconds (a catch-up after an outage continues
# in the next minute's run), so runs never overlap.
CSMA_SWEEP_BUDGET_SECONDS = env.float("CSMA_SWEEP_BUDGET_SECONDS", default=40)
# /healthz: a worker must have run the heartbeat, and beat sent a task, within these many seconds
# (beat's database scheduler records its runs every 3 minutes).
CSMA_HEALTH_WORKER_MAX_AGE = env.int("CSMA_HEALTH_WORKER_MAX_AGE", default=300)
CSMA_HEALTH_BEAT_MAX_AGE = env.int("CSMA_HEALTH_BEAT_MAX_AGE", default=300)
CELERY_RESULT_EXPIRES = timedelta(days=env.int("CSMA_TASK_RESULT_DAYS", default=30))
# The one beat schedule of the project (https://crontab.guru for the expressions).
CELERY_BEAT_SCHEDULE: dict = {
    # Obligation reminders (30/7/1 days before) and overdue escalation, once a day at 07:00 Taipei.
    "obligation-reminders": {
        "task": "obligations.tasks.obligation_send_reminders_task",
        "schedule": crontab(minute="0", hour="7"),
    },
    # Audit deadlines (new date, audit report, improvement report): reminders and escalation, daily 07:05.
    "audit-reminders": {
        "task": "audits.tasks.audit_send_reminders_task",
        "schedule": crontab(minute="5", hour="7"),
    },
    # Incident legal clocks: warnings before and escalation after each deadline, every minute.
    "incident-clock-sweep": {
        "task": "incidents.tasks.incident_clock_sweep_task",
        "schedule": crontab(minute="*"),
        "options": {"expire_seconds": 55},  # a sweep still queued when the next is due is dropped, not piled up
    },
    # The regulators' dashboard and compliance figures, counted before the kept ones expire (reports.warming).
    "report-figures": {
        "task": "reports.tasks.warm_report_figures_task",
        "schedule": 240.0,
        "options": {"expire_seconds": 200},  # one still queued when the next is due is dropped
    },
    # Proof of life for /healthz: beat sent it, a worker ran it (common/health.py).
    "worker-heartbeat": {"task": "common.tasks.heartbeat_task", "schedule": 60.0},
}

# REST FRAMEWORK ---------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "api.schema.CsmaAutoSchema",
    # Token first: an anonymous call answers 401 with WWW-Authenticate: Bearer.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "api.authentication.TokenScopePermission",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerTokenRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "PAGE_SIZE": 50,
}
# Requests per token (per user for a browser session, per address when anonymous): "N/second|minute|hour|day".
CSMA_API_RATE = env("CSMA_API_RATE", default="1000/hour")
SPECTACULAR_SETTINGS = {
    "TITLE": "csma API",
    "DESCRIPTION": (
        "REST API of csma (資通安全管理法 compliance). Authenticate with a personal token "
        "(`Authorization: Bearer csma_…`, created at /api/tokens/) or a browser session. Errors are "
        "`{code, message, fields}`; times are ISO 8601 with offset. Updates carry an ETag: send it back "
        "in If-Match (412 on conflict). Labels in zh-Hant by default, English with `?lang=en`."
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "IncidentStatusEnum": "incidents.rules.workflow.IncidentStatus",
        "IncidentLevelEnum": "incidents.rules.IncidentLevel",
        "SeverityEnum": "incidents.rules.levels.Severity",
        "InformationScopeEnum": "incidents.rules.levels.InformationScope",
        "ResponsibilityLevelEnum": "infrastructure.models.ResponsibilityLevel",
        "LevelDecisionStatusEnum": "infrastructure.models.LevelDecision.Status",
        "RuleSetStatusEnum": "obligations.models.RuleSet.Status",
        "ObligationStatusEnum": "obligations.models.Obligation.Status",
        # reports and audits
        "ReportKindEnum": "reports.models.ReportKind",
        "ReportRequestKindEnum": "api.serializers.reports.GENERATED_KINDS",
        "GeneratedReportStatusEnum": "reports.models.GeneratedReport.Status",
        "ReportBatchStatusEnum": "reports.models.ReportBatch.Status",
        "ReportBatchItemStatusEnum": "reports.models.ReportBatchItem.Status",
        "AuditPlanStatusEnum": "audits.models.AuditPlan.Status",
        "AuditStatusEnum": "audits.rules.AuditStatus",
        "ChecklistResultEnum": "api.serializers.audits.RESULTS",
        "FindingKindEnum": "audits.rules.FindingKind",
        "FindingSeverityEnum": "audits.rules.Severity",
        "FindingStatusEnum": "audits.rules.FindingStatus",
        "ImprovementReportStatusEnum": "audits.models.ImprovementReport.Status",
        "ContactRoleEnum": "infrastructure.models.AgencyContact.Role",
        "ProtectionLevelEnum": "infrastructure.models.InformationSystem.ProtectionLevel",
        "LevelRouteEnum": "infrastructure.models.LevelRoute",
    },
}
# Shared cache (rate-limit counters): CACHE_URL=rediscache://127.0.0.1:6379/1 in production, so every web
# process counts the same requests; per-process memory by default.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# LOGGING ----------------------------------------------------------------------------------------
# One line per record; CSMA_LOG_FORMAT=json (production default) writes JSON lines with the request id
# (X-Request-ID from the proxy, or generated) and the Celery task id (common/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "common.logs.ContextFilter"}},
    "formatters": {
        "json": {"()": "common.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["context"],
            "formatter": env("CSMA_LOG_FORMAT", default="text"),
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}
