"""What a lead or a moderator is told when a case refuses a request (keyed by CaseError.code)."""

from __future__ import annotations

from flask_babel import gettext as _

from forum.safeguarding.labels import STATUS_NAMES
from forum.safeguarding.services import MAX_NOTE_LENGTH, CaseError, StaleCaseError


def case_error_message(error: CaseError) -> str:
    if isinstance(error, StaleCaseError):
        return _(
            "Someone else changed this case to “%(status)s” while you had the page open, so the status "
            "was not changed. Anything you wrote is kept as a note. Check the case, then choose the status again.",
            status=STATUS_NAMES[error.current.value],
        )
    if error.code == "already_open" and error.case is not None:
        return _(
            "A safeguarding case is already open for this (case #%(id)d): the safeguarding leads are working "
            "on it. No second case was opened.",
            id=error.case.id,
        )
    messages = {
        "note_empty": _("Please write the note."),
        "note_too_long": _("Use at most %(max)d characters.", max=MAX_NOTE_LENGTH),
        "status_not_allowed": _("The case cannot be moved to that status. Choose another one."),
        "not_a_lead": _("Cases can only be given to safeguarding leads."),
        "no_source": _("The post or answer of this item no longer exists, so no case can be opened from it."),
    }
    return messages.get(error.code, _("That could not be done. Please reload the page and try again."))
