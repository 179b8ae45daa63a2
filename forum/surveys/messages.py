"""What a child is told about their answers, in words they can act on (keyed by AnswerError.code)."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l

from forum.surveys.answers import AnswerError

ANSWER_ERRORS = {
    "required": _l("This question needs an answer. Please choose or write one."),
    "unknown_option": _l("Please choose one of the answers shown on the screen."),
    "too_many": _l("Please choose at most %(limit)s."),
    "not_a_number": _l("Please write a number with digits, like 12."),
    "not_whole": _l("Please write a whole number, without a comma or a dot."),
    "too_small": _l("The number must be %(limit)s or more."),
    "too_large": _l("The number must be %(limit)s or less."),
    "too_long": _l("That is a little too long. Please use at most %(limit)s characters."),
    "invisible_characters": _l("Some invisible characters slipped into your text. Please type it again."),
    "bad_rank": _l("Give each number (1, 2, 3 …) to only one answer, and do not skip a number."),
    "not_allowed": _l("That choice is not possible for this question. Please choose another answer."),
    "rephrase": _l("Some words in your answer could hurt others. Please say it again in kinder words."),
}
UNKNOWN_ERROR = _l("Something in this answer was not right. Please try again.")
SUMMARY_TITLE = _l("Please look again at this answer")
SAVED = _l("Saved")
NOT_SAVED = _l("Not saved yet. Your answer will be saved when you press Next.")
MORE_QUESTIONS = _l("Thank you! Some more questions appeared because of your answers. Please look at them too.")
ANSWERS_CHANGED = _l("Your answers changed since this page was shown. Please check them again, then send them.")
UNKNOWN_QUESTION = _l("That question is not in this survey. Please reload the page.")


def describe(error: AnswerError) -> str:
    """The child-facing message for one answer error, with its limit written in their language."""
    message = ANSWER_ERRORS.get(error.code, UNKNOWN_ERROR)
    limit = error.limit
    if isinstance(limit, (int, float, Decimal)) and not isinstance(limit, bool):
        limit = format_decimal(limit)
    return str(message) % {"limit": limit}
