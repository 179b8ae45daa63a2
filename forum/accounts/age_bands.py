"""Ages and age bands derived from a birth year (bands come from configuration)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date


def age_in_year(birth_year: int, today: date) -> int:
    """The age a child reaches this calendar year: how Vietnamese schools group pupils."""
    return today.year - birth_year


def band_for_age(age: int, bands: Sequence[Sequence[int]]) -> tuple[int, int]:
    """The configured band holding `age`; ages outside every band fall in the nearest one."""
    for low, high in bands:
        if low <= age <= high:
            return (low, high)
    if age < bands[0][0]:
        return (bands[0][0], bands[0][1])
    for (low, high), following in zip(bands, list(bands[1:]) + [None], strict=True):
        if following is None or age < following[0]:
            return (low, high)
    return (bands[-1][0], bands[-1][1])


def band_label(band: tuple[int, int]) -> str:
    return f"{band[0]}–{band[1]}"


def allowed_birth_years(bands: Sequence[Sequence[int]], today: date) -> range:
    """Birth years a new child may have: a year either side of the configured bands."""
    youngest, oldest = bands[0][0] - 1, bands[-1][1] + 1
    return range(today.year - oldest, today.year - youngest + 1)


def band_key(band: tuple[int, int] | Sequence[int]) -> str:
    """How a band is named in data (surveys, snapshots, settings): "6-8"."""
    return f"{band[0]}-{band[1]}"


def band_keys(bands: Sequence[Sequence[int]]) -> list[str]:
    return [band_key(band) for band in bands]


def label_of_key(key: str) -> str:
    """ "6-8" as people read it: "6–8"."""
    return key.replace("-", "–")
