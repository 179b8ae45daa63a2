"""Normalisation: each transformation, and the map back to the text as typed."""

import sys
import unicodedata

import pytest

from forum.moderation.normalize import HIDDEN, normalize, plain, squeeze_doubles


def words(text: str) -> list[str]:
    return [word.text for word in normalize(text).words]


def test_nfc_composes_decomposed_vietnamese_and_maps_back_to_the_original():
    typed = unicodedata.normalize("NFD", "Địt mẹ")
    result = normalize(typed)
    assert result.visible == "Địt mẹ"
    start, end = result.span_of_folded(0, len(result.folded))
    assert (start, end) == (0, len(typed))


def test_case_is_folded_but_kept_in_the_visible_text():
    result = normalize("ĐM Bạn")
    assert result.folded == "đm bạn"
    assert result.visible == "ĐM Bạn"


def test_plain_removes_diacritics_letter_for_letter():
    assert plain("đường đèo Ướt") == "duong deo Uot"
    assert len(plain("Nguyễn")) == len("Nguyễn")


@pytest.mark.parametrize(
    ("typed", "expanded"),
    [
        ("ko", ["không"]),
        ("k", ["không"]),
        ("hok", ["không"]),
        ("hông", ["không"]),
        ("khum", ["không"]),
        ("dc", ["được"]),
        ("đc", ["được"]),
        ("j", ["gì"]),
        ("gi", ["gì"]),
        ("e", ["em"]),
        ("a", ["anh"]),
        ("mk", ["mình"]),
        ("mik", ["mình"]),
        ("mh", ["mình"]),
        ("bn", ["bạn"]),
        ("ng", ["người"]),
        ("vs", ["với"]),
        ("r", ["rồi"]),
        ("ns", ["nói"]),
        ("bt", ["biết"]),
        ("bít", ["biết"]),
        ("cx", ["cũng"]),
        ("ms", ["mới"]),
        ("trc", ["trước"]),
        ("tr", ["trời"]),
        ("ntn", ["như", "thế", "nào"]),
        ("thik", ["thích"]),
        ("iu", ["yêu"]),
    ],
)
def test_teencode_expands_whole_words(typed, expanded):
    assert words(typed) == expanded


def test_teencode_leaves_parts_of_words_alone():
    assert words("kon ngan") == ["kon", "ngan"]


def test_expanded_words_share_the_span_of_what_was_typed():
    result = normalize("e ntn")
    assert [(w.text, w.start, w.end) for w in result.words] == [
        ("em", 0, 1),
        ("như", 2, 5),
        ("thế", 2, 5),
        ("nào", 2, 5),
    ]


@pytest.mark.parametrize(
    ("typed", "folded"),
    [("sh1t", "shit"), ("d!t", "dit"), ("$hit", "shit"), ("l0n", "lon"), ("he|lo", "hello"), ("fаck", "fack")],
)
def test_look_alikes_inside_words_become_letters(typed, folded):
    assert normalize(typed).folded == folded


@pytest.mark.parametrize("typed", ["5A3", "12A1", "0912345678", "2k14", "50.000", "9.5"])
def test_numbers_class_names_and_prices_keep_their_digits(typed):
    assert normalize(typed).folded == typed.lower()


def test_separators_inside_a_word_are_marked_joinable():
    tokens = normalize("đ.m v c l").tokens
    assert [t.raw for t in tokens] == ["đ", "m", "v", "c", "l"]
    assert [t.joins_next for t in tokens] == [True, True, True, True, False]


def test_ordinary_words_are_not_joinable():
    assert not any(t.joins_next for t in normalize("các bạn đi học. Em vui").tokens)


def test_masks_stay_inside_a_token():
    assert [t.raw for t in normalize("f*ck f**k *quan trọng*").tokens] == ["f*ck", "f**k", "quan", "trọng"]


def test_runs_of_three_letters_are_cut_to_two_and_doubles_squeezed_in_forms():
    result = normalize("đmmmm ngu quáaaa")
    assert result.folded == "đmm ngu quáa"
    assert [w.forms for w in result.words] == [("đmm", "đm"), ("ngu",), ("quáa", "quá")]


def test_squeeze_doubles_compares_letters_without_diacritics():
    assert squeeze_doubles("quáa") == "quá"
    assert squeeze_doubles("100") == "100"


def test_zero_width_and_bidi_controls_are_removed_and_reported():
    typed = "đ\u200bm \u202eabc\u202c"
    result = normalize(typed)
    assert result.folded == "đm abc"
    assert result.hidden == ((1, 2), (4, 5), (8, 9))


def test_joiners_inside_emoji_are_removed_without_a_report():
    result = normalize("gia đình 👨\u200d👩\u200d👧 vui\ufe0f")
    assert result.hidden == ()
    assert "\u200d" not in result.visible


def test_fullwidth_and_styled_letters_are_folded():
    assert normalize("ｆｕｃｋ 𝐝𝐦").folded == "fuck dm"


def test_every_format_character_is_hidden():
    format_characters = [chr(code) for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) == "Cf"]
    assert all(HIDDEN.fullmatch(ch) for ch in format_characters)


def test_sentence_and_comma_breaks_are_recorded():
    result = normalize("em vui. bạn buồn, mình ngủ")
    assert [(w.text, w.break_before, w.comma_before) for w in result.words] == [
        ("em", False, False),
        ("vui", False, False),
        ("bạn", True, False),
        ("buồn", False, False),
        ("mình", False, True),
        ("ngủ", False, False),
    ]
