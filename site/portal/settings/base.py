"""Settings shared by every environment; values that differ come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE

from .database import database_from_env
from .s3 import s3_media

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/portal
SITE_DIR = PROJECT_DIR.parent  # site/
BASE_DIR = SITE_DIR.parent  # the repository root


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # ours
    "base",
    "home",
    "accounts",
    "content",
    "learning",
    "search",
    "pagecache",
    # wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "portal.wagtail_apps.RedirectsConfig",  # wagtail.contrib.redirects, without API v3
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "portal.wagtail_apps.SnippetsConfig",  # wagtail.snippets, without API v3
    "portal.wagtail_apps.DocumentsConfig",  # wagtail.documents, without API v3
    "portal.wagtail_apps.ImagesConfig",  # wagtail.images, without API v3
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks_db",
    # accounts and security
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "csp",
    # django
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.PortalCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Anonymous pages from the shared cache (after sessions and languages, before the rest).
    "pagecache.middleware.AnonymousPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.security.AdminSecondFactorMiddleware",
    "accounts.caching.PrivateCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # AxesMiddleware should be the last middleware.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
                "home.context_processors.site_context",
            ],
        },
    },
]

# Database: DATABASE_URL, or a SQLite file in the project root.
# On SQLite: WAL, a busy timeout and immediate write transactions (settings/database.py).
DATABASES = {"default": database_from_env(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    if env_bool("DATABASE_POOL"):
        # psycopg's pool in each process (threaded servers); sync workers keep one connection.
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": int(os.environ.get("DATABASE_POOL_MAX", "4")),
        }
    else:
        # A connection kept for a minute instead of one per request (checked before reuse).
        DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Prepared statements: a statement run a few times on a connection is planned once
    # (PostgreSQL spent 1.6 ms planning a document page's main query, 0.4 running it).
    # Set DATABASE_PREPARE_THRESHOLD=0 behind a pooler that cannot keep them (PgBouncer
    # in transaction mode before 1.21).
    prepare_threshold = int(os.environ.get("DATABASE_PREPARE_THRESHOLD", "5"))
    if prepare_threshold > 0:
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=prepare_threshold
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks (django-tasks): the database backend, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Cache: Redis when REDIS_URL is set, files under CACHE_DIR otherwise. Either way it
# is shared by every worker process and command, so that a publish or an import in
# one is seen by all (search facts version, rate limits, the search log's buffer).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "cbvte"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "20000"))},
        }
    }
    # Image renditions: Wagtail writes each one back to its cache on every {% picture %},
    # and a file cache lists its whole directory on each write (tens of ms per page).
    # A rendition never changes under its key: each process keeps them in memory (an
    # image replaced shows its new renditions in other processes within ten minutes),
    # and does not write again the ones it already has (content/rendition_cache.py).
    CACHES["renditions"] = {
        "BACKEND": "content.rendition_cache.ProcessRenditionCache",
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": 3000},
    }

# Search statistics (search/querylog.py): kept in each process, handed to the cache in
# batches (PROCESS_BATCH searches or PROCESS_SECONDS old), written to the database in
# batches of BATCH searches or every FLUSH_SECONDS.
SEARCH_LOG_BATCH = int(os.environ.get("SEARCH_LOG_BATCH", "200"))
SEARCH_LOG_FLUSH_SECONDS = int(os.environ.get("SEARCH_LOG_FLUSH_SECONDS", "60"))
SEARCH_LOG_PROCESS_BATCH = int(os.environ.get("SEARCH_LOG_PROCESS_BATCH", "50"))
SEARCH_LOG_PROCESS_SECONDS = float(os.environ.get("SEARCH_LOG_PROCESS_SECONDS", "5"))

# Anonymous page cache (pagecache/): whole pages in the cache above, purged on changes.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))
# What browsers (max-age) and a CDN (s-maxage) may keep without asking again.
PAGE_CACHE_BROWSER_SECONDS = int(os.environ.get("PAGE_CACHE_BROWSER_SECONDS", "60"))
PAGE_CACHE_CDN_SECONDS = int(os.environ.get("PAGE_CACHE_CDN_SECONDS", "300"))
# A CDN in front: Wagtail's frontend cache purges the same URLs there.
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }
elif os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
            "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        }
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first, so a locked-out login is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: e-mail as the login, verified before the first login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.LearnerSignupForm"
ACCOUNT_FORMS = {"signup": "accounts.signup.SignupFormSameWork"}
# One adapter: sign-in slow-down and e-mail by task (security), the site's name (adapter).
ACCOUNT_ADAPTER = "accounts.adapter.PortalAccountAdapter"
ACCOUNT_USER_DISPLAY = "accounts.adapter.display_name"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Cổng Bảo vệ Trẻ em] "
# The version of accounts/templates/accounts/privacy_notice.html learners consent
# to at sign-up (accounts.Consent); change it whenever the notice changes.
PRIVACY_NOTICE_VERSION = "2026-11-27"
# Failed sign-ins are throttled per address only; per login they are slowed down
# (accounts.security), never locked, so nobody can lock someone else out.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,60/h/ip"}
# Second factor (allauth.mfa): required for every account that can open the admin
# (accounts.security.AdminSecondFactorMiddleware), offered to everyone.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Cổng Bảo vệ Trẻ em"
# The Wagtail admin signs in through allauth (and so through the second factor).
WAGTAILADMIN_LOGIN_URL = "account_login"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Cổng Bảo vệ Trẻ em <no-reply@localhost>")

# django-axes: lock a (login, address) pair after repeated failed logins.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.security.login_identifier"
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT", "0")) or None

# Internationalisation: Vietnamese first, English under /en/.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Our catalogue first, then Vietnamese for django-allauth, which ships none, then
# the Wagtail admin's missing and corrected Vietnamese (these win over Wagtail's own).
LOCALE_PATHS = [SITE_DIR / "locale", SITE_DIR / "locale_allauth", SITE_DIR / "locale_wagtail"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# Static and media files. Sources live in static/ at the top level.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploads not yet reviewed (admin imports): never under MEDIA_ROOT, never served.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded media (images and their renditions, documents, original legal files) on
# S3-compatible storage when a bucket is configured (AWS_* or S3_* variables: settings/s3.py).
_s3_storage, S3_MEDIA_ORIGINS = s3_media(os.environ)
if _s3_storage is not None:
    STORAGES["default"] = _s3_storage
    # Documents are served through Wagtail's view, which redirects to a signed link.
    WAGTAILDOCS_SERVE_METHOD = "redirect"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Security headers on every response.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Content Security Policy: nonce-based scripts on public pages. The Wagtail
# admin needs inline scripts and styles; portal.middleware gives it its own policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        # Videos: the iframe is only created when the visitor starts one (lazy-video.js).
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Images and media from the bucket, when media live on S3-compatible storage.
for _directive in ("img-src", "media-src"):
    CONTENT_SECURITY_POLICY["DIRECTIVES"][_directive] += S3_MEDIA_ORIGINS
CSP_ADMIN_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *S3_MEDIA_ORIGINS],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    # The admin previews pages in an iframe of its own origin.
    "frame-ancestors": ["'self'"],
}
CSP_ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/", "/en/admin/")

# Wagtail
WAGTAIL_SITE_NAME = "Cổng Bảo vệ Trẻ em"
# The site's public address, for every absolute link that leaves it (certificate
# PDFs and QR codes, e-mails, feeds): content/public_url.py. Required in production.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "").rstrip("/")
PUBLIC_BASE_URL_REQUIRED = False
WAGTAILADMIN_BASE_URL = (
    os.environ.get("WAGTAILADMIN_BASE_URL") or PUBLIC_BASE_URL or "http://127.0.0.1:8000"
)
# Editors type dates as dd/mm/yyyy in every admin date field (and its picker).
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
# Django's Vietnamese formats define no input formats: day first, ISO still accepted.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
]
# No Gravatar: the admin shows its own default avatar instead of a broken image.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Legal documents keep only their title and number in Wagtail's index, as
# autocomplete fields (content.models.legal.LegalDocumentPage.search_fields), which
# this check takes for a mistake; tests/content/test_search_fields.py checks every
# other page type instead.
SILENCED_SYSTEM_CHECKS = ["wagtailsearch.W001"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "txt", "odt", "xlsx", "pptx", "zip", "mp3"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
# Alternative text required, with guidance (content/image_forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "content.image_forms.AltTextImageForm"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Demo content may be loaded (never in production).
DEMO_CONTENT_ALLOWED = True

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Shown on every page: the national child protection hotlines.
HOTLINES = {"national": "111", "counselling": "18008077"}
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024  # pasted legal texts in the admin import

# Signed certificates (learning/certificates/signing.py): Ed25519 keys as "<key id>:<base64url>".
# The signing key signs new certificates; retired public keys still verify old ones.
CERTIFICATE_SIGNING_KEY = os.environ.get("CERTIFICATE_SIGNING_KEY", "")
CERTIFICATE_PUBLIC_KEYS = env_list("CERTIFICATE_PUBLIC_KEYS")
# Without a signing key, development and tests generate one into this file (never production).
CERTIFICATE_DEV_KEY_ALLOWED = True
CERTIFICATE_DEV_KEY_FILE = BASE_DIR / ".certificate-signing-dev.key"
