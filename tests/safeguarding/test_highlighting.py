"""Cutting a text into flagged and plain pieces for display."""

from forum.safeguarding.highlighting import Segment, segments


def span(start, end, reason):
    return {"start": start, "end": end, "reason": reason, "text": ""}


def test_plain_text_is_one_piece():
    assert segments("xin chào", []) == [Segment("xin chào")]
    assert segments("", []) == []


def test_flagged_pieces_keep_their_reasons_and_the_text_is_whole():
    text = "Bố em đánh em, gọi 0912345678 nhé"
    pieces = segments(text, [span(0, 13, "safeguarding"), span(19, 29, "personal_info")])
    assert pieces == [
        Segment("Bố em đánh em", ("safeguarding",)),
        Segment(", gọi "),
        Segment("0912345678", ("personal_info",)),
        Segment(" nhé"),
    ]
    assert "".join(p.text for p in pieces) == text


def test_overlapping_spans_are_cut_at_every_edge():
    pieces = segments("abcdef", [span(0, 4, "profanity"), span(2, 6, "insult")])
    assert pieces == [Segment("ab", ("profanity",)), Segment("cd", ("profanity", "insult")), Segment("ef", ("insult",))]


def test_spans_that_do_not_fit_are_ignored():
    bad = [span(3, 99, "x"), span(-1, 2, "x"), span(2, 2, "x"), {"start": "1", "end": 2}, {}]
    assert segments("abcd", bad) == [Segment("abcd")]
