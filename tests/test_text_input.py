"""Text typed into forms: one-line fields refuse line breaks, multi-line fields keep them."""

from __future__ import annotations

import pytest
from wtforms import Form, StringField, TextAreaField

from forum.text_input import clean_paragraphs, clean_text, printable


class Sample(Form):
    line = StringField(validators=[printable()], filters=[clean_text])
    lines = TextAreaField(validators=[printable(multiline=True)], filters=[clean_paragraphs])


def _validated(**data: str) -> Sample:
    form = Sample(data=data)
    form.validate()
    return form


def test_a_multiline_field_keeps_its_line_breaks_in_one_style() -> None:
    form = _validated(lines="  Dòng một  \r\nDòng hai\rDòng ba\n\n")
    assert form.lines.errors == []
    assert form.lines.data == "Dòng một\nDòng hai\nDòng ba"


def test_a_one_line_field_refuses_a_line_break_inside() -> None:
    assert _validated(line="Dòng một\nDòng hai").line.errors


@pytest.mark.parametrize("hidden", ["\u0000", "\u200b", "\u202e", "\t", "\x1b"])
def test_a_multiline_field_still_refuses_hidden_characters(hidden: str) -> None:
    assert _validated(lines=f"Dòng một\nDòng{hidden} hai").lines.errors


def test_nfc_in_a_multiline_field() -> None:
    assert _validated(lines="Tie\u0302\u0301ng\nnói").lines.data == "Tiếng\nnói"
