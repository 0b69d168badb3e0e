"""One settings module, configured from the environment (see README and docs/deploy.md)."""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    """A setting from the environment, or from the file named by NAME_FILE (Docker secrets)."""
    if path := os.environ.get(f"{name}_FILE"):
        return Path(path).read_text().strip()
    return os.environ.get(name) or default


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "axes",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "template_partials",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "csp",
    "initiatives",
    "agenda",
    "measurement",
    "activities",
    "communication",
    "backbone",
    "anymail",
    "spheres",
    "community",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sheatufim.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "sheatufim.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "sheatufim.middleware.OwnNotFoundPageMiddleware",
    # The sign-in limit's answer (see AXES_ below), after every other middleware as axes asks.
    "axes.middleware.AxesMiddleware",
    # Last, so that it is the first to see a view's exception.
    "sheatufim.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "sheatufim.urls"
WSGI_APPLICATION = "sheatufim.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server fails the request in seconds (a 503, see sheatufim.middleware)
    # instead of holding it until the operating system gives up.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        env("DATABASE_CONNECT_TIMEOUT", "5")
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "initiatives.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked sign-in before the password
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"  # each role lands on the page of its weekly question
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
INVITATION_VALID_DAYS = int(env("INVITATION_VALID_DAYS", "7"))
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3


def _login_username(request, credentials) -> str:
    """Emails sign in whatever their case, so the limit counts them whatever their case."""
    if credentials and credentials.get("username"):
        return str(credentials["username"]).strip().lower()
    return str(getattr(request, "data", request.POST).get("username", "")).strip().lower()


# Sign-in limit (django-axes, in the database: attempts outlive a Redis outage and count across
# processes). Pages, admin and anything else that authenticates with a password go through it;
# API tokens do not. Locked per address *and* IP, so that one person behind an office's NAT
# does not lock the others out, nor an attacker a user from everywhere.
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = _login_username
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "sheatufim.accounts.locked_out"
# Password reset mails: at most this many per address and per IP address per hour (cache-based,
# fail open; see sheatufim/accounts.py).
PASSWORD_RESET_LIMIT_PER_ADDRESS = int(env("PASSWORD_RESET_LIMIT_PER_ADDRESS", "3"))
PASSWORD_RESET_LIMIT_PER_IP = int(env("PASSWORD_RESET_LIMIT_PER_IP", "20"))

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("he", _("Hebrew")), ("ar", _("Arabic"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["sheatufim.formats"]  # one date, date-time and number format per language
TIME_ZONE = env("TIME_ZONE", "Asia/Jerusalem")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Email: the console by default, SMTP when EMAIL_HOST is set.
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Sheatufim <noreply@localhost>")
# django-anymail, the production path for an email service: EMAIL_BACKEND names its backend
# (e.g. anymail.backends.postmark.EmailBackend) and ANYMAIL holds its settings, as JSON in
# ANYMAIL_JSON and/or from ANYMAIL_<ESP>_<SETTING> variables (ANYMAIL_POSTMARK_SERVER_TOKEN).
if EMAIL_BACKEND.startswith("anymail."):
    ANYMAIL = json.loads(env("ANYMAIL_JSON", "{}"))
    for _name, _value in os.environ.items():
        if _name.startswith("ANYMAIL_") and _name != "ANYMAIL_JSON" and _value:
            ANYMAIL.setdefault(_name.removeprefix("ANYMAIL_"), _value)

# Celery: without REDIS_URL, tasks run eagerly in the calling process (make run on SQLite).
REDIS_URL = env("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True  # the worker waits for Redis to come up
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "socket_connect_timeout": 2}
# Publishing (task.delay on commit) retries once at once, for a pooled connection that Redis
# closed, then gives up: Celery's default (3 retries, 0 + 0.2 + 0.4 s) held every approval
# 600 ms during an outage. What is not queued is caught up (rollup requests are rows, see
# rollups-catch-up below; emails are logged as not sent).
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # An unreachable Redis fails fast instead of holding a request (the API's
            # throttles fail open, see sheatufim/api/throttling.py).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }

# A batch of 10,000 values with comments is larger than Django's 2.5 MB default.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(env("DATA_UPLOAD_MAX_MEMORY_SIZE", str(20 * 1024 * 1024)))

# Uploaded files (imports, evidence) are at most 5 MB; a multipart body larger than the file
# and the form's fields is not received (sheatufim/uploads.py; the proxy's limit: docs/deploy.md).
UPLOAD_MAX_BYTES = 5 * 1024 * 1024
UPLOAD_MAX_BODY_BYTES = UPLOAD_MAX_BYTES + 256 * 1024
FILE_UPLOAD_HANDLERS = [
    "sheatufim.uploads.BodyLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "sheatufim.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "sheatufim.api.filters.StrictOrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "sheatufim.api.pagination.Pagination",
    # JSON only: a form cannot carry the nested categories nor tell null from "".
    "DEFAULT_PARSER_CLASSES": ["sheatufim.api.parsers.CleanJSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "sheatufim.api.throttling.AnonWindowThrottle",
        "sheatufim.api.throttling.TokenRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_ANON_RATE", "60/minute"),
        "token": env("API_TOKEN_RATE", "6000/minute"),
    },
    "EXCEPTION_HANDLER": "sheatufim.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "sheatufim.api.schema.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sheatufim API",
    "DESCRIPTION": "Collective impact: organizations, indicators, submissions and rollups.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Nothing from another host: the vendored files (drf-spectacular-sidecar), Redoc without
    # Google's fonts (templates/drf_spectacular/redoc.html), Swagger UI without its validator badge.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets whose field names other models use too (`role`, `status`).
    "ENUM_NAME_OVERRIDES": {
        "ActivityRoleEnum": "activities.models.ActivityRole.choices",
        "ActivityStatusEnum": "activities.models.ActivityStatus.choices",
        "MeetingKindEnum": "communication.models.MeetingKind.choices",
        "GapReasonEnum": "activities.api.serializers.GAP_REASONS",
        "DecisionStatusEnum": "communication.models.DecisionStatus.choices",
        "ActionItemStatusEnum": "communication.models.ActionItemStatus.choices",
        "MinutesStateEnum": "communication.models.MinutesState.choices",
        "WorkplanTaskStatusEnum": "backbone.models.TaskStatus.choices",
        "BackboneFunctionEnum": "backbone.models.BackboneFunction.choices",
        "EmailDeliveryEnum": "communication.models.Delivery.choices",
        "CommitmentOptInEnum": "spheres.models.OptIn.choices",
        "CommitmentProgressEnum": "spheres.models.CommitmentProgress.choices",
        "ErrorCodeEnum": "sheatufim.api.errors.ERROR_CODES",
        "ValidationErrorCodeEnum": "sheatufim.api.errors.VALIDATION_ERROR_CODES",
        "PhaseEnum": "initiatives.models.Phase.choices",
        "RoundStateEnum": "backbone.models.RoundState.choices",
        "ResponseStateEnum": "backbone.models.ResponseState.choices",
        "LevelEnum": "backbone.models.Level.choices",
        "ParticipationRoleEnum": "initiatives.models.ParticipationRole.choices",
        "RelationshipKindEnum": "initiatives.relationships.RelationshipKind.choices",
        "MapEdgeKindEnum": "initiatives.stakeholder_map.graph.EDGE_KIND_VALUES",
        "ResourceKindEnum": "community.models.ResourceKind.choices",
        "ResourceConditionEnum": "community.models.Condition.choices",
        "FiveConditionsEnum": "backbone.selectors.health.Condition.choices",
        "HealthEnum": "backbone.selectors.health.Status.choices",
        "InitiativeKindEnum": "initiatives.models.InitiativeKind.choices",
        "JoinRequestStatusEnum": "spheres.models.JoinRequestStatus.choices",
        "CommitmentStatusEnum": "spheres.models.CommitmentStatus.choices",
    },
}

# Security: strict by default when DEBUG is off; each can be relaxed from the environment.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4): nothing inline, nothing from another host. Scripts and
# styles are static files; htmx is told not to inject its indicator styles (base.html).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap's icons are data: SVGs in its stylesheet
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
# Looser only where a vendored page needs it (sheatufim.middleware): Swagger UI and Redoc write
# inline styles, Redoc runs its search in a blob: worker. Their scripts are still files.
CONTENT_SECURITY_POLICY_PATH_UPDATES = {
    "/api/v1/docs/": {"style-src": ["'unsafe-inline'"]},
    "/api/v1/redoc/": {"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]},
}


def _client_error_without_traceback(record) -> bool:
    """A 403 or 404 is the site working: one line, no traceback (5xx keep theirs)."""
    if getattr(record, "status_code", 500) < 500:
        record.exc_info = record.exc_text = None
    return True


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "client_error_without_traceback": {
            "()": "django.utils.log.CallbackFilter",
            "callback": _client_error_without_traceback,
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console handler (DEBUG only) printed every record a second time, as it
        # also reaches the root's handler.
        "django": {"handlers": [], "level": "INFO"},
        "django.request": {"filters": ["client_error_without_traceback"]},
        # Four lines for every successful sign-in otherwise; failures and locks are warnings.
        "axes": {"level": "WARNING"},
        # Eager tasks would log a line each in the web process (40 while seeding the demo).
        "celery.app.trace": {"level": "WARNING" if CELERY_TASK_ALWAYS_EAGER else "INFO"},
    },
}

FORM_RENDERER = "sheatufim.forms.BootstrapFormRenderer"

# Periodic work (django-celery-beat copies these into its database schedule).
CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {
        "task": "sheatufim.worker_heartbeat",
        "schedule": 60.0,
        "options": {"expires": 50},  # a dead worker does not come back to a pile of these
    },
    "rollups-catch-up": {
        "task": "measurement.tasks.rollup_process_requests_task",
        "schedule": 60.0,
    },
    "rollups-nightly": {
        "task": "measurement.tasks.rollup_recompute_all_task",
        "schedule": crontab(hour=2, minute=30),
    },
    "periods-advance": {
        "task": "measurement.tasks.periods_advance_task",
        "schedule": crontab(minute=5),
    },
    # Hourly, so that a missed or interrupted run is finished within the hour.
    "digests-send": {
        "task": "communication.tasks.digests_send_task",
        "schedule": crontab(minute=15),
    },
    "reminders-send": {
        "task": "communication.tasks.reminders_send_task",
        "schedule": crontab(hour=7, minute=0),
    },
    # After midnight, so a round closing "on" a day stays open for the whole of that day.
    "assessment-rounds-close": {
        "task": "backbone.tasks.close_due_rounds",
        "schedule": crontab(hour=0, minute=20),
    },
    "assessment-reminders": {
        "task": "backbone.tasks.assessment_reminders",
        "schedule": crontab(hour=7, minute=10),
    },
}

# /healthz/worker (for monitors): a heartbeat older than this means no worker or no beat, and
# rollup requests older than this mean the worker is not keeping up (the catch-up runs each
# minute).
WORKER_HEARTBEAT_MAX_AGE = int(env("WORKER_HEARTBEAT_MAX_AGE", "180"))
ROLLUP_BACKLOG_MAX_MINUTES = int(env("ROLLUP_BACKLOG_MAX_MINUTES", "10"))
