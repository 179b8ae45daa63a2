"""The labelled corpus: recall for what must never slip through, few false holds on clean posts."""

import pytest

from tests.moderation import scoring


@pytest.fixture(scope="module")
def report() -> scoring.Report:
    return scoring.score(scoring.load())


def test_the_corpus_is_large_and_covers_every_category():
    examples = scoring.load()
    assert len(examples) >= 400
    categories = {example.category for example in examples}
    kinds = {"violence", "sexual", "self_harm", "labour", "bullying", "neglect"}
    assert {"clean", "topic_talk", "personal_info", "profanity", "insults"} <= categories
    assert {f"safeguarding_{kind}" for kind in kinds} <= categories


@pytest.mark.parametrize("reason", ["safeguarding", "personal_info"])
def test_recall_is_at_least_95_percent(report, reason):
    assert report.recall[reason] >= 0.95, "\n".join(report.lines())


def test_at_most_5_percent_of_clean_posts_are_held_or_blocked(report):
    assert report.false_hold_rate <= 0.05, "\n".join(report.lines())


def test_a_disclosure_is_never_blocked(report):
    assert report.blocked_disclosures == [], "\n".join(report.lines())


@pytest.mark.parametrize("reason", ["profanity", "insult", "link"])
def test_other_reasons_are_found_too(report, reason):
    assert report.recall[reason] >= 0.9, "\n".join(report.lines())
