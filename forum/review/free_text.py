"""Children's free-text survey answers go through the same word rules and the same queue as posts.

- While answering: a text the rules would block (rude words) is refused with a kind request to say
  it another way; nothing else is refused, and a disclosure never is.
- At submit: every text answer waits in the queue (its reasons, or "pre_moderation"); a disclosure
  also opens a safeguarding case in the same transaction, and the child is shown who can help.
Functions flush, never commit.
"""

from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa

from forum.accounts.models import User
from forum.extensions import db
from forum.moderation import Verdict
from forum.moderation.normalize import normalize
from forum.moderation.safeguarding import find_disclosures
from forum.review.models import Urgency
from forum.review.services import enqueue_answer
from forum.safeguarding.models import CaseSource, SafeguardingCase
from forum.safeguarding.services import open_case
from forum.surveys.models import Answer


def must_rephrase(verdict: Verdict) -> bool:
    """Rude words are refused with a request to rephrase; safeguarding always holds, never blocks."""
    return verdict.action == "block" and "safeguarding" not in verdict.reasons


def hold_text_answers(
    answers: Mapping[str, Answer], verdicts: Mapping[str, Verdict], consultation_id: int, child: User | None
) -> None:
    """Queue each text answer (keys match `verdicts`); a disclosure opens a case at once."""
    for key, answer in answers.items():
        verdict = verdicts[key]
        reasons = list(verdict.reasons) or ["pre_moderation"]
        spans = [span.to_json() for span in verdict.spans]
        disclosed = "safeguarding" in verdict.reasons
        enqueue_answer(answer, consultation_id, reasons, spans, Urgency.SAFEGUARDING if disclosed else Urgency.ROUTINE)
        if disclosed:
            kinds = [disclosure.kind for disclosure in find_disclosures(normalize(answer.text or ""))]
            open_case(
                source=CaseSource.ANSWER,
                text=answer.text or "",
                child=child,
                reasons=list(dict.fromkeys([*reasons, *kinds])),
                spans=[span for span in spans if span["reason"] == "safeguarding"],
                answer=answer,
            )


def told_of_harm(response_id: int) -> bool:
    """Whether an answer in this response opened a safeguarding case (the thank-you page then
    shows who can help, every time the child comes back to it)."""
    answer_ids = sa.select(Answer.id).where(Answer.response_id == response_id)
    return (
        db.session.execute(
            sa.select(SafeguardingCase.id).where(SafeguardingCase.answer_id.in_(answer_ids)).limit(1)
        ).first()
        is not None
    )
