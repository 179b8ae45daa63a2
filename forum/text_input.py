"""Free text typed into forms: stored NFC-normalised and trimmed, refused when it hides invisible characters."""

from __future__ import annotations

import unicodedata
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field
from wtforms.validators import ValidationError

# Control, format, surrogate, private-use and unassigned code points: nothing a person meant to type.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def clean_text(value: Any) -> Any:
    """A WTForms filter: lengths and duplicate checks then see exactly what is stored."""
    return unicodedata.normalize("NFC", value.strip()) if isinstance(value, str) else value


def clean_paragraphs(value: Any) -> Any:
    """The filter of a multi-line field: Windows and old Mac line ends become "\\n", lines lose
    trailing spaces, the whole is trimmed and NFC-normalised."""
    if not isinstance(value, str):
        return value
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return unicodedata.normalize("NFC", "\n".join(line.rstrip() for line in lines).strip())


def has_invisible_characters(text: str, multiline: bool = False) -> bool:
    """Whether `text` hides a control or format character; line breaks count only in one line."""
    if multiline:
        text = text.replace("\n", "")
    return any(unicodedata.category(ch) in INVISIBLE_CATEGORIES for ch in text)


def printable(message: Any = None, multiline: bool = False) -> Any:
    """A validator refusing invisible characters (line breaks too, unless `multiline`, which
    expects `clean_paragraphs` to have run), with `message` or a general one."""

    def check(form: FlaskForm, field: Field) -> None:
        if isinstance(field.data, str) and has_invisible_characters(field.data, multiline):
            raise ValidationError(message or _l("Remove the invisible control characters from this text."))

    return check
