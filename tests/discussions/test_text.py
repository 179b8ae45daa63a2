"""The post text helpers: normalising, removing personal information, highlighting, display."""

from __future__ import annotations

import unicodedata

from forum.discussions.text import (
    Piece,
    has_refused_characters,
    highlighted,
    normalize_body,
    remove_spans,
    shown_text,
    span_kind,
)
from forum.moderation import check


def test_normalize_body_is_nfc_trimmed_with_one_kind_of_line_break():
    decomposed = unicodedata.normalize("NFD", "  Em muốn\r\nsân chơi \r ")
    assert normalize_body(decomposed) == "Em muốn\nsân chơi"
    assert unicodedata.is_normalized("NFC", normalize_body(decomposed))


def test_control_characters_are_refused_but_line_breaks_and_tabs_are_not():
    assert has_refused_characters("a\x00b")
    assert has_refused_characters("a\x1bb")
    assert not has_refused_characters("a\nb\tc")
    assert not has_refused_characters("a\u200bb")  # zero-width: accepted, held by the rules


def test_shown_text_drops_zero_width_and_bidi_controls():
    assert shown_text("đ\u200bm\u202eabc\u2066x\u2069") == "đmabcx"
    assert shown_text("dòng 1\ndòng 2") == "dòng 1\ndòng 2"


def test_removing_a_phone_number_tidies_the_sentence():
    text = "Em muốn có thêm sân chơi, gọi em 0912 345 678"
    spans = [span.to_json() for span in check(text).spans]
    cleaned = remove_spans(text, spans)
    assert cleaned == "Em muốn có thêm sân chơi, gọi em"
    assert check(cleaned).action == "allow"


def test_removing_in_the_middle_leaves_no_double_space_or_stray_comma():
    text = "Số của em là 0912345678, nhắn em nhé"
    spans = [span.to_json() for span in check(text).spans]
    assert "0912345678" not in remove_spans(text, spans)
    assert "  " not in remove_spans(text, spans)
    assert remove_spans("gọi 0912 345 678", [{"start": 4, "end": 16, "reason": "link"}]) == "gọi 0912 345 678"


def test_highlighted_pieces_cover_the_text_once():
    text = "gọi em 0912 345 678 nhé"
    pieces = highlighted(text, [{"start": 7, "end": 19, "reason": "personal_info"}], ["personal_info"])
    assert pieces == [Piece("gọi em "), Piece("0912 345 678", "personal_info"), Piece(" nhé")]
    assert "".join(piece.text for piece in pieces) == text


def test_overlapping_spans_are_merged_and_other_reasons_ignored():
    spans = [
        {"start": 0, "end": 5, "reason": "profanity"},
        {"start": 3, "end": 8, "reason": "insult"},
        {"start": 9, "end": 10, "reason": "link"},
    ]
    pieces = highlighted("abcdefghijk", spans, ["profanity", "insult"])
    assert "".join(p.text for p in pieces) == "abcdefghijk"
    assert [p.reason for p in pieces] == ["profanity", "insult", None]


def test_span_kinds_name_what_was_found():
    assert span_kind("0912 345 678", "personal_info") == "phone"
    assert span_kind("em@example.com", "personal_info") == "email"
    assert span_kind("số 12 ngõ 5", "personal_info") == "personal_info"
    assert span_kind("http://x.vn", "link") == "link"
