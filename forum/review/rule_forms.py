"""Admins' forms for word rules: a rule, the list's filters, a delete confirmation, the test box.

WTForms ships no Vietnamese catalogue, so every refusal is our own English msgid; the services'
refusals (RuleError codes) have their messages and fields here too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from forum.review.models import RuleAction, RuleCategory, RuleLanguage
from forum.review.rule_services import MAX_NOTE_LENGTH, MAX_PATTERN_LENGTH
from forum.text_input import clean_text, printable

NOT_A_CHOICE = _l("Choose one of the options in the list.")
MAX_TRY_LENGTH = 5000
WHOLE, PART = "whole", "part"

CATEGORY_NAMES = {
    RuleCategory.PROFANITY.value: _l("Rude words"),
    RuleCategory.INSULT.value: _l("Insults"),
    RuleCategory.SAFEGUARDING.value: _l("Safeguarding"),
    RuleCategory.PERSONAL_INFO.value: _l("Personal information"),
    RuleCategory.LINK.value: _l("Links"),
    RuleCategory.CUSTOM.value: _l("Custom"),
}
ACTION_NAMES = {
    RuleAction.ALLOW.value: _l("Allow (an everyday word: overrides other rules inside it)"),
    RuleAction.HOLD.value: _l("Hold for a moderator"),
    RuleAction.BLOCK.value: _l("Block (the child is asked to rephrase)"),
}
SHORT_ACTION_NAMES = {
    RuleAction.ALLOW.value: _l("Allow"),
    RuleAction.HOLD.value: _l("Hold"),
    RuleAction.BLOCK.value: _l("Block"),
}
LANGUAGE_NAMES = {RuleLanguage.VI.value: _l("Vietnamese"), RuleLanguage.EN.value: _l("English")}
MATCH_NAMES = {WHOLE: _l("Whole words only"), PART: _l("Anywhere, also inside longer words")}

# A service's refusal: (the field it concerns or None for the whole form, the message).
RULE_ERRORS: dict[str, tuple[str | None, Any]] = {
    "pattern_empty": ("pattern", _l("Please type the word or phrase.")),
    "pattern_too_long": ("pattern", _l("Use at most %(max)d characters.", max=MAX_PATTERN_LENGTH)),
    "pattern_too_short": (
        "pattern",
        _l("A pattern matched inside longer words needs at least 2 letters: one letter would match almost every post."),
    ),
    "pattern_refused": (
        "pattern",
        _l("The rules cannot use this pattern: after folding it has no letters or signs left. Type a word or phrase."),
    ),
    "safeguarding_blocked": (
        "action",
        _l("Safeguarding words are never blocked: a child asking for help is held for a person. Choose “Hold”."),
    ),
    "duplicate": (
        "pattern",
        _l("There is already a rule for this pattern in this language with this kind of matching. Edit that one."),
    ),
    "note_too_long": ("note", _l("Use at most %(max)d characters.", max=MAX_NOTE_LENGTH)),
}


def _choice(label: Any, choices: Iterable[SelectChoice], **kwargs: Any) -> SelectField:
    return SelectField(
        label,
        choices=list(choices),
        invalid_value_message=NOT_A_CHOICE,
        invalid_choice_message=NOT_A_CHOICE,
        **kwargs,
    )


def _choices(names: dict[str, Any], everything: Any = None) -> list[SelectChoice]:
    first = [SelectChoice("", everything)] if everything is not None else []
    return first + [SelectChoice(value, label) for value, label in names.items()]


class RefusingForm(FlaskForm):
    def refuse(self, code: str) -> None:
        """Show a service's refusal beside the field it concerns (or above the form)."""
        field_name, message = RULE_ERRORS.get(code, (None, _l("That could not be saved. Please try again.")))
        field = self._fields.get(field_name) if field_name else None
        if field is not None:
            field.errors = [*field.errors, message]
        else:
            self.form_errors.append(message)


class RuleForm(RefusingForm):
    pattern = StringField(
        _l("Word or phrase"),
        validators=[
            DataRequired(RULE_ERRORS["pattern_empty"][1]),
            Length(max=MAX_PATTERN_LENGTH, message=RULE_ERRORS["pattern_too_long"][1]),
            printable(),
        ],
        filters=[clean_text],
        render_kw={"autocomplete": "off", "spellcheck": "false", "maxlength": MAX_PATTERN_LENGTH},
    )
    category = _choice(_l("Category"), _choices(CATEGORY_NAMES), default=RuleCategory.PROFANITY.value)
    action = _choice(_l("What happens to a post with it"), _choices(ACTION_NAMES), default=RuleAction.BLOCK.value)
    language = _choice(_l("Language"), _choices(LANGUAGE_NAMES), default=RuleLanguage.VI.value)
    match = _choice(_l("Matching"), _choices(MATCH_NAMES), default=WHOLE)
    note = StringField(
        _l("Note for other admins (optional)"),
        validators=[Optional(), Length(max=MAX_NOTE_LENGTH, message=RULE_ERRORS["note_too_long"][1]), printable()],
        filters=[clean_text],
    )


class RuleFilterForm(FlaskForm):
    """The list's filters, read from the query string."""

    class Meta:
        csrf = False

    category = _choice(_l("Category"), _choices(CATEGORY_NAMES, _l("All categories")), default="")
    action = _choice(_l("Action"), _choices(SHORT_ACTION_NAMES, _l("All actions")), default="")
    language = _choice(_l("Language"), _choices(LANGUAGE_NAMES, _l("All languages")), default="")
    q = StringField(
        _l("Search"),
        validators=[Optional(), Length(max=MAX_PATTERN_LENGTH, message=RULE_ERRORS["pattern_too_long"][1])],
        filters=[clean_text],
        render_kw={"type": "search"},
    )


class ConfirmForm(FlaskForm):
    """Only the CSRF token: the button is the confirmation."""


class TryForm(FlaskForm):
    """Text is checked exactly as typed (no trimming, invisible characters kept): that is what
    the rules see in a child's post, and what the command line reads."""

    text = TextAreaField(
        _l("Posts to try, one a line"),
        validators=[
            DataRequired(_l("Please type or paste some text to try.")),
            Length(max=MAX_TRY_LENGTH, message=_l("Use at most %(max)d characters.", max=MAX_TRY_LENGTH)),
        ],
        render_kw={"rows": 5, "spellcheck": "false"},
    )
