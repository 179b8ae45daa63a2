"""What safeguarding cases' statuses, urgencies and reasons are called on screen, translatable.

`REASON_NAMES` covers the rules' reason codes, the disclosure kinds of
`forum.moderation.safeguarding` and the queue's own reasons, so a case opened by the rules or by
a moderator reads the same; the word rules' test box uses it too.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from forum.safeguarding.models import CaseStatus, CaseUrgency

STATUS_NAMES = {
    CaseStatus.NEW.value: _l("New"),
    CaseStatus.IN_PROGRESS.value: _l("In progress"),
    CaseStatus.REFERRED_111.value: _l("Referred to 111"),
    CaseStatus.REFERRED_SCHOOL.value: _l("Referred to the school"),
    CaseStatus.REFERRED_POLICE.value: _l("Referred to the police"),
    CaseStatus.CLOSED.value: _l("Closed"),
}
URGENCY_NAMES = {
    CaseUrgency.IMMEDIATE.value: _l("Immediate danger"),
    CaseUrgency.HIGH.value: _l("High"),
    CaseUrgency.NORMAL.value: _l("Normal"),
}
REASON_NAMES = {
    # The rules' reason codes (forum.moderation.rules.REASONS).
    "safeguarding": _l("Safeguarding"),
    "profanity": _l("Rude words"),
    "insult": _l("Insult"),
    "personal_info": _l("Personal information"),
    "link": _l("Link"),
    "invisible_characters": _l("Hidden characters"),
    "custom": _l("Custom rule"),
    # Disclosure kinds (forum.moderation.safeguarding.Disclosure.kind).
    "violence": _l("Violence"),
    "sexual": _l("Sexual abuse or grooming"),
    "self_harm": _l("Self-harm or suicidal thoughts"),
    "labour": _l("Child labour"),
    "bullying": _l("Bullying"),
    "neglect": _l("Neglect"),
    "unspecified": _l("Names a harm"),
    # Why an item is in the moderation queue.
    "reported": _l("Reported by children"),
    "pre_moderation": _l("Waiting for approval"),
}
