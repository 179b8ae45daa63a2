"""What people are told when an account request is refused (keyed by AccountError.code)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

ACCOUNT_ERRORS = {
    "password_too_short": _l("The password must be at least 10 characters long."),
    "password_too_long": _l("The password is too long."),
    "password_contains_username": _l("The password must not contain the username."),
    "username_invalid": _l(
        "Usernames are 3 to 64 characters: lower-case letters, digits, dots, dashes or underscores, "
        "starting with a letter or digit."
    ),
    "username_taken": _l("That username is already in use."),
    "role_invalid": _l("Choose one of the staff roles."),
    "teacher_needs_school": _l("A teacher must belong to a school."),
    "cannot_demote_self": _l("You cannot remove your own administrator role or deactivate yourself."),
    "current_password_wrong": _l("The current password is not right."),
    "not_a_child": _l("Only a child's account can be erased this way."),
}
GENERIC_SIGN_IN_ERROR = _l(
    "We could not sign you in with that username and password. Check them and try again; "
    "after several wrong tries you will need to wait a few minutes."
)
CARD_SIGN_IN_ERROR = _l("That code did not work. Check each letter and number on your card, or ask your teacher.")
