"""What administrators are told when an area or school change is refused (keyed by SchoolError.code)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

SCHOOL_ERRORS = {
    "area_code_invalid": _l(
        "Area codes are 1 to 16 characters: letters A–Z without accents, digits, dashes or underscores."
    ),
    "area_code_taken": _l("Another area already has that code."),
    "school_name_taken": _l("That area already has a school with this name."),
}
# The form field each refusal belongs to, so the message is shown beside what needs changing.
SCHOOL_ERROR_FIELDS = {
    "area_code_invalid": "code",
    "area_code_taken": "code",
    "school_name_taken": "name",
}
ACCOUNT_ERROR_FIELDS = {
    "username_invalid": "username",
    "username_taken": "username",
    "role_invalid": "role",
    "teacher_needs_school": "school",
    "cannot_demote_self": "role",
    "password_too_short": "password",
    "password_too_long": "password",
    "password_contains_username": "password",
}
