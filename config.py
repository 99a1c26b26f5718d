"""Settings, read from the environment. The only module that reads `os.environ`.

`load_config()` picks the class from `APP_ENV` and validates it when the app starts, so a
production deployment without its secrets stops with a message that names what is missing.
"""

from __future__ import annotations

import base64
import logging
import os
import re
import secrets
from pathlib import Path
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

DEFAULT_TOPICS = (
    "appointment:Appointment,treatment:Question about a treatment,"
    "billing:Billing and insurance,other:Something else"
)
DEFAULT_CONSENT = (
    "I agree that the clinic stores my message and contact details to answer my inquiry, "
    "and deletes them when they are no longer needed."
)
DEFAULT_EMERGENCY = (
    "This form is not for emergencies. If this is an emergency, call 112 or your local "
    "emergency number now, or go to the nearest emergency department."
)


class ConfigError(RuntimeError):
    """A setting is missing or malformed; the message names the variable."""


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _int(name: str, default: int) -> int:
    raw = _env(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}.") from None


def _float(name: str, default: float | None) -> float | None:
    raw = _env(name)
    if raw is None:
        return default
    try:
        return float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {raw!r}.") from None


def _bool(name: str, default: bool) -> bool:
    raw = _env(name)
    if raw is None:
        return default
    return raw.strip().lower() not in ("0", "false", "no", "off")


def parse_topics(raw: str) -> list[tuple[str, str]]:
    """Turn `key:Label,key:Label` into pairs. Raises ConfigError on a malformed pair."""
    topics = []
    for part in raw.split(","):
        part = part.strip()
        if not part:
            continue
        key, sep, label = part.partition(":")
        if not sep or not key.strip() or not label.strip():
            raise ConfigError(f"INQUIRY_TOPICS: {part!r} is not a key:Label pair.")
        topics.append((key.strip(), label.strip()))
    if not topics:
        raise ConfigError("INQUIRY_TOPICS names no topic.")
    return topics


_HOST_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


def parse_hosts(raw: str) -> list[str]:
    """Turn `clinic.example, https://portal.clinic.example/` into host names. Raises
    ConfigError on anything that is not a host name."""
    hosts = []
    for part in raw.split(","):
        host = part.strip().lower()
        if not host:
            continue
        for scheme in ("https://", "http://"):
            host = host.removeprefix(scheme)
        host = host.split("/", 1)[0].removeprefix("www.").rstrip(".")
        labels = host.split(".")
        if len(labels) < 2 or not all(_HOST_LABEL.fullmatch(label) for label in labels):
            raise ConfigError(
                f"CLINIC_DOMAINS: {part.strip()!r} is not a host name like portal.clinic.example."
            )
        hosts.append(host)
    return hosts


def _csv(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


def parse_host_list(raw: str) -> list[str]:
    """Turn `chat.clinic.lan, 10.0.0.5, [fd00::5]` into host names and addresses as a URL
    writes them (lower case, IPv6 without brackets)."""
    hosts = []
    for part in raw.split(","):
        host = part.strip().lower().rstrip(".")
        if host.startswith("[") and host.endswith("]"):
            host = host[1:-1]
        if host:
            hosts.append(host)
    return hosts


class Config:
    """Settings shared by every environment; values come from the environment."""

    ENV_NAME = "base"
    TESTING = False
    DEBUG = False

    def __init__(self) -> None:
        self.PUBLIC_URL = _env("PUBLIC_URL", "http://127.0.0.1:5000")
        self.SQLALCHEMY_DATABASE_URI = _env("DATABASE_URL")
        self.SECRET_KEY = _env("SECRET_KEY")
        self.DATA_KEY = _env("DATA_KEY")
        self.DATA_KEYS_PREVIOUS = [
            k for k in (_env("DATA_KEYS_PREVIOUS", "") or "").split(",") if k
        ]
        # The audit chain's key; unset: derived from SECRET_KEY (docs/security-privacy.md).
        self.AUDIT_CHAIN_KEY = _env("AUDIT_CHAIN_KEY")
        self.AUDIT_CHAIN_KEYS_PREVIOUS = [
            k for k in (_env("AUDIT_CHAIN_KEYS_PREVIOUS", "") or "").split(",") if k
        ]
        self.RATELIMIT_STORAGE_URI = _env("RATELIMIT_STORAGE_URI", "memory://")
        self.RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
        # Several deployments sharing one Redis keep their counters apart with a prefix each.
        self.RATELIMIT_KEY_PREFIX = _env("RATELIMIT_KEY_PREFIX", "") or ""
        self.RATELIMIT_HEADERS_ENABLED = True
        # Submissions per client address (IPv4 /32, IPv6 /64) and per network around it, a
        # larger network allowed more (service/submissions/ratelimits.py); past one of them, 429.
        self.RATELIMIT_SUBMISSIONS = _env("RATELIMIT_SUBMISSIONS", "10 per minute;60 per hour")
        self.RATELIMIT_SUBMISSIONS_IPV4_24 = _env(
            "RATELIMIT_SUBMISSIONS_IPV4_24", "30 per minute;200 per hour"
        )
        self.RATELIMIT_SUBMISSIONS_IPV6_56 = _env(
            "RATELIMIT_SUBMISSIONS_IPV6_56", "30 per minute;200 per hour"
        )
        self.RATELIMIT_SUBMISSIONS_IPV6_48 = _env(
            "RATELIMIT_SUBMISSIONS_IPV6_48", "60 per minute;400 per hour"
        )
        # Site-wide: past it submissions are still taken, but held for a moderator.
        self.RATELIMIT_SUBMISSIONS_GLOBAL = _env("RATELIMIT_SUBMISSIONS_GLOBAL", "600 per minute")
        self.SMTP_URL = _env("SMTP_URL")
        self.MAIL_FROM = _env("MAIL_FROM", "clinic-desk@localhost")
        self.MODERATION_MODE = (_env("MODERATION_MODE", "pre") or "pre").lower()
        self.TRUSTED_PROXIES = _int("TRUSTED_PROXIES", 0)
        # The devices that bypass the framework for speed, each with a switch so that the
        # benchmark can measure it against the plain framework code (docs/architecture.md).
        self.FAST_DRIVER_STATEMENTS = _bool("FAST_DRIVER_STATEMENTS", True)
        self.FAST_THREAD_READS = _bool("FAST_THREAD_READS", True)
        self.ALLOWED_ORIGINS = [
            o.strip().rstrip("/")
            for o in (_env("ALLOWED_ORIGINS", "") or "").split(",")
            if o.strip()
        ]
        self.CLINIC_NAME = _env("CLINIC_NAME", "Clinic Desk")
        self.INQUIRY_TOPICS = parse_topics(_env("INQUIRY_TOPICS", DEFAULT_TOPICS) or "")
        self.CONSENT_TEXT = _env("CONSENT_TEXT", DEFAULT_CONSENT)
        self.EMERGENCY_NOTICE = _env("EMERGENCY_NOTICE", DEFAULT_EMERGENCY)
        # Completes "we usually answer …" on the contact and thank-you pages.
        self.INQUIRY_ANSWER_TIME = _env("INQUIRY_ANSWER_TIME", "within two working days")
        self.EDIT_WINDOW_MINUTES = _int("EDIT_WINDOW_MINUTES", 15)
        # Replies are stored to any depth; pages and the embed indent them this deep at most.
        self.COMMENT_MAX_DEPTH = _int("COMMENT_MAX_DEPTH", 4)
        # At most one "comments are waiting" mail per moderator in this many minutes.
        self.COMMENT_DIGEST_MINUTES = _int("COMMENT_DIGEST_MINUTES", 30)
        self.FORM_MIN_SECONDS = _float("FORM_MIN_SECONDS", 3.0)
        # The clinic's own sites and portals (hosts, comma-separated); with PUBLIC_URL's host,
        # links to them (and their subdomains) are trusted by the spam filter.
        self.CLINIC_DOMAINS = parse_hosts(_env("CLINIC_DOMAINS", "") or "")
        self.SPAM_UNSURE_AT = _float("SPAM_UNSURE_AT", None)
        self.SPAM_AT = _float("SPAM_AT", None)
        self.MAIL_LINK_HOURS = _int("MAIL_LINK_HOURS", 24)
        # Lifetime of the links mailed to readers (confirming an address, "my data").
        self.READER_LINK_HOURS = _int("READER_LINK_HOURS", 24)
        # Lifetime of the link in a "you have a reply" mail (the secure answer channel).
        self.ANSWER_LINK_HOURS = _int("ANSWER_LINK_HOURS", 72)
        # Off: the patient's mail says only that a reply is waiting. On: the answer's text is
        # mailed too (health information leaves the building; see docs/patient-communication.md).
        self.ANSWER_TEXT_IN_MAIL = _bool("ANSWER_TEXT_IN_MAIL", False)
        self.MODERATOR_IDLE_MINUTES = _int("MODERATOR_IDLE_MINUTES", 30)
        # After a delete, the moderator who did it may undo it for this long; an administrator
        # may restore it from "Recently deleted" until retention removes it.
        self.DELETE_UNDO_SECONDS = _int("DELETE_UNDO_SECONDS", 30)
        self.INQUIRY_OVERDUE_HOURS = _int("INQUIRY_OVERDUE_HOURS", 48)
        self.RETENTION_SPAM_DAYS = _int("RETENTION_SPAM_DAYS", 30)
        self.RETENTION_CLOSED_INQUIRY_DAYS = _int("RETENTION_CLOSED_INQUIRY_DAYS", 365)
        # 0 keeps the audit log for ever; otherwise `retention purge` deletes older entries
        # and leaves an anchor so the chain still verifies.
        self.RETENTION_AUDIT_DAYS = _int("RETENTION_AUDIT_DAYS", 0)
        # Mail the outbox gave up on holds an answer or action links and will never go out; the
        # answer itself stays with its inquiry. Two weeks leaves time to see why it failed.
        self.RETENTION_FAILED_MAIL_DAYS = _int("RETENTION_FAILED_MAIL_DAYS", 14)
        # Webhooks and chat alerts (service/submissions/webhooks.py): hosts that may be reached
        # although they are private, loopback or link-local (a chat server on the clinic's
        # network), comma-separated host names or addresses, as written in the endpoint URL.
        self.WEBHOOK_ALLOWED_HOSTS = parse_host_list(_env("WEBHOOK_ALLOWED_HOSTS", "") or "")
        # Production always requires https endpoints; this asks the same of other environments.
        self.WEBHOOK_REQUIRE_HTTPS = _bool("WEBHOOK_REQUIRE_HTTPS", False)
        self.WEBHOOK_TIMEOUT_SECONDS = _float("WEBHOOK_TIMEOUT_SECONDS", 10.0)
        # Single sign-on for staff with OpenID Connect (service/moderation/sso.py). Off while
        # OIDC_ISSUER is empty. The issuer must be the provider's exact "issuer" value.
        self.OIDC_ISSUER = _env("OIDC_ISSUER", "") or ""
        self.OIDC_CLIENT_ID = _env("OIDC_CLIENT_ID", "") or ""
        self.OIDC_CLIENT_SECRET = _env("OIDC_CLIENT_SECRET", "") or ""
        self.OIDC_PROVIDER_NAME = _env("OIDC_PROVIDER_NAME", "your organisation") or ""
        self.OIDC_SCOPES = _env("OIDC_SCOPES", "openid email profile") or ""
        # More parameters for the authorization request, as a query string; Google issues a
        # refresh token only with `access_type=offline&prompt=consent`.
        self.OIDC_EXTRA_AUTH_PARAMS = _env("OIDC_EXTRA_AUTH_PARAMS", "") or ""
        # How far the provider's clock may be from ours when checking the ID token's times.
        self.OIDC_CLOCK_SKEW_SECONDS = _int("OIDC_CLOCK_SKEW_SECONDS", 60)
        # The claim holding the person's groups or roles, and the values that make an
        # administrator or a moderator (comma-separated). No moderator values: any account
        # the provider signs in may moderate.
        self.OIDC_ROLE_CLAIM = _env("OIDC_ROLE_CLAIM", "groups") or ""
        self.OIDC_ADMIN_VALUES = _csv(_env("OIDC_ADMIN_VALUES", "") or "")
        self.OIDC_MODERATOR_VALUES = _csv(_env("OIDC_MODERATOR_VALUES", "") or "")
        # A first sign-in creates the account only when this is on and the verified address
        # is in one of these domains; otherwise an administrator creates it first.
        self.OIDC_AUTO_CREATE = _bool("OIDC_AUTO_CREATE", False)
        domains = _csv(_env("OIDC_ALLOWED_DOMAINS", "") or "")
        self.OIDC_ALLOWED_DOMAINS = [domain.lower() for domain in domains]
        # Every so often a signed-in session asks the provider again (refresh token); a
        # refusal ends the session.
        self.OIDC_RECHECK_MINUTES = _int("OIDC_RECHECK_MINUTES", 5)
        # Staff must use single sign-on; only this one local account may still use its password.
        self.OIDC_REQUIRED = _bool("OIDC_REQUIRED", False)
        self.OIDC_BREAK_GLASS_EMAIL = (_env("OIDC_BREAK_GLASS_EMAIL", "") or "").strip().lower()
        self.OIDC_TIMEOUT_SECONDS = _float("OIDC_TIMEOUT_SECONDS", 10.0)
        self.TIMEZONE = _env("TIMEZONE", "UTC")
        # The clinic's language: mail, and readers whose browser asks for none of ours. It
        # must have a catalog (checked when the app starts, see service/web/i18n.py).
        self.DEFAULT_LANGUAGE = (_env("DEFAULT_LANGUAGE", "en") or "en").strip().lower()
        self.LOG_LEVEL = _env("LOG_LEVEL", "INFO")
        self.METRICS_TOKEN = _env("METRICS_TOKEN")
        # prometheus-client reads this itself; kept here so every setting has one place.
        self.PROMETHEUS_MULTIPROC_DIR = _env("PROMETHEUS_MULTIPROC_DIR")

        # Framework settings derived from the above.
        self.MAX_CONTENT_LENGTH = 1024 * 1024
        self.MAX_FORM_PARTS = 50
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "hide_parameters": True}
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_NAME = "clinic_desk_session"
        self.WTF_CSRF_TIME_LIMIT = 6 * 3600
        # argon2id cost; the testing config lowers it to keep the suite fast.
        self.PASSWORD_HASH_TIME_COST = 3
        self.PASSWORD_HASH_MEMORY_KIB = 65536

    def finalize(self, instance_path: str) -> None:
        """Fill what depends on the instance folder and check the result. Raises ConfigError."""
        if self.MODERATION_MODE not in ("pre", "auto"):
            raise ConfigError("MODERATION_MODE must be 'pre' or 'auto'.")
        if self.COMMENT_MAX_DEPTH < 1:
            raise ConfigError("COMMENT_MAX_DEPTH must be 1 or more.")
        if self.OIDC_ISSUER and not self.OIDC_CLIENT_ID:
            raise ConfigError("OIDC_ISSUER is set: OIDC_CLIENT_ID must be set too.")
        if self.OIDC_REQUIRED and not self.OIDC_ISSUER:
            raise ConfigError("OIDC_REQUIRED needs OIDC_ISSUER (single sign-on is off).")
        if self.OIDC_CLOCK_SKEW_SECONDS < 0 or self.OIDC_RECHECK_MINUTES < 0:
            raise ConfigError("OIDC_CLOCK_SKEW_SECONDS and OIDC_RECHECK_MINUTES must be 0 or more.")
        for name in RATE_LIMIT_SETTINGS:
            check_rate_limit(name, getattr(self, name))
        if not self.SQLALCHEMY_DATABASE_URI:
            path = Path(instance_path) / "clinic-desk.sqlite3"
            self.SQLALCHEMY_DATABASE_URI = f"sqlite:///{path}"
        self.SQLALCHEMY_DATABASE_URI = normalise_database_url(self.SQLALCHEMY_DATABASE_URI)
        if self.SQLALCHEMY_DATABASE_URI.startswith("sqlite"):
            # A SQLite file never drops a connection: no ping before each checkout.
            self.SQLALCHEMY_ENGINE_OPTIONS = {
                **self.SQLALCHEMY_ENGINE_OPTIONS,
                "pool_pre_ping": False,
                "connect_args": {"timeout": 30},
            }

    def as_dict(self) -> dict[str, object]:
        names = {n for n in dir(type(self)) if n.isupper()} | set(vars(self))
        return {n: getattr(self, n) for n in names if n.isupper()}


RATE_LIMIT_SETTINGS = (
    "RATELIMIT_SUBMISSIONS",
    "RATELIMIT_SUBMISSIONS_IPV4_24",
    "RATELIMIT_SUBMISSIONS_IPV6_56",
    "RATELIMIT_SUBMISSIONS_IPV6_48",
    "RATELIMIT_SUBMISSIONS_GLOBAL",
)


def check_rate_limit(name: str, value: str | None) -> None:
    """Raises ConfigError unless `value` reads as limits such as `10 per minute;60 per hour`."""
    from limits import parse_many

    try:
        if value and parse_many(value):
            return
    except ValueError:
        pass
    raise ConfigError(f"{name} must be limits such as '10 per minute;60 per hour', not {value!r}.")


def normalise_database_url(url: str) -> str:
    """Accept the common `postgres://` spellings and pick the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _instance_secret(instance_path: str, filename: str, make: callable) -> str:
    """Read a generated secret from instance/, creating it once so every worker shares it."""
    folder = Path(instance_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / filename
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    value = make()
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    log.info("Generated %s and kept it in the instance folder.", filename)
    return value


def new_data_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def _url_port(url: str) -> int | None:
    parts = urlsplit(url)
    try:
        return parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        return None


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    DEBUG = False

    def __init__(self) -> None:
        super().__init__()
        # `make run` serves on PORT: a PUBLIC_URL left at its default follows it, or the
        # embed's own requests would come from an origin the service does not know.
        port = _env("PORT")
        if port is None or not port.isdigit():
            return
        if _env("PUBLIC_URL") is None:
            self.PUBLIC_URL = f"http://127.0.0.1:{int(port)}"
        elif _url_port(self.PUBLIC_URL) != int(port):
            log.warning(
                "PUBLIC_URL is %s but the server listens on port %s: pages served from this "
                "port will be refused by the API (403). Set PUBLIC_URL to the address you open "
                "in the browser, e.g. http://127.0.0.1:%s.",
                self.PUBLIC_URL,
                port,
                port,
            )

    def finalize(self, instance_path: str) -> None:
        super().finalize(instance_path)
        if not self.SECRET_KEY:
            self.SECRET_KEY = _instance_secret(
                instance_path, "secret_key", lambda: secrets.token_urlsafe(48)
            )
        if not self.DATA_KEY:
            self.DATA_KEY = _instance_secret(instance_path, "data_key", new_data_key)


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True

    def __init__(self) -> None:
        super().__init__()
        self.SECRET_KEY = self.SECRET_KEY or secrets.token_urlsafe(32)
        self.DATA_KEY = self.DATA_KEY or new_data_key()
        self.FORM_MIN_SECONDS = _float("FORM_MIN_SECONDS", 0.0)
        self.RATELIMIT_STORAGE_URI = "memory://"
        self.PASSWORD_HASH_TIME_COST = 1
        self.PASSWORD_HASH_MEMORY_KIB = 8
        self.SERVER_NAME = None


class ProductionConfig(Config):
    ENV_NAME = "production"

    def __init__(self) -> None:
        super().__init__()
        self.PUBLIC_URL = _env("PUBLIC_URL")
        self.SESSION_COOKIE_SECURE = True
        self.REMEMBER_COOKIE_SECURE = True
        self.PREFERRED_URL_SCHEME = "https"

    def finalize(self, instance_path: str) -> None:
        missing = [
            name for name in ("SECRET_KEY", "DATA_KEY", "PUBLIC_URL") if not getattr(self, name)
        ]
        if missing:
            raise ConfigError(
                "Production needs these settings in the environment: " + ", ".join(missing) + "."
            )
        if self.OIDC_ISSUER and not self.OIDC_ISSUER.startswith("https://"):
            raise ConfigError("OIDC_ISSUER must be an https address in production.")
        super().finalize(instance_path)


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def load_config(config: type[Config] | Config | None, instance_path: str) -> Config:
    """Build and validate the settings. Raises ConfigError naming the bad variable."""
    if config is None:
        name = (_env("APP_ENV", "development") or "development").lower()
        if name not in CONFIGS:
            raise ConfigError(f"APP_ENV must be one of {', '.join(CONFIGS)}, not {name!r}.")
        config = CONFIGS[name]
    settings = config() if isinstance(config, type) else config
    settings.finalize(instance_path)
    return settings
