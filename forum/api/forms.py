"""The token pages' forms: naming a new token, and confirming a revocation (the CSRF token only)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from forum.api.services import MAX_NAME_LENGTH
from forum.text_input import clean_text, printable


class TokenForm(FlaskForm):
    name = StringField(
        _l("Name of the token"),
        validators=[
            DataRequired(_l("Give the token a name, for example the tool that will use it.")),
            Length(max=MAX_NAME_LENGTH, message=_l("Use at most %(max)d characters.", max=MAX_NAME_LENGTH)),
            printable(),
        ],
        filters=[clean_text],
        render_kw={"autocomplete": "off", "maxlength": MAX_NAME_LENGTH},
    )


class ConfirmForm(FlaskForm):
    """A button that only needs the CSRF token."""
