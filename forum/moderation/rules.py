"""The verdict on a post: allow, hold or block, why, and where in the text.

Decisions, in order:
- safeguarding → hold, always: never block a child asking for help, whatever else the post says;
- otherwise the strictest action found wins (block > hold > allow): profanity blocks, insults hold
  (a few strong slurs block: see the word lists), personal information, links and hidden
  characters hold;
- an `allow` word rule drops the other findings that lie inside its match (never a safeguarding one);
- `reasons` lists every reason found, most serious first; `spans` index into the text as typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from forum.moderation.links import find_links
from forum.moderation.normalize import normalize
from forum.moderation.personal_info import find_personal_info
from forum.moderation.safeguarding import find_disclosures
from forum.moderation.wordrules import Action, RuleSet

Reason = Literal["safeguarding", "profanity", "insult", "personal_info", "link", "invisible_characters", "custom"]
REASONS: tuple[Reason, ...] = (
    "safeguarding",
    "profanity",
    "insult",
    "personal_info",
    "link",
    "invisible_characters",
    "custom",
)
_SEVERITY: dict[Action, int] = {"allow": 0, "hold": 1, "block": 2}


@dataclass(frozen=True, slots=True)
class Span:
    """Characters start:end of the original text, and why they matter."""

    start: int
    end: int
    reason: Reason
    text: str

    def to_json(self) -> dict[str, int | str]:
        return {"start": self.start, "end": self.end, "reason": self.reason, "text": self.text}


@dataclass(frozen=True, slots=True)
class Verdict:
    action: Action
    reasons: tuple[Reason, ...]
    spans: tuple[Span, ...]

    def to_json(self) -> dict[str, object]:
        return {"action": self.action, "reasons": list(self.reasons), "spans": [span.to_json() for span in self.spans]}


@dataclass(frozen=True, slots=True)
class _Finding:
    start: int
    end: int
    reason: Reason
    action: Action


def check(text: str, rules: RuleSet | None = None) -> Verdict:
    """The verdict on `text` under `rules` (the shipped word lists by default)."""
    rules = rules if rules is not None else RuleSet.default()
    normalized = normalize(text)
    findings: list[_Finding] = []
    allowed: list[tuple[int, int]] = []
    for hit in rules.find(normalized):
        if hit.rule.action == "allow":
            allowed.append((hit.start, hit.end))
        elif hit.rule.category == "safeguarding":
            findings.append(_Finding(hit.start, hit.end, "safeguarding", "hold"))
        else:
            findings.append(_Finding(hit.start, hit.end, hit.rule.category, hit.rule.action))
    findings.extend(_Finding(start, end, "personal_info", "hold") for start, end in find_personal_info(normalized))
    findings.extend(_Finding(start, end, "link", "hold") for start, end in find_links(normalized))
    findings.extend(_Finding(start, end, "invisible_characters", "hold") for start, end in normalized.hidden)
    if allowed:
        findings = [f for f in findings if not any(a <= f.start and f.end <= b for a, b in allowed)]
    findings.extend(_Finding(d.start, d.end, "safeguarding", "hold") for d in find_disclosures(normalized))
    return _verdict(text, findings)


def _verdict(text: str, findings: list[_Finding]) -> Verdict:
    if not findings:
        return Verdict("allow", (), ())
    reasons = {finding.reason for finding in findings}
    if "safeguarding" in reasons:
        action: Action = "hold"
    else:
        action = max((finding.action for finding in findings), key=_SEVERITY.__getitem__)
    spans = []
    for reason in REASONS:
        ranges = sorted((f.start, f.end) for f in findings if f.reason == reason)
        for start, end in _merged(ranges):
            spans.append(Span(start, end, reason, text[start:end]))
    spans.sort(key=lambda span: (span.start, span.end, REASONS.index(span.reason)))
    return Verdict(action, tuple(r for r in REASONS if r in reasons), tuple(spans))


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping ranges of one reason as one span, so the child sees one highlight."""
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
