"""Ombud settings: one module, driven by environment variables (see .env.example)."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.env import ConfigurationError, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("OMBUD_DATA_DIR", str(BASE_DIR / "data")))

DEBUG = env_bool("DEBUG", default=False)


def _key(name: str, data_file: str) -> str:
    """The key from NAME or NAME_FILE, else the one `make run` generated in data/, so the `ombud`
    command finds the keys the demo server uses without any environment (README)."""
    value = env_str(name, "")
    kept = DATA_DIR / data_file
    if not value and kept.is_file():
        value = kept.read_text(encoding="utf-8").strip()
    return value


SECRET_KEY = _key("SECRET_KEY", "secret_key")
if not SECRET_KEY:
    if not DEBUG and not env_bool("OMBUD_ALLOW_INSECURE_KEY", default=False):
        raise ConfigurationError(
            "SECRET_KEY is not set. Set SECRET_KEY (or SECRET_KEY_FILE), run `make run` once "
            f"(it keeps its keys in {DATA_DIR}), or set DEBUG=true for development."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

# Key for encrypting personal identifiers (CPR numbers) at rest. 32 bytes, hex encoded.
# In development it is derived from SECRET_KEY; production must set it and keep a backup.
FIELD_ENCRYPTION_KEY = _key("FIELD_ENCRYPTION_KEY", "field_encryption_key")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
OMBUD_DEMO_MODE = env_bool("OMBUD_DEMO_MODE", default=False)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "template_partials",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "health_check",
    "django_q",
    "ombud.core",
    "ombud.accounts",
    "ombud.sso",
    "djangosaml2",
    "ombud.cases",
    "ombud.stats",
    "ombud.reports",
    "ombud.whistleblower",
    "ombud.cooperation",
    "ombud.portal",
    "ombud.records",
    "ombud.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ombud.core.storage.UncommittedFilesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "djangosaml2.middleware.SamlSessionMiddleware",
    "ombud.core.middleware.SessionIdleRefreshMiddleware",
    "ombud.core.middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "ombud.whistleblower.keyring.KeyringCookieMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "ombud.accounts.context_processors.memberships",
                "ombud.sso.context_processors.sso",
                "ombud.whistleblower.context_processors.whistleblower",
            ],
        },
    }
]

# Project templates may override Django's widget templates (to add DKFDS classes).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'ombud.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
# A connection kept between requests is checked before reuse, so a restarted PostgreSQL is
# picked up by the next request instead of failing it.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Model choice fields iterate querysets; server-side cursors WITH HOLD cost a round trip and
    # a materialised result each, and break behind a transaction-pooling pgbouncer.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a long import writes; IMMEDIATE avoids "database is locked"
    # when two requests upgrade a read transaction to a write at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# Rendered charts and cached statistics. Production sets CACHE_DIR so gunicorn's workers share
# them; otherwise each process keeps its own in memory.
_CACHE_DIR = env_str("CACHE_DIR", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": _CACHE_DIR,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
    if _CACHE_DIR
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Single sign-on (ombud/sso, docs/deployment.md). SAML: djangosaml2 builds Ombud's SP from the
# providers in the database; requests to the IdP go by HTTP-Redirect (no inline auto-post form
# under our CSP). Its own session cookie carries the outstanding requests across the IdP's
# cross-site POST back, so it is SameSite=None where cookies are Secure (Lax on plain http in
# development, where browsers refuse None without Secure).
SAML_CONFIG_LOADER = "ombud.sso.saml.sp_config"
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_CSP_HANDLER = ""
SAML_SESSION_COOKIE_NAME = "ombud_saml_session"
SAML_SESSION_COOKIE_SAMESITE = "None" if env_bool("SECURE_COOKIES", default=not DEBUG) else "Lax"
# Ombud's SAML signing key and certificate (PEM files); without them requests go unsigned.
OMBUD_SAML_KEY_FILE = env_str("OMBUD_SAML_KEY_FILE", "")
OMBUD_SAML_CERT_FILE = env_str("OMBUD_SAML_CERT_FILE", "")

# Lock-out (docs/decisions/0003, "Lock-out"): django-axes counts failures per user name *and*
# client address, so someone else's failures from another machine never lock out the real user;
# ombud/accounts/lockout.py adds a per-client ceiling across user names and alerts on bursts.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Failed logins per client and hour, across user names, before the client must wait.
OMBUD_LOGIN_CLIENT_CEILING = env_int("OMBUD_LOGIN_CLIENT_CEILING", 30)
# Failed logins per user name and hour, across clients, that alert the administrators.
OMBUD_LOGIN_USER_ALERT = env_int("OMBUD_LOGIN_USER_ALERT", 20)
# Staff login records (client address and browser, django-axes' tables) are deleted after this.
OMBUD_LOGIN_RECORD_DAYS = env_int("OMBUD_LOGIN_RECORD_DAYS", 90)
# Who gets the operators' alerts (a burst of failed logins): comma-separated e-mail addresses.
ADMINS = [(address, address) for address in env_list("OMBUD_ALERT_EMAILS", [])]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0)
# The same count tells the public pages' rate limits (ombud/core/ratelimit.py) which entry of
# X-Forwarded-For is the client. They keep only a keyed hash of it, in the cache.
OMBUD_PROXY_COUNT = AXES_IPWARE_PROXY_COUNT

# Sessions expire after two hours without activity and when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 2 * 60 * 60)
# Refreshed by ombud.core.middleware.SessionIdleRefreshMiddleware at most once a minute.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
# HTTPS only with DEBUG off (docs/deployment.md): redirect plain HTTP and send HSTS for a year.
# SECURE_SSL_REDIRECT=false when the proxy in front redirects itself; `make run` (plain HTTP on
# 127.0.0.1) turns both off.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

OTP_TOTP_ISSUER = "Ombud"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    # Writes under a temporary name and renames; a failed write is a Danish form error.
    "default": {"BACKEND": "ombud.core.storage.SafeFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Uploaded documents in the case journal.
OMBUD_MAX_UPLOAD_BYTES = env_int("OMBUD_MAX_UPLOAD_MB", 25) * 1024 * 1024
# Where retention delivers each case (journal-export format) before anonymising it; one folder
# per municipality. Point it at the folder the municipality's archive or ESDH picks up from.
OMBUD_ARCHIVE_DIR = Path(env_str("OMBUD_ARCHIVE_DIR", str(DATA_DIR / "archive")))
# Absolute address used in links sent by e-mail (reply links, notices to centre chiefs).
OMBUD_BASE_URL = env_str("OMBUD_BASE_URL", "http://127.0.0.1:8000")
# Whether it was set: `check --deploy` warns in production when links would point at localhost.
OMBUD_BASE_URL_SET = bool(env_str("OMBUD_BASE_URL").strip())
# Rate limits on the public pages, per client and hour: contact-form submissions, and wrong or
# expired personal links tried (reply links and the centres' deadline links together).
OMBUD_CONTACT_LIMIT_PER_HOUR = env_int("OMBUD_CONTACT_LIMIT_PER_HOUR", 10)
OMBUD_LINK_GUESS_LIMIT_PER_HOUR = env_int("OMBUD_LINK_GUESS_LIMIT_PER_HOUR", 20)
# The whistleblower channel (docs/whistleblower.md, "Keeping the channel open"): reports per
# client and per scheme, wrong receipt codes per client (the scheme's counter is only a high
# ceiling), and the least time between two activity e-mails to one handler.
WHISTLEBLOWER_REPORTS_PER_CLIENT_PER_HOUR = env_int("WHISTLEBLOWER_REPORTS_PER_CLIENT_PER_HOUR", 5)
WHISTLEBLOWER_REPORTS_PER_SCHEME_PER_HOUR = env_int(
    "WHISTLEBLOWER_REPORTS_PER_SCHEME_PER_HOUR", 200
)
WHISTLEBLOWER_RECEIPT_GUESSES_PER_CLIENT_PER_HOUR = env_int(
    "WHISTLEBLOWER_RECEIPT_GUESSES_PER_CLIENT_PER_HOUR", 10
)
WHISTLEBLOWER_RECEIPT_SCHEME_CEILING_PER_HOUR = env_int(
    "WHISTLEBLOWER_RECEIPT_SCHEME_CEILING_PER_HOUR", 500
)
WHISTLEBLOWER_ACTIVITY_MAIL_MINUTES = env_int("WHISTLEBLOWER_ACTIVITY_MAIL_MINUTES", 5)
# Case register imports (ombud/cases/exchange/import_caps.py): rows per file, and the most the
# file may take up unpacked (an .xlsx is a zip; checked before parsing).
OMBUD_IMPORT_MAX_ROWS = env_int("OMBUD_IMPORT_MAX_ROWS", 50_000)
OMBUD_IMPORT_MAX_UNPACKED_MB = env_int("OMBUD_IMPORT_MAX_UNPACKED_MB", 60)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ombud@localhost")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
# Mail is sent from the outbox by the job runner (ombud/core/outbox.py). A runner holds the mails
# it sends for this long; one killed mid-batch has its mails sent by another after it.
OMBUD_OUTBOX_LEASE_SECONDS = env_int("OMBUD_OUTBOX_LEASE_SECONDS", 300)

# The job runner (django-q2; `ombud worker`). Its queue is the database unless REDIS_URL is set
# (docs/deployment.md). A task is re-delivered if its runner dies (`retry` after `timeout`);
# a failed task is kept as a failure and not retried (scheduled jobs run again on schedule).
_REDIS_URL = env_str("REDIS_URL", "")
Q_CLUSTER = {
    "name": "ombud",
    "workers": env_int("OMBUD_WORKER_PROCESSES", 2),
    "timeout": 600,
    "retry": 720,
    "max_attempts": 5,
    "ack_failures": True,
    "catch_up": False,
    "poll": 2,
    "save_limit": 500,
    "recycle": 200,
    **({"redis": _REDIS_URL} if _REDIS_URL else {"orm": "default"}),
}

# Argon2id cost for whistleblower keys and receipts: "interactive" (libsodium's INTERACTIVE
# limits) in production; "min" only for tests.
WHISTLEBLOWER_KDF = env_str("WHISTLEBLOWER_KDF", "interactive")

# Never log request bodies or personal data: every record passes ombud.core.logs.RedactFilter
# (no whistleblower paths, addresses, CPR numbers or exception messages). LOG_FORMAT=json writes
# one JSON object a line for a log system.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "ombud.core.logs.RedactFilter"}},
    "formatters": {"json": {"()": "ombud.core.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["redact"],
            **({"formatter": "json"} if env_str("LOG_FORMAT", "") == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # django-q2 names tasks and logs their results; warnings and errors are enough.
        "django-q": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# HSTS preload (security.W021) binds the whole registrable domain (a municipality's kommune.dk)
# once submitted to the browsers' list: that is the domain owner's decision, not this app's.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
