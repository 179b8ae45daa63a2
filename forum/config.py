"""Settings: safe defaults, then `instance/config.py`, then `FORUM_*` and a few standard variables.

`ENVIRONMENT` is "production" unless set: production refuses to start without a `SECRET_KEY`,
marks cookies Secure and sends HSTS over HTTPS. "demo" (what `make run` writes) and "test" relax
only what a local http:// server needs.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask

ENVIRONMENTS = ("production", "demo", "test")
MIN_GROUP_SIZE_FLOOR = 5


class ConfigError(RuntimeError):
    """The configuration cannot run safely; the message says what to change."""


DEFAULTS: dict[str, Any] = {
    "ENVIRONMENT": "production",
    "SECRET_KEY": None,
    # Key for hashing access-card codes; defaults to SECRET_KEY (changing it voids every card).
    "CARD_HASH_KEY": None,
    "SQLALCHEMY_DATABASE_URI": None,  # filled from DATABASE_URL or instance/forum.db
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "BABEL_DEFAULT_LOCALE": "vi",
    "BABEL_DEFAULT_TIMEZONE": "Asia/Ho_Chi_Minh",
    "LANGUAGES": ["vi", "en"],
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    "WTF_CSRF_TIME_LIMIT": 8 * 3600,
    # None: Secure in production, not in demo/test (served over plain http locally).
    "SESSION_COOKIE_SECURE": None,
    "REMEMBER_COOKIE_SECURE": None,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "PERMANENT_SESSION_LIFETIME": timedelta(hours=8),
    # Children share school computers: their session ends after this many idle minutes.
    "CHILD_IDLE_MINUTES": 15,
    # Age bands as inclusive [low, high] ages.
    "AGE_BANDS": [[6, 8], [9, 11], [12, 14], [15, 17]],
    "ASSENT_FROM_AGE": 7,
    "MIN_GROUP_SIZE": 10,
    # Werkzeug's scrypt with N=2**15, r=8, p=1 (about 64 MiB and 0.1 s a hash).
    "PASSWORD_HASH_METHOD": "scrypt:32768:8:1",
    # Staff sign-in: after this many failures the account is locked, the lock doubling each time.
    "SIGN_IN_MAX_FAILURES": 5,
    "SIGN_IN_LOCK_SECONDS": 60,
    "SIGN_IN_RATE_LIMIT": "10 per minute;50 per hour",
    "CARD_RATE_LIMIT": "30 per minute;300 per hour",
    "CARD_CLASSROOM_RATE_LIMIT": "60 per 10 minutes",
    # Posts and replies a child may send in discussions (disclosures are never refused).
    "POST_RATE_LIMIT": "5 per minute;40 per day",
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_HEADERS_ENABLED": True,
    # Number of proxies in front of the app whose X-Forwarded-* headers are trusted (0: none).
    "PROXY_COUNT": 0,
    # Base URL printed in access-card QR codes; empty means the URL of the teacher's request.
    "PUBLIC_BASE_URL": "",
    "HELPLINES": [
        {
            "number": "111",
            "name_vi": "Tổng đài quốc gia bảo vệ trẻ em",
            "name_en": "National child-protection hotline",
            "hours_vi": "Miễn phí, 24 giờ mỗi ngày, 7 ngày mỗi tuần",
            "hours_en": "Free, 24 hours a day, 7 days a week",
        }
    ],
}


def load_config(app: Flask, overrides: dict[str, Any] | None) -> None:
    """Fill `app.config` in order of precedence and refuse unsafe combinations."""
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env(prefix="FORUM")
    for variable, key in (
        ("SECRET_KEY", "SECRET_KEY"),
        ("DATABASE_URL", "SQLALCHEMY_DATABASE_URI"),
        ("REDIS_URL", "RATELIMIT_STORAGE_URI"),
    ):
        if os.environ.get(variable):
            app.config[key] = os.environ[variable]
    if overrides:
        app.config.from_mapping(overrides)
    _derive(app)
    validate(app.config)


def _derive(app: Flask) -> None:
    config = app.config
    uri = config["SQLALCHEMY_DATABASE_URI"]
    if not uri:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        uri = "sqlite:///" + str(Path(app.instance_path) / "forum.db")
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy needs the driver named.
    for prefix in ("postgres://", "postgresql://"):
        if uri.startswith(prefix):
            uri = "postgresql+psycopg://" + uri[len(prefix) :]
    config["SQLALCHEMY_DATABASE_URI"] = uri
    environment = config["ENVIRONMENT"]
    if environment == "demo" and not config["SECRET_KEY"]:
        config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    elif environment == "test" and not config["SECRET_KEY"]:
        config["SECRET_KEY"] = secrets.token_hex(32)
    config["CARD_HASH_KEY"] = config["CARD_HASH_KEY"] or config["SECRET_KEY"]
    secure = environment == "production"
    for key in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"):
        if config[key] is None:
            config[key] = secure
    if environment == "test":
        config["TESTING"] = True


def _instance_secret(instance: Path) -> str:
    """The demo's key, kept in the instance folder so the server and CLI commands share it."""
    path = instance / "demo-secret-key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32), encoding="ascii")
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip()


def validate(config: Any) -> None:
    """Raise ConfigError naming the setting that makes the app unsafe to run."""
    if config["ENVIRONMENT"] not in ENVIRONMENTS:
        raise ConfigError(f"ENVIRONMENT must be one of {', '.join(ENVIRONMENTS)}")
    secret = config["SECRET_KEY"]
    if not secret or len(str(secret)) < 16 or str(secret) in {"dev", "secret", "changeme"}:
        raise ConfigError(
            "SECRET_KEY is missing or too short: set the SECRET_KEY environment variable "
            "or SECRET_KEY in instance/config.py (e.g. python -c 'import secrets; print(secrets.token_hex(32))')"
        )
    size = config["MIN_GROUP_SIZE"]
    if not isinstance(size, int) or size < MIN_GROUP_SIZE_FLOOR:
        raise ConfigError(f"MIN_GROUP_SIZE must be an integer of at least {MIN_GROUP_SIZE_FLOOR}")
    bands = config["AGE_BANDS"]
    previous_high = -1
    for band in bands:
        if len(band) != 2 or not all(isinstance(v, int) for v in band) or band[0] > band[1]:
            raise ConfigError("AGE_BANDS must be a list of [low, high] integer pairs")
        if band[0] <= previous_high:
            raise ConfigError("AGE_BANDS must be in increasing order without overlaps")
        previous_high = band[1]
    if not isinstance(config["CHILD_IDLE_MINUTES"], int) or config["CHILD_IDLE_MINUTES"] < 1:
        raise ConfigError("CHILD_IDLE_MINUTES must be a positive integer")
    if not config["HELPLINES"]:
        raise ConfigError("HELPLINES must list at least one help line (the default is 111)")
