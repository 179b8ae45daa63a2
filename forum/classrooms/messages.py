"""What teachers are told when a request about their classes is refused."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from forum.classrooms.roster import MAX_CHILDREN, LineProblem, Problem, Roster

SCHOOL_ERRORS = {
    "school_year_invalid": _l("Write the school year as two years in a row, like 2026-2027."),
    "classroom_name_taken": _l("Your school already has a class with this name in that school year."),
}
CLASSROOM_ERRORS = {
    "consent_in_future": _l("The date cannot be in the future."),
    "consent_before_birth": _l("The date cannot be before the year the child was born."),
}
NO_CHILD_SELECTED = _l("Tick at least one child first.")
CLASS_EMPTY = _l("This class has no children yet. Add children first.")
NOT_IN_CLASS = _l("One of the ticked children is not in this class. Reload the page and try again.")
REISSUE_NOT_CONFIRMED = _l(
    "Some of the ticked children already have a card. Tick the box to confirm that their old cards will stop working."
)


def describe_line(problem: LineProblem, allowed_years: range) -> str:
    """One bad line, as the teacher will read it under the list."""
    if problem.problem is Problem.YEAR_OUT_OF_RANGE:
        reason = _(
            "the birth year must be between %(first)d and %(last)d.",
            first=allowed_years[0],
            last=allowed_years[-1],
        )
    elif problem.problem is Problem.GENDER_UNKNOWN:
        reason = _("we do not know that gender word. Use girl, boy, another, prefer not to say, or leave it out.")
    else:
        reason = _("the line must start with a birth year, like 2016.")
    return _("Line %(number)d (“%(text)s”): %(reason)s", number=problem.line, text=problem.text[:40], reason=reason)


def describe_roster(roster: Roster, allowed_years: range) -> list[str]:
    """Every reason the list was refused, the list-wide one first."""
    if roster.overall is Problem.EMPTY:
        return [_("Write one child per line, starting with the birth year.")]
    if roster.overall is Problem.TOO_MANY:
        return [
            _(
                "You can add up to %(count)d children at once. Split the list and add the rest afterwards.",
                count=MAX_CHILDREN,
            )
        ]
    return [describe_line(problem, allowed_years) for problem in roster.problems]
