"""The labelled corpus and the figures it yields, shared by the corpus tests and bench/moderation.py.

Each `corpus/<category>.tsv` line is: expected action, TAB, expected reasons (comma-separated,
`-` for none), TAB, the post as a child would type it. The file name is the category.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from forum.moderation import Verdict, check

CORPUS = Path(__file__).with_name("corpus")
REASONS = ("safeguarding", "personal_info", "profanity", "insult", "link")


@dataclass(frozen=True)
class Example:
    category: str
    line: int
    action: str
    reasons: frozenset[str]
    text: str


@dataclass
class Report:
    """Recall and precision per reason, false holds on posts that should pass, agreement per file."""

    recall: dict[str, float] = field(default_factory=dict)
    precision: dict[str, float] = field(default_factory=dict)
    support: dict[str, int] = field(default_factory=dict)
    false_hold_rate: float = 0.0
    clean_posts: int = 0
    agreement: dict[str, float] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    blocked_disclosures: list[Example] = field(default_factory=list)
    misses: list[tuple[Example, Verdict]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The figures as printable lines, misses last."""
        out = [f"{'reason':16} {'recall':>7} {'precision':>9} {'posts':>6}"]
        for reason in REASONS:
            out.append(
                f"{reason:16} {self.recall[reason]:7.1%} {self.precision[reason]:9.1%} {self.support[reason]:6d}"
            )
        out.append(f"false holds/blocks on {self.clean_posts} posts that should pass: {self.false_hold_rate:.1%}")
        out.append(f"{'corpus file':26} {'posts':>6} {'same action':>12}")
        for category, size in self.sizes.items():
            out.append(f"{category:26} {size:6d} {self.agreement[category]:12.1%}")
        for example, verdict in self.misses:
            expected = f"{example.action} {','.join(sorted(example.reasons)) or '-'}"
            got = f"{verdict.action} {','.join(verdict.reasons) or '-'}"
            out.append(f"  {example.category}:{example.line} expected {expected}, got {got}: {example.text}")
        return out


def load() -> list[Example]:
    examples = []
    for path in sorted(CORPUS.glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            action, reasons, text = line.split("\t", 2)
            expected = frozenset() if reasons == "-" else frozenset(reasons.split(","))
            examples.append(Example(path.stem, number, action, expected, text))
    return examples


def score(examples: Iterable[Example]) -> Report:
    report = Report()
    judged = [(example, check(example.text)) for example in examples]
    for reason in REASONS:
        expected = [v for e, v in judged if reason in e.reasons]
        flagged = [e for e, v in judged if reason in v.reasons]
        report.support[reason] = len(expected)
        report.recall[reason] = _share(sum(reason in v.reasons for v in expected), len(expected))
        report.precision[reason] = _share(sum(reason in e.reasons for e in flagged), len(flagged))
    clean = [v for e, v in judged if e.action == "allow"]
    report.clean_posts = len(clean)
    report.false_hold_rate = _share(sum(v.action != "allow" for v in clean), len(clean))
    for category in dict.fromkeys(e.category for e, _ in judged):
        in_file = [(e, v) for e, v in judged if e.category == category]
        report.sizes[category] = len(in_file)
        report.agreement[category] = _share(sum(e.action == v.action for e, v in in_file), len(in_file))
    report.blocked_disclosures = [e for e, v in judged if "safeguarding" in v.reasons and v.action == "block"]
    report.misses = [(e, v) for e, v in judged if e.action != v.action or not e.reasons <= set(v.reasons)]
    return report


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0
