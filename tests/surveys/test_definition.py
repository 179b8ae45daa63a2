import copy

import pytest

from forum.surveys.definition import (
    DefinitionError,
    QuestionType,
    from_json,
    publish_problems,
    to_json,
)

BANDS = ["6-8", "9-11", "12-14", "15-17"]


def survey_json():
    return {
        "format": "tieng-noi-tre-em/survey",
        "version": 1,
        "title": {"vi": "Sân chơi", "en": "Playgrounds"},
        "intro": {"vi": "Chào em"},
        "target_bands": ["6-8", "9-11"],
        "questions": [
            {
                "key": "play",
                "type": "single_choice",
                "text": {"vi": "Em chơi ở đâu?", "en": "Where do you play?"},
                "band_text": {"6-8": {"vi": "Em hay chơi ở đâu?"}},
                "options": [
                    {"key": "park", "label": {"vi": "Công viên", "en": "Park"}},
                    {"key": "street", "label": {"vi": "Ngoài đường", "en": "Street"}},
                ],
            },
            {"key": "happy", "type": "smiley", "text": {"vi": "Em thấy thế nào?"}, "settings": {"points": 5}},
            {
                "key": "why",
                "type": "long_text",
                "text": {"vi": "Vì sao?"},
                "allow_decline": True,
                "sensitive": True,
                "condition": {"op": "equals", "question": "play", "value": "street"},
                "settings": {"max_length": 500},
            },
            {
                "key": "age",
                "type": "number",
                "text": {"vi": "Bao nhiêu tuổi?"},
                "settings": {"min": 5, "max": 18, "integer": True},
            },
            {"key": "info", "type": "note", "text": {"vi": "Cảm ơn em!"}},
        ],
    }


def test_round_trip():
    definition = from_json(survey_json())
    assert from_json(to_json(definition)) == definition
    assert definition.questions[1].type is QuestionType.SMILEY
    assert [o.key for o in definition.questions[1].options] == ["1", "2", "3", "4", "5"]


def test_scales_get_fixed_positive_options():
    data = survey_json()
    data["questions"][1]["settings"] = {"points": 3}
    data["questions"][1]["options"] = [{"key": "sad", "label": {"vi": "Buồn"}}]  # ignored: scales are fixed
    options = from_json(data).questions[1].options
    assert [o.label["en"] for o in options] == ["It's okay", "Happy", "Very happy"]


@pytest.mark.parametrize(
    "change,fragment",
    [
        (lambda d: d.update(questions=[]), "$.questions"),
        (lambda d: d.update(title={}), "$.title: missing"),
        (lambda d: d.update(title={"fr": "Bonjour"}), "unknown language 'fr'"),
        (lambda d: d["questions"][0].update(type="gps"), "$.questions[0].type"),
        (lambda d: d["questions"][0].update(key="1bad key"), "$.questions[0].key"),
        (lambda d: d["questions"][1].update(key="play"), "the key 'play' is used twice"),
        (lambda d: d["questions"][0].update(options=[]), "$.questions[0].options: this type needs options"),
        (lambda d: d["questions"][0]["options"][1].update(key="park"), "the key 'park' is used twice"),
        (lambda d: d["questions"][3].update(settings={"min": 10, "max": 5}), "min is larger than max"),
        (lambda d: d["questions"][3].update(settings={"colour": "red"}), "not a setting of number"),
        (lambda d: d["questions"][1].update(settings={"points": 4}), "3 or 5"),
        (lambda d: d["questions"][0].update(required="yes"), "true or false"),
        (lambda d: d.update(target_bands=["six"]), "$.target_bands"),
        (lambda d: d["questions"][0].update(text={"vi": "x" * 3000}), "at most 2000 characters"),
        (lambda d: d.update(format="other"), "$.format"),
    ],
)
def test_problems_name_their_place(change, fragment):
    data = copy.deepcopy(survey_json())
    change(data)
    with pytest.raises(DefinitionError) as error:
        from_json(data)
    assert any(fragment in problem for problem in error.value.problems), error.value.problems


def test_not_an_object():
    with pytest.raises(DefinitionError):
        from_json([1, 2, 3])


def test_a_good_survey_can_be_published():
    assert publish_problems(from_json(survey_json()), BANDS) == []


def _codes(data, bands=BANDS):
    return [(p.code, p.question, p.detail) for p in publish_problems(from_json(data), bands)]


def test_publish_refuses_unlabelled_options():
    data = survey_json()
    data["questions"][0]["options"][1]["label"] = {"en": "Street"}
    assert ("option_unlabelled", "play", "street") in _codes(data)


def test_publish_refuses_forward_and_missing_conditions():
    data = survey_json()
    data["questions"][0]["condition"] = {"op": "equals", "question": "happy", "value": "1"}
    data["questions"][1]["condition"] = {"op": "gt", "question": "ghost", "value": 1}
    codes = _codes(data)
    assert ("condition_forward_reference", "play", "happy") in codes
    assert ("condition_unknown_question", "happy", "ghost") in codes


def test_publish_refuses_a_band_without_wording():
    data = survey_json()
    data["questions"][1]["text"] = {"en": "How do you feel?"}
    data["questions"][1]["band_text"] = {"6-8": {"vi": "Em thấy thế nào?"}}
    codes = _codes(data)
    assert ("band_without_wording", "happy", "9-11") in codes
    assert ("band_without_wording", "happy", "6-8") not in codes


def test_publish_refuses_a_survey_of_notes_only():
    data = survey_json()
    data["questions"] = [data["questions"][4]]
    assert ("no_questions", None, "") in _codes(data)


def test_huge_settings_are_refused_not_a_crash():
    data = survey_json()
    data["questions"][3]["settings"] = {"min": 10**400}
    with pytest.raises(DefinitionError):
        from_json(data)


def test_numeric_option_keys_and_nfc_texts():
    data = survey_json()
    data["questions"][0]["options"] = [
        {"key": "1", "label": {"vi": "Co\u0301"}},
        {"key": "2", "label": {"vi": "Không"}},
    ]
    question = from_json(data).questions[0]
    assert [o.key for o in question.options] == ["1", "2"]
    assert question.options[0].label["vi"] == "Có"
