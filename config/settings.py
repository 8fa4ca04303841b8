"""SIPMI settings. Every value comes from the environment (see .env.example); defaults suit development."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config import keys
from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("SIPMI_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("SIPMI_TESTING", False)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me" if DEBUG or TESTING else None)
# The keys of issued documents and of the audit log (config.keys): required in production, where a missing one is
# a `check --deploy` error (sipmi.E021-E023) and refused at use, never derived. Development and the tests derive
# the unset ones from SECRET_KEY as earlier versions did; DERIVED_KEYS keeps those derivations (whatever DEBUG
# says) for `manage.py export_derived_keys`, which writes them out for an install that ran on them.
DERIVED_KEYS = {name: value for name, value in keys.derived_from(SECRET_KEY).items() if not env_str(name, "")}


def _key(name: str) -> str:
    return env_str(name, "") or (DERIVED_KEYS.get(name, "") if DEBUG or TESTING else "")


# Ed25519 master key (PEM, or a secret string) of issued documents: each office's key is derived from it
# (apps.documents.signing). Apart from SECRET_KEY, so rotating SECRET_KEY keeps issued documents valid.
DOCUMENT_SIGNING_KEY = _key("DOCUMENT_SIGNING_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "huey.contrib.djhuey",
    "health_check",
    "django_prometheus",
    "apps.core",
    "apps.audit",
    "apps.regions",
    "apps.offices",
    "apps.access",
    "apps.registry",
    "apps.messaging",
    "apps.accounts",
    "apps.documents",
    "apps.profiles",
    "apps.cpmi",
    "apps.agencies",
    "apps.permits",
    "apps.vacancies",
    "apps.agreements",
    "apps.jobfairs",
    "apps.officeservices",
    "apps.complaints",
    "apps.dashboards",
    "apps.demo",
]

MIDDLEWARE = [
    # Request latency and counts for Prometheus (/metrics): the first and the last middleware time the whole stack.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "apps.core.middleware.ChosenLanguageMiddleware",
    "apps.core.middleware.ControlCharactersMiddleware",  # 400 for NUL & co. in the address, in the user's language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "apps.core.middleware.RequestContextMiddleware",
    "apps.core.middleware.DatabaseUnavailableMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # The one date format of the pages (`waktu`, `tgl`), usable in every template without a {% load %}.
            "builtins": ["apps.core.templatetags.sipmi_dates"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.messaging.context_processors.notifications",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL (postgres://...) selects PostgreSQL in production.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sipmi.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        # A persistent connection is checked before each request reuses it, so a restarted PostgreSQL costs
        # only the requests that were running at that moment (they get the 503 page, see core.middleware).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for the writer instead of failing at once when the task worker writes at the same time.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
# A read replica for reports and exports (apps.core.replica): REPLICA_DATABASE_URL names it; unset, they read the
# primary. Writes always go to the primary; a view marked `reads_from_replica` sends its reads to the replica.
REPLICA_DATABASE_URL = env_str("REPLICA_DATABASE_URL", "")
if REPLICA_DATABASE_URL:
    DATABASES["replica"] = dj_database_url.parse(
        REPLICA_DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
    )
    # The test run reads the primary through the replica's alias (no second test database).
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["apps.core.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["apps.accounts.backends.EmailOrNikBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboards:dashboard"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Login failures slow down progressively, never block an address (CGNAT: one address is a whole district):
# after LOGIN_MAX_FAILURES wrong passwords for one account from one address, each next try from there waits
# 2, 4, 8 ... seconds up to LOGIN_LOCKOUT_MINUTES; after LOGIN_ACCOUNT_FREE_FAILURES for one account from
# anywhere, every try waits up to LOGIN_ACCOUNT_MAX_DELAY_SECONDS (a nuisance, never a lock-out of the owner).
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
LOGIN_ACCOUNT_FREE_FAILURES = env_int("LOGIN_ACCOUNT_FREE_FAILURES", 20)
LOGIN_ACCOUNT_MAX_DELAY_SECONDS = env_int("LOGIN_ACCOUNT_MAX_DELAY_SECONDS", 60)
# Civil-registry checks at sign-up (the NIK + parent's name oracle), counted in the cache.
REGISTRY_CHECKS_PER_ADDRESS_PER_HOUR = env_int("REGISTRY_CHECKS_PER_ADDRESS_PER_HOUR", 20)
REGISTRY_CHECKS_PER_NIK_PER_HOUR = env_int("REGISTRY_CHECKS_PER_NIK_PER_HOUR", 10)
REGISTRY_CHECKS_PER_MINUTE = env_int("REGISTRY_CHECKS_PER_MINUTE", 300)  # all addresses together
REGISTRY_NIK_MAX_MISMATCHES = env_int("REGISTRY_NIK_MAX_MISMATCHES", 3)
REGISTRY_NIK_LOCK_MINUTES = env_int("REGISTRY_NIK_LOCK_MINUTES", 60)
# Minimum age at sign-up: 18, the age UU 13/2003 (Pasal 1 angka 26, Pasal 68) stops calling a person a child
# whom no one may employ; the Pasal 69-72 exceptions for younger workers need a parent's written consent, which a
# self-service sign-up cannot collect. CPMI registration needs 18 too (UU 18/2017 Pasal 5 huruf a).
SIGNUP_MIN_AGE_YEARS = env_int("SIGNUP_MIN_AGE_YEARS", 18)
CPMI_MIN_AGE_YEARS = 18
# Password-reset e-mails and notices to an existing account's holder ("someone tried to sign up with ..."): the
# page answers the same either way, the e-mail/SMS is simply not sent beyond these.
PASSWORD_RESET_PER_EMAIL_PER_HOUR = env_int("PASSWORD_RESET_PER_EMAIL_PER_HOUR", 3)
PASSWORD_RESET_PER_ADDRESS_PER_HOUR = env_int("PASSWORD_RESET_PER_ADDRESS_PER_HOUR", 10)
ACCOUNT_NOTICES_PER_RECIPIENT_PER_HOUR = env_int("ACCOUNT_NOTICES_PER_RECIPIENT_PER_HOUR", 3)
EMAIL_CHANGE_LINK_VALID_HOURS = 24
OTP_VALID_MINUTES = 5
OTP_MAX_ATTEMPTS = 5
OTP_RESEND_COOLDOWN_SECONDS = env_int("OTP_RESEND_COOLDOWN_SECONDS", 60)
OTP_MAX_SENDS_PER_PHONE_PER_HOUR = env_int("OTP_MAX_SENDS_PER_PHONE_PER_HOUR", 5)
OTP_MAX_SENDS_PER_IP_PER_HOUR = env_int("OTP_MAX_SENDS_PER_IP_PER_HOUR", 20)

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True
# Off: with it on, every number in a template (ids in HTML attributes too) would print as 1.150. Amounts
# shown to people are grouped explicitly with `intcomma` or `floatformat:"0g"`, in Indonesian style.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"

# Uploaded personal documents are private: no MEDIA_URL is served; downloads go through permission-checked
# views. STORAGE_BACKEND=s3 (or, as before, AWS_STORAGE_BUCKET_NAME set) puts files and generated PDFs in an
# S3-compatible bucket with private ACLs, shared by every app node; `local` keeps them under SIPMI_VAR_DIR.
# Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (read by boto3 from the environment) or the node's role.
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "s3" if env_str("AWS_STORAGE_BUCKET_NAME", "") else "local")
if STORAGE_BACKEND not in {"local", "s3"}:
    raise ImproperlyConfigured(f"STORAGE_BACKEND must be local or s3, got {STORAGE_BACKEND!r}")
if STORAGE_BACKEND == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
            "location": env_str("AWS_LOCATION", ""),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": "/_private/"},
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if TESTING or DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Several app nodes share state only through PostgreSQL (sessions: apps.core.sessions, database-backed) and
# Redis (cache, task queue, the once-across-nodes claim of scheduled tasks). REDIS_URL unset: a per-process cache.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL and not TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work. SQLite storage by default, Redis when REDIS_URL is set, immediate mode in tests.
HUEY = {
    "name": "sipmi",
    "immediate": TESTING or env_bool("HUEY_IMMEDIATE", False),
    "utc": True,
    "consumer": {"workers": env_int("HUEY_WORKERS", 2), "worker_type": "thread"},
}
if REDIS_URL:
    # Each node's consumer may run the scheduler: a periodic task is enqueued by the one node that claims its
    # minute in Redis (apps.core.huey_cluster), so it runs once across nodes.
    HUEY.update({"huey_class": "apps.core.huey_cluster.ClusterRedisHuey", "url": REDIS_URL})
else:
    HUEY.update({"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "huey.sqlite3")})

# Audit log: entries are HMAC'd with a key kept outside the database; the sealer signs checkpoints with an
# Ed25519 key (PEM) and writes them to AUDIT_CHECKPOINT_STORAGE, a folder or s3://bucket/prefix (the AWS_*
# credentials), which database users must not be able to write. Both keys are required in production (above).
AUDIT_HMAC_KEY = _key("AUDIT_HMAC_KEY")
AUDIT_CHECKPOINT_KEY = _key("AUDIT_CHECKPOINT_KEY")
AUDIT_CHECKPOINT_KEEP = env_int("AUDIT_CHECKPOINT_KEEP", 48)
_checkpoints = env_str("AUDIT_CHECKPOINT_STORAGE", str(VAR_DIR / "audit-checkpoints"))
if _checkpoints.startswith("s3://"):
    _bucket, _, _prefix = _checkpoints.removeprefix("s3://").partition("/")
    STORAGES["audit_checkpoints"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _bucket,
            "location": _prefix,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
else:
    STORAGES["audit_checkpoints"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": _checkpoints},
    }

# Adapters to systems we cannot reach from development: "local" keeps everything inside SIPMI.
POPULATION_REGISTRY_BACKEND = env_str("POPULATION_REGISTRY_BACKEND", "local")  # local | http
POPULATION_REGISTRY_URL = env_str("POPULATION_REGISTRY_URL", "")
POPULATION_REGISTRY_TOKEN = env_str("POPULATION_REGISTRY_TOKEN", "")
# The WLKP company register (Wajib Lapor Ketenagakerjaan) that fills a company's data at sign-up.
WLKP_BACKEND = env_str("WLKP_BACKEND", "local")  # local | http
WLKP_URL = env_str("WLKP_URL", "")
WLKP_TOKEN = env_str("WLKP_TOKEN", "")
SMS_BACKEND = env_str("SMS_BACKEND", "local")  # local | http
SMS_GATEWAY_URL = env_str("SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = env_str("SMS_GATEWAY_TOKEN", "")
SMS_SENDER_ID = env_str("SMS_SENDER_ID", "SIPMI")
EMAIL_DELIVERY = env_str("EMAIL_DELIVERY", "local")  # local (outbox only) | smtp
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Caps on the SMS a requester can have sent (OTPs, phone changes), per hour, counted in the cache.
SMS_MAX_PER_ACCOUNT_PER_HOUR = env_int("SMS_MAX_PER_ACCOUNT_PER_HOUR", 5)
SMS_MAX_PER_PHONE_PER_HOUR = env_int("SMS_MAX_PER_PHONE_PER_HOUR", 5)
SMS_MAX_PER_IP_PER_HOUR = env_int("SMS_MAX_PER_IP_PER_HOUR", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "SIPMI <noreply@sipmi.local>")
EMAIL_BACKEND = "apps.messaging.email_backend.OutboxEmailBackend"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SIPMI API",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and ReDoc come from the drf-spectacular-sidecar package, served as our own static files.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Production hardening; `manage.py check --deploy` is clean with DEBUG off and HTTPS on.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_HTTPS = env_bool("USE_HTTPS", not (DEBUG or TESTING))
SESSION_COOKIE_SECURE = USE_HTTPS
CSRF_COOKIE_SECURE = USE_HTTPS
# A refused form (expired token, blocked cookies) gets the site's Indonesian page with a way back.
CSRF_FAILURE_VIEW = "apps.core.views.csrf_failure"
SECURE_SSL_REDIRECT = USE_HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if USE_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = USE_HTTPS
SECURE_HSTS_PRELOAD = USE_HTTPS
SESSION_COOKIE_HTTPONLY = True
# Django's database sessions, but an unreachable database while saving one answers 503, not 400.
SESSION_ENGINE = "apps.core.sessions"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every response (django-csp): only our own scripts, styles and frames; no inline
# scripts or handlers. `data:` images are Bootstrap's inline SVG icons. Uploaded files get a stricter policy
# of their own (`apps.core.downloads.private_file_response`), the API docs a small relaxation (`apps.core.api_docs`).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        "style-src": [CSP_SELF],
        "img-src": [CSP_SELF, "data:"],
        "object-src": [CSP_NONE],
        "base-uri": [CSP_SELF],
        "form-action": [CSP_SELF],
        "frame-ancestors": [CSP_NONE],
    }
}
# Prometheus metrics (/metrics, config.metrics): request latency (django-prometheus), queue depth and the SLA clocks
# of office work. Served only to a bearer of METRICS_TOKEN or a client in METRICS_ALLOWED_IPS (the address seen
# through TRUSTED_PROXY_COUNT proxies); with neither set the page is a 404. Under gunicorn each worker keeps its
# own request counters unless PROMETHEUS_MULTIPROC_DIR names a shared folder (prometheus_client's multiprocess mode).
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", "")
PROMETHEUS_EXPORT_MIGRATIONS = False
# Number of reverse proxies in front of the app; the client IP is taken from X-Forwarded-For accordingly.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
