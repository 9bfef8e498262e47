"""Settings for the portal: one module, a working default for every value.

A fresh checkout runs on SQLite with Celery tasks executed in-process; production changes
environment variables only (see README, "Configuration").
"""

import datetime
import json
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_choice, env_int, env_list, env_str, env_timezone, env_url
from recruitment.ratelimit import RATE

BASE_DIR = Path(__file__).resolve().parent.parent

# Off unless asked: a server started without its environment is not a debug server with a
# published key. `make` turns it on for development (run, test, lint), as tests/dev_env.py does
# for pytest and tests.proc.clean_env for the processes tests start.
DEBUG = env_bool("DJANGO_DEBUG", False)

_DEV_SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production-7f3a9c"
SECRET_KEY = env_str("DJANGO_SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Environment variable DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is false.")

PORT = env_int("PORT", 8000, minimum=1)
# The origin that QR codes and e-mailed links encode; it must be the address patients reach.
PUBLIC_BASE_URL = env_url(
    "PUBLIC_BASE_URL", f"http://127.0.0.1:{PORT}", schemes={"http", "https"}, path_allowed=False
).rstrip("/")
_public = urlsplit(PUBLIC_BASE_URL)

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS",
    ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [_public.hostname or ""],
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [PUBLIC_BASE_URL])

INSTALLED_APPS = [
    "modeltranslation",  # before admin, which it extends
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",  # log-in lock-out after failed attempts
    "django_otp",  # a second factor for staff and sponsors
    "django_otp.plugins.otp_totp",
    "recruitment",
    "trials",
    # The conditions the portal serves, one app each (recruitment.conditions): one line installs one.
    "recruitment.conditions.alopecia_areata",
    "recruitment.conditions.vitiligo",
    "recruitment.conditions.atopic_dermatitis",
]

MIDDLEWARE = [
    # First, so load balancers get an answer whatever the Host header and before any redirect.
    "config.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the body: a body no charset decodes is a 400, not a 500.
    "config.bad_request.MalformedBodyMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "recruitment.accounts.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so it sees a view's database errors first: a 503 that keeps a patient's answers.
    "config.database_unavailable.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Each condition's templates live in its app (APP_DIRS).
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

# --- Database -------------------------------------------------------------------------------
_DEFAULT_DATABASE_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
_database_url = env_url("DATABASE_URL", _DEFAULT_DATABASE_URL, schemes={"sqlite", "postgres", "postgresql", "pgsql"})
try:
    _database = dj_database_url.parse(_database_url)
except ValueError as exc:
    raise ImproperlyConfigured(f"Environment variable DATABASE_URL is invalid: {exc}") from None
if _database["ENGINE"] != "django.db.backends.sqlite3":
    if not _database.get("NAME"):
        raise ImproperlyConfigured(
            "Environment variable DATABASE_URL is invalid: expected a database name, "
            "as in postgres://user@host:5432/recruitment."
        )
    # Persistent connections, checked before reuse, so a restarted PostgreSQL heals by itself.
    _database["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0)
    _database["CONN_HEALTH_CHECKS"] = True
    # Django turns psycopg's prepared statements off; a threshold no query reaches keeps them off
    # for everything but what asks for one (the submission's one big INSERT, whose planning costs
    # more than its execution). Behind pgbouncer, use its prepared-statement support (1.21+).
    _database.setdefault("OPTIONS", {})["prepare_threshold"] = 2**31 - 1
if _database["ENGINE"] == "django.db.backends.sqlite3":
    # Every transaction takes the write lock when it begins, waiting its turn (up to `timeout`
    # seconds): a deferred transaction that read first and writes later fails at once with
    # "database is locked" when another connection writes meanwhile (SQLite refuses the lock
    # upgrade rather than deadlock). That is how a worker sharing the file lost notifications.
    _database.setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
    # A file, not memory, so that a Celery worker started by a test can share the test database.
    _database["TEST"] = {"NAME": str(BASE_DIR / "var" / "test-db.sqlite3")}
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: Celery broker and cache -----------------------------------------------------------
REDIS_URL = env_url("REDIS_URL", "", schemes={"redis", "rediss"}) or None

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
# Without a broker, tasks run in the web process (after the transaction commits, since they are
# always enqueued with transaction.on_commit), so the portal can be tried with nothing installed.
CELERY_TASK_ALWAYS_EAGER = REDIS_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
# Workers and beat log through LOGGING's handlers (and its redacting filter), not Celery's own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
# The staff's zone, by default the patients': the hours people type in admin, beat's daily hours.
CELERY_TIMEZONE = env_timezone("TIME_ZONE", env_timezone("PATIENT_TIME_ZONE", "Asia/Shanghai"))
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A dead broker must never hang a patient's request: bounded retries, short socket timeouts.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 2,
    # A request publishes once, without retrying (recruitment.services.notifications.enqueue): a
    # broker that does not answer holds a patient's request this long at most.
    "socket_connect_timeout": 0.5,
    "max_retries": 2,
    "visibility_timeout": 3600,
}

CELERY_BEAT_SCHEDULE = {
    "requeue-pending-notifications": {
        "task": "recruitment.tasks.requeue_pending_notifications",
        "schedule": float(env_int("NOTIFICATION_SWEEP_SECONDS", 60, minimum=1)),
    },
    # Hourly, so that a reminder goes out early on its day whatever the servers' time zone.
    "send-due-reminders": {
        "task": "recruitment.tasks.send_due_reminders",
        "schedule": float(env_int("REMINDER_SWEEP_SECONDS", 3600, minimum=1)),
    },
    # The audit trail's hash chain, a minute behind the writes (recruitment.services.audit_chain).
    "seal-audit-trail": {
        "task": "recruitment.tasks.seal_audit_trail",
        "schedule": 60.0,
    },
    "forget-signup-counters": {
        "task": "recruitment.tasks.forget_signup_counters",
        "schedule": 3600.0,
    },
    "daily-digest": {
        "task": "recruitment.tasks.send_daily_digests",
        "schedule": crontab(hour=env_int("DIGEST_HOUR", 8, minimum=0), minute=0),
    },
}
# Attempts before a notification is marked failed (shown in admin, where it can be resent).
NOTIFICATION_MAX_ATTEMPTS = env_int("NOTIFICATION_MAX_ATTEMPTS", 5, minimum=1)
# A notification still pending this many seconds after it was queued is queued again.
NOTIFICATION_REQUEUE_AFTER = env_int("NOTIFICATION_REQUEUE_AFTER", 300, minimum=1)

# --- Auth -------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked account before any password check
    "django.contrib.auth.backends.ModelBackend",
]
# django-axes: LOGIN_FAILURE_LIMIT wrong passwords for one user name lock it for LOGIN_LOCKOUT_MINUTES,
# whatever the address (a guesser spread over many addresses is stopped too); audited
# (recruitment.accounts). The address axes records is ours (the proxy's view of the client).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 30, minimum=1))
# A user name is locked whatever the address; a user name from one address too (no bare address
# lock: a hospital behind one address is not locked out by one nurse's typos). Failures are not
# reset by a success: logging in as oneself must not wipe the record of guesses at a colleague.
AXES_LOCKOUT_PARAMETERS = ["username", ["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "recruitment.ratelimit.client_address"
# A locked account reads like a wrong password: the page tells a guesser nothing more.
AXES_LOCKOUT_CALLABLE = "recruitment.accounts.locked_out"
AXES_VERBOSE = False
# Time-based codes from an authenticator app (django-otp): required for staff unless turned off,
# which DEBUG does by default for `make run`.
STAFF_REQUIRE_2FA = env_bool("STAFF_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = env_str("OTP_ISSUER", "Trial recruitment")
# Staff (and their admin) are logged out after this many idle minutes.
STAFF_IDLE_MINUTES = env_int("STAFF_IDLE_MINUTES", 30, minimum=1)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "after_login"
LOGOUT_REDIRECT_URL = "trials:list"

# --- Language and time ------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Trial texts exist in each language; a missing translation shows the English text.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = CELERY_TIMEZONE
# Where the patients live: their ages and the lengths of their episodes are counted on this
# zone's calendar (recruitment.patient_dates).
PATIENT_TIME_ZONE = env_timezone("PATIENT_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Static files: Bootstrap is served from here, never from a CDN ----------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Each condition's scripts live in its app's static/ (found by the app directories finder).
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail -----------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
if "." not in EMAIL_BACKEND or " " in EMAIL_BACKEND:
    raise ImproperlyConfigured(
        f"Environment variable EMAIL_BACKEND={EMAIL_BACKEND!r} is invalid: expected a dotted "
        "path such as django.core.mail.backends.smtp.EmailBackend."
    )
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Environment variables EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true.")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Trial recruitment <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security: strict unless DEBUG; each can be relaxed by its own variable -------------------
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind our reverse proxy: it terminates TLS and appends the client's address to X-Forwarded-For.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    # Only behind a proxy that sets this header itself; otherwise clients could forge HTTPS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOG_LEVEL = env_choice("DJANGO_LOG_LEVEL", "INFO", {"DEBUG", "INFO", "WARNING", "ERROR"})
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # No e-mail, phone number, reference or token in a log line (config.redact).
    "filters": {"redact": {"()": "config.redact.RedactingFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# --- Patients' sign-ups ----------------------------------------------------------------------
# Generous, because a clinic's Wi-Fi or a mobile carrier puts many patients behind one address.
# Counted in the database by the submission's own write (recruitment.ratelimit).
SIGNUP_RATE_LIMIT = env_str("SIGNUP_RATE_LIMIT", "20/h")
if not RATE.fullmatch(SIGNUP_RATE_LIMIT):
    raise ImproperlyConfigured(
        f"Environment variable SIGNUP_RATE_LIMIT={SIGNUP_RATE_LIMIT!r} is invalid: expected a rate such as 20/h."
    )

# Seconds the public pages keep what they show of the catalog in the cache (trials.catalog_cache);
# any write to the catalog drops it at once, so this only bounds the memory. Without Redis each
# process would have a cache of its own that another process's write cannot drop: no caching.
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 600 if REDIS_URL else 0, minimum=0)

# --- Portal -----------------------------------------------------------------------------------
# QR images are deterministic for a URL; cache them rather than redraw on every scan.
QR_CACHE_SECONDS = env_int("QR_CACHE_SECONDS", 7 * 24 * 3600, minimum=0)

# --- Messages to patients -----------------------------------------------------------------------
# Text messages go through django-sms: the console by default; in production a provider's backend
# (django-sms ships Twilio and MessageBird: SMS_BACKEND=sms.backends.twilio.SmsBackend with
# TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN), or a backend of our own for a Chinese gateway.
SMS_BACKEND = env_str("SMS_BACKEND", "sms.backends.console.SmsBackend")
if "." not in SMS_BACKEND or " " in SMS_BACKEND:
    raise ImproperlyConfigured(
        f"Environment variable SMS_BACKEND={SMS_BACKEND!r} is invalid: expected a dotted path to a backend class."
    )
DEFAULT_FROM_SMS = env_str("SMS_SENDER", "") or None
# Against SMS pumping (someone making the portal text premium numbers abroad): text messages go
# only to these calling codes (China's by default, where the sites are), and at most this many a
# day to one number.
SMS_ALLOWED_CALLING_CODES = env_list("SMS_ALLOWED_CALLING_CODES", ["86"])
if not all(code.isdigit() and 1 <= len(code) <= 3 for code in SMS_ALLOWED_CALLING_CODES):
    raise ImproperlyConfigured(
        f"Environment variable SMS_ALLOWED_CALLING_CODES={','.join(SMS_ALLOWED_CALLING_CODES)!r} is invalid: "
        "expected comma-separated calling codes of 1 to 3 digits, such as 86,852."
    )
SMS_PER_NUMBER_PER_DAY = env_int("SMS_PER_NUMBER_PER_DAY", 10, minimum=1)
# Twilio does not reliably reach mainland Chinese numbers: SMS_BACKEND=recruitment.sms_gateways.SmsRouter
# sends each number through the gateway named for its calling code, "*" for the others, as in
# SMS_ROUTES=86=recruitment.sms_gateways.alibaba.SmsBackend,*=sms.backends.twilio.SmsBackend
SMS_ROUTES: dict[str, str] = {}
for _route in env_list("SMS_ROUTES", []):
    _code, _equals, _gateway = _route.partition("=")
    if not (_code == "*" or _code.isdigit()) or "." not in _gateway or " " in _gateway:
        raise ImproperlyConfigured(
            f"Environment variable SMS_ROUTES is invalid at {_route!r}: expected calling code=dotted path to a "
            "backend, such as 86=recruitment.sms_gateways.alibaba.SmsBackend,*=sms.backends.twilio.SmsBackend."
        )
    SMS_ROUTES[_code] = _gateway
if SMS_BACKEND == "recruitment.sms_gateways.SmsRouter" and not SMS_ROUTES:
    raise ImproperlyConfigured(
        "Environment variable SMS_ROUTES is needed by SMS_BACKEND=recruitment.sms_gateways.SmsRouter."
    )
# Alibaba Cloud SMS (recruitment.sms_gateways.alibaba): the account's key, the approved signature
# (签名), and the approved template of each message in each language, as JSON:
# {"confirmation": {"zh-hans": "SMS_1", "en": "SMS_2"}, "access_code": {...}, "address_check": {...},
#  "contact_changed_phone": {...}, "contact_changed_email": {...}}.
ALIBABA_SMS_ACCESS_KEY_ID = env_str("ALIBABA_SMS_ACCESS_KEY_ID", "")
ALIBABA_SMS_ACCESS_KEY_SECRET = env_str("ALIBABA_SMS_ACCESS_KEY_SECRET", "")
ALIBABA_SMS_SIGN_NAME = env_str("ALIBABA_SMS_SIGN_NAME", "")
ALIBABA_SMS_ENDPOINT = env_url("ALIBABA_SMS_ENDPOINT", "https://dysmsapi.aliyuncs.com", schemes={"https", "http"})
try:
    ALIBABA_SMS_TEMPLATES = json.loads(env_str("ALIBABA_SMS_TEMPLATES", "{}"))
    if not isinstance(ALIBABA_SMS_TEMPLATES, dict) or not all(
        isinstance(codes, dict) and all(isinstance(code, str) for code in codes.values())
        for codes in ALIBABA_SMS_TEMPLATES.values()
    ):
        raise ValueError("expected an object of message: {language: template code}")
except ValueError as exc:
    raise ImproperlyConfigured(f"Environment variable ALIBABA_SMS_TEMPLATES is invalid: {exc}") from None
TWILIO_ACCOUNT_SID = env_str("TWILIO_ACCOUNT_SID", "")
TWILIO_AUTH_TOKEN = env_str("TWILIO_AUTH_TOKEN", "")
# One-time codes that open "my application": asked for at most this often per address.
# Campaign scans counted from one address (a script without cookies would inflate a poster's
# count); generous, as a mobile carrier puts many phones behind one address.
SCAN_RATE_LIMIT = env_str("SCAN_RATE_LIMIT", "60/h")
if not RATE.fullmatch(SCAN_RATE_LIMIT):
    raise ImproperlyConfigured(
        f"Environment variable SCAN_RATE_LIMIT={SCAN_RATE_LIMIT!r} is invalid: expected a rate such as 60/h."
    )
# Log-in attempts from one address, whatever the user names (password spraying); generous, as a
# hospital's staff share one address.
LOGIN_ADDRESS_RATE_LIMIT = env_str("LOGIN_ADDRESS_RATE_LIMIT", "60/h")
if not RATE.fullmatch(LOGIN_ADDRESS_RATE_LIMIT):
    raise ImproperlyConfigured(
        f"Environment variable LOGIN_ADDRESS_RATE_LIMIT={LOGIN_ADDRESS_RATE_LIMIT!r} is invalid: expected a rate "
        "such as 60/h."
    )
ACCESS_CODE_RATE_LIMIT = env_str("ACCESS_CODE_RATE_LIMIT", "10/h")
if not RATE.fullmatch(ACCESS_CODE_RATE_LIMIT):
    raise ImproperlyConfigured(
        f"Environment variable ACCESS_CODE_RATE_LIMIT={ACCESS_CODE_RATE_LIMIT!r} is invalid: expected a rate "
        "such as 10/h."
    )

# --- Privacy --------------------------------------------------------------------------------------
# Who runs the portal and how patients reach them (the privacy notice, every footer, the
# confirmation messages). `check --deploy` warns while PORTAL_OPERATOR is empty.
PORTAL_OPERATOR = env_str("PORTAL_OPERATOR", "")
# A site served in mainland China shows its ICP filing number (ICP备案号, e.g. "京ICP备12345678号-1")
# and, once filed with the public security bureau, that number too (公安备案号, e.g. "京公网安备
# 11010502030000号") in every footer, each linking to the official lookup. Empty: not shown.
ICP_FILING = env_str("ICP_FILING", "").strip()
PUBLIC_SECURITY_FILING = env_str("PUBLIC_SECURITY_FILING", "").strip()
for _name, _value in (("ICP_FILING", ICP_FILING), ("PUBLIC_SECURITY_FILING", PUBLIC_SECURITY_FILING)):
    if any(character in _value for character in "\r\n<>"):
        raise ImproperlyConfigured(f"Environment variable {_name} must be one line of plain text, got {_value!r}")
if PUBLIC_SECURITY_FILING and not any(character.isdigit() for character in PUBLIC_SECURITY_FILING):
    raise ImproperlyConfigured(
        f"Environment variable PUBLIC_SECURITY_FILING must hold the filing's number, got {PUBLIC_SECURITY_FILING!r}"
    )
# How long a patient usually waits from sign-up to the screening visit, in days: an upper limit
# (an age, an episode) passed by then is not met, and the page says so.
PORTAL_SCREENING_WITHIN_DAYS = env_int("PORTAL_SCREENING_WITHIN_DAYS", 60, minimum=0)
# From which age a girl is asked about pregnancy (and a pregnancy criterion applies to her).
PORTAL_PREGNANCY_FROM_AGE = env_int("PORTAL_PREGNANCY_FROM_AGE", 12, minimum=0)
PORTAL_CONTACT_EMAIL = env_str("PORTAL_CONTACT_EMAIL", "privacy@localhost")
PORTAL_CONTACT_PHONE = env_str("PORTAL_CONTACT_PHONE", "")
# The patients' country, as the registry names it: its cities come first where patients pick one.
PORTAL_HOME_COUNTRY = env_str("PORTAL_HOME_COUNTRY", "China")
# Applications never referred to a screening visit are erased this many days after their last
# activity (recruitment.services.erasure.erase_expired, run daily by beat).
RETENTION_DAYS = env_int("APPLICATION_RETENTION_DAYS", 365, minimum=30)
CELERY_BEAT_SCHEDULE["erase-expired-applications"] = {
    "task": "recruitment.tasks.erase_expired_applications",
    "schedule": crontab(hour=env_int("RETENTION_HOUR", 3, minimum=0), minute=30),
}

# --- The coordinators' calls -----------------------------------------------------------------------
# Failed attempts in a row (no answer, voicemail, wrong number) after which "unreachable" is offered.
UNREACHABLE_AFTER_ATTEMPTS = env_int("UNREACHABLE_AFTER_ATTEMPTS", 3, minimum=1)
CELERY_BEAT_SCHEDULE["first-contact-missed"] = {
    "task": "recruitment.tasks.notify_missed_first_contacts",
    "schedule": float(env_int("FIRST_CONTACT_SWEEP_SECONDS", 300, minimum=1)),
}
# Patients' sessions (which applications a browser sent, the one it opened): a row each, dropped
# once expired.
CELERY_BEAT_SCHEDULE["clear-expired-sessions"] = {
    "task": "recruitment.tasks.clear_expired_sessions",
    "schedule": crontab(hour=env_int("RETENTION_HOUR", 3, minimum=0), minute=15),
}

# --- Content-Security-Policy (django-csp): our own files only, no inline script or style --------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- The registry ----------------------------------------------------------------------------------
# ClinicalTrials.gov API v2 (trials.sync): tests point it at a local server of recorded records.
CTGOV_API_URL = env_url("CTGOV_API_URL", "https://clinicaltrials.gov/api/v2", schemes={"http", "https"})
CTGOV_TIMEOUT_SECONDS = env_int("CTGOV_TIMEOUT_SECONDS", 20, minimum=1)
CTGOV_ATTEMPTS = env_int("CTGOV_ATTEMPTS", 3, minimum=1)
CTGOV_BACKOFF_SECONDS = env_int("CTGOV_BACKOFF_SECONDS", 5, minimum=0)
# Between two studies' requests (the registry asks API clients to stay well under 50 a minute).
CTGOV_REQUEST_INTERVAL_SECONDS = float(env_int("CTGOV_REQUEST_INTERVAL_MS", 1500, minimum=0)) / 1000
CELERY_BEAT_SCHEDULE["sync-ctgov"] = {
    "task": "trials.tasks.sync_ctgov",
    "schedule": crontab(hour=env_int("CTGOV_SYNC_HOUR", 4, minimum=0), minute=0),
}
