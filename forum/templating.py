"""What every template can use: permission predicates, help lines, the current language."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, request
from flask_babel import get_locale

from forum.labels import CONSENT_METHOD_NAMES, GENDER_NAMES, LEVEL_NAMES, ROLE_NAMES
from forum.security.permissions import TEMPLATE_PREDICATES


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


def register_template_globals(app: Flask) -> None:
    app.jinja_env.globals.update(TEMPLATE_PREDICATES)
    app.context_processor(_context)
