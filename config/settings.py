"""Settings, all read from the environment with explicit defaults.

Without DATABASE_URL the app runs on SQLite; without REDIS_URL Celery runs tasks in-process
(task_always_eager). Production sets DJANGO_DEBUG=0 and the secrets below.
"""

import hashlib
from datetime import timedelta
from pathlib import Path

import environ
from cryptography.fernet import Fernet

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=True)
_DEV_SECRET = "dev-only-insecure-secret-key-change-me-0123456789abcdef"  # noqa: S105
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=_DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise environ.ImproperlyConfigured("DJANGO_SECRET_KEY 必须在生产环境中设置")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "guardian",
    "simple_history",
    "axes",
    "django_filters",
    "django_htmx",
    "orgs",
    "catalog",
    "calls",
    "declare",
    "quotas",
    "review",
    "documents",
    "projects",
    "notify",
    "audit",
    "workdays",
    "public",
    "core",
    "ops",
    "verify",
]

MIDDLEWARE = [
    "ops.middleware.ProbeMiddleware",  # /healthz /readyz /metrics: before host, TLS, session
    "ops.middleware.RequestLogMiddleware",  # request id, metrics, one log line per request
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RefuseNulMiddleware",  # before any session or user lookup
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.ChineseNotFoundMiddleware",  # our 404 page with DEBUG on too
    "orgs.security.AccountSecurityMiddleware",
    "orgs.middleware.RoleMemoMiddleware",
    "orgs.stepup.SecondFactorMiddleware",
    "orgs.unlock.LoginThrottleMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "orgs.context_processors.memberships",
                "notify.context_processors.unread",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=0))
# Two roles on PostgreSQL (issue 14 §3, docs/operations.md): DATABASE_URL is the app's own role,
# which may read and append the audit log but not change it; DATABASE_OWNER_URL, the same
# database as its owner, is given only to the process that migrates: `migrate` and `flush` log
# in with it (audit/dbroles.py). Without it there is one role (SQLite, a development database).
DATABASE_ROLES: dict = {}
if _owner_url := env.str("DATABASE_OWNER_URL", default=""):
    _app, _owner = DATABASES["default"], environ.Env.db_url_config(_owner_url)
    if (any(_owner.get(k) != _app.get(k) for k in ("ENGINE", "HOST", "PORT", "NAME"))
            or _owner["USER"] == _app["USER"] or "postgresql" not in _app["ENGINE"]):
        raise environ.ImproperlyConfigured("DATABASE_OWNER_URL 必须与 DATABASE_URL 指向同一个 "
                                           "PostgreSQL 数据库，但使用另一个账号（属主）")
    DATABASE_ROLES = {role: {"USER": d["USER"], "PASSWORD": d["PASSWORD"]}
                      for role, d in (("app", _app), ("owner", _owner))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, the user's row kept between requests (orgs/usercache.py)
    "orgs.usercache.PasswordBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "orgs.passwords.ComplexityValidator"},
    {"NAME": "orgs.passwords.HistoryValidator", "OPTIONS": {"count": 5}},
]
PASSWORD_HASHERS = env.list(
    "DJANGO_PASSWORD_HASHERS",
    default=["django.contrib.auth.hashers.PBKDF2PasswordHasher"],
)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "core" / "locale"]  # also for the admin's JavaScript catalogue, which reads only these and its own
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private")
# Private files (uploads, renderings, 备案 packages; core.storage): this machine's disk under
# PRIVATE_MEDIA_ROOT, or with S3_BUCKET set an S3-compatible bucket that every web node and
# worker shares (private: no ACL is set, no URL is ever handed out; the app serves every file).
S3_BUCKET = env.str("S3_BUCKET", default="")
S3_ENDPOINT_URL = env.str("S3_ENDPOINT_URL", default="")
if S3_ENDPOINT_URL and not S3_ENDPOINT_URL.startswith(("http://", "https://")):
    raise environ.ImproperlyConfigured("S3_ENDPOINT_URL 必须以 http:// 或 https:// 开头")
PRIVATE_STORAGE = {
    "BACKEND": "core.storage.PrivateS3Storage",
    "OPTIONS": {"bucket_name": S3_BUCKET, "endpoint_url": S3_ENDPOINT_URL or None,
                "region_name": env.str("S3_REGION", default="us-east-1"),
                "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
                "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
                "location": env.str("S3_PREFIX", default=""),
                "addressing_style": env.str("S3_ADDRESSING_STYLE", default="path"),
                "signature_version": "s3v4"},
} if S3_BUCKET else {
    "BACKEND": "core.storage.PrivateFileSystemStorage",
    "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)},
}
STORAGES = {
    "default": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
                    if not DEBUG else
                    "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)

# Redis / Celery: in-process when REDIS_URL is unset.
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TRACK_STARTED = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE: dict = {}
# When Redis is down a publish must fail fast (the caller keeps the job queued and says so)
# rather than hang the request; a lost worker's message is redelivered after the timeout.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# The sweep for such messages runs every `unacked_restore_interval` seconds with every call a
# scan (kombu's default throttle of 10 makes it one scan per 100 s: a message whose first sweep
# came a moment too early waited that long).
_VISIBILITY = env.int("CELERY_VISIBILITY_TIMEOUT", default=600)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": _VISIBILITY,
                                   "unacked_restore_interval": max(1, min(10, _VISIBILITY // 6)),
                                   "unacked_restore_throttle": 1,
                                   "socket_connect_timeout": 2, "socket_timeout": 5,
                                   "max_retries": 1}
CELERY_TASK_PUBLISH_RETRY = False
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "config.cache.TolerantRedisCache", "LOCATION": REDIS_URL,
                          "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2}}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions: idle time-out 30 min, renewed by activity at most once a minute (the session is
# not written on every request); absolute cap and one session per account in
# orgs.security.AccountSecurityMiddleware.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_TOUCH_SECONDS = env.int("SESSION_TOUCH_SECONDS", default=60)
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 3600)
# Read through the cache (Redis), written to both: a page reads no session row, the row stays
# the durable copy when Redis is flushed or down (config.cache.TolerantRedisCache).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# A sensitive action asks for a fresh second-factor code when the last one is older (orgs.stepup).
STEP_UP_SECONDS = env.int("STEP_UP_SECONDS", default=15 * 60)
PASSWORD_MAX_AGE_DAYS = env.int("PASSWORD_MAX_AGE_DAYS", default=90)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Security headers; the secure-transport ones switch on with DJANGO_SECURE=1 (behind TLS).
SECURE = env.bool("DJANGO_SECURE", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and env.bool("DJANGO_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Login throttling (等保2.0): lock after 5 failures, for 30 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# The client address of audit rows and lock-outs alike (audit.services.client_ip): the number of
# reverse proxies in front of gunicorn that append to X-Forwarded-For. 0 = the peer address
# (REMOTE_ADDR) is the client; docker-compose behind its TLS proxy sets 1.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if not 0 <= TRUSTED_PROXY_COUNT <= 5:
    raise environ.ImproperlyConfigured("TRUSTED_PROXY_COUNT 应为 0 至 5 之间的整数（可信反向代理的层数）")
AXES_CLIENT_IP_CALLABLE = "audit.services.client_ip"
# The lock-out is no weapon (orgs/unlock.py): an address with this many failed logins across
# accounts within the window is refused before any password is checked; a locked user unlocks
# by a single-use e-mailed link (valid this long) or by the second factor.
LOGIN_IP_FAILURE_LIMIT = env.int("LOGIN_IP_FAILURE_LIMIT", default=20)
LOGIN_IP_WINDOW_SECONDS = env.int("LOGIN_IP_WINDOW_SECONDS", default=15 * 60)
UNLOCK_LINK_SECONDS = env.int("UNLOCK_LINK_SECONDS", default=30 * 60)
if LOGIN_IP_FAILURE_LIMIT < 1 or min(LOGIN_IP_WINDOW_SECONDS, UNLOCK_LINK_SECONDS) < 60:
    raise environ.ImproperlyConfigured("LOGIN_IP_FAILURE_LIMIT 须为正整数，LOGIN_IP_WINDOW_SECONDS 与 "
                                       "UNLOCK_LINK_SECONDS 不得少于60秒")

GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False
# Expensive exports (等保2.0 / availability): new renders per account per window (count, seconds).
RENDER_RATE_LIMIT = (env.int("RENDER_RATE_LIMIT", default=30),
                     env.int("RENDER_RATE_WINDOW_SECONDS", default=600))
ANONYMOUS_USER_NAME = None

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="noreply@localhost")
# The filebased backend's directory (EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend).
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))
# The address users open the system at, put before the links in notification e-mails
# (https://sb.example.gov.cn); empty: the links are paths.
SITE_URL = env.str("SITE_URL", default="").rstrip("/")
# verify: the HMAC key of the codes printed on every official page (the key of their check part;
# changing it invalidates every printed code), the public lookup's limit per client address
# (count, seconds) and the most pages of a sealed scan that are decoded.
VERIFY_SECRET = env.str("VERIFY_SECRET", default="") or hashlib.sha256(
    f"verify-codes:{SECRET_KEY}".encode()).hexdigest()
VERIFY_RATE_LIMIT = (env.int("VERIFY_RATE_LIMIT", default=30),
                     env.int("VERIFY_RATE_WINDOW_SECONDS", default=600))
VERIFY_SCAN_MAX_PAGES = env.int("VERIFY_SCAN_MAX_PAGES", default=200)
# notify: waits (seconds) before each new attempt at a notification e-mail the server refused.
NOTIFY_EMAIL_RETRY_SECONDS = env.list("NOTIFY_EMAIL_RETRY_SECONDS", cast=int,
                                      default=[60, 300, 900, 3600, 3 * 3600])

# Fonts used by the PDF renderer (named explicitly so no glyph is ever missing).
PDF_FONT_FAMILY = env.str("PDF_FONT_FAMILY", default="Noto Serif CJK SC")

# Logs (ops/logs.py): one JSON object per line in production, plain text in development; every
# line written while a request is served carries its request id.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise environ.ImproperlyConfigured("LOG_FORMAT 应为 json 或 text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "ops.logs.JsonFormatter"},
                   "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] "
                                      "%(message)s"}},
    "filters": {"request_id": {"()": "ops.logs.RequestIdFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT,
                             "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}
# Monitoring (ops/, docs/operations.md 监控): /metrics answers the bearer of METRICS_TOKEN only;
# under gunicorn every worker writes its request metrics to PROMETHEUS_MULTIPROC_DIR (the
# variable prometheus_client itself reads at start). /readyz is red below this much free disk.
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
PROMETHEUS_MULTIPROC_DIR = env.str("PROMETHEUS_MULTIPROC_DIR", default="")
READYZ_DISK_MIN_FREE_MB = env.int("READYZ_DISK_MIN_FREE_MB", default=500)
HOME_CARDS = ["declare.home.cards", "quotas.home.cards", "review.home.cards", "orgs.home_admin.cards"]
# Lock-out is per account (等保2.0); locking by IP would lock a whole bureau behind one NAT.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# 个人信息 at rest (core.pii): Fernet key, urlsafe base64 of 32 bytes; old keys for rotation.
FIELD_ENCRYPTION_KEY = env.str("FIELD_ENCRYPTION_KEY", default="")
FIELD_ENCRYPTION_KEYS_OLD = env.list("FIELD_ENCRYPTION_KEYS_OLD", default=[])
if not FIELD_ENCRYPTION_KEY:
    if not DEBUG:
        raise environ.ImproperlyConfigured("FIELD_ENCRYPTION_KEY 必须在生产环境中设置")
    import base64
    import hashlib

    FIELD_ENCRYPTION_KEY = base64.urlsafe_b64encode(
        hashlib.sha256(f"field-encryption:{SECRET_KEY}".encode()).digest()).decode()
for _key in (FIELD_ENCRYPTION_KEY, *FIELD_ENCRYPTION_KEYS_OLD):
    try:
        Fernet(_key)
    except ValueError as _exc:
        raise environ.ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY / FIELD_ENCRYPTION_KEYS_OLD 格式不正确：应为32字节密钥的 urlsafe "
            "base64 编码（Fernet.generate_key() 生成）") from _exc

# The benchmark's bare comparison view at /bench/hello/ (bench/views.py); off outside `make bench`.
BENCH_HELLO = env.bool("BENCH_HELLO", default=False)

# projects: daily post-award reminders (Celery beat) and the home-page card.
from projects.beat import SCHEDULE as PROJECTS_BEAT  # noqa: E402

CELERY_BEAT_SCHEDULE.update(PROJECTS_BEAT)
# documents: render jobs saved while Redis was down are sent again every minute.
from documents.beat import SCHEDULE as DOCUMENTS_BEAT  # noqa: E402

CELERY_BEAT_SCHEDULE.update(DOCUMENTS_BEAT)
# review: filing packages asked for while Redis was down are sent again every minute, and
# filings whose build lost its process are failed (documents/liveness.py).
from review.beat import SCHEDULE as REVIEW_BEAT  # noqa: E402

CELERY_BEAT_SCHEDULE.update(REVIEW_BEAT)
HOME_CARDS += ["projects.home.cards"]

# declare: removed uploads nothing refers to are purged nightly.
from declare.beat import SCHEDULE as DECLARE_BEAT  # noqa: E402

CELERY_BEAT_SCHEDULE.update(DECLARE_BEAT)

# backups (issue 19, docs/operations.md 备份与恢复): encrypted archives in BACKUP_DIR, a second
# copy in BACKUP_COPY_DIR (another disk or a mounted/synced off-machine share), kept 7 daily,
# 4 weekly, 12 monthly; made nightly by beat on the `backups` queue. The key is its own, never
# the field-encryption key (urlsafe base64 of 32 bytes, as Fernet.generate_key()).
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "var" / "backups")
BACKUP_COPY_DIR = env.str("BACKUP_COPY_DIR", default="")
BACKUP_ENCRYPTION_KEY = env.str("BACKUP_ENCRYPTION_KEY", default="")
BACKUP_KEEP = tuple(env.list("BACKUP_KEEP", cast=int, default=[7, 4, 12]))
BACKUP_HOUR, BACKUP_MINUTE = env.int("BACKUP_HOUR", default=2), env.int("BACKUP_MINUTE", default=30)
BACKUP_PG_BINDIR = env.str("BACKUP_PG_BINDIR", default="")
if BACKUP_ENCRYPTION_KEY:
    from backups.crypto import parse_key  # noqa: E402
    from core.errors import DomainError  # noqa: E402

    if BACKUP_ENCRYPTION_KEY in (FIELD_ENCRYPTION_KEY, *FIELD_ENCRYPTION_KEYS_OLD):
        raise environ.ImproperlyConfigured("BACKUP_ENCRYPTION_KEY 不得与 FIELD_ENCRYPTION_KEY 相同："
                                           "备份与个人信息须用两把密钥，分开保管")
    try:
        parse_key(BACKUP_ENCRYPTION_KEY)
    except DomainError as _exc:
        raise environ.ImproperlyConfigured(_exc.message) from _exc
if len(BACKUP_KEEP) != 3 or min(BACKUP_KEEP) < 1:
    raise environ.ImproperlyConfigured("BACKUP_KEEP 应为三个正整数：每日,每周,每月 保留份数（如 7,4,12）")
from backups.beat import QUEUE as BACKUP_QUEUE  # noqa: E402
from backups.beat import schedule as backups_schedule  # noqa: E402

CELERY_BEAT_SCHEDULE.update(backups_schedule(BACKUP_HOUR, BACKUP_MINUTE))
CELERY_TASK_ROUTES = {"backups.make_backup": {"queue": BACKUP_QUEUE}}
INSTALLED_APPS += ["backups"]
# notify: notification e-mails saved while Redis was down are sent again every 5 minutes;
# recommenders with an unsent package are reminded 7 days and 1 day before their deadline.
from notify.beat import SCHEDULE as NOTIFY_BEAT  # noqa: E402

CELERY_BEAT_SCHEDULE.update(NOTIFY_BEAT)
from quotas.beat import SCHEDULE as QUOTAS_BEAT  # noqa: E402

CELERY_BEAT_SCHEDULE.update(QUOTAS_BEAT)
