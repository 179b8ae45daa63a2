"""What people are told about feedback: outcome names for staff and for children, states, refusals.

English msgids; the Vietnamese catalogue translates them.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from forum.accounts.age_bands import label_of_key
from forum.feedback.services import Problem

# The outcome as policy staff choose it in the editor.
OUTCOME_NAMES = {
    "adopted": _l("Adopted"),
    "partly_adopted": _l("Partly adopted"),
    "not_adopted": _l("Not adopted"),
    "under_consideration": _l("Still being considered"),
}
# The same outcome in words a child reads beside its icon (never the icon or colour alone).
OUTCOME_WORDS = {
    "adopted": _l("Yes, this will be done"),
    "partly_adopted": _l("Part of this will be done"),
    "not_adopted": _l("No, not this time"),
    "under_consideration": _l("Still being thought about"),
}

FEEDBACK_STATE_NAMES = {
    "waiting": _l("Consultation not closed yet"),
    "not_started": _l("Not started"),
    "draft": _l("Draft"),
    "published": _l("Published"),
}

NEEDS_VIETNAMESE = _l("Write it in Vietnamese too: Vietnamese is what children read first.")

FEEDBACK_ERRORS = {
    "consultation_not_closed": _l(
        "Feedback can be written only for a closed consultation. Close the consultation first: children "
        "must have finished giving their views."
    ),
    "already_published": _l("This feedback is already published."),
    "unknown_point": _l("That point is not in this feedback any more."),
    "raised_missing": _l("Write what children said, in Vietnamese."),
    "explanation_missing": _l(
        "Children deserve a reason: explain in Vietnamese why this was not adopted, or only partly."
    ),
    "vietnamese_missing": NEEDS_VIETNAMESE,
    "unknown_outcome": _l("Choose what became of it from the list."),
    "too_long": _l("One of the texts is too long."),
    "too_many_points": _l("This feedback already has as many points as it can hold."),
    "published_incomplete": _l(
        "This feedback is published, so it must stay complete: every age band's summary in Vietnamese and "
        "at least one point."
    ),
}
FEEDBACK_ERROR_FIELDS = {
    "raised_missing": "raised_vi",
    "explanation_missing": "explanation_vi",
}


def problem_message(problem: Problem) -> str:
    """Why feedback cannot be published yet, in words naming the band or the point."""
    if problem.code == "band_summary_missing":
        return _("Write the summary for children aged %(band)s in Vietnamese.", band=label_of_key(problem.band or ""))
    if problem.code == "no_points":
        return _("Add at least one point: what children said and what became of it.")
    if problem.code == "consultation_not_closed":
        return str(FEEDBACK_ERRORS["consultation_not_closed"])
    if problem.code == "point_incomplete":
        return _("Point %(number)d is incomplete: edit it.", number=problem.position or 0)
    return _("The feedback cannot be published yet.")
