"""The OpenAPI document's components/schemas: one schema per JSON shape in forum/api/shapes.py and
forum/api/results_shapes.py, strict (`additionalProperties: false`) so the tests that validate
every response against them catch a field added on one side only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from forum.accounts.models import Gender
from forum.consultations.models import ConsultationStatus
from forum.results.filters import DIMENSIONS
from forum.results.tables import Granularity, ResultStatus
from forum.routing import MAX_ID
from forum.schools.models import SchoolLevel
from forum.surveys.definition import QuestionType
from forum.surveys.models import SurveyStatus

Schema = dict[str, Any]

ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
STRING = {"type": "string"}
DATE = {"type": "string", "format": "date"}
DATE_TIME = {"type": "string", "format": "date-time"}
COUNT = {"type": "integer", "minimum": 0}


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: Schema) -> Schema:
    """JSON Schema 2020-12 (OpenAPI 3.1) has no `nullable`: a value of the schema, or null."""
    if "$ref" in schema or "enum" in schema:
        return {"oneOf": [schema, {"type": "null"}]}
    return {**schema, "type": [schema["type"], "null"]}


def array(items: Schema, **extra: Any) -> Schema:
    return {"type": "array", "items": items, **extra}


def enum(values: Sequence[str], description: str | None = None) -> Schema:
    schema: Schema = {"type": "string", "enum": list(values)}
    if description:
        schema["description"] = description
    return schema


def values_of(cls: Any) -> list[str]:
    return [member.value for member in cls]


def obj(description: str, properties: dict[str, Schema], optional: Sequence[str] = ()) -> Schema:
    """An object with exactly these properties, all required unless listed in `optional`."""
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }


def band_enum(bands: Sequence[str]) -> Schema:
    return enum(bands, "An age band from the configuration, youngest first.")


def gender_enum() -> Schema:
    return enum(values_of(Gender), "girl, boy, another gender, or prefer not to say (unsaid).")


def level_enum() -> Schema:
    return enum(values_of(SchoolLevel))


def dimension_enum() -> Schema:
    return enum([d.value for d in DIMENSIONS])


def _definition_schemas(bands: Sequence[str]) -> dict[str, Schema]:
    texts = {
        "type": "object",
        "description": "A text by language; a language without a text is left out.",
        "properties": {"vi": STRING, "en": STRING},
        "additionalProperties": False,
    }
    band_texts = {
        "type": "object",
        "description": "Texts per age band, for bands that have their own wording.",
        "propertyNames": {"pattern": r"^\d+-\d+$"},
        "additionalProperties": ref("Texts"),
    }
    survey_summary = {"id": ID, "title": ref("Texts"), "status": enum(values_of(SurveyStatus))}
    consultation_summary = {
        "id": ID,
        "title": ref("Texts"),
        "status": enum(values_of(ConsultationStatus)),
        "opens_on": DATE,
        "closes_on": DATE,
        "feedback_by": nullable(DATE),
        "target_bands": array(band_enum(bands), description="Empty: every age band."),
        "areas": array(ref("Area"), description="Empty: every area."),
        "surveys": array(ref("SurveySummary")),
    }
    question = {
        "id": ID,
        "key": {"type": "string", "pattern": r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$"},
        "position": COUNT,
        "type": enum(values_of(QuestionType)),
        "text": ref("Texts"),
        "band_text": ref("BandTexts"),
        "help": ref("Texts"),
        "required": {"type": "boolean"},
        "allow_decline": {"type": "boolean", "description": "Offers “I'd rather not say”."},
        "sensitive": {"type": "boolean"},
        "settings": {"type": "object", "description": "Type-specific settings (points, stars, min, max, …)."},
        "condition": nullable({"type": "object", "description": "Show-if condition on earlier answers."}),
        "options": array(ref("Option")),
    }
    return {
        "Texts": texts,
        "BandTexts": band_texts,
        "Area": obj(
            "A district or ward.",
            {
                "id": ID,
                "code": STRING,
                "name": obj("The area's name.", {"vi": STRING, "en": STRING}),
            },
        ),
        "SurveySummary": obj("A survey, in lists.", survey_summary),
        "ConsultationSummary": obj("A consultation, in lists.", consultation_summary),
        "ConsultationList": obj(
            "Every consultation, newest first.", {"consultations": array(ref("ConsultationSummary"))}
        ),
        "Consultation": obj(
            "A consultation with its texts.",
            {
                **consultation_summary,
                "policy_question": ref("Texts"),
                "purpose": ref("Texts"),
                "audience": ref("Texts"),
                "summaries": ref("BandTexts"),
            },
        ),
        "Option": obj(
            "An option of a choice, scale, yes/no or ranking question.",
            {"key": STRING, "label": ref("Texts"), "band_label": ref("BandTexts")},
        ),
        "Question": obj("A question of a survey.", question),
        "Survey": obj(
            "A survey and its questions, in order.",
            {
                **survey_summary,
                "consultation_id": ID,
                "intro": ref("Texts"),
                "target_bands": array(band_enum(bands), description="The bands the survey is for."),
                "published_at": nullable(DATE_TIME),
                "questions": array(ref("Question")),
            },
        ),
    }


def _cell() -> Schema:
    return obj(
        "A count and its share (0–1); both null when withheld (a group under min_group_size, or one "
        "withheld so that a smaller one cannot be worked out).",
        {
            "count": nullable(COUNT),
            "share": nullable({"type": "number", "minimum": 0, "maximum": 1}),
            "withheld": {"type": "boolean"},
        },
    )


def _result_schemas(bands: Sequence[str]) -> dict[str, Schema]:
    status = {
        "status": enum(
            values_of(ResultStatus),
            "shown; too_few: fewer than min_group_size children answered; isolating: the filters would "
            "single out a few children of a wider group. Unless shown, no number is given.",
        ),
        "note": {"type": "string", "description": "What “withheld” means, or why nothing is shown."},
    }
    question_result = {
        "question_id": ID,
        "key": STRING,
        "position": COUNT,
        "type": enum(values_of(QuestionType)),
        "text": ref("Texts"),
        "answered": ref("Cell"),
        "declined": ref("Cell"),
        "given": ref("Cell"),
        "options": array(ref("OptionResult")),
        "numbers": nullable(ref("NumberSummary")),
        "quotes": array(STRING, description="Approved or redacted free text, never with a group label."),
        "withheld": {"type": "boolean", "description": "True when this question's numbers are withheld here."},
    }
    row = {
        "dimension": nullable(dimension_enum()),
        "value": nullable(STRING),
        "label": STRING,
        "registered": ref("Cell"),
        "reached": ref("Cell"),
    }
    k = {"type": "integer", "minimum": 5}
    return {
        "Cell": _cell(),
        "Filters": obj(
            "The filters in force, as given in the query string; a filter not in force is left out.",
            {
                "age_band": band_enum(bands),
                "gender": gender_enum(),
                "area": {"type": "string", "pattern": "^[1-9][0-9]*$", "description": "An area id."},
                "school_level": level_enum(),
            },
            optional=("age_band", "gender", "area", "school_level"),
        ),
        "OptionResult": obj(
            "An option's count and share of the children who answered the question without declining.",
            {
                "key": STRING,
                "label": ref("Texts"),
                "cell": ref("Cell"),
                "mean_rank": nullable({"type": "number", "description": "Ranking questions: 1 = ranked first."}),
            },
        ),
        "Bin": obj(
            "Answers from low up to (not including) high; the last bin includes high. Ratings: low = high.",
            {"low": {"type": "number"}, "high": {"type": "number"}, "cell": ref("Cell")},
        ),
        "NumberSummary": obj(
            "Number and rating questions.",
            {
                "mean": nullable({"type": "number"}),
                "median": nullable({"type": "number"}),
                "bins": array(ref("Bin")),
            },
        ),
        "QuestionResult": obj("One question's suppressed results.", question_result),
        "SurveyResults": obj(
            "A survey's suppressed results under the filters: the same JSON as the results download.",
            {
                "survey_id": ID,
                "title": ref("Texts"),
                "filters": ref("Filters"),
                "min_group_size": k,
                "status": status["status"],
                "respondents": nullable(COUNT),
                "questions": array(ref("QuestionResult")),
                "note": status["note"],
            },
        ),
        "GroupValue": obj(
            "One coordinate of a breakdown group; value null means “not recorded”.",
            {"dimension": dimension_enum(), "value": nullable(STRING), "label": STRING},
        ),
        "Group": obj(
            "One group of a breakdown.",
            {"values": array(ref("GroupValue")), "respondents": ref("Cell"), "question": ref("QuestionResult")},
        ),
        "Breakdown": obj(
            "A question broken down by one or two dimensions under the filters.",
            {
                "survey_id": ID,
                "question_id": ID,
                "dimensions": array(dimension_enum(), minItems=1, maxItems=2),
                "filters": ref("Filters"),
                "min_group_size": k,
                **status,
                "total": nullable(ref("QuestionResult")),
                "groups": array(ref("Group")),
            },
        ),
        "Period": obj(
            "Responses submitted from start to end (inclusive, local days).",
            {"start": DATE, "end": DATE, "count": COUNT, "cumulative": COUNT},
        ),
        "Participation": obj(
            "Submissions over time: per day only when every day holds at least min_group_size.",
            {
                "survey_id": ID,
                "filters": ref("Filters"),
                "min_group_size": k,
                **status,
                "total": nullable(COUNT),
                "granularity": nullable(enum(values_of(Granularity))),
                "periods": array(ref("Period")),
            },
        ),
        "ReachRow": obj("Children registered in the target, and those of them reached.", row),
        "Reach": obj(
            "Who was reached against who is registered in the consultation's target.",
            {
                "consultation_id": ID,
                "min_group_size": k,
                "total": ref("ReachRow"),
                "aged_7_plus": ref("ReachRow"),
                "rows": array(ref("ReachRow")),
            },
        ),
        "Error": obj(
            "Every error. `message` says what to change; `parameter` names the query parameter a 400 is about.",
            {
                "error": STRING,
                "message": STRING,
                "status": {"type": "integer", "minimum": 400, "maximum": 599},
                "parameter": STRING,
            },
            optional=("parameter",),
        ),
    }


def schemas(bands: Sequence[str]) -> dict[str, Schema]:
    return {**_definition_schemas(bands), **_result_schemas(bands)}
