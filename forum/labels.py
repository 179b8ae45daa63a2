"""Display names for the enumerations people see, translatable."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

ROLE_NAMES = {
    "child": _l("Child"),
    "teacher": _l("Teacher"),
    "moderator": _l("Moderator"),
    "policy": _l("Policy staff"),
    "admin": _l("Administrator"),
}
GENDER_NAMES = {
    "girl": _l("Girl"),
    "boy": _l("Boy"),
    "another": _l("Another gender"),
    "unsaid": _l("Prefer not to say"),
}
LEVEL_NAMES = {
    "primary": _l("Primary"),
    "lower_secondary": _l("Lower secondary"),
    "upper_secondary": _l("Upper secondary"),
}
CONSENT_METHOD_NAMES = {
    "paper": _l("Signed paper form"),
    "in_person": _l("In person"),
    "phone": _l("By phone"),
    "online": _l("Online"),
}
