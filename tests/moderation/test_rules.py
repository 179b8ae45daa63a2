"""The verdict: every example from the brief, spans into the text as typed, and how reasons combine."""

import pytest

from forum.moderation import Span, Verdict, check

BLOCKED_PROFANITY = [
    "đm",
    "dm",
    "vcl",
    "vkl",
    "dit me",
    "địt mẹ",
    "đụ",
    "vãi lồn",
    "clgt",
    "dcm",
    "đéo",
    "f*ck",
    "sh1t",
    "bitch",
    "đ.m",
    "d!t me",
    "v.c.l",
    "đ m",
    "đmmmm",
    "ĐM",
    "f u c k",
]
PASSING = [
    "các bạn",
    "buổi học",
    "lớn lên",
    "đeo khẩu trang",
    "con đường đèo",
    "cac ban",
    "buoi hoc",
    "lon len",
    "deo khau trang",
    "con duong deo",
    "admin",
    "cc: email",
    "con chó nhà em",
    "em đi ngủ",
    "em di ngu",
    "nguyên cả ngày",
    "ngữ pháp",
    "đi học",
    "đồng cắc",
    "con lợn đất",
    "đồ ngủ",
    "vài lon nước",
    "dù mà",
    "xe 50 cc",
    "1 dm = 10 cm",
]


@pytest.mark.parametrize("text", BLOCKED_PROFANITY)
def test_profanity_is_blocked(text):
    verdict = check(text)
    assert (verdict.action, verdict.reasons) == ("block", ("profanity",))


@pytest.mark.parametrize("text", PASSING)
def test_everyday_words_that_collide_when_folded_pass(text):
    assert check(text) == Verdict("allow", (), ())


@pytest.mark.parametrize("text", ["vl", "hay vl"])
def test_vl_is_held_because_it_is_also_vat_ly(text):
    assert (check(text).action, check(text).reasons) == ("hold", ("profanity",))


@pytest.mark.parametrize(
    "text", ["cc", "đồ ngu", "thằng ngu", "ngu quáaaa", "đồ chó", "thằng chó", "you are stupid", "óc chó"]
)
def test_insults_are_held(text):
    assert (check(text).action, check(text).reasons) == ("hold", ("insult",))


def test_strong_slurs_are_blocked():
    assert check("đồ chó đẻ").action == "block"


def test_spans_point_into_the_text_as_typed():
    typed = "Hôm nay Đ.M bài khó, gọi 0912 345 678 nhé"
    verdict = check(typed)
    assert verdict.spans == (Span(8, 11, "profanity", "Đ.M"), Span(25, 37, "personal_info", "0912 345 678"))


def test_spans_survive_decomposed_input_and_hidden_characters():
    typed = "ờ đ\u200bm"
    verdict = check(typed)
    assert verdict.spans == (
        Span(2, 5, "profanity", "đ\u200bm"),
        Span(3, 4, "invisible_characters", "\u200b"),
    )
    decomposed = "hôm nay ngu quá đi".replace("á", "a\u0301")
    span = check(decomposed).spans[0]
    assert decomposed[span.start : span.end] == "ngu qua\u0301"


def test_safeguarding_is_held_never_blocked_even_with_profanity():
    verdict = check("Đm bố em hay đánh em, vcl")
    assert verdict.action == "hold"
    assert verdict.reasons == ("safeguarding", "profanity")


def test_the_strictest_action_wins_and_all_reasons_are_listed():
    verdict = check("đm gọi tao 0912345678")
    assert verdict.action == "block"
    assert verdict.reasons == ("profanity", "personal_info")


def test_personal_info_and_links_hold():
    assert check("xem www.abc.vn nhé").action == "hold"
    assert check("số em 0912.345.678").reasons == ("personal_info",)


def test_hidden_characters_alone_hold():
    verdict = check("bạn\u202e vui")
    assert (verdict.action, verdict.reasons) == ("hold", ("invisible_characters",))


def test_overlapping_matches_of_one_reason_are_one_span():
    assert check("địt mẹ").spans == (Span(0, 6, "profanity", "địt mẹ"),)


def test_json_shape():
    assert check("đm").to_json() == {
        "action": "block",
        "reasons": ["profanity"],
        "spans": [{"start": 0, "end": 2, "reason": "profanity", "text": "đm"}],
    }


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty_text_is_allowed(text):
    assert check(text).action == "allow"
