"""How well and how fast the moderation rules judge the labelled corpus (tests/moderation/corpus).

Run with `make bench`. Prints recall and precision per reason, the share of clean posts held or
blocked, agreement per corpus file, and posts checked per second: the median of several passes
over the whole corpus in one thread, after a warm-up pass (rule sets and regexes compile once).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from forum.moderation import RuleSet, check  # noqa: E402
from tests.moderation import scoring  # noqa: E402

PASSES = 7


def _posts_per_second(texts: list[str], rules: RuleSet) -> float:
    start = time.perf_counter()
    for text in texts:
        check(text, rules)
    return len(texts) / (time.perf_counter() - start)


def main() -> None:
    examples = scoring.load()
    report = scoring.score(examples)
    for line in report.lines():
        print(line)
    rules = RuleSet.default()
    texts = [example.text for example in examples]
    _posts_per_second(texts, rules)
    rates = [_posts_per_second(texts, rules) for _ in range(PASSES)]
    print(
        f"checked {len(texts)} posts per pass, {PASSES} passes, one thread: "
        f"median {statistics.median(rates):,.0f} posts/s (min {min(rates):,.0f}, max {max(rates):,.0f})"
    )


if __name__ == "__main__":
    main()
