"""Results, their downloads and the printable report are for policy staff only.

The route matrix's shared survey (one yes/no question "q1") gets enough submitted responses here for
its results to be shown, so every download answers 200 rather than refusing a set that is too small."""

from __future__ import annotations

from datetime import UTC, datetime

from forum.extensions import db
from forum.surveys.models import Survey
from tests.results.conftest import Spec, add_responses

ALLOWED = {"results.": frozenset({"policy"})}


def arguments(app, world, consultation_arguments) -> dict:  # type: ignore[no-untyped-def]
    with app.app_context():
        survey = db.session.get(Survey, consultation_arguments["survey_id"])
        question = survey.questions[0]
        # Respondents only: the question was written without its yes/no options.
        specs = [Spec("9-11", "girl", None, "primary", {}, datetime(2026, 6, 2, tzinfo=UTC)) for _ in range(24)]
        add_responses(survey, specs)
        db.session.commit()
        return {"question_id": question.id}
