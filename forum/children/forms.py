"""Children's own choices: taking part, erasing their account."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SubmitField
from wtforms.validators import DataRequired


class AssentForm(FlaskForm):
    yes = SubmitField(_l("Yes, I want to take part"))
    no = SubmitField(_l("No, not now"))


class EraseForm(FlaskForm):
    confirm = BooleanField(
        _l("I understand that my account and everything I gave will be deleted, and my card will stop working."),
        validators=[DataRequired(_l("Please tick the box if you really want to delete your account."))],
    )
