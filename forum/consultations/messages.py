"""What policy staff are told: names of statuses and question types, refusals by code, and the
publish check's problems in words. English msgids; the Vietnamese catalogue translates them."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from forum.accounts.age_bands import label_of_key
from forum.surveys.conditions import ConditionProblem
from forum.surveys.definition import Problem

CONSULTATION_STATUS_NAMES = {
    "draft": _l("Draft"),
    "open": _l("Open"),
    "closed": _l("Closed"),
    "feedback_published": _l("Feedback published"),
}
SURVEY_STATUS_NAMES = {"draft": _l("Draft"), "published": _l("Published")}
# What the button that moves a consultation to each status says.
STATUS_ACTIONS = {"open": _l("Open the consultation"), "closed": _l("Close the consultation")}

QUESTION_TYPE_NAMES = {
    "single_choice": _l("Single choice"),
    "multiple_choice": _l("Multiple choice"),
    "smiley": _l("Smiley scale"),
    "agree": _l("Agree scale"),
    "yes_no": _l("Yes / no / not sure"),
    "rating": _l("Star rating"),
    "number": _l("Number"),
    "short_text": _l("Short text"),
    "long_text": _l("Long text"),
    "ranking": _l("Ranking"),
    "note": _l("Information note (no answer)"),
}

OPERATOR_NAMES = {
    "equals": _l("equals"),
    "not_equals": _l("is not"),
    "one_of": _l("is one of"),
    "selected": _l("selected (multiple choice)"),
    "lt": _l("< less than"),
    "le": _l("≤ at most"),
    "gt": _l("> more than"),
    "ge": _l("≥ at least"),
}
JOIN_NAMES = {"and": _l("All of these (and)"), "or": _l("Any of these (or)")}

CONSULTATION_ERRORS = {
    "title_missing": _l("Please give the consultation a title in Vietnamese."),
    "question_missing": _l("Please write the policy question in Vietnamese."),
    "dates_out_of_order": _l("The closing date must not be before the opening date."),
    "feedback_before_close": _l("Feedback cannot be promised before the consultation closes."),
    "unknown_band": _l("Choose age bands from the list."),
    "status_not_allowed": _l("The consultation cannot move to that status from where it is now."),
}
CONSULTATION_ERROR_FIELDS = {
    "title_missing": "title_vi",
    "question_missing": "question_vi",
    "dates_out_of_order": "closes_on",
    "feedback_before_close": "feedback_by",
    "unknown_band": "target_bands",
}

SURVEY_ERRORS = {
    "survey_published": _l("This survey is published: unpublish it before changing it."),
    "duplicate_key": _l("Another question in this survey already has that key."),
    "unknown_question": _l("That question is not in this survey any more."),
    "question_in_use": _l("A later question's condition refers to this question: change that condition first."),
    "survey_has_responses": _l(
        "Children have already started this survey, so it can no longer be unpublished or changed."
    ),
    "already_submitted": _l("This response is already submitted."),
    "invalid_answer": _l("That answer is not valid."),
}
SURVEY_ERROR_FIELDS = {"duplicate_key": "key", "question_in_use": "key"}


def problem_message(problem: Problem) -> str:
    """One publish problem in words, naming the question and the band or option concerned."""
    question = problem.question or ""
    detail = problem.detail
    code = problem.code
    if code == "title_missing":
        return _("The survey has no title in Vietnamese.")
    if code == "no_questions":
        return _("The survey has no question to answer yet.")
    if code == "band_without_wording":
        return _(
            "Question %(question)s has no Vietnamese wording for children aged %(band)s.",
            question=question,
            band=label_of_key(detail),
        )
    if code == "option_unlabelled":
        return _(
            "Question %(question)s: the option “%(option)s” has no Vietnamese label.", question=question, option=detail
        )
    if code == "too_few_options":
        return _("Question %(question)s needs at least two options.", question=question)
    if code.startswith("condition_"):
        return condition_message(ConditionProblem(code.removeprefix("condition_"), detail or None), question)
    return _("Question %(question)s cannot be published yet.", question=question)


def condition_message(problem: ConditionProblem, owner: str) -> str:
    """A show-if condition's problem; `owner` is the question the condition belongs to."""
    code = problem.code
    ref = problem.question or problem.detail or ""
    if code == "forward_reference":
        return _(
            "The condition of question %(question)s refers to %(other)s, which is not before it: "
            "a condition can only look at earlier questions.",
            question=owner,
            other=ref,
        )
    if code == "unknown_question":
        return _(
            "The condition of question %(question)s refers to %(other)s, which does not exist.",
            question=owner,
            other=ref,
        )
    if code == "unknown_option":
        return _(
            "The condition of question %(question)s uses an option that question %(other)s does not have.",
            question=owner,
            other=ref,
        )
    if code == "wrong_kind":
        return _(
            "The condition of question %(question)s does not fit the kind of question %(other)s: use equals, "
            "is not or is one of for a single choice, selected for a multiple choice, and comparisons for numbers.",
            question=owner,
            other=ref,
        )
    if code == "unknown_operator":
        return _("The condition of question %(question)s uses an operator we do not know.", question=owner)
    return _("The condition of question %(question)s is incomplete or not well formed.", question=owner)
