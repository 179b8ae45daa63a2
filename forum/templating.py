"""What every template can use: permission predicates, help lines, the current language."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, request
from flask_babel import get_locale
from flask_login import current_user

from forum.labels import CONSENT_METHOD_NAMES, GENDER_NAMES, LEVEL_NAMES, ROLE_NAMES
from forum.safeguarding.services import count_open_cases
from forum.security.permissions import TEMPLATE_PREDICATES, can_handle_safeguarding


def helplines() -> list[dict[str, str]]:
    """Configured help lines in the current language (default: 111)."""
    english = str(get_locale()) == "en"
    return [
        {
            "number": line["number"],
            "name": line.get("name_en" if english else "name_vi", line["number"]),
            "hours": line.get("hours_en" if english else "hours_vi", ""),
        }
        for line in current_app.config["HELPLINES"]
    ]


def _context() -> dict[str, Any]:
    return {
        "helplines": helplines(),
        "current_locale": str(get_locale()),
        "current_path": request.full_path.rstrip("?") if request else "/",
        "role_names": ROLE_NAMES,
        "gender_names": GENDER_NAMES,
        "level_names": LEVEL_NAMES,
        "consent_method_names": CONSENT_METHOD_NAMES,
    }


def open_safeguarding_cases() -> int | None:
    """The open-case badge for safeguarding leads; None, without a query, for everyone else."""
    return count_open_cases() if can_handle_safeguarding(current_user) else None


def register_template_globals(app: Flask) -> None:
    app.jinja_env.globals.update(TEMPLATE_PREDICATES)
    app.jinja_env.globals["open_safeguarding_cases"] = open_safeguarding_cases
    app.context_processor(_context)
