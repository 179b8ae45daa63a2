"""Result tables built by hand for chart tests: no database, and withheld cells as `Cell()` so the
withheld number never exists anywhere a chart could find it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from forum.results.filters import Dimension, Filters
from forum.results.tables import (
    WITHHELD,
    Bin,
    Breakdown,
    Cell,
    Granularity,
    Group,
    GroupValue,
    NumberSummary,
    OptionRow,
    Participation,
    Period,
    QuestionResult,
    ResultStatus,
)
from forum.surveys.definition import AGREE_5, SMILEY_3, SMILEY_5, YES_NO, QuestionType

K = 10
DIACRITICS = "Thời gian dành cho học tập và vui chơi — Đồng ý/Không đồng ý"
HOSTILE = "<script>alert(1)</script>"


def text(vi: str, en: str | None = None) -> dict[str, str]:
    return {"vi": vi, "en": en or vi}


def cell(count: int | None, base: int) -> Cell:
    return WITHHELD if count is None else Cell(count, count / base)


def question(
    kind: QuestionType,
    title: dict[str, str],
    counts: Sequence[int | None] = (),
    labels: Sequence[dict[str, str]] = (),
    *,
    given: int = 40,
    declined: int = 0,
    ranks: Sequence[float | None] = (),
    numbers: NumberSummary | None = None,
    withheld: bool = False,
) -> QuestionResult:
    options = tuple(
        OptionRow(
            f"o{i}",
            labels[i] if i < len(labels) else text(f"Lựa chọn {i + 1}", f"Option {i + 1}"),
            cell(count, given + declined),
            ranks[i] if i < len(ranks) and count is not None else None,
        )
        for i, count in enumerate(counts)
    )
    if withheld:
        return QuestionResult(1, "q", 1, kind, title, WITHHELD, WITHHELD, WITHHELD,
                              tuple(OptionRow(o.key, o.label, WITHHELD) for o in options), None, (), True)  # fmt: skip
    return QuestionResult(
        1, "q", 1, kind, title, Cell(given + declined, 1.0), cell(declined, given + declined), Cell(given, 1.0),
        options, numbers,
    )  # fmt: skip


def scale_labels(points: Sequence[tuple[str, dict[str, str]]]) -> list[dict[str, str]]:
    return [label for _key, label in points]


def single_choice(withheld_option: bool = True) -> QuestionResult:
    """40 children: 25, (withheld: really 3), 12 — the 3 is nowhere in the table."""
    labels = [text("Công viên", "Park"), text(HOSTILE), text("Ở nhà", "At home")]
    counts = [25, None if withheld_option else 3, 12]
    return question(QuestionType.SINGLE_CHOICE, text(DIACRITICS, "Time for study and play"), counts, labels)


def agree(counts: Sequence[int | None] = (4, 6, 10, 12, 8), given: int = 40) -> QuestionResult:
    return question(QuestionType.AGREE, text(DIACRITICS), counts, scale_labels(AGREE_5), given=given)


def histogram(kind: QuestionType = QuestionType.NUMBER) -> QuestionResult:
    if kind is QuestionType.RATING:
        bins = tuple(
            Bin(float(s), float(s), cell(c, 40)) for s, c in zip(range(1, 6), (None, 6, 10, 12, 12), strict=True)
        )
        return question(kind, text("Em chấm sân chơi mấy sao?", "Stars?"), numbers=NumberSummary(3.6, 4.0, bins))
    edges = [(4.0, 6.0, 12), (6.0, 8.0, None), (8.0, 10.0, 16), (10.0, 12.0, 12)]
    bins = tuple(Bin(low, high, cell(c, 40)) for low, high, c in edges)
    return question(kind, text("Em ngủ mấy giờ mỗi ngày?", "Hours of sleep?"), numbers=NumberSummary(7.42, 7.0, bins))


def all_kinds() -> dict[str, QuestionResult]:
    """One question of every charted kind, some with withheld cells."""
    return {
        "single": single_choice(),
        "multiple": question(QuestionType.MULTIPLE_CHOICE, text("Em thích làm gì?"), [30, 22, None], given=40),
        "yes_no": question(QuestionType.YES_NO, text("Em có đi học thêm không?"), [20, 12, None], scale_labels(YES_NO)),
        "ranking": question(QuestionType.RANKING, text("Xếp hạng"), [38, 36, None, 35], ranks=[2.1, 1.4, None, 3.2]),
        "agree": agree(),
        "smiley3": question(QuestionType.SMILEY, text("Vui không?"), [10, 14, 16], scale_labels(SMILEY_3)),
        "smiley5": question(QuestionType.SMILEY, text("Vui không?"), [4, 6, 8, 10, 12], scale_labels(SMILEY_5)),
        "number": histogram(),
        "rating": histogram(QuestionType.RATING),
        "withheld": question(QuestionType.YES_NO, text("Em có bị bắt nạt không?"), [1, 2, 3], withheld=True),
    }


def group(label: str, result: QuestionResult | None, respondents: int | None = 40) -> Group:
    values = (GroupValue(Dimension.AGE_BAND, label, label),)
    return Group(values, cell(respondents, 120), result if result is not None else withheld_like())


def withheld_like() -> QuestionResult:
    return question(QuestionType.AGREE, text("x"), [None] * 5, scale_labels(AGREE_5), withheld=True)


def breakdown(total: QuestionResult, groups: Sequence[Group], status: ResultStatus = ResultStatus.SHOWN) -> Breakdown:
    return Breakdown(1, 1, (Dimension.AGE_BAND,), Filters(), K, status, total if status is ResultStatus.SHOWN else None,
                     tuple(groups))  # fmt: skip


def breakdowns() -> dict[str, Breakdown]:
    choice = single_choice(withheld_option=False)
    ranking = all_kinds()["ranking"]
    return {
        "by_agree": breakdown(agree(), [group("6-8", agree()), group("9-11", None, None), group("12-14", agree())]),
        "by_choice": breakdown(choice, [group("girl", choice), group("boy", None, None)]),
        "by_ranking": breakdown(ranking, [group("girl", ranking), group("boy", ranking)]),
        "by_number": breakdown(histogram(), [group("girl", histogram()), group("boy", None, None)]),
        "by_too_few": breakdown(agree(), [], ResultStatus.TOO_FEW),
    }


def participation(
    granularity: Granularity = Granularity.DAY, status: ResultStatus = ResultStatus.SHOWN
) -> Participation:
    start = date(2025, 3, 3)
    step = {Granularity.DAY: 1, Granularity.WEEK: 7, Granularity.PERIOD: 3}[granularity]
    periods, total = [], 0
    for index, count in enumerate((12, 15, 30, 11)):
        total += count
        first = start + timedelta(days=index * step)
        periods.append(Period(first, first + timedelta(days=step - 1), count, total))
    if status is not ResultStatus.SHOWN:
        return Participation(1, Filters(), K, status, None, None)
    return Participation(1, Filters(), K, status, total, granularity, tuple(periods))
